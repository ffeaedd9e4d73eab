// Terminal attributes: defaults, ENOTTY/EINVAL, raw mode with VMIN/VTIME, TCSAFLUSH, echo,
// canonical editing, tcflush, and the window size with SIGWINCH. Linux n_tty.c and
// tty_ioctl.c are the reference.
#include <atomic>
#include <string>

#include "unit/kernel/support/screen.h"
#include "unit/kernel/tty/tty_test_support.h"

namespace secure_exec::testing {
namespace {

using namespace tty;
using namespace termios_flags;

using TermiosTest = TtyFixture;

TEST_F(TermiosTest, DefaultsAreCookedWithEchoAndSignals) {
    Termios replica_view, master_view;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        replica_view = CHECK_OK(k.tcgetattr(pid, pair.replica));
        master_view = CHECK_OK(k.tcgetattr(pid, pair.master));
        return 0;
    });
    ASSERT_EQ(code, 0);
    EXPECT_EQ(replica_view, master_view);
    EXPECT_EQ(replica_view, Termios::defaults());
    EXPECT_EQ(replica_view.lflag & (icanon | termios_flags::echo | isig), icanon | termios_flags::echo | isig);
    EXPECT_TRUE(replica_view.oflag & opost);
    EXPECT_TRUE(replica_view.oflag & onlcr);
    EXPECT_TRUE(replica_view.iflag & icrnl);
    EXPECT_EQ(replica_view.cc[cc::vintr], 3);
    EXPECT_EQ(replica_view.cc[cc::vquit], 0x1c);
    EXPECT_EQ(replica_view.cc[cc::veof], 4);
    EXPECT_EQ(replica_view.cc[cc::verase], 0x7f);
    EXPECT_EQ(replica_view.cc[cc::vsusp], 0x1a);
    EXPECT_EQ(replica_view.cc[cc::vmin], 1);
    EXPECT_EQ(replica_view.cc[cc::vtime], 0);
}

TEST_F(TermiosTest, NonTerminalsGiveEnotty) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid));
        int file = CHECK_OK(make_file(k, pid, "/tmp/not-a-tty", "text"));
        int null = CHECK_OK(k.open(pid, "/dev/null", o_rdwr));
        for (int fd : {r, w, file, null}) {
            SCOPED_TRACE("fd " + std::to_string(fd));
            EXPECT_EQ(err(k.tcgetattr(pid, fd)), "ENOTTY");
            EXPECT_EQ(err(k.tcsetattr(pid, fd, tcsa::now, Termios::defaults())), "ENOTTY");
            EXPECT_EQ(err(k.tcgetpgrp(pid, fd)), "ENOTTY");
            EXPECT_EQ(err(k.tcsetpgrp(pid, fd, pid)), "ENOTTY");
            EXPECT_EQ(err(k.get_window_size(pid, fd)), "ENOTTY");
            EXPECT_EQ(err(k.set_window_size(pid, fd, WindowSize{})), "ENOTTY");
            EXPECT_EQ(err(k.tcflush(pid, fd, tcflush_queue::both)), "ENOTTY");
            EXPECT_EQ(err(k.tcdrain(pid, fd)), "ENOTTY");
        }
        EXPECT_EQ(err(k.tcgetattr(pid, 77)), "EBADF");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(TermiosTest, BadActionOrQueueIsEinvalAndChangesNothing) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        Termios raw = raw_mode(Termios::defaults());
        EXPECT_EQ(err(k.tcsetattr(pid, pair.replica, 3, raw)), "EINVAL");
        EXPECT_EQ(err(k.tcsetattr(pid, pair.replica, -1, raw)), "EINVAL");
        EXPECT_EQ(CHECK_OK(k.tcgetattr(pid, pair.replica)), Termios::defaults());
        EXPECT_EQ(err(k.tcflush(pid, pair.replica, 3)), "EINVAL");
        EXPECT_EQ(err(k.tcflush(pid, pair.replica, -1)), "EINVAL");
        // Each valid action is accepted and takes effect.
        for (int action : {tcsa::now, tcsa::drain, tcsa::flush}) {
            Termios settings = Termios::defaults();
            settings.cc[cc::vmin] = static_cast<uint8_t>(2 + action);
            EXPECT_EQ(err(k.tcsetattr(pid, pair.replica, action, settings)), "ok");
            EXPECT_EQ(CHECK_OK(k.tcgetattr(pid, pair.master)), settings);
        }
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(TermiosTest, RawModeDeliversASingleByteAtOnce) {
    std::string got;
    long long took = 0;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        CHECK_OK(k.tcsetattr(pid, pair.replica, tcsa::now, raw_mode(CHECK_OK(k.tcgetattr(pid, pair.replica)))));
        CHECK_OK(k.write(pid, pair.master, as_bytes("x")));
        auto started = Clock::now();
        got = CHECK_OK(read_some(k, pid, pair.replica, 64));  // no newline needed
        took = ms_since(started);
        // No echo, and "\n" is just another byte (no line buffering).
        EXPECT_TRUE(nothing_to_read(k, pid, pair.master));
        CHECK_OK(k.write(pid, pair.master, as_bytes("\x7f")));  // no erase either
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "\x7f");
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(got, "x");
    EXPECT_LT(took, 100);
}

TEST_F(TermiosTest, Vmin0Vtime0ReturnsAtOnce) {
    long long took = -1;
    std::string later;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        CHECK_OK(k.tcsetattr(pid, pair.replica, tcsa::now, raw_mode(Termios::defaults(), 0, 0)));
        auto started = Clock::now();
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "");
        took = ms_since(started);
        CHECK_OK(k.write(pid, pair.master, as_bytes("ab")));
        later = CHECK_OK(read_some(k, pid, pair.replica, 64));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_GE(took, 0);
    EXPECT_LT(took, 50);
    EXPECT_EQ(later, "ab");
}

TEST_F(TermiosTest, Vmin0Vtime2TimesOutAfterTwoTenths) {
    long long took = -1, took_with_data = -1;
    std::string got;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        CHECK_OK(k.tcsetattr(pid, pair.replica, tcsa::now, raw_mode(Termios::defaults(), 0, 2)));
        auto started = Clock::now();
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "");
        took = ms_since(started);
        // With data queued the read does not wait for the timer.
        CHECK_OK(k.write(pid, pair.master, as_bytes("q")));
        started = Clock::now();
        got = CHECK_OK(read_some(k, pid, pair.replica, 64));
        took_with_data = ms_since(started);
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_GE(took, 150);
    EXPECT_LT(took, 1000);
    EXPECT_EQ(got, "q");
    EXPECT_LT(took_with_data, 100);
}

TEST_F(TermiosTest, VminWaitsForThatManyBytes) {
    std::string got;
    std::atomic<bool> returned{false};
    bool returned_early = true;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        CHECK_OK(k.tcsetattr(pid, pair.replica, tcsa::now, raw_mode(Termios::defaults(), 3, 0)));
        auto request = child([&](ProcessContext& c) {
            got = CHECK_OK(read_some(c.kernel(), c.pid(), 0, 64));
            returned = true;
            return 0;
        });
        request.stdin_fd = pair.replica;
        Pid reader = CHECK_OK(k.spawn(pid, request));
        CHECK_OK(k.write(pid, pair.master, as_bytes("ab")));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        returned_early = returned.load();
        CHECK_OK(k.write(pid, pair.master, as_bytes("cd")));
        EXPECT_EQ(wait_child(k, pid, reader), exited_text(0));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_FALSE(returned_early) << "a VMIN 3 read returned with 2 bytes";
    EXPECT_EQ(got, "abcd");
}

TEST_F(TermiosTest, TcsaflushDiscardsUnreadInput) {
    std::string got;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        Termios quiet = Termios::defaults();
        quiet.lflag &= ~termios_flags::echo;  // nothing for the master to drain
        CHECK_OK(k.tcsetattr(pid, pair.replica, tcsa::now, quiet));
        CHECK_OK(k.write(pid, pair.master, as_bytes("old line\npartial")));
        CHECK_OK(k.tcsetattr(pid, pair.replica, tcsa::flush, quiet));
        EXPECT_TRUE(nothing_to_read(k, pid, pair.replica));
        CHECK_OK(k.write(pid, pair.master, as_bytes("new\n")));
        got = CHECK_OK(read_some(k, pid, pair.replica, 64));
        // TCSANOW keeps queued input.
        CHECK_OK(k.write(pid, pair.master, as_bytes("kept\n")));
        CHECK_OK(k.tcsetattr(pid, pair.replica, tcsa::now, quiet));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "kept\n");
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(got, "new\n");
}

TEST_F(TermiosTest, EchoOffMeansTheMasterSeesNoEcho) {
    std::string replica_got, master_got;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        Termios settings = CHECK_OK(k.tcgetattr(pid, pair.replica));
        settings.lflag &= ~termios_flags::echo;
        CHECK_OK(k.tcsetattr(pid, pair.replica, tcsa::now, settings));
        CHECK_OK(k.write(pid, pair.master, as_bytes("secret\n")));
        replica_got = CHECK_OK(read_some(k, pid, pair.replica, 64));
        EXPECT_TRUE(nothing_to_read(k, pid, pair.master));
        CHECK_OK(k.write(pid, pair.replica, as_bytes("out\n")));
        master_got = read_bytes(k, pid, pair.master, 5);
        EXPECT_TRUE(nothing_to_read(k, pid, pair.master));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(replica_got, "secret\n");
    EXPECT_EQ(master_got, "out\r\n");
}

TEST_F(TermiosTest, CanonicalEraseEditsTheLineAndItsEcho) {
    std::string got, echo;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        CHECK_OK(k.write(pid, pair.master, as_bytes("ab\x7f")));
        CHECK_OK(k.write(pid, pair.master, as_bytes("c\n")));
        got = CHECK_OK(read_some(k, pid, pair.replica, 64));
        echo = read_until_text(k, pid, pair.master, "\r\n");
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(got, "ac\n");
    // What a user sees: the erased character is gone from the screen.
    Screen screen;
    screen.feed(as_bytes(echo));
    EXPECT_EQ(screen.row(0), "ac") << "echo bytes: " << ::testing::PrintToString(echo);
    EXPECT_EQ(screen.cursor(), std::make_pair(1, 0));
}

TEST_F(TermiosTest, CanonicalKillWordEraseAndEof) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        CHECK_OK(k.write(pid, pair.master, as_bytes("junk\x15ok\n")));  // ^U kills the line
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "ok\n");
        CHECK_OK(k.write(pid, pair.master, as_bytes("foo bar\x17" "baz\n")));  // ^W erases a word
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "foo baz\n");
        CHECK_OK(k.write(pid, pair.master, as_bytes("xyz\x04")));  // ^D ends the line, unterminated
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "xyz");
        CHECK_OK(k.write(pid, pair.master, as_bytes("\x04")));  // ^D on an empty line: EOF
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "");
        CHECK_OK(k.write(pid, pair.master, as_bytes("after\r")));  // ICRNL
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "after\n");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(TermiosTest, TcflushDiscardsTheChosenQueue) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        Termios quiet = Termios::defaults();
        quiet.lflag &= ~termios_flags::echo;
        CHECK_OK(k.tcsetattr(pid, pair.replica, tcsa::now, quiet));
        // Input only: the output stays.
        CHECK_OK(k.write(pid, pair.master, as_bytes("in1\n")));
        CHECK_OK(k.write(pid, pair.replica, as_bytes("out1\n")));
        CHECK_OK(k.tcflush(pid, pair.replica, tcflush_queue::input));
        EXPECT_TRUE(nothing_to_read(k, pid, pair.replica));
        EXPECT_EQ(read_bytes(k, pid, pair.master, 6), "out1\r\n");
        // Output only (through the master's descriptor): the input stays.
        CHECK_OK(k.write(pid, pair.master, as_bytes("in2\n")));
        CHECK_OK(k.write(pid, pair.replica, as_bytes("out2\n")));
        CHECK_OK(k.tcflush(pid, pair.master, tcflush_queue::output));
        EXPECT_TRUE(nothing_to_read(k, pid, pair.master));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "in2\n");
        // Both.
        CHECK_OK(k.write(pid, pair.master, as_bytes("in3\n")));
        CHECK_OK(k.write(pid, pair.replica, as_bytes("out3\n")));
        CHECK_OK(k.tcflush(pid, pair.replica, tcflush_queue::both));
        EXPECT_TRUE(nothing_to_read(k, pid, pair.replica));
        EXPECT_TRUE(nothing_to_read(k, pid, pair.master));
        // The pair still works afterwards.
        CHECK_OK(k.write(pid, pair.master, as_bytes("in4\n")));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "in4\n");
        // tcdrain returns once the master has read everything.
        CHECK_OK(k.tcdrain(pid, pair.replica));
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(TermiosTest, WindowSizeGetAndSet) {
    WindowSize initial, through_master, through_replica;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        initial = CHECK_OK(k.get_window_size(pid, pair.replica));
        CHECK_OK(k.set_window_size(pid, pair.master, WindowSize{.rows = 40, .columns = 100}));
        through_replica = CHECK_OK(k.get_window_size(pid, pair.replica));
        CHECK_OK(k.set_window_size(pid, pair.replica, WindowSize{.rows = 10, .columns = 20, .x_pixels = 7}));
        through_master = CHECK_OK(k.get_window_size(pid, pair.master));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(initial.rows, 24);
    EXPECT_EQ(initial.columns, 80);
    EXPECT_EQ(through_replica, (WindowSize{.rows = 40, .columns = 100}));
    EXPECT_EQ(through_master, (WindowSize{.rows = 10, .columns = 20, .x_pixels = 7}));
}

TEST_F(TermiosTest, SigwinchGoesToTheForegroundGroupOnlyWhenTheSizeChanges) {
    run_as_root();  // opens /dev/pts/N by path: see PtyTest.ReplicaPathOpensForTheUserWhoOpenedThePair
    std::atomic<int> leader_winches{0}, background_winches{0};
    std::atomic<bool> ready{false}, stop{false}, background_armed{false};
    std::atomic<int> harness_winches{0};
    std::string leader_status;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        // The harness is not in the terminal's session: it must not get SIGWINCH either.
        CHECK_OK(k.sigaction(pid, signals::sigwinch, handle_signal()));
        Pair pair = CHECK_OK(open_pair(k, pid));
        std::string path = pair.path;
        auto count_winches = [&stop](ProcessContext& c, std::atomic<int>& counter) {
            while (!stop) {
                if (c.kernel().sleep(c.pid(), 2'000'000).is_error()) {
                    if (c.terminated())
                        return 1;
                    while (true) {
                        auto taken = c.kernel().take_signal(c.pid());
                        if (taken.is_error() || !taken.value())
                            break;
                        if (taken.value()->signal == signals::sigwinch)
                            ++counter;
                    }
                }
            }
            return 0;
        };
        Pid leader = CHECK_OK(k.spawn(pid, child([&, path](ProcessContext& c) {
            auto& ck = c.kernel();
            Pid self = c.pid();
            CHECK_OK(ck.setsid(self));
            int fd = CHECK_OK(ck.open(self, path, o_rdwr));
            CHECK_OK(ck.sigaction(self, signals::sigwinch, handle_signal()));
            // A background group in the same session.
            auto request = child([&](ProcessContext& b) {
                CHECK_OK(b.kernel().setpgid(b.pid(), 0, 0));
                CHECK_OK(b.kernel().sigaction(b.pid(), signals::sigwinch, handle_signal()));
                background_armed = true;
                return count_winches(b, background_winches);
            });
            request.stdin_fd = fd;
            Pid background = CHECK_OK(ck.spawn(self, request));
            CHECK_OK(ck.setpgid(self, background, background));
            EXPECT_EQ(CHECK_OK(ck.tcgetpgrp(self, fd)), self);
            EXPECT_TRUE(wait_until([&] { return background_armed.load(); }));
            ready = true;
            int result = count_winches(c, leader_winches);
            EXPECT_EQ(wait_child(ck, self, background), exited_text(0));
            return result;
        })));
        EXPECT_TRUE(wait_until([&] { return ready.load(); }));
        CHECK_OK(k.set_window_size(pid, pair.master, WindowSize{.rows = 40, .columns = 100}));
        EXPECT_TRUE(wait_until([&] { return leader_winches.load() == 1; })) << leader_winches.load();
        // The same size again: no signal.
        CHECK_OK(k.set_window_size(pid, pair.master, WindowSize{.rows = 40, .columns = 100}));
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        EXPECT_EQ(leader_winches.load(), 1);
        CHECK_OK(k.set_window_size(pid, pair.master, WindowSize{.rows = 41, .columns = 100}));
        EXPECT_TRUE(wait_until([&] { return leader_winches.load() == 2; })) << leader_winches.load();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        stop = true;
        leader_status = wait_child(k, pid, leader);
        SignalSet pending = CHECK_OK(k.sigpending(pid));
        auto taken = CHECK_OK(k.take_signal(pid));
        harness_winches = ((pending & signal_bit(signals::sigwinch)) || (taken && taken->signal == signals::sigwinch)) ? 1 : 0;
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(leader_status, exited_text(0));
    EXPECT_EQ(leader_winches.load(), 2);
    EXPECT_EQ(background_winches.load(), 0) << "a background group got SIGWINCH";
    EXPECT_EQ(harness_winches.load(), 0) << "a process outside the session got SIGWINCH";
}

}  // namespace
}  // namespace secure_exec::testing
