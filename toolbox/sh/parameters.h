// parameters.h — ${…} and $name: special and positional parameters, variables and arrays, and
// every operator of ast.h's ParamOp.
// Thread safety: single-threaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sh/lang/ast.h"
#include "sh/shell.h"

namespace sh {

struct ParamValue {
    std::vector<std::string> values;  // one value, or the elements of "$@" / "${a[@]}"
    bool is_list{false};
    bool joined{false};     // $* / ${a[*]}: one field joined by `separator` when quoted
    char separator{' '};    // IFS's first character ('\0' when IFS is empty)
    // Unquoted ${x:-w} or ${x:+w} that chose w: not expanded here; the caller expands w's parts
    // in place, so that its quoted parts stay unsplit ("a  b") and an empty "$v" stays a field.
    const Word* word{nullptr};
};

// `unquoted`: the expansion is not inside double quotes (see ParamValue::word).
std::optional<ParamValue> expand_parameter(Shell& shell, const ParamExpansion& expansion, bool unquoted);
std::string expand_tilde(Shell& shell, const std::string& user);

}  // namespace sh
