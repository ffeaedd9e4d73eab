// output.h — buffered output for applets that write many small pieces (lines, fields, bytes):
// one 64 KiB buffer, written with write_all() when full or on flush(). A failed write is kept
// (error()) and later writes do nothing, so an applet checks once, at the end or per line.
//
//   Output out;                       // fd 1
//   out.write(line); out.put('\n');
//   return finish(out, "head", status);  // flushes; "head: write error: …" and 1 on failure
//
// Thread safety: confined to the applet that made it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace toolbox {

class Output final {
public:
    explicit Output(int fd = 1, size_t capacity = 65536);
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    // false once any write has failed (errno value in error()).
    bool write(std::string_view data);
    bool put(char c);
    bool flush();
    bool failed() const { return m_error != 0; }
    int error() const { return m_error; }
    int fd() const { return m_fd; }

private:
    int m_fd;
    size_t m_capacity;
    std::string m_buffer;
    int m_error{0};
};

// Flushes `out`; on failure prints "PROGRAM: write error: REASON" and returns 1 (on EPIPE the
// process first raises SIGPIPE on itself, as a GNU tool is killed by it), else returns `status`.
int finish(Output& out, std::string_view program, int status);
// What finish() does after a write failed with `error`: the message, SIGPIPE for EPIPE; returns 1.
int write_error(std::string_view program, int error);

}  // namespace toolbox
