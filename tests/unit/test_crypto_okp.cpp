// Ed25519 and X25519: RFC 8032 / RFC 7748 examples and Wycheproof, plus import checks.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "src/core/crypto/okp.hpp"
#include "src/core/crypto/pkix.hpp"
#include "test_crypto_asym.hpp"

using jwtcore::Bytes;
using jwtcore::bytes_view;
using jwtcore::crypto::Ed25519Key;
using jwtcore::crypto::X25519Key;
using namespace jwtcore::test;

namespace {

bool all_zero(const Bytes &b) {
  for (uint8_t v : b) {
    if (v != 0) return false;
  }
  return true;
}

}  // namespace

// ---- Ed25519 ---------------------------------------------------------------------------------

TEST_CASE("Ed25519 reproduces RFC 8032 §7.1 TEST 1 and TEST 2") {
  struct Vector {
    const char *seed, *pub, *msg, *sig;
  };
  const Vector vectors[] = {
      {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
       "1cf9b46bd25bf5f0595bbe24655141438e7a100b"},
      {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
       "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613"
       "d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
  };
  for (const auto &v : vectors) {
    auto key = Ed25519Key::from_seed(hex(v.seed), hex(v.pub));
    REQUIRE(key);
    CHECK(key->public_key() == hex(v.pub));
    auto sig = key->sign(hex(v.msg));
    REQUIRE(sig);
    CHECK(*sig == hex(v.sig));
    auto pub = Ed25519Key::from_public(hex(v.pub));
    REQUIRE(pub);
    CHECK_STATUS(pub->verify(hex(v.msg), *sig), JWTCORE_OK);
    CHECK_STATUS(pub->verify(bytes_of("other"), *sig), JWTCORE_E_BAD_SIGNATURE);
    auto seed = key->seed();
    REQUIRE(seed);
    CHECK(same(*seed, hex(v.seed)));
  }
}

TEST_CASE("Ed25519 verification matches Wycheproof ed25519_test.json") {
  Tally tally;
  for_each_wycheproof("ed25519_test.json", tally, [&](const WycheproofCase &c) {
    Bytes pk = hex(str(c.group["publicKey"], "pk"));
    auto key = Ed25519Key::from_public(pk);
    REQUIRE(key);
    auto parsed = jwtcore::crypto::parse_public_key(hex(str(c.group, "publicKeyDer")));
    REQUIRE(parsed);
    REQUIRE(std::holds_alternative<Ed25519Key>(*parsed));
    CHECK(std::get<Ed25519Key>(*parsed).public_key() == pk);
    auto st = key->verify(c.bytes("msg"), c.bytes("sig"));
    if (c.valid()) {
      CHECK_STATUS(st, JWTCORE_OK);
      tally.add("valid_accepted");
    } else {
      CHECK_STATUS(st, JWTCORE_E_BAD_SIGNATURE);
      tally.add("invalid_rejected");
    }
  });
}

TEST_CASE("Ed25519 import rejects wrong sizes, mismatched x, and small-order public keys") {
  Bytes seed = hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  Bytes pub = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  auto r = Ed25519Key::from_public(Bytes(31, 1));
  CHECK_STATUS(r, JWTCORE_E_KEY_INVALID);
  CHECK(r.status().message().find("'x'") != std::string::npos);
  auto r2 = Ed25519Key::from_seed(Bytes(33, 1));
  CHECK_STATUS(r2, JWTCORE_E_KEY_INVALID);
  CHECK(r2.status().message().find("'d'") != std::string::npos);
  Bytes other = pub;
  other[0] ^= 1;
  CHECK_STATUS(Ed25519Key::from_seed(seed, other), JWTCORE_E_KEY_INVALID);
  // The identity (0, 1) encodes as 01 00..00: order 1, "verifies" forged signatures in lax code.
  Bytes identity(32, 0);
  identity[0] = 1;
  CHECK_STATUS(Ed25519Key::from_public(identity), JWTCORE_E_POINT_INVALID);
  CHECK_STATUS(Ed25519Key::from_public(Bytes(32, 0)), JWTCORE_E_POINT_INVALID);  // order 4 point
}

TEST_CASE("Ed25519 signatures must be exactly 64 bytes and need a private key to create") {
  auto key = Ed25519Key::generate();
  REQUIRE(key);
  Bytes msg = bytes_of("payload");
  auto sig = key->sign(msg);
  REQUIRE(sig);
  CHECK(sig->size() == 64);
  CHECK_STATUS(key->verify(msg, *sig), JWTCORE_OK);
  Bytes longer = *sig;
  longer.push_back(0);
  CHECK_STATUS(key->verify(msg, longer), JWTCORE_E_BAD_SIGNATURE);
  CHECK_STATUS(key->verify(msg, bytes_view(sig->data(), 63)), JWTCORE_E_BAD_SIGNATURE);
  CHECK_STATUS(key->verify(msg, Bytes(64, 0)), JWTCORE_E_BAD_SIGNATURE);
  CHECK_STATUS(key->public_only().sign(msg), JWTCORE_E_KEY_NOT_PRIVATE);
  CHECK_STATUS(key->public_only().seed(), JWTCORE_E_KEY_NOT_PRIVATE);
  CHECK_STATUS(key->public_only().verify(msg, *sig), JWTCORE_OK);
}

// ---- X25519 ----------------------------------------------------------------------------------

TEST_CASE("X25519 reproduces RFC 7748 §6.1 (Alice and Bob)") {
  Bytes alice_d = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  Bytes alice_x = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  Bytes bob_d = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
  Bytes bob_x = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  Bytes shared = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  auto alice = X25519Key::from_private(alice_d, alice_x);
  auto bob = X25519Key::from_private(bob_d);
  REQUIRE(alice);
  REQUIRE(bob);
  CHECK(bob->public_key() == bob_x);
  auto k1 = alice->derive(*X25519Key::from_public(bob_x));
  auto k2 = bob->derive(alice->public_only());
  REQUIRE(k1);
  REQUIRE(k2);
  CHECK(same(*k1, shared));
  CHECK(same(*k2, shared));
  Bytes other = alice_x;
  other[5] ^= 1;
  auto r = X25519Key::from_private(alice_d, other);
  CHECK_STATUS(r, JWTCORE_E_KEY_INVALID);
  CHECK(r.status().message().find("'x'") != std::string::npos);
}

TEST_CASE("X25519 matches Wycheproof x25519_test.json; all-zero shared secrets are rejected") {
  Tally tally;
  for_each_wycheproof("x25519_test.json", tally, [&](const WycheproofCase &c) {
    auto own = X25519Key::from_private(c.bytes("private"));
    auto peer = X25519Key::from_public(c.bytes("public"));
    REQUIRE(own);
    REQUIRE(peer);
    auto shared = own->derive(*peer);
    Bytes expected = c.bytes("shared");
    if (all_zero(expected)) {
      // Low-order peer points ("acceptable" upstream): RFC 7748 §6.1 lets us abort, and we do.
      CHECK_STATUS(shared, JWTCORE_E_POINT_INVALID);
      tally.add(std::string(c.result) + "_zero_rejected");
    } else {
      REQUIRE(shared);
      CHECK(same(*shared, expected));
      tally.add(std::string(c.result) + "_agreed");
    }
    CHECK(c.result != "invalid");  // the file has none; a new one would need a decision here
  });
}

TEST_CASE("X25519 with a low-order peer point fails with POINT_INVALID and never falls back") {
  auto own = X25519Key::generate();
  REQUIRE(own);
  Bytes one(32, 0);
  one[0] = 1;
  for (const Bytes &u : {Bytes(32, 0), one}) {
    auto peer = X25519Key::from_public(u);
    REQUIRE(peer);
    CHECK_STATUS(own->derive(*peer), JWTCORE_E_POINT_INVALID);
  }
  CHECK_STATUS(X25519Key::from_public(Bytes(31, 0)), JWTCORE_E_KEY_INVALID);
  CHECK_STATUS(X25519Key::from_private(Bytes(33, 0)), JWTCORE_E_KEY_INVALID);
  CHECK_STATUS(own->public_only().derive(*own), JWTCORE_E_KEY_NOT_PRIVATE);
  CHECK_STATUS(own->public_only().private_key(), JWTCORE_E_KEY_NOT_PRIVATE);
}
