// checksum_legacy.cpp — see checksum_legacy.h. The CRC goes a byte at a time through a table
// built once from the polynomial.
#include "lib/checksum_legacy.h"

namespace toolbox {

namespace {

struct CrcTable {
    uint32_t entries[256];
    CrcTable() {
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t crc = i << 24;
            for (int bit = 0; bit < 8; ++bit)
                crc = (crc & 0x80000000u) ? (crc << 1) ^ 0x04c11db7u : crc << 1;
            entries[i] = crc;
        }
    }
};

const CrcTable& crc_table() {
    static const CrcTable table;
    return table;
}

uint32_t crc_byte(uint32_t crc, unsigned char byte) {
    return (crc << 8) ^ crc_table().entries[((crc >> 24) ^ byte) & 0xff];
}

}  // namespace

void PosixCrc::add(std::string_view data) {
    const CrcTable& table = crc_table();
    uint32_t crc = m_crc;
    for (char c : data)
        crc = (crc << 8) ^ table.entries[((crc >> 24) ^ static_cast<unsigned char>(c)) & 0xff];
    m_crc = crc;
    m_length += data.size();
}

uint32_t PosixCrc::value() const {
    uint32_t crc = m_crc;
    for (uint64_t length = m_length; length != 0; length >>= 8)
        crc = crc_byte(crc, static_cast<unsigned char>(length & 0xff));
    return ~crc;
}

void BsdSum::add(std::string_view data) {
    unsigned sum = m_sum;
    for (char c : data) {
        sum = (sum >> 1) + ((sum & 1) << 15);
        sum = (sum + static_cast<unsigned char>(c)) & 0xffff;
    }
    m_sum = sum;
    m_length += data.size();
}

void SysvSum::add(std::string_view data) {
    uint64_t total = m_total;
    for (char c : data)
        total += static_cast<unsigned char>(c);
    m_total = total;
    m_length += data.size();
}

unsigned SysvSum::value() const {
    uint32_t low = static_cast<uint32_t>(m_total);
    unsigned folded = (low & 0xffff) + (low >> 16);
    return (folded & 0xffff) + (folded >> 16);
}

}  // namespace toolbox
