/* libjwtcore — the verifier: the allowed algorithms, keys and rules of a verification.
 *
 * Build a verifier once (at start-up), then share it: the first verification freezes it (or call
 * jwtcore_verifier_freeze), after which every setter fails with JWTCORE_E_INVALID_STATE and the
 * verifier is immutable and safe to use from any number of threads at once. Before it is frozen a
 * verifier must be used by one thread at a time. Nothing is allowed by default: a verifier with
 * no allowed algorithm or no key verifies nothing. */
#ifndef JWTCORE_VERIFIER_H
#define JWTCORE_VERIFIER_H

#include "jwtcore/common.h"
#include "jwtcore/jwk.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jwtcore_verifier jwtcore_verifier;

/** Creates an empty verifier. `flags` must be 0. On failure *out is NULL.
 *  Ownership: the caller owns *out and releases it with jwtcore_verifier_free().
 *  Thread-safety: any thread; the new verifier is used by one thread until frozen. @since 0.1 */
JWTCORE_API int jwtcore_verifier_new(jwtcore_verifier **out, uint32_t flags);

/** Releases a verifier (NULL-safe). Keys and key sets it references are released by reference.
 *  Thread-safety: no other thread may be using `v`. @since 0.1 */
JWTCORE_API void jwtcore_verifier_free(jwtcore_verifier *v);

/** Allows one algorithm by its JOSE name ("HS256", "ES256", "EdDSA", …; for nested JWTs also
 *  key-management algorithms such as "RSA-OAEP-256"). Unknown names give JWTCORE_E_UNKNOWN_ALG.
 *  "none" additionally requires jwtcore_verifier_allow_none(). Ownership: copies the name.
 *  Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_allow_alg(jwtcore_verifier *v, const char *alg, size_t alg_len);

/** Allows one content encryption ("A256GCM", …) for nested (encrypted) JWTs.
 *  Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_allow_enc(jwtcore_verifier *v, const char *enc, size_t enc_len);

/** Explicit opt-in to unsecured JWS (alg "none", RFC 7515 §A.5); "none" must also be allowed
 *  with jwtcore_verifier_allow_alg. Never do this for tokens that grant anything.
 *  Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_allow_none(jwtcore_verifier *v);

/** Adds a verification key. The verifier takes its own reference (the caller keeps theirs).
 *  Keys are chosen by the token's kid, then by type and algorithm.
 *  Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_add_key(jwtcore_verifier *v, jwtcore_key *key);

/** Adds the keys of a key set (a snapshot: keys added to the set later are not seen).
 *  Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_add_keyset(jwtcore_verifier *v, const jwtcore_keyset *set);

/** Adds a decryption key for nested (encrypted) JWTs; the verifier takes its own reference.
 *  Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_add_decryption_key(jwtcore_verifier *v, jwtcore_key *key);

/** Requires the "typ" header to equal `typ` (case-insensitive; "application/" optional,
 *  RFC 7515 §4.1.9), e.g. "JWT" or "at+jwt" (RFC 9068).
 *  Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_require_typ(jwtcore_verifier *v, const char *typ, size_t typ_len);

/** Declares a critical header parameter the application processes itself, so that a token
 *  listing it in "crit" is not refused (RFC 7515 §4.1.11). "b64" is built in.
 *  Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_understand_crit(jwtcore_verifier *v, const char *name, size_t name_len);

/** Sets the largest token accepted, in bytes (JWS/JWE calls default to 262144; JWT verification
 *  to 8192). Values 0 or above 16 MiB give JWTCORE_E_INVALID_ARGUMENT.
 *  Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_set_max_token_size(jwtcore_verifier *v, size_t bytes);

/* JWT claims policy
 *
 * What jwtcore_jwt_verify checks after the signature (RFC 7519 §7.2, RFC 8725). Defaults: "exp"
 * required, leeway 60 s, no issuer / audience / scope / age constraint, 8192-byte tokens. Every
 * setter below works before freezing only (JWTCORE_E_INVALID_STATE after), copies its text
 * arguments, and must be called by one thread at a time. */

/** The clock used for the time checks: seconds since the epoch. Called from every verifying
 *  thread at once, so it must be thread-safe. @since 0.1 */
typedef int64_t (*jwtcore_clock_fn)(void *ctx);

/** A revocation check: returns 0 if the token with this "jti" (not NUL-terminated) is valid and
 *  non-zero if it is revoked — any non-zero value, including an error of the store, rejects the
 *  token (fail closed). Called only for tokens that passed every other check, from every
 *  verifying thread at once, so it must be thread-safe. @since 0.1 */
typedef int (*jwtcore_revocation_fn)(void *ctx, const char *jti, size_t jti_len);

/** Accepts one issuer: the token's "iss" must equal one of the accepted issuers exactly (RFC 8725
 *  §3.8), else JWTCORE_E_ISSUER. Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_add_issuer(jwtcore_verifier *v, const char *iss, size_t iss_len);

/** Accepts one audience: the token's "aud" (a string or an array of strings) must contain one
 *  accepted audience, else JWTCORE_E_AUDIENCE. With no audience configured a token that carries
 *  "aud" at all is refused (RFC 7519 §4.1.3). Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_add_audience(jwtcore_verifier *v, const char *aud, size_t aud_len);

/** Clock-skew allowance for exp / nbf / iat, 0 … 300 seconds (default 60); other values give
 *  JWTCORE_E_INVALID_ARGUMENT. Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_set_leeway(jwtcore_verifier *v, int64_t seconds);

/** Requires a claim to be present and not null, else JWTCORE_E_CLAIM_MISSING naming it.
 *  Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_require_claim(jwtcore_verifier *v, const char *name, size_t name_len);

/** Requires a scope, granted by the "scope" claim (space-separated) or "scp" (an array of
 *  strings, or a space-separated string), else JWTCORE_E_SCOPE naming the scope. A scope
 *  containing a space is JWTCORE_E_INVALID_ARGUMENT. Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_require_scope(jwtcore_verifier *v, const char *scope, size_t scope_len);

/** Requires claim `name` to equal the JSON value `json` (any JSON value; compared as JSON:
 *  strings after unescaping, numbers numerically, objects in any member order): absent gives
 *  JWTCORE_E_CLAIM_MISSING, different JWTCORE_E_CLAIM_MISMATCH. Malformed `json` gives
 *  JWTCORE_E_JSON now. Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_require_claim_value(jwtcore_verifier *v, const char *name, size_t name_len,
                                                     const char *json, size_t json_len);

/** Maximum token age: now − "iat" may exceed `seconds` by at most the leeway, else
 *  JWTCORE_E_TOO_OLD; tokens without "iat" then fail with JWTCORE_E_CLAIM_MISSING. 0 disables
 *  (default); negative is JWTCORE_E_INVALID_ARGUMENT. Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_set_max_age(jwtcore_verifier *v, int64_t seconds);

/** Maximum lifetime: "exp" − "iat" may not exceed `seconds`, else JWTCORE_E_LIFETIME; both claims
 *  are then required. 0 disables (default); negative is JWTCORE_E_INVALID_ARGUMENT.
 *  Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_set_max_lifetime(jwtcore_verifier *v, int64_t seconds);

/** Whether "exp" is required (`required` non-zero, the default) or only checked when present.
 *  Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_require_exp(jwtcore_verifier *v, int required);

/** Replaces the system clock (for tests, or a monotonic-corrected clock); NULL restores it.
 *  `ctx` is passed through and must outlive the verifier. Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_set_clock(jwtcore_verifier *v, jwtcore_clock_fn clock, void *ctx);

/** Sets the revocation check (NULL removes it). With a check set, tokens need a string "jti"
 *  (JWTCORE_E_CLAIM_MISSING otherwise) and a revoked one fails with JWTCORE_E_REVOKED. `ctx` must
 *  outlive the verifier. Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_set_revocation_check(jwtcore_verifier *v, jwtcore_revocation_fn check, void *ctx);

/** Issuer-bound keys (RFC 8725 §3.8): `key` may verify only tokens whose "iss" is `iss`. Once any
 *  issuer key is added, the token's "iss" selects the keys (the keys of jwtcore_verifier_add_key
 *  are then not used by jwtcore_jwt_verify) and a token of an issuer without keys fails with
 *  JWTCORE_E_ISSUER. The verifier takes its own reference to `key`.
 *  Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_add_issuer_key(jwtcore_verifier *v, const char *iss, size_t iss_len, jwtcore_key *key);

/** As jwtcore_verifier_add_issuer_key, for the keys of a key set (a snapshot).
 *  Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_add_issuer_keyset(jwtcore_verifier *v, const char *iss, size_t iss_len,
                                                   const jwtcore_keyset *set);

/** Largest JWT accepted by jwtcore_jwt_verify, in bytes (default 8192: access tokens travel in
 *  HTTP headers); 1 … 16777216, else JWTCORE_E_INVALID_ARGUMENT. The JWS token limit
 *  (jwtcore_verifier_set_max_token_size) applies as well. Thread-safety: before freezing only. @since 0.1 */
JWTCORE_API int jwtcore_verifier_set_max_jwt_size(jwtcore_verifier *v, size_t bytes);

/* end of JWT claims policy */

/* JWE decryption policy */

/** Enables PBES2 key management for decryption (off by default: the sender chooses the
 *  decrypter's work, SECURITY.md #9). `max_p2c` caps the token's "p2c" iteration count: 0 gives
 *  the default cap of 10000; otherwise 1000 … 1000000, else JWTCORE_E_INVALID_ARGUMENT. Tokens
 *  with p2c outside 1000 … cap fail with JWTCORE_E_LIMIT_ITERATIONS before any PBKDF2 work. The
 *  PBES2 algs must also be allowed with jwtcore_verifier_allow_alg.
 *  Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_enable_pbes2(jwtcore_verifier *v, uint32_t max_p2c);

/** Enables RSA1_5 key management for decryption (off by default: RSAES-PKCS1-v1_5 invites
 *  Bleichenbacher-style attacks, RFC 8725 §3.2). Unwrapping uses the RFC 7516 §11.5
 *  countermeasure; RSA1_5 must also be allowed with jwtcore_verifier_allow_alg, and a key bound
 *  to RSA-OAEP* never decrypts it. Thread-safety: before freezing only; one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_verifier_enable_rsa1_5(jwtcore_verifier *v);

/* end of JWE decryption policy */

/** Freezes the verifier: from now on it is immutable and may be shared across threads.
 *  Idempotent. Thread-safety: one thread, before sharing. @since 0.1 */
JWTCORE_API int jwtcore_verifier_freeze(jwtcore_verifier *v);

#ifdef __cplusplus
}
#endif

#endif /* JWTCORE_VERIFIER_H */
