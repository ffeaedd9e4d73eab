// hash.cpp — the factory over the digest implementations in hash_*.cpp, and hex output.
#include "lib/hash.h"

#include "lib/hash_impl.h"

namespace toolbox {

std::unique_ptr<Hasher> make_hasher(HashAlgorithm algorithm, size_t digest_bytes) {
    switch (algorithm) {
    case HashAlgorithm::md5: return make_md5();
    case HashAlgorithm::sha1: return make_sha1();
    case HashAlgorithm::sha224: return make_sha256(true);
    case HashAlgorithm::sha256: return make_sha256(false);
    case HashAlgorithm::sha384: return make_sha512(true);
    case HashAlgorithm::sha512: return make_sha512(false);
    case HashAlgorithm::blake2b: return make_blake2b(digest_bytes);
    case HashAlgorithm::sm3: return make_sm3();
    }
    return nullptr;
}

std::string to_hex(std::string_view bytes) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (char c : bytes) {
        auto byte = static_cast<unsigned char>(c);
        hex += k_digits[byte >> 4];
        hex += k_digits[byte & 15];
    }
    return hex;
}

}  // namespace toolbox
