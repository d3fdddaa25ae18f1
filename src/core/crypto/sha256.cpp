// SHA-256 (FIPS 180-4): the portable compression function, the run-time dispatch, and the
// incremental Hasher. The x86 SHA-extensions compression function is in sha256_x86.cpp.
#include "sha256.hpp"

#include <cstring>
#include <utility>

#include "sha256_impl.hpp"

namespace jwtcore::crypto::sha256 {

namespace detail {
namespace {

// The portable code must be fast on its own: valgrind's CPU hides the SHA extensions, so every
// callgrind budget (HS256 verify ≤ 28,000 Ir) is met by this code, and x86 servers without SHA
// extensions (Intel before Ice Lake) run it in production. Its shape was chosen by measurement
// (gcc 12 -O2, x86-64; numbers per 64-byte block, callgrind Ir / wall-clock on an EPYC):
//   - 64 rounds fully unrolled with the eight variables renamed rather than moved, and K[t] as
//     immediates: a 16-round loop over a 16-word ring buffer took 2,990 Ir;
//   - the message schedule in 4-lane vectors (below): the scalar schedule took 2,925 Ir, 165 ns;
//   - the schedule computed four words at a time *between* the rounds, 16 rounds ahead, instead
//     of all of it first: same Ir, but 250 → 177 ns, as the vector and scalar chains overlap;
//   - result: ~2,590 Ir and ~177 ns per block, against libsodium's 3,905 Ir and 180-200 ns.

constexpr uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

// §4.1.2 (4.4)-(4.7). Each Σ is written as nested rotations of x XOR x: the same value
// (rotation distributes over XOR), but one copy of x instead of three, which gcc 12 keeps as
// written: 5 instructions fewer per round on x86-64 without BMI2's RORX (2,930 → 2,590 Ir per
// block). The static_asserts pin the identities.
constexpr uint32_t big_sigma0(uint32_t x) { return rotr(rotr(rotr(x, 9) ^ x, 11) ^ x, 2); }
constexpr uint32_t big_sigma1(uint32_t x) { return rotr(rotr(rotr(x, 14) ^ x, 5) ^ x, 6); }
constexpr uint32_t small_sigma0(uint32_t x) { return rotr(rotr(x, 11) ^ x, 7) ^ (x >> 3); }
constexpr uint32_t small_sigma1(uint32_t x) { return rotr(rotr(x, 2) ^ x, 17) ^ (x >> 10); }

static_assert(big_sigma0(0x12345678) == (rotr(0x12345678, 2) ^ rotr(0x12345678, 13) ^ rotr(0x12345678, 22)));
static_assert(big_sigma1(0x12345678) == (rotr(0x12345678, 6) ^ rotr(0x12345678, 11) ^ rotr(0x12345678, 25)));
static_assert(small_sigma0(0x89abcdef) == (rotr(0x89abcdef, 7) ^ rotr(0x89abcdef, 18) ^ (0x89abcdef >> 3)));
static_assert(small_sigma1(0x89abcdef) == (rotr(0x89abcdef, 17) ^ rotr(0x89abcdef, 19) ^ (0x89abcdef >> 10)));

inline uint32_t load_be32(const uint8_t *p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// W[0..15] (§6.2.2 step 1), unrolled: as a loop, its counter and indexing cost as much as the
// loads themselves (96 → 48 Ir per block).
template <size_t... I>
inline void load_block(uint32_t *w, const uint8_t *block, std::index_sequence<I...>) {
  ((w[I] = load_be32(block + 4 * I)), ...);
}

// §6.2.2 step 1, W[16..63], four words at a time in GCC/Clang generic vectors (SSE2 on x86-64,
// NEON on AArch64, plain scalar code where there is no SIMD): about 13 instructions per word
// against 20 for the scalar form. Vectors have no rotate, so σ0 and σ1 are their five shifts;
// σ1 needs W[t-2], so W[t+2] and W[t+3] wait for W[t] and W[t+1].
using Vec4 = uint32_t __attribute__((vector_size(16)));

inline Vec4 load4(const uint32_t *p) {
  Vec4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline Vec4 small_sigma0_x4(Vec4 x) {
  Vec4 right = x >> 3, left = x << 14;
  Vec4 s = right ^ left;
  right >>= 4;   // x >> 7
  left <<= 11;   // x << 25
  s ^= right ^ left;
  return s ^ (right >> 11);  // x >> 18
}

inline Vec4 small_sigma1_x4(Vec4 x) {
  Vec4 right = x >> 10, left = x << 13;
  Vec4 s = right ^ left;
  right >>= 7;  // x >> 17
  left <<= 2;   // x << 15
  s ^= right ^ left;
  return s ^ (right >> 2);  // x >> 19
}

// W[T..T+3] from the 16 words before them (w[T-16..T-1]); `last` holds W[T-4..T-1] in a
// register and is replaced.
template <unsigned T>
[[gnu::always_inline]] inline void expand4(uint32_t *w, Vec4 &last) {
  const Vec4 zero{};
  Vec4 x = load4(w + T - 16) + small_sigma0_x4(load4(w + T - 15)) + load4(w + T - 7);
  x += small_sigma1_x4(__builtin_shufflevector(last, zero, 2, 3, 4, 4));  // σ1(0) = 0
  x += small_sigma1_x4(__builtin_shufflevector(x, zero, 4, 4, 0, 1));
  std::memcpy(w + T, &x, sizeof x);
  last = x;
}

// Round t = T of §6.2.2 step 3. The caller rotates the roles of the eight variables, so only d
// and h are written. Ch and Maj in equivalent 3-operation forms (§4.1.2 (4.2), (4.3)); the
// b ^ c of Maj is the previous round's a ^ b, which the compiler reuses.
template <unsigned T>
[[gnu::always_inline]] inline void step(uint32_t a, uint32_t b, uint32_t c, uint32_t &d, uint32_t e,
                                        uint32_t f, uint32_t g, uint32_t &h, const uint32_t *w) {
  const uint32_t t1 = h + big_sigma1(e) + (((f ^ g) & e) ^ g) + kRoundConstants[T] + w[T];
  const uint32_t t2 = big_sigma0(a) + (((a ^ b) & (b ^ c)) ^ b);
  d += t1;
  h = t1 + t2;
}

// Rounds T..T+3, and W[T+16..T+19] computed alongside (used 16 rounds later).
template <unsigned T>
[[gnu::always_inline]] inline void four_rounds(uint32_t &a, uint32_t &b, uint32_t &c, uint32_t &d,
                                               uint32_t &e, uint32_t &f, uint32_t &g, uint32_t &h,
                                               uint32_t *w, Vec4 &last) {
  if constexpr (T + 16 < 64) expand4<T + 16>(w, last);
  step<T>(a, b, c, d, e, f, g, h, w);
  step<T + 1>(h, a, b, c, d, e, f, g, w);
  step<T + 2>(g, h, a, b, c, d, e, f, w);
  step<T + 3>(f, g, h, a, b, c, d, e, w);
}

template <unsigned T>
[[gnu::always_inline]] inline void sixteen_rounds(uint32_t &a, uint32_t &b, uint32_t &c, uint32_t &d,
                                                  uint32_t &e, uint32_t &f, uint32_t &g, uint32_t &h,
                                                  uint32_t *w, Vec4 &last) {
  four_rounds<T>(a, b, c, d, e, f, g, h, w, last);
  four_rounds<T + 4>(e, f, g, h, a, b, c, d, w, last);
  four_rounds<T + 8>(a, b, c, d, e, f, g, h, w, last);
  four_rounds<T + 12>(e, f, g, h, a, b, c, d, w, last);
}

}  // namespace

void compress_portable(uint32_t *state, const uint8_t *blocks, size_t nblocks) noexcept {
  alignas(16) uint32_t w[64];
  for (; nblocks > 0; --nblocks, blocks += kBlockSize) {
    load_block(w, blocks, std::make_index_sequence<16>());
    Vec4 last = load4(w + 12);
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    sixteen_rounds<0>(a, b, c, d, e, f, g, h, w, last);
    sixteen_rounds<16>(a, b, c, d, e, f, g, h, w, last);
    sixteen_rounds<32>(a, b, c, d, e, f, g, h, w, last);
    sixteen_rounds<48>(a, b, c, d, e, f, g, h, w, last);
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  }
  // The schedule holds the block (W[0..15]) and can be run backwards from any 16 consecutive
  // words: for HMAC that is the key XOR ipad/opad. Leave none of it on the stack.
  secure_zero(w, sizeof w);
}

}  // namespace detail

namespace {

using CompressFn = void (*)(uint32_t *, const uint8_t *, size_t) noexcept;

Impl detect() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  if (detail::cpu_has_sha_extensions()) return Impl::x86_sha;
#endif
  return Impl::portable;
}

CompressFn compress_fn(Impl impl) noexcept {
#if defined(__x86_64__) || defined(__i386__)
  if (impl == Impl::x86_sha && supported(impl)) return detail::compress_x86_sha;
#endif
  (void)impl;
  return detail::compress_portable;
}

void store_be32(uint8_t *p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

}  // namespace

Impl best() noexcept {
  // A function-local static: CPUID runs once, under the compiler's one-time-initialisation guard;
  // every later call is a plain load.
  static const Impl chosen = detect();
  return chosen;
}

bool supported(Impl impl) noexcept { return impl == Impl::portable || impl == best(); }

void init_state(uint32_t state[kStateWords]) noexcept {
  // §5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes.
  static constexpr uint32_t kInitial[kStateWords] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::memcpy(state, kInitial, sizeof kInitial);
}

void compress(uint32_t state[kStateWords], const uint8_t *blocks, size_t nblocks, Impl impl) noexcept {
  compress_fn(impl)(state, blocks, nblocks);
}

void compress(uint32_t state[kStateWords], const uint8_t *blocks, size_t nblocks) noexcept {
  compress_fn(best())(state, blocks, nblocks);
}

Hasher::Hasher(Impl impl) noexcept : compress_(compress_fn(impl)) { init(); }

Hasher::~Hasher() { secure_zero(&keyed_, sizeof keyed_); }

void Hasher::init() noexcept {
  init_state(keyed_.state);
  total_ = 0;
}

void Hasher::init_from(const uint32_t midstate[kStateWords], uint64_t blocks_absorbed) noexcept {
  std::memcpy(keyed_.state, midstate, sizeof keyed_.state);
  total_ = blocks_absorbed * kBlockSize;
}

void Hasher::update(const uint8_t *data, size_t size) noexcept {
  if (size == 0) return;  // `data` may then be null, which memcpy must not see
  size_t used = static_cast<size_t>(total_ % kBlockSize);
  total_ += size;
  if (used != 0) {
    const size_t take = size < kBlockSize - used ? size : kBlockSize - used;
    std::memcpy(keyed_.buffer + used, data, take);
    data += take;
    size -= take;
    if (used + take < kBlockSize) return;
    compress_(keyed_.state, keyed_.buffer, 1);
  }
  // Whole blocks are hashed where they lie, without a copy through keyed_.buffer.
  const size_t whole = size / kBlockSize;
  if (whole != 0) compress_(keyed_.state, data, whole);
  used = whole * kBlockSize;
  if (size != used) std::memcpy(keyed_.buffer, data + used, size - used);
}

void Hasher::final(uint8_t out[kDigestSize]) noexcept {
  // §5.1.1: a 1 bit, zeros up to 448 mod 512 bits, then the message length in bits as a 64-bit
  // big-endian integer; a second block when fewer than 9 bytes are left in this one.
  size_t used = static_cast<size_t>(total_ % kBlockSize);
  const uint64_t bits = total_ * 8;
  keyed_.buffer[used++] = 0x80;
  if (used > kBlockSize - 8) {
    std::memset(keyed_.buffer + used, 0, kBlockSize - used);
    compress_(keyed_.state, keyed_.buffer, 1);
    used = 0;
  }
  std::memset(keyed_.buffer + used, 0, kBlockSize - 8 - used);
  store_be32(keyed_.buffer + kBlockSize - 8, static_cast<uint32_t>(bits >> 32));
  store_be32(keyed_.buffer + kBlockSize - 4, static_cast<uint32_t>(bits));
  compress_(keyed_.state, keyed_.buffer, 1);
  for (size_t i = 0; i < kStateWords; ++i) store_be32(out + 4 * i, keyed_.state[i]);
  // The state after the last block is the digest itself, but the buffer may hold the tail of
  // a secret message (HMAC's inner hash input): wipe both, and start over.
  secure_zero(keyed_.buffer, sizeof keyed_.buffer);
  init();
}

void hash(Impl impl, bytes_view data, uint8_t out[kDigestSize]) noexcept {
  Hasher h(impl);
  h.update(data);
  h.final(out);
}

}  // namespace jwtcore::crypto::sha256
