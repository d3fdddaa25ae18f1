// C-ABI helpers shared by the JWT suites that drive libjwtcore.so (test_jwt_capi, test_jwt_threads):
// a builder with the standard claims at a fixed clock, signing, a verifier, RAII handles.
#pragma once

#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <string>

#include "capi_helpers.hpp"

namespace jwtcore::test::capi_jwt {

constexpr int64_t kNow = 1700000000;

inline int64_t fixed_clock(void *ctx) { return *static_cast<const int64_t *>(ctx); }
inline int64_t g_now = kNow;

struct BuilderFree { void operator()(jwtcore_jwt_builder *b) const { jwtcore_jwt_builder_free(b); } };
struct ClaimsFree { void operator()(jwtcore_claims *c) const { jwtcore_claims_free(c); } };
using CBuilder = std::unique_ptr<jwtcore_jwt_builder, BuilderFree>;
using CClaims = std::unique_ptr<jwtcore_claims, ClaimsFree>;

inline CKey generate(const char *spec) {
  jwtcore_key *k = nullptr;
  REQUIRE(jwtcore_key_generate(&k, spec, std::strlen(spec), 0) == JWTCORE_OK);
  return CKey(k);
}

inline int set_str(jwtcore_jwt_builder *b, const char *name, const char *value) {
  return jwtcore_jwt_builder_set_string(b, name, std::strlen(name), value, std::strlen(value));
}

// iss/sub/aud set, iat = now + iat_offset, exp = iat + lifetime.
inline CBuilder builder(int64_t iat_offset = 0, int64_t lifetime = 600) {
  jwtcore_jwt_builder *b = nullptr;
  REQUIRE(jwtcore_jwt_builder_new(&b, 0) == JWTCORE_OK);
  static thread_local int64_t t;
  t = kNow + iat_offset;
  REQUIRE(jwtcore_jwt_builder_set_clock(b, fixed_clock, &t) == JWTCORE_OK);
  REQUIRE(set_str(b, "iss", "https://issuer.example") == JWTCORE_OK);
  REQUIRE(set_str(b, "sub", "user-7") == JWTCORE_OK);
  const char *aud[] = {"api"};
  const size_t lens[] = {3};
  REQUIRE(jwtcore_jwt_builder_set_audience(b, aud, lens, 1) == JWTCORE_OK);
  REQUIRE(jwtcore_jwt_builder_set_issued_now(b) == JWTCORE_OK);
  REQUIRE(jwtcore_jwt_builder_set_expires_in(b, lifetime) == JWTCORE_OK);
  return CBuilder(b);
}

inline std::string sign(const jwtcore_jwt_builder *b, const jwtcore_key *key, const char *alg) {
  uint8_t *out = nullptr;
  size_t n = 0;
  const int rc = jwtcore_jwt_builder_sign(&out, &n, b, key, alg, std::strlen(alg));
  INFO(jwtcore_last_error_message());
  REQUIRE(rc == JWTCORE_OK);
  return c_text(out, n);
}

inline CVerifier verifier(std::initializer_list<jwtcore_key *> keys) {
  CVerifier v = c_verifier({"HS256", "EdDSA"}, keys);
  REQUIRE(jwtcore_verifier_set_clock(v.get(), fixed_clock, &g_now) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_add_issuer(v.get(), "https://issuer.example", 22) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_add_audience(v.get(), "api", 3) == JWTCORE_OK);
  return v;
}

inline int verify(const jwtcore_verifier *v, const std::string &token, CClaims *out = nullptr) {
  jwtcore_claims *c = nullptr;
  const int rc = jwtcore_jwt_verify(&c, v, token.data(), token.size());
  if (rc != JWTCORE_OK) {
    UNSCOPED_INFO("verify: " << jwtcore_last_error_message());
    CHECK(c == nullptr);
  }
  if (out != nullptr) {
    out->reset(c);
  } else {
    jwtcore_claims_free(c);
  }
  return rc;
}

}  // namespace jwtcore::test::capi_jwt
