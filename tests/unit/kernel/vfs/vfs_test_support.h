// vfs_test_support.h — helpers shared by the VFS tests (tests/unit/kernel/vfs/).
//
// Process bodies are `void` lambdas so gtest's ASSERT_* and EXPECT_ERRNO (which return on
// failure) work inside them; CHECK_OK unwraps an ErrorOr, recording a failure and returning
// from the body instead of aborting the whole test binary the way MUST does.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "unit/kernel/support/kernel_fixture.h"

// Yields the value of an ErrorOr; on error adds a failure and returns from the enclosing
// void function (a test body or a process body).
#define CHECK_OK(expression)                                                                         \
    ({                                                                                               \
        auto _check_result = (expression);                                                           \
        if (_check_result.is_error()) {                                                              \
            ADD_FAILURE() << #expression << " failed: " << ::secure_exec::errno_name(_check_result.error()); \
            return;                                                                                  \
        }                                                                                            \
        _check_result.release_value();                                                               \
    })

// Expects an ErrorOr to succeed (without leaving the body).
#define EXPECT_OK(expression)                                                                        \
    do {                                                                                             \
        auto _expect_result = (expression);                                                          \
        EXPECT_FALSE(_expect_result.is_error())                                                      \
            << #expression << " failed: "                                                            \
            << (_expect_result.is_error() ? ::secure_exec::errno_name(_expect_result.error()) : "");  \
    } while (0)

namespace secure_exec::testing {

class VfsTest : public KernelFixture {
protected:
    using Body = std::function<void(ProcessContext&)>;

    // Runs `body` as a kernel process (uid 1000, cwd /home/user) and expects it to finish normally.
    void in_process(Body body, SpawnOptions spawn = {}) {
        int code = run(
            [body = std::move(body)](ProcessContext& process) {
                body(process);
                return 0;
            },
            std::move(spawn));
        EXPECT_EQ(code, 0) << "the process did not finish normally; stderr: " << m_last_stderr;
    }
};

// Creates `guest_path` and its parents one mkdir at a time, so tests of mounts do not depend on
// Kernel::mkdir(recursive) (which has its own test in mounts_test.cpp).
inline ErrorOr<void> make_mount_point(Kernel& kernel, std::string_view guest_path) {
    std::string partial;
    size_t start = 1;
    while (start <= guest_path.size()) {
        size_t slash = guest_path.find('/', start);
        if (slash == std::string_view::npos)
            slash = guest_path.size();
        partial = std::string(guest_path.substr(0, slash));
        auto made = kernel.mkdir(partial, false);
        if (made.is_error() && made.error() != Errno::eexist)
            return made.error();
        start = slash + 1;
    }
    return {};
}

// A memory filesystem whose root is mode 01777, as a freshly mounted Linux tmpfs is, so the
// guest user may create files in it.
inline std::shared_ptr<FileSystem> make_tmpfs() {
    auto filesystem = make_memory_filesystem();
    (void)filesystem->root()->change_mode(01777);
    return filesystem;
}

inline ErrorOr<void> mount_memory(Kernel& kernel, std::string_view guest_path,
                                  std::shared_ptr<FileSystem> filesystem = make_tmpfs(),
                                  MountMode mode = MountMode::read_write) {
    TRY(make_mount_point(kernel, guest_path));
    return kernel.mount_filesystem(guest_path, std::move(filesystem), mode);
}

// ^Helpers for process bodies. Each returns ErrorOr so bodies can CHECK_OK or EXPECT_ERRNO them.

inline ErrorOr<void> write_whole(ProcessContext& process, std::string_view path, std::string_view contents,
                                 uint32_t mode = 0644) {
    auto& k = process.kernel();
    int fd = TRY(k.open(process.pid(), path, flags::o_wronly | flags::o_creat | flags::o_trunc, mode));
    auto written = process.write_text(fd, contents);
    (void)k.close(process.pid(), fd);
    return written;
}

inline ErrorOr<std::string> read_whole(ProcessContext& process, std::string_view path) {
    auto& k = process.kernel();
    int fd = TRY(k.open(process.pid(), path, flags::o_rdonly));
    auto text = process.read_all(fd);
    (void)k.close(process.pid(), fd);
    return text;
}

inline std::vector<std::string> names_of(const std::vector<DirEntry>& entries) {
    std::vector<std::string> names;
    for (const auto& entry : entries)
        names.push_back(entry.name);
    return names;
}

inline const DirEntry* find_entry(const std::vector<DirEntry>& entries, std::string_view name) {
    for (const auto& entry : entries)
        if (entry.name == name)
            return &entry;
    return nullptr;
}

// ^Host-side helpers for mount tests.

inline std::string make_host_temp_directory(const char* prefix) {
    std::string pattern = std::string("/tmp/") + prefix + ".XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        return {};
    return std::filesystem::canonical(pattern).string();
}

inline std::string host_read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream contents;
    contents << in.rdbuf();
    return contents.str();
}

inline void host_write(const std::string& path, std::string_view contents) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << contents;
}

inline bool host_exists(const std::string& path) {
    struct stat ignored {};
    return ::lstat(path.c_str(), &ignored) == 0;
}

}  // namespace secure_exec::testing
