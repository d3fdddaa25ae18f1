/* libjwtcore — JSON Web Encryption (RFC 7516) with the algorithms of RFC 7518 and RFC 8037:
 * compact, flattened and general JSON serializations.
 *
 * Key management ("alg"): dir, A128KW/A192KW/A256KW, A128GCMKW/A192GCMKW/A256GCMKW, ECDH-ES and
 * ECDH-ES+A128KW/A192KW/A256KW (P-256, P-384, P-521, X25519), RSA-OAEP, RSA-OAEP-256,
 * PBES2-HS256+A128KW/-HS384+A192KW/-HS512+A256KW, and RSA1_5 for decryption only.
 * Content encryption ("enc"): A128GCM, A192GCM, A256GCM, A128CBC-HS256, A192CBC-HS384,
 * A256CBC-HS512.
 *
 * Decryption follows a verifier's policy: the token's alg and enc must be allowed
 * (jwtcore_verifier_allow_alg / _allow_enc), a decryption key (jwtcore_verifier_add_decryption_key)
 * must permit the alg, RSA1_5 and PBES2 need an explicit opt-in (jwtcore_verifier_enable_rsa1_5,
 * jwtcore_verifier_enable_pbes2, which also caps "p2c"), and "crit" is honoured. Header, policy and
 * format problems have their own status codes; every cryptographic failure (key unwrap, CEK
 * length, ECDH point, tag, padding, RSA) is JWTCORE_E_DECRYPT with one message, so that no
 * oracle exists (RFC 7516 §11.4-§11.5).
 *
 * Compression: "zip" is refused with JWTCORE_E_ZIP_UNSUPPORTED when encrypting and decrypting;
 * this build has no zlib, so nothing is ever inflated. */
#ifndef JWTCORE_JWE_H
#define JWTCORE_JWE_H

#include "jwtcore/common.h"
#include "jwtcore/jwk.h"
#include "jwtcore/verifier.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Encryption flags: the serialization. */
#define JWTCORE_JWE_COMPACT   0u  /* header.encrypted_key.iv.ciphertext.tag */
#define JWTCORE_JWE_FLATTENED 1u  /* flattened JSON serialization */
#define JWTCORE_JWE_GENERAL   2u  /* general JSON serialization ("recipients": [...]) */

/* Decryption flags. */
#define JWTCORE_JWE_DECRYPT_COMPACT_ONLY (1u << 0) /* refuse the JSON serializations */

typedef struct jwtcore_jwe_encrypter jwtcore_jwe_encrypter;
typedef struct jwtcore_jwe_result jwtcore_jwe_result;

/**
 * Encrypts `plaintext` to one key: compact by default, or flattened / general JSON (flags).
 * `alg` names the key management ("RSA-OAEP-256", "ECDH-ES+A256KW", "dir", …) and `enc` the
 * content encryption ("A256GCM", …). The key must permit alg (type, curve, its own
 * alg/use/key_ops), else JWTCORE_E_KEY_MISMATCH / _KEY_USAGE / _KEY_WEAK; for "dir" it must be
 * an oct key of exactly enc's key length. RSA1_5 is refused (JWTCORE_E_ALG_NOT_ALLOWED).
 * `header_json` (may be NULL/0) is a JSON object of extra protected header members, e.g.
 * {"cty":"JWT"} for a nested JWT; it may not set alg, enc, crit, epk, iv, tag, p2s or p2c
 * (JWTCORE_E_INVALID_ARGUMENT), nor zip (JWTCORE_E_ZIP_UNSUPPORTED). The key's kid goes into the
 * header unless header_json sets one. PBES2 uses 10000 iterations and a 16-byte random salt.
 * Ownership: *out (NUL-terminated text) is the caller's, released with jwtcore_free().
 * Thread-safety: any thread; `key` may be shared. @since 0.1
 */
JWTCORE_API int jwtcore_jwe_encrypt(uint8_t **out, size_t *out_len, const uint8_t *plaintext, size_t len,
                                    const jwtcore_key *key, const char *alg, size_t alg_len,
                                    const char *enc, size_t enc_len,
                                    const char *header_json, size_t header_len, uint32_t flags);

/** Creates a builder for a JWE to several recipients (general JSON serialization) or with what
 *  the one-call form cannot express (a shared unprotected header, per-recipient headers, AAD).
 *  `enc` names the content encryption; `flags` is the serialization (JWTCORE_JWE_FLATTENED or
 *  JWTCORE_JWE_GENERAL; compact also works, with one recipient and protected members only).
 *  Ownership: release with jwtcore_jwe_encrypter_free(). Thread-safety: one thread at a time. @since 0.1 */
JWTCORE_API int jwtcore_jwe_encrypter_new(jwtcore_jwe_encrypter **out, const char *enc, size_t enc_len, uint32_t flags);

/** Sets the extra protected header members (a JSON object text; NULL/0 clears them), with the
 *  restrictions of jwtcore_jwe_encrypt's header_json. Copies the text.
 *  Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwe_encrypter_set_protected(jwtcore_jwe_encrypter *e, const char *json, size_t len);

/** Sets the shared unprotected header ("unprotected", a JSON object text; NULL/0 clears it).
 *  JSON serializations only. Copies the text. Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwe_encrypter_set_unprotected(jwtcore_jwe_encrypter *e, const char *json, size_t len);

/** Sets the JWE AAD (RFC 7516 §5.1 step 14; JSON serializations only); NULL/0 with `len` 0 sets an
 *  empty AAD. Copies the bytes. Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwe_encrypter_set_aad(jwtcore_jwe_encrypter *e, const uint8_t *aad, size_t len);

/** Adds a recipient: `key` with key-management `alg`, and `header_json` (may be NULL/0) a JSON
 *  object of per-recipient unprotected header members. With several recipients, alg, kid and
 *  the key-management members go into each recipient's header; with one, into the protected
 *  header. "dir" and "ECDH-ES" must be the only recipient. The builder takes its own reference
 *  to `key`. Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwe_encrypter_add_recipient(jwtcore_jwe_encrypter *e, const jwtcore_key *key,
                                                    const char *alg, size_t alg_len,
                                                    const char *header_json, size_t header_len);

/** Encrypts `plaintext` to every added recipient (one fresh CEK and IV per call).
 *  Ownership: *out (NUL-terminated text) is the caller's (jwtcore_free).
 *  Thread-safety: one thread at a time per builder. @since 0.1 */
JWTCORE_API int jwtcore_jwe_encrypter_encrypt(uint8_t **out, size_t *out_len, const jwtcore_jwe_encrypter *e,
                                              const uint8_t *plaintext, size_t len);

/** Releases an encrypter builder (NULL-safe). Thread-safety: no other thread may use it. @since 0.1 */
JWTCORE_API void jwtcore_jwe_encrypter_free(jwtcore_jwe_encrypter *e);

/**
 * Decrypts a JWE (compact, or a JSON serialization unless JWTCORE_JWE_DECRYPT_COMPACT_ONLY) under
 * the verifier's decryption policy, with its decryption keys (chosen by the recipient's kid, then
 * by type). A compact JWS (three parts) gives JWTCORE_E_TOKEN_FORMAT. Returns JWTCORE_OK and *out,
 * or a negative status and NULL: JWTCORE_E_DECRYPT (any cryptographic failure),
 * _ALG_NOT_ALLOWED, _ENC_NOT_ALLOWED, _ZIP_UNSUPPORTED, _LIMIT_ITERATIONS (PBES2 p2c outside the
 * policy), _HEADER, _CRIT_UNKNOWN, _KEY_NOT_FOUND, _KEY_MISMATCH, _TOKEN_FORMAT, … Freezes the
 * verifier. Ownership: *out is the caller's (jwtcore_jwe_result_free).
 * Thread-safety: any thread; a frozen verifier may be shared by many threads. @since 0.1
 */
JWTCORE_API JWTCORE_NODISCARD int jwtcore_jwe_decrypt(jwtcore_jwe_result **out, const jwtcore_verifier *v,
                                                      const char *jwe, size_t len, uint32_t flags);

/** The plaintext (borrowed: valid until the result is freed, which zeroes it; NUL-terminated,
 *  the NUL is not counted). Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_jwe_result_plaintext(const jwtcore_jwe_result *r, const uint8_t **plaintext, size_t *len);

/** The protected header JSON (borrowed, NUL-terminated; "" when the JWE has none), e.g. to read
 *  "cty". Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_jwe_result_header(const jwtcore_jwe_result *r, const char **json, size_t *len);

/** Which recipient was decrypted (0 for compact and flattened). Returns a negative status for a
 *  bad handle. Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API int jwtcore_jwe_result_recipient_index(const jwtcore_jwe_result *r);

/** The key-management algorithm used ("RSA-OAEP", …); static text, NULL for a bad handle.
 *  Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API const char *jwtcore_jwe_result_alg(const jwtcore_jwe_result *r);

/** The content encryption used ("A256GCM", …); static text, NULL for a bad handle.
 *  Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API const char *jwtcore_jwe_result_enc(const jwtcore_jwe_result *r);

/** The key that decrypted (borrowed, valid until the result is freed). Take a reference with
 *  jwtcore_key_ref to keep it. Thread-safety: read-only, any thread. @since 0.1 */
JWTCORE_API const jwtcore_key *jwtcore_jwe_result_key(const jwtcore_jwe_result *r);

/** Releases a result, zeroing its plaintext (NULL-safe). Thread-safety: no other thread may use it. @since 0.1 */
JWTCORE_API void jwtcore_jwe_result_free(jwtcore_jwe_result *r);

#ifdef __cplusplus
}
#endif

#endif /* JWTCORE_JWE_H */
