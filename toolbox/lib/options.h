// options.h — GNU getopt_long's command-line rules for applets, with glibc's exact diagnostics:
// short options cluster (-vn5), an option's argument is attached or the next word, long options
// may be abbreviated to a unique prefix and take `--name=value` or `--name value`, operands and
// options mix freely (unless POSIXLY_CORRECT is set or the spec starts with '+'), "--" ends the
// options and "-" is an operand. Errors are printed as glibc prints them, followed by
// "Try 'PROGRAM --help' for more information.", and reported as an Option with id `k_error`.
//
//   static constexpr LongOption k_long[] = {{"lines", Argument::required, 'n'}, {"help", Argument::none, k_help}};
//   OptionParser parser("head", argc, argv, "n:qv", k_long);
//   while (auto option = parser.next()) { if (option.id == k_error) return 1; ... }
//   for (std::string_view operand : parser.operands()) ...
//
// Thread safety: an OptionParser is confined to the applet that made it.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace toolbox {

enum class Argument { none, required, optional };

struct LongOption {
    std::string_view name;
    Argument argument{Argument::none};
    int id{0};  // what next() reports: a letter for options that have one, or a k_* value
};

// Ids for long options without a letter start here; k_help and k_version are the usual two.
inline constexpr int k_long_only = 256;
inline constexpr int k_help = 254;
inline constexpr int k_version = 255;
inline constexpr int k_error = -1;
// With a spec starting with '-' (getopt's RETURN_IN_ORDER), each operand before "--" comes back
// from next() in place, as an Option with this id and the operand as its argument.
inline constexpr int k_operand = 1;

struct Option {
    int id{0};                 // 0 when the options are done, k_error after a diagnostic
    const char* argument{nullptr};  // the option's argument; nullptr when it has none
    std::string_view spelling;       // how it was written ("-n", "--lines"), for messages
    explicit operator bool() const { return id != 0; }
};

class OptionParser final {
public:
    // `short_spec` is getopt's: letters, ':' after one that needs an argument, "::" for an
    // optional (attached only) argument; a leading '+' stops at the first operand, a leading '-'
    // returns operands in order (k_operand).
    OptionParser(std::string_view program, int argc, char** argv, std::string_view short_spec,
                 std::span<const LongOption> long_options = {});

    // Words like "-5" and "-.5" are operands, not options (seq, and numbers in general).
    void treat_negative_numbers_as_operands() { m_negative_numbers = true; }
    // A line printed between an option error and the "Try ..." line (grep's "Usage: ..." line).
    void set_usage_line(std::string_view line) { m_usage_line = line; }
    // diffutils' style: the "Try '… --help'" line after a diagnostic is "PROGRAM: Try …".
    void prefix_try_help() { m_prefix_try_help = true; }
    // After an option error, print `text` (e.g. the whole usage, as sed does) instead of the
    // "Try 'PROGRAM --help'" line. The text must outlive the parser.
    void set_error_epilogue(std::string_view text) { m_error_epilogue = text; }
    // The next option, or id 0 when there are no more (then operands() is complete).
    Option next();
    const std::vector<std::string_view>& operands() const { return m_operands; }
    std::string_view program() const { return m_program; }

private:
    Option next_short();
    Option next_long(std::string_view word);
    Option fail(const std::string& message);

    std::string_view m_program;
    int m_argc{0};
    char** m_argv{nullptr};
    std::string_view m_short_spec;
    std::span<const LongOption> m_long_options;
    bool m_stop_at_operand{false};
    bool m_operands_in_order{false};
    bool m_negative_numbers{false};
    std::string_view m_usage_line;
    bool m_prefix_try_help{false};
    std::string_view m_error_epilogue;
    int m_index{1};
    const char* m_cluster{nullptr};  // the rest of a short-option cluster being read
    bool m_done{false};
    std::vector<std::string_view> m_operands;
};

// "Try 'PROGRAM --help' for more information." on stderr; returns `status`.
int try_help(std::string_view program, int status = 1);
// "PROGRAM: missing operand" (or "missing operand after 'X'") and the Try line; returns `status`.
int missing_operand(std::string_view program, int status = 1);
int extra_operand(std::string_view program, std::string_view operand, int status = 1);
// Prints `text` (a usage text) to stdout and returns 0, or 1 if stdout failed.
int print_usage(std::string_view text);
// "PROGRAM (secure-exec toolbox) 1.0" on stdout; returns 0.
int print_version(std::string_view program);

}  // namespace toolbox
