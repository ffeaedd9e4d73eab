// wasm_bench — the WasmVM driver: spawn-to-exit of the toolbox's `true` through the kernel
// (after the first spawn has compiled the module), and `echo` with its output collected.
// Usage: wasm_bench [--quick]. Prints p50/p95/p99.
#include <cstring>

#include <secure_exec/kernel.h>
#include <secure_exec/wasm_driver.h>

#include "bench_stats.h"

using namespace secure_exec;
using namespace secure_exec::bench;

int main(int argc, char** argv) {
    int iterations = (argc > 1 && std::strcmp(argv[1], "--quick") == 0) ? 50 : 500;
    WasmDriverOptions options;
    options.toolbox_path = SECURE_EXEC_TOOLBOX_WASM;
    auto kernel = MUST(Kernel::create({}));
    MUST(kernel->mount(make_wasm_driver(options)));
    auto run = [&](const char* command, std::vector<std::string> args) {
        auto process = MUST(kernel->spawn(command, std::move(args), {}));
        process->close_stdin();
        return process->wait();
    };
    auto start = Clock::now();
    run("true", {});
    double first = micros_since(start);
    std::vector<double> true_micros, echo_micros;
    for (int i = 0; i < iterations; ++i) {
        start = Clock::now();
        run("true", {});
        true_micros.push_back(micros_since(start));
    }
    for (int i = 0; i < iterations; ++i) {
        start = Clock::now();
        run("echo", {"hello", "world"});
        echo_micros.push_back(micros_since(start));
    }
    std::printf("secure-exec WasmVM benchmarks\n\n");
    std::printf("%-44s %9.0f us (includes compiling the toolbox)\n", "first spawn of `true`", first);
    print_latency("spawn + wait of `true` (module cached)", true_micros);
    print_latency("spawn + wait of `echo hello world`", echo_micros);
    std::printf("%-44s goal: p50 under 1000 us\n", "");
    kernel->dispose();
    return 0;
}
