// Constant-time encoding for secret material (libsodium).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace jwtcore::crypto {

// Strict unpadded base64url decode whose timing does not depend on the input characters
// (sodium_base642bin, URLSAFE_NO_PADDING, no ignored characters, whole input consumed,
// zero trailing bits). Returns false on any malformation.
bool ct_base64url_decode(std::string_view in, uint8_t *out, size_t cap, size_t *written) noexcept;

}  // namespace jwtcore::crypto
