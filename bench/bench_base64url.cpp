// base64url: our table decoder (public token parts) and our constant-time path (secret JWK
// members) against libsodium's sodium_base642bin called directly.
#include <sodium.h>

#include <string>

#include "harness.hpp"
#include "src/core/base64url.hpp"

using namespace jwtcore;

int main() {
  if (sodium_init() < 0) return 1;
  std::printf("base64url decode of 400 characters (a typical token part)\n");
  Bytes raw(300);
  randombytes_buf(raw.data(), raw.size());
  const std::string text = base64url::encode(raw);
  std::vector<uint8_t> out(base64url::decoded_size(text.size()));

  double table = bench::run("jwtcore table decoder (public data)", [&] {
    size_t n = 0;
    Status st = base64url::decode_to(text, out.data(), &n);
    bench::do_not_optimize(n);
    bench::do_not_optimize(st.code());
  });
  SecretBytes secret;
  double ct = bench::run("jwtcore constant-time decoder (secrets)", [&] {
    Status st = base64url::decode_secret(text, secret, "k");
    bench::do_not_optimize(st.code());
  });
  double sodium = bench::run("libsodium sodium_base642bin (raw)", [&] {
    size_t n = 0;
    int rc = sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &n, nullptr,
                               sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    bench::do_not_optimize(rc);
  });
  double enc = bench::run("jwtcore encode (300 bytes)", [&] {
    std::string s = base64url::encode(raw);
    bench::do_not_optimize(s.size());
  });
  double sodium_enc = bench::run("libsodium sodium_bin2base64 (raw)", [&] {
    char buf[512];
    sodium_bin2base64(buf, sizeof buf, raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    bench::do_not_optimize(buf[0]);
  });
  bench::ratio("table decoder / libsodium", table, sodium);
  bench::ratio("constant-time decoder / libsodium", ct, sodium);
  bench::ratio("encode / libsodium encode", enc, sodium_enc);
  return 0;
}
