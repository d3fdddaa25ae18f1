// Octet key pairs (libsodium, RFC 8037): Ed25519 for EdDSA and X25519 for ECDH-ES.
// Ed448 and X448 are not supported (libsodium has neither); the key module refuses them.
//
// Thread-safety: keys are immutable after construction; all methods are const and safe from
// many threads at once. Private material lives in libsodium guarded memory (GuardedBytes).
#pragma once

#include <cstddef>
#include <memory>

#include "../bytes.hpp"
#include "../secure_mem.hpp"
#include "../status.hpp"

namespace jwtcore::crypto {

inline constexpr size_t ed25519_public_bytes = 32;
inline constexpr size_t ed25519_seed_bytes = 32;
inline constexpr size_t ed25519_signature_bytes = 64;
inline constexpr size_t x25519_bytes = 32;

class Ed25519Key {
 public:
  // Public key "x" (RFC 8037 §2): exactly 32 bytes (else JWTCORE_E_KEY_INVALID naming 'x'),
  // a canonical encoding of a point in the prime-order subgroup (else JWTCORE_E_POINT_INVALID:
  // small-order keys would let one signature verify for many messages).
  static Result<Ed25519Key> from_public(bytes_view x);
  // Private key "d" is the 32-byte seed (RFC 8037 §2). If `x` is non-empty it must equal the
  // public key derived from the seed (else JWTCORE_E_KEY_INVALID naming 'x').
  static Result<Ed25519Key> from_seed(bytes_view seed, bytes_view x = {});
  static Result<Ed25519Key> generate();

  Ed25519Key(Ed25519Key &&) noexcept;
  Ed25519Key &operator=(Ed25519Key &&) noexcept;
  ~Ed25519Key();

  bool has_private() const;
  const Bytes &public_key() const;  // 32 bytes
  // The 32-byte seed; JWTCORE_E_KEY_NOT_PRIVATE for a public key.
  Result<SecretBytes> seed() const;
  Ed25519Key public_only() const;

  // Pure Ed25519 (RFC 8032 §5.1.6) over the whole message: 64 bytes.
  Result<Bytes> sign(bytes_view message) const;
  // JWTCORE_OK or JWTCORE_E_BAD_SIGNATURE (length != 64, non-canonical S, small-order R,
  // mismatch: libsodium's strict verify).
  Status verify(bytes_view message, bytes_view signature) const;

 private:
  Ed25519Key(Bytes public_key, GuardedBytes secret);
  Bytes public_key_;
  GuardedBytes secret_;  // libsodium's 64-byte secret key (seed || public), empty if public
};

class X25519Key {
 public:
  // Public u-coordinate, exactly 32 bytes (else JWTCORE_E_KEY_INVALID naming 'x'). Not
  // screened at import (RFC 7748 accepts any 32 bytes); low-order points fail in derive().
  static Result<X25519Key> from_public(bytes_view x);
  // Private scalar "d", exactly 32 bytes; if `x` is non-empty it must equal the derived public
  // key (else JWTCORE_E_KEY_INVALID naming 'x').
  static Result<X25519Key> from_private(bytes_view d, bytes_view x = {});
  static Result<X25519Key> generate();

  X25519Key(X25519Key &&) noexcept;
  X25519Key &operator=(X25519Key &&) noexcept;
  ~X25519Key();

  bool has_private() const;
  const Bytes &public_key() const;  // 32 bytes
  Result<SecretBytes> private_key() const;  // JWTCORE_E_KEY_NOT_PRIVATE for a public key
  X25519Key public_only() const;

  // X25519(d, peer) (RFC 7748 §6.1), 32 bytes.
  //  JWTCORE_E_KEY_NOT_PRIVATE  this key has no scalar
  //  JWTCORE_E_POINT_INVALID    the result is all zero (peer is a low-order point,
  //                             RFC 7748 §6.1 check); never falls back to another secret
  Result<SecretBytes> derive(const X25519Key &peer) const;

 private:
  X25519Key(Bytes public_key, GuardedBytes secret);
  Bytes public_key_;
  GuardedBytes secret_;  // 32-byte scalar, empty if public
};

}  // namespace jwtcore::crypto
