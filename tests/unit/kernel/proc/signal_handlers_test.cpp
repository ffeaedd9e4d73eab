// Signal dispositions (sigaction), masks (sigprocmask), pending signals, handler delivery
// (take_signal), interruption of blocking calls, inheritance, and the sleep syscall.
#include "proc_support.h"

namespace secure_exec::testing {
namespace {

using ProcHandlers = ProcFixture;
using ProcSleep = ProcFixture;

TEST_F(ProcHandlers, HandledSigintBecomesPendingInsteadOfFatal) {
    EXPECT_EQ(run_status_of([](ProcessContext& p) {
        auto& k = p.kernel();
        auto old = MUST(k.sigaction(p.pid(), signals::sigint, handler_action()));
        EXPECT_EQ(old.disposition, Disposition::default_action);
        EXPECT_EQ(MUST(k.sigaction(p.pid(), signals::sigint, std::nullopt)).disposition, Disposition::handler);
        MUST(k.kill(p.pid(), p.pid(), signals::sigint));
        EXPECT_FALSE(p.terminated());
        EXPECT_EQ(MUST(k.sigpending(p.pid())), signal_bit(signals::sigint));
        auto taken = MUST(k.take_signal(p.pid()));
        EXPECT_TRUE(taken.has_value());
        if (taken) {
            EXPECT_EQ(taken->signal, signals::sigint);
            EXPECT_EQ(taken->action.disposition, Disposition::handler);
        }
        EXPECT_FALSE(MUST(k.take_signal(p.pid())).has_value());  // once
        EXPECT_EQ(MUST(k.sigpending(p.pid())), 0u);
        EXPECT_EQ(err(k.sleep(p.pid(), 1'000'000)), "OK");  // nothing left to interrupt
        return 0;
    }), wait_status::exited(0));
}

TEST_F(ProcHandlers, PendingHandledSignalsAreTakenLowestFirst) {
    EXPECT_EQ(run([](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigusr2, handler_action()));
        MUST(k.sigaction(p.pid(), signals::sigusr1, handler_action()));
        MUST(k.kill(p.pid(), p.pid(), signals::sigusr2));
        MUST(k.kill(p.pid(), p.pid(), signals::sigusr1));
        MUST(k.kill(p.pid(), p.pid(), signals::sigusr1));  // standard signals do not queue
        auto first = MUST(k.take_signal(p.pid()));
        auto second = MUST(k.take_signal(p.pid()));
        auto third = MUST(k.take_signal(p.pid()));
        EXPECT_EQ(first ? first->signal : 0, signals::sigusr1);
        EXPECT_EQ(second ? second->signal : 0, signals::sigusr2);
        EXPECT_FALSE(third.has_value());
        return 0;
    }), 0);
}

TEST_F(ProcHandlers, ResethandRestoresTheDefaultAfterOneDelivery) {
    EXPECT_EQ(run_status_of([](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigusr1, handler_action(signals::sa_resethand)));
        MUST(k.kill(p.pid(), p.pid(), signals::sigusr1));
        auto taken = MUST(k.take_signal(p.pid()));
        EXPECT_EQ(taken ? taken->signal : 0, signals::sigusr1);
        EXPECT_EQ(MUST(k.sigaction(p.pid(), signals::sigusr1, std::nullopt)).disposition,
                  Disposition::default_action);
        EXPECT_FALSE(p.terminated());
        MUST(k.kill(p.pid(), p.pid(), signals::sigusr1));  // now fatal
        EXPECT_TRUE(p.terminated());
        EXPECT_EQ(err(k.sleep(p.pid(), 1'000'000)), "EINTR");
        return 0;
    }), wait_status::signaled(signals::sigusr1));
}

TEST_F(ProcHandlers, HandledSignalInterruptsABlockedPipeRead) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigusr1, handler_action()));
        Gate gate = make_gate(p);  // we keep the write end: the read can only end by a signal
        Pid parent = p.pid();
        Pid sender = MUST(k.spawn(p.pid(), child([parent](ProcessContext& c) {
            MUST(c.kernel().sleep(c.pid(), 50'000'000));
            MUST(c.kernel().kill(c.pid(), parent, signals::sigusr1));
            return 0;
        })));
        auto begin = SteadyClock::now();
        std::byte buffer[16];
        auto read = k.read(p.pid(), gate.read_fd, buffer);
        EXPECT_EQ(err(read), "EINTR");
        EXPECT_GE(elapsed_ms(begin), 40);
        EXPECT_FALSE(p.terminated());
        auto taken = MUST(k.take_signal(p.pid()));
        EXPECT_EQ(taken ? taken->signal : 0, signals::sigusr1);
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), sender)).status), exited(0));
        // With the signal taken, the pipe works normally again.
        MUST(k.write(p.pid(), gate.write_fd, as_bytes("ok")));
        EXPECT_EQ(MUST(k.read(p.pid(), gate.read_fd, buffer)), 2u);
        return 0;
    }), 0);
}

TEST_F(ProcHandlers, BlockedSignalStaysPendingAndUnblockingAFatalOneTerminates) {
    EXPECT_EQ(run_status_of([](ProcessContext& p) {
        auto& k = p.kernel();
        SignalSet old = MUST(k.sigprocmask(p.pid(), signals::sig_block, signal_bit(signals::sigterm)));
        EXPECT_EQ(old, 0u);
        EXPECT_EQ(MUST(k.sigprocmask(p.pid(), signals::sig_block, std::nullopt)), signal_bit(signals::sigterm));
        MUST(k.kill(p.pid(), p.pid(), signals::sigterm));
        EXPECT_FALSE(p.terminated());
        EXPECT_EQ(err(k.sleep(p.pid(), 5'000'000)), "OK");
        EXPECT_EQ(MUST(k.sigpending(p.pid())), signal_bit(signals::sigterm));
        MUST(k.sigprocmask(p.pid(), signals::sig_unblock, signal_bit(signals::sigterm)));
        EXPECT_TRUE(p.terminated());
        EXPECT_EQ(err(k.sleep(p.pid(), 1'000'000)), "EINTR");
        return 0;
    }), wait_status::signaled(signals::sigterm));
}

TEST_F(ProcHandlers, SetmaskReplacesTheMask) {
    EXPECT_EQ(run([](ProcessContext& p) {
        auto& k = p.kernel();
        SignalSet both = signal_bit(signals::sigusr1) | signal_bit(signals::sigusr2);
        MUST(k.sigprocmask(p.pid(), signals::sig_setmask, both));
        MUST(k.sigprocmask(p.pid(), signals::sig_unblock, signal_bit(signals::sigusr1)));
        EXPECT_EQ(MUST(k.sigprocmask(p.pid(), signals::sig_setmask, std::nullopt)), signal_bit(signals::sigusr2));
        EXPECT_EQ(MUST(k.sigprocmask(p.pid(), signals::sig_setmask, 0)), signal_bit(signals::sigusr2));
        EXPECT_EQ(MUST(k.sigprocmask(p.pid(), signals::sig_block, std::nullopt)), 0u);
        EXPECT_EQ(err(k.sigprocmask(p.pid(), 7, signal_bit(signals::sigusr1))), "EINVAL");
        return 0;
    }), 0);
}

TEST_F(ProcHandlers, SigkillAndSigstopCannotBeCaughtOrIgnored) {
    EXPECT_EQ(run([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_EQ(err(k.sigaction(p.pid(), signals::sigkill, handler_action())), "EINVAL");
        EXPECT_EQ(err(k.sigaction(p.pid(), signals::sigkill, ignore_action())), "EINVAL");
        EXPECT_EQ(err(k.sigaction(p.pid(), signals::sigstop, handler_action())), "EINVAL");
        EXPECT_EQ(err(k.sigaction(p.pid(), signals::sigstop, ignore_action())), "EINVAL");
        // Reading the disposition is allowed.
        EXPECT_EQ(err(k.sigaction(p.pid(), signals::sigkill, std::nullopt)), "OK");
        EXPECT_EQ(err(k.sigaction(p.pid(), 0, std::nullopt)), "EINVAL");
        EXPECT_EQ(err(k.sigaction(p.pid(), 65, handler_action())), "EINVAL");
        return 0;
    }), 0);
}

TEST_F(ProcHandlers, SigkillAndSigstopCannotBeBlocked) {
    EXPECT_EQ(run_status_of([](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigprocmask(p.pid(), signals::sig_setmask, ~SignalSet{0}));
        SignalSet mask = MUST(k.sigprocmask(p.pid(), signals::sig_block, std::nullopt));
        EXPECT_EQ(mask & signal_bit(signals::sigkill), 0u);
        EXPECT_EQ(mask & signal_bit(signals::sigstop), 0u);
        EXPECT_NE(mask & signal_bit(signals::sigterm), 0u);
        MUST(k.kill(p.pid(), p.pid(), signals::sigkill));
        EXPECT_TRUE(p.terminated());
        return 0;
    }), wait_status::signaled(signals::sigkill));
}

TEST_F(ProcHandlers, BlockedSigstopStillStops) {
    auto masked = std::make_shared<std::atomic<bool>>(false);
    EXPECT_EQ(run([this, masked](ProcessContext& p) {
        auto& k = p.kernel();
        auto request = child([masked](ProcessContext& c) {
            MUST(c.kernel().sigprocmask(c.pid(), signals::sig_setmask, ~SignalSet{0}));
            *masked = true;
            return sleep_until_interrupted(c);
        });
        Pid pid = MUST(k.spawn(p.pid(), request));
        while (!masked->load())
            MUST(k.sleep(p.pid(), 1'000'000));
        MUST(k.kill(p.pid(), pid, signals::sigstop));
        auto waited = MUST(k.waitpid(p.pid(), pid, flags::wuntraced));
        EXPECT_TRUE(wait_status::if_stopped(waited.status)) << describe_status(waited.status);
        MUST(k.kill(p.pid(), pid, signals::sigkill));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), signaled(signals::sigkill));
        return 0;
    }), 0);
}

TEST_F(ProcHandlers, IgnoringASignalDiscardsItWhilePending) {
    EXPECT_EQ(run_status_of([](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigprocmask(p.pid(), signals::sig_block, signal_bit(signals::sigusr1)));
        MUST(k.kill(p.pid(), p.pid(), signals::sigusr1));
        EXPECT_EQ(MUST(k.sigpending(p.pid())), signal_bit(signals::sigusr1));
        MUST(k.sigaction(p.pid(), signals::sigusr1, ignore_action()));
        EXPECT_EQ(MUST(k.sigpending(p.pid())), 0u);
        MUST(k.sigaction(p.pid(), signals::sigusr1, SignalAction{}));  // back to default (fatal)
        MUST(k.sigprocmask(p.pid(), signals::sig_unblock, signal_bit(signals::sigusr1)));
        EXPECT_FALSE(p.terminated());
        EXPECT_EQ(err(k.sleep(p.pid(), 1'000'000)), "OK");
        return 0;
    }), wait_status::exited(0));
}

TEST_F(ProcHandlers, IgnoredSignalIsDroppedAtGeneration) {
    EXPECT_EQ(run_status_of([](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigterm, ignore_action()));
        MUST(k.kill(p.pid(), p.pid(), signals::sigterm));
        EXPECT_FALSE(p.terminated());
        EXPECT_EQ(MUST(k.sigpending(p.pid())), 0u);
        return 0;
    }), wait_status::exited(0));
}

TEST_F(ProcHandlers, FatalSignalInterruptsABlockedRead) {
    start();
    struct Shared {
        std::atomic<bool> reading{false};
        std::atomic<int> read_errno{0};
    };
    auto shared = std::make_shared<Shared>();
    auto process = MUST(kernel().spawn("fn", {function([shared](ProcessContext& p) {
        shared->reading = true;
        std::byte buffer[16];
        auto read = p.kernel().read(p.pid(), 0, buffer);  // the host keeps stdin open
        shared->read_errno = read.is_error() ? to_linux(read.error()) : -1;
        return 0;
    })}, {}));
    ASSERT_TRUE(poll_until([&] { return shared->reading.load(); }));
    host_sleep_ms(50);
    MUST(process->kill(signals::sigterm));
    auto status = process->wait_for(5000);
    ASSERT_TRUE(status.has_value()) << "the read was not interrupted";
    EXPECT_EQ(describe_status(*status), signaled(signals::sigterm));
    EXPECT_EQ(shared->read_errno.load(), to_linux(Errno::eintr));
}

TEST_F(ProcHandlers, ParentWithHandlerGetsSigchldWhenChildExits) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigchld, handler_action()));
        Pid pid = MUST(k.spawn(p.pid(), child([](ProcessContext&) { return 0; })));
        auto begin = SteadyClock::now();
        EXPECT_EQ(err(k.sleep(p.pid(), 5'000'000'000)), "EINTR");
        EXPECT_LT(elapsed_ms(begin), 4000);
        auto taken = MUST(k.take_signal(p.pid()));
        EXPECT_EQ(taken ? taken->signal : 0, signals::sigchld);
        EXPECT_EQ(MUST(k.waitpid(p.pid(), pid)).pid, pid);
        return 0;
    }), 0);
}

TEST_F(ProcHandlers, ParentWithoutHandlerIsNotDisturbedBySigchld) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = MUST(k.spawn(p.pid(), child([](ProcessContext&) { return 0; })));
        EXPECT_TRUE(poll_until_state(pid, ProcessState::zombie));
        EXPECT_EQ(err(k.sleep(p.pid(), 1'000'000)), "OK");
        EXPECT_EQ(MUST(k.sigpending(p.pid())), 0u);
        EXPECT_EQ(MUST(k.waitpid(p.pid(), pid)).pid, pid);
        return 0;
    }), 0);
}

TEST_F(ProcHandlers, IgnoredDispositionsAreInheritedAndHandlersReset) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigusr1, ignore_action()));
        MUST(k.sigaction(p.pid(), signals::sigusr2, handler_action()));
        auto request = child([](ProcessContext& c) {
            auto& ck = c.kernel();
            EXPECT_EQ(MUST(ck.sigaction(c.pid(), signals::sigusr1, std::nullopt)).disposition, Disposition::ignore);
            EXPECT_EQ(MUST(ck.sigaction(c.pid(), signals::sigusr2, std::nullopt)).disposition,
                      Disposition::default_action);
            MUST(ck.kill(c.pid(), c.pid(), signals::sigusr1));  // ignored: survives
            if (c.terminated())
                return 1;
            MUST(ck.kill(c.pid(), c.pid(), signals::sigusr2));  // default: fatal
            return 2;
        });
        Pid pid = MUST(k.spawn(p.pid(), request));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), signaled(signals::sigusr2));
        return 0;
    }), 0);
}

TEST_F(ProcHandlers, SignalMaskIsInherited) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigprocmask(p.pid(), signals::sig_block, signal_bit(signals::sigusr1)));
        auto request = child([](ProcessContext& c) {
            return MUST(c.kernel().sigprocmask(c.pid(), signals::sig_block, std::nullopt)) ==
                           signal_bit(signals::sigusr1)
                       ? 0
                       : 1;
        });
        Pid pid = MUST(k.spawn(p.pid(), request));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(0));
        return 0;
    }), 0);
}

TEST_F(ProcHandlers, HandledSignalFromAnotherProcessInterruptsWaitpid) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigusr1, handler_action()));
        Gate gate = make_gate(p);
        Pid waiting = spawn_waiting(p, gate);
        Pid parent = p.pid();
        Pid sender = MUST(k.spawn(p.pid(), child([parent](ProcessContext& c) {
            MUST(c.kernel().sleep(c.pid(), 30'000'000));
            MUST(c.kernel().kill(c.pid(), parent, signals::sigusr1));
            return 0;
        })));
        EXPECT_EQ(err(k.waitpid(p.pid(), waiting)), "EINTR");
        EXPECT_TRUE(MUST(k.take_signal(p.pid())).has_value());
        MUST(k.close(p.pid(), gate.write_fd));
        EXPECT_EQ(MUST(k.waitpid(p.pid(), waiting)).pid, waiting);
        EXPECT_EQ(MUST(k.waitpid(p.pid(), sender)).pid, sender);
        return 0;
    }), 0);
}

TEST_F(ProcSleep, SleepSleepsAtLeastTheRequestedTime) {
    EXPECT_EQ(run([](ProcessContext& p) {
        auto begin = SteadyClock::now();
        EXPECT_EQ(err(p.kernel().sleep(p.pid(), 50'000'000)), "OK");
        auto took = elapsed_ms(begin);
        EXPECT_GE(took, 50);
        EXPECT_LT(took, 2000);
        EXPECT_EQ(err(p.kernel().sleep(p.pid(), 0)), "OK");
        return 0;
    }), 0);
}

TEST_F(ProcSleep, HandledSignalEndsASleepEarlyWithEintr) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigusr1, handler_action()));
        Pid parent = p.pid();
        Pid sender = MUST(k.spawn(p.pid(), child([parent](ProcessContext& c) {
            MUST(c.kernel().sleep(c.pid(), 50'000'000));
            MUST(c.kernel().kill(c.pid(), parent, signals::sigusr1));
            return 0;
        })));
        auto begin = SteadyClock::now();
        EXPECT_EQ(err(k.sleep(p.pid(), 5'000'000'000)), "EINTR");
        auto took = elapsed_ms(begin);
        EXPECT_GE(took, 40);
        EXPECT_LT(took, 3000);
        EXPECT_FALSE(p.terminated());
        auto taken = MUST(k.take_signal(p.pid()));
        EXPECT_EQ(taken ? taken->signal : 0, signals::sigusr1);
        EXPECT_EQ(MUST(k.waitpid(p.pid(), sender)).pid, sender);
        return 0;
    }), 0);
}

TEST_F(ProcSleep, BlockedHandledSignalDoesNotInterruptSleep) {
    EXPECT_EQ(run([](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.sigaction(p.pid(), signals::sigusr1, handler_action()));
        MUST(k.sigprocmask(p.pid(), signals::sig_block, signal_bit(signals::sigusr1)));
        MUST(k.kill(p.pid(), p.pid(), signals::sigusr1));
        EXPECT_EQ(err(k.sleep(p.pid(), 10'000'000)), "OK");
        EXPECT_FALSE(MUST(k.take_signal(p.pid())).has_value());  // blocked: not deliverable
        MUST(k.sigprocmask(p.pid(), signals::sig_unblock, signal_bit(signals::sigusr1)));
        EXPECT_EQ(err(k.sleep(p.pid(), 10'000'000)), "EINTR");
        EXPECT_TRUE(MUST(k.take_signal(p.pid())).has_value());
        return 0;
    }), 0);
}

}  // namespace
}  // namespace secure_exec::testing
