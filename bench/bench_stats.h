// bench_stats.h — percentiles over measured samples, printed as one line per benchmark.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace secure_exec::bench {

using Clock = std::chrono::steady_clock;

inline double micros_since(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

struct Percentiles {
    double p50{0};
    double p95{0};
    double p99{0};
};

inline Percentiles percentiles(std::vector<double> samples) {
    if (samples.empty())
        return {};
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) { return samples[std::min(samples.size() - 1, static_cast<size_t>(q * samples.size()))]; };
    return {at(0.50), at(0.95), at(0.99)};
}

inline void print_latency(const std::string& name, const std::vector<double>& micros) {
    auto p = percentiles(micros);
    std::printf("%-44s p50 %9.2f us   p95 %9.2f us   p99 %9.2f us   (n=%zu)\n", name.c_str(), p.p50, p.p95, p.p99,
                micros.size());
}

}  // namespace secure_exec::bench
