// The JWT C ABI (jwtcore/jwt.h and the claims-policy setters of jwtcore/verifier.h) driven as a C
// user would, through libjwtcore.so: exact status codes, borrowed views, NULL safety, nesting.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "test_jwt_helpers.hpp"

using namespace jwtcore::test;
using namespace jwtcore::test::capi_jwt;

TEST_CASE("C: issue with the builder, verify, and read every claim type") {
  CKey key = generate("HS256");
  CBuilder b = builder();
  REQUIRE(jwtcore_jwt_builder_set_int(b.get(), "level", 5, -3) == JWTCORE_OK);
  REQUIRE(jwtcore_jwt_builder_set_double(b.get(), "ratio", 5, 0.5) == JWTCORE_OK);
  REQUIRE(jwtcore_jwt_builder_set_bool(b.get(), "admin", 5, 1) == JWTCORE_OK);
  REQUIRE(jwtcore_jwt_builder_set_json(b.get(), "scp", 3, "[\"read\",\"write\"]", 16) == JWTCORE_OK);
  REQUIRE(jwtcore_jwt_builder_generate_jti(b.get()) == JWTCORE_OK);
  CVerifier v = verifier({key.get()});
  REQUIRE(jwtcore_verifier_require_scope(v.get(), "write", 5) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_require_claim(v.get(), "jti", 3) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_require_claim_value(v.get(), "admin", 5, "true", 4) == JWTCORE_OK);

  CClaims c;
  REQUIRE(verify(v.get(), sign(b.get(), key.get(), "HS256"), &c) == JWTCORE_OK);
  const char *p = nullptr;
  size_t n = 0;
  REQUIRE(jwtcore_claims_json(c.get(), &p, &n) == JWTCORE_OK);
  CHECK(std::string(p, n).rfind("{\"iss\":\"https://issuer.example\",\"sub\":\"user-7\",\"aud\":\"api\",", 0) == 0);
  CHECK(p[n] == '\0');
  REQUIRE(jwtcore_claims_get_string(c.get(), "sub", 3, &p, &n) == JWTCORE_OK);
  CHECK(std::string(p, n) == "user-7");
  CHECK(p[n] == '\0');
  int64_t i = 0;
  CHECK(jwtcore_claims_get_int64(c.get(), "level", 5, &i) == JWTCORE_OK);
  CHECK(i == -3);
  CHECK(jwtcore_claims_get_int64(c.get(), "exp", 3, &i) == JWTCORE_OK);
  CHECK(i == kNow + 600);
  double d = 0;
  CHECK(jwtcore_claims_get_double(c.get(), "ratio", 5, &d) == JWTCORE_OK);
  CHECK(d == 0.5);
  int flag = 0;
  CHECK(jwtcore_claims_get_bool(c.get(), "admin", 5, &flag) == JWTCORE_OK);
  CHECK(flag == 1);
  size_t count = 0;
  CHECK(jwtcore_claims_get_string_array_count(c.get(), "scp", 3, &count) == JWTCORE_OK);
  CHECK(count == 2);
  CHECK(jwtcore_claims_get_string_array_at(c.get(), "scp", 3, 1, &p, &n) == JWTCORE_OK);
  CHECK(std::string(p, n) == "write");
  CHECK(jwtcore_claims_get_string_array_count(c.get(), "aud", 3, &count) == JWTCORE_OK);
  CHECK(count == 1);
  uint8_t *json = nullptr;
  CHECK(jwtcore_claims_get_json(&json, &n, c.get(), "scp", 3) == JWTCORE_OK);
  CHECK(c_text(json, n) == "[\"read\",\"write\"]");
  CHECK(jwtcore_claims_has(c.get(), "jti", 3) == 1);
  CHECK(jwtcore_claims_has(c.get(), "nope", 4) == 0);

  SECTION("getter refusals") {
    CHECK(jwtcore_claims_get_string(c.get(), "nope", 4, &p, &n) == JWTCORE_E_CLAIM_MISSING);
    CHECK(jwtcore_claims_get_string(c.get(), "level", 5, &p, &n) == JWTCORE_E_CLAIM_TYPE);
    CHECK(jwtcore_claims_get_int64(c.get(), "ratio", 5, &i) == JWTCORE_E_CLAIM_TYPE);
    CHECK(jwtcore_claims_get_bool(c.get(), "sub", 3, &flag) == JWTCORE_E_CLAIM_TYPE);
    CHECK(jwtcore_claims_get_double(c.get(), "sub", 3, &d) == JWTCORE_E_CLAIM_TYPE);
    CHECK(jwtcore_claims_get_string_array_count(c.get(), "level", 5, &count) == JWTCORE_E_CLAIM_TYPE);
    CHECK(jwtcore_claims_get_string_array_at(c.get(), "scp", 3, 2, &p, &n) == JWTCORE_E_INVALID_ARGUMENT);
    CHECK(jwtcore_claims_get_json(&json, &n, c.get(), "nope", 4) == JWTCORE_E_CLAIM_MISSING);
    CHECK(json == nullptr);
    CHECK(jwtcore_claims_get_string(c.get(), nullptr, 0, &p, &n) == JWTCORE_E_INVALID_ARGUMENT);
    CHECK(jwtcore_claims_get_string(c.get(), "sub", 3, nullptr, &n) == JWTCORE_E_INVALID_ARGUMENT);
    CHECK(jwtcore_claims_has(c.get(), "", 0) == JWTCORE_E_INVALID_ARGUMENT);
    CHECK(jwtcore_claims_get_string(nullptr, "sub", 3, &p, &n) == JWTCORE_E_INVALID_HANDLE);
    CHECK(jwtcore_claims_json(nullptr, &p, &n) == JWTCORE_E_INVALID_HANDLE);
    CHECK(jwtcore_claims_has(reinterpret_cast<jwtcore_claims *>(v.get()), "a", 1) == JWTCORE_E_INVALID_HANDLE);
  }
}

TEST_CASE("C: each claims failure crosses the ABI with its own code and a message naming the claim") {
  CKey key = generate("HS256");
  CVerifier v = verifier({key.get()});
  REQUIRE(jwtcore_verifier_set_max_age(v.get(), 3600) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_set_max_lifetime(v.get(), 7200) == JWTCORE_OK);

  CHECK(verify(v.get(), sign(builder().get(), key.get(), "HS256")) == JWTCORE_OK);
  CHECK(verify(v.get(), sign(builder(-3000, 600).get(), key.get(), "HS256")) == JWTCORE_E_EXPIRED);
  CHECK(std::string(jwtcore_last_error_message()) == "claim 'exp' (1699997600) is 2400 s in the past (leeway 60 s)");
  CHECK(verify(v.get(), sign(builder(120).get(), key.get(), "HS256")) == JWTCORE_E_ISSUED_IN_FUTURE);
  CHECK(verify(v.get(), sign(builder(-5000, 7000).get(), key.get(), "HS256")) == JWTCORE_E_TOO_OLD);
  CHECK(verify(v.get(), sign(builder(0, 8000).get(), key.get(), "HS256")) == JWTCORE_E_LIFETIME);
  CBuilder nbf = builder();
  REQUIRE(jwtcore_jwt_builder_set_not_before_in(nbf.get(), 600) == JWTCORE_OK);
  CHECK(verify(v.get(), sign(nbf.get(), key.get(), "HS256")) == JWTCORE_E_NOT_YET_VALID);
  CBuilder other_iss = builder();
  REQUIRE(set_str(other_iss.get(), "iss", "https://evil.example") == JWTCORE_OK);
  CHECK(verify(v.get(), sign(other_iss.get(), key.get(), "HS256")) == JWTCORE_E_ISSUER);
  CHECK(std::strstr(jwtcore_last_error_message(), "evil") == nullptr);
  CBuilder other_aud = builder();
  const char *auds[] = {"x", "y"};
  const size_t lens[] = {1, 1};
  REQUIRE(jwtcore_jwt_builder_set_audience(other_aud.get(), auds, lens, 2) == JWTCORE_OK);
  CHECK(verify(v.get(), sign(other_aud.get(), key.get(), "HS256")) == JWTCORE_E_AUDIENCE);
  CBuilder str_exp = builder();
  const char *replaced = "{\"exp\":1,\"iss\":\"https://issuer.example\"}";
  REQUIRE(jwtcore_jwt_builder_set_claims_json(str_exp.get(), replaced, std::strlen(replaced)) == JWTCORE_OK);
  CHECK(verify(v.get(), sign(str_exp.get(), key.get(), "HS256")) == JWTCORE_E_EXPIRED);
  CHECK(verify(v.get(), "e30.e30.e30") == JWTCORE_E_HEADER);
}

TEST_CASE("C: scopes, exact values, required claims and revocation") {
  CKey key = generate("HS256");
  CVerifier v = verifier({key.get()});
  REQUIRE(jwtcore_verifier_require_scope(v.get(), "orders:read", 11) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_require_claim_value(v.get(), "tenant", 6, "\"acme\"", 6) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_require_claim(v.get(), "client_id", 9) == JWTCORE_OK);
  struct Revoked {
    static int check(void *ctx, const char *jti, size_t n) {
      ++*static_cast<int *>(ctx);
      return std::string(jti, n) == "revoked-1";
    }
  };
  int calls = 0;
  REQUIRE(jwtcore_verifier_set_revocation_check(v.get(), Revoked::check, &calls) == JWTCORE_OK);

  auto make = [&](const char *scope, const char *tenant, const char *client, const char *jti) {
    CBuilder b = builder();
    if (scope) REQUIRE(set_str(b.get(), "scope", scope) == JWTCORE_OK);
    if (tenant) REQUIRE(set_str(b.get(), "tenant", tenant) == JWTCORE_OK);
    if (client) REQUIRE(set_str(b.get(), "client_id", client) == JWTCORE_OK);
    if (jti) REQUIRE(set_str(b.get(), "jti", jti) == JWTCORE_OK);
    return sign(b.get(), key.get(), "HS256");
  };
  CHECK(verify(v.get(), make("orders:read", "acme", "c", "ok-1")) == JWTCORE_OK);
  CHECK(calls == 1);
  CHECK(verify(v.get(), make("orders:write", "acme", "c", "ok-1")) == JWTCORE_E_SCOPE);
  CHECK(std::string(jwtcore_last_error_message()) == "required scope 'orders:read' is not granted by claim 'scope' or 'scp'");
  CHECK(verify(v.get(), make("orders:read", "acme2", "c", "ok-1")) == JWTCORE_E_CLAIM_MISMATCH);
  CHECK(verify(v.get(), make("orders:read", nullptr, "c", "ok-1")) == JWTCORE_E_CLAIM_MISSING);
  CHECK(verify(v.get(), make("orders:read", "acme", nullptr, "ok-1")) == JWTCORE_E_CLAIM_MISSING);
  CHECK(std::string(jwtcore_last_error_message()) == "required claim 'client_id' is missing");
  CHECK(verify(v.get(), make("orders:read", "acme", "c", nullptr)) == JWTCORE_E_CLAIM_MISSING);
  CHECK(verify(v.get(), make("orders:read", "acme", "c", "revoked-1")) == JWTCORE_E_REVOKED);
  CHECK(calls == 2);
}

TEST_CASE("C: issuer-bound keys and key sets") {
  CKey a = generate("EdDSA");
  CKey b = generate("EdDSA");
  jwtcore_keyset *set = nullptr;
  REQUIRE(jwtcore_keyset_new(&set, 0) == JWTCORE_OK);
  REQUIRE(jwtcore_keyset_add(set, b.get()) == JWTCORE_OK);
  CVerifier v = c_verifier({"EdDSA"}, {});
  REQUIRE(jwtcore_verifier_set_clock(v.get(), fixed_clock, &g_now) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_add_audience(v.get(), "api", 3) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_add_issuer_key(v.get(), "client-a", 8, a.get()) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_add_issuer_keyset(v.get(), "client-b", 8, set) == JWTCORE_OK);
  jwtcore_keyset_free(set);

  auto token = [&](const char *iss, jwtcore_key *key) {
    CBuilder bl = builder();
    REQUIRE(set_str(bl.get(), "iss", iss) == JWTCORE_OK);
    return sign(bl.get(), key, "EdDSA");
  };
  CHECK(verify(v.get(), token("client-a", a.get())) == JWTCORE_OK);
  CHECK(verify(v.get(), token("client-b", b.get())) == JWTCORE_OK);
  CHECK(verify(v.get(), token("client-b", a.get())) == JWTCORE_E_BAD_SIGNATURE);
  CHECK(verify(v.get(), token("client-a", b.get())) == JWTCORE_E_BAD_SIGNATURE);
  CHECK(verify(v.get(), token("client-c", a.get())) == JWTCORE_E_ISSUER);
}

TEST_CASE("C: verifier setters validate their arguments and refuse once frozen") {
  CVerifier v = c_verifier({"HS256"}, {});
  jwtcore_verifier *h = v.get();
  CHECK(jwtcore_verifier_set_leeway(h, -1) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_set_leeway(h, 301) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_set_leeway(h, 300) == JWTCORE_OK);
  CHECK(jwtcore_verifier_set_leeway(h, 0) == JWTCORE_OK);
  CHECK(jwtcore_verifier_add_issuer(h, nullptr, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_add_audience(h, "", 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_require_claim(h, nullptr, 3) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_require_scope(h, "a b", 3) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_require_claim_value(h, "x", 1, "{", 1) == JWTCORE_E_JSON);
  CHECK(jwtcore_verifier_require_claim_value(h, "x", 1, nullptr, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_set_max_age(h, -1) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_set_max_lifetime(h, -1) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_set_max_jwt_size(h, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_set_max_jwt_size(h, (16u << 20) + 1) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_add_issuer_key(h, "i", 1, nullptr) == JWTCORE_E_INVALID_HANDLE);
  CHECK(jwtcore_verifier_add_issuer_keyset(h, "i", 1, nullptr) == JWTCORE_E_INVALID_HANDLE);
  CHECK(jwtcore_verifier_set_leeway(nullptr, 1) == JWTCORE_E_INVALID_HANDLE);
  REQUIRE(jwtcore_verifier_freeze(h) == JWTCORE_OK);
  CHECK(jwtcore_verifier_set_leeway(h, 10) == JWTCORE_E_INVALID_STATE);
  CHECK(jwtcore_verifier_add_issuer(h, "a", 1) == JWTCORE_E_INVALID_STATE);
  CHECK(jwtcore_verifier_require_exp(h, 0) == JWTCORE_E_INVALID_STATE);
  CHECK(jwtcore_verifier_set_clock(h, nullptr, nullptr) == JWTCORE_E_INVALID_STATE);
  CHECK(jwtcore_verifier_set_revocation_check(h, nullptr, nullptr) == JWTCORE_E_INVALID_STATE);
  CHECK(jwtcore_verifier_set_max_jwt_size(h, 100) == JWTCORE_E_INVALID_STATE);
}

TEST_CASE("C: require_exp off, leeway and max JWT size reach the verify path") {
  CKey key = generate("HS256");
  CVerifier v = verifier({key.get()});
  REQUIRE(jwtcore_verifier_require_exp(v.get(), 0) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_set_leeway(v.get(), 0) == JWTCORE_OK);
  CBuilder no_exp = builder();
  REQUIRE(jwtcore_jwt_builder_set_json(no_exp.get(), "exp", 3, "null", 4) == JWTCORE_E_CLAIM_TYPE);
  const char *claims = "{\"iss\":\"https://issuer.example\",\"aud\":\"api\"}";
  REQUIRE(jwtcore_jwt_builder_set_claims_json(no_exp.get(), claims, std::strlen(claims)) == JWTCORE_OK);
  const std::string token = sign(no_exp.get(), key.get(), "HS256");
  CHECK(verify(v.get(), token) == JWTCORE_OK);
  CHECK(verify(v.get(), sign(builder(-600, 600).get(), key.get(), "HS256")) == JWTCORE_E_EXPIRED);

  CVerifier small = verifier({key.get()});
  REQUIRE(jwtcore_verifier_set_max_jwt_size(small.get(), token.size() - 1) == JWTCORE_OK);
  CHECK(verify(small.get(), token) == JWTCORE_E_LIMIT_SIZE);
  CHECK(verify(small.get(), "") == JWTCORE_E_TOKEN_FORMAT);
}

TEST_CASE("C: builder and verify argument checks and NULL-safe frees") {
  jwtcore_jwt_builder *b = nullptr;
  CHECK(jwtcore_jwt_builder_new(&b, 1) == JWTCORE_E_BAD_FLAG);
  CHECK(b == nullptr);
  CHECK(jwtcore_jwt_builder_new(nullptr, 0) == JWTCORE_E_INVALID_ARGUMENT);
  REQUIRE(jwtcore_jwt_builder_new(&b, 0) == JWTCORE_OK);
  CBuilder owned(b);
  CHECK(jwtcore_jwt_builder_set_string(b, "", 0, "x", 1) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_jwt_builder_set_string(b, "a", 1, nullptr, 1) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_jwt_builder_set_string(b, "exp", 3, "1", 1) == JWTCORE_E_CLAIM_TYPE);
  CHECK(jwtcore_jwt_builder_set_double(b, "d", 1, HUGE_VAL) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_jwt_builder_set_audience(b, nullptr, nullptr, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_jwt_builder_set_claims_json(b, "{\"a\":1,\"a\":2}", 13) == JWTCORE_E_JSON_DUPLICATE);
  CHECK(jwtcore_jwt_builder_set_typ(b, "at+jwt", 6) == JWTCORE_OK);
  CHECK(jwtcore_jwt_builder_set_int(nullptr, "a", 1, 1) == JWTCORE_E_INVALID_HANDLE);
  CKey key = generate("HS256");
  CKey ec = generate("ES256");
  uint8_t *out = reinterpret_cast<uint8_t *>(1);
  size_t n = 5;
  CHECK(jwtcore_jwt_builder_sign(&out, &n, b, key.get(), "none", 4) == JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(out == nullptr);
  CHECK(n == 0);
  CHECK(jwtcore_jwt_builder_sign(&out, &n, b, key.get(), "XS256", 5) == JWTCORE_E_UNKNOWN_ALG);
  CHECK(jwtcore_jwt_builder_sign(&out, &n, b, key.get(), "RSA-OAEP", 8) == JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(jwtcore_jwt_builder_sign(&out, &n, b, ec.get(), "HS256", 5) == JWTCORE_E_KEY_MISMATCH);
  CHECK(jwtcore_jwt_builder_sign(&out, &n, b, nullptr, "HS256", 5) == JWTCORE_E_INVALID_HANDLE);

  jwtcore_claims *c = reinterpret_cast<jwtcore_claims *>(1);
  CVerifier v = c_verifier({"HS256"}, {key.get()});
  CHECK(jwtcore_jwt_verify(&c, nullptr, "a.b.c", 5) == JWTCORE_E_INVALID_HANDLE);
  CHECK(c == nullptr);
  CHECK(jwtcore_jwt_verify(&c, v.get(), nullptr, 5) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_jwt_verify(nullptr, v.get(), "a.b.c", 5) == JWTCORE_E_INVALID_ARGUMENT);
  jwtcore_claims_free(nullptr);
  jwtcore_jwt_builder_free(nullptr);
}

TEST_CASE("C: nested sign-then-encrypt round trip and its argument checks") {
  CKey sig = generate("EdDSA");
  CKey dec = generate("ECDH-ES+A128KW:X25519");
  CBuilder b = builder();
  uint8_t *out = nullptr;
  size_t n = 0;
  REQUIRE(jwtcore_jwt_builder_sign_encrypt(&out, &n, b.get(), sig.get(), "EdDSA", 5, dec.get(), "ECDH-ES+A128KW", 14,
                                           "A256GCM", 7) == JWTCORE_OK);
  const std::string token = c_text(out, n);
  CHECK(std::count(token.begin(), token.end(), '.') == 4);

  CVerifier v = verifier({sig.get()});
  CHECK(verify(v.get(), token) == JWTCORE_E_TOKEN_FORMAT);  // v is frozen now; build another
  CVerifier nv = verifier({sig.get()});
  REQUIRE(jwtcore_verifier_allow_alg(nv.get(), "ECDH-ES+A128KW", 14) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_allow_enc(nv.get(), "A256GCM", 7) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_add_decryption_key(nv.get(), dec.get()) == JWTCORE_OK);
  CClaims c;
  REQUIRE(verify(nv.get(), token, &c) == JWTCORE_OK);
  const char *p = nullptr;
  REQUIRE(jwtcore_claims_get_string(c.get(), "sub", 3, &p, &n) == JWTCORE_OK);
  CHECK(std::string(p, n) == "user-7");

  CHECK(jwtcore_jwt_builder_sign_encrypt(&out, &n, b.get(), sig.get(), "EdDSA", 5, dec.get(), "ECDH-ES+A128KW", 14, "A999GCM", 7) ==
        JWTCORE_E_UNKNOWN_ALG);
  CHECK(out == nullptr);
  CHECK(jwtcore_jwt_builder_sign_encrypt(&out, &n, b.get(), sig.get(), "EdDSA", 5, dec.get(), "ES256", 5, "A256GCM", 7) ==
        JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(jwtcore_jwt_builder_sign_encrypt(&out, &n, b.get(), sig.get(), "ECDH-ES", 7, dec.get(), "ECDH-ES", 7, "A256GCM", 7) ==
        JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(jwtcore_jwt_builder_sign_encrypt(&out, &n, b.get(), sig.get(), "EdDSA", 5, nullptr, "ECDH-ES", 7, "A256GCM", 7) ==
        JWTCORE_E_INVALID_HANDLE);
  CHECK(jwtcore_jwt_builder_sign_encrypt(&out, &n, b.get(), sig.get(), "EdDSA", 5, sig.get(), "ECDH-ES", 7, "A256GCM", 7) ==
        JWTCORE_E_KEY_MISMATCH);
}
