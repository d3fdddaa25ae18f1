/* Compiled as C99 with -Wall -Wextra -Werror -pedantic and linked against libjwtcore.so only:
   proves the public headers are pure C and the exported API links from C. */
#include <jwtcore/jwtcore.h>

#include <stdio.h>
#include <string.h>

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
  puts("C99 header test passed");
  return 0;
}
