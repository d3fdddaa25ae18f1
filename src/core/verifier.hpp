// The verifier: every rule a verification follows, built once (typically at start-up) and then
// frozen and shared by all request threads. JWS verification reads its `jws` policy and `keys`;
// JWT verification adds the claims policy; nested tokens use the decryption part.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alg.hpp"
#include "jws.hpp"

namespace jwtcore {

// A bit set over Enc, like AlgSet over Alg.
class EncSet {
 public:
  void add(Enc e) { bits_ |= uint32_t(1) << static_cast<unsigned>(e); }
  bool has(Enc e) const { return (bits_ & (uint32_t(1) << static_cast<unsigned>(e))) != 0; }
  bool empty() const { return bits_ == 0; }
  std::string describe() const;

 private:
  uint32_t bits_ = 0;
};

using ClockFn = int64_t (*)(void *ctx);
// Returns non-zero if the token with this jti is revoked.
using RevocationFn = int (*)(void *ctx, const char *jti, size_t jti_len);

// An exact-match constraint on a claim: its value must equal `value` (compared as JSON values:
// strings after unescaping, numbers numerically, objects member by member). `json` keeps the
// configured text; `value` is parsed once when the verifier is built, never per token.
struct ExactClaim {
  std::string name;
  std::string json;
  std::shared_ptr<const json::Document> value;
};

struct ClaimsPolicy {
  std::vector<std::string> issuers;          // accepted "iss" values (exact); empty: any
  std::vector<std::string> audiences;        // the token's "aud" must contain one; empty: a token
                                             // carrying "aud" is refused (RFC 7519 §4.1.3)
  std::vector<std::string> required_claims;  // must be present
  std::vector<std::string> required_scopes;  // all must be granted by "scope" (space-separated) or "scp" (array)
  std::vector<ExactClaim> exact_claims;      // see make_exact_claim() in claims.hpp
  bool require_exp = true;                   // a token without "exp" would be valid forever
  int64_t leeway = 60;                       // seconds, at most kMaxLeeway
  int64_t max_age = 0;                       // seconds since "iat" (plus leeway); 0: not checked
  int64_t max_lifetime = 0;                  // exp - iat; 0: not checked
  ClockFn clock = nullptr;
  void *clock_ctx = nullptr;
  RevocationFn revoked = nullptr;
  void *revoked_ctx = nullptr;
  // RFC 8725 §3.8: per-issuer keys; when non-empty, a token's "iss" selects the keys that may
  // verify it, and an issuer not listed is refused.
  std::map<std::string, KeyRing, std::less<>> issuer_keys;
};

inline constexpr int64_t kMaxLeeway = 300;
inline constexpr size_t kDefaultMaxJwt = 8 * 1024;

struct Verifier {
  JwsPolicy jws;
  KeyRing keys;
  ClaimsPolicy claims;
  size_t max_jwt = kDefaultMaxJwt;
  // Nested JWTs (sign-then-encrypt): what the outer JWE may use.
  AlgSet allowed_key_management;
  EncSet allowed_enc;
  KeyRing decryption_keys;
  /* JWE decryption policy */
  // Opt-ins for the key-management algorithms that need one (issue 5, SECURITY.md #9, #11):
  // RSA1_5 (Bleichenbacher-prone) and PBES2 (sender-chosen work; 0 = disabled, else the p2c cap).
  bool jwe_allow_rsa1_5 = false;
  uint32_t jwe_pbes2_max_p2c = 0;
  // Set by freeze() or the first verification; setters then fail with JWTCORE_E_INVALID_STATE.
  std::atomic<bool> frozen{false};
};

}  // namespace jwtcore
