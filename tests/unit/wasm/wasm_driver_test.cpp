// The WasmVM driver runs wasm32-wasi programs as kernel processes: the toolbox applets (checked
// against the host's GNU tools on the same input), wasm files by path, pipes between processes,
// signals and CPU limits that stop a spinning guest, and traps that end only the guest.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

#include <secure_exec/function_driver.h>
#include <secure_exec/kernel.h>
#include <secure_exec/open_flags.h>
#include <secure_exec/wasm_driver.h>

namespace secure_exec {
namespace {

struct RunResult {
    int status{0};
    std::string out;
    std::string err;
};

// The host tool's output for the same command line (the oracle).
std::string host_output(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return out;
    std::array<char, 4096> buffer{};
    size_t count;
    while ((count = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.append(buffer.data(), count);
    pclose(pipe);
    return out;
}

// (module (func (export "_start") (loop (br 0))))
const std::string k_spin_module("\0asm\1\0\0\0\1\4\1\x60\0\0\3\2\1\0\7\x0a\1\6_start\0\0\x0a\x09\1\7\0\3\x40\x0c\0\x0b\x0b", 41);
// (module (func (export "_start") unreachable))
const std::string k_trap_module("\0asm\1\0\0\0\1\4\1\x60\0\0\3\2\1\0\7\x0a\1\6_start\0\0\x0a\5\1\3\0\0\x0b", 37);

class WasmDriverTest : public ::testing::Test {
protected:
    void SetUp() override {
        WasmDriverOptions options;
        options.toolbox_path = SECURE_EXEC_TOOLBOX_WASM;
        options.cpu_limit_ms = 300;
        m_kernel = MUST(Kernel::create({}));
        MUST(m_kernel->mount(make_wasm_driver(options)));
    }
    void TearDown() override { m_kernel->dispose(); }

    RunResult run(const std::string& command, std::vector<std::string> args, const std::string& input = "") {
        auto process = MUST(m_kernel->spawn(command, std::move(args), {}));
        if (!input.empty())
            (void)process->write_stdin(as_bytes(input));
        process->close_stdin();
        RunResult result;
        result.status = process->wait();
        result.out = process->stdout_text();
        result.err = process->stderr_text();
        return result;
    }

    std::unique_ptr<Kernel> m_kernel;
};

TEST_F(WasmDriverTest, EchoMatchesGnuEcho) {
    auto result = run("echo", {"-e", "tab\there", "\\x41\\0102", "end"});
    EXPECT_EQ(result.status, wait_status::exited(0));
    EXPECT_EQ(result.out, host_output("env echo -e 'tab\\there' '\\x41\\0102' end"));
    EXPECT_EQ(run("echo", {"-n", "no", "newline"}).out, host_output("env echo -n no newline"));
}

TEST_F(WasmDriverTest, TrueAndFalseExitCodes) {
    EXPECT_EQ(run("true", {}).status, wait_status::exited(0));
    EXPECT_EQ(run("false", {"ignored"}).status, wait_status::exited(1));
}

TEST_F(WasmDriverTest, CatReadsFilesAndStdinThroughTheKernel) {
    MUST(m_kernel->write_file("/home/user/notes.txt", "first\nsecond\n"));
    // "notes.txt" is relative to the process's cwd (/home/user): the toolbox starts there.
    auto files = run("cat", {"/home/user/notes.txt", "-", "notes.txt"}, "from stdin\n");
    EXPECT_EQ(files.status, wait_status::exited(0));
    EXPECT_EQ(files.out, "first\nsecond\nfrom stdin\nfirst\nsecond\n");
    auto missing = run("cat", {"nope.txt"});
    EXPECT_EQ(missing.status, wait_status::exited(1));
    EXPECT_EQ(missing.err, host_output("cd /tmp && env cat secure-exec-no-such-file 2>&1").replace(5, 24, "nope.txt"));
}

TEST_F(WasmDriverTest, WasmFileRunsByPath) {
    std::string toolbox = MUST(m_kernel->read_file("/bin/echo"));  // a stub: the real bytes are the driver's
    EXPECT_NE(toolbox.substr(0, 4), std::string("\0asm", 4));
    FILE* file = std::fopen(SECURE_EXEC_TOOLBOX_WASM, "rb");
    ASSERT_NE(file, nullptr);
    std::string bytes;
    std::array<char, 65536> buffer{};
    size_t count;
    while ((count = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
        bytes.append(buffer.data(), count);
    std::fclose(file);
    MUST(m_kernel->write_file("/usr/local/bin/box", bytes, 0755));
    auto result = run("/usr/local/bin/box", {"echo", "by", "path"});
    EXPECT_EQ(result.status, wait_status::exited(0));
    EXPECT_EQ(result.out, "by path\n");
    auto via_path = run("box", {"echo", "via", "PATH"});
    EXPECT_EQ(via_path.out, "via PATH\n");
}

TEST_F(WasmDriverTest, EchoPipesIntoCatAcrossDrivers) {
    auto functions = std::make_shared<FunctionDriver>("test");
    functions->add("pipeline", [](ProcessContext& p) {
        auto& k = p.kernel();
        auto [read_fd, write_fd] = MUST(k.pipe(p.pid(), flags::o_cloexec));
        Pid echo = MUST(k.spawn(p.pid(), {.command = "echo", .args = {"through", "a", "pipe"}, .stdout_fd = write_fd}));
        Pid cat = MUST(k.spawn(p.pid(), {.command = "cat", .stdin_fd = read_fd}));
        MUST(k.close(p.pid(), read_fd));
        MUST(k.close(p.pid(), write_fd));
        MUST(k.waitpid(p.pid(), echo));
        return wait_status::exit_status(MUST(k.waitpid(p.pid(), cat)).status);
    });
    MUST(m_kernel->mount(functions));
    auto result = run("pipeline", {});
    EXPECT_EQ(result.status, wait_status::exited(0));
    EXPECT_EQ(result.out, "through a pipe\n");
}

TEST_F(WasmDriverTest, SigkillStopsABlockedAndASpinningGuest) {
    auto blocked = MUST(m_kernel->spawn("cat", {}, {}));  // waits on its stdin pipe
    MUST(blocked->kill(signals::sigkill));
    EXPECT_EQ(blocked->wait(), wait_status::signaled(signals::sigkill));

    MUST(m_kernel->write_file("/tmp/spin.wasm", k_spin_module, 0755));
    auto spinning = MUST(m_kernel->spawn("/tmp/spin.wasm", {}, {}));
    EXPECT_FALSE(spinning->wait_for(50).has_value());
    MUST(spinning->kill(signals::sigterm));
    auto status = spinning->wait_for(2000);
    ASSERT_TRUE(status.has_value()) << "SIGTERM did not stop a CPU-bound guest";
    EXPECT_EQ(*status, wait_status::signaled(signals::sigterm));
}

// A fatal signal that arrives while the program is still starting (its isolate being set up) must
// end it too: V8 forgets a termination requested outside guest code, so the driver checks again.
TEST_F(WasmDriverTest, SigtermRightAfterSpawnIsNotLost) {
    MUST(m_kernel->write_file("/tmp/spin.wasm", k_spin_module, 0755));
    for (int i = 0; i < 20; ++i) {
        auto spinning = MUST(m_kernel->spawn("/tmp/spin.wasm", {}, {}));
        MUST(spinning->kill(signals::sigterm));
        auto status = spinning->wait_for(2000);
        ASSERT_TRUE(status.has_value()) << "SIGTERM at start was lost (round " << i << ")";
        EXPECT_EQ(*status, wait_status::signaled(signals::sigterm));
    }
    // The same from a guest: the shell kills the child shell it has just spawned for `&`. Before
    // the fix, rounds took seconds (the child ran on, its syscalls failing) or hung.
    for (int i = 0; i < 10; ++i) {
        auto shell = MUST(m_kernel->spawn("sh", {"-c", "sleep 200 & kill $!; wait $!; test $? = 143"}, {}));
        auto status = shell->wait_for(1000);
        if (!status) {
            MUST(shell->kill(signals::sigkill));
            (void)shell->wait();
        }
        ASSERT_TRUE(status.has_value()) << "SIGTERM to a starting child shell was lost (round " << i << ")";
        EXPECT_EQ(*status, wait_status::exited(0));
    }
}

TEST_F(WasmDriverTest, CpuTimeLimitEndsAnInfiniteLoop) {
    MUST(m_kernel->write_file("/tmp/spin.wasm", k_spin_module, 0755));
    auto result = run("/tmp/spin.wasm", {});
    EXPECT_EQ(result.status, wait_status::exited(124));
    EXPECT_NE(result.err.find("CPU time limit exceeded"), std::string::npos) << result.err;
}

TEST_F(WasmDriverTest, TrapEndsOnlyTheGuest) {
    MUST(m_kernel->write_file("/tmp/trap.wasm", k_trap_module, 0755));
    auto result = run("/tmp/trap.wasm", {});
    EXPECT_EQ(result.status, wait_status::exited(134));
    EXPECT_NE(result.err.find("wasm trap: RuntimeError: unreachable"), std::string::npos) << result.err;
    EXPECT_EQ(run("echo", {"still", "fine"}).out, "still fine\n");
}

TEST_F(WasmDriverTest, InvalidModuleIsAClearError) {
    MUST(m_kernel->write_file("/tmp/bad.wasm", std::string("\0asm\1\0\0\0\xff", 9), 0755));
    auto result = run("/tmp/bad.wasm", {});
    EXPECT_EQ(result.status, wait_status::exited(126));
    EXPECT_NE(result.err.find("invalid wasm module"), std::string::npos) << result.err;
}

// Isolates are pooled between processes: nothing of a killed, CPU-limited or trapped guest may
// reach the next one, and an isolate retired after its use count is replaced transparently.
TEST_F(WasmDriverTest, PooledIsolatesStartEveryProcessClean) {
    MUST(m_kernel->write_file("/tmp/spin.wasm", k_spin_module, 0755));
    MUST(m_kernel->write_file("/tmp/trap.wasm", k_trap_module, 0755));
    for (int round = 0; round < 3; ++round) {
        auto spinning = MUST(m_kernel->spawn("/tmp/spin.wasm", {}, {}));
        MUST(spinning->kill(signals::sigint));
        EXPECT_EQ(spinning->wait(), wait_status::signaled(signals::sigint));
        EXPECT_EQ(run("echo", {"after", "kill"}).out, "after kill\n");
        EXPECT_EQ(run("/tmp/spin.wasm", {}).status, wait_status::exited(124));
        EXPECT_EQ(run("echo", {"after", "cpu", "limit"}).out, "after cpu limit\n");
        EXPECT_EQ(run("/tmp/trap.wasm", {}).status, wait_status::exited(134));
        EXPECT_EQ(run("cat", {}, "after trap\n").out, "after trap\n");
    }
    // A kill that arrives after the program finished must not end the next one on that isolate.
    for (int i = 0; i < 20; ++i) {
        auto quick = MUST(m_kernel->spawn("true", {}, {}));
        quick->close_stdin();
        (void)quick->kill(signals::sigterm);
        (void)quick->wait();
        EXPECT_EQ(run("echo", {"next"}).out, "next\n") << "round " << i;
    }
    for (int i = 0; i < 150; ++i)  // past an isolate's 64 uses
        ASSERT_EQ(run(i % 2 ? "true" : "false", {}).status, wait_status::exited(i % 2 ? 0 : 1)) << i;
}

}  // namespace
}  // namespace secure_exec
