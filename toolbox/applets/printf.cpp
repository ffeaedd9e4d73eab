// printf, as GNU coreutils: FORMAT applied to the ARGUMENTs (reused while arguments remain),
// with GNU's escapes, conversions and diagnostics (lib/printf_format). Only --help and
// --version are options, and only as the sole argument, as in GNU.
// applet: printf printf_main
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/printf_format.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "printf";

constexpr std::string_view k_usage =
    "Usage: printf FORMAT [ARGUMENT]...\n"
    "  or:  printf OPTION\n"
    "Print ARGUMENT(s) according to FORMAT, or execute according to OPTION:\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "FORMAT controls the output as in C printf.  Interpreted sequences are:\n"
    "\n"
    "  \\\"      double quote\n"
    "  \\\\      backslash\n"
    "  \\a      alert (BEL)\n"
    "  \\b      backspace\n"
    "  \\c      produce no further output\n"
    "  \\e      escape\n"
    "  \\f      form feed\n"
    "  \\n      new line\n"
    "  \\r      carriage return\n"
    "  \\t      horizontal tab\n"
    "  \\v      vertical tab\n"
    "  \\NNN    byte with octal value NNN (1 to 3 digits)\n"
    "  \\xHH    byte with hexadecimal value HH (1 to 2 digits)\n"
    "  \\uHHHH  Unicode (ISO/IEC 10646) character with hex value HHHH (4 digits)\n"
    "  \\UHHHHHHHH  Unicode character with hex value HHHHHHHH (8 digits)\n"
    "  %%      a single %\n"
    "  %b      ARGUMENT as a string with '\\' escapes interpreted,\n"
    "          except that octal escapes are of the form \\0 or \\0NNN\n"
    "  %q      ARGUMENT is printed in a format that can be reused as shell input,\n"
    "          escaping non-printable characters with the proposed POSIX $'' syntax.\n"
    "\n"
    "and all C format specifications ending with one of diouxXfeEgGcs, with\n"
    "ARGUMENTs converted to proper type first.  Variable widths are handled.\n"
    "\n"
    "NOTE: your shell may have its own version of printf, which usually supersedes\n"
    "the version described here.  Please refer to your shell's documentation\n"
    "for details about the options it supports.\n";

}  // namespace

int printf_main(int argc, char** argv) {
    if (argc == 2 && std::string_view(argv[1]) == "--help")
        return print_usage(k_usage);
    if (argc == 2 && std::string_view(argv[1]) == "--version")
        return print_version(k_program);
    int first = 1;
    if (first < argc && std::string_view(argv[first]) == "--")
        ++first;
    if (first >= argc)
        return missing_operand(k_program);
    std::vector<std::string_view> arguments(argv + first + 1, argv + argc);
    PrintfFormatter formatter(k_program);
    std::string text;
    int status = formatter.run(argv[first], arguments, text);
    Output out;
    out.write(text);
    return finish(out, k_program, status);
}

}  // namespace toolbox
