/*
 * libjwtcore — common definitions: status codes, memory ownership, error detail, versions.
 *
 * Every fallible function returns an int status: JWTCORE_OK (0) or a negative JWTCORE_E_* code.
 * Codes are grouped by area and never renumbered once released; new ones are only appended.
 * Verification and decryption have no "soft" success: anything but JWTCORE_OK means
 * "not verified" / "not decrypted".
 */
#ifndef JWTCORE_COMMON_H
#define JWTCORE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(JWTCORE_BUILDING) && defined(__GNUC__)
#define JWTCORE_API __attribute__((visibility("default")))
#else
#define JWTCORE_API
#endif

#if defined(__GNUC__)
#define JWTCORE_NODISCARD __attribute__((warn_unused_result))
#else
#define JWTCORE_NODISCARD
#endif

/* ---- Status codes ------------------------------------------------------------------------- */

#define JWTCORE_OK 0

/* General (-1 … -19) */
#define JWTCORE_E_INTERNAL          (-1)  /* a bug in libjwtcore; please report it */
#define JWTCORE_E_NO_MEMORY         (-2)  /* an allocation failed */
#define JWTCORE_E_INVALID_ARGUMENT  (-3)  /* NULL pointer, zero length or value out of range */
#define JWTCORE_E_INVALID_HANDLE    (-4)  /* a freed, foreign or wrong-type handle was passed */
#define JWTCORE_E_BAD_FLAG          (-5)  /* a flags argument has bits this version does not define */
#define JWTCORE_E_INVALID_STATE     (-6)  /* e.g. a setter on a frozen verifier */
#define JWTCORE_E_NOT_SUPPORTED     (-7)  /* a known but unsupported algorithm, curve or feature */
#define JWTCORE_E_RANDOM            (-8)  /* the random generator failed */

/* Malformed input (-20 … -39) */
#define JWTCORE_E_MALFORMED         (-20) /* input is not of the expected form (generic) */
#define JWTCORE_E_BASE64            (-21) /* not strict, canonical, unpadded base64url */
#define JWTCORE_E_JSON              (-22) /* not valid JSON (syntax, UTF-8, numbers) */
#define JWTCORE_E_JSON_DUPLICATE    (-23) /* a JSON object repeats a member name */
#define JWTCORE_E_TOKEN_FORMAT      (-24) /* wrong number of parts or a bad serialization */
#define JWTCORE_E_HEADER            (-25) /* a header member is missing, mistyped or invalid */
#define JWTCORE_E_PEM               (-26) /* PEM/DER could not be parsed */

/* Keys (-40 … -59) */
#define JWTCORE_E_KEY_INVALID       (-40) /* a key member is missing, mistyped or inconsistent */
#define JWTCORE_E_KEY_UNSUPPORTED   (-41) /* unknown or unsupported kty / crv */
#define JWTCORE_E_KEY_WEAK          (-42) /* key too small or otherwise weak (RSA < 2048, short HMAC key) */
#define JWTCORE_E_KEY_MISMATCH      (-43) /* key type / curve / own alg does not fit the algorithm */
#define JWTCORE_E_KEY_NOT_FOUND     (-44) /* no key in the set matches kid / type */
#define JWTCORE_E_KEY_USAGE         (-45) /* the key's use / key_ops forbid the operation */
#define JWTCORE_E_KEY_NOT_PRIVATE   (-46) /* the operation needs a private or secret key */
#define JWTCORE_E_POINT_INVALID     (-47) /* an EC point is not on the curve, or is the identity */

/* Verification (-60 … -79) */
#define JWTCORE_E_ALG_NOT_ALLOWED   (-60) /* the token's alg is not in the caller's allow-list */
#define JWTCORE_E_BAD_SIGNATURE     (-61) /* the signature or MAC does not verify */
#define JWTCORE_E_CRIT_UNKNOWN      (-62) /* a 'crit' member is unknown, or 'crit' is malformed */
#define JWTCORE_E_TYP_MISMATCH      (-63) /* the 'typ' header is not the required one */
#define JWTCORE_E_UNKNOWN_ALG       (-64) /* the alg/enc name is not one libjwtcore knows */

/* Decryption (-80 … -99) */
#define JWTCORE_E_DECRYPT           (-80) /* decryption failed (one code for every crypto failure) */
#define JWTCORE_E_ENC_NOT_ALLOWED   (-81) /* the token's enc is not in the caller's allow-list */
#define JWTCORE_E_ZIP_UNSUPPORTED   (-82) /* 'zip' present but compression is not enabled/known */

/* Claims (-100 … -119) */
#define JWTCORE_E_EXPIRED           (-100) /* exp is in the past (beyond leeway) */
#define JWTCORE_E_NOT_YET_VALID     (-101) /* nbf is in the future (beyond leeway) */
#define JWTCORE_E_ISSUED_IN_FUTURE  (-102) /* iat is in the future (beyond leeway) */
#define JWTCORE_E_ISSUER            (-103) /* iss missing or not accepted */
#define JWTCORE_E_AUDIENCE          (-104) /* aud missing or not accepted */
#define JWTCORE_E_CLAIM_MISSING     (-105) /* a required claim is absent */
#define JWTCORE_E_CLAIM_TYPE        (-106) /* a claim has the wrong JSON type */
#define JWTCORE_E_CLAIM_MISMATCH    (-107) /* a claim does not have the required value */
#define JWTCORE_E_SCOPE             (-108) /* a required scope is missing */
#define JWTCORE_E_TOO_OLD           (-109) /* iat older than the maximum token age */
#define JWTCORE_E_LIFETIME          (-110) /* exp − iat longer than the maximum lifetime */
#define JWTCORE_E_REVOKED           (-111) /* the revocation callback rejected the jti */

/* Limits (-120 … -139) */
#define JWTCORE_E_LIMIT_SIZE        (-120) /* input larger than the configured maximum */
#define JWTCORE_E_LIMIT_DEPTH       (-121) /* JSON nested deeper than allowed */
#define JWTCORE_E_LIMIT_ITERATIONS  (-122) /* PBES2 p2c outside the allowed range */
#define JWTCORE_E_LIMIT_INFLATE     (-123) /* decompressed size over the limit */

/**
 * Static English text for a status code; never NULL (unknown codes give "unknown status code").
 * Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API const char *jwtcore_strerror(int code);

/**
 * Detail about the last failing call made on the calling thread: names the member, claim or
 * limit involved and the numbers, never key material, plaintext or string claim values.
 * Every libjwtcore call clears it on entry; after a successful call it is "".
 * Ownership: the text is owned by the library and stays valid until the next libjwtcore call
 * on this thread. Thread-safety: thread-local, safe from any thread. Never NULL. @since 0.1
 */
JWTCORE_API const char *jwtcore_last_error_message(void);

/**
 * Releases a byte string the library returned through an `uint8_t **out, size_t *out_len` pair.
 * The block is zeroed before it is released (the library knows its size). NULL is a no-op.
 * Ownership: takes ownership of `p`; never pass memory not allocated by libjwtcore, and never
 * release libjwtcore memory with the system free(). Thread-safety: safe from any thread. @since 0.1
 */
JWTCORE_API void jwtcore_free(void *p);

/** Runtime version, as the compile-time JWTCORE_VERSION_NUMBER (major*10000 + minor*100 + patch).
 *  Thread-safety: safe from any thread. @since 0.1 */
JWTCORE_API uint32_t jwtcore_version_number(void);

/** Runtime version string, e.g. "0.1.0"; static, never NULL.
 *  Thread-safety: safe from any thread. @since 0.1 */
JWTCORE_API const char *jwtcore_version_string(void);

/** The ABI generation of the loaded library (the soname number). Bindings compare it with the one
 *  they were written for and refuse to load a different one. Thread-safety: any thread. @since 0.1 */
JWTCORE_API uint32_t jwtcore_abi_version(void);

#ifdef __cplusplus
}
#endif

#endif /* JWTCORE_COMMON_H */
