// JWK thumbprints (RFC 7638) and thumbprint URIs (RFC 9278).
//
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <string>

#include "crypto/hash.hpp"
#include "key.hpp"
#include "status.hpp"

namespace jwtcore {

// base64url(hash(required members of the JWK, lexicographic, no whitespace)), RFC 7638 §3.
// SHA-256 is the RFC's choice; SHA-384 and SHA-512 are accepted, SHA-1 is refused
// (JWTCORE_E_INVALID_ARGUMENT). For an oct key the input includes 'k': the thumbprint is a
// hash of the secret, as RFC 7638 §6 notes.
Result<std::string> jwk_thumbprint(const Key &key, crypto::Hash hash = crypto::Hash::sha256);

// "urn:ietf:params:oauth:jwk-thumbprint:sha-256:<thumbprint>" (RFC 9278 §3; hash names from
// the IANA Named Information Hash Algorithm registry: sha-256, sha-384, sha-512).
Result<std::string> jwk_thumbprint_uri(const Key &key, crypto::Hash hash = crypto::Hash::sha256);

}  // namespace jwtcore
