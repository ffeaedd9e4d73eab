// Tests for make_host_filesystem (src/kernel/fs/hostfs): a real temporary host tree with files,
// directories and real host symlinks, some pointing outside it, driven through the public Inode
// API and checked with plain host calls.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <iterator>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <secure_exec/vfs.h>

namespace secure_exec {

// Lets gtest print "EACCES" instead of raw bytes.
void PrintTo(Errno error, std::ostream* out) { *out << errno_name(error); }

namespace {

namespace fs = std::filesystem;

constexpr Credentials k_owner{4242, 4343};

template <typename T>
std::optional<Errno> error_of(ErrorOr<T> result) {
    if (result.is_error())
        return result.error();
    return std::nullopt;
}

std::span<const std::byte> bytes_of(std::string_view text) { return std::as_bytes(std::span(text)); }

std::string read_text(Inode& inode, uint64_t offset = 0, size_t length = 4096) {
    std::vector<std::byte> buffer(length);
    size_t count = MUST(inode.read_at(offset, buffer));
    return {reinterpret_cast<const char*>(buffer.data()), count};
}

std::string host_read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream contents;
    contents << in.rdbuf();
    return contents.str();
}

void host_write(const std::string& path, std::string_view contents) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << contents;
}

struct stat host_lstat(const std::string& path) {
    struct stat result {};
    EXPECT_EQ(::lstat(path.c_str(), &result), 0) << path;
    return result;
}

size_t open_fd_count() {
    return static_cast<size_t>(std::distance(fs::directory_iterator("/proc/self/fd"), fs::directory_iterator{}));
}

bool host_exists(const std::string& path) {
    struct stat ignored {};
    return ::lstat(path.c_str(), &ignored) == 0;
}

std::string make_temp_directory(const char* prefix) {
    std::string pattern = std::string("/tmp/") + prefix + ".XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        return {};
    return fs::canonical(pattern).string();
}

class HostFileSystemTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = make_temp_directory("hostfs_test");
        m_outside = make_temp_directory("hostfs_outside");
        ASSERT_FALSE(m_root.empty());
        ASSERT_FALSE(m_outside.empty());
        populate();
    }

    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(m_root, ignored);  // removes symlinks themselves, never their targets
        fs::remove_all(m_outside, ignored);
    }

    // The tree every test starts from. Symlinks marked (!) lead outside it.
    void populate() {
        host_write(host("hello.txt"), "hello world");
        fs::create_directories(host("sub/deeper"));
        host_write(host("sub/inner.txt"), "inner");
        host_write(host("sub/deeper/leaf.txt"), "leaf");
        fs::create_symlink("../hello.txt", host("sub/rel_inside"));
        fs::create_symlink(host("sub/inner.txt"), host("sub/deeper/abs_inside"));
        fs::create_symlink(m_root + "/./sub//../hello.txt", host("abs_messy"));
        fs::create_symlink(m_root, host("abs_root"));
        fs::create_symlink("/etc/passwd", host("passwd_link"));            // (!)
        fs::create_symlink("../../..", host("escape"));                   // (!)
        fs::create_symlink("../../outside", host("sub/escape_sideways"));  // (!)
        fs::create_symlink(m_outside, host("outside_dir_link"));          // (!)
        host_write(m_outside + "/secret.txt", "secret");
        host_write(m_outside + "/inner.txt", "not yours");
    }

    std::string host(std::string_view relative) const { return m_root + "/" + std::string(relative); }

    std::shared_ptr<FileSystem> mount(MountMode mode) { return MUST(make_host_filesystem(m_root, mode, k_owner)); }

    // Looks up each '/'-separated component from the root, as the kernel's walker would.
    static std::shared_ptr<Inode> walk(FileSystem& filesystem, std::string_view path) {
        std::shared_ptr<Inode> inode = filesystem.root();
        std::stringstream components{std::string(path)};
        for (std::string name; std::getline(components, name, '/');)
            inode = MUST(inode->lookup(name));
        return inode;
    }

    std::string m_root;
    std::string m_outside;
};

TEST_F(HostFileSystemTest, LooksUpAndReadsFiles) {
    auto filesystem = mount(MountMode::read_only);
    EXPECT_EQ(filesystem->type_name(), "hostfs");
    EXPECT_EQ(filesystem->root(), filesystem->root());
    auto hello = walk(*filesystem, "hello.txt");
    EXPECT_TRUE(MUST(hello->stat()).is_regular());
    EXPECT_EQ(MUST(hello->stat()).size, 11u);
    EXPECT_EQ(read_text(*hello), "hello world");
    EXPECT_EQ(read_text(*hello, 6), "world");
    EXPECT_EQ(read_text(*hello, 100), "");
    EXPECT_EQ(read_text(*walk(*filesystem, "sub/deeper/leaf.txt")), "leaf");
    EXPECT_TRUE(MUST(walk(*filesystem, "sub/deeper")->stat()).is_directory());
}

TEST_F(HostFileSystemTest, LookupRejectsBadNamesAndMissingEntries) {
    auto root = mount(MountMode::read_only)->root();
    for (std::string_view name : {"", ".", "..", "sub/inner.txt", "/etc"})
        EXPECT_EQ(error_of(root->lookup(name)), Errno::einval) << name;
    EXPECT_EQ(error_of(root->lookup(std::string_view("sub\0x", 5))), Errno::einval);
    EXPECT_EQ(error_of(root->lookup("missing")), Errno::enoent);
    auto hello = MUST(root->lookup("hello.txt"));
    EXPECT_EQ(error_of(hello->lookup("anything")), Errno::enotdir);
}

TEST_F(HostFileSystemTest, LookupOfSymlinkDoesNotFollowIt) {
    auto filesystem = mount(MountMode::read_write);
    auto passwd = walk(*filesystem, "passwd_link");
    Stat link_stat = MUST(passwd->stat());
    EXPECT_TRUE(link_stat.is_symlink());
    EXPECT_EQ(link_stat.size, std::string_view("/etc/passwd").size());
    std::vector<std::byte> buffer(64);
    EXPECT_TRUE(passwd->read_at(0, buffer).is_error());
    EXPECT_TRUE(passwd->write_at(0, bytes_of("x"), false).is_error());
    EXPECT_TRUE(passwd->truncate(0).is_error());

    auto outside = walk(*filesystem, "outside_dir_link");
    EXPECT_TRUE(MUST(outside->stat()).is_symlink());
    EXPECT_TRUE(outside->lookup("secret.txt").is_error());
    EXPECT_TRUE(outside->read_directory().is_error());
    EXPECT_TRUE(outside->create("planted", {FileType::regular, 0644, 0, 0}).is_error());
    EXPECT_TRUE(outside->unlink("secret.txt").is_error());
    EXPECT_FALSE(host_exists(m_outside + "/planted"));
    EXPECT_EQ(host_read(m_outside + "/secret.txt"), "secret");
}

TEST_F(HostFileSystemTest, ReadLinkRewritesInsideTargetsAndRefusesEscapes) {
    auto filesystem = mount(MountMode::read_only);
    EXPECT_EQ(MUST(walk(*filesystem, "sub/rel_inside")->read_link()), "../hello.txt");
    EXPECT_EQ(MUST(walk(*filesystem, "sub/deeper/abs_inside")->read_link()), "../../sub/inner.txt");
    EXPECT_EQ(MUST(walk(*filesystem, "abs_messy")->read_link()), "hello.txt");
    EXPECT_EQ(MUST(walk(*filesystem, "abs_root")->read_link()), ".");
    for (std::string_view path : {"passwd_link", "escape", "sub/escape_sideways", "outside_dir_link"})
        EXPECT_EQ(error_of(walk(*filesystem, path)->read_link()), Errno::eacces) << path;
    EXPECT_EQ(error_of(walk(*filesystem, "hello.txt")->read_link()), Errno::einval);
    EXPECT_EQ(error_of(filesystem->root()->read_link()), Errno::einval);
}

TEST_F(HostFileSystemTest, StatShowsOwnerAndHostMetadata) {
    ASSERT_EQ(::chmod(host("hello.txt").c_str(), 0640), 0);
    auto filesystem = mount(MountMode::read_only);
    Stat stat = MUST(walk(*filesystem, "hello.txt")->stat());
    struct stat host_stat = host_lstat(host("hello.txt"));
    EXPECT_EQ(stat.uid, k_owner.uid);
    EXPECT_EQ(stat.gid, k_owner.gid);
    EXPECT_EQ(stat.device, filesystem->device_id());
    EXPECT_EQ(stat.inode, host_stat.st_ino);
    EXPECT_EQ(stat.permissions, 0640u);
    EXPECT_EQ(stat.link_count, host_stat.st_nlink);
    EXPECT_EQ(stat.modify_time.seconds, host_stat.st_mtim.tv_sec);
    EXPECT_EQ(stat.modify_time.nanoseconds, host_stat.st_mtim.tv_nsec);
    EXPECT_EQ(MUST(filesystem->root()->stat()).uid, k_owner.uid);
    EXPECT_TRUE(MUST(filesystem->root()->stat()).is_directory());
}

TEST_F(HostFileSystemTest, ReadOnlyMountRejectsEveryMutation) {
    auto filesystem = mount(MountMode::read_only);
    auto root = filesystem->root();
    auto hello = walk(*filesystem, "hello.txt");
    auto sub = walk(*filesystem, "sub");
    struct stat before = host_lstat(host("hello.txt"));

    EXPECT_EQ(error_of(root->create("new", {FileType::regular, 0644, 0, 0})), Errno::erofs);
    EXPECT_EQ(error_of(root->create("newdir", {FileType::directory, 0755, 0, 0})), Errno::erofs);
    EXPECT_EQ(error_of(root->create_symlink("newlink", "hello.txt", 0, 0)), Errno::erofs);
    EXPECT_EQ(error_of(root->link("hardlink", *hello)), Errno::erofs);
    EXPECT_EQ(error_of(root->unlink("hello.txt")), Errno::erofs);
    EXPECT_EQ(error_of(sub->remove_directory("deeper")), Errno::erofs);
    EXPECT_EQ(error_of(root->rename("hello.txt", *sub, "moved.txt")), Errno::erofs);
    EXPECT_EQ(error_of(hello->write_at(0, bytes_of("HELLO"), false)), Errno::erofs);
    EXPECT_EQ(error_of(hello->write_at(0, bytes_of("!"), true)), Errno::erofs);
    EXPECT_EQ(error_of(hello->truncate(0)), Errno::erofs);
    EXPECT_EQ(error_of(hello->change_mode(0777)), Errno::erofs);
    EXPECT_EQ(error_of(hello->change_owner(0, 0)), Errno::erofs);
    EXPECT_EQ(error_of(hello->set_times(Timespec{1, 0}, Timespec{1, 0})), Errno::erofs);

    struct stat after = host_lstat(host("hello.txt"));
    EXPECT_EQ(host_read(host("hello.txt")), "hello world");
    EXPECT_EQ(after.st_mode, before.st_mode);
    EXPECT_EQ(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
    EXPECT_EQ(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
    EXPECT_EQ(after.st_nlink, 1u);
    for (const char* name : {"new", "newdir", "newlink", "hardlink", "sub/moved.txt"})
        EXPECT_FALSE(host_exists(host(name))) << name;
    EXPECT_TRUE(host_exists(host("sub/deeper")));
    EXPECT_EQ(MUST(filesystem->statfs()).flags & 1, 1u);
}

TEST_F(HostFileSystemTest, ReadWriteMountChangesAreVisibleOnHost) {
    auto filesystem = mount(MountMode::read_write);
    auto root = filesystem->root();
    auto sub = walk(*filesystem, "sub");
    mode_t old_umask = ::umask(077);  // fchmod after create must beat the host umask
    auto file = MUST(root->create("notes.txt", {FileType::regular, 0664, 0, 0}));
    auto directory = MUST(root->create("made", {FileType::directory, 0751, 0, 0}));
    ::umask(old_umask);
    EXPECT_EQ(host_lstat(host("notes.txt")).st_mode, S_IFREG | 0664u);
    EXPECT_EQ(host_lstat(host("made")).st_mode, S_IFDIR | 0751u);
    EXPECT_EQ(MUST(filesystem->statfs()).flags & 1, 0u);

    WriteResult written = MUST(file->write_at(0, bytes_of("abc"), false));
    EXPECT_EQ(written.bytes, 3u);
    EXPECT_EQ(written.end_offset, 3u);
    written = MUST(file->write_at(5, bytes_of("xy"), false));
    EXPECT_EQ(written.end_offset, 7u);
    written = MUST(file->write_at(0, bytes_of("!"), true));
    EXPECT_EQ(written.end_offset, 8u);
    EXPECT_EQ(MUST(file->write_at(0, {}, true)).end_offset, 8u);
    EXPECT_EQ(host_read(host("notes.txt")), std::string("abc\0\0xy!", 8));
    MUST(file->truncate(2));
    EXPECT_EQ(host_read(host("notes.txt")), "ab");

    MUST(root->rename("notes.txt", *sub, "moved.txt"));
    EXPECT_FALSE(host_exists(host("notes.txt")));
    EXPECT_EQ(host_read(host("sub/moved.txt")), "ab");
    auto moved = MUST(sub->lookup("moved.txt"));
    MUST(sub->link("second", *moved));
    EXPECT_EQ(host_lstat(host("sub/second")).st_nlink, 2u);
    MUST(sub->unlink("moved.txt"));
    EXPECT_FALSE(host_exists(host("sub/moved.txt")));
    EXPECT_EQ(host_read(host("sub/second")), "ab");

    MUST(directory->create("child", {FileType::regular, 0600, 0, 0}));
    EXPECT_EQ(error_of(root->remove_directory("made")), Errno::enotempty);
    MUST(directory->unlink("child"));
    MUST(root->remove_directory("made"));
    EXPECT_FALSE(host_exists(host("made")));
}

TEST_F(HostFileSystemTest, MutationErrorsMatchLinux) {
    auto filesystem = mount(MountMode::read_write);
    auto root = filesystem->root();
    auto hello = walk(*filesystem, "hello.txt");
    EXPECT_EQ(error_of(root->unlink("sub")), Errno::eisdir);
    EXPECT_EQ(error_of(root->remove_directory("hello.txt")), Errno::enotdir);
    EXPECT_EQ(error_of(root->remove_directory("outside_dir_link")), Errno::enotdir);
    EXPECT_EQ(error_of(root->create("hello.txt", {FileType::regular, 0644, 0, 0})), Errno::eexist);
    EXPECT_EQ(error_of(root->create("sub", {FileType::directory, 0755, 0, 0})), Errno::eexist);
    EXPECT_EQ(error_of(root->create("passwd_link", {FileType::regular, 0644, 0, 0})), Errno::eexist);
    EXPECT_EQ(error_of(root->create("device", {FileType::char_device, 0644, 0, 0})), Errno::eperm);
    EXPECT_EQ(error_of(root->create("socket", {FileType::socket, 0644, 0, 0})), Errno::eperm);
    EXPECT_EQ(error_of(root->unlink("missing")), Errno::enoent);
    EXPECT_EQ(error_of(root->unlink("..")), Errno::einval);
    EXPECT_EQ(error_of(root->rename("hello.txt", *root, "a/b")), Errno::einval);
    std::vector<std::byte> buffer(16);
    EXPECT_EQ(error_of(root->read_at(0, buffer)), Errno::eisdir);
    EXPECT_EQ(error_of(root->write_at(0, bytes_of("x"), false)), Errno::eisdir);
    EXPECT_EQ(error_of(hello->read_directory()), Errno::enotdir);
    EXPECT_EQ(error_of(hello->create("x", {FileType::regular, 0644, 0, 0})), Errno::enotdir);
    EXPECT_FALSE(host_exists(host("device")));
}

TEST_F(HostFileSystemTest, CreatesFifoWithExactMode) {
    auto root = mount(MountMode::read_write)->root();
    auto fifo = MUST(root->create("pipe", {FileType::fifo, 0620, 0, 0}));
    EXPECT_EQ(host_lstat(host("pipe")).st_mode, S_IFIFO | 0620u);
    EXPECT_EQ(MUST(fifo->stat()).type, FileType::fifo);
    std::vector<std::byte> buffer(4);
    EXPECT_EQ(error_of(fifo->read_at(0, buffer)), Errno::einval);  // never opened on the host
}

TEST_F(HostFileSystemTest, CreateSymlinkRefusesTargetsLeavingTheTree) {
    auto filesystem = mount(MountMode::read_write);
    auto root = filesystem->root();
    auto sub = walk(*filesystem, "sub");
    EXPECT_EQ(error_of(root->create_symlink("l1", "/etc/passwd", 0, 0)), Errno::eacces);
    EXPECT_EQ(error_of(root->create_symlink("l2", host("hello.txt"), 0, 0)), Errno::eacces);
    EXPECT_EQ(error_of(root->create_symlink("l3", "../x", 0, 0)), Errno::eacces);
    EXPECT_EQ(error_of(sub->create_symlink("l4", "deeper/../../../x", 0, 0)), Errno::eacces);
    EXPECT_EQ(error_of(root->create_symlink("l5", "", 0, 0)), Errno::enoent);
    for (const char* name : {"l1", "l2", "l3", "sub/l4", "l5"})
        EXPECT_FALSE(host_exists(host(name))) << name;

    auto link = MUST(sub->create_symlink("to_hello", "../hello.txt", 0, 0));
    EXPECT_TRUE(MUST(link->stat()).is_symlink());
    EXPECT_EQ(MUST(link->read_link()), "../hello.txt");
    EXPECT_EQ(fs::read_symlink(host("sub/to_hello")).string(), "../hello.txt");
    EXPECT_EQ(error_of(sub->create_symlink("to_hello", "x", 0, 0)), Errno::eexist);
}

TEST_F(HostFileSystemTest, ChangesModeTimesAndIgnoresOwner) {
    auto filesystem = mount(MountMode::read_write);
    auto hello = walk(*filesystem, "hello.txt");
    MUST(hello->change_mode(0604));
    EXPECT_EQ(host_lstat(host("hello.txt")).st_mode, S_IFREG | 0604u);
    MUST(hello->change_mode(04755));  // setuid never reaches the host
    EXPECT_EQ(host_lstat(host("hello.txt")).st_mode, S_IFREG | 0755u);
    MUST(walk(*filesystem, "sub")->change_mode(02750));
    EXPECT_EQ(host_lstat(host("sub")).st_mode, S_IFDIR | 02750u);
    EXPECT_EQ(error_of(walk(*filesystem, "passwd_link")->change_mode(0777)), Errno::eopnotsupp);

    MUST(hello->set_times(Timespec{1000, 5}, Timespec{2000, 7}));
    struct stat times = host_lstat(host("hello.txt"));
    EXPECT_EQ(times.st_atim.tv_sec, 1000);
    EXPECT_EQ(times.st_atim.tv_nsec, 5);
    EXPECT_EQ(times.st_mtim.tv_sec, 2000);
    EXPECT_EQ(times.st_mtim.tv_nsec, 7);
    MUST(hello->set_times(std::nullopt, Timespec{3000, 0}));
    times = host_lstat(host("hello.txt"));
    EXPECT_EQ(times.st_atim.tv_sec, 1000);
    EXPECT_EQ(times.st_mtim.tv_sec, 3000);
    MUST(filesystem->root()->set_times(Timespec{4000, 0}, Timespec{5000, 0}));
    EXPECT_EQ(host_lstat(m_root).st_mtim.tv_sec, 5000);

    // Times of a symlink change the link, never what it points to.
    struct stat secret_before = host_lstat(m_outside);
    MUST(walk(*filesystem, "outside_dir_link")->set_times(Timespec{6000, 0}, Timespec{6000, 0}));
    EXPECT_EQ(host_lstat(host("outside_dir_link")).st_mtim.tv_sec, 6000);
    EXPECT_EQ(host_lstat(m_outside).st_mtim.tv_sec, secret_before.st_mtim.tv_sec);

    MUST(hello->change_owner(0, 0));
    EXPECT_EQ(MUST(hello->stat()).uid, k_owner.uid);
}

TEST_F(HostFileSystemTest, RenameAndLinkAcrossFilesystemsFailWithExdev) {
    auto first = mount(MountMode::read_write);
    auto second = mount(MountMode::read_write);
    auto hello = walk(*first, "hello.txt");
    EXPECT_EQ(error_of(first->root()->rename("hello.txt", *second->root(), "x")), Errno::exdev);
    EXPECT_EQ(error_of(second->root()->link("x", *hello)), Errno::exdev);
    EXPECT_TRUE(host_exists(host("hello.txt")));
    EXPECT_FALSE(host_exists(host("x")));
}

TEST_F(HostFileSystemTest, ReadDirectoryIsSortedWithTypesAndInodes) {
    auto filesystem = mount(MountMode::read_only);
    std::vector<DirEntry> entries = MUST(walk(*filesystem, "sub")->read_directory());
    std::vector<std::string> names;
    for (const DirEntry& entry : entries) {
        names.push_back(entry.name);
        EXPECT_EQ(entry.inode, host_lstat(host("sub/" + entry.name)).st_ino) << entry.name;
    }
    EXPECT_EQ(names, (std::vector<std::string>{"deeper", "escape_sideways", "inner.txt", "rel_inside"}));
    EXPECT_EQ(entries[0].type, FileType::directory);
    EXPECT_EQ(entries[1].type, FileType::symlink);
    EXPECT_EQ(entries[2].type, FileType::regular);
    EXPECT_EQ(MUST(filesystem->root()->read_directory()).size(), 7u);
}

TEST_F(HostFileSystemTest, HostRenameBehindOurBackCannotEscape) {
    auto filesystem = mount(MountMode::read_write);
    auto sub = walk(*filesystem, "sub");
    auto inner = walk(*filesystem, "sub/inner.txt");
    auto hello = walk(*filesystem, "hello.txt");
    // The host swaps the directory for a symlink to a tree holding a file of the same name, and
    // a file for a symlink to a file outside.
    fs::rename(host("sub"), host("sub_moved"));
    fs::create_symlink(m_outside, host("sub"));
    fs::remove(host("hello.txt"));
    fs::create_symlink(m_outside + "/secret.txt", host("hello.txt"));

    std::vector<std::byte> buffer(64);
    EXPECT_TRUE(inner->read_at(0, buffer).is_error());
    EXPECT_TRUE(inner->write_at(0, bytes_of("pwned"), false).is_error());
    EXPECT_TRUE(inner->truncate(0).is_error());
    EXPECT_TRUE(inner->stat().is_error());
    EXPECT_TRUE(inner->change_mode(0777).is_error());
    EXPECT_TRUE(inner->set_times(Timespec{1, 0}, Timespec{1, 0}).is_error());
    EXPECT_TRUE(sub->lookup("secret.txt").is_error());
    EXPECT_TRUE(sub->read_directory().is_error());
    EXPECT_TRUE(sub->create("planted", {FileType::regular, 0644, 0, 0}).is_error());
    EXPECT_TRUE(sub->unlink("inner.txt").is_error());
    EXPECT_TRUE(hello->read_at(0, buffer).is_error());
    EXPECT_TRUE(hello->write_at(0, bytes_of("pwned"), true).is_error());
    EXPECT_TRUE(hello->truncate(0).is_error());
    EXPECT_TRUE(hello->change_mode(0777).is_error());

    EXPECT_EQ(host_read(m_outside + "/secret.txt"), "secret");
    EXPECT_EQ(host_read(m_outside + "/inner.txt"), "not yours");
    EXPECT_FALSE(host_exists(m_outside + "/planted"));
    EXPECT_EQ(host_lstat(m_outside + "/secret.txt").st_mode & 07777, 0644u);
    EXPECT_EQ(host_read(host("sub_moved/inner.txt")), "inner");
}

TEST_F(HostFileSystemTest, ReadsLargeFileInOneCall) {
    constexpr size_t k_size = 3 * 1024 * 1024;
    std::string contents(k_size, '\0');
    for (size_t i = 0; i < k_size; ++i)
        contents[i] = static_cast<char>(i * 7 + i / 4096);
    host_write(host("large.bin"), contents);
    auto large = walk(*mount(MountMode::read_only), "large.bin");
    std::vector<std::byte> buffer(k_size + 100);
    size_t count = MUST(large->read_at(0, buffer));
    ASSERT_EQ(count, k_size);
    EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(buffer.data()), count), contents);
}

TEST_F(HostFileSystemTest, WritesLargeBufferInOneCall) {
    std::string contents(3 * 1024 * 1024 + 17, 'z');
    auto file = MUST(mount(MountMode::read_write)->root()->create("big", {FileType::regular, 0644, 0, 0}));
    WriteResult written = MUST(file->write_at(10, bytes_of(contents), false));
    EXPECT_EQ(written.bytes, contents.size());
    EXPECT_EQ(written.end_offset, contents.size() + 10);
    EXPECT_EQ(host_lstat(host("big")).st_size, static_cast<off_t>(contents.size() + 10));
}

TEST_F(HostFileSystemTest, MakeHostFilesystemValidatesThePath) {
    EXPECT_EQ(error_of(make_host_filesystem(host("missing"), MountMode::read_only)), Errno::enoent);
    EXPECT_EQ(error_of(make_host_filesystem(host("hello.txt"), MountMode::read_only)), Errno::enotdir);
    EXPECT_EQ(error_of(make_host_filesystem("", MountMode::read_only)), Errno::enoent);
    // A mount made through a symlink still recognises absolute links into the canonical tree.
    auto through_link = MUST(make_host_filesystem(host("abs_root"), MountMode::read_only));
    EXPECT_EQ(MUST(walk(*through_link, "sub/deeper/abs_inside")->read_link()), "../../sub/inner.txt");
}

TEST_F(HostFileSystemTest, ClosesEveryHostDescriptor) {
    size_t before = open_fd_count();
    {
        auto filesystem = mount(MountMode::read_write);
        auto root = filesystem->root();
        auto file = MUST(root->create("f", {FileType::regular, 0644, 0, 0}));
        MUST(file->write_at(0, bytes_of("data"), true));
        (void)read_text(*file);
        MUST(root->read_directory());
        MUST(walk(*filesystem, "sub/rel_inside")->read_link());
        MUST(root->rename("f", *root, "g"));
        EXPECT_TRUE(root->lookup("missing").is_error());
        EXPECT_TRUE(walk(*filesystem, "passwd_link")->read_link().is_error());
        EXPECT_TRUE(root->create("g", {FileType::regular, 0644, 0, 0}).is_error());
        EXPECT_LT(before, open_fd_count());  // the mount's root fd
    }
    EXPECT_EQ(open_fd_count(), before);
}

TEST_F(HostFileSystemTest, ConcurrentReadersSeeConsistentData) {
    auto filesystem = mount(MountMode::read_only);
    std::vector<std::thread> threads;
    std::vector<int> failures(8, 0);
    for (size_t t = 0; t < failures.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                auto hello = filesystem->root()->lookup("hello.txt");
                if (hello.is_error() || read_text(*hello.value()) != "hello world")
                    ++failures[t];
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (int count : failures)
        EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace secure_exec
