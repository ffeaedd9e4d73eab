// Metadata calls: chmod/fchmod, chown, utimes, truncate/ftruncate, realpath, statfs and the
// stat fields they change.
#include "vfs_test_support.h"

namespace secure_exec::testing {
namespace {

// A root filesystem prepared before the kernel exists, holding files that belong to other users
// (the kernel's helpers always create files owned by the kernel's user).
class VfsMetadata : public VfsTest {
protected:
    void SetUp() override {
        VfsTest::SetUp();
        auto filesystem = make_memory_filesystem();
        auto root = filesystem->root();
        auto srv = CHECK_OK(root->create("srv", {.type = FileType::directory, .permissions = 0777, .uid = 0, .gid = 0}));
        auto root_file =
            CHECK_OK(srv->create("root_file", {.type = FileType::regular, .permissions = 0644, .uid = 0, .gid = 0}));
        CHECK_OK(root_file->write_at(0, as_bytes("root"), false));
        CHECK_OK(srv->create("shared_file", {.type = FileType::regular, .permissions = 0666, .uid = 2000, .gid = 2000}));
        options().root_filesystem = filesystem;
    }
};

TEST_F(VfsMetadata, ChmodChangesPermissionBitsOnly) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        CHECK_OK(k.chmod(p.pid(), "/tmp/f", 0600));
        auto status = CHECK_OK(k.stat(p.pid(), "/tmp/f"));
        EXPECT_EQ(status.permissions, 0600u);
        EXPECT_TRUE(status.is_regular());
        EXPECT_EQ(status.mode(), 0100600u);
        CHECK_OK(k.chmod(p.pid(), "/tmp/f", 0170755));  // type bits in the argument are ignored
        status = CHECK_OK(k.stat(p.pid(), "/tmp/f"));
        EXPECT_EQ(status.permissions, 0755u);
        EXPECT_TRUE(status.is_regular());
    });
}

TEST_F(VfsMetadata, ChmodFollowsSymlinks) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/f", "/tmp/l"));
        CHECK_OK(k.chmod(p.pid(), "/tmp/l", 0400));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/f")).permissions, 0400u);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/l", false)).permissions, 0777u);
    });
}

TEST_F(VfsMetadata, FchmodChangesTheOpenFile) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_wronly | flags::o_creat, 0644));
        CHECK_OK(k.fchmod(p.pid(), fd, 0604));
        EXPECT_EQ(CHECK_OK(k.fstat(p.pid(), fd)).permissions, 0604u);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/f")).permissions, 0604u);
        EXPECT_ERRNO(k.fchmod(p.pid(), 999, 0600), Errno::ebadf);
    });
}

TEST_F(VfsMetadata, ChmodOfSomeoneElsesFileIsEperm) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_ERRNO(k.chmod(p.pid(), "/srv/root_file", 0777), Errno::eperm);
        int fd = CHECK_OK(k.open(p.pid(), "/srv/shared_file", flags::o_rdwr));
        EXPECT_ERRNO(k.fchmod(p.pid(), fd, 0777), Errno::eperm);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/srv/root_file")).permissions, 0644u);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/srv/shared_file")).permissions, 0666u);
    });
}

TEST_F(VfsMetadata, ChmodChangesCtime) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        CHECK_OK(k.utimes(p.pid(), "/tmp/f", Timespec{1, 0}, Timespec{1, 0}));
        auto before = CHECK_OK(k.stat(p.pid(), "/tmp/f"));
        CHECK_OK(k.chmod(p.pid(), "/tmp/f", 0600));
        auto after = CHECK_OK(k.stat(p.pid(), "/tmp/f"));
        EXPECT_EQ(after.modify_time, (Timespec{1, 0}));
        EXPECT_GT(after.change_time.seconds, 1000000000);
        EXPECT_GE(after.change_time.seconds, before.change_time.seconds);
    });
}

TEST_F(VfsMetadata, ChownAwayFromSelfIsEperm) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/mine", "x"));
        EXPECT_ERRNO(k.chown(p.pid(), "/tmp/mine", 0u, std::nullopt), Errno::eperm);
        EXPECT_ERRNO(k.chown(p.pid(), "/tmp/mine", 2000u, 2000u), Errno::eperm);
        // To a group the caller is not in.
        EXPECT_ERRNO(k.chown(p.pid(), "/tmp/mine", std::nullopt, 5u), Errno::eperm);
        auto status = CHECK_OK(k.stat(p.pid(), "/tmp/mine"));
        EXPECT_EQ(status.uid, 1000u);
        EXPECT_EQ(status.gid, 1000u);
    });
}

TEST_F(VfsMetadata, ChownToOwnIdsIsAllowed) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/mine", "x"));
        CHECK_OK(k.chown(p.pid(), "/tmp/mine", 1000u, 1000u));
        CHECK_OK(k.chown(p.pid(), "/tmp/mine", std::nullopt, std::nullopt));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/mine")).uid, 1000u);
    });
}

TEST_F(VfsMetadata, ChownOfSomeoneElsesFileIsEperm) {
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().chown(p.pid(), "/srv/root_file", 1000u, 1000u), Errno::eperm);
        EXPECT_EQ(CHECK_OK(p.kernel().stat(p.pid(), "/srv/root_file")).uid, 0u);
    });
}

TEST_F(VfsMetadata, UtimesSetsAccessAndModifyTimes) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        CHECK_OK(k.utimes(p.pid(), "/tmp/f", Timespec{1000000000, 123}, Timespec{1200000000, 456789}));
        auto status = CHECK_OK(k.stat(p.pid(), "/tmp/f"));
        EXPECT_EQ(status.access_time, (Timespec{1000000000, 123}));
        EXPECT_EQ(status.modify_time, (Timespec{1200000000, 456789}));
        // nullopt leaves a time alone (UTIME_OMIT).
        CHECK_OK(k.utimes(p.pid(), "/tmp/f", std::nullopt, Timespec{5, 0}));
        status = CHECK_OK(k.stat(p.pid(), "/tmp/f"));
        EXPECT_EQ(status.access_time, (Timespec{1000000000, 123}));
        EXPECT_EQ(status.modify_time, (Timespec{5, 0}));
        EXPECT_ERRNO(k.utimes(p.pid(), "/tmp/missing", Timespec{1, 0}, Timespec{1, 0}), Errno::enoent);
    });
}

TEST_F(VfsMetadata, UtimesOnASymlinkWithoutFollowing) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/f", "/tmp/l"));
        CHECK_OK(k.utimes(p.pid(), "/tmp/l", Timespec{77, 0}, Timespec{88, 0}, false));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/l", false)).modify_time, (Timespec{88, 0}));
        EXPECT_NE(CHECK_OK(k.stat(p.pid(), "/tmp/f")).modify_time, (Timespec{88, 0}));
        CHECK_OK(k.utimes(p.pid(), "/tmp/l", Timespec{77, 0}, Timespec{99, 0}, true));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/f")).modify_time, (Timespec{99, 0}));
    });
}

TEST_F(VfsMetadata, UtimesOfSomeoneElsesReadOnlyFileIsDenied) {
    // Linux: EPERM for explicit times on a file one does not own (EACCES would be for "now"
    // without write access); the file is unchanged either way.
    in_process([](ProcessContext& p) {
        auto before = CHECK_OK(p.kernel().stat(p.pid(), "/srv/root_file"));
        auto result = p.kernel().utimes(p.pid(), "/srv/root_file", Timespec{1, 0}, Timespec{1, 0});
        ASSERT_TRUE(result.is_error());
        EXPECT_TRUE(result.error() == Errno::eperm || result.error() == Errno::eacces) << errno_name(result.error());
        EXPECT_EQ(CHECK_OK(p.kernel().stat(p.pid(), "/srv/root_file")).modify_time, before.modify_time);
    });
}

TEST_F(VfsMetadata, UtimesWithExplicitTimesOnSomeoneElsesWritableFileIsEperm) {
    // Linux utimensat(2): only the owner (or CAP_FOWNER) may set explicit times; write access
    // only allows setting both to the current time.
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().utimes(p.pid(), "/srv/shared_file", Timespec{1, 0}, Timespec{1, 0}), Errno::eperm);
        EXPECT_NE(CHECK_OK(p.kernel().stat(p.pid(), "/srv/shared_file")).modify_time, (Timespec{1, 0}));
    });
}

TEST_F(VfsMetadata, WritingUpdatesModifyTime) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        CHECK_OK(k.utimes(p.pid(), "/tmp/f", Timespec{100, 0}, Timespec{100, 0}));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_wronly | flags::o_append));
        CHECK_OK(p.write_text(fd, "more"));
        auto status = CHECK_OK(k.fstat(p.pid(), fd));
        EXPECT_GT(status.modify_time.seconds, 1000000000);
        EXPECT_GT(status.change_time.seconds, 1000000000);
    });
}

TEST_F(VfsMetadata, CreatingAnEntryUpdatesTheDirectorysModifyTime) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.utimes(p.pid(), "/tmp/d", Timespec{100, 0}, Timespec{100, 0}));
        CHECK_OK(write_whole(p, "/tmp/d/f", ""));
        EXPECT_GT(CHECK_OK(k.stat(p.pid(), "/tmp/d")).modify_time.seconds, 1000000000);
        CHECK_OK(k.utimes(p.pid(), "/tmp/d", Timespec{100, 0}, Timespec{100, 0}));
        CHECK_OK(k.unlink(p.pid(), "/tmp/d/f"));
        EXPECT_GT(CHECK_OK(k.stat(p.pid(), "/tmp/d")).modify_time.seconds, 1000000000);
    });
}

TEST_F(VfsMetadata, TruncateGrowsWithZerosAndShrinks) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "hello"));
        CHECK_OK(k.truncate(p.pid(), "/tmp/f", 10));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/f")).size, 10u);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), std::string("hello") + std::string(5, '\0'));
        CHECK_OK(k.truncate(p.pid(), "/tmp/f", 2));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), "he");
        // Growing again does not resurrect the old bytes.
        CHECK_OK(k.truncate(p.pid(), "/tmp/f", 4));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), std::string("he") + std::string(2, '\0'));
        CHECK_OK(k.truncate(p.pid(), "/tmp/f", 0));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/f")).size, 0u);
    });
}

TEST_F(VfsMetadata, FtruncateThroughAWritableDescriptor) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_rdwr | flags::o_creat, 0644));
        CHECK_OK(p.write_text(fd, "abcdef"));
        CHECK_OK(k.ftruncate(p.pid(), fd, 3));
        EXPECT_EQ(CHECK_OK(k.fstat(p.pid(), fd)).size, 3u);
        // The offset is not moved: the next write leaves a zero-filled gap.
        CHECK_OK(p.write_text(fd, "Z"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), std::string("abc") + std::string(3, '\0') + "Z");
    });
}

TEST_F(VfsMetadata, FtruncateOnAReadOnlyDescriptorIsEinval) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "abcdef"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_rdonly));
        EXPECT_ERRNO(k.ftruncate(p.pid(), fd, 0), Errno::einval);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/f")).size, 6u);
    });
}

TEST_F(VfsMetadata, NegativeTruncateIsEinval) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "abcdef"));
        EXPECT_ERRNO(k.truncate(p.pid(), "/tmp/f", -1), Errno::einval);
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_rdwr));
        EXPECT_ERRNO(k.ftruncate(p.pid(), fd, -1), Errno::einval);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/f")).size, 6u);
    });
}

TEST_F(VfsMetadata, TruncateOfADirectoryIsEisdirAndOfAMissingFileEnoent) {
    in_process([](ProcessContext& p) {
        CHECK_OK(p.kernel().mkdir(p.pid(), "/tmp/d"));
        EXPECT_ERRNO(p.kernel().truncate(p.pid(), "/tmp/d", 0), Errno::eisdir);
        EXPECT_ERRNO(p.kernel().truncate(p.pid(), "/tmp/missing", 0), Errno::enoent);
    });
}

TEST_F(VfsMetadata, TruncateWithoutWritePermissionIsEacces) {
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().truncate(p.pid(), "/srv/root_file", 0), Errno::eacces);
        EXPECT_EQ(CHECK_OK(p.kernel().stat(p.pid(), "/srv/root_file")).size, 4u);
    });
}

TEST_F(VfsMetadata, RealpathResolvesSymlinksAndDots) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d/sub"));
        CHECK_OK(k.symlink(p.pid(), "d/sub", "/tmp/l"));
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/tmp/l")), "/tmp/d/sub");
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/tmp/l/../sub/./")), "/tmp/d/sub");
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/tmp/./d//sub/..")), "/tmp/d");
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), ".")), "/home/user");
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "../..")), "/");
        EXPECT_ERRNO(k.realpath(p.pid(), "/tmp/missing"), Errno::enoent);
        CHECK_OK(k.symlink(p.pid(), "/nowhere", "/tmp/dangling"));
        EXPECT_ERRNO(k.realpath(p.pid(), "/tmp/dangling"), Errno::enoent);
    });
}

TEST_F(VfsMetadata, StatfsReportsTmpfsForTheMemoryFilesystem) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        auto tmp = CHECK_OK(k.statfs(p.pid(), "/tmp"));
        EXPECT_EQ(tmp.type, 0x01021994u);
        EXPECT_GT(tmp.blocks, 0u);
        EXPECT_LE(tmp.blocks_free, tmp.blocks);
        EXPECT_GT(tmp.block_size, 0u);
        EXPECT_EQ(tmp.name_max, 255u);
        EXPECT_EQ(tmp.flags & 1, 0u);
        EXPECT_GT(tmp.files_free, 0u);
        EXPECT_EQ(CHECK_OK(k.statfs(p.pid(), "/proc")).type, 0x9fa0u);
        EXPECT_ERRNO(k.statfs(p.pid(), "/tmp/missing"), Errno::enoent);
    });
}

TEST_F(VfsMetadata, StatfsSeesSpaceUsed) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        auto before = CHECK_OK(k.statfs(p.pid(), "/tmp"));
        CHECK_OK(write_whole(p, "/tmp/big", std::string(1 << 20, 'x')));
        auto after = CHECK_OK(k.statfs(p.pid(), "/tmp"));
        EXPECT_EQ(before.blocks_free - after.blocks_free, (1u << 20) / 4096);
        EXPECT_LT(after.files_free, before.files_free);
    });
}

TEST_F(VfsMetadata, StatReportsSizeBlocksAndDeviceIds) {
    CHECK_OK(mount_memory(kernel(), "/mnt/other"));
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", std::string(1000, 'x')));
        auto status = CHECK_OK(k.stat(p.pid(), "/tmp/f"));
        EXPECT_EQ(status.size, 1000u);
        EXPECT_EQ(status.blocks, 2u);  // 512-byte units
        auto other = CHECK_OK(k.stat(p.pid(), "/mnt/other"));
        EXPECT_NE(other.device, status.device);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp")).device, status.device);
        // Two files on one filesystem have distinct inode numbers.
        CHECK_OK(write_whole(p, "/tmp/g", ""));
        EXPECT_NE(CHECK_OK(k.stat(p.pid(), "/tmp/g")).inode, status.inode);
    });
}

TEST_F(VfsMetadata, FstatMatchesStat) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "abc"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_rdonly));
        auto by_fd = CHECK_OK(k.fstat(p.pid(), fd));
        auto by_path = CHECK_OK(k.stat(p.pid(), "/tmp/f"));
        EXPECT_EQ(by_fd.inode, by_path.inode);
        EXPECT_EQ(by_fd.device, by_path.device);
        EXPECT_EQ(by_fd.size, 3u);
        EXPECT_EQ(by_fd.permissions, by_path.permissions);
    });
}

}  // namespace
}  // namespace secure_exec::testing
