// diff.h — what the diff applet's parts share: the options, one side's lines, the list of
// changes the analysis finds, and the entry points of the analysis (diff_analyze.cpp) and of the
// output formats (diff_output.cpp).
// Thread safety: everything is confined to the applet run that made it.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "lib/output.h"

namespace toolbox::diff {

enum class Style { normal, unified, context, side_by_side };

struct Options {
    Style style{Style::normal};
    long context{-1};  // -1: the style's default (3)
    bool brief{false};
    bool report_identical{false};
    bool ignore_case{false};
    bool ignore_space_change{false};
    bool ignore_all_space{false};
    bool ignore_trailing_space{false};
    bool ignore_tab_expansion{false};
    bool ignore_blank_lines{false};
    bool text{false};
    bool strip_trailing_cr{false};
    bool new_file{false};
    bool unidirectional_new_file{false};
    bool recursive{false};
    bool minimal{false};
    bool expand_tabs{false};
    bool initial_tab{false};
    bool left_column{false};
    bool suppress_common_lines{false};
    long width{130};
    std::vector<std::string> labels;
    std::string switches;  // the options as given, for "diff -r a/x b/x" lines
};

// One side of a comparison, read whole; lines exclude their '\n'.
struct Side {
    std::string name;       // as printed in messages and headers
    std::string content;
    std::vector<std::string_view> lines;
    bool missing_newline{false};  // the last line has no '\n'
    bool exists{true};
    timespec mtime{};
};

// A run of lines deleted from side 0 and/or inserted from side 1 (0-based, absolute).
struct Change {
    long line0{0};
    long deleted{0};
    long line1{0};
    long inserted{0};
    bool ignorable{false};  // only blank lines, with -B
};

// The edit script turning side 0 into side 1, as GNU diff chooses it.
std::vector<Change> compare_lines(const Side& a, const Side& b, const Options& options);

// Writes the differences in the chosen style; `changes` is not empty.
void print_changes(const Side& a, const Side& b, const std::vector<Change>& changes, const Options& options,
                   Output& out);

// The change's lines on one side are all blank (for -B).
bool change_is_blank(const Side& a, const Side& b, const Change& change, const Options& options);

}  // namespace toolbox::diff
