// sums_print.cpp — computing checksums for md5sum … b2sum and cksum (see sums.h): one line per
// file in GNU digest.c's layouts ("HASH  NAME", "HASH *NAME", "ALGO (NAME) = HASH", and
// cksum's "CRC SIZE NAME" / sum's "SUM BLOCKS NAME").
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "applets/sums.h"
#include "lib/checksum_legacy.h"
#include "lib/gnu_errors.h"
#include "lib/hash.h"
#include "lib/io.h"
#include "lib/quoting.h"

namespace toolbox {

bool is_legacy(SumAlgorithm algorithm) {
    return algorithm == SumAlgorithm::bsd || algorithm == SumAlgorithm::sysv || algorithm == SumAlgorithm::crc;
}

std::string_view algorithm_tag(SumAlgorithm algorithm) {
    switch (algorithm) {
    case SumAlgorithm::bsd: return "BSD";
    case SumAlgorithm::sysv: return "SYSV";
    case SumAlgorithm::crc: return "CRC";
    case SumAlgorithm::md5: return "MD5";
    case SumAlgorithm::sha1: return "SHA1";
    case SumAlgorithm::sha224: return "SHA224";
    case SumAlgorithm::sha256: return "SHA256";
    case SumAlgorithm::sha384: return "SHA384";
    case SumAlgorithm::sha512: return "SHA512";
    case SumAlgorithm::blake2b: return "BLAKE2b";
    case SumAlgorithm::sm3: return "SM3";
    }
    return "";
}

uint64_t algorithm_bits(SumAlgorithm algorithm) {
    switch (algorithm) {
    case SumAlgorithm::md5: return 128;
    case SumAlgorithm::sha1: return 160;
    case SumAlgorithm::sha224: return 224;
    case SumAlgorithm::sha256: return 256;
    case SumAlgorithm::sha384: return 384;
    case SumAlgorithm::sha512: return 512;
    case SumAlgorithm::blake2b: return 512;
    case SumAlgorithm::sm3: return 256;
    default: return 32;
    }
}

namespace {

HashAlgorithm hash_of(SumAlgorithm algorithm) {
    switch (algorithm) {
    case SumAlgorithm::sha1: return HashAlgorithm::sha1;
    case SumAlgorithm::sha224: return HashAlgorithm::sha224;
    case SumAlgorithm::sha256: return HashAlgorithm::sha256;
    case SumAlgorithm::sha384: return HashAlgorithm::sha384;
    case SumAlgorithm::sha512: return HashAlgorithm::sha512;
    case SumAlgorithm::blake2b: return HashAlgorithm::blake2b;
    case SumAlgorithm::sm3: return HashAlgorithm::sm3;
    default: return HashAlgorithm::md5;
    }
}

// Streams `name` through `add`; 0 or an errno.
template <typename Add>
int stream_file(const std::string& name, Add&& add) {
    int fd = open_input(name);
    if (fd < 0)
        return errno;
    int error = read_blocks(fd, [&](std::string_view block) {
        add(block);
        return true;
    });
    if (fd != 0)
        ::close(fd);
    return error;
}

void complain_about(std::string_view program, const std::string& name, int error) {
    write_all(2, std::string(program) + ": " + quote_file(name) + ": " + strerror_gnu(error) + "\n");
}

std::string number(uint64_t value) { return std::to_string(value); }

// cksum's CRC and the two sums: "VALUE SIZE[ NAME]".
bool print_legacy(SumSettings& settings, const std::string& name, bool named_operands, Output& out) {
    std::string line;
    int error = 0;
    if (settings.algorithm == SumAlgorithm::crc) {
        PosixCrc crc;
        error = stream_file(name, [&](std::string_view block) { crc.add(block); });
        // GNU 9.1's CRC loop stops at a read error without reporting it ("cksum DIR" prints
        // the CRC of nothing); only a failed open is an error.
        if (error != 0 && ::access(name.c_str(), F_OK) == 0)
            error = 0;
        line = number(crc.value()) + " " + number(crc.length());
    } else if (settings.algorithm == SumAlgorithm::bsd) {
        BsdSum sum;
        error = stream_file(name, [&](std::string_view block) { sum.add(block); });
        char text[64];
        std::snprintf(text, sizeof text, "%05u %5s", sum.value(), number((sum.length() + 1023) / 1024).c_str());
        line = text;
    } else {
        SysvSum sum;
        error = stream_file(name, [&](std::string_view block) { sum.add(block); });
        line = number(sum.value()) + " " + number((sum.length() + 511) / 512);
    }
    if (error != 0) {
        complain_about(settings.program, name, error);
        return false;
    }
    if (named_operands)
        line += " " + name;
    line += settings.delimiter;
    out.write(line);
    return true;
}

}  // namespace

bool digest_file(SumAlgorithm algorithm, uint64_t bits, const std::string& name, std::string& digest, int& error) {
    auto hasher = make_hasher(hash_of(algorithm), static_cast<size_t>(bits / 8));
    error = stream_file(name, [&](std::string_view block) { hasher->update(block); });
    if (error != 0)
        return false;
    digest = hasher->finish();
    return true;
}

bool needs_escape(std::string_view name) { return name.find_first_of("\\\n\r") != std::string_view::npos; }

std::string escape_name(std::string_view name) {
    std::string escaped;
    for (char c : name) {
        switch (c) {
        case '\\': escaped += "\\\\"; break;
        case '\n': escaped += "\\n"; break;
        case '\r': escaped += "\\r"; break;
        default: escaped += c; break;
        }
    }
    return escaped;
}

bool print_sum(SumSettings& settings, const std::string& name, bool named_operands, Output& out) {
    if (is_legacy(settings.algorithm))
        return print_legacy(settings, name, named_operands, out);
    uint64_t bits = settings.algorithm == SumAlgorithm::blake2b ? settings.digest_bits : algorithm_bits(settings.algorithm);
    std::string digest;
    int error = 0;
    if (!digest_file(settings.algorithm, bits, name, digest, error)) {
        complain_about(settings.program, name, error);
        return false;
    }
    bool escape = settings.delimiter == '\n' && needs_escape(name);
    std::string shown = escape ? escape_name(name) : name;
    std::string line = escape ? "\\" : "";
    if (settings.tagged) {
        line += algorithm_tag(settings.algorithm);
        if (settings.algorithm == SumAlgorithm::blake2b && bits < 512)
            line += "-" + number(bits);
        line += " (" + shown + ") = " + to_hex(digest);
    } else {
        line += to_hex(digest) + " " + (settings.binary == 1 ? "*" : " ") + shown;
    }
    line += settings.delimiter;
    out.write(line);
    return true;
}

}  // namespace toolbox
