// hash_sha1.cpp — SHA-1 as FIPS 180-4 section 6.1 specifies it: an 80-word schedule over
// 64-byte blocks, big-endian.
#include <bit>

#include "lib/hash_impl.h"

namespace toolbox {

namespace {

class Sha1 final : public Hasher {
public:
    void update(std::string_view data) override {
        m_buffer.feed(data, false, [this](const unsigned char* block) { compress(block); });
    }
    std::string finish() override {
        pad_and_finish(m_buffer, 8, true, [this](const unsigned char* block) { compress(block); });
        std::string digest;
        for (uint32_t word : m_state)
            append_be(digest, word, 4);
        return digest;
    }

private:
    void compress(const unsigned char* block) {
        uint32_t w[80];
        for (int t = 0; t < 16; ++t)
            w[t] = load_be32(block + 4 * t);
        for (int t = 16; t < 80; ++t)
            w[t] = std::rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        uint32_t a = m_state[0], b = m_state[1], c = m_state[2], d = m_state[3], e = m_state[4];
        for (int t = 0; t < 80; ++t) {
            uint32_t f, k;
            if (t < 20) {
                f = (b & c) | (~b & d);
                k = 0x5a827999;
            } else if (t < 40) {
                f = b ^ c ^ d;
                k = 0x6ed9eba1;
            } else if (t < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8f1bbcdc;
            } else {
                f = b ^ c ^ d;
                k = 0xca62c1d6;
            }
            uint32_t temp = std::rotl(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = std::rotl(b, 30);
            b = a;
            a = temp;
        }
        m_state[0] += a;
        m_state[1] += b;
        m_state[2] += c;
        m_state[3] += d;
        m_state[4] += e;
    }

    uint32_t m_state[5]{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    BlockBuffer<64> m_buffer;
};

}  // namespace

std::unique_ptr<Hasher> make_sha1() { return std::make_unique<Sha1>(); }

}  // namespace toolbox
