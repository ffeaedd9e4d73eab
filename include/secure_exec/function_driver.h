// function_driver.h — a driver that runs C++ functions as kernel processes.
//
// Each registered command is a function; a spawn runs it on a thread of its own with a
// ProcessContext that reaches the kernel only through KernelInterface, like any driver. Use it to
// add host-implemented commands to a sandbox, and in tests. A function should return when its
// syscalls fail with EINTR after a fatal signal (terminated() tells it so), since C++ code cannot
// be stopped from outside.
//
//   auto driver = std::make_shared<FunctionDriver>("tools");
//   driver->add("greet", [](ProcessContext& process) {
//       process.write_text(1, "hello " + process.argv().at(1) + "\n");
//       return 0;
//   });
//   MUST(kernel->mount(driver));
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <secure_exec/driver.h>
#include <secure_exec/kernel_interface.h>

namespace secure_exec {

class ProcessContext {
public:
    ProcessContext(KernelInterface& kernel, ProcessStart start) : m_kernel(kernel), m_start(std::move(start)) {}

    KernelInterface& kernel() { return m_kernel; }
    Pid pid() const { return m_start.pid; }
    const std::vector<std::string>& argv() const { return m_start.argv; }
    const std::vector<std::string>& environ() const { return m_start.environ; }
    const ProcessStart& start() const { return m_start; }

    // Writes all of `text` to fd (looping over partial writes).
    ErrorOr<void> write_text(int fd, std::string_view text);
    // Reads fd to EOF.
    ErrorOr<std::string> read_all(int fd);

    // Whether a fatal signal (SIGKILL, or an unhandled SIGTERM...) has hit this process. Asks the
    // kernel when the driver has not been told yet, so it is exact; parks while stopped.
    bool terminated() const {
        return m_terminated.load() || m_kernel.checkpoint(m_start.pid).is_error();
    }
    int last_event_signal() const { return m_last_signal.load(); }

private:
    friend class FunctionDriver;
    KernelInterface& m_kernel;
    const ProcessStart m_start;
    std::atomic<bool> m_terminated{false};
    std::atomic<int> m_last_signal{0};
};

class FunctionDriver final : public Driver {
public:
    using Function = std::function<int(ProcessContext&)>;

    explicit FunctionDriver(std::string name = "function") : m_name(std::move(name)) {}
    ~FunctionDriver() override;

    // Register before mounting; later registrations are not seen by the kernel's registry.
    void add(std::string command, Function function);

    // ^Driver
    std::string_view name() const override { return m_name; }
    std::vector<std::string> commands() const override;
    ErrorOr<void> init(KernelInterface& kernel) override;
    ErrorOr<std::unique_ptr<DriverProcess>> spawn(const ProcessStart& start) override;
    void dispose() override;

    // Threads still running a function.
    size_t running() const;

private:
    struct Task {
        std::shared_ptr<ProcessContext> context;
        const Function* function{nullptr};
    };
    void worker_loop();
    void run(Task task);

    const std::string m_name;
    std::map<std::string, Function> m_functions;
    KernelInterface* m_kernel{nullptr};
    // Processes run on a pool of threads: a spawn reuses an idle thread (no thread creation on the
    // hot path) and starts a new one only when all are busy. dispose() joins every thread.
    mutable std::mutex m_mutex;
    std::condition_variable m_work_ready;
    std::deque<Task> m_queue;
    std::vector<std::thread> m_threads;
    size_t m_idle{0};
    size_t m_busy{0};
    bool m_stopping{false};
};

}  // namespace secure_exec
