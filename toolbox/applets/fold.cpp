// fold, as GNU coreutils: lines wrapped at -w WIDTH columns (80; the obsolete -N too), counting
// display columns (tab to the next multiple of 8, backspace back one, carriage return to 0) or
// bytes with -b; -s breaks after the last blank that fits. Mirrors coreutils fold.c fold_file().
// applet: fold fold_main
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "fold";

constexpr std::string_view k_usage =
    "Usage: fold [OPTION]... [FILE]...\n"
    "Wrap input lines in each FILE, writing to standard output.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -b, --bytes         count bytes rather than columns\n"
    "  -s, --spaces        break at spaces\n"
    "  -w, --width=WIDTH   use WIDTH columns instead of 80\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"bytes", Argument::none, 'b'},
    {"spaces", Argument::none, 's'},
    {"width", Argument::required, 'w'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Settings {
    bool count_bytes{false};
    bool break_spaces{false};
    uint64_t width{80};
};

uint64_t adjust_column(uint64_t column, char c, bool count_bytes) {
    if (count_bytes)
        return column + 1;
    if (c == '\b')
        return column > 0 ? column - 1 : 0;
    if (c == '\r')
        return 0;
    if (c == '\t')
        return column + 8 - column % 8;
    return column + 1;
}

// One input: 0, or 1 after a message.
int fold_fd(int fd, const std::string& name, const Settings& settings, Output& out) {
    std::string line;  // the pending output line
    uint64_t column = 0;
    int error = read_blocks(fd, [&](std::string_view block) {
        for (char c : block) {
            if (c == '\n') {
                line.push_back(c);
                out.write(line);
                line.clear();
                column = 0;
                continue;
            }
            while (true) {
                column = adjust_column(column, c, settings.count_bytes);
                if (column <= settings.width) {
                    line.push_back(c);
                    break;
                }
                // This character would make the line too long.
                if (settings.break_spaces) {
                    size_t blank = line.find_last_of(" \t");
                    if (blank != std::string::npos) {
                        out.write(std::string_view(line).substr(0, blank + 1));
                        out.put('\n');
                        line.erase(0, blank + 1);
                        column = 0;
                        for (char kept : line)
                            column = adjust_column(column, kept, settings.count_bytes);
                        continue;
                    }
                }
                if (line.empty()) {
                    line.push_back(c);
                    break;
                }
                line.push_back('\n');
                out.write(line);
                line.clear();
                column = 0;
            }
        }
        return !out.failed();
    });
    out.write(line);
    if (error != 0) {
        out.flush();
        write_all(2, std::string(k_program) + ": " + quote_file(name) + ": " + strerror_gnu(error) + "\n");
        return 1;
    }
    return 0;
}

bool parse_width(const std::string& text, uint64_t& width) {
    NumberStatus status = parse_decimal(text, width);
    if (status == NumberStatus::ok && width >= 1 && width <= SIZE_MAX - 10)
        return true;
    std::string message = std::string(k_program) + ": invalid number of columns: " + quote(text);
    if (status == NumberStatus::overflow)
        message += ": Value too large for defined data type";
    else if (status == NumberStatus::ok)
        message += ": Numerical result out of range";
    write_all(2, message + "\n");
    return false;
}

}  // namespace

int fold_main(int argc, char** argv) {
    Settings settings;
    OptionParser parser(k_program, argc, argv, "bsw:0::1::2::3::4::5::6::7::8::9::", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'b': settings.count_bytes = true; break;
        case 's': settings.break_spaces = true; break;
        case 'w':
            if (!parse_width(option.argument, settings.width))
                return 1;
            break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default:
            if (option.id >= '0' && option.id <= '9') {
                std::string digits(1, static_cast<char>(option.id));
                if (option.argument != nullptr)
                    digits += option.argument;
                if (!parse_width(digits, settings.width))
                    return 1;
                break;
            }
            return 1;
        }
    }
    Output out;
    int status = 0;
    std::vector<std::string> names;
    for (std::string_view operand : parser.operands())
        names.emplace_back(operand);
    if (names.empty())
        names.emplace_back("-");
    for (const auto& name : names) {
        int fd = open_input(name);
        if (fd < 0) {
            out.flush();
            write_all(2, std::string(k_program) + ": " + quote_file(name) + ": " + strerror_gnu(errno) + "\n");
            status = 1;
            continue;
        }
        status |= fold_fd(fd, name, settings, out);
        if (fd != 0)
            ::close(fd);
        if (out.failed())
            break;
    }
    return finish(out, k_program, status);
}

}  // namespace toolbox
