// The one place where mbedTLS 2.28 (Debian bookworm) and 3.6 LTS differ for the symmetric code:
// 2.28 names the checked hash calls *_ret (the plain names are deprecated void functions),
// 3.x removed the *_ret names and made the plain ones return int; PBKDF2 takes an HMAC context
// in 2.28 and a hash type (mbedtls_pkcs5_pbkdf2_hmac_ext, 3.3+) in 3.x.
// It also holds the RAII holder for the mbedTLS AES context that several files use.
// Include only from src/core/crypto/*.cpp.
#pragma once

#include <mbedtls/aes.h>
#include <mbedtls/md.h>
#include <mbedtls/pkcs5.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#include <mbedtls/version.h>

#include <cstddef>
#include <cstdint>

#include "hash.hpp"

namespace jwtcore::crypto::compat {

inline mbedtls_md_type_t md_type(Hash h) noexcept {
  switch (h) {
    case Hash::sha1: return MBEDTLS_MD_SHA1;
    case Hash::sha256: return MBEDTLS_MD_SHA256;
    case Hash::sha384: return MBEDTLS_MD_SHA384;
    case Hash::sha512: return MBEDTLS_MD_SHA512;
  }
  return MBEDTLS_MD_NONE;
}

#if MBEDTLS_VERSION_MAJOR >= 3
inline int sha256_starts(mbedtls_sha256_context *c) { return mbedtls_sha256_starts(c, 0); }
inline int sha256_update(mbedtls_sha256_context *c, const uint8_t *p, size_t n) {
  return mbedtls_sha256_update(c, p, n);
}
inline int sha256_finish(mbedtls_sha256_context *c, uint8_t *out) { return mbedtls_sha256_finish(c, out); }
inline int sha512_starts(mbedtls_sha512_context *c, bool is384) { return mbedtls_sha512_starts(c, is384 ? 1 : 0); }
inline int sha512_update(mbedtls_sha512_context *c, const uint8_t *p, size_t n) {
  return mbedtls_sha512_update(c, p, n);
}
inline int sha512_finish(mbedtls_sha512_context *c, uint8_t *out) { return mbedtls_sha512_finish(c, out); }
#else
inline int sha256_starts(mbedtls_sha256_context *c) { return mbedtls_sha256_starts_ret(c, 0); }
inline int sha256_update(mbedtls_sha256_context *c, const uint8_t *p, size_t n) {
  return mbedtls_sha256_update_ret(c, p, n);
}
inline int sha256_finish(mbedtls_sha256_context *c, uint8_t *out) { return mbedtls_sha256_finish_ret(c, out); }
inline int sha512_starts(mbedtls_sha512_context *c, bool is384) {
  return mbedtls_sha512_starts_ret(c, is384 ? 1 : 0);
}
inline int sha512_update(mbedtls_sha512_context *c, const uint8_t *p, size_t n) {
  return mbedtls_sha512_update_ret(c, p, n);
}
inline int sha512_finish(mbedtls_sha512_context *c, uint8_t *out) { return mbedtls_sha512_finish_ret(c, out); }
#endif

// PBKDF2-HMAC (RFC 8018 §5.2) with the given hash; 0 on success, an mbedTLS error otherwise.
inline int pbkdf2_hmac(mbedtls_md_type_t md, const uint8_t *password, size_t password_len,
                       const uint8_t *salt, size_t salt_len, unsigned int iterations,
                       uint32_t key_len, uint8_t *out) {
#if MBEDTLS_VERSION_MAJOR >= 3
  return mbedtls_pkcs5_pbkdf2_hmac_ext(md, password, password_len, salt, salt_len, iterations,
                                       key_len, out);
#else
  mbedtls_md_context_t ctx;
  mbedtls_md_init(&ctx);
  int rc = mbedtls_md_setup(&ctx, mbedtls_md_info_from_type(md), 1);
  if (rc == 0) {
    rc = mbedtls_pkcs5_pbkdf2_hmac(&ctx, password, password_len, salt, salt_len, iterations,
                                   key_len, out);
  }
  mbedtls_md_free(&ctx);  // zeroes the HMAC pads (password-derived) before freeing
  return rc;
#endif
}

// An mbedtls_aes_context whose round keys are zeroed (mbedtls_aes_free) on every exit path.
class AesContext {
 public:
  AesContext() noexcept { mbedtls_aes_init(&ctx_); }
  ~AesContext() { mbedtls_aes_free(&ctx_); }
  AesContext(const AesContext &) = delete;
  AesContext &operator=(const AesContext &) = delete;

  // 0 on success; the key length must be 16, 24 or 32 bytes.
  int set_encrypt_key(const uint8_t *key, size_t len) {
    return mbedtls_aes_setkey_enc(&ctx_, key, static_cast<unsigned int>(len * 8));
  }
  int set_decrypt_key(const uint8_t *key, size_t len) {
    return mbedtls_aes_setkey_dec(&ctx_, key, static_cast<unsigned int>(len * 8));
  }
  mbedtls_aes_context *get() { return &ctx_; }

 private:
  mbedtls_aes_context ctx_;
};

}  // namespace jwtcore::crypto::compat
