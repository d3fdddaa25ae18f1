/* Compiled as C99 with -Wall -Wextra -Werror -pedantic and linked against libjwtcore.so only:
   proves the public headers are pure C and the exported API links from C. */
#include <jwtcore/jwtcore.h>

#include <stdio.h>
#include <string.h>

/* jwtcore/jwk.h: every function once, lightly. */
static int exercise_keys(void) {
  static const char jwk[] = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
  static const uint8_t secret[32] = {1, 2, 3};
  jwtcore_key *key = NULL, *named = NULL, *gen = NULL, *oct = NULL, *pem = NULL;
  jwtcore_keyset *set = NULL, *parsed = NULL;
  const jwtcore_key *found = NULL;
  uint8_t *out = NULL;
  size_t out_len = 0;
  int ok = 1;

  if (jwtcore_key_from_jwk(&key, jwk, sizeof jwk - 1, 0) != JWTCORE_OK) return 0;
  ok &= jwtcore_key_with_kid(&named, key, "k1", 2) == JWTCORE_OK;
  ok &= strcmp(jwtcore_key_kty(named), "OKP") == 0 && strcmp(jwtcore_key_curve(named), "Ed25519") == 0;
  ok &= strcmp(jwtcore_key_kid(named), "k1") == 0 && jwtcore_key_alg(named) == NULL && jwtcore_key_is_private(key) == 0;
  ok &= jwtcore_key_thumbprint(&out, &out_len, key, JWTCORE_HASH_SHA256) == JWTCORE_OK && out_len == 43;
  jwtcore_free(out);
  ok &= jwtcore_key_thumbprint_uri(&out, &out_len, key, JWTCORE_HASH_SHA512) == JWTCORE_OK;
  jwtcore_free(out);
  ok &= jwtcore_key_to_pem(&out, &out_len, key, 0) == JWTCORE_OK;
  ok &= jwtcore_key_from_pem(&pem, out, out_len, 0) == JWTCORE_OK;
  jwtcore_free(out);
  ok &= jwtcore_key_generate(&gen, "ES256", 5, 0) == JWTCORE_OK && jwtcore_key_is_private(gen) == 1;
  ok &= jwtcore_key_to_jwk(&out, &out_len, gen, 1) == JWTCORE_OK;
  jwtcore_free(out);
  ok &= jwtcore_key_from_secret(&oct, secret, sizeof secret, 0) == JWTCORE_OK;
  jwtcore_key_free(key);
  ok &= jwtcore_key_from_jwk(&key, "{}", 2, 2u) == JWTCORE_E_BAD_FLAG && key == NULL;
  ok &= jwtcore_keyset_new(&set, 0) == JWTCORE_OK && jwtcore_keyset_add(set, named) == JWTCORE_OK;
  ok &= jwtcore_keyset_add(set, oct) == JWTCORE_E_KEY_INVALID; /* a set holds one kind of key */
  ok &= jwtcore_keyset_find(&found, set, "k1", 2) == JWTCORE_OK && found == jwtcore_keyset_get(set, 0);
  ok &= jwtcore_keyset_count(set) == 1 && jwtcore_keyset_skipped_count(set) == 0;
  ok &= jwtcore_keyset_skipped_reason(set, 0) == NULL;
  ok &= jwtcore_keyset_to_jwks(&out, &out_len, set, 0) == JWTCORE_OK;
  ok &= jwtcore_keyset_from_jwks(&parsed, (const char *)out, out_len, 0) == JWTCORE_OK;
  jwtcore_free(out);
  ok &= jwtcore_key_ref(gen) == gen;
  jwtcore_key_free(gen);
  jwtcore_key_free(gen);
  jwtcore_key_free(named);
  jwtcore_key_free(oct);
  jwtcore_key_free(pem);
  jwtcore_key_free(NULL);
  jwtcore_keyset_free(set);
  jwtcore_keyset_free(parsed);
  jwtcore_keyset_free(NULL);
  return ok;
}

/* jwtcore/verifier.h and jwtcore/jws.h: sign, verify, read the result. */
static int exercise_jws(void) {
  static const uint8_t payload[] = "{\"sub\":\"c99\"}";
  jwtcore_key *key = NULL;
  jwtcore_keyset *set = NULL;
  jwtcore_verifier *v = NULL;
  jwtcore_jws_signer *signer = NULL;
  jwtcore_jws_result *r = NULL;
  uint8_t *token = NULL, *json = NULL;
  size_t token_len = 0, json_len = 0, n = 0;
  const uint8_t *p = NULL;
  const char *h = NULL;
  int ok = 1;

  if (jwtcore_key_generate(&key, "HS256", 5, 0) != JWTCORE_OK) return 0;
  ok &= jwtcore_jws_sign(&token, &token_len, payload, sizeof payload - 1, key, "HS256", 5, "{\"typ\":\"JWT\"}", 13, 0) == JWTCORE_OK;
  ok &= jwtcore_jws_signer_new(&signer, JWTCORE_JWS_GENERAL) == JWTCORE_OK;
  ok &= jwtcore_jws_signer_add(signer, key, "HS256", 5, NULL, 0, "{\"kid\":\"a\"}", 11) == JWTCORE_OK;
  ok &= jwtcore_jws_signer_sign(&json, &json_len, signer, payload, sizeof payload - 1) == JWTCORE_OK;
  ok &= jwtcore_verifier_new(&v, 0) == JWTCORE_OK;
  ok &= jwtcore_verifier_allow_alg(v, "HS256", 5) == JWTCORE_OK && jwtcore_verifier_allow_enc(v, "A256GCM", 7) == JWTCORE_OK;
  ok &= jwtcore_verifier_add_key(v, key) == JWTCORE_OK && jwtcore_verifier_require_typ(v, "JWT", 3) == JWTCORE_OK;
  ok &= jwtcore_keyset_new(&set, 0) == JWTCORE_OK && jwtcore_verifier_add_keyset(v, set) == JWTCORE_OK;
  ok &= jwtcore_verifier_add_decryption_key(v, key) == JWTCORE_OK && jwtcore_verifier_understand_crit(v, "x", 1) == JWTCORE_OK;
  ok &= jwtcore_verifier_set_max_token_size(v, 4096) == JWTCORE_OK;
  ok &= jwtcore_verifier_allow_none(v) == JWTCORE_OK && jwtcore_verifier_freeze(v) == JWTCORE_OK;
  ok &= jwtcore_verifier_allow_alg(v, "ES256", 5) == JWTCORE_E_INVALID_STATE;
  ok &= jwtcore_jws_verify(&r, v, (const char *)token, token_len, NULL, 0, 0) == JWTCORE_OK;
  if (r == NULL) return 0;
  ok &= jwtcore_jws_result_payload(r, &p, &n) == JWTCORE_OK && n == sizeof payload - 1;
  ok &= jwtcore_jws_result_header(r, &h, &n) == JWTCORE_OK && jwtcore_jws_result_signature_index(r) == 0;
  ok &= strcmp(jwtcore_jws_result_alg(r), "HS256") == 0 && jwtcore_jws_result_key(r) != NULL;
  ok &= jwtcore_jws_result_embedded_key(r) == 0;
  jwtcore_jws_result_free(r);
  r = NULL;
  ok &= jwtcore_jws_verify(&r, v, (const char *)json, json_len, NULL, 0, JWTCORE_JWS_VERIFY_COMPACT_ONLY) != JWTCORE_OK && r == NULL;
  jwtcore_free(token);
  jwtcore_free(json);
  jwtcore_jws_signer_free(signer);
  jwtcore_verifier_free(v);
  jwtcore_keyset_free(set);
  jwtcore_key_free(key);
  return ok;
}

/* jwtcore/jwt.h and the JWT claims policy of jwtcore/verifier.h: issue, verify, read. */
static int64_t fixed_clock(void *ctx) { return *(const int64_t *)ctx; }
static int never_revoked(void *ctx, const char *jti, size_t len) { (void)ctx; (void)jti; return len == 0; }

static int exercise_jwt(void) {
  static int64_t now = 1700000000;
  static const char *auds[] = {"api", "api2"};
  static const size_t aud_lens[] = {3, 4};
  jwtcore_key *key = NULL, *dec = NULL;
  jwtcore_keyset *set = NULL;
  jwtcore_verifier *v = NULL;
  jwtcore_jwt_builder *b = NULL;
  jwtcore_claims *c = NULL;
  uint8_t *token = NULL, *nested = NULL, *json = NULL;
  size_t token_len = 0, nested_len = 0, n = 0, count = 0;
  const char *p = NULL;
  int64_t i = 0;
  double d = 0;
  int flag = 0, ok = 1;

  if (jwtcore_key_generate(&key, "HS256", 5, 0) != JWTCORE_OK) return 0;
  ok &= jwtcore_key_generate(&dec, "A256KW", 6, 0) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_new(&b, 0) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_set_claims_json(b, "{\"tenant\":\"t1\"}", 15) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_set_clock(b, fixed_clock, &now) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_set_string(b, "iss", 3, "me", 2) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_set_int(b, "level", 5, 3) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_set_double(b, "ratio", 5, 0.5) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_set_bool(b, "admin", 5, 0) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_set_audience(b, auds, aud_lens, 2) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_set_json(b, "scp", 3, "[\"read\"]", 8) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_set_typ(b, "at+jwt", 6) == JWTCORE_OK && jwtcore_jwt_builder_generate_jti(b) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_set_issued_now(b) == JWTCORE_OK && jwtcore_jwt_builder_set_expires_in(b, 600) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_set_not_before_in(b, -5) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_sign(&token, &token_len, b, key, "HS256", 5) == JWTCORE_OK;
  ok &= jwtcore_jwt_builder_sign_encrypt(&nested, &nested_len, b, key, "HS256", 5, dec, "A256KW", 6, "A256GCM", 7) == JWTCORE_OK;

  ok &= jwtcore_verifier_new(&v, 0) == JWTCORE_OK && jwtcore_verifier_allow_alg(v, "HS256", 5) == JWTCORE_OK;
  ok &= jwtcore_verifier_add_key(v, key) == JWTCORE_OK;
  ok &= jwtcore_verifier_add_issuer(v, "me", 2) == JWTCORE_OK && jwtcore_verifier_add_audience(v, "api", 3) == JWTCORE_OK;
  ok &= jwtcore_verifier_set_leeway(v, 30) == JWTCORE_OK && jwtcore_verifier_require_claim(v, "jti", 3) == JWTCORE_OK;
  ok &= jwtcore_verifier_require_scope(v, "read", 4) == JWTCORE_OK;
  ok &= jwtcore_verifier_require_claim_value(v, "tenant", 6, "\"t1\"", 4) == JWTCORE_OK;
  ok &= jwtcore_verifier_set_max_age(v, 3600) == JWTCORE_OK && jwtcore_verifier_set_max_lifetime(v, 3600) == JWTCORE_OK;
  ok &= jwtcore_verifier_require_exp(v, 1) == JWTCORE_OK && jwtcore_verifier_set_clock(v, fixed_clock, &now) == JWTCORE_OK;
  ok &= jwtcore_verifier_set_revocation_check(v, never_revoked, NULL) == JWTCORE_OK;
  ok &= jwtcore_verifier_set_max_jwt_size(v, 4096) == JWTCORE_OK && jwtcore_verifier_require_typ(v, "at+jwt", 6) == JWTCORE_OK;
  ok &= jwtcore_verifier_allow_alg(v, "A256KW", 6) == JWTCORE_OK && jwtcore_verifier_allow_enc(v, "A256GCM", 7) == JWTCORE_OK;
  ok &= jwtcore_verifier_add_decryption_key(v, dec) == JWTCORE_OK;
  ok &= jwtcore_jwt_verify(&c, v, (const char *)token, token_len) == JWTCORE_OK;
  if (c == NULL) return 0;
  ok &= jwtcore_claims_json(c, &p, &n) == JWTCORE_OK && p[n] == '\0';
  ok &= jwtcore_claims_has(c, "jti", 3) == 1 && jwtcore_claims_has(c, "zz", 2) == 0;
  ok &= jwtcore_claims_get_string(c, "iss", 3, &p, &n) == JWTCORE_OK && n == 2 && memcmp(p, "me", 2) == 0;
  ok &= jwtcore_claims_get_int64(c, "level", 5, &i) == JWTCORE_OK && i == 3;
  ok &= jwtcore_claims_get_double(c, "ratio", 5, &d) == JWTCORE_OK && d == 0.5;
  ok &= jwtcore_claims_get_bool(c, "admin", 5, &flag) == JWTCORE_OK && flag == 0;
  ok &= jwtcore_claims_get_string_array_count(c, "aud", 3, &count) == JWTCORE_OK && count == 2;
  ok &= jwtcore_claims_get_string_array_at(c, "aud", 3, 1, &p, &n) == JWTCORE_OK && n == 4;
  ok &= jwtcore_claims_get_json(&json, &n, c, "scp", 3) == JWTCORE_OK && strcmp((const char *)json, "[\"read\"]") == 0;
  ok &= jwtcore_claims_get_string(c, "level", 5, &p, &n) == JWTCORE_E_CLAIM_TYPE;
  jwtcore_free(json);
  jwtcore_claims_free(c);
  c = NULL;
  ok &= jwtcore_jwt_verify(&c, v, (const char *)nested, nested_len) == JWTCORE_OK;
  jwtcore_claims_free(c);
  c = NULL;
  now += 3600;
  ok &= jwtcore_jwt_verify(&c, v, (const char *)token, token_len) == JWTCORE_E_EXPIRED && c == NULL;
  ok &= jwtcore_verifier_set_leeway(v, 10) == JWTCORE_E_INVALID_STATE;
  jwtcore_verifier_free(v);
  ok &= jwtcore_verifier_new(&v, 0) == JWTCORE_OK && jwtcore_keyset_new(&set, 0) == JWTCORE_OK;
  ok &= jwtcore_verifier_add_issuer_key(v, "me", 2, key) == JWTCORE_OK;
  ok &= jwtcore_verifier_add_issuer_keyset(v, "you", 3, set) == JWTCORE_OK;
  jwtcore_free(token);
  jwtcore_free(nested);
  jwtcore_claims_free(NULL);
  jwtcore_jwt_builder_free(b);
  jwtcore_jwt_builder_free(NULL);
  jwtcore_verifier_free(v);
  jwtcore_keyset_free(set);
  jwtcore_key_free(key);
  jwtcore_key_free(dec);
  return ok;
}

/* jwtcore/jwe.h and the JWE decryption policy of jwtcore/verifier.h: encrypt, decrypt, read. */
static int exercise_jwe(void) {
  static const uint8_t msg[] = "secret";
  jwtcore_key *key = NULL;
  jwtcore_verifier *v = NULL;
  jwtcore_jwe_encrypter *e = NULL;
  jwtcore_jwe_result *r = NULL;
  uint8_t *compact = NULL, *general = NULL;
  size_t compact_len = 0, general_len = 0, n = 0;
  const uint8_t *p = NULL;
  const char *h = NULL;
  int ok = 1;

  if (jwtcore_key_generate(&key, "A128KW", 6, 0) != JWTCORE_OK) return 0;
  ok &= jwtcore_jwe_encrypt(&compact, &compact_len, msg, sizeof msg - 1, key, "A128KW", 6, "A128GCM", 7,
                            "{\"cty\":\"JWT\"}", 13, JWTCORE_JWE_COMPACT) == JWTCORE_OK;
  ok &= jwtcore_jwe_encrypter_new(&e, "A128GCM", 7, JWTCORE_JWE_GENERAL) == JWTCORE_OK;
  ok &= jwtcore_jwe_encrypter_add_recipient(e, key, "A128KW", 6, "{\"x\":1}", 7) == JWTCORE_OK;
  ok &= jwtcore_jwe_encrypter_set_protected(e, "{\"typ\":\"t\"}", 11) == JWTCORE_OK;
  ok &= jwtcore_jwe_encrypter_set_unprotected(e, "{\"y\":2}", 7) == JWTCORE_OK;
  ok &= jwtcore_jwe_encrypter_set_aad(e, msg, 3) == JWTCORE_OK;
  ok &= jwtcore_jwe_encrypter_encrypt(&general, &general_len, e, msg, sizeof msg - 1) == JWTCORE_OK;
  ok &= jwtcore_verifier_new(&v, 0) == JWTCORE_OK && jwtcore_verifier_allow_alg(v, "A128KW", 6) == JWTCORE_OK;
  ok &= jwtcore_verifier_allow_enc(v, "A128GCM", 7) == JWTCORE_OK && jwtcore_verifier_add_decryption_key(v, key) == JWTCORE_OK;
  ok &= jwtcore_verifier_enable_pbes2(v, 20000) == JWTCORE_OK && jwtcore_verifier_enable_rsa1_5(v) == JWTCORE_OK;
  ok &= jwtcore_jwe_decrypt(&r, v, (const char *)compact, compact_len, JWTCORE_JWE_DECRYPT_COMPACT_ONLY) == JWTCORE_OK;
  if (r == NULL) return 0;
  ok &= jwtcore_jwe_result_plaintext(r, &p, &n) == JWTCORE_OK && n == sizeof msg - 1 && memcmp(p, msg, n) == 0;
  ok &= jwtcore_jwe_result_header(r, &h, &n) == JWTCORE_OK && strstr(h, "\"cty\":\"JWT\"") != NULL;
  ok &= jwtcore_jwe_result_recipient_index(r) == 0 && jwtcore_jwe_result_key(r) != NULL;
  ok &= strcmp(jwtcore_jwe_result_alg(r), "A128KW") == 0 && strcmp(jwtcore_jwe_result_enc(r), "A128GCM") == 0;
  jwtcore_jwe_result_free(r);
  r = NULL;
  ok &= jwtcore_jwe_decrypt(&r, v, (const char *)general, general_len, 0) == JWTCORE_OK;
  jwtcore_jwe_result_free(r);
  r = NULL;
  ok &= jwtcore_jwe_decrypt(&r, v, "a.b.c", 5, 0) == JWTCORE_E_TOKEN_FORMAT && r == NULL;
  jwtcore_free(compact);
  jwtcore_free(general);
  jwtcore_jwe_encrypter_free(e);
  jwtcore_jwe_encrypter_free(NULL);
  jwtcore_jwe_result_free(NULL);
  jwtcore_verifier_free(v);
  jwtcore_key_free(key);
  return ok;
}

int main(void) {
  uint8_t *out = NULL;
  size_t out_len = 0;
  int rc;

  if (jwtcore_version_number() != JWTCORE_VERSION_NUMBER) return 1;
  if (strcmp(jwtcore_version_string(), JWTCORE_VERSION_STRING) != 0) return 1;
  if (jwtcore_abi_version() != JWTCORE_ABI_VERSION) return 1;
  if (jwtcore_strerror(-9999) == NULL || jwtcore_last_error_message() == NULL) return 1;

  rc = jwtcore_base64url_decode(&out, &out_len, "Zg==", 4);
  if (rc != JWTCORE_E_BASE64 || out != NULL || jwtcore_last_error_message()[0] == '\0') return 1;
  rc = jwtcore_base64url_encode(&out, &out_len, (const uint8_t *)"f", 1);
  if (rc != JWTCORE_OK || out_len != 2 || strcmp((const char *)out, "Zg") != 0) return 1;
  if (jwtcore_last_error_message()[0] != '\0') return 1; /* cleared on entry */
  jwtcore_free(out);
  jwtcore_free(NULL);
  rc = jwtcore_base64url_encode(NULL, &out_len, (const uint8_t *)"f", 1);
  if (rc != JWTCORE_E_INVALID_ARGUMENT) return 1;
  if (!exercise_keys()) return 1;
  if (!exercise_jws()) return 1;
  if (!exercise_jwt()) return 1;
  if (!exercise_jwe()) return 1;
  puts("C99 header test passed");
  return 0;
}
