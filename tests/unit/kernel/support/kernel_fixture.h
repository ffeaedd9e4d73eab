// kernel_fixture.h — a kernel with a FunctionDriver, for tests that run C++ functions as kernel
// processes. Register commands with add() before calling start(), or use run() for one-offs.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <string>
#include <vector>

#include <secure_exec/function_driver.h>
#include <secure_exec/kernel.h>
#include <secure_exec/open_flags.h>

namespace secure_exec::testing {

// Asserts an ErrorOr failed with a specific errno.
#define EXPECT_ERRNO(expression, expected)                                                   \
    do {                                                                                     \
        auto _result = (expression);                                                         \
        ASSERT_TRUE(_result.is_error()) << #expression << " succeeded, expected "            \
                                        << ::secure_exec::errno_name(expected);              \
        EXPECT_EQ(::secure_exec::errno_name(_result.error()), ::secure_exec::errno_name(expected)) \
            << #expression;                                                                  \
    } while (0)

#define ASSERT_OK(expression)                                                                \
    ({                                                                                       \
        auto _ok_result = (expression);                                                      \
        if (_ok_result.is_error()) {                                                         \
            ADD_FAILURE() << #expression << " failed: " << ::secure_exec::errno_name(_ok_result.error()); \
            std::abort();                                                                    \
        }                                                                                    \
        _ok_result.release_value();                                                          \
    })

class KernelFixture : public ::testing::Test {
protected:
    void SetUp() override {
        m_driver = std::make_shared<FunctionDriver>("test");
        // "fn ID args..." runs the function registered under ID (see function()).
        m_driver->add("fn", [this](ProcessContext& process) {
            FunctionDriver::Function body;
            {
                std::lock_guard lock(m_functions_mutex);
                body = m_functions.at(process.argv().at(1));
            }
            return body(process);
        });
    }

    void TearDown() override {
        if (m_kernel)
            m_kernel->dispose();
    }

    void add(const std::string& command, FunctionDriver::Function function) {
        m_driver->add(command, std::move(function));
    }

    // Creates the kernel and mounts the driver; options may be adjusted first via options().
    Kernel& start() {
        if (!m_kernel) {
            auto created = Kernel::create(std::move(m_options));
            if (created.is_error())
                std::abort();
            m_kernel = created.release_value();
            if (m_kernel->mount(m_driver).is_error())
                std::abort();
        }
        return *m_kernel;
    }

    KernelOptions& options() { return m_options; }
    Kernel& kernel() { return start(); }
    FunctionDriver& driver() { return *m_driver; }

    // Spawns `command` from the host, waits, returns the wait status.
    int run_status(const std::string& command, std::vector<std::string> args = {}, SpawnOptions spawn = {}) {
        auto process = start().spawn(command, std::move(args), std::move(spawn));
        if (process.is_error()) {
            ADD_FAILURE() << "spawn " << command << ": " << errno_name(process.error());
            return -1;
        }
        process.value()->close_stdin();
        m_last_stdout.clear();
        int status = process.value()->wait();
        m_last_stdout = process.value()->stdout_text();
        m_last_stderr = process.value()->stderr_text();
        return status;
    }

    // Registers a function for "fn ID"; returns ID. Usable at any time, also from processes.
    std::string function(FunctionDriver::Function body) {
        std::lock_guard lock(m_functions_mutex);
        std::string id = std::to_string(m_next_function++);
        m_functions.emplace(id, std::move(body));
        return id;
    }

    // Spawn request for a child process running `body`.
    SpawnRequest child(FunctionDriver::Function body, std::vector<std::string> args = {}) {
        SpawnRequest request;
        request.command = "fn";
        request.args = {function(std::move(body))};
        for (auto& argument : args)
            request.args.push_back(std::move(argument));
        return request;
    }

    // Runs `body` as a process started by the host; returns its wait status.
    int run_status_of(FunctionDriver::Function body, SpawnOptions spawn = {}) {
        return run_status("fn", {function(std::move(body))}, std::move(spawn));
    }

    // Runs `body` as a process started by the host; returns its shell exit code.
    int run(FunctionDriver::Function body, SpawnOptions spawn = {}) {
        return wait_status::shell_code(run_status_of(std::move(body), std::move(spawn)));
    }

    std::string m_last_stdout;
    std::string m_last_stderr;

private:
    KernelOptions m_options;
    std::shared_ptr<FunctionDriver> m_driver;
    std::unique_ptr<Kernel> m_kernel;
    std::mutex m_functions_mutex;
    std::map<std::string, FunctionDriver::Function> m_functions;
    int m_next_function{0};
};

inline std::string text_of(std::span<const std::byte> bytes) { return std::string(as_text(bytes)); }

}  // namespace secure_exec::testing
