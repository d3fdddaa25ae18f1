#include "thumbprint.hpp"

#include "base64url.hpp"
#include "jwk.hpp"

namespace jwtcore {
namespace {

Result<std::string_view> uri_hash_name(crypto::Hash hash) {
  switch (hash) {
    case crypto::Hash::sha256: return std::string_view("sha-256");
    case crypto::Hash::sha384: return std::string_view("sha-384");
    case crypto::Hash::sha512: return std::string_view("sha-512");
    case crypto::Hash::sha1: break;
  }
  return error(JWTCORE_E_INVALID_ARGUMENT, "JWK thumbprints use SHA-256, SHA-384 or SHA-512");
}

}  // namespace

Result<std::string> jwk_thumbprint(const Key &key, crypto::Hash hash) {
  JWTCORE_TRY(uri_hash_name(hash));
  const SecretString input = jwk_thumbprint_input(key);
  const crypto::Digest d = crypto::digest(hash, std::string_view(input));
  return base64url::encode(d.view());
}

Result<std::string> jwk_thumbprint_uri(const Key &key, crypto::Hash hash) {
  JWTCORE_ASSIGN(std::string_view name, uri_hash_name(hash));
  JWTCORE_ASSIGN(std::string tp, jwk_thumbprint(key, hash));
  return "urn:ietf:params:oauth:jwk-thumbprint:" + std::string(name) + ":" + tp;
}

}  // namespace jwtcore
