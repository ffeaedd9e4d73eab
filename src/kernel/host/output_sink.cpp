#include "host/output_sink.h"

#include <algorithm>

#include "util/clock.h"

namespace secure_exec::kernel {

OutputSink::OutputSink(OutputCallback callback, size_t max_collected_bytes, std::string name)
    : m_callback(std::move(callback)), m_max_collected_bytes(max_collected_bytes), m_name(std::move(name)) {}

std::string OutputSink::collected() const {
    MutexLocker lock(m_mutex);
    return m_collected;
}

ErrorOr<WriteResult> OutputSink::write(IoContext&, uint64_t, std::span<const std::byte> data, bool) {
    MutexLocker lock(m_mutex);
    if (m_callback) {
        m_callback(data);
    } else {
        // Past the budget, output is dropped but the writer is told it succeeded, as a terminal
        // that scrolled would; the host asked for at most this much.
        size_t room = m_max_collected_bytes - std::min(m_max_collected_bytes, m_collected.size());
        m_collected.append(reinterpret_cast<const char*>(data.data()), std::min(room, data.size()));
    }
    return WriteResult{data.size(), 0};
}

ErrorOr<Stat> OutputSink::stat() {
    Stat status;
    status.type = FileType::fifo;
    status.permissions = 0600;
    status.access_time = status.modify_time = status.change_time = now_realtime();
    return status;
}

}  // namespace secure_exec::kernel
