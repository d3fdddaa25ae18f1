/*
 * libjwtcore — keys: JSON Web Keys (RFC 7517) and key sets, PEM/DER, raw secrets, generation,
 * thumbprints (RFC 7638, RFC 9278).
 *
 * A jwtcore_key is immutable and reference counted: once created it never changes, so one key
 * may be used by any number of threads at once, and jwtcore_key_ref / jwtcore_key_free may be
 * called from any thread (the count is atomic). A key's JWK metadata is enforced by every JWS
 * and JWE operation: a key with "alg":"ES256" is used for ES256 only, "use":"sig" keys never
 * encrypt, "key_ops":["verify"] keys never sign, and the algorithm family always matches the key
 * type (an RSA or EC public key is never an HMAC secret).
 *
 * A jwtcore_keyset holds keys of one kind (all secret, all public or all private) and may be
 * read by many threads at once once no thread adds to it any more.
 *
 * Private and secret key material is kept in libsodium guarded memory or in mbedTLS contexts
 * that are zeroed when the last reference goes away.
 */
#ifndef JWTCORE_JWK_H
#define JWTCORE_JWK_H

#include "jwtcore/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A key (opaque, immutable, reference counted). */
typedef struct jwtcore_key jwtcore_key;
/** A set of keys (opaque). */
typedef struct jwtcore_keyset jwtcore_keyset;

/* Import flags. */
/** Accept RSA moduli from 1024 bits (default minimum: 2048, RFC 7518 §3.3). For legacy verifiers only. */
#define JWTCORE_KEY_ALLOW_RSA_1024 (1u)

/* Thumbprint hashes (jwtcore_key_thumbprint, jwtcore_key_thumbprint_uri). */
#define JWTCORE_HASH_SHA256 (0u)
#define JWTCORE_HASH_SHA384 (1u)
#define JWTCORE_HASH_SHA512 (2u)

/**
 * Imports one JWK (JSON text, at most 64 KiB, not NUL-terminated necessarily). Every member is
 * validated: kty and the members it requires, strict base64url, exact lengths for the curve, EC
 * points on their curve, RSA >= 2048 bits (1024 with JWTCORE_KEY_ALLOW_RSA_1024), private parts
 * matching public ones, and 'use' / 'key_ops' / 'alg' known and consistent. The message of a
 * failure names the offending member. Errors include JWTCORE_E_JSON, JWTCORE_E_JSON_DUPLICATE,
 * JWTCORE_E_KEY_INVALID, JWTCORE_E_BASE64, JWTCORE_E_KEY_UNSUPPORTED (unknown kty/crv, Ed448,
 * X448, multi-prime RSA), JWTCORE_E_UNKNOWN_ALG, JWTCORE_E_KEY_MISMATCH, JWTCORE_E_KEY_WEAK,
 * JWTCORE_E_POINT_INVALID, JWTCORE_E_BAD_FLAG.
 * Ownership: on success `*out` is a new key with one reference; release it with
 * jwtcore_key_free(). On failure `*out` is NULL. Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API JWTCORE_NODISCARD int jwtcore_key_from_jwk(jwtcore_key **out, const char *json, size_t len, uint32_t flags);

/**
 * Imports a key from PEM text or DER: "PUBLIC KEY" (SubjectPublicKeyInfo), "RSA PUBLIC KEY",
 * "PRIVATE KEY" (PKCS#8), "RSA PRIVATE KEY" (PKCS#1), "EC PRIVATE KEY" (SEC1); RSA, EC (P-256,
 * P-384, P-521, secp256k1), Ed25519 and X25519. The key has no kid, alg, use or key_ops. Flags:
 * 0 or JWTCORE_KEY_ALLOW_RSA_1024. Errors: JWTCORE_E_PEM, JWTCORE_E_NOT_SUPPORTED (encrypted
 * keys, certificates), JWTCORE_E_KEY_UNSUPPORTED, and the validation errors of
 * jwtcore_key_from_jwk. Ownership: as jwtcore_key_from_jwk. Thread-safety: safe from any
 * thread. @since 0.1
 */
JWTCORE_API JWTCORE_NODISCARD int jwtcore_key_from_pem(jwtcore_key **out, const uint8_t *pem_or_der, size_t len, uint32_t flags);

/**
 * Makes an oct key (HMAC key, AES key, PBES2 password) from `len` raw bytes, without alg. The
 * bytes are copied into guarded memory; the caller may wipe its copy. Flags must be 0.
 * Errors: JWTCORE_E_KEY_WEAK (len 0), JWTCORE_E_LIMIT_SIZE (over 1024 bytes).
 * Ownership: as jwtcore_key_from_jwk. Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API JWTCORE_NODISCARD int jwtcore_key_from_secret(jwtcore_key **out, const uint8_t *secret, size_t len, uint32_t flags);

/**
 * Generates a key. `spec` names what it is for: a JWS alg (HS256, RS256, "RS256:3072" for
 * another RSA size in 2048..8192, PS*, ES256, ES384, ES512, ES256K, EdDSA), a JWE alg
 * (A128KW.., A128GCMKW.., RSA-OAEP, RSA-OAEP-256, RSA1_5, PBES2-* as a random 32-byte password,
 * ECDH-ES* on P-256 or on the curve given as "ECDH-ES+A128KW:X25519"), a JWE enc (A128GCM..,
 * A128CBC-HS256..: a key for "dir" of the right length) or a curve (P-256, P-384, P-521,
 * secp256k1, Ed25519, X25519; "Ed25519" names the curve, not the RFC 9864 alg). Keys generated
 * from an algorithm or enc carry it as their 'alg'; keys generated from a curve carry none. Flags must be 0. Errors: JWTCORE_E_UNKNOWN_ALG,
 * JWTCORE_E_INVALID_ARGUMENT ("none", "dir", bad suffix or size), JWTCORE_E_RANDOM.
 * Ownership: as jwtcore_key_from_jwk. Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API JWTCORE_NODISCARD int jwtcore_key_generate(jwtcore_key **out, const char *spec, size_t spec_len, uint32_t flags);

/**
 * Keys are immutable: this makes a new key with the same material and metadata as `key` but
 * carrying `kid` (UTF-8, 1..1024 bytes; it replaces any kid `key` had). The two keys share the
 * material. Errors: JWTCORE_E_INVALID_ARGUMENT (empty, too long or not UTF-8),
 * JWTCORE_E_INVALID_HANDLE. Ownership: `*out` is a new key with one reference; `key` is
 * unchanged and still owned by the caller. Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API JWTCORE_NODISCARD int jwtcore_key_with_kid(jwtcore_key **out, const jwtcore_key *key, const char *kid, size_t kid_len);

/**
 * Exports `key` as JWK JSON: the RFC 7638 members in lexicographic order, then the private
 * members if `include_private` is non-zero and the key has them, then kid, alg, use, key_ops.
 * An oct key is all secret: it needs `include_private` (else JWTCORE_E_INVALID_ARGUMENT).
 * Ownership: `*out` (`*out_len` bytes plus a NUL) is released with jwtcore_free(), which wipes
 * it. Thread-safety: safe from any thread, also on the same key. @since 0.1
 */
JWTCORE_API int jwtcore_key_to_jwk(uint8_t **out, size_t *out_len, const jwtcore_key *key, int include_private);

/**
 * Exports `key` as PEM: PKCS#8 "PRIVATE KEY" if `include_private` is non-zero and the key has a
 * private part, else SubjectPublicKeyInfo "PUBLIC KEY". oct keys have no PEM form
 * (JWTCORE_E_NOT_SUPPORTED). Ownership: as jwtcore_key_to_jwk. Thread-safety: safe from any
 * thread. @since 0.1
 */
JWTCORE_API int jwtcore_key_to_pem(uint8_t **out, size_t *out_len, const jwtcore_key *key, int include_private);

/**
 * The RFC 7638 JWK thumbprint of `key` as base64url text; `hash` is JWTCORE_HASH_SHA256 (the
 * RFC's), JWTCORE_HASH_SHA384 or JWTCORE_HASH_SHA512 (else JWTCORE_E_INVALID_ARGUMENT).
 * Ownership: `*out` is released with jwtcore_free(). Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API int jwtcore_key_thumbprint(uint8_t **out, size_t *out_len, const jwtcore_key *key, uint32_t hash);

/**
 * The RFC 9278 thumbprint URI, e.g. "urn:ietf:params:oauth:jwk-thumbprint:sha-256:<thumbprint>".
 * `hash` as for jwtcore_key_thumbprint. Ownership: `*out` is released with jwtcore_free().
 * Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API int jwtcore_key_thumbprint_uri(uint8_t **out, size_t *out_len, const jwtcore_key *key, uint32_t hash);

/**
 * The key's kid, or NULL if it has none (or `key` is not a valid key).
 * Ownership: borrowed, NUL-terminated; valid as long as `key` is. Thread-safety: safe from any
 * thread. @since 0.1
 */
JWTCORE_API const char *jwtcore_key_kid(const jwtcore_key *key);

/**
 * The key type: "oct", "RSA", "EC" or "OKP"; NULL if `key` is not a valid key.
 * Ownership: static text. Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API const char *jwtcore_key_kty(const jwtcore_key *key);

/**
 * The key's 'alg' (an algorithm, or for "dir" keys possibly a content encryption such as
 * "A128GCM"), or NULL if it has none. Ownership: static text. Thread-safety: safe from any
 * thread. @since 0.1
 */
JWTCORE_API const char *jwtcore_key_alg(const jwtcore_key *key);

/**
 * The curve of an EC or OKP key ("P-256", "P-384", "P-521", "secp256k1", "Ed25519", "X25519"),
 * or NULL for oct and RSA keys. Ownership: static text. Thread-safety: safe from any thread.
 * @since 0.1
 */
JWTCORE_API const char *jwtcore_key_curve(const jwtcore_key *key);

/**
 * 1 if `key` has private material (every oct key does), 0 if it is a public key, or
 * JWTCORE_E_INVALID_HANDLE. Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API int jwtcore_key_is_private(const jwtcore_key *key);

/**
 * Adds a reference to `key` and returns it (NULL if `key` is not a valid key). Each reference
 * is released with one jwtcore_key_free(). Thread-safety: atomic; safe from any thread, also
 * concurrently on the same key. @since 0.1
 */
JWTCORE_API jwtcore_key *jwtcore_key_ref(jwtcore_key *key);

/**
 * Releases one reference; the key (and its wiped material) goes away with the last one. NULL
 * is a no-op. Ownership: the caller's reference ends here; borrowed strings of the key stay
 * valid only while other references exist. Thread-safety: atomic; safe from any thread.
 * @since 0.1
 */
JWTCORE_API void jwtcore_key_free(jwtcore_key *key);

/**
 * Parses a JWK Set {"keys":[...]} (at most 1 MiB). Entries that cannot be used (unknown kty or
 * crv, malformed or weak keys) are skipped, not fatal: see jwtcore_keyset_skipped_count().
 * Fails as a whole for bad JSON (also duplicate member names), a missing "keys" array, or a set
 * mixing secret, public and private keys (JWTCORE_E_KEY_INVALID). Flags: 0 or
 * JWTCORE_KEY_ALLOW_RSA_1024. Ownership: on success `*out` is a new set, released with
 * jwtcore_keyset_free(); NULL on failure. Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API JWTCORE_NODISCARD int jwtcore_keyset_from_jwks(jwtcore_keyset **out, const char *json, size_t len, uint32_t flags);

/**
 * Makes an empty key set. Flags must be 0. Ownership: `*out` is released with
 * jwtcore_keyset_free(). Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API int jwtcore_keyset_new(jwtcore_keyset **out, uint32_t flags);

/**
 * Appends `key`; the set takes its own reference (the caller keeps its own). Fails with
 * JWTCORE_E_KEY_INVALID if the key is of another kind (secret / public / private) than the keys
 * already in the set. Thread-safety: not safe concurrently with any other use of the same set;
 * add all keys before sharing the set between threads. @since 0.1
 */
JWTCORE_API int jwtcore_keyset_add(jwtcore_keyset *set, jwtcore_key *key);

/**
 * The number of keys in the set (0 for an invalid handle). Thread-safety: safe from any thread
 * while no thread adds to the set. @since 0.1
 */
JWTCORE_API size_t jwtcore_keyset_count(const jwtcore_keyset *set);

/**
 * The key at `index` (< jwtcore_keyset_count), or NULL. Ownership: borrowed; valid as long as
 * the set is (call jwtcore_key_ref to keep it longer). Thread-safety: safe from any thread while
 * no thread adds to the set. @since 0.1
 */
JWTCORE_API const jwtcore_key *jwtcore_keyset_get(const jwtcore_keyset *set, size_t index);

/**
 * Finds the one key whose kid equals `kid` (exact bytes). JWTCORE_E_KEY_NOT_FOUND if no key
 * carries it, if two or more entries do (duplicate kids are ambiguous, skipped entries
 * included), or if only a skipped entry does (the message says why it was skipped).
 * Ownership: `*out` is borrowed from the set (NULL on failure). Thread-safety: safe from any
 * thread while no thread adds to the set. @since 0.1
 */
JWTCORE_API JWTCORE_NODISCARD int jwtcore_keyset_find(const jwtcore_key **out, const jwtcore_keyset *set, const char *kid, size_t kid_len);

/**
 * How many entries jwtcore_keyset_from_jwks skipped (0 for an invalid handle).
 * Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API size_t jwtcore_keyset_skipped_count(const jwtcore_keyset *set);

/**
 * Why the `index`-th skipped entry was skipped, e.g. "entry 2 (kid 'k'): JWK member 'crv'
 * names unsupported curve 'P-192'"; NULL if out of range. Ownership: borrowed; valid as long as
 * the set is. Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API const char *jwtcore_keyset_skipped_reason(const jwtcore_keyset *set, size_t index);

/**
 * Exports the set as {"keys":[...]}, each key as jwtcore_key_to_jwk(include_private) writes it.
 * Ownership: `*out` is released with jwtcore_free(). Thread-safety: safe from any thread while
 * no thread adds to the set. @since 0.1
 */
JWTCORE_API int jwtcore_keyset_to_jwks(uint8_t **out, size_t *out_len, const jwtcore_keyset *set, int include_private);

/**
 * Releases the set and its references to its keys. NULL is a no-op. Borrowed keys and strings
 * of the set end with it. Thread-safety: no other thread may be using the set. @since 0.1
 */
JWTCORE_API void jwtcore_keyset_free(jwtcore_keyset *set);

#ifdef __cplusplus
}
#endif

#endif /* JWTCORE_JWK_H */
