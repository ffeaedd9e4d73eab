#include "lib/messages.h"

#include <cctype>
#include <cstring>

#include "lib/io.h"

namespace toolbox {

void complain(std::string_view program, std::string_view message) {
    std::string line;
    line.append(program).append(": ").append(message).append("\n");
    write_all(2, line);
}

std::string quote_name(std::string_view name) {
    bool plain = !name.empty();
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || std::strchr("-_./+,:@%^=", c)))
            plain = false;
    if (plain)
        return std::string(name);
    std::string out = "'";
    for (char c : name) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

void complain_file(std::string_view program, std::string_view name, int error) {
    complain(program, quote_name(name) + ": " + std::strerror(error));
}

int invalid_option(std::string_view program, char option, int status) {
    complain(program, std::string("invalid option -- '") + option + "'");
    write_all(2, "Try '" + std::string(program) + " --help' for more information.\n");
    return status;
}

int unrecognized_option(std::string_view program, std::string_view option, int status) {
    complain(program, "unrecognized option '" + std::string(option) + "'");
    write_all(2, "Try '" + std::string(program) + " --help' for more information.\n");
    return status;
}

}  // namespace toolbox
