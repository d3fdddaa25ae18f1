// What the key, JWS and JWE harnesses share: the handle-returning form of the ABI failure
// contract, keys imported once from the fixed JWKs of fuzz_keys.hpp, the two frozen verifiers
// the token harnesses verify and decrypt with, and a minimal locator of JSON members in text that
// the library has already accepted (to mutate one member in place for the mutation oracles).
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "fuzz_check.hpp"
#include "fuzz_keys.hpp"
#include "jwtcore/jwtcore.h"

namespace jwtcore::fuzz {

// check_failure for the calls that hand out a handle instead of bytes: a negative documented
// code, a message, and *out left NULL (API.md rules 3, 4, 7).
inline void check_failure_handle(int rc, const void *out) {
  FUZZ_CHECK(rc < 0);
  FUZZ_CHECK(std::strcmp(jwtcore_strerror(rc), "unknown status code") != 0);
  FUZZ_CHECK(jwtcore_last_error_message()[0] != '\0');
  FUZZ_CHECK(out == nullptr);
}

struct KeyFree {
  void operator()(jwtcore_key *k) const { jwtcore_key_free(k); }
};
using KeyPtr = std::unique_ptr<jwtcore_key, KeyFree>;

struct VerifierFree {
  void operator()(jwtcore_verifier *v) const { jwtcore_verifier_free(v); }
};
using VerifierPtr = std::unique_ptr<jwtcore_verifier, VerifierFree>;

// A fixed input that does not import is a broken harness, not a finding: abort loudly.
inline KeyPtr import_fixed(std::string_view jwk) {
  jwtcore_key *key = nullptr;
  FUZZ_CHECK(jwtcore_key_from_jwk(&key, jwk.data(), jwk.size(), 0) == JWTCORE_OK);
  return KeyPtr(key);
}

// The public half of a fixed key pair (oct keys are all secret and stay as they are): a
// verifier holds what a relying party would hold.
inline KeyPtr public_half(std::string_view jwk) {
  KeyPtr key = import_fixed(jwk);
  if (std::strcmp(jwtcore_key_kty(key.get()), "oct") == 0) return key;
  OutBytes pub;
  FUZZ_CHECK(jwtcore_key_to_jwk(&pub.data, &pub.size, key.get(), 0) == JWTCORE_OK);
  return import_fixed(pub.view());
}

inline void allow_algs(jwtcore_verifier *v, std::initializer_list<std::string_view> algs) {
  for (std::string_view alg : algs) FUZZ_CHECK(jwtcore_verifier_allow_alg(v, alg.data(), alg.size()) == JWTCORE_OK);
}

// Public keys of every signature family with their algorithms allowed; built once, frozen.
inline const jwtcore_verifier *signature_verifier() {
  static const VerifierPtr verifier = [] {
    jwtcore_verifier *v = nullptr;
    FUZZ_CHECK(jwtcore_verifier_new(&v, 0) == JWTCORE_OK);
    for (std::string_view jwk : keys::kSignatureKeys)
      FUZZ_CHECK(jwtcore_verifier_add_key(v, public_half(jwk).get()) == JWTCORE_OK);
    for (std::string_view alg : keys::kSignatureAlgs) allow_algs(v, {alg});
    FUZZ_CHECK(jwtcore_verifier_freeze(v) == JWTCORE_OK);
    return VerifierPtr(v);
  }();
  return verifier.get();
}

// Private keys of every key-management family, every alg and enc allowed, PBES2 capped at the
// minimum p2c (1000) so that a mutated token costs little PBKDF2 work, RSA1_5 enabled so that its
// RFC 7516 §11.5 unwrap path is reached too; built once, frozen.
inline const jwtcore_verifier *decryption_verifier() {
  static const VerifierPtr verifier = [] {
    jwtcore_verifier *v = nullptr;
    FUZZ_CHECK(jwtcore_verifier_new(&v, 0) == JWTCORE_OK);
    for (std::string_view jwk : keys::kDecryptionKeys)
      FUZZ_CHECK(jwtcore_verifier_add_decryption_key(v, import_fixed(jwk).get()) == JWTCORE_OK);
    allow_algs(v, {"dir", "A128KW", "A192KW", "A256KW", "A128GCMKW", "A192GCMKW", "A256GCMKW", "ECDH-ES",
                   "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW", "RSA-OAEP", "RSA-OAEP-256", "RSA1_5",
                   "PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"});
    for (std::string_view enc : {"A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"})
      FUZZ_CHECK(jwtcore_verifier_allow_enc(v, enc.data(), enc.size()) == JWTCORE_OK);
    FUZZ_CHECK(jwtcore_verifier_enable_pbes2(v, 1000) == JWTCORE_OK);
    FUZZ_CHECK(jwtcore_verifier_enable_rsa1_5(v) == JWTCORE_OK);
    FUZZ_CHECK(jwtcore_verifier_freeze(v) == JWTCORE_OK);
    return VerifierPtr(v);
  }();
  return verifier.get();
}

struct JwsResultFree {
  void operator()(jwtcore_jws_result *r) const { jwtcore_jws_result_free(r); }
};
using JwsResultPtr = std::unique_ptr<jwtcore_jws_result, JwsResultFree>;

struct JweResultFree {
  void operator()(jwtcore_jwe_result *r) const { jwtcore_jwe_result_free(r); }
};
using JweResultPtr = std::unique_ptr<jwtcore_jwe_result, JweResultFree>;

// jwtcore_jwe_decrypt with the decryption verifier, checking the failure contract and the
// no-oracle rule (RFC 7516 §11.4-§11.5, SECURITY.md #7, #11): every cryptographic failure is
// JWTCORE_E_DECRYPT with one fixed message, and an invalid ECDH point never shows as its own code.
inline int decrypt(JweResultPtr &out, std::string_view jwe, uint32_t flags) {
  jwtcore_jwe_result *r = nullptr;
  const int rc = jwtcore_jwe_decrypt(&r, decryption_verifier(), jwe.data(), jwe.size(), flags);
  out.reset(r);
  if (rc == JWTCORE_OK) return rc;
  check_failure_handle(rc, r);
  FUZZ_CHECK(rc != JWTCORE_E_POINT_INVALID && rc != JWTCORE_E_BAD_SIGNATURE && rc != JWTCORE_E_INTERNAL);
  if (rc == JWTCORE_E_DECRYPT) FUZZ_CHECK(std::string_view(jwtcore_last_error_message()) == "decryption failed");
  return rc;
}

inline std::string_view plaintext_of(const jwtcore_jwe_result *r) {
  const uint8_t *data = nullptr;
  size_t len = 0;
  FUZZ_CHECK(jwtcore_jwe_result_plaintext(r, &data, &len) == JWTCORE_OK);
  FUZZ_CHECK(data != nullptr && data[len] == 0);
  return {reinterpret_cast<const char *>(data), len};
}

// What every successful decryption must satisfy, and decrypting the same text again must give
// the same plaintext, algorithms and recipient (no state, no randomness on this side).
inline void check_decrypted_again(std::string_view jwe, const jwtcore_jwe_result *first, uint32_t flags) {
  FUZZ_CHECK(jwtcore_jwe_result_alg(first) != nullptr && jwtcore_jwe_result_enc(first) != nullptr);
  FUZZ_CHECK(jwtcore_jwe_result_key(first) != nullptr);
  JweResultPtr again;
  FUZZ_CHECK(decrypt(again, jwe, flags) == JWTCORE_OK);
  FUZZ_CHECK(plaintext_of(again.get()) == plaintext_of(first));
  FUZZ_CHECK(std::string_view(jwtcore_jwe_result_alg(again.get())) == jwtcore_jwe_result_alg(first));
  FUZZ_CHECK(std::string_view(jwtcore_jwe_result_enc(again.get())) == jwtcore_jwe_result_enc(first));
  FUZZ_CHECK(jwtcore_jwe_result_recipient_index(again.get()) == jwtcore_jwe_result_recipient_index(first));
}

// The RFC 7638 SHA-256 thumbprint of a key, as text.
inline std::string thumbprint(const jwtcore_key *key) {
  OutBytes out;
  const int rc = jwtcore_key_thumbprint(&out.data, &out.size, key, JWTCORE_HASH_SHA256);
  check_success(rc, out);
  return std::string(out.view());
}

inline constexpr std::string_view kBase64urlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Flips the top bit of the 6-bit group `c` encodes: the first character of a base64url value
// always carries 6 significant bits, so this changes the decoded first byte and nothing else.
// Returns false when `c` is not a base64url character.
inline bool flip_base64url_char(char &c) {
  const size_t digit = kBase64urlAlphabet.find(c);
  if (digit == std::string_view::npos) return false;
  c = kBase64urlAlphabet[digit ^ 0x20];
  return true;
}

// A value's span [begin, end) in a JSON text.
using Span = std::pair<size_t, size_t>;

// A deliberately small scanner over JSON text that the library has already accepted (valid
// JSON, no repeated names), so it need not validate anything. Member names are compared as
// written: an escaped spelling is simply not found, and the harness then skips that oracle.
class JsonSpans {
 public:
  explicit JsonSpans(std::string_view text) : text_(text) {}

  // The value of member `name` in the object that starts at `object`.
  std::optional<Span> member(size_t object, std::string_view name) const {
    size_t pos = skip_ws(object);
    if (pos >= text_.size() || text_[pos] != '{') return std::nullopt;
    pos = skip_ws(pos + 1);
    while (pos < text_.size() && text_[pos] == '"') {
      const size_t key_end = skip_value(pos);
      const std::string_view key = text_.substr(pos + 1, key_end - pos - 2);
      const size_t value = skip_ws(skip_ws(key_end) + 1);  // past the ':'
      const size_t value_end = skip_value(value);
      if (key == name) return Span{value, value_end};
      pos = skip_ws(value_end);
      if (pos < text_.size() && text_[pos] == ',') pos = skip_ws(pos + 1);
    }
    return std::nullopt;
  }

  // Element `index` of the array that starts at `array`.
  std::optional<Span> element(size_t array, size_t index) const {
    size_t pos = skip_ws(array);
    if (pos >= text_.size() || text_[pos] != '[') return std::nullopt;
    pos = skip_ws(pos + 1);
    for (size_t i = 0; pos < text_.size() && text_[pos] != ']'; ++i) {
      const size_t end = skip_value(pos);
      if (i == index) return Span{pos, end};
      pos = skip_ws(end);
      if (pos < text_.size() && text_[pos] == ',') pos = skip_ws(pos + 1);
    }
    return std::nullopt;
  }

  size_t element_count(size_t array) const {
    size_t n = 0;
    while (element(array, n)) ++n;
    return n;
  }

 private:
  static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

  size_t skip_ws(size_t pos) const {
    while (pos < text_.size() && is_ws(text_[pos])) ++pos;
    return pos;
  }

  // The end of the value (string, number, literal, object or array) that starts at `pos`.
  size_t skip_value(size_t pos) const {
    int depth = 0;
    bool in_string = false;
    for (; pos < text_.size(); ++pos) {
      const char c = text_[pos];
      if (in_string) {
        if (c == '\\') ++pos;
        else if (c == '"') in_string = false;
        if (!in_string && depth == 0) return pos + 1;
        continue;
      }
      if (c == '"') in_string = true;
      else if (c == '{' || c == '[') ++depth;
      else if (c == '}' || c == ']') {
        if (depth == 0) return pos;  // the end of a scalar in a container
        if (--depth == 0) return pos + 1;
      } else if (depth == 0 && (c == ',' || is_ws(c))) return pos;
    }
    return pos;
  }

  std::string_view text_;
};

// Flips the first base64url character of the JSON string value at `value` in `text`; false if
// the value is not a string starting with a base64url character (escaped, empty, not a string).
inline bool flip_json_string(std::string &text, Span value) {
  if (value.second - value.first < 3 || text[value.first] != '"') return false;
  return flip_base64url_char(text[value.first + 1]);
}

}  // namespace jwtcore::fuzz
