// Helpers shared by the asymmetric-crypto suites (RSA, EC, OKP, PKIX). The Wycheproof walker,
// hex and tallies come from test_crypto_sym.hpp; this adds key material and hash names.
#pragma once

#include <catch2/catch.hpp>
#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "src/core/crypto/hash.hpp"
#include "src/core/crypto/rsa.hpp"
#include "src/core/status.hpp"
#include "test_crypto_sym.hpp"

namespace jwtcore::test {

// Wycheproof "sha" / "mgfSha" names; nullopt for hashes outside crypto::Hash (SHA-224, ...).
inline std::optional<crypto::Hash> hash_named(std::string_view name) {
  if (name == "SHA-1") return crypto::Hash::sha1;
  if (name == "SHA-256") return crypto::Hash::sha256;
  if (name == "SHA-384") return crypto::Hash::sha384;
  if (name == "SHA-512") return crypto::Hash::sha512;
  return std::nullopt;
}

inline std::string_view str(simdjson::dom::element e, const char *member) {
  return std::string_view(e[member].get_string());
}

// A Wycheproof big integer (hex, possibly with a sign byte or short) as exactly `len` bytes;
// nullopt if it does not fit.
inline std::optional<Bytes> fixed_width(std::string_view hex_digits, size_t len) {
  Bytes v = hex(hex_digits);
  size_t skip = 0;
  while (skip < v.size() && v.size() - skip > len && v[skip] == 0) ++skip;
  if (v.size() - skip > len) return std::nullopt;
  Bytes out(len - (v.size() - skip), 0);
  out.insert(out.end(), v.begin() + static_cast<std::ptrdiff_t>(skip), v.end());
  return out;
}

// Big-endian bytes without leading zeros (Wycheproof integers carry a sign byte).
template <class V>
Bytes minimal(const V &v) {
  size_t i = 0;
  while (i < v.size() && v[i] == 0) ++i;
  return Bytes(v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
}

// The group's "publicKey"/"privateKey" object (modulus, publicExponent, privateExponent, prime1,
// prime2, exponent1, exponent2, coefficient) as an RsaKey; `with_crt` false drops p..qi.
inline Result<crypto::RsaKey> wycheproof_rsa_key(simdjson::dom::element k, size_t min_bits,
                                                 bool with_crt = true) {
  auto member = [&](const char *name) {
    std::string_view s;
    return k[name].get(s) == simdjson::SUCCESS ? hex(s) : Bytes();
  };
  Bytes n = member("modulus"), e = member("publicExponent"), d = member("privateExponent");
  Bytes p, q, dp, dq, qi;
  if (with_crt) {
    p = member("prime1");
    q = member("prime2");
    dp = member("exponent1");
    dq = member("exponent2");
    qi = member("coefficient");
  }
  crypto::RsaComponentsView c{n, e, d, p, q, dp, dq, qi};
  crypto::RsaLimits limits;
  limits.min_bits = min_bits;
  return crypto::RsaKey::from_components(c, limits);
}

// Checks a Status against an expected code, printing the message on mismatch.
#define CHECK_STATUS(expr, expected_code)                         \
  do {                                                            \
    auto &&check_status_value_ = (expr);                          \
    INFO("status message: " << ::jwtcore::test::message_of(check_status_value_)); \
    CHECK(::jwtcore::test::code_of(check_status_value_) == (expected_code));      \
  } while (0)

inline int code_of(const Status &s) { return s.code(); }
template <class T>
int code_of(const Result<T> &r) {
  return r ? JWTCORE_OK : r.status().code();
}
inline std::string message_of(const Status &s) { return s.message(); }
template <class T>
std::string message_of(const Result<T> &r) {
  return r ? std::string() : r.status().message();
}

}  // namespace jwtcore::test
