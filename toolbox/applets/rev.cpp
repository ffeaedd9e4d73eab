// rev, as util-linux's: each line's characters in reverse order, files named as operands (no
// "-" for stdin: without operands it reads stdin), -h/--help, -V/--version. A line without a
// final newline is written without one. Characters are UTF-8 sequences (a valid sequence is never
// split; other bytes stand alone). FIXME: util-linux works on wide characters of the locale, so in
// the C locale it stops with "Invalid or incomplete multibyte or wide character" on non-ASCII
// bytes and ends a line at a NUL byte; we reverse such input instead.
// applet: rev rev_main
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/options.h"
#include "lib/output.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "rev";

constexpr std::string_view k_usage =
    "Usage: rev [options] [file ...]\n"
    "\n"
    "Reverse lines characterwise.\n"
    "\n"
    "Options:\n"
    " -h, --help     display this help\n"
    " -V, --version  display version\n";

constexpr LongOption k_long_options[] = {
    {"help", Argument::none, 'h'},
    {"version", Argument::none, 'V'},
};

// The length of the UTF-8 sequence starting at text[i], or 1 when it is not a valid one.
size_t sequence_length(std::string_view text, size_t i) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 1;
    if (length == 1 || i + length > text.size())
        return 1;
    for (size_t k = 1; k < length; ++k)
        if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80)
            return 1;
    return length;
}

void reverse_line(std::string_view line, std::string& out) {
    out.clear();
    out.resize(line.size());
    size_t end = line.size();
    for (size_t i = 0; i < line.size();) {
        size_t length = sequence_length(line, i);
        end -= length;
        std::memcpy(out.data() + end, line.data() + i, length);
        i += length;
    }
}

// 0, or 1 after a message.
int rev_fd(int fd, const char* name, Output& out) {
    LineReader reader(fd);
    std::string_view line;
    std::string reversed;
    unsigned long line_number = 0;
    while (reader.next(line)) {
        bool newline = !line.empty() && line.back() == '\n';
        if (newline)
            line.remove_suffix(1);
        reverse_line(line, reversed);
        out.write(reversed);
        if (newline) {
            out.put('\n');
            ++line_number;
        }
        if (out.failed())
            return 0;
    }
    if (reader.error() != 0) {
        out.flush();
        write_all(2, std::string(k_program) + ": " + name + ": " + std::to_string(line_number) + ": " +
                         strerror_gnu(reader.error()) + "\n");
        return 1;
    }
    return 0;
}

}  // namespace

int rev_main(int argc, char** argv) {
    OptionParser parser(k_program, argc, argv, "hV", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'h': return print_usage(k_usage);
        case 'V': return write_all(1, "rev from util-linux 2.38.1 (secure-exec toolbox)\n") ? 0 : 1;
        default: return 1;
        }
    }
    Output out;
    int status = 0;
    if (parser.operands().empty())
        return finish(out, k_program, rev_fd(0, "stdin", out));
    for (std::string_view operand : parser.operands()) {
        std::string name(operand);
        int fd = ::open(name.c_str(), O_RDONLY);
        if (fd < 0) {
            out.flush();
            write_all(2, std::string(k_program) + ": cannot open " + name + ": " + strerror_gnu(errno) + "\n");
            status = 1;
            continue;
        }
        status |= rev_fd(fd, name.c_str(), out);
        ::close(fd);
        if (out.failed())
            break;
    }
    return finish(out, k_program, status);
}

}  // namespace toolbox
