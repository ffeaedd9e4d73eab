// readlink and realpath, as GNU coreutils 9.1. readlink prints a link's text, or with -f/-e/-m
// the canonical name (lib/canonicalize); it is silent on failure unless -v. realpath prints
// canonical names (all but the last component must exist, unless -e or -m), -s without
// resolving links, --relative-to/--relative-base, and complains unless -q.
// applet: readlink readlink_main
// applet: realpath realpath_main
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>

#include "lib/canonicalize.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_readlink_usage =
    "Usage: readlink [OPTION]... FILE...\n"
    "Print value of a symbolic link or canonical file name\n"
    "\n"
    "  -f, --canonicalize            canonicalize by following every symlink in\n"
    "                                every component of the given name recursively;\n"
    "                                all but the last component must exist\n"
    "  -e, --canonicalize-existing   canonicalize by following every symlink in\n"
    "                                every component of the given name recursively,\n"
    "                                all components must exist\n"
    "  -m, --canonicalize-missing    canonicalize by following every symlink in\n"
    "                                every component of the given name recursively,\n"
    "                                without requirements on components existence\n"
    "  -n, --no-newline              do not output the trailing delimiter\n"
    "  -q, --quiet\n"
    "  -s, --silent                  suppress most error messages (on by default)\n"
    "  -v, --verbose                 report error messages\n"
    "  -z, --zero                    end each output line with NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr std::string_view k_realpath_usage =
    "Usage: realpath [OPTION]... FILE...\n"
    "Print the resolved absolute file name;\n"
    "all but the last component must exist\n"
    "\n"
    "  -e, --canonicalize-existing  all components of the path must exist\n"
    "  -m, --canonicalize-missing   no path components need exist or be a directory\n"
    "  -L, --logical                resolve '..' components before symlinks\n"
    "  -P, --physical               resolve symlinks as encountered (default)\n"
    "  -q, --quiet                  suppress most error messages\n"
    "      --relative-to=DIR        print the resolved path relative to DIR\n"
    "      --relative-base=DIR      print absolute paths unless paths below DIR\n"
    "  -s, --strip, --no-symlinks   don't expand symlinks\n"
    "  -z, --zero                   end each output line with NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_readlink_options[] = {
    {"canonicalize", Argument::none, 'f'},
    {"canonicalize-existing", Argument::none, 'e'},
    {"canonicalize-missing", Argument::none, 'm'},
    {"no-newline", Argument::none, 'n'},
    {"quiet", Argument::none, 'q'},
    {"silent", Argument::none, 's'},
    {"verbose", Argument::none, 'v'},
    {"zero", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum RealpathId { k_relative_to = k_long_only, k_relative_base };

constexpr LongOption k_realpath_options[] = {
    {"canonicalize-existing", Argument::none, 'e'},
    {"canonicalize-missing", Argument::none, 'm'},
    {"relative-to", Argument::required, k_relative_to},
    {"relative-base", Argument::required, k_relative_base},
    {"quiet", Argument::none, 'q'},
    {"strip", Argument::none, 's'},
    {"no-symlinks", Argument::none, 's'},
    {"zero", Argument::none, 'z'},
    {"logical", Argument::none, 'L'},
    {"physical", Argument::none, 'P'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

// Whether canonical `path` is `base` or below it.
bool path_below(const std::string& path, const std::string& base) {
    if (base == "/")
        return true;
    return path == base || (path.starts_with(base) && path[base.size()] == '/');
}

}  // namespace

int readlink_main(int argc, char** argv) {
    std::optional<Canonical> mode;
    bool no_newline = false;
    bool verbose = false;
    char delimiter = '\n';
    OptionParser parser("readlink", argc, argv, "efmnqsvz", k_readlink_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_readlink_usage);
        case k_version: return print_version("readlink");
        case 'e': mode = Canonical::existing; break;
        case 'f': mode = Canonical::all_but_last; break;
        case 'm': mode = Canonical::missing; break;
        case 'n': no_newline = true; break;
        case 'q':
        case 's': verbose = false; break;
        case 'v': verbose = true; break;
        case 'z': delimiter = '\0'; break;
        }
    }
    const auto& operands = parser.operands();
    if (operands.empty())
        return missing_operand("readlink");
    if (no_newline && operands.size() > 1) {
        write_all(2, "readlink: ignoring --no-newline with multiple arguments\n");
        no_newline = false;
    }
    Output out;
    int status = 0;
    for (std::string_view operand : operands) {
        std::string name(operand);
        std::optional<std::string> value;
        int error = 0;
        if (mode) {
            value = canonicalize(name, *mode, error);
        } else {
            std::string buffer(4096, '\0');
            ssize_t length = ::readlink(name.c_str(), buffer.data(), buffer.size());
            if (length >= 0)
                value = buffer.substr(0, static_cast<size_t>(length));
            else
                error = errno;
        }
        if (!value) {
            status = 1;
            if (verbose)
                write_all(2, "readlink: " + quote_file(name) + ": " + strerror_gnu(error) + "\n");
            continue;
        }
        out.write(*value);
        if (!no_newline)
            out.put(delimiter);
    }
    return finish(out, "readlink", status);
}

int realpath_main(int argc, char** argv) {
    Canonical mode = Canonical::all_but_last;
    bool quiet = false;
    bool follow_links = true;
    bool logical = false;
    char delimiter = '\n';
    const char* relative_to = nullptr;
    const char* relative_base = nullptr;
    OptionParser parser("realpath", argc, argv, "emLPqsz", k_realpath_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_realpath_usage);
        case k_version: return print_version("realpath");
        case 'e': mode = Canonical::existing; break;
        case 'm': mode = Canonical::missing; break;
        case 'L': logical = true; break;
        case 'P': logical = false; break;
        case 'q': quiet = true; break;
        case 's': follow_links = false; break;
        case 'z': delimiter = '\0'; break;
        case k_relative_to: relative_to = option.argument; break;
        case k_relative_base: relative_base = option.argument; break;
        }
    }
    const auto& operands = parser.operands();
    if (operands.empty())
        return missing_operand("realpath");
    auto resolve = [&](const std::string& name, int& error) -> std::optional<std::string> {
        if (logical && follow_links) {
            // -L: ".." first, textually, then the links of what is left.
            auto textual = canonicalize(name, Canonical::missing, error, false);
            if (!textual)
                return std::nullopt;
            return canonicalize(*textual, mode, error, true);
        }
        return canonicalize(name, mode, error, follow_links);
    };
    std::optional<std::string> to, base;
    for (auto [text, slot] : {std::pair{relative_to, &to}, std::pair{relative_base, &base}}) {
        if (!text)
            continue;
        int error = 0;
        *slot = resolve(text, error);
        if (!*slot) {
            write_all(2, std::string("realpath: ") + quote_file(text) + ": " + strerror_gnu(error) + "\n");
            return 1;
        }
    }
    // coreutils realpath.c: a --relative-to outside --relative-base is ignored, with the base.
    if (to && base && !path_below(*to, *base)) {
        to.reset();
        base.reset();
    } else if (base && !to) {
        to = base;
    }
    Output out;
    int status = 0;
    for (std::string_view operand : operands) {
        std::string name(operand);
        int error = 0;
        auto value = resolve(name, error);
        if (!value) {
            status = 1;
            if (!quiet)
                write_all(2, "realpath: " + quote_file(name) + ": " + strerror_gnu(error) + "\n");
            continue;
        }
        std::string shown = *value;
        if (to && (!base || path_below(shown, *base)))
            shown = relative_path(shown, *to);
        out.write(shown);
        out.put(delimiter);
    }
    return finish(out, "realpath", status);
}

}  // namespace toolbox
