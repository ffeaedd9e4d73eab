// paste, as GNU coreutils: the lines of the files side by side (or each file on one line with
// -s), separated by the -d delimiters in turn (escapes \n \t \\ \0 for none, \b \f \r \v), -z for
// NUL-terminated lines; "-" may be given several times and shares stdin. Files that end early
// give empty columns; delimiters of finished files are written only if a later column has data
// or the line goes on (coreutils paste.c paste_parallel()). Streams.
// applet: paste paste_main
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "paste";

constexpr std::string_view k_usage =
    "Usage: paste [OPTION]... [FILE]...\n"
    "Write lines consisting of the sequentially corresponding lines from\n"
    "each FILE, separated by TABs, to standard output.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -d, --delimiters=LIST   reuse characters from LIST instead of TABs\n"
    "  -s, --serial            paste one file at a time instead of in parallel\n"
    "  -z, --zero-terminated    line delimiter is NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"serial", Argument::none, 's'},
    {"delimiters", Argument::required, 'd'},
    {"zero-terminated", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

// A delimiter is one byte, or none (\0).
using Delimiter = std::optional<char>;

// coreutils paste.c collapse_escapes(); false when the list ends in a lone backslash.
bool parse_delimiters(std::string_view list, std::vector<Delimiter>& delimiters) {
    for (size_t i = 0; i < list.size(); ++i) {
        if (list[i] != '\\') {
            delimiters.emplace_back(list[i]);
            continue;
        }
        if (++i == list.size())
            return false;
        switch (list[i]) {
        case '0': delimiters.emplace_back(std::nullopt); break;
        case 'b': delimiters.emplace_back('\b'); break;
        case 'f': delimiters.emplace_back('\f'); break;
        case 'n': delimiters.emplace_back('\n'); break;
        case 'r': delimiters.emplace_back('\r'); break;
        case 't': delimiters.emplace_back('\t'); break;
        case 'v': delimiters.emplace_back('\v'); break;
        default: delimiters.emplace_back(list[i]); break;
        }
    }
    if (delimiters.empty())
        delimiters.emplace_back(std::nullopt);
    return true;
}

void complain_file(const std::string& name, int error) {
    write_all(2, std::string(k_program) + ": " + quote_file(name) + ": " + strerror_gnu(error) + "\n");
}

// One column: its reader (shared by every "-"), and whether it is still open.
struct Column {
    std::string name;
    LineReader* reader{nullptr};
    int fd{-1};
    bool open{true};
};

int paste_parallel(const std::vector<std::string>& names, const std::vector<Delimiter>& delimiters, char eol,
                   Output& out) {
    std::vector<std::unique_ptr<LineReader>> readers;
    std::unique_ptr<LineReader> stdin_reader;
    std::vector<Column> columns;
    for (const auto& name : names) {
        Column column;
        column.name = name;
        if (name == "-") {
            if (!stdin_reader)
                stdin_reader = std::make_unique<LineReader>(0, eol);
            column.reader = stdin_reader.get();
            column.fd = 0;
        } else {
            column.fd = open_input(name);
            if (column.fd < 0) {
                complain_file(name, errno);
                return 1;
            }
            readers.push_back(std::make_unique<LineReader>(column.fd, eol));
            column.reader = readers.back().get();
        }
        columns.push_back(column);
    }
    int status = 0;
    size_t open_count = columns.size();
    std::string saved;  // delimiters of finished columns, written if the line goes on
    while (open_count > 0 && !out.failed()) {
        size_t next_delimiter = 0;
        saved.clear();
        for (size_t i = 0; i < columns.size() && open_count > 0; ++i) {
            Column& column = columns[i];
            std::string_view line;
            bool got = column.open && column.reader->next(line);
            bool last = i + 1 == columns.size();
            if (!got) {
                if (column.open) {
                    if (column.reader->error() != 0) {
                        out.flush();
                        complain_file(column.name, column.reader->error());
                        status = 1;
                    }
                    column.open = false;
                    --open_count;
                }
                if (last) {
                    if (open_count > 0) {
                        out.write(saved);
                        out.put(eol);
                    }
                } else {
                    if (delimiters[next_delimiter])
                        saved.push_back(*delimiters[next_delimiter]);
                    next_delimiter = (next_delimiter + 1) % delimiters.size();
                }
                continue;
            }
            out.write(saved);
            saved.clear();
            if (!line.empty() && line.back() == eol)
                line.remove_suffix(1);
            out.write(line);
            if (last) {
                out.put(eol);
            } else {
                if (delimiters[next_delimiter])
                    out.put(*delimiters[next_delimiter]);
                next_delimiter = (next_delimiter + 1) % delimiters.size();
            }
        }
    }
    for (const auto& column : columns)
        if (column.fd > 0)
            ::close(column.fd);
    return status;
}

int paste_serial(const std::vector<std::string>& names, const std::vector<Delimiter>& delimiters, char eol,
                 Output& out) {
    int status = 0;
    for (const auto& name : names) {
        int fd = open_input(name);
        if (fd < 0) {
            out.flush();
            complain_file(name, errno);
            status = 1;
            continue;
        }
        LineReader reader(fd, eol);
        std::string_view line;
        size_t next_delimiter = 0;
        bool first = true;
        while (reader.next(line)) {
            if (!first) {
                if (delimiters[next_delimiter])
                    out.put(*delimiters[next_delimiter]);
                next_delimiter = (next_delimiter + 1) % delimiters.size();
            }
            first = false;
            if (!line.empty() && line.back() == eol)
                line.remove_suffix(1);
            out.write(line);
        }
        if (reader.error() != 0) {
            out.flush();
            complain_file(name, reader.error());
            status = 1;
        }
        out.put(eol);
        if (fd != 0)
            ::close(fd);
        if (out.failed())
            break;
    }
    return status;
}

}  // namespace

int paste_main(int argc, char** argv) {
    bool serial = false;
    char eol = '\n';
    std::string_view delimiter_list = "\t";
    OptionParser parser(k_program, argc, argv, "d:sz", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'd': delimiter_list = option.argument; break;
        case 's': serial = true; break;
        case 'z': eol = '\0'; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    std::vector<Delimiter> delimiters;
    if (!parse_delimiters(delimiter_list, delimiters)) {
        write_all(2, std::string(k_program) + ": delimiter list ends with an unescaped backslash: " +
                         std::string(delimiter_list) + "\n");
        return 1;
    }
    std::vector<std::string> names;
    for (std::string_view operand : parser.operands())
        names.emplace_back(operand);
    if (names.empty())
        names.emplace_back("-");
    Output out;
    int status = serial ? paste_serial(names, delimiters, eol, out) : paste_parallel(names, delimiters, eol, out);
    return finish(out, k_program, status);
}

}  // namespace toolbox
