// JWK import and export against the RFC examples (RFC 7517 App. A-B, RFC 7520 §3, RFC 7638 §3.1,
// RFC 8037 App. A, RFC 7518 App. C), key/algorithm binding (Key::permits), thumbprints and
// generation.
#include <catch2/catch.hpp>
#include <simdjson.h>

#include <cstring>
#include <string>
#include <vector>

#include "key_test_util.hpp"
#include "src/capi/handles.hpp"
#include "src/core/base64url.hpp"
#include "src/core/crypto/okp.hpp"
#include "src/core/keygen.hpp"
#include "src/core/thumbprint.hpp"
#include "vectors.hpp"

using namespace jwtcore;
using jwtcore::test::export_jwk;
using jwtcore::test::import_jwk;
using jwtcore::test::KeyHandle;
using jwtcore::test::KeySetHandle;
using jwtcore::test::members;
using jwtcore::test::take;

namespace {

const std::string kVec = "latchset-jose/tests/vectors/";

// The object with "id" == id in rfc-appendix/rfc_examples.json, as JSON text.
std::optional<std::string> rfc_example(const std::string &id, const std::string &member) {
  auto text = test::read_vector("rfc-appendix/rfc_examples.json");
  if (!text) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(*text);
  for (simdjson::dom::element e : root["examples"].get_array()) {
    if (std::string_view(e["id"].get_string()) != id) continue;
    simdjson::dom::element m = e[member];
    if (m.is_string()) return std::string(std::string_view(m.get_string()));
    return simdjson::minify(m);
  }
  FAIL("no example " << id);
  return std::nullopt;
}

Bytes from_hex(std::string_view hex) {
  Bytes out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

}  // namespace

TEST_CASE("RFC 7517 A.1: the public key set imports with kid, use and alg kept") {
  auto text = test::read_vector(kVec + "rfc7517_A.1.jwkset");
  if (!text) return;
  KeySetHandle set;
  REQUIRE(jwtcore_keyset_from_jwks(set.out(), text->data(), text->size(), 0) == JWTCORE_OK);
  REQUIRE(jwtcore_keyset_count(set.p) == 2);
  CHECK(jwtcore_keyset_skipped_count(set.p) == 0);
  const jwtcore_key *ec = jwtcore_keyset_get(set.p, 0);
  CHECK(std::string(jwtcore_key_kty(ec)) == "EC");
  CHECK(std::string(jwtcore_key_curve(ec)) == "P-256");
  CHECK(std::string(jwtcore_key_kid(ec)) == "1");
  CHECK(jwtcore_key_alg(ec) == nullptr);
  CHECK(jwtcore_key_is_private(ec) == 0);
  CHECK(capi::key_of(ec)->use() == KeyUse::enc);
  const jwtcore_key *rsa = nullptr;
  REQUIRE(jwtcore_keyset_find(&rsa, set.p, "2011-04-29", 10) == JWTCORE_OK);
  CHECK(rsa == jwtcore_keyset_get(set.p, 1));
  CHECK(std::string(jwtcore_key_kty(rsa)) == "RSA");
  CHECK(std::string(jwtcore_key_alg(rsa)) == "RS256");
  CHECK(jwtcore_key_curve(rsa) == nullptr);
  CHECK(capi::key_of(rsa)->rsa()->modulus_bits() == 2048);
}

TEST_CASE("RFC 7517 A.2: the private keys' public halves are exactly the A.1 keys") {
  auto pub = test::read_vector(kVec + "rfc7517_A.1.jwkset");
  auto priv = test::read_vector(kVec + "rfc7517_A.2.jwkset");
  if (!pub || !priv) return;
  Result<KeySet> pub_set = KeySet::from_jwks(*pub);
  Result<KeySet> priv_set = KeySet::from_jwks(*priv);
  REQUIRE(pub_set.is_ok());
  REQUIRE(priv_set.is_ok());
  REQUIRE(priv_set->size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    CHECK(priv_set->at(i)->has_private());
    CHECK(members(export_jwk(*priv_set->at(i), false)) == members(export_jwk(*pub_set->at(i), false)));
  }
  // The EC key signs nothing ('use' enc) but may do ECDH-ES; the RSA key is RS256 only.
  const Key &ec = *priv_set->at(0);
  CHECK(ec.permits(Alg::ecdh_es, KeyOp::decrypt).is_ok());
  CHECK(ec.permits(Alg::es256, KeyOp::sign).code() == JWTCORE_E_KEY_USAGE);
  const Key &rsa = *priv_set->at(1);
  CHECK(rsa.permits(Alg::rs256, KeyOp::sign).is_ok());
  CHECK(rsa.permits(Alg::ps256, KeyOp::sign).code() == JWTCORE_E_KEY_MISMATCH);
}

TEST_CASE("RFC 7517 A.3: symmetric keys keep their alg and get HMAC states by length") {
  auto text = test::read_vector(kVec + "rfc7517_A.3.jwkset");
  if (!text) return;
  Result<KeySet> set = KeySet::from_jwks(*text);
  REQUIRE(set.is_ok());
  REQUIRE(set->size() == 2);
  const Key &kw = *set->at(0);
  CHECK(kw.alg() == Alg::a128kw);
  CHECK(kw.secret().size() == 16);
  CHECK(kw.hmac(DigestKind::sha256) == nullptr);
  CHECK(kw.permits(Alg::a128kw, KeyOp::encrypt).is_ok());
  CHECK(kw.permits(Alg::hs256, KeyOp::sign).code() == JWTCORE_E_KEY_MISMATCH);
  const Key &mac = *set->at(1);
  CHECK(mac.kid() == "HMACkeyusedinJWSspecAppendixA.1example");
  CHECK(mac.secret().size() == 64);
  CHECK(mac.hmac(DigestKind::sha256) != nullptr);
  CHECK(mac.hmac(DigestKind::sha512) != nullptr);
  CHECK(mac.permits(Alg::hs512, KeyOp::verify).is_ok());
  // RFC 7515 A.1's HMAC: the precomputed state reproduces the RFC's signature.
  auto jws = test::read_vector(kVec + "rfc7515_A.1.jwsc");
  if (!jws) return;
  std::string token = *jws;
  while (!token.empty() && (token.back() == '\n' || token.back() == ' ')) token.pop_back();
  const size_t dot = token.rfind('.');
  Bytes sig;
  REQUIRE(base64url::decode(token.substr(dot + 1), sig).is_ok());
  CHECK(mac.hmac(DigestKind::sha256)->verify(sig, std::string_view(token).substr(0, dot)));
}

TEST_CASE("RFC 7517 B: an RSA key with an x5c chain imports; x5c is not a source of trust") {
  auto text = test::read_vector(kVec + "rfc7517_B.jwk");
  if (!text) return;
  KeyPtr key = import_jwk(*text);
  CHECK(key->kid() == "1b94c");
  CHECK(key->use() == KeyUse::sig);
  CHECK(members(export_jwk(*key, false)).count("x5c") == 0);
}

TEST_CASE("RFC 7638 3.1: the thumbprint of the example RSA key") {
  auto text = test::read_vector(kVec + "rfc7638_3.1.jwk");
  auto expected = test::read_vector(kVec + "rfc7638_3.1.thp");
  if (!text || !expected) return;
  KeyHandle key;
  REQUIRE(jwtcore_key_from_jwk(key.out(), text->data(), text->size(), 0) == JWTCORE_OK);
  uint8_t *out = nullptr;
  size_t len = 0;
  REQUIRE(jwtcore_key_thumbprint(&out, &len, key.p, JWTCORE_HASH_SHA256) == JWTCORE_OK);
  CHECK(take(out, len) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  CHECK(expected->substr(0, 43) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  // RFC 9278 §3's example URI is this key's.
  REQUIRE(jwtcore_key_thumbprint_uri(&out, &len, key.p, JWTCORE_HASH_SHA256) == JWTCORE_OK);
  CHECK(take(out, len) == "urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  // Public export: required members in RFC 7638 order, then kid and alg.
  REQUIRE(jwtcore_key_to_jwk(&out, &len, key.p, 0) == JWTCORE_OK);
  const std::string jwk = take(out, len);
  CHECK(jwk.rfind("{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"0vx7agoebGc", 0) == 0);
  CHECK(jwk.find("\",\"kid\":\"2011-04-29\",\"alg\":\"RS256\"}") != std::string::npos);
}

TEST_CASE("Thumbprints with SHA-384 and SHA-512; SHA-1 and unknown hashes are refused") {
  KeyPtr key = import_jwk(R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})");
  CHECK(jwk_thumbprint(*key, crypto::Hash::sha384)->size() == 64);
  CHECK(jwk_thumbprint(*key, crypto::Hash::sha512)->size() == 86);
  CHECK(jwk_thumbprint_uri(*key, crypto::Hash::sha512)->rfind("urn:ietf:params:oauth:jwk-thumbprint:sha-512:", 0) == 0);
  CHECK(jwk_thumbprint(*key, crypto::Hash::sha1).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  KeyHandle h;
  std::string jwk = export_jwk(*key, false);
  REQUIRE(jwtcore_key_from_jwk(h.out(), jwk.data(), jwk.size(), 0) == JWTCORE_OK);
  uint8_t *out = reinterpret_cast<uint8_t *>(&h);
  size_t len = 7;
  CHECK(jwtcore_key_thumbprint(&out, &len, h.p, 3) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(out == nullptr);
  CHECK(len == 0);
}

TEST_CASE("RFC 8037 A.1-A.3: Ed25519 keys, the derived public key and the thumbprint") {
  auto priv = rfc_example("rfc8037_A.1-A.5", "private_jwk");
  auto pub = rfc_example("rfc8037_A.1-A.5", "public_jwk");
  auto tp = rfc_example("rfc8037_A.1-A.5", "thumbprint_sha256_b64u");
  auto input = rfc_example("rfc8037_A.1-A.5", "thumbprint_input");
  if (!priv || !pub || !tp || !input) return;
  KeyPtr sk = import_jwk(*priv);
  KeyPtr pk = import_jwk(*pub);
  CHECK(sk->has_private());
  CHECK_FALSE(pk->has_private());
  CHECK(sk->curve() == KeyCurve::ed25519);
  CHECK(members(export_jwk(*sk, false)) == members(*pub));
  CHECK(members(export_jwk(*sk, true)) == members(*priv));
  const SecretString in = jwk_thumbprint_input(*pk);
  CHECK(std::string(in.begin(), in.end()) == *input);
  CHECK(*jwk_thumbprint(*sk) == *tp);
  CHECK(*jwk_thumbprint(*pk) == *tp);
  CHECK(sk->permits(Alg::eddsa, KeyOp::sign).is_ok());
  CHECK(sk->permits(Alg::ed25519, KeyOp::sign).is_ok());
  CHECK(pk->permits(Alg::eddsa, KeyOp::sign).code() == JWTCORE_E_KEY_NOT_PRIVATE);
  CHECK(pk->permits(Alg::ecdh_es, KeyOp::encrypt).code() == JWTCORE_E_KEY_MISMATCH);
}

TEST_CASE("RFC 8037 A.6: the X25519 public key agrees on the RFC's shared secret") {
  auto bob = rfc_example("rfc8037_A.6", "bob_public_jwk");
  auto eph = rfc_example("rfc8037_A.6", "ephemeral_secret_hex");
  auto z = rfc_example("rfc8037_A.6", "Z_hex");
  if (!bob || !eph || !z) return;
  KeyPtr key = import_jwk(*bob);
  CHECK(key->kid() == "Bob");
  CHECK(key->curve() == KeyCurve::x25519);
  REQUIRE(key->x25519() != nullptr);
  CHECK(key->permits(Alg::ecdh_es_a128kw, KeyOp::encrypt).is_ok());
  CHECK(key->permits(Alg::ecdh_es, KeyOp::decrypt).code() == JWTCORE_E_KEY_NOT_PRIVATE);
  CHECK(key->permits(Alg::eddsa, KeyOp::verify).code() == JWTCORE_E_KEY_MISMATCH);
  auto ephemeral = crypto::X25519Key::from_private(from_hex(*eph));
  REQUIRE(ephemeral.is_ok());
  auto shared = ephemeral->derive(*key->x25519());
  REQUIRE(shared.is_ok());
  CHECK(Bytes(shared->begin(), shared->end()) == from_hex(*z));
}

TEST_CASE("RFC 7518 C: the ECDH-ES example keys import as P-256 keys") {
  auto alice = rfc_example("rfc7518_C", "alice_ephemeral_private_jwk");
  auto bob = rfc_example("rfc7518_C", "bob_private_jwk");
  if (!alice || !bob) return;
  for (const auto &text : {*alice, *bob}) {
    KeyPtr key = import_jwk(text);
    CHECK(key->curve() == KeyCurve::p256);
    CHECK(key->permits(Alg::ecdh_es, KeyOp::decrypt).is_ok());
    CHECK(members(export_jwk(*key, true)) == members(text));
  }
}

TEST_CASE("RFC 7520 3.1-3.6: the cookbook keys import and export member for member") {
  const char *files[] = {"3_1.ec_public_key.json", "3_2.ec_private_key.json", "3_3.rsa_public_key.json",
                         "3_4.rsa_private_key.json", "3_5.symmetric_key_mac_computation.json",
                         "3_6.symmetric_key_encryption.json"};
  for (const char *file : files) {
    SECTION(file) {
      auto text = test::read_vector(std::string("jose-cookbook/jwk/") + file);
      if (!text) return;
      KeyHandle key;
      REQUIRE(jwtcore_key_from_jwk(key.out(), text->data(), text->size(), 0) == JWTCORE_OK);
      uint8_t *out = nullptr;
      size_t len = 0;
      REQUIRE(jwtcore_key_to_jwk(&out, &len, key.p, 1) == JWTCORE_OK);
      CHECK(members(take(out, len)) == members(*text));
    }
  }
  SECTION("the 3.6 key is bound to A256GCM for dir") {
    auto text = test::read_vector("jose-cookbook/jwk/3_6.symmetric_key_encryption.json");
    if (!text) return;
    KeyPtr key = import_jwk(*text);
    CHECK(key->enc() == Enc::a256gcm);
    CHECK(key->permits(Alg::dir, KeyOp::decrypt).is_ok());
    CHECK(key->permits_enc(Enc::a256gcm).is_ok());
    CHECK(key->permits_enc(Enc::a128gcm).code() == JWTCORE_E_KEY_MISMATCH);
    CHECK(key->permits(Alg::a256kw, KeyOp::decrypt).code() == JWTCORE_E_KEY_MISMATCH);
    CHECK(key->permits(Alg::hs256, KeyOp::verify).code() == JWTCORE_E_KEY_MISMATCH);
  }
}

TEST_CASE("The algorithm family is bound to the key type and curve") {
  KeyPtr p256 = import_jwk(R"({"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"})");
  KeyPtr oct = import_jwk(R"({"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"})");
  KeyPtr short_oct = import_jwk(R"({"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg"})");
  SECTION("HS* never runs with an EC public key (SECURITY.md #2)") {
    const Status st = p256->permits(Alg::hs256, KeyOp::verify);
    CHECK(st.code() == JWTCORE_E_KEY_MISMATCH);
    CHECK_THAT(st.message(), Catch::Contains("HS256") && Catch::Contains("oct"));
  }
  SECTION("ES* needs its exact curve; ECDH-ES any EC curve") {
    CHECK(p256->permits(Alg::es256, KeyOp::verify).is_ok());
    CHECK(p256->permits(Alg::es384, KeyOp::verify).code() == JWTCORE_E_KEY_MISMATCH);
    CHECK(p256->permits(Alg::es256k, KeyOp::verify).code() == JWTCORE_E_KEY_MISMATCH);
    CHECK(p256->permits(Alg::ecdh_es_a256kw, KeyOp::encrypt).is_ok());
    CHECK(p256->permits(Alg::rs256, KeyOp::verify).code() == JWTCORE_E_KEY_MISMATCH);
  }
  SECTION("signing and decrypting need the private key") {
    CHECK(p256->permits(Alg::es256, KeyOp::sign).code() == JWTCORE_E_KEY_NOT_PRIVATE);
    CHECK(p256->permits(Alg::ecdh_es, KeyOp::decrypt).code() == JWTCORE_E_KEY_NOT_PRIVATE);
  }
  SECTION("oct keys: HS* at least the hash length, AES key wrap exact, dir any length") {
    CHECK(oct->permits(Alg::hs512, KeyOp::sign).is_ok());
    CHECK(short_oct->permits(Alg::hs256, KeyOp::sign).code() == JWTCORE_E_KEY_WEAK);
    CHECK(short_oct->permits(Alg::a128kw, KeyOp::encrypt).is_ok());
    CHECK(short_oct->permits(Alg::a128gcmkw, KeyOp::decrypt).is_ok());
    CHECK(short_oct->permits(Alg::a256kw, KeyOp::encrypt).code() == JWTCORE_E_KEY_WEAK);
    CHECK(oct->permits(Alg::a256kw, KeyOp::encrypt).code() == JWTCORE_E_KEY_MISMATCH);
    CHECK(oct->permits(Alg::dir, KeyOp::decrypt).is_ok());
    CHECK(oct->permits_enc(Enc::a256cbc_hs512).is_ok());
    CHECK(oct->permits_enc(Enc::a256gcm).code() == JWTCORE_E_KEY_MISMATCH);
    CHECK(short_oct->permits_enc(Enc::a256gcm).code() == JWTCORE_E_KEY_WEAK);
    CHECK(oct->permits(Alg::pbes2_hs256_a128kw, KeyOp::encrypt).is_ok());
    CHECK(oct->permits(Alg::rsa_oaep, KeyOp::encrypt).code() == JWTCORE_E_KEY_MISMATCH);
    CHECK(oct->permits(Alg::none, KeyOp::verify).code() == JWTCORE_E_KEY_MISMATCH);
    CHECK(p256->permits_enc(Enc::a128gcm).code() == JWTCORE_E_KEY_MISMATCH);
  }
}

TEST_CASE("A key's own alg, use and key_ops are enforced") {
  const std::string k = R"("k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")";
  SECTION("alg") {
    KeyPtr key = import_jwk(R"({"kty":"oct","alg":"HS256",)" + k + "}");
    CHECK(key->permits(Alg::hs256, KeyOp::sign).is_ok());
    const Status st = key->permits(Alg::hs512, KeyOp::sign);
    CHECK(st.code() == JWTCORE_E_KEY_MISMATCH);
    CHECK_THAT(st.message(), Catch::Contains("HS256") && Catch::Contains("HS512"));
  }
  SECTION("use") {
    KeyPtr key = import_jwk(R"({"kty":"oct","use":"sig",)" + k + "}");
    CHECK(key->permits(Alg::hs256, KeyOp::verify).is_ok());
    const Status st = key->permits(Alg::dir, KeyOp::decrypt);
    CHECK(st.code() == JWTCORE_E_KEY_USAGE);
    CHECK_THAT(st.message(), Catch::Contains("'use'"));
  }
  SECTION("key_ops") {
    KeyPtr key = import_jwk(R"({"kty":"oct","key_ops":["verify"],)" + k + "}");
    CHECK(key->permits(Alg::hs256, KeyOp::verify).is_ok());
    const Status st = key->permits(Alg::hs256, KeyOp::sign);
    CHECK(st.code() == JWTCORE_E_KEY_USAGE);
    CHECK_THAT(st.message(), Catch::Contains("'key_ops'"));
  }
  SECTION("key_ops for JWE: wrapKey/unwrapKey for key wrapping, encrypt/decrypt for dir") {
    KeyPtr wrap = import_jwk(R"({"kty":"oct","key_ops":["wrapKey","unwrapKey"],"k":"GawgguFyGrWKav7AX4VKUg"})");
    CHECK(wrap->permits(Alg::a128kw, KeyOp::decrypt).is_ok());
    CHECK(wrap->permits(Alg::dir, KeyOp::decrypt).code() == JWTCORE_E_KEY_USAGE);
    KeyPtr content = import_jwk(R"({"kty":"oct","key_ops":["decrypt"],"k":"GawgguFyGrWKav7AX4VKUg"})");
    CHECK(content->permits(Alg::dir, KeyOp::decrypt).is_ok());
    CHECK(content->permits(Alg::dir, KeyOp::encrypt).code() == JWTCORE_E_KEY_USAGE);
    KeyPtr ecdh = import_jwk(R"({"kty":"EC","crv":"P-256","key_ops":["deriveBits"],"x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","d":"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE"})");
    CHECK(ecdh->permits(Alg::ecdh_es_a128kw, KeyOp::decrypt).is_ok());
  }
  SECTION("an operation that does not belong to the algorithm is a caller error") {
    KeyPtr key = import_jwk("{\"kty\":\"oct\"," + k + "}");
    CHECK(key->permits(Alg::hs256, KeyOp::encrypt).code() == JWTCORE_E_INVALID_ARGUMENT);
    CHECK(key->permits(Alg::a256kw, KeyOp::sign).code() == JWTCORE_E_INVALID_ARGUMENT);
  }
}

TEST_CASE("Export: key_ops in a fixed order, private members only on request, oct only with them") {
  KeyPtr key = import_jwk(R"({"kty":"oct","key_ops":["verify","sign"],"use":"sig","kid":"a\"b","k":"GawgguFyGrWKav7AX4VKUg"})");
  CHECK(export_jwk(*key, true) ==
        R"({"k":"GawgguFyGrWKav7AX4VKUg","kty":"oct","kid":"a\"b","use":"sig","key_ops":["sign","verify"]})");
  CHECK(key_to_jwk(*key, false).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  KeyPtr ec = import_jwk(R"({"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","d":"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE"})");
  CHECK(export_jwk(*ec, false) ==
        R"({"crv":"P-256","kty":"EC","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"})");
  CHECK(members(export_jwk(*ec, true)).at("d") == "\"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE\"");
}

TEST_CASE("with_kid makes a new key sharing the material; the original is unchanged") {
  KeyHandle key, named, renamed;
  const std::string jwk = R"({"kty":"oct","alg":"HS256","kid":"old","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"})";
  REQUIRE(jwtcore_key_from_jwk(key.out(), jwk.data(), jwk.size(), 0) == JWTCORE_OK);
  REQUIRE(jwtcore_key_with_kid(named.out(), key.p, "new", 3) == JWTCORE_OK);
  CHECK(std::string(jwtcore_key_kid(key.p)) == "old");
  CHECK(std::string(jwtcore_key_kid(named.p)) == "new");
  CHECK(std::string(jwtcore_key_alg(named.p)) == "HS256");
  CHECK(capi::key_of(named.p)->secret().data() == capi::key_of(key.p)->secret().data());
  CHECK(jwtcore_key_with_kid(renamed.out(), key.p, "", 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_key_with_kid(renamed.out(), key.p, "\xff", 1) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(renamed.p == nullptr);
  CHECK(jwtcore_key_with_kid(renamed.out(), nullptr, "x", 1) == JWTCORE_E_INVALID_HANDLE);
}

TEST_CASE("Raw secrets become oct keys without alg; empty and oversized secrets are refused") {
  KeyHandle key;
  const uint8_t secret[48] = {7};
  REQUIRE(jwtcore_key_from_secret(key.out(), secret, sizeof secret, 0) == JWTCORE_OK);
  CHECK(std::string(jwtcore_key_kty(key.p)) == "oct");
  CHECK(jwtcore_key_alg(key.p) == nullptr);
  CHECK(jwtcore_key_is_private(key.p) == 1);
  CHECK(capi::key_of(key.p)->hmac(DigestKind::sha384) != nullptr);
  CHECK(capi::key_of(key.p)->hmac(DigestKind::sha512) == nullptr);
  KeyHandle bad;
  CHECK(jwtcore_key_from_secret(bad.out(), secret, 0, 0) == JWTCORE_E_KEY_WEAK);
  std::vector<uint8_t> big(1025, 1);
  CHECK(jwtcore_key_from_secret(bad.out(), big.data(), big.size(), 0) == JWTCORE_E_LIMIT_SIZE);
  CHECK(jwtcore_key_from_secret(bad.out(), nullptr, 4, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_key_from_secret(bad.out(), secret, 32, 1) == JWTCORE_E_BAD_FLAG);
  CHECK(jwtcore_key_from_secret(nullptr, secret, 32, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(bad.p == nullptr);
}

TEST_CASE("Generation covers every family and carries the alg it was asked for") {
  struct Case {
    const char *spec;
    const char *kty;
    const char *crv;   // nullptr: none
    const char *alg;   // nullptr: none
    size_t secret;     // oct length
  };
  const Case cases[] = {
      {"HS256", "oct", nullptr, "HS256", 32},       {"HS384", "oct", nullptr, "HS384", 48},
      {"HS512", "oct", nullptr, "HS512", 64},       {"A128KW", "oct", nullptr, "A128KW", 16},
      {"A192KW", "oct", nullptr, "A192KW", 24},     {"A256GCMKW", "oct", nullptr, "A256GCMKW", 32},
      {"PBES2-HS256+A128KW", "oct", nullptr, "PBES2-HS256+A128KW", 32},
      {"A128GCM", "oct", nullptr, "A128GCM", 16},   {"A256CBC-HS512", "oct", nullptr, "A256CBC-HS512", 64},
      {"ES256", "EC", "P-256", "ES256", 0},         {"ES384", "EC", "P-384", "ES384", 0},
      {"ES512", "EC", "P-521", "ES512", 0},         {"ES256K", "EC", "secp256k1", "ES256K", 0},
      {"EdDSA", "OKP", "Ed25519", "EdDSA", 0},      {"Ed25519", "OKP", "Ed25519", nullptr, 0},
      {"X25519", "OKP", "X25519", nullptr, 0},      {"P-384", "EC", "P-384", nullptr, 0},
      {"secp256k1", "EC", "secp256k1", nullptr, 0}, {"ECDH-ES", "EC", "P-256", "ECDH-ES", 0},
      {"ECDH-ES+A128KW:X25519", "OKP", "X25519", "ECDH-ES+A128KW", 0},
      {"ECDH-ES+A256KW:P-521", "EC", "P-521", "ECDH-ES+A256KW", 0},
      {"RS256", "RSA", nullptr, "RS256", 0},        {"RSA-OAEP-256", "RSA", nullptr, "RSA-OAEP-256", 0},
  };
  for (const Case &c : cases) {
    SECTION(c.spec) {
      KeyHandle key;
      REQUIRE(jwtcore_key_generate(key.out(), c.spec, std::strlen(c.spec), 0) == JWTCORE_OK);
      CHECK(std::string(jwtcore_key_kty(key.p)) == c.kty);
      CHECK((c.crv ? std::string(c.crv) : "") == (jwtcore_key_curve(key.p) ? jwtcore_key_curve(key.p) : ""));
      CHECK((c.alg ? std::string(c.alg) : "") == (jwtcore_key_alg(key.p) ? jwtcore_key_alg(key.p) : ""));
      CHECK(jwtcore_key_is_private(key.p) == 1);
      const Key &k = *capi::key_of(key.p);
      if (c.secret != 0) CHECK(k.secret().size() == c.secret);
      if (k.alg()) CHECK(k.permits(*k.alg(), alg_info(*k.alg()).kind == AlgKind::signature ? KeyOp::sign : KeyOp::decrypt).is_ok());
      // The private JWK re-imports to the same key.
      uint8_t *out = nullptr;
      size_t len = 0;
      REQUIRE(jwtcore_key_to_jwk(&out, &len, key.p, 1) == JWTCORE_OK);
      const std::string jwk = take(out, len);
      KeyPtr again = import_jwk(jwk);
      CHECK(export_jwk(*again, true) == jwk);
    }
  }
}

TEST_CASE("Generation refuses what has no key or no such name") {
  const std::pair<const char *, int> cases[] = {
      {"none", JWTCORE_E_INVALID_ARGUMENT},        {"dir", JWTCORE_E_INVALID_ARGUMENT},
      {"RS256:1024", JWTCORE_E_INVALID_ARGUMENT},  {"RS256:99999", JWTCORE_E_INVALID_ARGUMENT},
      {"RS256:abc", JWTCORE_E_INVALID_ARGUMENT},   {"RS256:", JWTCORE_E_INVALID_ARGUMENT},
      {"ES256:P-384", JWTCORE_E_INVALID_ARGUMENT}, {"ECDH-ES:Ed25519", JWTCORE_E_INVALID_ARGUMENT},
      {"ECDH-ES:brainpool", JWTCORE_E_INVALID_ARGUMENT}, {"A128GCM:1", JWTCORE_E_INVALID_ARGUMENT},
      {"HS1024", JWTCORE_E_UNKNOWN_ALG},           {"", JWTCORE_E_UNKNOWN_ALG},
      {"Ed448", JWTCORE_E_UNKNOWN_ALG},            {"hs256", JWTCORE_E_UNKNOWN_ALG},
  };
  for (const auto &[spec, code] : cases) {
    INFO(spec);
    KeyHandle key;
    CHECK(jwtcore_key_generate(key.out(), spec, std::strlen(spec), 0) == code);
    CHECK(key.p == nullptr);
    CHECK_FALSE(std::string(jwtcore_last_error_message()).empty());
  }
  KeyHandle key;
  CHECK(jwtcore_key_generate(key.out(), "HS256", 5, 4) == JWTCORE_E_BAD_FLAG);
}

TEST_CASE("RSA generation honours the requested size") {
  KeyPtr key = generate_key("PS384:3072").value();
  CHECK(key->rsa()->modulus_bits() == 3072);
  CHECK(key->alg() == Alg::ps384);
  CHECK(key->permits(Alg::ps384, KeyOp::sign).is_ok());
  CHECK(key->permits(Alg::rs384, KeyOp::sign).code() == JWTCORE_E_KEY_MISMATCH);
}

TEST_CASE("Key handles: reference counting, NULL and stale handles") {
  KeyHandle key;
  REQUIRE(jwtcore_key_generate(key.out(), "Ed25519", 7, 0) == JWTCORE_OK);
  jwtcore_key *extra = jwtcore_key_ref(key.p);
  CHECK(extra == key.p);
  jwtcore_key_free(extra);
  CHECK(std::string(jwtcore_key_kty(key.p)) == "OKP");  // still alive: one reference left
  CHECK(jwtcore_key_ref(nullptr) == nullptr);
  CHECK(jwtcore_key_kty(nullptr) == nullptr);
  CHECK(jwtcore_key_is_private(nullptr) == JWTCORE_E_INVALID_HANDLE);
  jwtcore_key_free(nullptr);
  // A pointer to something else is refused, not dereferenced as a key.
  jwtcore_keyset *set = nullptr;
  REQUIRE(jwtcore_keyset_new(&set, 0) == JWTCORE_OK);
  CHECK(jwtcore_key_kty(reinterpret_cast<const jwtcore_key *>(set)) == nullptr);
  CHECK(jwtcore_key_is_private(reinterpret_cast<const jwtcore_key *>(set)) == JWTCORE_E_INVALID_HANDLE);
  jwtcore_keyset_free(set);
}
