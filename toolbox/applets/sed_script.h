// sed_script.h — the compiled form of a sed script, shared by the parser (sed_compile.cpp) and
// the executor (sed_execute.cpp): a flat list of commands where `{` knows the index just past
// its `}` and branches know the index of their label, so execution is a loop over indices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lib/regex.h"

namespace toolbox::sed {

// A regex in an address or an s command. `regex` is null for the empty regex (//), which means
// "the last regex used" at run time.
struct ScriptRegex {
    std::unique_ptr<Regex> regex;
};

enum class AddressKind {
    none,
    line,    // N
    last,    // $
    regex,   // /re/ or \cREc
    step,    // first~step
    zero,    // 0 (only as 0,/re/)
    plus,    // addr1,+N (second address only)
    multiple // addr1,~N (second address only)
};

struct Address {
    AddressKind kind{AddressKind::none};
    uint64_t number{0};
    uint64_t step{0};
    std::shared_ptr<ScriptRegex> regex;
};

// One piece of an s command's replacement.
struct ReplacementPiece {
    enum class Kind { literal, group, case_change } kind{Kind::literal};
    std::string text;  // literal
    int group{0};      // group: 0 is the whole match
    char change{0};    // case_change: L U E l u
};

// An output file of w, W or s///w. The executor opens it before running anything, as GNU does.
struct OutputFile {
    std::string name;
};

struct Substitution {
    std::shared_ptr<ScriptRegex> regex;
    std::vector<ReplacementPiece> replacement;
    bool global{false};
    bool print{false};
    uint64_t occurrence{1};
    size_t output{SIZE_MAX};  // index into Script::files for the w flag
};

struct Command {
    Address first;
    Address second;
    bool negate{false};
    char name{0};
    std::string text;       // a i c text; label of : b t T; file name of r R
    int64_t number{-1};     // q Q exit status, l line length (-1: not given)
    size_t jump{SIZE_MAX};  // { : index after the matching }; b t T: label index (SIZE_MAX: end)
    size_t output{SIZE_MAX};  // w W: index into Script::files
    std::unique_ptr<Substitution> substitution;
    std::string translate;  // y: 256-byte table
    // Range state while running.
    bool range_active{false};
    uint64_t range_end{0};
};

struct Script {
    std::vector<Command> commands;
    std::vector<OutputFile> files;
    bool quiet_marker{false};  // "#n" on the first line
};

// Where script text came from, for error messages: an -e expression (numbered from 1) or a
// -f file (its name).
struct ScriptSource {
    std::string text;
    bool from_file{false};
    std::string file_name;
    int expression_number{0};
};

struct CompileOptions {
    bool extended{false};
    bool posix{false};
    bool null_data{false};
};

// Compiles all sources into `script`; on error returns false and `error` holds GNU's complete
// message ("-e expression #1, char 3: unterminated `s' command"), `status` the exit status
// (1 for syntax errors, 4 for a missing label, as GNU's panic).
bool compile_script(const std::vector<ScriptSource>& sources, const CompileOptions& options, Script& script,
                    std::string& error, int& status);

struct RunOptions {
    bool quiet{false};
    bool separate{false};
    bool in_place{false};
    std::string in_place_suffix;
    bool null_data{false};
    bool unbuffered{false};
    bool posix{false};
    int line_length{70};
};

// Runs the script over the files ("-" is stdin); returns sed's exit status.
int run_script(Script& script, const std::vector<std::string>& files, const RunOptions& options);

}  // namespace toolbox::sed
