// tee, as GNU coreutils: stdin to stdout and to each FILE ("-" is a file too), truncating or
// with -a appending; -i ignores SIGINT; -p and --output-error[=warn|warn-nopipe|exit|
// exit-nopipe] decide what a failed output does (by default a broken pipe ends tee through
// SIGPIPE, and other failures are reported while the remaining outputs go on).
// applet: tee tee_main
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <sx/posix.h>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "tee";

constexpr std::string_view k_usage =
    "Usage: tee [OPTION]... [FILE]...\n"
    "Copy standard input to each FILE, and also to standard output.\n"
    "\n"
    "  -a, --append              append to the given FILEs, do not overwrite\n"
    "  -i, --ignore-interrupts   ignore interrupt signals\n"
    "  -p                        diagnose errors writing to non pipes\n"
    "      --output-error[=MODE]   set behavior on write error.  See MODE below\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "MODE determines behavior with write errors on the outputs:\n"
    "  warn           diagnose errors writing to any output\n"
    "  warn-nopipe    diagnose errors writing to any output not a pipe\n"
    "  exit           exit on error writing to any output\n"
    "  exit-nopipe    exit on error writing to any output not a pipe\n"
    "The default MODE for the -p option is 'warn-nopipe'.\n"
    "The default operation when --output-error is not specified, is to\n"
    "exit immediately on error writing to a pipe, and diagnose errors\n"
    "writing to non pipe outputs.\n";

constexpr int k_output_error = k_long_only;

constexpr LongOption k_long_options[] = {
    {"append", Argument::none, 'a'},
    {"ignore-interrupts", Argument::none, 'i'},
    {"output-error", Argument::optional, k_output_error},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class OnError { sigpipe, warn, warn_nopipe, exit, exit_nopipe };

constexpr int k_sigint = 2;
constexpr int k_sigpipe = 13;

struct Target {
    std::string name;  // as printed in messages
    int fd;
    bool open{true};
};

void complain(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
}

}  // namespace

int tee_main(int argc, char** argv) {
    bool append = false;
    OnError on_error = OnError::sigpipe;
    OptionParser parser(k_program, argc, argv, "aip", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'a': append = true; break;
        case 'i': sx_signal(k_sigint, SECURE_EXEC_SIG_IGNORE); break;
        case 'p': on_error = OnError::warn_nopipe; break;
        case k_output_error: {
            if (option.argument == nullptr) {
                on_error = OnError::warn_nopipe;
                break;
            }
            static constexpr std::string_view k_words[] = {"warn", "warn-nopipe", "exit", "exit-nopipe"};
            static constexpr OnError k_modes[] = {OnError::warn, OnError::warn_nopipe, OnError::exit,
                                                  OnError::exit_nopipe};
            std::string_view value(option.argument);
            int found = -1;
            for (int i = 0; i < 4; ++i) {
                if (k_words[i] == value) {
                    found = i;
                    break;
                }
                if (!value.empty() && k_words[i].substr(0, value.size()) == value)
                    found = found == -1 ? i : -2;
            }
            if (found < 0) {
                std::string message = std::string(k_program) + ": " + (found == -2 ? "ambiguous" : "invalid") +
                                      " argument " + quote(value) + " for '--output-error'\nValid arguments are:\n";
                for (auto word : k_words)
                    message += "  - " + quote(word) + "\n";
                write_all(2, message);
                return try_help(k_program);
            }
            on_error = k_modes[found];
            break;
        }
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    if (on_error != OnError::sigpipe)
        sx_signal(k_sigpipe, SECURE_EXEC_SIG_IGNORE);

    int status = 0;
    std::vector<Target> targets;
    targets.push_back({"'standard output'", 1});
    for (std::string_view operand : parser.operands()) {
        std::string name(operand);
        int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0666);
        if (fd < 0) {
            complain(quote_file(name) + ": " + strerror_gnu(errno));
            status = 1;
            continue;
        }
        targets.push_back({quote_file(name), fd});
    }
    size_t open_count = targets.size();
    int read_error = read_blocks(0, [&](std::string_view block) {
        for (auto& target : targets) {
            if (!target.open || write_all(target.fd, block))
                continue;
            int error = errno;
            bool pipe = error == EPIPE;
            if (!(pipe && (on_error == OnError::warn_nopipe || on_error == OnError::exit_nopipe)))
                complain(target.name + ": " + strerror_gnu(error));
            if (!(pipe && on_error == OnError::warn_nopipe))
                status = 1;
            if (on_error == OnError::exit || (on_error == OnError::exit_nopipe && !pipe))
                return false;
            target.open = false;
            --open_count;
        }
        return open_count > 0;
    });
    if (read_error != 0) {
        complain(std::string("read error: ") + strerror_gnu(read_error));
        status = 1;
    }
    for (size_t i = 1; i < targets.size(); ++i) {
        if (::close(targets[i].fd) != 0 && targets[i].open) {
            complain(targets[i].name + ": " + strerror_gnu(errno));
            status = 1;
        }
    }
    return status;
}

}  // namespace toolbox
