// JWK Sets (RFC 7517 §5): parse, look up by kid, select by algorithm, iterate, add, export.
//
// Entries a set cannot use (unknown kty or crv, Ed448, malformed or weak keys) are skipped and
// reported with their index and reason, not fatal: real JWKS endpoints publish keys of types a
// given client does not support (RFC 7517 §5: "Implementations SHOULD ignore JWKs within a JWK
// Set that use 'kty' values that are not understood"). Only a document that is not a JWKS at all
// (bad JSON, duplicate member names anywhere, no "keys" array, over 1 MiB) fails as a whole.
//
// Two rules keep a set unambiguous (Wycheproof json_web_key_test "Ambiguous" flags):
//  * one kind of key per set: all secret (oct), all asymmetric public, or all asymmetric private.
//    Mixing symmetric and asymmetric keys, or public and private ones, invites the confusion
//    attacks of SECURITY.md #2 and the leaking of secrets published alongside public keys
//    (Wycheproof "MixedKeySet"): from_jwks() and add() refuse it with JWTCORE_E_KEY_INVALID.
//  * a kid names one key. Duplicate kids are kept (a set is what its publisher wrote), but a
//    lookup of a kid carried by two or more entries fails with JWTCORE_E_KEY_NOT_FOUND. Skipped
//    entries count: a malformed twin must not make the other one the silent winner
//    (Wycheproof "DuplicateKid").
//
// Thread-safety: const methods may run on many threads at once once no thread calls add() (or
// assigns the set) any more; keys themselves are immutable and always shareable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "jwk.hpp"
#include "key.hpp"
#include "status.hpp"

namespace jwtcore {

// A JWKS document of at most 1 MiB, nested at most 8 deep.
inline constexpr json::Limits kJwksLimits{1024 * 1024, 8};

class KeySet {
 public:
  struct Skipped {
    size_t index;     // position in the "keys" array
    std::string kid;  // the entry's kid if it had a string one, else ""
    Status reason;    // the import error
    std::string text; // "entry 3 (kid 'k1'): JWK member 'crv' names unsupported curve 'P-192'"
  };

  KeySet() = default;

  // Parses {"keys":[...]}. Errors: the JSON ones (JWTCORE_E_JSON, _JSON_DUPLICATE, _LIMIT_SIZE,
  // _LIMIT_DEPTH), JWTCORE_E_KEY_INVALID for a missing/non-array "keys" or a mixed set.
  static Result<KeySet> from_jwks(std::string_view json, const KeyImportOptions &options = {});

  // Appends a key (JWTCORE_E_KEY_INVALID if it would make the set mixed, see above;
  // JWTCORE_E_INVALID_ARGUMENT for null).
  Status add(KeyPtr key);

  size_t size() const { return keys_.size(); }
  bool empty() const { return keys_.empty(); }
  const KeyPtr &at(size_t i) const { return keys_.at(i); }
  std::vector<KeyPtr>::const_iterator begin() const { return keys_.begin(); }
  std::vector<KeyPtr>::const_iterator end() const { return keys_.end(); }

  // The one key carrying `kid` (its index). JWTCORE_E_KEY_NOT_FOUND if none does, if two or
  // more entries (kept or skipped) carry it, or if only a skipped entry does (the message says
  // which and why).
  Result<size_t> find_index(std::string_view kid) const;
  // True if any entry, kept or skipped, carries `kid` (then find_index() decides, and no
  // kid-less fallback may be tried: a malformed twin must not hand the kid to another key).
  bool names(std::string_view kid) const;
  Result<KeyPtr> find(std::string_view kid) const;

  // For a token without kid: the indices of the keys that permit `op` with `alg`
  // (Key::permits), in set order. Verifiers try them in turn; encrypters take the first.
  std::vector<size_t> candidates(Alg alg, KeyOp op) const;

  const std::vector<Skipped> &skipped() const { return skipped_; }

  // {"keys":[...]} with each key as key_to_jwk(include_private) writes it.
  Result<SecretString> to_jwks(bool include_private) const;

 private:
  Status check_kind(const Key &key, std::string_view what) const;

  std::vector<KeyPtr> keys_;
  std::vector<Skipped> skipped_;
};

}  // namespace jwtcore
