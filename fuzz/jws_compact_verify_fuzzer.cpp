// jwtcore_jws_verify (compact only) on arbitrary text, with a frozen verifier holding fixed public
// keys of every signature family (HS256, RS256, ES256, ES384, EdDSA, ES256K; fuzz_keys.hpp) and
// those algorithms allowed. The seeds are tokens signed by these keys, so mutations reach the
// signature checks. Oracles:
//  - a rejection keeps the ABI failure contract (documented code, message, no result);
//  - an accepted token is re-verified with the same verdict, payload, alg and key (determinism);
//  - the payload is the base64url decoding of the middle part, or the part itself for an
//    unencoded payload (RFC 7797);
//  - mutation: flipping one bit of the signature's first byte makes it fail with
//    JWTCORE_E_BAD_SIGNATURE ("never verified with a mutated token").
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "fuzz_fixtures.hpp"
#include "jwtcore/jwtcore.h"

namespace {

using jwtcore::fuzz::OutBytes;

using ResultPtr = jwtcore::fuzz::JwsResultPtr;
std::string_view payload_of(const jwtcore_jws_result *r) {
  const uint8_t *data = nullptr;
  size_t len = 0;
  FUZZ_CHECK(jwtcore_jws_result_payload(r, &data, &len) == JWTCORE_OK);
  FUZZ_CHECK(data != nullptr && data[len] == 0);
  return {reinterpret_cast<const char *>(data), len};
}

int verify(ResultPtr &out, std::string_view token) {
  jwtcore_jws_result *r = nullptr;
  const int rc = jwtcore_jws_verify(&r, jwtcore::fuzz::signature_verifier(), token.data(), token.size(), nullptr, 0,
                                    JWTCORE_JWS_VERIFY_COMPACT_ONLY);
  out.reset(r);
  if (rc != JWTCORE_OK) jwtcore::fuzz::check_failure_handle(rc, r);
  return rc;
}

void check_payload(std::string_view token, std::string_view payload) {
  const size_t first = token.find('.');
  const size_t last = token.rfind('.');
  FUZZ_CHECK(first != std::string_view::npos && last != first);
  const std::string_view middle = token.substr(first + 1, last - first - 1);
  OutBytes decoded;
  if (jwtcore_base64url_decode(&decoded.data, &decoded.size, middle.data(), middle.size()) == JWTCORE_OK &&
      decoded.view() == payload)
    return;
  FUZZ_CHECK(payload == middle);  // "b64": false
}

void check_signature_mutation(std::string_view token) {
  std::string mutated(token);
  const size_t signature = mutated.rfind('.') + 1;
  FUZZ_CHECK(signature < mutated.size());  // every allowed alg has a non-empty signature
  FUZZ_CHECK(jwtcore::fuzz::flip_base64url_char(mutated[signature]));
  ResultPtr r;
  FUZZ_CHECK(verify(r, mutated) == JWTCORE_E_BAD_SIGNATURE);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view token(reinterpret_cast<const char *>(data), size);
  ResultPtr first;
  if (verify(first, token) != JWTCORE_OK) return 0;

  FUZZ_CHECK(jwtcore_jws_result_signature_index(first.get()) == 0);
  FUZZ_CHECK(jwtcore_jws_result_key(first.get()) != nullptr);
  const char *alg = jwtcore_jws_result_alg(first.get());
  FUZZ_CHECK(alg != nullptr && std::string_view(alg) != "none");
  const std::string_view payload = payload_of(first.get());
  check_payload(token, payload);

  ResultPtr again;
  FUZZ_CHECK(verify(again, token) == JWTCORE_OK);
  FUZZ_CHECK(payload_of(again.get()) == payload);
  FUZZ_CHECK(std::string_view(jwtcore_jws_result_alg(again.get())) == alg);
  FUZZ_CHECK(jwtcore::fuzz::thumbprint(jwtcore_jws_result_key(again.get())) ==
             jwtcore::fuzz::thumbprint(jwtcore_jws_result_key(first.get())));

  check_signature_mutation(token);
  return 0;
}
