#include "support/kernel_fixture.h"

namespace secure_exec::testing {
namespace {

using KernelSmoke = KernelFixture;

TEST_F(KernelSmoke, ProcessWritesStdoutAndExits) {
    int code = run([](ProcessContext& process) {
        MUST(process.write_text(1, "hello\n"));
        return 7;
    });
    EXPECT_EQ(code, 7);
    EXPECT_EQ(m_last_stdout, "hello\n");
}

TEST_F(KernelSmoke, TwoProcessesTalkThroughAPipe) {
    int code = run([this](ProcessContext& process) {
        auto& k = process.kernel();
        auto [read_fd, write_fd] = MUST(k.pipe(process.pid(), flags::o_cloexec));
        auto writer = child([](ProcessContext& child_process) {
            MUST(child_process.write_text(1, "through the pipe"));
            return 0;
        });
        writer.stdout_fd = write_fd;
        Pid child_pid = MUST(k.spawn(process.pid(), writer));
        MUST(k.close(process.pid(), write_fd));
        std::string got = MUST(process.read_all(read_fd));
        auto waited = MUST(k.waitpid(process.pid(), child_pid, 0));
        MUST(process.write_text(1, got));
        return waited.pid == child_pid && wait_status::exit_status(waited.status) == 0 ? 0 : 1;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(m_last_stdout, "through the pipe");
}

TEST_F(KernelSmoke, FilesRoundTrip) {
    start();
    MUST(kernel().write_file("/tmp/a.txt", "abc"));
    EXPECT_EQ(MUST(kernel().read_file("/tmp/a.txt")), "abc");
    int code = run([](ProcessContext& process) {
        auto& k = process.kernel();
        int fd = MUST(k.open(process.pid(), "/tmp/a.txt", flags::o_rdonly));
        std::string text = MUST(process.read_all(fd));
        return text == "abc" ? 0 : 1;
    });
    EXPECT_EQ(code, 0);
}

}  // namespace
}  // namespace secure_exec::testing
