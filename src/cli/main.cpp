// secure-exec — the command-line interface.
//
//   secure-exec shell [--command NAME] [options]
//   secure-exec exec [options] PROGRAM [ARG]...
//   secure-exec run [options] 'COMMAND LINE'          (sh -c, once the toolbox has sh)
//   options: --mount HOST:GUEST[:rw]... --cwd DIR --env K=V... --memory MB --cpu-ms N
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include <unistd.h>

#include <set>
#include <string_view>
#include <thread>

#include <secure_exec/kernel.h>
#include <secure_exec/signals.h>
#include <secure_exec/wasm_driver.h>

#include "stdin_forwarder.h"

namespace {

using namespace secure_exec;

struct CommonOptions {
    std::vector<std::string> mounts;
    std::vector<std::string> env;
    std::string cwd;
    size_t memory_mb{256};
    uint64_t cpu_ms{0};
};

// The toolbox this binary was built with, unless SECURE_EXEC_TOOLBOX names another.
std::string toolbox_path() {
    if (const char* path = std::getenv("SECURE_EXEC_TOOLBOX"))
        return path;
    return SECURE_EXEC_DEFAULT_TOOLBOX;
}

void add_common_options(CLI::App& command, CommonOptions& options) {
    // One value per occurrence: `--mount A:B cat` must not take "cat" as a second mount.
    command.add_option("--mount", options.mounts, "Mount a host directory: HOST:GUEST[:rw] (read-only by default)")
        ->allow_extra_args(false);
    command.add_option("--env", options.env, "Set an environment variable: NAME=VALUE")->allow_extra_args(false);
    command.add_option("--cwd", options.cwd, "Working directory inside the sandbox");
    command.add_option("--memory", options.memory_mb, "Memory limit per process, in MiB (default 256)");
    command.add_option("--cpu-ms", options.cpu_ms, "CPU time limit per process, in milliseconds (default none)");
}

ErrorOr<KernelOptions> kernel_options(const CommonOptions& options);

// A kernel with the WasmVM driver (the toolbox's commands) and the built-in commands mounted.
ErrorOr<std::unique_ptr<Kernel>> make_kernel(const CommonOptions& common) {
    auto options = TRY(kernel_options(common));
    auto kernel = TRY(Kernel::create(std::move(options)));
    WasmDriverOptions wasm;
    wasm.toolbox_path = toolbox_path();
    wasm.heap_limit_bytes = common.memory_mb << 20;
    wasm.memory_limit_bytes = common.memory_mb << 20;
    wasm.cpu_limit_ms = common.cpu_ms;
    if (::access(wasm.toolbox_path.c_str(), R_OK) != 0)
        wasm.toolbox_path.clear();  // run without the toolbox rather than not at all
    TRY(kernel->mount(make_wasm_driver(wasm)));
    return kernel;
}

bool write_all(int fd, std::span<const std::byte> data) {
    while (!data.empty()) {
        ssize_t written = ::write(fd, data.data(), data.size());
        if (written <= 0)
            return false;
        data = data.subspan(static_cast<size_t>(written));
    }
    return true;
}

int run_exec(const CommonOptions& common, std::vector<std::string> command) {
    auto kernel = make_kernel(common);
    if (kernel.is_error()) {
        std::cerr << "secure-exec: cannot start the sandbox: " << errno_message(kernel.error()) << "\n";
        return 125;
    }
    SpawnOptions spawn;
    // Output passes through byte for byte, as it is written.
    spawn.on_stdout = [](std::span<const std::byte> data) { write_all(1, data); };
    spawn.on_stderr = [](std::span<const std::byte> data) { write_all(2, data); };
    std::string program = command.front();
    command.erase(command.begin());
    auto process = kernel.value()->spawn(program, std::move(command), std::move(spawn));
    if (process.is_error()) {
        std::cerr << "secure-exec: " << program << ": " << errno_message(process.error()) << "\n";
        if (program == "sh" && process.error() == Errno::enoent)
            std::cerr << "secure-exec: `run` needs the toolbox's sh, which this build does not have yet\n";
        return process.error() == Errno::enoent ? 127 : 126;
    }
    int status;
    {
        cli::StdinForwarder input(*process.value());
        status = process.value()->wait();
    }  // the forwarder's thread is joined here, before the process and kernel go away
    process.value()->close_stdin();
    kernel.value()->dispose();
    return wait_status::shell_code(status);
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
    auto kernel = make_kernel(common);
    if (kernel.is_error()) {
        std::cerr << "secure-exec: cannot start the sandbox: " << errno_message(kernel.error()) << "\n";
        return 1;
    }
    std::string shell = command.empty() ? "sh" : command;
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

// Where `exec`'s PROGRAM starts in argv (argc if nowhere). What follows it is the program's own,
// including --help, which CLI11 would otherwise answer itself.
int program_index(int argc, char** argv) {
    if (argc < 2 || std::string_view(argv[1]) != "exec")
        return argc;
    static const std::set<std::string_view> k_with_value{"--mount", "--env", "--cwd", "--memory", "--cpu-ms"};
    for (int i = 2; i < argc; ++i) {
        std::string_view arg(argv[i]);
        if (k_with_value.contains(arg))
            ++i;
        else if (arg == "--")
            return i + 1;
        else if (!arg.starts_with("-"))
            return i;
    }
    return argc;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"secure-exec: run untrusted code inside a userland virtual kernel"};
    app.require_subcommand(1);
    CommonOptions shell_options;
    std::string shell_command;
    auto* shell = app.add_subcommand("shell", "An interactive shell inside a fresh sandbox, on this terminal");
    add_common_options(*shell, shell_options);
    shell->add_option("--command", shell_command, "The shell to run (default: the toolbox's sh, interactive)");
    CommonOptions exec_options;
    std::string exec_program;
    auto* exec = app.add_subcommand("exec", "Run one program inside a fresh sandbox (no shell)");
    add_common_options(*exec, exec_options);
    exec->add_option("program", exec_program, "The program, then its arguments")->required();
    exec->prefix_command();  // everything after PROGRAM is its own, options included
    CommonOptions run_options;
    std::string run_line;
    auto* run = app.add_subcommand("run", "Run a command line with sh -c inside a fresh sandbox");
    add_common_options(*run, run_options);
    run->add_option("command", run_line, "The command line")->required();
    int program_at = program_index(argc, argv);
    std::vector<std::string> program_args(argv + std::min(program_at + 1, argc), argv + argc);
    std::vector<char*> ours(argv, argv + std::min(program_at + 1, argc));
    if (program_at < argc && std::string_view(argv[program_at - 1]) == "--")
        ours.erase(ours.begin() + program_at - 1);  // CLI11 would hand the "--" to the program
    CLI11_PARSE(app, static_cast<int>(ours.size()), ours.data());
    if (run->parsed())
        return run_exec(run_options, {"sh", "-c", run_line});
    if (shell->parsed())
        return run_shell(shell_options, shell_command);
    if (exec->parsed()) {
        std::vector<std::string> command{exec_program};
        for (const auto& extra : exec->remaining())
            command.push_back(extra);
        command.insert(command.end(), program_args.begin(), program_args.end());
        return run_exec(exec_options, command);
    }
    return 2;
}
