// Unix permission checks (access(2), open, traversal, the sticky bit) for the default user
// (uid 1000), and the embedder's Permissions policy on the VFS.
#include <algorithm>
#include <atomic>
#include <mutex>

#include "vfs_test_support.h"

namespace secure_exec::testing {
namespace {

constexpr int r_ok = 4;
constexpr int w_ok = 2;
constexpr int x_ok = 1;
constexpr int f_ok = 0;

// A root filesystem with a sticky, world-writable /tmp holding files and a directory of root.
class VfsUnixPermissions : public VfsTest {
protected:
    void SetUp() override {
        VfsTest::SetUp();
        auto filesystem = make_memory_filesystem();
        auto root = filesystem->root();
        auto tmp = CHECK_OK(root->create("tmp", {.type = FileType::directory, .permissions = 01777, .uid = 0, .gid = 0}));
        auto file = CHECK_OK(tmp->create("root_file", {.type = FileType::regular, .permissions = 0666, .uid = 0, .gid = 0}));
        CHECK_OK(file->write_at(0, as_bytes("owned by root"), false));
        CHECK_OK(tmp->create("root_dir", {.type = FileType::directory, .permissions = 0777, .uid = 0, .gid = 0}));
        auto group = CHECK_OK(root->create("group", {.type = FileType::directory, .permissions = 0755, .uid = 0, .gid = 0}));
        CHECK_OK(group->create("group_rw", {.type = FileType::regular, .permissions = 0460, .uid = 0, .gid = 1000}));
        CHECK_OK(group->create("other_r", {.type = FileType::regular, .permissions = 0604, .uid = 0, .gid = 0}));
        options().root_filesystem = filesystem;
    }
};

TEST_F(VfsUnixPermissions, AccessReflectsTheModeForTheOwner) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/home/user/ro", "x", 0400));
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/home/user/ro")).permissions, 0400u);
        EXPECT_OK(k.access(p.pid(), "/home/user/ro", f_ok));
        EXPECT_OK(k.access(p.pid(), "/home/user/ro", r_ok));
        EXPECT_ERRNO(k.access(p.pid(), "/home/user/ro", w_ok), Errno::eacces);
        EXPECT_ERRNO(k.access(p.pid(), "/home/user/ro", x_ok), Errno::eacces);
        EXPECT_ERRNO(k.access(p.pid(), "/home/user/ro", r_ok | w_ok), Errno::eacces);
        CHECK_OK(k.chmod(p.pid(), "/home/user/ro", 0700));
        EXPECT_OK(k.access(p.pid(), "/home/user/ro", r_ok | w_ok | x_ok));
        EXPECT_ERRNO(k.access(p.pid(), "/home/user/missing", f_ok), Errno::enoent);
        EXPECT_ERRNO(k.access(p.pid(), "/home/user/ro", 8), Errno::einval);
    });
}

TEST_F(VfsUnixPermissions, AccessUsesGroupAndOtherBits) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        // 0460, group 1000: the group bits (rw-) apply, not the owner's (r--).
        EXPECT_OK(k.access(p.pid(), "/group/group_rw", r_ok | w_ok));
        // 0604, neither owner nor group: the other bits (r--).
        EXPECT_OK(k.access(p.pid(), "/group/other_r", r_ok));
        EXPECT_ERRNO(k.access(p.pid(), "/group/other_r", w_ok), Errno::eacces);
        EXPECT_ERRNO(k.open(p.pid(), "/group/other_r", flags::o_wronly), Errno::eacces);
    });
}

TEST_F(VfsUnixPermissions, OwnerBitsApplyEvenWhenOthersHaveMore) {
    // Linux checks only the first matching class: an owner with 0077 is denied.
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/home/user/f", "x"));
        CHECK_OK(k.chmod(p.pid(), "/home/user/f", 0077));
        EXPECT_ERRNO(k.access(p.pid(), "/home/user/f", r_ok), Errno::eacces);
        EXPECT_ERRNO(k.open(p.pid(), "/home/user/f", flags::o_rdonly), Errno::eacces);
    });
}

TEST_F(VfsUnixPermissions, ModeZeroFileCannotBeOpened) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/home/user/locked", "secret"));
        CHECK_OK(k.chmod(p.pid(), "/home/user/locked", 0));
        EXPECT_ERRNO(k.open(p.pid(), "/home/user/locked", flags::o_rdonly), Errno::eacces);
        EXPECT_ERRNO(k.open(p.pid(), "/home/user/locked", flags::o_wronly), Errno::eacces);
        EXPECT_ERRNO(k.open(p.pid(), "/home/user/locked", flags::o_wronly | flags::o_trunc), Errno::eacces);
        // stat needs no permission on the file itself.
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/home/user/locked")).size, 6u);
        // The owner may still chmod it back.
        CHECK_OK(k.chmod(p.pid(), "/home/user/locked", 0600));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/home/user/locked")), "secret");
    });
}

TEST_F(VfsUnixPermissions, WriteOnlyFileCannotBeReadAndReadOnlyCannotBeTruncatedByOpen) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(write_whole(p, "/home/user/wo", "abc"));
        CHECK_OK(k.chmod(p.pid(), "/home/user/wo", 0200));
        EXPECT_ERRNO(k.open(p.pid(), "/home/user/wo", flags::o_rdonly), Errno::eacces);
        EXPECT_ERRNO(k.open(p.pid(), "/home/user/wo", flags::o_rdwr), Errno::eacces);
        int fd = CHECK_OK(k.open(p.pid(), "/home/user/wo", flags::o_wronly));
        CHECK_OK(k.close(p.pid(), fd));
        CHECK_OK(k.chmod(p.pid(), "/home/user/wo", 0400));
        EXPECT_ERRNO(k.open(p.pid(), "/home/user/wo", flags::o_rdonly | flags::o_trunc), Errno::eacces);
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/home/user/wo")).size, 3u);
    });
}

TEST_F(VfsUnixPermissions, DirectoryWithoutSearchPermissionCannotBeTraversed) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/home/user/d"));
        CHECK_OK(write_whole(p, "/home/user/d/f", "inside"));
        CHECK_OK(k.chmod(p.pid(), "/home/user/d", 0600));  // rw-, no x
        EXPECT_ERRNO(k.stat(p.pid(), "/home/user/d/f"), Errno::eacces);
        EXPECT_ERRNO(k.open(p.pid(), "/home/user/d/f", flags::o_rdonly), Errno::eacces);
        EXPECT_ERRNO(k.open(p.pid(), "/home/user/d/new", flags::o_wronly | flags::o_creat, 0644), Errno::eacces);
        EXPECT_ERRNO(k.chdir(p.pid(), "/home/user/d"), Errno::eacces);
        // The directory itself can still be stat'ed and listed (r without x).
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/home/user/d")).is_directory());
        int fd = CHECK_OK(k.open(p.pid(), "/home/user/d", flags::o_rdonly | flags::o_directory));
        auto entries = CHECK_OK(k.read_directory(p.pid(), fd));
        EXPECT_NE(find_entry(entries, "f"), nullptr);
        CHECK_OK(k.chmod(p.pid(), "/home/user/d", 0700));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/home/user/d/f")), "inside");
    });
}

TEST_F(VfsUnixPermissions, DirectoryWithoutReadPermissionCannotBeListed) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/home/user/d"));
        CHECK_OK(write_whole(p, "/home/user/d/f", "x"));
        CHECK_OK(k.chmod(p.pid(), "/home/user/d", 0300));  // -wx
        EXPECT_ERRNO(k.open(p.pid(), "/home/user/d", flags::o_rdonly | flags::o_directory), Errno::eacces);
        // Known names are still reachable.
        EXPECT_EQ(CHECK_OK(read_whole(p, "/home/user/d/f")), "x");
    });
}

TEST_F(VfsUnixPermissions, DirectoryWithoutWritePermissionRefusesNewAndRemovedNames) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        CHECK_OK(k.mkdir(p.pid(), "/home/user/d"));
        CHECK_OK(write_whole(p, "/home/user/d/f", "x"));
        CHECK_OK(k.chmod(p.pid(), "/home/user/d", 0555));
        EXPECT_ERRNO(k.open(p.pid(), "/home/user/d/new", flags::o_wronly | flags::o_creat, 0644), Errno::eacces);
        EXPECT_ERRNO(k.mkdir(p.pid(), "/home/user/d/sub"), Errno::eacces);
        EXPECT_ERRNO(k.symlink(p.pid(), "f", "/home/user/d/l"), Errno::eacces);
        EXPECT_ERRNO(k.link(p.pid(), "/home/user/d/f", "/home/user/d/f2"), Errno::eacces);
        EXPECT_ERRNO(k.unlink(p.pid(), "/home/user/d/f"), Errno::eacces);
        EXPECT_ERRNO(k.rename(p.pid(), "/home/user/d/f", "/home/user/g"), Errno::eacces);
        EXPECT_ERRNO(k.rename(p.pid(), "/home/user/d/f", "/home/user/d/g"), Errno::eacces);
        // Writing an existing file needs only the file's permission.
        CHECK_OK(write_whole(p, "/home/user/d/f", "changed"));
        EXPECT_EQ(CHECK_OK(read_whole(p, "/home/user/d/f")), "changed");
    });
}

TEST_F(VfsUnixPermissions, UserCannotCreateInSystemDirectories) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_ERRNO(k.open(p.pid(), "/etc/evil", flags::o_wronly | flags::o_creat, 0644), Errno::eacces);
        EXPECT_ERRNO(k.mkdir(p.pid(), "/usr/evil"), Errno::eacces);
        EXPECT_ERRNO(k.stat(p.pid(), "/etc/evil"), Errno::enoent);
        EXPECT_ERRNO(k.stat(p.pid(), "/root/x"), Errno::eacces);  // /root is 0700 root
    });
}

TEST_F(VfsUnixPermissions, StickyTmpProtectsOtherUsersFiles) {
    in_process([](ProcessContext& p) {
        auto& k = p.kernel();
        EXPECT_EQ(CHECK_OK(k.stat(p.pid(), "/tmp")).permissions, 01777u);
        // World-writable, so writing its contents is fine...
        CHECK_OK(write_whole(p, "/tmp/root_file", "scribbled"));
        // ...but the sticky bit keeps the name: no unlink, no rename, no replacing it.
        EXPECT_ERRNO(k.unlink(p.pid(), "/tmp/root_file"), Errno::eperm);
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/root_file", "/tmp/stolen"), Errno::eperm);
        CHECK_OK(write_whole(p, "/tmp/mine", "mine"));
        EXPECT_ERRNO(k.rename(p.pid(), "/tmp/mine", "/tmp/root_file"), Errno::eperm);
        EXPECT_ERRNO(k.rmdir(p.pid(), "/tmp/root_dir"), Errno::eperm);
        EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/root_file")), "scribbled");
        EXPECT_TRUE(CHECK_OK(k.stat(p.pid(), "/tmp/root_dir")).is_directory());
        // The user's own files in /tmp come and go freely.
        CHECK_OK(k.rename(p.pid(), "/tmp/mine", "/tmp/mine2"));
        CHECK_OK(k.unlink(p.pid(), "/tmp/mine2"));
        // Inside root's world-writable, non-sticky directory, anyone may remove names.
        CHECK_OK(write_whole(p, "/tmp/root_dir/f", "x"));
        CHECK_OK(k.unlink(p.pid(), "/tmp/root_dir/f"));
    });
}

TEST_F(VfsUnixPermissions, HostHelpersActAsRoot) {
    // The embedder's helpers pass Unix permission checks (they are the host, not a guest user)
    // but create files owned by the kernel's user.
    CHECK_OK(kernel().write_file("/etc/config", "setting=1"));
    auto status = CHECK_OK(kernel().stat("/etc/config"));
    EXPECT_EQ(status.uid, 1000u);
    EXPECT_EQ(CHECK_OK(kernel().read_file("/etc/config")), "setting=1");
    EXPECT_EQ(CHECK_OK(kernel().read_file("/tmp/root_file")), "owned by root");
    in_process([](ProcessContext& p) {
        EXPECT_EQ(CHECK_OK(read_whole(p, "/etc/config")), "setting=1");
    });
}

// ^The embedder's Permissions policy

using VfsPolicy = VfsTest;

// The memory filesystem behind the kernel, to check what exists without asking the policy.
bool exists_in(FileSystem& filesystem, std::string_view path) {
    auto inode = filesystem.root();
    while (!path.empty()) {
        size_t slash = path.find('/');
        std::string_view name = path.substr(0, slash);
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
        if (name.empty())
            continue;
        auto next = inode->lookup(name);
        if (next.is_error())
            return false;
        inode = next.release_value();
    }
    return true;
}

TEST_F(VfsPolicy, DenyAllMakesHostWritesFailAndCreatesNothing) {
    auto filesystem = make_memory_filesystem();
    options().root_filesystem = filesystem;
    options().permissions = Permissions{};
    start();
    EXPECT_ERRNO(kernel().write_file("/tmp/x", "data"), Errno::eacces);
    EXPECT_ERRNO(kernel().write_file("/home/user/x", "data"), Errno::eacces);
    EXPECT_ERRNO(kernel().mkdir("/tmp/d"), Errno::eacces);
    EXPECT_ERRNO(kernel().symlink("/etc", "/tmp/l"), Errno::eacces);
    EXPECT_ERRNO(kernel().read_file("/proc/mounts"), Errno::eacces);
    EXPECT_ERRNO(kernel().stat("/tmp"), Errno::eacces);
    EXPECT_FALSE(kernel().exists("/tmp"));
    EXPECT_FALSE(exists_in(*filesystem, "/tmp/x"));
    EXPECT_FALSE(exists_in(*filesystem, "/home/user/x"));
    EXPECT_FALSE(exists_in(*filesystem, "/tmp/d"));
    EXPECT_FALSE(exists_in(*filesystem, "/tmp/l"));
}

TEST_F(VfsPolicy, SkeletonIsBuiltWhateverThePolicy) {
    // The kernel's own layout (/tmp, /home/user, ...) is not guest activity: it exists even when
    // the policy allows nothing (KernelState's constructor says it bypasses the policy).
    auto filesystem = make_memory_filesystem();
    options().root_filesystem = filesystem;
    options().permissions = Permissions{};
    start();
    EXPECT_TRUE(exists_in(*filesystem, "/tmp"));
    EXPECT_TRUE(exists_in(*filesystem, "/etc"));
    EXPECT_TRUE(exists_in(*filesystem, "/home/user"));
}

class VfsTmpOnlyPolicy : public VfsTest {
protected:
    void SetUp() override {
        VfsTest::SetUp();
        m_filesystem = make_memory_filesystem();
        options().root_filesystem = m_filesystem;
        options().permissions.fs = [this](const FsRequest& request) {
            {
                std::lock_guard lock(m_log_mutex);
                m_log.push_back(std::string(fs_operation_name(request.op)) + " " + std::string(request.path));
            }
            if (m_setup.load())
                return true;
            return request.path == "/tmp" || request.path.starts_with("/tmp/");
        };
    }

    // Lets every request through while the test prepares files outside /tmp.
    void setup_phase(bool on) { m_setup.store(on); }
    // Starts the kernel with the policy open, so its skeleton (/home/user...) exists whatever
    // the policy (see VfsPolicy.DenyAllMakesHostWritesFailAndCreatesNothing for that).
    void start_prepared() {
        setup_phase(true);
        start();
        setup_phase(false);
    }
    std::vector<std::string> log() {
        std::lock_guard lock(m_log_mutex);
        return m_log;
    }

    std::shared_ptr<FileSystem> m_filesystem;
    std::atomic<bool> m_setup{false};
    std::mutex m_log_mutex;
    std::vector<std::string> m_log;
};

TEST_F(VfsTmpOnlyPolicy, AllowsTmpAndDeniesHome) {
    start_prepared();
    CHECK_OK(kernel().write_file("/tmp/x", "allowed"));
    EXPECT_EQ(CHECK_OK(kernel().read_file("/tmp/x")), "allowed");
    EXPECT_ERRNO(kernel().write_file("/home/user/x", "denied"), Errno::eacces);
    EXPECT_FALSE(exists_in(*m_filesystem, "/home/user/x"));
    EXPECT_TRUE(exists_in(*m_filesystem, "/tmp/x"));
    // A name that merely starts with "/tmp" is not under /tmp.
    EXPECT_ERRNO(kernel().mkdir("/tmpfoo"), Errno::eacces);
    EXPECT_FALSE(exists_in(*m_filesystem, "/tmpfoo"));
}

TEST_F(VfsTmpOnlyPolicy, PolicySeesTheCanonicalPath) {
    start_prepared();
    // "/tmp/../home/user/x" starts with "/tmp" as text but names /home/user/x.
    EXPECT_ERRNO(kernel().write_file("/tmp/../home/user/x", "denied"), Errno::eacces);
    EXPECT_FALSE(exists_in(*m_filesystem, "/home/user/x"));
    CHECK_OK(kernel().write_file("/tmp/./b", "ok"));
    CHECK_OK(kernel().mkdir("/tmp//c/"));
    auto requests = log();
    auto saw = [&](const std::string& entry) {
        return std::find(requests.begin(), requests.end(), entry) != requests.end();
    };
    EXPECT_TRUE(saw("create /tmp/b"));
    EXPECT_TRUE(saw("mkdir /tmp/c"));
    // The denied write was asked about /home/user/x (whatever the operation name).
    bool asked_about_home = false;
    for (const auto& entry : requests)
        asked_about_home = asked_about_home || entry.ends_with(" /home/user/x");
    EXPECT_TRUE(asked_about_home);
    for (const auto& entry : requests) {
        EXPECT_EQ(entry.find("/."), std::string::npos) << entry;
        EXPECT_EQ(entry.find("//"), std::string::npos) << entry;
    }
}

TEST_F(VfsTmpOnlyPolicy, SymlinkOutOfTmpIsDeniedForReading) {
    start_prepared();
    setup_phase(true);
    CHECK_OK(kernel().write_file("/home/user/secret", "top secret"));
    setup_phase(false);
    CHECK_OK(kernel().symlink("/home/user/secret", "/tmp/escape"));
    EXPECT_ERRNO(kernel().read_file("/tmp/escape"), Errno::eacces);
    EXPECT_ERRNO(kernel().read_file("/home/user/secret"), Errno::eacces);
    // Writing through the link is refused too, and the secret is unchanged.
    EXPECT_ERRNO(kernel().write_file("/tmp/escape", "overwritten"), Errno::eacces);
    setup_phase(true);
    EXPECT_EQ(CHECK_OK(kernel().read_file("/home/user/secret")), "top secret");
}

TEST_F(VfsTmpOnlyPolicy, SymlinkedDirectoryOutOfTmpIsDenied) {
    start_prepared();
    CHECK_OK(kernel().symlink("/home/user", "/tmp/home_link"));
    EXPECT_ERRNO(kernel().write_file("/tmp/home_link/planted", "x"), Errno::eacces);
    EXPECT_FALSE(exists_in(*m_filesystem, "/home/user/planted"));
    EXPECT_ERRNO(kernel().read_directory("/tmp/home_link"), Errno::eacces);
}

TEST_F(VfsTmpOnlyPolicy, GuestProcessIsHeldToThePolicy) {
    options().permissions.child_process = [](const ChildProcessRequest&) { return true; };
    start_prepared();
    setup_phase(true);
    CHECK_OK(kernel().write_file("/home/user/secret", "top secret"));
    setup_phase(false);
    in_process(
        [](ProcessContext& p) {
            auto& k = p.kernel();
            CHECK_OK(write_whole(p, "/tmp/ok", "fine"));
            EXPECT_EQ(CHECK_OK(read_whole(p, "/tmp/ok")), "fine");
            EXPECT_ERRNO(k.open(p.pid(), "/home/user/secret", flags::o_rdonly), Errno::eacces);
            EXPECT_ERRNO(k.open(p.pid(), "/home/user/new", flags::o_wronly | flags::o_creat, 0644), Errno::eacces);
            CHECK_OK(k.symlink(p.pid(), "/home/user/secret", "/tmp/escape"));
            EXPECT_ERRNO(k.open(p.pid(), "/tmp/escape", flags::o_rdonly), Errno::eacces);
            EXPECT_ERRNO(k.rename(p.pid(), "/tmp/ok", "/home/user/moved"), Errno::eacces);
            EXPECT_ERRNO(k.link(p.pid(), "/tmp/ok", "/home/user/linked"), Errno::eacces);
            EXPECT_ERRNO(k.mkdir(p.pid(), "/home/user/dir"), Errno::eacces);
            EXPECT_ERRNO(k.unlink(p.pid(), "/home/user/secret"), Errno::eacces);
            EXPECT_ERRNO(k.chmod(p.pid(), "/home/user/secret", 0777), Errno::eacces);
            EXPECT_ERRNO(k.truncate(p.pid(), "/home/user/secret", 0), Errno::eacces);
            EXPECT_ERRNO(k.stat(p.pid(), "/home/user/secret"), Errno::eacces);
        },
        SpawnOptions{.cwd = "/tmp"});
    setup_phase(true);
    EXPECT_EQ(CHECK_OK(kernel().read_file("/home/user/secret")), "top secret");
    EXPECT_FALSE(exists_in(*m_filesystem, "/home/user/new"));
    EXPECT_FALSE(exists_in(*m_filesystem, "/home/user/moved"));
    EXPECT_FALSE(exists_in(*m_filesystem, "/home/user/linked"));
    EXPECT_FALSE(exists_in(*m_filesystem, "/home/user/dir"));
    EXPECT_TRUE(exists_in(*m_filesystem, "/tmp/ok"));
}

}  // namespace
}  // namespace secure_exec::testing
