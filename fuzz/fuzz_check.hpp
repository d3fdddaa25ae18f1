// What every harness shares: oracle checks that abort (libFuzzer, and the replay main under
// `meson test`, report an abort as a failure, unlike a returned value), and an owner for the
// byte strings the C ABI hands out, so that a harness never leaks on an early return.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "jwtcore/common.h"

// Aborts with the failed condition when an oracle does not hold.
#define FUZZ_CHECK(cond)                                             \
  do {                                                               \
    if (!(cond)) ::jwtcore::fuzz::violated(#cond, __FILE__, __LINE__); \
  } while (0)

namespace jwtcore::fuzz {

[[noreturn]] inline void violated(const char *what, const char *file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz oracle violated: %s\n", file, line, what);
  std::abort();
}

// A byte string returned through `uint8_t **out, size_t *out_len`; released with jwtcore_free().
class OutBytes {
 public:
  OutBytes() = default;
  ~OutBytes() { jwtcore_free(data); }
  OutBytes(const OutBytes &) = delete;
  OutBytes &operator=(const OutBytes &) = delete;

  std::string_view view() const { return {reinterpret_cast<const char *>(data), size}; }

  uint8_t *data = nullptr;
  size_t size = 0;
};

// The ABI contract of every failing call (API.md rules 3, 4, 7): a negative, documented code,
// a non-empty detail message, and no output handed out.
inline void check_failure(int rc, const OutBytes &out) {
  FUZZ_CHECK(rc < 0);
  FUZZ_CHECK(std::strcmp(jwtcore_strerror(rc), "unknown status code") != 0);
  FUZZ_CHECK(jwtcore_last_error_message()[0] != '\0');
  FUZZ_CHECK(out.data == nullptr && out.size == 0);
}

// The ABI contract of every successful call that produces text or bytes: the block is
// NUL-terminated after `size` bytes (rule 7) and the detail message is cleared (rule 4).
inline void check_success(int rc, const OutBytes &out) {
  FUZZ_CHECK(rc == JWTCORE_OK);
  FUZZ_CHECK(out.data != nullptr);
  FUZZ_CHECK(out.data[out.size] == 0);
  FUZZ_CHECK(jwtcore_last_error_message()[0] == '\0');
}

}  // namespace jwtcore::fuzz
