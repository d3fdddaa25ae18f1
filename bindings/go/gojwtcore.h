/* C helpers for the Go binding, compiled into the package through the cgo preambles. Each one
 * makes several libjwtcore calls in one cgo transition, so that a verification costs one crossing
 * (API.md: coarse calls). They keep no pointer after they return. */
#ifndef GOJWTCORE_H
#define GOJWTCORE_H

#include <jwtcore/jwtcore.h>

/* What a successful JWS verification produced; the pointers borrow from the result handle. */
typedef struct {
	const uint8_t *payload;
	size_t payload_len;
	const char *header;
	size_t header_len;
	const char *alg;
	const char *kid;
	int signature_index;
	int embedded_key;
} gojwtcore_jws_view;

/* jwtcore_jws_verify plus every accessor of the result. On failure *out is NULL. */
static inline int gojwtcore_jws_verify(jwtcore_jws_result **out, gojwtcore_jws_view *view, const jwtcore_verifier *v,
                                       const char *jws, size_t jws_len, const uint8_t *detached,
                                       size_t detached_len, uint32_t flags) {
	int rc = jwtcore_jws_verify(out, v, jws, jws_len, detached, detached_len, flags);
	if (rc != JWTCORE_OK) return rc;
	rc = jwtcore_jws_result_payload(*out, &view->payload, &view->payload_len);
	if (rc == JWTCORE_OK) rc = jwtcore_jws_result_header(*out, &view->header, &view->header_len);
	if (rc == JWTCORE_OK) {
		view->signature_index = jwtcore_jws_result_signature_index(*out);
		if (view->signature_index < 0) rc = view->signature_index;
	}
	if (rc == JWTCORE_OK) {
		const jwtcore_key *k = jwtcore_jws_result_key(*out);
		view->alg = jwtcore_jws_result_alg(*out);
		view->kid = k != NULL ? jwtcore_key_kid(k) : NULL;
		view->embedded_key = jwtcore_jws_result_embedded_key(*out);
		if (view->alg == NULL) rc = JWTCORE_E_INTERNAL;
	}
	if (rc != JWTCORE_OK) {
		jwtcore_jws_result_free(*out);
		*out = NULL;
	}
	return rc;
}

/* Signs with a multi-signature builder made for this call: signature i is by keys[i] (NULL for
 * "none"); `text` holds, one after the other, its alg, protected header JSON and unprotected
 * header JSON, whose lengths are lens[3i], lens[3i+1], lens[3i+2] (a header of length 0: none).
 * The builder comes back in *s for the caller to free after it has read the error detail. */
static inline int gojwtcore_jws_sign_multi(uint8_t **out, size_t *out_len, jwtcore_jws_signer **s, uint32_t flags,
                                           const uint8_t *payload, size_t payload_len, jwtcore_key *const *keys,
                                           const char *text, const size_t *lens, size_t n_sigs) {
	int rc = jwtcore_jws_signer_new(s, flags);
	size_t i, off = 0;
	for (i = 0; rc == JWTCORE_OK && i < n_sigs; ++i) {
		const char *alg = text + off;
		const char *prot = alg + lens[3 * i];
		const char *unprot = prot + lens[3 * i + 1];
		rc = jwtcore_jws_signer_add(*s, keys[i], alg, lens[3 * i], lens[3 * i + 1] ? prot : NULL, lens[3 * i + 1],
		                            lens[3 * i + 2] ? unprot : NULL, lens[3 * i + 2]);
		off += lens[3 * i] + lens[3 * i + 1] + lens[3 * i + 2];
	}
	if (rc == JWTCORE_OK) rc = jwtcore_jws_signer_sign(out, out_len, *s, payload, payload_len);
	return rc;
}

/* jwtcore_jwt_verify plus the claims JSON; the text borrows from *out. On failure *out is NULL. */
static inline int gojwtcore_jwt_verify(jwtcore_claims **out, const char **json, size_t *json_len,
                                       const jwtcore_verifier *v, const char *token, size_t token_len) {
	int rc = jwtcore_jwt_verify(out, v, token, token_len);
	if (rc != JWTCORE_OK) return rc;
	rc = jwtcore_claims_json(*out, json, json_len);
	if (rc != JWTCORE_OK) {
		jwtcore_claims_free(*out);
		*out = NULL;
	}
	return rc;
}

/* What SignJWT asks of a JWT builder, beyond the claims JSON. */
typedef struct {
	int set_typ; /* typ/typ_len below: the header typ ("" for none) */
	int generate_jti;
	int issued_now;
	int set_expires_in;
	int64_t expires_in;
	int set_not_before_in;
	int64_t not_before_in;
} gojwtcore_jwt_spec;

/* Issues a JWT with a builder made for this call; the builder comes back in *b for the caller to
 * free after it has read the error detail. */
/* With enc_key non-NULL the signed token is then encrypted to it (a nested JWT, RFC 7519 §5.2). */
static inline int gojwtcore_jwt_sign(uint8_t **out, size_t *out_len, jwtcore_jwt_builder **b, const char *claims,
                                     size_t claims_len, const gojwtcore_jwt_spec *spec, const char *typ,
                                     size_t typ_len, const jwtcore_key *key, const char *alg, size_t alg_len,
                                     const jwtcore_key *enc_key, const char *key_alg, size_t key_alg_len,
                                     const char *enc, size_t enc_len) {
	int rc = jwtcore_jwt_builder_new(b, 0);
	if (rc == JWTCORE_OK) rc = jwtcore_jwt_builder_set_claims_json(*b, claims, claims_len);
	if (rc == JWTCORE_OK && spec->set_typ) rc = jwtcore_jwt_builder_set_typ(*b, typ, typ_len);
	if (rc == JWTCORE_OK && spec->generate_jti) rc = jwtcore_jwt_builder_generate_jti(*b);
	if (rc == JWTCORE_OK && spec->issued_now) rc = jwtcore_jwt_builder_set_issued_now(*b);
	if (rc == JWTCORE_OK && spec->set_expires_in) rc = jwtcore_jwt_builder_set_expires_in(*b, spec->expires_in);
	if (rc == JWTCORE_OK && spec->set_not_before_in) rc = jwtcore_jwt_builder_set_not_before_in(*b, spec->not_before_in);
	if (rc != JWTCORE_OK) return rc;
	if (enc_key != NULL)
		return jwtcore_jwt_builder_sign_encrypt(out, out_len, *b, key, alg, alg_len, enc_key, key_alg, key_alg_len, enc,
		                                        enc_len);
	return jwtcore_jwt_builder_sign(out, out_len, *b, key, alg, alg_len);
}

/* What a successful JWE decryption produced; the pointers borrow from the result handle. */
typedef struct {
	const uint8_t *plaintext;
	size_t plaintext_len;
	const char *header;
	size_t header_len;
	const char *alg;
	const char *enc;
	const char *kid;
	int recipient_index;
} gojwtcore_jwe_view;

/* jwtcore_jwe_decrypt plus every accessor of the result. On failure *out is NULL. */
static inline int gojwtcore_jwe_decrypt(jwtcore_jwe_result **out, gojwtcore_jwe_view *view, const jwtcore_verifier *v,
                                        const char *jwe, size_t len, uint32_t flags) {
	int rc = jwtcore_jwe_decrypt(out, v, jwe, len, flags);
	if (rc != JWTCORE_OK) return rc;
	rc = jwtcore_jwe_result_plaintext(*out, &view->plaintext, &view->plaintext_len);
	if (rc == JWTCORE_OK) rc = jwtcore_jwe_result_header(*out, &view->header, &view->header_len);
	if (rc == JWTCORE_OK) {
		view->recipient_index = jwtcore_jwe_result_recipient_index(*out);
		if (view->recipient_index < 0) rc = view->recipient_index;
	}
	if (rc == JWTCORE_OK) {
		const jwtcore_key *k = jwtcore_jwe_result_key(*out);
		view->alg = jwtcore_jwe_result_alg(*out);
		view->enc = jwtcore_jwe_result_enc(*out);
		view->kid = k != NULL ? jwtcore_key_kid(k) : NULL;
		if (view->alg == NULL || view->enc == NULL) rc = JWTCORE_E_INTERNAL;
	}
	if (rc != JWTCORE_OK) {
		jwtcore_jwe_result_free(*out);
		*out = NULL;
	}
	return rc;
}

/* The parts of a JWE encrypter builder other than its recipients (length 0: not set; the AAD is
 * set when has_aad is non-zero). */
typedef struct {
	size_t enc_len, protected_len, unprotected_len, aad_len;
	int has_aad;
	uint32_t flags;
} gojwtcore_jwe_spec;

/* Encrypts with a builder made for this call. `text` holds, one after the other, enc, the
 * protected header, the unprotected header and the AAD (lengths in *spec), then for recipient i
 * its alg and its header (lengths lens[2i], lens[2i+1]). The builder comes back in *e for the
 * caller to free after it has read the error detail. */
static inline int gojwtcore_jwe_encrypt_multi(uint8_t **out, size_t *out_len, jwtcore_jwe_encrypter **e,
                                              const gojwtcore_jwe_spec *spec, const char *text,
                                              jwtcore_key *const *keys, const size_t *lens, size_t n,
                                              const uint8_t *plaintext, size_t plaintext_len) {
	const char *p = text;
	int rc = jwtcore_jwe_encrypter_new(e, p, spec->enc_len, spec->flags);
	size_t i;
	p += spec->enc_len;
	if (rc == JWTCORE_OK && spec->protected_len) rc = jwtcore_jwe_encrypter_set_protected(*e, p, spec->protected_len);
	p += spec->protected_len;
	if (rc == JWTCORE_OK && spec->unprotected_len) rc = jwtcore_jwe_encrypter_set_unprotected(*e, p, spec->unprotected_len);
	p += spec->unprotected_len;
	if (rc == JWTCORE_OK && spec->has_aad) rc = jwtcore_jwe_encrypter_set_aad(*e, (const uint8_t *)p, spec->aad_len);
	p += spec->aad_len;
	for (i = 0; rc == JWTCORE_OK && i < n; ++i) {
		rc = jwtcore_jwe_encrypter_add_recipient(*e, keys[i], p, lens[2 * i], lens[2 * i + 1] ? p + lens[2 * i] : NULL,
		                                         lens[2 * i + 1]);
		p += lens[2 * i] + lens[2 * i + 1];
	}
	if (rc == JWTCORE_OK) rc = jwtcore_jwe_encrypter_encrypt(out, out_len, *e, plaintext, plaintext_len);
	return rc;
}

/* Trampolines from the library's callbacks into Go (callbacks.c); ctx points at a C-allocated
 * uintptr_t holding a runtime/cgo.Handle. */
int64_t gojwtcore_clock(void *ctx);
int gojwtcore_revoked(void *ctx, const char *jti, size_t jti_len);

#endif
