// AES-GCM (both backends), AES-CBC-PKCS#7, AES-CBC-HMAC-SHA2 and AES Key Wrap against Wycheproof,
// RFC 3394 §4, RFC 7518 Appendix B and RFC 7516 Appendix A.3; every rejection's exact status.
#include <string>
#include <vector>

#include "src/core/base64url.hpp"
#include "src/core/crypto/aes.hpp"
#include "src/core/crypto/hmac.hpp"
#include "test_crypto_sym.hpp"

using namespace jwtcore;
using namespace jwtcore::crypto;
using jwtcore::test::bytes_of;
using jwtcore::test::hex;
using jwtcore::test::same;
using jwtcore::test::Tally;
using jwtcore::test::WycheproofCase;

namespace {

// The one failure every decrypt/unwrap returns: same code, same text (no oracle).
template <class R>
void check_decrypt_failure(const R &r) {
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().code() == JWTCORE_E_DECRYPT);
  CHECK(r.status().message() == decrypt_failure().message());
}

template <class R>
void check_invalid_argument(const R &r) {
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().code() == JWTCORE_E_INVALID_ARGUMENT);
}

void run_gcm_case(const WycheproofCase &c, GcmBackend backend, Tally &tally) {
  const Bytes key = c.bytes("key"), iv = c.bytes("iv"), aad = c.bytes("aad"), msg = c.bytes("msg"),
              ct = c.bytes("ct"), tag = c.bytes("tag");
  const std::string label = std::string(backend == GcmBackend::mbedtls ? "mbedtls:" : "auto:") +
                            std::string(c.result);
  auto dec = aes_gcm_decrypt(key, iv, aad, ct, tag, backend);
  auto enc = aes_gcm_encrypt(key, iv, aad, msg, backend);
  if (iv.size() != kGcmIvSize || tag.size() != kGcmTagSize) {
    // RFC 7518 §5.3 fixes a 96-bit IV and a 128-bit tag: other sizes are refused outright.
    check_decrypt_failure(dec);
    check_invalid_argument(enc);
    tally.add(label + "-rejected(iv/tag size not JOSE)");
    return;
  }
  if (c.valid()) {
    REQUIRE(dec);
    CHECK(same(*dec, msg));
    REQUIRE(enc);
    CHECK(same(enc->ciphertext, ct));
    CHECK(same(enc->tag, tag));
  } else {
    check_decrypt_failure(dec);
    REQUIRE(enc);
    CHECK_FALSE((same(enc->ciphertext, ct) && same(enc->tag, tag)));
  }
  tally.add(label);
}

CbcHmac suite_of(const std::string &file) {
  if (file.rfind("a128", 0) == 0) return CbcHmac::a128cbc_hs256;
  if (file.rfind("a192", 0) == 0) return CbcHmac::a192cbc_hs384;
  return CbcHmac::a256cbc_hs512;
}

void run_wycheproof_cbc_hmac(const std::string &file) {
  const CbcHmac suite = suite_of(file);
  Tally tally;
  jwtcore::test::for_each_wycheproof(file, tally, [&](const WycheproofCase &c) {
    const Bytes key = c.bytes("key"), iv = c.bytes("iv"), aad = c.bytes("aad"), msg = c.bytes("msg"),
                ct = c.bytes("ct"), tag = c.bytes("tag");
    auto dec = aes_cbc_hmac_decrypt(suite, key, iv, aad, ct, tag);
    if (c.valid()) {
      REQUIRE(dec);
      CHECK(same(*dec, msg));
      auto enc = aes_cbc_hmac_encrypt(suite, key, iv, aad, msg);
      REQUIRE(enc);
      CHECK(same(enc->ciphertext, ct));
      CHECK(same(enc->tag, tag));
    } else {
      check_decrypt_failure(dec);
    }
    tally.add(std::string(c.result));
  });
}

// The RFC 7518 Appendix B inputs shared by B.1-B.3 (P, IV, A), and per-case K = 00 01 02 ….
const char *const kAppBPlaintext =
    "A cipher system must not be required to be secret, and it must be able to fall into the "
    "hands of the enemy without inconvenience";
const char *const kAppBAad = "The second principle of Auguste Kerckhoffs";
Bytes counting_key(size_t n) {
  Bytes k(n);
  for (size_t i = 0; i < n; ++i) k[i] = static_cast<uint8_t>(i);
  return k;
}

}  // namespace

// ---- AES-GCM ------------------------------------------------------------------------------------

TEST_CASE("Wycheproof AES-GCM: JOSE-sized vectors match on both backends, other IV sizes are refused") {
  if (!aes_gcm_sodium_available()) {
    WARN("libsodium AES-256-GCM is unavailable on this CPU: the automatic path ran mbedTLS only");
  }
  Tally tally;
  jwtcore::test::for_each_wycheproof("aes_gcm_test.json", tally, [&](const WycheproofCase &c) {
    run_gcm_case(c, GcmBackend::automatic, tally);
    run_gcm_case(c, GcmBackend::mbedtls, tally);
  });
}

TEST_CASE("AES-GCM: both backends agree with each other for every key size") {
  const Bytes iv(12, 0x24), aad = bytes_of("protected"), msg(77, 0x61);
  for (size_t n : {16, 24, 32}) {
    CAPTURE(n);
    const Bytes key(n, 0x17);
    auto a = aes_gcm_encrypt(key, iv, aad, msg, GcmBackend::automatic);
    auto b = aes_gcm_encrypt(key, iv, aad, msg, GcmBackend::mbedtls);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->ciphertext == b->ciphertext);
    CHECK(a->tag == b->tag);
    auto back = aes_gcm_decrypt(key, iv, aad, b->ciphertext, b->tag, GcmBackend::automatic);
    REQUIRE(back);
    CHECK(same(*back, msg));
  }
}

TEST_CASE("AES-GCM rejects truncated or extended tags even when the prefix is right") {
  const Bytes key(32, 1), iv(12, 2), aad = bytes_of("aad"), msg = bytes_of("payload");
  auto sealed = aes_gcm_encrypt(key, iv, aad, msg);
  REQUIRE(sealed);
  for (GcmBackend b : {GcmBackend::automatic, GcmBackend::mbedtls}) {
    for (size_t len : {0, 1, 4, 8, 12, 15}) {
      CAPTURE(len);
      check_decrypt_failure(aes_gcm_decrypt(key, iv, aad, sealed->ciphertext,
                                            bytes_view(sealed->tag.data(), len), b));
    }
    Bytes longer = sealed->tag;
    longer.push_back(0);
    check_decrypt_failure(aes_gcm_decrypt(key, iv, aad, sealed->ciphertext, longer, b));
  }
}

TEST_CASE("AES-GCM rejects IVs other than 12 bytes and bad key sizes with exact codes") {
  const Bytes key(16, 1), aad, msg = bytes_of("m"), tag(16, 0);
  for (size_t iv_len : {0, 8, 11, 13, 16}) {
    CAPTURE(iv_len);
    const Bytes iv(iv_len, 3);
    check_invalid_argument(aes_gcm_encrypt(key, iv, aad, msg));
    check_decrypt_failure(aes_gcm_decrypt(key, iv, aad, msg, tag));
  }
  for (size_t key_len : {0, 15, 20, 33, 64}) {
    CAPTURE(key_len);
    const Bytes bad_key(key_len, 1), iv(12, 3);
    check_invalid_argument(aes_gcm_encrypt(bad_key, iv, aad, msg));
    check_decrypt_failure(aes_gcm_decrypt(bad_key, iv, aad, msg, tag));
  }
}

TEST_CASE("AES-GCM detects a change to the ciphertext, AAD, IV or key") {
  const Bytes key(24, 9), iv(12, 8), aad = bytes_of("header"), msg = bytes_of("secret claims");
  auto s = aes_gcm_encrypt(key, iv, aad, msg);
  REQUIRE(s);
  for (GcmBackend b : {GcmBackend::automatic, GcmBackend::mbedtls}) {
    Bytes ct = s->ciphertext;
    ct[0] ^= 1;
    check_decrypt_failure(aes_gcm_decrypt(key, iv, aad, ct, s->tag, b));
    check_decrypt_failure(aes_gcm_decrypt(key, iv, bytes_of("headeR"), s->ciphertext, s->tag, b));
    Bytes iv2 = iv;
    iv2[11] ^= 0x80;
    check_decrypt_failure(aes_gcm_decrypt(key, iv2, aad, s->ciphertext, s->tag, b));
    check_decrypt_failure(aes_gcm_decrypt(Bytes(24, 10), iv, aad, s->ciphertext, s->tag, b));
  }
}

TEST_CASE("AES-GCM with an empty plaintext and empty AAD still authenticates") {
  const Bytes key(32, 5), iv(12, 6);
  for (GcmBackend b : {GcmBackend::automatic, GcmBackend::mbedtls}) {
    auto s = aes_gcm_encrypt(key, iv, bytes_view(), bytes_view(), b);
    REQUIRE(s);
    CHECK(s->ciphertext.empty());
    CHECK(s->tag.size() == 16);
    auto p = aes_gcm_decrypt(key, iv, bytes_view(), bytes_view(), s->tag, b);
    REQUIRE(p);
    CHECK(p->empty());
    Bytes t = s->tag;
    t[15] ^= 1;
    check_decrypt_failure(aes_gcm_decrypt(key, iv, bytes_view(), bytes_view(), t, b));
  }
}

// ---- AES-CBC with PKCS#7 ---------------------------------------------------------------------

TEST_CASE("Wycheproof AES-CBC-PKCS5: valid vectors match, every bad padding is rejected") {
  Tally tally;
  jwtcore::test::for_each_wycheproof("aes_cbc_pkcs5_test.json", tally, [&](const WycheproofCase &c) {
    const Bytes key = c.bytes("key"), iv = c.bytes("iv"), msg = c.bytes("msg"), ct = c.bytes("ct");
    auto dec = aes_cbc_pkcs7_decrypt(key, iv, ct);
    if (c.valid()) {
      REQUIRE(dec);
      CHECK(same(*dec, msg));
      auto enc = aes_cbc_pkcs7_encrypt(key, iv, msg);
      REQUIRE(enc);
      CHECK(same(*enc, ct));
    } else {
      check_decrypt_failure(dec);
    }
    tally.add(std::string(c.result));
  });
}

TEST_CASE("AES-CBC rejects bad key, IV and ciphertext lengths with exact codes") {
  const Bytes key(16, 1), iv(16, 2), msg = bytes_of("x");
  check_invalid_argument(aes_cbc_pkcs7_encrypt(Bytes(17, 1), iv, msg));
  check_invalid_argument(aes_cbc_pkcs7_encrypt(key, Bytes(12, 2), msg));
  check_decrypt_failure(aes_cbc_pkcs7_decrypt(key, iv, bytes_view()));
  check_decrypt_failure(aes_cbc_pkcs7_decrypt(key, iv, Bytes(15, 0)));
  check_decrypt_failure(aes_cbc_pkcs7_decrypt(key, iv, Bytes(17, 0)));
  check_decrypt_failure(aes_cbc_pkcs7_decrypt(key, Bytes(15, 2), Bytes(16, 0)));
  check_decrypt_failure(aes_cbc_pkcs7_decrypt(Bytes(8, 1), iv, Bytes(16, 0)));
}

TEST_CASE("AES-CBC padding: a full block of 0x10 is added to block-aligned input") {
  const Bytes key(16, 1), iv(16, 2), msg(32, 0x55);
  auto enc = aes_cbc_pkcs7_encrypt(key, iv, msg);
  REQUIRE(enc);
  CHECK(enc->size() == 48);
  auto dec = aes_cbc_pkcs7_decrypt(key, iv, *enc);
  REQUIRE(dec);
  CHECK(same(*dec, msg));
}

// ---- AES-CBC-HMAC-SHA2 --------------------------------------------------------------------------

TEST_CASE("Wycheproof A128CBC-HS256 vectors: every verdict matches") {
  run_wycheproof_cbc_hmac("a128cbc_hs256_test.json");
}
TEST_CASE("Wycheproof A192CBC-HS384 vectors: every verdict matches") {
  run_wycheproof_cbc_hmac("a192cbc_hs384_test.json");
}
TEST_CASE("Wycheproof A256CBC-HS512 vectors: every verdict matches") {
  run_wycheproof_cbc_hmac("a256cbc_hs512_test.json");
}

TEST_CASE("RFC 7518 Appendix B.1-B.3 AES-CBC-HMAC-SHA2 test cases") {
  struct Case {
    CbcHmac suite;
    const char *e_first_block;
    const char *t;
  };
  const Case cases[] = {
      {CbcHmac::a128cbc_hs256, "c80edfa32ddf39d5ef00c0b468834279", "652c3fa36b0a7c5b3219fab3a30bc1c4"},
      {CbcHmac::a192cbc_hs384, "ea65da6b59e61edb419be62d19712ae5",
       "8490ac0e58949bfe51875d733f93ac2075168039ccc733d7"},
      {CbcHmac::a256cbc_hs512, "4affaaadb78c31c5da4b1b590d10ffbd",
       "4dd3b4c088a7f45c216839645b2012bf2e6269a8c56a816dbc1b267761955bc5"},
  };
  const Bytes iv = hex("1af38c2dc2b96ffdd86694092341bc04");
  const Bytes p = bytes_of(kAppBPlaintext), a = bytes_of(kAppBAad);
  for (const Case &c : cases) {
    CAPTURE(static_cast<int>(c.suite));
    const Bytes key = counting_key(cbc_hmac_key_size(c.suite));
    auto enc = aes_cbc_hmac_encrypt(c.suite, key, iv, a, p);
    REQUIRE(enc);
    CHECK(enc->ciphertext.size() == 144);
    CHECK(same(bytes_view(enc->ciphertext).subview(0, 16), hex(c.e_first_block)));
    CHECK(same(enc->tag, hex(c.t)));  // T covers all of E, so E matches too
    auto dec = aes_cbc_hmac_decrypt(c.suite, key, iv, a, enc->ciphertext, hex(c.t));
    REQUIRE(dec);
    CHECK(same(*dec, p));
  }
}

TEST_CASE("AES-CBC-HMAC rejects tags of any other length, including the untruncated HMAC") {
  for (CbcHmac suite : {CbcHmac::a128cbc_hs256, CbcHmac::a192cbc_hs384, CbcHmac::a256cbc_hs512}) {
    CAPTURE(static_cast<int>(suite));
    const Bytes key = counting_key(cbc_hmac_key_size(suite)), iv(16, 4), aad = bytes_of("a");
    auto s = aes_cbc_hmac_encrypt(suite, key, iv, aad, bytes_of("hello"));
    REQUIRE(s);
    REQUIRE(s->tag.size() == cbc_hmac_tag_size(suite));
    for (size_t len : {size_t{0}, size_t{1}, size_t{8}, s->tag.size() - 1}) {
      CAPTURE(len);
      check_decrypt_failure(aes_cbc_hmac_decrypt(suite, key, iv, aad, s->ciphertext,
                                                 bytes_view(s->tag.data(), len)));
    }
    // The full HMAC output M (whose first T_LEN bytes are the right tag) is not a valid tag.
    const Bytes mac_key(key.begin(), key.begin() + static_cast<long>(cbc_hmac_tag_size(suite)));
    const Hash h = suite == CbcHmac::a128cbc_hs256 ? Hash::sha256
                   : suite == CbcHmac::a192cbc_hs384 ? Hash::sha384
                                                     : Hash::sha512;
    auto hk = HmacKey::create(h, mac_key);
    REQUIRE(hk);
    const Bytes al = hex("0000000000000008");
    const Digest m = hk->mac({aad, iv, s->ciphertext, al});
    CHECK(same(bytes_view(m.data(), s->tag.size()), s->tag));
    check_decrypt_failure(aes_cbc_hmac_decrypt(suite, key, iv, aad, s->ciphertext, m.view()));
  }
}

TEST_CASE("AES-CBC-HMAC: a padding error under a valid MAC fails exactly like a bad tag") {
  const CbcHmac suite = CbcHmac::a128cbc_hs256;
  const Bytes key = counting_key(32), iv(16, 7), aad = bytes_of("hdr");
  const bytes_view mac_key = bytes_view(key).subview(0, 16), enc_key = bytes_view(key).subview(16, 16);
  // One-block ciphertexts whose plaintext ends in 0x00, 0x11 or 0xff (all invalid PKCS#7), with
  // the matching tag computed by hand so that only the padding is wrong.
  auto try_with_last_byte = [&](uint8_t b) {
    Bytes plain(16, 0x41);
    plain[15] = b;
    auto enc = aes_cbc_pkcs7_encrypt(enc_key, iv, plain);  // 32 bytes: plain || full pad block
    REQUIRE(enc);
    return Bytes(enc->begin(), enc->begin() + 16);         // drop the pad block
  };
  for (uint8_t last : {uint8_t{0x00}, uint8_t{0x11}, uint8_t{0xff}}) {
    CAPTURE(static_cast<int>(last));
    const Bytes bad_pad_ct = try_with_last_byte(last);
    auto hk = HmacKey::create(Hash::sha256, mac_key);
    REQUIRE(hk);
    const Digest m = hk->mac({aad, iv, bad_pad_ct, hex("0000000000000018")});
    auto padding_failure = aes_cbc_hmac_decrypt(suite, key, iv, aad, bad_pad_ct, bytes_view(m.data(), 16));
    Bytes wrong_tag(m.data(), m.data() + 16);
    wrong_tag[0] ^= 1;
    auto tag_failure = aes_cbc_hmac_decrypt(suite, key, iv, aad, bad_pad_ct, wrong_tag);
    check_decrypt_failure(padding_failure);
    check_decrypt_failure(tag_failure);
    CHECK(padding_failure.status().message() == tag_failure.status().message());
  }
}

TEST_CASE("AES-CBC-HMAC rejects bad key, IV and ciphertext lengths with exact codes") {
  const CbcHmac suite = CbcHmac::a256cbc_hs512;
  const Bytes key = counting_key(64), iv(16, 1), tag(32, 0);
  check_invalid_argument(aes_cbc_hmac_encrypt(suite, counting_key(32), iv, {}, bytes_of("x")));
  check_invalid_argument(aes_cbc_hmac_encrypt(suite, key, Bytes(12, 1), {}, bytes_of("x")));
  check_decrypt_failure(aes_cbc_hmac_decrypt(suite, counting_key(32), iv, {}, Bytes(16, 0), tag));
  check_decrypt_failure(aes_cbc_hmac_decrypt(suite, key, Bytes(12, 1), {}, Bytes(16, 0), tag));
  check_decrypt_failure(aes_cbc_hmac_decrypt(suite, key, iv, {}, bytes_view(), tag));
  check_decrypt_failure(aes_cbc_hmac_decrypt(suite, key, iv, {}, Bytes(17, 0), tag));
}

// ---- AES Key Wrap ---------------------------------------------------------------------------

TEST_CASE("Wycheproof AES key wrap: valid vectors match, every bad one is rejected") {
  Tally tally;
  jwtcore::test::for_each_wycheproof("aes_wrap_test.json", tally, [&](const WycheproofCase &c) {
    const Bytes key = c.bytes("key"), msg = c.bytes("msg"), ct = c.bytes("ct");
    const bool wrappable = msg.size() >= 16 && msg.size() % 8 == 0;
    auto unwrapped = aes_kw_unwrap(key, ct);
    auto wrapped = aes_kw_wrap(key, msg);
    if (c.valid()) {
      REQUIRE(unwrapped);
      CHECK(same(*unwrapped, msg));
      REQUIRE(wrapped);
      CHECK(same(*wrapped, ct));
      tally.add("valid");
      return;
    }
    // invalid, and "acceptable" (RFC 3394's one-block wrap of an 8-byte key, which JOSE never
    // needs: CEKs are at least 16 bytes), are rejected both ways.
    check_decrypt_failure(unwrapped);
    if (!wrappable) {
      check_invalid_argument(wrapped);
    } else {
      REQUIRE(wrapped);
      CHECK_FALSE(same(*wrapped, ct));
    }
    tally.add(std::string(c.result) + "-rejected");
  });
}

TEST_CASE("RFC 3394 section 4 key wrap examples") {
  struct Case {
    const char *section, *kek, *data, *wrapped;
  };
  const char *k128 = "000102030405060708090A0B0C0D0E0F";
  const char *k192 = "000102030405060708090A0B0C0D0E0F1011121314151617";
  const char *k256 = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
  const char *d128 = "00112233445566778899AABBCCDDEEFF";
  const char *d192 = "00112233445566778899AABBCCDDEEFF0001020304050607";
  const char *d256 = "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F";
  const Case cases[] = {
      {"4.1", k128, d128, "1FA68B0A8112B447 AEF34BD8FB5A7B82 9D3E862371D2CFE5"},
      {"4.2", k192, d128, "96778B25AE6CA435 F92B5B97C050AED2 468AB8A17AD84E5D"},
      {"4.3", k256, d128, "64E8C3F9CE0F5BA2 63E9777905818A2A 93C8191E7D6E8AE7"},
      {"4.4", k192, d192, "031D33264E15D332 68F24EC260743EDC E1C6C7DDEE725A93 6BA814915C6762D2"},
      {"4.5", k256, d192, "A8F9BC1612C68B3F F6E6F4FBE30E71E4 769C8B80A32CB895 8CD5D17D6B254DA1"},
      {"4.6", k256, d256,
       "28C9F404C4B810F4 CBCCB35CFB87F826 3F5786E2D80ED326 CBC7F0E71A99F43B FB988B9B7A02DD21"},
  };
  for (const Case &c : cases) {
    CAPTURE(c.section);
    auto w = aes_kw_wrap(hex(c.kek), hex(c.data));
    REQUIRE(w);
    CHECK(same(*w, hex(c.wrapped)));
    auto u = aes_kw_unwrap(hex(c.kek), hex(c.wrapped));
    REQUIRE(u);
    CHECK(same(*u, hex(c.data)));
  }
}

TEST_CASE("AES key unwrap fails on a wrong KEK, any flipped bit and bad lengths") {
  const Bytes kek(16, 0x42), cek = counting_key(32);
  auto w = aes_kw_wrap(kek, cek);
  REQUIRE(w);
  check_decrypt_failure(aes_kw_unwrap(Bytes(16, 0x43), *w));
  for (size_t bit = 0; bit < w->size() * 8; bit += 13) {
    Bytes t = *w;
    t[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    check_decrypt_failure(aes_kw_unwrap(kek, t));
  }
  for (size_t len : {0, 8, 16, 23, 25, 41}) {
    CAPTURE(len);
    check_decrypt_failure(aes_kw_unwrap(kek, Bytes(len, 0xa6)));
  }
  check_decrypt_failure(aes_kw_unwrap(Bytes(20, 1), *w));
}

TEST_CASE("AES key wrap rejects short or unaligned key data and bad KEK sizes") {
  const Bytes kek(32, 1);
  for (size_t len : {0, 8, 15, 17, 20, 31}) {
    CAPTURE(len);
    check_invalid_argument(aes_kw_wrap(kek, Bytes(len, 2)));
  }
  for (size_t len : {0, 8, 15, 20, 33}) {
    CAPTURE(len);
    check_invalid_argument(aes_kw_wrap(Bytes(len, 1), Bytes(16, 2)));
  }
}

// ---- Composition: RFC 7516 Appendix A.3 (A128KW + A128CBC-HS256) ------------------------------

TEST_CASE("RFC 7516 Appendix A.3 decrypts through AES key unwrap and A128CBC-HS256") {
  auto text = jwtcore::test::read_vector("rfc-appendix/rfc_examples.json");
  if (!text) return;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(simdjson::padded_string(*text));
  int found = 0;
  for (simdjson::dom::element ex : doc["examples"].get_array()) {
    if (std::string_view(ex["id"].get_string()) != "rfc7516_A.3") continue;
    ++found;
    const std::string compact(std::string_view(ex["compact"].get_string()));
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t dot; (dot = compact.find('.', start)) != std::string::npos; start = dot + 1) {
      parts.push_back(compact.substr(start, dot - start));
    }
    parts.push_back(compact.substr(start));
    REQUIRE(parts.size() == 5);
    Bytes kek, encrypted_key, iv, ct, tag;
    REQUIRE(base64url::decode(std::string_view(ex["jwk"]["k"].get_string()), kek));
    REQUIRE(base64url::decode(parts[1], encrypted_key));
    REQUIRE(base64url::decode(parts[2], iv));
    REQUIRE(base64url::decode(parts[3], ct));
    REQUIRE(base64url::decode(parts[4], tag));
    auto cek = aes_kw_unwrap(kek, encrypted_key);
    REQUIRE(cek);
    CHECK(same(*cek, hex(std::string_view(ex["cek_hex"].get_string()))));
    // RFC 7516 §5.2 step 14: the AAD is ASCII(BASE64URL(UTF8(JWE Protected Header))).
    auto plain = aes_cbc_hmac_decrypt(CbcHmac::a128cbc_hs256, *cek, iv, bytes_of(parts[0]), ct, tag);
    REQUIRE(plain);
    CHECK(same(*plain, bytes_of(std::string_view(ex["plaintext"].get_string()))));
  }
  REQUIRE(found == 1);
}
