// messages.h — GNU-style diagnostics: "PROGRAM: MESSAGE", file names quoted as coreutils does
// ('name' when it has spaces or shell-special characters), and the usual option errors.
// Thread safety: stateless.
#pragma once

#include <string>
#include <string_view>

namespace toolbox {

// Writes "PROGRAM: MESSAGE\n" to stderr.
void complain(std::string_view program, std::string_view message);
// "PROGRAM: NAME: strerror(error)", with NAME quoted when coreutils would quote it.
void complain_file(std::string_view program, std::string_view name, int error);
// coreutils' shell-escape quoting of a file name in messages ('a b', 'it'\''s').
std::string quote_name(std::string_view name);
// "PROGRAM: invalid option -- 'x'\nTry 'PROGRAM --help' for more information.\n"; returns `status`.
int invalid_option(std::string_view program, char option, int status = 1);
// "PROGRAM: unrecognized option '--foo'\nTry …"; returns `status`.
int unrecognized_option(std::string_view program, std::string_view option, int status = 1);

}  // namespace toolbox
