// shell_bench — the toolbox's sh: a fresh kernel running `echo hello | cat` to exit, and a
// 20 000-iteration arithmetic loop, each next to the host's bash on the same command.
// Usage: shell_bench [--quick]. Prints p50/p95 and the ratio to host bash.
//        shell_bench --profile N   only runs `echo hello | cat` N times (for perf record).
#include <cstdlib>
#include <cstring>
#include <string>

#include <secure_exec/kernel.h>
#include <secure_exec/wasm_driver.h>

#include "bench_stats.h"

using namespace secure_exec;
using namespace secure_exec::bench;

namespace {

std::unique_ptr<Kernel> fresh_kernel() {
    WasmDriverOptions options;
    options.toolbox_path = SECURE_EXEC_TOOLBOX_WASM;
    auto kernel = MUST(Kernel::create({}));
    MUST(kernel->mount(make_wasm_driver(options)));
    return kernel;
}

// One run of `command_line` in a new kernel, from creating the kernel to the shell's exit.
double sandbox_run(const std::string& command_line, std::string* output) {
    auto start = Clock::now();
    auto kernel = fresh_kernel();
    auto result = MUST(kernel->exec(command_line));
    double micros = micros_since(start);
    if (output)
        *output = result.stdout_text;
    kernel->dispose();
    return micros;
}

double host_run(const std::string& command_line) {
    std::string command = "bash -c '" + command_line + "' >/dev/null";
    auto start = Clock::now();
    int status = std::system(command.c_str());
    (void)status;
    return micros_since(start);
}

void compare(const char* label, const std::string& command_line, int iterations) {
    std::string output;
    sandbox_run(command_line, &output);  // warm-up: compiles the toolbox once for the process
    // In two blocks: a host bash run just before each sandbox run (fork, exec, its children)
    // disturbs the caches and the scheduler enough to double the sandbox's p50.
    std::vector<double> sandbox, host;
    for (int i = 0; i < iterations; ++i)
        sandbox.push_back(sandbox_run(command_line, nullptr));
    for (int i = 0; i < iterations; ++i)
        host.push_back(host_run(command_line));
    print_latency(std::string(label) + " (secure-exec)", sandbox);
    print_latency(std::string(label) + " (host bash)", host);
    std::printf("%-44s ratio p50: %.2fx   output: %s\n", "", percentiles(sandbox).p50 / percentiles(host).p50,
                output.substr(0, 40).c_str());
}

void breakdown(int iterations) {
    std::vector<double> kernel_only;
    for (int i = 0; i < iterations; ++i) {
        auto start = Clock::now();
        auto kernel = fresh_kernel();
        kernel->dispose();
        kernel_only.push_back(micros_since(start));
    }
    print_latency("  fresh kernel, no process", kernel_only);
    for (const char* command : {":", "cat </dev/null", "echo hello", "(:)", "cat </dev/null | cat", "true | true"}) {
        std::vector<double> runs;
        for (int i = 0; i < iterations; ++i)
            runs.push_back(sandbox_run(command, nullptr));
        print_latency(std::string("  fresh kernel + `") + command + "`", runs);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 2 && std::strcmp(argv[1], "--profile") == 0) {
        for (int i = std::atoi(argv[2]); i > 0; --i)
            sandbox_run("echo hello | cat", nullptr);
        return 0;
    }
    bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    std::printf("secure-exec shell benchmarks (fresh kernel per run)\n\n");
    compare("echo hello | cat", "echo hello | cat", quick ? 20 : 200);
    std::printf("%-44s goal: p50 under 2000 us\n", "");
    // Where the time of the first case goes: the kernel alone, the shell alone, one child.
    breakdown(quick ? 20 : 100);
    compare("20000-iteration arithmetic loop", "x=0; for i in $(seq 1 20000); do x=$((x+i)); done; echo $x",
            quick ? 3 : 10);
    std::printf("%-44s goal: within 2x of host bash\n", "");
    return 0;
}
