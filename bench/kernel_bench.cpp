// kernel_bench — kernel speed, with the host measured in the same run for comparison.
//
//   pipe throughput  64 KiB chunks between two kernel processes vs. host pipe(2) between two threads
//   spawn + wait     a no-op process, from the host API and from inside a process (spawn + waitpid)
//   small file       open / write 100 B / read / close inside a process
//
// Usage: kernel_bench [--quick]. Prints p50/p95/p99; ratios use the p50s.
#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include <secure_exec/function_driver.h>
#include <secure_exec/kernel.h>
#include <secure_exec/open_flags.h>

#include "bench_stats.h"

using namespace secure_exec;
using namespace secure_exec::bench;

namespace {

constexpr size_t k_chunk = 64 * 1024;

struct Config {
    int pipe_trials{15};
    size_t pipe_bytes{64u << 20};
    int spawn_iterations{2000};
    int file_iterations{20000};
};

// Host baseline: the same transfer through a real pipe between two threads.
std::vector<double> host_pipe_trials(const Config& config) {
    std::vector<double> seconds;
    std::vector<char> chunk(k_chunk, 'x');
    for (int trial = 0; trial < config.pipe_trials; ++trial) {
        int fds[2];
        if (::pipe(fds) != 0)
            return seconds;
        auto start = Clock::now();
        std::thread writer([&] {
            for (size_t sent = 0; sent < config.pipe_bytes;) {
                ssize_t n = ::write(fds[1], chunk.data(), k_chunk);
                if (n <= 0)
                    break;
                sent += static_cast<size_t>(n);
            }
            ::close(fds[1]);
        });
        std::vector<char> buffer(k_chunk);
        while (::read(fds[0], buffer.data(), buffer.size()) > 0) {
        }
        writer.join();
        ::close(fds[0]);
        seconds.push_back(micros_since(start) / 1e6);
    }
    return seconds;
}

void print_throughput(const std::string& name, std::vector<double> seconds, size_t bytes, double* p50_out) {
    auto p = percentiles(seconds);  // p95 of time is the slow end
    double mib = static_cast<double>(bytes) / (1 << 20);
    std::printf("%-44s p50 %9.0f MiB/s   p95 %9.0f MiB/s   (n=%zu x %.0f MiB)\n", name.c_str(), mib / p.p50,
                mib / p.p95, seconds.size(), mib);
    *p50_out = mib / p.p50;
}

void register_commands(FunctionDriver& driver, const Config& config, std::vector<double>& pipe_seconds,
                       std::vector<double>& spawn_micros, std::vector<double>& file_micros) {
    driver.add("noop", [](ProcessContext&) { return 0; });
    driver.add("pipe-writer", [&config](ProcessContext& process) {
        std::vector<std::byte> chunk(k_chunk, std::byte{'x'});
        for (size_t sent = 0; sent < config.pipe_bytes;)
            sent += MUST(process.kernel().write(process.pid(), 1, chunk));
        return 0;
    });
    driver.add("pipe-bench", [&](ProcessContext& process) {
        auto& k = process.kernel();
        std::vector<std::byte> buffer(k_chunk);
        for (int trial = 0; trial < config.pipe_trials; ++trial) {
            auto [read_fd, write_fd] = MUST(k.pipe(process.pid(), flags::o_cloexec));
            auto start = Clock::now();
            Pid writer = MUST(k.spawn(process.pid(), {.command = "pipe-writer", .stdout_fd = write_fd}));
            MUST(k.close(process.pid(), write_fd));
            while (MUST(k.read(process.pid(), read_fd, buffer)) > 0) {
            }
            MUST(k.waitpid(process.pid(), writer));
            pipe_seconds.push_back(micros_since(start) / 1e6);
            MUST(k.close(process.pid(), read_fd));
        }
        return 0;
    });
    driver.add("spawn-bench", [&](ProcessContext& process) {
        auto& k = process.kernel();
        for (int i = 0; i < config.spawn_iterations; ++i) {
            auto start = Clock::now();
            Pid child = MUST(k.spawn(process.pid(), {.command = "noop"}));
            MUST(k.waitpid(process.pid(), child));
            spawn_micros.push_back(micros_since(start));
        }
        return 0;
    });
    driver.add("file-bench", [&](ProcessContext& process) {
        auto& k = process.kernel();
        Pid pid = process.pid();
        std::string payload(100, 'y');
        std::byte buffer[128];
        for (int i = 0; i < config.file_iterations; ++i) {
            auto start = Clock::now();
            int fd = MUST(k.open(pid, "/tmp/bench.txt", flags::o_rdwr | flags::o_creat | flags::o_trunc, 0644));
            MUST(k.write(pid, fd, as_bytes(payload)));
            MUST(k.seek(pid, fd, 0, flags::seek_set));
            MUST(k.read(pid, fd, buffer));
            MUST(k.close(pid, fd));
            file_micros.push_back(micros_since(start));
        }
        return 0;
    });
}

void host_file_baseline(const Config& config) {
    std::vector<double> micros;
    // tmpfs when available, like the kernel's in-memory filesystem.
    std::string directory = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string path = directory + "/secure-exec-bench-" + std::to_string(::getpid());
    std::string payload(100, 'y');
    char buffer[128];
    for (int i = 0; i < config.file_iterations; ++i) {
        auto start = Clock::now();
        int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            return;
        (void)!::write(fd, payload.data(), payload.size());
        ::lseek(fd, 0, SEEK_SET);
        (void)!::read(fd, buffer, sizeof buffer);
        ::close(fd);
        micros.push_back(micros_since(start));
    }
    ::unlink(path.c_str());
    print_latency("host open/write/read/close (" + directory + ")", micros);
}

}  // namespace

int main(int argc, char** argv) {
    Config config;
    if (argc > 1 && std::strcmp(argv[1], "--quick") == 0)
        config = Config{3, 8u << 20, 200, 2000};
    std::vector<double> pipe_seconds, spawn_micros, file_micros;
    auto driver = std::make_shared<FunctionDriver>("bench");
    register_commands(*driver, config, pipe_seconds, spawn_micros, file_micros);
    auto kernel = MUST(Kernel::create({}));
    MUST(kernel->mount(driver));

    auto run = [&](const char* command) {
        auto process = MUST(kernel->spawn(command, {}, {}));
        process->close_stdin();
        process->wait();
    };

    std::printf("secure-exec kernel benchmarks (%s)\n\n", config.pipe_trials > 3 ? "full" : "quick");
    double kernel_mib = 0, host_mib = 0;
    run("pipe-bench");
    print_throughput("kernel pipe, 64 KiB chunks", pipe_seconds, config.pipe_bytes, &kernel_mib);
    print_throughput("host pipe(2), 64 KiB chunks", host_pipe_trials(config), config.pipe_bytes, &host_mib);
    std::printf("%-44s %.2fx host (goal: >= 0.50x)\n\n", "pipe throughput ratio", kernel_mib / host_mib);

    run("spawn-bench");
    print_latency("spawn + waitpid of a no-op (inside kernel)", spawn_micros);
    std::vector<double> host_spawn;
    for (int i = 0; i < config.spawn_iterations / 4; ++i) {
        auto start = Clock::now();
        run("noop");
        host_spawn.push_back(micros_since(start));
    }
    print_latency("Kernel::spawn + wait of a no-op (host API)", host_spawn);
    std::printf("%-44s goal: p50 under 50 us\n\n", "");

    run("file-bench");
    print_latency("kernel open/write/read/close (memfs)", file_micros);
    host_file_baseline(config);
    kernel->dispose();
    return 0;
}
