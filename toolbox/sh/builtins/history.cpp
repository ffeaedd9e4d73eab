// history: the interactive shell's command history (sh/interactive/history.h). A shell that is
// not interactive keeps none, as bash with history off: `history` lists nothing.
#include <charconv>
#include <cstdio>

#include "sh/builtins/builtins.h"
#include "sh/interactive/history.h"

namespace sh {

namespace {

std::string numbered(size_t number, const std::string& entry) {
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "%5zu  ", number);
    return prefix + entry + "\n";
}

}  // namespace

int builtin_history(Shell& shell, std::vector<std::string>& argv) {
    History* history = shell.history;
    size_t i = 1;
    if (i < argv.size() && argv[i] == "--")
        ++i;
    if (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-') {
        const std::string& option = argv[i];
        if (option == "-c") {
            if (history)
                history->clear();
            return 0;
        }
        if (option == "-w" || option == "-a") {
            std::string file = i + 1 < argv.size() ? argv[i + 1] : shell.variables.get("HISTFILE").value_or("");
            if (history && !file.empty() && !history->save(file, history->size())) {
                builtin_error(shell, "history", file + ": cannot write history file");
                return 1;
            }
            return 0;
        }
        builtin_error(shell, "history", option + ": invalid option");
        write_fd(2, "history: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n");
        return 2;
    }
    if (!history)
        return 0;
    const auto& entries = history->entries();
    size_t first = 0;
    if (i < argv.size()) {
        size_t count = 0;
        auto [end, error] = std::from_chars(argv[i].data(), argv[i].data() + argv[i].size(), count);
        if (error != std::errc{} || end != argv[i].data() + argv[i].size()) {
            builtin_error(shell, "history", argv[i] + ": numeric argument required");
            return 1;
        }
        first = entries.size() > count ? entries.size() - count : 0;
    }
    std::string text;
    for (size_t k = first; k < entries.size(); ++k)
        text += numbered(history->first_number() + k, entries[k]);
    out(text);
    return 0;
}

}  // namespace sh
