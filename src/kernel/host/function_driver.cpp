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
    join_finished();
    std::lock_guard lock(m_mutex);
    uint64_t id = m_next_thread_id++;
    m_threads.emplace(id, std::thread(&FunctionDriver::run, this, id, std::move(context), std::cref(it->second)));
    return std::unique_ptr<DriverProcess>(std::move(handle));
}

void FunctionDriver::run(uint64_t id, std::shared_ptr<ProcessContext> context, const Function& function) {
    int code = function(*context);
    m_kernel->exit(context->pid(), code);
    context.reset();
    std::lock_guard lock(m_mutex);
    m_finished.push_back(id);
}

void FunctionDriver::join_finished() {
    std::vector<std::thread> done;
    {
        std::lock_guard lock(m_mutex);
        for (uint64_t id : m_finished) {
            auto it = m_threads.find(id);
            if (it == m_threads.end())
                continue;  // already joined by dispose()
            done.push_back(std::move(it->second));
            m_threads.erase(it);
        }
        m_finished.clear();
    }
    for (auto& thread : done)
        thread.join();
}

void FunctionDriver::dispose() {
    std::map<uint64_t, std::thread> threads;
    {
        std::lock_guard lock(m_mutex);
        threads.swap(m_threads);
        m_finished.clear();
    }
    for (auto& [id, thread] : threads)
        thread.join();
}

size_t FunctionDriver::running() const {
    std::lock_guard lock(m_mutex);
    return m_threads.size() - m_finished.size();
}

}  // namespace secure_exec
