// jwtcore_base64url_encode on arbitrary bytes, then jwtcore_base64url_decode of the result.
// Oracles:
//  - encoding: exactly ceil(4n/3) characters of the URL-safe alphabet, no padding, NUL-terminated;
//  - round trip: the text decodes back to exactly the input bytes;
//  - canonical form: setting an unused trailing bit of the last character (when the length leaves
//    any, RFC 4648 §3.5) makes the decoder reject the text with JWTCORE_E_BASE64.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "jwtcore/jwtcore.h"

namespace {

using jwtcore::fuzz::OutBytes;

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void check_trailing_bits_rejected(std::string_view text, size_t input_size) {
  if (input_size % 3 == 0) return;  // a whole number of groups leaves no unused bit
  std::string mutated(text);
  const size_t digit = kAlphabet.find(mutated.back());
  FUZZ_CHECK(digit != std::string_view::npos);
  FUZZ_CHECK((digit & 1) == 0);  // the lowest bit is always an unused one here
  mutated.back() = kAlphabet[digit | 1];
  OutBytes out;
  const int rc = jwtcore_base64url_decode(&out.data, &out.size, mutated.data(), mutated.size());
  jwtcore::fuzz::check_failure(rc, out);
  FUZZ_CHECK(rc == JWTCORE_E_BASE64);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  OutBytes text;
  const int rc = jwtcore_base64url_encode(&text.data, &text.size, data, size);
  jwtcore::fuzz::check_success(rc, text);
  FUZZ_CHECK(text.size == (size * 4 + 2) / 3);
  FUZZ_CHECK(text.view().find_first_not_of(kAlphabet) == std::string_view::npos);

  OutBytes back;
  const int rc2 = jwtcore_base64url_decode(&back.data, &back.size, reinterpret_cast<const char *>(text.data), text.size);
  jwtcore::fuzz::check_success(rc2, back);
  FUZZ_CHECK(back.view() == std::string_view(reinterpret_cast<const char *>(data), size));

  check_trailing_bits_rejected(text.view(), size);
  return 0;
}
