// extern "C" shims for jwtcore/jws.h.
#include "jwtcore/jws.h"

#include <memory>
#include <vector>

#include "../core/jose_header.hpp"
#include "../core/jws.hpp"
#include "handles.hpp"
#include "verifier_handle.hpp"

using namespace jwtcore;

struct jwtcore_jws_signer {
  static constexpr uint32_t kMagic = 0x6a777373;  // "jwss"
  uint32_t magic = kMagic;
  std::vector<JwsSignerSpec> signers;
  JwsSignOptions options;
};

struct jwtcore_jws_result {
  static constexpr uint32_t kMagic = 0x6a777372;  // "jwsr"
  uint32_t magic = kMagic;
  SecretBytes payload;  // NUL-terminated copy; zeroed on free
  std::string header;   // NUL-terminated by std::string
  size_t signature_index = 0;
  Alg alg = Alg::none;
  bool embedded_key = false;
  jwtcore_key *key = nullptr;  // one reference, released with the result
  ~jwtcore_jws_result() { capi::release(key); }
};

namespace {

constexpr uint32_t kSerializationMask = 3u;
constexpr uint32_t kSignFlags = kSerializationMask | JWTCORE_JWS_DETACHED | JWTCORE_JWS_UNENCODED |
                                JWTCORE_JWS_ALLOW_NONE | JWTCORE_JWS_VERBATIM;
constexpr uint32_t kVerifyFlags = JWTCORE_JWS_VERIFY_DETACHED | JWTCORE_JWS_VERIFY_COMPACT_ONLY;

int options_from_flags(uint32_t flags, JwsSignOptions &o) {
  if ((flags & ~kSignFlags) != 0) return capi::fail(JWTCORE_E_BAD_FLAG, "unknown JWS signing flag bits");
  switch (flags & kSerializationMask) {
    case JWTCORE_JWS_COMPACT: o.serialization = JwsSerialization::compact; break;
    case JWTCORE_JWS_FLATTENED: o.serialization = JwsSerialization::flattened; break;
    case JWTCORE_JWS_GENERAL: o.serialization = JwsSerialization::general; break;
    default: return capi::fail(JWTCORE_E_BAD_FLAG, "serialization bits 3 are not defined");
  }
  o.detached = (flags & JWTCORE_JWS_DETACHED) != 0;
  o.b64 = (flags & JWTCORE_JWS_UNENCODED) == 0;
  o.allow_none = (flags & JWTCORE_JWS_ALLOW_NONE) != 0;
  return JWTCORE_OK;
}

// Resolves an alg name for signing: unknown names and key-management algs are refused.
int signing_alg(const char *alg, size_t alg_len, Alg &out) {
  if (alg == nullptr || alg_len == 0) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "alg must not be empty");
  const AlgInfo *info = find_alg(std::string_view(alg, alg_len));
  if (info == nullptr) return capi::fail(JWTCORE_E_UNKNOWN_ALG, "unknown algorithm '" + quote_name(std::string_view(alg, alg_len)) + "'");
  if (info->kind != AlgKind::signature) {
    return capi::fail(JWTCORE_E_ALG_NOT_ALLOWED, std::string(info->name) + " is not a signature algorithm");
  }
  out = info->alg;
  return JWTCORE_OK;
}

int make_spec(const jwtcore_key *key, const char *alg, size_t alg_len, const char *prot, size_t prot_len,
              const char *unprot, size_t unprot_len, JwsSignerSpec &spec) {
  if (int rc = signing_alg(alg, alg_len, spec.alg)) return rc;
  if (key != nullptr) {
    if (int rc = capi::check_key(key)) return rc;
    spec.key = capi::key_of(key);
  }
  if (!capi::span_ok(prot, prot_len) || !capi::span_ok(unprot, unprot_len)) {
    return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "header JSON is NULL with a non-zero length");
  }
  if (prot != nullptr) spec.protected_json.assign(prot, prot_len);
  if (unprot != nullptr) spec.unprotected_json.assign(unprot, unprot_len);
  return JWTCORE_OK;
}

int emit_text(uint8_t **out, size_t *out_len, const Result<std::string> &r) {
  if (!r) return capi::fail(r.status());
  return capi::emit(out, out_len, bytes_view(*r));
}

int check_out(uint8_t **out, size_t *out_len) {
  if (out == nullptr || out_len == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out and out_len must not be NULL");
  *out = nullptr;
  *out_len = 0;
  return JWTCORE_OK;
}

}  // namespace

extern "C" {

JWTCORE_API int jwtcore_jws_sign(uint8_t **out, size_t *out_len, const uint8_t *payload, size_t payload_len,
                                 const jwtcore_key *key, const char *alg, size_t alg_len, const char *header_json,
                                 size_t header_len, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (int rc = check_out(out, out_len)) return rc;
    if (!capi::span_ok(payload, payload_len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "payload is NULL with a non-zero length");
    JwsSignOptions o;
    if (int rc = options_from_flags(flags, o)) return rc;
    if (o.serialization == JwsSerialization::general) {
      return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "use jwtcore_jws_signer_* for the general JSON serialization");
    }
    JwsSignerSpec spec;
    if (int rc = make_spec(key, alg, alg_len, header_json, header_len, nullptr, 0, spec)) return rc;
    spec.verbatim_protected = (flags & JWTCORE_JWS_VERBATIM) != 0;
    return emit_text(out, out_len, jws_sign(bytes_view(payload, payload_len), {spec}, o));
  });
}

JWTCORE_API int jwtcore_jws_signer_new(jwtcore_jws_signer **out, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out must not be NULL");
    *out = nullptr;
    auto s = std::make_unique<jwtcore_jws_signer>();
    if ((flags & JWTCORE_JWS_VERBATIM) != 0) return capi::fail(JWTCORE_E_BAD_FLAG, "JWTCORE_JWS_VERBATIM applies to jwtcore_jws_sign only");
    if (int rc = options_from_flags(flags, s->options)) return rc;
    *out = s.release();
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jws_signer_add(jwtcore_jws_signer *s, const jwtcore_key *key, const char *alg, size_t alg_len,
                                       const char *protected_json, size_t protected_len, const char *unprotected_json,
                                       size_t unprotected_len) {
  return capi::guard([&]() -> int {
    if (!capi::handle_ok(s)) return capi::bad_handle("invalid JWS signer handle");
    JwsSignerSpec spec;
    if (int rc = make_spec(key, alg, alg_len, protected_json, protected_len, unprotected_json, unprotected_len, spec)) return rc;
    s->signers.push_back(std::move(spec));
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jws_signer_sign(uint8_t **out, size_t *out_len, const jwtcore_jws_signer *s, const uint8_t *payload,
                                        size_t payload_len) {
  return capi::guard([&]() -> int {
    if (int rc = check_out(out, out_len)) return rc;
    if (!capi::handle_ok(s)) return capi::bad_handle("invalid JWS signer handle");
    if (!capi::span_ok(payload, payload_len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "payload is NULL with a non-zero length");
    return emit_text(out, out_len, jws_sign(bytes_view(payload, payload_len), s->signers, s->options));
  });
}

JWTCORE_API void jwtcore_jws_signer_free(jwtcore_jws_signer *s) {
  if (!capi::handle_ok(s)) return;
  s->magic = 0;
  std::unique_ptr<jwtcore_jws_signer> owned(s);
}

JWTCORE_API int jwtcore_jws_verify(jwtcore_jws_result **out, const jwtcore_verifier *v, const char *jws, size_t jws_len,
                                   const uint8_t *detached, size_t detached_len, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out must not be NULL");
    *out = nullptr;
    if (int rc = capi::check_verifier(v)) return rc;
    if ((flags & ~kVerifyFlags) != 0) return capi::fail(JWTCORE_E_BAD_FLAG, "unknown JWS verification flag bits");
    if (!capi::span_ok(jws, jws_len) || !capi::span_ok(detached, detached_len)) {
      return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "input is NULL with a non-zero length");
    }
    if (detached != nullptr && (flags & JWTCORE_JWS_VERIFY_DETACHED) == 0) {
      return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "a detached payload needs JWTCORE_JWS_VERIFY_DETACHED");
    }
    capi::freeze(v);
    std::optional<bytes_view> det;
    if ((flags & JWTCORE_JWS_VERIFY_DETACHED) != 0) det = bytes_view(detached, detached_len);
    // Scratch buffers reused by every verification on this thread (no allocation once warm).
    thread_local JwsScratch scratch;
    JwsVerified verified;
    const std::string_view input(jws, jws_len);
    Status st = (flags & JWTCORE_JWS_VERIFY_COMPACT_ONLY) != 0
                    ? jws_verify_compact(input, v->v.jws, v->v.keys, det, scratch, verified, true)
                    : jws_verify(input, v->v.jws, v->v.keys, det, scratch, verified, true);
    if (!st) return capi::fail(st);
    auto r = std::make_unique<jwtcore_jws_result>();
    r->payload.assign(verified.payload.begin(), verified.payload.end());
    r->payload.push_back(0);
    secure_zero(verified.payload.data(), verified.payload.size());
    // A signature without a protected header (RFC 7520 §4.7, §4.8) reports the empty object.
    r->header = verified.header_json.empty() ? std::string("{}") : std::move(verified.header_json);
    r->signature_index = verified.signature_index;
    r->alg = verified.alg;
    r->embedded_key = verified.embedded_key_ignored;
    if (verified.key) r->key = capi::new_key_handle(*verified.key);
    *out = r.release();
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jws_result_payload(const jwtcore_jws_result *r, const uint8_t **payload, size_t *len) {
  return capi::guard([&]() -> int {
    if (!capi::handle_ok(r)) return capi::bad_handle("invalid JWS result handle");
    if (payload == nullptr || len == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "payload and len must not be NULL");
    *payload = r->payload.data();
    *len = r->payload.size() - 1;
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jws_result_header(const jwtcore_jws_result *r, const char **json, size_t *len) {
  return capi::guard([&]() -> int {
    if (!capi::handle_ok(r)) return capi::bad_handle("invalid JWS result handle");
    if (json == nullptr || len == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "json and len must not be NULL");
    *json = r->header.c_str();
    *len = r->header.size();
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jws_result_signature_index(const jwtcore_jws_result *r) {
  return capi::guard([&]() -> int {
    if (!capi::handle_ok(r)) return capi::bad_handle("invalid JWS result handle");
    return static_cast<int>(r->signature_index);
  });
}

JWTCORE_API const char *jwtcore_jws_result_alg(const jwtcore_jws_result *r) {
  if (!capi::handle_ok(r)) return nullptr;
  return alg_info(r->alg).name.data();  // the registry's names are NUL-terminated literals
}

JWTCORE_API const jwtcore_key *jwtcore_jws_result_key(const jwtcore_jws_result *r) {
  return capi::handle_ok(r) ? r->key : nullptr;
}

JWTCORE_API int jwtcore_jws_result_embedded_key(const jwtcore_jws_result *r) {
  return capi::guard([&]() -> int {
    if (!capi::handle_ok(r)) return capi::bad_handle("invalid JWS result handle");
    return r->embedded_key ? 1 : 0;
  });
}

JWTCORE_API void jwtcore_jws_result_free(jwtcore_jws_result *r) {
  if (!capi::handle_ok(r)) return;
  r->magic = 0;
  std::unique_ptr<jwtcore_jws_result> owned(r);
}

}  // extern "C"
