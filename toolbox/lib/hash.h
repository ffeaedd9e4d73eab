// hash.h — the message digests of md5sum, sha*sum, b2sum and cksum -a, written from their specs
// (RFC 1321 MD5, FIPS 180-4 SHA-1 and SHA-2, RFC 7693 BLAKE2b, GB/T 32905 SM3). One interface: feed bytes with
// update() in any pieces, then finish() once for the raw digest. Each keeps one block of state,
// so hashing streams in constant memory.
//
//   auto hasher = make_hasher(HashAlgorithm::sha256);
//   hasher->update(block); ...; std::string digest = hasher->finish();  // 32 raw bytes
//
// Thread safety: a Hasher is confined to its user.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace toolbox {

enum class HashAlgorithm { md5, sha1, sha224, sha256, sha384, sha512, blake2b, sm3 };

class Hasher {
public:
    virtual ~Hasher() = default;
    virtual void update(std::string_view data) = 0;
    // The digest as raw bytes; the hasher is spent afterwards.
    virtual std::string finish() = 0;
};

// `digest_bytes` matters only for BLAKE2b (1..64; 64 is b2sum's default).
std::unique_ptr<Hasher> make_hasher(HashAlgorithm algorithm, size_t digest_bytes = 64);
// Lowercase hex of raw bytes.
std::string to_hex(std::string_view bytes);

// Collects input into fixed-size blocks for a compression function (the Merkle–Damgård hashes
// and BLAKE2b all work on whole blocks).
template <size_t BlockSize>
class BlockBuffer {
public:
    // Calls compress(const unsigned char*) for each full block. With `keep_last`, a block that
    // ends exactly at the end of `data` stays buffered (BLAKE2b must treat its last block apart).
    template <typename Compress>
    void feed(std::string_view data, bool keep_last, Compress&& compress) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
        size_t size = data.size();
        m_total += size;
        if (m_used > 0) {
            size_t take = BlockSize - m_used;
            if (take > size || (keep_last && take == size)) {
                std::copy(bytes, bytes + size, m_block + m_used);
                m_used += size;
                return;
            }
            std::copy(bytes, bytes + take, m_block + m_used);
            compress(m_block);
            m_used = 0;
            bytes += take;
            size -= take;
        }
        while (size > BlockSize || (!keep_last && size == BlockSize)) {
            compress(bytes);
            bytes += BlockSize;
            size -= BlockSize;
        }
        std::copy(bytes, bytes + size, m_block);
        m_used = size;
    }
    unsigned char* block() { return m_block; }
    size_t used() const { return m_used; }
    uint64_t total() const { return m_total; }

private:
    unsigned char m_block[BlockSize]{};
    size_t m_used{0};
    uint64_t m_total{0};
};

}  // namespace toolbox
