// checksum_legacy.h — the pre-digest checksums of cksum and sum: the POSIX cksum CRC (CRC-32,
// polynomial 0x04C11DB7, MSB first, the length appended), the BSD 16-bit rotating sum (sum -r)
// and the System V sum (sum -s). Streamed: add() any pieces, then read the value.
// Thread safety: each object is confined to its user.
#pragma once

#include <cstdint>
#include <string_view>

namespace toolbox {

class PosixCrc final {
public:
    void add(std::string_view data);
    // The CRC over everything added, with the length folded in as POSIX specifies.
    uint32_t value() const;
    uint64_t length() const { return m_length; }

private:
    uint32_t m_crc{0};
    uint64_t m_length{0};
};

class BsdSum final {
public:
    void add(std::string_view data);
    unsigned value() const { return m_sum; }
    uint64_t length() const { return m_length; }

private:
    unsigned m_sum{0};
    uint64_t m_length{0};
};

class SysvSum final {
public:
    void add(std::string_view data);
    unsigned value() const;
    uint64_t length() const { return m_length; }

private:
    uint64_t m_total{0};
    uint64_t m_length{0};
};

}  // namespace toolbox
