// assign.h — variable assignments: name=value, name+=value, name[i]=value, name=(…), with the
// variable's attributes (integer evaluates, readonly refuses).
// Thread safety: single-threaded.
#pragma once

#include <optional>
#include <string>

#include "sh/lang/ast.h"
#include "sh/shell.h"

namespace sh {

// Performs it (traced when set -x is on); false after reporting an error. `exported` marks it for
// a child's environment (a temporary assignment before a command).
bool perform_assignment(Shell& shell, const Assignment& assignment, bool exported);
// name=(…) or name+=(…): the elements expanded and stored (for declare's compound operands).
bool assign_compound(Shell& shell, const Assignment& assignment);
// Assigns `value` to `name` (or name[key]) with the variable's attributes applied.
bool assign_value(Shell& shell, const std::string& name, const std::optional<std::string>& key, std::string value,
                  bool append);

}  // namespace sh
