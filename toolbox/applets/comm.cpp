// comm, as GNU coreutils: lines only in FILE1, only in FILE2 and in both, as three columns
// (-1 -2 -3 hide them), --output-delimiter, --total, -z, and GNU's order checks ("file N is not
// in sorted order": a warning once unpairable lines were seen, an error with --check-order).
// Streams: one line of each file at a time.
// applet: comm comm_main
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
#include "lib/line_reader.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "comm";

constexpr std::string_view k_usage =
    "Usage: comm [OPTION]... FILE1 FILE2\n"
    "Compare sorted files FILE1 and FILE2 line by line.\n"
    "\n"
    "When FILE1 or FILE2 (not both) is -, read standard input.\n"
    "\n"
    "With no options, produce three-column output.  Column one contains\n"
    "lines unique to FILE1, column two contains lines unique to FILE2,\n"
    "and column three contains lines common to both files.\n"
    "\n"
    "  -1                      suppress column 1 (lines unique to FILE1)\n"
    "  -2                      suppress column 2 (lines unique to FILE2)\n"
    "  -3                      suppress column 3 (lines that appear in both files)\n"
    "\n"
    "      --check-order       check that the input is correctly sorted, even\n"
    "                            if all input lines are pairable\n"
    "      --nocheck-order     do not check that the input is correctly sorted\n"
    "      --output-delimiter=STR  separate columns with STR\n"
    "      --total             output a summary\n"
    "  -z, --zero-terminated   line delimiter is NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Note, comparisons honor the rules specified by 'LC_COLLATE'.\n"
    "\n"
    "Examples:\n"
    "  comm -12 file1 file2  Print only lines present in both file1 and file2.\n"
    "  comm -3 file1 file2  Print lines in file1 not in file2, and vice versa.\n";

constexpr int k_check_order = k_long_only;
constexpr int k_nocheck_order = k_long_only + 1;
constexpr int k_output_delimiter = k_long_only + 2;
constexpr int k_total = k_long_only + 3;

constexpr LongOption k_long_options[] = {
    {"check-order", Argument::none, k_check_order},
    {"nocheck-order", Argument::none, k_nocheck_order},
    {"output-delimiter", Argument::required, k_output_delimiter},
    {"total", Argument::none, k_total},
    {"zero-terminated", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class CheckOrder { by_default, enabled, disabled };

struct Settings {
    bool show[3]{true, true, true};
    CheckOrder check_order{CheckOrder::by_default};
    bool delimiter_given{false};
    std::string delimiter{"\t"};
    bool total{false};
    char eol{'\n'};
};

// memcmp order of two lines without their delimiters, shorter first on a tie.
int compare_lines(std::string_view a, std::string_view b) {
    int order = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    if (order != 0)
        return order;
    return (a.size() > b.size()) - (a.size() < b.size());
}

// One input with its current and previous line (for the order check).
struct Input {
    int fd{-1};
    std::unique_ptr<LineReader> reader;
    std::string current;
    std::string previous;
    bool has_line{false};
    bool warned{false};

    // Reads the next line; false at the end (or on a read error, in `error`).
    bool advance(char eol, int& error) {
        previous.swap(current);
        std::string_view record;
        if (!reader->next(record)) {
            error = reader->error();
            has_line = false;
            return false;
        }
        if (!record.empty() && record.back() == eol)
            record.remove_suffix(1);
        current.assign(record);
        has_line = true;
        return true;
    }
};

class Comparer final {
public:
    Comparer(const Settings& settings, Output& out) : m_settings(settings), m_out(out) {}
    int run(Input (&inputs)[2], const std::string (&names)[2]);

private:
    void write_line(std::string_view line, int column);
    // false when --check-order made the disorder fatal.
    bool check_order(Input& input, int which);

    const Settings& m_settings;
    Output& m_out;
    bool m_seen_unpairable{false};
    uint64_t m_totals[3]{0, 0, 0};
};

void Comparer::write_line(std::string_view line, int column) {
    if (!m_settings.show[column])
        return;
    for (int before = 0; before < column; ++before)
        if (m_settings.show[before])
            m_out.write(m_settings.delimiter);
    m_out.write(line);
    m_out.put(m_settings.eol);
}

bool Comparer::check_order(Input& input, int which) {
    CheckOrder check = m_settings.check_order;
    if (check == CheckOrder::disabled || (check == CheckOrder::by_default && !m_seen_unpairable) || input.warned)
        return true;
    if (compare_lines(input.previous, input.current) <= 0)
        return true;
    m_out.flush();
    write_all(2, std::string(k_program) + ": file " + std::to_string(which) + " is not in sorted order\n");
    input.warned = true;
    return check != CheckOrder::enabled;
}

int Comparer::run(Input (&inputs)[2], const std::string (&names)[2]) {
    while ((inputs[0].has_line || inputs[1].has_line) && !m_out.failed()) {
        int order;
        if (!inputs[0].has_line)
            order = 1;
        else if (!inputs[1].has_line)
            order = -1;
        else
            order = compare_lines(inputs[0].current, inputs[1].current);
        if (order == 0) {
            ++m_totals[2];
            write_line(inputs[1].current, 2);
        } else {
            m_seen_unpairable = true;
            int which = order < 0 ? 0 : 1;
            ++m_totals[which];
            write_line(inputs[which].current, which);
        }
        for (int i = 0; i < 2; ++i) {
            if (!(i == 0 ? order <= 0 : order >= 0))
                continue;
            int error = 0;
            if (inputs[i].advance(m_settings.eol, error)) {
                if (!check_order(inputs[i], i + 1))
                    return 1;
            } else if (error != 0) {
                m_out.flush();
                write_all(2, std::string(k_program) + ": " + quote_file(names[i]) + ": " + strerror_gnu(error) + "\n");
                return 1;
            }
        }
    }
    if (m_settings.total) {
        for (uint64_t total : m_totals) {
            m_out.write(std::to_string(total));
            m_out.write(m_settings.delimiter);
        }
        m_out.write("total");
        m_out.put(m_settings.eol);
    }
    if (inputs[0].warned || inputs[1].warned) {
        m_out.flush();
        write_all(2, std::string(k_program) + ": input is not in sorted order\n");
        return 1;
    }
    return 0;
}

}  // namespace

int comm_main(int argc, char** argv) {
    Settings settings;
    OptionParser parser(k_program, argc, argv, "123z", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case '1': settings.show[0] = false; break;
        case '2': settings.show[1] = false; break;
        case '3': settings.show[2] = false; break;
        case 'z': settings.eol = '\0'; break;
        case k_check_order: settings.check_order = CheckOrder::enabled; break;
        case k_nocheck_order: settings.check_order = CheckOrder::disabled; break;
        case k_output_delimiter: {
            std::string value = option.argument;
            if (value.empty())
                value.assign(1, '\0');  // GNU writes one NUL for an empty delimiter
            if (settings.delimiter_given && settings.delimiter != value) {
                write_all(2, std::string(k_program) + ": multiple output delimiters specified\n");
                return 1;
            }
            settings.delimiter = value;
            settings.delimiter_given = true;
            break;
        }
        case k_total: settings.total = true; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    const auto& operands = parser.operands();
    if (operands.size() > 2)
        return extra_operand(k_program, operands[2]);
    if (operands.empty())
        return missing_operand(k_program);
    if (operands.size() == 1) {
        write_all(2, std::string(k_program) + ": missing operand after " + quote(operands[0]) + "\n");
        return try_help(k_program);
    }
    std::string names[2] = {std::string(operands[0]), std::string(operands[1])};
    Input inputs[2];
    int status = 0;
    for (int i = 0; i < 2 && status == 0; ++i) {
        inputs[i].fd = open_input(names[i]);
        if (inputs[i].fd < 0) {
            write_all(2, std::string(k_program) + ": " + quote_file(names[i]) + ": " + strerror_gnu(errno) + "\n");
            status = 1;
            break;
        }
        inputs[i].reader = std::make_unique<LineReader>(inputs[i].fd, settings.eol);
        int error = 0;
        if (!inputs[i].advance(settings.eol, error) && error != 0) {
            write_all(2, std::string(k_program) + ": " + quote_file(names[i]) + ": " + strerror_gnu(error) + "\n");
            status = 1;
        }
    }
    Output out;
    if (status == 0) {
        Comparer comparer(settings, out);
        status = comparer.run(inputs, names);
    }
    for (int i = 0; i < 2; ++i) {
        inputs[i].reader.reset();
        if (inputs[i].fd > 0)
            ::close(inputs[i].fd);
    }
    return finish(out, k_program, status);
}

}  // namespace toolbox
