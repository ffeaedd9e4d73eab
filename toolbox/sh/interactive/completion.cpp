// Tab completion of commands and paths, from the word that ends at the cursor.
#include "sh/interactive/completion.h"

#include <algorithm>
#include <dirent.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

#include "sh/builtins/builtins.h"
#include "sh/lang/lexer.h"
#include "sh/shell.h"

namespace sh {

namespace {

constexpr std::string_view k_breaks = " \t\n;|&()<>";
constexpr std::string_view k_reserved[] = {"case", "do",    "done",   "elif",     "else", "esac", "fi",
                                           "for",  "function", "if",  "in",       "select", "then", "time",
                                           "until", "while", "[[",    "]]",       "{",    "}",    "!"};

// The start of the word ending at `cursor` (a backslash-escaped break belongs to the word).
size_t word_begin(std::string_view line, size_t cursor) {
    size_t start = cursor;
    while (start > 0) {
        char c = line[start - 1];
        bool escaped = start >= 2 && line[start - 2] == '\\';
        if (k_breaks.find(c) != std::string_view::npos && !escaped)
            break;
        --start;
    }
    return start;
}

std::string unescape(std::string_view word) {
    std::string out;
    for (size_t i = 0; i < word.size(); ++i) {
        if (word[i] == '\\' && i + 1 < word.size())
            ++i;
        if (word[i] != '\'' && word[i] != '"')
            out += word[i];
    }
    return out;
}

// Whether a word starting at `start` names a command: first on the line or after ; | & ( && ||.
bool in_command_position(std::string_view line, size_t start) {
    size_t i = start;
    while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t'))
        --i;
    if (i == 0)
        return true;
    char before = line[i - 1];
    if (std::string_view(";|&(\n").find(before) != std::string_view::npos)
        return true;
    // after a reserved word that starts a command list: then, do, else, ...
    size_t word = i;
    while (word > 0 && k_breaks.find(line[word - 1]) == std::string_view::npos)
        --word;
    std::string_view previous = line.substr(word, i - word);
    return previous == "then" || previous == "do" || previous == "else" || previous == "elif" || previous == "if" ||
           previous == "while" || previous == "until" || previous == "!" || previous == "{" || previous == "time";
}

bool is_directory(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

bool is_executable_file(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && !S_ISDIR(info.st_mode) && (info.st_mode & 0111) != 0;
}

template <typename Visit>
void each_entry(const std::string& directory, Visit visit) {
    DIR* handle = ::opendir(directory.empty() ? "." : directory.c_str());
    if (!handle)
        return;
    while (dirent* entry = ::readdir(handle)) {
        std::string_view name = entry->d_name;
        if (name != "." && name != "..")
            visit(std::string(name));
    }
    ::closedir(handle);
}

std::vector<CompletionCandidate> command_candidates(const Shell& shell, const std::string& prefix) {
    std::set<std::string> names;
    auto offer = [&](std::string_view name) {
        if (name.starts_with(prefix))
            names.emplace(name);
    };
    for (auto name : builtin_names())
        offer(name);
    for (auto name : k_reserved)
        offer(name);
    for (const auto& [name, definition] : shell.functions)
        offer(name);
    for (const auto& [name, text] : shell.aliases)
        offer(name);
    std::string path = shell.variables.get("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find(':', start);
        if (end == std::string::npos)
            end = path.size();
        std::string directory = path.substr(start, end - start);
        each_entry(directory, [&](const std::string& name) {
            if (name.starts_with(prefix) && !names.contains(name) &&
                is_executable_file((directory.empty() ? "." : directory) + "/" + name))
                names.insert(name);
        });
        start = end + 1;
    }
    std::vector<CompletionCandidate> out;
    for (const auto& name : names)
        out.push_back({name, name});
    return out;
}

std::vector<CompletionCandidate> path_candidates(const Shell& shell, const std::string& word, bool executables_only) {
    size_t slash = word.rfind('/');
    std::string typed_directory = slash == std::string::npos ? "" : word.substr(0, slash + 1);
    std::string base = slash == std::string::npos ? word : word.substr(slash + 1);
    std::string directory = typed_directory;
    if (directory.starts_with("~/") || directory == "~")
        directory = shell.variables.get("HOME").value_or("") + directory.substr(1);
    std::vector<CompletionCandidate> out;
    each_entry(directory, [&](const std::string& name) {
        if (!name.starts_with(base) || (name[0] == '.' && !base.starts_with(".")))
            return;
        std::string full = directory + name;
        bool directory_entry = is_directory(full.empty() ? "." : full);
        if (executables_only && !directory_entry && !is_executable_file(full))
            return;
        std::string suffix = directory_entry ? "/" : "";
        out.push_back({typed_directory + name + suffix, name + suffix});
    });
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.word < b.word; });
    return out;
}

}  // namespace

CompletionResult complete_word(const Shell& shell, std::string_view line, size_t cursor) {
    CompletionResult result;
    result.start = word_begin(line, cursor);
    std::string word = unescape(line.substr(result.start, cursor - result.start));
    bool command = in_command_position(line, result.start);
    if (command && word.find('/') == std::string::npos)
        result.candidates = command_candidates(shell, word);
    else
        result.candidates = path_candidates(shell, word, command);
    return result;
}

}  // namespace sh
