// Job control on a pseudo-terminal: acquiring a controlling terminal (O_NOCTTY, /dev/tty),
// tcgetpgrp/tcsetpgrp and their errors, ^C ^\ ^Z to the foreground group only, SIGTTIN/SIGTTOU
// for background groups, and SIGHUP when the session leader exits. Linux tty_jobctrl.c is the
// reference.
//
// Each test runs a harness process (outside the terminal's session) that owns the master, and a
// session leader child that opens /dev/pts/N and starts jobs in their own process groups, as a
// shell does. Shared atomics in the test coordinate the steps; every wait has a deadline.
#include <atomic>
#include <string>

#include "unit/kernel/tty/tty_test_support.h"

namespace secure_exec::testing {
namespace {

using namespace tty;

class PtyJobControl : public TtyFixture {
protected:
    void SetUp() override {
        // Opens /dev/pts/N by path: see PtyTest.ReplicaPathOpensForTheUserWhoOpenedThePair.
        run_as_root();
        TtyFixture::SetUp();
    }

    // In the harness `p`: opens a pair, spawns a session leader that opens the replica without
    // O_NOCTTY (acquiring it) and runs `leader(c, tty_fd)`, runs `harness(pair)`, then waits for
    // the leader. Returns the leader's wait status as text.
    std::string with_session(ProcessContext& p, std::function<int(ProcessContext&, int)> leader,
                             std::function<void(const Pair&)> harness) {
        auto& k = p.kernel();
        auto pair = open_pair(k, p.pid());
        if (pair.is_error())
            return "openpty: " + std::string(errno_name(pair.error()));
        std::string path = pair.value().path;
        auto spawned = k.spawn(p.pid(), child([leader, path](ProcessContext& c) {
            auto& ck = c.kernel();
            CHECK_OK(ck.setsid(c.pid()));
            int fd = CHECK_OK(ck.open(c.pid(), path, o_rdwr));
            return leader(c, fd);
        }));
        if (spawned.is_error())
            return "spawn: " + std::string(errno_name(spawned.error()));
        harness(pair.value());
        return wait_child(k, p.pid(), spawned.value());
    }

    // Spawns a job in its own process group with the terminal as stdio. Both sides call setpgid,
    // as shells do, so the group exists whichever runs first.
    ErrorOr<Pid> spawn_job(ProcessContext& c, int tty, FunctionDriver::Function body) {
        auto request = child([body](ProcessContext& job) {
            // EINTR here just means a signal for the group arrived before the job got going.
            if (job.kernel().setpgid(job.pid(), 0, 0).is_error() && job.terminated())
                return 1;
            return body(job);
        });
        request.stdin_fd = request.stdout_fd = request.stderr_fd = tty;
        Pid job = TRY(c.kernel().spawn(c.pid(), request));
        TRY(c.kernel().setpgid(c.pid(), job, job));
        return job;
    }
};

// A job that reads its terminal until it gets data, retrying after a stop (EINTR), as a libc
// read restarted by SA_RESTART would. Records the outcome in `result`.
FunctionDriver::Function reading_job(std::string& result) {
    return [&result](ProcessContext& job) {
        std::string buffer(64, '\0');
        while (true) {
            auto count = job.kernel().read(job.pid(), 0, std::as_writable_bytes(std::span(buffer)));
            if (!count.is_error()) {
                result = "read:" + buffer.substr(0, count.value());
                return 0;
            }
            if (count.error() != Errno::eintr || job.terminated()) {
                result = std::string(errno_name(count.error()));
                return 0;
            }
        }
    };
}

TEST_F(PtyJobControl, SessionLeaderAcquiresItsTerminalAndDevTtyOpens) {
    std::string before, dev_tty, pgrp, harness_get, harness_set, from_master;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        std::string path = pair.path;
        Pid leader = CHECK_OK(k.spawn(pid, child([&, path](ProcessContext& c) {
            auto& ck = c.kernel();
            Pid self = c.pid();
            CHECK_OK(ck.setsid(self));
            before = err(ck.open(self, "/dev/tty", o_rdwr));  // no controlling terminal yet
            int fd = CHECK_OK(ck.open(self, path, o_rdwr));
            Pid group = CHECK_OK(ck.tcgetpgrp(self, fd));
            pgrp = group == CHECK_OK(ck.getpgid(self, 0)) && group == self ? "own group" : std::to_string(group);
            auto tty = ck.open(self, "/dev/tty", o_rdwr);
            dev_tty = tty.is_error() ? std::string(errno_name(tty.error())) : "ok";
            if (!tty.is_error()) {
                EXPECT_TRUE(CHECK_OK(ck.isatty(self, tty.value())));
                CHECK_OK(c.write_text(tty.value(), "via tty\n"));
            }
            return 0;
        })));
        EXPECT_EQ(wait_child(k, pid, leader), exited_text(0));
        from_master = read_until_text(k, pid, pair.master, "via tty\r\n");
        // The harness is in another session: the terminal is not its controlling terminal.
        harness_get = err(k.tcgetpgrp(pid, pair.master));
        harness_set = err(k.tcsetpgrp(pid, pair.replica, pid));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(before, "ENXIO");
    EXPECT_EQ(pgrp, "own group");
    EXPECT_EQ(dev_tty, "ok");
    EXPECT_EQ(from_master, "via tty\r\n");
    EXPECT_EQ(harness_get, "ENOTTY");
    EXPECT_EQ(harness_set, "ENOTTY");
}

// posix_spawn-style job setup: the child is in its own group and in the foreground before it
// runs its first instruction, so it never races the shell's setpgid/tcsetpgrp.
TEST_F(PtyJobControl, SpawnCanStartAJobInItsOwnForegroundGroup) {
    std::string seen, back, bad_group;
    std::string status;
    int code = run([&](ProcessContext& p) {
        status = with_session(p, [&](ProcessContext& c, int tty) {
            auto& ck = c.kernel();
            CHECK_OK(ck.sigaction(c.pid(), signals::sigttou, ignore_signal()));
            auto request = child([](ProcessContext& job) {
                Pid self = job.pid();
                bool own = MUST(job.kernel().getpgid(self, 0)) == self && MUST(job.kernel().tcgetpgrp(self, 0)) == self;
                return own ? 0 : 1;
            });
            request.stdin_fd = request.stdout_fd = request.stderr_fd = tty;
            request.process_group = 0;
            request.foreground_terminal_fd = tty;
            Pid job = CHECK_OK(ck.spawn(c.pid(), request));
            seen = wait_child(ck, c.pid(), job);
            CHECK_OK(ck.tcsetpgrp(c.pid(), tty, c.pid()));  // back to the shell, as after a foreground job
            back = CHECK_OK(ck.tcgetpgrp(c.pid(), tty)) == c.pid() ? "shell" : "job";
            request.process_group = 99999;  // no such group in the session: nothing is started
            bad_group = err(ck.spawn(c.pid(), request));
            return 0;
        }, [](const Pair&) {});
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(status, exited_text(0));
    EXPECT_EQ(seen, exited_text(0));
    EXPECT_EQ(back, "shell");
    EXPECT_EQ(bad_group, "EPERM");
}

// What the toolbox's interactive sh does: it *handles* (not ignores) the job-control signals, so
// its children start with the default actions, and blocks SIGTTOU only around the tcsetpgrp that
// takes the terminal back from a job. ^Z stops the job (WUNTRACED), SIGCONT resumes it
// (WCONTINUED) in the foreground again, and ^C then ends it; the shell itself gets none of them.
TEST_F(PtyJobControl, ShellPatternHandledSignalsStopContinueAndTakeTheTerminalBack) {
    std::atomic<int> step{0};
    std::string stopped, taken_back, continued, interrupted, shell_pending, leader_status;
    int code = run([&](ProcessContext& p) {
        leader_status = with_session(p, [&](ProcessContext& c, int tty) {
            auto& ck = c.kernel();
            Pid self = c.pid();
            for (int signal : {signals::sigint, signals::sigtstp, signals::sigttou, signals::sigttin})
                CHECK_OK(ck.sigaction(self, signal, handle_signal()));
            auto take_back = [&]() -> std::string {
                SignalSet old = MUST(ck.sigprocmask(self, signals::sig_block, signal_bit(signals::sigttou)));
                auto result = ck.tcsetpgrp(self, tty, self);
                MUST(ck.sigprocmask(self, signals::sig_setmask, old));
                if (result.is_error())
                    return std::string(errno_name(result.error()));
                return MUST(ck.tcgetpgrp(self, tty)) == self ? "shell" : "job";
            };
            auto request = child([](ProcessContext& job) { return nap_until_signaled(job, 5000); });
            request.stdin_fd = request.stdout_fd = request.stderr_fd = tty;
            request.process_group = 0;
            request.foreground_terminal_fd = tty;
            Pid job = CHECK_OK(ck.spawn(self, request));
            step = 1;  // the harness types ^Z
            stopped = wait_child(ck, self, job, wuntraced);
            taken_back = take_back();
            CHECK_OK(ck.tcsetpgrp(self, tty, job));  // fg: the job gets the terminal, then SIGCONT
            CHECK_OK(ck.kill(self, -job, signals::sigcont));
            continued = wait_child(ck, self, job, wcontinued);
            step = 2;  // the harness types ^C
            interrupted = wait_child(ck, self, job, wuntraced);
            (void)take_back();
            shell_pending = CHECK_OK(ck.sigpending(self)) == 0 ? "none" : "some";
            return 0;
        }, [&](const Pair& pair) {
            for (int wanted : {1, 2}) {
                if (!wait_until([&] { return step.load() == wanted; }))
                    break;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                (void)p.kernel().write(p.pid(), pair.master, as_bytes(wanted == 1 ? "\x1a" : "\x03"));
            }
        });
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(stopped, stopped_text(signals::sigtstp));
    EXPECT_EQ(taken_back, "shell");
    EXPECT_EQ(continued, "continued");
    EXPECT_EQ(interrupted, signaled_text(signals::sigint));
    EXPECT_EQ(shell_pending, "none");
    EXPECT_EQ(leader_status, exited_text(0));
}

TEST_F(PtyJobControl, NocttyAndNonLeadersDoNotAcquire) {
    std::string noctty_pgrp, noctty_dev_tty, later_pgrp, non_leader, openpty_pgrp, second_terminal;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        // openpty in a session leader (a host-started process is one) does not acquire either.
        Pair pair = CHECK_OK(open_pair(k, pid));
        Pair other = CHECK_OK(open_pair(k, pid));
        openpty_pgrp = err(k.tcgetpgrp(pid, pair.replica));
        std::string path = pair.path, other_path = other.path;
        Pid leader = CHECK_OK(k.spawn(pid, child([&, path, other_path](ProcessContext& c) {
            auto& ck = c.kernel();
            Pid self = c.pid();
            CHECK_OK(ck.setsid(self));
            int quiet = CHECK_OK(ck.open(self, path, o_rdwr | o_noctty));
            noctty_pgrp = err(ck.tcgetpgrp(self, quiet));
            noctty_dev_tty = err(ck.open(self, "/dev/tty", o_rdonly));
            CHECK_OK(ck.open(self, path, o_rdwr));  // now it does
            later_pgrp = CHECK_OK(ck.tcgetpgrp(self, quiet)) == self ? "own group" : "other";
            // A session has one controlling terminal: a second replica does not replace it.
            int second = CHECK_OK(ck.open(self, other_path, o_rdwr));
            second_terminal = err(ck.tcgetpgrp(self, second));
            return 0;
        })));
        EXPECT_EQ(wait_child(k, pid, leader), exited_text(0));
        // A process that is not a session leader does not acquire.
        Pid member = CHECK_OK(k.spawn(pid, child([&, other_path](ProcessContext& c) {
            int fd = CHECK_OK(c.kernel().open(c.pid(), other_path, o_rdwr));
            non_leader = err(c.kernel().tcgetpgrp(c.pid(), fd)) + "/" + err(c.kernel().open(c.pid(), "/dev/tty", o_rdwr));
            return 0;
        })));
        EXPECT_EQ(wait_child(k, pid, member), exited_text(0));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(openpty_pgrp, "ENOTTY");
    EXPECT_EQ(noctty_pgrp, "ENOTTY");
    EXPECT_EQ(noctty_dev_tty, "ENXIO");
    EXPECT_EQ(later_pgrp, "own group");
    EXPECT_EQ(second_terminal, "ENOTTY");
    EXPECT_EQ(non_leader, "ENOTTY/ENXIO");
}

TEST_F(PtyJobControl, TcsetpgrpMovesTheForegroundAndCtrlCFollowsIt) {
    std::atomic<bool> ready{false};
    std::string errors, first_status, second_alive, second_status, foreground;
    std::string leader_status;
    int code = run([&](ProcessContext& p) {
        Pid harness = p.pid();
        leader_status = with_session(p, [&](ProcessContext& c, int tty) {
            auto& ck = c.kernel();
            Pid self = c.pid();
            CHECK_OK(ck.sigaction(self, signals::sigttou, ignore_signal()));
            Pid first = CHECK_OK(spawn_job(c, tty, [](ProcessContext& j) { return nap_until_signaled(j); }));
            Pid second = CHECK_OK(spawn_job(c, tty, [](ProcessContext& j) { return nap_until_signaled(j); }));
            errors = err(ck.tcsetpgrp(self, tty, 999999)) + " " + err(ck.tcsetpgrp(self, tty, -1)) + " " +
                     err(ck.tcsetpgrp(self, tty, harness));  // a group of another session
            EXPECT_EQ(CHECK_OK(ck.tcgetpgrp(self, tty)), self) << "a failed tcsetpgrp changed the group";
            CHECK_OK(ck.tcsetpgrp(self, tty, first));
            foreground = CHECK_OK(ck.tcgetpgrp(self, tty)) == first ? "first" : "other";
            ready = true;
            first_status = wait_child(ck, self, first);
            auto still = CHECK_OK(ck.waitpid(self, second, wnohang));
            second_alive = still.pid == 0 ? "alive" : status_text(still.status);
            CHECK_OK(ck.kill(self, -second, signals::sigterm));
            second_status = wait_child(ck, self, second);
            CHECK_OK(ck.tcsetpgrp(self, tty, self));
            return 0;
        }, [&](const Pair& pair) {
            EXPECT_TRUE(wait_until([&] { return ready.load(); }));
            (void)p.kernel().write(p.pid(), pair.master, as_bytes("\x03"));
        });
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(errors, "EPERM EINVAL EPERM");
    EXPECT_EQ(foreground, "first");
    EXPECT_EQ(first_status, signaled_text(signals::sigint));
    EXPECT_EQ(second_alive, "alive") << "^C reached a background group";
    EXPECT_EQ(second_status, signaled_text(signals::sigterm));
    EXPECT_EQ(leader_status, exited_text(0)) << "^C reached the session leader's (background) group";
}

TEST_F(PtyJobControl, SignalCharactersReachTheForegroundGroup) {
    struct Case {
        const char* key;
        std::string expected;
    };
    const std::vector<Case> cases = {{"\x03", signaled_text(signals::sigint)},
                                     {"\x1c", signaled_text(signals::sigquit)},
                                     {"\x1a", stopped_text(signals::sigtstp)}};
    std::atomic<int> ready{-1};
    std::vector<std::string> statuses(cases.size());
    std::string stopped_job_end, leader_status;
    int code = run([&](ProcessContext& p) {
        leader_status = with_session(p, [&](ProcessContext& c, int tty) {
            auto& ck = c.kernel();
            Pid self = c.pid();
            CHECK_OK(ck.sigaction(self, signals::sigttou, ignore_signal()));
            for (size_t i = 0; i < cases.size(); ++i) {
                Pid job = CHECK_OK(spawn_job(c, tty, [](ProcessContext& j) { return nap_until_signaled(j); }));
                CHECK_OK(ck.tcsetpgrp(self, tty, job));
                ready = static_cast<int>(i);
                statuses[i] = wait_child(ck, self, job, wuntraced);
                if (statuses[i] == stopped_text(signals::sigtstp)) {
                    CHECK_OK(ck.kill(self, job, signals::sigkill));
                    stopped_job_end = wait_child(ck, self, job);
                }
                CHECK_OK(ck.tcsetpgrp(self, tty, self));
            }
            return 0;
        }, [&](const Pair& pair) {
            for (size_t i = 0; i < cases.size(); ++i) {
                if (!wait_until([&] { return ready.load() == static_cast<int>(i); }))
                    break;
                (void)p.kernel().write(p.pid(), pair.master, as_bytes(cases[i].key));
            }
        });
        return 0;
    });
    EXPECT_EQ(code, 0);
    for (size_t i = 0; i < cases.size(); ++i)
        EXPECT_EQ(statuses[i], cases[i].expected) << "key " << ::testing::PrintToString(std::string(cases[i].key));
    EXPECT_EQ(stopped_job_end, signaled_text(signals::sigkill));
    EXPECT_EQ(leader_status, exited_text(0));
}

TEST_F(PtyJobControl, BackgroundReadStopsWithSigttinAndResumesInTheForeground) {
    std::atomic<bool> in_foreground{false};
    std::string job_result, stop_status, end_status, leader_status;
    int code = run([&](ProcessContext& p) {
        leader_status = with_session(p, [&](ProcessContext& c, int tty) {
            auto& ck = c.kernel();
            Pid self = c.pid();
            CHECK_OK(ck.sigaction(self, signals::sigttou, ignore_signal()));
            Pid job = CHECK_OK(spawn_job(c, tty, reading_job(job_result)));
            stop_status = wait_child(ck, self, job, wuntraced);
            if (stop_status != stopped_text(signals::sigttin))
                return 1;
            // "fg": give it the terminal and continue it; its read now gets the typed line.
            CHECK_OK(ck.tcsetpgrp(self, tty, job));
            CHECK_OK(ck.kill(self, -job, signals::sigcont));
            in_foreground = true;
            end_status = wait_child(ck, self, job);
            CHECK_OK(ck.tcsetpgrp(self, tty, self));
            return 0;
        }, [&](const Pair& pair) {
            if (wait_until([&] { return in_foreground.load(); }))
                (void)p.kernel().write(p.pid(), pair.master, as_bytes("typed\n"));
        });
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(stop_status, stopped_text(signals::sigttin));
    EXPECT_EQ(end_status, exited_text(0));
    EXPECT_EQ(job_result, "read:typed\n");
    EXPECT_EQ(leader_status, exited_text(0));
}

TEST_F(PtyJobControl, BackgroundReadWithSigttinIgnoredOrBlockedFailsWithEio) {
    std::string ignored_result, blocked_result, ignored_status, blocked_status, leader_status;
    int code = run([&](ProcessContext& p) {
        leader_status = with_session(p, [&](ProcessContext& c, int tty) {
            auto& ck = c.kernel();
            Pid self = c.pid();
            auto reader = reading_job(ignored_result);
            Pid ignoring = CHECK_OK(spawn_job(c, tty, [reader](ProcessContext& j) {
                CHECK_OK(j.kernel().sigaction(j.pid(), signals::sigttin, ignore_signal()));
                return reader(j);
            }));
            ignored_status = wait_child(ck, self, ignoring, wuntraced);
            auto blocked_reader = reading_job(blocked_result);
            Pid blocking = CHECK_OK(spawn_job(c, tty, [blocked_reader](ProcessContext& j) {
                CHECK_OK(j.kernel().sigprocmask(j.pid(), signals::sig_block, signal_bit(signals::sigttin)));
                return blocked_reader(j);
            }));
            blocked_status = wait_child(ck, self, blocking, wuntraced);
            return 0;
        }, [](const Pair&) {});
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(ignored_status, exited_text(0));
    EXPECT_EQ(ignored_result, "EIO");
    EXPECT_EQ(blocked_status, exited_text(0));
    EXPECT_EQ(blocked_result, "EIO");
    EXPECT_EQ(leader_status, exited_text(0));
}

TEST_F(PtyJobControl, BackgroundWriteStopsWithSigttouOnlyUnderTostop) {
    std::string plain_status, tostop_status, ignoring_status, output, leader_status;
    int code = run([&](ProcessContext& p) {
        leader_status = with_session(p, [&](ProcessContext& c, int tty) {
            auto& ck = c.kernel();
            Pid self = c.pid();
            // Retries after a stop (EINTR), as a restarted write(2) would.
            auto writer = [](const char* text) {
                return [text](ProcessContext& j) {
                    while (true) {
                        auto written = j.write_text(1, text);
                        if (!written.is_error())
                            return 0;
                        if (written.error() != Errno::eintr || j.terminated())
                            return 1;
                    }
                };
            };
            Pid plain = CHECK_OK(spawn_job(c, tty, writer("bg1\n")));
            plain_status = wait_child(ck, self, plain, wuntraced);
            Termios settings = CHECK_OK(ck.tcgetattr(self, tty));
            settings.lflag |= termios_flags::tostop;
            CHECK_OK(ck.tcsetattr(self, tty, tcsa::now, settings));
            Pid stopped = CHECK_OK(spawn_job(c, tty, writer("bg2\n")));
            tostop_status = wait_child(ck, self, stopped, wuntraced);
            if (tostop_status == stopped_text(signals::sigttou)) {
                CHECK_OK(ck.kill(self, stopped, signals::sigkill));
                (void)wait_child(ck, self, stopped);
            }
            auto ignoring_writer = writer("bg3\n");
            Pid ignoring = CHECK_OK(spawn_job(c, tty, [ignoring_writer](ProcessContext& j) {
                CHECK_OK(j.kernel().sigaction(j.pid(), signals::sigttou, ignore_signal()));
                return ignoring_writer(j);
            }));
            ignoring_status = wait_child(ck, self, ignoring, wuntraced);
            CHECK_OK(c.write_text(tty, "done\n"));  // the foreground may always write
            return 0;
        }, [&](const Pair& pair) {
            output = read_until_text(p.kernel(), p.pid(), pair.master, "done\r\n");
        });
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(plain_status, exited_text(0)) << "a background write without TOSTOP must succeed";
    EXPECT_EQ(tostop_status, stopped_text(signals::sigttou));
    EXPECT_EQ(ignoring_status, exited_text(0)) << "with SIGTTOU ignored the write proceeds";
    EXPECT_EQ(output, "bg1\r\nbg3\r\ndone\r\n");
    EXPECT_EQ(leader_status, exited_text(0));
}

TEST_F(PtyJobControl, BackgroundTcsetattrStopsWithSigttou) {
    // Linux tty_ioctl.c set_termios() calls tty_check_change(): changing the attributes of the
    // controlling terminal from a background group raises SIGTTOU unless it is ignored or blocked.
    std::string status, ignoring_status, ignoring_result, leader_status;
    int code = run([&](ProcessContext& p) {
        leader_status = with_session(p, [&](ProcessContext& c, int tty) {
            auto& ck = c.kernel();
            Pid self = c.pid();
            auto change = [](ProcessContext& j) -> ErrorOr<void> {
                Termios settings = TRY(j.kernel().tcgetattr(j.pid(), 0));
                settings.lflag &= ~termios_flags::echo;
                return j.kernel().tcsetattr(j.pid(), 0, tcsa::now, settings);
            };
            Pid job = CHECK_OK(spawn_job(c, tty, [change](ProcessContext& j) {
                while (true) {
                    auto result = change(j);
                    if (!result.is_error() || result.error() != Errno::eintr || j.terminated())
                        return result.is_error() ? 1 : 0;
                }
            }));
            status = wait_child(ck, self, job, wuntraced);
            if (status == stopped_text(signals::sigttou)) {
                CHECK_OK(ck.kill(self, job, signals::sigkill));
                (void)wait_child(ck, self, job);
            }
            Pid ignoring = CHECK_OK(spawn_job(c, tty, [&, change](ProcessContext& j) {
                CHECK_OK(j.kernel().sigaction(j.pid(), signals::sigttou, ignore_signal()));
                ignoring_result = err(change(j));
                return 0;
            }));
            ignoring_status = wait_child(ck, self, ignoring, wuntraced);
            return 0;
        }, [](const Pair&) {});
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(status, stopped_text(signals::sigttou));
    EXPECT_EQ(ignoring_status, exited_text(0));
    EXPECT_EQ(ignoring_result, "ok");
    EXPECT_EQ(leader_status, exited_text(0));
}

TEST_F(PtyJobControl, SessionLeaderExitHangsUpTheForegroundGroup) {
    std::atomic<bool> foreground_hup{false}, background_hup{false}, stop{false};
    std::atomic<int> finished{0}, armed{0};
    std::string after_hangup, leader_status;
    int code = run([&](ProcessContext& p) {
        leader_status = with_session(p, [&](ProcessContext& c, int tty) {
            auto& ck = c.kernel();
            Pid self = c.pid();
            CHECK_OK(ck.sigaction(self, signals::sigttou, ignore_signal()));
            auto watcher = [&](std::atomic<bool>* got_hup, bool check_terminal) {
                return [&, got_hup, check_terminal](ProcessContext& j) {
                    CHECK_OK(j.kernel().sigaction(j.pid(), signals::sighup, handle_signal()));
                    ++armed;
                    auto started = Clock::now();
                    while (!stop && ms_since(started) < 3000) {
                        if (!j.kernel().sleep(j.pid(), 2'000'000).is_error())
                            continue;
                        if (j.terminated())
                            break;
                        auto taken = j.kernel().take_signal(j.pid());
                        if (!taken.is_error() && taken.value() && taken.value()->signal == signals::sighup) {
                            *got_hup = true;
                            if (check_terminal)  // the session no longer has the terminal
                                after_hangup = err(j.kernel().tcgetpgrp(j.pid(), 0));
                        }
                    }
                    ++finished;
                    return 0;
                };
            };
            Pid foreground = CHECK_OK(spawn_job(c, tty, watcher(&foreground_hup, true)));
            CHECK_OK(spawn_job(c, tty, watcher(&background_hup, false)));
            CHECK_OK(ck.tcsetpgrp(self, tty, foreground));
            EXPECT_TRUE(wait_until([&] { return armed.load() == 2; }));  // the jobs installed their handlers
            return 0;  // exits with its jobs running
        }, [](const Pair&) {});
        EXPECT_TRUE(wait_until([&] { return foreground_hup.load(); }));
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        stop = true;
        EXPECT_TRUE(wait_until([&] { return finished.load() == 2; }));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(leader_status, exited_text(0));
    EXPECT_TRUE(foreground_hup.load()) << "the foreground group did not get SIGHUP";
    EXPECT_FALSE(background_hup.load()) << "a running background group got SIGHUP";
    EXPECT_EQ(after_hangup, "ENOTTY");
}

}  // namespace
}  // namespace secure_exec::testing
