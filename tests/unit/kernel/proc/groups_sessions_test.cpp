// Process groups and sessions: setpgid(2), getpgid(2), setsid(2), getsid(2), kill(-pgid).
#include "proc_support.h"

namespace secure_exec::testing {
namespace {

using ProcGroups = ProcFixture;

TEST_F(ProcGroups, HostSpawnedProcessLeadsItsOwnSessionAndGroup) {
    EXPECT_EQ(run([](ProcessContext& p) {
        EXPECT_EQ(MUST(p.kernel().getpgid(p.pid(), 0)), p.pid());
        EXPECT_EQ(MUST(p.kernel().getsid(p.pid(), 0)), p.pid());
        EXPECT_EQ(MUST(p.kernel().getpgid(p.pid(), p.pid())), p.pid());
        return 0;
    }), 0);
}

TEST_F(ProcGroups, ChildrenInheritGroupAndSession) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid pid = spawn_waiting(p, gate);
        EXPECT_EQ(MUST(k.getpgid(p.pid(), pid)), p.pid());
        EXPECT_EQ(MUST(k.getsid(p.pid(), pid)), p.pid());
        auto info = MUST(k.process_info(p.pid(), pid));
        EXPECT_EQ(info.pgid, p.pid());
        EXPECT_EQ(info.sid, p.pid());
        MUST(k.close(p.pid(), gate.write_fd));
        MUST(k.waitpid(p.pid(), pid));
        return 0;
    }), 0);
}

TEST_F(ProcGroups, GrandchildInheritsTheChildsNewGroup) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto grandchild_request = child([](ProcessContext& g) {
            auto& gk = g.kernel();
            bool ok = MUST(gk.getpgid(g.pid(), 0)) == g.start().ppid &&
                      MUST(gk.getsid(g.pid(), 0)) == MUST(gk.getsid(g.pid(), g.start().ppid));
            return ok ? 0 : 1;
        });
        auto request = child([grandchild_request](ProcessContext& c) {
            auto& k = c.kernel();
            MUST(k.setpgid(c.pid(), 0, 0));
            Pid grandchild = MUST(k.spawn(c.pid(), grandchild_request));
            return wait_status::shell_code(MUST(k.waitpid(c.pid(), grandchild)).status);
        });
        Pid pid = MUST(p.kernel().spawn(p.pid(), request));
        return wait_status::shell_code(MUST(p.kernel().waitpid(p.pid(), pid)).status);
    }), 0);
}

TEST_F(ProcGroups, SetpgidZeroZeroMakesANewGroup) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        Pid parent = p.pid();
        auto request = child([parent](ProcessContext& c) {
            auto& k = c.kernel();
            EXPECT_EQ(MUST(k.getpgid(c.pid(), 0)), parent);
            EXPECT_EQ(err(k.setpgid(c.pid(), 0, 0)), "OK");
            EXPECT_EQ(MUST(k.getpgid(c.pid(), 0)), c.pid());
            EXPECT_EQ(MUST(k.getsid(c.pid(), 0)), parent);  // still the same session
            return 0;
        });
        Pid pid = MUST(p.kernel().spawn(p.pid(), request));
        auto waited = MUST(p.kernel().waitpid(p.pid(), pid));
        EXPECT_EQ(describe_status(waited.status), exited(0));
        EXPECT_EQ(MUST(p.kernel().getpgid(p.pid(), 0)), p.pid());  // the parent's group is unchanged
        return 0;
    }), 0);
}

TEST_F(ProcGroups, ParentMovesChildIntoNewGroupAndAnotherChildJoinsIt) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid leader = spawn_waiting(p, gate);
        Pid member = spawn_waiting(p, gate);
        EXPECT_EQ(err(k.setpgid(p.pid(), leader, leader)), "OK");
        EXPECT_EQ(err(k.setpgid(p.pid(), member, leader)), "OK");
        EXPECT_EQ(MUST(k.getpgid(p.pid(), leader)), leader);
        EXPECT_EQ(MUST(k.getpgid(p.pid(), member)), leader);
        // Back into the parent's group (it exists in the same session).
        EXPECT_EQ(err(k.setpgid(p.pid(), member, p.pid())), "OK");
        EXPECT_EQ(MUST(k.getpgid(p.pid(), member)), p.pid());
        MUST(k.close(p.pid(), gate.write_fd));
        MUST(k.waitpid(p.pid(), leader));
        MUST(k.waitpid(p.pid(), member));
        return 0;
    }), 0);
}

TEST_F(ProcGroups, ChildJoinsExistingGroupItself) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid leader = spawn_waiting(p, gate);
        MUST(k.setpgid(p.pid(), leader, 0));  // pgid 0 means the target's own pid
        EXPECT_EQ(MUST(k.getpgid(p.pid(), leader)), leader);
        auto request = child([leader](ProcessContext& c) {
            EXPECT_EQ(err(c.kernel().setpgid(c.pid(), 0, leader)), "OK");
            return MUST(c.kernel().getpgid(c.pid(), 0)) == leader ? 0 : 1;
        });
        Pid joiner = MUST(k.spawn(p.pid(), request));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), joiner)).status), exited(0));
        MUST(k.close(p.pid(), gate.write_fd));
        MUST(k.waitpid(p.pid(), leader));
        return 0;
    }), 0);
}

TEST_F(ProcGroups, SetpgidToNonexistentGroupIsEperm) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid pid = spawn_waiting(p, gate);
        EXPECT_EQ(err(k.setpgid(p.pid(), pid, 9999)), "EPERM");
        EXPECT_EQ(MUST(k.getpgid(p.pid(), pid)), p.pid());
        auto request = child([](ProcessContext& c) { return err(c.kernel().setpgid(c.pid(), 0, 9999)) == "EPERM" ? 0 : 1; });
        Pid self_mover = MUST(k.spawn(p.pid(), request));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), self_mover)).status), exited(0));
        MUST(k.close(p.pid(), gate.write_fd));
        MUST(k.waitpid(p.pid(), pid));
        return 0;
    }), 0);
}

TEST_F(ProcGroups, SetpgidOfANonChildIsEsrch) {
    start();
    auto other = MUST(kernel().spawn("fn", {function([](ProcessContext& p) { return sleep_until_interrupted(p); })}, {}));
    Pid other_pid = other->pid();
    EXPECT_EQ(run([other_pid](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_EQ(err(k.setpgid(p.pid(), 9999, 0)), "ESRCH");       // nobody
        EXPECT_EQ(err(k.setpgid(p.pid(), other_pid, 0)), "ESRCH");  // alive, not our child
        return 0;
    }), 0);
    // A grandchild is not a child either.
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        auto grandchild_pid = std::make_shared<std::atomic<Pid>>(0);
        auto release = std::make_shared<std::atomic<bool>>(false);
        auto grandchild_request = child([release](ProcessContext& gc) {
            while (!release->load())
                if (gc.kernel().sleep(gc.pid(), 1'000'000).is_error())
                    break;
            return 0;
        });
        auto request = child([grandchild_pid, grandchild_request](ProcessContext& c) {
            Pid g = MUST(c.kernel().spawn(c.pid(), grandchild_request));
            *grandchild_pid = g;
            MUST(c.kernel().waitpid(c.pid(), g));
            return 0;
        });
        Pid middle = MUST(k.spawn(p.pid(), request));
        while (grandchild_pid->load() == 0)
            MUST(k.sleep(p.pid(), 1'000'000));
        EXPECT_EQ(err(k.setpgid(p.pid(), grandchild_pid->load(), 0)), "ESRCH");
        *release = true;
        MUST(k.waitpid(p.pid(), middle));
        return 0;
    }), 0);
    MUST(other->kill(signals::sigkill));
    other->wait();
}

TEST_F(ProcGroups, SetpgidOfASessionLeaderIsEperm) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        // The host-spawned process leads its session.
        EXPECT_EQ(err(k.setpgid(p.pid(), 0, 0)), "EPERM");
        EXPECT_EQ(err(k.setpgid(p.pid(), p.pid(), p.pid())), "EPERM");
        // A child that made its own session.
        auto ready = std::make_shared<std::atomic<bool>>(false);
        auto release = std::make_shared<std::atomic<bool>>(false);
        auto request = child([ready, release](ProcessContext& c) {
            MUST(c.kernel().setsid(c.pid()));
            EXPECT_EQ(err(c.kernel().setpgid(c.pid(), 0, 0)), "EPERM");
            *ready = true;
            while (!release->load())
                if (c.kernel().sleep(c.pid(), 1'000'000).is_error())
                    break;
            return 0;
        });
        Pid pid = MUST(k.spawn(p.pid(), request));
        while (!ready->load())
            MUST(k.sleep(p.pid(), 1'000'000));
        EXPECT_EQ(err(k.setpgid(p.pid(), pid, pid)), "EPERM");
        EXPECT_EQ(err(k.setpgid(p.pid(), pid, p.pid())), "EPERM");
        *release = true;
        MUST(k.waitpid(p.pid(), pid));
        return 0;
    }), 0);
}

TEST_F(ProcGroups, NegativePgidIsEinval) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid pid = spawn_waiting(p, gate);
        EXPECT_EQ(err(k.setpgid(p.pid(), pid, -1)), "EINVAL");
        EXPECT_EQ(err(k.setpgid(p.pid(), 0, -5)), "EINVAL");
        MUST(k.close(p.pid(), gate.write_fd));
        MUST(k.waitpid(p.pid(), pid));
        return 0;
    }), 0);
}

TEST_F(ProcGroups, SetsidCreatesASession) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto request = child([](ProcessContext& c) {
            auto& k = c.kernel();
            auto sid = k.setsid(c.pid());
            EXPECT_EQ(err(sid), "OK");
            if (!sid.is_error()) {
                EXPECT_EQ(sid.value(), c.pid());
            }
            EXPECT_EQ(MUST(k.getsid(c.pid(), 0)), c.pid());
            EXPECT_EQ(MUST(k.getpgid(c.pid(), 0)), c.pid());
            // Now a group (and session) leader: a second setsid fails.
            EXPECT_EQ(err(k.setsid(c.pid())), "EPERM");
            return 0;
        });
        Pid pid = MUST(p.kernel().spawn(p.pid(), request));
        EXPECT_EQ(describe_status(MUST(p.kernel().waitpid(p.pid(), pid)).status), exited(0));
        EXPECT_EQ(MUST(p.kernel().getsid(p.pid(), 0)), p.pid());  // the parent's session is unchanged
        return 0;
    }), 0);
}

TEST_F(ProcGroups, SetsidOfAGroupLeaderIsEperm) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        EXPECT_EQ(err(p.kernel().setsid(p.pid())), "EPERM");  // host-spawned: leads its group
        auto request = child([](ProcessContext& c) {
            MUST(c.kernel().setpgid(c.pid(), 0, 0));
            return err(c.kernel().setsid(c.pid())) == "EPERM" ? 0 : 1;
        });
        Pid pid = MUST(p.kernel().spawn(p.pid(), request));
        EXPECT_EQ(describe_status(MUST(p.kernel().waitpid(p.pid(), pid)).status), exited(0));
        return 0;
    }), 0);
}

TEST_F(ProcGroups, UnknownPidIsEsrchForGetpgidAndGetsid) {
    EXPECT_EQ(run([](ProcessContext& p) {
        EXPECT_EQ(err(p.kernel().getpgid(p.pid(), 9999)), "ESRCH");
        EXPECT_EQ(err(p.kernel().getsid(p.pid(), 9999)), "ESRCH");
        return 0;
    }), 0);
}

TEST_F(ProcGroups, KillNegativePgidReachesEveryMember) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid a = spawn_waiting(p, gate);
        Pid b = spawn_waiting(p, gate);
        Pid c = spawn_waiting(p, gate);
        Gate outside_gate = make_gate(p);
        Pid outsider = spawn_waiting(p, outside_gate, 7);
        MUST(k.setpgid(p.pid(), a, a));
        MUST(k.setpgid(p.pid(), b, a));
        MUST(k.setpgid(p.pid(), c, a));
        EXPECT_EQ(err(k.kill(p.pid(), -a, signals::sigterm)), "OK");
        for (Pid pid : {a, b, c}) {
            auto waited = MUST(k.waitpid(p.pid(), pid));
            EXPECT_EQ(describe_status(waited.status), signaled(signals::sigterm)) << "pid " << pid;
        }
        // Neither the caller (in another group) nor the outsider was hit.
        EXPECT_FALSE(p.terminated());
        EXPECT_EQ(MUST(k.waitpid(p.pid(), outsider, flags::wnohang)).pid, 0);
        MUST(k.close(p.pid(), outside_gate.write_fd));
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), outsider)).status), exited(7));
        MUST(k.close(p.pid(), gate.write_fd));
        return 0;
    }), 0);
}

TEST_F(ProcGroups, KillZeroSignalsTheCallersGroup) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid member = spawn_waiting(p, gate);  // default dispositions, same group
        MUST(k.sigaction(p.pid(), signals::sigusr1, handler_action()));
        EXPECT_EQ(err(k.kill(p.pid(), 0, signals::sigusr1)), "OK");
        // The caller is in that group, so it got the signal too (pending for its handler). Take it
        // first: a pending handled signal makes the blocking waitpid below return EINTR.
        EXPECT_FALSE(p.terminated());
        auto taken = MUST(k.take_signal(p.pid()));
        EXPECT_TRUE(taken.has_value());
        if (taken) {
            EXPECT_EQ(taken->signal, signals::sigusr1);
        }
        EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), member)).status), signaled(signals::sigusr1));
        MUST(k.close(p.pid(), gate.write_fd));
        return 0;
    }), 0);
}

}  // namespace
}  // namespace secure_exec::testing
