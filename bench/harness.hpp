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
#include <functional>
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

namespace jwtcore::bench {

// Interleaved measurement (issue 11): every case is calibrated once (a batch of at least
// `batch_seconds`), then the suite runs `rounds` rounds, each timing one batch of every case —
// in ten slices that alternate between the cases — and reports each case's median over the
// rounds. Interleaving spreads a burst of load
// from other processes over all cases instead of letting it land on one, so ratios between rows
// of one run stay meaningful on a shared machine.
class Suite {
 public:
  using Fn = std::function<void()>;
  struct Case {
    std::string name;
    Fn fn;
    size_t iters = 0;
    std::vector<double> ns;  // per-op time of each round
    double median = 0;
  };

  // Registers a case (skipped when JWTCORE_BENCH_ONLY names another one).
  void add(std::string name, Fn fn) {
    const char *only = std::getenv("JWTCORE_BENCH_ONLY");
    if (only != nullptr && name != only) return;
    Case c;
    c.name = std::move(name);
    c.fn = std::move(fn);
    cases_.push_back(std::move(c));
  }

  // JWTCORE_BENCH_ITERS=N: runs each case exactly N times untimed (valgrind mode) instead.
  void run(int rounds = 3, double batch_seconds = 0.05) {
    if (const char *fixed = std::getenv("JWTCORE_BENCH_ITERS")) {
      const long n = std::strtol(fixed, nullptr, 10);
      for (auto &c : cases_)
        for (long i = 0; i < n; ++i) c.fn();
      return;
    }
    for (auto &c : cases_) c.iters = calibrate(c.fn, batch_seconds);
    // Each round's batch is cut into slices, and the slices of all cases alternate, so that two
    // neighbouring cases are measured within milliseconds of each other many times per round.
    constexpr size_t kSlices = 10;
    for (int r = 0; r < rounds; ++r) {
      std::vector<double> total(cases_.size(), 0);
      for (size_t s = 0; s < kSlices; ++s) {
        for (size_t i = 0; i < cases_.size(); ++i) {
          const size_t n = std::max<size_t>(1, cases_[i].iters / kSlices);
          total[i] += time_batch(cases_[i].fn, n) * double(n);
        }
      }
      for (size_t i = 0; i < cases_.size(); ++i)
        cases_[i].ns.push_back(total[i] / double(kSlices * std::max<size_t>(1, cases_[i].iters / kSlices)));
    }
    for (auto &c : cases_) {
      std::vector<double> v = c.ns;
      std::sort(v.begin(), v.end());
      c.median = v[v.size() / 2];
    }
  }

  // The median ns/op of a case, 0 if it did not run.
  double get(const std::string &name) const {
    for (const auto &c : cases_)
      if (c.name == name) return c.median;
    return 0;
  }
  // The median over rounds of a[r] / b[r]: each round times b and a within moments of each
  // other (register them next to each other), so a drift of the machine's speed between rounds
  // — frequent on a shared VM — cancels out of the ratio. 0 if either did not run.
  double paired_ratio(const std::string &a, const std::string &b) const {
    const Case *ca = find(a), *cb = find(b);
    if (ca == nullptr || cb == nullptr || ca->ns.empty() || ca->ns.size() != cb->ns.size()) return 0;
    std::vector<double> r;
    for (size_t i = 0; i < ca->ns.size(); ++i) r.push_back(ca->ns[i] / cb->ns[i]);
    std::sort(r.begin(), r.end());
    return r[r.size() / 2];
  }
  const std::vector<Case> &cases() const { return cases_; }
  bool timing() const { return std::getenv("JWTCORE_BENCH_ITERS") == nullptr; }

 private:
  static double time_batch(const Fn &fn, size_t iters) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    for (size_t i = 0; i < iters; ++i) fn();
    return std::chrono::duration<double, std::nano>(clock::now() - t0).count() / double(iters);
  }
  static size_t calibrate(const Fn &fn, double seconds) {
    fn();  // warm-up: first-use initialisation, scratch buffers, caches
    size_t iters = 1;
    for (;;) {
      const double ns = time_batch(fn, iters) * double(iters);
      if (ns >= seconds * 1e9 || iters > (size_t(1) << 30)) return iters;
      iters = ns < 1e6 ? iters * 8 : static_cast<size_t>(double(iters) * seconds * 1e9 / ns * 1.1) + 1;
    }
  }

  const Case *find(const std::string &name) const {
    for (const auto &c : cases_)
      if (c.name == name) return &c;
    return nullptr;
  }

  std::vector<Case> cases_;
};

}  // namespace jwtcore::bench
