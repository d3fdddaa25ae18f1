// PBKDF2 through mbedTLS (see compat::pbkdf2_hmac for the 2.28 / 3.x split) and the JOSE
// Concat KDF on mbedTLS SHA-256.
#include "kdf.hpp"

#include <limits>
#include <string>

#include "mbedtls_compat.hpp"
#include "random.hpp"

namespace jwtcore::crypto {

namespace {

constexpr size_t kSha256Size = 32;

void put_be32(uint8_t out[4], uint32_t v) {
  out[0] = static_cast<uint8_t>(v >> 24);
  out[1] = static_cast<uint8_t>(v >> 16);
  out[2] = static_cast<uint8_t>(v >> 8);
  out[3] = static_cast<uint8_t>(v);
}

bool fits_u32(size_t n) { return static_cast<uint64_t>(n) <= std::numeric_limits<uint32_t>::max(); }

const uint8_t *nonnull(const uint8_t *p) {
  static const uint8_t zero = 0;
  return p != nullptr ? p : &zero;
}

// One round of RFC 7518 §4.6.2 / NIST SP 800-56A §5.8.1: SHA-256(counter || Z || OtherInfo).
int concat_kdf_round(uint32_t counter, bytes_view z, bytes_view alg_id, bytes_view apu,
                     bytes_view apv, uint32_t key_bits, uint8_t out[kSha256Size]) {
  uint8_t be[4];
  mbedtls_sha256_context c;
  mbedtls_sha256_init(&c);
  int rc = compat::sha256_starts(&c);
  // Each OtherInfo field is a 32-bit big-endian length followed by the bytes (Datalen || Data).
  auto field = [&](bytes_view data) {
    put_be32(be, static_cast<uint32_t>(data.size()));
    rc |= compat::sha256_update(&c, be, sizeof be);
    if (!data.empty()) rc |= compat::sha256_update(&c, data.data(), data.size());
  };
  put_be32(be, counter);
  rc |= compat::sha256_update(&c, be, sizeof be);
  rc |= compat::sha256_update(&c, z.data(), z.size());
  field(alg_id);
  field(apu);
  field(apv);
  put_be32(be, key_bits);  // SuppPubInfo: keydatalen in bits; SuppPrivInfo is empty
  rc |= compat::sha256_update(&c, be, sizeof be);
  rc |= compat::sha256_finish(&c, out);
  mbedtls_sha256_free(&c);  // the state is a function of Z: zeroed
  return rc;
}

}  // namespace

Result<SecretBytes> pbkdf2_hmac(Hash hash, bytes_view password, bytes_view salt,
                                uint32_t iterations, size_t key_len) {
  if (hash == Hash::sha1) {
    return error(JWTCORE_E_NOT_SUPPORTED, "PBKDF2 is offered with SHA-256, SHA-384 and SHA-512 only");
  }
  if (iterations == 0) return error(JWTCORE_E_INVALID_ARGUMENT, "PBKDF2 iteration count is 0");
  if (key_len == 0 || key_len > kMaxDerivedKeySize) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "PBKDF2 output length " + std::to_string(key_len) +
                                                 " is outside 1.." +
                                                 std::to_string(kMaxDerivedKeySize));
  }
  SecretBytes out(key_len);
  const int rc = compat::pbkdf2_hmac(compat::md_type(hash), nonnull(password.data()), password.size(),
                                     nonnull(salt.data()), salt.size(), iterations,
                                     static_cast<uint32_t>(key_len), out.data());
  if (rc != 0) return error(JWTCORE_E_INTERNAL, "PBKDF2 failed in the crypto backend");
  return out;
}

Result<SecretBytes> concat_kdf(bytes_view shared_secret, std::string_view alg_id, bytes_view apu,
                               bytes_view apv, size_t key_bits) {
  if (shared_secret.empty()) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "Concat KDF shared secret is empty");
  }
  if (key_bits == 0 || key_bits % 8 != 0 || key_bits > 8 * kMaxDerivedKeySize) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "Concat KDF key length " + std::to_string(key_bits) +
                                                 " bits is not a multiple of 8 in 8.." +
                                                 std::to_string(8 * kMaxDerivedKeySize));
  }
  if (!fits_u32(alg_id.size()) || !fits_u32(apu.size()) || !fits_u32(apv.size())) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "Concat KDF input field longer than 2^32 - 1 bytes");
  }
  const size_t key_len = key_bits / 8;
  const size_t rounds = (key_len + kSha256Size - 1) / kSha256Size;
  SecretBytes out(rounds * kSha256Size);
  for (size_t i = 0; i < rounds; ++i) {
    if (concat_kdf_round(static_cast<uint32_t>(i + 1), shared_secret, bytes_view(alg_id), apu, apv,
                         static_cast<uint32_t>(key_bits), out.data() + i * kSha256Size) != 0) {
      return error(JWTCORE_E_INTERNAL, "Concat KDF failed in the crypto backend");
    }
  }
  secure_zero(out.data() + key_len, out.size() - key_len);  // derived bytes beyond keydatalen
  out.resize(key_len);
  return out;
}

}  // namespace jwtcore::crypto
