// Mounts: host directories (read-only by default, read-write on request, symlinks that escape
// the tree refused), a second memory filesystem, ".." across a mount root, /proc/mounts.
#include <filesystem>

#include "vfs_test_support.h"

namespace secure_exec::testing {
namespace {

class VfsMounts : public VfsTest {
protected:
    void SetUp() override {
        VfsTest::SetUp();
        m_host = make_host_temp_directory("secure-exec-vfs-mounts");
        ASSERT_FALSE(m_host.empty());
        host_write(m_host + "/hello.txt", "host data");
        std::filesystem::create_directory(m_host + "/sub");
        host_write(m_host + "/sub/deep.txt", "deep data");
        // Links that point out of the tree, and one that stays inside it.
        std::filesystem::create_symlink("/etc/passwd", m_host + "/abs_escape");
        std::filesystem::create_symlink("../../../../../../../etc/passwd", m_host + "/rel_escape");
        std::filesystem::create_symlink("..", m_host + "/sub/parent_of_sub");
        std::filesystem::create_symlink("../..", m_host + "/sub/above_root");
        std::filesystem::create_symlink("hello.txt", m_host + "/inside");
        std::filesystem::create_symlink(m_host + "/sub/deep.txt", m_host + "/abs_inside");
        m_outside = make_host_temp_directory("secure-exec-vfs-outside");
        ASSERT_FALSE(m_outside.empty());
        host_write(m_outside + "/secret.txt", "outside secret");
        std::filesystem::create_symlink(m_outside + "/secret.txt", m_host + "/to_outside");
        std::filesystem::create_symlink(m_outside, m_host + "/dir_outside");
    }

    void TearDown() override {
        VfsTest::TearDown();
        std::error_code ignored;
        if (!m_host.empty())
            std::filesystem::remove_all(m_host, ignored);
        if (!m_outside.empty())
            std::filesystem::remove_all(m_outside, ignored);
    }

    void mount_host(MountMode mode, std::string guest = "/mnt/host") {
        CHECK_OK(make_mount_point(kernel(), guest));
        auto mounted = kernel().mount_host_directory(HostMount{m_host, guest, mode});
        ASSERT_FALSE(mounted.is_error()) << errno_name(mounted.error());
    }

    std::string m_host;
    std::string m_outside;
};

TEST_F(VfsMounts, HostMountIsReadOnlyByDefault) {
    HostMount mount{.host_path = m_host, .guest_path = "/mnt/host"};
    EXPECT_EQ(mount.mode, MountMode::read_only);
    CHECK_OK(make_mount_point(kernel(), "/mnt/host"));
    CHECK_OK(kernel().mount_host_directory(mount));
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_EQ(CHECK_OK(read_whole(p, "/mnt/host/hello.txt")), "host data");
        EXPECT_EQ(CHECK_OK(read_whole(p, "/mnt/host/sub/deep.txt")), "deep data");
        EXPECT_ERRNO(k.open(p.pid(), "/mnt/host/hello.txt", flags::o_wronly), Errno::erofs);
        EXPECT_ERRNO(k.open(p.pid(), "/mnt/host/hello.txt", flags::o_rdwr | flags::o_trunc), Errno::erofs);
        EXPECT_ERRNO(k.open(p.pid(), "/mnt/host/new.txt", flags::o_wronly | flags::o_creat, 0644), Errno::erofs);
        EXPECT_ERRNO(k.truncate(p.pid(), "/mnt/host/hello.txt", 0), Errno::erofs);
        EXPECT_ERRNO(k.unlink(p.pid(), "/mnt/host/hello.txt"), Errno::erofs);
        EXPECT_ERRNO(k.mkdir(p.pid(), "/mnt/host/newdir"), Errno::erofs);
        EXPECT_ERRNO(k.rmdir(p.pid(), "/mnt/host/sub"), Errno::erofs);
        EXPECT_ERRNO(k.rename(p.pid(), "/mnt/host/hello.txt", "/mnt/host/renamed.txt"), Errno::erofs);
        EXPECT_ERRNO(k.chmod(p.pid(), "/mnt/host/hello.txt", 0777), Errno::erofs);
        EXPECT_ERRNO(k.symlink(p.pid(), "hello.txt", "/mnt/host/newlink"), Errno::erofs);
        EXPECT_ERRNO(k.access(p.pid(), "/mnt/host/hello.txt", 2), Errno::erofs);
        EXPECT_EQ(CHECK_OK(k.statfs(p.pid(), "/mnt/host")).flags & 1, 1u);
    });
    EXPECT_ERRNO(kernel().write_file("/mnt/host/hello.txt", "clobbered"), Errno::erofs);
    EXPECT_EQ(host_read(m_host + "/hello.txt"), "host data");
    EXPECT_FALSE(host_exists(m_host + "/new.txt"));
    EXPECT_FALSE(host_exists(m_host + "/newdir"));
    EXPECT_FALSE(host_exists(m_host + "/newlink"));
    EXPECT_TRUE(host_exists(m_host + "/sub/deep.txt"));
}

TEST_F(VfsMounts, ReadWriteMountWritesReachTheHost) {
    mount_host(MountMode::read_write);
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/mnt/host/from_guest.txt", "written by guest"));
        int fd = CHECK_OK(k.open(p.pid(), "/mnt/host/hello.txt", flags::o_wronly | flags::o_append));
        CHECK_OK(p.write_text(fd, " + appended"));
        CHECK_OK(k.close(p.pid(), fd));
        CHECK_OK(k.mkdir(p.pid(), "/mnt/host/guest_dir"));
        CHECK_OK(k.rename(p.pid(), "/mnt/host/sub/deep.txt", "/mnt/host/guest_dir/moved.txt"));
        EXPECT_EQ(CHECK_OK(k.statfs(p.pid(), "/mnt/host")).flags & 1, 0u);
    });
    EXPECT_EQ(host_read(m_host + "/from_guest.txt"), "written by guest");
    EXPECT_EQ(host_read(m_host + "/hello.txt"), "host data + appended");
    EXPECT_TRUE(std::filesystem::is_directory(m_host + "/guest_dir"));
    EXPECT_EQ(host_read(m_host + "/guest_dir/moved.txt"), "deep data");
    EXPECT_FALSE(host_exists(m_host + "/sub/deep.txt"));
    // Changes made on the host show up in the guest.
    host_write(m_host + "/from_host.txt", "host side");
    EXPECT_EQ(CHECK_OK(kernel().read_file("/mnt/host/from_host.txt")), "host side");
}

TEST_F(VfsMounts, HostFilesAppearOwnedByTheKernelUser) {
    mount_host(MountMode::read_only);
    auto status = CHECK_OK(kernel().stat("/mnt/host/hello.txt"));
    EXPECT_EQ(status.uid, 1000u);
    EXPECT_EQ(status.gid, 1000u);
    EXPECT_EQ(status.size, 9u);
    EXPECT_TRUE(status.is_regular());
}

TEST_F(VfsMounts, HostSymlinkToAnAbsoluteOutsidePathIsRefused) {
    mount_host(MountMode::read_write);
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/mnt/host/abs_escape", false)).is_symlink());
        EXPECT_ERRNO(k.open(p.pid(), "/mnt/host/abs_escape", flags::o_rdonly), Errno::eacces);
        EXPECT_ERRNO(k.stat(p.pid(), "/mnt/host/abs_escape"), Errno::eacces);
        EXPECT_ERRNO(k.readlink(p.pid(), "/mnt/host/abs_escape"), Errno::eacces);
        EXPECT_ERRNO(k.open(p.pid(), "/mnt/host/to_outside", flags::o_rdonly), Errno::eacces);
        EXPECT_ERRNO(k.open(p.pid(), "/mnt/host/to_outside", flags::o_wronly | flags::o_trunc), Errno::eacces);
        EXPECT_ERRNO(k.stat(p.pid(), "/mnt/host/dir_outside/secret.txt"), Errno::eacces);
        EXPECT_ERRNO(k.open(p.pid(), "/mnt/host/dir_outside/planted", flags::o_wronly | flags::o_creat, 0644),
                     Errno::eacces);
    });
    EXPECT_EQ(host_read(m_outside + "/secret.txt"), "outside secret");
    EXPECT_FALSE(host_exists(m_outside + "/planted"));
}

TEST_F(VfsMounts, HostSymlinkClimbingOutOfTheTreeIsRefused) {
    mount_host(MountMode::read_only);
    // Even with an /etc/passwd in the guest, the link must not silently resolve to it.
    CHECK_OK(kernel().write_file("/etc/passwd", "guest passwd\n"));
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_ERRNO(k.open(p.pid(), "/mnt/host/rel_escape", flags::o_rdonly), Errno::eacces);
        EXPECT_ERRNO(k.readlink(p.pid(), "/mnt/host/rel_escape"), Errno::eacces);
        EXPECT_ERRNO(k.stat(p.pid(), "/mnt/host/sub/above_root"), Errno::eacces);
        EXPECT_ERRNO(k.realpath(p.pid(), "/mnt/host/sub/above_root"), Errno::eacces);
    });
}

TEST_F(VfsMounts, EscapingLinkContentNeverAppears) {
    mount_host(MountMode::read_only);
    auto host_passwd = host_read("/etc/passwd");
    for (const char* path : {"/mnt/host/abs_escape", "/mnt/host/rel_escape", "/mnt/host/to_outside"}) {
        auto text = kernel().read_file(path);
        ASSERT_TRUE(text.is_error()) << path << " read: " << text.value();
        EXPECT_EQ(errno_name(text.error()), errno_name(Errno::eacces)) << path;
    }
    in_process([](ProcessContext& p) {
        // The whole tree, read through every name: nothing from outside shows up.
        int fd = CHECK_OK(p.kernel().open(p.pid(), "/mnt/host", flags::o_rdonly | flags::o_directory));
        auto entries = CHECK_OK(p.kernel().read_directory(p.pid(), fd));
        for (const auto& entry : entries) {
            if (entry.name == "." || entry.name == "..")
                continue;
            auto text = read_whole(p, "/mnt/host/" + entry.name);
            if (!text.is_error()) {
                EXPECT_EQ(text.value().find("root:"), std::string::npos) << entry.name;
                EXPECT_EQ(text.value().find("outside secret"), std::string::npos) << entry.name;
            }
        }
    });
    (void)host_passwd;
}

TEST_F(VfsMounts, HostSymlinksInsideTheTreeWork) {
    mount_host(MountMode::read_only);
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_EQ(CHECK_OK(read_whole(p, "/mnt/host/inside")), "host data");
        EXPECT_EQ(CHECK_OK(read_whole(p, "/mnt/host/abs_inside")), "deep data");
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/mnt/host/abs_inside")), "/mnt/host/sub/deep.txt");
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/mnt/host/sub/parent_of_sub")), "/mnt/host");
        EXPECT_EQ(CHECK_OK(read_whole(p, "/mnt/host/sub/parent_of_sub/hello.txt")), "host data");
    });
}

TEST_F(VfsMounts, GuestCannotCreateAnEscapingSymlinkOnTheHost) {
    mount_host(MountMode::read_write);
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_ERRNO(k.symlink(p.pid(), "/etc/passwd", "/mnt/host/evil_abs"), Errno::eacces);
        EXPECT_ERRNO(k.symlink(p.pid(), "../../etc/passwd", "/mnt/host/evil_rel"), Errno::eacces);
        CHECK_OK(k.symlink(p.pid(), "hello.txt", "/mnt/host/good"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/mnt/host/good")), "host data");
    });
    EXPECT_FALSE(host_exists(m_host + "/evil_abs"));
    EXPECT_FALSE(host_exists(m_host + "/evil_rel"));
    EXPECT_EQ(std::filesystem::read_symlink(m_host + "/good").string(), "hello.txt");
}

TEST_F(VfsMounts, DotDotFromTheMountRootIsTheGuestParent) {
    mount_host(MountMode::read_only);
    CHECK_OK(kernel().write_file("/mnt/guest_only.txt", "guest side"));
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/mnt/host/..")).inode, CHECK_OK(k.stat(p.pid(), "/mnt")).inode);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/mnt/host/../guest_only.txt")), "guest side");
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/mnt/host/sub/../..")), "/mnt");
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/mnt/host/../../../..")), "/");
        CHECK_OK(k.chdir(p.pid(), "/mnt/host/sub"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "../../guest_only.txt")), "guest side");
        EXPECT_EQ(CHECK_OK(read_whole(p, "../hello.txt")), "host data");
    });
}

TEST_F(VfsMounts, ProcMountsListsTheMounts) {
    mount_host(MountMode::read_only);
    CHECK_OK(mount_memory(kernel(), "/mnt/scratch"));
    in_process([](ProcessContext& p) {
        std::string mounts = CHECK_OK(read_whole(p, "/proc/mounts"));
        EXPECT_NE(mounts.find("hostfs /mnt/host hostfs ro"), std::string::npos) << mounts;
        EXPECT_NE(mounts.find("tmpfs /mnt/scratch tmpfs rw"), std::string::npos) << mounts;
        EXPECT_NE(mounts.find(" / "), std::string::npos) << mounts;
        EXPECT_NE(mounts.find(" /proc "), std::string::npos) << mounts;
        EXPECT_NE(mounts.find(" /dev "), std::string::npos) << mounts;
    });
}

TEST_F(VfsMounts, MountsFromKernelOptions) {
    // A kernel of its own: the fixture aborts when Kernel::create fails.
    KernelOptions own;
    own.mounts.push_back(HostMount{m_host, "/data", MountMode::read_only});
    auto created = Kernel::create(std::move(own));
    ASSERT_FALSE(created.is_error()) << "Kernel::create with a mount: " << errno_name(created.error());
    auto own_kernel = created.release_value();
    EXPECT_EQ(CHECK_OK(own_kernel->read_file("/data/hello.txt")), "host data");
    EXPECT_ERRNO(own_kernel->write_file("/data/hello.txt", "x"), Errno::erofs);
    own_kernel->dispose();
}

TEST_F(VfsMounts, MountCreatesAMissingGuestDirectory) {
    auto filesystem = make_memory_filesystem();
    EXPECT_FALSE(kernel().exists("/mnt"));
    CHECK_OK(kernel().mount_filesystem("/mnt/deep/scratch", filesystem));
    EXPECT_TRUE(CHECK_OK(kernel().stat("/mnt/deep")).is_directory());
    CHECK_OK(kernel().write_file("/mnt/deep/scratch/f", "x"));
    EXPECT_FALSE(filesystem->root()->lookup("f").is_error());
}

TEST_F(VfsMounts, HostMountCreatesAMissingGuestDirectory) {
    CHECK_OK(kernel().mount_host_directory(HostMount{m_host, "/srv/data/host", MountMode::read_only}));
    EXPECT_EQ(CHECK_OK(kernel().read_file("/srv/data/host/hello.txt")), "host data");
}

TEST_F(VfsMounts, MountingAMissingHostDirectoryFails) {
    auto result = kernel().mount_host_directory(HostMount{m_host + "/does-not-exist", "/mnt/missing"});
    EXPECT_ERRNO(std::move(result), Errno::enoent);
    EXPECT_ERRNO(kernel().mount_host_directory(HostMount{m_host + "/hello.txt", "/mnt/file"}), Errno::enotdir);
}

TEST_F(VfsMounts, MountingTwiceAtOnePlaceIsEbusy) {
    mount_host(MountMode::read_only);
    EXPECT_ERRNO(kernel().mount_filesystem("/mnt/host", make_memory_filesystem()), Errno::ebusy);
    EXPECT_EQ(CHECK_OK(kernel().read_file("/mnt/host/hello.txt")), "host data");
}

TEST_F(VfsMounts, MountRequiresAnAbsoluteGuestPath) {
    EXPECT_ERRNO(kernel().mount_filesystem("relative", make_memory_filesystem()), Errno::einval);
    EXPECT_ERRNO(kernel().mount_filesystem("/", make_memory_filesystem()), Errno::ebusy);
}

TEST_F(VfsMounts, SecondMemoryFilesystemIsSeparate) {
    auto filesystem = make_tmpfs();
    CHECK_OK(mount_memory(kernel(), "/mnt/scratch", filesystem));
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/mnt/scratch/f", "scratch"));
        EXPECT_EQ(CHECK_OK(k.statfs(p.pid(), "/mnt/scratch")).type, 0x01021994u);
        EXPECT_NE(CHECK_OK(k.stat(p.pid(), "/mnt/scratch")).device, CHECK_OK(k.stat(p.pid(), "/mnt")).device);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/mnt/scratch/..")).inode, CHECK_OK(k.stat(p.pid(), "/mnt")).inode);
    });
    auto found = filesystem->root()->lookup("f");
    ASSERT_FALSE(found.is_error());
    std::byte buffer[16];
    size_t count = CHECK_OK(found.value()->read_at(0, buffer));
    EXPECT_EQ(text_of(std::span(buffer, count)), "scratch");
}

TEST_F(VfsMounts, ReadOnlyMemoryMountRefusesWrites) {
    CHECK_OK(mount_memory(kernel(), "/mnt/ro", make_tmpfs(), MountMode::read_only));
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().open(p.pid(), "/mnt/ro/f", flags::o_wronly | flags::o_creat, 0644), Errno::erofs);
        EXPECT_ERRNO(p.kernel().mkdir(p.pid(), "/mnt/ro/d"), Errno::erofs);
    });
}

TEST_F(VfsMounts, ReadOnlyMountReportsErofsBeforeEacces) {
    // Linux inode_permission() checks a read-only superblock (EROFS) before the mode bits
    // (EACCES): creating in a root-owned 0755 directory of a read-only mount is EROFS.
    CHECK_OK(mount_memory(kernel(), "/mnt/ro", make_memory_filesystem(), MountMode::read_only));
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().open(p.pid(), "/mnt/ro/f", flags::o_wronly | flags::o_creat, 0644), Errno::erofs);
        EXPECT_ERRNO(p.kernel().mkdir(p.pid(), "/mnt/ro/d"), Errno::erofs);
    });
}

TEST_F(VfsMounts, FreshMemoryMountRootIsWritableLikeTmpfs) {
    // A new Linux tmpfs has a root of mode 1777; make_memory_filesystem()'s root is 0755 root.
    CHECK_OK(mount_memory(kernel(), "/mnt/fresh", make_memory_filesystem()));
    in_process([](ProcessContext& p) {
        EXPECT_EQ(CHECK_OK(p.kernel().stat(p.pid(), "/mnt/fresh")).permissions, 01777u);
        CHECK_OK(write_whole(p, "/mnt/fresh/f", "x"));
    });
}

TEST_F(VfsMounts, SmallMemoryFilesystemRunsOutOfSpaceWithEnospc) {
    auto filesystem = make_memory_filesystem({.capacity_bytes = 64 * 1024, .max_inodes = 1000});
    (void)filesystem->root()->change_mode(01777);
    CHECK_OK(mount_memory(kernel(), "/mnt/small", filesystem));
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        int fd = CHECK_OK(k.open(p.pid(), "/mnt/small/fill", flags::o_wronly | flags::o_creat, 0644));
        std::string chunk(4096, 'x');
        size_t total = 0;
        Errno last = Errno::eio;
        for (int i = 0; i < 64; ++i) {
            auto written = k.write(p.pid(), fd, as_bytes(chunk));
            if (written.is_error()) {
                last = written.error();
                break;
            }
            total += written.value();
        }
        EXPECT_EQ(errno_name(last), errno_name(Errno::enospc));
        EXPECT_LE(total, 64u * 1024);
        EXPECT_GE(total, 60u * 1024);
        EXPECT_EQ(CHECK_OK(k.fstat(p.pid(), fd)).size, total);
        // Other filesystems are unaffected, and freeing space makes room again.
        CHECK_OK(write_whole(p, "/tmp/elsewhere", chunk));
        CHECK_OK(k.close(p.pid(), fd));
        CHECK_OK(k.unlink(p.pid(), "/mnt/small/fill"));
        CHECK_OK(write_whole(p, "/mnt/small/again", chunk));
    });
}

TEST_F(VfsMounts, HostMountRespectsThePolicy) {
    options().permissions.fs = [](const FsRequest& request) { return !request.path.starts_with("/mnt/host/sub"); };
    mount_host(MountMode::read_write);
    EXPECT_EQ(CHECK_OK(kernel().read_file("/mnt/host/hello.txt")), "host data");
    EXPECT_ERRNO(kernel().read_file("/mnt/host/sub/deep.txt"), Errno::eacces);
    EXPECT_ERRNO(kernel().write_file("/mnt/host/sub/new.txt", "x"), Errno::eacces);
    EXPECT_FALSE(host_exists(m_host + "/sub/new.txt"));
    // A host link in the allowed part that leads into the denied part is refused.
    std::filesystem::create_symlink("sub/deep.txt", m_host + "/to_deep");
    EXPECT_ERRNO(kernel().read_file("/mnt/host/to_deep"), Errno::eacces);
}

}  // namespace
}  // namespace secure_exec::testing
