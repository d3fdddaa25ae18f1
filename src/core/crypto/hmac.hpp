// HMAC-SHA-256/384/512 (RFC 2104; JWS HS256/384/512, RFC 7518 §3.2; the MAC half of
// AES-CBC-HMAC-SHA2, RFC 7518 §5.2) with the keyed state computed once per key.
//
// An HmacKey absorbs K^ipad and K^opad into two hash states when it is created; each MAC then
// copies those states onto the stack and hashes only the message, so a key used for many tokens
// is never re-parsed or re-padded on the hot path, and mac()/verify() allocate nothing.
// Backends. HMAC-SHA-256 (HS256, the common case) runs on our own SHA-256 (sha256.hpp): the key
// leaves two 8-word midstates, a MAC compresses the message from the inner one and finishes the
// outer hash with a single prepared block, and the x86 SHA extensions are used where the CPU has
// them. Measured for a 191-byte message with precomputed keyed states (gcc 12 -O2, AMD EPYC with
// SHA extensions; callgrind runs the portable code since valgrind hides them):
//   libsodium crypto_auth_hmacsha256 state copy   18,900 Ir   1,000 ns
//   ours, portable compression                    13,580 Ir     980 ns
//   ours, x86 SHA extensions (chosen on this CPU)       -       240 ns
// SHA-512 stays on libsodium's crypto_auth_hmacsha512_state copies (~5% faster than cloning
// mbedtls_sha512_context pairs); libsodium has no SHA-384, so HMAC-SHA-384 uses an
// mbedtls_sha512_context pair in 384 mode.
//
// Thread-safety: an HmacKey is immutable after create(); mac() and verify() are const, touch only
// stack copies of the state, and may run on many threads at once.
// Secrecy: the keyed states are as good as the key (they let anyone compute MACs). They live in
// one heap block that is zeroed when the HmacKey is destroyed; the per-call stack copies (and,
// for SHA-256, the inner hash and the compression's message schedule) are zeroed before
// mac()/verify() return.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>

#include "../bytes.hpp"
#include "../status.hpp"
#include "hash.hpp"
#include "sha256.hpp"

namespace jwtcore::crypto {

class HmacKey {
 public:
  // Keys longer than the hash block (64 bytes for SHA-256, 128 for SHA-384/512) are hashed first
  // (RFC 2104 §2). Length *policy* (RFC 7518 §3.2: a key at least as long as the hash output) is
  // the key importer's job, not this class's: CBC-HMAC legitimately uses half-length MAC keys.
  // Errors: JWTCORE_E_NOT_SUPPORTED for Hash::sha1; JWTCORE_E_KEY_WEAK for an empty key
  // (SECURITY.md #2: never run HMAC with a zero-length key).
  static Result<HmacKey> create(Hash hash, bytes_view key);

  HmacKey(HmacKey &&) noexcept;
  HmacKey &operator=(HmacKey &&) noexcept;
  HmacKey(const HmacKey &) = delete;
  HmacKey &operator=(const HmacKey &) = delete;
  ~HmacKey();

  Hash hash() const noexcept { return hash_; }
  // The full tag length: hash_size(hash()), i.e. 32, 48 or 64 bytes.
  size_t tag_size() const noexcept { return hash_size(hash_); }

  // The full, untruncated tag over the concatenation of `parts` (e.g. AAD, IV, ciphertext, AL
  // for CBC-HMAC, without concatenating them first). No heap allocation.
  // A moved-from key yields an empty Digest (size 0).
  Digest mac(bytes_view message) const noexcept { return mac(&message, 1); }
  Digest mac(std::initializer_list<bytes_view> parts) const noexcept {
    return mac(parts.begin(), parts.size());
  }
  Digest mac(const bytes_view *parts, size_t count) const noexcept;

  // True only if `tag` is exactly tag_size() bytes and equals the MAC of the concatenated parts,
  // compared in constant time (sodium_memcmp). Truncated tags are refused: JWS HS* uses full
  // tags (RFC 7518 §3.2); CBC-HMAC's truncated T is checked by aes_cbc_hmac_decrypt itself.
  bool verify(bytes_view tag, bytes_view message) const noexcept { return verify(tag, &message, 1); }
  bool verify(bytes_view tag, std::initializer_list<bytes_view> parts) const noexcept {
    return verify(tag, parts.begin(), parts.size());
  }
  bool verify(bytes_view tag, const bytes_view *parts, size_t count) const noexcept;

 private:
  struct State;  // backend hash states, defined in hmac.cpp
  HmacKey(Hash hash, std::unique_ptr<State> state) noexcept;

  Hash hash_;
  std::unique_ptr<State> state_;
};

// HMAC-SHA-256 of the concatenated parts with a chosen SHA-256 implementation, through the same
// midstate code as HmacKey (which always uses sha256::best()). For tests and the differential
// fuzzer, so both implementations are checked on one machine; not for production paths (it
// derives the keyed midstates on every call, and accepts the empty key that create() refuses).
Digest hmac_sha256(sha256::Impl impl, bytes_view key, const bytes_view *parts, size_t count) noexcept;

}  // namespace jwtcore::crypto
