// The JWT claims check on arbitrary claims: the input is the claims set (JWS payload), which the
// harness signs with a fixed HS256 key and verifies with jwtcore_jwt_verify under a frozen
// verifier with a fixed clock, a required issuer, audience and scope, and the default policy
// ("exp" required, 60 s leeway). Oracles:
//  - signing arbitrary bytes always works; a rejection keeps the ABI failure contract;
//  - an accepted token's claims are the input byte for byte and parse as a JSON object, "exp" is
//    present (it is required by default) and later than now − leeway, "nbf" and "iat" (when
//    present) are not later than now + leeway, "iss" is the issuer and "aud" holds the audience;
//  - differential: when the builder accepts the same claims (jwtcore_jwt_builder_set_claims_json),
//    the token it signs gets the same verdict (status code) as the raw one.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "fuzz_fixtures.hpp"
#include "jwtcore/jwtcore.h"

namespace {

using jwtcore::fuzz::OutBytes;

constexpr int64_t kNow = 1700000000;
constexpr int64_t kLeeway = 60;  // the default
constexpr std::string_view kIssuer = "https://issuer.example";
constexpr std::string_view kAudience = "api";
constexpr std::string_view kScope = "read";
// Well under the 8192-byte JWT limit once signed, so that both tokens of the differential fit.
constexpr size_t kMaxClaims = 2048;

int64_t fixed_clock(void *) { return kNow; }

jwtcore_key *hs256_key() {
  static const jwtcore::fuzz::KeyPtr key = jwtcore::fuzz::import_fixed(jwtcore::fuzz::keys::kSigHs256);
  return key.get();
}

const jwtcore_verifier *claims_verifier() {
  static const jwtcore::fuzz::VerifierPtr verifier = [] {
    jwtcore_verifier *v = nullptr;
    FUZZ_CHECK(jwtcore_verifier_new(&v, 0) == JWTCORE_OK);
    FUZZ_CHECK(jwtcore_verifier_add_key(v, hs256_key()) == JWTCORE_OK);
    jwtcore::fuzz::allow_algs(v, {"HS256"});
    FUZZ_CHECK(jwtcore_verifier_set_clock(v, fixed_clock, nullptr) == JWTCORE_OK);
    FUZZ_CHECK(jwtcore_verifier_add_issuer(v, kIssuer.data(), kIssuer.size()) == JWTCORE_OK);
    FUZZ_CHECK(jwtcore_verifier_add_audience(v, kAudience.data(), kAudience.size()) == JWTCORE_OK);
    FUZZ_CHECK(jwtcore_verifier_require_scope(v, kScope.data(), kScope.size()) == JWTCORE_OK);
    FUZZ_CHECK(jwtcore_verifier_freeze(v) == JWTCORE_OK);
    return jwtcore::fuzz::VerifierPtr(v);
  }();
  return verifier.get();
}

struct ClaimsFree {
  void operator()(jwtcore_claims *c) const { jwtcore_claims_free(c); }
};
using ClaimsPtr = std::unique_ptr<jwtcore_claims, ClaimsFree>;

struct BuilderFree {
  void operator()(jwtcore_jwt_builder *b) const { jwtcore_jwt_builder_free(b); }
};
using BuilderPtr = std::unique_ptr<jwtcore_jwt_builder, BuilderFree>;

int verify(ClaimsPtr &out, std::string_view token) {
  jwtcore_claims *c = nullptr;
  const int rc = jwtcore_jwt_verify(&c, claims_verifier(), token.data(), token.size());
  out.reset(c);
  if (rc != JWTCORE_OK) jwtcore::fuzz::check_failure_handle(rc, c);
  return rc;
}

// A JSON object by the library's own parser: the builder takes any object whose registered
// claims have their types (the verifier checks fewer of them, e.g. "sub").
bool parses_as_object(std::string_view json) {
  BuilderPtr builder;
  jwtcore_jwt_builder *b = nullptr;
  FUZZ_CHECK(jwtcore_jwt_builder_new(&b, 0) == JWTCORE_OK);
  builder.reset(b);
  const int rc = jwtcore_jwt_builder_set_claims_json(b, json.data(), json.size());
  return rc == JWTCORE_OK || rc == JWTCORE_E_CLAIM_TYPE;
}

bool has_audience(const jwtcore_claims *c) {
  size_t count = 0;
  FUZZ_CHECK(jwtcore_claims_get_string_array_count(c, "aud", 3, &count) == JWTCORE_OK);
  for (size_t i = 0; i < count; ++i) {
    const char *value = nullptr;
    size_t len = 0;
    FUZZ_CHECK(jwtcore_claims_get_string_array_at(c, "aud", 3, i, &value, &len) == JWTCORE_OK);
    if (std::string_view(value, len) == kAudience) return true;
  }
  return false;
}

void check_time_not_after(const jwtcore_claims *c, const char *name, double limit) {
  double value = 0;
  const int rc = jwtcore_claims_get_double(c, name, std::strlen(name), &value);
  if (rc == JWTCORE_E_CLAIM_MISSING) return;
  FUZZ_CHECK(rc == JWTCORE_OK);
  FUZZ_CHECK(value <= limit);
}

void check_verified(const jwtcore_claims *c, std::string_view input) {
  const char *json = nullptr;
  size_t len = 0;
  FUZZ_CHECK(jwtcore_claims_json(c, &json, &len) == JWTCORE_OK);
  FUZZ_CHECK(std::string_view(json, len) == input);
  FUZZ_CHECK(parses_as_object(input));

  FUZZ_CHECK(jwtcore_claims_has(c, "exp", 3) == 1);
  double exp = 0;
  FUZZ_CHECK(jwtcore_claims_get_double(c, "exp", 3, &exp) == JWTCORE_OK);
  FUZZ_CHECK(exp > static_cast<double>(kNow - kLeeway));
  check_time_not_after(c, "nbf", static_cast<double>(kNow + kLeeway));
  check_time_not_after(c, "iat", static_cast<double>(kNow + kLeeway));

  const char *iss = nullptr;
  size_t iss_len = 0;
  FUZZ_CHECK(jwtcore_claims_get_string(c, "iss", 3, &iss, &iss_len) == JWTCORE_OK);
  FUZZ_CHECK(std::string_view(iss, iss_len) == kIssuer);
  FUZZ_CHECK(has_audience(c));
}

// The builder's token for the same claims, or an empty string when the builder refuses them.
std::string builder_token(std::string_view input) {
  jwtcore_jwt_builder *b = nullptr;
  FUZZ_CHECK(jwtcore_jwt_builder_new(&b, 0) == JWTCORE_OK);
  BuilderPtr builder(b);
  if (jwtcore_jwt_builder_set_claims_json(b, input.data(), input.size()) != JWTCORE_OK) return {};
  OutBytes token;
  const int rc = jwtcore_jwt_builder_sign(&token.data, &token.size, b, hs256_key(), "HS256", 5);
  jwtcore::fuzz::check_success(rc, token);
  return std::string(token.view());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > kMaxClaims) return 0;
  const std::string_view input(reinterpret_cast<const char *>(data), size);

  OutBytes token;
  const int signed_rc = jwtcore_jws_sign(&token.data, &token.size, data, size, hs256_key(), "HS256", 5,
                                         "{\"typ\":\"JWT\"}", 13, JWTCORE_JWS_COMPACT);
  jwtcore::fuzz::check_success(signed_rc, token);

  ClaimsPtr claims;
  const int rc = verify(claims, token.view());
  if (rc == JWTCORE_OK) check_verified(claims.get(), input);

  const std::string other = builder_token(input);
  if (!other.empty()) {
    ClaimsPtr other_claims;
    FUZZ_CHECK(verify(other_claims, other) == rc);
  }
  return 0;
}
