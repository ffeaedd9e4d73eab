// find_actions.cpp — find's actions that do more than print a name: -printf (the format is
// compiled once into literal pieces and directives), -ls (GNU's listing line), -exec, -execdir,
// -ok and -okdir (children through sx_spawn; "{} +" batches run when full, when -execdir moves
// to another directory, and at the end) and -delete.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include <sx/posix.h>
#include <sys/wait.h>

#include "applets/find.h"
#include "lib/file_info.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/quoting.h"

namespace toolbox::find {

namespace {

constexpr size_t k_max_command_bytes = 131072;

char type_letter(mode_t type) {
    switch (type & 0170000) {
    case 0040000: return 'd';
    case 0100000: return 'f';
    case 0120000: return 'l';
    case 0010000: return 'p';
    case 0140000: return 's';
    case 0020000: return 'c';
    case 0060000: return 'b';
    default: return 'U';
    }
}

// GNU prints nine digits of nanoseconds and a zero after them.
std::string fraction(long nanoseconds) {
    char text[16];
    std::snprintf(text, sizeof text, ".%09ld0", nanoseconds);
    return text;
}

std::string strftime_utc(const timespec& when, const char* format) {
    std::tm parts{};
    time_t seconds = when.tv_sec;
    ::gmtime_r(&seconds, &parts);
    char text[256];
    size_t length = std::strftime(text, sizeof text, format, &parts);
    return std::string(text, length);
}

// %f: the last component, trailing slashes collapsed to one ("d//" → "d/", "//" → "/").
std::string last_component(std::string_view path) {
    size_t end = path.size();
    while (end > 0 && path[end - 1] == '/')
        --end;
    if (end == 0)
        return path.empty() ? "" : "/";
    size_t slash = path.rfind('/', end - 1);
    size_t start = slash == std::string_view::npos ? 0 : slash + 1;
    return std::string(path.substr(start, end - start)) + (end < path.size() ? "/" : "");
}

// %h: what comes before the last component, as findutils 4.9 prints it, trailing slashes of
// a starting point included: "dd/e/" → "dd", "dd/" → ".", but a one-letter "d/" → "d" and
// "d//" → "d/" (as "/" → "" and "//" → "/").
std::string leading_directories(std::string_view path) {
    size_t end = path.size();
    while (end > 1 && path[end - 1] == '/')
        --end;
    size_t slash = path.rfind('/', end - 1);
    if (end == 1 && path.size() > 1)
        return std::string(path.substr(0, path.size() - 1));
    if (slash == std::string_view::npos)
        return ".";
    return std::string(path.substr(0, slash));
}

std::string link_target(const std::string& path) {
    char target[4096];
    ssize_t length = ::readlink(path.c_str(), target, sizeof target);
    return length < 0 ? std::string() : std::string(target, static_cast<size_t>(length));
}

// One piece of a compiled -printf format.
struct Piece {
    std::string literal;  // text to print as is (when `directive` is 0)
    char directive{0};
    char time_format{0};   // the k of %Ak %Ck %Tk
    std::string flags;     // "-+ #0"
    std::string width, precision;
    bool stop{false};      // \c: stop printing here
};

std::string number(unsigned long long value) { return std::to_string(value); }

// The text of one directive for `entry` (before width and precision are applied).
std::string expand(const Piece& piece, Entry& entry) {
    const struct stat* status = entry.status();
    static const struct stat k_empty{};
    const struct stat& s = status ? *status : k_empty;
    switch (piece.directive) {
    case 'p': return entry.path;
    case 'f': return last_component(entry.path);
    case 'h': return leading_directories(entry.path);
    case 'H': return std::string(entry.root);
    case 'P': {
        if (entry.depth == 0)
            return "";
        std::string rest = entry.path.substr(entry.root.size());
        return rest.starts_with('/') ? rest.substr(1) : rest;
    }
    case 'd': return number(entry.depth);
    case 's': return number(s.st_size);
    case 'm': {
        char text[16];
        std::snprintf(text, sizeof text, piece.flags.find('#') != std::string::npos ? "%#o" : "%o",
                      static_cast<unsigned>(s.st_mode & 07777));
        return text;
    }
    case 'M': return mode_string(s.st_mode);
    case 'u': return user_name(s.st_uid);
    case 'g': return group_name(s.st_gid);
    case 'U': return number(s.st_uid);
    case 'G': return number(s.st_gid);
    case 'i': return number(s.st_ino);
    case 'n': return number(s.st_nlink);
    case 'D': return number(s.st_dev);
    case 'b': return number(s.st_blocks);
    case 'k': return number((s.st_blocks + 1) / 2);
    case 'y': return std::string(1, type_letter(entry.type()));
    case 'Y': {
        if (entry.type() != 0120000)
            return std::string(1, type_letter(entry.type()));
        struct stat target {};
        if (::stat(entry.path.c_str(), &target) == 0)
            return std::string(1, type_letter(target.st_mode));
        return errno == ENOENT ? "N" : errno == ELOOP ? "L" : "?";
    }
    case 'l': return entry.type() == 0120000 || (status && (s.st_mode & 0170000) == 0120000) ? link_target(entry.path) : "";
    case 'S': {
        char text[32];
        std::snprintf(text, sizeof text, "%g", s.st_size ? static_cast<double>(s.st_blocks) * 512 / s.st_size : 1.0);
        return text;
    }
    case 'F': return "unknown";
    case 'Z': return "?";
    case 'a': return format_time(s.st_atim, 't');
    case 'c': return format_time(s.st_ctim, 't');
    case 't': return format_time(s.st_mtim, 't');
    case 'A': return format_time(s.st_atim, piece.time_format);
    case 'C': return format_time(s.st_ctim, piece.time_format);
    case 'T': return format_time(s.st_mtim, piece.time_format);
    default: return "";
    }
}

// %d and %m are printed as numbers (GNU hands them to printf as %d and %o, so flags, width and
// precision mean what they mean there); the other directives are text.
bool put_number(Output& out, const Piece& piece, Entry& entry) {
    if (piece.directive != 'd' && piece.directive != 'm')
        return false;
    const struct stat* status = entry.status();
    long value = piece.directive == 'd' ? entry.depth : status ? static_cast<long>(status->st_mode & 07777) : 0;
    std::string format = "%" + piece.flags + piece.width + (piece.precision.empty() ? "" : "." + piece.precision) +
                         (piece.directive == 'd' ? "ld" : "lo");
    char text[128];
    std::snprintf(text, sizeof text, format.c_str(), value);
    out.write(text);
    return true;
}

void put_piece(Output& out, const Piece& piece, std::string text) {
    if (!piece.precision.empty()) {
        size_t limit = std::stoul(piece.precision);
        if (text.size() > limit)
            text.resize(limit);
    }
    size_t width = piece.width.empty() ? 0 : std::stoul(piece.width);
    if (text.size() >= width) {
        out.write(text);
        return;
    }
    std::string padding(width - text.size(), ' ');
    if (piece.flags.find('-') != std::string::npos)
        text += padding;
    else if (piece.flags.find('0') != std::string::npos && piece.directive == 'm')  // only %m is numeric
        text = std::string(padding.size(), '0') + text;
    else
        text = padding + text;
    out.write(text);
}

// Reads a backslash escape at format[i] (the backslash); appends its text; false for \c.
bool escape(std::string_view format, size_t& i, std::string& text) {
    if (i + 1 >= format.size()) {
        write_all(2, "find: warning: escape `\\' followed by nothing at all\n");
        text += '\\';
        return true;
    }
    char c = format[++i];
    switch (c) {
    case 'a': text += '\a'; break;
    case 'b': text += '\b'; break;
    case 'f': text += '\f'; break;
    case 'n': text += '\n'; break;
    case 'r': text += '\r'; break;
    case 't': text += '\t'; break;
    case 'v': text += '\v'; break;
    case '\\': text += '\\'; break;
    case 'c': return false;
    default:
        if (c >= '0' && c <= '7') {
            int value = 0;
            size_t digits = 0;
            while (digits < 3 && i < format.size() && format[i] >= '0' && format[i] <= '7') {
                value = value * 8 + (format[i++] - '0');
                ++digits;
            }
            --i;
            text += static_cast<char>(value);
        } else {
            write_all(2, std::string("find: warning: unrecognized escape `\\") + c + "'\n");
            text += '\\';
            text += c;
        }
    }
    return true;
}

std::vector<Piece> compile_format(std::string_view format) {
    std::vector<Piece> pieces(1);
    for (size_t i = 0; i < format.size(); ++i) {
        char c = format[i];
        if (c == '\\') {
            if (!escape(format, i, pieces.back().literal)) {
                pieces.back().stop = true;
                break;
            }
            continue;
        }
        if (c != '%' || i + 1 >= format.size()) {
            pieces.back().literal += c;
            continue;
        }
        if (format[i + 1] == '%') {
            pieces.back().literal += '%';
            ++i;
            continue;
        }
        Piece piece;
        size_t j = i + 1;
        while (j < format.size() && std::strchr("-+ #0", format[j]))
            piece.flags += format[j++];
        while (j < format.size() && format[j] >= '0' && format[j] <= '9')
            piece.width += format[j++];
        if (j < format.size() && format[j] == '.') {
            ++j;
            piece.precision = "0";
            while (j < format.size() && format[j] >= '0' && format[j] <= '9')
                piece.precision += format[j++];
        }
        char directive = j < format.size() ? format[j] : 0;
        if (directive && std::strchr("ACT", directive) && j + 1 < format.size()) {
            piece.time_format = format[++j];
        }
        if (!directive || !std::strchr("aAbcCdDfFgGhHiklmMnpPsStTuUyYZ", directive)) {
            std::string spelled(format.substr(i, j + (directive ? 1 : 0) - i));
            write_all(2, "find: warning: unrecognized format directive `" + spelled + "'\n");
            pieces.back().literal += spelled;
            i = j;
            continue;
        }
        piece.directive = directive;
        pieces.push_back(std::move(piece));
        pieces.emplace_back();
        i = j;
    }
    return pieces;
}

// Runs one command line, in `directory` (nullptr: here) with `stdin_fd` (-1: inherited); its
// exit status, or -1 when it could not start or died of a signal.
int run_command(Run& run, const std::vector<std::string>& words, const char* directory, int stdin_fd) {
    run.out.flush();
    std::vector<char*> arguments;
    for (const auto& word : words)
        arguments.push_back(const_cast<char*>(word.c_str()));
    arguments.push_back(nullptr);
    sx_spawn_options options = sx_spawn_defaults();
    options.cwd = directory;
    options.stdin_fd = stdin_fd;
    pid_t child = sx_spawn(words[0].c_str(), arguments.data(), nullptr, &options);
    if (child < 0) {
        // GNU's child reports the failed exec and exits 127; find itself carries on.
        int error = errno;
        run.out.flush();
        write_all(2, std::string(k_program) + ": " + quote(words[0]) + ": " + strerror_gnu(error) + "\n");
        return 127;
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFSIGNALED(status))
        return -1;
    return WEXITSTATUS(status);
}

void run_batch(Run& run, ExecBatch& batch) {
    if (batch.pending.empty())
        return;
    std::vector<std::string> words = batch.command;
    words.insert(words.end(), batch.pending.begin(), batch.pending.end());
    batch.pending.clear();
    batch.pending_bytes = batch.base_bytes;
    if (run_command(run, words, batch.in_directory ? batch.directory.c_str() : nullptr, -1) != 0)
        run.status = 1;
}

std::string replace_braces(const std::string& word, const std::string& path) {
    std::string out;
    size_t at = 0;
    for (size_t found; (found = word.find("{}", at)) != std::string::npos; at = found + 2)
        out += word.substr(at, found - at) + path;
    return out + word.substr(at);
}

// -ok's question on stderr ("< CMD ... FILE > ? "); true when the answer read from stdin
// starts with y or Y.
bool confirm(const std::string& command, const std::string& path) {
    write_all(2, "< " + command + " ... " + path + " > ? ");
    std::string answer;
    char c;
    while (::read(0, &c, 1) == 1 && c != '\n')
        answer += c;
    return !answer.empty() && (answer[0] == 'y' || answer[0] == 'Y');
}

}  // namespace

std::string format_time(const timespec& when, char k) {
    switch (k) {
    case 't': return strftime_utc(when, "%a %b %e %H:%M:%S") + fraction(when.tv_nsec) + strftime_utc(when, " %Y");
    case '@': return std::to_string(static_cast<long long>(when.tv_sec)) + fraction(when.tv_nsec);
    case '+': return strftime_utc(when, "%Y-%m-%d+%H:%M:%S") + fraction(when.tv_nsec);
    case 'S': return strftime_utc(when, "%S") + fraction(when.tv_nsec);
    case 'T': case 'X': return strftime_utc(when, "%H:%M:%S") + fraction(when.tv_nsec);
    case 'k': case 'l': {  // wasi-libc's strftime lacks these two
        std::string hour = strftime_utc(when, k == 'k' ? "%H" : "%I");
        if (hour[0] == '0')
            hour[0] = ' ';
        return hour;
    }
    case 'Z': return "UTC";
    default: return strftime_utc(when, std::string{'%', k}.c_str());
    }
}

Predicate make_printf(std::string_view format, Output* out) {
    if (format.ends_with('%') && (format.size() - format.find_last_not_of('%') - 1) % 2 == 1) {
        write_all(2, "find: error: % at end of format string\n");
        return nullptr;
    }
    auto pieces = std::make_shared<std::vector<Piece>>(compile_format(format));
    return [pieces, out](Run&, Entry& entry) {
        for (const Piece& piece : *pieces) {
            if (!piece.directive)
                out->write(piece.literal);
            else if (!put_number(*out, piece, entry))
                put_piece(*out, piece, expand(piece, entry));
            if (piece.stop) {
                out->flush();
                break;
            }
        }
        return true;
    };
}

// -ls prints names in gnulib's escape style: C escapes, backslash before spaces and
// backslashes, octal for other unprintable bytes.
std::string escape_name(std::string_view name) {
    std::string out;
    for (unsigned char c : name) {
        static constexpr std::string_view k_letters = "\aa\bb\ff\nn\rr\tt\vv";
        size_t at = k_letters.find(static_cast<char>(c));
        if (c == ' ' || c == '\\')
            out += {'\\', static_cast<char>(c)};
        else if (c < 32 && at != std::string_view::npos && at % 2 == 0)
            out += {'\\', k_letters[at + 1]};
        else if (c < 32 || c >= 127) {
            char text[8];
            std::snprintf(text, sizeof text, "\\%03o", c);
            out += text;
        } else
            out += static_cast<char>(c);
    }
    return out;
}

Predicate make_ls(Output* out) {
    return [out](Run& run, Entry& entry) {
        const struct stat* status = entry.status();
        if (!status)
            return true;
        char head[128];
        std::snprintf(head, sizeof head, "%9llu %6llu %s %3llu ", static_cast<unsigned long long>(status->st_ino),
                      static_cast<unsigned long long>((status->st_blocks + 1) / 2), mode_string(status->st_mode).c_str(),
                      static_cast<unsigned long long>(status->st_nlink));
        std::string line = head;
        char owners[256];
        std::snprintf(owners, sizeof owners, "%-8s %-8s %8llu ", user_name(status->st_uid).c_str(),
                      group_name(status->st_gid).c_str(), static_cast<unsigned long long>(status->st_size));
        line += owners;
        line += ls_date(status->st_mtim, run.options.now) + " " + escape_name(entry.path);
        if ((status->st_mode & 0170000) == 0120000)
            line += " -> " + escape_name(link_target(entry.path));
        out->write(line);
        out->put('\n');
        return true;
    };
}

Predicate make_exec(Run& run, std::vector<std::string> words, bool plus, bool in_directory, bool ask) {
    auto place = [in_directory](Entry& entry, std::string& directory) {
        if (!in_directory)
            return entry.path;
        std::string_view name = entry.name();
        directory = name == "/" ? std::string("/") : leading_directories(entry.path);
        if (directory.empty())
            directory = "/";
        return (name == "/" ? std::string("/") : "./" + std::string(name));
    };
    if (plus) {
        run.batches.push_back(std::make_unique<ExecBatch>());
        ExecBatch* batch = run.batches.back().get();
        batch->command.assign(words.begin(), words.end() - 1);
        batch->in_directory = in_directory;
        for (const auto& word : batch->command)
            batch->base_bytes += word.size() + 1;
        batch->pending_bytes = batch->base_bytes;
        return [batch, place](Run& r, Entry& entry) {
            std::string directory;
            std::string argument = place(entry, directory);
            // GNU's command line holds at most 128 KiB: words and their terminating NULs.
            if (!batch->pending.empty() &&
                (batch->pending_bytes + argument.size() + 1 > k_max_command_bytes || directory != batch->directory))
                run_batch(r, *batch);
            batch->directory = directory;
            batch->pending_bytes += argument.size() + 1;
            batch->pending.push_back(std::move(argument));
            return true;
        };
    }
    return [words, place, in_directory, ask](Run& r, Entry& entry) {
        std::string directory;
        std::string path = place(entry, directory);
        std::vector<std::string> command;
        for (const auto& word : words)
            command.push_back(replace_braces(word, path));
        int stdin_fd = -1;
        if (ask) {
            r.out.flush();
            if (!confirm(command[0], entry.path))
                return false;
            stdin_fd = ::open("/dev/null", O_RDONLY);
        }
        int status = run_command(r, command, in_directory ? directory.c_str() : nullptr, stdin_fd);
        if (stdin_fd >= 0)
            ::close(stdin_fd);
        if (status < 0)
            r.status = 1;
        return status == 0;
    };
}

void flush_batches(Run& run) {
    for (auto& batch : run.batches)
        run_batch(run, *batch);
}

bool delete_entry(Run& run, Entry& entry) {
    if (entry.name() == ".")
        return true;
    int result = entry.type() == 0040000 ? ::rmdir(entry.path.c_str()) : ::unlink(entry.path.c_str());
    if (result != 0) {
        run.error("cannot delete " + quote(entry.path) + ": " + strerror_gnu(errno));
        return false;
    }
    return true;
}

}  // namespace toolbox::find
