// wasi_snapshot_preview1: args, environ, clocks and random (see wasi_calls.h for the families).
#include <sys/random.h>

#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "wasm/wasi_calls.h"

namespace secure_exec::wasm::preview1 {

namespace {

// args_get/environ_get: NUL-terminated strings packed at `buffer`, pointers at `pointers`.
void copy_strings(const Info& info, const std::vector<std::string>& strings) {
    GuestMemory memory(process_of(info));
    uint32_t pointers = u32(info, 0), buffer = u32(info, 1);
    uint64_t total = 0;
    for (const auto& text : strings)
        total += text.size() + 1;
    if (!memory.valid(pointers, 4ull * strings.size()) || !memory.valid(buffer, total))
        return reply(info, k_wasi_fault);
    for (const auto& text : strings) {
        memory.store<uint32_t>(pointers, buffer);
        std::memcpy(memory.at(buffer), text.c_str(), text.size() + 1);
        pointers += 4;
        buffer += static_cast<uint32_t>(text.size() + 1);
    }
    reply(info, k_wasi_success);
}

void sizes_of(const Info& info, const std::vector<std::string>& strings) {
    GuestMemory memory(process_of(info));
    uint32_t count_at = u32(info, 0), size_at = u32(info, 1);
    if (!memory.valid(count_at, 4) || !memory.valid(size_at, 4))
        return reply(info, k_wasi_fault);
    uint64_t total = 0;
    for (const auto& text : strings)
        total += text.size() + 1;
    memory.store<uint32_t>(count_at, static_cast<uint32_t>(strings.size()));
    memory.store<uint32_t>(size_at, static_cast<uint32_t>(total));
    reply(info, k_wasi_success);
}

void args_get(const Info& info) { copy_strings(info, process_of(info).argv); }
void args_sizes_get(const Info& info) { sizes_of(info, process_of(info).argv); }
void environ_get(const Info& info) { copy_strings(info, process_of(info).environ); }
void environ_sizes_get(const Info& info) { sizes_of(info, process_of(info).environ); }

void clock_time_get(const Info& info) {
    uint32_t id = u32(info, 0), result_at = u32(info, 2);
    GuestMemory memory(process_of(info));
    if (id > 3)
        return reply(info, k_wasi_inval);
    if (!memory.valid(result_at, 8))
        return reply(info, k_wasi_fault);
    memory.store<uint64_t>(result_at, clock_now(id));
    reply(info, k_wasi_success);
}

void clock_res_get(const Info& info) {
    GuestMemory memory(process_of(info));
    uint32_t result_at = u32(info, 1);
    if (u32(info, 0) > 3)
        return reply(info, k_wasi_inval);
    if (!memory.valid(result_at, 8))
        return reply(info, k_wasi_fault);
    memory.store<uint64_t>(result_at, 1);
    reply(info, k_wasi_success);
}

void random_get(const Info& info) {
    GuestMemory memory(process_of(info));
    uint32_t buffer = u32(info, 0), length = u32(info, 1);
    if (!memory.valid(buffer, length))
        return reply(info, k_wasi_fault);
    for (uint32_t done = 0; done < length;) {
        ssize_t got = getrandom(memory.at(buffer + done), length - done, 0);
        if (got <= 0)
            return reply(info, to_wasi(Errno::eio));
        done += static_cast<uint32_t>(got);
    }
    reply(info, k_wasi_success);
}

constexpr Import k_imports[] = {
    {"args_get", args_get},
    {"args_sizes_get", args_sizes_get},
    {"environ_get", environ_get},
    {"environ_sizes_get", environ_sizes_get},
    {"clock_time_get", clock_time_get},
    {"clock_res_get", clock_res_get},
    {"random_get", random_get},
};

}  // namespace

uint64_t clock_now(uint32_t id) {
    timespec now{};
    clock_gettime(id == 0 ? CLOCK_REALTIME : id == 1 ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<uint64_t>(now.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(now.tv_nsec);
}

std::span<const Import> args_clock_imports() { return k_imports; }

}  // namespace secure_exec::wasm::preview1
