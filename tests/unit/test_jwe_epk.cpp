// The ECDH-ES "epk" path end to end with Wycheproof's JWK-encoded ECDH vectors, the ones the
// crypto suites do not drive: ecdh_secp{256,384,521}r1_webcrypto_test.json (invalid-curve,
// wrong-curve and modified points) and x25519_jwk_test.json (low-order, twist, non-canonical
// points). Each test's public JWK becomes the epk of a compact ECDH-ES JWE whose content is
// encrypted under the Concat KDF of the published shared secret; decrypting with the test's
// private JWK must succeed exactly for the valid vectors.
#include <catch2/catch.hpp>

#include <algorithm>

#include "src/core/crypto/kdf.hpp"
#include "src/core/crypto/random.hpp"
#include "test_crypto_sym.hpp"
#include "test_jwe_helpers.hpp"

using namespace jwtcore;
using namespace jwtcore::test;

namespace {

struct EpkTally {
  int valid = 0, rejected = 0, acceptable_ok = 0;
};

bool has_flag(json::Value t, std::string_view flag) {
  bool found = false;
  t.find("flags")->each_element([&](json::Value f) {
    found = found || f.as_string() == flag;
    return !found;
  });
  return found;
}

// A compact ECDH-ES / A128GCM JWE with `epk` in its header and content under the CEK that the
// shared secret `z` yields (a random CEK when the vector has no shared secret).
std::string jwe_with_epk(const std::string &epk_json, const Bytes &z) {
  const std::string header = R"({"alg":"ECDH-ES","enc":"A128GCM","epk":)" + epk_json + "}";
  const std::string header_b64 = b64e(bytes_view(header));
  SecretBytes cek(16);
  if (!z.empty()) {
    auto derived = crypto::concat_kdf(z, "A128GCM", {}, {}, 128);
    REQUIRE(derived.is_ok());
    cek = *derived;
  } else {
    crypto::random_bytes(cek.data(), cek.size());
  }
  Bytes iv(12);
  crypto::random_bytes(iv.data(), iv.size());
  auto sealed = jwe_content_encrypt(Enc::a128gcm, cek, iv, bytes_view(header_b64), bytes_view(std::string_view("epk ok")));
  REQUIRE(sealed.is_ok());
  return header_b64 + ".." + b64e(iv) + "." + b64e(sealed->ciphertext) + "." + b64e(sealed->tag);
}

void run_file(const std::string &path, EpkTally &tally) {
  auto corpus = read_vector(path);
  if (!corpus) return;
  json::Document doc;
  REQUIRE(doc.parse_object(*corpus, {4 << 20, 64}, "wycheproof"));
  const JwePolicy policy = jwe_allow({Alg::ecdh_es}, {Enc::a128gcm});
  doc.root().find("testGroups")->each_element([&](json::Value group) {
    group.find("tests")->each_element([&](json::Value t) {
      const int id = static_cast<int>(*t.find("tcId")->as_int64());
      const std::string result(*t.find("result")->as_string());
      CAPTURE(path, id, std::string(*t.find("comment")->as_string()), result);
      auto priv = key_from_jwk(t.find("private")->to_json());
      REQUIRE(priv.is_ok());
      const Bytes z = hex(str_member(t, "shared"));
      JweDecrypted out;
      const int code = decrypt_code(jwe_with_epk(t.find("public")->to_json(), z), policy, key_ring({*priv}), &out);
      if (result == "valid") {
        ++tally.valid;
        REQUIRE(code == JWTCORE_OK);
        CHECK(text(out.plaintext) == "epk ok");
      } else if (result == "invalid" || has_flag(t, "ZeroSharedSecret")) {
        // SECURITY.md #7, #8: malformed epk members are header errors, off-curve or low-order
        // points the one crypto failure, another curve a key mismatch.
        ++tally.rejected;
        CHECK(code != JWTCORE_OK);
        const int allowed[] = {JWTCORE_E_HEADER, JWTCORE_E_DECRYPT, JWTCORE_E_KEY_MISMATCH};
        CHECK(std::find(std::begin(allowed), std::end(allowed), code) != std::end(allowed));
        if (has_flag(t, "ZeroSharedSecret") || has_flag(t, "InvalidCurveAttack")) CHECK(code == JWTCORE_E_DECRYPT);
      } else {
        // "acceptable" twist / non-canonical points: either outcome, but success means the
        // published secret.
        if (code == JWTCORE_OK) {
          ++tally.acceptable_ok;
          CHECK(text(out.plaintext) == "epk ok");
        }
      }
      return true;
    });
    return true;
  });
}

}  // namespace

TEST_CASE("Wycheproof ECDH webcrypto vectors (P-256, P-384, P-521) as JWE epk: every verdict matches") {
  EpkTally tally;
  for (const char *file : {"ecdh_secp256r1_webcrypto_test.json", "ecdh_secp384r1_webcrypto_test.json",
                           "ecdh_secp521r1_webcrypto_test.json"}) {
    run_file(std::string("wycheproof/testvectors_v1/") + file, tally);
  }
  if (tally.valid == 0) return;  // corpus absent (read_vector warned)
  CHECK(tally.valid > 900);
  CHECK(tally.rejected > 50);
}

TEST_CASE("Wycheproof x25519_jwk_test.json as JWE epk: low-order points rejected, valid ones decrypt") {
  EpkTally tally;
  run_file("wycheproof/testvectors_v1/x25519_jwk_test.json", tally);
  if (tally.valid == 0) return;
  CHECK(tally.valid == 264);
  CHECK(tally.rejected == 13 + 31);  // InvalidPublic + ZeroSharedSecret
}
