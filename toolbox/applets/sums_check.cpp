// sums_check.cpp — md5sum -c and friends (see sums.h): read lists of "HASH  NAME" or
// "ALGO (NAME) = HASH" lines, hash each named file and report "NAME: OK" / "NAME: FAILED", then
// GNU digest.c's warnings and verdict. Line parsing follows digest.c's split_3() rules: leading
// blanks, a '\' marking an escaped name, the tag (cksum learns the algorithm from it), and the
// "BSD reversed" form "HASH NAME" that, once seen, may not be mixed with "HASH  NAME".
#include <unistd.h>

#include <cctype>
#include <algorithm>
#include <cerrno>

#include "applets/sums.h"
#include "lib/gnu_errors.h"
#include "lib/hash.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

struct ChecksumLine {
    SumAlgorithm algorithm{SumAlgorithm::md5};
    uint64_t bits{0};
    std::string hex;
    std::string name;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

bool is_hex(std::string_view text) {
    for (char c : text)
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
    return !text.empty();
}

// filename_unescape(): only \\, \n and \r; false for anything else or a trailing '\'.
bool unescape(std::string_view text, std::string& name) {
    name.clear();
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\0')
            return false;
        if (text[i] != '\\') {
            name += text[i];
            continue;
        }
        if (++i == text.size())
            return false;
        switch (text[i]) {
        case 'n': name += '\n'; break;
        case 'r': name += '\r'; break;
        case '\\': name += '\\'; break;
        default: return false;
        }
    }
    return true;
}

bool take_name(std::string_view text, bool escaped, std::string& name) {
    if (escaped)
        return unescape(text, name);
    name = std::string(text);
    return true;
}

// The algorithm whose tag starts `text` (followed by ' ', '(' or '-'), for cksum -c without -a.
bool tag_algorithm(std::string_view text, SumAlgorithm& algorithm) {
    for (int value = static_cast<int>(SumAlgorithm::bsd); value <= static_cast<int>(SumAlgorithm::sm3); ++value) {
        auto candidate = static_cast<SumAlgorithm>(value);
        std::string_view tag = algorithm_tag(candidate);
        if (text.size() > tag.size() && text.substr(0, tag.size()) == tag &&
            (text[tag.size()] == ' ' || text[tag.size()] == '(' || text[tag.size()] == '-')) {
            algorithm = candidate;
            return !is_legacy(candidate);
        }
    }
    return false;
}

// "ALGO[-BITS] (NAME) = HASH", `text` starting just after ALGO.
bool parse_tagged(std::string_view text, bool escaped, ChecksumLine& parsed) {
    size_t i = 0;
    if (parsed.algorithm == SumAlgorithm::blake2b && i < text.size() && text[i] == '-') {
        uint64_t length = 0;
        size_t digits = 0;
        for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && length <= 512; ++i, ++digits)
            length = length * 10 + static_cast<uint64_t>(text[i] - '0');
        if (digits == 0 || length == 0 || length > 512 || length % 8 != 0)
            return false;
        parsed.bits = length;
    }
    if (i < text.size() && text[i] == ' ')
        ++i;
    if (i >= text.size() || text[i] != '(')
        return false;
    std::string_view rest = text.substr(i + 1);
    size_t close = rest.rfind(')');
    if (rest.empty() || close == std::string_view::npos)
        return false;
    if (!take_name(rest.substr(0, close), escaped, parsed.name))
        return false;
    size_t j = close + 1;
    while (j < rest.size() && is_blank(rest[j]))
        ++j;
    if (j >= rest.size() || rest[j] != '=')
        return false;
    ++j;
    while (j < rest.size() && is_blank(rest[j]))
        ++j;
    parsed.hex = std::string(rest.substr(j));
    return true;
}

// "HASH  NAME", "HASH *NAME", or the BSD reversed "HASH NAME"; `text` starts at HASH.
bool parse_untagged(SumSettings& settings, std::string_view text, bool escaped, ChecksumLine& parsed) {
    size_t hex_length = 0;
    if (parsed.algorithm == SumAlgorithm::blake2b) {
        while (hex_length < text.size() && std::isxdigit(static_cast<unsigned char>(text[hex_length])))
            ++hex_length;
        if (hex_length < 2 || hex_length % 2 != 0 || hex_length > 128)
            return false;
        parsed.bits = hex_length * 4;
    } else {
        hex_length = parsed.bits / 4;
        if (text.size() < hex_length + 2 + (!text.empty() && text[0] == '\\'))
            return false;
    }
    if (hex_length >= text.size() || !is_blank(text[hex_length]))
        return false;
    parsed.hex = std::string(text.substr(0, hex_length));
    if (!is_hex(parsed.hex))
        return false;
    size_t i = hex_length + 1;
    if (text.size() - i == 1 || (i < text.size() && text[i] != ' ' && text[i] != '*')) {
        if (settings.bsd_reversed == 0)
            return false;
        settings.bsd_reversed = 1;
    } else if (settings.bsd_reversed != 1) {
        settings.bsd_reversed = 0;
        ++i;
    }
    return take_name(text.substr(i < text.size() ? i : text.size()), escaped, parsed.name);
}

// cksum without -a takes each line's algorithm from its tag and, as GNU, keeps the last one
// seen (it names the algorithm in later warnings).
bool parse_line(SumSettings& settings, std::string_view line, ChecksumLine& parsed) {
    size_t i = 0;
    while (i < line.size() && is_blank(line[i]))
        ++i;
    bool escaped = i < line.size() && line[i] == '\\';
    if (escaped)
        ++i;
    std::string_view text = line.substr(i);
    parsed.algorithm = settings.algorithm;
    if (settings.is_cksum && !settings.algorithm_specified) {
        if (!tag_algorithm(text, parsed.algorithm))
            return false;
        settings.algorithm = parsed.algorithm;
    }
    parsed.bits = parsed.algorithm == SumAlgorithm::blake2b && !settings.is_cksum ? 512 : algorithm_bits(parsed.algorithm);
    std::string_view tag = algorithm_tag(parsed.algorithm);
    if (text.substr(0, tag.size()) == tag) {
        if (!parse_tagged(text.substr(tag.size()), escaped, parsed))
            return false;
        return parsed.hex.size() == parsed.bits / 4 && is_hex(parsed.hex);
    }
    if (settings.is_cksum && !settings.algorithm_specified)
        return false;
    return parse_untagged(settings, text, escaped, parsed);
}

std::string plural(uint64_t count, std::string_view one, std::string_view many) {
    return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

struct Tally {
    bool formatted_lines{false};
    bool matched{false};
    uint64_t misformatted{0};
    uint64_t unreadable{0};
    uint64_t mismatched{0};
};

// Verdict lines escape a name only when it holds a newline (a '\' or CR alone stays as it is).
void report_file(const std::string& name, std::string_view verdict, Output& out) {
    bool escape = name.find('\n') != std::string::npos;
    std::string line = escape ? "\\" + escape_name(name) : name;
    line += ": ";
    line += verdict;
    line += '\n';
    out.write(line);
}

void check_one(const SumSettings& settings, const ChecksumLine& parsed, Tally& tally, Output& out) {
    std::string digest;
    int error = 0;
    if (!digest_file(parsed.algorithm, parsed.bits, parsed.name, digest, error)) {
        if (settings.ignore_missing && error == ENOENT)
            return;
        out.flush();
        write_all(2, std::string(settings.program) + ": " + quote_file(parsed.name) + ": " + strerror_gnu(error) + "\n");
        ++tally.unreadable;
        if (!settings.status_only)
            report_file(parsed.name, "FAILED open or read", out);
        return;
    }
    std::string expected = parsed.hex;
    for (char& c : expected)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool match = expected == to_hex(digest);
    if (match)
        tally.matched = true;
    else
        ++tally.mismatched;
    if (!settings.status_only && (!match || !settings.quiet))
        report_file(parsed.name, match ? "OK" : "FAILED", out);
}

void warn(const SumSettings& settings, const std::string& message, Output& out) {
    out.flush();
    write_all(2, std::string(settings.program) + ": " + message + "\n");
}

}  // namespace

bool check_list(SumSettings& settings, const std::string& name, Output& out) {
    bool is_stdin = name == "-";
    std::string shown = is_stdin ? quote_file("standard input") : quote_file(name);
    int fd = open_input(name);
    if (fd < 0) {
        warn(settings, quote_file(name) + ": " + strerror_gnu(errno), out);
        return false;
    }
    LineReader reader(fd);
    std::string_view record;
    Tally tally;
    uint64_t line_number = 0;
    while (reader.next(record)) {
        ++line_number;
        if (record[0] == '#')
            continue;
        std::string_view line = record;
        if (!line.empty() && line.back() == '\n')
            line.remove_suffix(1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty())
            continue;
        ChecksumLine parsed;
        if (!parse_line(settings, line, parsed) || (is_stdin && parsed.name == "-")) {
            ++tally.misformatted;
            if (settings.warn) {
                warn(settings, shown + ": " + std::to_string(line_number) + ": improperly formatted " +
                                   std::string(algorithm_tag(settings.algorithm)) + " checksum line", out);
            }
            continue;
        }
        tally.formatted_lines = true;
        check_one(settings, parsed, tally, out);
    }
    int error = reader.error();
    if (fd != 0)
        ::close(fd);
    if (error != 0) {
        warn(settings, shown + ": read error", out);
        return false;
    }
    if (!tally.formatted_lines) {
        warn(settings, shown + ": no properly formatted checksum lines found", out);
        return false;
    }
    if (!settings.status_only) {
        if (tally.misformatted != 0)
            warn(settings, "WARNING: " + plural(tally.misformatted, "line is improperly formatted", "lines are improperly formatted"), out);
        if (tally.unreadable != 0)
            warn(settings, "WARNING: " + plural(tally.unreadable, "listed file could not be read", "listed files could not be read"), out);
        if (tally.mismatched != 0)
            warn(settings, "WARNING: " + plural(tally.mismatched, "computed checksum did NOT match", "computed checksums did NOT match"), out);
        if (settings.ignore_missing && !tally.matched)
            warn(settings, shown + ": no file was verified", out);
    }
    return tally.matched && tally.mismatched == 0 && tally.unreadable == 0 && (!settings.strict || tally.misformatted == 0);
}

}  // namespace toolbox
