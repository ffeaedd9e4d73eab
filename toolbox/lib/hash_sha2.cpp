// hash_sha2.cpp — SHA-224/256 and SHA-384/512 as FIPS 180-4 sections 5 and 6 specify them. The
// constants are the spec's: fractional parts of the cube roots of the first 64 (80) primes, and
// of the square roots of the first 8 primes (9th to 16th for the truncated variants).
#include <bit>

#include "lib/hash_impl.h"

namespace toolbox {

namespace {

constexpr uint32_t k_round32[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
    0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
    0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
    0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

constexpr uint64_t k_round64[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

constexpr uint32_t k_initial256[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};
constexpr uint32_t k_initial224[8] = {
    0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
    0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4,
};
constexpr uint64_t k_initial512[8] = {
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};
constexpr uint64_t k_initial384[8] = {
    0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
    0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
};

class Sha256 final : public Hasher {
public:
    explicit Sha256(bool truncate) : m_truncate(truncate) {
        const uint32_t* initial = truncate ? k_initial224 : k_initial256;
        std::copy(initial, initial + 8, m_state);
    }
    void update(std::string_view data) override {
        m_buffer.feed(data, false, [this](const unsigned char* block) { compress(block); });
    }
    std::string finish() override {
        pad_and_finish(m_buffer, 8, true, [this](const unsigned char* block) { compress(block); });
        std::string digest;
        for (int i = 0; i < (m_truncate ? 7 : 8); ++i)
            append_be(digest, m_state[i], 4);
        return digest;
    }

private:
    void compress(const unsigned char* block) {
        uint32_t w[64];
        for (int t = 0; t < 16; ++t)
            w[t] = load_be32(block + 4 * t);
        for (int t = 16; t < 64; ++t) {
            uint32_t s0 = std::rotr(w[t - 15], 7) ^ std::rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint32_t s1 = std::rotr(w[t - 2], 17) ^ std::rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint32_t a = m_state[0], b = m_state[1], c = m_state[2], d = m_state[3];
        uint32_t e = m_state[4], f = m_state[5], g = m_state[6], h = m_state[7];
        // Eight rounds per pass with the variables renamed instead of shifted along.
        auto round = [&w](uint32_t x, uint32_t y, uint32_t z, uint32_t& u, uint32_t p, uint32_t q, uint32_t r,
                          uint32_t& v, int t) {
            uint32_t temp1 = v + (std::rotr(p, 6) ^ std::rotr(p, 11) ^ std::rotr(p, 25)) + ((p & q) ^ (~p & r)) +
                             k_round32[t] + w[t];
            uint32_t temp2 = (std::rotr(x, 2) ^ std::rotr(x, 13) ^ std::rotr(x, 22)) + ((x & y) ^ (x & z) ^ (y & z));
            u += temp1;
            v = temp1 + temp2;
        };
        for (int t = 0; t < 64; t += 8) {
            round(a, b, c, d, e, f, g, h, t);
            round(h, a, b, c, d, e, f, g, t + 1);
            round(g, h, a, b, c, d, e, f, t + 2);
            round(f, g, h, a, b, c, d, e, t + 3);
            round(e, f, g, h, a, b, c, d, t + 4);
            round(d, e, f, g, h, a, b, c, t + 5);
            round(c, d, e, f, g, h, a, b, t + 6);
            round(b, c, d, e, f, g, h, a, t + 7);
        }
        m_state[0] += a;
        m_state[1] += b;
        m_state[2] += c;
        m_state[3] += d;
        m_state[4] += e;
        m_state[5] += f;
        m_state[6] += g;
        m_state[7] += h;
    }

    bool m_truncate;
    uint32_t m_state[8]{};
    BlockBuffer<64> m_buffer;
};

class Sha512 final : public Hasher {
public:
    explicit Sha512(bool truncate) : m_truncate(truncate) {
        const uint64_t* initial = truncate ? k_initial384 : k_initial512;
        std::copy(initial, initial + 8, m_state);
    }
    void update(std::string_view data) override {
        m_buffer.feed(data, false, [this](const unsigned char* block) { compress(block); });
    }
    std::string finish() override {
        pad_and_finish(m_buffer, 16, true, [this](const unsigned char* block) { compress(block); });
        std::string digest;
        for (int i = 0; i < (m_truncate ? 6 : 8); ++i)
            append_be(digest, m_state[i], 8);
        return digest;
    }

private:
    void compress(const unsigned char* block) {
        uint64_t w[80];
        for (int t = 0; t < 16; ++t)
            w[t] = load_be64(block + 8 * t);
        for (int t = 16; t < 80; ++t) {
            uint64_t s0 = std::rotr(w[t - 15], 1) ^ std::rotr(w[t - 15], 8) ^ (w[t - 15] >> 7);
            uint64_t s1 = std::rotr(w[t - 2], 19) ^ std::rotr(w[t - 2], 61) ^ (w[t - 2] >> 6);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint64_t a = m_state[0], b = m_state[1], c = m_state[2], d = m_state[3];
        uint64_t e = m_state[4], f = m_state[5], g = m_state[6], h = m_state[7];
        auto round = [&w](uint64_t x, uint64_t y, uint64_t z, uint64_t& u, uint64_t p, uint64_t q, uint64_t r,
                          uint64_t& v, int t) {
            uint64_t temp1 = v + (std::rotr(p, 14) ^ std::rotr(p, 18) ^ std::rotr(p, 41)) + ((p & q) ^ (~p & r)) +
                             k_round64[t] + w[t];
            uint64_t temp2 = (std::rotr(x, 28) ^ std::rotr(x, 34) ^ std::rotr(x, 39)) + ((x & y) ^ (x & z) ^ (y & z));
            u += temp1;
            v = temp1 + temp2;
        };
        for (int t = 0; t < 80; t += 8) {
            round(a, b, c, d, e, f, g, h, t);
            round(h, a, b, c, d, e, f, g, t + 1);
            round(g, h, a, b, c, d, e, f, t + 2);
            round(f, g, h, a, b, c, d, e, t + 3);
            round(e, f, g, h, a, b, c, d, t + 4);
            round(d, e, f, g, h, a, b, c, t + 5);
            round(c, d, e, f, g, h, a, b, t + 6);
            round(b, c, d, e, f, g, h, a, t + 7);
        }
        m_state[0] += a;
        m_state[1] += b;
        m_state[2] += c;
        m_state[3] += d;
        m_state[4] += e;
        m_state[5] += f;
        m_state[6] += g;
        m_state[7] += h;
    }

    bool m_truncate;
    uint64_t m_state[8]{};
    BlockBuffer<128> m_buffer;
};

}  // namespace

std::unique_ptr<Hasher> make_sha256(bool truncate_to_224) { return std::make_unique<Sha256>(truncate_to_224); }
std::unique_ptr<Hasher> make_sha512(bool truncate_to_384) { return std::make_unique<Sha512>(truncate_to_384); }

}  // namespace toolbox
