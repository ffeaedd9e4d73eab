// test_expression.h — test / [ and [[ ]]: file tests, string and integer comparisons, and for
// [[ ]] pattern and regular-expression matching (BASH_REMATCH).
// Thread safety: single-threaded.
#pragma once

#include "sh/lang/ast.h"
#include "sh/shell.h"

namespace sh {

// [[ … ]]: 0 true, 1 false, 2 error.
int evaluate_conditional(Shell& shell, const CondExpression& expression);

}  // namespace sh
