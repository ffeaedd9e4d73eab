// factor, as GNU coreutils: the prime factors of each positive integer operand (or of the
// whitespace-separated numbers on stdin), in ascending order. Numbers up to 2^128-1: trial
// division by small primes, then Miller-Rabin and Pollard-Brent rho on what remains (GNU also
// takes larger numbers, with GMP; those are reported as too large here).
// applet: factor factor_main
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/io.h"
#include "lib/line_reader.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: factor [NUMBER]...\n"
    "  or:  factor OPTION\n"
    "Print the prime factors of each specified integer NUMBER.  If none\n"
    "are specified on the command line, read them from standard input.\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

using u128 = unsigned __int128;

std::string to_decimal(u128 value) {
    if (value == 0)
        return "0";
    std::string digits;
    while (value > 0) {
        digits += static_cast<char>('0' + static_cast<int>(value % 10));
        value /= 10;
    }
    return {digits.rbegin(), digits.rend()};
}

u128 add_mod(u128 a, u128 b, u128 m) {
    // a, b < m: a + b may overflow 128 bits, so compare against m - b first.
    return a >= m - b ? a - (m - b) : a + b;
}

u128 mul_mod(u128 a, u128 b, u128 m) {
    if (m <= UINT64_MAX)
        return (a % m) * (b % m) % m;
    u128 result = 0;
    a %= m;
    while (b > 0) {
        if (b & 1)
            result = add_mod(result, a, m);
        a = add_mod(a, a, m);
        b >>= 1;
    }
    return result;
}

u128 pow_mod(u128 base, u128 exponent, u128 m) {
    u128 result = 1 % m;
    base %= m;
    while (exponent > 0) {
        if (exponent & 1)
            result = mul_mod(result, base, m);
        base = mul_mod(base, base, m);
        exponent >>= 1;
    }
    return result;
}

// Miller-Rabin with the first 20 primes as bases: exact below 2^81, and a false "prime" above
// needs a number that fools all twenty.
bool is_prime(u128 n) {
    static constexpr unsigned k_bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71};
    if (n < 2)
        return false;
    for (unsigned p : k_bases) {
        if (n % p == 0)
            return n == p;
    }
    u128 d = n - 1;
    int shifts = 0;
    while ((d & 1) == 0) {
        d >>= 1;
        ++shifts;
    }
    for (unsigned base : k_bases) {
        u128 x = pow_mod(base, d, n);
        if (x == 1 || x == n - 1)
            continue;
        bool composite = true;
        for (int i = 1; i < shifts && composite; ++i) {
            x = mul_mod(x, x, n);
            if (x == n - 1)
                composite = false;
        }
        if (composite)
            return false;
    }
    return true;
}

u128 gcd(u128 a, u128 b) {
    while (b != 0) {
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

// A non-trivial factor of the composite `n` (Pollard-Brent).
u128 find_factor(u128 n) {
    for (u128 c = 1;; ++c) {
        u128 y = 2;
        u128 x = 2;
        u128 g = 1;
        u128 q = 1;
        u128 saved = y;
        constexpr int k_batch = 64;
        for (u128 r = 1; g == 1; r <<= 1) {
            x = y;
            for (u128 i = 0; i < r; ++i)
                y = add_mod(mul_mod(y, y, n), c, n);
            for (u128 k = 0; k < r && g == 1; k += k_batch) {
                saved = y;
                for (u128 i = 0; i < k_batch && i < r - k; ++i) {
                    y = add_mod(mul_mod(y, y, n), c, n);
                    q = mul_mod(q, x > y ? x - y : y - x, n);
                }
                g = gcd(q, n);
            }
        }
        if (g == n) {
            // The batch overshot: step through it one at a time.
            do {
                saved = add_mod(mul_mod(saved, saved, n), c, n);
                g = gcd(x > saved ? x - saved : saved - x, n);
            } while (g == 1);
        }
        if (g != n)
            return g;
    }
}

void factorize(u128 n, std::vector<u128>& factors) {
    for (unsigned p : {2u, 3u, 5u}) {
        while (n % p == 0) {
            factors.push_back(p);
            n /= p;
        }
    }
    // Trial division by 6k±1 up to a small bound.
    for (u128 p = 7, step = 4; p <= 65536 && p * p <= n; p += step, step = 6 - step) {
        while (n % p == 0) {
            factors.push_back(p);
            n /= p;
        }
    }
    std::vector<u128> pending;
    if (n > 1)
        pending.push_back(n);
    while (!pending.empty()) {
        u128 m = pending.back();
        pending.pop_back();
        if (is_prime(m)) {
            factors.push_back(m);
            continue;
        }
        u128 d = find_factor(m);
        pending.push_back(d);
        pending.push_back(m / d);
    }
    std::sort(factors.begin(), factors.end());
}

// Parses a decimal operand as GNU does (leading blanks and '+' allowed); false if it is not one.
bool parse_number(std::string_view text, u128& value, bool& too_large) {
    size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
        ++i;
    if (i < text.size() && text[i] == '+')
        ++i;
    if (i == text.size())
        return false;
    value = 0;
    too_large = false;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c < '0' || c > '9')
            return false;
        u128 digit = static_cast<u128>(c - '0');
        if (value > (~u128{0} - digit) / 10)
            too_large = true;
        else
            value = value * 10 + digit;
    }
    return true;
}

// Prints one number's line; false after a diagnostic.
bool factor_one(std::string_view text, Output& out) {
    u128 value = 0;
    bool too_large = false;
    if (!parse_number(text, value, too_large)) {
        out.flush();
        write_all(2, "factor: " + quote(text) + " is not a valid positive integer\n");
        return false;
    }
    if (too_large) {
        out.flush();
        write_all(2, "factor: " + quote(text) + " is too large\n");
        return false;
    }
    std::vector<u128> factors;
    if (value > 1)
        factorize(value, factors);
    out.write(to_decimal(value) + ":");
    for (u128 p : factors)
        out.write(" " + to_decimal(p));
    out.put('\n');
    return true;
}

}  // namespace

int factor_main(int argc, char** argv) {
    OptionParser parser("factor", argc, argv, "", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("factor");
        default: return 1;
        }
    }
    Output out;
    bool ok = true;
    if (!parser.operands().empty()) {
        for (std::string_view operand : parser.operands())
            ok = factor_one(operand, out) && ok;
        return finish(out, "factor", ok ? 0 : 1);
    }
    LineReader reader(0);
    std::string_view line;
    while (reader.next(line) && !out.failed()) {
        size_t i = 0;
        while (i < line.size()) {
            while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
                ++i;
            size_t start = i;
            while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])))
                ++i;
            if (i > start)
                ok = factor_one(line.substr(start, i - start), out) && ok;
        }
    }
    return finish(out, "factor", ok ? 0 : 1);
}

}  // namespace toolbox
