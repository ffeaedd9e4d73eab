// Character devices under /dev (null, zero, full, random, urandom, tty), the /dev/std* links,
// and /dev/fd/N (US-027). Linux drivers/char/mem.c and fs/proc/fd.c are the reference.
#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "unit/kernel/fd/fd_test_support.h"

namespace secure_exec::testing {
namespace {

using namespace secure_exec::flags;

using DevicesTest = KernelFixture;
using DevFdTest = KernelFixture;

bool all_zero(const std::vector<std::byte>& bytes) {
    return std::all_of(bytes.begin(), bytes.end(), [](std::byte b) { return b == std::byte{0}; });
}

TEST_F(DevicesTest, DevNullReadsNothingAndSwallowsWrites) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(k.open(pid, "/dev/null", o_rdwr));
        std::vector<std::byte> buffer(128, std::byte{1});
        EXPECT_EQ(CHECK_OK(k.read(pid, fd, buffer)), 0u);
        EXPECT_EQ(CHECK_OK(k.write(pid, fd, std::vector<std::byte>(100000))), 100000u);
        EXPECT_EQ(CHECK_OK(k.read(pid, fd, buffer)), 0u);  // what was written is gone
        EXPECT_EQ(CHECK_OK(k.pwrite(pid, fd, as_bytes("x"), 5)), 1u);
        EXPECT_EQ(CHECK_OK(k.seek(pid, fd, 0, seek_set)), 0u);  // lseek works and means nothing
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(DevicesTest, DevZeroReadsZeros) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(k.open(pid, "/dev/zero", o_rdwr));
        std::vector<std::byte> buffer(70000, std::byte{0x5a});
        EXPECT_EQ(CHECK_OK(k.read(pid, fd, buffer)), buffer.size());
        EXPECT_TRUE(all_zero(buffer));
        EXPECT_EQ(CHECK_OK(k.write(pid, fd, as_bytes("ignored"))), 7u);
        std::fill(buffer.begin(), buffer.end(), std::byte{0x5a});
        EXPECT_EQ(CHECK_OK(k.read(pid, fd, std::span(buffer).first(10))), 10u);
        EXPECT_TRUE(std::all_of(buffer.begin(), buffer.begin() + 10, [](std::byte b) { return b == std::byte{0}; }));
        EXPECT_EQ(buffer[10], std::byte{0x5a});  // no more than asked
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(DevicesTest, DevFullRefusesWritesWithEnospc) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(k.open(pid, "/dev/full", o_rdwr));
        EXPECT_EQ(err(k.write(pid, fd, as_bytes("x"))), "ENOSPC");
        EXPECT_EQ(err(k.pwrite(pid, fd, as_bytes("x"), 0)), "ENOSPC");
        std::vector<std::byte> buffer(4096, std::byte{7});
        EXPECT_EQ(CHECK_OK(k.read(pid, fd, buffer)), buffer.size());
        EXPECT_TRUE(all_zero(buffer));
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(DevicesTest, RandomDevicesGiveDifferentNonZeroBytes) {
    for (const char* path : {"/dev/urandom", "/dev/random"}) {
        SCOPED_TRACE(path);
        int code = run([path](ProcessContext& p) {
            auto& k = p.kernel();
            Pid pid = p.pid();
            int fd = CHECK_OK(k.open(pid, path, o_rdonly));
            std::vector<std::byte> first(4096), second(4096);
            EXPECT_EQ(CHECK_OK(k.read(pid, fd, first)), 4096u);
            EXPECT_EQ(CHECK_OK(k.read(pid, fd, second)), 4096u);
            EXPECT_FALSE(all_zero(first));
            EXPECT_FALSE(all_zero(second));
            EXPECT_NE(first, second);
            // Random, not a short repeating pattern: 8 KiB of random bytes cover nearly all 256 values.
            std::vector<bool> seen(256);
            for (std::byte b : first)
                seen[static_cast<uint8_t>(b)] = true;
            for (std::byte b : second)
                seen[static_cast<uint8_t>(b)] = true;
            EXPECT_GE(std::count(seen.begin(), seen.end(), true), 200);
            return 0;
        });
        EXPECT_EQ(code, 0);
    }
}

TEST_F(DevicesTest, DevTtyWithoutControllingTerminalIsEnxio) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        EXPECT_EQ(err(k.open(pid, "/dev/tty", o_rdwr)), "ENXIO");
        EXPECT_EQ(err(k.open(pid, "/dev/tty", o_rdonly)), "ENXIO");
        EXPECT_EQ(CHECK_OK(k.stat(pid, "/dev/tty")).type, FileType::char_device);
        EXPECT_FALSE(CHECK_OK(k.isatty(pid, 1)));
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(DevicesTest, DeviceStatShowsCharDevice) {
    struct Expected {
        const char* path;
        uint64_t rdev;
    };
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        for (auto [path, rdev] : {Expected{"/dev/null", 0x103}, Expected{"/dev/zero", 0x105},
                                  Expected{"/dev/full", 0x107}, Expected{"/dev/random", 0x108},
                                  Expected{"/dev/urandom", 0x109}}) {
            Stat status = CHECK_OK(k.stat(pid, path));
            EXPECT_EQ(status.type, FileType::char_device) << path;
            EXPECT_EQ(status.mode() & 0170000, 0020000u) << path;  // S_IFCHR
            EXPECT_EQ(status.permissions, 0666u) << path;
            EXPECT_EQ(status.rdev, rdev) << path;
            int fd = CHECK_OK(k.open(pid, path, o_rdonly));
            EXPECT_EQ(CHECK_OK(k.fstat(pid, fd)).type, FileType::char_device) << path;
            EXPECT_EQ(CHECK_OK(k.fstat(pid, fd)).inode, status.inode) << path;
        }
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(DevicesTest, DevDirectoryListsTheDevices) {
    std::set<std::string> names;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(k.open(pid, "/dev", o_rdonly | o_directory));
        names = entry_names(CHECK_OK(k.read_directory(pid, fd)));
        return 0;
    });
    EXPECT_EQ(code, 0);
    for (const char* name : {"null", "zero", "full", "random", "urandom", "tty", "stdin", "stdout", "stderr", "fd"})
        EXPECT_TRUE(names.count(name)) << name;
}

TEST_F(DevicesTest, StdioLinksPointAtProcSelfFd) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        EXPECT_EQ(CHECK_OK(k.readlink(pid, "/dev/stdin")), "/proc/self/fd/0");
        EXPECT_EQ(CHECK_OK(k.readlink(pid, "/dev/stdout")), "/proc/self/fd/1");
        EXPECT_EQ(CHECK_OK(k.readlink(pid, "/dev/stderr")), "/proc/self/fd/2");
        EXPECT_EQ(CHECK_OK(k.readlink(pid, "/dev/fd")), "/proc/self/fd");
        EXPECT_EQ(CHECK_OK(k.stat(pid, "/dev/stdout", false)).type, FileType::symlink);
        return 0;
    });
    EXPECT_EQ(code, 0);
    start();
    EXPECT_TRUE(ASSERT_OK(kernel().lstat("/dev/stderr")).is_symlink());
}

TEST_F(DevicesTest, WritingDevStdoutReachesTheHost) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int out = CHECK_OK(k.open(pid, "/dev/stdout", o_wronly));
        EXPECT_NE(out, 1);
        CHECK_OK(p.write_text(out, "via /dev/stdout\n"));
        int errors = CHECK_OK(k.open(pid, "/dev/stderr", o_wronly));
        CHECK_OK(p.write_text(errors, "via /dev/stderr\n"));
        CHECK_OK(p.write_text(1, "via fd 1\n"));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(m_last_stdout, "via /dev/stdout\nvia fd 1\n");
    EXPECT_EQ(m_last_stderr, "via /dev/stderr\n");
}

TEST_F(DevicesTest, DevStdinReadsTheProcessStdin) {
    std::string got;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto request = child([&](ProcessContext& c) {
            int in = CHECK_OK(c.kernel().open(c.pid(), "/dev/stdin", o_rdonly));
            got = CHECK_OK(c.read_all(in));
            return 0;
        });
        request.stdin_fd = r;
        Pid child_pid = CHECK_OK(k.spawn(pid, request));
        CHECK_OK(k.close(pid, r));
        CHECK_OK(p.write_text(w, "piped in"));
        CHECK_OK(k.close(pid, w));
        CHECK_OK(k.waitpid(pid, child_pid));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(got, "piped in");
}

// ^/dev/fd (US-027)

TEST_F(DevFdTest, OpeningDevFdOfAFileSharesTheDescription) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/shared", "hello world"));
        CHECK_OK(k.seek(pid, fd, 0, seek_set));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 6)), "hello ");
        int again = CHECK_OK(k.open(pid, "/dev/fd/" + std::to_string(fd), o_rdonly));
        EXPECT_NE(again, fd);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, again, 64)), "world");  // the rest, from the shared cursor
        EXPECT_EQ(CHECK_OK(read_some(k, pid, fd, 64)), "");         // the cursor moved for both
        int via_proc = CHECK_OK(k.open(pid, "/proc/self/fd/" + std::to_string(fd), o_rdonly));
        EXPECT_EQ(CHECK_OK(k.seek(pid, via_proc, 0, seek_cur)), 11u);
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(DevFdTest, OpeningDevFdOfAPipeReadEnd) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid));
        int again = CHECK_OK(k.open(pid, "/dev/fd/" + std::to_string(r), o_rdonly));
        CHECK_OK(k.write(pid, w, as_bytes("through /dev/fd")));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, again, 64)), "through /dev/fd");
        // The original read end may go: the reopened one keeps the pipe alive.
        CHECK_OK(k.close(pid, r));
        CHECK_OK(k.write(pid, w, as_bytes("more")));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, again, 64)), "more");
        std::string link = CHECK_OK(k.readlink(pid, "/dev/fd/" + std::to_string(w)));
        EXPECT_EQ(link, "pipe:[" + std::to_string(CHECK_OK(k.fstat(pid, w)).inode) + "]");
        CHECK_OK(k.close(pid, w));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, again, 64)), "");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(DevFdTest, ReadDirectoryOfDevFdListsOpenFds) {
    std::set<std::string> names;
    int file = -1, r = -1, w = -1, dir = -1;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        file = CHECK_OK(make_file(k, pid, "/tmp/listed", "x"));
        int closed = CHECK_OK(make_file(k, pid, "/tmp/closed", "x"));
        std::tie(r, w) = CHECK_OK(k.pipe(pid));
        CHECK_OK(k.close(pid, closed));
        dir = CHECK_OK(k.open(pid, "/dev/fd", o_rdonly | o_directory));
        names = entry_names(CHECK_OK(k.read_directory(pid, dir)));
        return 0;
    });
    EXPECT_EQ(code, 0);
    std::set<std::string> expected{".", "..", "0", "1", "2"};
    for (int fd : {file, r, w, dir})
        expected.insert(std::to_string(fd));
    EXPECT_EQ(names, expected);
}

TEST_F(DevFdTest, OpeningDevFdOfAClosedFdFails) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/gone", "x"));
        CHECK_OK(k.close(pid, fd));
        EXPECT_EQ(err(k.open(pid, "/dev/fd/" + std::to_string(fd), o_rdonly)), "EBADF");
        EXPECT_EQ(err(k.open(pid, "/dev/fd/77", o_rdonly)), "EBADF");
        EXPECT_NE(err(k.stat(pid, "/dev/fd/77")), "ok");
        EXPECT_EQ(err(k.open(pid, "/dev/fd/notanumber", o_rdonly)), "ENOENT");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(DevFdTest, StatOfDevFdIsTheUnderlyingFile) {
    int code = run([](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        int fd = CHECK_OK(make_file(k, pid, "/tmp/statme", "twelve bytes"));
        Stat direct = CHECK_OK(k.stat(pid, "/tmp/statme"));
        Stat via_fd = CHECK_OK(k.stat(pid, "/dev/fd/" + std::to_string(fd)));
        EXPECT_EQ(via_fd.type, FileType::regular);
        EXPECT_EQ(via_fd.size, 12u);
        EXPECT_EQ(via_fd.inode, direct.inode);
        EXPECT_EQ(via_fd.device, direct.device);
        EXPECT_EQ(CHECK_OK(k.fstat(pid, fd)).inode, direct.inode);
        // Not following the final link shows the magic link itself, whose text is the path.
        EXPECT_EQ(CHECK_OK(k.stat(pid, "/dev/fd/" + std::to_string(fd), false)).type, FileType::symlink);
        EXPECT_EQ(CHECK_OK(k.readlink(pid, "/dev/fd/" + std::to_string(fd))), "/tmp/statme");
        // A pipe's stat through /dev/fd is the pipe's.
        auto [r, w] = CHECK_OK(k.pipe(pid));
        (void)w;
        Stat pipe_stat = CHECK_OK(k.stat(pid, "/dev/fd/" + std::to_string(r)));
        EXPECT_EQ(pipe_stat.type, FileType::fifo);
        EXPECT_EQ(pipe_stat.inode, CHECK_OK(k.fstat(pid, r)).inode);
        return 0;
    });
    EXPECT_EQ(code, 0);
}

}  // namespace
}  // namespace secure_exec::testing
