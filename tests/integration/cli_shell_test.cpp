// The `secure-exec shell` command on a real host terminal: it runs the toolbox's sh through
// connect_terminal, passes the shell's exit code through, and leaves the host terminal exactly
// as it found it — after a normal exit and after the host process is killed with SIGTERM.
#include <gtest/gtest.h>

#include <poll.h>
#include <pty.h>
#include <utmp.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>

namespace {

struct HostTerminalRun {
    pid_t pid{-1};
    int master{-1};
    std::string output;

    void write_keys(const std::string& keys) const { ASSERT_EQ(::write(master, keys.data(), keys.size()), ssize_t(keys.size())); }

    // Reads until `needle` shows up in the output or the timeout passes.
    bool read_until(const std::string& needle, int timeout_ms = 3000) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        while (output.find(needle) == std::string::npos) {
            int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            deadline - std::chrono::steady_clock::now())
                                            .count());
            if (left <= 0)
                return false;
            pollfd poll_fd{master, POLLIN, 0};
            if (::poll(&poll_fd, 1, left) <= 0)
                continue;
            char buffer[4096];
            ssize_t count = ::read(master, buffer, sizeof buffer);
            if (count <= 0)
                return output.find(needle) != std::string::npos;
            output.append(buffer, static_cast<size_t>(count));
        }
        return true;
    }

    int wait_exit() {
        int status = 0;
        ::waitpid(pid, &status, 0);
        return status;
    }
};

HostTerminalRun start_cli(termios* initial) {
    HostTerminalRun run;
    winsize size{24, 80, 0, 0};
    int replica = -1;
    if (openpty(&run.master, &replica, nullptr, nullptr, &size) != 0)
        return run;
    // The cooked settings the CLI must give back, read before it can touch them.
    tcgetattr(replica, initial);
    run.pid = fork();
    if (run.pid == 0) {
        ::close(run.master);
        login_tty(replica);
        execl(SECURE_EXEC_CLI_PATH, "secure-exec", "shell", static_cast<char*>(nullptr));
        _exit(127);
    }
    ::close(replica);
    return run;
}

bool same_modes(const termios& a, const termios& b) {
    return a.c_iflag == b.c_iflag && a.c_oflag == b.c_oflag && a.c_lflag == b.c_lflag &&
           std::memcmp(a.c_cc, b.c_cc, sizeof a.c_cc) == 0;
}

TEST(CliShell, RunsShAndPassesTheExitCodeThrough) {
    termios initial{};
    auto run = start_cli(&initial);
    ASSERT_GT(run.pid, 0);
    ASSERT_TRUE(run.read_until("$ ")) << run.output;
    termios raw{};
    tcgetattr(run.master, &raw);
    EXPECT_EQ(raw.c_lflag & ICANON, 0u) << "the host terminal should be raw while the shell runs";
    run.write_keys("echo hello from the sandbox\r");
    ASSERT_TRUE(run.read_until("hello from the sandbox\r\n")) << run.output;
    run.write_keys("exit 5\r");
    int status = run.wait_exit();
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 5);
    termios after{};
    ASSERT_EQ(tcgetattr(run.master, &after), 0);
    EXPECT_TRUE(same_modes(initial, after)) << "host terminal not restored after exit";
    ::close(run.master);
}

TEST(CliShell, CtrlCInterruptsAForegroundJobAndTheShellGoesOn) {
    termios initial{};
    auto run = start_cli(&initial);
    ASSERT_TRUE(run.read_until("$ ")) << run.output;
    run.write_keys("sleep 100000\r");
    ASSERT_TRUE(run.read_until("sleep 100000\r\n")) << run.output;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // until sleep runs
    auto sent = std::chrono::steady_clock::now();
    run.write_keys("\x03");
    ASSERT_TRUE(run.read_until("^C\r\nsh-5.2$ ", 2000)) << run.output;
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - sent);
    EXPECT_LT(took.count(), 500);
    run.write_keys("\x04");  // ^D at an empty prompt
    int status = run.wait_exit();
    EXPECT_TRUE(WIFEXITED(status));
    ::close(run.master);
}

TEST(CliShell, RestoresTheHostTerminalWhenKilledWithSigterm) {
    termios initial{};
    auto run = start_cli(&initial);
    ASSERT_TRUE(run.read_until("$ ")) << run.output;
    ASSERT_EQ(::kill(run.pid, SIGTERM), 0);
    int status = run.wait_exit();
    EXPECT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(WTERMSIG(status), SIGTERM);
    termios after{};
    ASSERT_EQ(tcgetattr(run.master, &after), 0);
    EXPECT_TRUE(same_modes(initial, after)) << "host terminal left raw after SIGTERM";
    ::close(run.master);
}

}  // namespace
