#include "encoding.hpp"

#include <sodium.h>

#include "random.hpp"

namespace jwtcore::crypto {

bool ct_base64url_decode(std::string_view in, uint8_t *out, size_t cap, size_t *written) noexcept {
  *written = 0;
  if (in.empty()) return true;
  ensure_init();
  // libsodium 1.0.18 maps characters through a signed char, so bytes >= 0x80 alias alphabet
  // values and decode "successfully" (found by tests/unit/test_base64url.cpp). Screen them
  // first, without branching on any single character.
  unsigned high = 0;
  for (char c : in) high |= static_cast<unsigned char>(c);
  if (high & 0x80u) return false;
  size_t len = 0;
  // ignore = NULL and b64_end = NULL: any character outside the alphabet, and any input not
  // consumed whole, is an error rather than an early stop.
  int rc = sodium_base642bin(out, cap, in.data(), in.size(), nullptr, &len, nullptr,
                             sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  if (rc != 0) {
    sodium_memzero(out, cap);
    return false;
  }
  *written = len;
  return true;
}

}  // namespace jwtcore::crypto
