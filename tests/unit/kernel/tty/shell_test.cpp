// Kernel::open_shell with a small interactive test shell ("tsh", C++ on the FunctionDriver),
// checked on a libvterm screen as a user would see it: prompt, echo, line editing, ^C at the
// prompt and for a foreground job, ^D, exit status, resize/SIGWINCH, wrapping, raw mode, several
// shells at once, and a 1 MiB flood with typeahead.
#include <atomic>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "unit/kernel/support/screen.h"
#include "unit/kernel/tty/tty_test_support.h"

namespace secure_exec::testing {
namespace {

using namespace tty;

// Writes all of `text` to fd 1, retrying after a handled signal (EINTR) as SA_RESTART would.
// `on_signal` takes the pending signals.
ErrorOr<void> put(ProcessContext& p, std::string_view text, const std::function<void()>& on_signal) {
    while (!text.empty()) {
        auto written = p.kernel().write(p.pid(), 1, as_bytes(text));
        if (written.is_error()) {
            if (written.error() != Errno::eintr || p.terminated())
                return written.error();
            on_signal();
            continue;
        }
        text.remove_prefix(written.value());
    }
    return {};
}

class ShellTest : public TtyFixture {
protected:
    void SetUp() override {
        TtyFixture::SetUp();
        add("tsh", [](ProcessContext& p) { return tsh(p); });
        // "sleeper MS": a foreground job. It reports once it owns the terminal, so a test's ^C
        // cannot race the shell's tcsetpgrp.
        add("sleeper", [this](ProcessContext& p) {
            auto& k = p.kernel();
            Pid self = p.pid();
            CHECK_OK(k.setpgid(self, 0, 0));
            if (wait_until([&] {
                    auto group = k.tcgetpgrp(self, 0);
                    return !group.is_error() && group.value() == self;
                }, 1000))
                m_foreground_job = self;
            uint64_t ms = std::stoull(p.argv().at(1));
            return k.sleep(self, ms * 1'000'000).is_error() ? 1 : 0;
        });
    }

    // The test shell. Builtins: echo X, exit N, sleep MS (a foreground job), size, winch (how
    // many SIGWINCH it took), raw (hex-echo bytes until 'q'), flood N (N numbered 64-byte lines).
    static int tsh(ProcessContext& p) {
        auto& k = p.kernel();
        Pid self = p.pid();
        CHECK_OK(k.sigaction(self, signals::sigint, handle_signal()));
        CHECK_OK(k.sigaction(self, signals::sigwinch, handle_signal()));
        CHECK_OK(k.sigaction(self, signals::sigttou, ignore_signal()));  // to take the terminal back
        int winches = 0;
        bool interrupted = false;
        auto take_signals = [&] {
            while (true) {
                auto taken = k.take_signal(self);
                if (taken.is_error() || !taken.value())
                    return;
                if (taken.value()->signal == signals::sigint)
                    interrupted = true;
                else if (taken.value()->signal == signals::sigwinch)
                    ++winches;
            }
        };
        auto out = [&](std::string_view text) { return put(p, text, take_signals); };
        CHECK_OK(out("$ "));
        std::string buffer(4096, '\0');
        while (true) {
            auto count = k.read(self, 0, std::as_writable_bytes(std::span(buffer)));
            if (count.is_error()) {
                if (count.error() != Errno::eintr || p.terminated())
                    return 2;
                interrupted = false;
                take_signals();
                if (interrupted)
                    CHECK_OK(out("\n$ "));
                continue;
            }
            take_signals();
            if (count.value() == 0)
                return 0;  // ^D on an empty line
            std::string line = buffer.substr(0, count.value());
            if (!line.empty() && line.back() == '\n')
                line.pop_back();
            std::string command = line.substr(0, line.find(' '));
            std::string argument = line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
            if (command == "echo") {
                CHECK_OK(out(argument + "\n"));
            } else if (command == "exit") {
                return std::stoi(argument);
            } else if (command == "size") {
                auto size = CHECK_OK(k.get_window_size(self, 0));
                CHECK_OK(out(std::to_string(size.columns) + "x" + std::to_string(size.rows) + "\n"));
            } else if (command == "winch") {
                CHECK_OK(out("winch " + std::to_string(winches) + "\n"));
            } else if (command == "sleep") {
                SpawnRequest request;
                request.command = "sleeper";
                request.args = {argument};
                Pid job = CHECK_OK(k.spawn(self, request));
                CHECK_OK(k.setpgid(self, job, job));
                CHECK_OK(k.tcsetpgrp(self, 0, job));
                WaitResult result;
                while (true) {
                    auto waited = k.waitpid(self, job, wuntraced);
                    if (!waited.is_error()) {
                        result = waited.value();
                        break;
                    }
                    if (waited.error() != Errno::eintr || p.terminated())
                        return 3;
                    take_signals();
                }
                CHECK_OK(k.tcsetpgrp(self, 0, CHECK_OK(k.getpgid(self, 0))));
                if (wait_status::if_signaled(result.status) && wait_status::term_signal(result.status) == signals::sigint)
                    CHECK_OK(out("\n[interrupted]\n"));
                else
                    CHECK_OK(out("[" + status_text(result.status) + "]\n"));
            } else if (command == "raw") {
                Termios saved = CHECK_OK(k.tcgetattr(self, 0));
                CHECK_OK(k.tcsetattr(self, 0, tcsa::now, raw_mode(saved, 1, 0)));
                CHECK_OK(out("[raw]\n"));
                bool done = false;
                while (!done) {
                    std::byte byte[16];
                    auto got = k.read(self, 0, byte);
                    if (got.is_error()) {
                        if (got.error() != Errno::eintr || p.terminated())
                            return 4;
                        take_signals();
                        continue;
                    }
                    if (got.value() == 0)
                        break;
                    for (size_t i = 0; i < got.value() && !done; ++i) {
                        auto value = static_cast<unsigned>(byte[i]);
                        if (value == 'q') {
                            done = true;
                            break;
                        }
                        char hex[8];
                        std::snprintf(hex, sizeof hex, "<%02X>", value);
                        CHECK_OK(out(hex));
                    }
                }
                CHECK_OK(k.tcsetattr(self, 0, tcsa::now, saved));
                CHECK_OK(out("\n"));
            } else if (command == "flood") {
                std::string text = numbered_lines(std::stoul(argument), 64);
                for (size_t at = 0; at < text.size(); at += 65536)
                    CHECK_OK(out(std::string_view(text).substr(at, 65536)));
            } else if (!command.empty()) {
                CHECK_OK(out("tsh: " + command + ": not found\n"));
            }
            CHECK_OK(out("$ "));
        }
    }

    std::unique_ptr<ShellHandle> open_tsh(Screen& screen, ShellOptions options = {}) {
        options.command = "tsh";
        options.on_data = [&screen](std::span<const std::byte> bytes) { screen.feed(bytes); };
        auto shell = kernel().open_shell(std::move(options));
        if (shell.is_error()) {
            ADD_FAILURE() << "open_shell: " << errno_name(shell.error());
            return nullptr;
        }
        return shell.release_value();
    }

    static bool type(ShellHandle& shell, std::string_view keys) { return !shell.write(as_bytes(keys)).is_error(); }

    // Waits until the screen's non-empty text ends with `tail` (rows joined by '\n').
    static bool shows_tail(const Screen& screen, const std::string& tail, int timeout_ms = 10000) {
        return screen.wait_for([&](const Screen& s) {
            std::string text = s.text();
            return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
        }, timeout_ms);
    }

    std::atomic<Pid> m_foreground_job{0};
};

TEST_F(ShellTest, PromptAppears) {
    Screen screen;
    auto shell = open_tsh(screen);
    ASSERT_TRUE(shell);
    EXPECT_TRUE(screen.wait_for([](const Screen& s) { return s.row(0) == "$"; })) << screen.text();
    EXPECT_EQ(screen.cursor(), std::make_pair(0, 2));
    EXPECT_EQ(screen.raw(), "$ ");
    EXPECT_FALSE(shell->wait_for(0).has_value());
}

TEST_F(ShellTest, EchoCommandShowsItsOutput) {
    Screen screen;
    auto shell = open_tsh(screen);
    ASSERT_TRUE(shell);
    ASSERT_TRUE(screen.wait_for_text("$"));
    ASSERT_TRUE(type(*shell, "echo hello\n"));
    EXPECT_TRUE(shows_tail(screen, "$ echo hello\nhello\n$")) << screen.text();
    EXPECT_EQ(screen.cursor(), std::make_pair(2, 2));
}

TEST_F(ShellTest, EraseCorrectsTheLineBeforeTheShellSeesIt) {
    Screen screen;
    auto shell = open_tsh(screen);
    ASSERT_TRUE(shell);
    ASSERT_TRUE(screen.wait_for_text("$"));
    ASSERT_TRUE(type(*shell, "echo ab"));
    ASSERT_TRUE(screen.wait_for([](const Screen& s) { return s.row(0) == "$ echo ab"; }));
    ASSERT_TRUE(type(*shell, "\x7f"));
    EXPECT_TRUE(screen.wait_for([](const Screen& s) { return s.row(0) == "$ echo a"; })) << screen.text();
    ASSERT_TRUE(type(*shell, "c\n"));
    EXPECT_TRUE(shows_tail(screen, "$ echo ac\nac\n$")) << screen.text();
}

TEST_F(ShellTest, CtrlCAtThePromptDiscardsTheLine) {
    Screen screen;
    auto shell = open_tsh(screen);
    ASSERT_TRUE(shell);
    ASSERT_TRUE(screen.wait_for_text("$"));
    ASSERT_TRUE(type(*shell, "echo discarded"));
    ASSERT_TRUE(screen.wait_for_text("discarded"));
    ASSERT_TRUE(type(*shell, "\x03"));
    EXPECT_TRUE(shows_tail(screen, "$ echo discarded^C\n$")) << screen.text();
    EXPECT_FALSE(shell->wait_for(0).has_value()) << "^C killed the shell";
    ASSERT_TRUE(type(*shell, "echo next\n"));
    EXPECT_TRUE(shows_tail(screen, "$ echo next\nnext\n$")) << screen.text();
    EXPECT_EQ(screen.text(), "$ echo discarded^C\n$ echo next\nnext\n$");
}

TEST_F(ShellTest, CtrlCInterruptsAForegroundJobWithin100ms) {
    Screen screen;
    auto shell = open_tsh(screen);
    ASSERT_TRUE(shell);
    ASSERT_TRUE(screen.wait_for_text("$"));
    ASSERT_TRUE(type(*shell, "sleep 100000\n"));
    ASSERT_TRUE(wait_until([&] { return m_foreground_job.load() != 0; })) << "the job never owned the terminal";
    auto started = Clock::now();
    ASSERT_TRUE(type(*shell, "\x03"));
    bool prompt = shows_tail(screen, "[interrupted]\n$", 1000);
    long long took = ms_since(started);
    EXPECT_TRUE(prompt) << screen.text();
    EXPECT_LT(took, 100);
    EXPECT_FALSE(shell->wait_for(0).has_value()) << "^C reached the shell, not only its job";
    // The shell has the terminal back: it reads and runs the next line.
    ASSERT_TRUE(type(*shell, "echo back\n"));
    EXPECT_TRUE(shows_tail(screen, "$ echo back\nback\n$")) << screen.text();
}

TEST_F(ShellTest, CtrlDAtAnEmptyPromptExitsWithZero) {
    Screen screen;
    auto shell = open_tsh(screen);
    ASSERT_TRUE(shell);
    ASSERT_TRUE(screen.wait_for_text("$"));
    ASSERT_TRUE(type(*shell, "\x04"));
    auto status = shell->wait_for(2000);
    ASSERT_TRUE(status.has_value()) << "^D did not end the shell";
    EXPECT_EQ(status_text(*status), exited_text(0));
}

TEST_F(ShellTest, ExitStatusIsReported) {
    Screen screen;
    auto shell = open_tsh(screen);
    ASSERT_TRUE(shell);
    ASSERT_TRUE(screen.wait_for_text("$"));
    ASSERT_TRUE(type(*shell, "exit 3\n"));
    auto status = shell->wait_for(2000);
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(status_text(*status), exited_text(3));
    EXPECT_EQ(status_text(shell->wait()), exited_text(3));
    EXPECT_EQ(screen.text(), "$ exit 3");
}

TEST_F(ShellTest, ResizeReachesTheShellWithSigwinch) {
    Screen screen;
    ShellOptions options;
    options.columns = 80;
    options.rows = 24;
    auto shell = open_tsh(screen, options);
    ASSERT_TRUE(shell);
    ASSERT_TRUE(screen.wait_for_text("$"));
    // Each step waits for the whole screen, so an answer cannot be mistaken for an earlier one.
    std::string expected = "$";
    auto run_command = [&](const std::string& command, const std::string& output) {
        EXPECT_TRUE(type(*shell, command + "\n"));
        expected += " " + command + "\n" + output + "\n$";
        return screen.wait_for([&](const Screen& s) { return s.text() == expected; });
    };
    EXPECT_TRUE(run_command("size", "80x24")) << screen.text();
    ASSERT_FALSE(shell->resize(100, 40).is_error());
    EXPECT_TRUE(run_command("size", "100x40")) << screen.text();
    EXPECT_TRUE(run_command("winch", "winch 1")) << screen.text();
    // The same size again sends nothing; a new size does.
    ASSERT_FALSE(shell->resize(100, 40).is_error());
    EXPECT_TRUE(run_command("winch", "winch 1")) << screen.text();
    ASSERT_FALSE(shell->resize(90, 30).is_error());
    EXPECT_TRUE(run_command("winch", "winch 2")) << screen.text();
    EXPECT_TRUE(run_command("size", "90x30")) << screen.text();
    EXPECT_FALSE(shell->wait_for(0).has_value());
}

TEST_F(ShellTest, LongLinesWrapOntoTheNextRow) {
    Screen screen;
    auto shell = open_tsh(screen);
    ASSERT_TRUE(shell);
    ASSERT_TRUE(screen.wait_for_text("$"));
    std::string word(100, 'x');
    ASSERT_TRUE(type(*shell, "echo " + word + "\n"));
    std::string expected = "$ echo " + word.substr(0, 73) + "\n" + word.substr(0, 27) + "\n" + word.substr(0, 80) +
                           "\n" + word.substr(0, 20) + "\n$";
    EXPECT_TRUE(shows_tail(screen, expected)) << screen.text();
    EXPECT_EQ(screen.text(), expected);
}

TEST_F(ShellTest, RawModeDeliversEachByteAtOnce) {
    Screen screen;
    auto shell = open_tsh(screen);
    ASSERT_TRUE(shell);
    ASSERT_TRUE(screen.wait_for_text("$"));
    ASSERT_TRUE(type(*shell, "raw\n"));
    ASSERT_TRUE(shows_tail(screen, "$ raw\n[raw]")) << screen.text();
    ASSERT_TRUE(type(*shell, "a"));
    EXPECT_TRUE(shows_tail(screen, "[raw]\n<61>")) << screen.text();
    EXPECT_EQ(screen.cursor(), std::make_pair(2, 4)) << "a newline or an echo followed the byte";
    ASSERT_TRUE(type(*shell, "b\x7f"));  // DEL is a byte like any other
    EXPECT_TRUE(shows_tail(screen, "[raw]\n<61><62><7F>")) << screen.text();
    ASSERT_TRUE(type(*shell, "q"));
    ASSERT_TRUE(shows_tail(screen, "<61><62><7F>\n$")) << screen.text();
    // The shell restored cooked mode: echo and line editing are back.
    ASSERT_TRUE(type(*shell, "echo coox\x7fked\n"));
    EXPECT_TRUE(shows_tail(screen, "$ echo cooked\ncooked\n$")) << screen.text();
}

TEST_F(ShellTest, FourShellsAtOnceSeeTheirOwnOutput) {
    constexpr int k_shells = 4;
    std::vector<std::unique_ptr<Screen>> screens;
    std::vector<std::unique_ptr<ShellHandle>> shells;
    for (int i = 0; i < k_shells; ++i) {
        screens.push_back(std::make_unique<Screen>());
        shells.push_back(open_tsh(*screens.back()));
        ASSERT_TRUE(shells.back());
    }
    std::set<Pid> pids;
    for (auto& shell : shells)
        pids.insert(shell->pid());
    EXPECT_EQ(pids.size(), static_cast<size_t>(k_shells));
    for (int i = 0; i < k_shells; ++i)
        ASSERT_TRUE(screens[i]->wait_for_text("$"));
    for (int i = 0; i < k_shells; ++i)
        ASSERT_TRUE(type(*shells[i], "echo shell-" + std::to_string(i) + "\n"));
    for (int i = 0; i < k_shells; ++i) {
        std::string n = std::to_string(i);
        EXPECT_TRUE(shows_tail(*screens[i], "$ echo shell-" + n + "\nshell-" + n + "\n$")) << screens[i]->text();
        EXPECT_EQ(screens[i]->text(), "$ echo shell-" + n + "\nshell-" + n + "\n$");
    }
    for (int i = 0; i < k_shells; ++i)
        ASSERT_TRUE(type(*shells[i], "exit " + std::to_string(10 + i) + "\n"));
    for (int i = 0; i < k_shells; ++i) {
        auto status = shells[i]->wait_for(2000);
        ASSERT_TRUE(status.has_value());
        EXPECT_EQ(status_text(*status), exited_text(10 + i));
    }
}

TEST_F(ShellTest, FloodOfOneMebibyteArrivesComplete) {
    constexpr size_t k_lines = 16384;  // 64 bytes each: 1 MiB
    const std::string expected = numbered_lines(k_lines, 64, "\r\n");
    const std::string last_line = numbered_lines(k_lines, 64).substr((k_lines - 1) * 64, 63);
    Screen screen;
    auto shell = open_tsh(screen);
    ASSERT_TRUE(shell);
    ASSERT_TRUE(screen.wait_for_text("$"));
    ASSERT_TRUE(type(*shell, "flood " + std::to_string(k_lines) + "\n"));
    EXPECT_TRUE(screen.wait_for([&](const Screen& s) {
        std::string raw = s.raw();
        return raw.size() > expected.size() && raw.compare(raw.size() - 4, 4, "\r\n$ ") == 0;
    }, 10000)) << "raw bytes so far: " << screen.raw().size();
    std::string raw = screen.raw();
    const std::string command_echo = "$ flood " + std::to_string(k_lines) + "\r\n";
    ASSERT_EQ(raw.compare(0, command_echo.size(), command_echo), 0);
    EXPECT_EQ(raw.size(), command_echo.size() + expected.size() + 2) << "bytes lost or added";
    EXPECT_TRUE(raw.compare(command_echo.size(), expected.size(), expected) == 0) << "the lines are not all there in order";
    EXPECT_TRUE(shows_tail(screen, last_line + "\n$")) << screen.text();
}

TEST_F(ShellTest, TypingWhileTheShellIsBusyStillWorks) {
    Screen screen;
    auto shell = open_tsh(screen);
    ASSERT_TRUE(shell);
    ASSERT_TRUE(screen.wait_for_text("$"));
    ASSERT_TRUE(type(*shell, "flood 16384\n"));
    ASSERT_TRUE(screen.wait_for([](const Screen& s) { return s.raw().size() > 200000; }));
    ASSERT_TRUE(type(*shell, "echo typed\n"));  // typeahead, echoed into the flood
    EXPECT_TRUE(shows_tail(screen, "$ typed\n$", 10000)) << screen.text();
    EXPECT_NE(screen.raw().find("echo typed\r\n"), std::string::npos) << "the typeahead was not echoed";
    ASSERT_TRUE(type(*shell, "echo af"));
    ASSERT_TRUE(type(*shell, "x\x7fter\n"));
    EXPECT_TRUE(shows_tail(screen, "$ typed\n$ echo after\nafter\n$")) << screen.text();
    EXPECT_FALSE(shell->wait_for(0).has_value());
}

}  // namespace
}  // namespace secure_exec::testing
