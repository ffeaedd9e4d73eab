// Kernel facade helpers used by the process tests.
#include "../proc/proc_support.h"

namespace secure_exec::testing {
namespace {

using KernelFacade = ProcFixture;

TEST_F(KernelFacade, RecursiveMkdirCreatesEveryMissingParent) {
    start();
    auto made = kernel().mkdir("/opt/one/two", true);
    EXPECT_FALSE(made.is_error()) << errno_name(made.error());
    EXPECT_TRUE(kernel().exists("/opt"));
    EXPECT_TRUE(kernel().exists("/opt/one"));
    EXPECT_TRUE(kernel().exists("/opt/one/two"));
    // Existing directories are fine.
    auto again = kernel().mkdir("/opt/one/two", true);
    EXPECT_FALSE(again.is_error()) << errno_name(again.error());
}

TEST_F(KernelFacade, ProcessesReportDriverCommandArgvAndCwd) {
    start();
    std::string id = function([](ProcessContext& p) { return sleep_until_interrupted(p); });
    SpawnOptions spawn;
    spawn.cwd = "/tmp";
    auto process = MUST(kernel().spawn("fn", {id, "extra"}, spawn));
    auto info = info_of(process->pid());
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->driver, "test");
    EXPECT_EQ(info->command, "fn");
    EXPECT_EQ(info->argv, (std::vector<std::string>{"fn", id, "extra"}));
    EXPECT_EQ(info->cwd, "/tmp");
    EXPECT_EQ(info->ppid, 0);
    EXPECT_EQ(info->pgid, process->pid());
    EXPECT_EQ(info->sid, process->pid());
    EXPECT_EQ(info->state, ProcessState::running);
    EXPECT_FALSE(info->wait_status.has_value());
    MUST(process->kill(signals::sigkill));
    EXPECT_EQ(describe_status(process->wait()), signaled(signals::sigkill));
    info = info_of(process->pid());
    ASSERT_TRUE(info.has_value());  // the host handle keeps the zombie
    EXPECT_EQ(info->state, ProcessState::zombie);
    EXPECT_EQ(info->wait_status, std::optional<int>(wait_status::signaled(signals::sigkill)));
    process.reset();
    EXPECT_FALSE(info_of(info->pid).has_value());  // dropping the handle reaps it
}

TEST_F(KernelFacade, DefaultCwdIsTheKernelsCwd) {
    options().cwd = "/home/user";
    EXPECT_EQ(run([](ProcessContext& p) {
        EXPECT_EQ(p.start().cwd, "/home/user");
        EXPECT_EQ(MUST(p.kernel().getcwd(p.pid())), "/home/user");
        return 0;
    }), 0);
}

}  // namespace
}  // namespace secure_exec::testing
