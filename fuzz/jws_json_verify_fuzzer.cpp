// jwtcore_jws_verify on arbitrary text as the JSON serializations (flattened and general,
// RFC 7515 §7.2) allow it, with the frozen verifier and fixed public keys of
// jws_compact_verify_fuzzer (fuzz_keys.hpp). The seeds are flattened tokens signed by every key,
// unencoded-payload ones (RFC 7797) and general ones with several signatures. Oracles:
//  - a rejection keeps the ABI failure contract;
//  - an accepted token is re-verified with the same payload, alg, signature index and key;
//  - the reported signature index is below the number of signatures (1 unless "signatures");
//  - the payload is the base64url decoding of the "payload" member, or the member itself when
//    unencoded (checked when the member is a plain string the scanner can read);
//  - mutation: flipping one bit of that signature's "signature" value makes it fail, or (general
//    serialization) makes another signature the one that verifies; never the same one.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "fuzz_fixtures.hpp"
#include "jwtcore/jwtcore.h"

namespace {

using jwtcore::fuzz::JsonSpans;
using jwtcore::fuzz::JwsResultPtr;
using jwtcore::fuzz::OutBytes;
using jwtcore::fuzz::Span;

int verify(JwsResultPtr &out, std::string_view jws) {
  jwtcore_jws_result *r = nullptr;
  const int rc = jwtcore_jws_verify(&r, jwtcore::fuzz::signature_verifier(), jws.data(), jws.size(), nullptr, 0, 0);
  out.reset(r);
  if (rc != JWTCORE_OK) jwtcore::fuzz::check_failure_handle(rc, r);
  return rc;
}

std::string_view payload_of(const jwtcore_jws_result *r) {
  const uint8_t *data = nullptr;
  size_t len = 0;
  FUZZ_CHECK(jwtcore_jws_result_payload(r, &data, &len) == JWTCORE_OK);
  FUZZ_CHECK(data != nullptr && data[len] == 0);
  return {reinterpret_cast<const char *>(data), len};
}

// The span of the "signature" value that verified, if the scanner can name it.
std::optional<Span> verified_signature(std::string_view jws, int index) {
  const JsonSpans spans(jws);
  const auto signatures = spans.member(0, "signatures");
  if (!signatures) {
    FUZZ_CHECK(index == 0);
    return spans.member(0, "signature");
  }
  FUZZ_CHECK(static_cast<size_t>(index) < spans.element_count(signatures->first));
  const auto entry = spans.element(signatures->first, static_cast<size_t>(index));
  FUZZ_CHECK(entry.has_value());
  return spans.member(entry->first, "signature");
}

void check_payload(std::string_view jws, std::string_view payload) {
  const auto member = JsonSpans(jws).member(0, "payload");
  if (!member || jws[member->first] != '"') return;
  const std::string_view text = jws.substr(member->first + 1, member->second - member->first - 2);
  if (text.find('\\') != std::string_view::npos) return;  // escaped: not the scanner's job
  OutBytes decoded;
  if (jwtcore_base64url_decode(&decoded.data, &decoded.size, text.data(), text.size()) == JWTCORE_OK &&
      decoded.view() == payload)
    return;
  FUZZ_CHECK(payload == text);  // "b64": false
}

void check_signature_mutation(std::string_view jws, int index) {
  const auto signature = verified_signature(jws, index);
  std::string mutated(jws);
  if (!signature || !jwtcore::fuzz::flip_json_string(mutated, *signature)) return;
  JwsResultPtr r;
  const int rc = verify(r, mutated);
  if (rc == JWTCORE_OK) {
    FUZZ_CHECK(jwtcore_jws_result_signature_index(r.get()) != index);
  } else {
    FUZZ_CHECK(rc == JWTCORE_E_BAD_SIGNATURE);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view jws(reinterpret_cast<const char *>(data), size);
  JwsResultPtr first;
  if (verify(first, jws) != JWTCORE_OK) return 0;

  const int index = jwtcore_jws_result_signature_index(first.get());
  FUZZ_CHECK(index >= 0);
  const char *alg = jwtcore_jws_result_alg(first.get());
  FUZZ_CHECK(alg != nullptr && std::string_view(alg) != "none");
  FUZZ_CHECK(jwtcore_jws_result_key(first.get()) != nullptr);
  const std::string_view payload = payload_of(first.get());
  if (!jws.empty() && jws.front() == '{') check_payload(jws, payload);

  JwsResultPtr again;
  FUZZ_CHECK(verify(again, jws) == JWTCORE_OK);
  FUZZ_CHECK(payload_of(again.get()) == payload);
  FUZZ_CHECK(std::string_view(jwtcore_jws_result_alg(again.get())) == alg);
  FUZZ_CHECK(jwtcore_jws_result_signature_index(again.get()) == index);
  FUZZ_CHECK(jwtcore::fuzz::thumbprint(jwtcore_jws_result_key(again.get())) ==
             jwtcore::fuzz::thumbprint(jwtcore_jws_result_key(first.get())));

  if (!jws.empty() && jws.front() == '{') check_signature_mutation(jws, index);
  return 0;
}
