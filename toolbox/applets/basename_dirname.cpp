// basename and dirname, as GNU coreutils. basename NAME [SUFFIX], or -a/--multiple NAME...,
// -s/--suffix=SUFFIX (implies -a), -z: the last component without trailing slashes ("/" for
// only slashes), and without SUFFIX when it is a proper suffix. dirname NAME..., -z: everything
// before the last component, "." when there is no slash, "/" for the root.
// applet: basename basename_main
// applet: dirname dirname_main
#include <string>
#include <string_view>

#include "applet.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_basename_usage =
    "Usage: basename NAME [SUFFIX]\n"
    "  or:  basename OPTION... NAME...\n"
    "Print NAME with any leading directory components removed.\n"
    "If specified, also remove a trailing SUFFIX.\n"
    "\n"
    "  -a, --multiple       support multiple arguments and treat each as a NAME\n"
    "  -s, --suffix=SUFFIX  remove a trailing SUFFIX; implies -a\n"
    "  -z, --zero           end each output line with NUL, not newline\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr std::string_view k_dirname_usage =
    "Usage: dirname [OPTION] NAME...\n"
    "Output each NAME with its last non-slash component and trailing slashes\n"
    "removed; if NAME contains no /'s, output '.' (meaning the current directory).\n"
    "\n"
    "  -z, --zero     end each output line with NUL, not newline\n"
    "      --help     display this help and exit\n"
    "      --version  output version information and exit\n";

constexpr LongOption k_basename_options[] = {
    {"multiple", Argument::none, 'a'},
    {"suffix", Argument::required, 's'},
    {"zero", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr LongOption k_dirname_options[] = {
    {"zero", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

std::string base_of(std::string_view name, std::string_view suffix) {
    size_t end = name.size();
    while (end > 1 && name[end - 1] == '/')
        --end;
    if (end == 1 && name[0] == '/')
        return "/";
    std::string_view trimmed = name.substr(0, end);
    size_t slash = trimmed.rfind('/');
    std::string_view base = slash == std::string_view::npos ? trimmed : trimmed.substr(slash + 1);
    if (!suffix.empty() && base.size() > suffix.size() && base.substr(base.size() - suffix.size()) == suffix)
        base.remove_suffix(suffix.size());
    return std::string(base);
}

std::string dir_of(std::string_view name) {
    size_t end = name.size();
    while (end > 1 && name[end - 1] == '/')
        --end;
    size_t slash = name.substr(0, end).rfind('/');
    if (slash == std::string_view::npos)
        return ".";
    while (slash > 0 && name[slash - 1] == '/')
        --slash;
    if (slash == 0)
        return "/";
    return std::string(name.substr(0, slash));
}

}  // namespace

int basename_main(int argc, char** argv) {
    constexpr char k_program[] = "basename";
    bool multiple = false;
    std::string suffix;
    char end = '\n';
    OptionParser parser(k_program, argc, argv, "as:z", k_basename_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'a': multiple = true; break;
        case 's':
            multiple = true;
            suffix = option.argument;
            break;
        case 'z': end = '\0'; break;
        case k_help: return print_usage(k_basename_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    const auto& names = parser.operands();
    if (names.empty())
        return missing_operand(k_program);
    Output out;
    if (multiple) {
        for (std::string_view name : names) {
            out.write(base_of(name, suffix));
            out.put(end);
        }
    } else {
        if (names.size() > 2)
            return extra_operand(k_program, names[2]);
        out.write(base_of(names[0], names.size() == 2 ? names[1] : std::string_view()));
        out.put(end);
    }
    return finish(out, k_program, 0);
}

int dirname_main(int argc, char** argv) {
    constexpr char k_program[] = "dirname";
    char end = '\n';
    OptionParser parser(k_program, argc, argv, "z", k_dirname_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'z': end = '\0'; break;
        case k_help: return print_usage(k_dirname_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    if (parser.operands().empty())
        return missing_operand(k_program);
    Output out;
    for (std::string_view name : parser.operands()) {
        out.write(dir_of(name));
        out.put(end);
    }
    return finish(out, k_program, 0);
}

}  // namespace toolbox
