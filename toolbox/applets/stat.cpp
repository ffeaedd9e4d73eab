// stat, as GNU coreutils 9.1 for files: the default report, -t (terse), -c FORMAT (a newline
// after each) and --printf FORMAT (backslash escapes, no newline), with printf-style flags,
// width and precision on every directive; -L follows links. The sandbox has no birth times
// (%w is "-", %W 0) nor SELinux contexts (%C); -f (file system status) needs statfs, which
// neither WASI nor the secure_exec module offers yet, so it fails with ENOSYS.
// applet: stat stat_main
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "lib/file_info.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: stat [OPTION]... FILE...\n"
    "Display file or file system status.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -L, --dereference     follow links\n"
    "  -f, --file-system     display file system status instead of file status\n"
    "  -c  --format=FORMAT   use the specified FORMAT instead of the default;\n"
    "                          output a newline after each use of FORMAT\n"
    "      --printf=FORMAT   like --format, but interpret backslash escapes,\n"
    "                          and do not output a mandatory trailing newline;\n"
    "                          if you want a newline, include \\n in FORMAT\n"
    "  -t, --terse           print the information in terse form\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "The valid format sequences for files (without --file-system):\n"
    "\n"
    "  %a   permission bits in octal (note '#' and '0' printf flags)\n"
    "  %A   permission bits and file type in human readable form\n"
    "  %b   number of blocks allocated (see %B)\n"
    "  %B   the size in bytes of each block reported by %b\n"
    "  %C   SELinux security context string\n"
    "  %d   device number in decimal (st_dev)\n"
    "  %D   device number in hex (st_dev)\n"
    "  %Hd  major device number in decimal\n"
    "  %Ld  minor device number in decimal\n"
    "  %f   raw mode in hex\n"
    "  %F   file type\n"
    "  %g   group ID of owner\n"
    "  %G   group name of owner\n"
    "  %h   number of hard links\n"
    "  %i   inode number\n"
    "  %m   mount point\n"
    "  %n   file name\n"
    "  %N   quoted file name with dereference if symbolic link\n"
    "  %o   optimal I/O transfer size hint\n"
    "  %s   total size, in bytes\n"
    "  %r   device type in decimal (st_rdev)\n"
    "  %R   device type in hex (st_rdev)\n"
    "  %Hr  major device type in decimal, for character/block device special files\n"
    "  %Lr  minor device type in decimal, for character/block device special files\n"
    "  %t   major device type in hex, for character/block device special files\n"
    "  %T   minor device type in hex, for character/block device special files\n"
    "  %u   user ID of owner\n"
    "  %U   user name of owner\n"
    "  %w   time of file birth, human-readable; - if unknown\n"
    "  %W   time of file birth, seconds since Epoch; 0 if unknown\n"
    "  %x   time of last access, human-readable\n"
    "  %X   time of last access, seconds since Epoch\n"
    "  %y   time of last data modification, human-readable\n"
    "  %Y   time of last data modification, seconds since Epoch\n"
    "  %z   time of last status change, human-readable\n"
    "  %Z   time of last status change, seconds since Epoch\n";

enum LongId { k_printf = k_long_only, k_cached };

constexpr LongOption k_long_options[] = {
    {"dereference", Argument::none, 'L'},
    {"file-system", Argument::none, 'f'},
    {"format", Argument::required, 'c'},
    {"printf", Argument::required, k_printf},
    {"terse", Argument::none, 't'},
    {"cached", Argument::required, k_cached},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr std::string_view k_default_format =
    "  File: %N\n"
    "  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
    "Device: %Hd,%Ld\tInode: %-11i  Links: %h\n"
    "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
    "Access: %x\n"
    "Modify: %y\n"
    "Change: %z\n"
    " Birth: %w\n";
constexpr std::string_view k_device_format =
    "  File: %N\n"
    "  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
    "Device: %Hd,%Ld\tInode: %-11i  Links: %-5h Device type: %Hr,%Lr\n"
    "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
    "Access: %x\n"
    "Modify: %y\n"
    "Change: %z\n"
    " Birth: %w\n";
constexpr std::string_view k_terse_format = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n";

// Linux's dev_t encoding (glibc gnu_dev_major/minor).
uint64_t major_of(uint64_t device) { return ((device >> 8) & 0xfff) | ((device >> 32) & ~0xfffull); }
uint64_t minor_of(uint64_t device) { return (device & 0xff) | ((device >> 12) & ~0xffull); }

struct Target {
    std::string name;
    struct stat status {};
    bool literal_names{false};  // the default report shows names unquoted
};

class Formatter final {
public:
    Formatter(Output& out, bool& failed) : m_out(out), m_failed(failed) {}
    // false after "invalid directive", which ends stat (coreutils dies there).
    bool print(std::string_view format, const Target& target);

private:
    void directive(std::string spec, char conversion, char modifier, const Target& target);
    void integer(const std::string& spec, uint64_t value, const char* conversion);
    void signed_integer(const std::string& spec, int64_t value);
    void text(const std::string& spec, const std::string& value);
    void epoch(const std::string& spec, const timespec& when);
    std::string mount_point(const Target& target);

    Output& m_out;
    bool& m_failed;
};

void Formatter::integer(const std::string& spec, uint64_t value, const char* conversion) {
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, (spec + "ll" + conversion).c_str(), static_cast<unsigned long long>(value));
    m_out.write(buffer);
}

void Formatter::signed_integer(const std::string& spec, int64_t value) {
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, (spec + "lld").c_str(), static_cast<long long>(value));
    m_out.write(buffer);
}

void Formatter::text(const std::string& spec, const std::string& value) {
    // Of the flags, only '-' means something for a string (printf ignores the others).
    size_t i = 1;
    std::string format = "%";
    while (i < spec.size() && std::strchr("-+ #0", spec[i])) {
        if (spec[i] == '-' && format.size() == 1)
            format.push_back('-');
        ++i;
    }
    format += spec.substr(i) + "s";
    int length = std::snprintf(nullptr, 0, format.c_str(), value.c_str());
    std::string buffer(static_cast<size_t>(length) + 1, '\0');
    std::snprintf(buffer.data(), buffer.size(), format.c_str(), value.c_str());
    buffer.pop_back();
    m_out.write(buffer);
}

// Mirrors stat.c out_epoch_sec(): seconds, then with a precision that many digits of the
// fraction (truncated; zeros past nine).
void Formatter::epoch(const std::string& spec, const timespec& when) {
    size_t dot = spec.find('.');
    if (dot == std::string::npos) {
        signed_integer(spec, when.tv_sec);
        return;
    }
    int precision = std::atoi(spec.c_str() + dot + 1);
    std::string head = spec.substr(0, dot);
    char digits[16];
    std::snprintf(digits, sizeof digits, "%09ld", static_cast<long>(when.tv_nsec));
    std::string fraction(digits);
    if (precision > 9)
        fraction.append(static_cast<size_t>(precision - 9), '0');
    else
        fraction.resize(static_cast<size_t>(precision));
    // The width covers the whole number: the seconds get what the fraction does not use.
    std::string flags;
    size_t i = 1;
    while (i < head.size() && std::strchr("-+ #0'I", head[i]))
        flags.push_back(head[i++]);
    int width = std::atoi(head.c_str() + i);
    int seconds_width = width - static_cast<int>(fraction.size()) - (precision > 0 ? 1 : 0);
    bool left = flags.find('-') != std::string::npos;
    std::string seconds_spec = "%" + flags + (seconds_width > 0 && !left ? std::to_string(seconds_width) : "");
    char number[64];
    std::snprintf(number, sizeof number, (seconds_spec + "lld").c_str(), static_cast<long long>(when.tv_sec));
    std::string value = std::string(number) + (precision > 0 ? "." + fraction : "");
    if (left && static_cast<int>(value.size()) < width)
        value.append(static_cast<size_t>(width) - value.size(), ' ');
    m_out.write(value);
}

// The mount point: the last directory on the way up that is on the file's device.
std::string Formatter::mount_point(const Target& target) {
    int error = 0;
    std::string path = target.name;
    if (path.empty() || path[0] != '/')
        path = join_path(current_directory(), path);
    if (!S_ISDIR(target.status.st_mode))
        path = dir_name(path);
    (void)error;
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0)
        return "?";
    dev_t device = status.st_dev;
    while (path != "/") {
        std::string parent = dir_name(path);
        struct stat up {};
        if (::stat(parent.c_str(), &up) != 0 || up.st_dev != device)
            break;
        path = parent;
    }
    return path;
}

void Formatter::directive(std::string spec, char conversion, char modifier, const Target& target) {
    const struct stat& s = target.status;
    switch (conversion) {
    case 'a': integer(spec, s.st_mode & 07777, "o"); break;
    case 'A': text(spec, mode_string(s.st_mode)); break;
    case 'b': integer(spec, static_cast<uint64_t>(s.st_blocks), "u"); break;
    case 'B': integer(spec, 512, "u"); break;
    case 'C':
        write_all(2, "stat: failed to get security context of " + quote_file_always(target.name) +
                         ": No data available\n");
        m_failed = true;
        text(spec, "?");
        break;
    case 'd':
        if (modifier == 'H')
            integer(spec, major_of(s.st_dev), "u");
        else if (modifier == 'L')
            integer(spec, minor_of(s.st_dev), "u");
        else
            integer(spec, s.st_dev, "u");
        break;
    case 'D': integer(spec, s.st_dev, "x"); break;
    case 'f': integer(spec, s.st_mode, "x"); break;
    case 'F': text(spec, file_type_name(s.st_mode, s.st_size)); break;
    case 'g': integer(spec, s.st_gid, "u"); break;
    case 'G': text(spec, has_group_name(s.st_gid) ? group_name(s.st_gid) : "UNKNOWN"); break;
    case 'h': integer(spec, s.st_nlink, "u"); break;
    case 'i': integer(spec, s.st_ino, "u"); break;
    case 'm': text(spec, mount_point(target)); break;
    case 'n': text(spec, target.name); break;
    case 'N': {
        std::string shown = target.literal_names ? target.name : quote_file_always(target.name);
        if (S_ISLNK(s.st_mode)) {
            std::string link(4096, '\0');
            ssize_t length = ::readlink(target.name.c_str(), link.data(), link.size());
            if (length >= 0) {
                link.resize(static_cast<size_t>(length));
                shown += " -> " + (target.literal_names ? link : quote_file_always(link));
            }
        }
        text(spec, shown);
        break;
    }
    case 'o': integer(spec, s.st_blksize, "u"); break;
    case 's': signed_integer(spec, s.st_size); break;
    case 'r':
        if (modifier == 'H')
            integer(spec, major_of(s.st_rdev), "u");
        else if (modifier == 'L')
            integer(spec, minor_of(s.st_rdev), "u");
        else
            integer(spec, s.st_rdev, "u");
        break;
    case 'R': integer(spec, s.st_rdev, "x"); break;
    case 't': integer(spec, major_of(s.st_rdev), "x"); break;
    case 'T': integer(spec, minor_of(s.st_rdev), "x"); break;
    case 'u': integer(spec, s.st_uid, "u"); break;
    case 'U': text(spec, has_user_name(s.st_uid) ? user_name(s.st_uid) : "UNKNOWN"); break;
    case 'w': text(spec, "-"); break;
    case 'W': epoch(spec, timespec{0, 0}); break;
    case 'x': text(spec, full_date(s.st_atim)); break;
    case 'X': epoch(spec, s.st_atim); break;
    case 'y': text(spec, full_date(s.st_mtim)); break;
    case 'Y': epoch(spec, s.st_mtim); break;
    case 'z': text(spec, full_date(s.st_ctim)); break;
    case 'Z': epoch(spec, s.st_ctim); break;
    default: m_out.write("?"); break;
    }
}

// Mirrors stat.c print_it(): "%%", "%" at the end, unknown letters as "?", and directives with
// flags, width and precision.
bool Formatter::print(std::string_view format, const Target& target) {
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            m_out.put(format[i]);
            continue;
        }
        size_t start = i++;
        size_t flags_end = i;
        while (flags_end < format.size() && std::strchr("'-+ #0I", format[flags_end]))
            ++flags_end;
        size_t width_end = flags_end;
        while (width_end < format.size() && std::isdigit(static_cast<unsigned char>(format[width_end])))
            ++width_end;
        size_t precision_end = width_end;
        if (precision_end < format.size() && format[precision_end] == '.') {
            ++precision_end;
            while (precision_end < format.size() && std::isdigit(static_cast<unsigned char>(format[precision_end])))
                ++precision_end;
        }
        if (precision_end >= format.size()) {
            if (precision_end == start + 1) {
                m_out.put('%');  // a lone '%' at the end
                return true;
            }
            write_all(2, "stat: " + quote(format.substr(start)) + ": invalid directive\n");
            return false;
        }
        char conversion = format[precision_end];
        if (conversion == '%' && precision_end == start + 1) {
            m_out.put('%');
            i = precision_end;
            continue;
        }
        char modifier = 0;
        if ((conversion == 'H' || conversion == 'L') && precision_end + 1 < format.size() &&
            (format[precision_end + 1] == 'd' || format[precision_end + 1] == 'r')) {
            modifier = conversion;
            conversion = format[++precision_end];
        }
        if (!std::strchr("aAbBCdDfFgGhimnNorRsStTuUwWxXyYzZ", conversion) || conversion == 'S') {
            std::string bad(format.substr(start, precision_end + 1 - start));
            if (conversion == '%') {
                write_all(2, "stat: " + quote(bad) + ": invalid directive\n");
                return false;
            }
            m_out.put('?');
            i = precision_end;
            continue;
        }
        std::string spec = "%";
        for (char c : format.substr(start + 1, flags_end - start - 1))
            if (c != '\'' && c != 'I')
                spec.push_back(c);
        spec.append(format.substr(flags_end, precision_end - (modifier ? 1 : 0) - flags_end));
        directive(spec, conversion, modifier, target);
        i = precision_end;
    }
    return true;
}

int octal_digit(char c) { return c >= '0' && c <= '7' ? c - '0' : -1; }

// --printf's backslash escapes (stat.c print_esc_char): \a \b \e \f \n \r \t \v \\ \" \ooo \xHH.
std::string expand_escapes(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out.push_back(text[i]);
            continue;
        }
        char c = text[++i];
        switch (c) {
        case 'a': out.push_back('\a'); break;
        case 'b': out.push_back('\b'); break;
        case 'e': out.push_back('\x1b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'v': out.push_back('\v'); break;
        case '\\': out.push_back('\\'); break;
        case '"': out.push_back('"'); break;
        case 'x': {
            int value = 0, digits = 0;
            while (digits < 2 && i + 1 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1]))) {
                char h = text[++i];
                value = value * 16 + (std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (h | 0x20) - 'a' + 10);
                ++digits;
            }
            if (digits == 0) {
                write_all(2, "stat: warning: unrecognized escape '\\x'\n");
                out += "x";
            } else {
                out.push_back(static_cast<char>(value));
            }
            break;
        }
        default:
            if (octal_digit(c) >= 0) {
                int value = octal_digit(c);
                for (int digits = 1; digits < 3 && i + 1 < text.size() && octal_digit(text[i + 1]) >= 0; ++digits)
                    value = value * 8 + octal_digit(text[++i]);
                out.push_back(static_cast<char>(value));
            } else {
                write_all(2, std::string("stat: warning: unrecognized escape '\\") + c + "'\n");
                out.push_back(c);
            }
        }
    }
    return out;
}

}  // namespace

int stat_main(int argc, char** argv) {
    bool dereference = false;
    bool file_system = false;
    bool terse = false;
    std::string format;
    bool have_format = false;
    bool add_newline = false;
    OptionParser parser("stat", argc, argv, "c:fLt", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("stat");
        case 'L': dereference = true; break;
        case 'f': file_system = true; break;
        case 't': terse = true; break;
        case 'c':
            format = option.argument;
            have_format = true;
            add_newline = true;
            break;
        case k_printf:
            format = expand_escapes(option.argument);
            have_format = true;
            add_newline = false;
            break;
        case k_cached: break;
        }
    }
    if (parser.operands().empty())
        return missing_operand("stat");
    Output out;
    bool failed = false;
    Formatter formatter(out, failed);
    for (std::string_view operand : parser.operands()) {
        Target target;
        target.name = std::string(operand);
        if (file_system) {
            write_all(2, "stat: cannot read file system information for " + quote_file_always(target.name) + ": " +
                             strerror_gnu(ENOSYS) + "\n");
            failed = true;
            continue;
        }
        int result = target.name == "-" ? ::fstat(0, &target.status)
                     : dereference      ? ::stat(target.name.c_str(), &target.status)
                                        : ::lstat(target.name.c_str(), &target.status);
        if (result != 0) {
            write_all(2, "stat: cannot statx " + quote_file_always(target.name) + ": " + strerror_gnu(errno) + "\n");
            failed = true;
            continue;
        }
        std::string_view chosen = format;
        if (!have_format) {
            if (terse) {
                chosen = k_terse_format;
            } else {
                target.literal_names = true;
                chosen = S_ISCHR(target.status.st_mode) || S_ISBLK(target.status.st_mode) ? k_device_format
                                                                                          : k_default_format;
            }
        }
        if (!formatter.print(chosen, target)) {
            finish(out, "stat", 1);
            return 1;
        }
        if (have_format && add_newline)
            out.put('\n');
    }
    return finish(out, "stat", failed ? 1 : 0);
}

}  // namespace toolbox
