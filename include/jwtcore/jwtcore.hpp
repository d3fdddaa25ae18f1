/*
 * libjwtcore — the C++17 wrapper: header-only RAII classes over the public C API.
 *
 * A supported part of the library for C++ users: it adds no exported symbol (everything here is
 * inline over the jwtcore_* functions of jwtcore.h), so it works with any libjwtcore.so of the
 * same ABI and links with plain -ljwtcore.
 *
 *   jwtcore::Key key = jwtcore::Key::generate("EdDSA");
 *   std::string token = jwtcore::JwtBuilder().set_string("sub", "alice").set_expires_in(900)
 *                           .sign(key, "EdDSA");
 *   jwtcore::Verifier verifier;
 *   verifier.allow_alg("EdDSA").add_key(key.public_key());
 *   jwtcore::Claims claims = verifier.verify_jwt(token);   // throws jwtcore::Error if invalid
 *
 * Conventions:
 * - Text and bytes go in as std::string_view (never needs a NUL terminator); results come out as
 *   owned values: std::string for text (tokens, public JWKs, PEM), std::vector<uint8_t> for
 *   non-secret bytes, and jwtcore::Secret for secrets (private JWKs and PEM, JWE plaintext),
 *   which zeroes its memory when destroyed. Library memory is copied and released with
 *   jwtcore_free at once, so no C ownership leaks into C++ code.
 * - Every failure throws jwtcore::Error carrying the status code (a JWTCORE_E_* value, see
 *   common.h) and the detail of jwtcore_last_error_message(), read right after the failing call.
 *   Verification and decryption have no other outcome than a result or an exception.
 * - Handles are RAII: Key is copyable (it shares the immutable, reference-counted key); KeySet,
 *   Verifier, Claims and the builders are move-only. A moved-from object is empty; using it
 *   gives Error(JWTCORE_E_INVALID_HANDLE).
 * - Thread-safety is that of the C API (see each C header): keys, key sets and frozen verifiers
 *   may be shared between threads; builders and unfrozen verifiers are used by one thread at a
 *   time.
 * @since 0.1
 */
#ifndef JWTCORE_HPP
#define JWTCORE_HPP

#include "jwtcore/jwtcore.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jwtcore {

/** A failed libjwtcore call: code() is the JWTCORE_E_* status, message() the library's detail
 *  (it may be empty), what() both in one line: "<strerror(code)>: <message>" (or the first
 *  alone when the message is empty or says the same). */
class Error : public std::runtime_error {
 public:
  Error(int code, std::string message)
      : std::runtime_error(compose(code, message)), code_(code), message_(std::move(message)) {}

  int code() const noexcept { return code_; }
  const std::string &message() const noexcept { return message_; }
  /** The static text of the code (jwtcore_strerror). */
  const char *description() const noexcept { return jwtcore_strerror(code_); }

 private:
  static std::string compose(int code, const std::string &message) {
    std::string text = jwtcore_strerror(code);
    if (!message.empty() && message != text) text += ": " + message;
    return text;
  }

  int code_;
  std::string message_;
};

namespace detail {

// The message is copied before anything else runs: every libjwtcore call clears it on entry.
[[noreturn]] inline void throw_last(int code) { throw Error(code, std::string(jwtcore_last_error_message())); }

inline void check(int rc) {
  if (rc != JWTCORE_OK) throw_last(rc);
}

inline const uint8_t *bytes(std::string_view s) noexcept { return reinterpret_cast<const uint8_t *>(s.data()); }

// An optional text argument: empty means "absent" (NULL, 0) to the C API.
inline const char *opt(std::string_view s) noexcept { return s.empty() ? nullptr : s.data(); }

// A block the library returned through (uint8_t **out, size_t *out_len); freed (and wiped by
// jwtcore_free) when the copy is done or the copy throws.
struct LibBuffer {
  uint8_t *p = nullptr;
  size_t n = 0;
  LibBuffer() = default;
  LibBuffer(const LibBuffer &) = delete;
  LibBuffer &operator=(const LibBuffer &) = delete;
  ~LibBuffer() { jwtcore_free(p); }
};

template <class Call> std::string take_string(Call &&call) {
  LibBuffer b;
  check(call(&b.p, &b.n));
  return std::string(reinterpret_cast<const char *>(b.p), b.n);
}

template <class Call> std::vector<uint8_t> take_bytes(Call &&call) {
  LibBuffer b;
  check(call(&b.p, &b.n));
  return std::vector<uint8_t>(b.p, b.p + b.n);
}

// Zeroes memory before returning it to the heap, so secrets do not linger in freed blocks.
template <class T> struct WipingAllocator {
  using value_type = T;
  WipingAllocator() noexcept = default;
  template <class U> WipingAllocator(const WipingAllocator<U> &) noexcept {}
  T *allocate(std::size_t n) { return std::allocator<T>().allocate(n); }
  void deallocate(T *p, std::size_t n) noexcept {
    volatile unsigned char *v = reinterpret_cast<volatile unsigned char *>(p);
    for (std::size_t i = 0; i < n * sizeof(T); ++i) v[i] = 0;
    std::allocator<T>().deallocate(p, n);
  }
  template <class U> bool operator==(const WipingAllocator<U> &) const noexcept { return true; }
  template <class U> bool operator!=(const WipingAllocator<U> &) const noexcept { return false; }
};

inline std::string copy_text(const char *s) { return s == nullptr ? std::string() : std::string(s); }

}  // namespace detail

/** Secret bytes (a private JWK or PEM, a JWE plaintext): owned, zeroed when destroyed. Copy it
 *  into a std::string only if you must; that copy is not wiped. */
class Secret {
 public:
  Secret() = default;
  Secret(const uint8_t *p, std::size_t n) : bytes_(p, p + n) {}

  const uint8_t *data() const noexcept { return bytes_.data(); }
  std::size_t size() const noexcept { return bytes_.size(); }
  bool empty() const noexcept { return bytes_.empty(); }
  /** The bytes as text (valid while this Secret lives). */
  std::string_view view() const noexcept {
    return std::string_view(reinterpret_cast<const char *>(bytes_.data()), bytes_.size());
  }

 private:
  std::vector<uint8_t, detail::WipingAllocator<uint8_t>> bytes_;
};

namespace detail {
template <class Call> Secret take_secret(Call &&call) {
  LibBuffer b;
  check(call(&b.p, &b.n));
  return Secret(b.p, b.n);
}
}  // namespace detail

/** A view of a byte vector as the std::string_view the functions here take. */
inline std::string_view as_view(const std::vector<uint8_t> &v) noexcept {
  return std::string_view(reinterpret_cast<const char *>(v.data()), v.size());
}

/** Runtime version string ("0.1.0"), number (major*10000 + minor*100 + patch) and ABI generation. */
inline std::string version_string() { return jwtcore_version_string(); }
inline uint32_t version_number() noexcept { return jwtcore_version_number(); }
inline uint32_t abi_version() noexcept { return jwtcore_abi_version(); }

/** Unpadded base64url (RFC 4648 §5); decoding is strict (one accepted encoding per byte string). */
inline std::string base64url_encode(std::string_view in) {
  return detail::take_string([&](uint8_t **o, size_t *n) { return jwtcore_base64url_encode(o, n, detail::bytes(in), in.size()); });
}
inline std::vector<uint8_t> base64url_decode(std::string_view in) {
  return detail::take_bytes([&](uint8_t **o, size_t *n) { return jwtcore_base64url_decode(o, n, in.data(), in.size()); });
}

/* ---- Keys (jwk.h) ------------------------------------------------------------------------- */

/** A key: immutable and reference counted, so copies are cheap and share the material. */
class Key {
 public:
  Key() noexcept = default;
  /** Adopts one reference of `k` (NULL gives an empty Key). */
  explicit Key(jwtcore_key *k) noexcept : k_(k) {}
  Key(const Key &o) noexcept : k_(o.k_ != nullptr ? jwtcore_key_ref(o.k_) : nullptr) {}
  Key(Key &&o) noexcept : k_(std::exchange(o.k_, nullptr)) {}
  Key &operator=(Key o) noexcept {
    std::swap(k_, o.k_);
    return *this;
  }
  ~Key() { jwtcore_key_free(k_); }

  /** A JWK (JSON text), validated in full (jwtcore_key_from_jwk). */
  static Key from_jwk(std::string_view json, uint32_t flags = 0) {
    return make([&](jwtcore_key **o) { return jwtcore_key_from_jwk(o, json.data(), json.size(), flags); });
  }
  /** A PEM text or DER key (jwtcore_key_from_pem). */
  static Key from_pem(std::string_view pem_or_der, uint32_t flags = 0) {
    return make([&](jwtcore_key **o) { return jwtcore_key_from_pem(o, detail::bytes(pem_or_der), pem_or_der.size(), flags); });
  }
  /** An oct key from raw secret bytes (HMAC, AES, PBES2 password). */
  static Key from_secret(std::string_view secret) {
    return make([&](jwtcore_key **o) { return jwtcore_key_from_secret(o, detail::bytes(secret), secret.size(), 0); });
  }
  /** A new key for an algorithm, enc or curve ("EdDSA", "ES256", "RS256:3072", "X25519", …). */
  static Key generate(std::string_view spec) {
    return make([&](jwtcore_key **o) { return jwtcore_key_generate(o, spec.data(), spec.size(), 0); });
  }

  /** The same key carrying `kid`. */
  Key with_kid(std::string_view kid) const {
    return make([&](jwtcore_key **o) { return jwtcore_key_with_kid(o, k_, kid.data(), kid.size()); });
  }
  /** The public half as its own key (Error JWTCORE_E_INVALID_ARGUMENT for oct keys). */
  Key public_key() const { return from_jwk(public_jwk()); }

  std::string public_jwk() const {
    return detail::take_string([&](uint8_t **o, size_t *n) { return jwtcore_key_to_jwk(o, n, k_, 0); });
  }
  /** The JWK with its private members (all members of an oct key). */
  Secret private_jwk() const {
    return detail::take_secret([&](uint8_t **o, size_t *n) { return jwtcore_key_to_jwk(o, n, k_, 1); });
  }
  /** SubjectPublicKeyInfo PEM ("PUBLIC KEY"). */
  std::string public_pem() const {
    return detail::take_string([&](uint8_t **o, size_t *n) { return jwtcore_key_to_pem(o, n, k_, 0); });
  }
  /** PKCS#8 PEM ("PRIVATE KEY") when the key has a private part, else the public PEM. */
  Secret private_pem() const {
    return detail::take_secret([&](uint8_t **o, size_t *n) { return jwtcore_key_to_pem(o, n, k_, 1); });
  }
  /** RFC 7638 thumbprint (base64url); hash JWTCORE_HASH_SHA256/384/512. */
  std::string thumbprint(uint32_t hash = JWTCORE_HASH_SHA256) const {
    return detail::take_string([&](uint8_t **o, size_t *n) { return jwtcore_key_thumbprint(o, n, k_, hash); });
  }
  /** RFC 9278 thumbprint URI. */
  std::string thumbprint_uri(uint32_t hash = JWTCORE_HASH_SHA256) const {
    return detail::take_string([&](uint8_t **o, size_t *n) { return jwtcore_key_thumbprint_uri(o, n, k_, hash); });
  }

  /** Metadata; "" when absent (kid, alg, curve). */
  std::string kid() const { return detail::copy_text(jwtcore_key_kid(k_)); }
  std::string kty() const { return detail::copy_text(jwtcore_key_kty(k_)); }
  std::string alg() const { return detail::copy_text(jwtcore_key_alg(k_)); }
  std::string curve() const { return detail::copy_text(jwtcore_key_curve(k_)); }
  bool is_private() const {
    int rc = jwtcore_key_is_private(k_);
    if (rc < 0) detail::throw_last(rc);
    return rc == 1;
  }

  /** The C handle (still owned by this Key), for calls this wrapper does not cover. */
  jwtcore_key *get() const noexcept { return k_; }
  explicit operator bool() const noexcept { return k_ != nullptr; }

 private:
  template <class Call> static Key make(Call &&call) {
    jwtcore_key *k = nullptr;
    detail::check(call(&k));
    return Key(k);
  }

  jwtcore_key *k_ = nullptr;
};

/** A set of keys of one kind (all secret, all public or all private). Move-only. */
class KeySet {
 public:
  /** An empty set. */
  KeySet() { detail::check(jwtcore_keyset_new(&s_, 0)); }
  KeySet(KeySet &&o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  KeySet &operator=(KeySet &&o) noexcept {
    std::swap(s_, o.s_);
    return *this;
  }
  KeySet(const KeySet &) = delete;
  KeySet &operator=(const KeySet &) = delete;
  ~KeySet() { jwtcore_keyset_free(s_); }

  /** A JWK Set {"keys":[...]}; unusable entries are skipped (see skipped_reasons()). */
  static KeySet from_jwks(std::string_view json, uint32_t flags = 0) {
    jwtcore_keyset *s = nullptr;
    detail::check(jwtcore_keyset_from_jwks(&s, json.data(), json.size(), flags));
    return KeySet(s);
  }

  KeySet &add(const Key &key) {
    detail::check(jwtcore_keyset_add(s_, key.get()));
    return *this;
  }
  std::size_t size() const noexcept { return jwtcore_keyset_count(s_); }
  /** The key at `index` (Error JWTCORE_E_INVALID_ARGUMENT past the end). */
  Key at(std::size_t index) const {
    const jwtcore_key *k = jwtcore_keyset_get(s_, index);
    if (k == nullptr) throw Error(JWTCORE_E_INVALID_ARGUMENT, "key set index " + std::to_string(index) + " is past the end");
    return share(k);
  }
  /** The one key with this kid (Error JWTCORE_E_KEY_NOT_FOUND otherwise). */
  Key find(std::string_view kid) const {
    const jwtcore_key *k = nullptr;
    detail::check(jwtcore_keyset_find(&k, s_, kid.data(), kid.size()));
    return share(k);
  }
  std::vector<std::string> skipped_reasons() const {
    std::vector<std::string> out;
    for (std::size_t i = 0, n = jwtcore_keyset_skipped_count(s_); i < n; ++i)
      out.push_back(detail::copy_text(jwtcore_keyset_skipped_reason(s_, i)));
    return out;
  }
  std::string public_jwks() const {
    return detail::take_string([&](uint8_t **o, size_t *n) { return jwtcore_keyset_to_jwks(o, n, s_, 0); });
  }
  Secret private_jwks() const {
    return detail::take_secret([&](uint8_t **o, size_t *n) { return jwtcore_keyset_to_jwks(o, n, s_, 1); });
  }

  const jwtcore_keyset *get() const noexcept { return s_; }

 private:
  explicit KeySet(jwtcore_keyset *s) noexcept : s_(s) {}
  // Keys are immutable and their count is atomic, so a borrowed key may gain a reference.
  static Key share(const jwtcore_key *k) { return Key(jwtcore_key_ref(const_cast<jwtcore_key *>(k))); }

  jwtcore_keyset *s_ = nullptr;
};

/* ---- Verification results ----------------------------------------------------------------- */

/** What a JWS verification proved. */
struct JwsVerified {
  std::vector<uint8_t> payload;
  std::string header;        // protected header JSON of the signature that verified
  std::string alg;           // the algorithm that verified
  int signature_index = 0;   // 0 for compact and flattened
  bool embedded_key = false; // the header carried jwk/jku/x5u/x5c (reported, never used)
  Key key;                   // the key that verified (empty for "none")
  std::string_view payload_view() const noexcept { return as_view(payload); }
};

/** What a JWE decryption produced. */
struct JweDecrypted {
  Secret plaintext;
  std::string header;  // protected header JSON ("" if none)
  std::string alg;
  std::string enc;
  int recipient_index = 0;
  Key key;  // the key that decrypted
};

/** Verified JWT claims. Move-only; reading is thread-safe. Getters throw Error with
 *  JWTCORE_E_CLAIM_MISSING (absent or null) or JWTCORE_E_CLAIM_TYPE (another JSON type). */
class Claims {
 public:
  explicit Claims(jwtcore_claims *c) noexcept : c_(c) {}
  Claims(Claims &&o) noexcept : c_(std::exchange(o.c_, nullptr)) {}
  Claims &operator=(Claims &&o) noexcept {
    std::swap(c_, o.c_);
    return *this;
  }
  Claims(const Claims &) = delete;
  Claims &operator=(const Claims &) = delete;
  ~Claims() { jwtcore_claims_free(c_); }

  /** The whole claims set as the token carried it. */
  std::string json() const {
    const char *p = nullptr;
    std::size_t n = 0;
    detail::check(jwtcore_claims_json(c_, &p, &n));
    return std::string(p, n);
  }
  bool has(std::string_view name) const {
    int rc = jwtcore_claims_has(c_, name.data(), name.size());
    if (rc < 0) detail::throw_last(rc);
    return rc == 1;
  }
  std::string get_string(std::string_view name) const {
    const char *p = nullptr;
    std::size_t n = 0;
    detail::check(jwtcore_claims_get_string(c_, name.data(), name.size(), &p, &n));
    return std::string(p, n);
  }
  int64_t get_int64(std::string_view name) const {
    int64_t v = 0;
    detail::check(jwtcore_claims_get_int64(c_, name.data(), name.size(), &v));
    return v;
  }
  double get_double(std::string_view name) const {
    double v = 0;
    detail::check(jwtcore_claims_get_double(c_, name.data(), name.size(), &v));
    return v;
  }
  bool get_bool(std::string_view name) const {
    int v = 0;
    detail::check(jwtcore_claims_get_bool(c_, name.data(), name.size(), &v));
    return v != 0;
  }
  /** A string-array claim; a plain string claim gives one value (as "aud" may be either). */
  std::vector<std::string> get_string_array(std::string_view name) const {
    std::size_t count = 0;
    detail::check(jwtcore_claims_get_string_array_count(c_, name.data(), name.size(), &count));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
      const char *p = nullptr;
      std::size_t n = 0;
      detail::check(jwtcore_claims_get_string_array_at(c_, name.data(), name.size(), i, &p, &n));
      out.emplace_back(p, n);
    }
    return out;
  }
  /** Any claim as minified JSON text. */
  std::string get_json(std::string_view name) const {
    return detail::take_string([&](uint8_t **o, size_t *n) { return jwtcore_claims_get_json(o, n, c_, name.data(), name.size()); });
  }

  const jwtcore_claims *get() const noexcept { return c_; }

 private:
  jwtcore_claims *c_ = nullptr;
};

/* ---- The verifier (verifier.h) ------------------------------------------------------------ */

/** The allowed algorithms, keys and claim rules of a verification (nothing is allowed by
 *  default). Setters return *this for chaining and throw Error(JWTCORE_E_INVALID_STATE) once the
 *  verifier is frozen (by freeze() or its first verification). Move-only. */
class Verifier {
 public:
  Verifier() { detail::check(jwtcore_verifier_new(&v_, 0)); }
  Verifier(Verifier &&o) noexcept : v_(std::exchange(o.v_, nullptr)) {}
  Verifier &operator=(Verifier &&o) noexcept {
    std::swap(v_, o.v_);
    return *this;
  }
  Verifier(const Verifier &) = delete;
  Verifier &operator=(const Verifier &) = delete;
  ~Verifier() { jwtcore_verifier_free(v_); }

  Verifier &allow_alg(std::string_view alg) { return set(jwtcore_verifier_allow_alg(v_, alg.data(), alg.size())); }
  Verifier &allow_enc(std::string_view enc) { return set(jwtcore_verifier_allow_enc(v_, enc.data(), enc.size())); }
  Verifier &allow_none() { return set(jwtcore_verifier_allow_none(v_)); }
  Verifier &add_key(const Key &key) { return set(jwtcore_verifier_add_key(v_, key.get())); }
  Verifier &add_keyset(const KeySet &keys) { return set(jwtcore_verifier_add_keyset(v_, keys.get())); }
  Verifier &add_decryption_key(const Key &key) { return set(jwtcore_verifier_add_decryption_key(v_, key.get())); }
  Verifier &require_typ(std::string_view typ) { return set(jwtcore_verifier_require_typ(v_, typ.data(), typ.size())); }
  Verifier &understand_crit(std::string_view name) {
    return set(jwtcore_verifier_understand_crit(v_, name.data(), name.size()));
  }
  Verifier &set_max_token_size(std::size_t bytes) { return set(jwtcore_verifier_set_max_token_size(v_, bytes)); }

  /* JWT claims policy */
  Verifier &add_issuer(std::string_view iss) { return set(jwtcore_verifier_add_issuer(v_, iss.data(), iss.size())); }
  Verifier &add_audience(std::string_view aud) { return set(jwtcore_verifier_add_audience(v_, aud.data(), aud.size())); }
  Verifier &set_leeway(int64_t seconds) { return set(jwtcore_verifier_set_leeway(v_, seconds)); }
  Verifier &require_claim(std::string_view name) {
    return set(jwtcore_verifier_require_claim(v_, name.data(), name.size()));
  }
  Verifier &require_scope(std::string_view scope) {
    return set(jwtcore_verifier_require_scope(v_, scope.data(), scope.size()));
  }
  /** Claim `name` must equal the JSON value `json`. */
  Verifier &require_claim_value(std::string_view name, std::string_view json) {
    return set(jwtcore_verifier_require_claim_value(v_, name.data(), name.size(), json.data(), json.size()));
  }
  Verifier &set_max_age(int64_t seconds) { return set(jwtcore_verifier_set_max_age(v_, seconds)); }
  Verifier &set_max_lifetime(int64_t seconds) { return set(jwtcore_verifier_set_max_lifetime(v_, seconds)); }
  Verifier &require_exp(bool required) { return set(jwtcore_verifier_require_exp(v_, required ? 1 : 0)); }
  /** `ctx` must outlive the verifier; the clock is called from every verifying thread. */
  Verifier &set_clock(jwtcore_clock_fn clock, void *ctx) { return set(jwtcore_verifier_set_clock(v_, clock, ctx)); }
  Verifier &set_revocation_check(jwtcore_revocation_fn check, void *ctx) {
    return set(jwtcore_verifier_set_revocation_check(v_, check, ctx));
  }
  Verifier &add_issuer_key(std::string_view iss, const Key &key) {
    return set(jwtcore_verifier_add_issuer_key(v_, iss.data(), iss.size(), key.get()));
  }
  Verifier &add_issuer_keyset(std::string_view iss, const KeySet &keys) {
    return set(jwtcore_verifier_add_issuer_keyset(v_, iss.data(), iss.size(), keys.get()));
  }
  Verifier &set_max_jwt_size(std::size_t bytes) { return set(jwtcore_verifier_set_max_jwt_size(v_, bytes)); }

  /* JWE decryption policy */
  Verifier &enable_pbes2(uint32_t max_p2c = 0) { return set(jwtcore_verifier_enable_pbes2(v_, max_p2c)); }
  Verifier &enable_rsa1_5() { return set(jwtcore_verifier_enable_rsa1_5(v_)); }

  Verifier &freeze() { return set(jwtcore_verifier_freeze(v_)); }

  /** Verifies a compact JWT: signature, then the claims policy (jwtcore_jwt_verify). */
  Claims verify_jwt(std::string_view token) const {
    jwtcore_claims *c = nullptr;
    detail::check(jwtcore_jwt_verify(&c, v_, token.data(), token.size()));
    return Claims(c);
  }
  /** Verifies a JWS (compact or JSON serialization; flags JWTCORE_JWS_VERIFY_*). */
  JwsVerified verify_jws(std::string_view jws, uint32_t flags = 0) const { return jws_result(jws, nullptr, 0, flags); }
  /** Verifies a JWS whose payload is detached (RFC 7515 Appendix F): `content` is the payload. */
  JwsVerified verify_jws_detached(std::string_view jws, std::string_view content, uint32_t flags = 0) const {
    return jws_result(jws, detail::bytes(content), content.size(), flags | JWTCORE_JWS_VERIFY_DETACHED);
  }
  /** Decrypts a JWE (compact or JSON serialization; flags JWTCORE_JWE_DECRYPT_*). */
  JweDecrypted decrypt_jwe(std::string_view jwe, uint32_t flags = 0) const {
    std::unique_ptr<jwtcore_jwe_result, void (*)(jwtcore_jwe_result *)> r(nullptr, jwtcore_jwe_result_free);
    {
      jwtcore_jwe_result *raw = nullptr;
      detail::check(jwtcore_jwe_decrypt(&raw, v_, jwe.data(), jwe.size(), flags));
      r.reset(raw);
    }
    JweDecrypted out;
    const uint8_t *p = nullptr;
    std::size_t n = 0;
    detail::check(jwtcore_jwe_result_plaintext(r.get(), &p, &n));
    out.plaintext = Secret(p, n);
    const char *h = nullptr;
    detail::check(jwtcore_jwe_result_header(r.get(), &h, &n));
    out.header.assign(h, n);
    out.alg = detail::copy_text(jwtcore_jwe_result_alg(r.get()));
    out.enc = detail::copy_text(jwtcore_jwe_result_enc(r.get()));
    out.recipient_index = jwtcore_jwe_result_recipient_index(r.get());
    if (const jwtcore_key *k = jwtcore_jwe_result_key(r.get())) out.key = Key(jwtcore_key_ref(const_cast<jwtcore_key *>(k)));
    return out;
  }

  const jwtcore_verifier *get() const noexcept { return v_; }

 private:
  Verifier &set(int rc) {
    detail::check(rc);
    return *this;
  }

  JwsVerified jws_result(std::string_view token, const uint8_t *detached, std::size_t detached_len, uint32_t flags) const {
    std::unique_ptr<jwtcore_jws_result, void (*)(jwtcore_jws_result *)> r(nullptr, jwtcore_jws_result_free);
    {
      jwtcore_jws_result *raw = nullptr;
      detail::check(jwtcore_jws_verify(&raw, v_, token.data(), token.size(), detached, detached_len, flags));
      r.reset(raw);
    }
    JwsVerified out;
    const uint8_t *p = nullptr;
    std::size_t n = 0;
    detail::check(jwtcore_jws_result_payload(r.get(), &p, &n));
    out.payload.assign(p, p + n);
    const char *h = nullptr;
    detail::check(jwtcore_jws_result_header(r.get(), &h, &n));
    out.header.assign(h, n);
    out.alg = detail::copy_text(jwtcore_jws_result_alg(r.get()));
    out.signature_index = jwtcore_jws_result_signature_index(r.get());
    out.embedded_key = jwtcore_jws_result_embedded_key(r.get()) == 1;
    // The result's key is borrowed; keys are immutable with an atomic count, so it may gain a reference.
    if (const jwtcore_key *k = jwtcore_jws_result_key(r.get())) out.key = Key(jwtcore_key_ref(const_cast<jwtcore_key *>(k)));
    return out;
  }

  jwtcore_verifier *v_ = nullptr;
};

/* ---- JWS (jws.h) -------------------------------------------------------------------------- */

/** Signs `payload` with one key (jwtcore_jws_sign): compact unless flags say otherwise
 *  (JWTCORE_JWS_FLATTENED, _DETACHED, _UNENCODED). `header_json`: extra protected members. */
inline std::string sign_jws(std::string_view payload, const Key &key, std::string_view alg,
                            std::string_view header_json = {}, uint32_t flags = 0) {
  return detail::take_string([&](uint8_t **o, size_t *n) {
    return jwtcore_jws_sign(o, n, detail::bytes(payload), payload.size(), key.get(), alg.data(), alg.size(),
                            detail::opt(header_json), header_json.size(), flags);
  });
}

/** A JWS with several signatures or unprotected header members. Move-only. */
class JwsSigner {
 public:
  explicit JwsSigner(uint32_t flags = JWTCORE_JWS_GENERAL) { detail::check(jwtcore_jws_signer_new(&s_, flags)); }
  JwsSigner(JwsSigner &&o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  JwsSigner &operator=(JwsSigner &&o) noexcept {
    std::swap(s_, o.s_);
    return *this;
  }
  JwsSigner(const JwsSigner &) = delete;
  JwsSigner &operator=(const JwsSigner &) = delete;
  ~JwsSigner() { jwtcore_jws_signer_free(s_); }

  JwsSigner &add(const Key &key, std::string_view alg, std::string_view protected_json = {},
                 std::string_view unprotected_json = {}) {
    detail::check(jwtcore_jws_signer_add(s_, key.get(), alg.data(), alg.size(), detail::opt(protected_json),
                                         protected_json.size(), detail::opt(unprotected_json), unprotected_json.size()));
    return *this;
  }
  std::string sign(std::string_view payload) const {
    return detail::take_string(
        [&](uint8_t **o, size_t *n) { return jwtcore_jws_signer_sign(o, n, s_, detail::bytes(payload), payload.size()); });
  }

 private:
  jwtcore_jws_signer *s_ = nullptr;
};

/* ---- JWE (jwe.h) -------------------------------------------------------------------------- */

/** Encrypts `plaintext` to one key (jwtcore_jwe_encrypt): compact unless flags say otherwise
 *  (JWTCORE_JWE_FLATTENED, _GENERAL). `header_json`: extra protected members, e.g. {"cty":"JWT"}. */
inline std::string encrypt_jwe(std::string_view plaintext, const Key &key, std::string_view alg, std::string_view enc,
                               std::string_view header_json = {}, uint32_t flags = 0) {
  return detail::take_string([&](uint8_t **o, size_t *n) {
    return jwtcore_jwe_encrypt(o, n, detail::bytes(plaintext), plaintext.size(), key.get(), alg.data(), alg.size(),
                               enc.data(), enc.size(), detail::opt(header_json), header_json.size(), flags);
  });
}

/** A JWE to several recipients, or with unprotected headers or AAD. Move-only. */
class JweEncrypter {
 public:
  JweEncrypter(std::string_view enc, uint32_t flags = JWTCORE_JWE_GENERAL) {
    detail::check(jwtcore_jwe_encrypter_new(&e_, enc.data(), enc.size(), flags));
  }
  JweEncrypter(JweEncrypter &&o) noexcept : e_(std::exchange(o.e_, nullptr)) {}
  JweEncrypter &operator=(JweEncrypter &&o) noexcept {
    std::swap(e_, o.e_);
    return *this;
  }
  JweEncrypter(const JweEncrypter &) = delete;
  JweEncrypter &operator=(const JweEncrypter &) = delete;
  ~JweEncrypter() { jwtcore_jwe_encrypter_free(e_); }

  JweEncrypter &set_protected(std::string_view json) {
    detail::check(jwtcore_jwe_encrypter_set_protected(e_, detail::opt(json), json.size()));
    return *this;
  }
  JweEncrypter &set_unprotected(std::string_view json) {
    detail::check(jwtcore_jwe_encrypter_set_unprotected(e_, detail::opt(json), json.size()));
    return *this;
  }
  JweEncrypter &set_aad(std::string_view aad) {
    detail::check(jwtcore_jwe_encrypter_set_aad(e_, detail::bytes(aad), aad.size()));
    return *this;
  }
  JweEncrypter &add_recipient(const Key &key, std::string_view alg, std::string_view header_json = {}) {
    detail::check(jwtcore_jwe_encrypter_add_recipient(e_, key.get(), alg.data(), alg.size(), detail::opt(header_json),
                                                      header_json.size()));
    return *this;
  }
  std::string encrypt(std::string_view plaintext) const {
    return detail::take_string([&](uint8_t **o, size_t *n) {
      return jwtcore_jwe_encrypter_encrypt(o, n, e_, detail::bytes(plaintext), plaintext.size());
    });
  }

 private:
  jwtcore_jwe_encrypter *e_ = nullptr;
};

/* ---- JWT issuing (jwt.h) ------------------------------------------------------------------ */

/** Builds and signs a JWT ("typ":"JWT" by default). Setters return *this; setting a claim again
 *  replaces it. Named by type (set_string, set_int, …) so that a string literal never silently
 *  becomes a bool. Move-only. */
class JwtBuilder {
 public:
  JwtBuilder() { detail::check(jwtcore_jwt_builder_new(&b_, 0)); }
  JwtBuilder(JwtBuilder &&o) noexcept : b_(std::exchange(o.b_, nullptr)) {}
  JwtBuilder &operator=(JwtBuilder &&o) noexcept {
    std::swap(b_, o.b_);
    return *this;
  }
  JwtBuilder(const JwtBuilder &) = delete;
  JwtBuilder &operator=(const JwtBuilder &) = delete;
  ~JwtBuilder() { jwtcore_jwt_builder_free(b_); }

  /** Replaces all claims by the members of a JSON object. */
  JwtBuilder &set_claims_json(std::string_view json) { return set(jwtcore_jwt_builder_set_claims_json(b_, json.data(), json.size())); }
  JwtBuilder &set_string(std::string_view name, std::string_view value) {
    return set(jwtcore_jwt_builder_set_string(b_, name.data(), name.size(), value.data(), value.size()));
  }
  JwtBuilder &set_int(std::string_view name, int64_t value) {
    return set(jwtcore_jwt_builder_set_int(b_, name.data(), name.size(), value));
  }
  JwtBuilder &set_double(std::string_view name, double value) {
    return set(jwtcore_jwt_builder_set_double(b_, name.data(), name.size(), value));
  }
  JwtBuilder &set_bool(std::string_view name, bool value) {
    return set(jwtcore_jwt_builder_set_bool(b_, name.data(), name.size(), value ? 1 : 0));
  }
  /** Any JSON value given as text. */
  JwtBuilder &set_json(std::string_view name, std::string_view json) {
    return set(jwtcore_jwt_builder_set_json(b_, name.data(), name.size(), json.data(), json.size()));
  }
  /** "aud": one value is written as a string, several as an array. */
  JwtBuilder &set_audience(std::string_view aud) { return set_audience(std::vector<std::string_view>{aud}); }
  JwtBuilder &set_audience(const std::vector<std::string_view> &auds) {
    std::vector<const char *> ptrs;
    std::vector<std::size_t> lens;
    for (std::string_view a : auds) {
      ptrs.push_back(a.data());
      lens.push_back(a.size());
    }
    return set(jwtcore_jwt_builder_set_audience(b_, ptrs.data(), lens.data(), ptrs.size()));
  }
  /** Header "typ": "JWT" (default), "at+jwt", or "" for none. */
  JwtBuilder &set_typ(std::string_view typ) { return set(jwtcore_jwt_builder_set_typ(b_, typ.data(), typ.size())); }
  JwtBuilder &generate_jti() { return set(jwtcore_jwt_builder_generate_jti(b_)); }
  JwtBuilder &set_clock(jwtcore_clock_fn clock, void *ctx) { return set(jwtcore_jwt_builder_set_clock(b_, clock, ctx)); }
  JwtBuilder &set_issued_now() { return set(jwtcore_jwt_builder_set_issued_now(b_)); }
  JwtBuilder &set_expires_in(int64_t seconds) { return set(jwtcore_jwt_builder_set_expires_in(b_, seconds)); }
  JwtBuilder &set_not_before_in(int64_t seconds) { return set(jwtcore_jwt_builder_set_not_before_in(b_, seconds)); }

  /** Signs the claims as a compact JWS. */
  std::string sign(const Key &key, std::string_view alg) const {
    return detail::take_string(
        [&](uint8_t **o, size_t *n) { return jwtcore_jwt_builder_sign(o, n, b_, key.get(), alg.data(), alg.size()); });
  }
  /** Nested JWT: signs, then encrypts the token to `enc_key` ("cty":"JWT"). */
  std::string sign_encrypt(const Key &sign_key, std::string_view sign_alg, const Key &enc_key, std::string_view key_alg,
                           std::string_view enc) const {
    return detail::take_string([&](uint8_t **o, size_t *n) {
      return jwtcore_jwt_builder_sign_encrypt(o, n, b_, sign_key.get(), sign_alg.data(), sign_alg.size(), enc_key.get(),
                                              key_alg.data(), key_alg.size(), enc.data(), enc.size());
    });
  }

 private:
  JwtBuilder &set(int rc) {
    detail::check(rc);
    return *this;
  }

  jwtcore_jwt_builder *b_ = nullptr;
};

}  // namespace jwtcore

#endif /* JWTCORE_HPP */
