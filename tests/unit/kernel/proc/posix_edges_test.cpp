// Less common POSIX process and signal rules: orphaned process groups, stop/continue interplay,
// SIGCHLD dispositions, kill(-1), signals to groups of zombies, exit-code truncation.
#include "proc_support.h"

namespace secure_exec::testing {
namespace {

using ProcPosix = ProcFixture;

TEST_F(ProcPosix, ExitCodeIsTruncatedToEightBits) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Pid big = MUST(k.spawn(p.pid(), child([](ProcessContext&) { return 256 + 7; })));
        Pid negative = MUST(k.spawn(p.pid(), child([](ProcessContext&) { return -1; })));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), big)).status), exited(7));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), negative)).status), exited(255));
        return 0;
    }), 0);
}

TEST_F(ProcPosix, PendingSignalsAreNotInheritedButTheMaskIs) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigprocmask(p.pid(), signals::sig_block, signal_bit(signals::sigusr1)));
        MUST(k.kill(p.pid(), p.pid(), signals::sigusr1));
        EXPECT_EQ(MUST(k.sigpending(p.pid())), signal_bit(signals::sigusr1));
        auto request = child([](ProcessContext& c) {
            bool ok = MUST(c.kernel().sigpending(c.pid())) == 0 &&
                      MUST(c.kernel().sigprocmask(c.pid(), signals::sig_block, std::nullopt)) ==
                          signal_bit(signals::sigusr1);
            return ok ? 0 : 1;
        });
        Pid pid = MUST(k.spawn(p.pid(), request));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(0));
        MUST(k.sigaction(p.pid(), signals::sigusr1, ignore_action()));  // drop it before exiting
        return 0;
    }), 0);
}

TEST_F(ProcPosix, SpawnWithABadStdioDescriptorIsEbadfAndCreatesNothing) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto request = child([](ProcessContext&) { return 0; });
        request.stdin_fd = 77;
        EXPECT_EQ(err(p.kernel().spawn(p.pid(), request)), "EBADF");
        request.stdin_fd = -1;
        request.stdout_fd = 78;
        EXPECT_EQ(err(p.kernel().spawn(p.pid(), request)), "EBADF");
        EXPECT_EQ(err(p.kernel().waitpid(p.pid(), -1, flags::wnohang)), "ECHILD");
        return 0;
    }), 0);
    EXPECT_TRUE(kernel().processes().empty());
}

// posix_spawn_file_actions: a child fd can be any of the caller's, and an inherited one closed.
TEST_F(ProcPosix, SpawnFdActionsWireAndCloseDescriptors) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        auto [read_end, write_end] = MUST(k.pipe(p.pid(), flags::o_cloexec));
        int inherited = MUST(k.open(p.pid(), "/dev/null", flags::o_rdonly));
        auto request = child([inherited](ProcessContext& c) {
            bool closed = c.kernel().fcntl(c.pid(), inherited, flags::f_getfd).is_error();
            bool cloexec_cleared = MUST(c.kernel().fcntl(c.pid(), 7, flags::f_getfd)) == 0;
            bool wrote = !c.kernel().write(c.pid(), 7, as_bytes("via 7")).is_error();
            return closed && cloexec_cleared && wrote ? 0 : 1;
        });
        request.fd_actions = {{.child_fd = 7, .parent_fd = write_end}, {.child_fd = inherited, .parent_fd = -1}};
        Pid pid = MUST(k.spawn(p.pid(), request));
        MUST(k.close(p.pid(), write_end));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(0));
        EXPECT_EQ(MUST(p.read_all(read_end)), "via 7");
        request.fd_actions = {{.child_fd = 8, .parent_fd = 99}};
        EXPECT_EQ(err(k.spawn(p.pid(), request)), "EBADF");
        return 0;
    }), 0);
}

TEST_F(ProcPosix, SpawnWithABadCwdFails) {
    start();
    MUST(kernel().write_file("/tmp/file", "x"));
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto request = child([](ProcessContext&) { return 0; });
        request.cwd = "/no/such/dir";
        EXPECT_EQ(err(p.kernel().spawn(p.pid(), request)), "ENOENT");
        request.cwd = "/tmp/file";
        EXPECT_EQ(err(p.kernel().spawn(p.pid(), request)), "ENOTDIR");
        request.cwd = "/tmp";
        auto pid = p.kernel().spawn(p.pid(), request);
        EXPECT_EQ(err(pid), "OK");
        if (!pid.is_error()) {
            EXPECT_EQ(MUST(p.kernel().process_info(p.pid(), pid.value())).cwd, "/tmp");
            MUST(p.kernel().waitpid(p.pid(), pid.value()));
        }
        return 0;
    }), 0);
}

TEST_F(ProcPosix, IgnoredSigchldMakesChildrenVanishAndWaitEchild) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigchld, ignore_action()));
        Pid pid = MUST(k.spawn(p.pid(), child([](ProcessContext& c) {
            MUST(c.kernel().sleep(c.pid(), 20'000'000));
            return 0;
        })));
        // POSIX (SIG_IGN for SIGCHLD): wait blocks until the children are gone, then ECHILD.
        EXPECT_EQ(err(k.waitpid(p.pid(), pid)), "ECHILD");
        EXPECT_FALSE(info_of(pid).has_value()) << "no zombie is left";
        return 0;
    }), 0);
}

TEST_F(ProcPosix, NocldstopSuppressesSigchldForStopsOnly) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigchld, handler_action(signals::sa_nocldstop)));
        Pid pid = MUST(k.spawn(p.pid(), child([](ProcessContext& c) { return sleep_until_interrupted(c); })));
        MUST(k.kill(p.pid(), pid, signals::sigstop));
        EXPECT_TRUE(wait_status::if_stopped(MUST(k.waitpid(p.pid(), pid, flags::wuntraced)).status));
        EXPECT_EQ(MUST(k.sigpending(p.pid())), 0u) << "SIGCHLD for a stop despite SA_NOCLDSTOP";
        MUST(k.kill(p.pid(), pid, signals::sigkill));
        // The exit does raise SIGCHLD.
        while (MUST(k.sigpending(p.pid())) == 0)
            (void)k.sleep(p.pid(), 1'000'000);
        EXPECT_EQ(MUST(k.sigpending(p.pid())), signal_bit(signals::sigchld));
        EXPECT_TRUE(MUST(k.take_signal(p.pid())).has_value());
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), signaled(signals::sigkill));
        return 0;
    }), 0);
}

TEST_F(ProcPosix, SigchldForAStopReachesAHandler) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigchld, handler_action()));
        Pid pid = MUST(k.spawn(p.pid(), child([](ProcessContext& c) { return sleep_until_interrupted(c); })));
        MUST(k.kill(p.pid(), pid, signals::sigstop));
        while (MUST(k.sigpending(p.pid())) == 0)
            (void)k.sleep(p.pid(), 1'000'000);
        auto taken = MUST(k.take_signal(p.pid()));
        EXPECT_EQ(taken ? taken->signal : 0, signals::sigchld);
        MUST(k.kill(p.pid(), pid, signals::sigkill));
        while (true) {
            auto waited = k.waitpid(p.pid(), pid);
            if (!waited.is_error()) {
                EXPECT_EQ(describe_status(waited.value().status), signaled(signals::sigkill));
                break;
            }
            (void)k.take_signal(p.pid());  // the exit's SIGCHLD interrupted the wait
        }
        return 0;
    }), 0);
}

TEST_F(ProcPosix, SigcontDiscardsPendingStopSignals) {
    EXPECT_EQ(run([](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigprocmask(p.pid(), signals::sig_block, signal_bit(signals::sigtstp)));
        MUST(k.kill(p.pid(), p.pid(), signals::sigtstp));
        EXPECT_EQ(MUST(k.sigpending(p.pid())), signal_bit(signals::sigtstp));
        MUST(k.kill(p.pid(), p.pid(), signals::sigcont));
        EXPECT_EQ(MUST(k.sigpending(p.pid())), 0u);
        MUST(k.sigprocmask(p.pid(), signals::sig_unblock, signal_bit(signals::sigtstp)));
        EXPECT_EQ(err(k.sleep(p.pid(), 1'000'000)), "OK");  // not stopped
        return 0;
    }), 0);
}

TEST_F(ProcPosix, BlockedSignalWithIgnoringDefaultStaysPending) {
    // Linux sig_ignored(): a blocked signal is never ignored at generation, since the handler
    // may change before it is unblocked; sigwait()ing for SIGCHLD relies on this.
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigprocmask(p.pid(), signals::sig_block, signal_bit(signals::sigchld) | signal_bit(signals::sigwinch)));
        MUST(k.kill(p.pid(), p.pid(), signals::sigwinch));
        Pid pid = MUST(k.spawn(p.pid(), child([](ProcessContext&) { return 0; })));
        EXPECT_EQ(MUST(k.waitpid(p.pid(), pid)).pid, pid);
        EXPECT_EQ(MUST(k.sigpending(p.pid())), signal_bit(signals::sigchld) | signal_bit(signals::sigwinch));
        return 0;
    }), 0);
}

TEST_F(ProcPosix, KillMinusOneSignalsEveryoneButTheCaller) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid a = spawn_waiting(p, gate);
        Pid b = spawn_waiting(p, gate);
        MUST(k.setpgid(p.pid(), b, b));
        EXPECT_EQ(err(k.kill(p.pid(), -1, signals::sigterm)), "OK");
        EXPECT_FALSE(p.terminated());
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), a)).status), signaled(signals::sigterm));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), b)).status), signaled(signals::sigterm));
        return 0;
    }), 0);
}

TEST_F(ProcPosix, KillOfAGroupOfZombiesSucceeds) {
    // Linux: zombies stay members of their process group until reaped; kill(-pgid) finds them
    // and succeeds (signalling a zombie is a no-op).
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid leader = spawn_waiting(p, gate);
        MUST(k.setpgid(p.pid(), leader, leader));
        MUST(k.close(p.pid(), gate.write_fd));
        EXPECT_TRUE(poll_until_state(leader, ProcessState::zombie));
        EXPECT_EQ(err(k.kill(p.pid(), -leader, 0)), "OK");
        EXPECT_EQ(err(k.kill(p.pid(), -leader, signals::sigterm)), "OK");
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), leader)).status), exited(0));
        EXPECT_EQ(err(k.kill(p.pid(), -leader, 0)), "ESRCH");  // reaped: the group is gone
        return 0;
    }), 0);
}

TEST_F(ProcPosix, NewlyOrphanedGroupWithAStoppedMemberGetsSighupAndSigcont) {
    // POSIX _exit(): if the exit orphans a process group with a stopped member, every member
    // gets SIGHUP then SIGCONT. Here the default SIGHUP ends the stopped child.
    auto stopped_child = std::make_shared<std::atomic<Pid>>(0);
    EXPECT_EQ(run([this, stopped_child](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = MUST(k.spawn(p.pid(), child([](ProcessContext& c) { return sleep_until_interrupted(c); })));
        MUST(k.setpgid(p.pid(), pid, pid));  // its own group: orphaned once we exit
        MUST(k.kill(p.pid(), pid, signals::sigstop));
        EXPECT_TRUE(wait_status::if_stopped(MUST(k.waitpid(p.pid(), pid, flags::wuntraced)).status));
        *stopped_child = pid;
        return 0;
    }), 0);
    Pid pid = stopped_child->load();
    ASSERT_NE(pid, 0);
    EXPECT_TRUE(poll_until([&] { return !info_of(pid).has_value(); }, 2000))
        << "the stopped orphan is still there, state "
        << (info_of(pid) ? static_cast<int>(info_of(pid)->state) : -1);
}

TEST_F(ProcPosix, OrphanedGroupWithoutStoppedMembersIsLeftAlone) {
    auto state = std::make_shared<std::atomic<bool>>(false);
    auto release = std::make_shared<std::atomic<bool>>(false);
    auto orphan = std::make_shared<std::atomic<Pid>>(0);
    EXPECT_EQ(run([this, state, release, orphan](ProcessContext& p) {
        auto& k = p.kernel();
        auto request = child([state, release](ProcessContext& c) {
            while (!release->load())
                if (c.kernel().sleep(c.pid(), 1'000'000).is_error())
                    return 1;
            *state = !c.terminated();
            return 0;
        });
        Pid pid = MUST(k.spawn(p.pid(), request));
        MUST(k.setpgid(p.pid(), pid, pid));
        *orphan = pid;
        return 0;
    }), 0);
    host_sleep_ms(20);
    auto info = info_of(orphan->load());
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->state, ProcessState::running);
    *release = true;
    EXPECT_TRUE(poll_until([&] { return !info_of(orphan->load()).has_value(); }));
    EXPECT_TRUE(state->load());
}

TEST_F(ProcPosix, DisposeEndsAProcessThatKeepsSpawning) {
    start();
    auto spawned = std::make_shared<std::atomic<int>>(0);
    std::string worker = function([](ProcessContext& c) { return sleep_until_interrupted(c); });
    auto process = MUST(kernel().spawn("fn", {function([spawned, worker](ProcessContext& p) {
        SpawnRequest request{.command = "fn", .args = {worker}};
        while (true) {
            auto pid = p.kernel().spawn(p.pid(), request);
            if (pid.is_error())
                return 0;
            ++*spawned;
            (void)p.kernel().sleep(p.pid(), 1'000'000);
        }
    })}, {}));
    ASSERT_TRUE(poll_until([&] { return spawned->load() >= 5; }));
    kernel().dispose();
    EXPECT_TRUE(kernel().processes().empty());
    EXPECT_EQ(driver().running(), 0u);
}

}  // namespace
}  // namespace secure_exec::testing
