// sed's script parser: turns -e expressions and -f files into sed::Script, with GNU sed 4.9's
// grammar (one-liner a/i/c, labels ending at ; or blanks, s flags, \cREc addresses, first~step,
// addr,+N, addr,~N, 0,/re/) and its error messages, located as GNU locates them: "-e expression
// #N, char C" counts the characters consumed when the error was seen, "file F line L" for -f.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lib/hex_digits.h"
#include "applets/sed_script.h"

namespace toolbox::sed {

namespace {

constexpr int k_eof = -1;

bool is_blank(int c) { return c == ' ' || c == '\t'; }
bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool is_digit(int c) { return c >= '0' && c <= '9'; }

// GNU's escapes in scripts (\a \f \n \r \t \v \cX \dNNN \oNNN \xHH) at text[i] (a backslash);
// on success appends the byte, advances i past the sequence and returns true.
bool convert_escape(std::string_view text, size_t& i, std::string& out) {
    if (i + 1 >= text.size())
        return false;
    char c = text[i + 1];
    static constexpr std::string_view k_simple = "a\af\fn\nr\rt\tv\v";
    for (size_t k = 0; k < k_simple.size(); k += 2) {
        if (k_simple[k] == c) {
            out += k_simple[k + 1];
            i += 2;
            return true;
        }
    }
    if (c == 'c' && i + 2 < text.size()) {
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i + 2])) ^ 0x40);
        i += 3;
        return true;
    }
    int base = c == 'd' ? 10 : c == 'o' ? 8 : c == 'x' ? 16 : 0;
    if (base == 0)
        return false;
    size_t max_digits = base == 16 ? 2 : 3;
    size_t j = i + 2;
    int value = 0;
    while (j < text.size() && j - (i + 2) < max_digits) {
        int digit = toolbox::hex_digit_value(text[j]);
        if (digit < 0 || digit >= base)
            break;
        value = value * base + digit;
        ++j;
    }
    if (j == i + 2)
        return false;
    out += static_cast<char>(value & 0xff);
    i = j;
    return true;
}

// A regex's text after the escapes sed itself handles; other backslash pairs stay for the regex.
std::string convert_regex_escapes(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size();) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            if (convert_escape(text, i, out))
                continue;
            out.append(text.substr(i, 2));
            i += 2;
            continue;
        }
        out += text[i++];
    }
    return out;
}

class Parser final {
public:
    Parser(const CompileOptions& options, Script& script) : m_options(options), m_script(script) {}

    bool parse_source(const ScriptSource& source, bool first, bool more_follow);
    bool finish();
    std::string error;
    int status{1};

private:
    int get();
    void unget(int c);
    int next_nonblank();
    bool fail(std::string_view message);
    bool fail_at_start(std::string_view message);

    bool parse_command();
    bool parse_address(Address& address, bool second);
    bool parse_regex(int delimiter, std::shared_ptr<ScriptRegex>& regex, bool& terminated);
    bool compile_regex(const std::string& pattern, bool ignore_case, bool multiline, std::shared_ptr<ScriptRegex>& out);
    bool read_delimited(int delimiter, bool regex, std::string& out);
    bool read_bracket(std::string& out);
    uint64_t read_number(int first_digit);
    bool end_of_command();
    std::string read_label();
    std::string read_filename();
    void read_text(std::string& text);
    bool parse_text_command(Command& command, bool more_follow);
    bool parse_substitution(Command& command);
    bool parse_substitution_flags(Substitution& substitution, bool& ignore_case, bool& multiline);
    bool parse_replacement(std::string_view text, Substitution& substitution, int& max_group);
    bool parse_translation(Command& command);
    size_t output_file(const std::string& name);

    const CompileOptions& m_options;
    Script& m_script;
    const ScriptSource* m_source{nullptr};
    std::string_view m_text;
    size_t m_pos{0};
    size_t m_line{1};
    std::vector<size_t> m_blocks;
    std::vector<const ScriptSource*> m_block_sources;  // where each open { was, for "unmatched `{'"
    size_t m_pending_text{SIZE_MAX};  // an a\ i\ c\ whose text is the next expression
    bool m_have_regex{false};
    bool m_more_follow{false};
};

int Parser::get() {
    if (m_pos >= m_text.size())
        return k_eof;
    char c = m_text[m_pos++];
    if (c == '\n')
        ++m_line;
    return static_cast<unsigned char>(c);
}

void Parser::unget(int c) {
    if (c == k_eof)
        return;
    --m_pos;
    if (m_text[m_pos] == '\n')
        --m_line;
}

int Parser::next_nonblank() {
    int c;
    do
        c = get();
    while (is_blank(c));
    return c;
}

bool Parser::fail(std::string_view message) {
    if (m_source->from_file)
        error = "file " + m_source->file_name + " line " + std::to_string(m_line) + ": ";
    else
        error = "-e expression #" + std::to_string(m_source->expression_number) + ", char " + std::to_string(m_pos) + ": ";
    error += message;
    return false;
}

// Errors GNU reports after the location was reset ("char 0", "line 0").
bool Parser::fail_at_start(std::string_view message) {
    m_pos = 0;
    m_line = 0;
    return fail(message);
}

uint64_t Parser::read_number(int first_digit) {
    uint64_t value = static_cast<uint64_t>(first_digit - '0');
    int c;
    while (is_digit(c = get()))
        value = value * 10 + static_cast<uint64_t>(c - '0');
    unget(c);
    return value;
}

bool Parser::end_of_command() {
    int c = next_nonblank();
    if (c == '}' || c == '#') {
        unget(c);
        return true;
    }
    if (c == k_eof || c == '\n' || c == ';')
        return true;
    return fail("extra characters after command");
}

std::string Parser::read_label() {
    int c = next_nonblank();
    std::string label;
    while (c != k_eof && c != ';' && c != '}' && !is_space(c)) {
        label += static_cast<char>(c);
        c = get();
    }
    unget(c);
    return label;
}

std::string Parser::read_filename() {
    int c = next_nonblank();
    std::string name;
    while (c != k_eof && c != '\n') {
        name += static_cast<char>(c);
        c = get();
    }
    return name;
}

// The text of a, i, c: up to an unescaped newline; backslash-newline continues it, other
// backslashes escape the next character. Always ends with a newline.
void Parser::read_text(std::string& text) {
    std::string raw;
    int c;
    while ((c = get()) != k_eof && c != '\n') {
        if (c == '\\') {
            c = get();
            if (c == k_eof)
                break;
            raw += '\\';
        }
        raw += static_cast<char>(c);
    }
    for (size_t i = 0; i < raw.size();) {
        if (raw[i] == '\\') {
            if (convert_escape(raw, i, text))
                continue;
            text += raw[i + 1];
            i += 2;
            continue;
        }
        text += raw[i++];
    }
    text += '\n';
}

// Reads up to an unescaped `delimiter` as GNU's match_slash: \delimiter is the delimiter itself,
// backslash-newline a newline, \n a newline in a regex; other pairs stay. false if unterminated.
bool Parser::read_delimited(int delimiter, bool regex, std::string& out) {
    int c;
    while ((c = get()) != k_eof) {
        if (c == '\n' && !m_options.null_data) {
            unget(c);
            return false;
        }
        if (c == delimiter)
            return true;
        if (c == '[' && regex) {
            if (!read_bracket(out))
                return false;
            continue;
        }
        if (c == '\\') {
            c = get();
            if (c == k_eof)
                return false;
            if (c == 'n' && regex)
                c = '\n';
            else if (c != '\n' && (c != delimiter || (!regex && c == '&')))
                out += '\\';
        }
        out += static_cast<char>(c);
    }
    return false;
}

// After a '[' in a regex: copies the bracket expression through its closing ']' (the delimiter
// is an ordinary character inside it, as in GNU sed). false if it never closes.
bool Parser::read_bracket(std::string& out) {
    out += '[';
    int c = get();
    if (c == '^') {
        out += '^';
        c = get();
    }
    if (c == ']') {
        out += ']';
        c = get();
    }
    while (c != k_eof && c != ']') {
        out += static_cast<char>(c);
        if (c == '[') {
            int kind = get();
            if (kind == ':' || kind == '.' || kind == '=') {
                out += static_cast<char>(kind);
                int previous = 0;
                while ((c = get()) != k_eof) {
                    out += static_cast<char>(c);
                    if (c == ']' && previous == kind)
                        break;
                    previous = c;
                }
                if (c == k_eof)
                    return false;
            } else {
                unget(kind);
            }
        }
        c = get();
    }
    if (c == k_eof)
        return false;
    out += ']';
    return true;
}

bool Parser::compile_regex(const std::string& pattern, bool ignore_case, bool multiline,
                           std::shared_ptr<ScriptRegex>& out) {
    out = std::make_shared<ScriptRegex>();
    if (pattern.empty()) {
        if (!m_have_regex)
            return fail_at_start("no previous regular expression");
        return true;
    }
    RegexOptions options;
    options.syntax = m_options.extended ? RegexSyntax::extended : RegexSyntax::basic;
    options.ignore_case = ignore_case;
    options.multiline = multiline;
    std::string message;
    out->regex = Regex::compile(convert_regex_escapes(pattern), options, message);
    if (!out->regex)
        return fail(message);
    m_have_regex = true;
    return true;
}

bool Parser::parse_address(Address& address, bool second) {
    int c = get();
    if (c == '/' || c == '\\') {
        if (c == '\\')
            c = get();
        if (c == k_eof || c == '\n' || c == '\\')
            return fail("unterminated address regex");
        std::string pattern;
        if (!read_delimited(c, true, pattern))
            return fail("unterminated address regex");
        bool ignore_case = false;
        bool multiline = false;
        for (c = get(); c == 'I' || c == 'M'; c = get())
            (c == 'I' ? ignore_case : multiline) = true;
        unget(c);
        address.kind = AddressKind::regex;
        return compile_regex(pattern, ignore_case, multiline, address.regex);
    }
    if (is_digit(c)) {
        address.number = read_number(c);
        c = get();
        if (c == '~') {
            int d = get();
            address.step = is_digit(d) ? read_number(d) : (unget(d), 0);
            address.kind = address.number == 0 && address.step == 0 ? AddressKind::zero : AddressKind::step;
            return true;
        }
        unget(c);
        address.kind = address.number == 0 ? AddressKind::zero : AddressKind::line;
        return true;
    }
    if (second && (c == '+' || c == '~')) {
        int d = get();
        address.number = is_digit(d) ? read_number(d) : (unget(d), 0);
        address.kind = c == '+' ? AddressKind::plus : AddressKind::multiple;
        return true;
    }
    if (c == '$') {
        address.kind = AddressKind::last;
        return true;
    }
    unget(c);
    return true;
}

size_t Parser::output_file(const std::string& name) {
    for (size_t i = 0; i < m_script.files.size(); ++i)
        if (m_script.files[i].name == name)
            return i;
    m_script.files.push_back({name});
    return m_script.files.size() - 1;
}

bool Parser::parse_text_command(Command& command, bool more_follow) {
    int c = next_nonblank();
    if (c == k_eof)
        return fail("expected \\ after `a', `c' or `i'");
    if (c == '\\') {
        c = get();
        if (c == k_eof) {
            if (more_follow)
                m_pending_text = m_script.commands.size();
            return true;
        }
        if (c != '\n')
            unget(c);
    } else {
        if (m_options.posix)
            return fail("expected \\ after `a', `c' or `i'");
        unget(c);
    }
    read_text(command.text);
    return true;
}

bool Parser::parse_replacement(std::string_view text, Substitution& substitution, int& max_group) {
    std::string literal;
    auto flush = [&] {
        if (!literal.empty())
            substitution.replacement.push_back({ReplacementPiece::Kind::literal, literal});
        literal.clear();
    };
    for (size_t i = 0; i < text.size();) {
        char c = text[i];
        if (c == '&') {
            flush();
            substitution.replacement.push_back({ReplacementPiece::Kind::group, {}, 0});
            ++i;
            continue;
        }
        if (c != '\\' || i + 1 >= text.size()) {
            literal += c;
            ++i;
            continue;
        }
        char d = text[i + 1];
        if (is_digit(d)) {
            flush();
            substitution.replacement.push_back({ReplacementPiece::Kind::group, {}, d - '0'});
            max_group = std::max(max_group, d - '0');
            i += 2;
        } else if (d == 'L' || d == 'U' || d == 'E' || d == 'l' || d == 'u') {
            flush();
            substitution.replacement.push_back({ReplacementPiece::Kind::case_change, {}, 0, d});
            i += 2;
        } else if (!convert_escape(text, i, literal)) {
            literal += d;
            i += 2;
        }
    }
    flush();
    return true;
}

bool Parser::parse_substitution_flags(Substitution& substitution, bool& ignore_case, bool& multiline) {
    bool have_number = false;
    for (;;) {
        int c = get();
        switch (c) {
        case 'i':
        case 'I': ignore_case = true; break;
        case 'm':
        case 'M': multiline = true; break;
        case 'p':
            if (substitution.print)
                return fail("multiple `p' options to `s' command");
            substitution.print = true;
            break;
        case 'g':
            if (substitution.global)
                return fail("multiple `g' options to `s' command");
            substitution.global = true;
            break;
        case 'w': {
            std::string name = read_filename();
            if (name.empty())
                return fail("missing filename in r/R/w/W commands");
            substitution.output = output_file(name);
            return true;
        }
        case '}':
        case '#': unget(c); return true;
        case k_eof:
        case '\n':
        case ';': return true;
        case ' ':
        case '\t':
        case '\r': break;
        default:
            if (!is_digit(c))
                return fail("unknown option to `s'");
            if (have_number)
                return fail("multiple number options to `s' command");
            substitution.occurrence = read_number(c);
            have_number = true;
            if (substitution.occurrence == 0)
                return fail("number option to `s' command may not be zero");
            break;
        }
    }
}

bool Parser::parse_substitution(Command& command) {
    int delimiter = get();
    if (delimiter == k_eof || delimiter == '\n' || delimiter == '\\')
        return fail("unterminated `s' command");
    std::string pattern;
    std::string replacement;
    if (!read_delimited(delimiter, true, pattern) || !read_delimited(delimiter, false, replacement))
        return fail("unterminated `s' command");
    auto substitution = std::make_unique<Substitution>();
    int max_group = 0;
    parse_replacement(replacement, *substitution, max_group);
    bool ignore_case = false;
    bool multiline = false;
    if (!parse_substitution_flags(*substitution, ignore_case, multiline))
        return false;
    if (!compile_regex(pattern, ignore_case, multiline, substitution->regex))
        return false;
    const Regex* regex = substitution->regex->regex.get();
    if (regex != nullptr && static_cast<size_t>(max_group) > regex->group_count())
        return fail("invalid reference \\" + std::to_string(max_group) + " on `s' command's RHS");
    command.substitution = std::move(substitution);
    return true;
}

bool Parser::parse_translation(Command& command) {
    int delimiter = get();
    if (delimiter == k_eof || delimiter == '\n' || delimiter == '\\')
        return fail("unterminated `y' command");
    std::string raw[2];
    std::string sets[2];
    for (int k = 0; k < 2; ++k) {
        if (!read_delimited(delimiter, false, raw[k]))
            return fail("unterminated `y' command");
        for (size_t i = 0; i < raw[k].size();) {
            if (raw[k][i] == '\\' && i + 1 < raw[k].size()) {
                if (raw[k][i + 1] == '\\') {
                    sets[k] += '\\';
                    i += 2;
                    continue;
                }
                if (convert_escape(raw[k], i, sets[k]))
                    continue;
            }
            sets[k] += raw[k][i++];
        }
    }
    if (sets[0].size() != sets[1].size())
        return fail("strings for `y' command are different lengths");
    command.translate.resize(256);
    for (int i = 0; i < 256; ++i)
        command.translate[i] = static_cast<char>(i);
    for (size_t i = 0; i < sets[0].size(); ++i)
        command.translate[static_cast<unsigned char>(sets[0][i])] = sets[1][i];
    return end_of_command();
}

bool Parser::parse_command() {
    Command command;
    if (!parse_address(command.first, false))
        return false;
    int c;
    if (command.first.kind != AddressKind::none) {
        c = next_nonblank();
        if (c == ',') {
            c = next_nonblank();
            unget(c);
            if (!parse_address(command.second, true))
                return false;
            if (command.second.kind == AddressKind::none || command.second.kind == AddressKind::zero) {
                get();
                return fail("unexpected `,'");
            }
        } else {
            unget(c);
        }
    }
    c = next_nonblank();
    if (c == '!') {
        command.negate = true;
        do
            c = get();
        while (is_space(c));
        if (c == '!')
            return fail("multiple `!'s");
    }
    bool addressed = command.first.kind != AddressKind::none;
    if (command.first.kind == AddressKind::zero &&
        (command.second.kind != AddressKind::regex || m_options.posix))
        return fail("invalid usage of line address 0");
    if (c == k_eof)
        return fail("missing command");
    command.name = static_cast<char>(c);
    switch (c) {
    case '#':
        if (addressed)
            return fail("comments don't accept any addresses");
        while ((c = get()) != k_eof && c != '\n') {
        }
        return true;
    case '{':
        m_blocks.push_back(m_script.commands.size());
        m_block_sources.push_back(m_source);
        m_script.commands.push_back(std::move(command));
        return true;
    case '}':
        if (m_blocks.empty())
            return fail("unexpected `}'");
        if (addressed)
            return fail("} doesn't want any addresses");
        m_script.commands[m_blocks.back()].jump = m_script.commands.size() + 1;
        m_blocks.pop_back();
        m_block_sources.pop_back();
        if (!end_of_command())
            return false;
        break;
    case ':': {
        if (addressed)
            return fail(": doesn't want any addresses");
        command.text = read_label();
        if (command.text.empty())
            return fail("\":\" lacks a label");
        break;
    }
    case 'b':
    case 't':
    case 'T':
        command.text = read_label();
        if (!end_of_command())
            return false;
        break;
    case 'a':
    case 'i':
    case 'c':
        if (!parse_text_command(command, m_more_follow))
            return false;
        break;
    case 'q':
    case 'Q':
    case 'l':
    case 'L':
        if ((c == 'q' || c == 'Q') && command.second.kind != AddressKind::none)
            return fail("command only uses one address");
        c = next_nonblank();
        if (is_digit(c))
            command.number = static_cast<int64_t>(read_number(c));
        else
            unget(c);
        if (!end_of_command())
            return false;
        break;
    case 'r':
    case 'R':
    case 'w':
    case 'W':
        command.text = read_filename();
        if (command.text.empty())
            return fail("missing filename in r/R/w/W commands");
        if (c == 'w' || c == 'W')
            command.output = output_file(command.text);
        break;
    case 's':
        if (!parse_substitution(command))
            return false;
        break;
    case 'y':
        if (!parse_translation(command))
            return false;
        break;
    case 'v': {
        std::string version = read_label();
        if (!version.empty()) {
            int major = std::atoi(version.c_str());
            size_t dot = version.find('.');
            int minor = dot == std::string::npos ? 0 : std::atoi(version.c_str() + dot + 1);
            if (major > 4 || (major == 4 && minor > 9))
                return fail("expected newer version of sed");
        }
        if (!end_of_command())
            return false;
        break;
    }
    case '=':
    case 'd':
    case 'D':
    case 'F':
    case 'g':
    case 'G':
    case 'h':
    case 'H':
    case 'n':
    case 'N':
    case 'p':
    case 'P':
    case 'x':
    case 'z':
        if (!end_of_command())
            return false;
        break;
    default: {
        std::string message = "unknown command: `";
        message += static_cast<char>(c);
        return fail(message + "'");
    }
    }
    m_script.commands.push_back(std::move(command));
    return true;
}

bool Parser::parse_source(const ScriptSource& source, bool first, bool more_follow) {
    m_source = &source;
    m_text = source.text;
    m_pos = 0;
    m_line = 1;
    m_more_follow = more_follow;
    if (m_pending_text != SIZE_MAX) {
        read_text(m_script.commands[m_pending_text].text);
        m_pending_text = SIZE_MAX;
    }
    if (first && m_text.substr(0, 2) == "#n")
        m_script.quiet_marker = true;
    for (;;) {
        int c = get();
        while (c == ';' || is_space(c))
            c = get();
        if (c == k_eof)
            return true;
        unget(c);
        if (!parse_command())
            return false;
    }
}

bool Parser::finish() {
    if (!m_blocks.empty()) {
        m_source = m_block_sources.back();
        return fail_at_start("unmatched `{'");
    }
    for (Command& command : m_script.commands) {
        if (command.name != 'b' && command.name != 't' && command.name != 'T')
            continue;
        if (command.text.empty())
            continue;
        for (size_t i = 0; i < m_script.commands.size(); ++i)
            if (m_script.commands[i].name == ':' && m_script.commands[i].text == command.text)
                command.jump = i;
        if (command.jump == SIZE_MAX) {
            error = "can't find label for jump to `" + command.text + "'";
            status = 4;
            return false;
        }
    }
    return true;
}

}  // namespace

bool compile_script(const std::vector<ScriptSource>& sources, const CompileOptions& options, Script& script,
                    std::string& error, int& status) {
    Parser parser(options, script);
    for (size_t i = 0; i < sources.size(); ++i) {
        if (!parser.parse_source(sources[i], i == 0, i + 1 < sources.size())) {
            error = parser.error;
            status = parser.status;
            return false;
        }
    }
    if (!parser.finish()) {
        error = parser.error;
        status = parser.status;
        return false;
    }
    return true;
}

}  // namespace toolbox::sed
