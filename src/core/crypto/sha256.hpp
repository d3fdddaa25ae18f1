// SHA-256 (FIPS 180-4) of our own, for HMAC-SHA-256 (JWS HS256, A128CBC-HS256) where the hash is
// the whole cost: HmacKey keeps two 8-word midstates and runs this compression function directly.
//
// Two implementations of the compression function: portable C++, and the x86 SHA extensions
// (SHA256RNDS2/MSG1/MSG2) on CPUs that report them. The choice is made once per process from
// CPUID (best()); every entry point is pure, allocation-free and safe from any thread.
// Everything else that needs a plain digest keeps calling crypto::digest() (mbedTLS), which also
// serves as the independent reference for this code in tests/unit/test_sha256.cpp and
// fuzz/sha256_diff_fuzzer.cpp.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../bytes.hpp"

namespace jwtcore::crypto::sha256 {

inline constexpr size_t kBlockSize = 64;   // FIPS 180-4 §1: 512-bit message blocks
inline constexpr size_t kDigestSize = 32;  // and a 256-bit message digest
inline constexpr size_t kStateWords = 8;   // H0..H7

enum class Impl : uint8_t { portable, x86_sha };

// The fastest implementation this CPU supports: x86_sha when CPUID reports SHA, SSSE3 and
// SSE4.1, else portable. Decided on the first call and cached (no lock afterwards).
Impl best() noexcept;
// portable is always supported; x86_sha only on x86 CPUs with the extensions above (valgrind's
// emulated CPU does not report SHA, so under valgrind this is false).
bool supported(Impl impl) noexcept;

// FIPS 180-4 §5.3.3: H(0), the state before the first block.
void init_state(uint32_t state[kStateWords]) noexcept;

// FIPS 180-4 §6.2.2 steps 1-4 on `nblocks` consecutive 64-byte blocks, updating `state`. An
// unsupported `impl` runs the portable code instead (never an illegal instruction).
void compress(uint32_t state[kStateWords], const uint8_t *blocks, size_t nblocks, Impl impl) noexcept;
void compress(uint32_t state[kStateWords], const uint8_t *blocks, size_t nblocks) noexcept;

// Incremental SHA-256 over one implementation. No heap; trivially cheap to construct. The state
// and buffered input are wiped by final() and by the destructor, because for HMAC they are
// derived from the key. Usage: init() or init_from(), update()*, final(); init again to reuse.
class Hasher {
 public:
  explicit Hasher(Impl impl = best()) noexcept;
  ~Hasher();
  Hasher(const Hasher &) = default;
  Hasher &operator=(const Hasher &) = default;

  void init() noexcept;
  // Resumes from a midstate that has absorbed `blocks_absorbed` whole blocks (HMAC's keyed
  // states, RFC 2104 §4). Counted in blocks so that a partial-block midstate cannot be expressed.
  void init_from(const uint32_t midstate[kStateWords], uint64_t blocks_absorbed) noexcept;
  void update(const uint8_t *data, size_t size) noexcept;
  void update(bytes_view data) noexcept { update(data.data(), data.size()); }
  // FIPS 180-4 §5.1.1 padding, the last block(s), and the big-endian digest (§6.2.2 step 4).
  void final(uint8_t out[kDigestSize]) noexcept;

 private:
  using CompressFn = void (*)(uint32_t *, const uint8_t *, size_t) noexcept;

  struct Keyed {  // what may derive from a key: wiped together, with one call
    uint32_t state[kStateWords];
    uint8_t buffer[kBlockSize];
  };
  Keyed keyed_;
  uint64_t total_ = 0;  // bytes absorbed, including those in keyed_.buffer
  CompressFn compress_;
};

// One-shot digest with a given implementation (tests and the fuzzer compare implementations).
void hash(Impl impl, bytes_view data, uint8_t out[kDigestSize]) noexcept;

}  // namespace jwtcore::crypto::sha256
