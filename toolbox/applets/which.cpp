// which, as Debian's (debianutils 5.7, a POSIX shell script): for each NAME prints the first
// PATH entry holding an executable regular file of that name (every one with -a); a NAME with
// a slash is checked as it is. An empty PATH element is the current directory. Exit 0 when all
// were found, 1 otherwise (or with no NAME), 2 on a bad option. The commands of the sandbox are
// files in /bin, so they are found like any other program.
// applet: which which_main
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "lib/io.h"
#include "lib/output.h"

namespace toolbox {

namespace {

// `[ -f FILE ] && [ -x FILE ]`.
bool executable_file(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// The script's `for ELEMENT in $PATH` with IFS=: after it appends a ':' to a PATH ending in
// one (so "a:" has a last, empty, element but "a::" keeps only one).
std::vector<std::string> path_elements(const char* path) {
    std::vector<std::string> elements;
    if (!path || *path == '\0')
        return elements;
    std::string text(path);
    size_t start = 0;
    while (true) {
        size_t colon = text.find(':', start);
        if (colon == std::string::npos) {
            if (start < text.size())
                elements.push_back(text.substr(start));
            break;
        }
        elements.push_back(text.substr(start, colon - start));
        start = colon + 1;
    }
    bool single_trailing_colon = text.size() >= 2 && text.back() == ':' && text[text.size() - 2] != ':';
    if (single_trailing_colon || text == ":")
        elements.push_back("");
    return elements;
}

}  // namespace

int which_main(int argc, char** argv) {
    bool all = false;
    int index = 1;
    // getopts "a": clustered -a, "--" ends the options, the first non-option word too.
    for (; index < argc; ++index) {
        std::string_view word = argv[index];
        if (word == "--") {
            ++index;
            break;
        }
        if (word.size() < 2 || word[0] != '-')
            break;
        for (char letter : word.substr(1)) {
            if (letter != 'a') {
                write_all(2, std::string("Illegal option -") + letter + "\n");
                write_all(1, "Usage: " + std::string(argv[0]) + " [-a] args\n");
                return 2;
            }
            all = true;
        }
    }
    int status = index < argc ? 0 : 1;
    std::vector<std::string> elements = path_elements(std::getenv("PATH"));
    Output out;
    for (; index < argc; ++index) {
        std::string name = argv[index];
        bool found = false;
        if (name.find('/') != std::string::npos) {
            if (executable_file(name)) {
                out.write(name + "\n");
                found = true;
            }
        } else {
            for (const auto& element : elements) {
                std::string candidate = (element.empty() ? "." : element) + "/" + name;
                if (!executable_file(candidate))
                    continue;
                out.write(candidate + "\n");
                found = true;
                if (!all)
                    break;
            }
        }
        if (!found)
            status = 1;
    }
    return finish(out, "which", status);
}

}  // namespace toolbox
