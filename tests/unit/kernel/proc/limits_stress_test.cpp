// The process limit (KernelLimits::max_processes) and many processes at once / in churn.
#include <set>
#include <thread>

#include "proc_support.h"

namespace secure_exec::testing {
namespace {

using ProcLimits = ProcFixture;
using ProcStress = ProcFixture;

TEST_F(ProcLimits, HostSpawnBeyondMaxProcessesIsEagain) {
    options().limits.max_processes = 10;
    start();
    std::string id = function([](ProcessContext& p) {
        (void)p.read_all(0);
        return 0;
    });
    std::vector<std::unique_ptr<ManagedProcess>> live;
    for (int i = 0; i < 10; ++i) {
        auto spawned = kernel().spawn("fn", {id}, {});
        ASSERT_FALSE(spawned.is_error()) << "spawn " << i << ": " << errno_name(spawned.error());
        live.push_back(spawned.release_value());
    }
    EXPECT_ERRNO(kernel().spawn("fn", {id}, {}), Errno::eagain);
    EXPECT_ERRNO(kernel().spawn("fn", {id}, {}), Errno::eagain);
    EXPECT_EQ(kernel().processes().size(), 10u);  // the failed spawns left nothing behind
    for (auto& process : live) {
        process->close_stdin();
        EXPECT_EQ(describe_status(process->wait()), exited(0));
    }
    // Zombies (still held by their host handles) are not live processes.
    std::vector<std::unique_ptr<ManagedProcess>> second;
    for (int i = 0; i < 10; ++i) {
        auto spawned = kernel().spawn("fn", {id}, {});
        ASSERT_FALSE(spawned.is_error()) << "respawn " << i << ": " << errno_name(spawned.error());
        second.push_back(spawned.release_value());
    }
    for (auto& process : second) {
        process->close_stdin();
        EXPECT_EQ(describe_status(process->wait()), exited(0));
    }
}

TEST_F(ProcLimits, ChildSpawnBeyondMaxProcessesIsEagain) {
    options().limits.max_processes = 10;
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        Gate gate = make_gate(p);
        std::vector<Pid> children;
        for (int i = 0; i < 9; ++i)  // with the caller: 10 live processes
            children.push_back(spawn_waiting(p, gate));
        auto request = child([](ProcessContext&) { return 0; });
        EXPECT_EQ(err(k.spawn(p.pid(), request)), "EAGAIN");
        MUST(k.close(p.pid(), gate.write_fd));
        for (Pid pid : children)
            EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), pid)).status), exited(0));
        auto again = k.spawn(p.pid(), request);
        EXPECT_EQ(err(again), "OK");
        if (!again.is_error()) {
            EXPECT_EQ(describe_status(MUST(k.waitpid(p.pid(), again.value())).status), exited(0));
        }
        return 0;
    }), 0);
}

TEST_F(ProcStress, HundredConcurrentHostSpawnsGetUniquePidsAndTheirExitCodes) {
    start();
    std::string id = function([](ProcessContext& p) { return static_cast<int>(p.pid() % 256); });
    constexpr int k_count = 100;
    std::vector<Pid> pids(k_count, -1);
    std::vector<int> statuses(k_count, -1);
    std::vector<std::string> errors(k_count);
    std::vector<std::thread> threads;
    std::atomic<bool> go{false};
    for (int i = 0; i < k_count; ++i) {
        threads.emplace_back([&, i] {
            while (!go.load())
                std::this_thread::yield();
            auto spawned = kernel().spawn("fn", {id}, {});
            if (spawned.is_error()) {
                errors[i] = errno_name(spawned.error());
                return;
            }
            pids[i] = spawned.value()->pid();
            statuses[i] = spawned.value()->wait();
        });
    }
    go = true;
    for (auto& thread : threads)
        thread.join();
    std::set<Pid> unique;
    for (int i = 0; i < k_count; ++i) {
        EXPECT_EQ(errors[i], "") << "spawn " << i;
        EXPECT_GE(pids[i], 1);
        EXPECT_LE(pids[i], k_count);
        unique.insert(pids[i]);
        EXPECT_EQ(describe_status(statuses[i]), exited(pids[i] % 256)) << "pid " << pids[i];
    }
    EXPECT_EQ(unique.size(), static_cast<size_t>(k_count));
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(ProcStress, HundredChildrenOfOneProcessAreAllCollected) {
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        std::string id = function([](ProcessContext& c) { return std::stoi(c.argv().at(2)); });
        std::map<Pid, int> expected;
        for (int i = 0; i < 100; ++i) {
            SpawnRequest request{.command = "fn", .args = {id, std::to_string(i)}};
            auto pid = k.spawn(p.pid(), request);
            EXPECT_EQ(err(pid), "OK");
            if (pid.is_error())
                return 1;
            EXPECT_TRUE(expected.emplace(pid.value(), i).second) << "duplicate pid " << pid.value();
        }
        std::map<Pid, int> got;
        for (int i = 0; i < 100; ++i) {
            auto waited = MUST(k.waitpid(p.pid(), -1));
            EXPECT_TRUE(wait_status::if_exited(waited.status));
            EXPECT_TRUE(got.emplace(waited.pid, wait_status::exit_status(waited.status)).second)
                << "pid " << waited.pid << " reported twice";
        }
        EXPECT_EQ(got, expected);
        EXPECT_EQ(err(k.waitpid(p.pid(), -1)), "ECHILD");
        return 0;
    }), 0);
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(ProcStress, ChurnOfTwoThousandProcessesLeavesNothingBehind) {
    start();
    std::string id = function([](ProcessContext& p) {
        MUST(p.write_text(1, "x"));
        return 0;
    });
    size_t baseline = kernel().open_description_count();
    constexpr int k_total = 2000;
    constexpr int k_batch = 20;
    int failures = 0;
    for (int done = 0; done < k_total; done += k_batch) {
        std::vector<std::unique_ptr<ManagedProcess>> batch;
        for (int i = 0; i < k_batch; ++i) {
            auto spawned = kernel().spawn("fn", {id}, {});
            if (spawned.is_error()) {
                ++failures;
                continue;
            }
            batch.push_back(spawned.release_value());
        }
        for (auto& process : batch) {
            process->close_stdin();
            if (process->wait() != wait_status::exited(0) || process->stdout_text() != "x")
                ++failures;
        }
    }
    EXPECT_EQ(failures, 0);
    EXPECT_TRUE(kernel().processes().empty()) << kernel().processes().size() << " entries left";
    EXPECT_EQ(kernel().open_description_count(), baseline);
    EXPECT_TRUE(poll_until([&] { return driver().running() == 0; }));
}

TEST_F(ProcStress, ChildChurnLeavesNothingBehind) {
    start();
    size_t baseline = kernel().open_description_count();
    EXPECT_EQ(run([this](ProcessContext& p) {
        auto& k = p.kernel();
        auto request = child([](ProcessContext& c) {
            auto ends = MUST(c.kernel().pipe(c.pid()));
            MUST(c.kernel().write(c.pid(), ends.second, as_bytes("y")));
            return 0;  // exits with both ends open: exit closes them
        });
        for (int i = 0; i < 500; ++i) {
            Pid pid = MUST(k.spawn(p.pid(), request));
            if (MUST(k.waitpid(p.pid(), pid)).status != wait_status::exited(0))
                return 1;
        }
        return 0;
    }), 0);
    EXPECT_TRUE(kernel().processes().empty());
    EXPECT_EQ(kernel().open_description_count(), baseline);
}

}  // namespace
}  // namespace secure_exec::testing
