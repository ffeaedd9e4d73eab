// expand and unexpand, as GNU coreutils (expand.c, unexpand.c, expand-common.c). expand turns
// tabs into spaces (-i: only in leading blanks); unexpand turns blanks into tabs (leading ones,
// or all with -a; --first-only). Tab stops: -t N (every N columns), -t LIST of ascending stops
// with an optional last "/N" (every N after) or "+N" (N apart after the last stop), or the
// obsolete -N form; default every 8. Backspace moves back a column. The input files are one
// stream, as GNU reads them.
// applet: expand expand_main
// applet: unexpand unexpand_main
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
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

constexpr std::string_view k_expand_usage =
    "Usage: expand [OPTION]... [FILE]...\n"
    "Convert tabs in each FILE to spaces, writing to standard output.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -i, --initial    do not convert tabs after non blanks\n"
    "  -t, --tabs=N     have tabs N characters apart, not 8\n"
    "  -t, --tabs=LIST  use comma separated list of tab positions.\n"
    "                     The last specified position can be prefixed with '/'\n"
    "                     to specify a tab size to use after the last\n"
    "                     explicitly specified tab stop.  Also a prefix of '+'\n"
    "                     can be used to align remaining tab stops relative to\n"
    "                     the last specified tab stop instead of the first column\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr std::string_view k_unexpand_usage =
    "Usage: unexpand [OPTION]... [FILE]...\n"
    "Convert blanks in each FILE to tabs, writing to standard output.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -a, --all        convert all blanks, instead of just initial blanks\n"
    "      --first-only  convert only leading sequences of blanks (overrides -a)\n"
    "  -t, --tabs=N     have tabs N characters apart instead of 8 (enables -a)\n"
    "  -t, --tabs=LIST  use comma separated list of tab positions.\n"
    "                     The last specified position can be prefixed with '/'\n"
    "                     to specify a tab size to use after the last\n"
    "                     explicitly specified tab stop.  Also a prefix of '+'\n"
    "                     can be used to align remaining tab stops relative to\n"
    "                     the last specified tab stop instead of the first column\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr int k_first_only = k_long_only;

constexpr LongOption k_expand_options[] = {
    {"tabs", Argument::required, 't'},
    {"initial", Argument::none, 'i'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr LongOption k_unexpand_options[] = {
    {"tabs", Argument::required, 't'},
    {"all", Argument::none, 'a'},
    {"first-only", Argument::none, k_first_only},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

// The tab stops of expand-common.c.
class TabStops final {
public:
    explicit TabStops(const char* program) : m_program(program) {}

    // parse_tab_stops(); false after the messages.
    bool parse(std::string_view stops) {
        bool have_value = false;
        uint64_t value = 0;
        bool extend = false;
        bool increment = false;
        size_t number_start = 0;
        bool ok = true;
        for (size_t i = 0; i < stops.size(); ++i) {
            char c = stops[i];
            if (c == ',' || c == ' ' || c == '\t') {
                if (have_value) {
                    if (extend) {
                        if (!set_extend(value)) {
                            ok = false;
                            break;
                        }
                    } else if (increment) {
                        if (!set_increment(value)) {
                            ok = false;
                            break;
                        }
                    } else {
                        add(value);
                    }
                }
                have_value = false;
            } else if (c == '/') {
                if (have_value) {
                    complain("'/' specifier not at start of number: " + quote(stops.substr(i)));
                    ok = false;
                }
                extend = true;
                increment = false;
            } else if (c == '+') {
                if (have_value) {
                    complain("'+' specifier not at start of number: " + quote(stops.substr(i)));
                    ok = false;
                }
                increment = true;
                extend = false;
            } else if (c >= '0' && c <= '9') {
                if (!have_value) {
                    value = 0;
                    have_value = true;
                    number_start = i;
                }
                uint64_t digit = static_cast<uint64_t>(c - '0');
                if (value > (UINT64_MAX - digit) / 10) {
                    size_t end = number_start;
                    while (end < stops.size() && stops[end] >= '0' && stops[end] <= '9')
                        ++end;
                    complain("tab stop is too large " + quote(stops.substr(number_start, end - number_start)));
                    ok = false;
                    i = end - 1;
                } else {
                    value = value * 10 + digit;
                }
            } else {
                complain("tab size contains invalid character(s): " + quote(stops.substr(i)));
                ok = false;
                break;
            }
        }
        if (ok && have_value) {
            if (extend)
                ok = set_extend(value);
            else if (increment)
                ok = set_increment(value);
            else
                add(value);
        }
        return ok;
    }

    // finalize_tab_stops(); false after the message.
    bool finalize() {
        uint64_t previous = 0;
        for (uint64_t tab : m_list) {
            if (tab == 0) {
                complain("tab size cannot be 0");
                return false;
            }
            if (tab <= previous) {
                complain("tab sizes must be ascending");
                return false;
            }
            previous = tab;
        }
        if (m_increment != 0 && m_extend != 0) {
            complain("'/' specifier is mutually exclusive with '+'");
            return false;
        }
        if (m_list.empty())
            m_size = m_extend != 0 ? m_extend : m_increment != 0 ? m_increment : 8;
        else if (m_list.size() == 1 && m_extend == 0 && m_increment == 0)
            m_size = m_list[0];
        else
            m_size = 0;
        return true;
    }

    // add_tab_stop(): one more explicit stop.
    void add(uint64_t value) { m_list.push_back(value); }

    // get_next_tab_column(): the next stop after `column`; `last` when there is none.
    uint64_t next(uint64_t column, size_t& index, bool& last) const {
        last = false;
        if (m_size != 0)
            return column + (m_size - column % m_size);
        for (; index < m_list.size(); ++index)
            if (column < m_list[index])
                return m_list[index];
        if (m_extend != 0)
            return column + (m_extend - column % m_extend);
        if (m_increment != 0) {
            uint64_t end = m_list.back();
            return column + (m_increment - ((column - end) % m_increment));
        }
        last = true;
        return 0;
    }

private:
    void complain(const std::string& message) {
        write_all(2, std::string(m_program) + ": " + message + "\n");
    }
    bool set_extend(uint64_t value) {
        bool ok = m_extend == 0;
        if (!ok)
            complain("'/' specifier only allowed with the last value");
        m_extend = value;
        return ok;
    }
    bool set_increment(uint64_t value) {
        bool ok = m_increment == 0;
        if (!ok)
            complain("'+' specifier only allowed with the last value");
        m_increment = value;
        return ok;
    }

    const char* m_program;
    std::vector<uint64_t> m_list;
    uint64_t m_extend{0};
    uint64_t m_increment{0};
    uint64_t m_size{0};
};

// The input files as one stream of bytes (-1 at the end), as expand-common.c next_file().
class InputStream final {
public:
    InputStream(const char* program, std::vector<std::string> names)
        : m_program(program), m_names(std::move(names)) {}
    int get() {
        while (true) {
            if (m_position < m_length)
                return static_cast<unsigned char>(m_buffer[m_position++]);
            if (m_fd >= 0) {
                ssize_t got = ::read(m_fd, m_buffer, sizeof m_buffer);
                if (got < 0 && errno == EINTR)
                    continue;
                if (got > 0) {
                    m_length = static_cast<size_t>(got);
                    m_position = 0;
                    continue;
                }
                if (got < 0)
                    report(errno);
                if (m_fd != 0)
                    ::close(m_fd);
                m_fd = -1;
            }
            if (m_next >= m_names.size())
                return -1;
            m_current = m_names[m_next++];
            m_fd = open_input(m_current);
            if (m_fd < 0)
                report(errno);
        }
    }
    int status() const { return m_status; }
    void set_output(Output* out) { m_out = out; }

private:
    void report(int error) {
        if (m_out != nullptr)
            m_out->flush();
        write_all(2, std::string(m_program) + ": " + quote_file(m_current) + ": " + strerror_gnu(error) + "\n");
        m_status = 1;
    }

    const char* m_program;
    std::vector<std::string> m_names;
    size_t m_next{0};
    std::string m_current;
    int m_fd{-1};
    char m_buffer[65536];
    size_t m_position{0};
    size_t m_length{0};
    int m_status{0};
    Output* m_out{nullptr};
};

bool is_blank(int c) {
    return c == ' ' || c == '\t';
}

// Mirrors expand.c expand().
void expand_stream(InputStream& in, const TabStops& stops, bool initial_only, Output& out) {
    while (true) {
        bool convert = true;
        uint64_t column = 0;
        size_t index = 0;
        int c;
        do {
            c = in.get();
            if (convert) {
                if (c == '\t') {
                    bool last = false;
                    uint64_t next = stops.next(column, index, last);
                    if (last)
                        next = column + 1;
                    while (++column < next)
                        out.put(' ');
                    c = ' ';
                } else if (c == '\b') {
                    column -= column != 0;
                    index -= index != 0;
                } else {
                    ++column;
                }
                convert = convert && (!initial_only || is_blank(c));
            }
            if (c < 0)
                return;
            out.put(static_cast<char>(c));
        } while (c != '\n' && !out.failed());
        if (out.failed())
            return;
    }
}

// Mirrors unexpand.c unexpand().
void unexpand_stream(InputStream& in, const TabStops& stops, bool entire_line, Output& out) {
    std::string pending;
    while (true) {
        bool convert = true;
        uint64_t column = 0;
        uint64_t next_tab = 0;
        size_t index = 0;
        bool one_blank_before_tab_stop = false;
        bool previous_blank = true;
        pending.clear();
        int c;
        do {
            c = in.get();
            if (convert) {
                bool blank = is_blank(c);
                if (blank) {
                    bool last = false;
                    next_tab = stops.next(column, index, last);
                    if (last)
                        convert = false;
                    if (convert) {
                        if (c == '\t') {
                            column = next_tab;
                            if (!pending.empty())
                                pending[0] = '\t';
                        } else {
                            ++column;
                            if (!(previous_blank && column == next_tab)) {
                                // Not yet known whether the pending blanks become tabs.
                                if (column == next_tab)
                                    one_blank_before_tab_stop = true;
                                pending.push_back(static_cast<char>(c));
                                previous_blank = true;
                                continue;
                            }
                            // The pending blanks become a tab (or two).
                            if (pending.empty())
                                pending.push_back('\t');
                            else
                                pending[0] = '\t';
                            c = '\t';
                        }
                        // Drop the pending blanks, unless it was one blank just before the previous stop.
                        pending.resize(one_blank_before_tab_stop ? 1 : 0);
                    }
                } else if (c == '\b') {
                    column -= column != 0;
                    next_tab = column;
                    index -= index != 0;
                } else {
                    ++column;
                }
                if (!pending.empty()) {
                    if (pending.size() > 1 && one_blank_before_tab_stop)
                        pending[0] = '\t';
                    out.write(pending);
                    pending.clear();
                    one_blank_before_tab_stop = false;
                }
                previous_blank = blank;
                convert = convert && (entire_line || blank);
            }
            if (c < 0)
                return;
            out.put(static_cast<char>(c));
        } while (c != '\n' && !out.failed());
        if (out.failed())
            return;
    }
}

std::vector<std::string> input_names(const OptionParser& parser) {
    std::vector<std::string> names;
    for (std::string_view operand : parser.operands())
        names.emplace_back(operand);
    if (names.empty())
        names.emplace_back("-");
    return names;
}

// The obsolete -N[,N...] forms: the digit and its attached rest.
bool parse_digit_option(const Option& option, TabStops& stops) {
    std::string value(1, static_cast<char>(option.id));
    if (option.argument != nullptr)
        value += option.argument;
    return stops.parse(value);
}

}  // namespace

int expand_main(int argc, char** argv) {
    constexpr char k_program[] = "expand";
    TabStops stops(k_program);
    bool initial_only = false;
    OptionParser parser(k_program, argc, argv, "it:0::1::2::3::4::5::6::7::8::9::", k_expand_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'i': initial_only = true; break;
        case 't':
            if (!stops.parse(option.argument))
                return 1;
            break;
        case k_help: return print_usage(k_expand_usage);
        case k_version: return print_version(k_program);
        default:
            if (option.id >= '0' && option.id <= '9') {
                if (!parse_digit_option(option, stops))
                    return 1;
                break;
            }
            return 1;
        }
    }
    if (!stops.finalize())
        return 1;
    auto in = std::make_unique<InputStream>(k_program, input_names(parser));
    Output out;
    in->set_output(&out);
    expand_stream(*in, stops, initial_only, out);
    return finish(out, k_program, in->status());
}

int unexpand_main(int argc, char** argv) {
    constexpr char k_program[] = "unexpand";
    TabStops stops(k_program);
    bool entire_line = false;
    bool first_only = false;
    // The obsolete form: digits and commas as options (-4,8), accumulated as in unexpand.c.
    bool have_value = false;
    uint64_t value = 0;
    OptionParser parser(k_program, argc, argv, ",0123456789at:", k_unexpand_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'a': entire_line = true; break;
        case 't':
            entire_line = true;
            if (!stops.parse(option.argument))
                return 1;
            break;
        case k_first_only: first_only = true; break;
        case k_help: return print_usage(k_unexpand_usage);
        case k_version: return print_version(k_program);
        case ',':
            if (have_value)
                stops.add(value);
            have_value = false;
            break;
        default:
            if (option.id >= '0' && option.id <= '9') {
                if (!have_value) {
                    value = 0;
                    have_value = true;
                }
                uint64_t digit = static_cast<uint64_t>(option.id - '0');
                if (value > (UINT64_MAX - digit) / 10) {
                    write_all(2, std::string(k_program) + ": tab stop value is too large\n");
                    return 1;
                }
                value = value * 10 + digit;
                break;
            }
            return 1;
        }
    }
    if (have_value)
        stops.add(value);
    if (first_only)
        entire_line = false;
    if (!stops.finalize())
        return 1;
    auto in = std::make_unique<InputStream>(k_program, input_names(parser));
    Output out;
    in->set_output(&out);
    unexpand_stream(*in, stops, entire_line, out);
    return finish(out, k_program, in->status());
}

}  // namespace toolbox
