// Path resolution cannot leave the VFS: ".." clamps at "/", absolute symlinks resolve inside the
// VFS, and malformed paths (NUL bytes, over-long paths and names, empty paths) are refused with
// Linux's errnos.
#include "vfs_test_support.h"

namespace secure_exec::testing {
namespace {

using VfsPathSafety = VfsTest;

TEST_F(VfsPathSafety, DotDotAboveRootStaysAtRoot) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        auto etc = CHECK_OK(k.stat(p.pid(), "/etc"));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/../../etc")).inode, etc.inode);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/..")).inode, CHECK_OK(k.stat(p.pid(), "/")).inode);
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/../../etc")), "/etc");
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/..")), "/");
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/tmp/../../../../tmp")), "/tmp");
    });
}

TEST_F(VfsPathSafety, DotDotFromTheCwd) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "..")).inode, CHECK_OK(k.stat(p.pid(), "/home")).inode);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "../..")).inode, CHECK_OK(k.stat(p.pid(), "/")).inode);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "../../../../../..")).inode, CHECK_OK(k.stat(p.pid(), "/")).inode);
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "../../../../etc")), "/etc");
        CHECK_OK(k.chdir(p.pid(), "../../../.."));
        EXPECT_EQ(CHECK_OK(k.getcwd(p.pid())), "/");
    });
}

TEST_F(VfsPathSafety, DotDotRelativeToADirectoryDescriptor) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        int dirfd = CHECK_OK(k.open(p.pid(), "/tmp", flags::o_rdonly | flags::o_directory));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "../../..", true, dirfd)).inode, CHECK_OK(k.stat(p.pid(), "/")).inode);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "../etc", true, dirfd)).inode, CHECK_OK(k.stat(p.pid(), "/etc")).inode);
    });
}

TEST_F(VfsPathSafety, AbsoluteSymlinkResolvesInsideTheVfs) {
    CHECK_OK(kernel().write_file("/etc/passwd", "vfs-user:x:1000:1000::/home/user:/bin/sh\n"));
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.symlink(p.pid(), "/etc/passwd", "/tmp/pw"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/pw")), "vfs-user:x:1000:1000::/home/user:/bin/sh\n");
        // /etc/hostname exists on virtually every host but not in the VFS.
        CHECK_OK(k.symlink(p.pid(), "/etc/hostname", "/tmp/hn"));
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/hn", flags::o_rdonly), Errno::enoent);
        // A relative link climbing far above the root also stays in the VFS.
        CHECK_OK(k.symlink(p.pid(), "../../../../../../../etc/passwd", "/tmp/climb"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/climb")), "vfs-user:x:1000:1000::/home/user:/bin/sh\n");
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/tmp/climb")), "/etc/passwd");
    });
}

TEST_F(VfsPathSafety, HostFilesAreNotVisible) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_ERRNO(k.stat(p.pid(), "/etc/passwd"), Errno::enoent);
        EXPECT_ERRNO(k.stat(p.pid(), "/etc/hostname"), Errno::enoent);
        EXPECT_ERRNO(k.stat(p.pid(), "/usr/bin/env"), Errno::enoent);
    });
}

TEST_F(VfsPathSafety, PathWithANulByteIsEinval) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        using namespace std::string_view_literals;
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/f\0/etc/passwd"sv, flags::o_rdonly), Errno::einval);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/f\0"sv), Errno::einval);
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/g\0h"sv, flags::o_wronly | flags::o_creat, 0644), Errno::einval);
        EXPECT_ERRNO(k.mkdir(p.pid(), "/tmp/d\0"sv), Errno::einval);
        EXPECT_ERRNO(k.symlink(p.pid(), "/etc\0x"sv, "/tmp/l"), Errno::einval);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/g", false), Errno::enoent);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/d", false), Errno::enoent);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/l", false), Errno::enoent);
    });
}

TEST_F(VfsPathSafety, PathOfFiveThousandBytesIsEnametoolong) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        std::string path = "/tmp";
        while (path.size() < 5000)
            path += "/abcdefgh";
        EXPECT_ERRNO(k.stat(p.pid(), path), Errno::enametoolong);
        EXPECT_ERRNO(k.open(p.pid(), path, flags::o_wronly | flags::o_creat, 0644), Errno::enametoolong);
        EXPECT_ERRNO(k.mkdir(p.pid(), path), Errno::enametoolong);
    });
}

TEST_F(VfsPathSafety, PathLengthLimitIsPathMax) {
    // PATH_MAX (4096) counts the terminating NUL: 4095 bytes resolve, 4096 do not.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        std::string path = "/tmp";
        while (path.size() < 4095)
            path += "/.";
        path.resize(4095);
        if (path.back() == '/')
            path.back() = '.';
        ASSERT_EQ(path.size(), 4095u);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), path)).is_directory());
        path += "/";
        EXPECT_ERRNO(k.stat(p.pid(), path), Errno::enametoolong);
    });
}

TEST_F(VfsPathSafety, ComponentOfThreeHundredBytesIsEnametoolong) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        std::string name(300, 'n');
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/" + name, flags::o_wronly | flags::o_creat, 0644), Errno::enametoolong);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/" + name), Errno::enametoolong);
        EXPECT_ERRNO(k.mkdir(p.pid(), "/tmp/" + name), Errno::enametoolong);
        EXPECT_ERRNO(k.symlink(p.pid(), "/tmp", "/tmp/" + name), Errno::enametoolong);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/" + name + "/x"), Errno::enametoolong);
    });
}

TEST_F(VfsPathSafety, ComponentLimitIsNameMax) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        std::string longest(255, 'a');
        CHECK_OK(write_whole(p, "/tmp/" + longest, "max"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/" + longest)), "max");
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/" + longest + "a"), Errno::enametoolong);
    });
}

TEST_F(VfsPathSafety, EmptyPathIsEnoent) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_ERRNO(k.stat(p.pid(), ""), Errno::enoent);
        EXPECT_ERRNO(k.open(p.pid(), "", flags::o_rdonly), Errno::enoent);
        EXPECT_ERRNO(k.open(p.pid(), "", flags::o_wronly | flags::o_creat, 0644), Errno::enoent);
        EXPECT_ERRNO(k.mkdir(p.pid(), ""), Errno::enoent);
        EXPECT_ERRNO(k.unlink(p.pid(), ""), Errno::enoent);
        EXPECT_ERRNO(k.chdir(p.pid(), ""), Errno::enoent);
        EXPECT_ERRNO(k.realpath(p.pid(), ""), Errno::enoent);
    });
    EXPECT_ERRNO(kernel().read_file(""), Errno::enoent);
    EXPECT_ERRNO(kernel().write_file("", "x"), Errno::enoent);
}

TEST_F(VfsPathSafety, RepeatedSlashesAndDotsAreHarmless) {
    in_process([](ProcessContext& p) {
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "//tmp///./f")), "x");
        EXPECT_EQ(CHECK_OK(p.kernel().realpath(p.pid(), "///tmp//.//f")), "/tmp/f");
    });
}

TEST_F(VfsPathSafety, ProcSelfLinksResolveForTheCaller) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_EQ(CHECK_OK(k.readlink(p.pid(), "/proc/self")), std::to_string(p.pid()));
        EXPECT_EQ(CHECK_OK(k.readlink(p.pid(), "/proc/self/cwd")), "/home/user");
    });
}

TEST_F(VfsPathSafety, HostHelpersResolveRelativePathsFromRoot) {
    CHECK_OK(kernel().write_file("tmp/relative", "from root"));
    EXPECT_EQ(CHECK_OK(kernel().read_file("/tmp/relative")), "from root");
    EXPECT_EQ(CHECK_OK(kernel().read_file("../../tmp/relative")), "from root");
}

}  // namespace
}  // namespace secure_exec::testing
