// sh and bash: the shell applet. Modes as bash: `-c STRING [NAME [ARG]...]`, `SCRIPT [ARG]...`,
// commands from stdin; option letters (-e -u -x -f -C -v -n -a) and `-o NAME` before them.
// Interactive (sh/interactive) with -i, or when stdin and stderr are terminals and there is no
// script or -c. `--state-fd N` is ours: a child shell's state arrives on N (sh/state_transfer.h).
// applet: sh sh_main
// applet: bash sh_main
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <sx/posix.h>

#include "applet.h"
#include "lib/io.h"
#include "sh/builtins/builtins.h"
#include "sh/exported_functions.h"
#include "sh/interactive/session.h"
#include "sh/shell.h"
#include "sh/state_transfer.h"

extern char** environ;

namespace toolbox {

namespace {

std::string read_fd(int fd) {
    int error = 0;
    return read_all(fd, error);
}

void import_environment(sh::Shell& shell) {
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string text = *entry;
        size_t equals = text.find('=');
        if (equals == std::string::npos)
            continue;
        std::string name = text.substr(0, equals);
        if (!sh::Variables::valid_name(name)) {
            (void)sh::import_function(shell, name, std::string_view(text).substr(equals + 1));
            continue;
        }
        if (name == "IFS")
            continue;
        shell.variables.set(name, text.substr(equals + 1));
        shell.variables.set_attribute(name, sh::attribute::exported);
    }
    shell.variables.set("IFS", " \t\n");  // bash never takes IFS from the environment either
    if (!shell.variables.get("PS1"))
        shell.variables.set("PS1", "\\s-\\v\\$ ");
    if (!shell.variables.get("PS2"))
        shell.variables.set("PS2", "> ");
    if (!shell.variables.get("PS4"))
        shell.variables.set("PS4", "+ ");
    shell.variables.set("OPTIND", "1");
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd))
        shell.variables.set("PWD", cwd), shell.variables.set_attribute("PWD", sh::attribute::exported);
}

// -e, +x, -o pipefail ...: returns false on a bad option (message printed).
bool apply_option(sh::Shell& shell, const std::string& argument, const char* next, bool& consumed_next) {
    std::vector<std::string> argv{"set", argument};
    if (argument.find('o') != std::string::npos && next) {
        argv.push_back(next);
        consumed_next = true;
    }
    return sh::builtin_set(shell, argv) == 0;
}

int run(sh::Shell& shell, const std::string& source) {
    int status = shell.run_source(source);
    if (shell.flow == sh::Flow::exiting)
        status = shell.exit_status;
    return shell.finish(status);
}

}  // namespace

int sh_main(int argc, char** argv) {
    std::string name = argc > 0 ? argv[0] : "sh";
    std::string command;
    bool have_command = false, read_stdin = false;
    int state_fd = -1;
    bool force_interactive = false;
    sh::InteractiveOptions interactive_options;
    sh::Shell shell(name, {});
    import_environment(shell);
    int i = 1;
    for (; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--state-fd" && i + 1 < argc) {
            state_fd = std::atoi(argv[++i]);
            continue;
        }
        if (argument == "--") {
            ++i;
            break;
        }
        if (argument == "-c") {
            have_command = true;
            continue;
        }
        if (argument == "-s") {
            read_stdin = true;
            continue;
        }
        if (argument == "-i") {
            force_interactive = true;
            continue;
        }
        if (argument == "--norc") {
            interactive_options.read_rc = false;
            continue;
        }
        if (argument == "--noprofile" || argument == "-l" || argument == "--login")
            continue;
        if (argument.size() > 1 && (argument[0] == '-' || argument[0] == '+')) {
            bool consumed = false;
            if (!apply_option(shell, argument, i + 1 < argc ? argv[i + 1] : nullptr, consumed))
                return 2;
            i += consumed;
            continue;
        }
        break;
    }
    if (state_fd >= 0) {
        std::string state = read_fd(state_fd);
        ::close(state_fd);
        if (!sh::restore_state(shell, state)) {
            std::fputs("sh: malformed state from the parent shell\n", stderr);
            return 2;
        }
        shell.is_child = true;
    } else {
        // $PPID: the parent of the shell that started; subshells keep it (it travels as a variable).
        sh::Variable& ppid = shell.variables.declare("PPID", false);
        ppid.value = std::to_string(getppid());
        ppid.attributes |= sh::attribute::readonly;
    }
    if (have_command) {
        if (i >= argc) {
            std::fprintf(stderr, "%s: -c: option requires an argument\n", name.c_str());
            return 2;
        }
        command = argv[i++];
        shell.command_string = state_fd < 0;
        if (shell.command_string)
            shell.syntax_context = "-c";  // bash: "bash: -c: line 1: syntax error …"
        if (state_fd < 0) {
            if (i < argc)
                shell.name = argv[i++];
            shell.positional.assign(argv + i, argv + argc);
        }
        return run(shell, command);
    }
    if (i < argc && !read_stdin) {
        std::string path = argv[i++];
        shell.name = path;
        shell.positional.assign(argv + i, argv + argc);
        int fd = ::open(path.c_str(), O_RDONLY);
        if (fd < 0) {
            int error = errno;
            std::fprintf(stderr, "%s: %s: %s\n", name.c_str(), path.c_str(), std::strerror(error));
            return error == ENOENT ? 127 : 126;
        }
        std::string script = read_fd(fd);
        ::close(fd);
        return run(shell, script);
    }
    shell.positional.assign(argv + i, argv + argc);
    if (force_interactive || (state_fd < 0 && sx_isatty(0) == 1 && sx_isatty(2) == 1))
        return sh::run_interactive(shell, interactive_options);
    return run(shell, read_fd(0));
}

}  // namespace toolbox
