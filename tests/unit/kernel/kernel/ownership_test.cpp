// Driver ownership checks of KernelInterface: a driver may only act for its own processes.
#include "../proc/proc_support.h"

namespace secure_exec::testing {
namespace {

class KernelOwnership : public ProcFixture {
protected:
    void mount_other() {
        m_other = std::make_shared<FunctionDriver>("other");
        m_other->add("other_cmd", [](ProcessContext& p) {
            (void)p.read_all(0);
            return 0;
        });
        MUST(kernel().mount(m_other));
    }
    std::shared_ptr<FunctionDriver> m_other;
};

TEST_F(KernelOwnership, CallsWithAnotherDriversPidAreEperm) {
    start();
    mount_other();
    auto foreign = MUST(kernel().spawn("other_cmd", {}, {}));
    Pid b = foreign->pid();
    {
        auto info = info_of(b);
        ASSERT_TRUE(info.has_value());
        EXPECT_EQ(info->driver, "other");
    }
    EXPECT_EQ(run([this, b](ProcessContext& p) {
        auto& k = p.kernel();  // driver "test"'s interface
        std::byte buffer[8];
        EXPECT_EQ(err(k.getppid(b)), "EPERM");
        EXPECT_EQ(err(k.open(b, "/tmp/x", flags::o_rdonly)), "EPERM");
        EXPECT_EQ(err(k.read(b, 0, buffer)), "EPERM");
        EXPECT_EQ(err(k.write(b, 1, as_bytes("x"))), "EPERM");
        EXPECT_EQ(err(k.close(b, 0)), "EPERM");
        EXPECT_EQ(err(k.pipe(b)), "EPERM");
        EXPECT_EQ(err(k.kill(b, p.pid(), 0)), "EPERM");
        EXPECT_EQ(err(k.waitpid(b, -1, flags::wnohang)), "EPERM");
        EXPECT_EQ(err(k.spawn(b, child([](ProcessContext&) { return 0; }))), "EPERM");
        EXPECT_EQ(err(k.setpgid(b, 0, 0)), "EPERM");
        EXPECT_EQ(err(k.setsid(b)), "EPERM");
        EXPECT_EQ(err(k.getpgid(b, 0)), "EPERM");
        EXPECT_EQ(err(k.getsid(b, 0)), "EPERM");
        EXPECT_EQ(err(k.sigaction(b, signals::sigterm, ignore_action())), "EPERM");
        EXPECT_EQ(err(k.sigprocmask(b, signals::sig_block, signal_bit(signals::sigterm))), "EPERM");
        EXPECT_EQ(err(k.sigpending(b)), "EPERM");
        EXPECT_EQ(err(k.take_signal(b)), "EPERM");
        EXPECT_EQ(err(k.checkpoint(b)), "EPERM");
        EXPECT_EQ(err(k.sleep(b, 1000)), "EPERM");
        EXPECT_EQ(err(k.environ(b)), "EPERM");
        EXPECT_EQ(err(k.credentials(b)), "EPERM");
        EXPECT_EQ(err(k.getcwd(b)), "EPERM");
        EXPECT_EQ(err(k.chdir(b, "/")), "EPERM");
        EXPECT_EQ(err(k.stat(b, "/")), "EPERM");
        EXPECT_EQ(err(k.open_fds(b)), "EPERM");
        EXPECT_EQ(err(k.process_info(b, 0)), "EPERM");
        k.exit(b, 3);  // must be ignored
        return 0;
    }), 0);
    // The foreign process is untouched: still running, its signal state unchanged.
    auto info = info_of(b);
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->state, ProcessState::running);
    EXPECT_FALSE(foreign->wait_for(20).has_value());
    MUST(foreign->kill(signals::sigterm));  // not ignored: the sigaction above was refused
    EXPECT_EQ(describe_status(foreign->wait()), signaled(signals::sigterm));
}

TEST_F(KernelOwnership, UnknownPidIsEsrch) {
    EXPECT_EQ(run([](ProcessContext& p) {
        auto& k = p.kernel();
        const Pid nobody = 4242;
        std::byte buffer[8];
        EXPECT_EQ(err(k.getppid(nobody)), "ESRCH");
        EXPECT_EQ(err(k.open(nobody, "/tmp/x", flags::o_rdonly)), "ESRCH");
        EXPECT_EQ(err(k.read(nobody, 0, buffer)), "ESRCH");
        EXPECT_EQ(err(k.write(nobody, 1, as_bytes("x"))), "ESRCH");
        EXPECT_EQ(err(k.kill(nobody, p.pid(), 0)), "ESRCH");
        EXPECT_EQ(err(k.waitpid(nobody, -1)), "ESRCH");
        EXPECT_EQ(err(k.setsid(nobody)), "ESRCH");
        EXPECT_EQ(err(k.sigaction(nobody, signals::sigterm, std::nullopt)), "ESRCH");
        EXPECT_EQ(err(k.sigpending(nobody)), "ESRCH");
        EXPECT_EQ(err(k.sleep(nobody, 1000)), "ESRCH");
        EXPECT_EQ(err(k.environ(nobody)), "ESRCH");
        EXPECT_EQ(err(k.process_info(p.pid(), nobody)), "ESRCH");
        k.exit(nobody, 0);  // ignored, no crash
        return 0;
    }), 0);
}

TEST_F(KernelOwnership, AThirdDriversInterfaceCannotActForOurProcesses) {
    start();
    std::string id = function([](ProcessContext& p) {
        (void)p.read_all(0);
        return 0;
    });
    auto ours = MUST(kernel().spawn("fn", {id}, {}));
    Pid a = ours->pid();
    auto result = std::make_shared<std::atomic<int>>(0);
    // A process of a third driver uses that driver's interface with our pid.
    auto probe_driver = std::make_shared<FunctionDriver>("probe");
    probe_driver->add("probe", [a, result](ProcessContext& p) {
        auto& k = p.kernel();
        bool ok = err(k.getppid(a)) == "EPERM" && err(k.kill(a, p.pid(), 0)) == "EPERM" &&
                  err(k.sigaction(a, signals::sigterm, ignore_action())) == "EPERM";
        *result = ok ? 1 : 2;
        return 0;
    });
    MUST(kernel().mount(probe_driver));
    auto probe = MUST(kernel().spawn("probe", {}, {}));
    probe->close_stdin();
    EXPECT_EQ(describe_status(probe->wait()), exited(0));
    EXPECT_EQ(result->load(), 1);
    MUST(ours->kill(signals::sigterm));  // the refused sigaction did not make it ignore SIGTERM
    auto status = ours->wait_for(5000);
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(describe_status(*status), signaled(signals::sigterm));
}

}  // namespace
}  // namespace secure_exec::testing
