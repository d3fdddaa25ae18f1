// AES Key Wrap, RFC 3394 §2.2 (index-based form), on single-block AES-ECB: Debian's mbedTLS 2.28
// is built without MBEDTLS_NIST_KW_C.
#include <cstring>
#include <string>

#include "aes.hpp"
#include "mbedtls_compat.hpp"
#include "random.hpp"

namespace jwtcore::crypto {

namespace {

constexpr size_t kSemiblock = 8;
constexpr int kRounds = 6;  // j = 0…5
// RFC 3394 §2.2.3.1: the default initial value, checked on unwrap as the integrity check.
constexpr uint8_t kDefaultIv[kSemiblock] = {0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6};

// A ^= t, with t = n*j + i as a 64-bit big-endian integer. All 64 bits matter: with more than
// 42 semiblocks t exceeds 255 (Wycheproof "CounterOverflow").
void xor_counter(uint8_t a[kSemiblock], uint64_t t) {
  for (size_t k = 0; k < kSemiblock; ++k) a[k] ^= static_cast<uint8_t>(t >> (56 - 8 * k));
}

// Every byte that held key material or an intermediate value is cleared on every exit.
struct Scratch {
  uint8_t a[kSemiblock];
  uint8_t block[kAesBlockSize];
  ~Scratch() { secure_zero(this, sizeof *this); }
};

}  // namespace

Result<Bytes> aes_kw_wrap(bytes_view kek, bytes_view key_data) {
  if (!is_aes_key_size(kek.size())) {
    return error(JWTCORE_E_INVALID_ARGUMENT,
                 "AES key wrap KEK is " + std::to_string(kek.size()) + " bytes; it must be 16, 24 or 32");
  }
  if (key_data.size() < 2 * kSemiblock || key_data.size() % kSemiblock != 0) {
    return error(JWTCORE_E_INVALID_ARGUMENT,
                 "AES key wrap input is " + std::to_string(key_data.size()) +
                     " bytes; it must be a multiple of 8 and at least 16 (RFC 3394 2)");
  }
  const size_t n = key_data.size() / kSemiblock;
  compat::AesContext aes;
  if (aes.set_encrypt_key(kek.data(), kek.size()) != 0) {
    return error(JWTCORE_E_INTERNAL, "AES key wrap: key setup failed in the crypto backend");
  }
  // out = A || R[1] … R[n]; the R[i] are transformed in place.
  Bytes out(kSemiblock + key_data.size());
  std::memcpy(out.data() + kSemiblock, key_data.data(), key_data.size());
  Scratch s;
  std::memcpy(s.a, kDefaultIv, kSemiblock);
  int rc = 0;
  for (int j = 0; j < kRounds && rc == 0; ++j) {
    for (size_t i = 1; i <= n && rc == 0; ++i) {
      uint8_t *r = out.data() + i * kSemiblock;
      std::memcpy(s.block, s.a, kSemiblock);
      std::memcpy(s.block + kSemiblock, r, kSemiblock);
      rc = mbedtls_aes_crypt_ecb(aes.get(), MBEDTLS_AES_ENCRYPT, s.block, s.block);
      std::memcpy(s.a, s.block, kSemiblock);
      xor_counter(s.a, static_cast<uint64_t>(n) * static_cast<uint64_t>(j) + i);
      std::memcpy(r, s.block + kSemiblock, kSemiblock);
    }
  }
  if (rc != 0) {
    secure_zero(out.data(), out.size());  // may still hold key data
    return error(JWTCORE_E_INTERNAL, "AES key wrap failed in the crypto backend");
  }
  std::memcpy(out.data(), s.a, kSemiblock);
  return out;
}

Result<SecretBytes> aes_kw_unwrap(bytes_view kek, bytes_view wrapped) {
  if (!is_aes_key_size(kek.size()) || wrapped.size() < 3 * kSemiblock ||
      wrapped.size() % kSemiblock != 0) {
    return decrypt_failure();
  }
  const size_t n = wrapped.size() / kSemiblock - 1;
  compat::AesContext aes;
  if (aes.set_decrypt_key(kek.data(), kek.size()) != 0) return decrypt_failure();
  // out = R[1] … R[n], transformed in place; A is kept in the scratch block.
  SecretBytes out(wrapped.begin() + kSemiblock, wrapped.end());
  Scratch s;
  std::memcpy(s.a, wrapped.data(), kSemiblock);
  int rc = 0;
  for (int j = kRounds - 1; j >= 0 && rc == 0; --j) {
    for (size_t i = n; i >= 1 && rc == 0; --i) {
      uint8_t *r = out.data() + (i - 1) * kSemiblock;
      xor_counter(s.a, static_cast<uint64_t>(n) * static_cast<uint64_t>(j) + i);
      std::memcpy(s.block, s.a, kSemiblock);
      std::memcpy(s.block + kSemiblock, r, kSemiblock);
      rc = mbedtls_aes_crypt_ecb(aes.get(), MBEDTLS_AES_DECRYPT, s.block, s.block);
      std::memcpy(s.a, s.block, kSemiblock);
      std::memcpy(r, s.block + kSemiblock, kSemiblock);
    }
  }
  // RFC 3394 §2.2.3: the key data is accepted only if A came back as the initial value;
  // compared in constant time (SECURITY.md #21).
  if (rc != 0 || !ct_equal(s.a, kDefaultIv, kSemiblock)) {
    secure_zero(out.data(), out.size());
    return decrypt_failure();
  }
  return out;
}

}  // namespace jwtcore::crypto
