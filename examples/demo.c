/* A first look at libjwtcore through its C ABI: the version and a base64url round trip. */
#include <jwtcore/jwtcore.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  const char *text = "libjwtcore says hello";
  uint8_t *enc = NULL, *dec = NULL;
  size_t enc_len = 0, dec_len = 0;
  int rc;

  printf("libjwtcore %s (ABI %u)\n", jwtcore_version_string(), (unsigned)jwtcore_abi_version());
  rc = jwtcore_base64url_encode(&enc, &enc_len, (const uint8_t *)text, strlen(text));
  if (rc != JWTCORE_OK) {
    fprintf(stderr, "encode: %s: %s\n", jwtcore_strerror(rc), jwtcore_last_error_message());
    return 1;
  }
  printf("base64url(\"%s\") = %s\n", text, (const char *)enc);
  rc = jwtcore_base64url_decode(&dec, &dec_len, (const char *)enc, enc_len);
  if (rc != JWTCORE_OK || dec_len != strlen(text) || memcmp(dec, text, dec_len) != 0) {
    fprintf(stderr, "decode: %s: %s\n", jwtcore_strerror(rc), jwtcore_last_error_message());
    return 1;
  }
  printf("decoded back: %s\n", (const char *)dec);
  jwtcore_free(dec);
  dec = NULL;
  rc = jwtcore_base64url_decode(&dec, &dec_len, "aGk=", 4);
  printf("strict decoder on \"aGk=\": %s (%s)\n", jwtcore_strerror(rc), jwtcore_last_error_message());
  jwtcore_free(enc);
  jwtcore_free(dec);
  return 0;
}
