// hash_blake2b.cpp — BLAKE2b as RFC 7693 specifies it (unkeyed, digest of 1..64 bytes): 12
// rounds of the G mixing function over 128-byte blocks, little-endian words. The last block is
// compressed apart (with the final flag), so a block that fills up stays buffered until more
// input shows it is not the last.
#include <bit>

#include "lib/hash_impl.h"

namespace toolbox {

namespace {

constexpr uint64_t k_iv[8] = {
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};

constexpr uint8_t k_sigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

inline void mix(uint64_t* v, int a, int b, int c, int d, uint64_t x, uint64_t y) {
    v[a] = v[a] + v[b] + x;
    v[d] = std::rotr(v[d] ^ v[a], 32);
    v[c] = v[c] + v[d];
    v[b] = std::rotr(v[b] ^ v[c], 24);
    v[a] = v[a] + v[b] + y;
    v[d] = std::rotr(v[d] ^ v[a], 16);
    v[c] = v[c] + v[d];
    v[b] = std::rotr(v[b] ^ v[c], 63);
}

class Blake2b final : public Hasher {
public:
    explicit Blake2b(size_t digest_bytes) : m_digest_bytes(digest_bytes) {
        std::copy(k_iv, k_iv + 8, m_state);
        m_state[0] ^= 0x01010000 ^ digest_bytes;
    }
    void update(std::string_view data) override {
        m_buffer.feed(data, true, [this](const unsigned char* block) {
            m_counter += 128;
            compress(block, false);
        });
    }
    std::string finish() override {
        unsigned char* block = m_buffer.block();
        std::fill(block + m_buffer.used(), block + 128, 0);
        m_counter += m_buffer.used();
        compress(block, true);
        std::string digest;
        for (uint64_t word : m_state)
            append_le(digest, word, 8);
        digest.resize(m_digest_bytes);
        return digest;
    }

private:
    void compress(const unsigned char* block, bool last) {
        uint64_t m[16];
        for (int i = 0; i < 16; ++i)
            m[i] = load_le64(block + 8 * i);
        uint64_t v[16];
        std::copy(m_state, m_state + 8, v);
        std::copy(k_iv, k_iv + 8, v + 8);
        v[12] ^= m_counter;  // the counter's high word stays 0 below 2^64 bytes
        if (last)
            v[14] = ~v[14];
        for (int round = 0; round < 12; ++round) {
            const uint8_t* s = k_sigma[round % 10];
            mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (int i = 0; i < 8; ++i)
            m_state[i] ^= v[i] ^ v[i + 8];
    }

    size_t m_digest_bytes;
    uint64_t m_state[8]{};
    uint64_t m_counter{0};
    BlockBuffer<128> m_buffer;
};

}  // namespace

std::unique_ptr<Hasher> make_blake2b(size_t digest_bytes) { return std::make_unique<Blake2b>(digest_bytes); }

}  // namespace toolbox
