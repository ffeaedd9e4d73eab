// ansi_c.h — decoding the text of $'…' (bash's ansicstr).
#pragma once

#include <string>
#include <string_view>

namespace sh {

// Decodes the escapes of $'…' text (without the quotes): \a \b \e \E \f \n \r \t \v \\ \' \" \?
// \NNN (octal, 1-3 digits) \xHH (1-2) \uHHHH (1-4) \UHHHHHHHH (1-8, as UTF-8) \cX (control X).
// Other escapes stay as written. A NUL ends the string, as in bash.
std::string decode_ansi_c(std::string_view text);

}  // namespace sh
