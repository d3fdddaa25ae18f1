/* libjwtcore — base64url (RFC 4648 §5) without padding, as JOSE uses it. */
#ifndef JWTCORE_BASE64URL_H
#define JWTCORE_BASE64URL_H

#include "jwtcore/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Encodes `len` bytes at `in` as unpadded base64url text.
 * On success `*out` holds `*out_len` characters plus a terminating NUL (not counted); release it
 * with jwtcore_free(). On failure `*out` is NULL and `*out_len` 0.
 * `in` may be NULL only when `len` is 0. Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API int jwtcore_base64url_encode(uint8_t **out, size_t *out_len, const uint8_t *in, size_t len);

/**
 * Decodes strict base64url: the URL-safe alphabet only, no padding, no whitespace, no length
 * with len % 4 == 1, and zero trailing bits, so that each byte string has exactly one accepted
 * encoding. Fails with JWTCORE_E_BASE64 otherwise (the message gives the offending position).
 * On success `*out` holds `*out_len` bytes (plus a NUL not counted); release it with
 * jwtcore_free(). On failure `*out` is NULL and `*out_len` 0.
 * Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API JWTCORE_NODISCARD int jwtcore_base64url_decode(uint8_t **out, size_t *out_len, const char *in, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* JWTCORE_BASE64URL_H */
