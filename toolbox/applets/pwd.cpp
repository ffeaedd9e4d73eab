// pwd, as GNU coreutils: -P (the default: the directory with links resolved, as getcwd says)
// and -L ($PWD when it is absolute, free of "." and "..", and names the same directory).
// applet: pwd pwd_main
#include <sys/stat.h>

#include <cstdlib>
#include <string>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/paths.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: pwd [OPTION]...\n"
    "Print the full filename of the current working directory.\n"
    "\n"
    "  -L, --logical   use PWD from environment, even if it contains symlinks\n"
    "  -P, --physical  avoid all symlinks\n"
    "      --help     display this help and exit\n"
    "      --version  output version information and exit\n"
    "\n"
    "If no option is specified, -P is assumed.\n";

constexpr LongOption k_long_options[] = {
    {"logical", Argument::none, 'L'},
    {"physical", Argument::none, 'P'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

// pwd.c logical_getcwd(): $PWD if it is usable.
std::string logical_directory() {
    const char* pwd = std::getenv("PWD");
    if (!pwd || pwd[0] != '/')
        return {};
    std::string_view text(pwd);
    for (size_t at = 0; (at = text.find("/.", at)) != std::string_view::npos; ++at) {
        std::string_view rest = text.substr(at + 2);
        if (rest.empty() || rest[0] == '/' || (rest[0] == '.' && (rest.size() == 1 || rest[1] == '/')))
            return {};
    }
    struct stat logical {}, physical {};
    if (::stat(pwd, &logical) != 0 || ::stat(".", &physical) != 0)
        return {};
    if (logical.st_dev != physical.st_dev || logical.st_ino != physical.st_ino)
        return {};
    return pwd;
}

}  // namespace

int pwd_main(int argc, char** argv) {
    bool logical = std::getenv("POSIXLY_CORRECT") != nullptr;
    OptionParser parser("pwd", argc, argv, "LP", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("pwd");
        case 'L': logical = true; break;
        case 'P': logical = false; break;
        }
    }
    if (!parser.operands().empty())
        write_all(2, "pwd: ignoring non-option arguments\n");
    std::string directory = logical ? logical_directory() : std::string();
    if (directory.empty())
        directory = current_directory();
    if (directory.empty()) {
        write_all(2, std::string("pwd: cannot determine current directory: ") + strerror_gnu(errno) + "\n");
        return 1;
    }
    return write_all(1, directory + "\n") ? 0 : 1;
}

}  // namespace toolbox
