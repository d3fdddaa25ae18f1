// base64url: RFC 4648 §10 vectors in the URL alphabet without padding, and every rejection.
#include <catch2/catch.hpp>

#include <random>

#include "src/core/base64url.hpp"

using namespace jwtcore;

namespace {
std::string enc(std::string_view s) { return base64url::encode(bytes_view(s)); }
Status dec(std::string_view s, Bytes &out) { return base64url::decode(s, out); }
int dec_code(std::string_view s) {
  Bytes out;
  return dec(s, out).code();
}
int dec_secret_code(std::string_view s) {
  SecretBytes out;
  return base64url::decode_secret(s, out, "k").code();
}
}  // namespace

TEST_CASE("RFC 4648 section 10 vectors encode and decode in the url alphabet without padding") {
  const std::pair<const char *, const char *> vectors[] = {
      {"", ""},           {"f", "Zg"},           {"fo", "Zm8"},          {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
  };
  for (auto [plain, encoded] : vectors) {
    CAPTURE(plain);
    CHECK(enc(plain) == encoded);
    Bytes out;
    REQUIRE(dec(encoded, out));
    CHECK(std::string(out.begin(), out.end()) == plain);
    SecretBytes secret;
    REQUIRE(base64url::decode_secret(encoded, secret, "k"));
    CHECK(std::string(secret.begin(), secret.end()) == plain);
  }
}

TEST_CASE("The url alphabet uses '-' and '_' where standard base64 uses '+' and '/'") {
  const uint8_t raw[] = {0xfb, 0xff, 0xbf};
  CHECK(base64url::encode(bytes_view(raw, 3)) == "-_-_");
  Bytes out;
  REQUIRE(dec("-_-_", out));
  CHECK(out == Bytes(raw, raw + 3));
}

TEST_CASE("Padding '=' is rejected") {
  CHECK(dec_code("Zg==") == JWTCORE_E_BASE64);
  CHECK(dec_code("Zm8=") == JWTCORE_E_BASE64);
  CHECK(dec_secret_code("Zg==") == JWTCORE_E_BASE64);
  Bytes out;
  Status st = dec("Zm8=", out);
  CHECK(st.message().find("padding") != std::string::npos);
  CHECK(st.message().find("offset 3") != std::string::npos);
  CHECK(out.empty());
}

TEST_CASE("Whitespace anywhere is rejected") {
  for (const char *s : {" Zm9v", "Zm9v ", "Zm 9v", "Zm9v\n", "Zm\t9v", "Zm9v\r\n"}) {
    CAPTURE(s);
    CHECK(dec_code(s) == JWTCORE_E_BASE64);
    CHECK(dec_secret_code(s) == JWTCORE_E_BASE64);
  }
}

TEST_CASE("The standard alphabet's '+' and '/' are rejected") {
  CHECK(dec_code("+_-_") == JWTCORE_E_BASE64);
  CHECK(dec_code("-/-_") == JWTCORE_E_BASE64);
  CHECK(dec_secret_code("+_-_") == JWTCORE_E_BASE64);
  CHECK(dec_secret_code("-/-_") == JWTCORE_E_BASE64);
}

TEST_CASE("Every byte outside the alphabet is rejected in every position") {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (int b = 0; b < 256; ++b) {
    if (alphabet.find(static_cast<char>(b)) != std::string::npos) continue;
    for (size_t pos = 0; pos < 4; ++pos) {
      std::string s = "Zm9v";
      s[pos] = static_cast<char>(b);
      CAPTURE(b, pos);
      CHECK(dec_code(s) == JWTCORE_E_BASE64);
      CHECK(dec_secret_code(s) == JWTCORE_E_BASE64);
    }
  }
}

TEST_CASE("A NUL byte inside the input is rejected, not treated as the end") {
  CHECK(dec_code(std::string_view("Zm9v\0Zm9v", 9)) == JWTCORE_E_BASE64);
  CHECK(dec_secret_code(std::string_view("Zm9v\0Zm9v", 9)) == JWTCORE_E_BASE64);
}

TEST_CASE("Impossible lengths (len % 4 == 1) are rejected") {
  for (const char *s : {"Z", "Zm9vY", "Zm9vYmFyZ"}) {
    CAPTURE(s);
    CHECK(dec_code(s) == JWTCORE_E_BASE64);
    CHECK(dec_secret_code(s) == JWTCORE_E_BASE64);
  }
  Bytes out;
  CHECK(dec("Zm9vY", out).message().find("length 5") != std::string::npos);
}

TEST_CASE("Non-canonical encodings (non-zero trailing bits) are rejected") {
  // "Zg" is the only encoding of "f"; "Zh".."Zv" decode to "f" with leftover bits set.
  for (const char *s : {"Zh", "Zi", "Zv", "Zm9", "Zm-", "Zm_"}) {
    CAPTURE(s);
    CHECK(dec_code(s) == JWTCORE_E_BASE64);
    CHECK(dec_secret_code(s) == JWTCORE_E_BASE64);
  }
  CHECK(dec_code("Zg") == JWTCORE_OK);
  CHECK(dec_code("Zm8") == JWTCORE_OK);
}

TEST_CASE("decode appends nothing on failure and appends the bytes on success") {
  Bytes out = {1, 2};
  CHECK_FALSE(dec("Zm9v!", out));
  CHECK(out == Bytes{1, 2});
  REQUIRE(dec("Zm9v", out));
  CHECK(out == Bytes{1, 2, 'f', 'o', 'o'});
}

TEST_CASE("encoded_size and decoded_size agree with the codec for every length up to 300") {
  for (size_t n = 0; n <= 300; ++n) {
    Bytes raw(n, 0xa5);
    std::string e = base64url::encode(raw);
    CHECK(e.size() == base64url::encoded_size(n));
    CHECK(base64url::decoded_size(e.size()) >= n);
  }
}

TEST_CASE("The table decoder and libsodium's constant-time decoder agree on random inputs") {
  // A differential check: same verdict and same bytes on valid and near-valid inputs.
  std::mt19937 rng(1234);
  const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= ";
  for (int i = 0; i < 20000; ++i) {
    size_t len = rng() % 12;
    std::string s;
    for (size_t k = 0; k < len; ++k) s += chars[rng() % (i % 3 == 0 ? chars.size() : 64)];
    Bytes a;
    SecretBytes b;
    Status sa = base64url::decode(s, a);
    Status sb = base64url::decode_secret(s, b, "x");
    CAPTURE(s);
    REQUIRE(sa.code() == sb.code());
    if (sa) REQUIRE(Bytes(b.begin(), b.end()) == a);
  }
}
