// Symbolic links: relative and absolute targets, chains, readlink, lstat vs stat, dangling links,
// loops and the 40-hop limit, creation through a dangling link, trailing slashes.
#include "vfs_test_support.h"

namespace secure_exec::testing {
namespace {

using VfsSymlinks = VfsTest;

TEST_F(VfsSymlinks, AbsoluteSymlinkResolves) {
    in_process([](ProcessContext& p) {
        CHECK_OK(write_whole(p, "/tmp/f", "target text"));
        CHECK_OK(p.kernel().symlink(p.pid(), "/tmp/f", "/home/user/abs"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/home/user/abs")), "target text");
    });
}

TEST_F(VfsSymlinks, RelativeSymlinkResolvesFromTheLinksDirectory) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(write_whole(p, "/tmp/f", "up one"));
        CHECK_OK(write_whole(p, "/tmp/d/g", "same dir"));
        CHECK_OK(k.symlink(p.pid(), "../f", "/tmp/d/up"));
        CHECK_OK(k.symlink(p.pid(), "g", "/tmp/d/here"));
        // The cwd (/home/user) plays no part in resolving the link text.
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/d/up")), "up one");
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/d/here")), "same dir");
        CHECK_OK(k.chdir(p.pid(), "/tmp/d"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "up")), "up one");
    });
}

TEST_F(VfsSymlinks, ChainsOfLinksResolve) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(write_whole(p, "/tmp/d/end", "end of chain"));
        CHECK_OK(k.symlink(p.pid(), "d/end", "/tmp/one"));   // relative
        CHECK_OK(k.symlink(p.pid(), "/tmp/one", "/tmp/two"));  // absolute to a link
        CHECK_OK(k.symlink(p.pid(), "two", "/tmp/three"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/three")), "end of chain");
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp/three")).inode, CHECK_OK(k.stat(p.pid(), "/tmp/d/end")).inode);
        EXPECT_EQ(CHECK_OK(k.realpath(p.pid(), "/tmp/three")), "/tmp/d/end");
    });
}

TEST_F(VfsSymlinks, SymlinksInTheMiddleOfAPath) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/real"));
        CHECK_OK(k.mkdir(p.pid(), "/tmp/real/sub"));
        CHECK_OK(write_whole(p, "/tmp/real/sub/f", "deep"));
        CHECK_OK(k.symlink(p.pid(), "real/sub", "/tmp/alias"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/alias/f")), "deep");
        // ".." after a symlink is the physical parent of the link's target, as on Linux.
        CHECK_OK(write_whole(p, "/tmp/real/beside", "physical"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/alias/../beside")), "physical");
    });
}

TEST_F(VfsSymlinks, ReadlinkReturnsTheTargetText) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.symlink(p.pid(), "../some/where/../odd//text", "/tmp/link"));
        EXPECT_EQ(CHECK_OK(k.readlink(p.pid(), "/tmp/link")), "../some/where/../odd//text");
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        EXPECT_ERRNO(k.readlink(p.pid(), "/tmp/f"), Errno::einval);
        EXPECT_ERRNO(k.readlink(p.pid(), "/tmp/missing"), Errno::enoent);
    });
}

TEST_F(VfsSymlinks, LstatDescribesTheLinkStatTheTarget) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/file", "0123456789"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/file", "/tmp/link"));
        auto link = CHECK_OK(k.stat(p.pid(), "/tmp/link", false));
        auto target = CHECK_OK(k.stat(p.pid(), "/tmp/link", true));
        EXPECT_TRUE(link.is_symlink());
        EXPECT_EQ(link.size, std::string_view("/tmp/file").size());
        EXPECT_EQ(link.permissions, 0777u);
        EXPECT_TRUE(target.is_regular());
        EXPECT_EQ(target.size, 10u);
        EXPECT_NE(link.inode, target.inode);
        EXPECT_EQ(target.inode, CHECK_OK(k.stat(p.pid(), "/tmp/file")).inode);
    });
}

TEST_F(VfsSymlinks, HostLstatAndStatDiffer) {
    CHECK_OK(kernel().write_file("/tmp/file", "abc"));
    CHECK_OK(kernel().symlink("file", "/tmp/link"));
    EXPECT_TRUE(CHECK_OK(kernel().lstat("/tmp/link")).is_symlink());
    EXPECT_TRUE(CHECK_OK(kernel().stat("/tmp/link")).is_regular());
    EXPECT_EQ(CHECK_OK(kernel().read_file("/tmp/link")), "abc");
}

TEST_F(VfsSymlinks, DanglingLinkStatIsEnoentButLstatWorks) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.symlink(p.pid(), "/tmp/nothing", "/tmp/dangling"));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/dangling"), Errno::enoent);
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/dangling", flags::o_rdonly), Errno::enoent);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/dangling", false)).is_symlink());
        EXPECT_EQ(CHECK_OK(k.readlink(p.pid(), "/tmp/dangling")), "/tmp/nothing");
    });
}

TEST_F(VfsSymlinks, TwoLinksPointingAtEachOtherAreEloop) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.symlink(p.pid(), "/tmp/b", "/tmp/a"));
        CHECK_OK(k.symlink(p.pid(), "a", "/tmp/b"));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/a"), Errno::eloop);
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/b", flags::o_rdonly), Errno::eloop);
        EXPECT_ERRNO(k.open(p.pid(), "/tmp/a", flags::o_wronly | flags::o_creat, 0644), Errno::eloop);
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/a/x"), Errno::eloop);
        CHECK_OK(k.symlink(p.pid(), "self", "/tmp/self"));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/self"), Errno::eloop);
        // lstat does not follow, so it works.
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/a", false)).is_symlink());
    });
}

// Makes /tmp/l1 -> /tmp/l2 -> ... -> /tmp/l<count> -> /tmp/end (count links).
void make_chain(ProcessContext& p, int count) {
    for (int i = 1; i <= count; ++i) {
        std::string name = "/tmp/l" + std::to_string(i);
        std::string target = i == count ? "end" : "l" + std::to_string(i + 1);
        CHECK_OK(p.kernel().symlink(p.pid(), target, name));
    }
}

TEST_F(VfsSymlinks, FortyLinksInAChainResolve) {
    in_process([](ProcessContext& p) {
        CHECK_OK(write_whole(p, "/tmp/end", "reached"));
        make_chain(p, 40);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/l1")), "reached");
        EXPECT_TRUE(CHECK_OK(p.kernel().stat(p.pid(), "/tmp/l1")).is_regular());
    });
}

TEST_F(VfsSymlinks, FortyOneLinksInAChainAreEloop) {
    in_process([](ProcessContext& p) {
        CHECK_OK(write_whole(p, "/tmp/end", "reached"));
        make_chain(p, 41);
        EXPECT_ERRNO(p.kernel().stat(p.pid(), "/tmp/l1"), Errno::eloop);
        EXPECT_ERRNO(p.kernel().open(p.pid(), "/tmp/l1", flags::o_rdonly), Errno::eloop);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/l2")), "reached");
    });
}

TEST_F(VfsSymlinks, HopLimitCountsEveryLinkInOneResolution) {
    // Linux counts all links followed during one lookup (nd->total_link_count), intermediate
    // components included: 21 links to reach a directory plus 20 more below it is 41.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/dir"));
        for (int i = 1; i <= 21; ++i)
            CHECK_OK(k.symlink(p.pid(), i == 21 ? "/tmp/dir" : "/tmp/d" + std::to_string(i + 1),
                               "/tmp/d" + std::to_string(i)));
        CHECK_OK(write_whole(p, "/tmp/dir/end", "x"));
        for (int i = 1; i <= 20; ++i)
            CHECK_OK(k.symlink(p.pid(), i == 20 ? "end" : "f" + std::to_string(i + 1),
                               "/tmp/dir/f" + std::to_string(i)));
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/d1/f1"), Errno::eloop);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d2/f1")).is_regular());  // 20 + 20 = 40
    });
}

TEST_F(VfsSymlinks, OCreatThroughADanglingLinkCreatesTheTarget) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/d/created", "/tmp/abs"));
        CHECK_OK(k.symlink(p.pid(), "d/relative", "/tmp/rel"));
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/abs", flags::o_wronly | flags::o_creat, 0644));
        CHECK_OK(p.write_text(fd, "through abs"));
        fd = CHECK_OK(k.open(p.pid(), "/tmp/rel", flags::o_wronly | flags::o_creat, 0644));
        CHECK_OK(p.write_text(fd, "through rel"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/d/created")), "through abs");
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/d/relative")), "through rel");
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/abs", false)).is_symlink());
    });
}

TEST_F(VfsSymlinks, OCreatThroughADanglingLinkIntoAMissingDirectoryIsEnoent) {
    in_process([](ProcessContext& p) {
        CHECK_OK(p.kernel().symlink(p.pid(), "/tmp/nodir/file", "/tmp/link"));
        EXPECT_ERRNO(p.kernel().open(p.pid(), "/tmp/link", flags::o_wronly | flags::o_creat, 0644), Errno::enoent);
    });
}

TEST_F(VfsSymlinks, TrailingSlashFollowsALinkToADirectory) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/d", "/tmp/dirlink"));
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/f", "/tmp/filelink"));
        // lstat("link/") describes the directory, not the link.
        auto status = CHECK_OK(k.stat(p.pid(), "/tmp/dirlink/", false));
        EXPECT_TRUE(status.is_directory());
        EXPECT_EQ(status.inode, CHECK_OK(k.stat(p.pid(), "/tmp/d")).inode);
        int fd = CHECK_OK(k.open(p.pid(), "/tmp/dirlink/", flags::o_rdonly | flags::o_directory));
        EXPECT_TRUE(CHECK_OK(k.fstat(p.pid(), fd)).is_directory());
        EXPECT_ERRNO(k.stat(p.pid(), "/tmp/filelink/"), Errno::enotdir);
    });
}

TEST_F(VfsSymlinks, SymlinkToANameWithATrailingSlashIsEnoent) {
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().symlink(p.pid(), "/tmp", "/tmp/newl/"), Errno::enoent);
        EXPECT_ERRNO(p.kernel().stat(p.pid(), "/tmp/newl", false), Errno::enoent);
    });
}

TEST_F(VfsSymlinks, RmdirOfALinkWithATrailingSlashIsEnotdirAndKeepsTheTarget) {
    // Linux: rmdir("link/") does not follow the link; it is not a directory, so ENOTDIR.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/d", "/tmp/dl"));
        EXPECT_ERRNO(k.rmdir(p.pid(), "/tmp/dl/"), Errno::enotdir);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d", false)).is_directory());
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/dl", false)).is_symlink());
    });
}

TEST_F(VfsSymlinks, UnlinkOfALinkWithATrailingSlashIsEnotdir) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/d"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/d", "/tmp/dl"));
        EXPECT_ERRNO(k.unlink(p.pid(), "/tmp/dl/"), Errno::enotdir);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/dl", false)).is_symlink());
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/d", false)).is_directory());
    });
}

TEST_F(VfsSymlinks, SymlinkOverAnExistingNameIsEexist) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/tmp/f", "x"));
        EXPECT_ERRNO(k.symlink(p.pid(), "/anything", "/tmp/f"), Errno::eexist);
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/f", false)).is_regular());
        CHECK_OK(k.symlink(p.pid(), "/nowhere", "/tmp/l"));
        EXPECT_ERRNO(k.symlink(p.pid(), "/anything", "/tmp/l"), Errno::eexist);
    });
}

TEST_F(VfsSymlinks, EmptySymlinkTargetIsEnoent) {
    in_process([](ProcessContext& p) {
        EXPECT_ERRNO(p.kernel().symlink(p.pid(), "", "/tmp/empty"), Errno::enoent);
        EXPECT_ERRNO(p.kernel().stat(p.pid(), "/tmp/empty", false), Errno::enoent);
    });
}

TEST_F(VfsSymlinks, ChdirThroughASymlinkUsesTheCanonicalPath) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/tmp/real"));
        CHECK_OK(k.symlink(p.pid(), "/tmp/real", "/home/user/shortcut"));
        CHECK_OK(k.chdir(p.pid(), "shortcut"));
        EXPECT_EQ(CHECK_OK(k.getcwd(p.pid())), "/tmp/real");
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "..")).inode, CHECK_OK(k.stat(p.pid(), "/tmp")).inode);
    });
}

}  // namespace
}  // namespace secure_exec::testing
