// output_sink.h — a process's stdout or stderr delivered to the host: a callback, or a buffer.
// Writes run in the writing process's thread; the sink serializes them. Thread safety: m_mutex.
#pragma once

#include <string>

#include <secure_exec/kernel.h>

#include "file/file.h"
#include "sync/mutex.h"

namespace secure_exec::kernel {

class OutputSink final : public File {
public:
    OutputSink(OutputCallback callback, size_t max_collected_bytes, std::string name);

    std::string collected() const;

    // ^File
    ErrorOr<size_t> read(IoContext&, uint64_t, std::span<std::byte>) override { return Errno::ebadf; }
    ErrorOr<WriteResult> write(IoContext& context, uint64_t offset, std::span<const std::byte> data,
                               bool append) override;
    ErrorOr<Stat> stat() override;
    PollState poll() override { return {.writable = true}; }
    std::string link_text() const override { return m_name; }

private:
    const OutputCallback m_callback;
    const size_t m_max_collected_bytes;
    const std::string m_name;
    mutable Mutex m_mutex;
    std::string m_collected GUARDED_BY(m_mutex);
};

}  // namespace secure_exec::kernel
