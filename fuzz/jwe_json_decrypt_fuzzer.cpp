// jwtcore_jwe_decrypt on arbitrary text as the JSON serializations (flattened and general,
// RFC 7516 §7.2) allow it, with the frozen verifier and fixed keys of jwe_compact_decrypt_fuzzer
// (fuzz_keys.hpp). The seeds are flattened tokens to every key and general tokens to several
// recipients with AAD and unprotected headers. Oracles:
//  - a rejection keeps the ABI failure contract, and every cryptographic failure is
//    JWTCORE_E_DECRYPT with the message "decryption failed" exactly (no oracle);
//  - an accepted token decrypts again to the same plaintext, alg, enc and recipient, and the
//    reported recipient index is below the number of recipients (1 for the flattened form);
//  - mutation: flipping one bit of the top-level "tag" makes it fail with JWTCORE_E_DECRYPT
//    (the tag covers the content for every recipient).
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "fuzz_fixtures.hpp"
#include "jwtcore/jwtcore.h"

namespace {

using jwtcore::fuzz::JsonSpans;

void check_recipient_index(std::string_view jwe, int index) {
  FUZZ_CHECK(index >= 0);
  const JsonSpans spans(jwe);
  const auto recipients = spans.member(0, "recipients");
  // Accepted text is an object, so the scanner finds its members; a compact token cannot reach here
  // unless it decrypted as compact, which has one recipient.
  const size_t count = recipients ? spans.element_count(recipients->first) : 1;
  FUZZ_CHECK(static_cast<size_t>(index) < count);
}

void check_tag_mutation(std::string_view jwe) {
  std::string mutated(jwe);
  const auto tag = JsonSpans(mutated).member(0, "tag");
  if (!tag || !jwtcore::fuzz::flip_json_string(mutated, *tag)) return;  // escaped name or value, or compact
  jwtcore::fuzz::JweResultPtr r;
  FUZZ_CHECK(jwtcore::fuzz::decrypt(r, mutated, 0) == JWTCORE_E_DECRYPT);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view jwe(reinterpret_cast<const char *>(data), size);
  jwtcore::fuzz::JweResultPtr first;
  if (jwtcore::fuzz::decrypt(first, jwe, 0) != JWTCORE_OK) return 0;

  check_recipient_index(jwe, jwtcore_jwe_result_recipient_index(first.get()));
  jwtcore::fuzz::check_decrypted_again(jwe, first.get(), 0);
  check_tag_mutation(jwe);
  return 0;
}
