// dd, as GNU coreutils: copies if= (stdin) to of= (stdout) in blocks of ibs=/obs=/bs=, with
// count=, skip=, seek=, conv= (ucase lcase swab sync notrunc excl nocreat noerror fsync
// fdatasync), iflag= (fullblock skip_bytes count_bytes) and oflag= (append seek_bytes), numbers
// with GNU's suffixes (c w b kB K MB M ... and NxM products), and the "N+M records in/out"
// summary on stderr (status=noxfer drops the transfer line, status=none all of it).
// applet: dd dd_main
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "dd";

constexpr std::string_view k_usage =
    "Usage: dd [OPERAND]...\n"
    "  or:  dd OPTION\n"
    "Copy a file, converting and formatting according to the operands.\n"
    "\n"
    "  bs=BYTES        read and write up to BYTES bytes at a time (default: 512);\n"
    "                  overrides ibs and obs\n"
    "  cbs=BYTES       convert BYTES bytes at a time\n"
    "  conv=CONVS      convert the file as per the comma separated symbol list\n"
    "  count=N         copy only N input blocks\n"
    "  ibs=BYTES       read up to BYTES bytes at a time (default: 512)\n"
    "  if=FILE         read from FILE instead of stdin\n"
    "  iflag=FLAGS     read as per the comma separated symbol list\n"
    "  obs=BYTES       write BYTES bytes at a time (default: 512)\n"
    "  of=FILE         write to FILE instead of stdout\n"
    "  oflag=FLAGS     write as per the comma separated symbol list\n"
    "  seek=N          (or oseek=N) skip N obs-sized output blocks\n"
    "  skip=N          (or iseek=N) skip N ibs-sized input blocks\n"
    "  status=LEVEL    The LEVEL of information to print to stderr;\n"
    "                  'none' suppresses everything but error messages,\n"
    "                  'noxfer' suppresses the final transfer statistics,\n"
    "                  'progress' shows periodic transfer statistics\n"
    "\n"
    "N and BYTES may be followed by the following multiplicative suffixes:\n"
    "c=1, w=2, b=512, kB=1000, K=1024, MB=1000*1000, M=1024*1024, xM=M,\n"
    "GB=1000*1000*1000, G=1024*1024*1024, and so on for T, P, E, Z, Y.\n"
    "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n"
    "If N ends in 'B', it counts bytes not blocks.\n"
    "\n"
    "Each CONV symbol may be:\n"
    "\n"
    "  ascii     from EBCDIC to ASCII\n"
    "  ebcdic    from ASCII to EBCDIC\n"
    "  ibm       from ASCII to alternate EBCDIC\n"
    "  block     pad newline-terminated records with spaces to cbs-size\n"
    "  unblock   replace trailing spaces in cbs-size records with newline\n"
    "  lcase     change upper case to lower case\n"
    "  ucase     change lower case to upper case\n"
    "  sparse    try to seek rather than write all-NUL output blocks\n"
    "  swab      swap every pair of input bytes\n"
    "  sync      pad every input block with NULs to ibs-size; when used\n"
    "            with block or unblock, pad with spaces rather than NULs\n"
    "  excl      fail if the output file already exists\n"
    "  nocreat   do not create the output file\n"
    "  notrunc   do not truncate the output file\n"
    "  noerror   continue after read errors\n"
    "  fdatasync  physically write output file data before finishing\n"
    "  fsync     likewise, but also write metadata\n"
    "\n"
    "Each FLAG symbol may be:\n"
    "\n"
    "  append    append mode (makes sense only for output; conv=notrunc suggested)\n"
    "  direct    use direct I/O for data\n"
    "  directory  fail unless a directory\n"
    "  dsync     use synchronized I/O for data\n"
    "  sync      likewise, but also for metadata\n"
    "  fullblock  accumulate full blocks of input (iflag only)\n"
    "  nonblock  use non-blocking I/O\n"
    "  noatime   do not update access time\n"
    "  nocache   Request to drop cache.  See also oflag=sync\n"
    "  noctty    do not assign controlling terminal from file\n"
    "  nofollow  do not follow symlinks\n"
    "\n"
    "Sending a USR1 signal to a running 'dd' process makes it\n"
    "print I/O statistics to standard error and then resume copying.\n"
    "\n"
    "Options are:\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

enum class Status { normal, noxfer, none };

struct Settings {
    std::string input;
    std::string output;
    uint64_t ibs{512};
    uint64_t obs{512};
    bool block_size_given{false};  // bs=: each input block is written as it was read
    uint64_t count{UINT64_MAX};
    uint64_t skip{0};
    uint64_t seek{0};
    bool ucase{false};
    bool lcase{false};
    bool swab{false};
    bool sync{false};
    bool notrunc{false};
    bool excl{false};
    bool nocreat{false};
    bool noerror{false};
    bool fsync{false};
    bool fullblock{false};
    bool skip_bytes{false};
    bool count_bytes{false};
    bool seek_bytes{false};
    bool append{false};
    Status status{Status::normal};
};

int usage_error(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
    return try_help(k_program);
}

int die(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
    return 1;
}

// One factor of a dd number: digits with a suffix (c w b kB K ...).
bool parse_factor(std::string_view text, uint64_t& value) {
    uint64_t multiplier = 1;
    if (!text.empty() && (text.back() == 'c' || text.back() == 'w')) {
        multiplier = text.back() == 'w' ? 2 : 1;
        text.remove_suffix(1);
    }
    if (text.empty() || !std::isdigit(static_cast<unsigned char>(text[0])))
        return false;
    if (parse_count(text, "bEGkKMPTYZ0", value) != NumberStatus::ok)
        return false;
    if (value > UINT64_MAX / multiplier)
        return false;
    value *= multiplier;
    return true;
}

// A dd number: factors joined by 'x'.
bool parse_number(std::string_view text, uint64_t& value) {
    value = 1;
    while (true) {
        size_t x = text.find('x');
        uint64_t factor = 0;
        if (!parse_factor(text.substr(0, x), factor))
            return false;
        if (factor != 0 && value > UINT64_MAX / factor)
            return false;
        value *= factor;
        if (x == std::string_view::npos)
            return true;
        text.remove_prefix(x + 1);
    }
}

// A comma-separated flag list; false (after the usage error) for an unknown one.
template <typename Apply>
bool parse_flags(std::string_view list, const char* what, Apply apply, int& status) {
    while (true) {
        size_t comma = list.find(',');
        std::string_view flag = list.substr(0, comma);
        if (!apply(flag)) {
            status = usage_error(std::string("invalid ") + what + ": " + quote(flag));
            return false;
        }
        if (comma == std::string_view::npos)
            return true;
        list.remove_prefix(comma + 1);
    }
}

// Parses KEY=VALUE operands; -1 to go on, else the exit status.
int parse_operands(const std::vector<std::string_view>& operands, Settings& settings) {
    for (std::string_view operand : operands) {
        size_t equals = operand.find('=');
        if (equals == std::string_view::npos)
            return usage_error("unrecognized operand " + quote(operand));
        std::string_view key = operand.substr(0, equals);
        std::string_view value = operand.substr(equals + 1);
        int status = 1;
        if (key == "if") {
            settings.input = value;
        } else if (key == "of") {
            settings.output = value;
        } else if (key == "bs" || key == "ibs" || key == "obs" || key == "count" || key == "skip" || key == "seek" ||
                   key == "iseek" || key == "oseek") {
            uint64_t number = 0;
            bool size = key == "bs" || key == "ibs" || key == "obs";
            if (!parse_number(value, number) || (size && number == 0))
                return die("invalid number: " + quote(value));
            if (key == "bs") {
                settings.ibs = settings.obs = number;
                settings.block_size_given = true;
            } else if (key == "ibs") {
                settings.ibs = number;
            } else if (key == "obs") {
                settings.obs = number;
            } else if (key == "count") {
                settings.count = number;
            } else if (key == "skip" || key == "iseek") {
                settings.skip = number;
            } else {
                settings.seek = number;
            }
        } else if (key == "conv") {
            auto apply = [&](std::string_view flag) {
                if (flag == "ucase") settings.ucase = true;
                else if (flag == "lcase") settings.lcase = true;
                else if (flag == "swab") settings.swab = true;
                else if (flag == "sync") settings.sync = true;
                else if (flag == "notrunc") settings.notrunc = true;
                else if (flag == "excl") settings.excl = true;
                else if (flag == "nocreat") settings.nocreat = true;
                else if (flag == "noerror") settings.noerror = true;
                else if (flag == "fsync" || flag == "fdatasync") settings.fsync = true;
                else if (flag == "sparse") {}
                else return false;
                return true;
            };
            if (!parse_flags(value, "conversion", apply, status))
                return status;
        } else if (key == "iflag" || key == "oflag") {
            bool input = key == "iflag";
            auto apply = [&](std::string_view flag) {
                if (input && flag == "fullblock") settings.fullblock = true;
                else if (input && flag == "skip_bytes") settings.skip_bytes = true;
                else if (input && flag == "count_bytes") settings.count_bytes = true;
                else if (!input && flag == "seek_bytes") settings.seek_bytes = true;
                else if (!input && flag == "append") settings.append = true;
                else if (flag == "binary" || flag == "text" || flag == "noatime" || flag == "nocache" ||
                         flag == "noctty" || flag == "nofollow" || flag == "nonblock" || flag == "sync" ||
                         flag == "dsync" || flag == "direct" || flag == "directory") {}
                else return false;
                return true;
            };
            if (!parse_flags(value, input ? "input flag" : "output flag", apply, status))
                return status;
        } else if (key == "status") {
            if (value == "none") settings.status = Status::none;
            else if (value == "noxfer") settings.status = Status::noxfer;
            else if (value == "progress") settings.status = Status::normal;
            else return usage_error("invalid status level: " + quote(value));
        } else {
            return usage_error("unrecognized operand " + quote(operand));
        }
    }
    if (settings.ucase && settings.lcase)
        return die("cannot combine lcase and ucase");
    if (settings.excl && settings.nocreat)
        return die("cannot combine excl and nocreat");
    return -1;
}

struct Counts {
    uint64_t full_in{0};
    uint64_t partial_in{0};
    uint64_t full_out{0};
    uint64_t partial_out{0};
    uint64_t bytes_out{0};
};

// GNU's human_readable() as dd uses it: "2.0 kB", "73 MB" (one decimal below 10).
std::string human(double value, double base, const char* const* units) {
    int index = 0;
    while (value >= base && units[index + 1] != nullptr) {
        value /= base;
        ++index;
    }
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, value < 10 && index > 0 ? "%.1f %s" : "%.0f %s", value, units[index]);
    return buffer;
}

void print_summary(const Counts& counts, const Settings& settings, double seconds) {
    if (settings.status == Status::none)
        return;
    std::string text = std::to_string(counts.full_in) + "+" + std::to_string(counts.partial_in) + " records in\n" +
                       std::to_string(counts.full_out) + "+" + std::to_string(counts.partial_out) + " records out\n";
    if (settings.status == Status::normal) {
        static const char* const si[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB", nullptr};
        static const char* const iec[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", nullptr};
        uint64_t bytes = counts.bytes_out;
        std::string line = std::to_string(bytes);
        if (bytes < 1000)
            line += bytes == 1 ? " byte copied, " : " bytes copied, ";
        else if (bytes < 1024)
            line += " bytes (" + human(static_cast<double>(bytes), 1000, si) + ") copied, ";
        else
            line += " bytes (" + human(static_cast<double>(bytes), 1000, si) + ", " +
                    human(static_cast<double>(bytes), 1024, iec) + ") copied, ";
        char time_text[32];
        std::snprintf(time_text, sizeof time_text, "%g s, ", seconds);
        line += time_text;
        if (seconds > 0)
            line += human(static_cast<double>(bytes) / seconds, 1000, si) + "/s";
        else
            line += "Infinity B/s";
        text += line + "\n";
    }
    write_all(2, text);
}

// Reads one input block (all of it with iflag=fullblock); bytes read, or -1.
ssize_t read_block(int fd, char* buffer, size_t size, bool fullblock) {
    size_t got = 0;
    while (got < size) {
        ssize_t n = ::read(fd, buffer + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return got > 0 ? static_cast<ssize_t>(got) : -1;
        if (n == 0)
            break;
        got += static_cast<size_t>(n);
        if (!fullblock)
            break;
    }
    return static_cast<ssize_t>(got);
}

void convert(std::string& block, const Settings& settings) {
    if (settings.swab)
        for (size_t i = 0; i + 1 < block.size(); i += 2)
            std::swap(block[i], block[i + 1]);
    if (settings.ucase)
        for (char& c : block)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (settings.lcase)
        for (char& c : block)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

double now_seconds() {
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

class Copy final {
public:
    Copy(const Settings& settings, int in, int out) : m_settings(settings), m_in(in), m_out(out) {}
    // The exit status; the counts are kept for the summary.
    int run();
    const Counts& counts() const { return m_counts; }

private:
    bool skip_input();
    bool write_out(std::string_view data, bool whole_block);
    bool flush_output(bool final);

    const Settings& m_settings;
    int m_in;
    int m_out;
    Counts m_counts;
    std::string m_pending;  // output not yet making a full obs block
};

bool Copy::skip_input() {
    uint64_t bytes = m_settings.skip_bytes ? m_settings.skip : m_settings.skip * m_settings.ibs;
    if (bytes == 0)
        return true;
    struct stat status {};
    if (::fstat(m_in, &status) == 0 && S_ISREG(status.st_mode)) {
        if (::lseek(m_in, static_cast<off_t>(bytes), SEEK_CUR) >= 0) {
            if (static_cast<uint64_t>(status.st_size) < bytes)
                write_all(2, std::string(k_program) + ": " + quote_file(m_settings.input.empty() ? "standard input" : m_settings.input) +
                                 ": cannot skip to specified offset\n");
            return true;
        }
    }
    std::string buffer(static_cast<size_t>(std::min<uint64_t>(m_settings.ibs, 1 << 20)), '\0');
    while (bytes > 0) {
        ssize_t n = read_block(m_in, buffer.data(), static_cast<size_t>(std::min<uint64_t>(bytes, buffer.size())), false);
        if (n <= 0)
            break;
        bytes -= static_cast<uint64_t>(n);
    }
    return true;
}

bool Copy::write_out(std::string_view data, bool whole_block) {
    if (!write_all(m_out, data)) {
        write_all(2, std::string(k_program) + ": error writing " +
                         quote_file_always(m_settings.output.empty() ? "standard output" : m_settings.output) + ": " +
                         strerror_gnu(errno) + "\n");
        return false;
    }
    m_counts.bytes_out += data.size();
    (whole_block ? m_counts.full_out : m_counts.partial_out)++;
    return true;
}

bool Copy::flush_output(bool final) {
    while (m_pending.size() >= m_settings.obs) {
        if (!write_out(std::string_view(m_pending).substr(0, m_settings.obs), true))
            return false;
        m_pending.erase(0, m_settings.obs);
    }
    if (final && !m_pending.empty()) {
        if (!write_out(m_pending, false))
            return false;
        m_pending.clear();
    }
    return true;
}

int Copy::run() {
    skip_input();
    std::string buffer(static_cast<size_t>(m_settings.ibs), '\0');
    uint64_t blocks = 0;
    uint64_t bytes_read = 0;
    while (true) {
        size_t want = buffer.size();
        if (m_settings.count_bytes) {
            if (bytes_read >= m_settings.count)
                break;
            want = static_cast<size_t>(std::min<uint64_t>(want, m_settings.count - bytes_read));
        } else if (blocks >= m_settings.count) {
            break;
        }
        ssize_t n = read_block(m_in, buffer.data(), want, m_settings.fullblock);
        if (n < 0) {
            write_all(2, std::string(k_program) + ": error reading " +
                             quote_file_always(m_settings.input.empty() ? "standard input" : m_settings.input) + ": " +
                             strerror_gnu(errno) + "\n");
            if (!m_settings.noerror) {
                flush_output(true);
                return 1;
            }
            continue;
        }
        if (n == 0)
            break;
        ++blocks;
        bytes_read += static_cast<uint64_t>(n);
        (static_cast<uint64_t>(n) == m_settings.ibs ? m_counts.full_in : m_counts.partial_in)++;
        std::string block(buffer.data(), static_cast<size_t>(n));
        if (m_settings.sync && block.size() < m_settings.ibs)
            block.resize(static_cast<size_t>(m_settings.ibs), '\0');
        convert(block, m_settings);
        if (m_settings.block_size_given && m_pending.empty()) {
            if (!write_out(block, block.size() == m_settings.obs))
                return 1;
            continue;
        }
        m_pending += block;
        if (!flush_output(false))
            return 1;
    }
    if (!flush_output(true))
        return 1;
    return 0;
}

// Opens of= as dd does; -1 after a diagnostic.
int open_output(const Settings& settings) {
    int flags = O_WRONLY;
    if (!settings.nocreat)
        flags |= O_CREAT;
    if (settings.excl)
        flags |= O_EXCL;
    if (settings.append)
        flags |= O_APPEND;
    uint64_t offset = settings.seek_bytes ? settings.seek : settings.seek * settings.obs;
    if (offset == 0 && !settings.notrunc && !settings.append)
        flags |= O_TRUNC;
    int fd = ::open(settings.output.c_str(), flags, 0666);
    if (fd < 0) {
        write_all(2, std::string(k_program) + ": failed to open " + quote_file_always(settings.output) + ": " +
                         strerror_gnu(errno) + "\n");
        return -1;
    }
    if (offset > 0) {
        struct stat status {};
        if (!settings.notrunc && ::fstat(fd, &status) == 0 && S_ISREG(status.st_mode))
            (void)::ftruncate(fd, static_cast<off_t>(offset));
        ::lseek(fd, static_cast<off_t>(offset), SEEK_SET);
    }
    return fd;
}

}  // namespace

int dd_main(int argc, char** argv) {
    constexpr LongOption long_options[] = {
        {"help", Argument::none, k_help},
        {"version", Argument::none, k_version},
    };
    OptionParser parser(k_program, argc, argv, "", long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    Settings settings;
    int status = parse_operands(parser.operands(), settings);
    if (status >= 0)
        return status;
    int in = 0;
    if (!settings.input.empty()) {
        in = ::open(settings.input.c_str(), O_RDONLY);
        if (in < 0)
            return die("failed to open " + quote_file_always(settings.input) + ": " + strerror_gnu(errno));
    }
    int out = 1;
    if (!settings.output.empty()) {
        out = open_output(settings);
        if (out < 0)
            return 1;
    } else if (settings.seek > 0) {
        ::lseek(out, static_cast<off_t>(settings.seek_bytes ? settings.seek : settings.seek * settings.obs), SEEK_CUR);
    }
    double start = now_seconds();
    Copy copy(settings, in, out);
    status = copy.run();
    if (settings.fsync)
        (void)::fsync(out);
    if (in != 0)
        ::close(in);
    if (out != 1)
        ::close(out);
    print_summary(copy.counts(), settings, now_seconds() - start);
    return status;
}

}  // namespace toolbox
