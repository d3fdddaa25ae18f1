// Key derivation for JWE: PBKDF2-HMAC-SHA2 (RFC 8018 §5.2, the KDF of PBES2, RFC 7518 §4.8) and
// the Concat KDF of ECDH-ES (NIST SP 800-56A single-step KDF with SHA-256, RFC 7518 §4.6.2).
//
// Thread-safety: stateless; callable from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../bytes.hpp"
#include "../status.hpp"
#include "hash.hpp"

namespace jwtcore::crypto {

// Largest derived key either KDF produces here (JOSE needs at most 64 bytes).
inline constexpr size_t kMaxDerivedKeySize = 1024;

// PBKDF2 with HMAC-`hash` (SHA-256/384/512). For PBES2 the caller builds the salt as
// UTF8(alg) || 0x00 || p2s (RFC 7518 §4.8.1.1) and must enforce its p2c policy (SECURITY.md #9)
// *before* calling: this function runs whatever iteration count it is given.
// Errors: JWTCORE_E_NOT_SUPPORTED (Hash::sha1); JWTCORE_E_INVALID_ARGUMENT (iterations == 0,
// key_len 0 or > kMaxDerivedKeySize).
Result<SecretBytes> pbkdf2_hmac(Hash hash, bytes_view password, bytes_view salt,
                                uint32_t iterations, size_t key_len);

// RFC 7518 §4.6.2: key_bits/8 bytes of
//   SHA-256(counter || Z || OtherInfo) for counter = 1, 2, … (32-bit big-endian), where
//   OtherInfo = len32(AlgorithmID) || AlgorithmID || len32(apu) || apu || len32(apv) || apv
//               || SuppPubInfo (key_bits as 32-bit big-endian); SuppPrivInfo is empty.
// alg_id is the "enc" value for ECDH-ES (direct key agreement) and the "alg" value for
// ECDH-ES+A*KW. apu/apv are the base64url-*decoded* header values (empty when absent).
// Errors: JWTCORE_E_INVALID_ARGUMENT (empty shared secret; key_bits 0, not a multiple of 8 or
// above 8 * kMaxDerivedKeySize; a field longer than 2^32 - 1 bytes).
Result<SecretBytes> concat_kdf(bytes_view shared_secret, std::string_view alg_id, bytes_view apu,
                               bytes_view apv, size_t key_bits);

}  // namespace jwtcore::crypto
