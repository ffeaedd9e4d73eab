// Hard links, rename(2)/renameat2(RENAME_NOREPLACE), and unlinking a file that is still open.
#include <atomic>
#include <thread>

#include "vfs_test_support.h"

namespace secure_exec::testing {
namespace {

using VfsLinks = VfsTest;
using VfsRename = VfsTest;

// ^Hard links

TEST_F(VfsLinks, LinkIncrementsTheLinkCountAndSharesTheInode) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/a", "shared"));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/a")).link_count, 1u);
        CHECK_OK(k.link(p.pid(), "/tmp/a", "/tmp/b"));
        auto a = CHECK_OK(k.stat(p.pid(), "/tmp/a"));
        auto b = CHECK_OK(k.stat(p.pid(), "/tmp/b"));
        EXPECT_EQ(a.link_count, 2u);
        EXPECT_EQ(b.link_count, 2u);
        EXPECT_EQ(a.inode, b.inode);
        EXPECT_EQ(a.device, b.device);
        CHECK_OK(k.link(p.pid(), "/tmp/b", "/home/user/c"));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/a")).link_count, 3u);
    });
}

TEST_F(VfsLinks, DataWrittenThroughOneNameIsSeenThroughTheOther) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/a", "first"));
        CHECK_OK(k.link(p.pid(), "/tmp/a", "/tmp/b"));
        CHECK_OK(write_whole(p, "/tmp/b", "second"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/a")), "second");
        CHECK_OK(k.chmod(p.pid(), "/tmp/a", 0600));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/b")).permissions, 0600u);
    });
}

TEST_F(VfsLinks, UnlinkingOneNameKeepsTheData) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/a", "survives"));
        CHECK_OK(k.link(p.pid(), "/tmp/a", "/tmp/b"));
        CHECK_OK(k.unlink(p.pid(), "/tmp/a"));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/a"), Errno::enoent);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/b")), "survives");
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/b")).link_count, 1u);
    });
}

TEST_F(VfsLinks, LinkToADirectoryIsEperm) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        EXPECT_ERRNO(k.link(p.pid(), "/tmp/d", "/tmp/d2"), Errno::eperm);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/d2"), Errno::enoent);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/d")).link_count, 2u);
    });
}

TEST_F(VfsLinks, LinkOverAnExistingNameIsEexist) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/a", "a"));
        CHECK_OK(write_whole(p, "/tmp/b", "b"));
        EXPECT_ERRNO(k.link(p.pid(), "/tmp/a", "/tmp/b"), Errno::eexist);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/b")), "b");
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/a")).link_count, 1u);
    });
}

TEST_F(VfsLinks, LinkOfAMissingFileIsEnoent) {
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().link(p.pid(), "/tmp/missing", "/tmp/b"), Errno::enoent);
        EXPECT_ERRNO(p.kernel().stat(p.pid(), "/tmp/b"), Errno::enoent);
    });
}

TEST_F(VfsLinks, LinkOfASymlinkLinksTheSymlinkItself) {
    // Linux link(2) does not follow a final symlink in oldpath.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/f", "/tmp/sl"));
        CHECK_OK(k.link(p.pid(), "/tmp/sl", "/tmp/sl2"));
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/sl2", false)).is_symlink());
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/f")).link_count, 1u);
    });
}

TEST_F(VfsLinks, LinkAcrossFilesystemsIsExdev) {
    CHECK_OK(mount_memory(kernel(), "/mnt/other"));
    CHECK_OK(kernel().write_file("/tmp/a", "x"));
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().link(p.pid(), "/tmp/a", "/mnt/other/a"), Errno::exdev);
        EXPECT_ERRNO(p.kernel().stat(p.pid(), "/mnt/other/a"), Errno::enoent);
    });
}

TEST_F(VfsLinks, LinkToANameWithATrailingSlashIsEnoent) {
    in_process([](ProcessContext& p) {
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        EXPECT_ERRNO(p.kernel().link(p.pid(), "/tmp/f", "/tmp/newh/"), Errno::enoent);
        EXPECT_ERRNO(p.kernel().stat(p.pid(), "/tmp/newh", false), Errno::enoent);
        EXPECT_EQ(CHECK_OK(p.kernel().stat(p.pid(), "/tmp/f")).link_count, 1u);
    });
}

// ^Unlink while open

TEST_F(VfsLinks, UnlinkedOpenFileStaysReadableUntilClose) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/doomed", "still here"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/doomed", flags::o_rdwr));
        CHECK_OK(k.unlink(p.pid(), "/tmp/doomed"));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/doomed"), Errno::enoent);
        auto status = CHECK_OK(k.fstat(p.pid(), fd));
        EXPECT_EQ(status.link_count, 0u);
        EXPECT_EQ(status.size, 10u);
        EXPECT_EQ(CHECK_OK(p.read_all(fd)), "still here");
        // Still writable, too.
        EXPECT_EQ(CHECK_OK(k.pwrite(p.pid(), fd, as_bytes("STILL"), 0)), 5u);
        std::byte buffer[32];
        size_t count = CHECK_OK(k.pread(p.pid(), fd, buffer, 0));
        EXPECT_EQ(text_of(std::span(buffer, count)), "STILL here");
        // A new file under the old name is a different file.
        CHECK_OK(write_whole(p, "/tmp/doomed", "new"));
        EXPECT_NE(CHECK_OK(k.stat(p.pid(), "/tmp/doomed")).inode, status.inode);
        count = CHECK_OK(k.pread(p.pid(), fd, buffer, 0));
        EXPECT_EQ(text_of(std::span(buffer, count)), "STILL here");
        CHECK_OK(k.close(p.pid(), fd));
    });
}

TEST_F(VfsLinks, UnlinkedFileSpaceIsReturnedAfterClose) {
    CHECK_OK(mount_memory(kernel(), "/mnt/small"));
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        auto before = CHECK_OK(k.statfs(p.pid(), "/mnt/small"));
        int fd = CHECK_OK(k.open(p.pid(), "/mnt/small/f", flags::o_rdwr | flags::o_creat, 0644));
        CHECK_OK(p.write_text(fd, std::string(1 << 20, 'x')));
        CHECK_OK(k.unlink(p.pid(), "/mnt/small/f"));
        auto while_open = CHECK_OK(k.statfs(p.pid(), "/mnt/small"));
        EXPECT_LT(while_open.blocks_free, before.blocks_free);
        CHECK_OK(k.close(p.pid(), fd));
        auto after = CHECK_OK(k.statfs(p.pid(), "/mnt/small"));
        EXPECT_EQ(after.blocks_free, before.blocks_free);
    });
}

// ^Rename

TEST_F(VfsRename, RenameMovesAFile) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/old", "moving"));
        auto before = CHECK_OK(k.stat(p.pid(), "/tmp/old"));
        CHECK_OK(k.rename(p.pid(), "/tmp/old", "/home/user/new"));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/old"), Errno::enoent);
        auto after = CHECK_OK(k.stat(p.pid(), "/home/user/new"));
        EXPECT_EQ(after.inode, before.inode);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/home/user/new")), "moving");
    });
}

TEST_F(VfsRename, RenameOverAFileReplacesItAtomically) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/new", "new contents"));
        CHECK_OK(write_whole(p, "/tmp/current", "old contents"));
        auto source = CHECK_OK(k.stat(p.pid(), "/tmp/new"));
        // A reader of the replaced file keeps it.
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/current", flags::o_rdonly));
        CHECK_OK(k.rename(p.pid(), "/tmp/new", "/tmp/current"));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/new"), Errno::enoent);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/current")).inode, source.inode);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/current")), "new contents");
        EXPECT_EQ(CHECK_OK(p.read_all(fd)), "old contents");
        EXPECT_EQ(CHECK_OK(k.fstat(p.pid(), fd)).link_count, 0u);
    });
}

TEST_F(VfsRename, RenameADirectoryOverAnEmptyDirectory) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/src"));
        CHECK_OK(write_whole(p, "/tmp/src/f", "inside"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/dst"));
        CHECK_OK(k.rename(p.pid(), "/tmp/src", "/tmp/dst"));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/src"), Errno::enoent);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/dst/f")), "inside");
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/dst")).link_count, 2u);
    });
}

TEST_F(VfsRename, RenameADirectoryOverANonEmptyDirectoryIsEnotempty) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/src"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/dst"));
        CHECK_OK(write_whole(p, "/tmp/dst/keep", "k"));
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/src", "/tmp/dst"), Errno::enotempty);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/src")).is_directory());
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/dst/keep")), "k");
    });
}

TEST_F(VfsRename, RenameADirectoryOverAFileIsEnotdir) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(write_whole(p, "/tmp/f", "file"));
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/d", "/tmp/f"), Errno::enotdir);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d")).is_directory());
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), "file");
    });
}

TEST_F(VfsRename, RenameAFileOverADirectoryIsEisdir) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(write_whole(p, "/tmp/f", "file"));
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/f", "/tmp/d"), Errno::eisdir);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d")).is_directory());
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), "file");
    });
}

TEST_F(VfsRename, RenameADirectoryIntoItsOwnSubdirectoryIsEinval) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d/sub"));
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/d", "/tmp/d/sub/moved"), Errno::einval);
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/d", "/tmp/d/moved"), Errno::einval);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d/sub")).is_directory());
        // A sibling whose name merely starts the same is fine.
        CHECK_OK(k.rename(p.pid(), "/tmp/d", "/tmp/dd"));
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/dd/sub")).is_directory());
    });
}

TEST_F(VfsRename, RenameIntoOwnSubdirectoryThroughASymlinkIsEinval) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d/sub"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/d/sub", "/tmp/alias"));
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/d", "/tmp/alias/moved"), Errno::einval);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d/sub")).is_directory());
    });
}

TEST_F(VfsRename, RenameIntoOwnSubdirectoryFromACwdWhosePathIsStale) {
    // The loop check must not trust a remembered path: after /tmp/a became /tmp/z, moving
    // /tmp/z below the cwd (which is inside it) must still fail, or the tree gets a cycle.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/a"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/a/d"));
        CHECK_OK(k.chdir(p.pid(), "/tmp/a/d"));
        CHECK_OK(k.rename(p.pid(), "/tmp/a", "/tmp/z"));
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/z", "loop"), Errno::einval);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/z/d")).is_directory());
    });
}

TEST_F(VfsRename, RenameToItselfIsANoOp) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "same"));
        CHECK_OK(k.rename(p.pid(), "/tmp/f", "/tmp/f"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), "same");
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.rename(p.pid(), "/tmp/d", "/tmp/d"));
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d")).is_directory());
    });
}

TEST_F(VfsRename, RenameBetweenTwoHardLinksOfOneFileDoesNothing) {
    // rename(2): if oldpath and newpath are links to the same file, nothing happens.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/a", "one file"));
        CHECK_OK(k.link(p.pid(), "/tmp/a", "/tmp/b"));
        CHECK_OK(k.rename(p.pid(), "/tmp/a", "/tmp/b"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/a")), "one file");
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/b")), "one file");
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/a")).link_count, 2u);
    });
}

TEST_F(VfsRename, RenameNoreplaceOnAnExistingNameIsEexist) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/a", "a"));
        CHECK_OK(write_whole(p, "/tmp/b", "b"));
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/a", "/tmp/b", flags::rename_noreplace), Errno::eexist);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/a")), "a");
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/b")), "b");
        CHECK_OK(k.rename(p.pid(), "/tmp/a", "/tmp/c", flags::rename_noreplace));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/c")), "a");
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/c", "/tmp/d", 0x80), Errno::einval);  // unknown flag
    });
}

TEST_F(VfsRename, RenameOfAMissingFileIsEnoent) {
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().rename(p.pid(), "/tmp/missing", "/tmp/x"), Errno::enoent);
        CHECK_OK(write_whole(p, "/tmp/f", ""));
        EXPECT_ERRNO(p.kernel().rename(p.pid(), "/tmp/f", "/tmp/nodir/x"), Errno::enoent);
    });
}

TEST_F(VfsRename, RenameAcrossMountsIsExdev) {
    CHECK_OK(mount_memory(kernel(), "/mnt/other"));
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "stays"));
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/f", "/mnt/other/f"), Errno::exdev);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), "stays");
        EXPECT_ERRNO(k.stat(p.pid(), "/mnt/other/f"), Errno::enoent);
        CHECK_OK(write_whole(p, "/mnt/other/g", "there"));
        EXPECT_ERRNO(k.rename(p.pid(), "/mnt/other/g", "/tmp/g"), Errno::exdev);
        // Within the second filesystem rename works.
        CHECK_OK(k.rename(p.pid(), "/mnt/other/g", "/mnt/other/h"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/mnt/other/h")), "there");
    });
}

TEST_F(VfsRename, RenameOfAMountPointIsEbusy) {
    CHECK_OK(mount_memory(kernel(), "/mnt/other"));
    EXPECT_ERRNO(kernel().rename("/mnt/other", "/mnt/moved"), Errno::ebusy);
    EXPECT_TRUE(kernel().exists("/mnt/other"));
}

TEST_F(VfsRename, RenameOfASymlinkMovesTheLink) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/f", "/tmp/l"));
        CHECK_OK(k.rename(p.pid(), "/tmp/l", "/tmp/l2"));
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/l2", false)).is_symlink());
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/f", false)).is_regular());
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/l", false), Errno::enoent);
    });
}

TEST_F(VfsRename, OpenDescriptorFollowsTheRenamedFile) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "content"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_rdwr));
        CHECK_OK(k.rename(p.pid(), "/tmp/f", "/tmp/g"));
        CHECK_OK(k.pwrite(p.pid(), fd, as_bytes("C"), 0));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/g")), "Content");
    });
}

TEST_F(VfsRename, RenameAFileToANameWithATrailingSlashIsEnotdir) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/f", "/tmp/new/"), Errno::enotdir);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/new", false), Errno::enoent);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), "x");
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/f/", "/tmp/g"), Errno::enotdir);
    });
}

TEST_F(VfsRename, RenameOfASymlinkWithATrailingSlashIsEnotdir) {
    // Linux does not follow the link for rename's source: "link/" is not a directory.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/d", "/tmp/dl"));
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/dl/", "/tmp/moved"), Errno::enotdir);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d", false)).is_directory());
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/dl", false)).is_symlink());
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/moved", false), Errno::enoent);
    });
}

TEST_F(VfsRename, ConcurrentRenameReplacementNeverShowsAMissingFile) {
    // rename(2) over an existing name is atomic: an opener always finds the old or the new file.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/target", "v0"));
        std::atomic<bool> done{false};
        std::atomic<int> missing{0};
        std::atomic<int> wrong{0};
        std::thread reader([&] {
            while (!done.load()) {
                auto fd = k.open(p.pid(), "/tmp/target", flags::o_rdonly);
                if (fd.is_error()) {
                    ++missing;
                    continue;
                }
                std::byte buffer[8];
                auto count = k.read(p.pid(), fd.value(), buffer);
                if (count.is_error() || count.value() != 2 || buffer[0] != std::byte{'v'})
                    ++wrong;
                (void)k.close(p.pid(), fd.value());
            }
        });
        for (int i = 1; i <= 300; ++i) {
            std::string staging = "/tmp/staging" + std::to_string(i % 3);
            if (write_whole(p, staging, "v" + std::to_string(i % 10)).is_error() ||
                k.rename(p.pid(), staging, "/tmp/target").is_error()) {
                ADD_FAILURE() << "iteration " << i;
                break;
            }
        }
        done.store(true);
        reader.join();
        EXPECT_EQ(missing.load(), 0);
        EXPECT_EQ(wrong.load(), 0);
    });
}

TEST_F(VfsRename, HostRenameHelper) {
    CHECK_OK(kernel().write_file("/tmp/a", "x"));
    CHECK_OK(kernel().rename("/tmp/a", "/tmp/b"));
    EXPECT_FALSE(kernel().exists("/tmp/a"));
    EXPECT_EQ(CHECK_OK(kernel().read_file("/tmp/b")), "x");
}

}  // namespace
}  // namespace secure_exec::testing
