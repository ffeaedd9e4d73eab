// find, as GNU findutils 4.9: walks each starting point (readdir order, directories before
// their contents unless -depth), evaluating the expression on each file. The walk reads a file's
// status only when a test needs it (readdir's d_type says whether to descend), so a search on
// names costs one readdir per directory. Symlinks: -P (default) never follows, -H follows the
// starting points, -L (or -follow) everything, with loops reported as GNU does.
// The expression itself is read by find_parse.cpp; -printf, -ls, -exec, -delete live in
// find_actions.cpp.
// applet: find find_main
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "applets/find.h"
#include "lib/file_info.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox::find {

namespace {

constexpr std::string_view k_usage =
    "Usage: find [-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]\n"
    "\n"
    "default path is the current directory; default expression is -print\n"
    "expression may consist of: operators, options, tests, and actions:\n"
    "\n"
    "operators (decreasing precedence; -and is implicit where no others are given):\n"
    "      ( EXPR )   ! EXPR   -not EXPR   EXPR1 -a EXPR2   EXPR1 -and EXPR2\n"
    "      EXPR1 -o EXPR2   EXPR1 -or EXPR2   EXPR1 , EXPR2\n"
    "\n"
    "positional options (always true): -daystart -follow -regextype\n"
    "\n"
    "normal options (always true, specified before other expressions):\n"
    "      -depth --help -maxdepth LEVELS -mindepth LEVELS -mount -noleaf\n"
    "      --version -xdev -ignore_readdir_race -noignore_readdir_race\n"
    "\n"
    "tests (N can be +N or -N or N): -amin N -anewer FILE -atime N -cmin N\n"
    "      -cnewer FILE -ctime N -empty -false -group NAME\n"
    "      -ilname PATTERN -iname PATTERN -inum N -iwholename PATTERN -iregex PATTERN\n"
    "      -links N -lname PATTERN -mmin N -mtime N -name PATTERN -newer FILE\n"
    "      -nouser -nogroup -path PATTERN -perm [-/]MODE -regex PATTERN\n"
    "      -readable -writable -executable\n"
    "      -wholename PATTERN -size N[bcwkMG] -true -type [bcdpfls]\n"
    "      -uid N -user NAME -xtype [bcdpfls]\n"
    "\n"
    "actions: -delete -print0 -printf FORMAT -fprintf FILE FORMAT -print \n"
    "      -fprint0 FILE -fprint FILE -ls -fls FILE -prune -quit\n"
    "      -exec COMMAND ; -exec COMMAND {} + -ok COMMAND ;\n"
    "      -execdir COMMAND ; -execdir COMMAND {} + -okdir COMMAND ;\n";

mode_t type_of_dirent(unsigned char type) {
    switch (type) {
    case DT_DIR: return 0040000;
    case DT_REG: return 0100000;
    case DT_LNK: return 0120000;
    default: return 0;  // not trusted (WASI has no FIFO type): ask stat
    }
}

// A word that starts the expression rather than naming a starting point.
bool starts_expression(std::string_view word) {
    return (word.size() > 1 && word[0] == '-') || word == "(" || word == "!";
}

struct Walker {
    Run& run;
    std::vector<std::pair<dev_t, ino_t>> ancestors;  // directories being walked (for -L loops)

    void evaluate(Entry& entry) {
        if (entry.depth < run.options.min_depth)
            return;
        run.prune = false;
        run.evaluate(*run.expression, entry);
    }
    bool loops(Entry& entry) {
        const struct stat* status = entry.status();
        if (!status)
            return false;
        for (size_t i = 0; i < ancestors.size(); ++i) {
            if (ancestors[i].first == status->st_dev && ancestors[i].second == status->st_ino) {
                std::string ancestor = entry.path;
                size_t levels = ancestors.size() - i;
                for (size_t up = 0; up < levels; ++up)
                    ancestor = ancestor.substr(0, ancestor.rfind('/'));
                run.error("File system loop detected; " + quote(entry.path) + " is part of the same file system loop as " +
                          quote(ancestor) + ".");
                return true;
            }
        }
        return false;
    }
    void visit(Entry& entry);
    void descend(Entry& entry);
};

void Walker::visit(Entry& entry) {
    bool directory = entry.type() == 0040000;
    // A directory that is its own ancestor (through a followed link) is reported, not visited.
    if (directory && entry.follows && loops(entry))
        return;
    bool deeper = directory && (run.options.max_depth < 0 || entry.depth < run.options.max_depth);
    if (!run.options.depth_first) {
        evaluate(entry);
        if (run.prune)
            deeper = false;
    }
    if (run.out.failed())  // stdout is gone (a closed pipe): stop, finish() reports it
        run.quit = true;
    if (run.quit)
        return;
    if (deeper)
        descend(entry);
    if (run.options.depth_first && !run.quit)
        evaluate(entry);
}

void Walker::descend(Entry& entry) {
    DIR* directory = ::opendir(entry.path.c_str());
    if (!directory) {
        run.file_error(entry.path, errno);
        return;
    }
    std::vector<std::pair<std::string, unsigned char>> children;
    errno = 0;
    while (dirent* item = ::readdir(directory)) {
        std::string_view name(item->d_name);
        if (name != "." && name != "..")
            children.emplace_back(name, item->d_type);
    }
    int error = errno;
    ::closedir(directory);
    if (error)
        run.file_error(entry.path, error);
    bool pushed = false;
    if (entry.follows) {
        const struct stat* status = entry.status();
        if (status) {
            ancestors.emplace_back(status->st_dev, status->st_ino);
            pushed = true;
        }
    }
    int directory_fd = ::open(entry.path.c_str(), O_RDONLY | O_DIRECTORY);
    Entry child;
    child.directory_fd = directory_fd >= 0 ? directory_fd : AT_FDCWD;
    child.root = entry.root;
    child.depth = entry.depth + 1;
    child.follows = run.options.follow == Follow::always;
    std::string prefix = entry.path.ends_with('/') ? entry.path : entry.path + "/";
    for (auto& [name, type] : children) {
        child.path = prefix + name;
        child.name_offset = directory_fd >= 0 ? prefix.size() : 0;
        child.dirent_type = type;
        child.reset_status();
        visit(child);
        if (run.quit)
            break;
    }
    if (pushed)
        ancestors.pop_back();
    if (directory_fd >= 0)
        ::close(directory_fd);
}

void walk_root(Run& run, std::string_view path) {
    Entry entry;
    entry.directory_fd = AT_FDCWD;
    entry.path = path;
    entry.root = path;
    entry.follows = run.options.follow != Follow::never;
    if (!entry.status() || path.empty()) {
        run.file_error(path, path.empty() ? ENOENT : entry.status_error());
        return;
    }
    Walker walker{run, {}};
    walker.visit(entry);
}

}  // namespace

namespace {
bool status_at(const Entry& entry, bool follow, struct stat& out) {
    return ::fstatat(entry.directory_fd, entry.path.c_str() + entry.name_offset, &out,
                     follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0;
}
}  // namespace

const struct stat* Entry::status() {
    if (!m_have) {
        m_have = true;
        m_ok = status_at(*this, follows, m_status);
        m_error = m_ok ? 0 : errno;
        // A dangling symlink followed with -L or -H is taken as the link itself, as GNU does.
        if (!m_ok && follows && (m_error == ENOENT || m_error == ELOOP) && status_at(*this, false, m_status))
            m_ok = true;
    }
    return m_ok ? &m_status : nullptr;
}

const struct stat* Entry::other_status() {
    if (!m_have_other) {
        m_have_other = true;
        m_other_ok = status_at(*this, !follows, m_other);
    }
    return m_other_ok ? &m_other : nullptr;
}

mode_t Entry::type() {
    mode_t from_readdir = type_of_dirent(dirent_type);
    if (from_readdir && !(follows && from_readdir == 0120000))
        return from_readdir;
    const struct stat* s = status();
    return s ? (s->st_mode & 0170000) : 0;
}

std::string_view Entry::name() const {
    std::string_view text(path);
    while (text.size() > 1 && text.back() == '/')
        text.remove_suffix(1);
    size_t slash = text.rfind('/');
    if (slash == std::string_view::npos || text == "/")
        return text;
    return text.substr(slash + 1);
}

bool Run::evaluate(Node& node, Entry& entry) {
    switch (node.kind) {
    case Node::Kind::and_: return evaluate(*node.left, entry) && !quit && evaluate(*node.right, entry);
    case Node::Kind::or_: return evaluate(*node.left, entry) || (!quit && evaluate(*node.right, entry));
    case Node::Kind::not_: return !evaluate(*node.left, entry);
    case Node::Kind::comma:
        evaluate(*node.left, entry);
        return !quit && evaluate(*node.right, entry);
    default: return node.test(*this, entry);
    }
}

void Run::error(std::string_view message) {
    out.flush();
    write_all(2, std::string(k_program) + ": " + std::string(message) + "\n");
    status = 1;
}

void Run::file_error(std::string_view path, int error_number) {
    error(quote(path) + ": " + strerror_gnu(error_number));
}

int find_main(int argc, char** argv) {
    Run run;
    run.options.now = run.options.origin = now_realtime();
    int at = 1;
    for (; at < argc; ++at) {
        std::string_view word(argv[at]);
        if (word == "--") {
            ++at;
            break;
        }
        if (word == "--help" || word == "-help")
            return print_usage(k_usage);
        if (word == "--version" || word == "-version")
            return print_version(k_program);
        if (word == "-D" || word.starts_with("-O")) {
            at += word == "-D";
            continue;
        }
        if (word.size() < 2 || word[0] != '-' || word.find_first_not_of("HLP", 1) != std::string_view::npos)
            break;
        for (char letter : word.substr(1))
            run.options.follow = letter == 'H' ? Follow::roots : letter == 'L' ? Follow::always : Follow::never;
    }
    std::vector<std::string_view> roots;
    for (; at < argc && !starts_expression(argv[at]); ++at)
        roots.emplace_back(argv[at]);
    std::vector<std::string_view> words(argv + at, argv + argc);
    if (!parse_expression(run, words))
        return 1;
    if (roots.empty())
        roots.emplace_back(".");
    for (auto root : roots) {
        walk_root(run, root);
        if (run.quit)
            break;
    }
    flush_batches(run);
    for (auto& [name, file] : run.files)
        if (!file->flush())
            run.file_error(name, file->error());
    return finish(run.out, k_program, run.status);
}

}  // namespace toolbox::find

namespace toolbox {
int find_main(int argc, char** argv) { return find::find_main(argc, argv); }
}  // namespace toolbox
