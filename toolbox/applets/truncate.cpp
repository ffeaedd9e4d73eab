// truncate, as GNU coreutils: -s SIZE (with K/KB/KiB... units, and +, -, <, >, /, % for sizes
// relative to the current one or to --reference's), -r RFILE, -c (no creation), -o (SIZE in
// I/O blocks).
// applet: truncate truncate_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: truncate OPTION... FILE...\n"
    "Shrink or extend the size of each FILE to the specified size\n"
    "\n"
    "A FILE argument that does not exist is created.\n"
    "\n"
    "If a FILE is larger than the specified size, the extra data is lost.\n"
    "If a FILE is shorter, it is extended and the sparse extended part (hole)\n"
    "reads as zero bytes.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -c, --no-create        do not create any files\n"
    "  -o, --io-blocks        treat SIZE as number of IO blocks instead of bytes\n"
    "  -r, --reference=RFILE  base size on RFILE\n"
    "  -s, --size=SIZE        set or adjust the file size by SIZE bytes\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "The SIZE argument is an integer and optional unit (example: 10K is 10*1024).\n"
    "Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\n"
    "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n"
    "\n"
    "SIZE may also be prefixed by one of the following modifying characters:\n"
    "'+' extend by, '-' reduce by, '<' at most, '>' at least,\n"
    "'/' round down to multiple of, '%' round up to multiple of.\n";

constexpr LongOption k_long_options[] = {
    {"no-create", Argument::none, 'c'},
    {"io-blocks", Argument::none, 'o'},
    {"reference", Argument::required, 'r'},
    {"size", Argument::required, 's'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class Relation { absolute, extend, reduce, at_most, at_least, round_down, round_up };

// gnulib xstrtoimax with the suffixes "EgGkKmMPtTYZ0": a number, then one unit letter, then
// an optional "B" (powers of 1000) or "iB" (powers of 1024). nullopt for anything else.
std::optional<int64_t> parse_size(std::string_view text) {
    int64_t value = 0;
    auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
    if (parsed.ec != std::errc() || parsed.ptr == text.data())
        return std::nullopt;
    std::string_view unit(parsed.ptr, static_cast<size_t>(text.data() + text.size() - parsed.ptr));
    if (unit.empty())
        return value;
    static constexpr std::string_view k_units = "KMGTPEZY";
    char letter = unit[0];
    if (letter == 'k' || letter == 'm' || letter == 'g' || letter == 't')
        letter = static_cast<char>(letter - 'a' + 'A');
    size_t power = k_units.find(letter);
    if (power == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = unit.substr(1);
    int64_t base = rest == "B" ? 1000 : (rest.empty() || rest == "iB") ? 1024 : 0;
    if (base == 0)
        return std::nullopt;
    for (size_t i = 0; i <= power; ++i) {
        if (value > INT64_MAX / base || value < INT64_MIN / base)
            return std::nullopt;
        value *= base;
    }
    return value;
}

void complain(const std::string& message) { write_all(2, "truncate: " + message + "\n"); }

}  // namespace

int truncate_main(int argc, char** argv) {
    bool no_create = false, io_blocks = false;
    const char* reference = nullptr;
    std::optional<int64_t> size;
    Relation relation = Relation::absolute;
    OptionParser parser("truncate", argc, argv, "cor:s:", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("truncate");
        case 'c': no_create = true; break;
        case 'o': io_blocks = true; break;
        case 'r': reference = option.argument; break;
        case 's': {
            std::string_view text(option.argument);
            while (!text.empty() && (text[0] == ' ' || text[0] == '\t'))
                text.remove_prefix(1);
            relation = Relation::absolute;
            if (!text.empty()) {
                switch (text[0]) {
                case '+': relation = Relation::extend; break;
                case '-': relation = Relation::reduce; break;
                case '<': relation = Relation::at_most; break;
                case '>': relation = Relation::at_least; break;
                case '/': relation = Relation::round_down; break;
                case '%': relation = Relation::round_up; break;
                }
                if (relation != Relation::absolute)
                    text.remove_prefix(1);
            }
            size = parse_size(text);
            if (!size || *size < 0 || (text.size() > 0 && (text[0] == '-' || text[0] == '+'))) {
                complain("Invalid number: " + quote(option.argument));
                return 1;
            }
            break;
        }
        }
    }
    if (!size && !reference) {
        complain("you must specify either " + quote("--size") + " or " + quote("--reference"));
        return try_help("truncate");
    }
    if (reference && size && relation == Relation::absolute) {
        complain("you must specify a relative " + quote("--size") + " with " + quote("--reference"));
        return try_help("truncate");
    }
    if (io_blocks && !size) {
        complain("'--io-blocks' was specified but '--size' was not");
        return try_help("truncate");
    }
    if (parser.operands().empty()) {
        complain("missing file operand");
        return try_help("truncate");
    }
    std::optional<int64_t> reference_size;
    if (reference) {
        struct stat status {};
        if (::stat(reference, &status) != 0) {
            complain("cannot stat " + quote_file_always(reference) + ": " + strerror_gnu(errno));
            return 1;
        }
        reference_size = status.st_size;
    }
    if ((relation == Relation::round_down || relation == Relation::round_up) && size && *size == 0) {
        complain("division by zero");
        return 1;
    }
    bool ok = true;
    for (std::string_view operand : parser.operands()) {
        std::string path(operand);
        int fd = ::open(path.c_str(), O_WRONLY | (no_create ? 0 : O_CREAT) | O_NONBLOCK, 0666);
        if (fd < 0) {
            if (no_create && errno == ENOENT)
                continue;
            complain("cannot open " + quote_file_always(path) + " for writing: " + strerror_gnu(errno));
            ok = false;
            continue;
        }
        struct stat status {};
        if (::fstat(fd, &status) != 0) {
            complain("cannot fstat " + quote_file_always(path) + ": " + strerror_gnu(errno));
            ::close(fd);
            ok = false;
            continue;
        }
        int64_t amount = size.value_or(0);
        if (io_blocks)
            amount *= status.st_blksize > 0 ? status.st_blksize : 512;
        int64_t current = reference_size.value_or(status.st_size);
        int64_t target = amount;
        switch (relation) {
        case Relation::absolute: target = size ? amount : current; break;
        case Relation::extend: target = current + amount; break;
        case Relation::reduce: target = current > amount ? current - amount : 0; break;
        case Relation::at_most: target = std::min(current, amount); break;
        case Relation::at_least: target = std::max(current, amount); break;
        case Relation::round_down: target = current / amount * amount; break;
        case Relation::round_up: target = (current + amount - 1) / amount * amount; break;
        }
        if (::ftruncate(fd, target) != 0) {
            complain("failed to truncate " + quote_file_always(path) + " at " + std::to_string(target) + " bytes: " +
                     strerror_gnu(errno));
            ok = false;
        }
        ::close(fd);
    }
    return ok ? 0 : 1;
}

}  // namespace toolbox
