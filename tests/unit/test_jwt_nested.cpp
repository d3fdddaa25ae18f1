// Nested JWTs (RFC 7519 §5.2, sign-then-encrypt): the RFC 7520 §6 example decrypted and
// verified, a round trip through every key-management family (AES-KW, AES-GCMKW, dir, ECDH-ES on
// each curve with and without key wrap, RSA-OAEP, PBES2), and the refusals: no decryption key,
// encryption without an inner signature (RFC 8725 §2.3), a bad inner signature, nesting twice.
#include <catch2/catch.hpp>

#include <algorithm>

#include "jws_helpers.hpp"
#include "src/core/base64url.hpp"
#include "src/core/jwt.hpp"
#include "src/core/keygen.hpp"
#include "vectors.hpp"

using namespace jwtcore;
using namespace jwtcore::test;

namespace {

constexpr int64_t kNow = 1700000000;
int64_t g_now = kNow;
int64_t fixed_clock(void *ctx) { return *static_cast<const int64_t *>(ctx); }

KeyPtr gen(std::string_view spec) {
  auto k = generate_key(spec);
  INFO(spec << ": " << k.status().message());
  REQUIRE(k.is_ok());
  return *k;
}

JwtBuilder claims() {
  static int64_t t;
  t = kNow;
  JwtBuilder b;
  b.set_clock(fixed_clock, &t);
  REQUIRE(b.set_string("iss", "https://issuer.example"));
  REQUIRE(b.set_string("sub", "alice"));
  REQUIRE(b.set_issued_now());
  REQUIRE(b.set_expires_in(600));
  return b;
}

// A verifier for one signature alg/key and one key-management alg/enc/decryption key.
void configure(Verifier &v, Alg sign_alg, const KeyPtr &sign_key, Alg key_alg, Enc enc, const KeyPtr &dec_key) {
  v.jws.allowed.add(sign_alg);
  v.keys.keys.push_back(sign_key);
  v.allowed_key_management.add(key_alg);
  v.allowed_enc.add(enc);
  v.decryption_keys.keys.push_back(dec_key);
  v.jwe_pbes2_max_p2c = kPbes2DefaultMaxIterations;
  v.claims.clock = fixed_clock;
  v.claims.clock_ctx = &g_now;
}

Status verify(std::string_view token, const Verifier &v, Claims &c) {
  JwtScratch scratch;
  Status st = jwt_verify(token, v, scratch, c);
  if (!st) UNSCOPED_INFO("jwt_verify: " << st.message());
  return st;
}

std::string protected_header(const std::string &token) {
  Bytes h;
  REQUIRE(base64url::decode(token.substr(0, token.find('.')), h));
  return str(h);
}

// A compact JWE of `plaintext` with extra protected members, to forge what the builder never makes.
std::string encrypt(std::string_view plaintext, const KeyPtr &key, Alg alg, Enc enc, std::string protected_json) {
  JweRecipientSpec r;
  r.key = key;
  r.alg = alg;
  JweEncryptOptions o;
  o.protected_json = std::move(protected_json);
  auto t = jwe_encrypt(bytes_view(plaintext), {r}, enc, o);
  INFO(t.status().message());
  REQUIRE(t.is_ok());
  return *t;
}

}  // namespace

TEST_CASE("RFC 7520 §6: the nested example decrypts, and its inner PS256 JWT verifies") {
  auto text = read_vector("jose-cookbook/6.nesting_signatures_and_encryption.json");
  if (!text) return;
  json::Document doc;
  REQUIRE(doc.parse_object(*text, {1 << 20, 64}, "cookbook"));
  const json::Value sign = *doc.root().find("sign");
  const json::Value enc = *doc.root().find("encrypt");
  KeyPtr sign_key = jwk(sign.find("input")->find("key")->to_json());
  KeyPtr dec_key = jwk(enc.find("input")->find("key")->to_json());
  const std::string token = member_str(*enc.find("output"), "compact");
  REQUIRE(!token.empty());

  Verifier v;
  configure(v, Alg::ps256, sign_key, Alg::rsa_oaep, Enc::a128gcm, dec_key);
  v.jws.required_typ = "JWT";
  g_now = 1300819000;  // the example's exp is 1300819380
  Claims c;
  REQUIRE(verify(token, v, c));
  CHECK(c.json() == member_str(*sign.find("input"), "payload"));
  CHECK(*c.get_string("iss") == "hobbiton.example");
  CHECK(*c.get_int64("exp") == 1300819380);
  CHECK(*c.get_bool("http://example.com/is_root"));

  SECTION("expired today") {
    g_now = kNow;
    CHECK(verify(token, v, c).code() == JWTCORE_E_EXPIRED);
  }
  SECTION("the inner signature key is required: another PS256 key fails") {
    Verifier other;
    configure(other, Alg::ps256, gen("PS256"), Alg::rsa_oaep, Enc::a128gcm, dec_key);
    CHECK(verify(token, other, c).code() == JWTCORE_E_BAD_SIGNATURE);
  }
  SECTION("decryption policy first: A128GCM not allowed") {
    Verifier other;
    configure(other, Alg::ps256, sign_key, Alg::rsa_oaep, Enc::a256gcm, dec_key);
    CHECK(verify(token, other, c).code() == JWTCORE_E_ENC_NOT_ALLOWED);
  }
  g_now = kNow;
}

TEST_CASE("nested round trip through every key-management family") {
  struct Family {
    const char *key_spec;
    Alg alg;
  };
  const std::vector<Family> families = {
      {"A128KW", Alg::a128kw},
      {"A192KW", Alg::a192kw},
      {"A256KW", Alg::a256kw},
      {"A128GCMKW", Alg::a128gcmkw},
      {"A192GCMKW", Alg::a192gcmkw},
      {"A256GCMKW", Alg::a256gcmkw},
      {"ECDH-ES", Alg::ecdh_es},
      {"ECDH-ES:P-384", Alg::ecdh_es},
      {"ECDH-ES:P-521", Alg::ecdh_es},
      {"ECDH-ES:X25519", Alg::ecdh_es},
      {"ECDH-ES+A128KW", Alg::ecdh_es_a128kw},
      {"ECDH-ES+A192KW:P-384", Alg::ecdh_es_a192kw},
      {"ECDH-ES+A256KW:X25519", Alg::ecdh_es_a256kw},
      {"ECDH-ES+A256KW:P-521", Alg::ecdh_es_a256kw},
      {"RSA-OAEP", Alg::rsa_oaep},
      {"RSA-OAEP-256", Alg::rsa_oaep_256},
      {"PBES2-HS256+A128KW", Alg::pbes2_hs256_a128kw},
      {"PBES2-HS512+A256KW", Alg::pbes2_hs512_a256kw},
  };
  const std::vector<Enc> encs = {Enc::a128gcm, Enc::a256gcm, Enc::a128cbc_hs256, Enc::a256cbc_hs512, Enc::a192gcm,
                                 Enc::a192cbc_hs384};
  struct Signer {
    Alg alg;
    KeyPtr key;
  };
  const std::vector<Signer> signers = {{Alg::hs256, gen("HS256")}, {Alg::es256, gen("ES256")}, {Alg::eddsa, gen("EdDSA")}};

  size_t i = 0;
  for (const Family &f : families) {
    const Enc enc = encs[i % encs.size()];
    const Signer &s = signers[i % signers.size()];
    ++i;
    DYNAMIC_SECTION(f.key_spec << " with " << enc_info(enc).name << ", inner " << alg_info(s.alg).name) {
      KeyPtr dec = gen(f.key_spec);
      auto token = jwt_sign_encrypt(claims(), s.key, s.alg, dec, f.alg, enc);
      INFO(token.status().message());
      REQUIRE(token.is_ok());
      CHECK(std::count(token->begin(), token->end(), '.') == 4);
      CHECK(protected_header(*token).find("\"cty\":\"JWT\"") != std::string::npos);
      Verifier v;
      configure(v, s.alg, s.key, f.alg, enc, dec);
      Claims c;
      REQUIRE(verify(*token, v, c));
      CHECK(*c.get_string("sub") == "alice");
      g_now = kNow + 3600;
      CHECK(verify(*token, v, c).code() == JWTCORE_E_EXPIRED);
      g_now = kNow;
    }
  }
  SECTION("dir with a key bound to its enc") {
    KeyPtr dec = gen("A256GCM");
    auto token = jwt_sign_encrypt(claims(), signers[0].key, Alg::hs256, dec, Alg::dir, Enc::a256gcm);
    REQUIRE(token.is_ok());
    Verifier v;
    configure(v, Alg::hs256, signers[0].key, Alg::dir, Enc::a256gcm, dec);
    Claims c;
    CHECK(verify(*token, v, c));
  }
}

TEST_CASE("nested refusals keep their own status codes") {
  KeyPtr sig = gen("ES256");
  KeyPtr dec = gen("ECDH-ES+A256KW");
  Verifier v;
  configure(v, Alg::es256, sig, Alg::ecdh_es_a256kw, Enc::a256gcm, dec);
  const std::string signed_jwt = *jwt_sign(claims(), sig, Alg::es256);
  Claims c;

  SECTION("a verifier without decryption keys sees a 5-part token as the wrong format") {
    Verifier plain;
    plain.jws.allowed.add(Alg::es256);
    plain.keys.keys.push_back(sig);
    auto token = jwt_sign_encrypt(claims(), sig, Alg::es256, dec, Alg::ecdh_es_a256kw, Enc::a256gcm);
    CHECK(verify(*token, plain, c).code() == JWTCORE_E_TOKEN_FORMAT);
  }
  SECTION("encrypted claims without an inner signature are refused (RFC 8725 §2.3)") {
    CHECK(verify(encrypt(R"({"sub":"mallory","exp":1900000000})", dec, Alg::ecdh_es_a256kw, Enc::a256gcm, ""), v, c).code() ==
          JWTCORE_E_HEADER);
    CHECK(verify(encrypt(signed_jwt, dec, Alg::ecdh_es_a256kw, Enc::a256gcm, ""), v, c).code() == JWTCORE_E_HEADER);
    CHECK(verify(encrypt(signed_jwt, dec, Alg::ecdh_es_a256kw, Enc::a256gcm, R"({"cty":"json"})"), v, c).code() ==
          JWTCORE_E_HEADER);
    CHECK(verify(encrypt(R"({"sub":"mallory"})", dec, Alg::ecdh_es_a256kw, Enc::a256gcm, R"({"cty":"JWT"})"), v, c).code() ==
          JWTCORE_E_TOKEN_FORMAT);
    CHECK(c.json().empty());
  }
  SECTION("cty compares like typ: application/jwt and jwt are accepted") {
    CHECK(verify(encrypt(signed_jwt, dec, Alg::ecdh_es_a256kw, Enc::a256gcm, R"({"cty":"application/jwt"})"), v, c));
    CHECK(verify(encrypt(signed_jwt, dec, Alg::ecdh_es_a256kw, Enc::a256gcm, R"({"cty":"jwt"})"), v, c));
  }
  SECTION("an inner token signed by another key fails on its signature") {
    KeyPtr stranger = gen("ES256");
    auto token = jwt_sign_encrypt(claims(), stranger, Alg::es256, dec, Alg::ecdh_es_a256kw, Enc::a256gcm);
    CHECK(verify(*token, v, c).code() == JWTCORE_E_BAD_SIGNATURE);
  }
  SECTION("a JWE for another recipient does not decrypt") {
    auto token = jwt_sign_encrypt(claims(), sig, Alg::es256, gen("ECDH-ES+A256KW"), Alg::ecdh_es_a256kw, Enc::a256gcm);
    CHECK(verify(*token, v, c).code() == JWTCORE_E_DECRYPT);
  }
  SECTION("nesting twice is refused") {
    auto once = jwt_sign_encrypt(claims(), sig, Alg::es256, dec, Alg::ecdh_es_a256kw, Enc::a256gcm);
    CHECK(verify(encrypt(*once, dec, Alg::ecdh_es_a256kw, Enc::a256gcm, R"({"cty":"JWT"})"), v, c).code() ==
          JWTCORE_E_TOKEN_FORMAT);
  }
  SECTION("the key-management alg must be allowed") {
    KeyPtr kw = gen("A256KW");
    auto token = jwt_sign_encrypt(claims(), sig, Alg::es256, kw, Alg::a256kw, Enc::a256gcm);
    v.decryption_keys.keys.push_back(kw);
    CHECK(verify(*token, v, c).code() == JWTCORE_E_ALG_NOT_ALLOWED);
  }
  SECTION("jwt_sign_encrypt refuses RSA1_5 and a missing key") {
    CHECK(jwt_sign_encrypt(claims(), sig, Alg::es256, gen("RSA1_5"), Alg::rsa1_5, Enc::a128gcm).status().code() ==
          JWTCORE_E_ALG_NOT_ALLOWED);
    CHECK(jwt_sign_encrypt(claims(), sig, Alg::es256, nullptr, Alg::a256kw, Enc::a128gcm).status().code() ==
          JWTCORE_E_INVALID_ARGUMENT);
  }
  SECTION("issuer-bound keys apply to the inner token") {
    v.keys.keys.clear();
    v.claims.issuer_keys["https://issuer.example"].keys.push_back(sig);
    auto token = jwt_sign_encrypt(claims(), sig, Alg::es256, dec, Alg::ecdh_es_a256kw, Enc::a256gcm);
    CHECK(verify(*token, v, c));
    v.claims.issuer_keys.clear();
    v.claims.issuer_keys["https://other.example"].keys.push_back(sig);
    CHECK(verify(*token, v, c).code() == JWTCORE_E_ISSUER);
  }
}
