// A plain benchmark harness: warm-up, then `reps` timed repetitions of `iters` calls each; the
// median per-call time is reported, so one noisy repetition on a shared 2-core machine does not
// move the result. `JWTCORE_BENCH_ONLY=name` runs one case; `JWTCORE_BENCH_ITERS=N` runs each
// case exactly N times with no timing (for valgrind --tool=callgrind instruction counts).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace jwtcore::bench {

struct Result {
  std::string name;
  double ns_per_op = 0;
};

inline std::vector<Result> &results() {
  static std::vector<Result> r;
  return r;
}

// Keeps the optimiser from discarding a computed value.
template <class T>
inline void do_not_optimize(const T &value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

template <class F>
double run(const std::string &name, F &&fn, size_t min_iters = 1000, int reps = 5) {
  const char *only = std::getenv("JWTCORE_BENCH_ONLY");
  if (only != nullptr && name != only) return 0;
  if (const char *fixed = std::getenv("JWTCORE_BENCH_ITERS")) {
    const long n = std::strtol(fixed, nullptr, 10);
    for (long i = 0; i < n; ++i) fn();
    return 0;
  }
  using clock = std::chrono::steady_clock;
  // Calibrate: grow the batch until one batch takes at least ~20 ms.
  size_t iters = min_iters;
  for (;;) {
    auto t0 = clock::now();
    for (size_t i = 0; i < iters; ++i) fn();
    auto dt = std::chrono::duration<double>(clock::now() - t0).count();
    if (dt >= 0.02 || iters > (size_t(1) << 30)) break;
    iters *= 2;
  }
  std::vector<double> per_op;
  for (int r = 0; r < reps; ++r) {
    auto t0 = clock::now();
    for (size_t i = 0; i < iters; ++i) fn();
    auto dt = std::chrono::duration<double, std::nano>(clock::now() - t0).count();
    per_op.push_back(dt / double(iters));
  }
  std::sort(per_op.begin(), per_op.end());
  const double median = per_op[per_op.size() / 2];
  results().push_back({name, median});
  std::printf("%-48s %12.1f ns/op\n", name.c_str(), median);
  std::fflush(stdout);
  return median;
}

inline void ratio(const char *label, double ours, double reference) {
  if (ours > 0 && reference > 0) std::printf("  ratio %-40s %6.2fx\n", label, ours / reference);
}

}  // namespace jwtcore::bench
