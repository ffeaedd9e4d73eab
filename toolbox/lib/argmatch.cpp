#include "lib/argmatch.h"

#include <string>

#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

// Mirrors gnulib argmatch.c: argmatch() then argmatch_invalid() and argmatch_valid().
int argmatch(std::string_view program, std::string_view option, std::string_view argument,
             std::span<const ArgWord> words) {
    int found = -1;
    bool ambiguous = false;
    for (const auto& entry : words) {
        if (entry.word == argument)
            return entry.value;
        if (!argument.empty() && entry.word.starts_with(argument)) {
            if (found == -1)
                found = entry.value;
            else if (found != entry.value)
                ambiguous = true;
        }
    }
    if (found != -1 && !ambiguous)
        return found;
    std::string message = std::string(program) + ": " + (ambiguous ? "ambiguous" : "invalid") + " argument " +
                          quote(argument) + " for " + quote(option) + "\nValid arguments are:";
    for (size_t i = 0; i < words.size(); ++i) {
        if (i == 0 || words[i].value != words[i - 1].value)
            message += "\n  - " + quote(words[i].word);
        else
            message += ", " + quote(words[i].word);
    }
    write_all(2, message + "\n");
    try_help(program, 1);
    return -1;
}

}  // namespace toolbox
