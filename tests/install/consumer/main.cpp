// Uses only the kernel component: creates a kernel, runs a C++ function as a process, checks output.
#include <cstdio>

#include <secure_exec/function_driver.h>
#include <secure_exec/kernel.h>

int main() {
    using namespace secure_exec;
    auto driver = std::make_shared<FunctionDriver>("consumer");
    driver->add("hello", [](ProcessContext& process) {
        MUST(process.write_text(1, "hello from pid " + std::to_string(process.pid()) + "\n"));
        return 0;
    });
    auto kernel = MUST(Kernel::create({}));
    MUST(kernel->mount(driver));
    auto process = MUST(kernel->spawn("hello", {}, {}));
    process->close_stdin();
    int status = process->wait();
    std::fputs(process->stdout_text().c_str(), stdout);
    return process->stdout_text() == "hello from pid 1\n" && status == 0 ? 0 : 1;
}
