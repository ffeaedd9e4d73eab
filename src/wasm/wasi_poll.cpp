// wasi_snapshot_preview1: poll_oneoff (see wasi_calls.h for the families).
#include <algorithm>
#include <chrono>
#include <climits>
#include <cstring>
#include <optional>
#include <vector>

#include <secure_exec/open_flags.h>

#include "wasm/wasi_calls.h"

namespace secure_exec::wasm::preview1 {

namespace {

// poll_oneoff: descriptor subscriptions wait in the kernel's poll(), with the earliest clock
// subscription as the timeout; without descriptors it is a sleep.
// subscription (48 bytes): userdata u64 @0, tag u8 @8, then @16 clock {id u32, timeout u64 @24,
// precision u64 @32, flags u16 @40} or fd_readwrite {fd u32}.
// event (32 bytes): userdata u64 @0, error u16 @8, type u8 @10, fd_readwrite {nbytes u64 @16, flags u16 @24}.
constexpr uint8_t k_event_clock = 0, k_event_fd_read = 1, k_event_fd_write = 2;
constexpr uint16_t k_subclock_abstime = 1, k_event_hangup = 1;

struct Subscription {
    uint64_t userdata{0};
    uint8_t tag{0};
    uint16_t error{k_wasi_success};  // found while reading it (bad clock, tag or fd): reported at once
    uint64_t remaining_ns{0};        // clocks: time left from the start of the call
    size_t poll_index{0};            // descriptors: the entry in the kernel poll's list
};

struct Event {
    uint64_t userdata{0};
    uint16_t error{k_wasi_success};
    uint8_t type{0};
    uint64_t nbytes{0};
    uint16_t flags{0};
};

// Reads subscription `at`; a descriptor subscription adds its entry to `fds`.
Subscription read_subscription(const GuestMemory& memory, uint32_t at, std::vector<PollFd>& fds) {
    Subscription subscription{.userdata = memory.load<uint64_t>(at), .tag = memory.load<uint8_t>(at + 8)};
    if (subscription.tag == k_event_clock) {
        uint32_t id = memory.load<uint32_t>(at + 16);
        uint64_t timeout = memory.load<uint64_t>(at + 24);
        if (id > 3) {
            subscription.error = k_wasi_inval;
        } else if (memory.load<uint16_t>(at + 40) & k_subclock_abstime) {
            uint64_t now = clock_now(id);
            subscription.remaining_ns = timeout > now ? timeout - now : 0;
        } else {
            subscription.remaining_ns = timeout;
        }
    } else if (subscription.tag == k_event_fd_read || subscription.tag == k_event_fd_write) {
        uint32_t fd = memory.load<uint32_t>(at + 16);
        if (fd > static_cast<uint32_t>(INT_MAX)) {
            subscription.error = k_wasi_badf;  // poll() would skip it as a negative fd
        } else {
            subscription.poll_index = fds.size();
            short events = subscription.tag == k_event_fd_read ? poll_events::pollin : poll_events::pollout;
            fds.push_back({static_cast<int>(fd), events, 0});
        }
    } else {
        subscription.error = k_wasi_inval;
    }
    return subscription;
}

// What a read would find (wasmtime reports FIONREAD): a pipe's buffered bytes, or a regular file's
// bytes past the position; 0 for what the kernel cannot say cheaply (terminals, devices).
uint64_t readable_bytes(WasiProcess& process, int fd) {
    auto status = process.kernel.fstat(process.pid, fd);
    if (status.is_error())
        return 0;
    if (status.value().type == FileType::fifo)
        return status.value().size;
    if (status.value().type != FileType::regular)
        return 0;
    auto position = process.kernel.seek(process.pid, fd, 0, flags::seek_cur);
    if (position.is_error() || position.value() >= status.value().size)
        return 0;
    return status.value().size - position.value();
}

// The event of a ready descriptor subscription. wasi-libc's poll() reads EBADF as POLLNVAL and
// EPIPE as POLLHUP; a write end without readers (POLLERR) is EPIPE, as a write would be.
Event descriptor_event(WasiProcess& process, const Subscription& subscription, const PollFd& entry) {
    using namespace poll_events;
    Event event{.userdata = subscription.userdata, .type = subscription.tag};
    if (entry.revents & pollnval)
        event.error = k_wasi_badf;
    else if (entry.revents & pollerr)
        event.error = to_wasi(subscription.tag == k_event_fd_write ? Errno::epipe : Errno::eio);
    else if (entry.revents & pollhup)
        event.flags = k_event_hangup;
    if (event.error == k_wasi_success && subscription.tag == k_event_fd_read)
        event.nbytes = readable_bytes(process, entry.fd);
    return event;
}

void store_event(const GuestMemory& memory, uint32_t at, const Event& event) {
    std::memset(memory.at(at), 0, 32);
    memory.store<uint64_t>(at, event.userdata);
    memory.store<uint16_t>(at + 8, event.error);
    memory.store<uint8_t>(at + 10, event.type);
    memory.store<uint64_t>(at + 16, event.nbytes);
    memory.store<uint16_t>(at + 24, event.flags);
}

// The kernel poll's timeout: none without clocks, 0 when an event is already due.
std::optional<uint64_t> poll_timeout(const std::vector<Subscription>& subscriptions) {
    std::optional<uint64_t> timeout;
    for (const auto& subscription : subscriptions) {
        if (subscription.error != k_wasi_success)
            return 0;
        if (subscription.tag == k_event_clock)
            timeout = std::min(timeout.value_or(UINT64_MAX), subscription.remaining_ns);
    }
    return timeout;
}

void poll_oneoff(const Info& info) {
    auto& process = process_of(info);
    uint32_t in = u32(info, 0), out = u32(info, 1), count = u32(info, 2), result_at = u32(info, 3);
    std::vector<Subscription> subscriptions;
    std::vector<PollFd> fds;
    {
        GuestMemory memory(process);
        if (!memory.valid(in, 48ull * count) || !memory.valid(out, 32ull * count) || !memory.valid(result_at, 4))
            return reply(info, k_wasi_fault);
        if (count == 0)
            return reply(info, k_wasi_inval);
        for (uint32_t i = 0; i < count; ++i)
            subscriptions.push_back(read_subscription(memory, in + 48 * i, fds));
    }
    std::optional<uint64_t> timeout = poll_timeout(subscriptions);
    auto started = std::chrono::steady_clock::now();
    auto ready = process.kernel.poll(process.pid, fds, timeout);
    if (ready.is_error())
        return reply(info, to_wasi(ready.error()));  // EINTR: a signal came first
    auto elapsed = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started).count());
    if (ready.value() == 0 && timeout)
        elapsed = std::max(elapsed, *timeout);  // the poll timed out: the earliest clock is due
    std::vector<Event> events;
    for (const auto& subscription : subscriptions) {
        if (subscription.error != k_wasi_success)
            events.push_back({.userdata = subscription.userdata, .error = subscription.error, .type = subscription.tag});
        else if (subscription.tag == k_event_clock && subscription.remaining_ns <= elapsed)
            events.push_back({.userdata = subscription.userdata, .type = k_event_clock});
        else if (subscription.tag != k_event_clock && fds[subscription.poll_index].revents != 0)
            events.push_back(descriptor_event(process, subscription, fds[subscription.poll_index]));
    }
    GuestMemory memory(process);
    for (size_t i = 0; i < events.size(); ++i)
        store_event(memory, out + 32 * static_cast<uint32_t>(i), events[i]);
    memory.store<uint32_t>(result_at, static_cast<uint32_t>(events.size()));
    reply(info, k_wasi_success);
}

constexpr Import k_imports[] = {
    {"poll_oneoff", poll_oneoff},
};

}  // namespace

std::span<const Import> poll_imports() { return k_imports; }

}  // namespace secure_exec::wasm::preview1
