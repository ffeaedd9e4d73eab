#include "file/poll_files.h"

#include <algorithm>

namespace secure_exec::kernel {

namespace {

// The files' queues hold the waiter while this lives. The files are kept alive by the caller's
// span, which outlives it.
class PollSubscriptions {
public:
    PollSubscriptions(Waiter& waiter, std::span<const std::shared_ptr<File>> files) : m_waiter(waiter), m_files(files) {
        for (const auto& file : m_files)
            if (file)
                file->poll_subscribe(m_waiter);
    }
    ~PollSubscriptions() {
        for (const auto& file : m_files)
            if (file)
                file->poll_unsubscribe(m_waiter);
    }
    PollSubscriptions(const PollSubscriptions&) = delete;
    PollSubscriptions& operator=(const PollSubscriptions&) = delete;

private:
    Waiter& m_waiter;
    const std::span<const std::shared_ptr<File>> m_files;
};

size_t scan(std::span<PollFd> fds, std::span<const std::shared_ptr<File>> files) {
    for (size_t i = 0; i < fds.size(); ++i)
        if (files[i])
            fds[i].revents = poll_revents(files[i]->poll(), fds[i].events);
    return static_cast<size_t>(std::count_if(fds.begin(), fds.end(), [](const PollFd& fd) { return fd.revents != 0; }));
}

}  // namespace

short poll_revents(const PollState& state, short events) {
    using namespace poll_events;
    int ready = (state.readable ? pollin : 0) | (state.writable ? pollout : 0) | (state.error ? pollerr : 0) |
                (state.hangup ? pollhup : 0);
    return static_cast<short>(ready & (events | pollerr | pollhup));
}

ErrorOr<size_t> poll_files(Waiter& waiter, std::span<PollFd> fds, std::span<const std::shared_ptr<File>> files,
                           std::optional<Waiter::Clock::time_point> deadline) {
    // The first look needs no queues: most calls find something ready, or only check.
    size_t ready = scan(fds, files);
    if (ready > 0 || (deadline && Waiter::Clock::now() >= *deadline))
        return ready;
    PollSubscriptions subscriptions(waiter, files);
    bool timed_out = false;
    while (true) {
        waiter.prepare();  // before the scan: a change after it sets the token again
        ready = scan(fds, files);
        if (ready > 0 || timed_out)
            return ready;
        if (waiter.interrupted())
            return Errno::eintr;
        WakeReason reason = waiter.sleep(deadline);
        timed_out = reason == WakeReason::timed_out;
    }
}

}  // namespace secure_exec::kernel
