// jwtcore_base64url_decode on arbitrary text (SECURITY.md #18, #20).
// Oracles:
//  - the ABI contract: success gives a NUL-terminated block, failure is JWTCORE_E_BASE64 with a
//    message and no output;
//  - canonical form: whatever decodes re-encodes to exactly the input (one encoding per value, so
//    no two token texts verify as the same bytes), and its length is the one the input implies;
//  - differential: the table decoder behind the ABI, the core's appending decode() and the
//    constant-time libsodium decoder used for secret key members give the same verdict and bytes.
#include <algorithm>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "jwtcore/jwtcore.h"
#include "src/core/base64url.hpp"

namespace {

using jwtcore::fuzz::OutBytes;

void check_differential(std::string_view text, int rc, const OutBytes &decoded) {
  jwtcore::SecretBytes reference;
  const jwtcore::Status st = jwtcore::base64url::decode_secret(text, reference, "fuzz");
  FUZZ_CHECK(st.is_ok() == (rc == JWTCORE_OK));
  if (!st) {
    FUZZ_CHECK(st.code() == JWTCORE_E_BASE64);
    FUZZ_CHECK(reference.empty());
    return;
  }
  FUZZ_CHECK(reference.size() == decoded.size);
  FUZZ_CHECK(decoded.view() == std::string_view(reinterpret_cast<const char *>(reference.data()), reference.size()));
}

// The core's appending decoder: same verdict and bytes, and whatever the buffer held before is
// kept (on failure nothing is appended).
void check_append(std::string_view text, int rc, const OutBytes &decoded) {
  jwtcore::Bytes buffer{0x5a};
  const jwtcore::Status st = jwtcore::base64url::decode(text, buffer);
  FUZZ_CHECK(st.is_ok() == (rc == JWTCORE_OK));
  FUZZ_CHECK(buffer.size() == 1 + decoded.size && buffer[0] == 0x5a);
  FUZZ_CHECK(std::equal(buffer.begin() + 1, buffer.end(), decoded.data));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  OutBytes decoded;
  const int rc = jwtcore_base64url_decode(&decoded.data, &decoded.size, text.data(), text.size());
  if (rc != JWTCORE_OK) {
    jwtcore::fuzz::check_failure(rc, decoded);
    FUZZ_CHECK(rc == JWTCORE_E_BASE64);
  } else {
    jwtcore::fuzz::check_success(rc, decoded);
    FUZZ_CHECK(size % 4 != 1);
    FUZZ_CHECK(decoded.size == size / 4 * 3 + (size % 4 == 0 ? 0 : size % 4 - 1));
    OutBytes again;
    const int rc2 = jwtcore_base64url_encode(&again.data, &again.size, decoded.data, decoded.size);
    jwtcore::fuzz::check_success(rc2, again);
    FUZZ_CHECK(again.view() == text);
  }
  check_differential(text, rc, decoded);
  check_append(text, rc, decoded);
  return 0;
}
