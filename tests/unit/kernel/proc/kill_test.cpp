// kill(2) and the default actions of signals (signal(7)): terminate, ignore, stop, continue.
#include "proc_support.h"

namespace secure_exec::testing {
namespace {

using ProcKill = ProcFixture;

TEST_F(ProcKill, SignalZeroChecksExistence) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid pid = spawn_waiting(p, gate);
        EXPECT_EQ(err(k.kill(p.pid(), p.pid(), 0)), "OK");
        EXPECT_EQ(err(k.kill(p.pid(), pid, 0)), "OK");
        EXPECT_EQ(err(k.kill(p.pid(), 99999, 0)), "ESRCH");
        EXPECT_EQ(err(k.kill(p.pid(), -99999, 0)), "ESRCH");  // no such group
        EXPECT_EQ(err(k.kill(p.pid(), 99999, signals::sigterm)), "ESRCH");
        MUST(k.close(p.pid(), gate.write_fd));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(0));  // signal 0 delivered nothing
        return 0;
    }), 0);
}

TEST_F(ProcKill, InvalidSignalNumbersAreEinval) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid pid = spawn_waiting(p, gate);
        EXPECT_EQ(err(k.kill(p.pid(), pid, 65)), "EINVAL");
        EXPECT_EQ(err(k.kill(p.pid(), pid, -1)), "EINVAL");
        EXPECT_EQ(err(k.kill(p.pid(), 99999, 65)), "EINVAL");  // the signal is checked first
        EXPECT_EQ(err(k.kill(p.pid(), pid, 64)), "OK");         // SIGRTMAX exists (default: terminate)
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), signaled(64));
        MUST(k.close(p.pid(), gate.write_fd));
        return 0;
    }), 0);
}

TEST_F(ProcKill, KillOfAZombieSucceedsAndChangesNothing) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = MUST(k.spawn(p.pid(), child([](ProcessContext&) { return 4; })));
        EXPECT_TRUE(poll_until_state(pid, ProcessState::zombie));
        EXPECT_EQ(err(k.kill(p.pid(), pid, 0)), "OK");
        EXPECT_EQ(err(k.kill(p.pid(), pid, signals::sigterm)), "OK");
        EXPECT_EQ(err(k.kill(p.pid(), pid, signals::sigkill)), "OK");
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(4));
        EXPECT_EQ(err(k.kill(p.pid(), pid, 0)), "ESRCH");  // reaped
        return 0;
    }), 0);
}

TEST_F(ProcKill, HostKillOfAZombieSucceeds) {
    start();
    auto process = MUST(kernel().spawn("fn", {function([](ProcessContext&) { return 0; })}, {}));
    EXPECT_EQ(describe_status(process->wait()), exited(0));
    // The host still holds the zombie: signalling it succeeds, as for any zombie.
    EXPECT_EQ(err(process->kill(signals::sigterm)), "OK");
    EXPECT_EQ(err(process->kill(65)), "EINVAL");
}

class ProcKillTerminates : public ProcFixture, public ::testing::WithParamInterface<int> {};

TEST_P(ProcKillTerminates, DefaultActionTerminates) {
    int signal = GetParam();
    start();
    auto started = std::make_shared<std::atomic<bool>>(false);
    auto process = MUST(kernel().spawn("fn", {function([started](ProcessContext& p) {
        *started = true;
        return sleep_until_interrupted(p);
    })}, {}));
    ASSERT_TRUE(poll_until([&] { return started->load(); }));
    EXPECT_EQ(err(process->kill(signal)), "OK");
    auto status = process->wait_for(5000);
    ASSERT_TRUE(status.has_value()) << signal_name(signal) << " did not end the process";
    EXPECT_TRUE(wait_status::if_signaled(*status));
    EXPECT_EQ(describe_status(*status), signaled(signal));
    EXPECT_EQ(wait_status::shell_code(*status), 128 + signal);
}

INSTANTIATE_TEST_SUITE_P(ProcKillDefault, ProcKillTerminates,
                         ::testing::Values(signals::sigterm, signals::sigint, signals::sigkill, signals::sighup,
                                           signals::sigusr1, signals::sigquit, signals::sigalrm));

TEST_F(ProcKill, DefaultIgnoredSignalsLeaveTheProcessRunning) {
    EXPECT_EQ(run_status_of([](ProcessContext& p) {
        auto& k = p.kernel();
        for (int signal : {signals::sigchld, signals::sigwinch, signals::sigurg}) {
            EXPECT_EQ(err(k.kill(p.pid(), p.pid(), signal)), "OK");
            EXPECT_EQ(err(k.sleep(p.pid(), 5'000'000)), "OK") << signal_name(signal);
            EXPECT_FALSE(p.terminated()) << signal_name(signal);
        }
        EXPECT_EQ(MUST(k.sigpending(p.pid())), 0u);  // discarded, not left pending
        return 0;
    }), wait_status::exited(0));
}

TEST_F(ProcKill, IgnoredSignalsFromTheHostDoNotEndTheProcess) {
    start();
    auto process = MUST(kernel().spawn("fn", {function([](ProcessContext& p) { return sleep_until_interrupted(p); })}, {}));
    for (int signal : {signals::sigchld, signals::sigwinch, signals::sigurg, signals::sigcont})
        MUST(process->kill(signal));
    EXPECT_FALSE(process->wait_for(50).has_value());
    MUST(process->kill(signals::sigterm));
    EXPECT_EQ(describe_status(process->wait()), signaled(signals::sigterm));
}

struct Ticker {
    std::atomic<int> ticks{0};
    std::atomic<bool> release{false};
};

class ProcStop : public ProcFixture {
protected:
    // A child that counts in 1 ms sleeps until released.
    SpawnRequest ticker(std::shared_ptr<Ticker> state) {
        return child([state](ProcessContext& c) {
            while (!state->release.load()) {
                if (c.kernel().sleep(c.pid(), 1'000'000).is_error())
                    return 1;
                ++state->ticks;
            }
            return 0;
        });
    }

    // Sleeps the calling process for `ms` milliseconds.
    static void nap(ProcessContext& p, int ms) { MUST(p.kernel().sleep(p.pid(), uint64_t(ms) * 1'000'000)); }

    // After a stop, lets a call that was already in flight finish (the count stays the same over
    // 20 ms, or 300 ms pass); returns the settled count.
    static int settle(ProcessContext& p, const Ticker& ticker) {
        int last = ticker.ticks.load();
        for (int i = 0; i < 15; ++i) {
            nap(p, 20);
            int now = ticker.ticks.load();
            if (now == last)
                break;
            last = now;
        }
        return last;
    }
};

TEST_F(ProcStop, SigstopStopsAndSigcontResumes) {
    auto state = std::make_shared<Ticker>();
    EXPECT_EQ(run([this, state](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = MUST(k.spawn(p.pid(), ticker(state)));
        while (state->ticks.load() < 3)
            nap(p, 1);
        MUST(k.kill(p.pid(), pid, signals::sigstop));
        auto waited = MUST(k.waitpid(p.pid(), pid, flags::wuntraced));
        EXPECT_EQ(waited.pid, pid);
        EXPECT_TRUE(wait_status::if_stopped(waited.status));
        EXPECT_EQ(describe_status(waited.status), describe_status(wait_status::stopped(signals::sigstop)));
        auto info = info_of(pid);
        EXPECT_TRUE(info && info->state == ProcessState::stopped);
        // Reported once.
        EXPECT_EQ(MUST(k.waitpid(p.pid(), pid, flags::wuntraced | flags::wnohang)).pid, 0);
        int frozen = settle(p, *state);  // let an in-flight sleep finish
        nap(p, 60);
        EXPECT_EQ(state->ticks.load(), frozen) << "a stopped process kept running";
        MUST(k.kill(p.pid(), pid, signals::sigcont));
        waited = MUST(k.waitpid(p.pid(), pid, flags::wcontinued));
        EXPECT_EQ(waited.pid, pid);
        EXPECT_TRUE(wait_status::if_continued(waited.status));
        info = info_of(pid);
        EXPECT_TRUE(info && info->state == ProcessState::running);
        int before = state->ticks.load();
        while (state->ticks.load() < before + 3)
            nap(p, 1);
        state->release = true;
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(0));
        return 0;
    }), 0);
}

TEST_F(ProcStop, SigtstpStopsAProcessInAForegroundGroup) {
    auto state = std::make_shared<Ticker>();
    EXPECT_EQ(run([this, state](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = MUST(k.spawn(p.pid(), ticker(state)));
        // Its own group, whose parent is in another group of the same session: not orphaned.
        MUST(k.setpgid(p.pid(), pid, pid));
        MUST(k.kill(p.pid(), pid, signals::sigtstp));
        auto waited = MUST(k.waitpid(p.pid(), pid, flags::wuntraced));
        EXPECT_EQ(describe_status(waited.status), describe_status(wait_status::stopped(signals::sigtstp)));
        EXPECT_TRUE(poll_until_state(pid, ProcessState::stopped, 100));
        MUST(k.kill(p.pid(), pid, signals::sigcont));
        EXPECT_TRUE(wait_status::if_continued(MUST(k.waitpid(p.pid(), pid, flags::wcontinued)).status));
        state->release = true;
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(0));
        return 0;
    }), 0);
}

TEST_F(ProcStop, WaitWithoutWuntracedDoesNotReportAStop) {
    auto state = std::make_shared<Ticker>();
    EXPECT_EQ(run([this, state](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = MUST(k.spawn(p.pid(), ticker(state)));
        MUST(k.kill(p.pid(), pid, signals::sigstop));
        EXPECT_TRUE(poll_until_state(pid, ProcessState::stopped));
        EXPECT_EQ(MUST(k.waitpid(p.pid(), pid, flags::wnohang)).pid, 0);
        MUST(k.kill(p.pid(), pid, signals::sigcont));
        EXPECT_EQ(MUST(k.waitpid(p.pid(), pid, flags::wnohang)).pid, 0);  // nor a continue
        state->release = true;
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(0));
        return 0;
    }), 0);
}

TEST_F(ProcStop, StoppedProcessParksAtItsNextSyscallUntilSigcont) {
    struct Shared {
        std::atomic<bool> wrote{false};
    };
    auto shared = std::make_shared<Shared>();
    EXPECT_EQ(run([this, shared](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        auto request = child([shared](ProcessContext& c) {
            MUST(c.kernel().kill(c.pid(), c.pid(), signals::sigstop));
            auto written = c.kernel().write(c.pid(), 1, as_bytes("x"));  // parks here
            shared->wrote = !written.is_error();
            return 0;
        });
        request.stdout_fd = gate.write_fd;
        Pid pid = MUST(k.spawn(p.pid(), request));
        auto waited = MUST(k.waitpid(p.pid(), pid, flags::wuntraced));
        EXPECT_TRUE(wait_status::if_stopped(waited.status));
        MUST(k.sleep(p.pid(), 100'000'000));
        EXPECT_FALSE(shared->wrote.load()) << "the stopped process's write ran";
        EXPECT_TRUE(MUST(k.poll_state(p.pid(), gate.read_fd)).readable == false);
        MUST(k.kill(p.pid(), pid, signals::sigcont));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(0));
        EXPECT_TRUE(shared->wrote.load());
        std::byte buffer[4];
        EXPECT_EQ(MUST(k.read(p.pid(), gate.read_fd, buffer)), 1u);
        return 0;
    }), 0);
}

// Every syscall of a stopped process parks until SIGCONT ("park at the next syscall"), not
// only those that may block: a stopped process must not make progress through any call.
struct StoppedCall {
    const char* name;
    std::function<bool(ProcessContext&)> call;  // true on success
};

class ProcStopEveryCall : public ProcStop, public ::testing::WithParamInterface<int> {
protected:
    static const std::vector<StoppedCall>& calls() {
        static const std::vector<StoppedCall> k_calls{
            {"getppid", [](ProcessContext& c) { return !c.kernel().getppid(c.pid()).is_error(); }},
            {"getpgid", [](ProcessContext& c) { return !c.kernel().getpgid(c.pid(), 0).is_error(); }},
            {"sigpending", [](ProcessContext& c) { return !c.kernel().sigpending(c.pid()).is_error(); }},
            {"sigprocmask", [](ProcessContext& c) {
                 return !c.kernel().sigprocmask(c.pid(), signals::sig_block, std::nullopt).is_error();
             }},
            {"kill", [](ProcessContext& c) { return !c.kernel().kill(c.pid(), c.pid(), 0).is_error(); }},
            {"close", [](ProcessContext& c) {
                 return c.kernel().close(c.pid(), 99).error() == Errno::ebadf;
             }},
            {"getcwd", [](ProcessContext& c) { return !c.kernel().getcwd(c.pid()).is_error(); }},
            {"write", [](ProcessContext& c) { return !c.kernel().write(c.pid(), 2, as_bytes("")).is_error(); }},
        };
        return k_calls;
    }
};

TEST_P(ProcStopEveryCall, CallParksWhileStopped) {
    const StoppedCall& call = calls().at(static_cast<size_t>(GetParam()));
    auto state = std::make_shared<Ticker>();
    EXPECT_EQ(run([this, state, call](ProcessContext& p) {
        auto& k = p.kernel();
        auto request = child([state, call](ProcessContext& c) {
            while (!state->release.load() && !c.terminated()) {
                if (!call.call(c))
                    return 1;
                ++state->ticks;
                std::this_thread::sleep_for(std::chrono::microseconds(200));  // not a syscall
            }
            return 0;
        });
        Pid pid = MUST(k.spawn(p.pid(), request));
        while (state->ticks.load() < 3)
            nap(p, 1);
        MUST(k.kill(p.pid(), pid, signals::sigstop));
        EXPECT_TRUE(wait_status::if_stopped(MUST(k.waitpid(p.pid(), pid, flags::wuntraced)).status));
        int frozen = settle(p, *state);
        nap(p, 50);
        EXPECT_EQ(state->ticks.load(), frozen) << call.name << " did not park the stopped process";
        MUST(k.kill(p.pid(), pid, signals::sigcont));
        state->release = true;
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(0));
        return 0;
    }), 0);
}

std::string stopped_call_name(const ::testing::TestParamInfo<int>& param) {
    static const char* const k_names[] = {"getppid", "getpgid", "sigpending", "sigprocmask",
                                          "kill",    "close",   "getcwd",     "write"};
    return k_names[param.param];
}

INSTANTIATE_TEST_SUITE_P(ProcStopCalls, ProcStopEveryCall, ::testing::Range(0, 8), stopped_call_name);

TEST_F(ProcStop, KillToItselfWithSigstopDoesNotReturnUntilSigcont) {
    struct Shared {
        std::atomic<bool> returned{false};
    };
    auto shared = std::make_shared<Shared>();
    EXPECT_EQ(run([this, shared](ProcessContext& p) {
        auto& k = p.kernel();
        auto request = child([shared](ProcessContext& c) {
            MUST(c.kernel().kill(c.pid(), c.pid(), signals::sigstop));
            shared->returned = true;  // Linux: the stop is taken before kill() returns
            return 0;
        });
        Pid pid = MUST(k.spawn(p.pid(), request));
        auto waited = MUST(k.waitpid(p.pid(), pid, flags::wuntraced));
        EXPECT_TRUE(wait_status::if_stopped(waited.status)) << describe_status(waited.status);
        nap(p, 50);
        EXPECT_FALSE(shared->returned.load()) << "the stopped process ran on after kill(self, SIGSTOP)";
        if (wait_status::if_stopped(waited.status)) {
            MUST(k.kill(p.pid(), pid, signals::sigcont));
            EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(0));
        }
        return 0;
    }), 0);
}

TEST_F(ProcStop, SigkillEndsAStoppedProcess) {
    auto state = std::make_shared<Ticker>();
    EXPECT_EQ(run([this, state](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = MUST(k.spawn(p.pid(), ticker(state)));
        MUST(k.kill(p.pid(), pid, signals::sigstop));
        EXPECT_TRUE(wait_status::if_stopped(MUST(k.waitpid(p.pid(), pid, flags::wuntraced)).status));
        MUST(k.kill(p.pid(), pid, signals::sigkill));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), signaled(signals::sigkill));
        return 0;
    }), 0);
}

TEST_F(ProcStop, SigtermToAStoppedProcessWaitsForSigcont) {
    // Linux: a stopped task does not take a non-SIGKILL fatal signal (wants_signal() is false
    // while stopped); it stays pending until SIGCONT, then the process dies of it.
    auto state = std::make_shared<Ticker>();
    EXPECT_EQ(run([this, state](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = MUST(k.spawn(p.pid(), ticker(state)));
        MUST(k.kill(p.pid(), pid, signals::sigstop));
        EXPECT_TRUE(wait_status::if_stopped(MUST(k.waitpid(p.pid(), pid, flags::wuntraced)).status));
        MUST(k.kill(p.pid(), pid, signals::sigterm));
        MUST(k.sleep(p.pid(), 50'000'000));
        auto info = info_of(pid);
        EXPECT_TRUE(info && info->state == ProcessState::stopped)
            << "SIGTERM ended or resumed a stopped process before SIGCONT";
        MUST(k.kill(p.pid(), pid, signals::sigcont));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), signaled(signals::sigterm));
        return 0;
    }), 0);
}

TEST_F(ProcStop, StopAndContinueFromTheHost) {
    start();
    auto state = std::make_shared<Ticker>();
    auto process = MUST(kernel().spawn("fn", {function([state](ProcessContext& p) {
        while (!state->release.load()) {
            if (p.kernel().sleep(p.pid(), 1'000'000).is_error())
                return 1;
            ++state->ticks;
        }
        return 0;
    })}, {}));
    MUST(process->kill(signals::sigstop));
    EXPECT_TRUE(poll_until_state(process->pid(), ProcessState::stopped));
    EXPECT_FALSE(process->wait_for(30).has_value());
    MUST(process->kill(signals::sigcont));
    EXPECT_TRUE(poll_until_state(process->pid(), ProcessState::running));
    int before = state->ticks.load();
    EXPECT_TRUE(poll_until([&] { return state->ticks.load() > before + 2; }));
    state->release = true;
    EXPECT_EQ(describe_status(process->wait()), exited(0));
}

}  // namespace
}  // namespace secure_exec::testing
