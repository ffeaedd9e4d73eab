// Kernel::exec: `sh -c` through a registered shell, stdin, timeouts, and the no-shell case.
#include "../proc/proc_support.h"

namespace secure_exec::testing {
namespace {

class KernelExec : public ProcFixture {
protected:
    // A toy `sh`: `sh -c "cat"` copies stdin, `sh -c "hang"` sleeps until a signal ends it,
    // `sh -c "exit N"` exits with N, anything else is echoed.
    void add_shell() {
        add("sh", [](ProcessContext& p) {
            const auto& argv = p.argv();
            if (argv.size() != 3 || argv[1] != "-c") {
                MUST(p.write_text(2, "usage: sh -c command\n"));
                return 2;
            }
            const std::string& command = argv[2];
            if (command == "cat") {
                MUST(p.write_text(1, MUST(p.read_all(0))));
                return 0;
            }
            if (command == "hang") {
                sleep_until_interrupted(p);
                return 0;
            }
            if (command.rfind("exit ", 0) == 0)
                return std::stoi(command.substr(5));
            if (command == "env") {
                std::string text;
                for (const auto& entry : p.environ())
                    text += entry + "\n";
                text += "cwd=" + MUST(p.kernel().getcwd(p.pid())) + "\n";
                MUST(p.write_text(1, text));
                return 0;
            }
            MUST(p.write_text(1, command));
            MUST(p.write_text(2, "err:" + command));
            return 0;
        });
    }
};

TEST_F(KernelExec, WithoutAShellExecReturns127) {
    start();
    auto result = kernel().exec("echo hello");
    ASSERT_FALSE(result.is_error()) << errno_name(result.error());
    EXPECT_EQ(result.value().exit_code, 127);
    EXPECT_NE(result.value().stderr_text.find("sh"), std::string::npos) << result.value().stderr_text;
    EXPECT_EQ(result.value().stdout_text, "");
    EXPECT_FALSE(result.value().timed_out);
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(KernelExec, RunsShDashCWithTheCommandLine) {
    add_shell();
    start();
    auto result = MUST(kernel().exec("hello"));
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.stdout_text, "hello");
    EXPECT_EQ(result.stderr_text, "err:hello");
    EXPECT_FALSE(result.timed_out);
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(KernelExec, ReportsTheExitCode) {
    add_shell();
    start();
    EXPECT_EQ(MUST(kernel().exec("exit 3")).exit_code, 3);
    EXPECT_EQ(MUST(kernel().exec("exit 0")).exit_code, 0);
}

TEST_F(KernelExec, StdinDataReachesTheShell) {
    add_shell();
    start();
    ExecOptions options;
    options.stdin_data = "line one\nline two\n";
    auto result = MUST(kernel().exec("cat", options));
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.stdout_text, "line one\nline two\n");
    // No stdin data: the shell sees EOF at once.
    auto empty = MUST(kernel().exec("cat"));
    EXPECT_EQ(empty.stdout_text, "");
}

TEST_F(KernelExec, LargeStdinDataIsNotTruncated) {
    add_shell();
    start();
    ExecOptions options;
    options.stdin_data = std::string(300'000, 'z');  // more than a pipe holds
    auto result = MUST(kernel().exec("cat", options));
    EXPECT_EQ(result.stdout_text.size(), 300'000u);
}

TEST_F(KernelExec, EnvAndCwdOptionsApply) {
    add_shell();
    start();
    MUST(kernel().mkdir("/tmp/work"));
    ExecOptions options;
    options.env = {{"GREETING", "hi"}};
    options.cwd = "/tmp/work";
    auto result = MUST(kernel().exec("env", options));
    EXPECT_NE(result.stdout_text.find("GREETING=hi\n"), std::string::npos) << result.stdout_text;
    EXPECT_NE(result.stdout_text.find("cwd=/tmp/work\n"), std::string::npos) << result.stdout_text;
}

TEST_F(KernelExec, TimeoutKillsAHangingCommand) {
    add_shell();
    start();
    ExecOptions options;
    options.timeout_ms = 100;
    auto begin = SteadyClock::now();
    auto result = MUST(kernel().exec("hang", options));
    auto took = elapsed_ms(begin);
    EXPECT_TRUE(result.timed_out);
    EXPECT_EQ(result.exit_code, 137);
    EXPECT_GE(took, 100);
    EXPECT_LT(took, 5000);
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(KernelExec, FastCommandWithTimeoutIsNotTimedOut) {
    add_shell();
    start();
    ExecOptions options;
    options.timeout_ms = 5000;
    auto result = MUST(kernel().exec("quick", options));
    EXPECT_FALSE(result.timed_out);
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.stdout_text, "quick");
}

}  // namespace
}  // namespace secure_exec::testing
