// kernel_demo — the secure-exec kernel in one screen: two processes talk through a pipe, one
// process is stopped by a signal, and a guest is denied a file outside what it may touch.
//
// The processes are C++ functions run by a FunctionDriver; each reaches the kernel only through
// its KernelInterface, exactly as the WasmVM and Node drivers do.
#include <cstdio>
#include <string>

#include <secure_exec/function_driver.h>
#include <secure_exec/kernel.h>
#include <secure_exec/open_flags.h>

using namespace secure_exec;

namespace {

void register_commands(FunctionDriver& driver) {
    // producer: writes numbered lines to stdout.
    driver.add("producer", [](ProcessContext& process) {
        for (int line = 1; line <= 3; ++line)
            MUST(process.write_text(1, "line " + std::to_string(line) + " from pid " +
                                           std::to_string(process.pid()) + "\n"));
        return 0;
    });
    // consumer: counts what arrives on stdin and reports it.
    driver.add("consumer", [](ProcessContext& process) {
        std::string input = MUST(process.read_all(0));
        size_t lines = 0;
        for (char c : input)
            lines += c == '\n';
        MUST(process.write_text(1, "consumer (pid " + std::to_string(process.pid()) + ") got " +
                                       std::to_string(lines) + " lines:\n" + input));
        return 0;
    });
    // pipeline: `producer | consumer`, wired by hand with pipe + spawn + waitpid.
    driver.add("pipeline", [](ProcessContext& process) {
        auto& kernel = process.kernel();
        Pid self = process.pid();
        auto [read_fd, write_fd] = MUST(kernel.pipe(self, flags::o_cloexec));
        SpawnRequest producer{.command = "producer", .environ = process.environ(), .stdout_fd = write_fd};
        SpawnRequest consumer{.command = "consumer", .environ = process.environ(), .stdin_fd = read_fd};
        Pid producer_pid = MUST(kernel.spawn(self, producer));
        Pid consumer_pid = MUST(kernel.spawn(self, consumer));
        MUST(kernel.close(self, read_fd));
        MUST(kernel.close(self, write_fd));
        MUST(kernel.waitpid(self, producer_pid));
        auto consumer_status = MUST(kernel.waitpid(self, consumer_pid));
        return wait_status::exit_status(consumer_status.status);
    });
    // sleeper: blocks on its stdin pipe until something arrives.
    driver.add("sleeper", [](ProcessContext& process) {
        std::byte byte[1];
        auto result = process.kernel().read(process.pid(), 0, byte);
        if (result.is_error()) {
            std::string message = "sleeper: read interrupted: " + std::string(errno_name(result.error())) + "\n";
            (void)process.write_text(2, message);
        }
        return 0;
    });
    // snoop: tries to read a file the policy does not grant.
    driver.add("snoop", [](ProcessContext& process) {
        auto opened = process.kernel().open(process.pid(), "/secrets/key", flags::o_rdonly);
        if (opened.is_error()) {
            MUST(process.write_text(2, "snoop: open /secrets/key: " + std::string(errno_message(opened.error())) +
                                           " (" + std::string(errno_name(opened.error())) + ")\n"));
            return 1;
        }
        return 0;
    });
}

KernelOptions demo_options() {
    KernelOptions options;
    options.env = {{"PATH", "/usr/bin:/bin"}, {"HOME", "/home/user"}};
    // Guests may touch everything except /secrets.
    options.permissions.fs = [](const FsRequest& request) { return !request.path.starts_with("/secrets"); };
    return options;
}

int report(const char* title, ManagedProcess& process) {
    int status = process.wait();
    std::printf("== %s (pid %d)\n%s%s", title, process.pid(), process.stdout_text().c_str(),
                process.stderr_text().c_str());
    if (wait_status::if_signaled(status))
        std::printf("-> ended by %s\n\n", std::string(signal_name(wait_status::term_signal(status))).c_str());
    else
        std::printf("-> exit code %d\n\n", wait_status::exit_status(status));
    return status;
}

}  // namespace

int main() {
    auto driver = std::make_shared<FunctionDriver>("demo");
    register_commands(*driver);
    auto kernel = MUST(Kernel::create(demo_options()));
    MUST(kernel->mount(driver));
    std::printf("commands: ");
    for (const auto& [name, owner] : kernel->commands())
        std::printf("%s(%s) ", name.c_str(), owner.c_str());
    std::printf("\n\n");

    auto pipeline = MUST(kernel->spawn("pipeline", {}, {}));
    report("pipeline: producer | consumer through a kernel pipe", *pipeline);

    auto sleeper = MUST(kernel->spawn("sleeper", {}, {}));
    MUST(sleeper->kill(signals::sigterm));
    report("signal: SIGTERM to a process blocked in read()", *sleeper);

    auto snoop = MUST(kernel->spawn("snoop", {}, {}));
    int status = report("permissions: a guest reads outside its policy", *snoop);

    kernel->dispose();
    return wait_status::exit_status(status) == 1 ? 0 : 1;
}
