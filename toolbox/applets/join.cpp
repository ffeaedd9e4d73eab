// join, as GNU coreutils: lines of two sorted files paired on a join field (-1 -2 -j), fields
// split on blanks or -t CHAR, -a/-v for unpairable lines, -o FORMAT (FILENUM.FIELD lists, 0,
// auto) with -e for empty fields, -i, --header, -z, and GNU's order checking (a warning once
// unpairable lines were seen, an error with --check-order). Streams: only the current group of
// equal keys from each file is kept in memory.
// applet: join join_main
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
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
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "join";

constexpr std::string_view k_usage =
    "Usage: join [OPTION]... FILE1 FILE2\n"
    "For each pair of input lines with identical join fields, write a line to\n"
    "standard output.  The default join field is the first, delimited by blanks.\n"
    "\n"
    "When FILE1 or FILE2 (not both) is -, read standard input.\n"
    "\n"
    "  -a FILENUM             also print unpairable lines from file FILENUM, where\n"
    "                           FILENUM is 1 or 2, corresponding to FILE1 or FILE2\n"
    "  -e STRING              replace missing (empty) input fields with STRING;\n"
    "                           I.e., missing fields specified with '-12jo' options\n"
    "  -i, --ignore-case      ignore differences in case when comparing fields\n"
    "  -j FIELD               equivalent to '-1 FIELD -2 FIELD'\n"
    "  -o FORMAT              obey FORMAT while constructing output line\n"
    "  -t CHAR                use CHAR as input and output field separator\n"
    "  -v FILENUM             like -a FILENUM, but suppress joined output lines\n"
    "  -1 FIELD               join on this FIELD of file 1\n"
    "  -2 FIELD               join on this FIELD of file 2\n"
    "      --check-order      check that the input is correctly sorted, even\n"
    "                           if all input lines are pairable\n"
    "      --nocheck-order    do not check that the input is correctly sorted\n"
    "      --header           treat the first line in each file as field headers,\n"
    "                           print them without trying to pair them\n"
    "  -z, --zero-terminated  line delimiter is NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Unless -t CHAR is given, leading blanks separate fields and are ignored,\n"
    "else fields are separated by CHAR.  Any FIELD is a field number counted\n"
    "from 1.  FORMAT is one or more comma or blank separated specifications,\n"
    "each being 'FILENUM.FIELD' or '0'.  Default FORMAT outputs the join field,\n"
    "the remaining fields from FILE1, the remaining fields from FILE2, all\n"
    "separated by CHAR.  If FORMAT is the keyword 'auto', then the first\n"
    "line of each file determines the number of fields output for each line.\n"
    "\n"
    "Important: FILE1 and FILE2 must be sorted on the join fields.\n"
    "E.g., use \"sort -k 1b,1\" if 'join' has no options,\n"
    "or use \"join -t ''\" if 'sort' has no options.\n"
    "Note, comparisons honor the rules specified by 'LC_COLLATE'.\n"
    "If the input is not sorted and some lines cannot be joined, a\n"
    "warning message will be given.\n";

constexpr int k_check_order = k_long_only;
constexpr int k_nocheck_order = k_long_only + 1;
constexpr int k_header = k_long_only + 2;

constexpr LongOption k_long_options[] = {
    {"ignore-case", Argument::none, 'i'},
    {"check-order", Argument::none, k_check_order},
    {"nocheck-order", Argument::none, k_nocheck_order},
    {"zero-terminated", Argument::none, 'z'},
    {"header", Argument::none, k_header},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr size_t k_unset = SIZE_MAX;

enum class CheckOrder { by_default, enabled, disabled };

// One output item of -o: file 0 means "the join field" (the spec "0").
struct OutputField {
    int file;
    size_t field;
};

struct Settings {
    size_t field1{k_unset};
    size_t field2{k_unset};
    int tab{-1};  // -1: blanks separate fields; '\n' (from -t ''): the whole line is one field
    bool ignore_case{false};
    bool print_pairables{true};
    bool unpairables1{false};
    bool unpairables2{false};
    bool header{false};
    bool autoformat{false};
    bool empty_given{false};
    std::string empty_filler;
    std::vector<OutputField> format;
    CheckOrder check_order{CheckOrder::by_default};
    char eol{'\n'};
};

struct Line {
    std::string text;  // without its delimiter
    std::vector<std::string_view> fields;
    bool blank{false};  // the stand-in for the missing side of an unpaired line

    Line() = default;
    Line(const Line& other) : text(other.text), blank(other.blank) { split_like(other); }
    Line& operator=(const Line& other) {
        text = other.text;
        blank = other.blank;
        split_like(other);
        return *this;
    }

private:
    // Rebases `other`'s field views onto this copy of its text.
    void split_like(const Line& other) {
        fields.clear();
        for (std::string_view field : other.fields)
            fields.emplace_back(text.data() + (field.data() - other.text.data()), field.size());
    }
};

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

// GNU's xfields(): with blanks, leading ones are skipped and a trailing run still ends in an
// empty last field; with a -t character every occurrence separates.
void split_fields(Line& line, int tab) {
    line.fields.clear();
    std::string_view text(line.text);
    if (text.empty())
        return;
    if (tab == '\n') {
        line.fields.push_back(text);
        return;
    }
    if (tab >= 0) {
        size_t start = 0;
        for (size_t sep; (sep = text.find(static_cast<char>(tab), start)) != std::string_view::npos; start = sep + 1)
            line.fields.push_back(text.substr(start, sep - start));
        line.fields.push_back(text.substr(start));
        return;
    }
    size_t pos = 0;
    while (pos < text.size() && is_blank(text[pos]))
        ++pos;
    if (pos == text.size())
        return;
    while (pos < text.size()) {
        size_t end = pos + 1;
        while (end < text.size() && !is_blank(text[end]))
            ++end;
        line.fields.push_back(text.substr(pos, end - pos));
        if (end == text.size())
            return;
        pos = end + 1;
        while (pos < text.size() && is_blank(text[pos]))
            ++pos;
    }
    line.fields.push_back(text.substr(pos));
}

std::string_view field_of(const Line& line, size_t index) {
    return index < line.fields.size() ? line.fields[index] : std::string_view();
}

int compare_keys(std::string_view a, std::string_view b, bool ignore_case) {
    if (a.empty())
        return b.empty() ? 0 : -1;
    if (b.empty())
        return 1;
    size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        auto x = static_cast<unsigned char>(a[i]);
        auto y = static_cast<unsigned char>(b[i]);
        if (ignore_case) {
            x = static_cast<unsigned char>(std::toupper(x));
            y = static_cast<unsigned char>(std::toupper(y));
        }
        if (x != y)
            return x < y ? -1 : 1;
    }
    return (a.size() > b.size()) - (a.size() < b.size());
}

class Input;

class Joiner final {
public:
    Joiner(const Settings& settings, Output& out) : m_settings(settings), m_out(out) {}
    // 0, or 1 after an order or read error.
    int run(Input& input1, Input& input2);

    const Settings& settings() const { return m_settings; }
    size_t join_field(int which) const { return which == 1 ? m_settings.field1 : m_settings.field2; }
    bool seen_unpairable() const { return m_seen_unpairable; }
    // A diagnostic (stdout flushed first, as error() does); `fatal` stops the join.
    void report(const std::string& message, bool fatal) {
        m_out.flush();
        write_all(2, std::string(k_program) + ": " + message + "\n");
        if (fatal)
            m_fatal = true;
    }
    bool fatal() const { return m_fatal; }

private:
    // A group of lines with equal keys (GNU's struct seq).
    struct Sequence {
        std::vector<Line> lines;
        size_t count{0};
    };
    bool read_into(Input& input, Sequence& sequence, bool first);
    void print(const Line& line1, const Line& line2);
    void print_field(const Line& line, size_t index);
    void print_rest(const Line& line, size_t join_field, size_t autocount);
    int compare(const Line& line1, const Line& line2) const {
        return compare_keys(field_of(line1, m_settings.field1), field_of(line2, m_settings.field2),
                            m_settings.ignore_case);
    }
    void drain(Input& input, Sequence& sequence, bool print_unpairables, int which);

    const Settings& m_settings;
    Output& m_out;
    Line m_blank;
    size_t m_autocount1{0};
    size_t m_autocount2{0};
    bool m_seen_unpairable{false};
    bool m_fatal{false};
};

// One input file: its lines in order, with the order check GNU does as each line is read.
class Input final {
public:
    Input(Joiner& joiner, int which, std::string name, int fd)
        : m_joiner(joiner), m_which(which), m_name(std::move(name)), m_fd(fd), m_reader(fd, joiner.settings().eol) {}
    ~Input() {
        if (m_fd > 0)
            ::close(m_fd);
    }
    bool get(Line& line);
    void forget_previous() { m_has_previous = false; }
    bool warned() const { return m_warned; }

private:
    Joiner& m_joiner;
    int m_which;
    std::string m_name;
    int m_fd;
    LineReader m_reader;
    uint64_t m_line_number{0};
    bool m_has_previous{false};
    Line m_previous;
    bool m_warned{false};
};

bool Input::get(Line& line) {
    if (m_joiner.fatal())
        return false;
    std::string_view record;
    if (!m_reader.next(record)) {
        if (m_reader.error() != 0)
            m_joiner.report(std::string("read error: ") + strerror_gnu(m_reader.error()), true);
        return false;
    }
    if (!record.empty() && record.back() == m_joiner.settings().eol)
        record.remove_suffix(1);
    ++m_line_number;
    line.text.assign(record);
    line.blank = false;
    split_fields(line, m_joiner.settings().tab);
    CheckOrder check = m_joiner.settings().check_order;
    if (m_has_previous && !m_warned && check != CheckOrder::disabled &&
        (check == CheckOrder::enabled || m_joiner.seen_unpairable())) {
        size_t field = m_joiner.join_field(m_which);
        if (compare_keys(field_of(m_previous, field), field_of(line, field), m_joiner.settings().ignore_case) > 0) {
            m_joiner.report(m_name + ":" + std::to_string(m_line_number) + ": is not sorted: " + line.text,
                            check == CheckOrder::enabled);
            m_warned = true;
        }
    }
    m_previous = line;
    m_has_previous = true;
    return true;
}

bool Joiner::read_into(Input& input, Sequence& sequence, bool first) {
    if (first)
        sequence.count = 0;
    if (sequence.lines.size() <= sequence.count)
        sequence.lines.resize(sequence.count + 1);
    if (!input.get(sequence.lines[sequence.count]))
        return false;
    ++sequence.count;
    return true;
}

void Joiner::print_field(const Line& line, size_t index) {
    std::string_view field = field_of(line, index);
    if (!field.empty())
        m_out.write(field);
    else if (m_settings.empty_given)
        m_out.write(m_settings.empty_filler);
}

void Joiner::print_rest(const Line& line, size_t join_field, size_t autocount) {
    size_t count = m_settings.autoformat ? autocount : line.fields.size();
    char separator = m_settings.tab < 0 ? ' ' : static_cast<char>(m_settings.tab);
    for (size_t i = 0; i < count; ++i) {
        if (i == join_field)
            continue;
        m_out.put(separator);
        print_field(line, i);
    }
}

// GNU's prjoin(): one output line for a pair, or for an unpaired line (the other side blank).
void Joiner::print(const Line& line1, const Line& line2) {
    char separator = m_settings.tab < 0 ? ' ' : static_cast<char>(m_settings.tab);
    if (!m_settings.format.empty()) {
        bool first = true;
        for (const OutputField& item : m_settings.format) {
            if (!first)
                m_out.put(separator);
            first = false;
            if (item.file == 0) {
                if (line1.blank)
                    print_field(line2, m_settings.field2);
                else
                    print_field(line1, m_settings.field1);
            } else {
                print_field(item.file == 1 ? line1 : line2, item.field);
            }
        }
    } else {
        if (line1.blank)
            print_field(line2, m_settings.field2);
        else
            print_field(line1, m_settings.field1);
        print_rest(line1, m_settings.field1, m_autocount1);
        print_rest(line2, m_settings.field2, m_autocount2);
    }
    m_out.put(m_settings.eol);
}

// The rest of one file after the other ended: printed with -a, and read on for the order check.
void Joiner::drain(Input& input, Sequence& sequence, bool print_unpairables, int which) {
    if (!(print_unpairables || m_settings.check_order != CheckOrder::disabled) || sequence.count == 0)
        return;
    auto print_one = [&](const Line& line) {
        if (which == 1)
            print(line, m_blank);
        else
            print(m_blank, line);
    };
    if (print_unpairables)
        print_one(sequence.lines[0]);
    Line line;
    while (input.get(line)) {
        if (print_unpairables)
            print_one(line);
        if (input.warned() && !print_unpairables)
            break;
    }
}

int Joiner::run(Input& input1, Input& input2) {
    m_blank.blank = true;
    Sequence seq1;
    Sequence seq2;
    read_into(input1, seq1, true);
    read_into(input2, seq2, true);
    if (m_settings.autoformat) {
        m_autocount1 = seq1.count ? seq1.lines[0].fields.size() : 0;
        m_autocount2 = seq2.count ? seq2.lines[0].fields.size() : 0;
    }
    if (m_settings.header && (seq1.count || seq2.count)) {
        print(seq1.count ? seq1.lines[0] : m_blank, seq2.count ? seq2.lines[0] : m_blank);
        input1.forget_previous();
        input2.forget_previous();
        if (seq1.count)
            read_into(input1, seq1, true);
        if (seq2.count)
            read_into(input2, seq2, true);
    }
    while (seq1.count && seq2.count && !m_fatal) {
        int diff = compare(seq1.lines[0], seq2.lines[0]);
        if (diff < 0) {
            if (m_settings.unpairables1)
                print(seq1.lines[0], m_blank);
            read_into(input1, seq1, true);
            m_seen_unpairable = true;
            continue;
        }
        if (diff > 0) {
            if (m_settings.unpairables2)
                print(m_blank, seq2.lines[0]);
            read_into(input2, seq2, true);
            m_seen_unpairable = true;
            continue;
        }
        bool eof1 = false;
        do {
            if (!read_into(input1, seq1, false)) {
                eof1 = true;
                ++seq1.count;
                break;
            }
        } while (compare(seq1.lines[seq1.count - 1], seq2.lines[0]) == 0);
        bool eof2 = false;
        do {
            if (!read_into(input2, seq2, false)) {
                eof2 = true;
                ++seq2.count;
                break;
            }
        } while (compare(seq1.lines[0], seq2.lines[seq2.count - 1]) == 0);
        if (m_settings.print_pairables && !m_fatal) {
            for (size_t i = 0; i + 1 < seq1.count; ++i)
                for (size_t j = 0; j + 1 < seq2.count; ++j)
                    print(seq1.lines[i], seq2.lines[j]);
        }
        if (!eof1) {
            std::swap(seq1.lines[0], seq1.lines[seq1.count - 1]);
            seq1.count = 1;
        } else {
            seq1.count = 0;
        }
        if (!eof2) {
            std::swap(seq2.lines[0], seq2.lines[seq2.count - 1]);
            seq2.count = 1;
        } else {
            seq2.count = 0;
        }
    }
    drain(input1, seq1, m_settings.unpairables1, 1);
    drain(input2, seq2, m_settings.unpairables2, 2);
    if (m_fatal)
        return 1;
    if (input1.warned() || input2.warned()) {
        report("input is not in sorted order", true);
        return 1;
    }
    return 0;
}

// A fatal usage problem without the --help hint (GNU's die()).
int die(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
    return 1;
}

// string_to_join_field(): "" on success.
std::string parse_field_number(std::string_view text, size_t& field) {
    uint64_t value = 0;
    bool overflow = false;
    if (text.empty())
        return "invalid field number: " + quote(text);
    for (char c : text) {
        if (c < '0' || c > '9')
            return "invalid field number: " + quote(text);
        if (value > (UINT64_MAX - static_cast<uint64_t>(c - '0')) / 10)
            overflow = true;
        else
            value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    if (overflow)
        value = SIZE_MAX;
    else if (value == 0)
        return "invalid field number: " + quote(text);
    else if (value > SIZE_MAX)
        value = SIZE_MAX;
    field = static_cast<size_t>(value) - 1;
    return {};
}

std::string set_join_field(size_t& variable, size_t value) {
    if (variable != k_unset && variable != value)
        return "incompatible join fields " + std::to_string(variable + 1) + ", " + std::to_string(value + 1);
    variable = value;
    return {};
}

// add_field_list(): comma or blank separated 0 / 1.N / 2.N items.
std::string add_field_list(std::string_view list, std::vector<OutputField>& format) {
    while (true) {
        size_t end = list.find_first_of(", \t");
        std::string_view item = list.substr(0, end);
        if (!item.empty() && item[0] == '0') {
            if (item.size() > 1)
                return "invalid field specifier: " + quote(item);
            format.push_back({0, 0});
        } else if (!item.empty() && (item[0] == '1' || item[0] == '2')) {
            if (item.size() < 2 || item[1] != '.')
                return "invalid field specifier: " + quote(item);
            size_t field = 0;
            std::string error = parse_field_number(item.substr(2), field);
            if (!error.empty())
                return error;
            format.push_back({item[0] - '0', field});
        } else {
            return "invalid file number in field spec: " + quote(item);
        }
        if (end == std::string_view::npos)
            break;
        list.remove_prefix(end + 1);
    }
    return {};
}

// -a / -v FILENUM: 1 or 2.
bool parse_file_number(std::string_view text, int& number) {
    size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
        ++i;
    if (i < text.size() && text[i] == '+')
        ++i;
    std::string_view digits = text.substr(i);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
        return false;
    while (digits.size() > 1 && digits[0] == '0')
        digits.remove_prefix(1);
    if (digits != "1" && digits != "2")
        return false;
    number = digits[0] - '0';
    return true;
}

// Option parsing; returns -1 to go on, else the exit status.
int parse_options(int argc, char** argv, Settings& settings, std::vector<std::string>& files) {
    OptionParser parser(k_program, argc, argv, "a:e:i1:2:j:o:t:v:z", k_long_options);
    while (auto option = parser.next()) {
        std::string error;
        switch (option.id) {
        case 'v':
            settings.print_pairables = false;
            [[fallthrough]];
        case 'a': {
            int number = 0;
            if (!parse_file_number(option.argument, number))
                return die("invalid field number: " + quote(option.argument));
            (number == 1 ? settings.unpairables1 : settings.unpairables2) = true;
            break;
        }
        case 'e':
            if (settings.empty_given && settings.empty_filler != option.argument)
                return die("conflicting empty-field replacement strings");
            settings.empty_filler = option.argument;
            settings.empty_given = true;
            break;
        case 'i': settings.ignore_case = true; break;
        case '1':
        case '2':
        case 'j': {
            size_t field = 0;
            error = parse_field_number(option.argument, field);
            if (error.empty() && option.id != '2')
                error = set_join_field(settings.field1, field);
            if (error.empty() && option.id != '1')
                error = set_join_field(settings.field2, field);
            break;
        }
        case 'o':
            if (std::string_view(option.argument) == "auto")
                settings.autoformat = true;
            else
                error = add_field_list(option.argument, settings.format);
            break;
        case 't': {
            std::string_view value(option.argument);
            int tab = value.empty() ? '\n' : static_cast<unsigned char>(value[0]);
            if (value.size() > 1) {
                if (value == "\\0")
                    tab = '\0';
                else
                    return die("multi-character tab " + quote(value));
            }
            if (settings.tab >= 0 && settings.tab != tab)
                return die("incompatible tabs");
            settings.tab = tab;
            break;
        }
        case 'z': settings.eol = '\0'; break;
        case k_check_order: settings.check_order = CheckOrder::enabled; break;
        case k_nocheck_order: settings.check_order = CheckOrder::disabled; break;
        case k_header: settings.header = true; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
        if (!error.empty())
            return die(error);
    }
    for (std::string_view operand : parser.operands())
        files.emplace_back(operand);
    if (files.size() > 2)
        return extra_operand(k_program, files[2]);
    if (files.empty())
        return missing_operand(k_program);
    if (files.size() == 1) {
        write_all(2, std::string(k_program) + ": missing operand after " + quote(files[0]) + "\n");
        return try_help(k_program);
    }
    if (settings.field1 == k_unset)
        settings.field1 = 0;
    if (settings.field2 == k_unset)
        settings.field2 = 0;
    return -1;
}

}  // namespace

int join_main(int argc, char** argv) {
    Settings settings;
    std::vector<std::string> files;
    int status = parse_options(argc, argv, settings, files);
    if (status >= 0)
        return status;
    if (files[0] == "-" && files[1] == "-")
        return die("both files cannot be standard input");
    int fds[2];
    for (int i = 0; i < 2; ++i) {
        fds[i] = open_input(files[i]);
        if (fds[i] < 0) {
            int error = errno;
            if (i == 1 && fds[0] > 0)
                ::close(fds[0]);
            return die(quote_file(files[i]) + ": " + strerror_gnu(error));
        }
    }
    Output out;
    Joiner joiner(settings, out);
    Input input1(joiner, 1, files[0], fds[0]);
    Input input2(joiner, 2, files[1], fds[1]);
    status = joiner.run(input1, input2);
    return finish(out, k_program, status);
}

}  // namespace toolbox
