// Helpers shared by the key tests (test_jwk, test_jwk_hostile, test_keyset, test_pem): RAII over
// the C handles, and JSON member maps for comparing JWKs without caring about member order.
#pragma once

#include <catch2/catch.hpp>
#include <simdjson.h>

#include <map>
#include <string>
#include <string_view>

#include "jwtcore/jwk.h"
#include "src/core/jwk.hpp"

namespace jwtcore::test {

// Owns one reference to a jwtcore_key.
struct KeyHandle {
  jwtcore_key *p = nullptr;
  KeyHandle() = default;
  KeyHandle(const KeyHandle &) = delete;
  KeyHandle &operator=(const KeyHandle &) = delete;
  ~KeyHandle() { jwtcore_key_free(p); }
  jwtcore_key **out() { return &p; }
};

struct KeySetHandle {
  jwtcore_keyset *p = nullptr;
  KeySetHandle() = default;
  KeySetHandle(const KeySetHandle &) = delete;
  KeySetHandle &operator=(const KeySetHandle &) = delete;
  ~KeySetHandle() { jwtcore_keyset_free(p); }
  jwtcore_keyset **out() { return &p; }
};

// Copies a library-owned output and releases it.
inline std::string take(uint8_t *p, size_t n) {
  std::string s(reinterpret_cast<const char *>(p), n);
  jwtcore_free(p);
  return s;
}

// Every member of a JSON object as minified JSON text, by name: compares JWKs member-wise.
inline std::map<std::string, std::string> members(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  std::map<std::string, std::string> out;
  auto err = parser.parse(json.data(), json.size()).get(obj);
  REQUIRE(err == simdjson::SUCCESS);
  for (auto field : obj) out[std::string(field.key)] = simdjson::minify(field.value);
  return out;
}

inline KeyPtr import_jwk(std::string_view json, const KeyImportOptions &options = {}) {
  Result<KeyPtr> key = key_from_jwk(json, options);
  INFO(key.status().message());
  REQUIRE(key.is_ok());
  return std::move(key).value();
}

inline std::string export_jwk(const Key &key, bool include_private) {
  Result<SecretString> jwk = key_to_jwk(key, include_private);
  INFO(jwk.status().message());
  REQUIRE(jwk.is_ok());
  return std::string(jwk->begin(), jwk->end());
}

inline std::string last_error() { return jwtcore_last_error_message(); }

}  // namespace jwtcore::test
