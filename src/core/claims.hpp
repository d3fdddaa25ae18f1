// JWT claims (RFC 7519 §4): the checks a verifier applies to a claims set whose signature has
// already verified (RFC 7519 §7.2 steps 10+, RFC 8725 §3.8–3.9), and the verified claims as an
// object read many times without re-parsing.
//
// Every failure has its own status code, and messages name the claim and the numbers involved,
// never a string claim value (API.md rule 4: claims may carry personal data):
//  JWTCORE_E_CLAIM_TYPE        a registered claim has the wrong JSON type: exp/nbf/iat not a
//                              finite number (strings, null, booleans refused; fractions allowed,
//                              RFC 7519 §2 NumericDate), iss/sub/jti not a string, aud not a
//                              string or an array of strings, scope/scp malformed
//  JWTCORE_E_EXPIRED           exp <= now - leeway (RFC 7519 §4.1.4)
//  JWTCORE_E_NOT_YET_VALID     nbf > now + leeway (RFC 7519 §4.1.5)
//  JWTCORE_E_ISSUED_IN_FUTURE  iat > now + leeway
//  JWTCORE_E_TOO_OLD           now - iat > max_age + leeway
//  JWTCORE_E_LIFETIME          exp - iat > max_lifetime (the token's own span: no leeway)
//  JWTCORE_E_ISSUER            iss absent or not one of the accepted issuers (RFC 8725 §3.8)
//  JWTCORE_E_AUDIENCE          no aud value is an accepted audience; or, with none configured,
//                              the token carries an aud at all (RFC 7519 §4.1.3: a principal that
//                              does not find itself in a present "aud" MUST reject the JWT)
//  JWTCORE_E_CLAIM_MISSING     a required claim is absent or null; exp absent while required;
//                              iat absent while max_age / max_lifetime need it; jti absent while
//                              a revocation check is configured
//  JWTCORE_E_SCOPE             a required scope is granted neither by "scope" nor by "scp"
//  JWTCORE_E_CLAIM_MISMATCH    an exact-match constraint does not hold
//  JWTCORE_E_REVOKED           the revocation callback reported the jti as revoked (any non-zero
//                              return: a failing revocation store fails closed)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "bytes.hpp"
#include "json.hpp"
#include "status.hpp"
#include "verifier.hpp"

namespace jwtcore {

// The time the checks run at: the policy's clock callback, else the system clock (seconds
// since the epoch).
int64_t claims_now(const ClaimsPolicy &policy);

// Applies every check of `policy` to the claims object `claims` at time `now`, in this order:
// types of the registered claims, iss, exp, nbf, iat, max_age, max_lifetime, aud, required
// claims, scopes, exact matches, and last the revocation callback (external, so only asked about
// tokens that pass everything else). Allocates only to build an error message.
Status check_claims(json::Value claims, const ClaimsPolicy &policy, int64_t now);

// An exact-match constraint on `name` from its expected value as JSON text (any JSON value).
// JWTCORE_E_INVALID_ARGUMENT for an empty name; the JSON errors for a malformed value.
Result<ExactClaim> make_exact_claim(std::string_view name, std::string_view json_text);

// JSON equality: same type, strings equal after unescaping, numbers numerically equal (1 == 1.0),
// arrays element by element, objects with the same member names and equal values in any order.
bool json_equal(json::Value a, json::Value b);

// The verified claims: the claims JSON text (NUL-terminated) and its parsed document. Getters
// return views into the object, valid until it is parsed again, cleared or destroyed.
// Claims of a signed JWT are no secret (the token carries them in base64url), so the hot path
// does not pay for wiping them; claims marked confidential (the plaintext of a nested JWT) are
// wiped by clear() and by the destructor.
// Getter errors: JWTCORE_E_CLAIM_MISSING (absent; null counts as absent), JWTCORE_E_CLAIM_TYPE.
class Claims {
 public:
  Claims() = default;
  Claims(const Claims &) = delete;
  Claims &operator=(const Claims &) = delete;
  ~Claims();

  // Copies `payload` and parses it as a JSON object under `limits` ("claims" in messages).
  Status parse(bytes_view payload, const json::Limits &limits);
  // As parse(), decoding a base64url payload first.
  Status parse_base64url(std::string_view payload_b64, const json::Limits &limits);
  // Forgets the parse (getters then see no claims) and the text, wiping it if it is
  // confidential; the object can be parsed into again. The parser's internal buffers are reused.
  void clear() noexcept;
  // The claims came out of a decryption: clear() and the destructor wipe them.
  void mark_confidential() { confidential_ = true; }

  std::string_view json() const;
  json::Value root() const { return parsed_ ? doc_.root() : json::Value(); }

  bool has(std::string_view name) const;
  Result<std::string_view> get_string(std::string_view name) const;
  // Integers that fit in 64 bits, and numbers written with a fraction or exponent whose value
  // is an integer in range (1.7e9); anything else is JWTCORE_E_CLAIM_TYPE.
  Result<int64_t> get_int64(std::string_view name) const;
  Result<double> get_double(std::string_view name) const;
  Result<bool> get_bool(std::string_view name) const;
  // A string claim counts as an array of one (RFC 7519 §4.1.3 lets "aud" be either).
  Result<size_t> string_array_size(std::string_view name) const;
  Result<std::string_view> string_array_at(std::string_view name, size_t index) const;
  // The minified JSON text of any claim.
  Result<std::string> get_json(std::string_view name) const;

 private:
  Result<json::Value> find(std::string_view name) const;

  Bytes text_;  // payload + NUL
  json::Document doc_;
  bool parsed_ = false;
  bool confidential_ = false;
};

// A per-thread free list of Claims, so that a C caller's verify/free cycle reuses the parsed
// document's buffers instead of allocating a simdjson parser per token. release_claims() wipes
// the claims first; objects may be released on another thread than the one that acquired them.
std::unique_ptr<Claims> acquire_claims();
void release_claims(std::unique_ptr<Claims> claims) noexcept;

}  // namespace jwtcore
