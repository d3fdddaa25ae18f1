// base64url without padding (RFC 4648 §5, RFC 7515 §2): one canonical encoding per byte string.
#pragma once

#include <string>
#include <string_view>

#include "bytes.hpp"
#include "status.hpp"

namespace jwtcore::base64url {

// Characters needed for n bytes. Cannot overflow for any n that fits in memory: it is computed
// as 4*(n/3) + {0,2,3} and n/3*4 < SIZE_MAX for n < SIZE_MAX.
constexpr size_t encoded_size(size_t n) { return (n / 3) * 4 + (n % 3 == 0 ? 0 : n % 3 + 1); }

// Upper bound of the bytes that n characters can decode to.
constexpr size_t decoded_size(size_t n) { return (n / 4) * 3 + (n % 4 == 0 ? 0 : (n % 4) - 1 + (n % 4 == 1)); }

// Writes encoded_size(in.size()) characters to out.
void encode_to(bytes_view in, char *out) noexcept;
std::string encode(bytes_view in);
void append(std::string &out, bytes_view in);

// Strict decoding of public data (token parts, signatures, public key members): a table
// decoder, variable-time in the input's value, which is public. Appends nothing on failure.
// Error: JWTCORE_E_BASE64 with the offending position.
Status decode(std::string_view in, Bytes &out);
// Decodes into caller memory of at least decoded_size(in.size()) bytes; *written gets the count.
Status decode_to(std::string_view in, uint8_t *out, size_t *written);

// Strict, constant-time decoding of secret data (private key members, `k`): libsodium's
// decoder, whose timing does not depend on the characters. `what` names the member in errors.
Status decode_secret(std::string_view in, SecretBytes &out, std::string_view what);

}  // namespace jwtcore::base64url
