// JSON Web Tokens (RFC 7519) over compact JWS: verification through a Verifier (signature, then
// claims: RFC 7519 §7.2, RFC 8725) and issuing from a builder.
//
// The verify path is the library's hot path (an access token per HTTP request): it performs no
// key parsing (keys are parsed when the verifier is built; HMAC states are precomputed), copies
// nothing but the decoded payload, parses the claims once into a Document that the caller then
// reads through Claims, and reuses the caller's scratch and Claims buffers, so that once warm a
// verification allocates only to build an error message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claims.hpp"
#include "jwe.hpp"
#include "jws.hpp"
#include "key.hpp"
#include "status.hpp"
#include "verifier.hpp"

namespace jwtcore {

// Per-thread scratch for jwt_verify (reuse one per thread; never share one between threads).
struct JwtScratch {
  JwsScratch jws;
  JwsVerified verified;
  JweScratch jwe;          // nested JWTs only
  JweDecrypted decrypted;  // nested JWTs only
};

// Verifies a compact JWT under `v` and leaves the verified claims in `out`:
//  1. size: token.size() <= v.max_jwt, else JWTCORE_E_LIMIT_SIZE (before any decoding);
//  2. the JWS (jws_verify_compact under v.jws: alg allow-list, typ, crit, key binding) with
//     v.keys — or, if v.claims.issuer_keys is set, with the keys of the token's issuer;
//  3. the claims payload parsed as one JSON object (no duplicate names, depth v.jws.limits);
//  4. check_claims() at claims_now(v.claims).
// A 5-part token is a nested JWT (RFC 7519 §5.2, sign-then-encrypt): it is decrypted under the
// verifier's key-management algs, encs and decryption keys (jwe_policy_from), its protected
// header must say "cty": "JWT", and the plaintext must be a compact JWS, verified as above.
// Decryption alone never authenticates (RFC 8725 §2.3, SECURITY.md #22): an encrypted claims set
// without an inner signature is refused with JWTCORE_E_HEADER. Without decryption keys a 5-part
// token is JWTCORE_E_TOKEN_FORMAT. On failure `out` is cleared, so no unverified claim can be
// read from it. Thread-safety: `v` is only read (share a frozen one);
// `scratch` and `out` belong to the calling thread.
Status jwt_verify(std::string_view token, const Verifier &v, JwtScratch &scratch, Claims &out);

// Builds a claims set and signs it. Claims keep the order they were first set in; setting a
// claim again replaces its value, so a claims set can never repeat a name (RFC 7519 §4: a JWT
// with duplicate names must be rejected, and we never produce one). Registered claims are
// type-checked when set (exp/nbf/iat numbers, iss/sub/jti strings, aud a string or an array of
// strings): JWTCORE_E_CLAIM_TYPE otherwise. Strings must be valid UTF-8 (RFC 8725 §3.7):
// JWTCORE_E_INVALID_ARGUMENT otherwise. Thread-safety: one thread at a time.
class JwtBuilder {
 public:
  // Replaces every claim with the members of a JSON object (JWTCORE_E_JSON / _JSON_DUPLICATE
  // for malformed text; at most 64 KiB, depth 32).
  Status set_claims_json(std::string_view json_object);
  Status set_string(std::string_view name, std::string_view value);
  Status set_int(std::string_view name, int64_t value);
  // Non-finite values are JWTCORE_E_INVALID_ARGUMENT (JSON has no NaN or infinity).
  Status set_double(std::string_view name, double value);
  Status set_bool(std::string_view name, bool value);
  // "aud": one value is written as a string, several as an array (RFC 7519 §4.1.3).
  Status set_audience(const std::vector<std::string_view> &audiences);
  // Any JSON value, given as text (validated and stored minified).
  Status set_json(std::string_view name, std::string_view json_value);
  bool remove(std::string_view name);

  // "typ" of the JWS header: "JWT" by default, "at+jwt" for RFC 9068 access tokens, "" for none.
  Status set_typ(std::string_view typ);
  const std::string &typ() const { return typ_; }

  // "jti": 128 random bits, base64url (22 characters). JWTCORE_E_RANDOM if the generator fails.
  Status generate_jti();

  // Times relative to the builder's clock (the system clock unless set): iat = now,
  // exp = now + seconds, nbf = now + seconds. JWTCORE_E_INVALID_ARGUMENT on overflow.
  void set_clock(ClockFn clock, void *ctx) { clock_ = clock; clock_ctx_ = ctx; }
  int64_t now() const;
  Status set_issued_now();
  Status set_expires_in(int64_t seconds);
  Status set_not_before_in(int64_t seconds);

  // The claims set as compact JSON text.
  std::string claims_json() const;

 private:
  Status put(std::string_view name, std::string value);
  Status put_named(std::string_view name, std::string value);

  std::vector<std::pair<std::string, std::string>> claims_;  // name, JSON value text
  std::string typ_ = "JWT";
  ClockFn clock_ = nullptr;
  void *clock_ctx_ = nullptr;
};

// Signs the builder's claims as a compact JWS with `key` and `alg` (a signature algorithm the
// key permits: JWTCORE_E_KEY_MISMATCH / _KEY_USAGE / _KEY_NOT_PRIVATE otherwise). The header is
// {"alg", "typ" (unless empty), "kid" (the key's, if it has one)}.
Result<std::string> jwt_sign(const JwtBuilder &builder, const KeyPtr &key, Alg alg);

// Nested JWT (RFC 7519 §5.2, A.2): signs as jwt_sign, then encrypts the compact JWS as a compact
// JWE to `enc_key` with `key_alg` / `enc`, protected header {"alg","enc","cty":"JWT", kid of
// enc_key}. Errors: those of jwt_sign and jwe_encrypt (RSA1_5 is refused: decryption only).
Result<std::string> jwt_sign_encrypt(const JwtBuilder &builder, const KeyPtr &sign_key, Alg sign_alg,
                                     const KeyPtr &enc_key, Alg key_alg, Enc enc);

}  // namespace jwtcore
