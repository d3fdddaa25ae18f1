// The one guard every extern "C" body runs in (API.md rule 5), plus the ABI helpers that all
// shims share: the thread-local error detail, library-owned output buffers and handle checks.
#pragma once

#include <cstdint>
#include <new>
#include <string_view>
#include <utility>

#include "../core/bytes.hpp"
#include "../core/status.hpp"

namespace jwtcore::capi {

// Records `st` as this thread's last error and returns its code.
int fail(const Status &st) noexcept;
int fail(int code, std::string_view message) noexcept;
// Clears this thread's last error (done on entry to every call by guard()).
void clear_error() noexcept;

// Allocates a library-owned block for `n` bytes (+1 for a NUL terminator, not counted), which
// jwtcore_free() zeroes and releases. Throws std::bad_alloc.
uint8_t *alloc_out(size_t n);
// Copies `data` into a library-owned, NUL-terminated block and hands it to the caller.
int emit(uint8_t **out, size_t *out_len, bytes_view data);

// Runs `body` (returning int) with C++ exceptions mapped to status codes, never crossing the ABI.
template <class F>
int guard(F &&body) noexcept {
  clear_error();
  try {
    return std::forward<F>(body)();
  } catch (const std::bad_alloc &) {
    return fail(JWTCORE_E_NO_MEMORY, "out of memory");
  } catch (...) {
    return fail(JWTCORE_E_INTERNAL, "internal error (unexpected exception)");
  }
}

// Handles carry a magic number checked on every call, so that a freed (where the memory still
// reads back), foreign or wrong-type pointer gives JWTCORE_E_INVALID_HANDLE instead of a crash.
template <class H>
bool handle_ok(const H *h) noexcept {
  return h != nullptr && h->magic == H::kMagic;
}

inline int bad_handle(const char *what) noexcept {
  return fail(JWTCORE_E_INVALID_HANDLE, std::string_view(what));
}

// Validates a (pointer, length) input pair: NULL is only allowed with length 0.
inline bool span_ok(const void *p, size_t n) noexcept { return p != nullptr || n == 0; }

}  // namespace jwtcore::capi
