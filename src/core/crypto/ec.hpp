// Elliptic-curve keys on the short-Weierstrass curves JOSE uses (mbedTLS): ECDSA for ES256,
// ES384, ES512, ES256K (RFC 7518 §3.4, RFC 8812 §3.2) and ECDH for ECDH-ES (RFC 7518 §4.6).
//
// Thread-safety: an EcKey is immutable after construction; all methods are const and may be
// called from many threads at once. Each key keeps one mbedtls_ecp_keypair whose group is
// loaded once. mbedTLS fills the group's fixed-base comb table (the speed-up for k*G) lazily
// on first use; that first fill is done under std::call_once before any signing/verification,
// after which mbedTLS only reads it. ECDH on a peer point does not use (or fill) the table.
#pragma once

#include <cstddef>
#include <memory>

#include "../bytes.hpp"
#include "../status.hpp"
#include "hash.hpp"

namespace jwtcore::crypto {

enum class Curve {
  p256,       // "P-256"     secp256r1
  p384,       // "P-384"     secp384r1
  p521,       // "P-521"     secp521r1
  secp256k1,  // "secp256k1" (RFC 8812)
};

// JWK "crv" name: "P-256", "P-384", "P-521", "secp256k1".
const char *curve_name(Curve curve);
// Field element / scalar length in bytes: 32, 48, 66, 32 (JWK x, y, d lengths, RFC 7518 §6.2.1.2).
size_t curve_field_bytes(Curve curve);
// JWS signature length R||S: 2 * field bytes = 64, 96, 132, 64 (RFC 7518 §3.4).
size_t curve_signature_bytes(Curve curve);
// Order bit length (for hashing policy and messages): 256, 384, 521, 256.
size_t curve_bits(Curve curve);

class EcKey {
 public:
  // Imports an affine public point and, if `d` is non-empty, the private scalar.
  // x, y (and d) must be exactly curve_field_bytes() long, big-endian (RFC 7518 §6.2.1.2).
  // Errors (message names the member):
  //  JWTCORE_E_KEY_INVALID    wrong length of x / y / d; d not in [1, n-1]; d*G != (x, y)
  //  JWTCORE_E_POINT_INVALID  a coordinate >= p, point not on the curve, or the identity
  //                           (invalid-curve attack, go-jose CVE-2016-9121)
  static Result<EcKey> from_coordinates(Curve curve, bytes_view x, bytes_view y,
                                        bytes_view d = {});

  // A private key from its scalar alone (SEC1 keys without the public point); the public
  // point is computed. d must be exactly curve_field_bytes() long and in [1, n-1].
  static Result<EcKey> from_private_scalar(Curve curve, bytes_view d);

  // A public key from a SEC1 octet-string point (0x04 || X || Y, exact length). Compressed
  // points (0x02/0x03) give JWTCORE_E_NOT_SUPPORTED: JOSE never uses them. Identity (0x00),
  // other prefixes or lengths: JWTCORE_E_POINT_INVALID. Validated as from_coordinates().
  static Result<EcKey> from_sec1_point(Curve curve, bytes_view point);

  static Result<EcKey> generate(Curve curve);

  EcKey(EcKey &&) noexcept;
  EcKey &operator=(EcKey &&) noexcept;
  ~EcKey();

  Curve curve() const;
  bool has_private() const;

  // Fixed-length big-endian coordinates (curve_field_bytes() each).
  Bytes x() const;
  Bytes y() const;
  // 0x04 || X || Y.
  Bytes sec1_uncompressed() const;
  // The private scalar, curve_field_bytes() long; JWTCORE_E_KEY_NOT_PRIVATE for a public key.
  Result<SecretBytes> d() const;
  // The same public point without the private scalar.
  EcKey public_only() const;

  // Deterministic ECDSA (RFC 6979, mbedtls_ecdsa_sign_det_ext) over hash(message), returned
  // as fixed-length R||S (curve_signature_bytes()). JWTCORE_E_KEY_NOT_PRIVATE for a public key.
  Result<Bytes> sign(Hash hash, bytes_view message) const;
  // As sign() for a precomputed digest; `hash` names the RFC 6979 HMAC and must match the
  // digest length.
  Result<Bytes> sign_digest(Hash hash, bytes_view digest) const;

  // Verifies fixed-length R||S over hash(message). JWTCORE_OK or JWTCORE_E_BAD_SIGNATURE:
  // length != curve_signature_bytes() (DER, truncated, padded), r or s outside [1, n-1]
  // (checked before any curve arithmetic: "psychic signatures", CVE-2022-21449), or mismatch.
  // High-s signatures are valid (ECDSA is malleable; never use a signature as an identifier).
  Status verify(Hash hash, bytes_view message, bytes_view signature) const;
  Status verify_digest(bytes_view digest, bytes_view signature) const;

  // ECDH (SEC1 §3.3.1): the x-coordinate of d * peer, curve_field_bytes() long.
  //  JWTCORE_E_KEY_NOT_PRIVATE  this key has no private scalar
  //  JWTCORE_E_KEY_MISMATCH     the peer is on a different curve
  //  JWTCORE_E_POINT_INVALID    the peer point fails validation (re-checked before the
  //                             multiplication) or the result is the identity
  // The JWE layer collapses all of these into JWTCORE_E_DECRYPT.
  Result<SecretBytes> ecdh(const EcKey &peer) const;

  struct Impl;  // defined in ec.cpp; reachable by pkix.cpp for DER export

  const Impl &impl() const { return *impl_; }

 private:
  explicit EcKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jwtcore::crypto
