// Wycheproof's signature primitive files driven through the JWS verification path: the group's
// JWK goes through the public JWK importer, the key must permit the JWS algorithm
// (Key::permits), and the signature is checked by jws_check_signature — the exact dispatch
// jws_verify uses once a token is parsed. A compact token cannot carry Wycheproof's arbitrary
// `msg` as its signing input (that is always BASE64URL(header) '.' BASE64URL(payload)), so the
// vector's msg stands in for the signing input; everything after the parse is the same code.
// Verdicts: `valid` must verify, `invalid` must not; `acceptable` is counted and reported
// (libjwtcore accepts or rejects it as its primitives do, see test_crypto_*.cpp).
#include <catch2/catch.hpp>

#include <string>

#include "src/core/base64url.hpp"
#include "src/core/jwk.hpp"
#include "src/core/jws.hpp"
#include "src/core/json.hpp"
#include "vectors.hpp"

using namespace jwtcore;
using namespace jwtcore::test;

namespace {

Bytes unhex(std::string_view h) {
  Bytes out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
  return out;
}

struct Counts {
  int valid = 0, invalid = 0, acceptable_accepted = 0, acceptable_rejected = 0;
};

Counts run_file(const std::string &file, Alg alg, const char *jwk_member) {
  Counts c;
  auto text = read_vector("wycheproof/testvectors_v1/" + file);
  if (!text) return c;
  json::Document doc;
  REQUIRE(doc.parse_object(*text, {8 << 20, 64}, file));
  doc.root().find("testGroups")->each_element([&](json::Value group) {
    auto jwk_value = group.find(jwk_member);
    std::string jwk_text;
    if (jwk_value) {
      jwk_text = jwk_value->to_json();
    } else {
      // A few ECDSA groups give only the SEC1 point: write the JWK a peer would publish for it.
      auto pk = group.find("publicKey");
      REQUIRE(pk.has_value());
      const Bytes point = unhex(*pk->find("uncompressed")->as_string());
      REQUIRE((point.size() % 2 == 1 && point[0] == 0x04));
      const size_t n = (point.size() - 1) / 2;
      const std::string curve(*pk->find("curve")->as_string());
      const char *crv = curve == "secp256r1" ? "P-256" : curve == "secp384r1" ? "P-384" : "P-521";
      jwk_text = std::string(R"({"kty":"EC","crv":")") + crv + R"(","x":")" +
                 base64url::encode(bytes_view(point.data() + 1, n)) + R"(","y":")" +
                 base64url::encode(bytes_view(point.data() + 1 + n, n)) + "\"}";
    }
    auto key = key_from_jwk(jwk_text);
    group.find("tests")->each_element([&](json::Value t) {
      const int id = static_cast<int>(*t.find("tcId")->as_int64());
      const std::string result(*t.find("result")->as_string());
      const Bytes msg = unhex(*t.find("msg")->as_string());
      const Bytes sig = unhex(*t.find("sig")->as_string());
      CAPTURE(file, id, std::string(*t.find("comment")->as_string()), key.status().message());
      bool ok = false;
      if (key) {
        Status permit = (*key)->permits(alg, KeyOp::verify);
        ok = permit.is_ok() && jws_check_signature(**key, alg, bytes_view(msg), bytes_view(sig)).is_ok();
      }
      if (result == "valid") {
        CHECK(ok);
        ++c.valid;
      } else if (result == "invalid") {
        CHECK_FALSE(ok);
        ++c.invalid;
      } else {
        ++(ok ? c.acceptable_accepted : c.acceptable_rejected);
      }
      return true;
    });
    return true;
  });
  WARN(file << ": " << c.valid << " valid verified, " << c.invalid << " invalid rejected, acceptable: "
            << c.acceptable_accepted << " accepted / " << c.acceptable_rejected << " rejected");
  CHECK(c.valid + c.invalid > 0);
  return c;
}

}  // namespace

TEST_CASE("Wycheproof ECDSA P1363 vectors through the JWS path (ES256, ES384, ES512)") {
  run_file("ecdsa_secp256r1_sha256_p1363_test.json", Alg::es256, "publicKeyJwk");
  run_file("ecdsa_secp384r1_sha384_p1363_test.json", Alg::es384, "publicKeyJwk");
  run_file("ecdsa_secp521r1_sha512_p1363_test.json", Alg::es512, "publicKeyJwk");
}

TEST_CASE("Wycheproof Ed25519 vectors through the JWS path (EdDSA and Ed25519)") {
  run_file("ed25519_test.json", Alg::eddsa, "publicKeyJwk");
  run_file("ed25519_test.json", Alg::ed25519, "publicKeyJwk");
}

TEST_CASE("Wycheproof RSA PKCS#1 v1.5 vectors through the JWS path (RS256, RS384, RS512)") {
  for (const char *bits : {"2048", "3072", "4096"}) {
    run_file(std::string("rsa_signature_") + bits + "_sha256_test.json", Alg::rs256, "keyJwk");
    run_file(std::string("rsa_signature_") + bits + "_sha384_test.json", Alg::rs384, "keyJwk");
    run_file(std::string("rsa_signature_") + bits + "_sha512_test.json", Alg::rs512, "keyJwk");
  }
}

TEST_CASE("Wycheproof RSA-PSS vectors in the JOSE profile through the JWS path (PS256, PS384, PS512)") {
  // JOSE's PSS (RFC 7518 §3.5): MGF1 with the same hash, salt length = hash length. The files
  // named here are exactly those; rsa_pss_misc (other parameters) is covered by test_crypto_rsa.
  run_file("rsa_pss_2048_sha256_mgf1_32_test.json", Alg::ps256, "publicKeyJwk");
  run_file("rsa_pss_3072_sha256_mgf1_32_test.json", Alg::ps256, "publicKeyJwk");
  run_file("rsa_pss_4096_sha256_mgf1_32_test.json", Alg::ps256, "publicKeyJwk");
  run_file("rsa_pss_2048_sha384_mgf1_48_test.json", Alg::ps384, "publicKeyJwk");
  run_file("rsa_pss_4096_sha384_mgf1_48_test.json", Alg::ps384, "publicKeyJwk");
  run_file("rsa_pss_4096_sha512_mgf1_64_test.json", Alg::ps512, "publicKeyJwk");
}
