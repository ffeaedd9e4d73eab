// Kernel::dispose: SIGTERM, a grace period, SIGKILL; drivers disposed; zombies reaped.
#include "../proc/proc_support.h"

namespace secure_exec::testing {
namespace {

using KernelDispose = ProcFixture;

struct Blocked {
    std::atomic<bool> reading{false};
    std::atomic<int> read_errno{0};
    std::atomic<bool> returned{false};
    std::atomic<int> last_signal{0};
    std::atomic<bool> terminated{false};
};

// A process blocked forever reading a pipe whose write end it holds itself.
FunctionDriver::Function blocked_reader(std::shared_ptr<Blocked> state, bool ignore_sigterm) {
    return [state, ignore_sigterm](ProcessContext& p) {
        auto& k = p.kernel();
        if (ignore_sigterm)
            MUST(k.sigaction(p.pid(), signals::sigterm, ignore_action()));
        auto ends = MUST(k.pipe(p.pid()));
        std::byte buffer[16];
        state->reading = true;
        ErrorOr<size_t> read = k.read(p.pid(), ends.first, buffer);
        // An ignored SIGTERM must not end the read; keep reading until something does.
        while (!read.is_error())
            read = k.read(p.pid(), ends.first, buffer);
        state->read_errno = to_linux(read.error());
        // The driver is told of a fatal signal before the blocked call returns EINTR.
        state->last_signal = p.last_event_signal();
        state->terminated = p.terminated();
        state->returned = true;
        return 0;
    };
}

TEST_F(KernelDispose, EndsAProcessBlockedInARead) {
    start();
    auto state = std::make_shared<Blocked>();
    auto process = MUST(kernel().spawn("fn", {function(blocked_reader(state, false))}, {}));
    ASSERT_TRUE(poll_until([&] { return state->reading.load(); }));
    host_sleep_ms(20);
    auto begin = SteadyClock::now();
    kernel().dispose();
    auto took = elapsed_ms(begin);
    EXPECT_TRUE(state->returned.load());
    EXPECT_EQ(state->read_errno.load(), to_linux(Errno::eintr));
    EXPECT_TRUE(state->terminated.load());
    EXPECT_EQ(state->last_signal.load(), signals::sigterm);
    EXPECT_LT(took, 900) << "SIGTERM should end it well before the grace period";
    EXPECT_EQ(driver().running(), 0u);
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(KernelDispose, HostWaitAfterDisposeReportsHowTheProcessEnded) {
    start();
    auto state = std::make_shared<Blocked>();
    auto process = MUST(kernel().spawn("fn", {function(blocked_reader(state, false))}, {}));
    ASSERT_TRUE(poll_until([&] { return state->reading.load(); }));
    kernel().dispose();
    EXPECT_TRUE(kernel().processes().empty());
    int status = process->wait();
    EXPECT_TRUE(wait_status::if_signaled(status));
    EXPECT_EQ(wait_status::term_signal(status), signals::sigterm);
}

TEST_F(KernelDispose, SigkillsAProcessThatIgnoresSigtermAfterTheGracePeriod) {
    options().limits.dispose_grace_ms = 100;
    start();
    auto state = std::make_shared<Blocked>();
    auto process = MUST(kernel().spawn("fn", {function(blocked_reader(state, true))}, {}));
    ASSERT_TRUE(poll_until([&] { return state->reading.load(); }));
    auto begin = SteadyClock::now();
    kernel().dispose();
    auto took = elapsed_ms(begin);
    EXPECT_TRUE(state->returned.load());
    EXPECT_EQ(state->read_errno.load(), to_linux(Errno::eintr));
    EXPECT_EQ(state->last_signal.load(), signals::sigkill);
    EXPECT_GE(took, 100);
    EXPECT_LT(took, 3000);
    EXPECT_EQ(driver().running(), 0u);
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(KernelDispose, EndsManyProcessesAndTheirChildren) {
    start();
    std::vector<std::shared_ptr<Blocked>> states;
    std::vector<std::unique_ptr<ManagedProcess>> processes;
    for (int i = 0; i < 5; ++i) {
        auto parent_state = std::make_shared<Blocked>();
        auto child_state = std::make_shared<Blocked>();
        states.push_back(parent_state);
        states.push_back(child_state);
        auto child_request = child(blocked_reader(child_state, false));
        auto reader = blocked_reader(parent_state, false);
        processes.push_back(MUST(kernel().spawn("fn", {function([child_request, reader](ProcessContext& p) {
            MUST(p.kernel().spawn(p.pid(), child_request));
            return reader(p);
        })}, {})));
    }
    for (auto& state : states)
        ASSERT_TRUE(poll_until([&] { return state->reading.load(); }));
    EXPECT_EQ(kernel().processes().size(), 10u);
    kernel().dispose();
    for (auto& state : states)
        EXPECT_TRUE(state->returned.load());
    EXPECT_EQ(driver().running(), 0u);
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(KernelDispose, EndsAStoppedProcess) {
    options().limits.dispose_grace_ms = 100;
    start();
    auto state = std::make_shared<Blocked>();
    auto process = MUST(kernel().spawn("fn", {function(blocked_reader(state, false))}, {}));
    ASSERT_TRUE(poll_until([&] { return state->reading.load(); }));
    MUST(process->kill(signals::sigstop));
    ASSERT_TRUE(poll_until_state(process->pid(), ProcessState::stopped));
    kernel().dispose();
    EXPECT_TRUE(state->returned.load());
    EXPECT_EQ(driver().running(), 0u);
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(KernelDispose, IsIdempotent) {
    start();
    auto state = std::make_shared<Blocked>();
    auto process = MUST(kernel().spawn("fn", {function(blocked_reader(state, false))}, {}));
    ASSERT_TRUE(poll_until([&] { return state->reading.load(); }));
    kernel().dispose();
    auto begin = SteadyClock::now();
    kernel().dispose();
    kernel().dispose();
    EXPECT_LT(elapsed_ms(begin), 100);
    EXPECT_TRUE(state->returned.load());
    EXPECT_TRUE(kernel().processes().empty());
    EXPECT_EQ(driver().running(), 0u);
    // Nothing starts after dispose.
    EXPECT_TRUE(kernel().spawn("fn", {function([](ProcessContext&) { return 0; })}, {}).is_error());
    EXPECT_TRUE(kernel().processes().empty());
    // The host handle still answers: the process is gone.
    EXPECT_TRUE(process->wait_for(100).has_value());
}

TEST_F(KernelDispose, ReapsAZombieHeldByTheHost) {
    start();
    auto process = MUST(kernel().spawn("fn", {function([](ProcessContext&) { return 5; })}, {}));
    EXPECT_EQ(describe_status(process->wait()), exited(5));
    auto info = info_of(process->pid());
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->state, ProcessState::zombie);
    kernel().dispose();
    EXPECT_TRUE(kernel().processes().empty());
    EXPECT_EQ(driver().running(), 0u);
}

TEST_F(KernelDispose, ReapsAZombieChildWhoseParentNeverWaited) {
    start();
    auto state = std::make_shared<Blocked>();
    auto zombie = std::make_shared<std::atomic<Pid>>(0);
    auto reader = blocked_reader(state, false);
    auto request = child([](ProcessContext&) { return 0; });
    auto process = MUST(kernel().spawn("fn", {function([zombie, reader, request](ProcessContext& p) {
        *zombie = MUST(p.kernel().spawn(p.pid(), request));
        return reader(p);
    })}, {}));
    ASSERT_TRUE(poll_until([&] { return zombie->load() != 0; }));
    ASSERT_TRUE(poll_until_state(zombie->load(), ProcessState::zombie));
    kernel().dispose();
    EXPECT_TRUE(state->returned.load());
    EXPECT_TRUE(kernel().processes().empty());
    EXPECT_EQ(driver().running(), 0u);
}

TEST_F(KernelDispose, DestroyingTheKernelDisposesIt) {
    auto state = std::make_shared<Blocked>();
    auto driver = std::make_shared<FunctionDriver>("own");
    driver->add("block", blocked_reader(state, false));
    {
        auto kernel = MUST(Kernel::create({}));
        MUST(kernel->mount(driver));
        auto process = MUST(kernel->spawn("block", {}, {}));
        ASSERT_TRUE(poll_until([&] { return state->reading.load(); }));
        process.reset();
    }
    EXPECT_TRUE(state->returned.load());
    EXPECT_EQ(driver->running(), 0u);
}

}  // namespace
}  // namespace secure_exec::testing
