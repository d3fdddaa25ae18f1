/* libjwtcore — JSON Web Tokens (RFC 7519): verify a token with a verifier (signature, then the
 * claims policy of jwtcore/verifier.h, RFC 8725), read the verified claims, and issue tokens
 * with a builder.
 *
 * Verification (jwtcore_jwt_verify) is thread-safe on a frozen verifier: build one verifier at
 * start-up and share it between all request threads. A claims handle is read-only once returned
 * and may be read from several threads; a builder is used by one thread at a time. */
#ifndef JWTCORE_JWT_H
#define JWTCORE_JWT_H

#include "jwtcore/common.h"
#include "jwtcore/jwk.h"
#include "jwtcore/verifier.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jwtcore_claims jwtcore_claims;
typedef struct jwtcore_jwt_builder jwtcore_jwt_builder;

/* ---- Verification ------------------------------------------------------------------------- */

/**
 * Verifies a compact JWT: its size (at most the verifier's max JWT size, default 8192 bytes:
 * JWTCORE_E_LIMIT_SIZE), its JWS signature under the verifier's algorithms, keys (or the keys of
 * the token's issuer, jwtcore_verifier_add_issuer_key), "typ" and "crit" rules, then its claims:
 * exp / nbf / iat (JSON numbers only; leeway), issuer, audience, required claims, scopes, exact
 * values, maximum age and lifetime, revocation. Each failure has its own status:
 * JWTCORE_E_EXPIRED, _NOT_YET_VALID, _ISSUED_IN_FUTURE, _TOO_OLD, _LIFETIME, _ISSUER, _AUDIENCE,
 * _CLAIM_MISSING, _CLAIM_TYPE, _CLAIM_MISMATCH, _SCOPE, _REVOKED, and the JWS ones
 * (_BAD_SIGNATURE, _ALG_NOT_ALLOWED, _KEY_NOT_FOUND, _TYP_MISMATCH, _TOKEN_FORMAT, _JSON, …).
 * jwtcore_last_error_message() then names the claim and the times, never a claim's string value.
 * Freezes the verifier. On failure *out is NULL.
 * Ownership: *out is the caller's, released with jwtcore_claims_free().
 * Thread-safety: any thread; a frozen verifier may be shared by many threads at once. @since 0.1
 */
JWTCORE_API JWTCORE_NODISCARD int jwtcore_jwt_verify(jwtcore_claims **out, const jwtcore_verifier *v,
                                                     const char *token, size_t token_len);

/* ---- Verified claims ---------------------------------------------------------------------- */
/* Getters return JWTCORE_OK, JWTCORE_E_CLAIM_MISSING (absent or null), JWTCORE_E_CLAIM_TYPE
 * (another JSON type), JWTCORE_E_INVALID_ARGUMENT (NULL output, empty name) or
 * JWTCORE_E_INVALID_HANDLE. Borrowed text stays valid until jwtcore_claims_free() and is
 * NUL-terminated (the NUL is not counted). Thread-safety: read-only, any thread. */

/** The whole claims set as the token carried it (JSON text, borrowed). Thread-safety: read-only, any
 *  thread. @since 0.1 */
JWTCORE_API int jwtcore_claims_json(const jwtcore_claims *c, const char **json, size_t *json_len);

/** 1 if claim `name` is present and not null, 0 if not, a negative status for bad arguments.
 *  Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_claims_has(const jwtcore_claims *c, const char *name, size_t name_len);

/** A string claim (unescaped, borrowed). Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_claims_get_string(const jwtcore_claims *c, const char *name, size_t name_len,
                                          const char **value, size_t *value_len);

/** An integer claim: a JSON integer that fits in 64 bits, or a number such as 1.7e9 whose value
 *  is such an integer. Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_claims_get_int64(const jwtcore_claims *c, const char *name, size_t name_len, int64_t *value);

/** Any number claim, as a double. Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_claims_get_double(const jwtcore_claims *c, const char *name, size_t name_len, double *value);

/** A boolean claim (*value is 1 or 0). Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_claims_get_bool(const jwtcore_claims *c, const char *name, size_t name_len, int *value);

/** The number of values of a string-array claim; a string claim counts as one value (as "aud" may
 *  be either, RFC 7519 §4.1.3). An array holding a non-string is JWTCORE_E_CLAIM_TYPE.
 *  Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_claims_get_string_array_count(const jwtcore_claims *c, const char *name, size_t name_len,
                                                      size_t *count);

/** Value `index` of a string-array claim (borrowed); an index past the end is
 *  JWTCORE_E_INVALID_ARGUMENT. Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_claims_get_string_array_at(const jwtcore_claims *c, const char *name, size_t name_len,
                                                   size_t index, const char **value, size_t *value_len);

/** Any claim as minified JSON text (null included). Ownership: *out is the caller's, released
 *  with jwtcore_free(). Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_claims_get_json(uint8_t **out, size_t *out_len, const jwtcore_claims *c, const char *name,
                                        size_t name_len);

/** Releases verified claims, wiping their text (NULL-safe). Thread-safety: no other thread may
 *  be reading them. @since 0.1 */
JWTCORE_API void jwtcore_claims_free(jwtcore_claims *c);

/* ---- Issuing ------------------------------------------------------------------------------ */
/* Builder setters return JWTCORE_OK, JWTCORE_E_INVALID_ARGUMENT (empty name, NULL text with a
 * length, text not valid UTF-8, non-finite double), JWTCORE_E_CLAIM_TYPE (a registered claim
 * given the wrong type: exp/nbf/iat must be numbers, iss/sub/jti strings, aud a string or an
 * array of strings) or JWTCORE_E_INVALID_HANDLE. Setting a claim again replaces it, so a token
 * never repeats a claim name. Thread-safety: one thread at a time per builder. */

/** Creates an empty builder with "typ" "JWT" and the system clock. `flags` must be 0.
 *  Ownership: release with jwtcore_jwt_builder_free(). Thread-safety: any thread. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_new(jwtcore_jwt_builder **out, uint32_t flags);

/** Releases a builder (NULL-safe). Thread-safety: no other thread may use it. @since 0.1 */
JWTCORE_API void jwtcore_jwt_builder_free(jwtcore_jwt_builder *b);

/** Replaces all claims by the members of a JSON object (JWTCORE_E_JSON, _JSON_DUPLICATE for
 *  malformed text; at most 65536 bytes). Any member name JSON allows is kept, the empty name
 *  included (the verifier accepts it too); only the per-claim setters refuse an empty name.
 *  Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_claims_json(jwtcore_jwt_builder *b, const char *json, size_t json_len);

/** Sets a string claim ("iss", "sub", custom claims). Thread-safety: one thread at a time per builder.
 *  @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_string(jwtcore_jwt_builder *b, const char *name, size_t name_len,
                                               const char *value, size_t value_len);

/** Sets an integer claim (e.g. "exp" as a NumericDate). Thread-safety: one thread at a time per
 *  builder. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_int(jwtcore_jwt_builder *b, const char *name, size_t name_len, int64_t value);

/** Sets a number claim (finite only). Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_double(jwtcore_jwt_builder *b, const char *name, size_t name_len, double value);

/** Sets a boolean claim (`value` non-zero is true). Thread-safety: one thread at a time per builder.
 *  @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_bool(jwtcore_jwt_builder *b, const char *name, size_t name_len, int value);

/** Sets "aud": `count` values (`auds[i]` of `lens[i]` bytes); one is written as a string, several
 *  as an array. `count` 0 is JWTCORE_E_INVALID_ARGUMENT. Thread-safety: one thread at a time per
 *  builder. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_audience(jwtcore_jwt_builder *b, const char *const *auds, const size_t *lens,
                                                 size_t count);

/** Sets a claim to any JSON value given as text (object, array, number, …; JWTCORE_E_JSON if
 *  malformed). Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_json(jwtcore_jwt_builder *b, const char *name, size_t name_len,
                                             const char *json, size_t json_len);

/** Sets the header "typ": "JWT" (default), "at+jwt" for RFC 9068 access tokens, or "" (length 0)
 *  for none. Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_typ(jwtcore_jwt_builder *b, const char *typ, size_t typ_len);

/** Sets "jti" to 128 random bits in base64url (JWTCORE_E_RANDOM if the generator fails). Thread-safety:
 *  one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_generate_jti(jwtcore_jwt_builder *b);

/** Replaces the builder's clock (NULL restores the system clock); used by the time helpers
 *  below. `ctx` must outlive the builder. Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_clock(jwtcore_jwt_builder *b, jwtcore_clock_fn clock, void *ctx);

/** Sets "iat" to the builder's current time. Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_issued_now(jwtcore_jwt_builder *b);

/** Sets "exp" to now + `seconds` (JWTCORE_E_INVALID_ARGUMENT on overflow). Thread-safety: one thread at
 *  a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_expires_in(jwtcore_jwt_builder *b, int64_t seconds);

/** Sets "nbf" to now + `seconds` (JWTCORE_E_INVALID_ARGUMENT on overflow). Thread-safety: one thread at
 *  a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwt_builder_set_not_before_in(jwtcore_jwt_builder *b, int64_t seconds);

/**
 * Signs the claims as a compact JWS with `key` and `alg` ("HS256", "ES256", "EdDSA", …). The
 * header holds alg, typ (unless set to "") and the key's kid (if it has one). The key must permit
 * the algorithm (JWTCORE_E_KEY_MISMATCH / _KEY_USAGE / _KEY_NOT_PRIVATE); "none" is refused
 * (JWTCORE_E_ALG_NOT_ALLOWED); an unknown name is JWTCORE_E_UNKNOWN_ALG.
 * Ownership: *out (NUL-terminated text) is the caller's, released with jwtcore_free().
 * Thread-safety: one thread at a time per builder; `key` may be shared. @since 0.1
 */
JWTCORE_API int jwtcore_jwt_builder_sign(uint8_t **out, size_t *out_len, const jwtcore_jwt_builder *b,
                                         const jwtcore_key *key, const char *alg, size_t alg_len);

/**
 * Nested JWT (RFC 7519 §5.2, sign-then-encrypt): signs as jwtcore_jwt_builder_sign with
 * `sign_key` / `sign_alg`, then encrypts the signed token as a compact JWE to `enc_key` with the
 * key-management algorithm `key_alg` ("RSA-OAEP-256", "ECDH-ES+A256KW", "A256KW", "dir", …) and
 * content encryption `enc` ("A256GCM", …); the JWE protected header carries "cty":"JWT" and the
 * kid of `enc_key`. jwtcore_jwt_verify accepts such a token when the verifier allows key_alg and
 * enc and holds the decryption key, and then verifies the inner signature as usual.
 * Errors: those of jwtcore_jwt_builder_sign; JWTCORE_E_UNKNOWN_ALG for an unknown key_alg or
 * enc; JWTCORE_E_ALG_NOT_ALLOWED for a key_alg that is not a key-management algorithm or is
 * RSA1_5; the key binding codes for `enc_key`.
 * Ownership: *out (NUL-terminated text) is the caller's, released with jwtcore_free().
 * Thread-safety: one thread at a time per builder; keys may be shared. @since 0.1
 */
JWTCORE_API int jwtcore_jwt_builder_sign_encrypt(uint8_t **out, size_t *out_len, const jwtcore_jwt_builder *b,
                                                 const jwtcore_key *sign_key, const char *sign_alg, size_t sign_alg_len,
                                                 const jwtcore_key *enc_key, const char *key_alg, size_t key_alg_len,
                                                 const char *enc, size_t enc_len);

#ifdef __cplusplus
}
#endif

#endif /* JWTCORE_JWT_H */
