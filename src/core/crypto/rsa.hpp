// RSA keys (mbedTLS): import with validation, generation, RSASSA-PKCS1-v1_5 / RSASSA-PSS
// (RS*, PS*: RFC 7518 §3.3, §3.5), RSAES-OAEP and RSAES-PKCS1-v1_5 (RFC 7518 §4.2, §4.3).
//
// Thread-safety: an RsaKey is immutable after construction; every method is const and may be
// called from many threads at once. mbedTLS mutates an RSA context during private operations
// (the blinding values Vi/Vf, RFC 8017 §5.1.2 timing defence) and reads ctx->padding and
// ctx->hash_id for signing and for both OAEP directions, so every operation except verify
// runs under a std::mutex per key (private operations are ~1 ms; the lock is not the cost).
// verify takes no lock of ours; mbedTLS 2.28 built with MBEDTLS_THREADING_C (as Debian ships
// it) still takes its own per-context mutex around the exponentiation, so concurrent verifies
// with ONE key serialise inside mbedTLS (different keys do not). The Montgomery constant the
// public operation caches (ctx->RN) is filled once at import, never lazily under load.
#pragma once

#include <cstddef>
#include <memory>

#include "../bytes.hpp"
#include "../status.hpp"
#include "hash.hpp"

namespace jwtcore::crypto {

// Modulus-size policy for import. RFC 7518 §3.3 / §4.2 require >= 2048 bits; the cap bounds the
// cost an attacker-supplied key can impose (a 16384-bit verify costs ~60x a 2048-bit one).
// The effective ceiling is also bounded by the backend: mbedTLS as Debian builds it
// (MBEDTLS_MPI_MAX_SIZE = 1024 bytes) handles at most 8192-bit moduli.
struct RsaLimits {
  static constexpr size_t hard_max_bits = 16384;  // never raised, whatever the caller asks
  size_t min_bits = 2048;
  size_t max_bits = 8192;  // clamped to hard_max_bits
};

// Big-endian unsigned components (leading zero bytes allowed on input). n and e are required;
// a private key needs d. The CRT values (p, q, dp, dq, qi) are all present or all empty
// (RFC 7518 §6.3.2); when absent they are derived from n, e, d.
struct RsaComponentsView {
  bytes_view n, e;
  bytes_view d, p, q, dp, dq, qi;
};

// Exported components, minimal big-endian (no leading zero byte), as JWK wants (RFC 7518 §6.3).
struct RsaPublicComponents {
  Bytes n, e;
};
struct RsaPrivateComponents {
  Bytes n, e;
  SecretBytes d, p, q, dp, dq, qi;
};

enum class RsaSignatureScheme {
  pkcs1v15,  // RS256/384/512: EM re-encoded and compared in full (no ASN.1 parsing of EM)
  pss,       // PS256/384/512: MGF1 with the same hash, salt length == hash length, enforced
};

class RsaKey {
 public:
  // Imports and validates. Errors (message names the member):
  //  JWTCORE_E_KEY_INVALID  missing n/e, n even, partial CRT set, inconsistent private values
  //                         (mbedtls_rsa_check_privkey / derived dp,dq,qi differ from given)
  //  JWTCORE_E_KEY_WEAK     modulus below limits.min_bits; e even or e <= 1
  //  JWTCORE_E_LIMIT_SIZE   modulus above min(limits.max_bits, 16384, backend maximum)
  //  JWTCORE_E_KEY_UNSUPPORTED  e longer than 256 bits (FIPS 186-5 bound; DoS otherwise)
  static Result<RsaKey> from_components(const RsaComponentsView &c, const RsaLimits &limits = {});

  // A fresh key pair with e = 65537; bits in [2048, 8192] (else JWTCORE_E_INVALID_ARGUMENT).
  static Result<RsaKey> generate(size_t bits);

  RsaKey(RsaKey &&) noexcept;
  RsaKey &operator=(RsaKey &&) noexcept;
  ~RsaKey();

  bool has_private() const;
  size_t modulus_bits() const;
  size_t modulus_bytes() const;  // the exact signature / ciphertext length

  RsaPublicComponents public_components() const;
  // JWTCORE_E_KEY_NOT_PRIVATE for a public key.
  Result<RsaPrivateComponents> private_components() const;
  // The same public key without private parts (for handing out / exporting).
  RsaKey public_only() const;

  // Hashes `message` with `hash` and signs (private key needed: JWTCORE_E_KEY_NOT_PRIVATE).
  // The signature is exactly modulus_bytes() long.
  Result<Bytes> sign(RsaSignatureScheme scheme, Hash hash, bytes_view message) const;
  // As sign() for a precomputed digest; digest.size() must equal the hash length.
  Result<Bytes> sign_digest(RsaSignatureScheme scheme, Hash hash, bytes_view digest) const;

  // JWTCORE_OK or JWTCORE_E_BAD_SIGNATURE (wrong length, any non-zero mbedTLS return).
  Status verify(RsaSignatureScheme scheme, Hash hash, bytes_view message,
                bytes_view signature) const;
  Status verify_digest(RsaSignatureScheme scheme, Hash hash, bytes_view digest,
                       bytes_view signature) const;

  // RSAES-OAEP (RFC 8017 §7.1) with MGF1 using the same hash; `label` is empty in JOSE.
  // encrypt: JWTCORE_E_INVALID_ARGUMENT if the plaintext is too long for the modulus.
  // decrypt: JWTCORE_E_DECRYPT for any failure (length, padding, label) — one code, no oracle.
  Result<Bytes> oaep_encrypt(Hash hash, bytes_view plaintext, bytes_view label = {}) const;
  Result<SecretBytes> oaep_decrypt(Hash hash, bytes_view ciphertext, bytes_view label = {}) const;

  // RSAES-PKCS1-v1_5 (RFC 8017 §7.2). Encryption is the sender side of RSA1_5.
  Result<Bytes> pkcs1v15_encrypt(bytes_view plaintext) const;

  // Bleichenbacher-safe unwrap for JWE RSA1_5 (RFC 7516 §11.5, RFC 3218 §2.3.2): fills `out`
  // with exactly `expected_len` bytes: the decrypted CEK when the ciphertext has the right
  // length, decrypts, is correctly padded and carries exactly expected_len bytes; otherwise
  // bytes from the CSPRNG. The caller cannot tell which happened; the JWE tag check fails
  // later for the random CEK. The padding check and the selection run in constant time in our
  // code (masks, no branches on the decrypted data). The modular exponentiation itself is
  // mbedTLS's: 2.28.3 (Debian bookworm) predates the 2.28.7 fix for CVE-2024-23170 (Marvin-
  // style timing of the RSA private operation), so a local attacker measuring timing may
  // still learn something; keep RSA1_5 disabled unless required.
  // Status errors only for caller mistakes independent of the ciphertext:
  // JWTCORE_E_KEY_NOT_PRIVATE, JWTCORE_E_INVALID_ARGUMENT (expected_len 0 or > k - 11).
  Status pkcs1v15_decrypt_or_random(bytes_view ciphertext, size_t expected_len,
                                    SecretBytes &out) const;

  // Plain RSAES-PKCS1-v1_5 decryption that reports padding failures (JWTCORE_E_DECRYPT).
  // It is a padding oracle by construction: for tests and tools only, never for JWE.
  Result<SecretBytes> pkcs1v15_decrypt_reporting(bytes_view ciphertext) const;

  struct Impl;  // defined in rsa.cpp; public so pkix.cpp can reach the mbedTLS context

  const Impl &impl() const { return *impl_; }

 private:
  explicit RsaKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jwtcore::crypto
