// The verifier handle shared by the verifier, JWS, JWE and JWT shims.
#pragma once

#include <cstdint>

#include "../core/verifier.hpp"
#include "guard.hpp"

struct jwtcore_verifier {
  static constexpr uint32_t kMagic = 0x6a766572;  // "jver"
  uint32_t magic = kMagic;
  jwtcore::Verifier v;
};

namespace jwtcore::capi {

inline int check_verifier(const jwtcore_verifier *h) noexcept {
  return handle_ok(h) ? JWTCORE_OK : bad_handle("invalid verifier handle");
}

// For setters: the handle is valid and not frozen yet.
inline int check_mutable_verifier(const jwtcore_verifier *h) noexcept {
  if (!handle_ok(h)) return bad_handle("invalid verifier handle");
  if (h->v.frozen.load(std::memory_order_acquire)) {
    return fail(JWTCORE_E_INVALID_STATE, "the verifier is frozen (it has been used or frozen); build a new one");
  }
  return JWTCORE_OK;
}

// Marks the verifier frozen on first use (a verifier must not be modified once shared).
// Stores only the first time: a store on every call would bounce the verifier's cache line
// between all the threads sharing it.
inline void freeze(const jwtcore_verifier *h) noexcept {
  if (h->v.frozen.load(std::memory_order_acquire)) return;
  const_cast<jwtcore_verifier *>(h)->v.frozen.store(true, std::memory_order_release);
}

}  // namespace jwtcore::capi
