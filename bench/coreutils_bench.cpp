// coreutils_bench — the toolbox's text and file tools on big inputs, each next to the host's GNU
// tool on the same files in the same run (issue 6; goal: within 3x of GNU for each):
//
//   sort FILE                          50 MB of lines of words and numbers
//   grep -c -E 'foo[0-9]+bar' FILE     100 MB
//   grep -c -i hello FILE              100 MB
//   wc -l FILE                         100 MB
//   find tree -name '*5*'              a 100 x 100 tree of empty files
//
// The inputs are generated once into a temporary directory (deterministic pseudo-random text, so
// every run measures the same bytes) and removed at the end. Each case is timed three ways:
//
//   host GNU     posix_spawn of the host tool (LC_ALL=C), spawn to exit; stdout is a pipe the
//                bench drains, as the sandbox's output goes to a callback (not /dev/null, which
//                GNU grep detects and then stops at the first match)
//   sandbox      in-process: Kernel::spawn of the command in a kernel with the toolbox and the
//                input directory mounted read-only at /d, spawn to exit (no CLI start-up; the
//                toolbox is compiled by a warm-up run first, as a long-lived embedder would have)
//   CLI          posix_spawn of `secure-exec exec --mount DIR:/d --cwd /d CMD`, end to end, stdout
//                drained the same way
//
// Before timing, one run of each way has its output captured and hashed; the hashes (for find:
// of the sorted lines, as directory order is the filesystem's) must agree. Ratios use the p50s.
// LC_ALL=C for the host: the toolbox compares bytes, and so does GNU in the C locale.
//
// Usage: coreutils_bench [--quick] [--iterations N] [--keep DIR]
//   --quick   3 timed runs per way instead of 10
//   --keep    generate the inputs in DIR (created if needed) and leave them there
// Exit status 1 if any outputs differ.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
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

constexpr double k_goal_ratio = 3.0;
constexpr const char* k_guest_dir = "/d";

struct Config {
    int iterations{10};
    std::string keep_dir;
};

struct Case {
    const char* label;
    std::vector<std::string> argv;  // run in the input directory (host) or /d (sandbox)
    bool sort_output{false};        // compare the sorted lines (find: directory order varies)
};

// ^Inputs

// splitmix64: a small, well-mixed generator, so the text is the same on every machine.
struct Random {
    uint64_t state;
    uint64_t next() {
        uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    uint32_t below(uint32_t n) { return static_cast<uint32_t>(next() % n); }
};

// One line: 3 to 12 tokens, each a word (sometimes "hello" in some case, sometimes foo<N>bar, so
// both greps have matches to count) or a number.
void append_line(Random& random, std::string& out) {
    static const char* const k_words[] = {"alpha", "bravo",  "charlie", "delta", "echo",   "foxtrot", "golf",
                                          "hotel", "india",  "juliet",  "kilo",  "lima",   "mike",    "november",
                                          "oscar", "papa",   "quebec",  "romeo", "sierra", "tango",   "uniform",
                                          "lorem", "ipsum",  "dolor",   "sit",   "amet",   "foo",     "bar",
                                          "baz",   "qux",    "hello",   "world", "Hello",  "HELLO",   "fooXbar"};
    constexpr uint32_t k_word_count = sizeof(k_words) / sizeof(k_words[0]);
    uint32_t tokens = 3 + random.below(10);
    for (uint32_t i = 0; i < tokens; ++i) {
        if (i)
            out += ' ';
        uint32_t kind = random.below(100);
        if (kind < 30)
            out += std::to_string(random.below(1000000));
        else if (kind < 31)
            out += "foo" + std::to_string(random.below(1000)) + "bar";
        else
            out += k_words[random.below(k_word_count)];
    }
    out += '\n';
}

bool write_text_file(const std::filesystem::path& path, size_t bytes, uint64_t seed) {
    std::ofstream file(path, std::ios::binary);
    Random random{seed};
    std::string chunk;
    size_t written = 0;
    while (written < bytes && file) {
        chunk.clear();
        while (chunk.size() < (1u << 20))
            append_line(random, chunk);
        file.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        written += chunk.size();
    }
    return static_cast<bool>(file);
}

bool make_tree(const std::filesystem::path& root) {
    char name[16];
    for (int d = 0; d < 100; ++d) {
        std::snprintf(name, sizeof name, "d%02d", d);
        auto dir = root / name;
        std::filesystem::create_directories(dir);
        for (int f = 0; f < 100; ++f) {
            std::snprintf(name, sizeof name, "f%02d", f);
            std::ofstream file(dir / name);
            if (!file)
                return false;
        }
    }
    return true;
}

bool generate_inputs(const std::filesystem::path& dir) {
    auto start = Clock::now();
    bool ok = write_text_file(dir / "sort50.txt", 50u << 20, 1) && write_text_file(dir / "text100.txt", 100u << 20, 2) &&
              make_tree(dir / "tree");
    std::printf("inputs generated in %s (%.1f s)\n", dir.c_str(), micros_since(start) / 1e6);
    return ok;
}

// ^Output checks

// FNV-1a over everything written, or over the sorted lines when the order is not meaningful.
struct Digest {
    bool sort_lines{false};
    std::string text;  // kept only when sorting lines
    uint64_t hash{0xcbf29ce484222325ull};
    size_t bytes{0};

    void add(std::string_view data) {
        bytes += data.size();
        if (sort_lines) {
            text.append(data);
            return;
        }
        for (unsigned char c : data)
            hash = (hash ^ c) * 0x100000001b3ull;
    }
    uint64_t finish() {
        if (!sort_lines)
            return hash;
        std::vector<std::string_view> lines;
        std::string_view rest = text;
        while (!rest.empty()) {
            size_t end = rest.find('\n');
            size_t take = end == std::string_view::npos ? rest.size() : end + 1;
            lines.push_back(rest.substr(0, take));
            rest.remove_prefix(take);
        }
        std::sort(lines.begin(), lines.end());
        sort_lines = false;
        for (auto line : lines)
            for (unsigned char c : line)
                hash = (hash ^ c) * 0x100000001b3ull;
        return hash;
    }
};

// ^Host processes

// Runs argv[0] (found in PATH) in `cwd` with `env`; stdout is a pipe this process drains (into
// `digest` when given). Not /dev/null: GNU grep notices /dev/null and stops at the first match. Returns the wall time in microseconds, or -1 if the process did not exit with 0.
double host_run(const std::vector<std::string>& argv, const std::string& cwd, Digest* digest,
                const std::vector<std::string>& env = {}) {
    std::vector<char*> args;
    for (const auto& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    std::vector<std::string> env_strings = env;
    env_strings.push_back("LC_ALL=C");
    env_strings.push_back(std::string("PATH=") + (std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin"));
    std::vector<char*> envp;
    for (auto& entry : env_strings)
        envp.push_back(entry.data());
    envp.push_back(nullptr);

    int pipe_fds[2] = {-1, -1};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
        return -1;
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
    auto start = Clock::now();
    pid_t pid;
    int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    char buffer[1 << 16];
    ssize_t n;
    while (rc == 0 && (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0)
        if (digest)
            digest->add(std::string_view(buffer, static_cast<size_t>(n)));
    ::close(pipe_fds[0]);
    if (rc != 0)
        return -1;
    int status = 0;
    ::waitpid(pid, &status, 0);
    double micros = micros_since(start);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? micros : -1;
}

// ^Sandbox, in process

std::unique_ptr<Kernel> make_kernel(const std::string& input_dir) {
    KernelOptions options;
    options.env = {{"PATH", "/usr/local/bin:/usr/bin:/bin"}, {"HOME", "/home/user"}};
    options.mounts.push_back(HostMount{input_dir, k_guest_dir, MountMode::read_only});
    auto kernel = MUST(Kernel::create(std::move(options)));
    WasmDriverOptions wasm;  // the CLI's defaults: 256 MiB per process
    wasm.toolbox_path = SECURE_EXEC_TOOLBOX_WASM;
    MUST(kernel->mount(make_wasm_driver(wasm)));
    return kernel;
}

double sandbox_run(Kernel& kernel, const std::vector<std::string>& argv, Digest* digest) {
    SpawnOptions spawn;
    spawn.cwd = k_guest_dir;
    spawn.on_stdout = [digest](std::span<const std::byte> data) {
        if (digest)
            digest->add(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
    };
    spawn.on_stderr = [](std::span<const std::byte> data) { std::fwrite(data.data(), 1, data.size(), stderr); };
    auto start = Clock::now();
    auto process = kernel.spawn(argv.front(), {argv.begin() + 1, argv.end()}, std::move(spawn));
    if (process.is_error())
        return -1;
    process.value()->close_stdin();
    int status = process.value()->wait();
    double micros = micros_since(start);
    return wait_status::shell_code(status) == 0 ? micros : -1;
}

// ^CLI, end to end

std::vector<std::string> cli_argv(const std::string& input_dir, const std::vector<std::string>& argv) {
    std::vector<std::string> full{SECURE_EXEC_CLI, "exec", "--mount", input_dir + ":" + k_guest_dir, "--cwd", k_guest_dir};
    full.insert(full.end(), argv.begin(), argv.end());
    return full;
}

// ^Reporting

void print_ms(const std::string& name, const std::vector<double>& micros) {
    auto p = percentiles(micros);
    std::printf("  %-34s p50 %9.1f ms   p95 %9.1f ms   (n=%zu)\n", name.c_str(), p.p50 / 1000, p.p95 / 1000,
                micros.size());
}

struct Row {
    std::string label;
    double host_ms, sandbox_ms, cli_ms;
};

bool run_case(const Case& c, Kernel& kernel, const std::string& dir, int iterations, std::vector<Row>& rows) {
    std::printf("\n%s\n", c.label);
    Digest host_digest{c.sort_output}, sandbox_digest{c.sort_output}, cli_digest{c.sort_output};
    double checks[] = {host_run(c.argv, dir, &host_digest), sandbox_run(kernel, c.argv, &sandbox_digest),
                       host_run(cli_argv(dir, c.argv), dir, &cli_digest)};
    uint64_t hashes[] = {host_digest.finish(), sandbox_digest.finish(), cli_digest.finish()};
    bool agree = hashes[0] == hashes[1] && hashes[0] == hashes[2] &&
                 std::none_of(std::begin(checks), std::end(checks), [](double t) { return t < 0; });
    std::printf("  output: %zu bytes, hash %016llx — %s\n", host_digest.bytes, static_cast<unsigned long long>(hashes[0]),
                agree ? "outputs agree" : "OUTPUTS DIFFER");
    if (!agree)
        std::printf("  (host %zu bytes, sandbox %zu bytes, CLI %zu bytes; exit ok: %d %d %d)\n", host_digest.bytes,
                    sandbox_digest.bytes, cli_digest.bytes, checks[0] >= 0, checks[1] >= 0, checks[2] >= 0);

    std::vector<double> host, sandbox, cli;
    for (int i = 0; i < iterations; ++i) {  // interleaved, so load changes hit all three alike
        host.push_back(host_run(c.argv, dir, nullptr));
        sandbox.push_back(sandbox_run(kernel, c.argv, nullptr));
        cli.push_back(host_run(cli_argv(dir, c.argv), dir, nullptr));
    }
    print_ms("host GNU", host);
    print_ms("secure-exec (in process)", sandbox);
    print_ms("secure-exec CLI (end to end)", cli);
    Row row{c.label, percentiles(host).p50 / 1000, percentiles(sandbox).p50 / 1000, percentiles(cli).p50 / 1000};
    std::printf("  ratio p50: in process %.2fx, CLI %.2fx   (goal: within %.0fx of GNU)\n", row.sandbox_ms / row.host_ms,
                row.cli_ms / row.host_ms, k_goal_ratio);
    rows.push_back(row);
    return agree;
}

void print_summary(const std::vector<Row>& rows) {
    std::printf("\nsummary (p50, ms; goal: within %.0fx of GNU)\n", k_goal_ratio);
    std::printf("  %-34s %9s %9s %7s %9s %7s\n", "case", "GNU", "in-proc", "ratio", "CLI", "ratio");
    for (const auto& row : rows)
        std::printf("  %-34s %9.1f %9.1f %6.2fx %9.1f %6.2fx%s\n", row.label.c_str(), row.host_ms, row.sandbox_ms,
                    row.sandbox_ms / row.host_ms, row.cli_ms, row.cli_ms / row.host_ms,
                    row.sandbox_ms / row.host_ms > k_goal_ratio ? "  over goal" : "");
}

Config parse_args(int argc, char** argv) {
    Config config;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--quick")
            config.iterations = 3;
        else if (arg == "--iterations" && i + 1 < argc)
            config.iterations = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--keep" && i + 1 < argc)
            config.keep_dir = argv[++i];
        else {
            std::fprintf(stderr, "usage: coreutils_bench [--quick] [--iterations N] [--keep DIR]\n");
            std::exit(2);
        }
    }
    return config;
}

std::string make_input_dir(const Config& config) {
    if (!config.keep_dir.empty()) {
        std::filesystem::create_directories(config.keep_dir);
        return std::filesystem::absolute(config.keep_dir).string();
    }
    std::string pattern = (std::filesystem::temp_directory_path() / "coreutils_bench.XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
        std::perror("coreutils_bench: mkdtemp");
        std::exit(1);
    }
    return pattern;
}

}  // namespace

int main(int argc, char** argv) {
    Config config = parse_args(argc, argv);
    std::string dir = make_input_dir(config);
    std::printf("secure-exec coreutils benchmarks (%d timed runs per way; host tools with LC_ALL=C)\n",
                config.iterations);
    bool have_inputs = std::filesystem::exists(std::filesystem::path(dir) / "tree/d99/f99") &&
                       std::filesystem::file_size(std::filesystem::path(dir) / "text100.txt") >= (100u << 20);
    if (!have_inputs && !generate_inputs(dir)) {
        std::fprintf(stderr, "coreutils_bench: cannot write the inputs in %s\n", dir.c_str());
        return 1;
    }
    const std::vector<Case> cases = {
        {"sort (50 MB)", {"sort", "sort50.txt"}},
        {"grep -c -E 'foo[0-9]+bar' (100 MB)", {"grep", "-c", "-E", "foo[0-9]+bar", "text100.txt"}},
        {"grep -c -i hello (100 MB)", {"grep", "-c", "-i", "hello", "text100.txt"}},
        {"wc -l (100 MB)", {"wc", "-l", "text100.txt"}},
        {"find -name '*5*' (10 000 files)", {"find", "tree", "-name", "*5*"}, true},
    };
    auto kernel = make_kernel(dir);
    sandbox_run(*kernel, {"true"}, nullptr);  // warm-up: compiles the toolbox once for the process
    std::vector<Row> rows;
    bool all_agree = true;
    for (const auto& c : cases)
        all_agree = run_case(c, *kernel, dir, config.iterations, rows) && all_agree;
    kernel->dispose();
    print_summary(rows);
    std::printf("%s\n", all_agree ? "outputs agree" : "OUTPUTS DIFFER");
    if (config.keep_dir.empty())
        std::filesystem::remove_all(dir);
    return all_agree ? 0 : 1;
}
