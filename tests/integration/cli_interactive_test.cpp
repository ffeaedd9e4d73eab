// `secure-exec shell` as a person uses it: the toolbox's sh, interactive, on a host PTY. Keys go
// in through the PTY master; what comes out is rendered by libvterm, and the tests assert on the
// screen a user would see (prompts, edited lines, job notices), not on escape sequences.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utmp.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "../unit/kernel/support/screen.h"

namespace {

using secure_exec::testing::Screen;
using namespace std::chrono_literals;

constexpr int k_rows = 24;
constexpr int k_columns = 80;
constexpr const char* k_prompt = "sh-5.2$ ";

// Screen rows come without trailing blanks; so are the expectations compared with them.
std::string trimmed(std::string text) {
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

// A home directory on the host, mounted as the sandbox's /home/user (history survives the run).
class HostHome {
public:
    HostHome() {
        char pattern[] = "/tmp/sx-interactive-XXXXXX";
        m_path = ::mkdtemp(pattern);
    }
    ~HostHome() { std::filesystem::remove_all(m_path); }
    HostHome(const HostHome&) = delete;
    HostHome& operator=(const HostHome&) = delete;
    const std::string& path() const { return m_path; }
    void write(const std::string& name, const std::string& text) const { std::ofstream(m_path + "/" + name) << text; }
    std::string read(const std::string& name) const {
        std::ifstream in(m_path + "/" + name);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

private:
    std::string m_path;
};

// The CLI on a fresh host PTY, its output pumped into a Screen by a reader thread.
class Session {
public:
    explicit Session(const HostHome& home) {
        winsize size{k_rows, k_columns, 0, 0};
        int replica = -1;
        if (::openpty(&m_master, &replica, nullptr, nullptr, &size) != 0)
            return;
        std::string mount = home.path() + ":/home/user:rw";
        m_pid = ::fork();
        if (m_pid == 0) {
            ::close(m_master);
            ::login_tty(replica);
            ::execl(SECURE_EXEC_CLI_PATH, "secure-exec", "shell", "--mount", mount.c_str(), "--cwd", "/home/user",
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(replica);
        m_reader = std::thread([this] { pump(); });
    }
    ~Session() {
        if (m_pid > 0 && !m_exited) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        m_stop = true;
        if (m_reader.joinable())
            m_reader.join();
        if (m_master >= 0)
            ::close(m_master);
    }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    bool started() const { return m_pid > 0; }
    const Screen& screen() const { return m_screen; }
    std::string text() const { return m_screen.text(); }

    void keys(const std::string& bytes) const {
        ASSERT_EQ(::write(m_master, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    }
    // Types a line the way a person does: a key at a time, then Enter.
    void line(const std::string& text) const {
        keys(text);
        keys("\r");
    }
    bool wait_text(const std::string& needle, int timeout_ms = 10000) const {
        return m_screen.wait_for_text(trimmed(needle), timeout_ms);
    }
    // The row the cursor is on (where the prompt and the line being edited are).
    std::string cursor_row() const { return m_screen.row(m_screen.cursor().first); }
    bool wait_cursor_row(const std::string& expected, int timeout_ms = 10000) const {
        return m_screen.wait_for(
            [&](const Screen& screen) { return screen.row(screen.cursor().first) == trimmed(expected); }, timeout_ms);
    }
    // How many rows of the screen are exactly `expected`.
    int rows_equal(const std::string& expected) const {
        int count = 0;
        for (int row = 0; row < k_rows; ++row)
            count += m_screen.row(row) == expected;
        return count;
    }
    bool wait_prompts(int count, int timeout_ms = 10000) const {
        return m_screen.wait_for(
            [&](const Screen&) {
                int prompts = 0;
                for (int row = 0; row < k_rows; ++row)
                    prompts += m_screen.row(row).starts_with(trimmed(k_prompt));
                return prompts >= count && cursor_row() == trimmed(k_prompt);
            },
            timeout_ms);
    }
    void resize(int rows, int columns) const {
        winsize size{static_cast<unsigned short>(rows), static_cast<unsigned short>(columns), 0, 0};
        ::ioctl(m_master, TIOCSWINSZ, &size);
    }
    // Waits for the CLI to exit; its wait status, or -1 on timeout.
    int wait_exit(int timeout_ms = 10000) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_exited = true;
                return status;
            }
            std::this_thread::sleep_for(5ms);
        }
        return -1;
    }

private:
    void pump() {
        while (!m_stop) {
            pollfd poll_fd{m_master, POLLIN, 0};
            if (::poll(&poll_fd, 1, 20) <= 0)
                continue;
            char buffer[4096];
            ssize_t count = ::read(m_master, buffer, sizeof buffer);
            if (count <= 0)
                return;
            m_screen.feed(std::as_bytes(std::span(buffer, static_cast<size_t>(count))));
        }
    }

    Screen m_screen{k_rows, k_columns};
    int m_master{-1};
    pid_t m_pid{-1};
    bool m_exited{false};
    std::atomic<bool> m_stop{false};
    std::thread m_reader;
};

class Interactive : public ::testing::Test {
protected:
    void SetUp() override {
        m_session = std::make_unique<Session>(m_home);
        ASSERT_TRUE(m_session->started());
        ASSERT_TRUE(shell().wait_cursor_row(k_prompt)) << shell().text();
    }
    Session& shell() { return *m_session; }
    // Runs `command` and waits for the prompt after it.
    void run(const std::string& command) {
        shell().line(command);
        ASSERT_TRUE(shell().wait_cursor_row(k_prompt)) << shell().text();
    }

    HostHome m_home;
    std::unique_ptr<Session> m_session;
};

TEST_F(Interactive, DefaultPromptAndPromptEscapes) {
    EXPECT_EQ(shell().cursor_row(), trimmed(k_prompt));
    shell().line(R"(PS1='[\u@\h \W]\$ ')");
    ASSERT_TRUE(shell().wait_cursor_row("[user@sandbox ~]$ ")) << shell().text();
    shell().line("cd /tmp");
    ASSERT_TRUE(shell().wait_cursor_row("[user@sandbox tmp]$ ")) << shell().text();
    // Colours inside \[ \] take no room: editing keeps the cursor where the characters are.
    shell().line(R"(PS1='\[\e[1;32m\]\u\[\e[0m\]:\W\$ ')");
    ASSERT_TRUE(shell().wait_cursor_row("user:tmp$ ")) << shell().text();
    shell().keys("echo abc");
    shell().keys("\x01X\x1b[C\x1b[CY");
    ASSERT_TRUE(shell().wait_cursor_row("user:tmp$ XecYho abc")) << shell().text();
    EXPECT_EQ(shell().screen().cursor().second, 14);
    shell().keys("\x05\x15");
    shell().line(R"(PS1='\w \s-\v \$? $((6*7))\n> ')");
    ASSERT_TRUE(shell().wait_text("/tmp sh-5.2 $? 42")) << shell().text();
    EXPECT_TRUE(shell().wait_cursor_row("> ")) << shell().text();
}

TEST_F(Interactive, ReadsBashrcAndExpandsAliases) {
    shell().line("exit");
    ASSERT_NE(shell().wait_exit(), -1);
    m_home.write(".bashrc", "alias greet='echo hello from an alias'\nPS1='rc\\$ '\n");
    m_session = std::make_unique<Session>(m_home);
    ASSERT_TRUE(shell().wait_cursor_row("rc$ ")) << shell().text();
    shell().line("greet");
    EXPECT_TRUE(shell().wait_text("\nhello from an alias\nrc$")) << shell().text();
}

TEST_F(Interactive, ContinuationLinesUsePs2) {
    shell().line("for word in one two; do");
    ASSERT_TRUE(shell().wait_cursor_row("> ")) << shell().text();
    shell().line("echo \"got $word\"");
    ASSERT_TRUE(shell().wait_cursor_row("> ")) << shell().text();
    shell().line("done");
    ASSERT_TRUE(shell().wait_text("got one\ngot two\n" + std::string(k_prompt))) << shell().text();
}

TEST_F(Interactive, CursorMovementAndInsertion) {
    // ^A to the start, ^E to the end, ^B/^F and the arrow keys, Home/End.
    shell().keys("echo world");
    shell().keys("\x01");                 // ^A
    shell().keys("\x06\x06\x06\x06\x06"); // ^F x5: after "echo "
    shell().keys("hello ");
    shell().keys("\x05");                 // ^E
    shell().keys("\x02\x02\x02\x02\x02"); // ^B x5: before "world"
    shell().keys("big ");
    shell().keys("\x1b[F");               // End
    shell().keys("\x1b[D\x1b[D\x1b[C");   // Left Left Right
    shell().keys("!");                    // "worl!d"
    shell().keys("\x1b[H");               // Home
    shell().keys(":;");
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + ":;echo hello big worl!d")) << shell().text();
    shell().keys("\r");
    ASSERT_TRUE(shell().wait_text("\nhello big worl!d\n")) << shell().text();
}

TEST_F(Interactive, DeletingAndKilling) {
    shell().keys("echo abcXdef");
    shell().keys("\x1b[D\x1b[D\x1b[D\x7f");  // backspace the X
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "echo abcdef")) << shell().text();
    shell().keys("\x01\x04\x04\x04\x04\x04");  // ^D deletes under the cursor: "echo " is gone
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "abcdef")) << shell().text();
    shell().keys("\x15");  // ^U: kills to the start (nothing before the cursor here)
    shell().keys("\x0b");  // ^K: kills to the end
    ASSERT_TRUE(shell().wait_cursor_row(k_prompt)) << shell().text();
    shell().keys("echo one two three");
    shell().keys("\x17");  // ^W: the word before the cursor
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "echo one two ")) << shell().text();
    shell().keys("\x1b[D\x1b[D\x1b[D\x1b[D\x15");  // ^U from inside "two"
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "two ")) << shell().text();
    shell().keys("\x01");
    shell().keys("echo ");
    shell().keys("\x1b[3~");  // Delete: the "t"
    shell().keys("\r");
    ASSERT_TRUE(shell().wait_text("\nwo\n")) << shell().text();
}

TEST_F(Interactive, CtrlLClearsTheScreenAndKeepsTheLine) {
    run("echo before the clear");
    shell().keys("echo kept");
    shell().keys("\x0c");  // ^L
    ASSERT_TRUE(shell().screen().wait_for(
        [](const Screen& screen) { return screen.row(0) == std::string(k_prompt) + "echo kept"; }))
        << shell().text();
    EXPECT_EQ(shell().text().find("before the clear"), std::string::npos);
    shell().keys("\r");
    ASSERT_TRUE(shell().wait_text("\nkept\n")) << shell().text();
}

TEST_F(Interactive, HistoryUpDownAndTheHistoryBuiltin) {
    run("echo first");
    run("echo second");
    shell().keys("\x1b[A");  // Up
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "echo second")) << shell().text();
    shell().keys("\x1b[A");
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "echo first")) << shell().text();
    shell().keys("\x1b[B");  // Down
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "echo second")) << shell().text();
    shell().keys("\x1b[B");  // back to the (empty) line being edited
    ASSERT_TRUE(shell().wait_cursor_row(k_prompt)) << shell().text();
    shell().keys("\x10");  // ^P
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "echo second")) << shell().text();
    shell().keys(" again\r");
    ASSERT_TRUE(shell().wait_text("\nsecond again\n")) << shell().text();
    run("history");
    EXPECT_TRUE(shell().wait_text("    1  echo first\n    2  echo second\n    3  echo second again\n    4  history"))
        << shell().text();
}

TEST_F(Interactive, HistoryIsSavedAtExitAndLoadedNextTime) {
    run("echo from the first session");
    shell().line("exit");
    ASSERT_NE(shell().wait_exit(), -1);
    EXPECT_EQ(m_home.read(".bash_history"), "echo from the first session\nexit\n");
    m_session = std::make_unique<Session>(m_home);
    ASSERT_TRUE(shell().wait_cursor_row(k_prompt)) << shell().text();
    shell().keys("\x1b[A\x1b[A");
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "echo from the first session")) << shell().text();
    shell().keys("\x15");
    run("HISTFILE=/home/user/other; history 2");
    EXPECT_TRUE(shell().wait_text("    2  exit\n    3  HISTFILE=/home/user/other; history 2")) << shell().text();
    shell().line("exit");
    ASSERT_NE(shell().wait_exit(), -1);
    EXPECT_NE(m_home.read("other").find("HISTFILE=/home/user/other"), std::string::npos);
}

TEST_F(Interactive, TabCompletesCommands) {
    run("my_function_for_completion() { echo completed function; }");
    shell().keys("my_func\t");
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "my_function_for_completion ")) << shell().text();
    shell().keys("\x15");
    shell().keys("hist\t");  // a builtin
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "history ")) << shell().text();
    shell().keys("\x15");
    shell().keys("basen\t");  // a toolbox command found in PATH
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "basename ")) << shell().text();
    shell().keys("/x/y.txt\r");
    ASSERT_TRUE(shell().wait_text("\ny.txt\n")) << shell().text();
}

TEST_F(Interactive, TabCompletesPathsAndListsCandidatesOnTheSecondTab) {
    m_home.write("alpha_one.txt", "1\n");
    m_home.write("alpha_two.txt", "2\n");
    std::filesystem::create_directory(m_home.path() + "/beta dir");
    m_home.write("beta dir/inside", "inside\n");
    shell().keys("cat al\t");
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "cat alpha_")) << shell().text();
    shell().keys("\t");  // second tab: the candidates, then the prompt and the line again
    ASSERT_TRUE(shell().wait_text("alpha_one.txt  alpha_two.txt\n" + std::string(k_prompt) + "cat alpha_"))
        << shell().text();
    shell().keys("o\t");
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "cat alpha_one.txt ")) << shell().text();
    shell().keys("be\t");
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "cat alpha_one.txt beta\\ dir/")) << shell().text();
    shell().keys("i\t\r");
    ASSERT_TRUE(shell().wait_text("\n1\ninside\n")) << shell().text();
}

TEST_F(Interactive, CtrlCInterruptsAForegroundSleepQuickly) {
    shell().line("sleep 100");
    // sleep runs when the line is gone from the cursor's row (the cursor sits below it).
    ASSERT_TRUE(shell().screen().wait_for([](const Screen& screen) {
        return screen.row(0) == std::string(k_prompt) + "sleep 100" && screen.cursor().first == 1;
    })) << shell().text();
    std::this_thread::sleep_for(300ms);  // let sleep reach its blocking call
    auto sent = std::chrono::steady_clock::now();
    shell().keys("\x03");
    ASSERT_TRUE(shell().screen().wait_for(
        [](const Screen& screen) { return screen.row(2) == trimmed(k_prompt) && screen.cursor().first == 2; }, 5000))
        << shell().text();
    auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - sent);
    std::printf("^C during `sleep 100` -> new prompt in %.1f ms\n", static_cast<double>(took.count()) / 1000.0);
    EXPECT_LT(took.count(), 1'000'000);
    EXPECT_EQ(shell().screen().row(1), "^C");
    run("echo status $?");
    EXPECT_TRUE(shell().wait_text("status 130")) << shell().text();
}

TEST_F(Interactive, CtrlCEndsLoopsAndReadInTheShellItself) {
    shell().line("for i in 1 2 3; do sleep 10; echo after $i; done");
    std::this_thread::sleep_for(300ms);
    shell().keys("\x03");  // kills the sleep; the loop stops too
    ASSERT_TRUE(shell().wait_prompts(2)) << shell().text();
    shell().line("while :; do :; done");
    std::this_thread::sleep_for(300ms);
    shell().keys("\x03");  // the shell's own loop: SIGINT reaches the shell
    ASSERT_TRUE(shell().wait_prompts(3)) << shell().text();
    shell().line("read line");
    std::this_thread::sleep_for(300ms);
    shell().keys("\x03");
    ASSERT_TRUE(shell().wait_prompts(4)) << shell().text();
    run("echo status $?");
    EXPECT_TRUE(shell().wait_text("status 130")) << shell().text();
    EXPECT_EQ(shell().text().find("\nafter 1"), std::string::npos) << shell().text();
}

TEST_F(Interactive, APipelineStopsAndContinuesAsOneJob) {
    shell().line("sleep 100 | cat");
    std::this_thread::sleep_for(300ms);
    shell().keys("\x1a");
    ASSERT_TRUE(shell().wait_text("[1]+  Stopped                 sleep 100 | cat\n" + std::string(k_prompt)))
        << shell().text();
    shell().line("fg %sleep");
    ASSERT_TRUE(shell().wait_text("fg %sleep\nsleep 100 | cat")) << shell().text();
    std::this_thread::sleep_for(200ms);
    shell().keys("\x03");
    ASSERT_TRUE(shell().wait_cursor_row(k_prompt)) << shell().text();
    run("echo status $?");
    EXPECT_TRUE(shell().wait_text("\nstatus 130\n")) << shell().text();
}

TEST_F(Interactive, CtrlCAtThePromptDiscardsTheLine) {
    shell().keys("echo never printed");
    shell().keys("\x03");
    ASSERT_TRUE(shell().wait_prompts(2)) << shell().text();
    EXPECT_EQ(shell().screen().row(0), std::string(k_prompt) + "echo never printed^C");
    run("");
    EXPECT_EQ(shell().text().find("\nnever printed"), std::string::npos) << shell().text();
}

TEST_F(Interactive, CtrlZStopsAJobAndFgResumesIt) {
    shell().line("sleep 100");
    std::this_thread::sleep_for(300ms);
    shell().keys("\x1a");  // ^Z
    ASSERT_TRUE(shell().wait_text("[1]+  Stopped                 sleep 100\n" + std::string(k_prompt))) << shell().text();
    run("jobs");
    EXPECT_TRUE(shell().wait_text("jobs\n[1]+  Stopped                 sleep 100\n")) << shell().text();
    run("echo stopped status $?");
    shell().line("fg");
    ASSERT_TRUE(shell().wait_text("fg\nsleep 100")) << shell().text();
    std::this_thread::sleep_for(200ms);
    shell().keys("\x03");
    ASSERT_TRUE(shell().wait_cursor_row(k_prompt)) << shell().text();
    run("jobs; echo after fg $?");
    EXPECT_TRUE(shell().wait_text("\nafter fg 0\n")) << shell().text();
}

TEST_F(Interactive, PercentJobAndBgAndKillByJobspec) {
    shell().line("sleep 100");
    std::this_thread::sleep_for(300ms);
    shell().keys("\x1a");
    ASSERT_TRUE(shell().wait_text("Stopped                 sleep 100\n")) << shell().text();
    ASSERT_TRUE(shell().wait_cursor_row(k_prompt)) << shell().text();
    run("bg");
    EXPECT_TRUE(shell().wait_text("\n[1]+ sleep 100 &\n")) << shell().text();
    run("jobs");
    EXPECT_TRUE(shell().wait_text("\n[1]+  Running                 sleep 100 &\n")) << shell().text();
    shell().line("%1");
    ASSERT_TRUE(shell().wait_text("%1\nsleep 100")) << shell().text();
    std::this_thread::sleep_for(200ms);
    shell().keys("\x03");
    ASSERT_TRUE(shell().wait_cursor_row(k_prompt)) << shell().text();
    run("sleep 200 &");
    run("kill %1; wait %1; echo waited $?");
    EXPECT_TRUE(shell().wait_text("waited 143\n[1]+  Terminated              sleep 200\n" + std::string(k_prompt))) << shell().text();
}

TEST_F(Interactive, BackgroundJobsReportTheirPidAndDone) {
    run("sleep 0.3 &");
    EXPECT_TRUE(shell().screen().wait_for([](const Screen& screen) {
        for (int row = 0; row < k_rows; ++row)
            if (screen.row(row).starts_with("[1] ") && screen.row(row).size() > 4)
                return true;
        return false;
    })) << shell().text();
    std::this_thread::sleep_for(800ms);
    run("");
    EXPECT_TRUE(shell().wait_text("[1]+  Done                    sleep 0.3\n" + std::string(k_prompt))) << shell().text();
    run("sleep 0.2 & wait; echo waited $?");
    EXPECT_TRUE(shell().wait_text("waited 0")) << shell().text();
}

TEST_F(Interactive, ExitWithStoppedJobsWarnsOnce) {
    shell().line("sleep 100");
    std::this_thread::sleep_for(300ms);
    shell().keys("\x1a");
    ASSERT_TRUE(shell().wait_text("Stopped                 sleep 100\n")) << shell().text();
    ASSERT_TRUE(shell().wait_cursor_row(k_prompt)) << shell().text();
    run("exit");
    EXPECT_TRUE(shell().wait_text("exit\nexit\nThere are stopped jobs.\n" + std::string(k_prompt))) << shell().text();
    shell().line("exit");
    int status = shell().wait_exit();
    ASSERT_NE(status, -1) << shell().text();
    EXPECT_TRUE(WIFEXITED(status));
}

TEST_F(Interactive, CtrlDAtAnEmptyPromptExits) {
    run("false");
    shell().keys("echo x");
    shell().keys("\x01\x04");  // ^D on a non-empty line deletes a character
    ASSERT_TRUE(shell().wait_cursor_row(std::string(k_prompt) + "cho x")) << shell().text();
    shell().keys("\x05\x15\x04");  // ^E ^U empty the line: ^D ends the shell
    int status = shell().wait_exit();
    ASSERT_NE(status, -1) << shell().text();
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);  // the last command's status
    EXPECT_TRUE(shell().wait_text(std::string(k_prompt) + "exit")) << shell().text();
}

TEST_F(Interactive, WindowSizeChangesUpdateColumnsAndLines) {
    run("echo size $COLUMNS x $LINES");
    EXPECT_TRUE(shell().wait_text("size 80 x 24")) << shell().text();
    shell().resize(30, 100);
    std::this_thread::sleep_for(300ms);
    run("echo size $COLUMNS x $LINES");
    EXPECT_TRUE(shell().wait_text("size 100 x 30")) << shell().text();
}

TEST_F(Interactive, LongLinesWrapAndStayEditable) {
    std::string words;
    for (int i = 0; i < 12; ++i)
        words += "word" + std::to_string(i) + "xxxxxx ";  // 12 * 11 = 132 columns: two rows
    shell().keys("echo " + words);
    shell().keys("\x01");
    shell().keys("\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C");
    shell().keys("START ");
    shell().keys("\r");
    ASSERT_TRUE(shell().wait_text("\nSTART word0xxxxxx")) << shell().text();
    ASSERT_TRUE(shell().wait_cursor_row(k_prompt)) << shell().text();
}

}  // namespace
