// JWK Sets: Wycheproof json_web_key_test.json through the public C API (every verdict), skipped
// entries, duplicate kids, mixed sets, lookup, export and sharing between threads.
#include <catch2/catch.hpp>
#include <simdjson.h>

#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "key_test_util.hpp"
#include "src/capi/handles.hpp"
#include "src/core/base64url.hpp"
#include "src/core/thumbprint.hpp"
#include "vectors.hpp"

using namespace jwtcore;
using jwtcore::test::import_jwk;
using jwtcore::test::KeyHandle;
using jwtcore::test::KeySetHandle;
using jwtcore::test::take;

namespace {

crypto::Hash hash_of(DigestKind d) {
  return d == DigestKind::sha384 ? crypto::Hash::sha384 : d == DigestKind::sha512 ? crypto::Hash::sha512 : crypto::Hash::sha256;
}

// The signature check of a JWS algorithm on a key Key::permits() accepted (test-side; the JWS
// module has its own).
bool signature_ok(const Key &key, const AlgInfo &alg, std::string_view input, const Bytes &sig) {
  switch (alg.alg) {
    case Alg::hs256:
    case Alg::hs384:
    case Alg::hs512: return key.hmac(alg.digest) != nullptr && key.hmac(alg.digest)->verify(sig, input);
    case Alg::rs256:
    case Alg::rs384:
    case Alg::rs512: return key.rsa()->verify(crypto::RsaSignatureScheme::pkcs1v15, hash_of(alg.digest), input, sig).is_ok();
    case Alg::es256:
    case Alg::es384:
    case Alg::es512:
    case Alg::es256k: return key.ec()->verify(hash_of(alg.digest), input, sig).is_ok();
    case Alg::eddsa:
    case Alg::ed25519: return key.ed25519()->verify(input, sig).is_ok();
    default: return false;
  }
}

// Verifies a compact JWS with a key set the way a relying party would: the set is parsed, the
// header's kid picks exactly one key, the key must permit the header's alg for verification,
// then the signature must check. Returns the reason on failure.
std::string verify_with_jwks(const std::string &jwks, const std::string &jws) {
  KeySetHandle set;
  if (jwtcore_keyset_from_jwks(set.out(), jwks.data(), jwks.size(), 0) != JWTCORE_OK) {
    return std::string("key set refused: ") + jwtcore_last_error_message();
  }
  const size_t d1 = jws.find('.');
  const size_t d2 = jws.find('.', d1 + 1);
  if (d1 == std::string::npos || d2 == std::string::npos || jws.find('.', d2 + 1) != std::string::npos) return "not compact";
  Bytes header, sig;
  if (!base64url::decode(std::string_view(jws).substr(0, d1), header).is_ok()) return "bad header";
  if (!base64url::decode(std::string_view(jws).substr(d2 + 1), sig).is_ok()) return "bad signature encoding";
  json::Document doc;
  if (!doc.parse_object(bytes_view(header).as_string(), {}, "header").is_ok()) return "bad header JSON";
  const AlgInfo *alg = find_alg(doc.root().find("alg")->as_string().value_or(""));
  if (alg == nullptr) return "unknown alg";
  const jwtcore_key *key = nullptr;
  auto kid = doc.root().find("kid");
  if (!kid) return "no kid";
  const std::string_view k = *kid->as_string();
  if (jwtcore_keyset_find(&key, set.p, k.data(), k.size()) != JWTCORE_OK) {
    return std::string("no key: ") + jwtcore_last_error_message();
  }
  Status permit = capi::key_of(key)->permits(alg->alg, KeyOp::verify);
  if (!permit) return "not permitted: " + permit.message();
  if (!signature_ok(*capi::key_of(key), *alg, std::string_view(jws).substr(0, d2), sig)) return "bad signature";
  return "";
}

}  // namespace

TEST_CASE("Wycheproof json_web_key_test: every verdict matches, for the private and public sets") {
  auto text = test::read_vector("wycheproof/testvectors_v1/json_web_key_test.json");
  if (!text) return;
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(*text);
  size_t checked = 0;
  for (simdjson::dom::element group : root["testGroups"].get_array()) {
    for (simdjson::dom::element t : group["tests"].get_array()) {
      const int64_t id = t["tcId"].get_int64();
      const std::string comment(std::string_view(t["comment"].get_string()));
      const std::string jws(std::string_view(t["jws"].get_string()));
      const bool expect_valid = std::string_view(t["result"].get_string()) == "valid";
      for (const char *which : {"private", "public"}) {
        simdjson::dom::element set;
        if (group[which].get(set) != simdjson::SUCCESS) continue;
        const std::string reason = verify_with_jwks(simdjson::minify(set), jws);
        INFO("tcId " << id << " (" << std::string_view(group["comment"].get_string()) << ", " << comment << "), "
                     << which << " set: " << (reason.empty() ? "verified" : reason));
        CHECK(reason.empty() == expect_valid);
        ++checked;
      }
    }
  }
  CHECK(checked == 37);  // 26 tests, 11 of them with both a private and a public set
}

TEST_CASE("Wycheproof verdicts fail for the intended reason") {
  auto text = test::read_vector("wycheproof/testvectors_v1/json_web_key_test.json");
  if (!text) return;
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(*text);
  auto reason_of = [&](int64_t tc) {
    for (simdjson::dom::element group : root["testGroups"].get_array())
      for (simdjson::dom::element t : group["tests"].get_array())
        if (t["tcId"].get_int64() == tc)
          return verify_with_jwks(simdjson::minify(group["private"]), std::string(std::string_view(t["jws"].get_string())));
    return std::string("no such test");
  };
  CHECK_THAT(reason_of(1), Catch::Contains("must not mix"));         // MixedKeySet
  CHECK_THAT(reason_of(4), Catch::Contains("ambiguous"));            // DuplicateKid
  CHECK_THAT(reason_of(6), Catch::Contains("not permitted"));        // RSA1_5 key, RS256 token
  CHECK_THAT(reason_of(7), Catch::Contains("ROCA"));
  CHECK_THAT(reason_of(8), Catch::Contains("1024 bits"));
  CHECK_THAT(reason_of(9), Catch::Contains("'e'"));
  CHECK_THAT(reason_of(10), Catch::Contains("needs at least 32"));
  CHECK_THAT(reason_of(16), Catch::Contains("empty"));
  CHECK_THAT(reason_of(19), Catch::Contains("ES521"));
  CHECK_THAT(reason_of(22), Catch::Contains("not a valid P-256 point"));
  CHECK_THAT(reason_of(23), Catch::Contains("P-384 needs 48"));
  CHECK(reason_of(3) == "bad signature");
}

TEST_CASE("Unusable entries are skipped and reported; the usable ones stay") {
  const std::string jwks = R"({"keys":[
    {"kty":"EC","crv":"P-256","kid":"good","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"},
    {"kty":"OKP","crv":"Ed448","kid":"ed448","x":"AAAA"},
    {"kty":"PQC","kid":"future"},
    "not an object",
    {"kty":"EC","crv":"P-256","kid":"broken","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"5Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}
  ],"extra":"ignored"})";
  KeySetHandle set;
  REQUIRE(jwtcore_keyset_from_jwks(set.out(), jwks.data(), jwks.size(), 0) == JWTCORE_OK);
  CHECK(jwtcore_keyset_count(set.p) == 1);
  REQUIRE(jwtcore_keyset_skipped_count(set.p) == 4);
  CHECK_THAT(std::string(jwtcore_keyset_skipped_reason(set.p, 0)), Catch::StartsWith("entry 1 (kid 'ed448'): Ed448 is not supported"));
  CHECK_THAT(std::string(jwtcore_keyset_skipped_reason(set.p, 1)), Catch::StartsWith("entry 2 (kid 'future'): JWK member 'kty'"));
  CHECK_THAT(std::string(jwtcore_keyset_skipped_reason(set.p, 2)), Catch::StartsWith("entry 3: a JWK must be a JSON object"));
  CHECK_THAT(std::string(jwtcore_keyset_skipped_reason(set.p, 3)), Catch::Contains("P-256 point"));
  CHECK(jwtcore_keyset_skipped_reason(set.p, 4) == nullptr);
  const jwtcore_key *key = nullptr;
  CHECK(jwtcore_keyset_find(&key, set.p, "good", 4) == JWTCORE_OK);
  CHECK(key == jwtcore_keyset_get(set.p, 0));
  CHECK(jwtcore_keyset_find(&key, set.p, "broken", 6) == JWTCORE_E_KEY_NOT_FOUND);
  CHECK(key == nullptr);
  CHECK_THAT(std::string(jwtcore_last_error_message()), Catch::Contains("was skipped") && Catch::Contains("entry 4"));
  CHECK(jwtcore_keyset_find(&key, set.p, "absent", 6) == JWTCORE_E_KEY_NOT_FOUND);
  CHECK_THAT(std::string(jwtcore_last_error_message()), Catch::Contains("no key with kid 'absent'"));
}

TEST_CASE("A document that is not a key set fails as a whole") {
  const std::pair<const char *, int> cases[] = {
      {R"({"kids":[]})", JWTCORE_E_KEY_INVALID},
      {R"({"keys":{"kty":"oct"}})", JWTCORE_E_KEY_INVALID},
      {R"([{"kty":"oct","k":"AAAA"}])", JWTCORE_E_JSON},
      {R"({"keys":[{"kty":"oct","k":"AAAA","k":"AAAB"}]})", JWTCORE_E_JSON_DUPLICATE},
      {R"({"keys":[],"keys":[]})", JWTCORE_E_JSON_DUPLICATE},
      {R"({"keys":[{"kty":"oct","k":"AAAA"}])", JWTCORE_E_JSON},
  };
  for (const auto &[json, code] : cases) {
    INFO(json);
    KeySetHandle set;
    CHECK(jwtcore_keyset_from_jwks(set.out(), json, std::strlen(json), 0) == code);
    CHECK(set.p == nullptr);
  }
  KeySetHandle set;
  CHECK(jwtcore_keyset_from_jwks(set.out(), "{\"keys\":[]}", 11, 8) == JWTCORE_E_BAD_FLAG);
  const std::string big = "{\"keys\":[],\"pad\":\"" + std::string(1024 * 1024, 'a') + "\"}";
  CHECK(jwtcore_keyset_from_jwks(set.out(), big.data(), big.size(), 0) == JWTCORE_E_LIMIT_SIZE);
  CHECK(jwtcore_keyset_from_jwks(set.out(), "{\"keys\":[]}", 11, 0) == JWTCORE_OK);
  CHECK(jwtcore_keyset_count(set.p) == 0);
}

TEST_CASE("A key set holds one kind of key: secret, public or private") {
  const std::string oct = R"({"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr8"})";
  const std::string ec_pub = R"({"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"})";
  const std::string ec_priv = R"({"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","d":"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE"})";
  const std::string ed_pub = R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})";
  std::string message;
  auto parse = [&](const std::string &a, const std::string &b) {
    const std::string jwks = "{\"keys\":[" + a + "," + b + "]}";
    jwtcore_keyset *set = nullptr;
    const int rc = jwtcore_keyset_from_jwks(&set, jwks.data(), jwks.size(), 0);
    message = jwtcore_last_error_message();
    jwtcore_keyset_free(set);
    return rc;
  };
  CHECK(parse(oct, ec_pub) == JWTCORE_E_KEY_INVALID);
  CHECK(parse(ec_priv, ec_pub) == JWTCORE_E_KEY_INVALID);
  CHECK(parse(oct, ec_priv) == JWTCORE_E_KEY_INVALID);
  CHECK_THAT(message, Catch::Contains("entry 1") && Catch::Contains("must not mix"));
  CHECK(parse(ec_pub, ed_pub) == JWTCORE_OK);
  CHECK(parse(oct, oct) == JWTCORE_OK);
  SECTION("add() applies the same rule and the set keeps its own reference") {
    KeySetHandle set;
    REQUIRE(jwtcore_keyset_new(set.out(), 0) == JWTCORE_OK);
    KeyHandle pub, priv;
    REQUIRE(jwtcore_key_from_jwk(pub.out(), ec_pub.data(), ec_pub.size(), 0) == JWTCORE_OK);
    REQUIRE(jwtcore_key_from_jwk(priv.out(), ec_priv.data(), ec_priv.size(), 0) == JWTCORE_OK);
    REQUIRE(jwtcore_keyset_add(set.p, pub.p) == JWTCORE_OK);
    CHECK(jwtcore_keyset_add(set.p, priv.p) == JWTCORE_E_KEY_INVALID);
    CHECK(jwtcore_keyset_count(set.p) == 1);
    jwtcore_key_free(pub.p);  // the caller's reference ends; the set's remains
    pub.p = nullptr;
    CHECK(std::string(jwtcore_key_kty(jwtcore_keyset_get(set.p, 0))) == "EC");
    CHECK(jwtcore_keyset_add(set.p, nullptr) == JWTCORE_E_INVALID_HANDLE);
    CHECK(jwtcore_keyset_add(nullptr, priv.p) == JWTCORE_E_INVALID_HANDLE);
  }
}

TEST_CASE("Duplicate kids are kept but a lookup by that kid is ambiguous") {
  const std::string jwks = R"({"keys":[
    {"kty":"oct","kid":"k","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr8"},
    {"kty":"oct","kid":"k","k":"GawgguFyGrWKav7AX4VKUg"},
    {"kty":"oct","kid":"other","k":"GawgguFyGrWKav7AX4VKUg"}]})";
  Result<KeySet> set = KeySet::from_jwks(jwks);
  REQUIRE(set.is_ok());
  CHECK(set->size() == 3);
  const Status st = set->find("k").status();
  CHECK(st.code() == JWTCORE_E_KEY_NOT_FOUND);
  CHECK_THAT(st.message(), Catch::Contains("ambiguous") && Catch::Contains("2 entries"));
  CHECK(set->find_index("other").value() == 2);
}

TEST_CASE("Without a kid, candidates are the keys that permit the algorithm") {
  const std::string jwks = R"({"keys":[
    {"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc"},
    {"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
    {"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","alg":"ES256"}]})";
  Result<KeySet> set = KeySet::from_jwks(jwks);
  REQUIRE(set.is_ok());
  CHECK(set->candidates(Alg::es256, KeyOp::verify) == std::vector<size_t>{2});
  CHECK(set->candidates(Alg::eddsa, KeyOp::verify) == std::vector<size_t>{1});
  CHECK(set->candidates(Alg::ecdh_es, KeyOp::encrypt) == std::vector<size_t>{0});
  CHECK(set->candidates(Alg::hs256, KeyOp::verify).empty());
}

TEST_CASE("A key set exports to a JWKS that imports to the same keys") {
  auto text = test::read_vector("latchset-jose/tests/vectors/rfc7517_A.2.jwkset");
  if (!text) return;
  KeySetHandle set;
  REQUIRE(jwtcore_keyset_from_jwks(set.out(), text->data(), text->size(), 0) == JWTCORE_OK);
  for (int include_private : {0, 1}) {
    uint8_t *out = nullptr;
    size_t len = 0;
    REQUIRE(jwtcore_keyset_to_jwks(&out, &len, set.p, include_private) == JWTCORE_OK);
    const std::string jwks = take(out, len);
    KeySetHandle again;
    REQUIRE(jwtcore_keyset_from_jwks(again.out(), jwks.data(), jwks.size(), 0) == JWTCORE_OK);
    REQUIRE(jwtcore_keyset_count(again.p) == 2);
    for (size_t i = 0; i < 2; ++i) {
      const jwtcore_key *a = jwtcore_keyset_get(set.p, i);
      const jwtcore_key *b = jwtcore_keyset_get(again.p, i);
      CHECK(*jwk_thumbprint(*capi::key_of(a)) == *jwk_thumbprint(*capi::key_of(b)));
      CHECK(jwtcore_key_is_private(b) == include_private);
      CHECK(std::string(jwtcore_key_kid(a)) == jwtcore_key_kid(b));
    }
  }
  // A set of oct keys has no public form.
  KeySetHandle octs;
  const std::string oct = R"({"keys":[{"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg"}]})";
  REQUIRE(jwtcore_keyset_from_jwks(octs.out(), oct.data(), oct.size(), 0) == JWTCORE_OK);
  uint8_t *out = nullptr;
  size_t len = 0;
  CHECK(jwtcore_keyset_to_jwks(&out, &len, octs.p, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(out == nullptr);
}

TEST_CASE("Key set handles: bad handles and indices are refused, NULL is safe") {
  CHECK(jwtcore_keyset_count(nullptr) == 0);
  CHECK(jwtcore_keyset_skipped_count(nullptr) == 0);
  CHECK(jwtcore_keyset_get(nullptr, 0) == nullptr);
  CHECK(jwtcore_keyset_skipped_reason(nullptr, 0) == nullptr);
  jwtcore_keyset_free(nullptr);
  KeySetHandle set;
  REQUIRE(jwtcore_keyset_new(set.out(), 0) == JWTCORE_OK);
  CHECK(jwtcore_keyset_get(set.p, 0) == nullptr);
  CHECK_THAT(std::string(jwtcore_last_error_message()), Catch::Contains("index 0"));
  const jwtcore_key *key = nullptr;
  CHECK(jwtcore_keyset_find(&key, set.p, nullptr, 3) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_keyset_find(nullptr, set.p, "a", 1) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_keyset_find(&key, reinterpret_cast<const jwtcore_keyset *>(&key), "a", 1) == JWTCORE_E_INVALID_HANDLE);
  KeySetHandle flagged;
  CHECK(jwtcore_keyset_new(flagged.out(), 1) == JWTCORE_E_BAD_FLAG);
  CHECK(flagged.p == nullptr);
}

TEST_CASE("Keys and a frozen key set are shared by many threads") {
  auto text = test::read_vector("latchset-jose/tests/vectors/rfc7517_A.2.jwkset");
  if (!text) return;
  KeySetHandle set;
  REQUIRE(jwtcore_keyset_from_jwks(set.out(), text->data(), text->size(), 0) == JWTCORE_OK);
  const std::string expected = *jwk_thumbprint(*capi::key_of(jwtcore_keyset_get(set.p, 1)));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        const jwtcore_key *found = nullptr;
        if (jwtcore_keyset_find(&found, set.p, "2011-04-29", 10) != JWTCORE_OK) ++failures;
        jwtcore_key *mine = jwtcore_key_ref(const_cast<jwtcore_key *>(found));
        uint8_t *out = nullptr;
        size_t len = 0;
        if (jwtcore_key_thumbprint(&out, &len, mine, JWTCORE_HASH_SHA256) != JWTCORE_OK || take(out, len) != expected) ++failures;
        if (!capi::key_of(mine)->permits(Alg::rs256, KeyOp::sign).is_ok()) ++failures;
        jwtcore_key_free(mine);
      }
    });
  }
  for (auto &t : threads) t.join();
  CHECK(failures == 0);
}
