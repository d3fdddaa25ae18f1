// jwtcore_keyset_from_jwks on arbitrary text. Oracles:
//  - a rejection keeps the ABI failure contract (documented code, message, *out NULL);
//  - an accepted set is internally consistent: get() and skipped_reason() answer exactly below
//    count() and skipped_count(), every reason is a non-empty text, every kept key exports as
//    a JWK (its private form when it has one) and all kept keys are of one kind (secret, public
//    or private);
//  - round trip: to_jwks re-parses to a set of the same size with nothing skipped and the same
//    RFC 7638 thumbprints in the same order, whose own export is the same text (a fixed point).
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "fuzz_fixtures.hpp"
#include "jwtcore/jwtcore.h"

namespace {

using jwtcore::fuzz::OutBytes;

struct KeysetFree {
  void operator()(jwtcore_keyset *s) const { jwtcore_keyset_free(s); }
};
using KeysetPtr = std::unique_ptr<jwtcore_keyset, KeysetFree>;

int import(KeysetPtr &out, std::string_view json, uint32_t flags) {
  jwtcore_keyset *set = nullptr;
  const int rc = jwtcore_keyset_from_jwks(&set, json.data(), json.size(), flags);
  out.reset(set);
  if (rc != JWTCORE_OK) jwtcore::fuzz::check_failure_handle(rc, set);
  return rc;
}

// Checks the set and returns its keys' thumbprints; `include_private` is 1 for a set of
// private or secret keys.
std::vector<std::string> check_set(const jwtcore_keyset *set, int &include_private) {
  const size_t count = jwtcore_keyset_count(set);
  const size_t skipped = jwtcore_keyset_skipped_count(set);
  for (size_t i = 0; i < skipped; ++i) {
    const char *reason = jwtcore_keyset_skipped_reason(set, i);
    FUZZ_CHECK(reason != nullptr && reason[0] != '\0');
  }
  FUZZ_CHECK(jwtcore_keyset_skipped_reason(set, skipped) == nullptr);
  FUZZ_CHECK(jwtcore_keyset_get(set, count) == nullptr);

  std::vector<std::string> thumbprints;
  include_private = -1;
  for (size_t i = 0; i < count; ++i) {
    const jwtcore_key *key = jwtcore_keyset_get(set, i);
    FUZZ_CHECK(key != nullptr);
    const int is_private = jwtcore_key_is_private(key);
    FUZZ_CHECK(is_private == 0 || is_private == 1);
    FUZZ_CHECK(include_private == -1 || include_private == is_private);
    include_private = is_private;
    OutBytes jwk;
    const int rc = jwtcore_key_to_jwk(&jwk.data, &jwk.size, key, is_private);
    jwtcore::fuzz::check_success(rc, jwk);
    thumbprints.push_back(jwtcore::fuzz::thumbprint(key));
  }
  if (include_private == -1) include_private = 0;
  return thumbprints;
}

std::string export_set(const jwtcore_keyset *set, int include_private) {
  OutBytes out;
  const int rc = jwtcore_keyset_to_jwks(&out.data, &out.size, set, include_private);
  jwtcore::fuzz::check_success(rc, out);
  return std::string(out.view());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The first byte chooses the flags, so the RSA 1024 path is reached too.
  if (size == 0) return 0;
  const uint32_t flags = (data[0] & 1) ? JWTCORE_KEY_ALLOW_RSA_1024 : 0;
  KeysetPtr set;
  if (import(set, std::string_view(reinterpret_cast<const char *>(data + 1), size - 1), flags) != JWTCORE_OK)
    return 0;

  int include_private = 0;
  const std::vector<std::string> thumbprints = check_set(set.get(), include_private);
  const std::string text = export_set(set.get(), include_private);

  KeysetPtr back;
  FUZZ_CHECK(import(back, text, JWTCORE_KEY_ALLOW_RSA_1024) == JWTCORE_OK);
  FUZZ_CHECK(jwtcore_keyset_skipped_count(back.get()) == 0);
  int back_private = 0;
  FUZZ_CHECK(check_set(back.get(), back_private) == thumbprints);
  FUZZ_CHECK(back_private == include_private);
  FUZZ_CHECK(export_set(back.get(), include_private) == text);
  return 0;
}
