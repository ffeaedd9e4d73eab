// fmt, as GNU coreutils: paragraphs refilled to a goal width (-g, default 93% of -w, 75) with
// GNU's optimum-fit costs (short lines, ragged edges, sentence ends, widows and orphans), so the
// line breaks match; -c crown margin, -t tagged paragraphs, -s split only, -u uniform spacing,
// -p PREFIX lines only, the obsolete -WIDTH. Input is scanned character by character as GNU
// does, which keeps its column arithmetic (tabs every 8 columns) exact.
// applet: fmt fmt_main
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
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "fmt";

constexpr std::string_view k_usage =
    "Usage: fmt [-WIDTH] [OPTION]... [FILE]...\n"
    "Reformat each paragraph in the FILE(s), writing to standard output.\n"
    "The option -WIDTH is an abbreviated form of --width=DIGITS.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -c, --crown-margin        preserve indentation of first two lines\n"
    "  -p, --prefix=STRING       reformat only lines beginning with STRING,\n"
    "                              reattaching the prefix to reformatted lines\n"
    "  -s, --split-only          split long lines, but do not refill\n"
    "  -t, --tagged-paragraph    indentation of first line different from second\n"
    "  -u, --uniform-spacing     one space between words, two after sentences\n"
    "  -w, --width=WIDTH         maximum line width (default of 75 columns)\n"
    "  -g, --goal=WIDTH          goal width (default of 93% of width)\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"crown-margin", Argument::none, 'c'},
    {"prefix", Argument::required, 'p'},
    {"split-only", Argument::none, 's'},
    {"tagged-paragraph", Argument::none, 't'},
    {"uniform-spacing", Argument::none, 'u'},
    {"width", Argument::required, 'w'},
    {"goal", Argument::required, 'g'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr int k_tab_width = 8;
constexpr int k_default_indent = 3;  // the tagged second-line indent when none is known
constexpr int k_leeway = 7;          // the default goal is this percentage short of the width
constexpr int k_max_width = 2500;
// GNU's paragraph buffers: at most this many words and word characters before a partial flush.
constexpr size_t k_max_words = 1000;
constexpr size_t k_max_chars = 5000;

using Cost = int64_t;
constexpr Cost k_max_cost = INT64_MAX;

constexpr Cost equiv(Cost n) { return n * n; }
constexpr Cost short_cost(Cost n) { return equiv(n * 10); }
constexpr Cost ragged_cost(Cost n) { return short_cost(n) / 2; }
constexpr Cost k_line_cost = equiv(70);
constexpr Cost widow_cost(Cost n) { return equiv(200) / (n + 2); }
constexpr Cost orphan_cost(Cost n) { return equiv(150) / (n + 2); }
constexpr Cost k_sentence_bonus = equiv(50);
constexpr Cost k_nobreak_cost = equiv(600);
constexpr Cost k_paren_bonus = equiv(40);
constexpr Cost k_punct_bonus = equiv(40);

struct Word {
    std::string text;
    int length{0};
    int space{0};  // columns after the word when it is not at a line end
    bool paren{false};
    bool period{false};
    bool punct{false};
    bool final{false};
    // Filled by the line breaker.
    int line_length{0};
    Cost best_cost{0};
    size_t next_break{0};
};

struct Settings {
    bool crown{false};
    bool tagged{false};
    bool split{false};
    bool uniform{false};
    int max_width{75};
    int goal_width{0};
    std::string prefix;     // without its leading and trailing blanks
    int prefix_lead_space{0};
    int prefix_full_length{0};  // with its trailing blanks
};

// One input stream read a character at a time (EOF as -1).
class Input final {
public:
    explicit Input(int fd) : m_fd(fd) {}
    int get() {
        if (m_position == m_buffer.size()) {
            if (m_eof)
                return -1;
            m_buffer.resize(65536);
            ssize_t n;
            do {
                n = ::read(m_fd, m_buffer.data(), m_buffer.size());
            } while (n < 0 && errno == EINTR);
            if (n <= 0) {
                if (n < 0)
                    m_error = errno;
                m_eof = true;
                m_buffer.clear();
                m_position = 0;
                return -1;
            }
            m_buffer.resize(static_cast<size_t>(n));
            m_position = 0;
        }
        return static_cast<unsigned char>(m_buffer[m_position++]);
    }
    int error() const { return m_error; }

private:
    int m_fd;
    std::string m_buffer;
    size_t m_position{0};
    bool m_eof{false};
    int m_error{0};
};

class Formatter final {
public:
    Formatter(const Settings& settings, Output& out) : m_settings(settings), m_out(out) {}
    void format(Input& input);

private:
    int get_prefix();
    int get_space(int c);
    bool get_paragraph();
    int get_line(int c);
    int copy_rest(int c);
    bool same_paragraph(int c) const {
        return m_next_prefix_indent == m_prefix_indent &&
               m_in_column >= m_next_prefix_indent + m_settings.prefix_full_length && c != '\n' && c != -1;
    }
    void set_other_indent(bool same);
    void check_punctuation(Word& word);
    void fmt_paragraph();
    Cost base_cost(size_t index) const;
    Cost line_cost(size_t next, int length) const;
    void put_paragraph(size_t finish);
    // GNU's answer to a paragraph too long for its buffers: lay out what is there, print it up
    // to a cheap break and keep the rest as the start of the paragraph.
    void flush_paragraph();
    size_t word_chars() const;
    void put_line(size_t index, int indent);
    void put_word(const Word& word);
    void put_space(int space);

    const Settings& m_settings;
    Output& m_out;
    Input* m_input{nullptr};
    std::vector<Word> m_words;
    bool m_tabs{false};
    int m_in_column{0};
    int m_out_column{0};
    int m_prefix_indent{0};
    int m_next_prefix_indent{0};
    int m_first_indent{0};
    int m_other_indent{0};
    int m_last_line_length{0};
    int m_next_char{-1};
};

int Formatter::get_space(int c) {
    while (true) {
        if (c == ' ') {
            ++m_in_column;
        } else if (c == '\t') {
            m_tabs = true;
            m_in_column = (m_in_column / k_tab_width + 1) * k_tab_width;
        } else {
            return c;
        }
        c = m_input->get();
    }
}

// Reads the indentation and the prefix of a line; returns the first character after them.
int Formatter::get_prefix() {
    m_in_column = 0;
    int c = get_space(m_input->get());
    if (m_settings.prefix.empty()) {
        m_next_prefix_indent = std::min(m_settings.prefix_lead_space, m_in_column);
        return c;
    }
    m_next_prefix_indent = m_in_column;
    for (char p : m_settings.prefix) {
        if (c != static_cast<unsigned char>(p))
            return c;
        ++m_in_column;
        c = m_input->get();
    }
    return get_space(c);
}

// A line that is not part of a paragraph goes out as it came (its indentation kept).
int Formatter::copy_rest(int c) {
    m_out_column = 0;
    if (m_in_column > m_next_prefix_indent || (c != '\n' && c != -1)) {
        put_space(m_next_prefix_indent);
        for (size_t i = 0; m_out_column != m_in_column && i < m_settings.prefix.size(); ++i, ++m_out_column)
            m_out.put(m_settings.prefix[i]);
        if (c != -1 && c != '\n')
            put_space(m_in_column - m_out_column);
        if (c == -1 && m_in_column >= m_next_prefix_indent + static_cast<int>(m_settings.prefix.size()))
            m_out.put('\n');
    }
    while (c != '\n' && c != -1) {
        m_out.put(static_cast<char>(c));
        c = m_input->get();
    }
    return c;
}

void Formatter::set_other_indent(bool same) {
    if (m_settings.split) {
        m_other_indent = m_first_indent;
    } else if (m_settings.crown) {
        m_other_indent = same ? m_in_column : m_first_indent;
    } else if (m_settings.tagged) {
        if (same && m_in_column != m_first_indent)
            m_other_indent = m_in_column;
        else if (m_other_indent == m_first_indent)
            m_other_indent = m_first_indent == 0 ? k_default_indent : 0;
    } else {
        m_other_indent = m_first_indent;
    }
}

bool Formatter::get_paragraph() {
    m_last_line_length = 0;
    int c = m_next_char;
    while (c == '\n' || c == -1 || m_next_prefix_indent < m_settings.prefix_lead_space ||
           m_in_column < m_next_prefix_indent + m_settings.prefix_full_length) {
        if (c == -1) {
            m_next_char = -1;
            return false;
        }
        c = copy_rest(c);
        if (c == -1) {
            m_next_char = -1;
            return false;
        }
        m_out.put('\n');
        c = get_prefix();
    }
    m_prefix_indent = m_next_prefix_indent;
    m_first_indent = m_in_column;
    m_words.clear();
    c = get_line(c);
    set_other_indent(same_paragraph(c));
    if (m_settings.split) {
        // one line per paragraph
    } else if (m_settings.crown) {
        if (same_paragraph(c)) {
            do
                c = get_line(c);
            while (same_paragraph(c) && m_in_column == m_other_indent);
        }
    } else if (m_settings.tagged) {
        if (same_paragraph(c) && m_in_column != m_first_indent) {
            do
                c = get_line(c);
            while (same_paragraph(c) && m_in_column == m_other_indent);
        }
    } else {
        while (same_paragraph(c) && m_in_column == m_other_indent)
            c = get_line(c);
    }
    m_words.back().period = true;
    m_words.back().final = true;
    m_next_char = c;
    return true;
}

void Formatter::check_punctuation(Word& word) {
    const std::string& text = word.text;
    auto is_open = [](char c) { return std::strchr("(['`\"", c) != nullptr && c != '\0'; };
    auto is_close = [](char c) { return std::strchr(")]'\"", c) != nullptr && c != '\0'; };
    word.paren = is_open(text.front());
    word.punct = std::ispunct(static_cast<unsigned char>(text.back())) != 0;
    size_t finish = text.size() - 1;
    while (finish > 0 && is_close(text[finish]))
        --finish;
    word.period = text[finish] != '\0' && std::strchr(".?!", text[finish]) != nullptr;
}

// Splits one line into words; returns the first character after the next line's prefix.
int Formatter::get_line(int c) {
    do {
        Word word;
        size_t chars = word_chars();
        do {
            if (chars + word.text.size() == k_max_chars) {
                flush_paragraph();
                chars = word_chars();
            }
            word.text += static_cast<char>(c);
            c = m_input->get();
        } while (c != -1 && !std::isspace(c));
        word.length = static_cast<int>(word.text.size());
        m_in_column += word.length;
        check_punctuation(word);
        int start = m_in_column;
        c = get_space(c);
        word.space = m_in_column - start;
        word.final = c == -1 || (word.period && (c == '\n' || word.space > 1));
        if (c == '\n' || c == -1 || m_settings.uniform)
            word.space = word.final ? 2 : 1;
        if (m_words.size() == k_max_words - 1) {
            set_other_indent(true);
            flush_paragraph();
        }
        m_words.push_back(std::move(word));
    } while (c != '\n' && c != -1);
    return get_prefix();
}

Cost Formatter::base_cost(size_t index) const {
    Cost cost = k_line_cost;
    const Word& word = m_words[index];
    if (index > 0) {
        const Word& before = m_words[index - 1];
        if (before.period) {
            if (before.final)
                cost -= k_sentence_bonus;
            else
                cost += k_nobreak_cost;
        } else if (before.punct) {
            cost -= k_punct_bonus;
        } else if (index > 1 && m_words[index - 2].final) {
            cost += widow_cost(before.length);
        }
    }
    if (word.paren)
        cost -= k_paren_bonus;
    else if (word.final)
        cost += orphan_cost(word.length);
    return cost;
}

Cost Formatter::line_cost(size_t next, int length) const {
    if (next == m_words.size())
        return 0;
    Cost cost = short_cost(m_settings.goal_width - length);
    if (m_words[next].next_break != m_words.size())
        cost += ragged_cost(length - m_words[next].line_length);
    return cost;
}

// The dynamic program: for each word, the cheapest way to lay out the rest of the paragraph
// starting a line with it, considering every break that keeps the line under the width.
void Formatter::fmt_paragraph() {
    const size_t limit = m_words.size();
    auto length_of = [&](size_t index) { return index == limit ? m_settings.max_width : m_words[index].length; };
    auto best_cost_of = [&](size_t index) { return index == limit ? Cost{0} : m_words[index].best_cost; };
    for (size_t start = limit; start-- > 0;) {
        Cost best = k_max_cost;
        int length = (start == 0 ? m_first_indent : m_other_indent) + m_words[start].length;
        size_t w = start;
        do {
            ++w;
            Cost cost = line_cost(w, length) + best_cost_of(w);
            if (start == 0 && m_last_line_length > 0)
                cost += ragged_cost(length - m_last_line_length);
            if (cost < best) {
                best = cost;
                m_words[start].next_break = w;
                m_words[start].line_length = length;
            }
            if (w == limit)
                break;
            length += m_words[w - 1].space + length_of(w);
        } while (length < m_settings.max_width);
        m_words[start].best_cost = best + base_cost(start);
    }
}

void Formatter::put_space(int space) {
    int target = m_out_column + space;
    if (m_tabs) {
        int tab_target = target / k_tab_width * k_tab_width;
        if (m_out_column + 1 < tab_target) {
            while (m_out_column < tab_target) {
                m_out.put('\t');
                m_out_column = (m_out_column / k_tab_width + 1) * k_tab_width;
            }
        }
    }
    while (m_out_column < target) {
        m_out.put(' ');
        ++m_out_column;
    }
}

void Formatter::put_word(const Word& word) {
    m_out.write(word.text);
    m_out_column += word.length;
}

void Formatter::put_line(size_t index, int indent) {
    m_out_column = 0;
    put_space(m_prefix_indent);
    m_out.write(m_settings.prefix);
    m_out_column += static_cast<int>(m_settings.prefix.size());
    put_space(indent - m_out_column);
    size_t end = m_words[index].next_break - 1;
    for (; index != end; ++index) {
        put_word(m_words[index]);
        put_space(m_words[index].space);
    }
    put_word(m_words[index]);
    m_last_line_length = m_out_column;
    m_out.put('\n');
}

void Formatter::put_paragraph(size_t finish) {
    put_line(0, m_first_indent);
    for (size_t w = m_words[0].next_break; w != finish; w = m_words[w].next_break)
        put_line(w, m_other_indent);
}

size_t Formatter::word_chars() const {
    size_t total = 0;
    for (const Word& word : m_words)
        total += word.text.size();
    return total;
}

void Formatter::flush_paragraph() {
    if (m_words.empty())
        return;
    fmt_paragraph();
    const size_t limit = m_words.size();
    size_t split = limit;
    Cost best = k_max_cost;
    for (size_t w = m_words[0].next_break; w != limit; w = m_words[w].next_break) {
        Cost next_cost = m_words[w].next_break == limit ? 0 : m_words[m_words[w].next_break].best_cost;
        if (m_words[w].best_cost - next_cost < best) {
            split = w;
            best = m_words[w].best_cost - next_cost;
        }
        if (best <= k_max_cost - k_line_cost)
            best += k_line_cost;
    }
    put_paragraph(split);
    m_words.erase(m_words.begin(), m_words.begin() + static_cast<long>(split));
}

void Formatter::format(Input& input) {
    m_input = &input;
    m_tabs = false;
    m_other_indent = 0;
    m_next_char = get_prefix();
    while (get_paragraph() && !m_out.failed()) {
        fmt_paragraph();
        put_paragraph(m_words.size());
    }
}

// -w / -g values.
bool parse_width(std::string_view text, int limit, int& width) {
    uint64_t value = 0;
    NumberStatus status = parse_decimal(text, value);
    if (status != NumberStatus::ok || value > static_cast<uint64_t>(limit)) {
        bool range = status == NumberStatus::overflow || (status == NumberStatus::ok);
        write_all(2, std::string(k_program) + ": invalid width: " + quote(text) +
                         (range ? ": Numerical result out of range" : "") + "\n");
        return false;
    }
    width = static_cast<int>(value);
    return true;
}

void set_prefix(Settings& settings, std::string_view prefix) {
    int lead = 0;
    while (!prefix.empty() && prefix[0] == ' ') {
        ++lead;
        prefix.remove_prefix(1);
    }
    settings.prefix_lead_space = lead;
    settings.prefix_full_length = static_cast<int>(prefix.size());
    while (!prefix.empty() && prefix.back() == ' ')
        prefix.remove_suffix(1);
    settings.prefix = prefix;
}

}  // namespace

int fmt_main(int argc, char** argv) {
    Settings settings;
    const char* width_text = nullptr;
    const char* goal_text = nullptr;
    std::string obsolete_width;
    // The obsolete -WIDTH form, only as the first argument (as GNU).
    if (argc > 1 && argv[1][0] == '-' && std::isdigit(static_cast<unsigned char>(argv[1][1]))) {
        obsolete_width = argv[1] + 1;
        width_text = obsolete_width.c_str();
        argv[1] = argv[0];
        ++argv;
        --argc;
    }
    OptionParser parser(k_program, argc, argv, "0123456789cstuw:p:g:", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'c': settings.crown = true; break;
        case 's': settings.split = true; break;
        case 't': settings.tagged = true; break;
        case 'u': settings.uniform = true; break;
        case 'w': width_text = option.argument; break;
        case 'g': goal_text = option.argument; break;
        case 'p': set_prefix(settings, option.argument); break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default:
            if (option.id >= '0' && option.id <= '9') {
                write_all(2, std::string(k_program) + ": invalid option -- " + static_cast<char>(option.id) +
                                 "; -WIDTH is recognized only when it is the first\noption; use -w N instead\n");
                return try_help(k_program);
            }
            return 1;
        }
    }
    if (width_text && !parse_width(width_text, k_max_width, settings.max_width))
        return 1;
    if (goal_text) {
        if (!parse_width(goal_text, settings.max_width, settings.goal_width))
            return 1;
        if (!width_text)
            settings.max_width = settings.goal_width + 10;
    } else {
        settings.goal_width = settings.max_width * (2 * (100 - k_leeway) + 1) / 200;
    }
    std::vector<std::string> files;
    for (std::string_view operand : parser.operands())
        files.emplace_back(operand);
    if (files.empty())
        files.emplace_back("-");
    Output out;
    int status = 0;
    for (const std::string& name : files) {
        int fd = open_input(name);
        if (fd < 0) {
            out.flush();
            write_all(2, std::string(k_program) + ": cannot open " + quote_file_always(name) + " for reading: " +
                             strerror_gnu(errno) + "\n");
            status = 1;
            continue;
        }
        Input input(fd);
        Formatter formatter(settings, out);
        formatter.format(input);
        if (fd != 0)
            ::close(fd);
        if (input.error() != 0) {
            out.flush();
            write_all(2, std::string(k_program) + ": " + quote_file(name) + ": " + strerror_gnu(input.error()) + "\n");
            status = 1;
        }
        if (out.failed())
            break;
    }
    return finish(out, k_program, status);
}

}  // namespace toolbox
