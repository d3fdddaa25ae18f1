// JWE round trips over every alg/enc pair and serialization, multiple recipients, AAD, shared
// headers, nested-JWT headers, key selection, and the refusals of the encryption side.
#include <catch2/catch.hpp>

#include <algorithm>

#include "test_jwe_helpers.hpp"

using namespace jwtcore;
using namespace jwtcore::test;

namespace {

const Enc kAllEncs[] = {Enc::a128gcm, Enc::a192gcm, Enc::a256gcm,
                        Enc::a128cbc_hs256, Enc::a192cbc_hs384, Enc::a256cbc_hs512};

// One key per key-management alg (generated bound to it), plus curve variants for ECDH-ES.
struct AlgKey {
  const char *spec;
  Alg alg;
};
const AlgKey kAlgKeys[] = {
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
    {"ECDH-ES+A256KW:P-521", Alg::ecdh_es_a256kw},
    {"ECDH-ES+A256KW:X25519", Alg::ecdh_es_a256kw},
    {"RSA-OAEP", Alg::rsa_oaep},
    {"RSA-OAEP-256", Alg::rsa_oaep_256},
    {"PBES2-HS256+A128KW", Alg::pbes2_hs256_a128kw},
    {"PBES2-HS384+A192KW", Alg::pbes2_hs384_a192kw},
    {"PBES2-HS512+A256KW", Alg::pbes2_hs512_a256kw},
};

JweRecipientSpec fast(JweRecipientSpec s) {
  s.pbes2_iterations = kPbes2MinIterations;  // keep the suite quick; the policy floor
  return s;
}

}  // namespace

TEST_CASE("Every key-management alg with every enc round-trips through the compact serialization") {
  const std::string pt = "{\"sub\":\"round trip\",\"n\":1}";
  for (const auto &ak : kAlgKeys) {
    KeyPtr key = generated(ak.spec);
    for (Enc enc : kAllEncs) {
      DYNAMIC_SECTION(ak.spec << " / " << enc_info(enc).name) {
        const std::string jwe = encrypt_ok(bytes_view(pt), {fast(recipient(key, ak.alg))}, enc);
        CHECK(std::count(jwe.begin(), jwe.end(), '.') == 4);
        JweDecrypted out;
        REQUIRE(decrypt_code(jwe, jwe_allow_all(), key_ring({key}), &out) == JWTCORE_OK);
        CHECK(text(out.plaintext) == pt);
        CHECK(out.alg == ak.alg);
        CHECK(out.enc == enc);
        CHECK(out.key == key);
      }
    }
  }
}

TEST_CASE("dir uses the key as the CEK and needs a key of exactly enc's length") {
  for (Enc enc : kAllEncs) {
    DYNAMIC_SECTION(enc_info(enc).name) {
      KeyPtr key = generated(enc_info(enc).name);
      const std::string jwe = encrypt_ok(bytes_view(std::string_view("direct")), {recipient(key, Alg::dir)}, enc);
      CHECK(part(jwe, 1).empty());
      JweDecrypted out;
      REQUIRE(decrypt_code(jwe, jwe_allow({Alg::dir}, {enc}), key_ring({key}), &out) == JWTCORE_OK);
      CHECK(text(out.plaintext) == "direct");
    }
  }
  // A raw 16-byte secret is too short for A256GCM, a 64-byte one too long for A128GCM.
  CHECK(jwe_encrypt(bytes_view(std::string_view("x")), {recipient(secret_key(std::string(16, 'k')), Alg::dir)}, Enc::a256gcm, {})
            .status().code() == JWTCORE_E_KEY_WEAK);
  CHECK(jwe_encrypt(bytes_view(std::string_view("x")), {recipient(secret_key(std::string(64, 'k')), Alg::dir)}, Enc::a128gcm, {})
            .status().code() == JWTCORE_E_KEY_MISMATCH);
}

TEST_CASE("An empty plaintext and a 1 MiB plaintext both round-trip") {
  KeyPtr key = generated("A256KW");
  for (size_t n : {size_t(0), size_t(1) << 20}) {
    const std::string pt(n, 'p');
    JweEncryptOptions o;
    const std::string jwe = encrypt_ok(bytes_view(pt), {recipient(key, Alg::a256kw)}, Enc::a256gcm, o);
    JwePolicy p = jwe_allow({Alg::a256kw}, {Enc::a256gcm});
    p.limits.max_token = 4 << 20;
    JweDecrypted out;
    REQUIRE(decrypt_code(jwe, p, key_ring({key}), &out) == JWTCORE_OK);
    CHECK(out.plaintext.size() == n);
  }
}

TEST_CASE("Flattened JSON with AAD and a shared unprotected header round-trips; changing the AAD fails") {
  KeyPtr key = generated("ECDH-ES+A128KW");
  JweEncryptOptions o;
  o.serialization = JweSerialization::flattened;
  o.aad = to_bytes(bytes_view(std::string_view("additional data")));
  o.unprotected_json = R"({"jku":"https://example.invalid/keys"})";
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("flat")), {recipient(key, Alg::ecdh_es_a128kw)},
                                     Enc::a128cbc_hs256, o);
  json::Document d;
  REQUIRE(d.parse_object(jwe, {1 << 16, 8}, "jwe"));
  CHECK(str_member(d.root(), "aad") == b64e(*o.aad));
  CHECK(!d.root().find("recipients"));
  CHECK(d.root().find("unprotected"));
  const JwePolicy p = jwe_allow({Alg::ecdh_es_a128kw}, {Enc::a128cbc_hs256});
  JweDecrypted out;
  REQUIRE(decrypt_code(jwe, p, key_ring({key}), &out) == JWTCORE_OK);
  CHECK(text(out.plaintext) == "flat");
  std::string changed = jwe;
  changed.replace(changed.find(b64e(*o.aad)), 4, "QUFB");
  CHECK(decrypt_code(changed, p, key_ring({key})) == JWTCORE_E_DECRYPT);
}

TEST_CASE("General JSON to three recipients: each key alone decrypts its own recipient") {
  KeyPtr rsa = generated("RSA-OAEP-256");
  KeyPtr ec = generated("ECDH-ES+A256KW:P-384");
  KeyPtr aes = generated("A256GCMKW");
  auto with_kid = [](const KeyPtr &k, const char *kid) {
    KeyAttributes a = k->attributes();
    a.kid = kid;
    auto r = k->with_attributes(a);
    REQUIRE(r.is_ok());
    return *r;
  };
  rsa = with_kid(rsa, "r1");
  ec = with_kid(ec, "e1");
  aes = with_kid(aes, "a1");
  JweEncryptOptions o;
  o.serialization = JweSerialization::general;
  o.protected_json = R"({"cty":"text/plain"})";
  o.unprotected_json = R"({"x-shared":true})";
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("to many")),
                                     {recipient(rsa, Alg::rsa_oaep_256), recipient(ec, Alg::ecdh_es_a256kw, R"({"x-mine":1})"),
                                      recipient(aes, Alg::a256gcmkw)},
                                     Enc::a256gcm, o);
  json::Document d;
  REQUIRE(d.parse_object(jwe, {1 << 16, 8}, "jwe"));
  REQUIRE(d.root().find("recipients")->size() == 3);
  const Bytes protected_json = b64d(str_member(d.root(), "protected"));
  CHECK(bytes_view(protected_json).as_string() == R"({"enc":"A256GCM","cty":"text/plain"})");
  const JwePolicy p = jwe_allow_all();
  size_t expected_index = 0;
  for (const KeyPtr &k : {rsa, ec, aes}) {
    JweDecrypted out;
    REQUIRE(decrypt_code(jwe, p, key_ring({k}), &out) == JWTCORE_OK);
    CHECK(out.recipient_index == expected_index++);
    CHECK(text(out.plaintext) == "to many");
    CHECK(out.cty == std::string("text/plain"));
  }
  // dir and ECDH-ES transport no key: they cannot share a message with other recipients.
  KeyPtr direct = generated("A256GCM");
  CHECK(jwe_encrypt(bytes_view(std::string_view("x")), {recipient(direct, Alg::dir), recipient(aes, Alg::a256gcmkw)},
                    Enc::a256gcm, o).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwe_encrypt(bytes_view(std::string_view("x")), {recipient(generated("ECDH-ES"), Alg::ecdh_es), recipient(aes, Alg::a256gcmkw)},
                    Enc::a256gcm, o).status().code() == JWTCORE_E_INVALID_ARGUMENT);
}

TEST_CASE("Nested JWT: cty in the protected header is reported, an unprotected cty is not") {
  KeyPtr key = generated("RSA-OAEP-256");
  JweEncryptOptions o;
  o.protected_json = R"({"cty":"JWT","typ":"JWT"})";
  const std::string inner = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
  const std::string jwe = encrypt_ok(bytes_view(inner), {recipient(key, Alg::rsa_oaep_256)}, Enc::a256gcm, o);
  JweDecrypted out;
  const JwePolicy p = jwe_allow({Alg::rsa_oaep_256}, {Enc::a256gcm});
  REQUIRE(decrypt_code(jwe, p, key_ring({key}), &out) == JWTCORE_OK);
  CHECK(out.cty == std::string("JWT"));
  CHECK(out.protected_header.find("\"cty\":\"JWT\"") != std::string::npos);
  CHECK(text(out.plaintext) == inner);

  JweEncryptOptions u;
  u.serialization = JweSerialization::flattened;
  u.unprotected_json = R"({"cty":"JWT"})";
  const std::string flat = encrypt_ok(bytes_view(inner), {recipient(key, Alg::rsa_oaep_256)}, Enc::a256gcm, u);
  REQUIRE(decrypt_code(flat, p, key_ring({key}), &out) == JWTCORE_OK);
  CHECK(!out.cty);
}

TEST_CASE("Keys are chosen by kid, then by type; a kid nobody has falls back to keys without kid") {
  KeyPtr a = generated("A128KW");
  KeyPtr b = generated("A128KW");
  KeyAttributes attrs = b->attributes();
  attrs.kid = "b";
  KeyPtr b_kid = *b->with_attributes(attrs);
  const JwePolicy p = jwe_allow({Alg::a128kw}, {Enc::a128gcm});
  const std::string to_b = encrypt_ok(bytes_view(std::string_view("kid")), {recipient(b_kid, Alg::a128kw)}, Enc::a128gcm);
  JweDecrypted out;
  REQUIRE(decrypt_code(to_b, p, key_ring({a, b_kid}), &out) == JWTCORE_OK);
  CHECK(out.key == b_kid);
  // The header names kid "b"; only "a" (no kid) is configured: tried, and it fails to unwrap.
  CHECK(decrypt_code(to_b, p, key_ring({a})) == JWTCORE_E_DECRYPT);
  // No key of the right type at all.
  CHECK(decrypt_code(to_b, p, key_ring({generated("RSA-OAEP")})) == JWTCORE_E_KEY_MISMATCH);
  CHECK(decrypt_code(to_b, p, KeyRing{}) == JWTCORE_E_KEY_NOT_FOUND);
  // A key set is searched like single keys.
  KeySet set;
  REQUIRE(set.add(b_kid).is_ok());
  KeyRing ring;
  ring.sets.push_back(std::make_shared<const KeySet>(set));
  REQUIRE(decrypt_code(to_b, p, ring, &out) == JWTCORE_OK);
  CHECK(out.key == b_kid);
}

TEST_CASE("Encryption refuses RSA1_5, signature algs, reserved header members, zip and bad shapes") {
  const bytes_view pt(std::string_view("x"));
  KeyPtr rsa = generated("RSA-OAEP");
  KeyPtr aes = generated("A128KW");
  CHECK(jwe_encrypt(pt, {recipient(generated("RSA1_5"), Alg::rsa1_5)}, Enc::a128gcm, {}).status().code() == JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(jwe_encrypt(pt, {recipient(generated("HS256"), Alg::hs256)}, Enc::a128gcm, {}).status().code() == JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(jwe_encrypt(pt, {}, Enc::a128gcm, {}).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwe_encrypt(pt, {recipient(nullptr, Alg::a128kw)}, Enc::a128gcm, {}).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  // Key binding: type, own alg, usage.
  CHECK(jwe_encrypt(pt, {recipient(rsa, Alg::a128kw)}, Enc::a128gcm, {}).status().code() == JWTCORE_E_KEY_MISMATCH);
  CHECK(jwe_encrypt(pt, {recipient(rsa, Alg::rsa_oaep_256)}, Enc::a128gcm, {}).status().code() == JWTCORE_E_KEY_MISMATCH);
  CHECK(jwe_encrypt(pt, {recipient(generated("Ed25519"), Alg::ecdh_es)}, Enc::a128gcm, {}).status().code() == JWTCORE_E_KEY_MISMATCH);
  CHECK(jwe_encrypt(pt, {recipient(jwk_key(R"({"kty":"oct","use":"sig","k":"GawgguFyGrWKav7AX4VKUg"})"), Alg::a128kw)},
                    Enc::a128gcm, {}).status().code() == JWTCORE_E_KEY_USAGE);
  for (const char *member : {"alg", "enc", "crit", "epk", "iv", "tag", "p2s", "p2c"}) {
    JweEncryptOptions o;
    o.protected_json = std::string("{\"") + member + "\":\"x\"}";
    CHECK(jwe_encrypt(pt, {recipient(aes, Alg::a128kw)}, Enc::a128gcm, o).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  }
  JweEncryptOptions zip;
  zip.protected_json = R"({"zip":"DEF"})";
  CHECK(jwe_encrypt(pt, {recipient(aes, Alg::a128kw)}, Enc::a128gcm, zip).status().code() == JWTCORE_E_ZIP_UNSUPPORTED);
  JweEncryptOptions compact_with_aad;
  compact_with_aad.aad = Bytes{1};
  CHECK(jwe_encrypt(pt, {recipient(aes, Alg::a128kw)}, Enc::a128gcm, compact_with_aad).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwe_encrypt(pt, {recipient(aes, Alg::a128kw), recipient(aes, Alg::a128kw)}, Enc::a128gcm, {}).status().code() ==
        JWTCORE_E_INVALID_ARGUMENT);
  JweEncryptOptions overlap;
  overlap.serialization = JweSerialization::flattened;
  overlap.protected_json = R"({"x":1})";
  overlap.unprotected_json = R"({"x":2})";
  CHECK(jwe_encrypt(pt, {recipient(aes, Alg::a128kw)}, Enc::a128gcm, overlap).status().code() == JWTCORE_E_HEADER);
  JweEncryptOptions not_json;
  not_json.protected_json = "{";
  CHECK(jwe_encrypt(pt, {recipient(aes, Alg::a128kw)}, Enc::a128gcm, not_json).status().code() == JWTCORE_E_JSON);
  JweRecipientSpec pbes2 = recipient(generated("PBES2-HS256+A128KW"), Alg::pbes2_hs256_a128kw);
  pbes2.pbes2_iterations = 999;
  CHECK(jwe_encrypt(pt, {pbes2}, Enc::a128gcm, {}).status().code() == JWTCORE_E_INVALID_ARGUMENT);
}

TEST_CASE("Two encryptions of the same plaintext differ in CEK and IV") {
  KeyPtr key = generated("A256KW");
  const std::string a = encrypt_ok(bytes_view(std::string_view("same")), {recipient(key, Alg::a256kw)}, Enc::a256gcm);
  const std::string b = encrypt_ok(bytes_view(std::string_view("same")), {recipient(key, Alg::a256kw)}, Enc::a256gcm);
  CHECK(part(a, 1) != part(b, 1));
  CHECK(part(a, 2) != part(b, 2));
  CHECK(part(a, 3) != part(b, 3));
}

TEST_CASE("PBES2 writes a 16-byte p2s and the requested p2c; the policy cap applies on decryption") {
  KeyPtr pwd = generated("PBES2-HS512+A256KW");
  JweRecipientSpec s = recipient(pwd, Alg::pbes2_hs512_a256kw);
  s.pbes2_iterations = 20000;
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("pw")), {s}, Enc::a256cbc_hs512);
  json::Document h;
  const Bytes header = b64d(part(jwe, 0));
  REQUIRE(h.parse_object(bytes_view(header).as_string(), {4096, 8}, "header"));
  CHECK(b64d(str_member(h.root(), "p2s")).size() == 16);
  CHECK(*h.root().find("p2c")->as_int64() == 20000);
  JwePolicy p = jwe_allow({Alg::pbes2_hs512_a256kw}, {Enc::a256cbc_hs512});
  p.pbes2_max_p2c = kPbes2DefaultMaxIterations;
  CHECK(decrypt_code(jwe, p, key_ring({pwd})) == JWTCORE_E_LIMIT_ITERATIONS);
  p.pbes2_max_p2c = 20000;
  CHECK(decrypt_code(jwe, p, key_ring({pwd})) == JWTCORE_OK);
}
