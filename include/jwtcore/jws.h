/* libjwtcore — JSON Web Signature (RFC 7515): compact, flattened and general JSON
 * serializations, detached content (RFC 7515 Appendix F) and unencoded payloads (RFC 7797). */
#ifndef JWTCORE_JWS_H
#define JWTCORE_JWS_H

#include "jwtcore/common.h"
#include "jwtcore/jwk.h"
#include "jwtcore/verifier.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Signing flags. The serialization is one of the first three values. */
#define JWTCORE_JWS_COMPACT    0u          /* header.payload.signature */
#define JWTCORE_JWS_FLATTENED  1u          /* flattened JSON serialization */
#define JWTCORE_JWS_GENERAL    2u          /* general JSON serialization ("signatures": [...]) */
#define JWTCORE_JWS_DETACHED   (1u << 2)   /* leave the payload out (RFC 7515 Appendix F) */
#define JWTCORE_JWS_UNENCODED  (1u << 3)   /* "b64": false, with "crit": ["b64"] (RFC 7797) */
#define JWTCORE_JWS_ALLOW_NONE (1u << 4)   /* required to produce an unsecured JWS (alg "none") */
#define JWTCORE_JWS_VERBATIM   (1u << 5)   /* header_json is the whole protected header, byte for byte */

/* Verification flags. */
#define JWTCORE_JWS_VERIFY_DETACHED     (1u << 0) /* the content is given in detached/detached_len */
#define JWTCORE_JWS_VERIFY_COMPACT_ONLY (1u << 1) /* refuse the JSON serializations */

typedef struct jwtcore_jws_signer jwtcore_jws_signer;
typedef struct jwtcore_jws_result jwtcore_jws_result;

/**
 * Signs `payload` with one key: compact by default, or flattened JSON (flags). `alg` names the
 * algorithm ("ES256", …); the key must permit it (type, curve, its own alg/use/key_ops), else
 * JWTCORE_E_KEY_MISMATCH / _KEY_USAGE / _KEY_NOT_PRIVATE. `header_json` (may be NULL/0) is a JSON
 * object of extra protected header members (e.g. {"typ":"JWT"}); it may not set alg, b64 or crit.
 * The key's kid is put in the header unless header_json sets one.
 * Ownership: *out (NUL-terminated text) is the caller's, released with jwtcore_free().
 * Thread-safety: any thread; `key` may be shared. @since 0.1
 */
JWTCORE_API int jwtcore_jws_sign(uint8_t **out, size_t *out_len, const uint8_t *payload, size_t payload_len,
                                 const jwtcore_key *key, const char *alg, size_t alg_len,
                                 const char *header_json, size_t header_len, uint32_t flags);

/** Creates a builder for a JWS with several signatures (general JSON serialization) or for
 *  headers the one-call form cannot express (unprotected members). `flags`: serialization,
 *  JWTCORE_JWS_DETACHED, JWTCORE_JWS_UNENCODED, JWTCORE_JWS_ALLOW_NONE.
 *  Ownership: release with jwtcore_jws_signer_free(). Thread-safety: one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_jws_signer_new(jwtcore_jws_signer **out, uint32_t flags);

/** Adds a signature by `key` with `alg`; `protected_json` and `unprotected_json` (each may be
 *  NULL/0) are JSON objects of extra header members, which must be disjoint. The builder takes
 *  its own reference to `key` (NULL only with "none").
 *  Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jws_signer_add(jwtcore_jws_signer *s, const jwtcore_key *key, const char *alg, size_t alg_len,
                                       const char *protected_json, size_t protected_len,
                                       const char *unprotected_json, size_t unprotected_len);

/** Signs `payload` with every added signature. Ownership: *out is the caller's (jwtcore_free).
 *  Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jws_signer_sign(uint8_t **out, size_t *out_len, const jwtcore_jws_signer *s,
                                        const uint8_t *payload, size_t payload_len);

/** Releases a signer builder (NULL-safe). Thread-safety: no other thread may use it. @since 0.1 */
JWTCORE_API void jwtcore_jws_signer_free(jwtcore_jws_signer *s);

/**
 * Verifies a JWS (compact, or a JSON serialization unless JWTCORE_JWS_VERIFY_COMPACT_ONLY) under
 * the verifier's policy: the alg must be allowed, a configured key must permit it, "crit" must
 * be understood, keys embedded in the token (jwk, jku, x5u, x5c) are never used. With
 * JWTCORE_JWS_VERIFY_DETACHED the content is `detached` (the token's payload must be empty).
 * Returns JWTCORE_OK and *out, or a negative status (JWTCORE_E_BAD_SIGNATURE,
 * _ALG_NOT_ALLOWED, _KEY_NOT_FOUND, _KEY_MISMATCH, _CRIT_UNKNOWN, _TOKEN_FORMAT, …) and NULL.
 * Freezes the verifier. Ownership: *out is the caller's (jwtcore_jws_result_free).
 * Thread-safety: any thread; a frozen verifier may be shared by many threads. @since 0.1
 */
JWTCORE_API JWTCORE_NODISCARD int jwtcore_jws_verify(jwtcore_jws_result **out, const jwtcore_verifier *v,
                                                     const char *jws, size_t jws_len,
                                                     const uint8_t *detached, size_t detached_len, uint32_t flags);

/** The verified payload (borrowed: valid until the result is freed; NUL-terminated, the NUL is
 *  not counted). Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_jws_result_payload(const jwtcore_jws_result *r, const uint8_t **payload, size_t *len);

/** The protected header JSON of the signature that verified (borrowed, NUL-terminated); "{}"
 *  when that signature has no protected header.
 *  Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_jws_result_header(const jwtcore_jws_result *r, const char **json, size_t *len);

/** Which signature verified (0 for compact and flattened). Returns a negative status for a bad
 *  handle. Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_jws_result_signature_index(const jwtcore_jws_result *r);

/** The algorithm that verified ("ES256", …); static text, NULL for a bad handle.
 *  Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API const char *jwtcore_jws_result_alg(const jwtcore_jws_result *r);

/** The key that verified (borrowed, valid until the result is freed; NULL for alg "none").
 *  Take a reference with jwtcore_key_ref to keep it. Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API const jwtcore_key *jwtcore_jws_result_key(const jwtcore_jws_result *r);

/** 1 if the header carried jwk, jku, x5u or x5c — reported, never used — else 0.
 *  Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_jws_result_embedded_key(const jwtcore_jws_result *r);

/** Releases a result, zeroing its payload (NULL-safe). Thread-safety: no other thread may use it. @since 0.1 */
JWTCORE_API void jwtcore_jws_result_free(jwtcore_jws_result *r);

#ifdef __cplusplus
}
#endif

#endif /* JWTCORE_JWS_H */
