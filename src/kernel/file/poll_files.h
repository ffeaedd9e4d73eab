// poll_files.h — poll(2)'s core: wait until any of several open files is ready.
//
// Mirrors Linux fs/select.c do_poll(). After a first look finds nothing, the caller's Waiter is
// queued on every file's wait queues (File::poll_subscribe) for the rest of the call. Each round
// then clears the waiter's wake token, asks every file for its PollState, and sleeps only if no
// entry has an event. A file that changes after it was asked wakes the waiter from under its
// own lock, which orders the wake after the check: the sleep returns at once, so no wake-up is
// lost and nothing spins. Signals end the sleep through Waiter::kick(), as for a blocked read.
//
//   std::vector<std::shared_ptr<File>> files = {reader, nullptr};  // null: settled by the caller
//   size_t ready = TRY(poll_files(process.waiter(), fds, files, deadline));
//
// Thread safety: runs on the calling thread; the files guard their own state.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>

#include <secure_exec/error_or.h>
#include <secure_exec/process_info.h>

#include "file/file.h"
#include "sync/waiter.h"

namespace secure_exec::kernel {

// A file's readiness as poll(2) revents, filtered by `events`; POLLERR and POLLHUP always count.
short poll_revents(const PollState& state, short events);

// Sets fds[i].revents from files[i] (entries whose file is null keep the revents the caller gave
// them, e.g. POLLNVAL) and returns how many revents are nonzero, waiting until that is at least
// one, `deadline` passes (then 0; a deadline already past only checks) or the waiter is
// interrupted (EINTR). No deadline waits without limit. Preconditions: fds.size() == files.size().
ErrorOr<size_t> poll_files(Waiter& waiter, std::span<PollFd> fds, std::span<const std::shared_ptr<File>> files,
                           std::optional<Waiter::Clock::time_point> deadline);

}  // namespace secure_exec::kernel
