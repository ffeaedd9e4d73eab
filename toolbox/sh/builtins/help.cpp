// help: the builtins' synopses (as bash prints them for -s and in its list) and our own one-line
// summaries. Patterns are shell patterns, as in bash (`help 'c*'`).
#include <algorithm>

#include "sh/builtins/builtins.h"
#include "sh/lang_bridge.h"

namespace sh {

namespace {

struct HelpMode {
    bool summary{false};   // -d: NAME - SUMMARY
    bool synopsis{false};  // -s: NAME: SYNOPSIS
    bool manual{false};    // -m: a manual-page layout
};

std::string describe(const BuiltinSummary& doc, const HelpMode& mode) {
    std::string name(doc.name), synopsis(doc.synopsis), summary(doc.summary);
    if (mode.summary)
        return name + " - " + summary + "\n";
    if (mode.synopsis)
        return name + ": " + synopsis + "\n";
    if (mode.manual)
        return "NAME\n    " + name + " - " + summary + "\n\nSYNOPSIS\n    " + synopsis + "\n\n";
    return name + ": " + synopsis + "\n    " + summary + "\n";
}

std::string listing() {
    std::string text = "secure-exec sh, a bash-compatible shell. These commands are built in; `help NAME'\n"
                       "describes one, `help -s NAME' gives its synopsis.\n\n";
    for (const auto& doc : builtin_summaries())
        text += " " + std::string(doc.synopsis) + "\n";
    return text;
}

}  // namespace

int builtin_help(Shell& shell, std::vector<std::string>& argv) {
    HelpMode mode;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
        if (argv[i] == "--") {
            ++i;
            break;
        }
        for (char flag : argv[i].substr(1)) {
            if (flag == 'd') mode.summary = true;
            else if (flag == 's') mode.synopsis = true;
            else if (flag == 'm') mode.manual = true;
            else return invalid_builtin_option(shell, "help", argv[i]);
        }
    }
    if (i >= argv.size())
        return out(listing()) ? 0 : 1;
    std::string text;
    int status = 0;
    for (; i < argv.size(); ++i) {
        const std::string& pattern = argv[i];
        std::string matches;
        for (const auto& doc : builtin_summaries())
            if (pattern_matches(shell, pattern, doc.name))
                matches += describe(doc, mode);
        bool found = !matches.empty();
        if (found && pattern.find_first_of("*?[") != std::string::npos)  // a pattern is announced (bash)
            text += "Shell commands matching keyword `" + pattern + "'\n\n";
        text += matches;
        if (!found) {
            builtin_error(shell, "help", "no help topics match `" + pattern + "'.  Try `help help' or `man -k " +
                                             pattern + "' or `info " + pattern + "'.");
            status = 1;
        }
    }
    return out(text) ? status : 1;
}

}  // namespace sh
