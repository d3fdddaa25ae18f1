// jwtcore_key_from_jwk on arbitrary text. Oracles:
//  - a rejection keeps the ABI failure contract (documented code, message, *out NULL);
//  - an accepted key exports (its public form, and its private form when it has one; an oct key
//    only as a secret), and each export re-imports to a key with the same RFC 7638 thumbprint,
//    kty, curve, alg, kid and privacy, that exports again to exactly the same text (the export is
//    a fixed point: one canonical JWK per key).
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "fuzz_fixtures.hpp"
#include "jwtcore/jwtcore.h"

namespace {

using jwtcore::fuzz::KeyPtr;
using jwtcore::fuzz::OutBytes;

bool same_text(const char *a, const char *b) {
  if (a == nullptr || b == nullptr) return a == b;
  return std::strcmp(a, b) == 0;
}

std::string export_jwk(const jwtcore_key *key, int include_private) {
  OutBytes out;
  const int rc = jwtcore_key_to_jwk(&out.data, &out.size, key, include_private);
  jwtcore::fuzz::check_success(rc, out);
  return std::string(out.view());
}

// Exports `key`, re-imports the text and compares everything the ABI can say about the two.
void check_round_trip(const jwtcore_key *key, const std::string &thumbprint, int include_private) {
  const std::string text = export_jwk(key, include_private);
  jwtcore_key *raw = nullptr;
  const int rc = jwtcore_key_from_jwk(&raw, text.data(), text.size(), JWTCORE_KEY_ALLOW_RSA_1024);
  KeyPtr back(raw);
  FUZZ_CHECK(rc == JWTCORE_OK);
  FUZZ_CHECK(jwtcore::fuzz::thumbprint(back.get()) == thumbprint);
  FUZZ_CHECK(same_text(jwtcore_key_kty(back.get()), jwtcore_key_kty(key)));
  FUZZ_CHECK(same_text(jwtcore_key_curve(back.get()), jwtcore_key_curve(key)));
  FUZZ_CHECK(same_text(jwtcore_key_alg(back.get()), jwtcore_key_alg(key)));
  FUZZ_CHECK(same_text(jwtcore_key_kid(back.get()), jwtcore_key_kid(key)));
  FUZZ_CHECK(jwtcore_key_is_private(back.get()) == include_private);
  FUZZ_CHECK(export_jwk(back.get(), include_private) == text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The first byte chooses the flags, so the RSA 1024 path is reached too.
  if (size == 0) return 0;
  const uint32_t flags = (data[0] & 1) ? JWTCORE_KEY_ALLOW_RSA_1024 : 0;
  const std::string_view json(reinterpret_cast<const char *>(data + 1), size - 1);

  jwtcore_key *raw = nullptr;
  const int rc = jwtcore_key_from_jwk(&raw, json.data(), json.size(), flags);
  KeyPtr key(raw);
  if (rc != JWTCORE_OK) {
    jwtcore::fuzz::check_failure_handle(rc, raw);
    return 0;
  }
  FUZZ_CHECK(key != nullptr);
  const int is_private = jwtcore_key_is_private(key.get());
  FUZZ_CHECK(is_private == 0 || is_private == 1);
  const std::string thumbprint = jwtcore::fuzz::thumbprint(key.get());
  const bool oct = std::strcmp(jwtcore_key_kty(key.get()), "oct") == 0;
  FUZZ_CHECK(!oct || is_private == 1);
  if (!oct) check_round_trip(key.get(), thumbprint, 0);
  if (is_private == 1) check_round_trip(key.get(), thumbprint, 1);
  return 0;
}
