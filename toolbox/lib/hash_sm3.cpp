// hash_sm3.cpp — SM3 (GB/T 32905-2016, cksum -a sm3): a 68-word expansion and 64 rounds over
// 64-byte blocks, big-endian, with SHA-256's padding.
#include <bit>

#include "lib/hash_impl.h"

namespace toolbox {

namespace {

constexpr uint32_t k_initial[8] = {0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600,
                                   0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e};

inline uint32_t p0(uint32_t x) { return x ^ std::rotl(x, 9) ^ std::rotl(x, 17); }
inline uint32_t p1(uint32_t x) { return x ^ std::rotl(x, 15) ^ std::rotl(x, 23); }

class Sm3 final : public Hasher {
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
        uint32_t w[68];
        for (int j = 0; j < 16; ++j)
            w[j] = load_be32(block + 4 * j);
        for (int j = 16; j < 68; ++j)
            w[j] = p1(w[j - 16] ^ w[j - 9] ^ std::rotl(w[j - 3], 15)) ^ std::rotl(w[j - 13], 7) ^ w[j - 6];
        uint32_t a = m_state[0], b = m_state[1], c = m_state[2], d = m_state[3];
        uint32_t e = m_state[4], f = m_state[5], g = m_state[6], h = m_state[7];
        for (int j = 0; j < 64; ++j) {
            uint32_t constant = j < 16 ? 0x79cc4519u : 0x7a879d8au;
            uint32_t ss1 = std::rotl(std::rotl(a, 12) + e + std::rotl(constant, j % 32), 7);
            uint32_t ss2 = ss1 ^ std::rotl(a, 12);
            uint32_t ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
            uint32_t gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
            uint32_t tt1 = ff + d + ss2 + (w[j] ^ w[j + 4]);
            uint32_t tt2 = gg + h + ss1 + w[j];
            d = c;
            c = std::rotl(b, 9);
            b = a;
            a = tt1;
            h = g;
            g = std::rotl(f, 19);
            f = e;
            e = p0(tt2);
        }
        m_state[0] ^= a;
        m_state[1] ^= b;
        m_state[2] ^= c;
        m_state[3] ^= d;
        m_state[4] ^= e;
        m_state[5] ^= f;
        m_state[6] ^= g;
        m_state[7] ^= h;
    }

    uint32_t m_state[8]{k_initial[0], k_initial[1], k_initial[2], k_initial[3],
                        k_initial[4], k_initial[5], k_initial[6], k_initial[7]};
    BlockBuffer<64> m_buffer;
};

}  // namespace

std::unique_ptr<Hasher> make_sm3() { return std::make_unique<Sm3>(); }

}  // namespace toolbox
