// Hash functions of JOSE: SHA-256/384/512 for HS*, RS*/PS*, ES*, CBC-HMAC, PBES2, thumbprints
// and the Concat KDF; SHA-1 only for RSA-OAEP's MGF1 (RFC 7518 §4.3 "RSA-OAEP").
//
// Thread-safety: every function here is pure and may be called from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "../bytes.hpp"

namespace jwtcore::crypto {

enum class Hash : uint8_t { sha1, sha256, sha384, sha512 };

// The largest output of any Hash (SHA-512), and so of any HMAC tag.
inline constexpr size_t kMaxHashSize = 64;

// Output length in bytes: 20, 32, 48, 64.
constexpr size_t hash_size(Hash h) noexcept {
  switch (h) {
    case Hash::sha1: return 20;
    case Hash::sha256: return 32;
    case Hash::sha384: return 48;
    case Hash::sha512: return 64;
  }
  return 0;
}

// Input block length in bytes (the HMAC pad length, RFC 2104 "B"): 64 or 128.
constexpr size_t hash_block_size(Hash h) noexcept {
  return (h == Hash::sha384 || h == Hash::sha512) ? 128 : 64;
}

// A digest or MAC tag held inline (no heap): `size` bytes of `bytes` are meaningful. These are
// public values (signatures, tags), so the type is not wiped; secret-derived digests are kept
// in local buffers by the KDFs instead.
struct Digest {
  std::array<uint8_t, kMaxHashSize> bytes{};
  size_t size = 0;

  const uint8_t *data() const { return bytes.data(); }
  bytes_view view() const { return bytes_view(bytes.data(), size); }
};

// One-shot hash of `data`. Never fails for the hashes above (mbedTLS software implementations).
Digest digest(Hash h, bytes_view data) noexcept;

}  // namespace jwtcore::crypto
