// Pids, parent links, waitpid(2) and zombies/orphans.
#include <set>

#include "proc_support.h"

namespace secure_exec::testing {
namespace {

using ProcPids = ProcFixture;
using ProcWait = ProcFixture;

TEST_F(ProcPids, PidsStartAtOneAndIncrease) {
    std::vector<Pid> pids;
    for (int i = 0; i < 3; ++i) {
        auto seen = std::make_shared<std::atomic<Pid>>(0);
        EXPECT_EQ(run([seen](ProcessContext& p) {
            *seen = p.pid();
            return 0;
        }), 0);
        pids.push_back(seen->load());
    }
    EXPECT_EQ(pids, (std::vector<Pid>{1, 2, 3}));
}

TEST_F(ProcPids, HostSpawnedProcessHasParentZero) {
    EXPECT_EQ(run([](ProcessContext& p) {
        EXPECT_EQ(p.start().ppid, 0);
        EXPECT_EQ(MUST(p.kernel().getppid(p.pid())), 0);
        EXPECT_EQ(MUST(p.kernel().process_info(p.pid(), 0)).ppid, 0);
        return 0;
    }), 0);
}

TEST_F(ProcPids, ChildSeesParentPid) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto request = child([](ProcessContext& c) {
            Pid ppid = MUST(c.kernel().getppid(c.pid()));
            EXPECT_EQ(ppid, c.start().ppid);
            return static_cast<int>(ppid);
        });
        Pid child_pid = MUST(p.kernel().spawn(p.pid(), request));
        EXPECT_GT(child_pid, p.pid());
        EXPECT_EQ(MUST(p.kernel().process_info(p.pid(), child_pid)).ppid, p.pid());
        auto waited = MUST(p.kernel().waitpid(p.pid(), child_pid));
        EXPECT_EQ(describe_status(waited.status), exited(p.pid()));
        return 0;
    }), 0);
}

TEST_F(ProcPids, ChildPidsAreUniqueAndIncreasing) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        Pid last = p.pid();
        std::set<Pid> seen{p.pid()};
        for (int i = 0; i < 5; ++i) {
            Pid pid = MUST(p.kernel().spawn(p.pid(), child([](ProcessContext&) { return 0; })));
            EXPECT_GT(pid, last);
            EXPECT_TRUE(seen.insert(pid).second);
            last = pid;
        }
        for (int i = 0; i < 5; ++i)
            EXPECT_EQ(err(p.kernel().waitpid(p.pid(), -1)), "OK");
        return 0;
    }), 0);
}

TEST_F(ProcWait, WaitForSpecificPid) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Pid first = MUST(k.spawn(p.pid(), child([](ProcessContext&) { return 3; })));
        Pid second = MUST(k.spawn(p.pid(), child([](ProcessContext&) { return 4; })));
        auto waited = MUST(k.waitpid(p.pid(), second));
        EXPECT_EQ(waited.pid, second);
        EXPECT_EQ(describe_status(waited.status), exited(4));
        waited = MUST(k.waitpid(p.pid(), first));
        EXPECT_EQ(waited.pid, first);
        EXPECT_EQ(describe_status(waited.status), exited(3));
        // Both are reaped now.
        EXPECT_EQ(err(k.waitpid(p.pid(), first)), "ECHILD");
        return 0;
    }), 0);
}

TEST_F(ProcWait, ExitCodeThreeIsExitedWithStatusThree) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        Pid pid = MUST(p.kernel().spawn(p.pid(), child([](ProcessContext&) { return 3; })));
        auto waited = MUST(p.kernel().waitpid(p.pid(), pid));
        EXPECT_TRUE(wait_status::if_exited(waited.status));
        EXPECT_FALSE(wait_status::if_signaled(waited.status));
        EXPECT_FALSE(wait_status::if_stopped(waited.status));
        EXPECT_EQ(wait_status::exit_status(waited.status), 3);
        EXPECT_EQ(waited.status, wait_status::exited(3));
        return 0;
    }), 0);
}

TEST_F(ProcWait, WaitAnyChild) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Pid a = MUST(k.spawn(p.pid(), child([](ProcessContext&) { return 1; })));
        Pid b = MUST(k.spawn(p.pid(), child([](ProcessContext&) { return 2; })));
        std::map<Pid, int> got;
        for (int i = 0; i < 2; ++i) {
            auto waited = MUST(k.waitpid(p.pid(), -1));
            got[waited.pid] = wait_status::exit_status(waited.status);
        }
        EXPECT_EQ(got, (std::map<Pid, int>{{a, 1}, {b, 2}}));
        EXPECT_EQ(err(k.waitpid(p.pid(), -1)), "ECHILD");
        return 0;
    }), 0);
}

TEST_F(ProcWait, WaitSameGroupAndByGroupId) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid in_group = spawn_waiting(p, gate, 5);
        Pid other_group = spawn_waiting(p, gate, 6);
        MUST(k.setpgid(p.pid(), other_group, other_group));
        EXPECT_EQ(MUST(k.getpgid(p.pid(), other_group)), other_group);
        MUST(k.close(p.pid(), gate.write_fd));  // both exit now
        auto waited = MUST(k.waitpid(p.pid(), 0));
        EXPECT_EQ(waited.pid, in_group);
        EXPECT_EQ(describe_status(waited.status), exited(5));
        // The remaining child is in another group: nothing matches 0 any more.
        EXPECT_EQ(err(k.waitpid(p.pid(), 0)), "ECHILD");
        waited = MUST(k.waitpid(p.pid(), -other_group));
        EXPECT_EQ(waited.pid, other_group);
        EXPECT_EQ(describe_status(waited.status), exited(6));
        return 0;
    }), 0);
}

TEST_F(ProcWait, WnohangReturnsZeroWhileChildRuns) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid pid = spawn_waiting(p, gate, 0);
        auto waited = MUST(k.waitpid(p.pid(), pid, flags::wnohang));
        EXPECT_EQ(waited.pid, 0);
        waited = MUST(k.waitpid(p.pid(), -1, flags::wnohang));
        EXPECT_EQ(waited.pid, 0);
        MUST(k.close(p.pid(), gate.write_fd));
        waited = MUST(k.waitpid(p.pid(), pid));
        EXPECT_EQ(waited.pid, pid);
        return 0;
    }), 0);
}

TEST_F(ProcWait, NoChildrenIsEchild) {
    EXPECT_EQ(run([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_EQ(err(k.waitpid(p.pid(), -1)), "ECHILD");
        EXPECT_EQ(err(k.waitpid(p.pid(), 0)), "ECHILD");
        EXPECT_EQ(err(k.waitpid(p.pid(), -1, flags::wnohang)), "ECHILD");
        EXPECT_EQ(err(k.waitpid(p.pid(), -p.pid())), "ECHILD");
        return 0;
    }), 0);
}

TEST_F(ProcWait, WaitingForANonChildIsEchild) {
    start();
    auto other = MUST(kernel().spawn("fn", {function([](ProcessContext& p) { return sleep_until_interrupted(p); })}, {}));
    Pid other_pid = other->pid();
    EXPECT_EQ(run([this, other_pid](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid mine = spawn_waiting(p, gate, 0);
        EXPECT_EQ(err(k.waitpid(p.pid(), other_pid)), "ECHILD");    // a live process, not ours
        EXPECT_EQ(err(k.waitpid(p.pid(), p.pid())), "ECHILD");      // ourselves
        EXPECT_EQ(err(k.waitpid(p.pid(), 99999)), "ECHILD");        // nobody
        EXPECT_EQ(err(k.waitpid(p.pid(), other_pid, flags::wnohang)), "ECHILD");
        MUST(k.close(p.pid(), gate.write_fd));
        EXPECT_EQ(MUST(k.waitpid(p.pid(), mine)).pid, mine);
        return 0;
    }), 0);
    MUST(other->kill(signals::sigkill));
    EXPECT_EQ(describe_status(other->wait()), signaled(signals::sigkill));
}

TEST_F(ProcWait, InvalidOptionsAreEinval) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        Pid pid = spawn_waiting(p, gate, 0);
        EXPECT_EQ(err(k.waitpid(p.pid(), pid, 0x4000)), "EINVAL");
        EXPECT_EQ(err(k.waitpid(p.pid(), -1, flags::wnohang | 0x100)), "EINVAL");
        EXPECT_EQ(err(k.waitpid(p.pid(), -1, -1)), "EINVAL");
        MUST(k.close(p.pid(), gate.write_fd));
        EXPECT_EQ(MUST(k.waitpid(p.pid(), pid)).pid, pid);  // the child was not reaped by the bad calls
        return 0;
    }), 0);
}

TEST_F(ProcWait, ZombieStaysUntilWaited) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        Pid pid = MUST(p.kernel().spawn(p.pid(), child([](ProcessContext&) { return 9; })));
        EXPECT_TRUE(poll_until_state(pid, ProcessState::zombie));
        auto info = info_of(pid);
        EXPECT_TRUE(info.has_value());
        if (info) {
            EXPECT_EQ(info->ppid, p.pid());
            EXPECT_TRUE(info->wait_status.has_value());
            EXPECT_EQ(describe_status(info->wait_status.value_or(-1)), exited(9));
        }
        // Still there a while later: nobody reaps it behind the parent's back.
        MUST(p.kernel().sleep(p.pid(), 20'000'000));
        EXPECT_TRUE(info_of(pid).has_value());
        auto waited = MUST(p.kernel().waitpid(p.pid(), pid));
        EXPECT_EQ(waited.pid, pid);
        EXPECT_EQ(describe_status(waited.status), exited(9));
        EXPECT_FALSE(info_of(pid).has_value());
        return 0;
    }), 0);
}

TEST_F(ProcWait, OrphanIsReparentedToZeroAndReapedByTheKernel) {
    struct Shared {
        std::atomic<Pid> orphan{0};
        std::atomic<bool> release{false};
        std::atomic<Pid> ppid_after{-1};
    };
    auto shared = std::make_shared<Shared>();
    Pid parent_pid = 0;
    EXPECT_EQ(run([this, shared, &parent_pid](ProcessContext& p) {
        parent_pid = p.pid();
        auto request = child([shared](ProcessContext& c) {
            while (!shared->release.load())
                if (c.kernel().sleep(c.pid(), 2'000'000).is_error())
                    return 1;
            shared->ppid_after = MUST(c.kernel().getppid(c.pid()));
            return 0;
        });
        shared->orphan = MUST(p.kernel().spawn(p.pid(), request));
        return 0;  // exits without waiting
    }), 0);
    Pid orphan = shared->orphan.load();
    ASSERT_NE(orphan, 0);
    auto info = info_of(orphan);
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->ppid, 0);
    EXPECT_EQ(info->state, ProcessState::running);
    EXPECT_FALSE(info_of(parent_pid).has_value());  // the parent itself was reaped by its host handle
    shared->release = true;
    EXPECT_TRUE(poll_until([&] { return !info_of(orphan).has_value(); })) << "orphan left in the table";
    EXPECT_EQ(shared->ppid_after.load(), 0);
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(ProcWait, ZombieChildrenOfAnExitingParentAreReaped) {
    auto child_pid = std::make_shared<std::atomic<Pid>>(0);
    EXPECT_EQ(run([this, child_pid](ProcessContext& p) {
        Pid pid = MUST(p.kernel().spawn(p.pid(), child([](ProcessContext&) { return 0; })));
        *child_pid = pid;
        EXPECT_TRUE(poll_until_state(pid, ProcessState::zombie));
        return 0;  // never waits
    }), 0);
    EXPECT_FALSE(info_of(child_pid->load()).has_value());
    EXPECT_TRUE(kernel().processes().empty());
}

}  // namespace
}  // namespace secure_exec::testing
