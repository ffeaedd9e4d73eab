// Descriptor tables: numbering, dup/dup2/fcntl, close-on-exec across spawn, limits, bad fds,
// access modes, lseek, pread/pwrite and large reads. Linux is the reference for every errno.
#include <atomic>
#include <numeric>
#include <string>
#include <vector>

#include "unit/kernel/fd/fd_test_support.h"

namespace secure_exec::testing {
namespace {

using namespace secure_exec::flags;

using FdTableTest = KernelFixture;

TEST_F(FdTableTest, HostProcessStartsWithStdioOnly) {
    std::vector<int> fds;
    int code = run([&](ProcessContext& p) {
        fds = CHECK_OK(p.kernel().open_fds(p.pid()));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(fds, (std::vector<int>{0, 1, 2}));
}

TEST_F(FdTableTest, LowestFreeFdIsReusedAfterClose) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int a = CHECK_OK(k.open(pid, "/tmp/a", o_rdwr | o_creat, 0644));
        int b = CHECK_OK(k.open(pid, "/tmp/b", o_rdwr | o_creat, 0644));
        int c = CHECK_OK(k.open(pid, "/tmp/c", o_rdwr | o_creat, 0644));
        EXPECT_EQ(a, 3);
        EXPECT_EQ(b, 4);
        EXPECT_EQ(c, 5);
        CHECK_OK(k.close(pid, b));
        EXPECT_EQ(CHECK_OK(k.open(pid, "/tmp/d", o_rdwr | o_creat, 0644)), 4);
        EXPECT_EQ(CHECK_OK(k.open(pid, "/tmp/e", o_rdwr | o_creat, 0644)), 6);
        // The stdio numbers are ordinary slots too.
        CHECK_OK(k.close(pid, 0));
        EXPECT_EQ(CHECK_OK(k.dup(pid, c)), 0);
        auto [r, w] = CHECK_OK(k.pipe(pid));
        EXPECT_EQ(r, 7);
        EXPECT_EQ(w, 8);
        CHECK_OK(k.close(pid, a));
        CHECK_OK(k.close(pid, 4));
        EXPECT_EQ(CHECK_OK(k.pipe(pid)), (std::pair<int, int>{3, 4}));
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, DupSharesTheOffset) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/dup", "hello world"));
        CHECK_OK(k.seek(pid, fd, 0, seek_set));
        int copy = CHECK_OK(k.dup(pid, fd));
        EXPECT_NE(copy, fd);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 5)), "hello");
        EXPECT_EQ(CHECK_OK(read_some(k, pid, copy, 64)), " world");
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 0, seek_cur)), 11u);
        CHECK_OK(k.seek(pid, copy, 2, seek_set));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 3)), "llo");
        // Closing one leaves the other working.
        CHECK_OK(k.close(pid, fd));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, copy, 64)), " world");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, DupClearsCloseOnExec) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(k.open(pid, "/tmp/x", o_rdwr | o_creat | o_cloexec, 0644));
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, fd, f_getfd)), fd_cloexec);
        int copy = CHECK_OK(k.dup(pid, fd));
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, copy, f_getfd)), 0);
        EXPECT_EQ(CHECK_OK(k.dup2(pid, fd, 20)), 20);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, 20, f_getfd)), 0);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, fd, f_getfd)), fd_cloexec);
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, Dup2OntoAnOpenFdClosesItFirst) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid));
        int file = CHECK_OK(make_file(k, pid, "/tmp/target", "data"));
        EXPECT_EQ(CHECK_OK(k.dup2(pid, file, w)), w);
        // w now names the file; the pipe's only write end was closed, so the reader sees EOF.
        EXPECT_EQ(CHECK_OK(k.fstat(pid, w)).type, FileType::regular);
        PollState state = CHECK_OK(k.poll_state(pid, r));
        EXPECT_TRUE(state.hangup);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 16)), "");
        // Both numbers share the file's cursor (at 4 after the write).
        EXPECT_EQ(CHECK_OK(k.seek(pid, w, 0, seek_cur)), 4u);
        CHECK_OK(k.seek(pid, w, 0, seek_set));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, file, 16)), "data");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, Dup2OntoItselfReturnsTheFd) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/self", "abc", o_cloexec));
        EXPECT_EQ(CHECK_OK(k.dup2(pid, fd, fd)), fd);
        // Still open, still the same description, FD_CLOEXEC untouched.
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 0, seek_cur)), 3u);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, fd, f_getfd)), fd_cloexec);
        EXPECT_EQ(CHECK_OK(k.open_fds(pid)), (std::vector<int>{0, 1, 2, fd}));
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, Dup2WithBadFdsFailsWithEbadf) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/bad", "abc"));
        EXPECT_EQ(err(k.dup2(pid, 77, fd)), "EBADF");
        EXPECT_EQ(err(k.dup2(pid, -1, fd)), "EBADF");
        EXPECT_EQ(err(k.dup2(pid, 77, 77)), "EBADF");  // dup2(bad, bad) is EBADF, not a no-op
        EXPECT_EQ(err(k.dup2(pid, fd, -1)), "EBADF");
        EXPECT_EQ(err(k.dup2(pid, fd, 1 << 20)), "EBADF");  // past the fd limit
        // The failed calls did not close the target.
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 0, seek_cur)), 3u);
        EXPECT_EQ(CHECK_OK(k.open_fds(pid)), (std::vector<int>{0, 1, 2, fd}));
        EXPECT_EQ(err(k.dup(pid, 77)), "EBADF");
        EXPECT_EQ(err(k.dup(pid, -5)), "EBADF");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, FcntlDupfdHonoursTheMinimum) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/dupfd", "abc"));
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, fd, f_dupfd, 10)), 10);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, fd, f_dupfd, 10)), 11);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, fd, f_dupfd, 0)), 4);  // lowest free at or above 0
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, 10, f_getfd)), 0);
        // The duplicate shares the cursor.
        CHECK_OK(k.seek(pid, 10, 1, seek_set));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 8)), "bc");
        EXPECT_EQ(err(k.fcntl(pid, fd, f_dupfd, -1)), "EINVAL");
        EXPECT_EQ(err(k.fcntl(pid, fd, f_dupfd, 1024)), "EINVAL");  // >= RLIMIT_NOFILE
        EXPECT_EQ(err(k.fcntl(pid, 99, f_dupfd, 0)), "EBADF");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, FcntlDupfdCloexecSetsTheFlag) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/dupfdc", "abc"));
        int copy = CHECK_OK(k.fcntl(pid, fd, f_dupfd_cloexec, 20));
        EXPECT_EQ(copy, 20);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, copy, f_getfd)), fd_cloexec);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, fd, f_getfd)), 0);  // the original is untouched
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, FcntlGetfdSetfdArePerDescriptor) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/fdflags", ""));
        int copy = CHECK_OK(k.dup(pid, fd));
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, fd, f_getfd)), 0);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, fd, f_setfd, fd_cloexec)), 0);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, fd, f_getfd)), fd_cloexec);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, copy, f_getfd)), 0);  // fd flags are not shared by dup
        CHECK_OK(k.fcntl(pid, fd, f_setfd, 0));
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, fd, f_getfd)), 0);
        EXPECT_EQ(err(k.fcntl(pid, 99, f_getfd)), "EBADF");
        EXPECT_EQ(err(k.fcntl(pid, 99, f_setfd, fd_cloexec)), "EBADF");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, FcntlGetflShowsAccessModeAndStatusFlags) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int w = CHECK_OK(k.open(pid, "/tmp/getfl", o_wronly | o_creat | o_trunc | o_append | o_cloexec, 0644));
        int fl = CHECK_OK(k.fcntl(pid, w, f_getfl));
        EXPECT_EQ(fl & o_accmode, o_wronly);
        EXPECT_NE(fl & o_append, 0);
        EXPECT_EQ(fl & o_nonblock, 0);
        // Open-time-only flags are not status flags.
        EXPECT_EQ(fl & (o_creat | o_trunc | o_cloexec | o_excl), 0);

        int rw = CHECK_OK(k.open(pid, "/tmp/getfl", o_rdwr | o_nonblock));
        fl = CHECK_OK(k.fcntl(pid, rw, f_getfl));
        EXPECT_EQ(fl & o_accmode, o_rdwr);
        EXPECT_NE(fl & o_nonblock, 0);
        EXPECT_EQ(fl & o_append, 0);

        int r = CHECK_OK(k.open(pid, "/tmp/getfl", o_rdonly));
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, r, f_getfl)) & o_accmode, o_rdonly);

        auto [pr, pw] = CHECK_OK(k.pipe(pid, o_nonblock));
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, pr, f_getfl)) & (o_accmode | o_nonblock), o_rdonly | o_nonblock);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, pw, f_getfl)) & (o_accmode | o_nonblock), o_wronly | o_nonblock);
        EXPECT_EQ(err(k.fcntl(pid, 99, f_getfl)), "EBADF");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, FcntlSetflChangesOnlyAppendAndNonblock) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/setfl", "abc"));
        CHECK_OK(k.close(pid, fd));
        int r = CHECK_OK(k.open(pid, "/tmp/setfl", o_rdonly));
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, r, f_setfl, o_wronly | o_append | o_nonblock | o_dsync | o_creat)), 0);
        int fl = CHECK_OK(k.fcntl(pid, r, f_getfl));
        EXPECT_EQ(fl & o_accmode, o_rdonly);  // the access mode never changes
        EXPECT_NE(fl & o_append, 0);
        EXPECT_NE(fl & o_nonblock, 0);
        EXPECT_EQ(fl & (o_dsync | o_creat), 0);
        EXPECT_EQ(err(k.write(pid, r, as_bytes("x"))), "EBADF");  // still read-only
        // Status flags live in the description, so a dup sees them.
        int copy = CHECK_OK(k.dup(pid, r));
        EXPECT_NE(CHECK_OK(k.fcntl(pid, copy, f_getfl)) & o_append, 0);
        CHECK_OK(k.fcntl(pid, r, f_setfl, 0));
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, copy, f_getfl)) & (o_append | o_nonblock), 0);

        // F_SETFL O_APPEND takes effect on writes.
        int rw = CHECK_OK(k.open(pid, "/tmp/setfl", o_rdwr));
        CHECK_OK(k.fcntl(pid, rw, f_setfl, o_append));
        CHECK_OK(k.write(pid, rw, as_bytes("X")));
        CHECK_OK(k.seek(pid, rw, 0, seek_set));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, rw, 16)), "abcX");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, FcntlUnknownCommandIsEinval) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/unknown", ""));
        EXPECT_EQ(err(k.fcntl(pid, fd, 9999)), "EINVAL");
        EXPECT_EQ(err(k.fcntl(pid, fd, -1)), "EINVAL");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, CloexecFdsAreNotInheritedBySpawn) {
    std::vector<int> child_fds;
    int keep_fd = -1, cloexec_fd = -1, dupfd_cloexec = -1, setfd_cloexec = -1;
    std::string child_read;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        keep_fd = CHECK_OK(make_file(k, pid, "/tmp/keep", "inherited data"));
        CHECK_OK(k.seek(pid, keep_fd, 0, seek_set));
        cloexec_fd = CHECK_OK(k.open(pid, "/tmp/keep", o_rdonly | o_cloexec));
        dupfd_cloexec = CHECK_OK(k.fcntl(pid, keep_fd, f_dupfd_cloexec, 0));
        setfd_cloexec = CHECK_OK(k.dup(pid, keep_fd));
        CHECK_OK(k.fcntl(pid, setfd_cloexec, f_setfd, fd_cloexec));
        auto [pr, pw] = CHECK_OK(k.pipe(pid, o_cloexec));
        (void)pr;
        (void)pw;
        int inherited = keep_fd;
        Pid child_pid = CHECK_OK(k.spawn(pid, child([&, inherited](ProcessContext& c) {
            child_fds = CHECK_OK(c.kernel().open_fds(c.pid()));
            child_read = CHECK_OK(read_some(c.kernel(), c.pid(), inherited, 9));
            return 0;
        })));
        auto waited = CHECK_OK(k.waitpid(pid, child_pid));
        EXPECT_EQ(waited.status, wait_status::exited(0));
        // The inherited fd shares the parent's description: its cursor moved.
        EXPECT_EQ(CHECK_OK(k.seek(pid, keep_fd, 0, seek_cur)), 9u);
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(child_fds, (std::vector<int>{0, 1, 2, keep_fd}));
    EXPECT_EQ(child_read, "inherited");
    EXPECT_NE(cloexec_fd, -1);
    EXPECT_NE(dupfd_cloexec, -1);
    EXPECT_NE(setfd_cloexec, -1);
}

TEST_F(FdTableTest, FdLimitGivesEmfile) {
    options().limits.max_fds_per_process = 16;
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        std::vector<int> opened;
        for (int i = 0; i < 20; ++i) {
            auto fd = k.open(pid, "/tmp/limit", o_rdwr | o_creat, 0644);
            if (fd.is_error()) {
                EXPECT_EQ(errno_name(fd.error()), "EMFILE");
                break;
            }
            opened.push_back(fd.value());
        }
        EXPECT_EQ(opened.size(), 13u);  // 3..15
        EXPECT_EQ(opened.back(), 15);
        EXPECT_EQ(err(k.open(pid, "/tmp/limit", o_rdonly)), "EMFILE");
        EXPECT_EQ(err(k.dup(pid, 3)), "EMFILE");
        EXPECT_EQ(err(k.fcntl(pid, 3, f_dupfd, 0)), "EMFILE");
        EXPECT_EQ(err(k.pipe(pid)), "EMFILE");
        // With one slot free a pipe still fails, and leaves no half-made pipe behind.
        CHECK_OK(k.close(pid, 7));
        auto before = CHECK_OK(k.open_fds(pid));
        EXPECT_EQ(err(k.pipe(pid)), "EMFILE");
        EXPECT_EQ(CHECK_OK(k.open_fds(pid)), before);
        CHECK_OK(k.close(pid, 8));
        EXPECT_EQ(CHECK_OK(k.pipe(pid)), (std::pair<int, int>{7, 8}));
        // dup2 onto a number below the limit still works when the table is full.
        EXPECT_EQ(CHECK_OK(k.dup2(pid, 3, 15)), 15);
        EXPECT_EQ(err(k.dup2(pid, 3, 16)), "EBADF");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, CloseOfABadFdIsEbadf) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        EXPECT_EQ(err(k.close(pid, 99)), "EBADF");
        EXPECT_EQ(err(k.close(pid, -1)), "EBADF");
        int fd = CHECK_OK(make_file(k, pid, "/tmp/close", ""));
        CHECK_OK(k.close(pid, fd));
        EXPECT_EQ(err(k.close(pid, fd)), "EBADF");  // double close
        EXPECT_EQ(err(k.read(pid, fd, {})), "EBADF");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, IoOnNegativeOrUnknownFdIsEbadf) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        std::byte buffer[8];
        EXPECT_EQ(err(k.read(pid, -1, buffer)), "EBADF");
        EXPECT_EQ(err(k.write(pid, -1, as_bytes("x"))), "EBADF");
        EXPECT_EQ(err(k.read(pid, 1000, buffer)), "EBADF");
        EXPECT_EQ(err(k.write(pid, 1000, as_bytes("x"))), "EBADF");
        EXPECT_EQ(err(k.pread(pid, -1, buffer, 0)), "EBADF");
        EXPECT_EQ(err(k.pwrite(pid, -1, as_bytes("x"), 0)), "EBADF");
        EXPECT_EQ(err(k.seek(pid, -1, 0, seek_set)), "EBADF");
        EXPECT_EQ(err(k.fstat(pid, -1)), "EBADF");
        EXPECT_EQ(err(k.poll_state(pid, -1)), "EBADF");
        EXPECT_EQ(err(k.fcntl(pid, -1, f_getfl)), "EBADF");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, AccessModeIsEnforced) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        CHECK_OK(k.close(pid, CHECK_OK(make_file(k, pid, "/tmp/mode", "content"))));
        int r = CHECK_OK(k.open(pid, "/tmp/mode", o_rdonly));
        EXPECT_EQ(err(k.write(pid, r, as_bytes("x"))), "EBADF");
        EXPECT_EQ(err(k.pwrite(pid, r, as_bytes("x"), 0)), "EBADF");
        int w = CHECK_OK(k.open(pid, "/tmp/mode", o_wronly));
        std::byte buffer[8];
        EXPECT_EQ(err(k.read(pid, w, buffer)), "EBADF");
        EXPECT_EQ(err(k.pread(pid, w, buffer, 0)), "EBADF");
        auto [pr, pw] = CHECK_OK(k.pipe(pid));
        EXPECT_EQ(err(k.write(pid, pr, as_bytes("x"))), "EBADF");
        EXPECT_EQ(err(k.read(pid, pw, buffer)), "EBADF");
        // Nothing was written through the read-only fd.
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 64)), "content");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, SeekSeedScenario) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/seek", "hello world"));
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 0, seek_set)), 0u);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 64)), "hello world");
        CHECK_OK(k.seek(pid, fd, 0, seek_set));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 5)), "hello");
        CHECK_OK(k.seek(pid, fd, 0, seek_set));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 5)), "hello");
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 0, seek_end)), 11u);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 64)), "");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, SeekSetCurEnd) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/seek2", "hello world"));
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 0, seek_cur)), 11u);  // writing advanced the cursor
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, -5, seek_end)), 6u);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 64)), "world");
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, -3, seek_cur)), 8u);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 64)), "rld");
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 2, seek_set)), 2u);
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 2, seek_cur)), 4u);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 3)), "o w");
        // Past the end: reads give 0, a write leaves a zero-filled hole.
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 20, seek_set)), 20u);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 64)), "");
        CHECK_OK(k.write(pid, fd, as_bytes("!")));
        EXPECT_EQ(CHECK_OK(k.fstat(pid, fd)).size, 21u);
        EXPECT_EQ(CHECK_OK(pread_some(k, pid, fd, 64, 0)), std::string("hello world") + std::string(9, '\0') + "!");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, SeekErrors) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/seek3", "hello world"));
        CHECK_OK(k.seek(pid, fd, 4, seek_set));
        EXPECT_EQ(err(k.seek(pid, fd, 0, 42)), "EINVAL");
        EXPECT_EQ(err(k.seek(pid, fd, -1, seek_set)), "EINVAL");
        EXPECT_EQ(err(k.seek(pid, fd, -5, seek_cur)), "EINVAL");
        EXPECT_EQ(err(k.seek(pid, fd, -12, seek_end)), "EINVAL");
        // A failed seek leaves the cursor where it was.
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 0, seek_cur)), 4u);
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, -4, seek_cur)), 0u);  // exactly 0 is fine
        auto [r, w] = CHECK_OK(k.pipe(pid));
        EXPECT_EQ(err(k.seek(pid, r, 0, seek_set)), "ESPIPE");
        EXPECT_EQ(err(k.seek(pid, w, 0, seek_cur)), "ESPIPE");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, PreadPwriteDoNotMoveTheCursor) {
    start();
    ASSERT_OK(kernel().write_file("/tmp/pio", "hello world"));
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(k.open(pid, "/tmp/pio", o_rdwr));
        EXPECT_EQ(CHECK_OK(pread_some(k, pid, fd, 5, 0)), "hello");
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 64)), "hello world");
        EXPECT_EQ(CHECK_OK(pread_some(k, pid, fd, 5, 6)), "world");
        EXPECT_EQ(CHECK_OK(pread_some(k, pid, fd, 5, 11)), "");  // at EOF
        EXPECT_EQ(CHECK_OK(pread_some(k, pid, fd, 5, 100)), "");
        EXPECT_EQ(CHECK_OK(k.pwrite(pid, fd, as_bytes("WORLD"), 6)), 5u);
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 0, seek_cur)), 11u);
        CHECK_OK(k.seek(pid, fd, 0, seek_set));
        EXPECT_EQ(CHECK_OK(k.pwrite(pid, fd, as_bytes("H"), 0)), 1u);
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 0, seek_cur)), 0u);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 64)), "Hello WORLD");
        // pwrite past the end extends the file.
        CHECK_OK(k.pwrite(pid, fd, as_bytes("!"), 12));
        EXPECT_EQ(CHECK_OK(k.fstat(pid, fd)).size, 13u);
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(ASSERT_OK(kernel().read_file("/tmp/pio")), std::string("Hello WORLD") + '\0' + "!");
}

TEST_F(FdTableTest, PreadPwriteErrors) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/pio2", "abc"));
        std::byte buffer[4];
        EXPECT_EQ(err(k.pread(pid, fd, buffer, -1)), "EINVAL");
        EXPECT_EQ(err(k.pwrite(pid, fd, as_bytes("x"), -1)), "EINVAL");
        auto [r, w] = CHECK_OK(k.pipe(pid));
        CHECK_OK(k.write(pid, w, as_bytes("data")));
        EXPECT_EQ(err(k.pread(pid, r, buffer, 0)), "ESPIPE");
        EXPECT_EQ(err(k.pwrite(pid, w, as_bytes("x"), 0)), "ESPIPE");
        // Nothing was consumed or added by the failed calls.
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 64)), "data");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(FdTableTest, FiveMebibytesInOneReadCall) {
    static constexpr size_t k_size = 5u << 20;
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        std::vector<std::byte> data(k_size);
        for (size_t i = 0; i < data.size(); ++i)
            data[i] = static_cast<std::byte>((i * 31 + i / 4096) & 0xff);
        int fd = CHECK_OK(k.open(pid, "/tmp/big", o_rdwr | o_creat | o_trunc, 0644));
        EXPECT_EQ(CHECK_OK(k.write(pid, fd, data)), k_size);
        EXPECT_EQ(CHECK_OK(k.fstat(pid, fd)).size, k_size);
        CHECK_OK(k.seek(pid, fd, 0, seek_set));
        std::vector<std::byte> back(k_size + 4096);
        size_t got = CHECK_OK(k.read(pid, fd, back));
        EXPECT_EQ(got, k_size);
        back.resize(got);
        EXPECT_TRUE(back == data);
        EXPECT_EQ(CHECK_OK(k.read(pid, fd, back)), 0u);
        return 0;
    });
    EXPECT_EQ(code, 0);
}

// ^stdio wiring at spawn (US-009)

TEST_F(FdTableTest, SpawnWiresStdinToAPipe) {
    std::string child_got;
    uint64_t child_stdin_inode = 0, pipe_inode = 0;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        pipe_inode = CHECK_OK(k.fstat(pid, r)).inode;
        auto request = child([&](ProcessContext& c) {
            child_stdin_inode = CHECK_OK(c.kernel().fstat(c.pid(), 0)).inode;
            child_got = CHECK_OK(c.read_all(0));
            return 0;
        });
        request.stdin_fd = r;
        Pid child_pid = CHECK_OK(k.spawn(pid, request));
        CHECK_OK(k.close(pid, r));
        CHECK_OK(p.write_text(w, "to the child's stdin"));
        CHECK_OK(k.close(pid, w));
        auto waited = CHECK_OK(k.waitpid(pid, child_pid));
        return waited.status == wait_status::exited(0) ? 0 : 1;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(child_got, "to the child's stdin");
    EXPECT_EQ(child_stdin_inode, pipe_inode);
}

TEST_F(FdTableTest, SpawnWiresStdoutToAPipe) {
    std::string got;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto request = child([](ProcessContext& c) {
            CHECK_OK(c.write_text(1, "from the child's stdout"));
            return 0;
        });
        request.stdout_fd = w;
        Pid child_pid = CHECK_OK(k.spawn(pid, request));
        CHECK_OK(k.close(pid, w));
        got = CHECK_OK(p.read_all(r));
        auto waited = CHECK_OK(k.waitpid(pid, child_pid));
        return waited.status == wait_status::exited(0) ? 0 : 1;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(got, "from the child's stdout");
    EXPECT_EQ(m_last_stdout, "");  // nothing leaked to the host's stdout
}

TEST_F(FdTableTest, SpawnWiresAllThreeStdioFds) {
    std::string out, errors;
    std::vector<int> before, after, child_fds;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [in_r, in_w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto [out_r, out_w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto [err_r, err_w] = CHECK_OK(k.pipe(pid, o_cloexec));
        before = CHECK_OK(k.open_fds(pid));
        auto request = child([&](ProcessContext& c) {
            child_fds = CHECK_OK(c.kernel().open_fds(c.pid()));
            std::string input = CHECK_OK(c.read_all(0));
            for (char& ch : input)
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            CHECK_OK(c.write_text(1, input));
            CHECK_OK(c.write_text(2, "diagnostics"));
            return 0;
        });
        request.stdin_fd = in_r;
        request.stdout_fd = out_w;
        request.stderr_fd = err_w;
        Pid child_pid = CHECK_OK(k.spawn(pid, request));
        after = CHECK_OK(k.open_fds(pid));
        // The parent's own stdio is unchanged: fd 1 still reaches the host.
        CHECK_OK(p.write_text(1, "parent stdout"));
        CHECK_OK(k.close(pid, in_r));
        CHECK_OK(k.close(pid, out_w));
        CHECK_OK(k.close(pid, err_w));
        CHECK_OK(p.write_text(in_w, "shout"));
        CHECK_OK(k.close(pid, in_w));
        out = CHECK_OK(p.read_all(out_r));
        errors = CHECK_OK(p.read_all(err_r));
        auto waited = CHECK_OK(k.waitpid(pid, child_pid));
        return waited.status == wait_status::exited(0) ? 0 : 1;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(out, "SHOUT");
    EXPECT_EQ(errors, "diagnostics");
    EXPECT_EQ(before, after);
    EXPECT_EQ(child_fds, (std::vector<int>{0, 1, 2}));  // the cloexec pipe ends stay behind
    EXPECT_EQ(m_last_stdout, "parent stdout");
}

TEST_F(FdTableTest, SpawnWithABadStdioFdFailsWithEbadf) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto request = child([](ProcessContext&) { return 0; });
        request.stdout_fd = 42;
        auto before = CHECK_OK(k.open_fds(pid));
        EXPECT_EQ(err(k.spawn(pid, request)), "EBADF");
        EXPECT_EQ(CHECK_OK(k.open_fds(pid)), before);
        EXPECT_EQ(err(k.waitpid(pid, -1, wnohang)), "ECHILD");  // no child was made
        return 0;
    });
    EXPECT_EQ(code, 0);
}

// ^leaks (US-001, US-012)

TEST_F(FdTableTest, ExitedProcessesLeaveNoDescriptionsOrEntries) {
    start();
    size_t host_before = kernel().open_description_count();
    size_t inside_before = 0, inside_after = 0, processes_after = 0;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        // The host closes our stdin concurrently; wait for that so its pipe end is not counted.
        CHECK_OK(p.read_all(0));
        inside_before = kernel().open_description_count();
        std::vector<Pid> children;
        for (int i = 0; i < 50; ++i) {
            Pid child_pid = CHECK_OK(k.spawn(pid, child([i](ProcessContext& c) {
                auto& ck = c.kernel();
                Pid cpid = c.pid();
                std::string path = "/tmp/leak" + std::to_string(i);
                for (int f = 0; f < 4; ++f)
                    CHECK_OK(ck.open(cpid, path + "_" + std::to_string(f), o_rdwr | o_creat, 0644));
                for (int q = 0; q < 2; ++q) {
                    auto [r, w] = CHECK_OK(ck.pipe(cpid));
                    CHECK_OK(ck.write(cpid, w, as_bytes("unread")));
                    (void)r;
                }
                CHECK_OK(ck.dup(cpid, 3));
                CHECK_OK(ck.fcntl(cpid, 4, f_dupfd, 20));
                auto fds = CHECK_OK(ck.open_fds(cpid));
                return fds.size() == 13 ? 0 : 1;  // 0,1,2 + 10 opened; none closed on purpose
            })));
            children.push_back(child_pid);
        }
        int failures = 0;
        for (Pid child_pid : children) {
            auto waited = CHECK_OK(k.waitpid(pid, child_pid));
            failures += waited.status == wait_status::exited(0) ? 0 : 1;
        }
        inside_after = kernel().open_description_count();
        processes_after = kernel().processes().size();
        return failures;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(inside_after, inside_before);
    EXPECT_EQ(processes_after, 1u);  // only the parent itself
    EXPECT_EQ(kernel().open_description_count(), host_before);
    EXPECT_TRUE(eventually([&] { return kernel().processes().empty(); }, 2000));
}

}  // namespace
}  // namespace secure_exec::testing
