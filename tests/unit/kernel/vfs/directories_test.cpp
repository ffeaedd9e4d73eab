// Directories: mkdir/rmdir/unlink errnos, listings (types, inode numbers, "." and ".."), link
// counts, and the working directory.
#include "vfs_test_support.h"

namespace secure_exec::testing {
namespace {

using VfsDirectories = VfsTest;

TEST_F(VfsDirectories, MkdirThenRmdir) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d", 0755));
        auto status = CHECK_OK(k.stat(p.pid(), "/tmp/d"));
        EXPECT_TRUE(status.is_directory());
        EXPECT_EQ(status.permissions, 0755u);
        EXPECT_EQ(status.uid, 1000u);
        CHECK_OK(k.rmdir(p.pid(), "/tmp/d"));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/d"), Errno::enoent);
        EXPECT_ERRNO(k.rmdir(p.pid(), "/tmp/d"), Errno::enoent);
    });
}

TEST_F(VfsDirectories, MkdirKeepsTheStickyBitAndAppliesTheUmask) {
    in_process([](ProcessContext& p) {
        CHECK_OK(p.kernel().mkdir(p.pid(), "/tmp/shared", 01777));
        EXPECT_EQ(CHECK_OK(p.kernel().stat(p.pid(), "/tmp/shared")).permissions, 01755u);
    });
}

TEST_F(VfsDirectories, MkdirWithTrailingSlashWorks) {
    in_process([](ProcessContext& p) {
        CHECK_OK(p.kernel().mkdir(p.pid(), "/tmp/slashed/"));
        EXPECT_TRUE(CHECK_OK(p.kernel().stat(p.pid(), "/tmp/slashed")).is_directory());
        CHECK_OK(p.kernel().rmdir(p.pid(), "/tmp/slashed/"));
        EXPECT_ERRNO(p.kernel().stat(p.pid(), "/tmp/slashed"), Errno::enoent);
    });
}

TEST_F(VfsDirectories, MkdirOfAnExistingNameIsEexist) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        EXPECT_ERRNO(k.mkdir(p.pid(), "/tmp/d"), Errno::eexist);
        CHECK_OK(write_whole(p, "/tmp/f", ""));
        EXPECT_ERRNO(k.mkdir(p.pid(), "/tmp/f"), Errno::eexist);
        // A symlink, even a dangling one, is an existing name: mkdir does not follow it.
        CHECK_OK(k.symlink(p.pid(), "/tmp/nowhere", "/tmp/dangling"));
        EXPECT_ERRNO(k.mkdir(p.pid(), "/tmp/dangling"), Errno::eexist);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/nowhere"), Errno::enoent);
        EXPECT_ERRNO(k.mkdir(p.pid(), "/"), Errno::eexist);
    });
}

TEST_F(VfsDirectories, MkdirUnderAMissingParentIsEnoent) {
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().mkdir(p.pid(), "/tmp/a/b"), Errno::enoent);
    });
}

TEST_F(VfsDirectories, RmdirOfANonEmptyDirectoryIsEnotempty) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(write_whole(p, "/tmp/d/f", "x"));
        EXPECT_ERRNO(k.rmdir(p.pid(), "/tmp/d"), Errno::enotempty);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/d/f")), "x");
        CHECK_OK(k.unlink(p.pid(), "/tmp/d/f"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d/sub"));
        EXPECT_ERRNO(k.rmdir(p.pid(), "/tmp/d"), Errno::enotempty);
        CHECK_OK(k.rmdir(p.pid(), "/tmp/d/sub"));
        CHECK_OK(k.rmdir(p.pid(), "/tmp/d"));
    });
}

TEST_F(VfsDirectories, RmdirOfAFileIsEnotdir) {
    in_process([](ProcessContext& p) {
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        EXPECT_ERRNO(p.kernel().rmdir(p.pid(), "/tmp/f"), Errno::enotdir);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), "x");
    });
}

TEST_F(VfsDirectories, RmdirOfASymlinkToADirectoryIsEnotdir) {
    // rmdir does not follow the final symlink.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/d", "/tmp/link"));
        EXPECT_ERRNO(k.rmdir(p.pid(), "/tmp/link"), Errno::enotdir);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d")).is_directory());
    });
}

TEST_F(VfsDirectories, UnlinkOfADirectoryIsEisdir) {
    in_process([](ProcessContext& p) {
        CHECK_OK(p.kernel().mkdir(p.pid(), "/tmp/d"));
        EXPECT_ERRNO(p.kernel().unlink(p.pid(), "/tmp/d"), Errno::eisdir);
        EXPECT_TRUE(CHECK_OK(p.kernel().stat(p.pid(), "/tmp/d")).is_directory());
    });
}

TEST_F(VfsDirectories, UnlinkOfASymlinkRemovesTheLinkNotTheTarget) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/d", "/tmp/dlink"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/f", "/tmp/flink"));
        CHECK_OK(k.unlink(p.pid(), "/tmp/dlink"));
        CHECK_OK(k.unlink(p.pid(), "/tmp/flink"));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/dlink", false), Errno::enoent);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/flink", false), Errno::enoent);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d")).is_directory());
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), "x");
    });
}

TEST_F(VfsDirectories, RmdirOfRootIsEbusy) {
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().rmdir(p.pid(), "/"), Errno::ebusy);
        EXPECT_TRUE(CHECK_OK(p.kernel().stat(p.pid(), "/")).is_directory());
    });
}

TEST_F(VfsDirectories, RmdirOfDotIsEinvalAndDotDotIsEnotempty) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        EXPECT_ERRNO(k.rmdir(p.pid(), "/tmp/d/."), Errno::einval);
        EXPECT_ERRNO(k.rmdir(p.pid(), "/tmp/d/.."), Errno::enotempty);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d")).is_directory());
    });
}

TEST_F(VfsDirectories, RmdirOfAMountPointIsEbusy) {
    CHECK_OK(mount_memory(kernel(), "/mnt/second"));
    CHECK_OK(kernel().mkdir("/mnt/second/inside"));
    EXPECT_ERRNO(kernel().remove("/mnt/second"), Errno::ebusy);
    EXPECT_TRUE(kernel().exists("/mnt/second/inside"));
}

TEST_F(VfsDirectories, ListingHasDotEntriesFirstAndCorrectTypes) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(write_whole(p, "/tmp/d/file", "x"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d/sub"));
        CHECK_OK(k.symlink(p.pid(), "file", "/tmp/d/link"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/d", flags::o_rdonly | flags::o_directory));
        auto entries = CHECK_OK(k.read_directory(p.pid(), fd));
        ASSERT_EQ(entries.size(), 5u);
        EXPECT_EQ(entries[0].name, ".");
        EXPECT_EQ(entries[1].name, "..");
        EXPECT_EQ(entries[0].type, FileType::directory);
        EXPECT_EQ(entries[1].type, FileType::directory);
        auto names = names_of(entries);
        std::vector<std::string> rest(names.begin() + 2, names.end());
        std::sort(rest.begin(), rest.end());
        EXPECT_EQ(rest, (std::vector<std::string>{"file", "link", "sub"}));
        EXPECT_EQ(find_entry(entries, "file")->type, FileType::regular);
        EXPECT_EQ(find_entry(entries, "sub")->type, FileType::directory);
        EXPECT_EQ(find_entry(entries, "link")->type, FileType::symlink);
    });
}

TEST_F(VfsDirectories, ListingInodeNumbersMatchStat) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(write_whole(p, "/tmp/d/file", "x"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d/sub"));
        CHECK_OK(k.symlink(p.pid(), "file", "/tmp/d/link"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/d", flags::o_rdonly | flags::o_directory));
        auto entries = CHECK_OK(k.read_directory(p.pid(), fd));
        EXPECT_EQ(find_entry(entries, ".")->inode, CHECK_OK(k.stat(p.pid(), "/tmp/d")).inode);
        EXPECT_EQ(find_entry(entries, "file")->inode, CHECK_OK(k.stat(p.pid(), "/tmp/d/file")).inode);
        EXPECT_EQ(find_entry(entries, "sub")->inode, CHECK_OK(k.stat(p.pid(), "/tmp/d/sub")).inode);
        EXPECT_EQ(find_entry(entries, "link")->inode, CHECK_OK(k.stat(p.pid(), "/tmp/d/link", false)).inode);
    });
}

TEST_F(VfsDirectories, ListingDotDotInodeIsTheParents) {
    // Linux getdents reports the parent directory's inode number for "..".
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/d", flags::o_rdonly | flags::o_directory));
        auto entries = CHECK_OK(k.read_directory(p.pid(), fd));
        ASSERT_NE(find_entry(entries, ".."), nullptr);
        EXPECT_EQ(find_entry(entries, "..")->inode, CHECK_OK(k.stat(p.pid(), "/tmp")).inode);
    });
}

TEST_F(VfsDirectories, ListingOfAnEmptyDirectoryHasOnlyDotEntries) {
    in_process([](ProcessContext& p) {
        CHECK_OK(p.kernel().mkdir(p.pid(), "/tmp/empty"));
        int fd = CHECK_OK(p.kernel().open(p.pid(), "/tmp/empty", flags::o_rdonly | flags::o_directory));
        EXPECT_EQ(names_of(CHECK_OK(p.kernel().read_directory(p.pid(), fd))),
                  (std::vector<std::string>{".", ".."}));
    });
}

TEST_F(VfsDirectories, ReadDirectoryOnAFileIsEnotdir) {
    in_process([](ProcessContext& p) {
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        int fd = CHECK_OK(p.kernel().open(p.pid(), "/tmp/f", flags::o_rdonly));
        EXPECT_ERRNO(p.kernel().read_directory(p.pid(), fd), Errno::enotdir);
    });
}

TEST_F(VfsDirectories, HostReadDirectoryListsEntries) {
    CHECK_OK(kernel().mkdir("/tmp/hd"));
    CHECK_OK(kernel().write_file("/tmp/hd/a", "1"));
    CHECK_OK(kernel().mkdir("/tmp/hd/b"));
    auto entries = CHECK_OK(kernel().read_directory("/tmp/hd"));
    auto* a = find_entry(entries, "a");
    auto* b = find_entry(entries, "b");
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(a->type, FileType::regular);
    EXPECT_EQ(b->type, FileType::directory);
    EXPECT_EQ(a->inode, CHECK_OK(kernel().stat("/tmp/hd/a")).inode);
}

TEST_F(VfsDirectories, HostMkdirRecursiveCreatesEveryLevel) {
    CHECK_OK(kernel().mkdir("/tmp/one/two/three", true, 0750));
    EXPECT_TRUE(CHECK_OK(kernel().stat("/tmp/one")).is_directory());
    EXPECT_TRUE(CHECK_OK(kernel().stat("/tmp/one/two")).is_directory());
    auto leaf = CHECK_OK(kernel().stat("/tmp/one/two/three"));
    EXPECT_TRUE(leaf.is_directory());
    EXPECT_EQ(leaf.permissions, 0750u);
    // Existing levels are fine; a file in the way is not.
    CHECK_OK(kernel().mkdir("/tmp/one/two/three", true));
    CHECK_OK(kernel().write_file("/tmp/one/file", "x"));
    auto blocked = kernel().mkdir("/tmp/one/file/sub", true);
    EXPECT_TRUE(blocked.is_error());
}

TEST_F(VfsDirectories, HostMkdirNonRecursive) {
    CHECK_OK(kernel().mkdir("/tmp/single"));
    EXPECT_EQ(CHECK_OK(kernel().stat("/tmp/single")).permissions, 0755u);
    EXPECT_ERRNO(kernel().mkdir("/tmp/single"), Errno::eexist);
    EXPECT_ERRNO(kernel().mkdir("/tmp/no/parent"), Errno::enoent);
}

TEST_F(VfsDirectories, DirectoryLinkCountIsTwoPlusSubdirectories) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/d")).link_count, 2u);
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d/a"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d/b"));
        CHECK_OK(write_whole(p, "/tmp/d/file", ""));
        CHECK_OK(k.symlink(p.pid(), "a", "/tmp/d/link"));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/d")).link_count, 4u);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/d/a")).link_count, 2u);
        CHECK_OK(k.rmdir(p.pid(), "/tmp/d/a"));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/d")).link_count, 3u);
        // Moving a subdirectory to another parent moves its ".." link too.
        CHECK_OK(k.mkdir(p.pid(), "/tmp/e"));
        CHECK_OK(k.rename(p.pid(), "/tmp/d/b", "/tmp/e/b"));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/d")).link_count, 2u);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/e")).link_count, 3u);
    });
}

TEST_F(VfsDirectories, RootDirectoryDotDotIsItself) {
    in_process([](ProcessContext& p) {
        auto root = CHECK_OK(p.kernel().stat(p.pid(), "/"));
        EXPECT_EQ(CHECK_OK(p.kernel().stat(p.pid(), "/..")).inode, root.inode);
        EXPECT_EQ(CHECK_OK(p.kernel().stat(p.pid(), "/.")).inode, root.inode);
    });
}

TEST_F(VfsDirectories, SkeletonDirectoriesExistWithUsualModes) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        auto tmp = CHECK_OK(k.stat(p.pid(), "/tmp"));
        EXPECT_EQ(tmp.permissions, 01777u);
        EXPECT_EQ(tmp.uid, 0u);
        auto home = CHECK_OK(k.stat(p.pid(), "/home/user"));
        EXPECT_EQ(home.uid, 1000u);
        EXPECT_TRUE(home.is_directory());
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/etc")).permissions, 0755u);
    });
}

TEST_F(VfsDirectories, ChdirAndGetcwd) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.chdir(p.pid(), "/tmp/d"));
        EXPECT_EQ(CHECK_OK(k.getcwd(p.pid())), "/tmp/d");
        CHECK_OK(k.chdir(p.pid(), ".."));
        EXPECT_EQ(CHECK_OK(k.getcwd(p.pid())), "/tmp");
        CHECK_OK(write_whole(p, "/tmp/f", ""));
        EXPECT_ERRNO(k.chdir(p.pid(), "/tmp/f"), Errno::enotdir);
        EXPECT_ERRNO(k.chdir(p.pid(), "/tmp/missing"), Errno::enoent);
        EXPECT_EQ(CHECK_OK(k.getcwd(p.pid())), "/tmp");
    });
}

TEST_F(VfsDirectories, RemovedCwdRefusesNewEntriesAndGetcwdIsEnoent) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/gone"));
        CHECK_OK(k.chdir(p.pid(), "/tmp/gone"));
        CHECK_OK(k.rmdir(p.pid(), "/tmp/gone"));
        EXPECT_ERRNO(k.getcwd(p.pid()), Errno::enoent);
        EXPECT_ERRNO(k.open(p.pid(), "new", flags::o_wronly | flags::o_creat, 0644), Errno::enoent);
        EXPECT_ERRNO(k.mkdir(p.pid(), "newdir"), Errno::enoent);
    });
}

TEST_F(VfsDirectories, DotDotFromCwdAfterItsParentWasRenamed) {
    // Linux: ".." is the cwd's current physical parent, and getcwd reports the new path.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/a"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/a/d"));
        CHECK_OK(k.chdir(p.pid(), "/tmp/a/d"));
        CHECK_OK(k.rename(p.pid(), "/tmp/a", "/tmp/z"));
        CHECK_OK(write_whole(p, "/tmp/z/marker", "here"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "../marker")), "here");
        EXPECT_EQ(CHECK_OK(k.getcwd(p.pid())), "/tmp/z/d");
    });
}

TEST_F(VfsDirectories, MkdirAndRmdirRelativeToADirectoryDescriptor) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/base"));
        int dirfd = CHECK_OK(k.open(p.pid(), "/tmp/base", flags::o_rdonly | flags::o_directory));
        CHECK_OK(k.mkdir(p.pid(), "child", 0700, dirfd));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/base/child")).permissions, 0700u);
        CHECK_OK(k.rmdir(p.pid(), "child", dirfd));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/base/child"), Errno::enoent);
    });
}

}  // namespace
}  // namespace secure_exec::testing
