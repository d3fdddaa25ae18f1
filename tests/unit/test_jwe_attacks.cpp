// Hostile JWE input (issue 5 "Attack suite", SECURITY.md #7-#13, #16, #17, #22): every case
// asserts its exact status. Header, policy and format problems have their own codes; every
// cryptographic failure is JWTCORE_E_DECRYPT with one message ("decryption failed"), so that
// nothing distinguishes an unwrap, a CEK length, a point, a tag or a padding failure
// (RFC 7516 §11.4-§11.5).
#include <catch2/catch.hpp>

#include <chrono>
#include <set>

#include "src/core/crypto/aes.hpp"
#include "src/core/crypto/hmac.hpp"
#include "test_crypto_sym.hpp"
#include "test_jwe_helpers.hpp"

using namespace jwtcore;
using namespace jwtcore::test;

namespace {

const char *const kDecryptMessage = "decryption failed";

std::string header_of(const std::string &jwe) {
  const Bytes h = b64d(part(jwe, 0));
  return std::string(h.begin(), h.end());
}

std::string with_header(const std::string &jwe, const std::string &header_json) {
  return replace_part(jwe, 0, b64e(bytes_view(header_json)));
}

// Replaces the value of a string member `name` (first occurrence) in a JSON text.
std::string set_string(std::string json, const std::string &name, const std::string &value) {
  const std::string key = "\"" + name + "\":\"";
  const size_t at = json.find(key);
  REQUIRE(at != std::string::npos);
  const size_t start = at + key.size();
  json.replace(start, json.find('"', start) - start, value);
  return json;
}

// The status of a decryption; its message is checked against the one crypto message.
Status decrypt_status(const std::string &jwe, const JwePolicy &p, const KeyRing &r, JweDecrypted *out = nullptr) {
  JweScratch scratch;
  JweDecrypted local;
  return jwe_decrypt(jwe, p, r, scratch, out ? *out : local);
}

void require_crypto_failure(const Status &st) {
  CHECK(st.code() == JWTCORE_E_DECRYPT);
  CHECK(st.message() == kDecryptMessage);
}

std::string flip_bit(const std::string &jwe, int index, size_t byte = 0) {
  Bytes b = b64d(part(jwe, index));
  REQUIRE(b.size() > byte);
  b[byte] ^= 0x01;
  return replace_part(jwe, index, b64e(b));
}

std::string resize_part(const std::string &jwe, int index, long delta) {
  Bytes b = b64d(part(jwe, index));
  if (delta < 0) b.resize(b.size() - static_cast<size_t>(-delta));
  else b.insert(b.end(), static_cast<size_t>(delta), 0xAB);
  return replace_part(jwe, index, b64e(b));
}

const JwePolicy kAll = jwe_allow_all();

}  // namespace

TEST_CASE("Invalid-curve epk (a point off P-256) fails like a tag failure, before any scalar multiplication") {
  KeyPtr key = generated("ECDH-ES+A128KW");
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("x")), {recipient(key, Alg::ecdh_es_a128kw)}, Enc::a128gcm);
  std::string h = header_of(jwe);
  Bytes y = b64d(h.substr(h.find("\"y\":\"") + 5, 43));
  y[31] ^= 0x01;  // (x, y') is not on the curve
  require_crypto_failure(decrypt_status(with_header(jwe, set_string(h, "y", b64e(y))), kAll, key_ring({key})));
  // A coordinate >= p is likewise not a point of the curve.
  const std::string p_plus = b64e(Bytes(32, 0xFF));
  require_crypto_failure(decrypt_status(with_header(jwe, set_string(h, "x", p_plus)), kAll, key_ring({key})));
}

TEST_CASE("An epk on another curve than the recipient key is refused as a key mismatch") {
  KeyPtr p256 = generated("ECDH-ES");
  KeyPtr p384 = generated("ECDH-ES:P-384");
  const std::string to_p384 = encrypt_ok(bytes_view(std::string_view("x")), {recipient(p384, Alg::ecdh_es)}, Enc::a128gcm);
  CHECK(decrypt_status(to_p384, kAll, key_ring({p256})).code() == JWTCORE_E_KEY_MISMATCH);
  // An X25519 epk for an EC key, and an EC epk for an X25519 key.
  KeyPtr x25519 = generated("ECDH-ES:X25519");
  const std::string to_x = encrypt_ok(bytes_view(std::string_view("x")), {recipient(x25519, Alg::ecdh_es)}, Enc::a128gcm);
  CHECK(decrypt_status(to_x, kAll, key_ring({p256})).code() == JWTCORE_E_KEY_MISMATCH);
  CHECK(decrypt_status(to_p384, kAll, key_ring({x25519})).code() == JWTCORE_E_KEY_MISMATCH);
  // With both keys configured the right one is found.
  CHECK(decrypt_status(to_p384, kAll, key_ring({p256, x25519, p384})).code() == JWTCORE_OK);
}

TEST_CASE("Low-order X25519 epk points give an all-zero secret and fail like a tag failure") {
  KeyPtr key = generated("ECDH-ES+A256KW:X25519");
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("x")), {recipient(key, Alg::ecdh_es_a256kw)}, Enc::a256gcm);
  const std::string h = header_of(jwe);
  Bytes one(32, 0);
  one[0] = 1;
  Bytes order8 = hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
  Bytes p_minus_1(32, 0xFF);
  p_minus_1[0] = 0xEC;
  p_minus_1[31] = 0x7F;
  for (const Bytes &u : {Bytes(32, 0), one, order8, p_minus_1}) {
    require_crypto_failure(decrypt_status(with_header(jwe, set_string(h, "x", b64e(u))), kAll, key_ring({key})));
  }
}

TEST_CASE("PBES2 p2c of 2^31 is refused before PBKDF2, in well under 50 ms") {
  KeyPtr pwd = generated("PBES2-HS256+A128KW");
  JweRecipientSpec s = recipient(pwd, Alg::pbes2_hs256_a128kw);
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("x")), {s}, Enc::a128gcm);
  std::string h = header_of(jwe);
  const size_t at = h.find("\"p2c\":") + 6;
  h.replace(at, h.find_first_of(",}", at) - at, "2147483648");
  const std::string hostile = with_header(jwe, h);
  const auto t0 = std::chrono::steady_clock::now();
  const Status st = decrypt_status(hostile, kAll, key_ring({pwd}));
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  CHECK(st.code() == JWTCORE_E_LIMIT_ITERATIONS);
  CHECK(ms < 50.0);
  // Also below the floor, negative, fractional and non-numeric.
  for (const char *bad : {"999", "-1", "0"}) {
    std::string low = header_of(jwe);
    low.replace(at, low.find_first_of(",}", at) - at, bad);
    CHECK(decrypt_status(with_header(jwe, low), kAll, key_ring({pwd})).code() == JWTCORE_E_LIMIT_ITERATIONS);
  }
  for (const char *bad : {"1000.5", "\"10000\"", "null"}) {
    std::string odd = header_of(jwe);
    odd.replace(at, odd.find_first_of(",}", at) - at, bad);
    CHECK(decrypt_status(with_header(jwe, odd), kAll, key_ring({pwd})).code() == JWTCORE_E_HEADER);
  }
  // PBES2 is off unless enabled, whatever the allow-list says.
  JwePolicy off = kAll;
  off.pbes2_max_p2c = 0;
  CHECK(decrypt_status(jwe, off, key_ring({pwd})).code() == JWTCORE_E_ALG_NOT_ALLOWED);
}

TEST_CASE("PBES2 p2s shorter than 8 bytes (or missing) is a header error") {
  KeyPtr pwd = generated("PBES2-HS384+A192KW");
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("x")), {recipient(pwd, Alg::pbes2_hs384_a192kw)}, Enc::a192gcm);
  const std::string h = header_of(jwe);
  CHECK(decrypt_status(with_header(jwe, set_string(h, "p2s", b64e(Bytes(7, 1)))), kAll, key_ring({pwd})).code() ==
        JWTCORE_E_HEADER);
  CHECK(decrypt_status(with_header(jwe, set_string(h, "p2s", "")), kAll, key_ring({pwd})).code() == JWTCORE_E_HEADER);
  CHECK(decrypt_status(with_header(jwe, set_string(h, "p2s", b64e(Bytes(1025, 1)))), kAll, key_ring({pwd})).code() ==
        JWTCORE_E_HEADER);
  CHECK(decrypt_status(with_header(jwe, set_string(h, "p2s", "AAAA=")), kAll, key_ring({pwd})).code() == JWTCORE_E_HEADER);
  // 8 bytes is the minimum and passes the check (then fails to unwrap: another salt).
  require_crypto_failure(decrypt_status(with_header(jwe, set_string(h, "p2s", b64e(Bytes(8, 1)))), kAll, key_ring({pwd})));
}

TEST_CASE("Truncated and extended GCM tags are refused before decryption, even with the right prefix") {
  KeyPtr key = generated("A128KW");
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("tag")), {recipient(key, Alg::a128kw)}, Enc::a128gcm);
  for (long delta : {-1L, -4L, -8L, -16L, 1L, 16L}) {
    CAPTURE(delta);
    const Status st = decrypt_status(resize_part(jwe, 4, delta), kAll, key_ring({key}));
    CHECK(st.code() == JWTCORE_E_TOKEN_FORMAT);
  }
  // A GCM IV of 11 or 16 bytes likewise.
  CHECK(decrypt_status(resize_part(jwe, 2, -1), kAll, key_ring({key})).code() == JWTCORE_E_TOKEN_FORMAT);
  CHECK(decrypt_status(resize_part(jwe, 2, 4), kAll, key_ring({key})).code() == JWTCORE_E_TOKEN_FORMAT);
}

TEST_CASE("A truncated (or untruncated) CBC-HMAC tag is refused: exactly T_LEN bytes") {
  KeyPtr key = generated("A256KW");
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("cbc")), {recipient(key, Alg::a256kw)}, Enc::a256cbc_hs512);
  for (long delta : {-1L, -16L, 32L}) {
    CAPTURE(delta);
    CHECK(decrypt_status(resize_part(jwe, 4, delta), kAll, key_ring({key})).code() == JWTCORE_E_TOKEN_FORMAT);
  }
  CHECK(decrypt_status(resize_part(jwe, 2, -4), kAll, key_ring({key})).code() == JWTCORE_E_TOKEN_FORMAT);
}

TEST_CASE("A flipped bit in ciphertext, tag, IV, encrypted key or protected header fails with the one crypto status") {
  for (Enc enc : {Enc::a256gcm, Enc::a128cbc_hs256}) {
    KeyPtr key = generated("A192KW");
    const std::string jwe = encrypt_ok(bytes_view(std::string_view("bit flips")), {recipient(key, Alg::a192kw)}, enc);
    CAPTURE(enc_info(enc).name);
    for (int index : {1, 2, 3, 4}) {
      CAPTURE(index);
      require_crypto_failure(decrypt_status(flip_bit(jwe, index), kAll, key_ring({key})));
    }
    // The protected header is the AAD: an added member changes nothing else but the tag check.
    std::string h = header_of(jwe);
    h.insert(h.size() - 1, ",\"x\":1");
    require_crypto_failure(decrypt_status(with_header(jwe, h), kAll, key_ring({key})));
  }
}

TEST_CASE("dir with a key of the wrong length for enc is a key error, not a crypto error") {
  KeyPtr a128 = generated("A128GCM");
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("dir")), {recipient(a128, Alg::dir)}, Enc::a128gcm);
  const std::string h = header_of(jwe);
  // The same token claiming A256GCM: the 16-byte key bound to A128GCM does not fit.
  CHECK(decrypt_status(with_header(jwe, set_string(h, "enc", "A256GCM")), kAll, key_ring({a128})).code() ==
        JWTCORE_E_KEY_MISMATCH);
  // An unbound 16-byte secret is too short for A256GCM, a 64-byte one too long for A128GCM.
  CHECK(decrypt_status(with_header(jwe, set_string(h, "enc", "A256GCM")), kAll, key_ring({secret_key(std::string(16, 'k'))}))
            .code() == JWTCORE_E_KEY_WEAK);
  CHECK(decrypt_status(jwe, kAll, key_ring({secret_key(std::string(64, 'k'))})).code() == JWTCORE_E_KEY_MISMATCH);
  // dir carries no encrypted key.
  CHECK(decrypt_status(replace_part(jwe, 1, "AAAA"), kAll, key_ring({a128})).code() == JWTCORE_E_TOKEN_FORMAT);
}

TEST_CASE("A CEK of the wrong length after unwrap fails exactly like a bad tag") {
  const bytes_view pt(std::string_view("short cek"));
  // A 16-byte CEK wrapped by each algorithm, in a token whose header claims A256GCM (32 bytes).
  for (const char *spec : {"A128KW", "A256GCMKW", "RSA-OAEP", "ECDH-ES+A128KW", "PBES2-HS256+A128KW"}) {
    CAPTURE(spec);
    KeyPtr key = generated(spec);
    JweRecipientSpec r = recipient(key, find_alg(spec)->alg);
    r.pbes2_iterations = kPbes2MinIterations;
    const std::string jwe = encrypt_ok(pt, {r}, Enc::a128gcm);
    const std::string hostile = with_header(jwe, set_string(header_of(jwe), "enc", "A256GCM"));
    require_crypto_failure(decrypt_status(hostile, kAll, key_ring({key})));
  }
  // RSA1_5: the §11.5 countermeasure substitutes a random CEK of the right length; the tag fails.
  KeyPtr rsa = generated("RSA1_5");
  const Bytes cek(16, 7);
  auto ek = rsa->rsa()->pkcs1v15_encrypt(cek);
  REQUIRE(ek.is_ok());
  KeyPtr a256 = generated("A256GCMKW");  // just for a well-formed token body
  const std::string body = encrypt_ok(pt, {recipient(a256, Alg::a256gcmkw)}, Enc::a256gcm);
  std::string token = with_header(body, R"({"alg":"RSA1_5","enc":"A256GCM"})");
  token = replace_part(token, 1, b64e(*ek));
  require_crypto_failure(decrypt_status(token, kAll, key_ring({rsa})));
}

TEST_CASE("A JWS handed to the decrypter is refused as a JWS; other part counts are format errors") {
  const std::string jws = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
  const Status st = decrypt_status(jws, kAll, key_ring({generated("A128KW")}));
  CHECK(st.code() == JWTCORE_E_TOKEN_FORMAT);
  CHECK(st.message().find("JWS") != std::string::npos);
  for (const char *bad : {"a.b.c.d", "a.b.c.d.e.f", "", "....", "abc"}) {
    CAPTURE(bad);
    CHECK(decrypt_status(bad, kAll, key_ring({generated("A128KW")})).code() == JWTCORE_E_TOKEN_FORMAT);
  }
}

TEST_CASE("Header members duplicated across protected and unprotected headers are refused") {
  KeyPtr key = generated("A128KW");
  JweEncryptOptions o;
  o.serialization = JweSerialization::flattened;
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("dup")), {recipient(key, Alg::a128kw)}, Enc::a128gcm, o);
  json::Document d;
  REQUIRE(d.parse_object(jwe, {1 << 16, 8}, "jwe"));
  auto rebuild = [&](const std::string &extra) {
    std::string t = jwe;
    t.insert(t.size() - 1, extra);
    return t;
  };
  // enc again in the shared unprotected header, alg again in the per-recipient header.
  CHECK(decrypt_status(rebuild(R"(,"unprotected":{"enc":"A128GCM"})"), kAll, key_ring({key})).code() == JWTCORE_E_HEADER);
  CHECK(decrypt_status(rebuild(R"(,"header":{"alg":"A128KW"})"), kAll, key_ring({key})).code() == JWTCORE_E_HEADER);
  CHECK(decrypt_status(rebuild(R"(,"unprotected":{"kid":"a"},"header":{"kid":"b"})"), kAll, key_ring({key})).code() ==
        JWTCORE_E_HEADER);
  // Inside one header, or twice at the top level, duplicates are a JSON error.
  const std::string compact = encrypt_ok(bytes_view(std::string_view("d")), {recipient(key, Alg::a128kw)}, Enc::a128gcm);
  const std::string h = header_of(compact);
  CHECK(decrypt_status(with_header(compact, h.substr(0, h.size() - 1) + R"(,"enc":"A128GCM"})"), kAll, key_ring({key})).code() ==
        JWTCORE_E_JSON_DUPLICATE);
  CHECK(decrypt_status(rebuild(R"(,"iv":"AAAA")"), kAll, key_ring({key})).code() == JWTCORE_E_JSON_DUPLICATE);
}

TEST_CASE("Policy is checked before any crypto: alg, enc, RSA1_5 opt-in, zip, crit") {
  KeyPtr key = generated("A128KW");
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("policy")), {recipient(key, Alg::a128kw)}, Enc::a128gcm);
  const std::string h = header_of(jwe);
  CHECK(decrypt_status(jwe, jwe_allow({Alg::a256kw}, {Enc::a128gcm}), key_ring({key})).code() == JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(decrypt_status(jwe, jwe_allow({Alg::a128kw}, {Enc::a256gcm}), key_ring({key})).code() == JWTCORE_E_ENC_NOT_ALLOWED);
  CHECK(decrypt_status(jwe, JwePolicy{}, key_ring({key})).code() == JWTCORE_E_ALG_NOT_ALLOWED);
  for (const char *alg : {"none", "HS256", "a128kw", "A128KW ", "unknown"}) {
    CHECK(decrypt_status(with_header(jwe, set_string(h, "alg", alg)), kAll, key_ring({key})).code() == JWTCORE_E_ALG_NOT_ALLOWED);
  }
  CHECK(decrypt_status(with_header(jwe, set_string(h, "enc", "A128CBC-H256")), kAll, key_ring({key})).code() ==
        JWTCORE_E_ENC_NOT_ALLOWED);
  CHECK(decrypt_status(with_header(jwe, R"({"enc":"A128GCM"})"), kAll, key_ring({key})).code() == JWTCORE_E_HEADER);
  CHECK(decrypt_status(with_header(jwe, R"({"alg":"A128KW"})"), kAll, key_ring({key})).code() == JWTCORE_E_HEADER);
  CHECK(decrypt_status(with_header(jwe, R"({"alg":1,"enc":"A128GCM"})"), kAll, key_ring({key})).code() == JWTCORE_E_HEADER);
  // zip is refused whatever its value, before the key is used.
  const std::string zipped = with_header(jwe, h.substr(0, h.size() - 1) + R"(,"zip":"DEF"})");
  CHECK(decrypt_status(zipped, kAll, key_ring({generated("RSA-OAEP")})).code() == JWTCORE_E_ZIP_UNSUPPORTED);
  // crit: unknown names refused; names the caller understands accepted (then the tag fails,
  // since the header changed).
  const std::string crit = with_header(jwe, h.substr(0, h.size() - 1) + R"(,"crit":["exp"],"exp":1})");
  CHECK(decrypt_status(crit, kAll, key_ring({key})).code() == JWTCORE_E_CRIT_UNKNOWN);
  JwePolicy understands = kAll;
  understands.understood_crit = {"exp"};
  require_crypto_failure(decrypt_status(crit, understands, key_ring({key})));
  CHECK(decrypt_status(with_header(jwe, h.substr(0, h.size() - 1) + R"(,"crit":["enc"]})"), understands, key_ring({key})).code() ==
        JWTCORE_E_CRIT_UNKNOWN);
}

TEST_CASE("RSA1_5: off by default; when enabled a bad padding is indistinguishable from a bad tag") {
  KeyPtr rsa = generated("RSA1_5");
  const Bytes cek(32, 3);
  auto ek = rsa->rsa()->pkcs1v15_encrypt(cek);
  REQUIRE(ek.is_ok());
  // libjwtcore never produces RSA1_5: build the token from its parts.
  const std::string header_b64 = b64e(bytes_view(std::string_view(R"({"alg":"RSA1_5","enc":"A256GCM"})")));
  const Bytes iv(12, 9);
  auto sealed = jwe_content_encrypt(Enc::a256gcm, cek, iv, bytes_view(header_b64), bytes_view(std::string_view("pkcs1")));
  REQUIRE(sealed.is_ok());
  const std::string token = header_b64 + "." + b64e(*ek) + "." + b64e(iv) + "." + b64e(sealed->ciphertext) + "." +
                            b64e(sealed->tag);
  JwePolicy off = kAll;
  off.allow_rsa1_5 = false;
  CHECK(decrypt_status(token, off, key_ring({rsa})).code() == JWTCORE_E_ALG_NOT_ALLOWED);
  JweDecrypted out;
  REQUIRE(decrypt_status(token, kAll, key_ring({rsa}), &out).is_ok());
  CHECK(text(out.plaintext) == "pkcs1");
  // Corrupted encrypted keys: wrong length, flipped bits (padding destroyed), all zero.
  Bytes zero(ek->size(), 0);
  for (const std::string &bad : {flip_bit(token, 1, 0), flip_bit(token, 1, 100), resize_part(token, 1, -1),
                                 replace_part(token, 1, b64e(zero))}) {
    require_crypto_failure(decrypt_status(bad, kAll, key_ring({rsa})));
  }
  // An RSA-OAEP key is never used for RSA1_5 (Wycheproof OaepKeyUsedWithPkcs1_5).
  CHECK(decrypt_status(token, kAll, key_ring({generated("RSA-OAEP")})).code() == JWTCORE_E_KEY_MISMATCH);
}

TEST_CASE("A CBC padding error under a valid tag fails exactly like a bad tag") {
  const Bytes cek(32, 5);  // MAC key || ENC key for A128CBC-HS256
  KeyPtr key = secret_key(std::string(cek.begin(), cek.end()));
  const std::string header_b64 = b64e(bytes_view(std::string_view(R"({"alg":"dir","enc":"A128CBC-HS256"})")));
  const Bytes iv(16, 1);
  Bytes block(16, 0x41);
  block[15] = 0x00;  // a last byte of 0 is never valid PKCS#7 padding
  auto padded = crypto::aes_cbc_pkcs7_encrypt(bytes_view(cek).subview(16, 16), iv, block);
  REQUIRE(padded.is_ok());
  const Bytes c1(padded->begin(), padded->begin() + 16);  // drop the padding block
  auto mac = crypto::HmacKey::create(crypto::Hash::sha256, bytes_view(cek).subview(0, 16));
  REQUIRE(mac.is_ok());
  Bytes al(8, 0);
  al[7] = static_cast<uint8_t>((header_b64.size() * 8) & 0xff);
  al[6] = static_cast<uint8_t>((header_b64.size() * 8) >> 8);
  const crypto::Digest t = mac->mac({bytes_view(header_b64), iv, c1, al});
  const std::string token = header_b64 + ".." + b64e(iv) + "." + b64e(c1) + "." + b64e(bytes_view(t.data(), 16));
  require_crypto_failure(decrypt_status(token, kAll, key_ring({key})));
}

TEST_CASE("epk and the AES-GCM key-wrap members are type- and length-checked before any crypto") {
  KeyPtr ec = generated("ECDH-ES");
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("epk")), {recipient(ec, Alg::ecdh_es)}, Enc::a128gcm);
  const std::string h = header_of(jwe);
  const size_t epk_at = h.find("\"epk\":");
  const size_t epk_end = h.find('}', epk_at) + 1;
  const std::string epk = h.substr(epk_at + 6, epk_end - epk_at - 6);
  auto replace_epk = [&](const std::string &value) { return with_header(jwe, h.substr(0, epk_at + 6) + value + h.substr(epk_end)); };
  CHECK(decrypt_status(replace_epk(epk.substr(0, epk.size() - 1) + R"(,"d":"AAAA"})"), kAll, key_ring({ec})).code() ==
        JWTCORE_E_HEADER);
  CHECK(decrypt_status(replace_epk("\"not a key\""), kAll, key_ring({ec})).code() == JWTCORE_E_HEADER);
  CHECK(decrypt_status(replace_epk(R"({"kty":"RSA","n":"AQAB","e":"AQAB"})"), kAll, key_ring({ec})).code() == JWTCORE_E_HEADER);
  CHECK(decrypt_status(replace_epk(R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})"), kAll,
                       key_ring({ec})).code() == JWTCORE_E_HEADER);
  CHECK(decrypt_status(replace_epk(set_string(epk, "x", "AAAA")), kAll, key_ring({ec})).code() == JWTCORE_E_HEADER);
  CHECK(decrypt_status(with_header(jwe, R"({"alg":"ECDH-ES","enc":"A128GCM"})"), kAll, key_ring({ec})).code() == JWTCORE_E_HEADER);
  CHECK(decrypt_status(with_header(jwe, h.substr(0, h.size() - 1) + R"(,"apu":7})"), kAll, key_ring({ec})).code() == JWTCORE_E_HEADER);

  KeyPtr gcmkw = generated("A128GCMKW");
  const std::string wrapped = encrypt_ok(bytes_view(std::string_view("kw")), {recipient(gcmkw, Alg::a128gcmkw)}, Enc::a128gcm);
  const std::string wh = header_of(wrapped);
  CHECK(decrypt_status(with_header(wrapped, set_string(wh, "iv", b64e(Bytes(11, 0)))), kAll, key_ring({gcmkw})).code() ==
        JWTCORE_E_HEADER);
  CHECK(decrypt_status(with_header(wrapped, set_string(wh, "tag", b64e(Bytes(15, 0)))), kAll, key_ring({gcmkw})).code() ==
        JWTCORE_E_HEADER);
  CHECK(decrypt_status(with_header(wrapped, set_string(wh, "tag", b64e(Bytes(17, 0)))), kAll, key_ring({gcmkw})).code() ==
        JWTCORE_E_HEADER);
  // Right lengths, wrong tag: the key unwrap fails with the one crypto status.
  require_crypto_failure(decrypt_status(with_header(wrapped, set_string(wh, "tag", b64e(Bytes(16, 0)))), kAll, key_ring({gcmkw})));
}

TEST_CASE("Every cryptographic failure has the same code and the same message") {
  std::set<std::string> messages;
  auto record = [&](const Status &st) {
    CHECK(st.code() == JWTCORE_E_DECRYPT);
    messages.insert(st.message());
  };
  KeyPtr kw = generated("A128KW");
  const std::string a = encrypt_ok(bytes_view(std::string_view("m")), {recipient(kw, Alg::a128kw)}, Enc::a128cbc_hs256);
  record(decrypt_status(a, kAll, key_ring({generated("A128KW")})));  // wrong KEK: unwrap ICV
  record(decrypt_status(flip_bit(a, 3), kAll, key_ring({kw})));       // MAC over the ciphertext
  KeyPtr rsa = generated("RSA-OAEP-256");
  const std::string r = encrypt_ok(bytes_view(std::string_view("m")), {recipient(rsa, Alg::rsa_oaep_256)}, Enc::a256gcm);
  record(decrypt_status(flip_bit(r, 1, 5), kAll, key_ring({rsa})));  // OAEP decoding
  record(decrypt_status(flip_bit(r, 4), kAll, key_ring({rsa})));     // GCM tag
  KeyPtr x = generated("ECDH-ES:X25519");
  const std::string e = encrypt_ok(bytes_view(std::string_view("m")), {recipient(x, Alg::ecdh_es)}, Enc::a256gcm);
  record(decrypt_status(with_header(e, set_string(header_of(e), "x", b64e(Bytes(32, 0)))), kAll, key_ring({x})));
  CHECK(messages == std::set<std::string>{kDecryptMessage});
}

TEST_CASE("Failed decryption leaves no plaintext behind, even in a reused result") {
  KeyPtr key = generated("A128KW");
  const std::string jwe = encrypt_ok(bytes_view(std::string_view("secret plaintext")), {recipient(key, Alg::a128kw)}, Enc::a128gcm);
  JweScratch scratch;
  JweDecrypted out;
  REQUIRE(jwe_decrypt(jwe, kAll, key_ring({key}), scratch, out).is_ok());
  REQUIRE(!out.plaintext.empty());
  CHECK(jwe_decrypt(flip_bit(jwe, 3), kAll, key_ring({key}), scratch, out).code() == JWTCORE_E_DECRYPT);
  CHECK(out.plaintext.empty());
  CHECK(!out.key);
  CHECK(out.protected_header.empty());
}

TEST_CASE("Size limits: token, header, recipients; strict base64url in every part") {
  KeyPtr key = generated("A128KW");
  const std::string jwe = encrypt_ok(bytes_view(std::string(2000, 'z')), {recipient(key, Alg::a128kw)}, Enc::a128gcm);
  JwePolicy small = kAll;
  small.limits.max_token = 1000;
  CHECK(decrypt_status(jwe, small, key_ring({key})).code() == JWTCORE_E_LIMIT_SIZE);
  small = kAll;
  small.limits.max_header = 20;
  CHECK(decrypt_status(jwe, small, key_ring({key})).code() == JWTCORE_E_LIMIT_SIZE);
  for (int index : {0, 1, 2, 3, 4}) {
    CAPTURE(index);
    CHECK(decrypt_status(replace_part(jwe, index, part(jwe, index) + "="), kAll, key_ring({key})).code() == JWTCORE_E_BASE64);
  }
  CHECK(decrypt_status(replace_part(jwe, 0, ""), kAll, key_ring({key})).code() == JWTCORE_E_TOKEN_FORMAT);
  // General JSON with more recipients than the limit.
  JweEncryptOptions o;
  o.serialization = JweSerialization::general;
  std::vector<JweRecipientSpec> many(17, recipient(key, Alg::a128kw));
  const std::string general = encrypt_ok(bytes_view(std::string_view("m")), many, Enc::a128gcm, o);
  CHECK(decrypt_status(general, kAll, key_ring({key})).code() == JWTCORE_E_LIMIT_SIZE);
  many.resize(16);
  CHECK(decrypt_status(encrypt_ok(bytes_view(std::string_view("m")), many, Enc::a128gcm, o), kAll, key_ring({key})).code() ==
        JWTCORE_OK);
  // Malformed JSON shapes.
  for (const char *bad : {R"({"ciphertext":"AA","recipients":[]})", R"({"ciphertext":"AA","recipients":{}})",
                          R"({"ciphertext":"AA","recipients":[1]})", R"({"iv":"AA"})",
                          R"({"ciphertext":"AA","recipients":[{}],"header":{}})", R"({"ciphertext":"AA","protected":7})"}) {
    CAPTURE(bad);
    CHECK(decrypt_status(bad, kAll, key_ring({key})).code() == JWTCORE_E_TOKEN_FORMAT);
  }
}
