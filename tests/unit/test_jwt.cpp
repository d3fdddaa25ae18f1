// JWT issue and verify through the core API: the RFC 7519 §3.1 / RFC 7515 §A.1 example, the
// builder, the verify path's refusals (size, parts, payload, signature, typ) and issuer-bound
// keys (RFC 8725 §3.8), each with its exact status code.
#include <catch2/catch.hpp>

#include <cmath>

#include "jws_helpers.hpp"
#include "src/core/base64url.hpp"
#include "src/core/jwt.hpp"
#include "src/core/keygen.hpp"
#include "vectors.hpp"

using namespace jwtcore;
using namespace jwtcore::test;

namespace {

constexpr int64_t kNow = 1700000000;

int64_t fixed_clock(void *ctx) { return *static_cast<const int64_t *>(ctx); }

KeyPtr gen(std::string_view spec, std::string kid = "") {
  auto k = generate_key(spec);
  REQUIRE(k.is_ok());
  if (kid.empty()) return *k;
  KeyAttributes a = (*k)->attributes();
  a.kid = std::move(kid);
  auto named = (*k)->with_attributes(a);
  REQUIRE(named.is_ok());
  return *named;
}

int64_t g_now = kNow;

void base_verifier(Verifier &v, std::initializer_list<Alg> algs, std::initializer_list<KeyPtr> keys) {
  for (Alg a : algs) v.jws.allowed.add(a);
  for (const auto &k : keys) v.keys.keys.push_back(k);
  v.claims.clock = fixed_clock;
  v.claims.clock_ctx = &g_now;
}

JwtBuilder builder_at(int64_t now = kNow) {
  JwtBuilder b;
  static int64_t t;
  t = now;
  b.set_clock(fixed_clock, &t);
  REQUIRE(b.set_string("iss", "https://issuer.example"));
  REQUIRE(b.set_string("sub", "user-1"));
  REQUIRE(b.set_issued_now());
  REQUIRE(b.set_expires_in(600));
  return b;
}

std::string sign(const JwtBuilder &b, const KeyPtr &key, Alg alg) {
  auto t = jwt_sign(b, key, alg);
  INFO(t.status().message());
  REQUIRE(t.is_ok());
  return *t;
}

int verify(std::string_view token, const Verifier &v, Claims *out = nullptr) {
  JwtScratch scratch;
  Claims local;
  Status st = jwt_verify(token, v, scratch, out ? *out : local);
  if (!st) UNSCOPED_INFO("jwt_verify: " << st.message());
  return st.code();
}

std::string header_of(const std::string &token) {
  Bytes h;
  REQUIRE(base64url::decode(token.substr(0, token.find('.')), h));
  return str(h);
}

std::string raw_jws(const KeyPtr &key, Alg alg, std::string_view payload, std::string header = R"({"typ":"JWT"})") {
  JwsSignerSpec s{key, alg, std::move(header), "", true, false};
  auto t = jws_sign(bytes_view(payload), {s}, {});
  REQUIRE(t.is_ok());
  return *t;
}

}  // namespace

TEST_CASE("RFC 7519 3.1 / RFC 7515 A.1: the example JWT verifies, and is expired today") {
  auto token = read_vector("latchset-jose/tests/vectors/rfc7515_A.1.jwsc");
  auto key = read_vector("latchset-jose/tests/vectors/rfc7515_A.1.jwk");
  if (!token || !key) return;
  while (!token->empty() && (token->back() == '\n' || token->back() == '\r')) token->pop_back();
  Verifier v;
  base_verifier(v, {Alg::hs256}, {jwk(*key)});
  v.jws.required_typ = "JWT";
  g_now = 1300819000;  // before its exp of 1300819380
  Claims c;
  REQUIRE(verify(*token, v, &c) == JWTCORE_OK);
  CHECK(*c.get_string("iss") == "joe");
  CHECK(*c.get_int64("exp") == 1300819380);
  CHECK(*c.get_bool("http://example.com/is_root"));
  g_now = 1300819380 + 60;  // exactly at exp + leeway
  CHECK(verify(*token, v) == JWTCORE_E_EXPIRED);
  g_now = kNow;
  JwtScratch scratch;
  Status st = jwt_verify(*token, v, scratch, c);
  CHECK(st.message() == "claim 'exp' (1300819380) is 399180620 s in the past (leeway 60 s)");
  CHECK(c.json().empty());
}

TEST_CASE("a built token carries typ JWT and the key's kid, and its claims read back typed") {
  KeyPtr key = gen("HS256", "k1");
  JwtBuilder b = builder_at();
  REQUIRE(b.set_audience({"api"}));
  REQUIRE(b.set_json("roles", R"([ "admin", "dev" ])"));
  REQUIRE(b.set_double("score", 0.25));
  REQUIRE(b.set_bool("admin", false));
  REQUIRE(b.generate_jti());
  const std::string token = sign(b, key, Alg::hs256);
  CHECK(header_of(token) == R"({"alg":"HS256","kid":"k1","typ":"JWT"})");

  Verifier v;
  base_verifier(v, {Alg::hs256}, {key});
  v.claims.audiences = {"api"};
  v.claims.issuers = {"https://issuer.example"};
  Claims c;
  REQUIRE(verify(token, v, &c) == JWTCORE_OK);
  CHECK(*c.get_int64("exp") == kNow + 600);
  CHECK(*c.get_int64("iat") == kNow);
  CHECK(*c.get_string("aud") == "api");
  CHECK(*c.string_array_at("roles", 1) == "dev");
  CHECK(*c.get_double("score") == 0.25);
  CHECK_FALSE(*c.get_bool("admin"));
  CHECK(c.get_string("jti")->size() == 22);
  CHECK(c.json().find("\"roles\":[\"admin\",\"dev\"]") != std::string_view::npos);
}

TEST_CASE("EdDSA and ES256 JWTs verify through the same verifier") {
  KeyPtr ed = gen("EdDSA", "ed");
  KeyPtr es = gen("ES256", "es");
  Verifier v;
  base_verifier(v, {Alg::eddsa, Alg::es256}, {ed, es});
  CHECK(verify(sign(builder_at(), ed, Alg::eddsa), v) == JWTCORE_OK);
  CHECK(verify(sign(builder_at(), es, Alg::es256), v) == JWTCORE_OK);
  CHECK(verify(sign(builder_at(kNow - 7200), es, Alg::es256), v) == JWTCORE_E_EXPIRED);
}

TEST_CASE("the builder replaces claims set twice and never writes a name twice") {
  JwtBuilder b;
  REQUIRE(b.set_string("sub", "a"));
  REQUIRE(b.set_int("n", 1));
  REQUIRE(b.set_string("sub", "b"));
  REQUIRE(b.set_json("n", "{\"x\":true}"));
  CHECK(b.claims_json() == R"({"sub":"b","n":{"x":true}})");
  REQUIRE(b.set_audience({"a", "b"}));
  REQUIRE(b.set_audience({"c"}));
  CHECK(b.claims_json() == R"({"sub":"b","n":{"x":true},"aud":"c"})");
  CHECK(b.remove("n"));
  CHECK_FALSE(b.remove("n"));
  REQUIRE(b.set_audience({"a", "b"}));
  CHECK(b.claims_json() == R"({"sub":"b","aud":["a","b"]})");
  REQUIRE(b.set_string("q", "quote\" and \\ and \n"));
  CHECK(b.claims_json() == R"({"sub":"b","aud":["a","b"],"q":"quote\" and \\ and \n"})");
}

TEST_CASE("the builder refuses registered claims of the wrong type and malformed values") {
  JwtBuilder b;
  CHECK(b.set_string("exp", "1700000000").code() == JWTCORE_E_CLAIM_TYPE);
  CHECK(b.set_bool("nbf", true).code() == JWTCORE_E_CLAIM_TYPE);
  CHECK(b.set_int("iss", 5).code() == JWTCORE_E_CLAIM_TYPE);
  CHECK(b.set_json("aud", "[\"a\",1]").code() == JWTCORE_E_CLAIM_TYPE);
  CHECK(b.set_json("jti", "null").code() == JWTCORE_E_CLAIM_TYPE);
  CHECK(b.set_json("iat", "1.5").is_ok());
  CHECK(b.set_double("x", std::nan("")).code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(b.set_double("x", HUGE_VAL).code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(b.set_string("x", "\xc3(").code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(b.set_string("", "x").code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(b.set_json("x", "{").code() == JWTCORE_E_JSON);
  CHECK(b.set_audience({}).code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(b.claims_json() == R"({"iat":1.5})");
}

TEST_CASE("set_claims_json replaces all claims, and keeps the old ones when it fails") {
  JwtBuilder b;
  REQUIRE(b.set_string("sub", "old"));
  CHECK(b.set_claims_json(R"({"exp":1,"exp":2})").code() == JWTCORE_E_JSON_DUPLICATE);
  CHECK(b.set_claims_json("[1]").code() == JWTCORE_E_JSON);
  CHECK(b.set_claims_json(R"({"a":1,"exp":"soon"})").code() == JWTCORE_E_CLAIM_TYPE);
  CHECK(b.claims_json() == R"({"sub":"old"})");
  REQUIRE(b.set_claims_json(R"({ "iss" : "me", "x" : [1, {"y": null}] })"));
  REQUIRE(b.set_string("x", "replaced"));
  CHECK(b.claims_json() == R"({"iss":"me","x":"replaced"})");
}

TEST_CASE("set_claims_json keeps the empty member name the verifier accepts; named setters refuse it") {
  // Found by jwt_claims_fuzzer: the verifier accepted {"":...} while the builder refused it.
  JwtBuilder b;
  REQUIRE(b.set_claims_json(R"({"":"x","exp":2})"));
  CHECK(b.claims_json() == R"({"":"x","exp":2})");
  CHECK(b.set_string("", "y").code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(b.set_int("", 1).code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(b.set_json("", "1").code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(b.claims_json() == R"({"":"x","exp":2})");
}

TEST_CASE("the builder's time helpers use its clock and refuse overflow") {
  JwtBuilder b;
  int64_t t = 1000;
  b.set_clock(fixed_clock, &t);
  REQUIRE(b.set_issued_now());
  REQUIRE(b.set_expires_in(60));
  REQUIRE(b.set_not_before_in(-5));
  CHECK(b.claims_json() == R"({"iat":1000,"exp":1060,"nbf":995})");
  CHECK(b.set_expires_in(INT64_MAX).code() == JWTCORE_E_INVALID_ARGUMENT);
  t = INT64_MIN;
  CHECK(b.set_not_before_in(-1).code() == JWTCORE_E_INVALID_ARGUMENT);
  b.set_clock(nullptr, nullptr);
  CHECK(b.now() > kNow);
}

TEST_CASE("typ: at+jwt for RFC 9068, none at all, and the verifier's required typ") {
  KeyPtr key = gen("HS256");
  JwtBuilder b = builder_at();
  REQUIRE(b.set_typ("at+jwt"));
  const std::string at_token = sign(b, key, Alg::hs256);
  CHECK(header_of(at_token) == R"({"alg":"HS256","typ":"at+jwt"})");
  REQUIRE(b.set_typ(""));
  const std::string bare = sign(b, key, Alg::hs256);
  CHECK(header_of(bare) == R"({"alg":"HS256"})");

  Verifier v;
  base_verifier(v, {Alg::hs256}, {key});
  v.jws.required_typ = "application/at+jwt";
  CHECK(verify(at_token, v) == JWTCORE_OK);
  CHECK(verify(bare, v) == JWTCORE_E_TYP_MISMATCH);
  CHECK(verify(sign(builder_at(), key, Alg::hs256), v) == JWTCORE_E_TYP_MISMATCH);
}

TEST_CASE("jwt_sign refuses keys that do not permit the algorithm") {
  JwtBuilder b = builder_at();
  CHECK(jwt_sign(b, gen("ES256"), Alg::hs256).status().code() == JWTCORE_E_KEY_MISMATCH);
  CHECK(jwt_sign(b, nullptr, Alg::hs256).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  auto pub = key_from_jwk(*key_to_jwk(*gen("EdDSA"), false));
  REQUIRE(pub.is_ok());
  CHECK(jwt_sign(b, *pub, Alg::eddsa).status().code() == JWTCORE_E_KEY_NOT_PRIVATE);
}

TEST_CASE("the verify path refuses oversize tokens, wrong part counts and non-JWT payloads") {
  KeyPtr key = gen("HS256");
  Verifier v;
  base_verifier(v, {Alg::hs256}, {key});
  const std::string good = sign(builder_at(), key, Alg::hs256);
  REQUIRE(verify(good, v) == JWTCORE_OK);

  SECTION("over max_jwt, checked before any decoding") {
    v.max_jwt = good.size() - 1;
    CHECK(verify(good, v) == JWTCORE_E_LIMIT_SIZE);
    CHECK(verify(std::string(9000, 'a'), Verifier{}) == JWTCORE_E_LIMIT_SIZE);
  }
  SECTION("part counts") {
    CHECK(verify("a.b", v) == JWTCORE_E_TOKEN_FORMAT);
    CHECK(verify("a.b.c.d", v) == JWTCORE_E_TOKEN_FORMAT);
    CHECK(verify("a.b.c.d.e", v) == JWTCORE_E_TOKEN_FORMAT);
    CHECK(verify("", v) == JWTCORE_E_TOKEN_FORMAT);
  }
  SECTION("payloads that are not one JSON object without duplicate names (RFC 7519 §4, §7.2)") {
    CHECK(verify(raw_jws(key, Alg::hs256, "[1]"), v) == JWTCORE_E_JSON);
    CHECK(verify(raw_jws(key, Alg::hs256, "hello"), v) == JWTCORE_E_JSON);
    CHECK(verify(raw_jws(key, Alg::hs256, R"({"exp":1,"exp":2000000000})"), v) == JWTCORE_E_JSON_DUPLICATE);
    CHECK(verify(raw_jws(key, Alg::hs256, R"({"exp":2000000000,"a":{"a":{"a":{}}}})"), v) == JWTCORE_OK);
    v.jws.limits.max_depth = 3;
    CHECK(verify(raw_jws(key, Alg::hs256, R"({"exp":2000000000,"a":{"a":{"a":{}}}})"), v) == JWTCORE_E_LIMIT_DEPTH);
  }
  SECTION("signature failures leave no claims behind") {
    std::string bad = good;
    bad[bad.size() - 3] = bad[bad.size() - 3] == 'A' ? 'B' : 'A';
    Claims c;
    REQUIRE(verify(good, v, &c) == JWTCORE_OK);
    REQUIRE(c.has("sub"));
    CHECK(verify(bad, v, &c) == JWTCORE_E_BAD_SIGNATURE);
    CHECK(c.json().empty());
    CHECK_FALSE(c.has("sub"));
    CHECK(verify(sign(builder_at(), gen("HS256"), Alg::hs256), v) == JWTCORE_E_BAD_SIGNATURE);
    CHECK(verify("eyJhbGciOiJub25lIn0.eyJleHAiOjIwMDAwMDAwMDB9.", v) == JWTCORE_E_ALG_NOT_ALLOWED);
  }
}

TEST_CASE("issuer-bound keys: a key of issuer A never verifies a token claiming issuer B") {
  KeyPtr a = gen("HS256");
  KeyPtr b = gen("HS256");
  KeyPtr a_named = gen("EdDSA", "shared-kid");
  KeyPtr b_named = gen("EdDSA", "shared-kid");
  Verifier v;
  base_verifier(v, {Alg::hs256, Alg::eddsa}, {a});  // v.keys is not used once issuer keys exist
  v.claims.issuer_keys["https://a.example"].keys = {a, a_named};
  v.claims.issuer_keys["https://b.example"].keys = {b, b_named};

  auto token = [&](const char *iss, const KeyPtr &key, Alg alg) {
    JwtBuilder jb = builder_at();
    REQUIRE(jb.set_string("iss", iss));
    return sign(jb, key, alg);
  };
  CHECK(verify(token("https://a.example", a, Alg::hs256), v) == JWTCORE_OK);
  CHECK(verify(token("https://b.example", b, Alg::hs256), v) == JWTCORE_OK);
  Claims pre;
  CHECK(verify(token("https://b.example", a, Alg::hs256), v, &pre) == JWTCORE_E_BAD_SIGNATURE);
  CHECK_FALSE(pre.has("iss"));  // read to choose the keys, never left readable unverified
  CHECK(verify(token("https://a.example", b_named, Alg::eddsa), v) == JWTCORE_E_BAD_SIGNATURE);
  CHECK(verify(token("https://b.example", b_named, Alg::eddsa), v) == JWTCORE_OK);
  CHECK(verify(token("https://c.example", a, Alg::hs256), v) == JWTCORE_E_ISSUER);

  JwtBuilder no_iss = builder_at();
  REQUIRE(no_iss.remove("iss"));
  CHECK(verify(sign(no_iss, a, Alg::hs256), v) == JWTCORE_E_ISSUER);
  CHECK(verify(raw_jws(a, Alg::hs256, R"({"iss":7,"exp":2000000000})"), v) == JWTCORE_E_CLAIM_TYPE);
  CHECK(verify(raw_jws(a, Alg::hs256, "not json"), v) == JWTCORE_E_JSON);

  SECTION("a listed issuer must also pass the issuer allow-list") {
    v.claims.issuers = {"https://b.example"};
    CHECK(verify(token("https://a.example", a, Alg::hs256), v) == JWTCORE_E_ISSUER);
    CHECK(verify(token("https://b.example", b, Alg::hs256), v) == JWTCORE_OK);
  }
  SECTION("issuer keys can be key sets") {
    auto set = std::make_shared<KeySet>();
    REQUIRE(set->add(gen("HS256", "from-set")));
    v.claims.issuer_keys["https://d.example"].sets.push_back(set);
    CHECK(verify(token("https://d.example", set->at(0), Alg::hs256), v) == JWTCORE_OK);
    CHECK(verify(token("https://d.example", a, Alg::hs256), v) == JWTCORE_E_BAD_SIGNATURE);
  }
}

TEST_CASE("a claims failure after a good signature is reported and clears the claims") {
  KeyPtr key = gen("HS256");
  Verifier v;
  base_verifier(v, {Alg::hs256}, {key});
  v.claims.audiences = {"api"};
  Claims c;
  CHECK(verify(sign(builder_at(), key, Alg::hs256), v, &c) == JWTCORE_E_AUDIENCE);
  CHECK(c.json().empty());
  CHECK_FALSE(c.has("iss"));
  v.claims.audiences.clear();
  v.claims.required_scopes = {"read"};
  JwtBuilder b = builder_at();
  REQUIRE(b.set_string("scope", "read write"));
  CHECK(verify(sign(b, key, Alg::hs256), v, &c) == JWTCORE_OK);
  CHECK(*c.get_string("scope") == "read write");
}
