// grep.h — what grep.cpp (options, patterns, files and directories) and grep_search.cpp (the
// per-file search: buffers, context, output) share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lib/output.h"
#include "lib/regex.h"

namespace toolbox::grep {

inline constexpr char k_program[] = "grep";

enum class BinaryFiles { binary, text, without_match };

// SGR sequences from GREP_COLORS (GNU 3.8's defaults).
struct Colors {
    std::string selected_match{"01;31"};
    std::string context_match{"01;31"};
    std::string file_name{"35"};
    std::string line_number{"32"};
    std::string byte_offset{"32"};
    std::string separator{"36"};
};

struct Settings {
    bool invert{false};
    bool count{false};
    bool files_with_matches{false};
    bool files_without_match{false};
    bool only_matching{false};
    bool quiet{false};
    bool no_messages{false};
    bool line_number{false};
    bool byte_offset{false};
    bool with_filename{false};
    bool null_after_name{false};
    bool initial_tab{false};
    bool line_buffered{false};
    bool color{false};
    char eol{'\n'};
    std::int64_t max_count{-1};
    std::int64_t before{0};
    std::int64_t after{0};
    bool context{false};  // -A/-B/-C given with a positive value: groups get separators
    bool group_separator_enabled{true};
    std::string group_separator{"--"};
    BinaryFiles binary_files{BinaryFiles::binary};
    Colors colors;
};

// The outcome of searching one input.
struct FileResult {
    std::int64_t selected{0};
    bool error{false};
    bool stop_all{false};  // -q found a match: nothing more to do
};

class Searcher final {
public:
    Searcher(const Settings& settings, const Regex& regex, Output& out) : m_settings(settings), m_regex(regex), m_out(out) {}
    // Searches `fd`; `name` is what output lines and messages call it; `size_hint` is the
    // file's size when known (-T pads numbers to its width), or -1.
    FileResult search(int fd, const std::string& name, std::int64_t size_hint);

private:
    const Settings& m_settings;
    const Regex& m_regex;
    Output& m_out;
    bool m_printed_any{false};  // across files: "--" goes between groups of different files too
};

}  // namespace toolbox::grep
