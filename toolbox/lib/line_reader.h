// line_reader.h — records from a descriptor, one at a time, in memory bounded by the longest
// record: the delimiter is '\n' (or '\0' for -z); a last record without one is still a record.
//
//   LineReader reader(fd);
//   std::string_view line;
//   while (reader.next(line)) { ... line ends with '\n' unless it is the unterminated last one ... }
//   if (reader.error() != 0) complain_file("cut", name, reader.error());
//
// Thread safety: confined to the applet that made it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace toolbox {

class LineReader final {
public:
    explicit LineReader(int fd, char delimiter = '\n');
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    // The next record, its delimiter included; valid until the next call. false at the end of
    // input or after a read error.
    bool next(std::string_view& record);
    // The errno of a failed read, 0 when the input just ended.
    int error() const { return m_error; }
    // Whatever is buffered but not yet returned, then raw reads: for applets that switch from
    // records to bytes (head -n then cat the rest). Returns bytes read, 0 at EOF, -1 on error.
    long read_raw(char* buffer, size_t size);

private:
    bool fill();

    int m_fd;
    char m_delimiter;
    std::string m_buffer;
    size_t m_start{0};
    size_t m_end{0};
    size_t m_scanned{0};  // bytes from m_start already searched for the delimiter
    bool m_eof{false};
    int m_error{0};
};

}  // namespace toolbox
