// EC: point/scalar validation, ECDSA (P1363 R||S) and ECDH, against Wycheproof and RFC 6979.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "src/core/crypto/ec.hpp"
#include "src/core/crypto/pkix.hpp"
#include "test_crypto_asym.hpp"

using jwtcore::Bytes;
using jwtcore::bytes_view;
using jwtcore::crypto::Curve;
using jwtcore::crypto::EcKey;
using jwtcore::crypto::Hash;
using namespace jwtcore::test;

namespace {

std::optional<Curve> curve_named(std::string_view name) {
  if (name == "secp256r1") return Curve::p256;
  if (name == "secp384r1") return Curve::p384;
  if (name == "secp521r1") return Curve::p521;
  if (name == "secp256k1") return Curve::secp256k1;
  return std::nullopt;
}

// RFC 6979 A.2.5 (P-256) key.
const char *kRfc6979D = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
const char *kRfc6979X = "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6";
const char *kRfc6979Y = "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";
// P-256 group order n and field prime p (SEC 2 §2.4.2).
const char *kP256N = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";
const char *kP256P = "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF";

EcKey rfc6979_key() {
  auto key = EcKey::from_coordinates(Curve::p256, hex(kRfc6979X), hex(kRfc6979Y), hex(kRfc6979D));
  REQUIRE(key);
  return std::move(key).value();
}

// a - b for equal-length big-endian numbers with a >= b.
Bytes subtract(const Bytes &a, const Bytes &b) {
  Bytes out(a.size());
  int borrow = 0;
  for (size_t i = a.size(); i-- > 0;) {
    int v = int(a[i]) - int(b[i]) - borrow;
    borrow = v < 0;
    out[i] = uint8_t(v + (borrow ? 256 : 0));
  }
  return out;
}

void run_p1363_file(const std::string &file) {
  Tally tally;
  std::string cached;
  std::optional<EcKey> key;
  for_each_wycheproof(file, tally, [&](const WycheproofCase &c) {
    simdjson::dom::element pk = c.group["publicKey"];
    auto curve = curve_named(str(pk, "curve"));
    REQUIRE(curve);
    if (str(pk, "uncompressed") != cached) {
      cached = std::string(str(pk, "uncompressed"));
      size_t fb = jwtcore::crypto::curve_field_bytes(*curve);
      auto x = fixed_width(str(pk, "wx"), fb), y = fixed_width(str(pk, "wy"), fb);
      REQUIRE(x);
      REQUIRE(y);
      auto k = EcKey::from_coordinates(*curve, *x, *y);
      REQUIRE(k);
      // The same key through the SPKI path.
      auto parsed = jwtcore::crypto::parse_public_key(hex(str(c.group, "publicKeyDer")));
      REQUIRE(parsed);
      REQUIRE(std::holds_alternative<EcKey>(*parsed));
      CHECK(std::get<EcKey>(*parsed).x() == *x);
      CHECK(std::get<EcKey>(*parsed).y() == *y);
      key.emplace(std::move(k).value());
    }
    auto hash = hash_named(str(c.group, "sha"));
    REQUIRE(hash);
    auto st = key->verify(*hash, c.bytes("msg"), c.bytes("sig"));
    if (c.valid()) {
      CHECK_STATUS(st, JWTCORE_OK);
      tally.add("valid_accepted");
    } else {
      CHECK_STATUS(st, JWTCORE_E_BAD_SIGNATURE);
      tally.add("invalid_rejected");
    }
  });
}

}  // namespace

// ---- import ----------------------------------------------------------------------------------

TEST_CASE("EC import validates lengths, the curve equation, coordinate range and the private scalar") {
  Bytes x = hex(kRfc6979X), y = hex(kRfc6979Y), d = hex(kRfc6979D);
  SECTION("the RFC 6979 key imports and exports fixed-length members") {
    EcKey key = rfc6979_key();
    CHECK(key.curve() == Curve::p256);
    CHECK(key.has_private());
    CHECK(key.x() == x);
    CHECK(key.y() == y);
    auto exported = key.d();
    REQUIRE(exported);
    CHECK(same(*exported, d));
    CHECK(key.sec1_uncompressed().size() == 65);
    CHECK_FALSE(key.public_only().has_private());
    CHECK_STATUS(key.public_only().d(), JWTCORE_E_KEY_NOT_PRIVATE);
  }
  SECTION("the public point is derived from d alone") {
    auto key = EcKey::from_private_scalar(Curve::p256, d);
    REQUIRE(key);
    CHECK(key->x() == x);
    CHECK(key->y() == y);
  }
  SECTION("wrong lengths name the member") {
    Bytes short_x(x.begin() + 1, x.end());
    auto r = EcKey::from_coordinates(Curve::p256, short_x, y);
    CHECK_STATUS(r, JWTCORE_E_KEY_INVALID);
    CHECK(r.status().message().find("'x'") != std::string::npos);
    Bytes long_y = y;
    long_y.insert(long_y.begin(), 0);
    auto r2 = EcKey::from_coordinates(Curve::p256, x, long_y);
    CHECK_STATUS(r2, JWTCORE_E_KEY_INVALID);
    CHECK(r2.status().message().find("'y'") != std::string::npos);
    auto r3 = EcKey::from_coordinates(Curve::p256, x, y, Bytes(31, 1));
    CHECK_STATUS(r3, JWTCORE_E_KEY_INVALID);
    CHECK(r3.status().message().find("'d'") != std::string::npos);
    CHECK_STATUS(EcKey::from_coordinates(Curve::p384, x, y), JWTCORE_E_KEY_INVALID);
  }
  SECTION("a point off the curve is POINT_INVALID (invalid-curve attack)") {
    Bytes bad_y = y;
    bad_y.back() ^= 1;
    CHECK_STATUS(EcKey::from_coordinates(Curve::p256, x, bad_y), JWTCORE_E_POINT_INVALID);
    CHECK_STATUS(EcKey::from_coordinates(Curve::p256, Bytes(32, 0), Bytes(32, 0)), JWTCORE_E_POINT_INVALID);
  }
  SECTION("coordinates >= p are POINT_INVALID even if they reduce to a valid point") {
    // x + p would still satisfy the equation mod p; here x = p itself and x = 2^256 - 1.
    CHECK_STATUS(EcKey::from_coordinates(Curve::p256, hex(kP256P), y), JWTCORE_E_POINT_INVALID);
    CHECK_STATUS(EcKey::from_coordinates(Curve::p256, Bytes(32, 0xff), y), JWTCORE_E_POINT_INVALID);
  }
  SECTION("d outside [1, n-1] or not matching the point is KEY_INVALID") {
    CHECK_STATUS(EcKey::from_coordinates(Curve::p256, x, y, Bytes(32, 0)), JWTCORE_E_KEY_INVALID);
    CHECK_STATUS(EcKey::from_coordinates(Curve::p256, x, y, hex(kP256N)), JWTCORE_E_KEY_INVALID);
    CHECK_STATUS(EcKey::from_private_scalar(Curve::p256, hex(kP256N)), JWTCORE_E_KEY_INVALID);
    Bytes other_d = d;
    other_d.back() ^= 1;
    auto r = EcKey::from_coordinates(Curve::p256, x, y, other_d);
    CHECK_STATUS(r, JWTCORE_E_KEY_INVALID);
    CHECK(r.status().message().find("'d'") != std::string::npos);
  }
  SECTION("SEC1 points: uncompressed accepted, compressed NOT_SUPPORTED, identity and junk POINT_INVALID") {
    EcKey key = rfc6979_key();
    auto round = EcKey::from_sec1_point(Curve::p256, key.sec1_uncompressed());
    REQUIRE(round);
    CHECK(round->x() == x);
    Bytes compressed{uint8_t(0x02 | (y.back() & 1))};
    compressed.insert(compressed.end(), x.begin(), x.end());
    CHECK_STATUS(EcKey::from_sec1_point(Curve::p256, compressed), JWTCORE_E_NOT_SUPPORTED);
    CHECK_STATUS(EcKey::from_sec1_point(Curve::p256, Bytes{0x00}), JWTCORE_E_POINT_INVALID);
    Bytes hybrid = key.sec1_uncompressed();
    hybrid[0] = 0x06;
    CHECK_STATUS(EcKey::from_sec1_point(Curve::p256, hybrid), JWTCORE_E_POINT_INVALID);
    CHECK_STATUS(EcKey::from_sec1_point(Curve::p384, key.sec1_uncompressed()), JWTCORE_E_POINT_INVALID);
  }
  SECTION("curve metadata") {
    CHECK(std::string(jwtcore::crypto::curve_name(Curve::p521)) == "P-521");
    CHECK(jwtcore::crypto::curve_field_bytes(Curve::p521) == 66);
    CHECK(jwtcore::crypto::curve_signature_bytes(Curve::p384) == 96);
    CHECK(jwtcore::crypto::curve_signature_bytes(Curve::secp256k1) == 64);
  }
}

// ---- ECDSA -----------------------------------------------------------------------------------

TEST_CASE("ECDSA signing is deterministic and reproduces RFC 6979 A.2.5 (P-256, SHA-256)") {
  EcKey key = rfc6979_key();
  auto sample = key.sign(Hash::sha256, bytes_of("sample"));
  REQUIRE(sample);
  CHECK(*sample == hex("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                       "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"));
  auto test = key.sign(Hash::sha256, bytes_of("test"));
  REQUIRE(test);
  CHECK(*test == hex("F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"
                     "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"));
  CHECK_STATUS(key.public_only().verify(Hash::sha256, bytes_of("sample"), *sample), JWTCORE_OK);
}

TEST_CASE("ECDSA P1363 verification matches Wycheproof (P-256, P-384, P-521)") {
  run_p1363_file("ecdsa_secp256r1_sha256_p1363_test.json");
  run_p1363_file("ecdsa_secp384r1_sha384_p1363_test.json");
  run_p1363_file("ecdsa_secp521r1_sha512_p1363_test.json");
}

TEST_CASE("ECDSA with r or s outside [1, n-1] is rejected before any math (CVE-2022-21449)") {
  EcKey key = rfc6979_key();
  Bytes msg = bytes_of("sample");
  CHECK_STATUS(key.verify(Hash::sha256, msg, Bytes(64, 0)), JWTCORE_E_BAD_SIGNATURE);
  Bytes n = hex(kP256N);
  Bytes r_s_n = n;
  r_s_n.insert(r_s_n.end(), n.begin(), n.end());
  CHECK_STATUS(key.verify(Hash::sha256, msg, r_s_n), JWTCORE_E_BAD_SIGNATURE);
  auto good = key.sign(Hash::sha256, msg);
  REQUIRE(good);
  Bytes r_zero = *good;
  std::fill(r_zero.begin(), r_zero.begin() + 32, 0);
  CHECK_STATUS(key.verify(Hash::sha256, msg, r_zero), JWTCORE_E_BAD_SIGNATURE);
  Bytes s_n = *good;
  std::copy(n.begin(), n.end(), s_n.begin() + 32);
  CHECK_STATUS(key.verify(Hash::sha256, msg, s_n), JWTCORE_E_BAD_SIGNATURE);
  for (auto curve : {Curve::p384, Curve::p521}) {
    auto k = EcKey::generate(curve);
    REQUIRE(k);
    CHECK_STATUS(k->verify(Hash::sha256, msg, Bytes(jwtcore::crypto::curve_signature_bytes(curve), 0)),
                 JWTCORE_E_BAD_SIGNATURE);
  }
}

TEST_CASE("ECDSA signatures must be exactly 2*ceil(bits/8) bytes; DER and off-by-one lengths are rejected") {
  EcKey key = rfc6979_key();
  Bytes msg = bytes_of("sample");
  auto sig = key.sign(Hash::sha256, msg);
  REQUIRE(sig);
  Bytes longer = *sig;
  longer.push_back(0);
  CHECK_STATUS(key.verify(Hash::sha256, msg, longer), JWTCORE_E_BAD_SIGNATURE);
  CHECK_STATUS(key.verify(Hash::sha256, msg, bytes_view(sig->data(), 63)), JWTCORE_E_BAD_SIGNATURE);
  CHECK_STATUS(key.verify(Hash::sha256, msg, {}), JWTCORE_E_BAD_SIGNATURE);
  // The same (r, s) as ASN.1 DER: SEQUENCE { INTEGER r, INTEGER s } (both have the top bit set).
  Bytes der{0x30, 0x46, 0x02, 0x21, 0x00};
  der.insert(der.end(), sig->begin(), sig->begin() + 32);
  der.insert(der.end(), {0x02, 0x21, 0x00});
  der.insert(der.end(), sig->begin() + 32, sig->end());
  CHECK_STATUS(key.verify(Hash::sha256, msg, der), JWTCORE_E_BAD_SIGNATURE);
  // "MAYCAQACAQA" from the psychic-signature reports: DER of r = s = 0.
  CHECK_STATUS(key.verify(Hash::sha256, msg, Bytes{0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00}),
               JWTCORE_E_BAD_SIGNATURE);
}

TEST_CASE("ECDSA high-s signatures are valid (malleability is not an error)") {
  EcKey key = rfc6979_key();
  Bytes msg = bytes_of("sample");
  auto sig = key.sign(Hash::sha256, msg);
  REQUIRE(sig);
  Bytes s(sig->begin() + 32, sig->end());
  Bytes flipped(sig->begin(), sig->begin() + 32);
  Bytes neg_s = subtract(hex(kP256N), s);
  flipped.insert(flipped.end(), neg_s.begin(), neg_s.end());
  CHECK_STATUS(key.verify(Hash::sha256, msg, flipped), JWTCORE_OK);
}

TEST_CASE("ECDSA round trip on every curve, including secp256k1, with verify_digest") {
  const std::pair<Curve, Hash> combos[] = {{Curve::p256, Hash::sha256}, {Curve::p384, Hash::sha384},
                                           {Curve::p521, Hash::sha512}, {Curve::secp256k1, Hash::sha256}};
  for (auto [curve, hash] : combos) {
    auto key = EcKey::generate(curve);
    REQUIRE(key);
    Bytes msg = bytes_of("payload");
    auto sig = key->sign(hash, msg);
    REQUIRE(sig);
    CHECK(sig->size() == jwtcore::crypto::curve_signature_bytes(curve));
    CHECK_STATUS(key->verify(hash, msg, *sig), JWTCORE_OK);
    auto digest = jwtcore::crypto::digest(hash, msg);
    CHECK_STATUS(key->verify_digest(digest.view(), *sig), JWTCORE_OK);
    auto again = key->sign_digest(hash, digest.view());
    REQUIRE(again);
    CHECK(*again == *sig);
    auto pub = EcKey::from_coordinates(curve, key->x(), key->y());
    REQUIRE(pub);
    CHECK_STATUS(pub->verify(hash, msg, *sig), JWTCORE_OK);
    CHECK_STATUS(pub->sign(hash, msg), JWTCORE_E_KEY_NOT_PRIVATE);
    Bytes bad = *sig;
    bad[3] ^= 0x40;
    CHECK_STATUS(pub->verify(hash, msg, bad), JWTCORE_E_BAD_SIGNATURE);
  }
}

TEST_CASE("One EC key (fresh, table not yet built) verifies and signs from many threads at once") {
  auto signer = EcKey::generate(Curve::p256);
  REQUIRE(signer);
  auto verifier = EcKey::from_coordinates(Curve::p256, signer->x(), signer->y());
  REQUIRE(verifier);
  std::vector<Bytes> sigs;
  for (int i = 0; i < 16; ++i) sigs.push_back(signer->sign(Hash::sha256, bytes_of(std::to_string(i))).value());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 16; ++i) {
        if (!verifier->verify(Hash::sha256, bytes_of(std::to_string(i)), sigs[size_t(i)])) ++failures;
        auto s = signer->sign(Hash::sha256, bytes_of(std::to_string(i)));
        if (!s || *s != sigs[size_t(i)]) ++failures;
      }
    });
  }
  for (auto &th : threads) th.join();
  CHECK(failures == 0);
}

// ---- ECDH ------------------------------------------------------------------------------------

TEST_CASE("ECDH on SEC1 points matches Wycheproof ecdh_*_ecpoint (invalid and compressed points rejected)") {
  for (const char *file : {"ecdh_secp256r1_ecpoint_test.json", "ecdh_secp384r1_ecpoint_test.json",
                           "ecdh_secp521r1_ecpoint_test.json"}) {
    Tally tally;
    for_each_wycheproof(file, tally, [&](const WycheproofCase &c) {
      auto curve = curve_named(str(c.group, "curve"));
      REQUIRE(curve);
      auto d = fixed_width(str(c.test, "private"), jwtcore::crypto::curve_field_bytes(*curve));
      REQUIRE(d);
      auto own = EcKey::from_private_scalar(*curve, *d);
      REQUIRE(own);
      auto peer = EcKey::from_sec1_point(*curve, c.bytes("public"));
      auto shared = peer ? own->ecdh(*peer) : jwtcore::Result<jwtcore::SecretBytes>(peer.status());
      if (c.valid()) {
        REQUIRE(shared);
        CHECK(same(*shared, c.bytes("shared")));
        tally.add("valid_agreed");
      } else {
        // "acceptable" here is only the compressed point: we reject it (NOT_SUPPORTED).
        CHECK_FALSE(shared);
        tally.add(std::string(c.result) + "_rejected_" + std::to_string(code_of(shared)));
      }
    });
  }
}

TEST_CASE("ECDH with SPKI peer keys matches Wycheproof ecdh_secp*_test (invalid encodings rejected)") {
  for (const char *file : {"ecdh_secp256r1_test.json", "ecdh_secp384r1_test.json", "ecdh_secp521r1_test.json"}) {
    Tally tally;
    for_each_wycheproof(file, tally, [&](const WycheproofCase &c) {
      auto curve = curve_named(str(c.group, "curve"));
      REQUIRE(curve);
      auto d = fixed_width(str(c.test, "private"), jwtcore::crypto::curve_field_bytes(*curve));
      REQUIRE(d);
      auto own = EcKey::from_private_scalar(*curve, *d);
      REQUIRE(own);
      auto peer = jwtcore::crypto::parse_public_key(c.bytes("public"));
      jwtcore::Result<jwtcore::SecretBytes> shared = jwtcore::Status(JWTCORE_E_KEY_MISMATCH, "not EC");
      if (!peer) {
        shared = peer.status();
      } else if (auto *ec = std::get_if<EcKey>(&*peer)) {
        shared = own->ecdh(*ec);
      }
      if (c.valid()) {
        INFO(message_of(shared));
        REQUIRE(shared);
        CHECK(same(*shared, c.bytes("shared")));
        tally.add("valid_agreed");
      } else if (c.result == "invalid") {
        CHECK_FALSE(shared);
        tally.add("invalid_rejected");
      } else {
        // "acceptable": BER lengths, explicit curve parameters, compressed points. Public keys
        // must be canonical DER with a named curve and an uncompressed point, so all are refused.
        CHECK_FALSE(shared);
        tally.add("acceptable_rejected");
      }
    });
  }
}

TEST_CASE("ECDH refuses a peer on another curve and a public-only own key") {
  auto a = EcKey::generate(Curve::p256);
  auto b = EcKey::generate(Curve::p384);
  REQUIRE(a);
  REQUIRE(b);
  CHECK_STATUS(a->ecdh(*b), JWTCORE_E_KEY_MISMATCH);
  CHECK_STATUS(a->public_only().ecdh(*a), JWTCORE_E_KEY_NOT_PRIVATE);
  auto c = EcKey::generate(Curve::p256);
  REQUIRE(c);
  auto ab = a->ecdh(c->public_only());
  auto ba = c->ecdh(a->public_only());
  REQUIRE(ab);
  REQUIRE(ba);
  CHECK(*ab == *ba);
  CHECK(ab->size() == 32);
}
