// cpu_bench — compute speed of wasm on the WasmVM driver against native code: the same C program
// (bench/programs/cpu_mix.c) built natively (host C compiler, -O2) and for wasm32-wasi
// (clang-19, -O2), each run N times (20; 3 with --quick), alternately:
//
//   native  posix_spawn + waitpid of the native binary, timed end to end
//   wasm    Kernel::spawn of the .wasm written into the VFS, by path, + wait, timed end to end.
//           The first run compiles the module (and starts V8's tier-up); it is reported on its
//           own and left out of the percentiles: later spawns reuse the cached module.
//
// Both builds must print the same checksum. The program also reports its own compute time per
// phase, wall and CPU (its clocks around the work, so without spawn, instantiation and exit); the
// bench prints those too, so "end to end" and "steady-state compute" ratios are both shown. The
// CPU-time ratio is the one to trust on a loaded machine: wall times include time spent waiting
// for a core.
//
// Usage: cpu_bench [--quick] [--iterations N] [--verbose] [--native PATH] [--wasm PATH]
//                  [--v8-flags "FLAGS"] [--trap-handler]
//   --v8-flags      passed to v8::V8::SetFlagsFromString before the first isolate exists, to measure
//                   engine flags (e.g. "--no-liftoff", "--no-wasm-dynamic-tiering") without a rebuild.
//   --trap-handler  v8::V8::EnableWebAssemblyTrapHandler(true) first: out-of-bounds accesses caught by
//                   guard pages and a SIGSEGV handler instead of a compare before every access (which
//                   is what the V8 layer does today).
// Prints p50/p95 in milliseconds; ratios use the p50s. Exit status 1 if the checksums differ.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <v8-initialization.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <secure_exec/kernel.h>
#include <secure_exec/signals.h>
#include <secure_exec/wasm_driver.h>

#include "bench_stats.h"

extern char** environ;

using namespace secure_exec;
using namespace secure_exec::bench;

namespace {

constexpr double k_goal_ratio = 1.6;
constexpr const char* k_guest_path = "/usr/local/bin/cpu_mix.wasm";

struct Config {
    int iterations{20};
    bool quick{false};
    bool verbose{false};
    std::string native_path{SECURE_EXEC_CPU_MIX_NATIVE};
    std::string wasm_path{SECURE_EXEC_CPU_MIX_WASM};
    std::string v8_flags;
    bool trap_handler{false};
};

// One run of the program: its output and timings.
struct Run {
    int status{-1};
    std::string out;
    std::string err;
    double wall_ms{0};  // end to end, measured here
    // The program's own clocks, in ms: "compute" (all phases) under "", then each phase by name.
    std::map<std::string, double> compute_wall;
    std::map<std::string, double> compute_cpu;
    std::vector<std::string> phase_order;
};

void parse_timings(Run& run) {
    std::istringstream lines(run.err);
    std::string word, name;
    while (lines >> word) {
        double wall = 0, cpu = 0;
        if (word == "phase" && lines >> name >> wall >> cpu) {
            run.phase_order.push_back(name);
        } else if (word == "compute" && lines >> wall >> cpu) {
            name.clear();
        } else {
            continue;
        }
        run.compute_wall[name] = wall / 1000.0;
        run.compute_cpu[name] = cpu / 1000.0;
    }
}

std::string host_file(const std::string& path) {
    std::string bytes;
    FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        return bytes;
    std::array<char, 65536> buffer{};
    size_t count;
    while ((count = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
        bytes.append(buffer.data(), count);
    std::fclose(file);
    return bytes;
}

// posix_spawn with stdout and stderr on pipes, read to EOF, then waitpid.
Run run_native(const std::string& path) {
    Run run;
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        std::perror("pipe2");
        std::exit(2);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    std::vector<char*> argv{const_cast<char*>(path.c_str()), nullptr};
    auto start = Clock::now();
    pid_t pid = -1;
    int spawned = posix_spawn(&pid, path.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (spawned != 0) {
        std::fprintf(stderr, "cpu_bench: cannot run %s: %s\n", path.c_str(), std::strerror(spawned));
        std::exit(2);
    }
    std::array<pollfd, 2> fds{pollfd{out_pipe[0], POLLIN, 0}, pollfd{err_pipe[0], POLLIN, 0}};
    std::array<std::string*, 2> sinks{&run.out, &run.err};
    int open_count = 2;
    char buffer[4096];
    while (open_count > 0) {
        if (::poll(fds.data(), fds.size(), -1) < 0)
            continue;
        for (size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            ssize_t count = ::read(fds[i].fd, buffer, sizeof buffer);
            if (count > 0) {
                sinks[i]->append(buffer, static_cast<size_t>(count));
            } else {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_count;
            }
        }
    }
    ::waitpid(pid, &run.status, 0);
    run.wall_ms = micros_since(start) / 1000.0;
    parse_timings(run);
    return run;
}

Run run_wasm(Kernel& kernel) {
    Run run;
    auto start = Clock::now();
    auto process = MUST(kernel.spawn(k_guest_path, {}, {}));
    process->close_stdin();
    run.status = process->wait();
    run.wall_ms = micros_since(start) / 1000.0;
    run.out = process->stdout_text();
    run.err = process->stderr_text();
    parse_timings(run);
    return run;
}

void check(const Run& run, const char* what) {
    if (run.status != 0 || run.out.rfind("checksum ", 0) != 0) {
        std::fprintf(stderr, "cpu_bench: %s run failed (wait status %#x)\nstdout:\n%sstderr:\n%s", what, run.status,
                     run.out.c_str(), run.err.c_str());
        std::exit(1);
    }
}

void print_ms(const std::string& name, const std::vector<double>& ms) {
    auto p = percentiles(ms);
    std::printf("%-46s p50 %8.1f ms   p95 %8.1f ms   (n=%zu)\n", name.c_str(), p.p50, p.p95, ms.size());
}

void print_ratio(const std::string& name, const std::vector<double>& wasm, const std::vector<double>& native,
                 bool with_goal) {
    double ratio = percentiles(wasm).p50 / percentiles(native).p50;
    std::printf("%-46s %.2fx native", name.c_str(), ratio);
    if (with_goal)
        std::printf(" (goal: <= %.2fx)", k_goal_ratio);
    std::printf("\n");
}

Config parse_args(int argc, char** argv) {
    Config config;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "cpu_bench: %s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--quick") {
            config.quick = true;
            config.iterations = 3;
        } else if (arg == "--iterations") {
            config.iterations = std::max(1, std::atoi(value().c_str()));
        } else if (arg == "--verbose") {
            config.verbose = true;
        } else if (arg == "--native") {
            config.native_path = value();
        } else if (arg == "--wasm") {
            config.wasm_path = value();
        } else if (arg == "--v8-flags") {
            config.v8_flags = value();
        } else if (arg == "--trap-handler") {
            config.trap_handler = true;
        } else {
            std::fprintf(stderr,
                         "usage: cpu_bench [--quick] [--iterations N] [--verbose] [--native PATH] [--wasm PATH] "
                         "[--v8-flags FLAGS] [--trap-handler]\n");
            std::exit(2);
        }
    }
    return config;
}

}  // namespace

int main(int argc, char** argv) {
    Config config = parse_args(argc, argv);
    if (!config.v8_flags.empty())  // before the driver's first isolate initialises V8
        v8::V8::SetFlagsFromString(config.v8_flags.c_str(), config.v8_flags.size());
    if (config.trap_handler && !v8::V8::EnableWebAssemblyTrapHandler(true)) {
        std::fprintf(stderr, "cpu_bench: V8 could not enable its wasm trap handler\n");
        return 2;
    }

    std::string wasm_bytes = host_file(config.wasm_path);
    if (wasm_bytes.substr(0, 4) != std::string("\0asm", 4)) {
        std::fprintf(stderr, "cpu_bench: %s is not a wasm module (was it built?)\n", config.wasm_path.c_str());
        return 2;
    }
    auto kernel = MUST(Kernel::create({}));
    MUST(kernel->mount(make_wasm_driver(WasmDriverOptions{})));
    MUST(kernel->write_file(k_guest_path, wasm_bytes, 0755));

    // Warm-up, not in the percentiles: the native binary's pages, and the wasm module's compile.
    Run native_first = run_native(config.native_path);
    check(native_first, "native");
    Run wasm_first = run_wasm(*kernel);
    check(wasm_first, "wasm");

    std::vector<Run> native_runs, wasm_runs;
    for (int i = 0; i < config.iterations; ++i) {  // alternated, so both see the same machine load
        native_runs.push_back(run_native(config.native_path));
        check(native_runs.back(), "native");
        wasm_runs.push_back(run_wasm(*kernel));
        check(wasm_runs.back(), "wasm");
        if (config.verbose)
            std::printf("run %2d: native %7.1f ms (compute %7.1f, cpu %7.1f)   wasm %7.1f ms (compute %7.1f, cpu %7.1f)\n",
                        i + 1, native_runs.back().wall_ms, native_runs.back().compute_wall[""],
                        native_runs.back().compute_cpu[""], wasm_runs.back().wall_ms, wasm_runs.back().compute_wall[""],
                        wasm_runs.back().compute_cpu[""]);
    }
    kernel->dispose();

    bool same = wasm_first.out == native_first.out;
    for (const auto* runs : {&native_runs, &wasm_runs})
        for (const auto& run : *runs)
            same = same && run.out == native_first.out;
    auto walls = [](const std::vector<Run>& runs) {
        std::vector<double> ms;
        for (const auto& run : runs)
            ms.push_back(run.wall_ms);
        return ms;
    };
    // The program's compute time (phase "" = all phases), wall or CPU.
    auto computes = [](const std::vector<Run>& runs, const std::string& phase, bool cpu) {
        std::vector<double> ms;
        for (const auto& run : runs) {
            const auto& times = cpu ? run.compute_cpu : run.compute_wall;
            auto it = times.find(phase);
            ms.push_back(it == times.end() ? 0 : it->second);
        }
        return ms;
    };

    std::printf("secure-exec CPU benchmark: cpu_mix native (cc -O2) vs wasm32-wasi (clang-19 -O2) on the "
                "WasmVM driver (%s)\n",
                config.quick ? "quick" : "full");
    if (!config.v8_flags.empty())
        std::printf("V8 flags: %s\n", config.v8_flags.c_str());
    if (config.trap_handler)
        std::printf("V8 wasm trap handler: enabled (guard pages instead of explicit bounds checks)\n");
    std::string checksum = native_first.out.substr(0, native_first.out.find('\n'));
    std::printf("%s: %s\n\n", checksum.c_str(), same ? "native and wasm agree" : "MISMATCH between native and wasm");

    std::printf("end to end (spawn to exit)\n");
    print_ms("native, posix_spawn + waitpid", walls(native_runs));
    std::printf("%-46s %8.1f ms (compiles the module; not in the p50/p95)\n", "wasm, first spawn", wasm_first.wall_ms);
    print_ms("wasm, Kernel::spawn + wait (module cached)", walls(wasm_runs));
    print_ratio("ratio wasm / native, end to end", walls(wasm_runs), walls(native_runs), true);

    std::printf("\ncompute (the program's own clocks: no spawn, instantiation or exit)\n");
    print_ms("native, wall", computes(native_runs, "", false));
    print_ms("native, CPU", computes(native_runs, "", true));
    std::printf("%-46s %8.1f ms wall, %.1f ms CPU = %.2fx native (not in the p50/p95)\n", "wasm, first run",
                wasm_first.compute_wall[""], wasm_first.compute_cpu[""],
                wasm_first.compute_cpu[""] / percentiles(computes(native_runs, "", true)).p50);
    print_ms("wasm, module cached, wall", computes(wasm_runs, "", false));
    print_ms("wasm, module cached, CPU", computes(wasm_runs, "", true));
    print_ratio("ratio wasm / native, steady-state wall", computes(wasm_runs, "", false),
                computes(native_runs, "", false), true);
    print_ratio("ratio wasm / native, steady-state CPU", computes(wasm_runs, "", true),
                computes(native_runs, "", true), true);

    std::printf("\nper phase, CPU p50 (ms)                         native       wasm    ratio\n");
    for (const auto& phase : native_first.phase_order) {
        double native_p50 = percentiles(computes(native_runs, phase, true)).p50;
        double wasm_p50 = percentiles(computes(wasm_runs, phase, true)).p50;
        std::printf("  %-44s %8.1f   %8.1f   %5.2fx\n", phase.c_str(), native_p50, wasm_p50, wasm_p50 / native_p50);
    }
    return same ? 0 : 1;
}
