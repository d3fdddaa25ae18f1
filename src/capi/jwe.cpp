// extern "C" shims for jwtcore/jwe.h.
#include "jwtcore/jwe.h"

#include <memory>
#include <vector>

#include "../core/jose_header.hpp"
#include "../core/jwe.hpp"
#include "args.hpp"
#include "handles.hpp"
#include "verifier_handle.hpp"

using namespace jwtcore;

struct jwtcore_jwe_encrypter {
  static constexpr uint32_t kMagic = 0x6a776565;  // "jwee"
  uint32_t magic = kMagic;
  Enc enc = Enc::a256gcm;
  std::vector<JweRecipientSpec> recipients;
  JweEncryptOptions options;
};

struct jwtcore_jwe_result {
  static constexpr uint32_t kMagic = 0x6a776572;  // "jwer"
  uint32_t magic = kMagic;
  SecretBytes plaintext;  // NUL-terminated; zeroed on free
  std::string header;     // NUL-terminated by std::string
  size_t recipient_index = 0;
  Alg alg = Alg::dir;
  Enc enc = Enc::a256gcm;
  jwtcore_key *key = nullptr;  // one reference, released with the result
  ~jwtcore_jwe_result() { capi::release(key); }
};

namespace {

constexpr uint32_t kSerializationMask = 3u;

int serialization_from_flags(uint32_t flags, JweSerialization &out) {
  if ((flags & ~kSerializationMask) != 0) return capi::fail(JWTCORE_E_BAD_FLAG, "unknown JWE encryption flag bits");
  switch (flags) {
    case JWTCORE_JWE_COMPACT: out = JweSerialization::compact; break;
    case JWTCORE_JWE_FLATTENED: out = JweSerialization::flattened; break;
    case JWTCORE_JWE_GENERAL: out = JweSerialization::general; break;
    default: return capi::fail(JWTCORE_E_BAD_FLAG, "serialization bits 3 are not defined");
  }
  return JWTCORE_OK;
}

int make_recipient(const jwtcore_key *key, const char *alg, size_t alg_len, const char *header, size_t header_len,
                   JweRecipientSpec &spec) {
  if (int rc = capi::key_management_alg(alg, alg_len, spec.alg)) return rc;
  if (int rc = capi::check_key(key)) return rc;
  spec.key = capi::key_of(key);
  if (!capi::span_ok(header, header_len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "header JSON is NULL with a non-zero length");
  if (header != nullptr) spec.header_json.assign(header, header_len);
  return JWTCORE_OK;
}

int check_out(uint8_t **out, size_t *out_len) {
  if (out == nullptr || out_len == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out and out_len must not be NULL");
  *out = nullptr;
  *out_len = 0;
  return JWTCORE_OK;
}

int emit_text(uint8_t **out, size_t *out_len, const Result<std::string> &r) {
  if (!r) return capi::fail(r.status());
  return capi::emit(out, out_len, bytes_view(*r));
}

int set_text(jwtcore_jwe_encrypter *e, const char *json, size_t len, std::string JweEncryptOptions::*member) {
  if (!capi::handle_ok(e)) return capi::bad_handle("invalid JWE encrypter handle");
  if (!capi::span_ok(json, len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "JSON is NULL with a non-zero length");
  (e->options.*member).assign(json == nullptr ? "" : json, len);
  return JWTCORE_OK;
}

std::unique_ptr<jwtcore_jwe_result> make_result(JweDecrypted &d) {
  auto r = std::make_unique<jwtcore_jwe_result>();
  r->plaintext = std::move(d.plaintext);
  r->plaintext.push_back(0);
  r->header = std::move(d.protected_header);
  r->recipient_index = d.recipient_index;
  r->alg = d.alg;
  r->enc = d.enc;
  if (d.key) r->key = capi::new_key_handle(d.key);
  return r;
}

}  // namespace

extern "C" {

JWTCORE_API int jwtcore_jwe_encrypt(uint8_t **out, size_t *out_len, const uint8_t *plaintext, size_t len,
                                    const jwtcore_key *key, const char *alg, size_t alg_len, const char *enc,
                                    size_t enc_len, const char *header_json, size_t header_len, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (int rc = check_out(out, out_len)) return rc;
    if (!capi::span_ok(plaintext, len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "plaintext is NULL with a non-zero length");
    JweEncryptOptions o;
    if (int rc = serialization_from_flags(flags, o.serialization)) return rc;
    Enc e = Enc::a256gcm;
    if (int rc = capi::content_enc(enc, enc_len, e)) return rc;
    JweRecipientSpec spec;
    if (int rc = make_recipient(key, alg, alg_len, nullptr, 0, spec)) return rc;
    if (!capi::span_ok(header_json, header_len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "header JSON is NULL with a non-zero length");
    if (header_json != nullptr) o.protected_json.assign(header_json, header_len);
    return emit_text(out, out_len, jwe_encrypt(bytes_view(plaintext, len), {spec}, e, o));
  });
}

JWTCORE_API int jwtcore_jwe_encrypter_new(jwtcore_jwe_encrypter **out, const char *enc, size_t enc_len, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out must not be NULL");
    *out = nullptr;
    auto e = std::make_unique<jwtcore_jwe_encrypter>();
    if (int rc = serialization_from_flags(flags, e->options.serialization)) return rc;
    if (int rc = capi::content_enc(enc, enc_len, e->enc)) return rc;
    *out = e.release();
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jwe_encrypter_set_protected(jwtcore_jwe_encrypter *e, const char *json, size_t len) {
  return capi::guard([&]() -> int { return set_text(e, json, len, &JweEncryptOptions::protected_json); });
}

JWTCORE_API int jwtcore_jwe_encrypter_set_unprotected(jwtcore_jwe_encrypter *e, const char *json, size_t len) {
  return capi::guard([&]() -> int { return set_text(e, json, len, &JweEncryptOptions::unprotected_json); });
}

JWTCORE_API int jwtcore_jwe_encrypter_set_aad(jwtcore_jwe_encrypter *e, const uint8_t *aad, size_t len) {
  return capi::guard([&]() -> int {
    if (!capi::handle_ok(e)) return capi::bad_handle("invalid JWE encrypter handle");
    if (!capi::span_ok(aad, len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "aad is NULL with a non-zero length");
    e->options.aad = Bytes(aad, aad + len);
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jwe_encrypter_add_recipient(jwtcore_jwe_encrypter *e, const jwtcore_key *key, const char *alg,
                                                    size_t alg_len, const char *header_json, size_t header_len) {
  return capi::guard([&]() -> int {
    if (!capi::handle_ok(e)) return capi::bad_handle("invalid JWE encrypter handle");
    JweRecipientSpec spec;
    if (int rc = make_recipient(key, alg, alg_len, header_json, header_len, spec)) return rc;
    e->recipients.push_back(std::move(spec));
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jwe_encrypter_encrypt(uint8_t **out, size_t *out_len, const jwtcore_jwe_encrypter *e,
                                              const uint8_t *plaintext, size_t len) {
  return capi::guard([&]() -> int {
    if (int rc = check_out(out, out_len)) return rc;
    if (!capi::handle_ok(e)) return capi::bad_handle("invalid JWE encrypter handle");
    if (!capi::span_ok(plaintext, len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "plaintext is NULL with a non-zero length");
    return emit_text(out, out_len, jwe_encrypt(bytes_view(plaintext, len), e->recipients, e->enc, e->options));
  });
}

JWTCORE_API void jwtcore_jwe_encrypter_free(jwtcore_jwe_encrypter *e) {
  if (!capi::handle_ok(e)) return;
  e->magic = 0;
  std::unique_ptr<jwtcore_jwe_encrypter> owned(e);
}

JWTCORE_API int jwtcore_jwe_decrypt(jwtcore_jwe_result **out, const jwtcore_verifier *v, const char *jwe, size_t len,
                                    uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out must not be NULL");
    *out = nullptr;
    if (int rc = capi::check_verifier(v)) return rc;
    if ((flags & ~JWTCORE_JWE_DECRYPT_COMPACT_ONLY) != 0) return capi::fail(JWTCORE_E_BAD_FLAG, "unknown JWE decryption flag bits");
    if (!capi::span_ok(jwe, len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "input is NULL with a non-zero length");
    capi::freeze(v);
    // Scratch buffers reused by every decryption on this thread (no allocation once warm).
    thread_local JweScratch scratch;
    const JwePolicy policy = jwe_policy_from(v->v);
    JweDecrypted decrypted;
    const std::string_view input(jwe == nullptr ? "" : jwe, len);
    Status st = (flags & JWTCORE_JWE_DECRYPT_COMPACT_ONLY) != 0
                    ? jwe_decrypt_compact(input, policy, v->v.decryption_keys, scratch, decrypted)
                    : jwe_decrypt(input, policy, v->v.decryption_keys, scratch, decrypted);
    if (!st) return capi::fail(st);
    *out = make_result(decrypted).release();
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jwe_result_plaintext(const jwtcore_jwe_result *r, const uint8_t **plaintext, size_t *len) {
  return capi::guard([&]() -> int {
    if (!capi::handle_ok(r)) return capi::bad_handle("invalid JWE result handle");
    if (plaintext == nullptr || len == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "plaintext and len must not be NULL");
    *plaintext = r->plaintext.data();
    *len = r->plaintext.size() - 1;
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jwe_result_header(const jwtcore_jwe_result *r, const char **json, size_t *len) {
  return capi::guard([&]() -> int {
    if (!capi::handle_ok(r)) return capi::bad_handle("invalid JWE result handle");
    if (json == nullptr || len == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "json and len must not be NULL");
    *json = r->header.c_str();
    *len = r->header.size();
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jwe_result_recipient_index(const jwtcore_jwe_result *r) {
  return capi::guard([&]() -> int {
    if (!capi::handle_ok(r)) return capi::bad_handle("invalid JWE result handle");
    return static_cast<int>(r->recipient_index);
  });
}

JWTCORE_API const char *jwtcore_jwe_result_alg(const jwtcore_jwe_result *r) {
  if (!capi::handle_ok(r)) return nullptr;
  return alg_info(r->alg).name.data();  // the registry's names are NUL-terminated literals
}

JWTCORE_API const char *jwtcore_jwe_result_enc(const jwtcore_jwe_result *r) {
  if (!capi::handle_ok(r)) return nullptr;
  return enc_info(r->enc).name.data();
}

JWTCORE_API const jwtcore_key *jwtcore_jwe_result_key(const jwtcore_jwe_result *r) {
  return capi::handle_ok(r) ? r->key : nullptr;
}

JWTCORE_API void jwtcore_jwe_result_free(jwtcore_jwe_result *r) {
  if (!capi::handle_ok(r)) return;
  r->magic = 0;
  std::unique_ptr<jwtcore_jwe_result> owned(r);
}

}  // extern "C"
