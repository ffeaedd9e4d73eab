// The WasmVM driver: each process runs on a thread of its own, in an isolate of its own, with a
// module compiled once per binary (ModuleCache) and WASI preview1 over KernelInterface.
#include <secure_exec/wasm_driver.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <secure_exec/kernel_interface.h>
#include <secure_exec/open_flags.h>

#include "v8/cpu_watchdog.h"
#include "v8/isolate.h"
#include "v8/platform.h"
#include "wasm/import_call.h"
#include "wasm/isolate_pool.h"
#include "wasm/memory_limit.h"
#include "wasm/module_sections.h"
#include "wasm/module_cache.h"
#include "wasm/toolbox_image.h"
#include "wasm/wasi_errno.h"
#include "wasm/wasi_process.h"

namespace secure_exec::wasm {

namespace {

constexpr std::string_view k_wasm_magic{"\0asm", 4};
constexpr int k_exit_trap = 134;        // like SIGABRT's 128 + 6: the guest crashed
constexpr int k_exit_cpu_limit = 124;   // as timeout(1)
constexpr int k_exit_cannot_run = 126;  // as a shell's "cannot execute"
// A finished program whose linear memory grew past this gets a full GC before its isolate is
// reused, so the memory goes back to the host now rather than at some later collection.
constexpr size_t k_collect_after_bytes = size_t{16} << 20;

// The kernel's handle on a running program: stops its isolate on a fatal signal.
class WasmProcessHandle final : public DriverProcess {
public:
    void notify(ProcessEvent event, int) override {
        if (event != ProcessEvent::terminate)
            return;
        std::lock_guard lock(m_mutex);
        m_terminated = true;
        if (m_isolate)
            m_isolate->terminate();
    }
    bool terminated() {
        std::lock_guard lock(m_mutex);
        return m_terminated;
    }
    void attach(v8_layer::Isolate* isolate) {
        std::lock_guard lock(m_mutex);
        m_isolate = isolate;
        if (m_isolate && m_terminated)
            m_isolate->terminate();
    }

private:
    std::mutex m_mutex;
    v8_layer::Isolate* m_isolate{nullptr};  // guarded by m_mutex; valid while attached
    bool m_terminated{false};
};

ErrorOr<std::string> read_guest_file(KernelInterface& kernel, Pid pid, const std::string& path) {
    int fd = TRY(kernel.open(pid, path, flags::o_rdonly | flags::o_cloexec));
    std::string bytes;
    std::byte buffer[65536];
    while (true) {
        auto count = kernel.read(pid, fd, buffer);
        if (count.is_error() || count.value() == 0) {
            (void)kernel.close(pid, fd);
            if (count.is_error())
                return count.error();
            return bytes;
        }
        bytes.append(reinterpret_cast<const char*>(buffer), count.value());
    }
}

void say(KernelInterface& kernel, Pid pid, const std::string& text) {
    (void)kernel.write(pid, 2, as_bytes(text));
}

std::string exception_text(v8::Isolate* isolate, v8::TryCatch& try_catch) {
    if (!try_catch.HasCaught() || try_catch.Exception().IsEmpty())
        return "unknown error";
    v8::String::Utf8Value text(isolate, try_catch.Exception());
    return *text ? *text : "unknown error";
}

// Compiled modules and idle isolates belong to the host process, not to one kernel: a service
// that makes a fresh sandbox per request should compile the toolbox once and reuse warm isolates.
// Both are deliberately never destroyed (their V8 objects must not outlive the platform at exit).
ModuleCache& process_module_cache() {
    static auto* cache = new ModuleCache;
    return *cache;
}

using IsolatePools = std::map<std::pair<size_t, size_t>, std::unique_ptr<IsolatePool>>;

IsolatePools& isolate_pools() {
    static auto* pools = new IsolatePools;
    return *pools;
}

std::mutex& isolate_pools_mutex() {
    static auto* mutex = new std::mutex;
    return *mutex;
}

// Idle isolates are disposed at exit, before the V8 platform's static destructor runs (an atexit
// handler registered after the platform exists runs first): a live isolate's background tasks
// must not outlive the platform's worker threads.
void dispose_idle_isolates() {
    std::lock_guard lock(isolate_pools_mutex());
    for (auto& [limits, pool] : isolate_pools())
        pool->clear();
}

IsolatePool& process_isolate_pool(const v8_layer::IsolateOptions& options) {
    static bool registered = [] {
        v8_layer::initialise_platform();
        return std::atexit(dispose_idle_isolates) == 0;
    }();
    (void)registered;
    std::lock_guard lock(isolate_pools_mutex());
    auto& pool = isolate_pools()[{options.heap_limit_bytes, options.array_buffer_limit_bytes}];
    if (!pool)
        pool = std::make_unique<IsolatePool>(options);
    return *pool;
}

}  // namespace

class WasmDriver final : public Driver {
public:
    explicit WasmDriver(WasmDriverOptions options)
        : m_options(std::move(options)),
          m_isolates(process_isolate_pool(v8_layer::IsolateOptions{.heap_limit_bytes = m_options.heap_limit_bytes,
                                                                   .array_buffer_limit_bytes = m_options.heap_limit_bytes})) {}
    ~WasmDriver() override { dispose(); }

    std::string_view name() const override { return "wasmvm"; }
    std::vector<std::string> commands() const override {
        if (!m_toolbox)
            return {};
        return m_options.toolbox_commands.empty() ? m_toolbox->commands : m_options.toolbox_commands;
    }
    bool can_execute(std::span<const std::byte> header) const override {
        return as_text(header).substr(0, 4) == k_wasm_magic;
    }

    ErrorOr<void> init(KernelInterface& kernel) override {
        m_kernel = &kernel;
        if (!m_options.toolbox_path.empty())
            m_toolbox = TRY(load_toolbox_image(m_options.toolbox_path, memory_limit_pages()));
        return {};
    }

    ErrorOr<std::unique_ptr<DriverProcess>> spawn(const ProcessStart& start) override {
        auto handle = std::make_unique<WasmProcessHandle>();
        WasmProcessHandle* raw = handle.get();
        std::lock_guard lock(m_mutex);
        if (m_disposed)
            return Errno::eagain;
        reap_finished_locked();
        uint64_t id = m_next_thread++;
        m_threads.emplace(id, std::thread([this, start, raw, id] {
            run(start, *raw);
            std::lock_guard done(m_mutex);
            m_finished.push_back(id);
        }));
        return std::unique_ptr<DriverProcess>(std::move(handle));
    }

    void dispose() override {
        std::map<uint64_t, std::thread> threads;
        {
            std::lock_guard lock(m_mutex);
            m_disposed = true;
            threads.swap(m_threads);
        }
        for (auto& [id, thread] : threads)
            thread.join();
    }

private:
    void reap_finished_locked() {
        for (uint64_t id : m_finished) {
            auto it = m_threads.find(id);
            if (it == m_threads.end())
                continue;
            it->second.join();  // the thread has finished its work; this only collects it
            m_threads.erase(it);
        }
        m_finished.clear();
    }

    uint32_t memory_limit_pages() const {
        return static_cast<uint32_t>(std::min<uint64_t>(m_options.memory_limit_bytes / k_wasm_page_bytes, UINT32_MAX));
    }

    ErrorOr<std::shared_ptr<const std::string>> module_bytes(const ProcessStart& start) {
        if (!start.executable_path.empty()) {
            auto bytes = read_guest_file(*m_kernel, start.pid, start.executable_path);
            if (!bytes.is_error() && bytes.value().substr(0, 4) == k_wasm_magic)
                return std::make_shared<const std::string>(TRY(with_memory_limit(bytes.value(), memory_limit_pages())));
        }
        if (m_toolbox)
            return m_toolbox->bytes;  // a /bin stub of a toolbox applet
        return Errno::enoexec;
    }

    // How a program ended, for its exit code and for whether its isolate may serve another.
    struct Outcome {
        int code{0};
        bool reusable{false};
        bool large_memory{false};
    };

    void run(const ProcessStart& start, WasmProcessHandle& handle) {
        auto lease = m_isolates.acquire();
        Outcome outcome = execute(start, handle, *lease.isolate);
        m_kernel->exit(start.pid, outcome.code);  // the parent's waitpid returns now; tidying follows
        if (outcome.reusable && outcome.large_memory) {
            v8::Locker locker(lease.isolate->get());
            v8::Isolate::Scope scope(lease.isolate->get());
            lease.isolate->get()->LowMemoryNotification();
        }
        m_isolates.release(std::move(lease), outcome.reusable);
    }

    Outcome execute(const ProcessStart& start, WasmProcessHandle& handle, WarmIsolate& warm);

    const WasmDriverOptions m_options;
    std::shared_ptr<const ToolboxImage> m_toolbox;
    KernelInterface* m_kernel{nullptr};
    ModuleCache& m_cache{process_module_cache()};
    IsolatePool& m_isolates;
    v8_layer::CpuWatchdog m_watchdog;
    std::mutex m_mutex;
    std::map<uint64_t, std::thread> m_threads;
    std::vector<uint64_t> m_finished;
    uint64_t m_next_thread{0};
    bool m_disposed{false};
};

WasmDriver::Outcome WasmDriver::execute(const ProcessStart& start, WasmProcessHandle& handle, WarmIsolate& warm) {
    v8_layer::Isolate& isolate = warm.isolate();
    KernelInterface& kernel = *m_kernel;
    auto bytes = module_bytes(start);
    if (bytes.is_error()) {
        std::string reason = bytes.error() == Errno::enomem ? "it needs more memory than the limit allows"
                                                            : std::string(errno_message(bytes.error()));
        say(kernel, start.pid, start.argv.at(0) + ": cannot execute: " + reason + "\n");
        return Outcome{.code = k_exit_cannot_run, .reusable = true};
    }
    WasiProcess process{kernel, start.pid, start.argv, start.environ};
    auto root = kernel.open(start.pid, "/", flags::o_rdonly | flags::o_directory | flags::o_cloexec);
    process.preopen_fd = root.is_error() ? -1 : root.value();

    handle.attach(&isolate);
    std::unique_ptr<v8_layer::CpuWatchdog::Guard> guard;
    if (m_options.cpu_limit_ms > 0)
        guard = m_watchdog.watch(std::chrono::milliseconds(m_options.cpu_limit_ms), [&isolate] { isolate.terminate(); });
    v8::Isolate* v8_isolate = isolate.get();
    process.isolate = v8_isolate;
    int code = 0;
    bool terminated = false;
    size_t memory_bytes = 0;
    {
        // The Locker moves the isolate to this thread (its stack limit, its thread data): a
        // pooled isolate last ran on another process's thread.
        v8::Locker locker(v8_isolate);
        v8::Isolate::Scope isolate_scope(v8_isolate);
        v8::HandleScope handles(v8_isolate);
        auto context = warm.context();
        v8::Context::Scope context_scope(context);
        v8::TryCatch try_catch(v8_isolate);
        ProcessBinding binding(v8_isolate, process);
        code = [&]() -> int {
            v8::Local<v8::WasmModuleObject> module;
            if (!m_cache.module_for(v8_isolate, bytes.value()).ToLocal(&module)) {
                say(kernel, start.pid, start.argv.at(0) + ": invalid wasm module: " + exception_text(v8_isolate, try_catch) + "\n");
                return k_exit_cannot_run;
            }
            auto key = [&](const char* text) { return v8::String::NewFromUtf8(v8_isolate, text).ToLocalChecked(); };
            auto webassembly = context->Global()->Get(context, key("WebAssembly")).ToLocalChecked().As<v8::Object>();
            auto imports = warm.imports(context);
            auto instance_class = webassembly->Get(context, key("Instance")).ToLocalChecked().As<v8::Function>();
            v8::Local<v8::Value> instance_args[] = {module, imports};
            v8::Local<v8::Object> instance;
            if (!instance_class->NewInstance(context, 2, instance_args).ToLocal(&instance)) {
                say(kernel, start.pid, start.argv.at(0) + ": cannot instantiate: " + exception_text(v8_isolate, try_catch) + "\n");
                return k_exit_cannot_run;
            }
            auto exports = instance->Get(context, key("exports")).ToLocalChecked().As<v8::Object>();
            auto memory = exports->Get(context, key("memory")).ToLocalChecked();
            if (memory->IsWasmMemoryObject())
                process.memory.Reset(v8_isolate, memory.As<v8::WasmMemoryObject>());
            auto entry = exports->Get(context, key("_start")).ToLocalChecked();
            if (!entry->IsFunction()) {
                say(kernel, start.pid, start.argv.at(0) + ": not a WASI command (no _start)\n");
                return k_exit_cannot_run;
            }
            // A fatal signal that came while the isolate was being set up asked V8 to terminate,
            // but V8 drops a termination that fires outside any guest code (context creation,
            // instantiation): without this check the program would run on, every syscall EINTR.
            if (handle.terminated())
                return 128 + 9;
            if (!entry.As<v8::Function>()->Call(context, v8::Undefined(v8_isolate), 0, nullptr).IsEmpty())
                return 0;
            if (process.exit_code)
                return *process.exit_code;
            if (try_catch.HasTerminated()) {
                if (guard && guard->exceeded()) {
                    v8_isolate->CancelTerminateExecution();
                    say(kernel, start.pid, start.argv.at(0) + ": CPU time limit exceeded\n");
                    return k_exit_cpu_limit;
                }
                return 128 + 9;  // a fatal signal: the kernel's status says which
            }
            say(kernel, start.pid, start.argv.at(0) + ": wasm trap: " + exception_text(v8_isolate, try_catch) + "\n");
            return k_exit_trap;
        }();
        terminated = try_catch.HasTerminated();
        if (!process.memory.IsEmpty())
            memory_bytes = process.memory.Get(v8_isolate)->Buffer()->ByteLength();
        process.memory.Reset();
    }
    bool over_cpu = guard && guard->exceeded();
    guard.reset();
    handle.attach(nullptr);
    bool reusable = !terminated && !over_cpu && !handle.terminated();
    return Outcome{.code = code, .reusable = reusable, .large_memory = memory_bytes > k_collect_after_bytes};
}

}  // namespace secure_exec::wasm

namespace secure_exec {

std::shared_ptr<Driver> make_wasm_driver(WasmDriverOptions options) {
    return std::make_shared<wasm::WasmDriver>(std::move(options));
}

}  // namespace secure_exec
