#include "keyset.hpp"

#include <utility>

namespace jwtcore {
namespace {

enum class Kind { secret, public_key, private_key };

Kind kind_of(const Key &key) {
  if (key.type() == KeyType::oct) return Kind::secret;
  return key.has_private() ? Kind::private_key : Kind::public_key;
}

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::secret: return "a secret (oct) key";
    case Kind::public_key: return "a public key";
    case Kind::private_key: return "a private key";
  }
  return "";
}

std::string quoted_kid(std::string_view kid) { return "'" + detail::printable(kid) + "'"; }

}  // namespace

Status KeySet::check_kind(const Key &key, std::string_view what) const {
  if (keys_.empty() || kind_of(*keys_.front()) == kind_of(key)) return Status::ok();
  return error(JWTCORE_E_KEY_INVALID, std::string(what) + " is " + std::string(kind_name(kind_of(key))) +
                                          ", but the set holds " + std::string(kind_name(kind_of(*keys_.front()))) +
                                          "; a key set must not mix secret, public and private keys");
}

Status KeySet::add(KeyPtr key) {
  if (!key) return error(JWTCORE_E_INVALID_ARGUMENT, "no key to add");
  JWTCORE_TRY(check_kind(*key, "the key"));
  keys_.push_back(std::move(key));
  return Status::ok();
}

Result<KeySet> KeySet::from_jwks(std::string_view text, const KeyImportOptions &options) {
  json::Document doc;
  JWTCORE_TRY(doc.parse_object(text, kJwksLimits, "JWKS"));
  auto keys = doc.root().find("keys");
  if (!keys) return error(JWTCORE_E_KEY_INVALID, "JWKS member 'keys' is missing");
  if (!keys->is_array()) {
    return error(JWTCORE_E_KEY_INVALID, std::string("JWKS member 'keys' must be an array, found ") +
                                            json::type_name(keys->type()));
  }
  KeySet set;
  Status fatal;
  size_t index = 0;
  keys->each_element([&](json::Value entry) {
    const std::string where = "entry " + std::to_string(index);
    std::string kid;
    if (auto k = entry.find("kid")) kid = std::string(k->as_string().value_or(""));
    Result<KeyPtr> key = key_from_jwk(entry, options);
    if (key) {
      fatal = set.check_kind(**key, "JWKS " + where);
      if (!fatal) return false;
      set.keys_.push_back(std::move(key).value());
    } else {
      std::string text = where + (kid.empty() ? "" : " (kid " + quoted_kid(kid) + ")") + ": " + key.status().message();
      set.skipped_.push_back(Skipped{index, std::move(kid), key.take_status(), std::move(text)});
    }
    ++index;
    return true;
  });
  if (!fatal) return fatal;
  return set;
}

bool KeySet::names(std::string_view kid) const {
  for (const auto &k : keys_)
    if (k->kid() == kid) return true;
  for (const Skipped &s : skipped_)
    if (s.kid == kid) return true;
  return false;
}

Result<size_t> KeySet::find_index(std::string_view kid) const {
  size_t found = keys_.size();
  size_t count = 0;
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i]->kid() == kid) {
      found = i;
      ++count;
    }
  }
  const Skipped *skipped = nullptr;
  for (const Skipped &s : skipped_) {
    if (s.kid == kid) {
      skipped = &s;
      ++count;
    }
  }
  if (count > 1) {
    return error(JWTCORE_E_KEY_NOT_FOUND, "kid " + quoted_kid(kid) + " is ambiguous: " + std::to_string(count) +
                                              " entries of the key set carry it");
  }
  if (found < keys_.size()) return found;
  if (skipped != nullptr) {
    return error(JWTCORE_E_KEY_NOT_FOUND, "the key with kid " + quoted_kid(kid) + " was skipped: " + skipped->text);
  }
  return error(JWTCORE_E_KEY_NOT_FOUND, "no key with kid " + quoted_kid(kid) + " in the key set");
}

Result<KeyPtr> KeySet::find(std::string_view kid) const {
  JWTCORE_ASSIGN(size_t i, find_index(kid));
  return keys_[i];
}

std::vector<size_t> KeySet::candidates(Alg alg, KeyOp op) const {
  std::vector<size_t> out;
  for (size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i]->permits(alg, op)) out.push_back(i);
  return out;
}

Result<SecretString> KeySet::to_jwks(bool include_private) const {
  SecretString out = "{\"keys\":[";
  for (size_t i = 0; i < keys_.size(); ++i) {
    JWTCORE_ASSIGN(SecretString jwk, key_to_jwk(*keys_[i], include_private));
    if (i != 0) out.push_back(',');
    out.append(jwk);
  }
  out.append("]}");
  return out;
}

}  // namespace jwtcore
