// hash_md5.cpp — MD5 as RFC 1321 specifies it: four rounds of 16 steps over 64-byte blocks,
// little-endian words. The sine-derived constants are computed once rather than tabulated.
#include <bit>
#include <cmath>

#include "lib/hash_impl.h"

namespace toolbox {

namespace {

struct Md5Tables {
    uint32_t sines[64];
    Md5Tables() {
        for (int i = 0; i < 64; ++i)
            sines[i] = static_cast<uint32_t>(std::floor(std::fabs(std::sin(i + 1.0)) * 4294967296.0));
    }
};

constexpr int k_shifts[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

class Md5 final : public Hasher {
public:
    void update(std::string_view data) override {
        m_buffer.feed(data, false, [this](const unsigned char* block) { compress(block); });
    }
    std::string finish() override {
        pad_and_finish(m_buffer, 8, false, [this](const unsigned char* block) { compress(block); });
        std::string digest;
        for (uint32_t word : m_state)
            append_le(digest, word, 4);
        return digest;
    }

private:
    void compress(const unsigned char* block) {
        static const Md5Tables tables;
        uint32_t words[16];
        for (int i = 0; i < 16; ++i)
            words[i] = load_le32(block + 4 * i);
        uint32_t a = m_state[0], b = m_state[1], c = m_state[2], d = m_state[3];
        // Four steps per pass with the variables renamed instead of shifted along; one loop per
        // round so the round function is fixed.
        auto run = [&](auto function, int first, int scale, int offset) {
            auto step = [&](uint32_t& x, uint32_t y, uint32_t z, uint32_t u, int i) {
                x = y + std::rotl(x + function(y, z, u) + tables.sines[i] + words[(scale * i + offset) % 16],
                                  k_shifts[i / 16][i % 4]);
            };
            for (int i = first; i < first + 16; i += 4) {
                step(a, b, c, d, i);
                step(d, a, b, c, i + 1);
                step(c, d, a, b, i + 2);
                step(b, c, d, a, i + 3);
            }
        };
        run([](uint32_t x, uint32_t y, uint32_t z) { return (x & y) | (~x & z); }, 0, 1, 0);
        run([](uint32_t x, uint32_t y, uint32_t z) { return (z & x) | (~z & y); }, 16, 5, 1);
        run([](uint32_t x, uint32_t y, uint32_t z) { return x ^ y ^ z; }, 32, 3, 5);
        run([](uint32_t x, uint32_t y, uint32_t z) { return y ^ (x | ~z); }, 48, 7, 0);
        m_state[0] += a;
        m_state[1] += b;
        m_state[2] += c;
        m_state[3] += d;
    }

    uint32_t m_state[4]{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    BlockBuffer<64> m_buffer;
};

}  // namespace

std::unique_ptr<Hasher> make_md5() { return std::make_unique<Md5>(); }

}  // namespace toolbox
