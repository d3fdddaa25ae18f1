// jwtcore_key_from_pem on arbitrary bytes: PEM text ("PUBLIC KEY", "RSA PUBLIC KEY", "PRIVATE
// KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY") or DER. The seeds are both forms of every key type
// (RSA, P-256, P-384, secp256k1, Ed25519, X25519; public and private). Oracles:
//  - a rejection keeps the ABI failure contract (documented code, message, *out NULL);
//  - an accepted key has no kid, alg, use or key_ops, is never an oct key, and re-exports as
//    PEM (PKCS#8 when private, else SubjectPublicKeyInfo) that re-imports to a key with the same
//    RFC 7638 thumbprint, type, curve and privacy, whose own export is the same text (a fixed
//    point); its public PEM re-imports to the same thumbprint too.
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

std::string export_pem(const jwtcore_key *key, int include_private) {
  OutBytes out;
  const int rc = jwtcore_key_to_pem(&out.data, &out.size, key, include_private);
  jwtcore::fuzz::check_success(rc, out);
  return std::string(out.view());
}

void check_round_trip(const jwtcore_key *key, const std::string &thumbprint, int include_private) {
  const std::string pem = export_pem(key, include_private);
  jwtcore_key *raw = nullptr;
  const int rc =
      jwtcore_key_from_pem(&raw, reinterpret_cast<const uint8_t *>(pem.data()), pem.size(), JWTCORE_KEY_ALLOW_RSA_1024);
  KeyPtr back(raw);
  FUZZ_CHECK(rc == JWTCORE_OK);
  FUZZ_CHECK(jwtcore::fuzz::thumbprint(back.get()) == thumbprint);
  FUZZ_CHECK(std::strcmp(jwtcore_key_kty(back.get()), jwtcore_key_kty(key)) == 0);
  const char *curve = jwtcore_key_curve(key);
  const char *back_curve = jwtcore_key_curve(back.get());
  FUZZ_CHECK((curve == nullptr && back_curve == nullptr) ||
             (curve != nullptr && back_curve != nullptr && std::strcmp(curve, back_curve) == 0));
  FUZZ_CHECK(jwtcore_key_is_private(back.get()) == include_private);
  FUZZ_CHECK(export_pem(back.get(), include_private) == pem);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The first byte chooses the flags, so the RSA 1024 path is reached too.
  if (size == 0) return 0;
  const uint32_t flags = (data[0] & 1) ? JWTCORE_KEY_ALLOW_RSA_1024 : 0;
  jwtcore_key *raw = nullptr;
  const int rc = jwtcore_key_from_pem(&raw, data + 1, size - 1, flags);
  KeyPtr key(raw);
  if (rc != JWTCORE_OK) {
    jwtcore::fuzz::check_failure_handle(rc, raw);
    return 0;
  }
  FUZZ_CHECK(jwtcore_key_kid(key.get()) == nullptr && jwtcore_key_alg(key.get()) == nullptr);
  FUZZ_CHECK(std::strcmp(jwtcore_key_kty(key.get()), "oct") != 0);
  const int is_private = jwtcore_key_is_private(key.get());
  FUZZ_CHECK(is_private == 0 || is_private == 1);
  const std::string thumbprint = jwtcore::fuzz::thumbprint(key.get());
  check_round_trip(key.get(), thumbprint, 0);
  if (is_private == 1) check_round_trip(key.get(), thumbprint, 1);
  return 0;
}
