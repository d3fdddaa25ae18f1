// The key and key-set handles behind jwtcore/jwk.h, for every shim that takes them (jwk.cpp,
// and the JWS / JWE / JWT / verifier shims). Handles are plain structs with a magic number
// first (guard.hpp handle_ok()) and no logic beyond reference counting.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "../core/key.hpp"
#include "../core/keyset.hpp"
#include "guard.hpp"
#include "jwtcore/jwk.h"

// A reference-counted handle over one immutable Key. Created with a count of 1; the count is
// atomic, so jwtcore_key_ref / jwtcore_key_free may race freely.
struct jwtcore_key {
  static constexpr uint32_t kMagic = 0x6a6b6579;  // "jkey"
  uint32_t magic = kMagic;
  std::atomic<uint32_t> refs{1};
  jwtcore::KeyPtr key;

  explicit jwtcore_key(jwtcore::KeyPtr k) : key(std::move(k)) {}
};

// A key set: the core KeySet (what JWS/JWE use) plus one key handle per key, each holding a
// reference, so that jwtcore_keyset_get / _find can hand out borrowed jwtcore_key pointers.
struct jwtcore_keyset {
  static constexpr uint32_t kMagic = 0x6a6b7374;  // "jkst"
  uint32_t magic = kMagic;
  jwtcore::KeySet set;
  std::vector<jwtcore_key *> handles;  // handles[i] wraps set.at(i)

  jwtcore_keyset() = default;
  jwtcore_keyset(const jwtcore_keyset &) = delete;
  jwtcore_keyset &operator=(const jwtcore_keyset &) = delete;
  ~jwtcore_keyset();
};

namespace jwtcore::capi {

// A new handle with one reference (throws std::bad_alloc).
jwtcore_key *new_key_handle(KeyPtr key);
// Adds / drops one reference; the last drop invalidates the magic and frees the handle.
// release(nullptr) is a no-op.
void retain(jwtcore_key *h) noexcept;
void release(jwtcore_key *h) noexcept;

// The key behind a handle the caller has checked with handle_ok().
inline const KeyPtr &key_of(const jwtcore_key *h) { return h->key; }
inline const KeySet &keyset_of(const jwtcore_keyset *h) { return h->set; }

// For shims taking a key argument: checks the handle and returns JWTCORE_OK, or records and
// returns JWTCORE_E_INVALID_HANDLE naming the parameter.
inline int check_key(const jwtcore_key *h, const char *what = "invalid key handle") noexcept {
  return handle_ok(h) ? JWTCORE_OK : bad_handle(what);
}
inline int check_keyset(const jwtcore_keyset *h, const char *what = "invalid key set handle") noexcept {
  return handle_ok(h) ? JWTCORE_OK : bad_handle(what);
}

}  // namespace jwtcore::capi
