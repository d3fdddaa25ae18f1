// Shared helpers for the core-level JWE suites: keys, policies, base64url, vector JSON access.
#pragma once

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>

#include "src/core/base64url.hpp"
#include "src/core/json.hpp"
#include "src/core/jwe.hpp"
#include "src/core/jwk.hpp"
#include "src/core/keygen.hpp"
#include "vectors.hpp"

namespace jwtcore::test {

inline KeyPtr jwk_key(std::string_view text) {
  auto k = key_from_jwk(text);
  INFO("JWK import: " << k.status().message());
  REQUIRE(k.is_ok());
  return *k;
}

inline KeyPtr secret_key(std::string_view bytes) {
  auto k = key_from_secret(bytes_view(bytes));
  REQUIRE(k.is_ok());
  return *k;
}

inline KeyPtr generated(std::string_view spec) {
  auto k = generate_key(spec);
  INFO("generate " << std::string(spec) << ": " << k.status().message());
  REQUIRE(k.is_ok());
  return *k;
}

inline Bytes b64d(std::string_view s) {
  Bytes out;
  Status st = base64url::decode(s, out);
  INFO("base64url: " << st.message());
  REQUIRE(st.is_ok());
  return out;
}

inline std::string b64e(bytes_view b) { return base64url::encode(b); }

inline std::string text(const SecretBytes &b) { return std::string(b.begin(), b.end()); }

// A policy allowing exactly these algs and encs (RSA1_5 / PBES2 opt-ins separately).
inline JwePolicy jwe_allow(std::initializer_list<Alg> algs, std::initializer_list<Enc> encs) {
  JwePolicy p;
  for (Alg a : algs) p.allowed.add(a);
  for (Enc e : encs) p.allowed_enc.add(e);
  return p;
}

// Every key-management alg and every enc, RSA1_5 and PBES2 (default cap) enabled.
inline JwePolicy jwe_allow_all() {
  JwePolicy p;
  for (unsigned i = static_cast<unsigned>(Alg::dir); i <= static_cast<unsigned>(Alg::pbes2_hs512_a256kw); ++i) {
    p.allowed.add(static_cast<Alg>(i));
  }
  for (unsigned i = 0; i <= static_cast<unsigned>(Enc::a256cbc_hs512); ++i) p.allowed_enc.add(static_cast<Enc>(i));
  p.allow_rsa1_5 = true;
  p.pbes2_max_p2c = kPbes2DefaultMaxIterations;
  return p;
}

inline KeyRing key_ring(std::initializer_list<KeyPtr> keys) {
  KeyRing r;
  for (const auto &k : keys) r.keys.push_back(k);
  return r;
}

// Decrypts and returns the status code (the message goes to the test log on failure).
inline int decrypt_code(std::string_view jwe, const JwePolicy &p, const KeyRing &r, JweDecrypted *out = nullptr) {
  JweScratch scratch;
  JweDecrypted local;
  Status st = jwe_decrypt(jwe, p, r, scratch, out ? *out : local);
  if (!st) UNSCOPED_INFO("decrypt: " << st.message());
  return st.code();
}

inline std::string encrypt_ok(bytes_view plaintext, const std::vector<JweRecipientSpec> &rs, Enc enc,
                              const JweEncryptOptions &o = {}) {
  auto r = jwe_encrypt(plaintext, rs, enc, o);
  INFO("encrypt: " << r.status().message());
  REQUIRE(r.is_ok());
  return *r;
}

inline JweRecipientSpec recipient(KeyPtr key, Alg alg, std::string header = {}) {
  JweRecipientSpec s;
  s.key = std::move(key);
  s.alg = alg;
  s.header_json = std::move(header);
  return s;
}

inline std::string str_member(json::Value obj, std::string_view name) {
  auto v = obj.find(name);
  if (!v || !v->as_string()) return std::string();
  return std::string(*v->as_string());
}

// Replaces part `index` (0-4) of a compact JWE.
inline std::string replace_part(const std::string &jwe, int index, const std::string &value) {
  std::string parts[5];
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    size_t dot = i < 4 ? jwe.find('.', start) : jwe.size();
    parts[i] = jwe.substr(start, dot - start);
    start = dot + 1;
  }
  parts[index] = value;
  return parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3] + "." + parts[4];
}

inline std::string part(const std::string &jwe, int index) {
  size_t start = 0;
  for (int i = 0; i < index; ++i) start = jwe.find('.', start) + 1;
  size_t end = jwe.find('.', start);
  return jwe.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace jwtcore::test
