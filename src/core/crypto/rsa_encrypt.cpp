// RSA encryption schemes for JWE key management: RSAES-OAEP (RSA-OAEP, RSA-OAEP-256) and
// RSAES-PKCS1-v1_5 (RSA1_5, with the RFC 7516 §11.5 countermeasure).
#include <mbedtls/rsa.h>

#include <cstring>
#include <mutex>
#include <string>

#include "asym_internal.hpp"
#include "random.hpp"
#include "rsa.hpp"
#include "rsa_impl.hpp"

namespace jwtcore::crypto {

namespace {

using rsa_detail::need_private;
using rsa_detail::set_padding;

Status decrypt_failed() { return error(JWTCORE_E_DECRYPT, "RSA decryption failed"); }

// All-ones when x == 0, else zero; no data-dependent branch.
inline uint32_t ct_is_zero_mask(uint32_t x) { return ((x | (0u - x)) >> 31) - 1u; }

// EM = 0x00 || 0x02 || PS (k - L - 3 non-zero bytes) || 0x00 || M (L bytes), RFC 8017 §7.2.2,
// with the message length L fixed by the caller (the CEK length the 'enc' requires): every
// position is known in advance, so the check is a straight-line OR over the whole block.
uint32_t pkcs1v15_bad_padding(const uint8_t *em, size_t k, size_t msg_len) {
  uint32_t bad = em[0] | (em[1] ^ 2u);
  size_t sep = k - msg_len - 1;
  for (size_t i = 2; i < sep; ++i) bad |= (static_cast<uint32_t>(em[i]) - 1u) >> 31;  // em[i] == 0
  bad |= em[sep];
  return bad;
}

}  // namespace

Result<Bytes> RsaKey::oaep_encrypt(Hash hash, bytes_view plaintext, bytes_view label) const {
  size_t hlen = hash_size(hash);
  if (impl_->bytes < 2 * hlen + 2 || plaintext.size() > impl_->bytes - 2 * hlen - 2) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "RSA-OAEP plaintext of " +
                                                 std::to_string(plaintext.size()) +
                                                 " bytes is too long for the modulus");
  }
  Bytes out(impl_->bytes);
  int ret;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    ret = set_padding(&impl_->ctx, MBEDTLS_RSA_PKCS_V21, hash);
    if (ret == 0) {
      ret = mbedtls_rsa_rsaes_oaep_encrypt(&impl_->ctx, mbedtls_rng, nullptr,
                                           JWTCORE_RSA_MODE(MBEDTLS_RSA_PUBLIC) label.data(),
                                           label.size(), plaintext.size(), plaintext.data(),
                                           out.data());
    }
  }
  if (ret != 0) {
    return error(JWTCORE_E_INTERNAL, "RSA-OAEP encryption failed: " + detail::mbedtls_error_text(ret));
  }
  return out;
}

Result<SecretBytes> RsaKey::oaep_decrypt(Hash hash, bytes_view ciphertext, bytes_view label) const {
  JWTCORE_TRY(need_private(impl_->has_private, "RSA-OAEP decryption"));
  if (ciphertext.size() != impl_->bytes) return decrypt_failed();
  SecretBytes out(impl_->bytes);
  size_t olen = 0;
  int ret;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    ret = set_padding(&impl_->ctx, MBEDTLS_RSA_PKCS_V21, hash);
    if (ret == 0) {
      ret = mbedtls_rsa_rsaes_oaep_decrypt(&impl_->ctx, mbedtls_rng, nullptr,
                                           JWTCORE_RSA_MODE(MBEDTLS_RSA_PRIVATE) label.data(),
                                           label.size(), &olen, ciphertext.data(), out.data(),
                                           out.size());
    }
  }
  if (ret != 0) return decrypt_failed();
  out.resize(olen);
  return out;
}

Result<Bytes> RsaKey::pkcs1v15_encrypt(bytes_view plaintext) const {
  if (impl_->bytes < 11 || plaintext.size() > impl_->bytes - 11) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "RSAES-PKCS1-v1_5 plaintext of " +
                                                 std::to_string(plaintext.size()) +
                                                 " bytes is too long for the modulus");
  }
  Bytes out(impl_->bytes);
  int ret;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    ret = set_padding(&impl_->ctx, MBEDTLS_RSA_PKCS_V15, Hash::sha256);
    if (ret == 0) {
      ret = mbedtls_rsa_rsaes_pkcs1_v15_encrypt(&impl_->ctx, mbedtls_rng, nullptr,
                                                JWTCORE_RSA_MODE(MBEDTLS_RSA_PUBLIC)
                                                    plaintext.size(),
                                                plaintext.data(), out.data());
    }
  }
  if (ret != 0) {
    return error(JWTCORE_E_INTERNAL,
                 "RSAES-PKCS1-v1_5 encryption failed: " + detail::mbedtls_error_text(ret));
  }
  return out;
}

Status RsaKey::pkcs1v15_decrypt_or_random(bytes_view ciphertext, size_t expected_len,
                                          SecretBytes &out) const {
  JWTCORE_TRY(need_private(impl_->has_private, "RSA1_5 decryption"));
  const size_t k = impl_->bytes;
  if (expected_len == 0 || k < 11 || expected_len > k - 11) {
    return error(JWTCORE_E_INVALID_ARGUMENT,
                 "expected CEK length " + std::to_string(expected_len) + " does not fit the modulus");
  }
  // The substitute is drawn first and unconditionally, so the work done does not depend on
  // whether it is used (RFC 7516 §11.5, RFC 3218 §2.3.2).
  out.assign(expected_len, 0);
  random_bytes(out.data(), expected_len);

  // A wrong ciphertext length, or a value >= n, is public information (the attacker chose it
  // and knows n); both simply keep the random CEK.
  if (ciphertext.size() != k) return Status::ok();
  SecretBytes em(k);
  int ret;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    ret = mbedtls_rsa_private(&impl_->ctx, mbedtls_rng, nullptr, ciphertext.data(), em.data());
  }
  if (ret != 0) return Status::ok();

  const uint32_t keep_decrypted = ct_is_zero_mask(pkcs1v15_bad_padding(em.data(), k, expected_len));
  const auto mask = static_cast<uint8_t>(keep_decrypted);
  const uint8_t *msg = em.data() + (k - expected_len);
  for (size_t i = 0; i < expected_len; ++i) {
    out[i] = static_cast<uint8_t>((msg[i] & mask) | (out[i] & static_cast<uint8_t>(~mask)));
  }
  return Status::ok();
}

Result<SecretBytes> RsaKey::pkcs1v15_decrypt_reporting(bytes_view ciphertext) const {
  JWTCORE_TRY(need_private(impl_->has_private, "RSAES-PKCS1-v1_5 decryption"));
  if (ciphertext.size() != impl_->bytes) return decrypt_failed();
  SecretBytes out(impl_->bytes);
  size_t olen = 0;
  int ret;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    ret = set_padding(&impl_->ctx, MBEDTLS_RSA_PKCS_V15, Hash::sha256);
    if (ret == 0) {
      ret = mbedtls_rsa_rsaes_pkcs1_v15_decrypt(&impl_->ctx, mbedtls_rng, nullptr,
                                                JWTCORE_RSA_MODE(MBEDTLS_RSA_PRIVATE) &olen,
                                                ciphertext.data(), out.data(), out.size());
    }
  }
  if (ret != 0) return decrypt_failed();
  out.resize(olen);
  return out;
}

}  // namespace jwtcore::crypto
