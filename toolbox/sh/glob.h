// glob.h — pathname expansion: the sorted paths matching a pattern (quoted characters escaped),
// with the shell's dotglob, globstar, nocaseglob and extglob options.
#pragma once

#include <string>
#include <vector>

#include "sh/shell.h"

namespace sh {

std::vector<std::string> glob(const Shell& shell, const std::string& pattern);

}  // namespace sh
