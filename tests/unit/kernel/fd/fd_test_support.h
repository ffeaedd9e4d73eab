// fd_test_support.h — small helpers shared by the descriptor, pipe, device and /proc tests.
//
// Process bodies return int, so failures of setup calls are reported with CHECK_OK, which records
// a gtest failure and returns k_check_failed from the body instead of aborting the whole binary
// (MUST would). err() turns any ErrorOr into "ok" or the errno name, for EXPECT_EQ.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <secure_exec/signals.h>

#include "unit/kernel/support/kernel_fixture.h"

namespace secure_exec::testing {

constexpr int k_check_failed = 99;

// Unwraps an ErrorOr inside a process body (a lambda returning int); on error records a failure
// and returns k_check_failed from the body.
#define SE_TEST_CONCAT_INNER(a, b) a##b
#define SE_TEST_CONCAT(a, b) SE_TEST_CONCAT_INNER(a, b)
#define CHECK_OK(expression) CHECK_OK_NAMED(expression, SE_TEST_CONCAT(_check_result_, __COUNTER__))
#define CHECK_OK_NAMED(expression, name)                                                        \
    ({                                                                                          \
        auto name = (expression);                                                               \
        if (name.is_error()) {                                                                  \
            ADD_FAILURE() << #expression << " failed: " << ::secure_exec::errno_name(name.error()); \
            return ::secure_exec::testing::k_check_failed;                                      \
        }                                                                                       \
        name.release_value();                                                                   \
    })

// "ok" on success, else the errno name ("EBADF").
template <typename T>
std::string err(ErrorOr<T> result) {
    return result.is_error() ? std::string(errno_name(result.error())) : std::string("ok");
}

// One read(2) of at most `size` bytes, as text.
inline ErrorOr<std::string> read_some(KernelInterface& k, Pid pid, int fd, size_t size) {
    std::string buffer(size, '\0');
    size_t count = TRY(k.read(pid, fd, std::as_writable_bytes(std::span(buffer))));
    buffer.resize(count);
    return buffer;
}

inline ErrorOr<std::string> pread_some(KernelInterface& k, Pid pid, int fd, size_t size, int64_t offset) {
    std::string buffer(size, '\0');
    size_t count = TRY(k.pread(pid, fd, std::as_writable_bytes(std::span(buffer)), offset));
    buffer.resize(count);
    return buffer;
}

// Creates (or truncates) `path`, writes `contents`, returns an O_RDWR fd whose cursor is at the end.
inline ErrorOr<int> make_file(KernelInterface& k, Pid pid, std::string_view path, std::string_view contents,
                              int extra_flags = 0) {
    int fd = TRY(k.open(pid, path, flags::o_rdwr | flags::o_creat | flags::o_trunc | extra_flags, 0644));
    size_t done = 0;
    while (done < contents.size())
        done += TRY(k.write(pid, fd, as_bytes(contents.substr(done))));
    return fd;
}

// Polls `condition` every millisecond until it holds or `timeout_ms` passes.
inline bool eventually(const std::function<bool()>& condition, int timeout_ms = 5000) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

inline std::set<std::string> entry_names(const std::vector<DirEntry>& entries) {
    std::set<std::string> names;
    for (const auto& entry : entries)
        names.insert(entry.name);
    return names;
}

inline std::vector<std::string> split_nul(const std::string& text) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\0', start);
        if (end == std::string::npos)
            end = text.size();
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

}  // namespace secure_exec::testing
