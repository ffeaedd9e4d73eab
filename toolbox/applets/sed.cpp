// sed, as GNU sed 4.9: the command line (-n -e -f -E/-r -i[SUFFIX] -s -z -u -l N --posix and
// their long forms) and the script sources; the script language lives in sed_compile.cpp and
// its execution in sed_execute.cpp. Regular expressions come from lib/regex.
// applet: sed sed_main
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "applets/sed_script.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "sed";

constexpr std::string_view k_usage =
    "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n"
    "\n"
    "  -n, --quiet, --silent\n"
    "                 suppress automatic printing of pattern space\n"
    "      --debug\n"
    "                 annotate program execution\n"
    "  -e script, --expression=script\n"
    "                 add the script to the commands to be executed\n"
    "  -f script-file, --file=script-file\n"
    "                 add the contents of script-file to the commands to be executed\n"
    "  --follow-symlinks\n"
    "                 follow symlinks when processing in place\n"
    "  -i[SUFFIX], --in-place[=SUFFIX]\n"
    "                 edit files in place (makes backup if SUFFIX supplied)\n"
    "  -l N, --line-length=N\n"
    "                 specify the desired line-wrap length for the `l' command\n"
    "  --posix\n"
    "                 disable all GNU extensions.\n"
    "  -E, -r, --regexp-extended\n"
    "                 use extended regular expressions in the script\n"
    "                 (for portability use POSIX -E).\n"
    "  -s, --separate\n"
    "                 consider files as separate rather than as a single,\n"
    "                 continuous long stream.\n"
    "      --sandbox\n"
    "                 operate in sandbox mode (disable e/r/w commands).\n"
    "  -u, --unbuffered\n"
    "                 load minimal amounts of data from the input files and flush\n"
    "                 the output buffers more often\n"
    "  -z, --null-data\n"
    "                 separate lines by NUL characters\n"
    "      --help     display this help and exit\n"
    "      --version  output version information and exit\n"
    "\n"
    "If no -e, --expression, -f, or --file option is given, then the first\n"
    "non-option argument is taken as the sed script to interpret.  All\n"
    "remaining arguments are names of input files; if no input files are\n"
    "specified, then the standard input is read.\n"
    "\n"
    "GNU sed home page: <https://www.gnu.org/software/sed/>.\n"
    "General help using GNU software: <https://www.gnu.org/gethelp/>.\n";

constexpr std::string_view k_bug_line = "E-mail bug reports to: <bug-sed@gnu.org>.\n";

constexpr int k_posix = k_long_only;
constexpr int k_debug = k_long_only + 1;
constexpr int k_sandbox = k_long_only + 2;
constexpr int k_follow_symlinks = k_long_only + 3;

constexpr LongOption k_long_options[] = {
    {"binary", Argument::none, 'b'},
    {"regexp-extended", Argument::none, 'r'},
    {"debug", Argument::none, k_debug},
    {"in-place", Argument::optional, 'i'},
    {"expression", Argument::required, 'e'},
    {"file", Argument::required, 'f'},
    {"line-length", Argument::required, 'l'},
    {"null-data", Argument::none, 'z'},
    {"zero-terminated", Argument::none, 'z'},
    {"quiet", Argument::none, 'n'},
    {"posix", Argument::none, k_posix},
    {"silent", Argument::none, 'n'},
    {"sandbox", Argument::none, k_sandbox},
    {"separate", Argument::none, 's'},
    {"unbuffered", Argument::none, 'u'},
    {"follow-symlinks", Argument::none, k_follow_symlinks},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

int usage_error() {
    write_all(2, k_usage);
    return 1;
}

// -f FILE ("-" is stdin): the script text, or false after GNU's message.
bool read_script_file(const std::string& name, std::string& text) {
    int fd = name == "-" ? 0 : ::open(name.c_str(), O_RDONLY);
    if (fd < 0) {
        write_all(2, std::string(k_program) + ": couldn't open file " + name + ": " + strerror_gnu(errno) + "\n");
        return false;
    }
    int error = 0;
    text = read_all(fd, error);
    if (fd != 0)
        ::close(fd);
    if (error != 0) {
        write_all(2, std::string(k_program) + ": read error on " + name + ": " + strerror_gnu(error) + "\n");
        return false;
    }
    // A script file's last line needs no newline; one there does not end the last command early.
    if (!text.empty() && text.back() == '\n')
        text.pop_back();
    return true;
}

}  // namespace

int sed_main(int argc, char** argv) {
    std::vector<sed::ScriptSource> sources;
    sed::CompileOptions compile_options;
    sed::RunOptions run_options;
    int expressions = 0;
    OptionParser parser(k_program, argc, argv, "bnrsuzEe:f:i::l:", k_long_options);
    parser.set_error_epilogue(k_usage);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'n': run_options.quiet = true; break;
        case 'e': {
            sed::ScriptSource source;
            source.text = option.argument;
            source.expression_number = ++expressions;
            sources.push_back(std::move(source));
            break;
        }
        case 'f': {
            sed::ScriptSource source;
            source.from_file = true;
            source.file_name = option.argument;
            if (!read_script_file(source.file_name, source.text))
                return 4;
            sources.push_back(std::move(source));
            break;
        }
        case 'E':
        case 'r': compile_options.extended = true; break;
        case 'i':
            run_options.in_place = true;
            run_options.separate = true;
            run_options.in_place_suffix = option.argument != nullptr ? option.argument : "";
            break;
        case 'l': run_options.line_length = std::atoi(option.argument); break;
        case 's': run_options.separate = true; break;
        case 'u': run_options.unbuffered = true; break;
        case 'z':
            run_options.null_data = true;
            compile_options.null_data = true;
            break;
        case 'b':
        case k_debug:
        case k_sandbox:
        case k_follow_symlinks: break;
        case k_posix:
            run_options.posix = true;
            compile_options.posix = true;
            break;
        case k_help: {
            std::string text(k_usage);
            return print_usage(text + std::string(k_bug_line));
        }
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    std::vector<std::string> files;
    for (std::string_view operand : parser.operands())
        files.emplace_back(operand);
    if (sources.empty()) {
        if (files.empty())
            return usage_error();
        sed::ScriptSource source;
        source.text = files.front();
        source.expression_number = 1;
        sources.push_back(std::move(source));
        files.erase(files.begin());
    }
    if (files.empty()) {
        if (run_options.in_place) {
            write_all(2, std::string(k_program) + ": no input files\n");
            return 4;
        }
        files.emplace_back("-");
    }

    sed::Script script;
    std::string error;
    int status = 1;
    if (!sed::compile_script(sources, compile_options, script, error, status)) {
        write_all(2, std::string(k_program) + ": " + error + "\n");
        return status;
    }
    if (script.quiet_marker)
        run_options.quiet = true;
    return sed::run_script(script, files, run_options);
}

}  // namespace toolbox
