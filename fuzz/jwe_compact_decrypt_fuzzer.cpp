// jwtcore_jwe_decrypt (compact only) on arbitrary text, with a frozen verifier holding fixed
// private keys of every key-management family (dir A256GCM, A128KW, A256GCMKW, ECDH-ES on P-256
// and X25519, RSA-OAEP/-256 and RSA1_5 on one RSA 2048 key, PBES2 with p2c capped at 1000;
// fuzz_keys.hpp) and every alg and enc allowed. The seeds are tokens encrypted to these keys, so
// mutations reach key unwrapping, ECDH, PBKDF2 and the content decryption. Oracles:
//  - a rejection keeps the ABI failure contract, and every cryptographic failure is
//    JWTCORE_E_DECRYPT with the message "decryption failed" exactly: no padding, tag, unwrap or
//    invalid-curve oracle (RFC 7516 §11.4-§11.5);
//  - an accepted token decrypts again to the same plaintext, alg, enc and recipient;
//  - mutation: flipping one bit of the authentication tag makes it fail with JWTCORE_E_DECRYPT.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "fuzz_fixtures.hpp"
#include "jwtcore/jwtcore.h"

namespace {

constexpr uint32_t kFlags = JWTCORE_JWE_DECRYPT_COMPACT_ONLY;

void check_tag_mutation(std::string_view jwe) {
  std::string mutated(jwe);
  const size_t tag = mutated.rfind('.') + 1;
  FUZZ_CHECK(tag < mutated.size());  // a tag was checked, so it is there
  FUZZ_CHECK(jwtcore::fuzz::flip_base64url_char(mutated[tag]));
  jwtcore::fuzz::JweResultPtr r;
  FUZZ_CHECK(jwtcore::fuzz::decrypt(r, mutated, kFlags) == JWTCORE_E_DECRYPT);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view jwe(reinterpret_cast<const char *>(data), size);
  jwtcore::fuzz::JweResultPtr first;
  if (jwtcore::fuzz::decrypt(first, jwe, kFlags) != JWTCORE_OK) return 0;

  FUZZ_CHECK(jwtcore_jwe_result_recipient_index(first.get()) == 0);
  jwtcore::fuzz::check_decrypted_again(jwe, first.get(), kFlags);
  check_tag_mutation(jwe);
  return 0;
}
