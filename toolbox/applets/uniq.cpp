// uniq, as GNU coreutils: adjacent equal lines collapsed (-c counts, -d repeated only, -u unique
// only, -D/--all-repeated[=METHOD] every repeated line, --group[=METHOD] every line with groups
// separated), compared after skipping -f fields and -s bytes, on at most -w bytes, -i ignoring
// case, -z for NUL-terminated lines; [INPUT [OUTPUT]] operands, the obsolete -N and +N forms.
// Streams: only the current group's first line is kept.
// applet: uniq uniq_main
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/numbers.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "uniq";

constexpr std::string_view k_usage =
    "Usage: uniq [OPTION]... [INPUT [OUTPUT]]\n"
    "Filter adjacent matching lines from INPUT (or standard input),\n"
    "writing to OUTPUT (or standard output).\n"
    "\n"
    "With no options, matching lines are merged to the first occurrence.\n"
    "\n"
    "  -c, --count           prefix lines by the number of occurrences\n"
    "  -d, --repeated        only print duplicate lines, one for each group\n"
    "  -D                    print all duplicate lines\n"
    "      --all-repeated[=METHOD]  like -D, but allow separating groups\n"
    "                                 with an empty line;\n"
    "                                 METHOD={none(default),prepend,separate}\n"
    "  -f, --skip-fields=N   avoid comparing the first N fields\n"
    "      --group[=METHOD]  show all items, separating groups with an empty line;\n"
    "                          METHOD={separate(default),prepend,append,both}\n"
    "  -i, --ignore-case     ignore differences in case when comparing\n"
    "  -s, --skip-chars=N    avoid comparing the first N characters\n"
    "  -u, --unique          only print unique lines\n"
    "  -z, --zero-terminated     line delimiter is NUL, not newline\n"
    "  -w, --check-chars=N   compare no more than N characters in lines\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr int k_all_repeated = k_long_only;
constexpr int k_group = k_long_only + 1;

constexpr LongOption k_long_options[] = {
    {"count", Argument::none, 'c'},
    {"repeated", Argument::none, 'd'},
    {"all-repeated", Argument::optional, k_all_repeated},
    {"group", Argument::optional, k_group},
    {"ignore-case", Argument::none, 'i'},
    {"unique", Argument::none, 'u'},
    {"skip-fields", Argument::required, 'f'},
    {"skip-chars", Argument::required, 's'},
    {"check-chars", Argument::required, 'w'},
    {"zero-terminated", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class Delimit { none, prepend, separate, append, both };

struct Settings {
    bool count{false};
    bool print_unique{true};
    bool print_repeated{true};
    bool all_repeated{false};
    bool group{false};
    Delimit delimit{Delimit::none};
    bool ignore_case{false};
    size_t skip_fields{0};
    size_t skip_chars{0};
    size_t check_chars{SIZE_MAX};
    char delimiter{'\n'};
};

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

// The part of `line` that is compared (uniq.c find_field() and check_chars).
std::string_view compared_part(std::string_view line, const Settings& settings) {
    size_t i = 0;
    for (size_t field = 0; field < settings.skip_fields && i < line.size(); ++field) {
        while (i < line.size() && is_blank(line[i]))
            ++i;
        while (i < line.size() && !is_blank(line[i]))
            ++i;
    }
    i += std::min(settings.skip_chars, line.size() - i);
    std::string_view part = line.substr(i);
    if (part.size() > settings.check_chars)
        part = part.substr(0, settings.check_chars);
    return part;
}

char upper(char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool same(std::string_view a, std::string_view b, const Settings& settings) {
    a = compared_part(a, settings);
    b = compared_part(b, settings);
    if (a.size() != b.size())
        return false;
    if (!settings.ignore_case)
        return a == b;
    for (size_t i = 0; i < a.size(); ++i)
        if (upper(a[i]) != upper(b[i]))
            return false;
    return true;
}

std::string_view without_delimiter(std::string_view line, char delimiter) {
    if (!line.empty() && line.back() == delimiter)
        line.remove_suffix(1);
    return line;
}

class Writer final {
public:
    Writer(Output& out, const Settings& settings) : m_out(out), m_settings(settings) {}
    void line(std::string_view text, uint64_t count) {
        if (m_settings.count) {
            char prefix[32];
            int length = std::snprintf(prefix, sizeof prefix, "%7llu ", static_cast<unsigned long long>(count));
            m_out.write(std::string_view(prefix, static_cast<size_t>(length)));
        }
        m_out.write(text);
        m_out.put(m_settings.delimiter);
    }
    void separator() { m_out.put(m_settings.delimiter); }

private:
    Output& m_out;
    const Settings& m_settings;
};

// The plain modes (-c -d -u): one line per group.
void filter_groups(LineReader& reader, const Settings& settings, Writer& writer) {
    std::string first;
    uint64_t count = 0;
    std::string_view line;
    auto flush_group = [&] {
        if (count == 0)
            return;
        if ((count == 1 && settings.print_unique) || (count > 1 && settings.print_repeated))
            writer.line(first, count);
    };
    while (reader.next(line)) {
        std::string_view text = without_delimiter(line, settings.delimiter);
        if (count > 0 && same(first, text, settings)) {
            ++count;
            continue;
        }
        flush_group();
        first.assign(text);
        count = 1;
    }
    flush_group();
}

// -D/--all-repeated and --group: every line of the groups shown, with separators.
void filter_all(LineReader& reader, const Settings& settings, Writer& writer) {
    std::string previous;
    bool have_previous = false;
    uint64_t run = 0;        // lines in the current group so far
    bool printed_any = false;  // a group has been shown (for "separate")
    std::string_view line;
    while (reader.next(line)) {
        std::string_view text = without_delimiter(line, settings.delimiter);
        bool match = have_previous && same(previous, text, settings);
        if (settings.group) {
            // One empty line between groups, and before the first / after the last as asked.
            bool before_first = settings.delimit == Delimit::prepend || settings.delimit == Delimit::both;
            if (have_previous ? !match : before_first)
                writer.separator();
            writer.line(text, 0);
        } else if (match) {
            if (run == 1) {
                if ((settings.delimit == Delimit::prepend) ||
                    (settings.delimit == Delimit::separate && printed_any))
                    writer.separator();
                writer.line(previous, 0);
                printed_any = true;
            }
            writer.line(text, 0);
        }
        run = match ? run + 1 : 1;
        if (!match)
            previous.assign(text);
        have_previous = true;
    }
    if (settings.group && have_previous &&
        (settings.delimit == Delimit::append || settings.delimit == Delimit::both))
        writer.separator();
}

// -f/-s/-w values: saturating; false after GNU's message.
bool parse_size(const char* text, const char* what, size_t& value) {
    uint64_t number = 0;
    NumberStatus status = parse_decimal(text, number);
    if (status == NumberStatus::invalid) {
        write_all(2, std::string(k_program) + ": " + text + ": " + what + "\n");
        return false;
    }
    value = number > SIZE_MAX ? SIZE_MAX : static_cast<size_t>(number);
    return true;
}

int argmatch_error(const char* option, std::string_view value, const std::vector<std::string_view>& words) {
    std::string message = std::string(k_program) + ": invalid argument " + quote(value) + " for " + quote(option) +
                          "\nValid arguments are:\n";
    for (auto word : words)
        message += "  - " + quote(word) + "\n";
    write_all(2, message);
    return -1;
}

// GNU argmatch over `words` (exact or unique prefix); the index, or -1 after the message.
int match_word(const char* option, std::string_view value, const std::vector<std::string_view>& words) {
    int found = -1;
    for (size_t i = 0; i < words.size(); ++i) {
        if (words[i] == value)
            return static_cast<int>(i);
        if (!value.empty() && words[i].substr(0, value.size()) == value)
            found = found == -1 ? static_cast<int>(i) : -2;
    }
    if (found >= 0)
        return found;
    return argmatch_error(option, value, words);
}

}  // namespace

int uniq_main(int argc, char** argv) {
    Settings settings;
    std::vector<std::string> files;
    bool obsolete_fields = false;
    OptionParser parser(k_program, argc, argv, "-0123456789Dcdf:is:uw:z", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_operand: {
            std::string_view word(option.argument);
            uint64_t chars = 0;
            if (word.size() > 1 && word[0] == '+' && parse_count(word.substr(1), "", chars) == NumberStatus::ok &&
                std::getenv("POSIXLY_CORRECT") == nullptr) {
                settings.skip_chars = chars > SIZE_MAX ? SIZE_MAX : static_cast<size_t>(chars);
                break;
            }
            if (files.size() == 2) {
                write_all(2, std::string(k_program) + ": extra operand " + quote(word) + "\n");
                return try_help(k_program);
            }
            files.emplace_back(word);
            break;
        }
        case 'c': settings.count = true; break;
        case 'd': settings.print_unique = false; break;
        case 'D':
            settings.all_repeated = true;
            settings.delimit = Delimit::none;
            break;
        case k_all_repeated: {
            settings.all_repeated = true;
            settings.delimit = Delimit::none;
            if (option.argument != nullptr) {
                int index = match_word("--all-repeated", option.argument, {"none", "prepend", "separate"});
                if (index < 0)
                    return try_help(k_program);
                settings.delimit = index == 0 ? Delimit::none : index == 1 ? Delimit::prepend : Delimit::separate;
            }
            break;
        }
        case k_group: {
            settings.group = true;
            settings.delimit = Delimit::separate;
            if (option.argument != nullptr) {
                int index = match_word("--group", option.argument, {"prepend", "append", "separate", "both"});
                if (index < 0)
                    return try_help(k_program);
                static constexpr Delimit k_methods[] = {Delimit::prepend, Delimit::append, Delimit::separate,
                                                        Delimit::both};
                settings.delimit = k_methods[index];
            }
            break;
        }
        case 'f':
            if (!parse_size(option.argument, "invalid number of fields to skip", settings.skip_fields))
                return 1;
            obsolete_fields = false;
            break;
        case 'i': settings.ignore_case = true; break;
        case 's':
            if (!parse_size(option.argument, "invalid number of bytes to skip", settings.skip_chars))
                return 1;
            break;
        case 'u': settings.print_repeated = false; break;
        case 'w':
            if (!parse_size(option.argument, "invalid number of bytes to compare", settings.check_chars))
                return 1;
            break;
        case 'z': settings.delimiter = '\0'; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default:
            if (option.id >= '0' && option.id <= '9') {
                // The obsolete -N: digits accumulate into the number of fields to skip.
                if (!obsolete_fields)
                    settings.skip_fields = 0;
                size_t digit = static_cast<size_t>(option.id - '0');
                settings.skip_fields = settings.skip_fields > (SIZE_MAX - digit) / 10
                                           ? SIZE_MAX
                                           : settings.skip_fields * 10 + digit;
                obsolete_fields = true;
                break;
            }
            return 1;
        }
    }
    for (std::string_view operand : parser.operands()) {
        if (files.size() == 2) {
            write_all(2, std::string(k_program) + ": extra operand " + quote(operand) + "\n");
            return try_help(k_program);
        }
        files.emplace_back(operand);
    }
    if (settings.group && (settings.count || !settings.print_repeated || !settings.print_unique ||
                           settings.all_repeated)) {
        write_all(2, std::string(k_program) + ": --group is mutually exclusive with -c/-d/-D/-u\n");
        return try_help(k_program);
    }
    if (settings.all_repeated && settings.count) {
        write_all(2, std::string(k_program) + ": printing all duplicated lines and repeat counts is meaningless\n");
        return try_help(k_program);
    }

    std::string input = files.empty() ? "-" : files[0];
    int in = open_input(input);
    if (in < 0) {
        write_all(2, std::string(k_program) + ": " + quote_file(input) + ": " + strerror_gnu(errno) + "\n");
        return 1;
    }
    int out_fd = 1;
    if (files.size() == 2 && files[1] != "-") {
        out_fd = ::open(files[1].c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (out_fd < 0) {
            write_all(2, std::string(k_program) + ": " + quote_file(files[1]) + ": " + strerror_gnu(errno) + "\n");
            return 1;
        }
    }
    Output out(out_fd);
    Writer writer(out, settings);
    LineReader reader(in, settings.delimiter);
    if (settings.all_repeated || settings.group)
        filter_all(reader, settings, writer);
    else
        filter_groups(reader, settings, writer);
    int status = 0;
    if (reader.error() != 0) {
        out.flush();
        write_all(2, std::string(k_program) + ": error reading " + quote_file_always(input) + "\n");
        status = 1;
    }
    return finish(out, k_program, status);
}

}  // namespace toolbox
