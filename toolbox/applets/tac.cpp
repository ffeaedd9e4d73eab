// tac, as GNU coreutils: each file's records in reverse order; a record ends with the separator
// (-s SEP, default newline) or, with -b, starts with it; -r makes SEP a regular expression (GNU's
// default Emacs syntax: + ? * special, \| \( \) for alternation and groups). Files are read
// backwards in blocks; a pipe is first copied to a temporary file (TMPDIR or /tmp), so memory
// stays bounded by the longest record. FIXME: with -r the file is held in memory and searched
// position by position (fine for ordinary sizes), and NUL bytes end a record's text for the
// regex.
// applet: tac tac_main
#include <fcntl.h>
#include <regex.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "tac";

constexpr std::string_view k_usage =
    "Usage: tac [OPTION]... [FILE]...\n"
    "Write each FILE to standard output, last line first.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -b, --before             attach the separator before instead of after\n"
    "  -r, --regex              interpret the separator as a regular expression\n"
    "  -s, --separator=STRING   use STRING as the separator instead of newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"before", Argument::none, 'b'},
    {"regex", Argument::none, 'r'},
    {"separator", Argument::required, 's'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Settings {
    std::string separator{"\n"};
    bool before{false};
    bool regex{false};
    regex_t compiled{};
};

void complain(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
}

// A separator occurrence: [start, end).
struct Match {
    size_t start;
    size_t end;
};

// The separator occurrence starting closest to the end of text[0, search_end) and lying within
// it (tac.c searches the text before the previous separator).
bool last_fixed(std::string_view text, size_t search_end, const Settings& settings, Match& match) {
    const std::string& sep = settings.separator;
    if (search_end < sep.size())
        return false;
    for (size_t start = search_end - sep.size() + 1; start-- > 0;) {
        if (text.compare(start, sep.size(), sep) == 0) {
            match = {start, start + sep.size()};
            return true;
        }
    }
    return false;
}

// Regex mode: each start tried backwards, the longest (possibly empty) match at that start within
// text[0, search_end), as GNU tac's re_search with a negative range.
bool last_regex(std::string_view text, size_t search_end, const Settings& settings, Match& match) {
    std::string candidate;
    for (size_t start = search_end; start-- > 0;) {
        candidate.assign(text.substr(start, search_end - start));
        regmatch_t found{};
        if (regexec(&settings.compiled, candidate.c_str(), 1, &found, 0) != 0 || found.rm_so != 0)
            continue;
        match = {start, start + static_cast<size_t>(found.rm_eo)};
        return true;
    }
    return false;
}

// Emacs regex syntax to POSIX ERE, anchored at the start: "^(...)".
std::string to_extended(std::string_view pattern) {
    std::string out = "^(";
    bool in_bracket = false;
    for (size_t i = 0; i < pattern.size(); ++i) {
        char c = pattern[i];
        if (in_bracket) {
            out.push_back(c);
            if (c == ']' && !(out.size() >= 2 && (out[out.size() - 2] == '[' || out[out.size() - 2] == '^')))
                in_bracket = false;
            continue;
        }
        if (c == '[') {
            in_bracket = true;
            out.push_back(c);
            continue;
        }
        if (c == '\\' && i + 1 < pattern.size()) {
            char next = pattern[++i];
            if (next == '|' || next == '(' || next == ')')
                out.push_back(next);
            else if (next == '{' || next == '}')
                out += std::string("\\") + next;
            else
                out += std::string("\\") + next;
            continue;
        }
        if (c == '|' || c == '(' || c == ')' || c == '{' || c == '}') {
            out += std::string("\\") + c;
            continue;
        }
        out.push_back(c);
    }
    return out + ")";
}

// Copies a non-seekable input to a temporary file; the new descriptor or -1 (errno set).
int spool(int fd) {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string directory = tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
    std::string path;
    int temp = -1;
    for (int attempt = 0; attempt < 100 && temp < 0; ++attempt) {
        unsigned char random[6] = {};
        (void)getentropy(random, sizeof random);
        path = directory + "/tac";
        for (unsigned char byte : random)
            path += static_cast<char>('a' + byte % 26);
        temp = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
        if (temp < 0 && errno != EEXIST)
            return -1;
    }
    if (temp < 0)
        return -1;
    ::unlink(path.c_str());
    int error = read_blocks(fd, [&](std::string_view block) { return write_all(temp, block); });
    if (error != 0) {
        ::close(temp);
        errno = error;
        return -1;
    }
    return temp;
}

// Reads [offset, offset + length) of `fd` into `out`; 0 or errno.
int read_at(int fd, off_t offset, size_t length, char* out) {
    if (::lseek(fd, offset, SEEK_SET) < 0)
        return errno;
    size_t have = 0;
    while (have < length) {
        ssize_t got = ::read(fd, out + have, length - have);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return errno;
        if (got == 0)
            break;
        have += static_cast<size_t>(got);
    }
    return 0;
}

// Writes the records of bytes [base, size) of a seekable `fd` in reverse; 0 or a read errno.
int reverse_seekable(int fd, off_t base, off_t size, const Settings& settings, Output& out) {
    constexpr size_t k_block = 65536;
    std::string buffer;
    off_t position = size;  // the file offset of buffer[0]
    if (settings.regex) {
        buffer.resize(static_cast<size_t>(size - base));
        if (int error = read_at(fd, base, buffer.size(), buffer.data()))
            return error;
        position = base;
    }
    size_t limit = buffer.size();       // the end of the records not yet written
    size_t search_end = buffer.size();  // separators are looked for before this
    while (true) {
        Match match{};
        bool found = settings.regex ? last_regex(buffer, search_end, settings, match)
                                    : last_fixed(buffer, search_end, settings, match);
        if (!found && position > base) {
            size_t more = static_cast<size_t>(std::min<off_t>(position - base, static_cast<off_t>(k_block)));
            position -= static_cast<off_t>(more);
            std::string bigger(more, '\0');
            if (int error = read_at(fd, position, more, bigger.data()))
                return error;
            bigger.append(buffer, 0, limit);
            buffer = std::move(bigger);
            limit += more;
            search_end += more;
            continue;
        }
        size_t start = found ? (settings.before ? match.start : match.end) : 0;
        out.write(std::string_view(buffer).substr(start, limit - start));
        if (out.failed() || !found)
            return 0;
        limit = start;
        search_end = match.start;
        if (!settings.regex)
            buffer.resize(limit);
    }
}

// 0, or 1 after a message.
int tac_file(const std::string& name, const Settings& settings, Output& out) {
    int fd = open_input(name);
    if (fd < 0) {
        complain("failed to open " + quote_file_always(name) + " for reading: " + strerror_gnu(errno));
        return 1;
    }
    std::string display = name == "-" ? "standard input" : name;
    struct stat info {};
    int source = fd;
    bool spooled = false;
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || ::lseek(fd, 0, SEEK_CUR) < 0) {
        source = spool(fd);
        if (source < 0) {
            complain(quote_file(display) + ": read error: " + strerror_gnu(errno));
            if (fd != 0)
                ::close(fd);
            return 1;
        }
        spooled = true;
    }
    // Only [start, end) belongs to this input: stdin may have been partly read before.
    off_t start = spooled ? 0 : ::lseek(source, 0, SEEK_CUR);
    off_t end = ::lseek(source, 0, SEEK_END);
    int error = start < 0 || end < 0 ? errno : 0;
    if (error == 0 && end > start)
        error = reverse_seekable(source, start, end, settings, out);
    if (spooled)
        ::close(source);
    if (fd != 0)
        ::close(fd);
    if (error != 0) {
        out.flush();
        complain(quote_file(display) + ": read error: " + strerror_gnu(error));
        return 1;
    }
    return 0;
}

}  // namespace

int tac_main(int argc, char** argv) {
    Settings settings;
    OptionParser parser(k_program, argc, argv, "brs:", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'b': settings.before = true; break;
        case 'r': settings.regex = true; break;
        case 's':
            settings.separator = option.argument;
            // An empty separator is the C string's terminator: a NUL byte.
            if (settings.separator.empty())
                settings.separator.assign(1, '\0');
            break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    if (settings.regex && settings.separator != std::string(1, '\0')) {
        std::string pattern = to_extended(settings.separator);
        int result = regcomp(&settings.compiled, pattern.c_str(), REG_EXTENDED);
        if (result != 0) {
            char message[256];
            regerror(result, &settings.compiled, message, sizeof message);
            complain(message);
            return 1;
        }
    } else {
        settings.regex = false;
    }
    std::vector<std::string> names;
    for (std::string_view operand : parser.operands())
        names.emplace_back(operand);
    if (names.empty())
        names.emplace_back("-");
    Output out;
    int status = 0;
    for (const auto& name : names) {
        status |= tac_file(name, settings, out);
        if (out.failed())
            break;
    }
    if (settings.regex)
        regfree(&settings.compiled);
    return finish(out, k_program, status);
}

}  // namespace toolbox
