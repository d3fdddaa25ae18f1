// JSON Web Key import and export (RFC 7517; key parameters of RFC 7518 §6 and RFC 8037 §2), and
// the other ways a Key comes to be: PEM/DER (RFC 7468 / 5280 / 5208 / 8017 / 5915 / 8410) and
// raw secrets.
//
// Import validates every member it knows: kty required; members of the wrong JSON type, missing
// required members and members in non-strict base64url are refused naming the member; field
// lengths are exact for the curve (RFC 7518 §6.2.1.2); EC points lie on their curve; RSA moduli
// are at least 2048 bits (KeyImportOptions lowers it) and private parts match public ones;
// 'use', 'key_ops' and 'alg' are kept, checked against each other and enforced by
// Key::permits(). 'x5c', 'x5t', 'x5t#S256' and 'x5u' are type-checked and otherwise ignored:
// trust never comes from them (SECURITY.md #14).
//
// Thread-safety: free functions without shared state; safe from any thread.
#pragma once

#include <string_view>

#include "bytes.hpp"
#include "crypto/rsa.hpp"
#include "json.hpp"
#include "key.hpp"
#include "status.hpp"

namespace jwtcore {

struct KeyImportOptions {
  // RSA modulus bounds. RFC 7518 §3.3 / §4.2 require 2048 bits; the C flag
  // JWTCORE_KEY_ALLOW_RSA_1024 lowers min_bits to 1024 for legacy verifiers.
  crypto::RsaLimits rsa;
};

// One JWK of at most 64 KiB, nested at most 8 deep.
inline constexpr json::Limits kJwkLimits{64 * 1024, 8};

// Errors (the message names the member):
//  JWTCORE_E_JSON / _JSON_DUPLICATE / _LIMIT_SIZE / _LIMIT_DEPTH  not a JWK-sized JSON object
//  JWTCORE_E_KEY_INVALID      a member missing, of the wrong JSON type, of the wrong length, or
//                             inconsistent ('d' not matching, 'use' vs 'key_ops' vs 'alg', ...)
//  JWTCORE_E_BASE64           a member not in strict base64url
//  JWTCORE_E_KEY_UNSUPPORTED  unknown kty or crv, Ed448/X448, multi-prime RSA ('oth')
//  JWTCORE_E_UNKNOWN_ALG      'alg' names no algorithm libjwtcore knows
//  JWTCORE_E_KEY_MISMATCH     'alg' does not fit the key type / curve
//  JWTCORE_E_KEY_WEAK         RSA modulus too small, e <= 1 or even, ROCA; oct key empty or
//                             shorter than its 'alg' needs
//  JWTCORE_E_POINT_INVALID    EC point not on the curve (or coordinate >= p)
Result<KeyPtr> key_from_jwk(std::string_view json, const KeyImportOptions &options = {});
// The same for a JWK object inside an already parsed document (a JWKS entry).
Result<KeyPtr> key_from_jwk(const json::Value &jwk, const KeyImportOptions &options = {});

// The JWK of `key`: the members RFC 7638 §3.2 requires, in its lexicographic order, then the
// private members (if `include_private` and the key has them), then kid, alg, use, key_ops.
// An oct key has no public form: without `include_private` it is JWTCORE_E_INVALID_ARGUMENT.
// Secret-bearing text is returned in a zeroing SecretString.
Result<SecretString> key_to_jwk(const Key &key, bool include_private);

// The RFC 7638 §3.2 input: the required members only, lexicographic, no whitespace (for an oct
// key this includes the secret 'k', hence SecretString).
SecretString jwk_thumbprint_input(const Key &key);

// PEM or DER: SPKI and "RSA PUBLIC KEY" for public keys; PKCS#8, PKCS#1 and SEC1 for private
// keys (see crypto/pkix.hpp). The key carries no kid/alg/use. Errors: JWTCORE_E_PEM,
// JWTCORE_E_NOT_SUPPORTED (encrypted keys, certificates), JWTCORE_E_KEY_UNSUPPORTED and the
// validation errors of JWK import.
Result<KeyPtr> key_from_pem(bytes_view pem_or_der, const KeyImportOptions &options = {});

// PEM text: PKCS#8 "PRIVATE KEY" if `include_private` and the key has a private part, else SPKI
// "PUBLIC KEY". oct keys have no PEM form: JWTCORE_E_NOT_SUPPORTED.
Result<SecretString> key_to_pem(const Key &key, bool include_private);

// An oct key from raw bytes (an HMAC or AES key, a PBES2 password), without alg.
// JWTCORE_E_KEY_WEAK if empty, JWTCORE_E_LIMIT_SIZE over kMaxSecretBytes.
Result<KeyPtr> key_from_secret(bytes_view secret);

}  // namespace jwtcore
