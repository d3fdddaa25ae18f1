// RAII helpers for suites that drive the public C ABI (libjwtcore.so), as a C user would.
#pragma once

#include <catch2/catch.hpp>

#include <jwtcore/jwtcore.h>

#include <memory>
#include <string>
#include <string_view>

namespace jwtcore::test {

struct KeyFree { void operator()(jwtcore_key *k) const { jwtcore_key_free(k); } };
struct VerifierFree { void operator()(jwtcore_verifier *v) const { jwtcore_verifier_free(v); } };
struct ResultFree { void operator()(jwtcore_jws_result *r) const { jwtcore_jws_result_free(r); } };
using CKey = std::unique_ptr<jwtcore_key, KeyFree>;
using CVerifier = std::unique_ptr<jwtcore_verifier, VerifierFree>;
using CResult = std::unique_ptr<jwtcore_jws_result, ResultFree>;

// Imports a JWK; returns null and the status in *code on failure.
inline CKey c_jwk(std::string_view json, int *code = nullptr, uint32_t flags = 0) {
  jwtcore_key *k = nullptr;
  const int rc = jwtcore_key_from_jwk(&k, json.data(), json.size(), flags);
  if (code != nullptr) *code = rc;
  return CKey(k);
}

inline CVerifier c_verifier(std::initializer_list<std::string_view> algs, std::initializer_list<jwtcore_key *> keys) {
  jwtcore_verifier *v = nullptr;
  REQUIRE(jwtcore_verifier_new(&v, 0) == JWTCORE_OK);
  for (auto a : algs) REQUIRE(jwtcore_verifier_allow_alg(v, a.data(), a.size()) == JWTCORE_OK);
  for (auto k : keys) REQUIRE(jwtcore_verifier_add_key(v, k) == JWTCORE_OK);
  return CVerifier(v);
}

inline std::string c_text(uint8_t *p, size_t n) {
  std::string s(reinterpret_cast<const char *>(p), n);
  jwtcore_free(p);
  return s;
}

}  // namespace jwtcore::test
