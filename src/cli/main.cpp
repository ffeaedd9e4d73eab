// secure-exec — the command-line interface.
//
//   secure-exec shell [--command NAME] [--mount HOST:GUEST[:rw]]... [--cwd DIR] [--env K=V]...
//
// More subcommands (exec, run, node) arrive with their drivers.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include <secure_exec/function_driver.h>
#include <secure_exec/kernel.h>

#include "mini_shell.h"

namespace {

using namespace secure_exec;

struct CommonOptions {
    std::vector<std::string> mounts;
    std::vector<std::string> env;
    std::string cwd;
};

void add_common_options(CLI::App& command, CommonOptions& options) {
    command.add_option("--mount", options.mounts, "Mount a host directory: HOST:GUEST[:rw] (read-only by default)");
    command.add_option("--env", options.env, "Set an environment variable: NAME=VALUE");
    command.add_option("--cwd", options.cwd, "Working directory inside the sandbox");
}

ErrorOr<KernelOptions> kernel_options(const CommonOptions& options) {
    KernelOptions kernel;
    kernel.env = {{"PATH", "/usr/local/bin:/usr/bin:/bin"}, {"HOME", "/home/user"}, {"TERM", "xterm-256color"},
                  {"USER", "user"}};
    for (const auto& entry : options.env) {
        size_t equals = entry.find('=');
        if (equals == std::string::npos || equals == 0)
            return Errno::einval;
        kernel.env[entry.substr(0, equals)] = entry.substr(equals + 1);
    }
    for (const auto& spec : options.mounts) {
        size_t first = spec.find(':');
        if (first == std::string::npos)
            return Errno::einval;
        HostMount mount{spec.substr(0, first), spec.substr(first + 1), MountMode::read_only};
        if (mount.guest_path.size() > 3 && mount.guest_path.ends_with(":rw")) {
            mount.guest_path.resize(mount.guest_path.size() - 3);
            mount.mode = MountMode::read_write;
        }
        kernel.mounts.push_back(mount);
    }
    if (!options.cwd.empty())
        kernel.cwd = options.cwd;
    return kernel;
}

int run_shell(const CommonOptions& common, const std::string& command) {
    auto options = kernel_options(common);
    if (options.is_error()) {
        std::cerr << "secure-exec: bad --mount or --env value\n";
        return 2;
    }
    auto kernel = Kernel::create(options.release_value());
    if (kernel.is_error()) {
        std::cerr << "secure-exec: cannot create the kernel: " << errno_message(kernel.error()) << "\n";
        return 1;
    }
    auto driver = std::make_shared<FunctionDriver>("builtin");
    cli::add_mini_shell(*driver);
    (void)kernel.value()->mount(driver);
    std::string shell = command;
    if (shell.empty())
        shell = kernel.value()->commands().contains("sh") ? "sh" : "minish";
    TerminalOptions terminal;
    terminal.shell.command = shell;
    auto code = kernel.value()->connect_terminal(std::move(terminal));
    kernel.value()->dispose();
    if (code.is_error()) {
        std::cerr << "secure-exec: " << shell << ": " << errno_message(code.error()) << "\n";
        return 127;
    }
    return code.value();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"secure-exec: run untrusted code inside a userland virtual kernel"};
    app.require_subcommand(1);
    CommonOptions shell_options;
    std::string shell_command;
    auto* shell = app.add_subcommand("shell", "An interactive shell inside a fresh sandbox, on this terminal");
    add_common_options(*shell, shell_options);
    shell->add_option("--command", shell_command, "The shell to run (default: sh if mounted, else minish)");
    CLI11_PARSE(app, argc, argv);
    if (shell->parsed())
        return run_shell(shell_options, shell_command);
    return 2;
}
