#include <secure_exec/function_driver.h>


namespace secure_exec {

namespace {

class FunctionProcess final : public DriverProcess {
public:
    explicit FunctionProcess(std::shared_ptr<ProcessContext> context) : m_context(std::move(context)) {}
    void notify(ProcessEvent event, int signal) override { m_notify(event, signal); }
    std::function<void(ProcessEvent, int)> m_notify;

private:
    std::shared_ptr<ProcessContext> m_context;
};

}  // namespace

ErrorOr<void> ProcessContext::write_text(int fd, std::string_view text) {
    while (!text.empty()) {
        size_t written = TRY(m_kernel.write(m_start.pid, fd, as_bytes(text)));
        text.remove_prefix(written);
    }
    return {};
}

ErrorOr<std::string> ProcessContext::read_all(int fd) {
    std::string result;
    std::byte buffer[65536];
    while (true) {
        size_t count = TRY(m_kernel.read(m_start.pid, fd, buffer));
        if (count == 0)
            return result;
        result.append(reinterpret_cast<const char*>(buffer), count);
    }
}

FunctionDriver::~FunctionDriver() { dispose(); }

void FunctionDriver::add(std::string command, Function function) {
    m_functions.insert_or_assign(std::move(command), std::move(function));
}

std::vector<std::string> FunctionDriver::commands() const {
    std::vector<std::string> names;
    for (const auto& [name, function] : m_functions)
        names.push_back(name);
    return names;
}

ErrorOr<void> FunctionDriver::init(KernelInterface& kernel) {
    if (m_kernel)
        return Errno::ebusy;  // one kernel per driver instance
    m_kernel = &kernel;
    return {};
}

ErrorOr<std::unique_ptr<DriverProcess>> FunctionDriver::spawn(const ProcessStart& start) {
    auto it = m_functions.find(start.command);
    if (it == m_functions.end() || !m_kernel)
        return Errno::enoent;
    auto context = std::make_shared<ProcessContext>(*m_kernel, start);
    auto handle = std::make_unique<FunctionProcess>(context);
    std::weak_ptr<ProcessContext> weak = context;
    handle->m_notify = [weak](ProcessEvent event, int signal) {
        if (auto alive = weak.lock()) {
            alive->m_last_signal = signal;
            if (event == ProcessEvent::terminate)
                alive->m_terminated = true;
        }
    };
    std::lock_guard lock(m_mutex);
    if (m_stopping)
        return Errno::eagain;
    m_queue.push_back(Task{std::move(context), &it->second});
    ++m_busy;
    // Every queued task needs its own idle worker, or one task blocked on another (a pipeline)
    // could wait forever behind it.
    if (m_idle >= m_queue.size())
        m_work_ready.notify_one();
    else
        m_threads.emplace_back(&FunctionDriver::worker_loop, this);
    return std::unique_ptr<DriverProcess>(std::move(handle));
}

void FunctionDriver::worker_loop() {
    std::unique_lock lock(m_mutex);
    while (true) {
        ++m_idle;
        m_work_ready.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
        --m_idle;
        if (m_queue.empty())
            return;  // stopping
        Task task = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        run(std::move(task));
        lock.lock();
        --m_busy;
    }
}

void FunctionDriver::run(Task task) {
    int code = (*task.function)(*task.context);
    m_kernel->exit(task.context->pid(), code);
}

void FunctionDriver::dispose() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        threads.swap(m_threads);
    }
    // Queued tasks still run (their processes exist in the kernel); then idle workers exit.
    m_work_ready.notify_all();
    for (auto& thread : threads)
        thread.join();
}

size_t FunctionDriver::running() const {
    std::lock_guard lock(m_mutex);
    return m_busy;
}

}  // namespace secure_exec
