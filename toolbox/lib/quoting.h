// quoting.h — how coreutils quotes values and file names in its messages, in the C locale
// (gnulib quotearg): quote() for values ('a\'b', '\001'), quote_file() for file names in the
// shell-escape style, quoted only when needed (a b -> 'a b', it's -> "it's", tab -> ''$'\t'), and
// quote_file_always() for the messages that always quote ("cannot open 'x' for reading").
// Thread safety: stateless.
#pragma once

#include <string>
#include <string_view>

namespace toolbox {

// locale_quoting_style in the C locale: 'text', with \ ' and unprintable bytes as C escapes.
std::string quote(std::string_view text);
// shell_escape_quoting_style: the name itself when the shell needs no quotes for it.
std::string quote_file(std::string_view name);
// shell_escape_always_quoting_style.
std::string quote_file_always(std::string_view name);

}  // namespace toolbox
