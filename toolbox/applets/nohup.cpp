// nohup, as GNU coreutils: runs COMMAND with SIGHUP ignored. A terminal on stdin is replaced by
// an unreadable descriptor (/dev/null opened write-only), a terminal on stdout by 'nohup.out'
// (appended, created 0600; $HOME/nohup.out when the current directory refuses), a terminal on
// stderr by stdout; each change is announced on stderr as GNU words it. Exit 125 when nohup
// fails, 126/127 when COMMAND cannot run or is not found, else COMMAND's status (a fatal signal
// is passed on).
// applet: nohup nohup_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

#include <sx/posix.h>
#include <sys/wait.h>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: nohup COMMAND [ARG]...\n"
    "  or:  nohup OPTION\n"
    "Run COMMAND, ignoring hangup signals.\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "If standard input is a terminal, redirect it from an unreadable file.\n"
    "If standard output is a terminal, append output to 'nohup.out' if possible,\n"
    "'$HOME/nohup.out' otherwise.\n"
    "If standard error is a terminal, redirect it to standard output.\n"
    "To save output to FILE, use 'nohup COMMAND > FILE'.\n";

constexpr LongOption k_long_options[] = {
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr int k_sighup = 1;

// The exit status for nohup's own failures (POSIX asks 127 under POSIXLY_CORRECT).
int failure_status() { return std::getenv("POSIXLY_CORRECT") ? 127 : 125; }

// Opens nohup.out, or $HOME/nohup.out; -1 after the message when neither opens.
int open_output(std::string& name) {
    int flags = O_WRONLY | O_CREAT | O_APPEND;
    name = "nohup.out";
    int fd = ::open(name.c_str(), flags, 0600);
    if (fd >= 0)
        return fd;
    int error = errno;
    const char* home = std::getenv("HOME");
    if (home && *home) {
        std::string in_home = std::string(home) + "/nohup.out";
        fd = ::open(in_home.c_str(), flags, 0600);
        if (fd >= 0) {
            name = in_home;
            return fd;
        }
        write_all(2, "nohup: failed to open " + quote_file_always(name) + ": " + strerror_gnu(error) + "\n");
        write_all(2, "nohup: failed to open " + quote_file_always(in_home) + ": " + strerror_gnu(errno) + "\n");
        return -1;
    }
    write_all(2, "nohup: failed to open " + quote_file_always(name) + ": " + strerror_gnu(error) + "\n");
    return -1;
}

int wait_for(pid_t child) {
    int status = 0;
    while (::waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            return failure_status();
    if (WIFSIGNALED(status)) {
        sx_signal(WTERMSIG(status), SECURE_EXEC_SIG_DEFAULT);
        ::kill(::getpid(), WTERMSIG(status));
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

}  // namespace

int nohup_main(int argc, char** argv) {
    OptionParser parser("nohup", argc, argv, "+", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return failure_status();
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("nohup");
        }
    }
    if (parser.operands().empty())
        return missing_operand("nohup", failure_status());
    bool ignoring_input = sx_isatty(0) == 1;
    bool redirecting_stdout = sx_isatty(1) == 1;
    bool stdout_is_closed = !redirecting_stdout && ::fcntl(1, F_GETFL) < 0 && errno == EBADF;
    bool redirecting_stderr = sx_isatty(2) == 1;
    sx_spawn_options options = sx_spawn_defaults();
    if (ignoring_input) {
        int fd = ::open("/dev/null", O_WRONLY);
        if (fd >= 0)
            options.stdin_fd = fd;
    }
    std::string output_name;
    if (redirecting_stdout || (redirecting_stderr && stdout_is_closed)) {
        int fd = open_output(output_name);
        if (fd < 0)
            return failure_status();
        options.stdout_fd = fd;
        if (ignoring_input)
            write_all(2, "nohup: ignoring input and appending output to " + quote_file_always(output_name) + "\n");
        else
            write_all(2, "nohup: appending output to " + quote_file_always(output_name) + "\n");
    }
    if (redirecting_stderr) {
        if (!redirecting_stdout && ignoring_input)
            write_all(2, "nohup: ignoring input and redirecting stderr to stdout\n");
        else if (!redirecting_stdout)
            write_all(2, "nohup: redirecting stderr to stdout\n");
        options.stderr_fd = options.stdout_fd >= 0 ? options.stdout_fd : 1;
    } else if (ignoring_input && !redirecting_stdout) {
        write_all(2, "nohup: ignoring input\n");
    }
    sx_signal(k_sighup, SECURE_EXEC_SIG_IGNORE);  // inherited by the command
    std::vector<std::string> words(parser.operands().begin(), parser.operands().end());
    std::vector<char*> arguments;
    for (auto& word : words)
        arguments.push_back(word.data());
    arguments.push_back(nullptr);
    pid_t child = sx_spawn(words[0].c_str(), arguments.data(), nullptr, &options);
    if (child < 0) {
        int error = errno;
        // On the original stderr, as GNU writes it through its saved copy.
        write_all(2, "nohup: failed to run command " + quote(words[0]) + ": " + strerror_gnu(error) + "\n");
        return error == ENOENT ? 127 : 126;
    }
    for (int fd : {options.stdin_fd, options.stdout_fd})
        if (fd >= 0)
            ::close(fd);
    return wait_for(child);
}

}  // namespace toolbox
