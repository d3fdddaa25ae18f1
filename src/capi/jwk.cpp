// extern "C" shims for jwtcore/jwk.h: argument checks, handle bookkeeping, nothing else.
#include "jwtcore/jwk.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "../core/json.hpp"
#include "../core/jwk.hpp"
#include "../core/keygen.hpp"
#include "../core/keyset.hpp"
#include "../core/thumbprint.hpp"
#include "guard.hpp"
#include "handles.hpp"

namespace jwtcore::capi {

jwtcore_key *new_key_handle(KeyPtr key) { return std::make_unique<jwtcore_key>(std::move(key)).release(); }

void retain(jwtcore_key *h) noexcept { h->refs.fetch_add(1, std::memory_order_relaxed); }

void release(jwtcore_key *h) noexcept {
  if (h == nullptr) return;  // results of alg "none" hold no key
  if (h->refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  h->magic = 0;  // a stale pointer now reads as an invalid handle where the memory survives
  std::unique_ptr<jwtcore_key> owned(h);
}

namespace {

constexpr size_t kMaxKidBytes = 1024;

int null_out() { return fail(JWTCORE_E_INVALID_ARGUMENT, "out must not be NULL"); }
int null_input(const char *what) { return fail(JWTCORE_E_INVALID_ARGUMENT, std::string(what) + " is NULL with a non-zero length"); }

int bad_flags(uint32_t flags) {
  return fail(JWTCORE_E_BAD_FLAG, "flags 0x" + [&] {
    static const char hex[] = "0123456789abcdef";
    std::string s;
    for (int shift = 28; shift >= 0; shift -= 4) s.push_back(hex[(flags >> shift) & 15]);
    return s;
  }() + " has bits this version does not define");
}

int import_options(uint32_t flags, KeyImportOptions &options) {
  if ((flags & ~JWTCORE_KEY_ALLOW_RSA_1024) != 0) return bad_flags(flags);
  if ((flags & JWTCORE_KEY_ALLOW_RSA_1024) != 0) options.rsa.min_bits = 1024;
  return JWTCORE_OK;
}

// A (pointer, length) input as a view. A NULL pointer (allowed with length 0) becomes an empty
// view of a real address: parsers and memcpy must never see a null source.
constexpr uint8_t kEmpty[1] = {0};
std::string_view text_of(const char *p, size_t n) { return p == nullptr ? std::string_view("", 0) : std::string_view(p, n); }
bytes_view bytes_of(const uint8_t *p, size_t n) { return p == nullptr ? bytes_view(kEmpty, 0) : bytes_view(p, n); }

int emit_key(jwtcore_key **out, Result<KeyPtr> key) {
  if (!key) return fail(key.status());
  *out = new_key_handle(std::move(key).value());
  return JWTCORE_OK;
}

int emit_text(uint8_t **out, size_t *out_len, Result<SecretString> text) {
  if (!text) return fail(text.status());
  return emit(out, out_len, std::string_view(*text));
}

int emit_text(uint8_t **out, size_t *out_len, Result<std::string> text) {
  if (!text) return fail(text.status());
  return emit(out, out_len, std::string_view(*text));
}

int hash_of(uint32_t hash, crypto::Hash &h) {
  switch (hash) {
    case JWTCORE_HASH_SHA256: h = crypto::Hash::sha256; return JWTCORE_OK;
    case JWTCORE_HASH_SHA384: h = crypto::Hash::sha384; return JWTCORE_OK;
    case JWTCORE_HASH_SHA512: h = crypto::Hash::sha512; return JWTCORE_OK;
    default: return fail(JWTCORE_E_INVALID_ARGUMENT, "hash must be JWTCORE_HASH_SHA256, _SHA384 or _SHA512");
  }
}

// Starts a shim producing a byte string: checks and clears the out pair.
int begin_output(uint8_t **out, size_t *out_len) {
  if (out == nullptr || out_len == nullptr) return fail(JWTCORE_E_INVALID_ARGUMENT, "out and out_len must not be NULL");
  *out = nullptr;
  *out_len = 0;
  return JWTCORE_OK;
}

// Runs a getter that returns a pointer (or size) inside guard(): the error detail is cleared
// on entry and set on failure like for every other call.
template <class T, class F>
T get(T fallback, F &&body) noexcept {
  T result = fallback;
  (void)guard([&]() -> int { return body(result); });
  return result;
}

}  // namespace
}  // namespace jwtcore::capi

jwtcore_keyset::~jwtcore_keyset() {
  magic = 0;
  for (jwtcore_key *h : handles) jwtcore::capi::release(h);
}

using namespace jwtcore;

extern "C" {

JWTCORE_API int jwtcore_key_from_jwk(jwtcore_key **out, const char *json, size_t len, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::null_out();
    *out = nullptr;
    if (!capi::span_ok(json, len)) return capi::null_input("json");
    KeyImportOptions options;
    if (int rc = capi::import_options(flags, options)) return rc;
    return capi::emit_key(out, key_from_jwk(capi::text_of(json, len), options));
  });
}

JWTCORE_API int jwtcore_key_from_pem(jwtcore_key **out, const uint8_t *pem_or_der, size_t len, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::null_out();
    *out = nullptr;
    if (!capi::span_ok(pem_or_der, len)) return capi::null_input("pem_or_der");
    KeyImportOptions options;
    if (int rc = capi::import_options(flags, options)) return rc;
    return capi::emit_key(out, key_from_pem(capi::bytes_of(pem_or_der, len), options));
  });
}

JWTCORE_API int jwtcore_key_from_secret(jwtcore_key **out, const uint8_t *secret, size_t len, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::null_out();
    *out = nullptr;
    if (!capi::span_ok(secret, len)) return capi::null_input("secret");
    if (flags != 0) return capi::bad_flags(flags);
    return capi::emit_key(out, key_from_secret(capi::bytes_of(secret, len)));
  });
}

JWTCORE_API int jwtcore_key_generate(jwtcore_key **out, const char *spec, size_t spec_len, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::null_out();
    *out = nullptr;
    if (!capi::span_ok(spec, spec_len)) return capi::null_input("spec");
    if (flags != 0) return capi::bad_flags(flags);
    return capi::emit_key(out, generate_key(capi::text_of(spec, spec_len)));
  });
}

JWTCORE_API int jwtcore_key_with_kid(jwtcore_key **out, const jwtcore_key *key, const char *kid, size_t kid_len) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::null_out();
    *out = nullptr;
    if (int rc = capi::check_key(key)) return rc;
    if (kid == nullptr || kid_len == 0 || kid_len > capi::kMaxKidBytes) {
      return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "kid must be 1 to 1024 bytes");
    }
    const std::string_view text(kid, kid_len);
    if (!json::valid_utf8(text)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "kid is not valid UTF-8");
    KeyAttributes attrs = capi::key_of(key)->attributes();
    attrs.kid = std::string(text);
    return capi::emit_key(out, capi::key_of(key)->with_attributes(std::move(attrs)));
  });
}

JWTCORE_API int jwtcore_key_to_jwk(uint8_t **out, size_t *out_len, const jwtcore_key *key, int include_private) {
  return capi::guard([&]() -> int {
    if (int rc = capi::begin_output(out, out_len)) return rc;
    if (int rc = capi::check_key(key)) return rc;
    return capi::emit_text(out, out_len, key_to_jwk(*capi::key_of(key), include_private != 0));
  });
}

JWTCORE_API int jwtcore_key_to_pem(uint8_t **out, size_t *out_len, const jwtcore_key *key, int include_private) {
  return capi::guard([&]() -> int {
    if (int rc = capi::begin_output(out, out_len)) return rc;
    if (int rc = capi::check_key(key)) return rc;
    return capi::emit_text(out, out_len, key_to_pem(*capi::key_of(key), include_private != 0));
  });
}

JWTCORE_API int jwtcore_key_thumbprint(uint8_t **out, size_t *out_len, const jwtcore_key *key, uint32_t hash) {
  return capi::guard([&]() -> int {
    if (int rc = capi::begin_output(out, out_len)) return rc;
    if (int rc = capi::check_key(key)) return rc;
    crypto::Hash h{};
    if (int rc = capi::hash_of(hash, h)) return rc;
    return capi::emit_text(out, out_len, jwk_thumbprint(*capi::key_of(key), h));
  });
}

JWTCORE_API int jwtcore_key_thumbprint_uri(uint8_t **out, size_t *out_len, const jwtcore_key *key, uint32_t hash) {
  return capi::guard([&]() -> int {
    if (int rc = capi::begin_output(out, out_len)) return rc;
    if (int rc = capi::check_key(key)) return rc;
    crypto::Hash h{};
    if (int rc = capi::hash_of(hash, h)) return rc;
    return capi::emit_text(out, out_len, jwk_thumbprint_uri(*capi::key_of(key), h));
  });
}

JWTCORE_API const char *jwtcore_key_kid(const jwtcore_key *key) {
  return capi::get<const char *>(nullptr, [&](const char *&r) -> int {
    if (int rc = capi::check_key(key)) return rc;
    const std::string &kid = capi::key_of(key)->kid();
    if (!kid.empty()) r = kid.c_str();
    return JWTCORE_OK;
  });
}

JWTCORE_API const char *jwtcore_key_kty(const jwtcore_key *key) {
  return capi::get<const char *>(nullptr, [&](const char *&r) -> int {
    if (int rc = capi::check_key(key)) return rc;
    r = key_type_name(capi::key_of(key)->type()).data();  // names are NUL-terminated literals
    return JWTCORE_OK;
  });
}

JWTCORE_API const char *jwtcore_key_alg(const jwtcore_key *key) {
  return capi::get<const char *>(nullptr, [&](const char *&r) -> int {
    if (int rc = capi::check_key(key)) return rc;
    const Key &k = *capi::key_of(key);
    if (k.alg()) r = alg_info(*k.alg()).name.data();
    if (k.enc()) r = enc_info(*k.enc()).name.data();
    return JWTCORE_OK;
  });
}

JWTCORE_API const char *jwtcore_key_curve(const jwtcore_key *key) {
  return capi::get<const char *>(nullptr, [&](const char *&r) -> int {
    if (int rc = capi::check_key(key)) return rc;
    const KeyCurve c = capi::key_of(key)->curve();
    if (c != KeyCurve::none) r = curve_name(c).data();
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_key_is_private(const jwtcore_key *key) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_key(key)) return rc;
    return capi::key_of(key)->has_private() ? 1 : 0;
  });
}

JWTCORE_API jwtcore_key *jwtcore_key_ref(jwtcore_key *key) {
  return capi::get<jwtcore_key *>(nullptr, [&](jwtcore_key *&r) -> int {
    if (int rc = capi::check_key(key)) return rc;
    capi::retain(key);
    r = key;
    return JWTCORE_OK;
  });
}

JWTCORE_API void jwtcore_key_free(jwtcore_key *key) {
  (void)capi::guard([&]() -> int {
    if (key == nullptr) return JWTCORE_OK;
    if (int rc = capi::check_key(key)) return rc;
    capi::release(key);
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_keyset_from_jwks(jwtcore_keyset **out, const char *json, size_t len, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::null_out();
    *out = nullptr;
    if (!capi::span_ok(json, len)) return capi::null_input("json");
    KeyImportOptions options;
    if (int rc = capi::import_options(flags, options)) return rc;
    Result<KeySet> set = KeySet::from_jwks(capi::text_of(json, len), options);
    if (!set) return capi::fail(set.status());
    auto h = std::make_unique<jwtcore_keyset>();
    h->set = std::move(set).value();
    h->handles.reserve(h->set.size());
    for (const KeyPtr &key : h->set) h->handles.push_back(capi::new_key_handle(key));
    *out = h.release();
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_keyset_new(jwtcore_keyset **out, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::null_out();
    *out = nullptr;
    if (flags != 0) return capi::bad_flags(flags);
    *out = std::make_unique<jwtcore_keyset>().release();
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_keyset_add(jwtcore_keyset *set, jwtcore_key *key) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_keyset(set)) return rc;
    if (int rc = capi::check_key(key)) return rc;
    set->handles.reserve(set->handles.size() + 1);  // so that the push_back below cannot throw
    Status st = set->set.add(capi::key_of(key));
    if (!st) return capi::fail(st);
    capi::retain(key);
    set->handles.push_back(key);
    return JWTCORE_OK;
  });
}

JWTCORE_API size_t jwtcore_keyset_count(const jwtcore_keyset *set) {
  return capi::get<size_t>(0, [&](size_t &r) -> int {
    if (int rc = capi::check_keyset(set)) return rc;
    r = set->handles.size();
    return JWTCORE_OK;
  });
}

JWTCORE_API const jwtcore_key *jwtcore_keyset_get(const jwtcore_keyset *set, size_t index) {
  return capi::get<const jwtcore_key *>(nullptr, [&](const jwtcore_key *&r) -> int {
    if (int rc = capi::check_keyset(set)) return rc;
    if (index >= set->handles.size()) {
      return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "index " + std::to_string(index) + " is past the " +
                                                        std::to_string(set->handles.size()) + " keys of the set");
    }
    r = set->handles[index];
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_keyset_find(const jwtcore_key **out, const jwtcore_keyset *set, const char *kid, size_t kid_len) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::null_out();
    *out = nullptr;
    if (int rc = capi::check_keyset(set)) return rc;
    if (!capi::span_ok(kid, kid_len)) return capi::null_input("kid");
    Result<size_t> i = set->set.find_index(capi::text_of(kid, kid_len));
    if (!i) return capi::fail(i.status());
    *out = set->handles[*i];
    return JWTCORE_OK;
  });
}

JWTCORE_API size_t jwtcore_keyset_skipped_count(const jwtcore_keyset *set) {
  return capi::get<size_t>(0, [&](size_t &r) -> int {
    if (int rc = capi::check_keyset(set)) return rc;
    r = set->set.skipped().size();
    return JWTCORE_OK;
  });
}

JWTCORE_API const char *jwtcore_keyset_skipped_reason(const jwtcore_keyset *set, size_t index) {
  return capi::get<const char *>(nullptr, [&](const char *&r) -> int {
    if (int rc = capi::check_keyset(set)) return rc;
    const auto &skipped = set->set.skipped();
    if (index >= skipped.size()) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "no skipped entry at this index");
    r = skipped[index].text.c_str();
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_keyset_to_jwks(uint8_t **out, size_t *out_len, const jwtcore_keyset *set, int include_private) {
  return capi::guard([&]() -> int {
    if (int rc = capi::begin_output(out, out_len)) return rc;
    if (int rc = capi::check_keyset(set)) return rc;
    return capi::emit_text(out, out_len, set->set.to_jwks(include_private != 0));
  });
}

JWTCORE_API void jwtcore_keyset_free(jwtcore_keyset *set) {
  (void)capi::guard([&]() -> int {
    if (set == nullptr) return JWTCORE_OK;
    if (int rc = capi::check_keyset(set)) return rc;
    std::unique_ptr<jwtcore_keyset> owned(set);
    return JWTCORE_OK;
  });
}

}  // extern "C"
