// quote.h — quoting values so the shell reads them back as they are: for `set -x`, `declare -p`,
// `printf %q`, `alias` and `trap` output, as bash prints them.
#pragma once

#include <string>
#include <string_view>

namespace sh {

// As set -x shows an argument: unchanged when safe, in single quotes when it holds a character
// the shell would act on ('' when empty), else $'…' when it holds one the locale cannot print
// (`utf8`: valid UTF-8 sequences print; otherwise every byte from 0x80 is octal).
std::string quote_for_trace(std::string_view text, bool utf8);
// As declare -p and set show a value: always in double quotes... bash uses '…' for set, "…" for declare.
std::string quote_single(std::string_view text);
std::string quote_double(std::string_view text);
// printf %q: backslash escapes, or $'…' for control characters.
std::string quote_escaped(std::string_view text);

}  // namespace sh
