// PEM/DER and raw-secret import, PEM export: thin over crypto/pkix, so that a PEM key passes the
// same validating constructors and the same Key::create policy (ROCA, exponent size) as a JWK.
#include <string>
#include <utility>

#include "jwk.hpp"

namespace jwtcore {

Result<KeyPtr> key_from_pem(bytes_view pem_or_der, const KeyImportOptions &options) {
  JWTCORE_ASSIGN(crypto::AnyKey key, crypto::parse_key(pem_or_der, options.rsa));
  return Key::create(std::move(key), KeyAttributes{});
}

Result<SecretString> key_to_pem(const Key &key, bool include_private) {
  const crypto::AnyKey *asym = key.asymmetric();
  if (asym == nullptr) return error(JWTCORE_E_NOT_SUPPORTED, "an oct key has no PEM form; export it as a JWK");
  if (include_private && key.has_private()) return crypto::pkcs8_pem(*asym);
  JWTCORE_ASSIGN(std::string pem, crypto::spki_pem(*asym));
  return SecretString(pem.begin(), pem.end());
}

Result<KeyPtr> key_from_secret(bytes_view secret) { return Key::create_secret(secret, KeyAttributes{}); }

}  // namespace jwtcore
