// Shared helpers for the JWS/JWT suites: keys from JWK text, policies, vector JSON access.
#pragma once

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>

#include "src/core/jwk.hpp"
#include "src/core/jws.hpp"
#include "src/core/json.hpp"

namespace jwtcore::test {

inline KeyPtr jwk(std::string_view text) {
  auto k = key_from_jwk(text);
  INFO("JWK import: " << k.status().message());
  REQUIRE(k.is_ok());
  return *k;
}

inline JwsPolicy allow(std::initializer_list<Alg> algs) {
  JwsPolicy p;
  for (Alg a : algs) p.allowed.add(a);
  return p;
}

inline KeyRing ring(std::initializer_list<KeyPtr> keys) {
  KeyRing r;
  for (const auto &k : keys) r.keys.push_back(k);
  return r;
}

// Verifies `token` and returns the status code; `out` gets the result. Each token is verified
// twice: with a fresh scratch, and with one scratch shared by every call of the suite, whose
// header cache (JwsHeaderCache) therefore sees every policy and header the suite tries; both
// verdicts must agree, so a stale cache entry cannot hide behind a fresh one.
inline int verify_code(std::string_view token, const JwsPolicy &p, const KeyRing &r, JwsVerified *out = nullptr,
                       std::optional<bytes_view> detached = std::nullopt) {
  static JwsScratch shared;
  JwsScratch fresh;
  JwsVerified local, again;
  Status st = jws_verify(token, p, r, detached, fresh, out ? *out : local);
  if (!st) UNSCOPED_INFO("verify: " << st.message());
  Status cached = jws_verify(token, p, r, detached, shared, again);
  CHECK(cached.code() == st.code());
  return st.code();
}

inline std::string str(const Bytes &b) { return std::string(b.begin(), b.end()); }

// Minified JSON text of a member of a parsed object ("" if absent).
inline std::string member_json(json::Value obj, std::string_view name) {
  auto v = obj.find(name);
  return v ? v->to_json() : std::string();
}

inline std::string member_str(json::Value obj, std::string_view name) {
  auto v = obj.find(name);
  if (!v || !v->as_string()) return std::string();
  return std::string(*v->as_string());
}

}  // namespace jwtcore::test
