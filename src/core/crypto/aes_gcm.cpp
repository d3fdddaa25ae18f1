// AES-GCM with the JOSE parameters fixed: 96-bit IV, 128-bit tag (RFC 7518 §5.3). libsodium for
// 256-bit keys where the CPU has AES-NI + PCLMUL, mbedTLS for everything else.
#include <mbedtls/gcm.h>
#include <sodium.h>

#include <string>

#include "aes.hpp"
#include "random.hpp"

namespace jwtcore::crypto {

namespace {

// NIST SP 800-38D §5.2.1.1: at most 2^39 - 256 bits of plaintext per invocation.
constexpr uint64_t kGcmMaxPlaintext = (uint64_t{1} << 36) - 32;

class GcmContext {
 public:
  GcmContext() noexcept { mbedtls_gcm_init(&ctx_); }
  ~GcmContext() { mbedtls_gcm_free(&ctx_); }  // zeroes the key schedule and H
  GcmContext(const GcmContext &) = delete;
  GcmContext &operator=(const GcmContext &) = delete;
  mbedtls_gcm_context *get() { return &ctx_; }

 private:
  mbedtls_gcm_context ctx_;
};

bool use_sodium(bytes_view key, GcmBackend backend) {
  return backend == GcmBackend::automatic && key.size() == crypto_aead_aes256gcm_KEYBYTES &&
         aes_gcm_sodium_available();
}

// Backends may not accept a null pointer even for a zero length; empty spans get this one.
uint8_t *nonnull(uint8_t *p) {
  static thread_local uint8_t scratch = 0;
  return p != nullptr ? p : &scratch;
}
const uint8_t *nonnull(const uint8_t *p) {
  static const uint8_t zero = 0;
  return p != nullptr ? p : &zero;
}

int encrypt_sodium(bytes_view key, bytes_view iv, bytes_view aad, bytes_view pt, Sealed &out) {
  unsigned long long tag_len = 0;
  return crypto_aead_aes256gcm_encrypt_detached(
      nonnull(out.ciphertext.data()), out.tag.data(), &tag_len, nonnull(pt.data()), pt.size(),
      nonnull(aad.data()), aad.size(), nullptr, iv.data(), key.data());
}

int encrypt_mbedtls(bytes_view key, bytes_view iv, bytes_view aad, bytes_view pt, Sealed &out) {
  GcmContext gcm;
  int rc = mbedtls_gcm_setkey(gcm.get(), MBEDTLS_CIPHER_ID_AES, key.data(),
                              static_cast<unsigned int>(key.size() * 8));
  if (rc != 0) return rc;
  return mbedtls_gcm_crypt_and_tag(gcm.get(), MBEDTLS_GCM_ENCRYPT, pt.size(), iv.data(), iv.size(),
                                   nonnull(aad.data()), aad.size(), nonnull(pt.data()),
                                   nonnull(out.ciphertext.data()), kGcmTagSize, out.tag.data());
}

int decrypt_sodium(bytes_view key, bytes_view iv, bytes_view aad, bytes_view ct, bytes_view tag,
                   SecretBytes &pt) {
  return crypto_aead_aes256gcm_decrypt_detached(nonnull(pt.data()), nullptr, nonnull(ct.data()),
                                                ct.size(), tag.data(), nonnull(aad.data()),
                                                aad.size(), iv.data(), key.data());
}

int decrypt_mbedtls(bytes_view key, bytes_view iv, bytes_view aad, bytes_view ct, bytes_view tag,
                    SecretBytes &pt) {
  GcmContext gcm;
  int rc = mbedtls_gcm_setkey(gcm.get(), MBEDTLS_CIPHER_ID_AES, key.data(),
                              static_cast<unsigned int>(key.size() * 8));
  if (rc != 0) return rc;
  return mbedtls_gcm_auth_decrypt(gcm.get(), ct.size(), iv.data(), iv.size(), nonnull(aad.data()),
                                  aad.size(), tag.data(), tag.size(), nonnull(ct.data()),
                                  nonnull(pt.data()));
}

}  // namespace

bool aes_gcm_sodium_available() noexcept {
  // sodium_init() runs the CPU feature detection that is_available() reports.
  return ensure_init() && crypto_aead_aes256gcm_is_available() == 1;
}

Result<Sealed> aes_gcm_encrypt(bytes_view key, bytes_view iv, bytes_view aad, bytes_view plaintext,
                               GcmBackend backend) {
  if (!is_aes_key_size(key.size())) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "AES-GCM key is " + std::to_string(key.size()) +
                                                 " bytes; it must be 16, 24 or 32");
  }
  if (iv.size() != kGcmIvSize) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "AES-GCM IV is " + std::to_string(iv.size()) +
                                                 " bytes; JOSE requires exactly 12 (RFC 7518 5.3)");
  }
  if (plaintext.size() > kGcmMaxPlaintext) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "AES-GCM plaintext is " +
                                                 std::to_string(plaintext.size()) +
                                                 " bytes; the limit is 2^36 - 32");
  }
  Sealed out;
  out.ciphertext.resize(plaintext.size());
  out.tag.resize(kGcmTagSize);
  const int rc = use_sodium(key, backend) ? encrypt_sodium(key, iv, aad, plaintext, out)
                                          : encrypt_mbedtls(key, iv, aad, plaintext, out);
  if (rc != 0) {
    // Partial output is keystream XOR plaintext under a key the caller still holds: drop it.
    secure_zero(out.ciphertext.data(), out.ciphertext.size());
    return error(JWTCORE_E_INTERNAL, "AES-GCM encryption failed in the crypto backend");
  }
  return out;
}

Result<SecretBytes> aes_gcm_decrypt(bytes_view key, bytes_view iv, bytes_view aad,
                                    bytes_view ciphertext, bytes_view tag, GcmBackend backend) {
  // SECURITY.md #12: IV and tag lengths are fixed, so a truncated tag whose prefix is right, or
  // a 16-byte tag under another IV length, never reaches the tag comparison.
  if (!is_aes_key_size(key.size()) || iv.size() != kGcmIvSize || tag.size() != kGcmTagSize ||
      ciphertext.size() > kGcmMaxPlaintext) {
    return decrypt_failure();
  }
  SecretBytes plaintext(ciphertext.size());
  const int rc = use_sodium(key, backend)
                     ? decrypt_sodium(key, iv, aad, ciphertext, tag, plaintext)
                     : decrypt_mbedtls(key, iv, aad, ciphertext, tag, plaintext);
  if (rc != 0) {
    secure_zero(plaintext.data(), plaintext.size());
    return decrypt_failure();
  }
  return plaintext;
}

}  // namespace jwtcore::crypto
