// word_source.h — a word as the user wrote it, rebuilt from its parts, for messages that quote
// it ("$f: ambiguous redirect").
#pragma once

#include <string>

#include "sh/lang/ast.h"

namespace sh {

std::string word_source(const Word& word);

}  // namespace sh
