// AES for JWE: AES-GCM (RFC 7518 §5.3 A*GCM and §4.7 A*GCMKW), AES-CBC-HMAC-SHA2 (RFC 7518 §5.2
// A*CBC-HS*) and AES Key Wrap (RFC 3394; RFC 7518 §4.4 A*KW and the wrapping step of
// ECDH-ES+A*KW and PBES2).
//
// Error contract. Encryption and wrapping report caller mistakes with JWTCORE_E_INVALID_ARGUMENT
// and a message naming the value and the limit. Decryption and unwrapping return exactly one
// Status for *every* failure — wrong key length, IV or tag length, ciphertext length, tag
// mismatch, padding, integrity check value — namely decrypt_failure(): JWTCORE_E_DECRYPT with one
// fixed message, so that nothing about an attacker's ciphertext (or a CEK of attacker-chosen
// length coming out of an unwrap) can be told apart (API.md rule 4, SECURITY.md #11-#13).
// On failure no plaintext is returned; buffers that held any are zeroed.
//
// Thread-safety: all functions are stateless and may be called from any thread.
// IVs: callers generate a fresh random IV per encryption (random_bytes); these functions take
// the IV as input so that known-answer tests can run.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../bytes.hpp"
#include "../status.hpp"

namespace jwtcore::crypto {

inline constexpr size_t kAesBlockSize = 16;
inline constexpr size_t kGcmIvSize = 12;   // RFC 7518 §5.3: 96-bit IV, nothing else accepted
inline constexpr size_t kGcmTagSize = 16;  // RFC 7518 §5.3: 128-bit tag, never truncated
inline constexpr size_t kCbcIvSize = 16;   // RFC 7518 §5.2.2.1: 128-bit IV

constexpr bool is_aes_key_size(size_t n) { return n == 16 || n == 24 || n == 32; }

// The single failure of every decrypt/unwrap here (JWTCORE_E_DECRYPT, "decryption failed").
// Other JWE code (RSA unwrap, ECDH-ES, CEK length checks) should return the same.
inline Status decrypt_failure() { return error(JWTCORE_E_DECRYPT, "decryption failed"); }

// Ciphertext and authentication tag of an AEAD encryption (both public).
struct Sealed {
  Bytes ciphertext;
  Bytes tag;
};

// ---- AES-GCM ------------------------------------------------------------------------------

// Which implementation runs. `automatic` uses libsodium's AES-256-GCM (AES-NI + PCLMUL,
// crypto_aead_aes256gcm_*_detached) for 32-byte keys when the CPU supports it, and mbedTLS GCM
// otherwise; `mbedtls` forces mbedTLS so tests can run both on the same vectors.
enum class GcmBackend { automatic, mbedtls };

// Whether `automatic` takes the libsodium path for 256-bit keys on this machine.
bool aes_gcm_sodium_available() noexcept;

// key: 16, 24 or 32 bytes; iv: exactly 12 bytes; tag: 16 bytes. Plaintext up to 2^36 - 32 bytes
// (NIST SP 800-38D). Errors: JWTCORE_E_INVALID_ARGUMENT naming the bad length.
Result<Sealed> aes_gcm_encrypt(bytes_view key, bytes_view iv, bytes_view aad, bytes_view plaintext,
                               GcmBackend backend = GcmBackend::automatic);
// Any failure (key/IV/tag length included): decrypt_failure().
Result<SecretBytes> aes_gcm_decrypt(bytes_view key, bytes_view iv, bytes_view aad,
                                    bytes_view ciphertext, bytes_view tag,
                                    GcmBackend backend = GcmBackend::automatic);

// ---- AES-CBC-HMAC-SHA2 (RFC 7518 §5.2) -------------------------------------------------------

enum class CbcHmac { a128cbc_hs256, a192cbc_hs384, a256cbc_hs512 };

// T_LEN = MAC_KEY_LEN = ENC_KEY_LEN: 16, 24, 32 bytes (RFC 7518 §5.2.3-§5.2.5).
constexpr size_t cbc_hmac_tag_size(CbcHmac s) {
  return s == CbcHmac::a128cbc_hs256 ? 16 : s == CbcHmac::a192cbc_hs384 ? 24 : 32;
}
// The CEK is MAC_KEY || ENC_KEY: 32, 48, 64 bytes.
constexpr size_t cbc_hmac_key_size(CbcHmac s) { return 2 * cbc_hmac_tag_size(s); }

// E = AES-CBC(ENC_KEY, IV, PKCS#7(P)); T = first T_LEN bytes of
// HMAC(MAC_KEY, A || IV || E || AL), AL = bit length of A as 64-bit big-endian.
// key: cbc_hmac_key_size(suite) bytes; iv: 16 bytes. Errors: JWTCORE_E_INVALID_ARGUMENT.
Result<Sealed> aes_cbc_hmac_encrypt(CbcHmac suite, bytes_view key, bytes_view iv, bytes_view aad,
                                    bytes_view plaintext);
// Checks the tag length (exactly T_LEN) and the tag (constant time, over all T_LEN bytes) before
// any CBC decryption; a padding error then returns the same decrypt_failure() as a bad tag.
Result<SecretBytes> aes_cbc_hmac_decrypt(CbcHmac suite, bytes_view key, bytes_view iv,
                                         bytes_view aad, bytes_view ciphertext, bytes_view tag);

// ---- Raw AES-CBC with PKCS#7 padding ---------------------------------------------------------
// Unauthenticated: the decrypt side is a padding oracle unless a MAC over the ciphertext was
// verified first. Exposed for aes_cbc_hmac_* and for known-answer tests; JWE must not use it
// directly.

// key: 16/24/32 bytes; iv: 16 bytes. Output is (|P| / 16 + 1) * 16 bytes.
Result<Bytes> aes_cbc_pkcs7_encrypt(bytes_view key, bytes_view iv, bytes_view plaintext);
// Ciphertext must be a non-zero multiple of 16 bytes with valid PKCS#7 padding (checked without
// branching on the plaintext); any failure: decrypt_failure().
Result<SecretBytes> aes_cbc_pkcs7_decrypt(bytes_view key, bytes_view iv, bytes_view ciphertext);

// ---- AES Key Wrap (RFC 3394, default IV A6A6A6A6A6A6A6A6) -----------------------------------

// kek: 16/24/32 bytes; key_data: a multiple of 8 bytes, at least 16 (RFC 3394 §2: n >= 2).
// Output is 8 bytes longer. Errors: JWTCORE_E_INVALID_ARGUMENT.
Result<Bytes> aes_kw_wrap(bytes_view kek, bytes_view key_data);
// wrapped: a multiple of 8 bytes, at least 24. The integrity check value is compared in
// constant time. Any failure: decrypt_failure().
Result<SecretBytes> aes_kw_unwrap(bytes_view kek, bytes_view wrapped);

}  // namespace jwtcore::crypto
