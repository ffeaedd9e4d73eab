// Regular files through the syscall interface: open flags, reads, writes, offsets, umask and the
// errno of each failing open, compared with Linux.
#include <atomic>
#include <thread>

#include "vfs_test_support.h"

namespace secure_exec::testing {
namespace {

using VfsFiles = VfsTest;

TEST_F(VfsFiles, CreateWithOCreatMakesAnEmptyRegularFile) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/new"), Errno::enoent);
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/new", flags::o_wronly | flags::o_creat, 0644));
        auto status = CHECK_OK(k.fstat(p.pid(), fd));
        EXPECT_TRUE(status.is_regular());
        EXPECT_EQ(status.size, 0u);
        EXPECT_EQ(status.link_count, 1u);
        EXPECT_EQ(status.uid, 1000u);
        EXPECT_EQ(status.gid, 1000u);
        CHECK_OK(k.close(p.pid(), fd));
        auto by_path = CHECK_OK(k.stat(p.pid(), "/tmp/new"));
        EXPECT_EQ(by_path.inode, status.inode);
    });
}

TEST_F(VfsFiles, OCreatOnExistingFileOpensItWithoutTruncating) {
    in_process([](ProcessContext& p) {
        CHECK_OK(write_whole(p, "/tmp/f", "keep me"));
        int fd = CHECK_OK(p.kernel().open(p.pid(), "/tmp/f", flags::o_rdwr | flags::o_creat, 0600));
        EXPECT_EQ(CHECK_OK(p.read_all(fd)), "keep me");
        // The mode argument only applies to a new file.
        EXPECT_EQ(CHECK_OK(p.kernel().stat(p.pid(), "/tmp/f")).permissions, 0644u);
    });
}

TEST_F(VfsFiles, OExclOnExistingFileIsEexist) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/f", flags::o_wronly | flags::o_creat | flags::o_excl, 0644), Errno::eexist);
        // A directory, too.
        EXPECT_ERRNO(k.open(p.pid(), "/tmp", flags::o_rdonly | flags::o_creat | flags::o_excl, 0644), Errno::eexist);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), "x");
    });
}

TEST_F(VfsFiles, OExclDoesNotFollowADanglingSymlink) {
    // Linux: O_CREAT|O_EXCL fails with EEXIST when the name is a symlink, even a dangling one.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.symlink(p.pid(), "/tmp/target", "/tmp/dangling"));
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/dangling", flags::o_wronly | flags::o_creat | flags::o_excl, 0644),
                     Errno::eexist);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/target"), Errno::enoent);
    });
}

TEST_F(VfsFiles, OExclCreatesANewFile) {
    in_process([](ProcessContext& p) {
        int fd = CHECK_OK(p.kernel().open(p.pid(), "/tmp/excl", flags::o_wronly | flags::o_creat | flags::o_excl, 0600));
        CHECK_OK(p.write_text(fd, "made"));
        CHECK_OK(p.kernel().close(p.pid(), fd));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/excl")), "made");
    });
}

TEST_F(VfsFiles, OTruncTruncatesAnExistingFile) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "a long piece of text"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_wronly | flags::o_trunc));
        EXPECT_EQ(CHECK_OK(k.fstat(p.pid(), fd)).size, 0u);
        CHECK_OK(p.write_text(fd, "short"));
        CHECK_OK(k.close(p.pid(), fd));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), "short");
    });
}

TEST_F(VfsFiles, OAppendWritesAtTheEndEvenAfterSeek) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/log", "one\n"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/log", flags::o_wronly | flags::o_append));
        EXPECT_EQ(CHECK_OK(k.seek(p.pid(), fd, 0, flags::seek_set)), 0u);
        CHECK_OK(p.write_text(fd, "two\n"));
        // The file offset follows the append: it is now at the end.
        EXPECT_EQ(CHECK_OK(k.seek(p.pid(), fd, 0, flags::seek_cur)), 8u);
        CHECK_OK(k.seek(p.pid(), fd, 1, flags::seek_set));
        CHECK_OK(p.write_text(fd, "three\n"));
        CHECK_OK(k.close(p.pid(), fd));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/log")), "one\ntwo\nthree\n");
    });
}

TEST_F(VfsFiles, TwoAppendDescriptorsInterleaveWithoutOverwriting) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        int a = CHECK_OK(k.open(p.pid(), "/tmp/log", flags::o_wronly | flags::o_creat | flags::o_append, 0644));
        int b = CHECK_OK(k.open(p.pid(), "/tmp/log", flags::o_wronly | flags::o_append));
        CHECK_OK(p.write_text(a, "A1"));
        CHECK_OK(p.write_text(b, "B1"));
        CHECK_OK(p.write_text(a, "A2"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/log")), "A1B1A2");
    });
}

TEST_F(VfsFiles, ReadAtAndPastEndOfFileReturnsZero) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "abc"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_rdonly));
        std::byte buffer[16];
        EXPECT_EQ(CHECK_OK(k.read(p.pid(), fd, buffer)), 3u);
        EXPECT_EQ(CHECK_OK(k.read(p.pid(), fd, buffer)), 0u);
        CHECK_OK(k.seek(p.pid(), fd, 100, flags::seek_set));
        EXPECT_EQ(CHECK_OK(k.read(p.pid(), fd, buffer)), 0u);
        EXPECT_EQ(CHECK_OK(k.pread(p.pid(), fd, buffer, 1000)), 0u);
        EXPECT_EQ(CHECK_OK(k.pread(p.pid(), fd, buffer, 1)), 2u);
        EXPECT_EQ(text_of(std::span(buffer, 2)), "bc");
    });
}

TEST_F(VfsFiles, WriteBeyondEndOfFileZeroFillsTheGap) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/sparse", flags::o_rdwr | flags::o_creat, 0644));
        CHECK_OK(p.write_text(fd, "ab"));
        EXPECT_EQ(CHECK_OK(k.seek(p.pid(), fd, 10, flags::seek_set)), 10u);
        CHECK_OK(p.write_text(fd, "Z"));
        EXPECT_EQ(CHECK_OK(k.fstat(p.pid(), fd)).size, 11u);
        EXPECT_EQ(CHECK_OK(k.pwrite(p.pid(), fd, as_bytes("Q"), 20)), 1u);
        EXPECT_EQ(CHECK_OK(k.fstat(p.pid(), fd)).size, 21u);
        std::string expected = std::string("ab") + std::string(8, '\0') + "Z" + std::string(9, '\0') + "Q";
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/sparse")), expected);
    });
}

TEST_F(VfsFiles, ThreeMegabyteWriteThenOneReadReturnsEverything) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        constexpr size_t size = 3u << 20;
        std::string data(size, '\0');
        for (size_t i = 0; i < size; ++i)
            data[i] = static_cast<char>('a' + (i * 7 + i / 4096) % 26);
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/big", flags::o_rdwr | flags::o_creat | flags::o_trunc, 0644));
        EXPECT_EQ(CHECK_OK(k.write(p.pid(), fd, as_bytes(data))), size);
        EXPECT_EQ(CHECK_OK(k.fstat(p.pid(), fd)).size, size);
        CHECK_OK(k.seek(p.pid(), fd, 0, flags::seek_set));
        std::vector<std::byte> buffer(size + 100);
        size_t count = CHECK_OK(k.read(p.pid(), fd, buffer));
        ASSERT_EQ(count, size);
        EXPECT_TRUE(text_of(std::span(buffer.data(), count)) == data) << "contents differ";
    });
}

TEST_F(VfsFiles, NewFileModeHasUmaskApplied) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_EQ(CHECK_OK(k.umask(p.pid(), std::nullopt)), 022u);
        EXPECT_EQ(CHECK_OK(k.umask(p.pid(), 027u)), 022u);
        EXPECT_EQ(CHECK_OK(k.umask(p.pid(), std::nullopt)), 027u);
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/masked", flags::o_wronly | flags::o_creat, 0666));
        EXPECT_EQ(CHECK_OK(k.fstat(p.pid(), fd)).permissions, 0640u);
        CHECK_OK(k.mkdir(p.pid(), "/tmp/masked_dir", 0777));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/masked_dir")).permissions, 0750u);
        CHECK_OK(k.umask(p.pid(), 0u));
        int fd2 = CHECK_OK(k.open(p.pid(), "/tmp/unmasked", flags::o_wronly | flags::o_creat, 0666));
        EXPECT_EQ(CHECK_OK(k.fstat(p.pid(), fd2)).permissions, 0666u);
    });
}

TEST_F(VfsFiles, DefaultUmaskIs022) {
    in_process([](ProcessContext& p) {
        int fd = CHECK_OK(p.kernel().open(p.pid(), "/tmp/default", flags::o_wronly | flags::o_creat, 0777));
        EXPECT_EQ(CHECK_OK(p.kernel().fstat(p.pid(), fd)).permissions, 0755u);
    });
}

TEST_F(VfsFiles, ODirectoryOnAFileIsEnotdir) {
    in_process([](ProcessContext& p) {
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        EXPECT_ERRNO(p.kernel().open(p.pid(), "/tmp/f", flags::o_rdonly | flags::o_directory), Errno::enotdir);
        int fd = CHECK_OK(p.kernel().open(p.pid(), "/tmp", flags::o_rdonly | flags::o_directory));
        EXPECT_TRUE(CHECK_OK(p.kernel().fstat(p.pid(), fd)).is_directory());
    });
}

TEST_F(VfsFiles, ONofollowOnASymlinkIsEloop) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/f", "/tmp/link"));
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/link", flags::o_rdonly | flags::o_nofollow), Errno::eloop);
        // O_NOFOLLOW only concerns the last component.
        CHECK_OK(k.symlink(p.pid(), "/tmp", "/tmp/dirlink"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/dirlink/f", flags::o_rdonly | flags::o_nofollow));
        EXPECT_EQ(CHECK_OK(p.read_all(fd)), "x");
    });
}

TEST_F(VfsFiles, OpeningADirectoryForWritingIsEisdir) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/d", flags::o_wronly), Errno::eisdir);
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/d", flags::o_rdwr), Errno::eisdir);
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/d", flags::o_wronly | flags::o_creat, 0644), Errno::eisdir);
        // Read-only is fine, and reading bytes from it is EISDIR.
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/d", flags::o_rdonly));
        std::byte buffer[8];
        EXPECT_ERRNO(k.read(p.pid(), fd, buffer), Errno::eisdir);
    });
}

TEST_F(VfsFiles, OpeningAMissingFileWithoutOCreatIsEnoent) {
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().open(p.pid(), "/tmp/missing", flags::o_rdonly), Errno::enoent);
        EXPECT_ERRNO(p.kernel().open(p.pid(), "/tmp/missing", flags::o_wronly | flags::o_trunc), Errno::enoent);
    });
}

TEST_F(VfsFiles, CreatingUnderAMissingParentIsEnoent) {
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().open(p.pid(), "/tmp/nodir/f", flags::o_wronly | flags::o_creat, 0644), Errno::enoent);
        EXPECT_ERRNO(p.kernel().open(p.pid(), "/tmp/no/such/dir/f", flags::o_wronly | flags::o_creat, 0644),
                     Errno::enoent);
        EXPECT_ERRNO(p.kernel().stat(p.pid(), "/tmp/nodir"), Errno::enoent);
    });
}

TEST_F(VfsFiles, AFileUsedAsADirectoryIsEnotdir) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/f/x", flags::o_rdonly), Errno::enotdir);
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/f/x", flags::o_wronly | flags::o_creat, 0644), Errno::enotdir);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/f/x"), Errno::enotdir);
        EXPECT_ERRNO(k.mkdir(p.pid(), "/tmp/f/x"), Errno::enotdir);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/f/"), Errno::enotdir);
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/f/", flags::o_rdonly), Errno::enotdir);
    });
}

TEST_F(VfsFiles, CreatingWithATrailingSlashIsEisdir) {
    // Linux: open("newname/", O_CREAT) fails with EISDIR and creates nothing.
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().open(p.pid(), "/tmp/newname/", flags::o_wronly | flags::o_creat, 0644), Errno::eisdir);
        EXPECT_ERRNO(p.kernel().stat(p.pid(), "/tmp/newname", false), Errno::enoent);
    });
}

TEST_F(VfsFiles, ReadOnWriteOnlyAndWriteOnReadOnlyAreEbadf) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "data"));
        int reader = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_rdonly));
        int writer = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_wronly));
        std::byte buffer[8];
        EXPECT_ERRNO(k.read(p.pid(), writer, buffer), Errno::ebadf);
        EXPECT_ERRNO(k.write(p.pid(), reader, as_bytes("x")), Errno::ebadf);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/f")), "data");
    });
}

TEST_F(VfsFiles, AccessModeThreeIsEinval) {
    in_process([](ProcessContext& p) {
        CHECK_OK(write_whole(p, "/tmp/f", "data"));
        EXPECT_ERRNO(p.kernel().open(p.pid(), "/tmp/f", flags::o_accmode), Errno::einval);
    });
}

TEST_F(VfsFiles, SeekWhencesAndNegativeTargetIsEinval) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "0123456789"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_rdonly));
        EXPECT_EQ(CHECK_OK(k.seek(p.pid(), fd, -3, flags::seek_end)), 7u);
        std::byte buffer[8];
        size_t count = CHECK_OK(k.read(p.pid(), fd, buffer));
        EXPECT_EQ(text_of(std::span(buffer, count)), "789");
        EXPECT_EQ(CHECK_OK(k.seek(p.pid(), fd, -5, flags::seek_cur)), 5u);
        EXPECT_ERRNO(k.seek(p.pid(), fd, -1, flags::seek_set), Errno::einval);
        EXPECT_ERRNO(k.seek(p.pid(), fd, 0, 42), Errno::einval);
        // A failed seek leaves the offset alone.
        EXPECT_EQ(CHECK_OK(k.seek(p.pid(), fd, 0, flags::seek_cur)), 5u);
    });
}

TEST_F(VfsFiles, DupSharesTheOffset) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "abcdef"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_rdonly));
        int copy = CHECK_OK(k.dup(p.pid(), fd));
        std::byte buffer[2];
        CHECK_OK(k.read(p.pid(), fd, buffer));
        size_t count = CHECK_OK(k.read(p.pid(), copy, buffer));
        EXPECT_EQ(text_of(std::span(buffer, count)), "cd");
        // A second open has its own offset.
        int other = CHECK_OK(k.open(p.pid(), "/tmp/f", flags::o_rdonly));
        count = CHECK_OK(k.read(p.pid(), other, buffer));
        EXPECT_EQ(text_of(std::span(buffer, count)), "ab");
    });
}

TEST_F(VfsFiles, OpenRelativeToADirectoryDescriptor) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        int dirfd = CHECK_OK(k.open(p.pid(), "/tmp/d", flags::o_rdonly | flags::o_directory));
        int fd = CHECK_OK(k.open(p.pid(), "inside", flags::o_wronly | flags::o_creat, 0644, dirfd));
        CHECK_OK(p.write_text(fd, "via dirfd"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/d/inside")), "via dirfd");
        // An absolute path ignores dirfd.
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/d/inside", true, dirfd)).size, 9u);
        // A dirfd that names a file is ENOTDIR for a relative path; a closed one EBADF.
        EXPECT_ERRNO(k.open(p.pid(), "x", flags::o_rdonly, 0, fd), Errno::enotdir);
        EXPECT_ERRNO(k.open(p.pid(), "x", flags::o_rdonly, 0, 999), Errno::ebadf);
    });
}

TEST_F(VfsFiles, RelativePathsResolveAgainstTheCwd) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_EQ(CHECK_OK(k.getcwd(p.pid())), "/home/user");
        CHECK_OK(write_whole(p, "notes.txt", "at home"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/home/user/notes.txt")), "at home");
        CHECK_OK(k.chdir(p.pid(), "/tmp"));
        EXPECT_EQ(CHECK_OK(k.getcwd(p.pid())), "/tmp");
        EXPECT_ERRNO(k.stat(p.pid(), "notes.txt"), Errno::enoent);
        EXPECT_EQ(CHECK_OK(read_whole(p, "../home/user/notes.txt")), "at home");
    });
}

TEST_F(VfsFiles, ConcurrentExclusiveCreatesHaveExactlyOneWinner) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        constexpr int threads = 8;
        constexpr int names = 50;
        std::atomic<int> wins[names] = {};
        std::atomic<int> unexpected{0};
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&] {
                for (int n = 0; n < names; ++n) {
                    auto fd = k.open(p.pid(), "/tmp/race" + std::to_string(n),
                                     flags::o_wronly | flags::o_creat | flags::o_excl, 0644);
                    if (!fd.is_error()) {
                        ++wins[n];
                        (void)k.close(p.pid(), fd.value());
                    } else if (fd.error() != Errno::eexist) {
                        ++unexpected;
                    }
                }
            });
        }
        for (auto& worker : workers)
            worker.join();
        EXPECT_EQ(unexpected.load(), 0);
        for (int n = 0; n < names; ++n)
            EXPECT_EQ(wins[n].load(), 1) << "name " << n;
    });
}

TEST_F(VfsFiles, HostHelpersRoundTripAndCreateUserOwnedFiles) {
    CHECK_OK(kernel().write_file("/tmp/h.txt", "from host", 0640));
    EXPECT_EQ(CHECK_OK(kernel().read_file("/tmp/h.txt")), "from host");
    auto status = CHECK_OK(kernel().stat("/tmp/h.txt"));
    EXPECT_EQ(status.permissions, 0640u);
    EXPECT_EQ(status.uid, 1000u);
    CHECK_OK(kernel().write_file("/tmp/h.txt", "new"));
    EXPECT_EQ(CHECK_OK(kernel().read_file("/tmp/h.txt")), "new");
    EXPECT_ERRNO(kernel().read_file("/tmp/missing"), Errno::enoent);
    CHECK_OK(kernel().remove("/tmp/h.txt"));
    EXPECT_FALSE(kernel().exists("/tmp/h.txt"));
}

}  // namespace
}  // namespace secure_exec::testing
