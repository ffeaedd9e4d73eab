// md5sum, sha1sum, sha224sum, sha256sum, sha384sum, sha512sum, b2sum and cksum, as GNU
// coreutils 9.1: print "DIGEST  NAME" (or BSD-style "ALGO (NAME) = DIGEST" with --tag; cksum's
// default), names with a backslash, newline or CR escaped behind a leading '\'; or, with -c,
// read such lines back and check each file ("NAME: OK" / "FAILED"), with GNU's warnings and
// exit status. cksum adds -a (its CRC, the BSD and SysV sums, or any of the digests). The
// digests themselves are lib/hash_*.cpp; files are streamed in constant memory.
// applet: md5sum md5sum_main
// applet: sha1sum sha1sum_main
// applet: sha224sum sha224sum_main
// applet: sha256sum sha256sum_main
// applet: sha384sum sha384sum_main
// applet: sha512sum sha512sum_main
// applet: b2sum b2sum_main
// applet: cksum cksum_main
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <string>
#include <string_view>

#include "applet.h"
#include "applets/sums.h"
#include "lib/argmatch.h"
#include "lib/checksum_legacy.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr int k_opt_tag = k_long_only;
constexpr int k_opt_untagged = k_long_only + 1;
constexpr int k_opt_ignore_missing = k_long_only + 2;
constexpr int k_opt_quiet = k_long_only + 3;
constexpr int k_opt_status = k_long_only + 4;
constexpr int k_opt_strict = k_long_only + 5;
constexpr int k_opt_debug = k_long_only + 6;

constexpr LongOption k_digest_options[] = {
    {"binary", Argument::none, 'b'},
    {"check", Argument::none, 'c'},
    {"ignore-missing", Argument::none, k_opt_ignore_missing},
    {"quiet", Argument::none, k_opt_quiet},
    {"status", Argument::none, k_opt_status},
    {"text", Argument::none, 't'},
    {"warn", Argument::none, 'w'},
    {"strict", Argument::none, k_opt_strict},
    {"tag", Argument::none, k_opt_tag},
    {"zero", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr LongOption k_b2sum_options[] = {
    {"binary", Argument::none, 'b'},
    {"check", Argument::none, 'c'},
    {"length", Argument::required, 'l'},
    {"ignore-missing", Argument::none, k_opt_ignore_missing},
    {"quiet", Argument::none, k_opt_quiet},
    {"status", Argument::none, k_opt_status},
    {"text", Argument::none, 't'},
    {"warn", Argument::none, 'w'},
    {"strict", Argument::none, k_opt_strict},
    {"tag", Argument::none, k_opt_tag},
    {"zero", Argument::none, 'z'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr LongOption k_cksum_options[] = {
    {"algorithm", Argument::required, 'a'},
    {"check", Argument::none, 'c'},
    {"length", Argument::required, 'l'},
    {"ignore-missing", Argument::none, k_opt_ignore_missing},
    {"quiet", Argument::none, k_opt_quiet},
    {"status", Argument::none, k_opt_status},
    {"warn", Argument::none, 'w'},
    {"strict", Argument::none, k_opt_strict},
    {"tag", Argument::none, k_opt_tag},
    {"untagged", Argument::none, k_opt_untagged},
    {"zero", Argument::none, 'z'},
    {"debug", Argument::none, k_opt_debug},
    {"binary", Argument::none, 'b'},
    {"text", Argument::none, 't'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr ArgWord k_algorithm_words[] = {
    {"bsd", static_cast<int>(SumAlgorithm::bsd)},         {"sysv", static_cast<int>(SumAlgorithm::sysv)},
    {"crc", static_cast<int>(SumAlgorithm::crc)},         {"md5", static_cast<int>(SumAlgorithm::md5)},
    {"sha1", static_cast<int>(SumAlgorithm::sha1)},       {"sha224", static_cast<int>(SumAlgorithm::sha224)},
    {"sha256", static_cast<int>(SumAlgorithm::sha256)},   {"sha384", static_cast<int>(SumAlgorithm::sha384)},
    {"sha512", static_cast<int>(SumAlgorithm::sha512)},   {"blake2b", static_cast<int>(SumAlgorithm::blake2b)},
    {"sm3", static_cast<int>(SumAlgorithm::sm3)},
};

std::string digest_usage(std::string_view program, std::string_view title, bool length_option,
                         std::string_view rfc) {
    std::string text = "Usage: " + std::string(program) + " [OPTION]... [FILE]...\n";
    text += "Print or check " + std::string(title) + " checksums.\n\n";
    text += "With no FILE, or when FILE is -, read standard input.\n";
    if (length_option)
        text += "\nMandatory arguments to long options are mandatory for short options too.\n";
    text += "  -b, --binary          read in binary mode\n"
            "  -c, --check           read checksums from the FILEs and check them\n";
    if (length_option)
        text += "  -l, --length=BITS     digest length in bits; must not exceed the max for\n"
                "                          the blake2 algorithm and must be a multiple of 8\n";
    text += "      --tag             create a BSD-style checksum\n"
            "  -t, --text            read in text mode (default)\n"
            "  -z, --zero            end each output line with NUL, not newline,\n"
            "                          and disable file name escaping\n"
            "\n"
            "The following five options are useful only when verifying checksums:\n"
            "      --ignore-missing  don't fail or report status for missing files\n"
            "      --quiet           don't print OK for each successfully verified file\n"
            "      --status          don't output anything, status code shows success\n"
            "      --strict          exit non-zero for improperly formatted checksum lines\n"
            "  -w, --warn            warn about improperly formatted checksum lines\n"
            "\n"
            "      --help        display this help and exit\n"
            "      --version     output version information and exit\n\n";
    text += "The sums are computed as described in " + std::string(rfc) + ".\n";
    text += "When checking, the input should be a former output of this program.\n"
            "The default mode is to print a line with: checksum, a space,\n"
            "a character indicating input mode ('*' for binary, ' ' for text\n"
            "or where binary is insignificant), and name for each FILE.\n"
            "\n"
            "Note: There is no difference between binary mode and text mode on GNU systems.\n";
    return text;
}

constexpr std::string_view k_cksum_usage =
    "Usage: cksum [OPTION]... [FILE]...\n"
    "Print or verify checksums.\n"
    "By default use the 32 bit CRC algorithm.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -a, --algorithm=TYPE  select the digest type to use.  See DIGEST below.\n"
    "  -c, --check           read checksums from the FILEs and check them\n"
    "  -l, --length=BITS     digest length in bits; must not exceed the max for\n"
    "                          the blake2 algorithm and must be a multiple of 8\n"
    "      --tag             create a BSD-style checksum (the default)\n"
    "      --untagged        create a reversed style checksum, without digest type\n"
    "  -z, --zero            end each output line with NUL, not newline,\n"
    "                          and disable file name escaping\n"
    "\n"
    "The following five options are useful only when verifying checksums:\n"
    "      --ignore-missing  don't fail or report status for missing files\n"
    "      --quiet           don't print OK for each successfully verified file\n"
    "      --status          don't output anything, status code shows success\n"
    "      --strict          exit non-zero for improperly formatted checksum lines\n"
    "  -w, --warn            warn about improperly formatted checksum lines\n"
    "\n"
    "      --debug           indicate which implementation used\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "DIGEST determines the digest algorithm and default output format:\n"
    "  sysv      (equivalent to sum -s)\n"
    "  bsd       (equivalent to sum -r)\n"
    "  crc       (equivalent to cksum)\n"
    "  md5       (equivalent to md5sum)\n"
    "  sha1      (equivalent to sha1sum)\n"
    "  sha224    (equivalent to sha224sum)\n"
    "  sha256    (equivalent to sha256sum)\n"
    "  sha384    (equivalent to sha384sum)\n"
    "  sha512    (equivalent to sha512sum)\n"
    "  blake2b   (equivalent to b2sum)\n"
    "  sm3       (only available through cksum)\n"
    "\n"
    "When checking, the input should be a former output of this program,\n"
    "or equivalent standalone program.\n";

// cksum -a matches whole words only (XARGMATCH_EXACT), so a prefix is an invalid argument.
int algorithm_argument(std::string_view argument) {
    for (const ArgWord& word : k_algorithm_words)
        if (word.word == argument)
            return word.value;
    std::string message = "cksum: invalid argument " + quote(argument) + " for " + quote("--algorithm") +
                          "\nValid arguments are:\n";
    for (const ArgWord& word : k_algorithm_words)
        message += "  - " + quote(word.word) + "\n";
    write_all(2, message);
    try_help("cksum");
    return -1;
}

int usage_error(std::string_view program, std::string_view message) {
    write_all(2, std::string(program) + ": " + std::string(message) + "\n");
    return try_help(program);
}

// -l BITS: 0 means the maximum; otherwise a multiple of 8 up to 512.
bool parse_length(std::string_view program, const char* text, uint64_t& bits) {
    std::string_view value(text);
    uint64_t parsed = 0;
    bool valid = !value.empty();
    for (char c : value) {
        if (!std::isdigit(static_cast<unsigned char>(c)) || parsed > 100000) {
            valid = false;
            break;
        }
        parsed = parsed * 10 + static_cast<uint64_t>(c - '0');
    }
    std::string prefix = std::string(program) + ": invalid length: " + quote(value) + "\n";
    if (!valid) {
        write_all(2, prefix);
        return false;
    }
    if (parsed > 512) {
        write_all(2, prefix + std::string(program) + ": maximum digest length for " + quote("BLAKE2b") +
                         " is 512 bits\n");
        return false;
    }
    if (parsed % 8 != 0) {
        write_all(2, prefix + std::string(program) + ": length is not a multiple of 8\n");
        return false;
    }
    bits = parsed == 0 ? 512 : parsed;
    return true;
}

// The GNU ordering of the "only meaningful when…" checks; 0 when the options fit together.
int check_option_conflicts(const SumSettings& settings) {
    std::string_view program = settings.program;
    if (settings.delimiter != '\n' && settings.check)
        return usage_error(program, "the --zero option is not supported when verifying checksums");
    if (!settings.is_cksum && settings.tagged && settings.binary == 0)
        return usage_error(program, "--tag does not support --text mode");
    if (!settings.is_cksum && settings.tagged && settings.check)
        return usage_error(program, "the --tag option is meaningless when verifying checksums");
    if (settings.binary >= 0 && settings.check)
        return usage_error(program, "the --binary and --text options are meaningless when verifying checksums");
    if (settings.ignore_missing && !settings.check)
        return usage_error(program, "the --ignore-missing option is meaningful only when verifying checksums");
    if (settings.status_only && !settings.check)
        return usage_error(program, "the --status option is meaningful only when verifying checksums");
    if (settings.warn && !settings.check)
        return usage_error(program, "the --warn option is meaningful only when verifying checksums");
    if (settings.quiet && !settings.check)
        return usage_error(program, "the --quiet option is meaningful only when verifying checksums");
    if (settings.strict && !settings.check)
        return usage_error(program, "the --strict option is meaningful only when verifying checksums");
    return 0;
}

int run(SumSettings& settings, const std::vector<std::string_view>& operands) {
    if (int status = check_option_conflicts(settings))
        return status;
    std::vector<std::string> names;
    for (auto operand : operands)
        names.emplace_back(operand);
    if (names.empty())
        names.emplace_back("-");
    Output out;
    bool ok = true;
    for (const auto& name : names) {
        ok &= settings.check ? check_list(settings, name, out) : print_sum(settings, name, !operands.empty(), out);
        if (out.failed())
            break;
    }
    return finish(out, settings.program, ok ? 0 : 1);
}

int digest_main(int argc, char** argv, std::string_view program, SumAlgorithm algorithm, std::string_view title,
                std::string_view rfc) {
    SumSettings settings;
    settings.program = program;
    settings.algorithm = algorithm;
    bool blake = algorithm == SumAlgorithm::blake2b;
    OptionParser parser(program, argc, argv, blake ? "bctwzl:" : "bctwz",
                        blake ? std::span<const LongOption>(k_b2sum_options) : std::span<const LongOption>(k_digest_options));
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'b': settings.binary = 1; break;
        case 't': settings.binary = 0; break;
        case 'c': settings.check = true; break;
        case 'w': settings.warn = true; break;
        case 'z': settings.delimiter = '\0'; break;
        case 'l':
            if (!parse_length(program, option.argument, settings.digest_bits))
                return 1;
            break;
        case k_opt_tag:
            settings.tagged = true;
            settings.binary = 1;
            break;
        case k_opt_ignore_missing: settings.ignore_missing = true; break;
        case k_opt_quiet: settings.quiet = true; break;
        case k_opt_status: settings.status_only = true; break;
        case k_opt_strict: settings.strict = true; break;
        case k_help: return print_usage(digest_usage(program, title, blake, rfc));
        case k_version: return print_version(program);
        default: return 1;
        }
    }
    return run(settings, parser.operands());
}

}  // namespace

int md5sum_main(int argc, char** argv) {
    return digest_main(argc, argv, "md5sum", SumAlgorithm::md5, "MD5 (128-bit)", "RFC 1321");
}
int sha1sum_main(int argc, char** argv) {
    return digest_main(argc, argv, "sha1sum", SumAlgorithm::sha1, "SHA1 (160-bit)", "FIPS-180-1");
}
int sha224sum_main(int argc, char** argv) {
    return digest_main(argc, argv, "sha224sum", SumAlgorithm::sha224, "SHA224 (224-bit)", "RFC 3874");
}
int sha256sum_main(int argc, char** argv) {
    return digest_main(argc, argv, "sha256sum", SumAlgorithm::sha256, "SHA256 (256-bit)", "FIPS-180-2");
}
int sha384sum_main(int argc, char** argv) {
    return digest_main(argc, argv, "sha384sum", SumAlgorithm::sha384, "SHA384 (384-bit)", "FIPS-180-2");
}
int sha512sum_main(int argc, char** argv) {
    return digest_main(argc, argv, "sha512sum", SumAlgorithm::sha512, "SHA512 (512-bit)", "FIPS-180-2");
}
int b2sum_main(int argc, char** argv) {
    return digest_main(argc, argv, "b2sum", SumAlgorithm::blake2b, "BLAKE2b (512-bit)", "RFC 7693");
}

int cksum_main(int argc, char** argv) {
    SumSettings settings;
    settings.program = "cksum";
    settings.is_cksum = true;
    settings.tagged = true;
    bool length_given = false;
    bool debug = false;
    OptionParser parser("cksum", argc, argv, "a:l:bctwz", k_cksum_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'a': {
            int value = algorithm_argument(option.argument);
            if (value < 0)
                return 1;
            settings.algorithm = static_cast<SumAlgorithm>(value);
            settings.algorithm_specified = true;
            break;
        }
        case 'b':
        case 't': return try_help("cksum");  // GNU's cksum takes them only to refuse them
        case 'l':
            if (!parse_length("cksum", option.argument, settings.digest_bits))
                return 1;
            length_given = true;
            break;
        case 'c': settings.check = true; break;
        case 'w': settings.warn = true; break;
        case 'z': settings.delimiter = '\0'; break;
        case k_opt_tag: settings.tagged = true; break;
        case k_opt_untagged: settings.tagged = false; break;
        case k_opt_ignore_missing: settings.ignore_missing = true; break;
        case k_opt_quiet: settings.quiet = true; break;
        case k_opt_status: settings.status_only = true; break;
        case k_opt_strict: settings.strict = true; break;
        case k_opt_debug: debug = true; break;
        case k_help: return print_usage(k_cksum_usage);
        case k_version: return print_version("cksum");
        default: return 1;
        }
    }
    if (length_given && settings.algorithm != SumAlgorithm::blake2b) {
        write_all(2, "cksum: --length is only supported with --algorithm=blake2b\n");
        return 1;
    }
    if (settings.check && settings.algorithm_specified && is_legacy(settings.algorithm)) {
        write_all(2, "cksum: --check is not supported with --algorithm={bsd,sysv,crc}\n");
        return 1;
    }
    if (debug && settings.algorithm == SumAlgorithm::crc)
        write_all(2, "cksum: using generic hardware support\n");
    return run(settings, parser.operands());
}

}  // namespace toolbox
