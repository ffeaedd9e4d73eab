/* cpu_mix — a deterministic CPU-bound mix of C, built both natively and for wasm32-wasi so the
 * two builds of the same source can be compared (bench/cpu_bench.cpp):
 *
 *   sha256   SHA-256 of a generated 1 MiB buffer, 12 times over (32-bit integer ops, rotates)
 *   sort     quicksort of 256Ki 64-bit keys, 3 times (compares, swaps, recursion)
 *   hash     open-addressing hash table: 256Ki inserts, 512Ki lookups, 3 times (random access)
 *   nbody    the 5-body simulation, 450k steps (double arithmetic, sqrt)
 *   sieve    primes below 4M, one byte per number, 3 times (byte stores, strided loops)
 *   modpow   180k modular exponentiations mod 2^31-1 (64-bit multiply and remainder)
 *
 * About 200 ms of CPU time natively on the project's machine.
 *
 * Only + - * / and sqrt on doubles, and no libc routine in a timed loop, so every build computes
 * bit-identical results. stdout: one line "checksum <16 hex digits>", the same for every build.
 * stderr: "phase <name> <wall us> <cpu us>" per phase and "compute <wall us> <cpu us>" for all of
 * them: the monotonic clock, and the CPU-time clock (on the WasmVM driver: the guest thread's).
 * Usage: cpu_mix [scale]   (scale, default 1, multiplies every phase's repetitions)
 */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t clock_us(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* The checksum: FNV-1a over every phase's 64-bit result. */
static uint64_t g_checksum = 0xcbf29ce484222325ull;
static void mix(uint64_t value) {
    for (int i = 0; i < 8; ++i) {
        g_checksum ^= (value >> (8 * i)) & 0xff;
        g_checksum *= 0x100000001b3ull;
    }
}

static uint64_t g_rng = 0x9e3779b97f4a7c15ull;
static uint64_t next_random(void) { /* xorshift64* */
    g_rng ^= g_rng >> 12;
    g_rng ^= g_rng << 25;
    g_rng ^= g_rng >> 27;
    return g_rng * 0x2545f4914f6cdd1dull;
}

/* ---- sha256 ---- */

static const uint32_t k_sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(uint32_t state[8], const uint8_t* block) {
    uint32_t w[64];
    for (int i = 0; i < 16; ++i)
        w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 | (uint32_t)block[4 * i + 2] << 8 |
               block[4 * i + 3];
    for (int i = 16; i < 64; ++i) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; ++i) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k_sha_k[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

/* SHA-256 of `size` bytes (a multiple of 64), the padding block built here. */
static void sha256(const uint8_t* data, size_t size, uint8_t digest[32]) {
    uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (size_t offset = 0; offset < size; offset += 64)
        sha256_block(state, data + offset);
    uint8_t pad[64] = {0x80};
    uint64_t bits = (uint64_t)size * 8;
    for (int i = 0; i < 8; ++i)
        pad[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    sha256_block(state, pad);
    for (int i = 0; i < 8; ++i) {
        digest[4 * i] = (uint8_t)(state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)state[i];
    }
}

static uint64_t phase_sha256(int scale) {
    enum { size = 1 << 20 };
    uint8_t* buffer = malloc(size);
    for (size_t i = 0; i < size; i += 8) {
        uint64_t r = next_random();
        for (int j = 0; j < 8; ++j)
            buffer[i + j] = (uint8_t)(r >> (8 * j));
    }
    uint8_t digest[32] = {0};
    for (int round = 0; round < 12 * scale; ++round) {
        for (int i = 0; i < 32; ++i)  /* chain the rounds: each hashes the previous digest too */
            buffer[i] ^= digest[i];
        sha256(buffer, size, digest);
    }
    free(buffer);
    uint64_t result = 0;
    for (int i = 0; i < 8; ++i)
        result = result << 8 | digest[i];
    return result;
}

/* ---- sort ---- */

static void insertion_sort(uint64_t* a, size_t n) {
    for (size_t i = 1; i < n; ++i) {
        uint64_t v = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > v; --j)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

static void quicksort(uint64_t* a, size_t n) {
    while (n > 24) {
        uint64_t x = a[0], y = a[n / 2], z = a[n - 1]; /* median of three */
        uint64_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                ++i;
            while (a[j] > pivot)
                --j;
            if (i >= j)
                break;
            uint64_t t = a[i];
            a[i] = a[j];
            a[j] = t;
            ++i;
            --j;
        }
        /* recurse on the smaller part, loop on the larger: the stack stays O(log n) */
        if (j + 1 < n - j - 1) {
            quicksort(a, j + 1);
            a += j + 1;
            n -= j + 1;
        } else {
            quicksort(a + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    insertion_sort(a, n);
}

static uint64_t phase_sort(int scale) {
    enum { count = 1 << 18 };
    uint64_t* keys = malloc(count * sizeof *keys);
    uint64_t result = 0;
    for (int round = 0; round < 3 * scale; ++round) {
        for (size_t i = 0; i < count; ++i)
            keys[i] = next_random();
        quicksort(keys, count);
        for (size_t i = 0; i < count; i += 4096)
            result = result * 31 + keys[i];
        for (size_t i = 1; i < count; ++i)
            if (keys[i - 1] > keys[i])
                result ^= 1; /* never: a sort bug changes the checksum */
    }
    free(keys);
    return result;
}

/* ---- hash table ---- */

static uint64_t phase_hash(int scale) {
    enum { bits = 19, slots = 1 << bits, inserts = 1 << 18 };
    uint64_t* keys = malloc(slots * sizeof *keys);
    uint32_t* values = malloc(slots * sizeof *values);
    uint64_t result = 0;
    for (int round = 0; round < 3 * scale; ++round) {
        memset(keys, 0, slots * sizeof *keys);
        uint64_t seed = next_random();
        uint64_t r = seed;
        for (uint32_t i = 0; i < inserts; ++i) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            uint64_t key = r | 1; /* 0 marks an empty slot */
            size_t slot = (size_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - bits));
            while (keys[slot] != 0 && keys[slot] != key)
                slot = (slot + 1) & (slots - 1);
            keys[slot] = key;
            values[slot] = i;
        }
        /* replay the insert sequence for hits, interleaved with keys that were never inserted */
        r = seed;
        uint64_t miss = next_random();
        for (uint32_t i = 0; i < 2 * inserts; ++i) {
            uint64_t key;
            if (i & 1) {
                miss = miss * 2862933555777941757ull + 3037000493ull;
                key = miss | 1;
            } else {
                r = r * 6364136223846793005ull + 1442695040888963407ull;
                key = r | 1;
            }
            size_t slot = (size_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - bits));
            while (keys[slot] != 0 && keys[slot] != key)
                slot = (slot + 1) & (slots - 1);
            result += keys[slot] == key ? values[slot] : 1;
        }
    }
    free(keys);
    free(values);
    return result;
}

/* ---- nbody ---- */

struct body {
    double x, y, z, vx, vy, vz, mass;
};

static double energy(const struct body* bodies, int n) {
    double e = 0;
    for (int i = 0; i < n; ++i) {
        const struct body* b = &bodies[i];
        e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < n; ++j) {
            double dx = b->x - bodies[j].x, dy = b->y - bodies[j].y, dz = b->z - bodies[j].z;
            e -= b->mass * bodies[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(struct body* bodies, int n, double dt) {
    for (int i = 0; i < n; ++i) {
        struct body* b = &bodies[i];
        for (int j = i + 1; j < n; ++j) {
            struct body* c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * sqrt(d2));
            b->vx -= dx * c->mass * mag;
            b->vy -= dy * c->mass * mag;
            b->vz -= dz * c->mass * mag;
            c->vx += dx * b->mass * mag;
            c->vy += dy * b->mass * mag;
            c->vz += dz * b->mass * mag;
        }
    }
    for (int i = 0; i < n; ++i) {
        bodies[i].x += dt * bodies[i].vx;
        bodies[i].y += dt * bodies[i].vy;
        bodies[i].z += dt * bodies[i].vz;
    }
}

static uint64_t phase_nbody(int scale) {
    const double pi = 3.141592653589793, solar_mass = 4 * pi * pi, days = 365.24;
    struct body bodies[5] = {
        {0, 0, 0, 0, 0, 0, solar_mass},
        {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03 * days,
         7.69901118419740425e-03 * days, -6.90460016972063023e-05 * days, 9.54791938424326609e-04 * solar_mass},
        {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03 * days,
         4.99852801234917238e-03 * days, 2.30417297573763929e-05 * days, 2.85885980666130812e-04 * solar_mass},
        {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03 * days,
         2.37847173959480950e-03 * days, -2.96589568540237556e-05 * days, 4.36624404335156298e-05 * solar_mass},
        {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03 * days,
         1.62824170038242295e-03 * days, -9.51592254519715870e-05 * days, 5.15138902046611451e-05 * solar_mass}};
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < 5; ++i) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / solar_mass;
    bodies[0].vy = -py / solar_mass;
    bodies[0].vz = -pz / solar_mass;
    for (int step = 0; step < 450000 * scale; ++step)
        advance(bodies, 5, 0.01);
    double e = energy(bodies, 5);
    uint64_t bits;
    memcpy(&bits, &e, sizeof bits);
    return bits;
}

/* ---- sieve ---- */

static uint64_t phase_sieve(int scale) {
    enum { limit = 4 << 20 };
    uint8_t* composite = malloc(limit);
    uint64_t result = 0;
    for (int round = 0; round < 3 * scale; ++round) {
        for (size_t i = 0; i < limit; ++i)
            composite[i] = 0;
        for (size_t p = 2; p * p < limit; ++p)
            if (!composite[p])
                for (size_t m = p * p; m < limit; m += p)
                    composite[m] = 1;
        uint64_t count = 0, sum = 0;
        for (size_t i = 2; i < limit; ++i)
            if (!composite[i]) {
                ++count;
                sum += i;
            }
        result += count * 1000003u + sum;
    }
    free(composite);
    return result;
}

/* ---- modpow ---- */

static uint64_t powmod(uint64_t base, uint64_t exponent, uint64_t modulus) {
    uint64_t result = 1;
    base %= modulus;
    while (exponent) {
        if (exponent & 1)
            result = result * base % modulus;
        base = base * base % modulus;
        exponent >>= 1;
    }
    return result;
}

static uint64_t phase_modpow(int scale) {
    const uint64_t modulus = 2147483647u; /* 2^31 - 1: products fit in 64 bits */
    uint64_t result = 0;
    for (uint64_t i = 1; i <= 180000u * (uint64_t)scale; ++i)
        result += powmod(i, 1000003u + i, modulus);
    return result;
}

int main(int argc, char** argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    if (scale < 1)
        scale = 1;
    struct {
        const char* name;
        uint64_t (*run)(int);
    } phases[] = {{"sha256", phase_sha256}, {"sort", phase_sort},   {"hash", phase_hash},
                  {"nbody", phase_nbody},   {"sieve", phase_sieve}, {"modpow", phase_modpow}};
    uint64_t total_wall = 0, total_cpu = 0;
    for (size_t i = 0; i < sizeof phases / sizeof phases[0]; ++i) {
        uint64_t wall = clock_us(CLOCK_MONOTONIC), cpu = clock_us(CLOCK_PROCESS_CPUTIME_ID);
        mix(phases[i].run(scale));
        wall = clock_us(CLOCK_MONOTONIC) - wall;
        cpu = clock_us(CLOCK_PROCESS_CPUTIME_ID) - cpu;
        total_wall += wall;
        total_cpu += cpu;
        fprintf(stderr, "phase %s %" PRIu64 " %" PRIu64 "\n", phases[i].name, wall, cpu);
    }
    fprintf(stderr, "compute %" PRIu64 " %" PRIu64 "\n", total_wall, total_cpu);
    printf("checksum %016" PRIx64 "\n", g_checksum);
    return 0;
}
