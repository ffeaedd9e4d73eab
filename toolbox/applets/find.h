// find.h — the pieces of find (findutils 4.9) shared by its parser (find_parse.cpp), its
// actions and -printf (find_actions.cpp) and its walk (find.cpp): the file being looked at,
// with its status read lazily (a walk that only tests names never calls stat), the expression
// tree, and the run's state.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lib/output.h"

namespace toolbox::find {

inline constexpr char k_program[] = "find";

enum class Follow { never, roots, always };  // -P, -H, -L

// One file met by the walk. Status is read on first use: stat() or lstat() as the symlink
// policy says for this file (`follows`), the other one on request (-xtype, %Y).
class Entry final {
public:
    std::string path;        // as printed: the starting point, then /NAME per level
    std::string_view root;   // the starting point this file was found under
    int depth{0};
    unsigned char dirent_type{0};  // DT_* from readdir; DT_UNKNOWN (0) when not known
    bool follows{false};     // whether tests see through a symlink here (-L, or -H at depth 0)
    // Status is read relative to the open parent directory: the sandbox resolves a long path
    // component by component on every call, which dominated deep walks.
    int directory_fd{AT_FDCWD};  // for starting points
    size_t name_offset{0};   // where the name within that directory starts in `path`

    // The status the tests use; nullptr when it can't be read (errno in status_error()).
    const struct stat* status();
    // The other view: lstat when `follows`, stat when not.
    const struct stat* other_status();
    int status_error() const { return m_error; }
    // The file type bits (S_IFMT) as the tests see them, using readdir's d_type when it is enough.
    mode_t type();
    // The last component without trailing slashes ("/" for the root directory).
    std::string_view name() const;
    void reset_status() { m_have = m_have_other = false; }

private:
    bool m_have{false}, m_ok{false};
    bool m_have_other{false}, m_other_ok{false};
    int m_error{0};
    struct stat m_status {};
    struct stat m_other {};
};

struct Run;

// A node of the expression: operators hold children, predicates a function.
struct Node {
    enum class Kind { and_, or_, not_, comma, predicate };
    Kind kind{Kind::predicate};
    std::string name;  // "-name", "(" ... for messages
    std::unique_ptr<Node> left, right;
    std::function<bool(Run&, Entry&)> test;
    bool is_action{false};   // suppresses the default -print
};

// Batches of -exec ... {} + / -execdir ... {} + waiting to run.
struct ExecBatch {
    std::vector<std::string> command;  // the words before {}
    bool in_directory{false};          // -execdir
    std::string directory;              // where the pending batch runs (-execdir)
    std::vector<std::string> pending;
    size_t base_bytes{0};     // the command's own words, with their NULs
    size_t pending_bytes{0};  // base_bytes and the pending arguments
};

struct Options {
    Follow follow{Follow::never};
    int max_depth{-1};
    int min_depth{0};
    bool depth_first{false};
    bool delete_used{false};
    bool prune_used{false};
    bool depth_given{false};
    timespec now{};     // the start of the run, for -mtime and friends
    timespec origin{};  // `now`, or the next midnight with -daystart
};

// The state of one run of find.
struct Run {
    Options options;
    std::unique_ptr<Node> expression;
    Output out{1};
    std::map<std::string, std::unique_ptr<Output>> files;  // -fprint and friends, by name
    std::vector<std::unique_ptr<ExecBatch>> batches;
    int status{0};
    bool prune{false};  // set by -prune for the entry being evaluated
    bool quit{false};   // set by -quit

    bool evaluate(Node& node, Entry& entry);
    void error(std::string_view message);                 // "find: MESSAGE", status 1
    void file_error(std::string_view path, int error);   // "find: 'PATH': strerror"
    Output& output_for(const std::string& name);        // opened by the parser
};

// Parses the expression words; false after printing the error (find then exits 1).
bool parse_expression(Run& run, std::vector<std::string_view> words);

// Actions (find_actions.cpp) used by the parser.
using Predicate = std::function<bool(Run&, Entry&)>;
// -printf FORMAT (compiled once) writing to `out`; nullptr and a message when invalid.
Predicate make_printf(std::string_view format, Output* out);
Predicate make_ls(Output* out);
// -exec/-execdir/-ok/-okdir with the words between the predicate and ; or +.
Predicate make_exec(Run& run, std::vector<std::string> words, bool plus, bool in_directory, bool ask);
// Runs all pending {} + batches (at the end, before -quit, or when -execdir changes directory).
void flush_batches(Run& run);
bool delete_entry(Run& run, Entry& entry);

// The -printf %-directives that need a formatted time: %Ak %Ck %Tk with `k`.
std::string format_time(const timespec& when, char k);

}  // namespace toolbox::find
