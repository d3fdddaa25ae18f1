// AES-CBC with PKCS#7 padding (mbedtls_aes_crypt_cbc, our own padding) and the JOSE composite
// AES_CBC_HMAC_SHA2 built on it (RFC 7518 §5.2.2).
#include <cstring>
#include <limits>
#include <string>

#include "aes.hpp"
#include "hmac.hpp"
#include "mbedtls_compat.hpp"
#include "random.hpp"

namespace jwtcore::crypto {

namespace {

const char *suite_name(CbcHmac s) {
  switch (s) {
    case CbcHmac::a128cbc_hs256: return "A128CBC-HS256";
    case CbcHmac::a192cbc_hs384: return "A192CBC-HS384";
    case CbcHmac::a256cbc_hs512: return "A256CBC-HS512";
  }
  return "?";
}

Hash suite_hash(CbcHmac s) {
  switch (s) {
    case CbcHmac::a128cbc_hs256: return Hash::sha256;
    case CbcHmac::a192cbc_hs384: return Hash::sha384;
    case CbcHmac::a256cbc_hs512: return Hash::sha512;
  }
  return Hash::sha256;
}

// The PKCS#7 pad length of the final block (1…16), or 0 if the padding is malformed. No branch
// or index depends on the decrypted bytes: the MAC is checked first, so this is defence in depth
// against a padding oracle (Vaudenay 2002) should a caller ever skip it.
size_t pkcs7_pad_length(const uint8_t *last_block) {
  const uint32_t pad = last_block[kAesBlockSize - 1];
  uint32_t bad = ((pad - 1) >> 31) | ((uint32_t{kAesBlockSize} - pad) >> 31);  // pad == 0 or > 16
  for (uint32_t i = 0; i < kAesBlockSize; ++i) {
    // Byte i belongs to the padding iff i >= 16 - pad, i.e. pad - (16 - i) does not underflow.
    const uint32_t in_pad = ((pad - (uint32_t{kAesBlockSize} - i)) >> 31) ^ 1;
    bad |= (0u - in_pad) & (last_block[i] ^ pad);
  }
  return bad == 0 ? pad : 0;
}

// AL of RFC 7518 §5.2.2.1: the bit length of the AAD as a 64-bit big-endian integer.
bool aad_length_bits(size_t aad_len, uint8_t out[8]) {
  if (static_cast<uint64_t>(aad_len) > std::numeric_limits<uint64_t>::max() / 8) return false;
  const uint64_t bits = static_cast<uint64_t>(aad_len) * 8;
  for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(bits >> (56 - 8 * i));
  return true;
}

// T = the first T_LEN bytes of HMAC(MAC_KEY, A || IV || E || AL).
bool compute_tag(CbcHmac suite, bytes_view mac_key, bytes_view aad, bytes_view iv, bytes_view ct,
                 Digest &tag) {
  uint8_t al[8];
  if (!aad_length_bits(aad.size(), al)) return false;
  auto key = HmacKey::create(suite_hash(suite), mac_key);
  if (!key) return false;
  tag = key->mac({aad, iv, ct, bytes_view(al, sizeof al)});
  return tag.size == hash_size(suite_hash(suite));
}

}  // namespace

Result<Bytes> aes_cbc_pkcs7_encrypt(bytes_view key, bytes_view iv, bytes_view plaintext) {
  if (!is_aes_key_size(key.size())) {
    return error(JWTCORE_E_INVALID_ARGUMENT,
                 "AES-CBC key is " + std::to_string(key.size()) + " bytes; it must be 16, 24 or 32");
  }
  if (iv.size() != kCbcIvSize) {
    return error(JWTCORE_E_INVALID_ARGUMENT,
                 "AES-CBC IV is " + std::to_string(iv.size()) + " bytes; it must be 16");
  }
  if (plaintext.size() > std::numeric_limits<size_t>::max() - kAesBlockSize) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "AES-CBC plaintext is too long to pad");
  }
  const size_t full = plaintext.size() - plaintext.size() % kAesBlockSize;
  const size_t rest = plaintext.size() - full;
  Bytes out(full + kAesBlockSize);
  uint8_t chain[kAesBlockSize];
  std::memcpy(chain, iv.data(), kAesBlockSize);
  // Only the final, padded block is assembled here; full blocks go straight from the input.
  uint8_t last[kAesBlockSize];
  if (rest != 0) std::memcpy(last, plaintext.data() + full, rest);
  std::memset(last + rest, static_cast<int>(kAesBlockSize - rest), kAesBlockSize - rest);

  compat::AesContext aes;
  int rc = aes.set_encrypt_key(key.data(), key.size());
  if (rc == 0 && full != 0) {
    rc = mbedtls_aes_crypt_cbc(aes.get(), MBEDTLS_AES_ENCRYPT, full, chain, plaintext.data(), out.data());
  }
  if (rc == 0) {
    rc = mbedtls_aes_crypt_cbc(aes.get(), MBEDTLS_AES_ENCRYPT, kAesBlockSize, chain, last, out.data() + full);
  }
  secure_zero(last, sizeof last);
  if (rc != 0) return error(JWTCORE_E_INTERNAL, "AES-CBC encryption failed in the crypto backend");
  return out;
}

Result<SecretBytes> aes_cbc_pkcs7_decrypt(bytes_view key, bytes_view iv, bytes_view ciphertext) {
  if (!is_aes_key_size(key.size()) || iv.size() != kCbcIvSize || ciphertext.empty() ||
      ciphertext.size() % kAesBlockSize != 0) {
    return decrypt_failure();
  }
  uint8_t chain[kAesBlockSize];
  std::memcpy(chain, iv.data(), kAesBlockSize);
  SecretBytes out(ciphertext.size());
  compat::AesContext aes;
  int rc = aes.set_decrypt_key(key.data(), key.size());
  if (rc == 0) {
    rc = mbedtls_aes_crypt_cbc(aes.get(), MBEDTLS_AES_DECRYPT, ciphertext.size(), chain,
                               ciphertext.data(), out.data());
  }
  const size_t pad = rc == 0 ? pkcs7_pad_length(out.data() + out.size() - kAesBlockSize) : 0;
  if (pad == 0) {
    secure_zero(out.data(), out.size());
    return decrypt_failure();
  }
  out.resize(out.size() - pad);
  return out;
}

Result<Sealed> aes_cbc_hmac_encrypt(CbcHmac suite, bytes_view key, bytes_view iv, bytes_view aad,
                                    bytes_view plaintext) {
  const size_t half = cbc_hmac_tag_size(suite);
  if (key.size() != cbc_hmac_key_size(suite)) {
    return error(JWTCORE_E_INVALID_ARGUMENT, std::string(suite_name(suite)) + " key is " +
                                                 std::to_string(key.size()) + " bytes; it must be " +
                                                 std::to_string(cbc_hmac_key_size(suite)));
  }
  if (iv.size() != kCbcIvSize) {
    return error(JWTCORE_E_INVALID_ARGUMENT, std::string(suite_name(suite)) + " IV is " +
                                                 std::to_string(iv.size()) + " bytes; it must be 16");
  }
  // RFC 7518 §5.2.2.1 step 1: MAC_KEY is the first half of K, ENC_KEY the second.
  const bytes_view mac_key = key.subview(0, half);
  const bytes_view enc_key = key.subview(half, half);
  JWTCORE_ASSIGN(Bytes ct, aes_cbc_pkcs7_encrypt(enc_key, iv, plaintext));
  Digest m;
  if (!compute_tag(suite, mac_key, aad, iv, ct, m)) {
    return error(JWTCORE_E_INVALID_ARGUMENT,
                 std::string(suite_name(suite)) + " could not authenticate the AAD (too long?)");
  }
  Sealed out{std::move(ct), Bytes(m.data(), m.data() + half)};
  return out;
}

Result<SecretBytes> aes_cbc_hmac_decrypt(CbcHmac suite, bytes_view key, bytes_view iv,
                                         bytes_view aad, bytes_view ciphertext, bytes_view tag) {
  const size_t half = cbc_hmac_tag_size(suite);
  // SECURITY.md #13: a tag of any other length — including a correct prefix — is refused
  // before any MAC work; everything below fails with the one decrypt_failure().
  if (key.size() != cbc_hmac_key_size(suite) || iv.size() != kCbcIvSize || tag.size() != half) {
    return decrypt_failure();
  }
  Digest m;
  if (!compute_tag(suite, key.subview(0, half), aad, iv, ciphertext, m)) return decrypt_failure();
  const bool tag_ok = ct_equal(m.data(), tag.data(), half);
  secure_zero(&m, sizeof m);
  if (!tag_ok) return decrypt_failure();
  // Only now, with the ciphertext authenticated, is it decrypted (RFC 7518 §5.2.2.2 step 3).
  return aes_cbc_pkcs7_decrypt(key.subview(half, half), iv, ciphertext);
}

}  // namespace jwtcore::crypto
