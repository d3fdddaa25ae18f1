// RSA: import policy, PKCS#1 v1.5 / PSS signatures, OAEP and PKCS#1 v1.5 encryption, against
// Wycheproof and the RFC 7515 / RFC 7520 examples rather than only our own round trips.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "src/core/crypto/rsa.hpp"
#include "test_crypto_asym.hpp"

using jwtcore::Bytes;
using jwtcore::bytes_view;
using jwtcore::SecretBytes;
using jwtcore::crypto::Hash;
using jwtcore::crypto::RsaComponentsView;
using jwtcore::crypto::RsaKey;
using jwtcore::crypto::RsaLimits;
using jwtcore::crypto::RsaSignatureScheme;
using namespace jwtcore::test;

namespace {

// Caches one key per Wycheproof group (keys are parsed once, like the library's callers do).
class GroupKey {
 public:
  const RsaKey *get(simdjson::dom::element key_json, size_t min_bits) {
    std::string_view n = str(key_json, "modulus");
    if (n != modulus_) {
      modulus_ = std::string(n);
      auto r = wycheproof_rsa_key(key_json, min_bits);
      INFO(jwtcore::test::message_of(r));
      REQUIRE(r);
      key_.emplace(std::move(r).value());
    }
    return &*key_;
  }

 private:
  std::string modulus_;
  std::optional<RsaKey> key_;
};

// A fixed 2048-bit key for the policy tests: Wycheproof rsa_oaep_2048_sha1 group 1.
simdjson::dom::element first_group_key(simdjson::dom::parser &parser, const std::string &text,
                                       const char *member) {
  simdjson::dom::element doc = parser.parse(simdjson::padded_string(text));
  return doc["testGroups"].at(0)[member];
}

void run_pkcs1_signature_file(const std::string &file) {
  Tally tally;
  GroupKey cache;
  for_each_wycheproof(file, tally, [&](const WycheproofCase &c) {
    auto hash = hash_named(str(c.group, "sha"));
    REQUIRE(hash);
    const RsaKey *key = cache.get(c.group["publicKey"], 2048);
    Bytes msg = c.bytes("msg"), sig = c.bytes("sig");
    auto st = key->verify(RsaSignatureScheme::pkcs1v15, *hash, msg, sig);
    if (c.valid()) {
      CHECK_STATUS(st, JWTCORE_OK);
      tally.add("valid_accepted");
    } else {
      // "acceptable" (a DigestInfo without the NULL parameter) is rejected: the EM is
      // compared with the one canonical encoding.
      CHECK_STATUS(st, JWTCORE_E_BAD_SIGNATURE);
      tally.add(std::string(c.result) + "_rejected");
    }
  });
}

}  // namespace

// ---- import policy ---------------------------------------------------------------------------

TEST_CASE("RSA import rejects moduli below the minimum and above the maximum with KEY_WEAK / LIMIT_SIZE") {
  auto text = read_vector("wycheproof/testvectors_v1/rsa_oaep_misc_test.json");
  if (!text) return;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(simdjson::padded_string(*text));
  for (simdjson::dom::element g : doc["testGroups"].get_array()) {
    int64_t bits = int64_t(g["keySize"].get_int64());
    if (bits == 1024) {
      auto weak = wycheproof_rsa_key(g["privateKey"], 2048);
      CHECK_STATUS(weak, JWTCORE_E_KEY_WEAK);
      CHECK(weak.status().message().find("1024") != std::string::npos);
      CHECK_STATUS(wycheproof_rsa_key(g["privateKey"], 1024), JWTCORE_OK);
    }
    if (bits == 8192) {
      Bytes n = hex(str(g["privateKey"], "modulus")), e = hex(str(g["privateKey"], "publicExponent"));
      RsaLimits limits;
      limits.max_bits = 4096;
      auto big = RsaKey::from_components(RsaComponentsView{n, e, {}, {}, {}, {}, {}, {}}, limits);
      CHECK_STATUS(big, JWTCORE_E_LIMIT_SIZE);
      limits.max_bits = 1u << 20;  // clamped to the hard cap, which 8192 bits fits
      CHECK_STATUS(RsaKey::from_components(RsaComponentsView{n, e, {}, {}, {}, {}, {}, {}}, limits),
                   JWTCORE_OK);
    }
  }
}

TEST_CASE("RSA import rejects a modulus beyond the 16384-bit hard cap before any bignum work") {
  Bytes n(16384 / 8 + 2, 0xff);
  Bytes e{0x01, 0x00, 0x01};
  RsaLimits limits;
  limits.max_bits = 1u << 20;
  CHECK_STATUS(RsaKey::from_components(RsaComponentsView{n, e, {}, {}, {}, {}, {}, {}}, limits),
               JWTCORE_E_LIMIT_SIZE);
}

TEST_CASE("RSA import checks n, e and the private/public consistency, naming the member") {
  auto text = read_vector("wycheproof/testvectors_v1/rsa_oaep_2048_sha1_mgf1sha1_test.json");
  if (!text) return;
  simdjson::dom::parser parser;
  simdjson::dom::element k = first_group_key(parser, *text, "privateKey");
  Bytes n = hex(str(k, "modulus")), e = hex(str(k, "publicExponent")), d = hex(str(k, "privateExponent"));
  Bytes p = hex(str(k, "prime1")), q = hex(str(k, "prime2")), dp = hex(str(k, "exponent1"));
  Bytes dq = hex(str(k, "exponent2")), qi = hex(str(k, "coefficient"));

  SECTION("full CRT set imports") {
    auto key = RsaKey::from_components(RsaComponentsView{n, e, d, p, q, dp, dq, qi});
    REQUIRE(key);
    CHECK(key->has_private());
    CHECK(key->modulus_bits() == 2048);
    CHECK(key->modulus_bytes() == 256);
  }
  SECTION("a private key without CRT parameters imports and derives them") {
    auto key = RsaKey::from_components(RsaComponentsView{n, e, d, {}, {}, {}, {}, {}});
    REQUIRE(key);
    auto exported = key->private_components();
    REQUIRE(exported);
    // The factorisation recovered from (n, e, d) may list the primes in either order.
    bool same_order = minimal(exported->p) == minimal(p);
    CHECK(minimal(exported->p) == minimal(same_order ? p : q));
    CHECK(minimal(exported->q) == minimal(same_order ? q : p));
    CHECK(minimal(exported->dp) == minimal(same_order ? dp : dq));
    if (same_order) CHECK(minimal(exported->qi) == minimal(qi));
  }
  SECTION("missing n or e") {
    CHECK_STATUS(RsaKey::from_components(RsaComponentsView{{}, e, {}, {}, {}, {}, {}, {}}), JWTCORE_E_KEY_INVALID);
    CHECK_STATUS(RsaKey::from_components(RsaComponentsView{n, {}, {}, {}, {}, {}, {}, {}}), JWTCORE_E_KEY_INVALID);
  }
  SECTION("e = 1, e even, e = 0 are weak") {
    Bytes one{1}, even{0x01, 0x00, 0x00}, zero{0};
    CHECK_STATUS(RsaKey::from_components(RsaComponentsView{n, one, {}, {}, {}, {}, {}, {}}), JWTCORE_E_KEY_WEAK);
    CHECK_STATUS(RsaKey::from_components(RsaComponentsView{n, even, {}, {}, {}, {}, {}, {}}), JWTCORE_E_KEY_WEAK);
    CHECK_STATUS(RsaKey::from_components(RsaComponentsView{n, zero, {}, {}, {}, {}, {}, {}}), JWTCORE_E_KEY_WEAK);
  }
  SECTION("an even modulus is invalid") {
    Bytes even_n = n;
    even_n.back() &= 0xfe;
    auto r = RsaKey::from_components(RsaComponentsView{even_n, e, {}, {}, {}, {}, {}, {}});
    CHECK_STATUS(r, JWTCORE_E_KEY_INVALID);
    CHECK(r.status().message().find("'n'") != std::string::npos);
  }
  SECTION("a partial CRT set names the missing member") {
    auto r = RsaKey::from_components(RsaComponentsView{n, e, d, p, q, dp, {}, qi});
    CHECK_STATUS(r, JWTCORE_E_KEY_INVALID);
    CHECK(r.status().message().find("'dq'") != std::string::npos);
  }
  SECTION("CRT members without d are invalid") {
    CHECK_STATUS(RsaKey::from_components(RsaComponentsView{n, e, {}, p, q, dp, dq, qi}), JWTCORE_E_KEY_INVALID);
  }
  SECTION("a wrong d, p or qi is inconsistent") {
    Bytes bad_d = d;
    bad_d.back() ^= 0x02;
    CHECK_STATUS(RsaKey::from_components(RsaComponentsView{n, e, bad_d, p, q, dp, dq, qi}), JWTCORE_E_KEY_INVALID);
    CHECK_STATUS(RsaKey::from_components(RsaComponentsView{n, e, bad_d, {}, {}, {}, {}, {}}), JWTCORE_E_KEY_INVALID);
    Bytes bad_p = p;
    bad_p.back() ^= 0x02;
    CHECK_STATUS(RsaKey::from_components(RsaComponentsView{n, e, d, bad_p, q, dp, dq, qi}), JWTCORE_E_KEY_INVALID);
    Bytes bad_qi = qi;
    bad_qi.back() ^= 0x01;
    auto r = RsaKey::from_components(RsaComponentsView{n, e, d, p, q, dp, dq, bad_qi});
    CHECK_STATUS(r, JWTCORE_E_KEY_INVALID);
    CHECK(r.status().message().find("'qi'") != std::string::npos);
    Bytes bad_dp = dp;
    bad_dp.back() ^= 0x02;
    auto r2 = RsaKey::from_components(RsaComponentsView{n, e, d, p, q, bad_dp, dq, qi});
    CHECK_STATUS(r2, JWTCORE_E_KEY_INVALID);
  }
  SECTION("public operations need no private part; private ones refuse a public key") {
    auto key = RsaKey::from_components(RsaComponentsView{n, e, {}, {}, {}, {}, {}, {}});
    REQUIRE(key);
    CHECK_FALSE(key->has_private());
    CHECK_STATUS(key->sign(RsaSignatureScheme::pkcs1v15, Hash::sha256, bytes_of("x")), JWTCORE_E_KEY_NOT_PRIVATE);
    CHECK_STATUS(key->oaep_decrypt(Hash::sha1, Bytes(256)), JWTCORE_E_KEY_NOT_PRIVATE);
    SecretBytes out;
    CHECK_STATUS(key->pkcs1v15_decrypt_or_random(Bytes(256), 16, out), JWTCORE_E_KEY_NOT_PRIVATE);
    CHECK_STATUS(key->private_components(), JWTCORE_E_KEY_NOT_PRIVATE);
  }
}

// ---- signatures ------------------------------------------------------------------------------

TEST_CASE("RSASSA-PKCS1-v1_5 verification matches Wycheproof rsa_signature_* (all sizes and hashes)") {
  for (const char *file :
       {"rsa_signature_2048_sha256_test.json", "rsa_signature_2048_sha384_test.json",
        "rsa_signature_2048_sha512_test.json", "rsa_signature_3072_sha256_test.json",
        "rsa_signature_3072_sha384_test.json", "rsa_signature_3072_sha512_test.json",
        "rsa_signature_4096_sha256_test.json", "rsa_signature_4096_sha384_test.json",
        "rsa_signature_4096_sha512_test.json"}) {
    run_pkcs1_signature_file(file);
  }
}

TEST_CASE("RSASSA-PKCS1-v1_5 signing reproduces Wycheproof rsa_pkcs1_*_sig_gen signatures") {
  for (const char *file : {"rsa_pkcs1_2048_sig_gen_test.json", "rsa_pkcs1_3072_sig_gen_test.json",
                           "rsa_pkcs1_4096_sig_gen_test.json"}) {
    Tally tally;
    std::string cached_n;
    std::optional<RsaKey> key;
    for_each_wycheproof(file, tally, [&](const WycheproofCase &c) {
      auto hash = hash_named(str(c.group, "sha"));
      if (!hash) {
        tally.add("skipped_sha224");
        return;
      }
      // Private keys given as (n, e, d) only: the primes and CRT values are derived on import.
      if (str(c.group["privateKey"], "modulus") != cached_n) {
        cached_n = std::string(str(c.group["privateKey"], "modulus"));
        auto r = wycheproof_rsa_key(c.group["privateKey"], 2048, false);
        REQUIRE(r);
        key.emplace(std::move(r).value());
      }
      auto sig = key->sign(RsaSignatureScheme::pkcs1v15, *hash, c.bytes("msg"));
      REQUIRE(sig);
      CHECK(*sig == c.bytes("sig"));  // PKCS#1 v1.5 is deterministic
      tally.add(std::string(c.result) + "_reproduced");
    });
  }
}

TEST_CASE("RSASSA-PSS verification matches Wycheproof; outside JOSE's profile valid signatures are rejected") {
  for (const char *file :
       {"rsa_pss_2048_sha256_mgf1_32_test.json", "rsa_pss_2048_sha384_mgf1_48_test.json",
        "rsa_pss_3072_sha256_mgf1_32_test.json", "rsa_pss_4096_sha256_mgf1_32_test.json",
        "rsa_pss_4096_sha384_mgf1_48_test.json", "rsa_pss_4096_sha512_mgf1_64_test.json",
        "rsa_pss_misc_test.json"}) {
    Tally tally;
    GroupKey cache;
    for_each_wycheproof(file, tally, [&](const WycheproofCase &c) {
      auto hash = hash_named(str(c.group, "sha"));
      auto mgf_hash = hash_named(str(c.group, "mgfSha"));
      if (!hash) {
        tally.add("skipped_hash_sha224");  // no crypto::Hash for SHA-224: nothing to call
        return;
      }
      const RsaKey *key = cache.get(c.group["publicKey"], 2048);
      auto st = key->verify(RsaSignatureScheme::pss, *hash, c.bytes("msg"), c.bytes("sig"));
      // RFC 7518 §3.5: MGF1 with the same hash and a salt of the hash length.
      bool in_profile = mgf_hash == hash &&
                        size_t(c.group_int("sLen")) == jwtcore::crypto::hash_size(*hash);
      if (in_profile && c.valid()) {
        CHECK_STATUS(st, JWTCORE_OK);
        tally.add("profile_valid_accepted");
      } else {
        CHECK_STATUS(st, JWTCORE_E_BAD_SIGNATURE);
        tally.add(in_profile ? "profile_invalid_rejected" : "off_profile_rejected");
      }
    });
  }
}

TEST_CASE("RSA sign/verify round trip for RS* and PS*, and tampering is rejected") {
  auto key = RsaKey::generate(2048);
  REQUIRE(key);
  Bytes msg = bytes_of("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0");
  for (auto scheme : {RsaSignatureScheme::pkcs1v15, RsaSignatureScheme::pss}) {
    for (auto hash : {Hash::sha256, Hash::sha384, Hash::sha512}) {
      auto sig = key->sign(scheme, hash, msg);
      REQUIRE(sig);
      REQUIRE(sig->size() == 256);
      CHECK_STATUS(key->verify(scheme, hash, msg, *sig), JWTCORE_OK);
      CHECK_STATUS(key->public_only().verify(scheme, hash, msg, *sig), JWTCORE_OK);
      Bytes flipped = *sig;
      flipped[100] ^= 1;
      CHECK_STATUS(key->verify(scheme, hash, msg, flipped), JWTCORE_E_BAD_SIGNATURE);
      Bytes longer = *sig;
      longer.insert(longer.begin(), 0);
      CHECK_STATUS(key->verify(scheme, hash, msg, longer), JWTCORE_E_BAD_SIGNATURE);
      CHECK_STATUS(key->verify(scheme, hash, msg, bytes_view(sig->data(), 255)), JWTCORE_E_BAD_SIGNATURE);
      CHECK_STATUS(key->verify(scheme, hash, bytes_of("other"), *sig), JWTCORE_E_BAD_SIGNATURE);
      CHECK_STATUS(key->verify(scheme, hash == Hash::sha256 ? Hash::sha384 : Hash::sha256, msg, *sig),
                   JWTCORE_E_BAD_SIGNATURE);
    }
  }
  // A PS256 signature never verifies as RS256 and vice versa.
  auto ps = key->sign(RsaSignatureScheme::pss, Hash::sha256, msg);
  REQUIRE(ps);
  CHECK_STATUS(key->verify(RsaSignatureScheme::pkcs1v15, Hash::sha256, msg, *ps), JWTCORE_E_BAD_SIGNATURE);
  CHECK_STATUS(key->verify(RsaSignatureScheme::pss, Hash::sha256, msg, Bytes(256, 0)), JWTCORE_E_BAD_SIGNATURE);
  CHECK_STATUS(key->verify(RsaSignatureScheme::pss, Hash::sha256, msg, Bytes(256, 0xff)), JWTCORE_E_BAD_SIGNATURE);
}

TEST_CASE("RSA export and re-import preserve the key") {
  auto key = RsaKey::generate(2048);
  REQUIRE(key);
  auto c = key->private_components();
  REQUIRE(c);
  CHECK(c->n.size() == 256);
  CHECK(c->e == Bytes({0x01, 0x00, 0x01}));
  auto again = RsaKey::from_components(RsaComponentsView{c->n, c->e, c->d, c->p, c->q, c->dp, c->dq, c->qi});
  REQUIRE(again);
  auto sig = again->sign(RsaSignatureScheme::pkcs1v15, Hash::sha256, bytes_of("m"));
  REQUIRE(sig);
  CHECK_STATUS(key->verify(RsaSignatureScheme::pkcs1v15, Hash::sha256, bytes_of("m"), *sig), JWTCORE_OK);
  CHECK(key->public_components().n == c->n);
  CHECK_STATUS(RsaKey::generate(1024), JWTCORE_E_INVALID_ARGUMENT);
}

TEST_CASE("One RSA key signs and verifies from many threads at once") {
  auto key = RsaKey::generate(2048);
  REQUIRE(key);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 8; ++i) {
        Bytes msg = bytes_of("message " + std::to_string(t) + "/" + std::to_string(i));
        auto scheme = (i % 2) ? RsaSignatureScheme::pss : RsaSignatureScheme::pkcs1v15;
        auto sig = key->sign(scheme, Hash::sha256, msg);
        if (!sig || !key->verify(scheme, Hash::sha256, msg, *sig)) ++failures;
        auto ct = key->oaep_encrypt(Hash::sha256, msg);
        if (!ct) {
          ++failures;
          continue;
        }
        auto pt = key->oaep_decrypt(Hash::sha256, *ct);
        if (!pt || !same(*pt, msg)) ++failures;
      }
    });
  }
  for (auto &th : threads) th.join();
  CHECK(failures == 0);
}

// ---- encryption ------------------------------------------------------------------------------

TEST_CASE("RSA-OAEP decryption matches Wycheproof rsa_oaep_* (SHA-1, SHA-256, SHA-384, SHA-512)") {
  for (const char *file :
       {"rsa_oaep_2048_sha1_mgf1sha1_test.json", "rsa_oaep_2048_sha256_mgf1sha256_test.json",
        "rsa_oaep_2048_sha384_mgf1sha384_test.json", "rsa_oaep_2048_sha512_mgf1sha512_test.json",
        "rsa_oaep_3072_sha256_mgf1sha256_test.json", "rsa_oaep_3072_sha512_mgf1sha512_test.json",
        "rsa_oaep_4096_sha256_mgf1sha256_test.json", "rsa_oaep_4096_sha512_mgf1sha512_test.json",
        "rsa_oaep_misc_test.json"}) {
    Tally tally;
    std::string cached_n;
    std::optional<RsaKey> key;
    for_each_wycheproof(file, tally, [&](const WycheproofCase &c) {
      auto hash = hash_named(str(c.group, "sha"));
      auto mgf_hash = hash_named(str(c.group, "mgfSha"));
      if (!hash || mgf_hash != hash) {
        tally.add("skipped_mgf_or_hash_outside_jose");  // JOSE's OAEP uses MGF1 with the same hash
        return;
      }
      if (str(c.group["privateKey"], "modulus") != cached_n) {
        cached_n = std::string(str(c.group["privateKey"], "modulus"));
        auto r = wycheproof_rsa_key(c.group["privateKey"], 1024);  // misc has 1024-bit keys
        REQUIRE(r);
        key.emplace(std::move(r).value());
      }
      auto pt = key->oaep_decrypt(*hash, c.bytes("ct"), c.bytes("label"));
      if (c.valid()) {
        REQUIRE(pt);
        CHECK(same(*pt, c.bytes("msg")));
        tally.add("valid_decrypted");
      } else if (c.result == "invalid") {
        CHECK_STATUS(pt, JWTCORE_E_DECRYPT);
        tally.add("invalid_rejected");
      } else {
        // "acceptable": an encoded message that is a small integer; mbedTLS decrypts it.
        if (pt) CHECK(same(*pt, c.bytes("msg")));
        tally.add(pt ? "acceptable_decrypted" : "acceptable_rejected");
      }
    });
  }
}

TEST_CASE("RSA-OAEP encrypt/decrypt round trip and size limits") {
  auto key = RsaKey::generate(2048);
  REQUIRE(key);
  for (auto hash : {Hash::sha1, Hash::sha256, Hash::sha384, Hash::sha512}) {
    Bytes cek(32, 0x5a);
    auto ct = key->oaep_encrypt(hash, cek);
    REQUIRE(ct);
    CHECK(ct->size() == 256);
    auto pt = key->oaep_decrypt(hash, *ct);
    REQUIRE(pt);
    CHECK(same(*pt, cek));
    CHECK_STATUS(key->oaep_decrypt(hash == Hash::sha1 ? Hash::sha256 : Hash::sha1, *ct), JWTCORE_E_DECRYPT);
    Bytes shorter(ct->begin() + 1, ct->end());
    CHECK_STATUS(key->oaep_decrypt(hash, shorter), JWTCORE_E_DECRYPT);
    size_t max = 256 - 2 * jwtcore::crypto::hash_size(hash) - 2;
    CHECK(key->oaep_encrypt(hash, Bytes(max, 1)));
    CHECK_STATUS(key->oaep_encrypt(hash, Bytes(max + 1, 1)), JWTCORE_E_INVALID_ARGUMENT);
  }
}

TEST_CASE("RSAES-PKCS1-v1_5 decryption matches Wycheproof rsa_pkcs1_* and the RSA1_5 unwrap never reports padding") {
  for (const char *file : {"rsa_pkcs1_2048_test.json", "rsa_pkcs1_3072_test.json", "rsa_pkcs1_4096_test.json"}) {
    Tally tally;
    std::string cached_n;
    std::optional<RsaKey> key;
    for_each_wycheproof(file, tally, [&](const WycheproofCase &c) {
      if (str(c.group["privateKey"], "modulus") != cached_n) {
        cached_n = std::string(str(c.group["privateKey"], "modulus"));
        auto r = wycheproof_rsa_key(c.group["privateKey"], 2048);
        REQUIRE(r);
        key.emplace(std::move(r).value());
      }
      Bytes ct = c.bytes("ct"), msg = c.bytes("msg");
      auto pt = key->pkcs1v15_decrypt_reporting(ct);
      // The countermeasure: for the length the caller expects, either the plaintext or random.
      size_t expected_len = msg.empty() ? 16 : msg.size();
      if (expected_len > key->modulus_bytes() - 11) expected_len = 16;
      SecretBytes a, b;
      CHECK_STATUS(key->pkcs1v15_decrypt_or_random(ct, expected_len, a), JWTCORE_OK);
      CHECK(a.size() == expected_len);
      if (c.valid()) {
        REQUIRE(pt);
        CHECK(same(*pt, msg));
        if (!msg.empty() && expected_len == msg.size()) CHECK(same(a, msg));
        tally.add("valid_decrypted");
      } else {
        CHECK_STATUS(pt, JWTCORE_E_DECRYPT);
        CHECK_STATUS(key->pkcs1v15_decrypt_or_random(ct, expected_len, b), JWTCORE_OK);
        CHECK_FALSE(same(a, b));  // fresh random bytes each time
        CHECK_FALSE(same(a, msg));
        tally.add("invalid_rejected_and_randomised");
      }
    });
  }
}

TEST_CASE("RSA1_5 unwrap: right padding but wrong CEK length gives random bytes, caller mistakes give INVALID_ARGUMENT") {
  auto key = RsaKey::generate(2048);
  REQUIRE(key);
  Bytes cek(16, 0x42);
  auto ct = key->pkcs1v15_encrypt(cek);
  REQUIRE(ct);
  SecretBytes out;
  CHECK_STATUS(key->pkcs1v15_decrypt_or_random(*ct, 16, out), JWTCORE_OK);
  CHECK(same(out, cek));
  SecretBytes wrong1, wrong2;
  CHECK_STATUS(key->pkcs1v15_decrypt_or_random(*ct, 32, wrong1), JWTCORE_OK);
  CHECK_STATUS(key->pkcs1v15_decrypt_or_random(*ct, 32, wrong2), JWTCORE_OK);
  CHECK(wrong1.size() == 32);
  CHECK_FALSE(same(wrong1, wrong2));
  CHECK_STATUS(key->pkcs1v15_decrypt_or_random(Bytes(12, 0), 16, out), JWTCORE_OK);  // wrong ct length
  CHECK(out.size() == 16);
  CHECK_STATUS(key->pkcs1v15_decrypt_or_random(*ct, 0, out), JWTCORE_E_INVALID_ARGUMENT);
  CHECK_STATUS(key->pkcs1v15_decrypt_or_random(*ct, 246, out), JWTCORE_E_INVALID_ARGUMENT);
  CHECK_STATUS(key->pkcs1v15_encrypt(Bytes(246, 1)), JWTCORE_E_INVALID_ARGUMENT);
}
