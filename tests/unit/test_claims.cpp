// The claims checks (RFC 7519 §4.1, §7.2; RFC 8725 §3.8–3.9) as a matrix: every registered claim
// present / absent / of each wrong JSON type / expired / exactly at the leeway boundary / in the
// future, audience as a string and as an array, issuer lists, scopes, exact values, maximum age
// and lifetime, and revocation — each row asserting its exact status at a fixed clock.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "src/core/claims.hpp"

using namespace jwtcore;

namespace {

constexpr int64_t kNow = 1700000000;

std::string at(int64_t offset) { return std::to_string(kNow + offset); }

// A claims set valid under the base policy, plus `extra` members ("," + extra).
std::string with_exp(const std::string &extra = "") { return "{\"exp\":" + at(3600) + extra + "}"; }

int revoke_bad(void *ctx, const char *jti, size_t n) {
  ++*static_cast<int *>(ctx);
  return std::string_view(jti, n) == "bad" ? 1 : 0;
}

int g_revocation_calls = 0;

struct Row {
  std::string name;
  std::string claims;
  std::function<void(ClaimsPolicy &)> setup;
  int expected;
};

void none(ClaimsPolicy &) {}
void no_exp(ClaimsPolicy &p) { p.require_exp = false; }
void issuers(ClaimsPolicy &p) { p.issuers = {"https://a.example", "https://b.example"}; }
void audience(ClaimsPolicy &p) { p.audiences = {"api", "api2"}; }
void tenant_required(ClaimsPolicy &p) { p.required_claims = {"tenant"}; }
void scopes(ClaimsPolicy &p) { p.required_scopes = {"read", "write"}; }
void max_age(ClaimsPolicy &p) { p.max_age = 300; }
void max_lifetime(ClaimsPolicy &p) { p.max_lifetime = 3600; }
void leeway0(ClaimsPolicy &p) { p.leeway = 0; }
void revocation(ClaimsPolicy &p) {
  p.revoked = revoke_bad;
  p.revoked_ctx = &g_revocation_calls;
}
std::function<void(ClaimsPolicy &)> exact(std::string name, std::string json) {
  return [name, json](ClaimsPolicy &p) {
    auto ec = make_exact_claim(name, json);
    REQUIRE(ec.is_ok());
    p.exact_claims.push_back(*ec);
  };
}

std::vector<Row> time_rows() {
  return {
      {"exp in the future", with_exp(), none, JWTCORE_OK},
      {"exp absent while required", "{}", none, JWTCORE_E_CLAIM_MISSING},
      {"exp absent, not required", "{}", no_exp, JWTCORE_OK},
      {"exp as a string", "{\"exp\":\"" + at(3600) + "\"}", none, JWTCORE_E_CLAIM_TYPE},
      {"exp null", "{\"exp\":null}", none, JWTCORE_E_CLAIM_TYPE},
      {"exp null, not required", "{\"exp\":null}", no_exp, JWTCORE_E_CLAIM_TYPE},
      {"exp boolean", "{\"exp\":true}", none, JWTCORE_E_CLAIM_TYPE},
      {"exp array", "{\"exp\":[" + at(3600) + "]}", none, JWTCORE_E_CLAIM_TYPE},
      {"exp object", "{\"exp\":{}}", none, JWTCORE_E_CLAIM_TYPE},
      {"exp an hour ago", "{\"exp\":" + at(-3600) + "}", none, JWTCORE_E_EXPIRED},
      {"exp exactly now - leeway", "{\"exp\":" + at(-60) + "}", none, JWTCORE_E_EXPIRED},
      {"exp one second inside the leeway", "{\"exp\":" + at(-59) + "}", none, JWTCORE_OK},
      {"exp now (inside the leeway)", "{\"exp\":" + at(0) + "}", none, JWTCORE_OK},
      {"exp now, leeway 0", "{\"exp\":" + at(0) + "}", leeway0, JWTCORE_E_EXPIRED},
      {"exp now + 1, leeway 0", "{\"exp\":" + at(1) + "}", leeway0, JWTCORE_OK},
      {"exp fractional, half a second past the boundary", "{\"exp\":" + at(-60) + ".5}", none, JWTCORE_OK},
      {"exp fractional, half a second before the boundary", "{\"exp\":" + at(-61) + ".5}", none, JWTCORE_E_EXPIRED},
      {"exp in exponent form", "{\"exp\":1.7000036e9}", none, JWTCORE_OK},
      {"exp negative", "{\"exp\":-1}", none, JWTCORE_E_EXPIRED},
      {"exp zero", "{\"exp\":0}", none, JWTCORE_E_EXPIRED},
      {"exp far future double", "{\"exp\":1e300}", none, JWTCORE_OK},
      {"exp beyond int64", "{\"exp\":18446744073709551615}", none, JWTCORE_OK},
      {"nbf absent", with_exp(), none, JWTCORE_OK},
      {"nbf in the past", with_exp(",\"nbf\":" + at(-100)), none, JWTCORE_OK},
      {"nbf now", with_exp(",\"nbf\":" + at(0)), none, JWTCORE_OK},
      {"nbf exactly now + leeway", with_exp(",\"nbf\":" + at(60)), none, JWTCORE_OK},
      {"nbf one second past the leeway", with_exp(",\"nbf\":" + at(61)), none, JWTCORE_E_NOT_YET_VALID},
      {"nbf fractional past the leeway", with_exp(",\"nbf\":" + at(60) + ".5"), none, JWTCORE_E_NOT_YET_VALID},
      {"nbf an hour ahead", with_exp(",\"nbf\":" + at(3600)), none, JWTCORE_E_NOT_YET_VALID},
      {"nbf as a string", with_exp(",\"nbf\":\"" + at(0) + "\""), none, JWTCORE_E_CLAIM_TYPE},
      {"nbf null", with_exp(",\"nbf\":null"), none, JWTCORE_E_CLAIM_TYPE},
      {"nbf boolean", with_exp(",\"nbf\":false"), none, JWTCORE_E_CLAIM_TYPE},
      {"iat now", with_exp(",\"iat\":" + at(0)), none, JWTCORE_OK},
      {"iat long ago, no max age", with_exp(",\"iat\":1000"), none, JWTCORE_OK},
      {"iat exactly now + leeway", with_exp(",\"iat\":" + at(60)), none, JWTCORE_OK},
      {"iat one second past the leeway", with_exp(",\"iat\":" + at(61)), none, JWTCORE_E_ISSUED_IN_FUTURE},
      {"iat as a string", with_exp(",\"iat\":\"" + at(0) + "\""), none, JWTCORE_E_CLAIM_TYPE},
      {"iat null", with_exp(",\"iat\":null"), none, JWTCORE_E_CLAIM_TYPE},
      {"iat object", with_exp(",\"iat\":{\"t\":1}"), none, JWTCORE_E_CLAIM_TYPE},
      {"max age: 300 s old", with_exp(",\"iat\":" + at(-300)), max_age, JWTCORE_OK},
      {"max age: exactly max + leeway old", with_exp(",\"iat\":" + at(-360)), max_age, JWTCORE_OK},
      {"max age: one second too old", with_exp(",\"iat\":" + at(-361)), max_age, JWTCORE_E_TOO_OLD},
      {"max age: iat absent", with_exp(), max_age, JWTCORE_E_CLAIM_MISSING},
      {"max lifetime: exactly the maximum", "{\"iat\":" + at(0) + ",\"exp\":" + at(3600) + "}", max_lifetime, JWTCORE_OK},
      {"max lifetime: one second over", "{\"iat\":" + at(0) + ",\"exp\":" + at(3601) + "}", max_lifetime, JWTCORE_E_LIFETIME},
      {"max lifetime: iat absent", with_exp(), max_lifetime, JWTCORE_E_CLAIM_MISSING},
      {"max lifetime: exp absent and optional", "{\"iat\":" + at(0) + "}",
       [](ClaimsPolicy &p) { no_exp(p); max_lifetime(p); }, JWTCORE_E_CLAIM_MISSING},
  };
}

std::vector<Row> identity_rows() {
  return {
      {"iss first accepted", with_exp(",\"iss\":\"https://a.example\""), issuers, JWTCORE_OK},
      {"iss second accepted", with_exp(",\"iss\":\"https://b.example\""), issuers, JWTCORE_OK},
      {"iss not accepted", with_exp(",\"iss\":\"https://evil.example\""), issuers, JWTCORE_E_ISSUER},
      {"iss differs in case", with_exp(",\"iss\":\"https://A.example\""), issuers, JWTCORE_E_ISSUER},
      {"iss with a trailing slash", with_exp(",\"iss\":\"https://a.example/\""), issuers, JWTCORE_E_ISSUER},
      {"iss absent", with_exp(), issuers, JWTCORE_E_ISSUER},
      {"iss a number", with_exp(",\"iss\":7"), issuers, JWTCORE_E_CLAIM_TYPE},
      {"iss an array of the accepted one", with_exp(",\"iss\":[\"https://a.example\"]"), issuers, JWTCORE_E_CLAIM_TYPE},
      {"iss any, none configured", with_exp(",\"iss\":\"whoever\""), none, JWTCORE_OK},
      {"iss a number, none configured", with_exp(",\"iss\":1"), none, JWTCORE_E_CLAIM_TYPE},
      {"sub a number", with_exp(",\"sub\":42"), none, JWTCORE_E_CLAIM_TYPE},
      {"jti an array", with_exp(",\"jti\":[]"), none, JWTCORE_E_CLAIM_TYPE},
      {"aud string accepted", with_exp(",\"aud\":\"api\""), audience, JWTCORE_OK},
      {"aud string, second accepted value", with_exp(",\"aud\":\"api2\""), audience, JWTCORE_OK},
      {"aud array containing an accepted value", with_exp(",\"aud\":[\"other\",\"api\"]"), audience, JWTCORE_OK},
      {"aud array without an accepted value", with_exp(",\"aud\":[\"other\",\"x\"]"), audience, JWTCORE_E_AUDIENCE},
      {"aud string not accepted", with_exp(",\"aud\":\"apix\""), audience, JWTCORE_E_AUDIENCE},
      {"aud empty array", with_exp(",\"aud\":[]"), audience, JWTCORE_E_AUDIENCE},
      {"aud absent while configured", with_exp(), audience, JWTCORE_E_AUDIENCE},
      {"aud a number", with_exp(",\"aud\":5"), audience, JWTCORE_E_CLAIM_TYPE},
      {"aud null", with_exp(",\"aud\":null"), audience, JWTCORE_E_CLAIM_TYPE},
      {"aud array with a non-string", with_exp(",\"aud\":[\"api\",1]"), audience, JWTCORE_E_CLAIM_TYPE},
      {"aud present, none configured (RFC 7519 4.1.3)", with_exp(",\"aud\":\"api\""), none, JWTCORE_E_AUDIENCE},
      {"aud absent, none configured", with_exp(), none, JWTCORE_OK},
  };
}

std::vector<Row> policy_rows() {
  return {
      {"required claim present", with_exp(",\"tenant\":\"t\""), tenant_required, JWTCORE_OK},
      {"required claim present as false", with_exp(",\"tenant\":false"), tenant_required, JWTCORE_OK},
      {"required claim absent", with_exp(), tenant_required, JWTCORE_E_CLAIM_MISSING},
      {"required claim null", with_exp(",\"tenant\":null"), tenant_required, JWTCORE_E_CLAIM_MISSING},
      {"scope string grants both", with_exp(",\"scope\":\"read write\""), scopes, JWTCORE_OK},
      {"scope string in another order with extras", with_exp(",\"scope\":\"admin write read\""), scopes, JWTCORE_OK},
      {"scope string with a double space", with_exp(",\"scope\":\"read  write\""), scopes, JWTCORE_OK},
      {"scope string missing one", with_exp(",\"scope\":\"read\""), scopes, JWTCORE_E_SCOPE},
      {"scope names glued together", with_exp(",\"scope\":\"readwrite\""), scopes, JWTCORE_E_SCOPE},
      {"scope name as a prefix only", with_exp(",\"scope\":\"reader writer\""), scopes, JWTCORE_E_SCOPE},
      {"scp array grants both", with_exp(",\"scp\":[\"write\",\"read\"]"), scopes, JWTCORE_OK},
      {"scp array missing one", with_exp(",\"scp\":[\"read\"]"), scopes, JWTCORE_E_SCOPE},
      {"scp as a space-separated string", with_exp(",\"scp\":\"read write\""), scopes, JWTCORE_OK},
      {"scope and scp together grant the union", with_exp(",\"scope\":\"read\",\"scp\":[\"write\"]"), scopes, JWTCORE_OK},
      {"no scope claims", with_exp(), scopes, JWTCORE_E_SCOPE},
      {"scope a number", with_exp(",\"scope\":42"), scopes, JWTCORE_E_CLAIM_TYPE},
      {"scope an array", with_exp(",\"scope\":[\"read\",\"write\"]"), scopes, JWTCORE_E_CLAIM_TYPE},
      {"scp with a non-string", with_exp(",\"scp\":[\"read\",1]"), scopes, JWTCORE_E_CLAIM_TYPE},
      {"exact string equal", with_exp(",\"tenant\":\"acme\""), exact("tenant", "\"acme\""), JWTCORE_OK},
      {"exact string equal after unescaping", with_exp(",\"tenant\":\"\\u0061cme\""), exact("tenant", "\"acme\""), JWTCORE_OK},
      {"exact string differs in case", with_exp(",\"tenant\":\"ACME\""), exact("tenant", "\"acme\""), JWTCORE_E_CLAIM_MISMATCH},
      {"exact claim absent", with_exp(), exact("tenant", "\"acme\""), JWTCORE_E_CLAIM_MISSING},
      {"exact number equal", with_exp(",\"level\":3"), exact("level", "3"), JWTCORE_OK},
      {"exact number equal as 3.0", with_exp(",\"level\":3.0"), exact("level", "3"), JWTCORE_OK},
      {"exact number given as a string", with_exp(",\"level\":\"3\""), exact("level", "3"), JWTCORE_E_CLAIM_MISMATCH},
      {"exact number different", with_exp(",\"level\":4"), exact("level", "3"), JWTCORE_E_CLAIM_MISMATCH},
      {"exact object, members reordered", with_exp(",\"f\":{\"b\":[true,null],\"a\":1}"), exact("f", "{\"a\":1,\"b\":[true,null]}"), JWTCORE_OK},
      {"exact object, shorter array", with_exp(",\"f\":{\"a\":1,\"b\":[true]}"), exact("f", "{\"a\":1,\"b\":[true,null]}"), JWTCORE_E_CLAIM_MISMATCH},
      {"exact object, extra member", with_exp(",\"f\":{\"a\":1,\"b\":[true,null],\"c\":0}"), exact("f", "{\"a\":1,\"b\":[true,null]}"), JWTCORE_E_CLAIM_MISMATCH},
      {"exact boolean", with_exp(",\"admin\":false"), exact("admin", "false"), JWTCORE_OK},
      {"exact boolean vs null", with_exp(",\"admin\":null"), exact("admin", "false"), JWTCORE_E_CLAIM_MISMATCH},
      {"revocation: jti not revoked", with_exp(",\"jti\":\"good\""), revocation, JWTCORE_OK},
      {"revocation: jti revoked", with_exp(",\"jti\":\"bad\""), revocation, JWTCORE_E_REVOKED},
      {"revocation: jti absent", with_exp(), revocation, JWTCORE_E_CLAIM_MISSING},
      {"revocation: jti a number", with_exp(",\"jti\":1"), revocation, JWTCORE_E_CLAIM_TYPE},
  };
}

Status check(const std::string &claims_json, const ClaimsPolicy &p, int64_t now = kNow) {
  json::Document doc;
  REQUIRE(doc.parse_object(claims_json, {8192, 32}, "claims"));
  return check_claims(doc.root(), p, now);
}

}  // namespace

TEST_CASE("claims matrix: every row gets its exact status at a fixed clock") {
  std::vector<Row> rows = time_rows();
  for (auto group : {identity_rows(), policy_rows()}) rows.insert(rows.end(), group.begin(), group.end());
  REQUIRE(rows.size() >= 60);
  for (const Row &row : rows) {
    DYNAMIC_SECTION(row.name) {
      ClaimsPolicy p;
      row.setup(p);
      Status st = check(row.claims, p);
      INFO(row.claims << " -> " << st.message());
      CHECK(st.code() == row.expected);
      CHECK(st.message().empty() == (row.expected == JWTCORE_OK));
    }
  }
}

TEST_CASE("an expired token's message gives the times, the distance and the leeway") {
  ClaimsPolicy p;
  Status st = check("{\"exp\":" + at(-3600) + "}", p);
  REQUIRE(st.code() == JWTCORE_E_EXPIRED);
  CHECK(st.message() == "claim 'exp' (1699996400) is 3600 s in the past (leeway 60 s)");
  st = check(with_exp(",\"nbf\":" + at(120)), p);
  CHECK(st.message() == "claim 'nbf' (1700000120) is 120 s in the future (leeway 60 s)");
  st = check("{\"exp\":\"soon\"}", p);
  CHECK(st.message() == "claim 'exp' must be a number (NumericDate, RFC 7519 §2), found string");
  st = check("{\"iat\":" + at(0) + ",\"exp\":" + at(7200) + "}", [] { ClaimsPolicy q; q.max_lifetime = 3600; return q; }());
  CHECK(st.message() == "token lifetime exp - iat = 7200 s exceeds the maximum of 3600 s");
}

TEST_CASE("messages name claims but never echo string claim values") {
  ClaimsPolicy p;
  issuers(p);
  audience(p);
  scopes(p);
  p.exact_claims.push_back(*make_exact_claim("tenant", "\"acme\""));
  const std::string secret = "secret-value-123";
  for (const std::string &claims :
       {with_exp(",\"iss\":\"" + secret + "\""),
        with_exp(",\"iss\":\"https://a.example\",\"aud\":\"" + secret + "\""),
        with_exp(",\"iss\":\"https://a.example\",\"aud\":\"api\",\"scope\":\"" + secret + "\""),
        with_exp(",\"iss\":\"https://a.example\",\"aud\":\"api\",\"scope\":\"read write\",\"tenant\":\"" + secret + "\"")}) {
    Status st = check(claims, p);
    REQUIRE_FALSE(st.is_ok());
    CHECK(st.message().find(secret) == std::string::npos);
  }
}

TEST_CASE("the revocation callback runs only for tokens that pass every other check") {
  ClaimsPolicy p;
  revocation(p);
  g_revocation_calls = 0;
  CHECK(check("{\"exp\":" + at(-3600) + ",\"jti\":\"bad\"}", p).code() == JWTCORE_E_EXPIRED);
  CHECK(g_revocation_calls == 0);
  CHECK(check(with_exp(",\"jti\":\"bad\""), p).code() == JWTCORE_E_REVOKED);
  CHECK(g_revocation_calls == 1);
}

TEST_CASE("a non-zero revocation answer of any sign rejects (fail closed)") {
  ClaimsPolicy p;
  p.revoked = [](void *, const char *, size_t) { return -5; };
  CHECK(check(with_exp(",\"jti\":\"x\""), p).code() == JWTCORE_E_REVOKED);
}

TEST_CASE("claims_now uses the policy clock when set") {
  ClaimsPolicy p;
  int64_t fixed = 42;
  p.clock = [](void *ctx) { return *static_cast<int64_t *>(ctx); };
  p.clock_ctx = &fixed;
  CHECK(claims_now(p) == 42);
  p.clock = nullptr;
  CHECK(claims_now(p) > kNow);
}

TEST_CASE("issuer-bound keys also make the issuer a required, listed one") {
  ClaimsPolicy p;
  p.issuer_keys["https://a.example"] = KeyRing{};
  CHECK(check(with_exp(",\"iss\":\"https://a.example\""), p).code() == JWTCORE_OK);
  CHECK(check(with_exp(",\"iss\":\"https://b.example\""), p).code() == JWTCORE_E_ISSUER);
  CHECK(check(with_exp(), p).code() == JWTCORE_E_ISSUER);
}

TEST_CASE("make_exact_claim refuses an empty name and malformed JSON") {
  CHECK(make_exact_claim("", "1").status().code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(make_exact_claim("a", "{").status().code() == JWTCORE_E_JSON);
  CHECK(make_exact_claim("a", "{\"x\":1,\"x\":2}").status().code() == JWTCORE_E_JSON_DUPLICATE);
  auto ec = make_exact_claim("a", " { \"x\" : [ 1 , 2 ] } ");
  REQUIRE(ec.is_ok());
  CHECK(ec->json == "{\"x\":[1,2]}");
}

TEST_CASE("json_equal compares JSON values, not texts") {
  auto eq = [](const char *a, const char *b) {
    json::Document da, db;
    REQUIRE(da.parse(a, {4096, 32}, "a"));
    REQUIRE(db.parse(b, {4096, 32}, "b"));
    return json_equal(da.root(), db.root());
  };
  CHECK(eq("1", "1.0"));
  CHECK(eq("100", "1e2"));
  CHECK_FALSE(eq("1", "1.5"));
  CHECK_FALSE(eq("9007199254740993", "9007199254740992.0"));
  CHECK(eq("18446744073709551615", "18446744073709551615"));
  CHECK_FALSE(eq("18446744073709551615", "18446744073709551614"));
  CHECK(eq("\"a\\/b\"", "\"a/b\""));
  CHECK_FALSE(eq("\"1\"", "1"));
  CHECK(eq("[1,[2,{}]]", "[1,[2,{}]]"));
  CHECK_FALSE(eq("[1,2]", "[2,1]"));
  CHECK(eq("{\"a\":{\"b\":null}}", "{\"a\":{\"b\":null}}"));
  CHECK_FALSE(eq("{\"a\":1}", "{\"b\":1}"));
  CHECK_FALSE(eq("null", "false"));
  CHECK(eq("true", "true"));
}

TEST_CASE("Claims getters read the parsed document without re-parsing") {
  Claims c;
  REQUIRE(c.parse(std::string_view(R"({"s":"x\u00e9","i":-5,"big":1.7e9,"f":1.5,"b":true,"n":null,"a":["p","q"],"m":[1],"o":{"k":1}})"),
                  {8192, 32}));
  CHECK(c.json().substr(0, 5) == "{\"s\":");
  CHECK(*c.get_string("s") == "x\xc3\xa9");
  CHECK(*c.get_int64("i") == -5);
  CHECK(*c.get_int64("big") == 1700000000);
  CHECK(c.get_int64("f").status().code() == JWTCORE_E_CLAIM_TYPE);
  CHECK(*c.get_double("f") == 1.5);
  CHECK(*c.get_double("i") == -5.0);
  CHECK(*c.get_bool("b"));
  CHECK(c.get_bool("i").status().code() == JWTCORE_E_CLAIM_TYPE);
  CHECK(c.get_string("i").status().code() == JWTCORE_E_CLAIM_TYPE);
  CHECK(c.get_string("missing").status().code() == JWTCORE_E_CLAIM_MISSING);
  CHECK(c.get_string("n").status().code() == JWTCORE_E_CLAIM_MISSING);
  CHECK_FALSE(c.has("n"));
  CHECK(c.has("o"));
  CHECK(*c.string_array_size("a") == 2);
  CHECK(*c.string_array_at("a", 1) == "q");
  CHECK(c.string_array_at("a", 2).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(*c.string_array_size("s") == 1);
  CHECK(*c.string_array_at("s", 0) == "x\xc3\xa9");
  CHECK(c.string_array_size("m").status().code() == JWTCORE_E_CLAIM_TYPE);
  CHECK(*c.get_json("o") == "{\"k\":1}");
  CHECK(*c.get_json("n") == "null");
  CHECK(c.get_json("zz").status().code() == JWTCORE_E_CLAIM_MISSING);
  c.clear();
  CHECK(c.json().empty());
  CHECK_FALSE(c.has("s"));
  CHECK(c.get_string("s").status().code() == JWTCORE_E_CLAIM_MISSING);
}

TEST_CASE("Claims refuses payloads that are not one JSON object without duplicates") {
  Claims c;
  CHECK(c.parse(std::string_view("[1]"), {8192, 32}).code() == JWTCORE_E_JSON);
  CHECK(c.parse(std::string_view(R"({"exp":1,"exp":2})"), {8192, 32}).code() == JWTCORE_E_JSON_DUPLICATE);
  CHECK(c.parse(std::string_view(R"({"a":{"a":{"a":1}}})"), {8192, 2}).code() == JWTCORE_E_LIMIT_DEPTH);
  CHECK(c.parse(std::string_view("{\"a\":\"\xff\"}"), {8192, 32}).code() == JWTCORE_E_JSON);
  CHECK(c.json().empty());
  CHECK(c.parse_base64url("eyJhIjoxfQ", {8192, 32}).is_ok());
  CHECK(c.json() == "{\"a\":1}");
  CHECK(c.parse_base64url("eyJhIjoxfQ=", {8192, 32}).code() == JWTCORE_E_BASE64);
  CHECK(c.parse_base64url("eyJhIjoxfQ", {4, 32}).code() == JWTCORE_E_LIMIT_SIZE);
}

TEST_CASE("the claims pool hands back released objects, wiped") {
  auto a = acquire_claims();
  REQUIRE(a->parse(std::string_view("{\"x\":1}"), {8192, 32}));
  Claims *raw = a.get();
  release_claims(std::move(a));
  auto b = acquire_claims();
  CHECK(b.get() == raw);
  CHECK(b->json().empty());
  release_claims(std::move(b));
  release_claims(nullptr);
}
