// sed's executor: runs a compiled sed::Script over the input files as GNU sed 4.9 does — one
// line of lookahead (to know `$`), pattern and hold space, the append queue (a, r, R) flushed at
// the end of a cycle or before n/N read, range states per command, a last line without a newline
// written back without one (and the newline supplied if more output follows), -s/-i treating
// each file as its own stream, -i writing a temporary file renamed over the original.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sx/posix.h>

#include "applets/sed_script.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/output.h"

namespace toolbox::sed {

namespace {

constexpr char k_program[] = "sed";

void complain(const std::string& message) { write_all(2, std::string(k_program) + ": " + message + "\n"); }

// An output with GNU's "missing newline" bookkeeping: after a last line written without its
// newline, the next write to the same output first supplies it.
struct Stream {
    explicit Stream(int fd) : own(std::make_unique<Output>(fd)), out(*own) {}
    // Another view of an existing output (w /dev/stdout): GNU keeps a separate missing-newline
    // flag for it, though the bytes go to the same place.
    explicit Stream(Output& shared) : out(shared) {}
    std::unique_ptr<Output> own;
    Output& out;
    bool missing_newline{false};
    bool owned_fd{false};

    void begin() {
        if (missing_newline) {
            out.put('\n');
            missing_newline = false;
        }
    }
    void text(std::string_view data) {
        begin();
        out.write(data);
    }
};

struct Pending {
    enum class Kind { text, file, line } kind;
    std::string content;  // text or R line, or r's file name
};

// An R file being read a line at a time.
struct LineSource {
    int fd{-1};
    std::unique_ptr<LineReader> reader;
};

// stop: n or N found no next line (the cycle ends with the autoprint; under -s the next file
// follows); quit_command: q, which also ends a last line that had no newline.
enum class Flow { end_cycle, delete_cycle, restart, stop, quit_command, quit_silent };

class Executor final {
public:
    Executor(Script& script, const RunOptions& options, std::vector<std::string> files)
        : m_script(script), m_options(options), m_files(std::move(files)), m_delimiter(options.null_data ? '\0' : '\n'),
          m_stdout(1) {
        m_out = &m_stdout;
    }
    int run();

private:
    bool open_outputs();
    bool open_next_file();
    bool read_record(std::string& line, bool& newline);
    bool fetch_ahead();
    bool next_line(std::string& line, bool& newline);
    bool is_last() { return !fetch_ahead(); }
    void process_stream();
    Flow run_cycle();
    Flow execute(Command& command, size_t& pc);
    bool matches(Command& command);
    bool match_one(const Address& address);
    const Regex* use_regex(const ScriptRegex& regex);
    void write_pattern(Stream& stream, std::string_view text, bool newline);
    void write_text(std::string_view text);
    void end_of_cycle(bool print);
    void dump_append();
    void list(int width);
    bool substitute(const Substitution& substitution);
    bool begin_in_place(const std::string& name);
    bool end_in_place();
    void fatal(const std::string& message) {
        complain(message);
        m_fatal = true;
        m_quit = true;
        m_exit = 4;
    }

    Script& m_script;
    const RunOptions& m_options;
    std::vector<std::string> m_files;
    char m_delimiter;
    Stream m_stdout;
    Stream* m_out;
    std::vector<std::unique_ptr<Stream>> m_file_streams;  // index as Script::files
    std::map<std::string, LineSource> m_line_sources;

    size_t m_next_file{0};
    int m_fd{-1};
    std::unique_ptr<LineReader> m_reader;
    std::string m_reading_name;  // the file m_reader reads
    bool m_have_ahead{false};
    std::string m_ahead;
    bool m_ahead_newline{false};
    std::string m_ahead_name;

    std::string m_pattern;
    bool m_pattern_newline{true};
    std::string m_hold;
    bool m_hold_newline{true};  // each buffer carries whether its line had a newline, as GNU's
    std::string m_line_name;  // the file the current line came from (F)
    uint64_t m_line{0};
    bool m_replaced{false};
    const Regex* m_last_regex{nullptr};
    std::vector<Pending> m_append;
    std::vector<RegexSpan> m_groups;

    std::unique_ptr<Stream> m_in_place;
    std::string m_in_place_target;
    std::string m_in_place_temp;

    bool m_quit{false};
    bool m_fatal{false};
    int m_exit{0};
    int m_status{0};
};

bool Executor::open_outputs() {
    for (const OutputFile& file : m_script.files) {
        if (file.name == "/dev/stdout") {
            m_file_streams.push_back(std::make_unique<Stream>(m_stdout.out));
            continue;
        }
        int fd = file.name == "/dev/stderr" ? 2 : ::open(file.name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (fd < 0) {
            complain("couldn't open file " + file.name + ": " + strerror_gnu(errno));
            return false;
        }
        auto stream = std::make_unique<Stream>(fd);
        stream->owned_fd = fd != 2;
        m_file_streams.push_back(std::move(stream));
    }
    return true;
}

// Opens the next readable input file, reporting the unreadable ones; false when none is left.
bool Executor::open_next_file() {
    while (m_next_file < m_files.size()) {
        const std::string& name = m_files[m_next_file++];
        int fd = name == "-" && !m_options.in_place ? 0 : ::open(name.c_str(), O_RDONLY);
        if (fd < 0) {
            complain("can't read " + name + ": " + strerror_gnu(errno));
            m_status = 2;
            continue;
        }
        struct stat status {};
        if (fd != 0 && ::fstat(fd, &status) == 0 && S_ISDIR(status.st_mode) && !m_options.in_place) {
            ::close(fd);
            fatal("read error on " + name + ": " + strerror_gnu(EISDIR));
            return false;
        }
        m_fd = fd;
        m_reader = std::make_unique<LineReader>(fd, m_delimiter);
        m_reading_name = name;
        return true;
    }
    return false;
}

// The next record of the current file, without its delimiter; false at the file's end.
bool Executor::read_record(std::string& line, bool& newline) {
    if (!m_reader)
        return false;
    std::string_view record;
    if (m_reader->next(record)) {
        newline = !record.empty() && record.back() == m_delimiter;
        if (newline)
            record.remove_suffix(1);
        line.assign(record);
        return true;
    }
    int error = m_reader->error();
    if (m_fd > 0)
        ::close(m_fd);
    m_fd = -1;
    m_reader.reset();
    if (error != 0)
        fatal("read error on " + (m_reading_name == "-" ? std::string("stdin") : m_reading_name) + ": " +
              strerror_gnu(error));
    return false;
}

bool Executor::fetch_ahead() {
    if (m_have_ahead)
        return true;
    for (;;) {
        if (m_fatal)
            return false;
        if (read_record(m_ahead, m_ahead_newline)) {
            m_have_ahead = true;
            m_ahead_name = m_reading_name;
            return true;
        }
        if (m_options.separate || !open_next_file())
            return false;
    }
}

bool Executor::next_line(std::string& line, bool& newline) {
    if (!fetch_ahead())
        return false;
    line.swap(m_ahead);
    newline = m_ahead_newline;
    m_line_name = m_ahead_name;
    m_have_ahead = false;
    ++m_line;
    return true;
}

void Executor::write_pattern(Stream& stream, std::string_view text, bool newline) {
    stream.text(text);
    if (newline)
        stream.out.put(m_delimiter);
    else
        stream.missing_newline = true;
}

// i and c end their text with the line delimiter (NUL under -z); a keeps the newline, as GNU.
void Executor::write_text(std::string_view text) {
    if (text.empty() || text.back() != '\n') {
        m_out->text(text);
        return;
    }
    m_out->text(text.substr(0, text.size() - 1));
    m_out->out.put(m_delimiter);
}

const Regex* Executor::use_regex(const ScriptRegex& regex) {
    const Regex* chosen = regex.regex ? regex.regex.get() : m_last_regex;
    if (chosen == nullptr) {
        fatal("no previous regular expression");
        return nullptr;
    }
    m_last_regex = chosen;
    return chosen;
}

bool Executor::match_one(const Address& address) {
    switch (address.kind) {
    case AddressKind::line: return m_line == address.number;
    case AddressKind::last: return is_last();
    case AddressKind::regex: {
        const Regex* regex = use_regex(*address.regex);
        return regex != nullptr && regex->matches(m_pattern);
    }
    case AddressKind::step:
        if (address.step == 0)
            return m_line == address.number;
        return m_line >= address.number && (m_line - address.number) % address.step == 0;
    default: return false;
    }
}

// GNU's match_address_p: one address, or a range with its state kept in the command.
bool Executor::matches(Command& command) {
    if (command.first.kind == AddressKind::none)
        return true;
    if (command.second.kind == AddressKind::none)
        return match_one(command.first);
    if (command.range_active) {
        switch (command.second.kind) {
        case AddressKind::line:
        case AddressKind::plus:
        case AddressKind::multiple:
            if (m_line >= command.range_end)
                command.range_active = false;
            return m_line <= command.range_end;
        default:
            if (match_one(command.second))
                command.range_active = false;
            return true;
        }
    }
    if (!match_one(command.first))
        return false;
    const Address& second = command.second;
    switch (second.kind) {
    case AddressKind::line:
    case AddressKind::step:
        command.range_end = second.number;
        break;
    case AddressKind::plus: command.range_end = m_line + second.number; break;
    case AddressKind::multiple:
        command.range_end = second.number == 0 ? m_line : (m_line / second.number + 1) * second.number;
        break;
    default: command.range_active = true; return true;
    }
    command.range_active = command.range_end > m_line;
    return true;
}

void Executor::dump_append() {
    for (const Pending& pending : m_append) {
        if (pending.kind != Pending::Kind::file) {
            m_out->text(pending.content);
            continue;
        }
        int fd = ::open(pending.content.c_str(), O_RDONLY);
        if (fd < 0)
            continue;
        m_out->begin();
        read_blocks(fd, [&](std::string_view block) { return m_out->out.write(block); });
        ::close(fd);
    }
    m_append.clear();
}

void Executor::end_of_cycle(bool print) {
    if (print && !m_options.quiet)
        write_pattern(*m_out, m_pattern, m_pattern_newline);
    dump_append();
    if (m_options.unbuffered)
        m_out->out.flush();
}

// The l command: C escapes, octal for other unprintable bytes, lines wrapped at `width` with a
// backslash (0 or 1: no wrapping), '$' at the end.
void Executor::list(int width) {
    std::string out;
    size_t column = 0;
    for (unsigned char c : m_pattern) {
        char piece[8];
        size_t size = 0;
        static constexpr std::string_view k_escapes = "\\\\\aa\bb\ff\nn\rr\tt\vv";
        size_t at = std::string_view::npos;
        for (size_t k = 0; k < k_escapes.size(); k += 2)
            if (static_cast<unsigned char>(k_escapes[k]) == c)
                at = k;
        if (at != std::string_view::npos) {
            piece[0] = '\\';
            piece[1] = k_escapes[at + 1];
            size = 2;
        } else if (c >= 0x20 && c < 0x7f) {
            piece[0] = static_cast<char>(c);
            size = 1;
        } else {
            size = static_cast<size_t>(std::snprintf(piece, sizeof piece, "\\%03o", c));
        }
        if (width > 1 && column + size > static_cast<size_t>(width - 1)) {
            out += "\\\n";
            column = 0;
        } else if (width == 1) {
            out += "\\\n";
        }
        out.append(piece, size);
        column += size;
    }
    out += '$';
    out += m_delimiter;
    m_out->text(out);
}

// Case conversion state of a replacement: \L \U until \E, \l \u for the next character.
struct CaseState {
    char mode{0};
    char once{0};
    void append(std::string& out, std::string_view text) {
        for (char c : text) {
            unsigned char u = static_cast<unsigned char>(c);
            if (once != 0) {
                c = static_cast<char>(once == 'u' ? std::toupper(u) : std::tolower(u));
                once = 0;
            } else if (mode == 'U') {
                c = static_cast<char>(std::toupper(u));
            } else if (mode == 'L') {
                c = static_cast<char>(std::tolower(u));
            }
            out += c;
        }
    }
};

void append_replacement(const Substitution& substitution, std::string_view text, const std::vector<RegexSpan>& groups,
                        std::string& out) {
    CaseState state;
    for (const ReplacementPiece& piece : substitution.replacement) {
        switch (piece.kind) {
        case ReplacementPiece::Kind::literal: state.append(out, piece.text); break;
        case ReplacementPiece::Kind::group: {
            size_t index = static_cast<size_t>(piece.group);
            if (index < groups.size() && groups[index].matched())
                state.append(out, text.substr(static_cast<size_t>(groups[index].begin),
                                              static_cast<size_t>(groups[index].end - groups[index].begin)));
            break;
        }
        case ReplacementPiece::Kind::case_change:
            if (piece.change == 'l' || piece.change == 'u')
                state.once = piece.change;
            else if (piece.change == 'E')
                state.mode = state.once = 0;
            else
                state.mode = piece.change, state.once = 0;
            break;
        }
    }
}

// s///: GNU's rules for counting matches, g, N and Ng; an empty match right after a previous
// match is skipped.
bool Executor::substitute(const Substitution& substitution) {
    const Regex* regex = use_regex(*substitution.regex);
    if (regex == nullptr)
        return false;
    const std::string& text = m_pattern;
    std::string result;
    size_t position = 0;
    uint64_t count = 0;
    bool replaced = false;
    std::ptrdiff_t previous_end = -1;
    while (position <= text.size() && regex->search(text, position, m_groups)) {
        size_t begin = static_cast<size_t>(m_groups[0].begin);
        size_t end = static_cast<size_t>(m_groups[0].end);
        if (begin == end && static_cast<std::ptrdiff_t>(begin) == previous_end) {
            if (begin >= text.size())
                break;
            result.append(text, position, begin + 1 - position);
            position = begin + 1;
            continue;
        }
        ++count;
        result.append(text, position, begin - position);
        if (count >= substitution.occurrence) {
            append_replacement(substitution, text, m_groups, result);
            replaced = true;
        } else {
            result.append(text, begin, end - begin);
        }
        position = end;
        previous_end = static_cast<std::ptrdiff_t>(end);
        if (replaced && !substitution.global)
            break;
        if (begin == end) {
            if (end >= text.size())
                break;
            result += text[end];
            position = end + 1;
        }
    }
    if (!replaced)
        return false;
    if (position < text.size())
        result.append(text, position, std::string::npos);
    m_pattern.swap(result);
    return true;
}

Flow Executor::execute(Command& command, size_t& pc) {
    ++pc;
    switch (command.name) {
    case '{':
    case '}':
    case ':':
    case 'v': break;
    case '=': m_out->text(std::to_string(m_line) + m_delimiter); break;
    case 'a': m_append.push_back({Pending::Kind::text, command.text}); break;
    case 'i': write_text(command.text); break;
    case 'c':
        if (!command.range_active)
            write_text(command.text);
        return Flow::delete_cycle;
    case 'd': return Flow::delete_cycle;
    case 'D': {
        size_t newline = m_pattern.find(m_delimiter);
        if (newline == std::string::npos)
            return Flow::delete_cycle;
        m_pattern.erase(0, newline + 1);
        return Flow::restart;
    }
    case 'F': m_out->text(m_line_name + m_delimiter); break;
    case 'g':
        m_pattern = m_hold;
        m_pattern_newline = m_hold_newline;
        break;
    case 'G':
        m_pattern += m_delimiter;
        m_pattern += m_hold;
        m_pattern_newline = m_hold_newline;
        break;
    case 'h':
        m_hold = m_pattern;
        m_hold_newline = m_pattern_newline;
        break;
    case 'H':
        m_hold += m_delimiter;
        m_hold += m_pattern;
        m_hold_newline = m_pattern_newline;
        break;
    case 'x':
        m_pattern.swap(m_hold);
        std::swap(m_pattern_newline, m_hold_newline);
        break;
    case 'z': m_pattern.clear(); break;
    case 'l': list(command.number >= 0 ? static_cast<int>(command.number) : m_options.line_length); break;
    case 'n':
        if (is_last())
            return Flow::stop;
        if (!m_options.quiet)
            write_pattern(*m_out, m_pattern, m_pattern_newline);
        dump_append();
        next_line(m_pattern, m_pattern_newline);
        break;
    case 'N': {
        if (is_last())
            return m_options.posix ? Flow::quit_silent : Flow::stop;
        dump_append();
        std::string line;
        next_line(line, m_pattern_newline);
        m_pattern += m_delimiter;
        m_pattern += line;
        break;
    }
    case 'p': write_pattern(*m_out, m_pattern, m_pattern_newline); break;
    case 'P': {
        size_t newline = m_pattern.find(m_delimiter);
        write_pattern(*m_out, std::string_view(m_pattern).substr(0, newline), true);
        break;
    }
    case 'q':
        m_exit = command.number >= 0 ? static_cast<int>(command.number) : 0;
        return Flow::quit_command;
    case 'Q':
        m_exit = command.number >= 0 ? static_cast<int>(command.number) : 0;
        return Flow::quit_silent;
    case 'r': m_append.push_back({Pending::Kind::file, command.text}); break;
    case 'R': {
        LineSource& source = m_line_sources[command.text];
        if (!source.reader) {
            source.fd = ::open(command.text.c_str(), O_RDONLY);
            if (source.fd >= 0)
                source.reader = std::make_unique<LineReader>(source.fd, m_delimiter);
        }
        std::string_view record;
        if (source.reader && source.reader->next(record))
            m_append.push_back({Pending::Kind::line, std::string(record)});
        break;
    }
    case 's':
        if (substitute(*command.substitution)) {
            m_replaced = true;
            const Substitution& substitution = *command.substitution;
            if (substitution.print)
                write_pattern(*m_out, m_pattern, m_pattern_newline);
            if (substitution.output != SIZE_MAX) {
                write_pattern(*m_file_streams[substitution.output], m_pattern, m_pattern_newline);
            }
        }
        break;
    case 't':
    case 'T':
        if (m_replaced == (command.name == 't'))
            pc = command.jump == SIZE_MAX ? m_script.commands.size() : command.jump;
        m_replaced = false;
        break;
    case 'b': pc = command.jump == SIZE_MAX ? m_script.commands.size() : command.jump; break;
    case 'w':
    case 'W': {
        Stream* stream = m_file_streams[command.output].get();
        std::string_view text = m_pattern;
        size_t newline = command.name == 'W' ? text.find(m_delimiter) : std::string_view::npos;
        write_pattern(*stream, text.substr(0, newline),
                      newline != std::string_view::npos || m_pattern_newline);
        break;
    }
    case 'y':
        for (char& c : m_pattern)
            c = command.translate[static_cast<unsigned char>(c)];
        break;
    default: break;
    }
    return Flow::end_cycle;
}

Flow Executor::run_cycle() {
    size_t pc = 0;
    auto& commands = m_script.commands;
    while (pc < commands.size()) {
        Command& command = commands[pc];
        bool selected = matches(command) != command.negate;
        if (m_fatal)
            return Flow::quit_silent;
        if (!selected) {
            pc = command.name == '{' ? command.jump : pc + 1;
            continue;
        }
        Flow flow = execute(command, pc);
        if (m_fatal)
            return Flow::quit_silent;
        if (flow != Flow::end_cycle)
            return flow;
    }
    return Flow::end_cycle;
}

void Executor::process_stream() {
    bool have_line = false;
    while (!m_quit) {
        if (!have_line) {
            if (!next_line(m_pattern, m_pattern_newline))
                return;
            m_replaced = false;
        }
        have_line = false;
        Flow flow = run_cycle();
        switch (flow) {
        case Flow::end_cycle: end_of_cycle(true); break;
        case Flow::delete_cycle: end_of_cycle(false); break;
        case Flow::restart:
            end_of_cycle(false);
            have_line = true;
            break;
        case Flow::stop: end_of_cycle(true); break;
        case Flow::quit_command:
            end_of_cycle(true);
            m_out->begin();
            m_quit = true;
            break;
        case Flow::quit_silent: m_quit = true; break;
        }
    }
}

bool Executor::begin_in_place(const std::string& name) {
    struct stat status {};
    if (::fstat(m_fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        fatal("couldn't edit " + name + ": not a regular file");
        return false;
    }
    size_t slash = name.rfind('/');
    std::string directory = slash == std::string::npos ? "." : name.substr(0, slash == 0 ? 1 : slash);
    static unsigned counter = 0;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "%06u", (static_cast<unsigned>(::getpid()) * 7919u + counter++) % 1000000u);
        m_in_place_temp = directory + "/sed" + suffix;
        fd = ::open(m_in_place_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        fatal("couldn't open temporary file " + m_in_place_temp + ": " + strerror_gnu(errno));
        return false;
    }
    ::chmod(m_in_place_temp.c_str(), status.st_mode & 07777);
    m_in_place = std::make_unique<Stream>(fd);
    m_in_place_target = name;
    m_out = m_in_place.get();
    return true;
}

bool Executor::end_in_place() {
    m_out = &m_stdout;
    std::unique_ptr<Stream> stream = std::move(m_in_place);
    stream->out.flush();
    ::close(stream->out.fd());
    const std::string& target = m_in_place_target;
    if (!m_options.in_place_suffix.empty()) {
        std::string backup;
        const std::string& suffix = m_options.in_place_suffix;
        if (suffix.find('*') == std::string::npos) {
            backup = target + suffix;
        } else {
            size_t slash = target.rfind('/');
            std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
            for (char c : suffix)
                backup += c == '*' ? base : std::string(1, c);
            if (backup.find('/') == std::string::npos && slash != std::string::npos)
                backup = target.substr(0, slash + 1) + backup;
        }
        if (::rename(target.c_str(), backup.c_str()) != 0) {
            fatal("cannot rename " + target + ": " + strerror_gnu(errno));
            ::unlink(m_in_place_temp.c_str());
            return false;
        }
    }
    if (::rename(m_in_place_temp.c_str(), target.c_str()) != 0) {
        fatal("cannot rename " + m_in_place_temp + ": " + strerror_gnu(errno));
        return false;
    }
    return true;
}

int Executor::run() {
    if (!open_outputs())
        return 4;
    for (Command& command : m_script.commands)
        if (command.first.kind == AddressKind::zero)
            command.range_active = true;
    if (!m_options.separate) {
        if (open_next_file())
            process_stream();
    } else {
        while (!m_quit && open_next_file()) {
            m_line = 0;
            if (m_options.in_place && !begin_in_place(m_reading_name))
                break;
            process_stream();
            if (m_options.in_place && !m_fatal) {
                // q leaves the rest of the file out, as GNU does.
                end_in_place();
            }
        }
    }
    for (auto& stream : m_file_streams) {
        if (!stream)
            continue;
        stream->out.flush();
        if (stream->owned_fd)
            ::close(stream->out.fd());
    }
    int status = m_fatal ? 4 : m_status != 0 ? m_status : m_exit;
    return finish(m_stdout.out, k_program, status);
}

}  // namespace

int run_script(Script& script, const std::vector<std::string>& files, const RunOptions& options) {
    Executor executor(script, options, files);
    return executor.run();
}

}  // namespace toolbox::sed
