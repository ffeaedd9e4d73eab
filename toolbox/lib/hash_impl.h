// hash_impl.h — constructors of the digest implementations, for hash.cpp's factory only.
#pragma once

#include <bit>
#include <cstdint>
#include <memory>

#include "lib/hash.h"

namespace toolbox {

std::unique_ptr<Hasher> make_md5();
std::unique_ptr<Hasher> make_sha1();
std::unique_ptr<Hasher> make_sha256(bool truncate_to_224);
std::unique_ptr<Hasher> make_sha512(bool truncate_to_384);
std::unique_ptr<Hasher> make_blake2b(size_t digest_bytes);
std::unique_ptr<Hasher> make_sm3();

inline uint32_t load_be32(const unsigned char* p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
inline uint64_t load_be64(const unsigned char* p) {
    return (uint64_t{load_be32(p)} << 32) | load_be32(p + 4);
}
inline uint32_t load_le32(const unsigned char* p) {
    return (uint32_t{p[3]} << 24) | (uint32_t{p[2]} << 16) | (uint32_t{p[1]} << 8) | p[0];
}
inline uint64_t load_le64(const unsigned char* p) {
    return (uint64_t{load_le32(p + 4)} << 32) | load_le32(p);
}
inline void append_be(std::string& out, uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i)
        out += static_cast<char>(value >> (8 * i));
}
inline void append_le(std::string& out, uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out += static_cast<char>(value >> (8 * i));
}

// The Merkle–Damgård padding of MD5, SHA-1 and SHA-2: 0x80, zeros, then the bit length in the
// last `length_bytes` bytes of a block (big- or little-endian).
template <size_t BlockSize, typename Compress>
void pad_and_finish(BlockBuffer<BlockSize>& buffer, size_t length_bytes, bool big_endian, Compress&& compress) {
    uint64_t bits = buffer.total() * 8;
    unsigned char* block = buffer.block();
    size_t used = buffer.used();
    block[used++] = 0x80;
    if (used > BlockSize - length_bytes) {
        std::fill(block + used, block + BlockSize, 0);
        compress(block);
        used = 0;
    }
    std::fill(block + used, block + BlockSize, 0);
    for (size_t i = 0; i < 8; ++i) {
        unsigned char byte = static_cast<unsigned char>(bits >> (8 * i));
        if (big_endian)
            block[BlockSize - 1 - i] = byte;
        else
            block[BlockSize - length_bytes + i] = byte;
    }
    compress(block);
}

}  // namespace toolbox
