/* libjwtcore from C: issue a JWT, verify it, and encrypt and decrypt a payload.
 *
 * Build against an installed libjwtcore:
 *   cc -std=c99 example.c $(pkg-config --cflags --libs libjwtcore) -o example
 */
#include <jwtcore/jwtcore.h>

#include <stdio.h>
#include <string.h>

/* Every call returns a status; on failure the thread's last error message says why. */
#define CHECK(call)                                                                        \
  do {                                                                                     \
    int rc_ = (call);                                                                      \
    if (rc_ != JWTCORE_OK) {                                                               \
      fprintf(stderr, "%s failed: %s: %s\n", #call, jwtcore_strerror(rc_),                 \
              jwtcore_last_error_message());                                               \
      goto done;                                                                           \
    }                                                                                      \
  } while (0)

/* A public copy of a key, as the verifying side would load it from a JWK. */
static int public_copy(jwtcore_key **out, const jwtcore_key *key) {
  uint8_t *jwk = NULL;
  size_t len = 0;
  int rc = jwtcore_key_to_jwk(&jwk, &len, key, 0);
  if (rc == JWTCORE_OK) rc = jwtcore_key_from_jwk(out, (const char *)jwk, len, 0);
  jwtcore_free(jwk);
  return rc;
}

static int issue_and_verify(void) {
  int ok = 0;
  jwtcore_key *signing = NULL, *verifying = NULL;
  jwtcore_jwt_builder *b = NULL;
  jwtcore_verifier *v = NULL;
  jwtcore_claims *claims = NULL;
  uint8_t *token = NULL;
  size_t token_len = 0;
  const char *sub = NULL;
  size_t sub_len = 0;

  CHECK(jwtcore_key_generate(&signing, "EdDSA", 5, 0));
  CHECK(public_copy(&verifying, signing));

  CHECK(jwtcore_jwt_builder_new(&b, 0));
  CHECK(jwtcore_jwt_builder_set_string(b, "sub", 3, "alice", 5));
  CHECK(jwtcore_jwt_builder_set_string(b, "iss", 3, "https://issuer.example", 22));
  CHECK(jwtcore_jwt_builder_set_issued_now(b));
  CHECK(jwtcore_jwt_builder_set_expires_in(b, 600));
  CHECK(jwtcore_jwt_builder_sign(&token, &token_len, b, signing, "EdDSA", 5));
  printf("issued:    %s\n", (const char *)token);

  /* The verifier names what it accepts: the algorithm, the key, the issuer. */
  CHECK(jwtcore_verifier_new(&v, 0));
  CHECK(jwtcore_verifier_allow_alg(v, "EdDSA", 5));
  CHECK(jwtcore_verifier_add_key(v, verifying));
  CHECK(jwtcore_verifier_add_issuer(v, "https://issuer.example", 22));
  CHECK(jwtcore_jwt_verify(&claims, v, (const char *)token, token_len));
  CHECK(jwtcore_claims_get_string(claims, "sub", 3, &sub, &sub_len));
  printf("verified:  sub = %.*s\n", (int)sub_len, sub);
  jwtcore_claims_free(claims);
  claims = NULL;

  /* One changed signature character: the token no longer verifies. */
  token[token_len - 2] = (uint8_t)(token[token_len - 2] == 'A' ? 'B' : 'A');
  if (jwtcore_jwt_verify(&claims, v, (const char *)token, token_len) == JWTCORE_OK) {
    fprintf(stderr, "a tampered token verified\n");
    goto done;
  }
  printf("tampered:  rejected (%s)\n", jwtcore_last_error_message());
  ok = 1;
done:
  jwtcore_claims_free(claims);
  jwtcore_verifier_free(v);
  jwtcore_jwt_builder_free(b);
  jwtcore_free(token);
  jwtcore_key_free(verifying);
  jwtcore_key_free(signing);
  return ok;
}

static int encrypt_and_decrypt(void) {
  static const char message[] = "the payload only the key holder may read";
  int ok = 0;
  jwtcore_key *recipient = NULL, *recipient_public = NULL;
  jwtcore_verifier *policy = NULL;
  jwtcore_jwe_result *result = NULL;
  uint8_t *jwe = NULL;
  size_t jwe_len = 0;
  const uint8_t *plain = NULL;
  size_t plain_len = 0;

  CHECK(jwtcore_key_generate(&recipient, "X25519", 6, 0));
  CHECK(public_copy(&recipient_public, recipient));
  CHECK(jwtcore_jwe_encrypt(&jwe, &jwe_len, (const uint8_t *)message, strlen(message), recipient_public,
                            "ECDH-ES+A256KW", 14, "A256GCM", 7, NULL, 0, JWTCORE_JWE_COMPACT));
  printf("encrypted: %.60s... (%lu bytes)\n", (const char *)jwe, (unsigned long)jwe_len);

  /* Decryption also names what it accepts: key management, content encryption, the key. */
  CHECK(jwtcore_verifier_new(&policy, 0));
  CHECK(jwtcore_verifier_allow_alg(policy, "ECDH-ES+A256KW", 14));
  CHECK(jwtcore_verifier_allow_enc(policy, "A256GCM", 7));
  CHECK(jwtcore_verifier_add_decryption_key(policy, recipient));
  CHECK(jwtcore_jwe_decrypt(&result, policy, (const char *)jwe, jwe_len, 0));
  CHECK(jwtcore_jwe_result_plaintext(result, &plain, &plain_len));
  if (plain_len != strlen(message) || memcmp(plain, message, plain_len) != 0) {
    fprintf(stderr, "the decrypted payload differs\n");
    goto done;
  }
  printf("decrypted: %.*s\n", (int)plain_len, (const char *)plain);
  ok = 1;
done:
  jwtcore_jwe_result_free(result);
  jwtcore_verifier_free(policy);
  jwtcore_free(jwe);
  jwtcore_key_free(recipient_public);
  jwtcore_key_free(recipient);
  return ok;
}

int main(void) {
  printf("libjwtcore %s, C example\n", jwtcore_version_string());
  if (!issue_and_verify() || !encrypt_and_decrypt()) return 1;
  printf("ok\n");
  return 0;
}
