// ast_clone.h — deep copies of words and assignments (their parts own nested words through
// unique_ptr, so they don't copy implicitly). Programs inside substitutions are shared, not
// copied: a parsed tree is immutable.
#pragma once

#include "sh/lang/ast.h"

namespace sh {

Word clone_word(const Word& word);
Assignment clone_assignment(const Assignment& assignment);

}  // namespace sh
