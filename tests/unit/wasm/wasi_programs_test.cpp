// WASI preview1 as wasi-libc uses it: each program in tests/wasm/programs runs inside the kernel,
// checks its own results and prints "ok NAME" per check; a failed check prints what failed and
// exits 1. The test copies the program into the VFS and runs it by absolute path (relative paths
// in WASI programs resolve against "/" for now).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include <secure_exec/kernel.h>
#include <secure_exec/kernel_interface.h>
#include <secure_exec/signals.h>
#include <secure_exec/terminal.h>
#include <secure_exec/wasm_driver.h>

namespace secure_exec {
namespace {

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

class WasiProgramTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_kernel = MUST(Kernel::create({}));
        MUST(m_kernel->mount(make_wasm_driver(WasmDriverOptions{})));
    }
    void TearDown() override { m_kernel->dispose(); }

    // Runs NAME.wasm and expects exit 0 with an "ok CHECK" line for every check.
    void expect_passes(const std::string& name, const std::vector<std::string>& checks,
                       std::vector<std::string> args = {}, SpawnOptions options = {},
                       int expected_status = wait_status::exited(0)) {
        std::string bytes = host_file(std::string(SECURE_EXEC_WASI_PROGRAMS_DIR) + "/" + name + ".wasm");
        ASSERT_EQ(bytes.substr(0, 4), std::string("\0asm", 4)) << name << ".wasm was not built";
        std::string path = "/usr/local/bin/" + name + ".wasm";
        MUST(m_kernel->write_file(path, bytes, 0755));
        auto process = MUST(m_kernel->spawn(path, std::move(args), std::move(options)));
        process->close_stdin();
        auto status = process->wait_for(30000);
        ASSERT_TRUE(status.has_value()) << name << " did not finish";
        std::string out = process->stdout_text(), err = process->stderr_text();
        EXPECT_EQ(*status, expected_status) << "stdout:\n" << out << "stderr:\n" << err;
        for (const auto& check : checks)
            EXPECT_NE(out.find("ok " + check + "\n"), std::string::npos) << "missing \"ok " << check << "\"\n" << out << err;
    }

    std::unique_ptr<Kernel> m_kernel;
};

TEST_F(WasiProgramTest, Files) {
    expect_passes("files", {"create_write", "pread", "pwrite", "preadv", "seek_tell", "truncate", "allocate_sync", "stat",
                            "utime", "futimens", "renumber", "unlink"});
}

TEST_F(WasiProgramTest, Directories) {
    expect_passes("dirs", {"mkdir", "readdir_many", "seekdir", "rename", "rmdir"});
}

TEST_F(WasiProgramTest, Links) { expect_passes("links", {"symlink", "readlink", "lstat", "link", "cleanup"}); }

TEST_F(WasiProgramTest, Clocks) {
    expect_passes("clocks", {"gettime", "cputime", "nanosleep", "abstime", "poll_timeout", "poll_fd"});
}

TEST_F(WasiProgramTest, RawPreview1Calls) {
    expect_passes("raw_calls", {"fault", "errnos", "pread_pwrite", "readdir_raw", "poll_oneoff", "sock", "cleanup"});
}

TEST_F(WasiProgramTest, ProcRaiseTranslatesSignalNumbers) {
    expect_passes("raise", {"chld_ignored"}, {}, {}, wait_status::signaled(signals::sigterm));
}

// The secure_exec import module through toolbox/sys: the program spawns itself in child roles.
TEST_F(WasiProgramTest, ProcessesPipesAndSignalsThroughTheExtensionModule) {
    expect_passes("spawn", {"spawn_wait", "pipeline", "descriptors", "groups_kill", "signals", "identity_cwd",
                            "modes", "terminal_calls"});
}

TEST_F(WasiProgramTest, ArgsAndEnviron) {
    SpawnOptions options;
    options.env = {{"GREETING", "hello world"}, {"EMPTY", ""}, {"A", "b=c"}};
    expect_passes("args_env", {"argv0", "environ", "getenv", "argc"}, {"--", "GREETING=hello world", "EMPTY=", "A=b=c"},
                  options);
}

// poll_oneoff: clocks, and stdin as a kernel pipe that this test writes to and then closes, each
// only after the program has shown (by its "ok" lines) that it is about to wait for it.
TEST_F(WasiProgramTest, PollOneoffWaitsForClocksAndDescriptors) {
    std::string bytes = host_file(std::string(SECURE_EXEC_WASI_PROGRAMS_DIR) + "/poll.wasm");
    ASSERT_EQ(bytes.substr(0, 4), std::string("\0asm", 4)) << "poll.wasm was not built";
    MUST(m_kernel->write_file("/usr/local/bin/poll.wasm", bytes, 0755));
    auto process = MUST(m_kernel->spawn("/usr/local/bin/poll.wasm", {}, {}));
    // Waits (wait_for doubling as a 1 ms sleep) until stdout has `line`; false if the program ended.
    auto printed = [&](const std::string& line) {
        for (int waited_ms = 0; waited_ms < 20000; ++waited_ms) {
            if (process->stdout_text().find("ok " + line + "\n") != std::string::npos)
                return true;
            if (process->wait_for(1).has_value())
                return false;
        }
        return false;
    };
    ASSERT_TRUE(printed("stdin_empty")) << process->stdout_text() << process->stderr_text();
    EXPECT_FALSE(process->wait_for(50).has_value());  // it is blocked on stdin
    std::string input = "hello\n";
    MUST(process->write_stdin(std::as_bytes(std::span(input))));
    ASSERT_TRUE(printed("stdin_data")) << process->stdout_text() << process->stderr_text();
    EXPECT_FALSE(process->wait_for(30).has_value());
    process->close_stdin();
    auto status = process->wait_for(30000);
    ASSERT_TRUE(status.has_value()) << "poll did not finish";
    std::string out = process->stdout_text();
    EXPECT_EQ(*status, wait_status::exited(0)) << "stdout:\n" << out << "stderr:\n" << process->stderr_text();
    for (const char* check : {"clock_relative", "clock_absolute", "regular_file", "bad_fd", "stdin_empty", "stdin_data",
                              "stdin_hangup", "set_rights", "pipe", "eintr"})
        EXPECT_NE(out.find(std::string("ok ") + check + "\n"), std::string::npos) << "missing \"ok " << check << "\"\n" << out;
}

// Checks of files.c and dirs.c named here so they cannot silently go missing: single transfers
// over 1 MiB, and fd_readdir paged through cookies with a small buffer.
TEST_F(WasiProgramTest, LargeTransfersAndReaddirPaging) {
    expect_passes("files", {"large_io"});
    expect_passes("dirs", {"readdir_paging"});
}

// The per-process memory limit caps linear memory: malloc fails near it (the program checks), and a
// module whose minimum memory is above it does not start.
TEST_F(WasiProgramTest, MemoryLimitCapsLinearMemory) {
    m_kernel->dispose();
    m_kernel = MUST(Kernel::create({}));
    MUST(m_kernel->mount(make_wasm_driver(WasmDriverOptions{.memory_limit_bytes = 48u << 20})));
    expect_passes("memory", {"limited"}, {"48"});
    m_kernel->dispose();
    m_kernel = MUST(Kernel::create({}));
    MUST(m_kernel->mount(make_wasm_driver(WasmDriverOptions{.memory_limit_bytes = 64u << 10})));
    std::string bytes = host_file(std::string(SECURE_EXEC_WASI_PROGRAMS_DIR) + "/memory.wasm");
    MUST(m_kernel->write_file("/usr/local/bin/memory.wasm", bytes, 0755));
    auto process = MUST(m_kernel->spawn("/usr/local/bin/memory.wasm", {"1"}, {}));
    auto status = process->wait_for(30000);
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(*status, wait_status::exited(126));
    EXPECT_NE(process->stderr_text().find("cannot execute: it needs more memory than the limit allows"), std::string::npos)
        << process->stderr_text();
}

// The terminal calls on a real PTY: the program runs as the session leader of open_shell's terminal.
TEST_F(WasiProgramTest, TerminalCallsOnAPseudoTerminal) {
    std::string bytes = host_file(std::string(SECURE_EXEC_WASI_PROGRAMS_DIR) + "/terminal.wasm");
    ASSERT_EQ(bytes.substr(0, 4), std::string("\0asm", 4)) << "terminal.wasm was not built";
    MUST(m_kernel->write_file("/usr/local/bin/terminal.wasm", bytes, 0755));
    std::mutex mutex;
    std::string screen;
    ShellOptions options{.command = "/usr/local/bin/terminal.wasm", .columns = 100, .rows = 30};
    options.on_data = [&](std::span<const std::byte> data) {
        std::lock_guard lock(mutex);
        screen.append(as_text(data));
    };
    auto shell = MUST(m_kernel->open_shell(std::move(options)));
    auto status = shell->wait_for(30000);
    ASSERT_TRUE(status.has_value()) << "terminal.wasm did not finish";
    std::lock_guard lock(mutex);
    EXPECT_EQ(*status, wait_status::exited(0)) << screen;
    for (const char* check : {"isatty", "termios", "winsize", "job_control"})  // ONLCR: lines end in \r\n
        EXPECT_NE(screen.find(std::string("ok ") + check + "\r\n"), std::string::npos) << "missing " << check << "\n" << screen;
}

TEST_F(WasiProgramTest, RandomAndExitCodes) {
    expect_passes("random_exit", {"getentropy", "arc4random"}, {"42"}, {}, wait_status::exited(42));
    expect_passes("random_exit", {"getentropy"}, {"300"}, {}, wait_status::exited(300 & 0xff));
}

}  // namespace
}  // namespace secure_exec
