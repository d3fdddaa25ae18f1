// SHA-256 compression with the x86 SHA extensions (SHA256RNDS2, SHA256MSG1, SHA256MSG2), plus
// SSSE3 (PSHUFB, PALIGNR) and SSE4.1 (PBLENDW). Each function carries its own target attribute,
// so the rest of the library is built for the baseline ISA and no special flags are needed; the
// dispatcher in sha256.cpp calls this only after cpu_has_sha_extensions() said yes.
#include "sha256_impl.hpp"

#if defined(__x86_64__) || defined(__i386__)

#include <cpuid.h>
#include <immintrin.h>

#define JWTCORE_SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

namespace jwtcore::crypto::sha256::detail {

namespace {

// Intel SDM vol. 2A, CPUID: leaf 1 ECX bit 9 = SSSE3, bit 19 = SSE4.1; leaf 7 sub-leaf 0 EBX
// bit 29 = SHA.
constexpr unsigned kLeaf1EcxSsse3 = 1u << 9;
constexpr unsigned kLeaf1EcxSse41 = 1u << 19;
constexpr unsigned kLeaf7EbxSha = 1u << 29;

// Four rounds (two SHA256RNDS2). The instruction keeps the state as two registers,
// ABEF = {F, E, B, A} and CDGH = {H, G, D, C} (lane 0 first), takes W[t] + K[t] for its two
// rounds from the low 64 bits of the third operand, and returns the new ABEF; the old ABEF is
// then the new CDGH, so the two registers swap roles after each instruction.
JWTCORE_SHA_TARGET inline void four_rounds(__m128i &abef, __m128i &cdgh, __m128i w, const uint32_t *k) {
  const __m128i wk = _mm_add_epi32(w, _mm_loadu_si128(reinterpret_cast<const __m128i *>(k)));
  cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
  abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0e));
}

// FIPS 180-4 §6.2.2 step 1 for four t at once, from the 16 previous words w0..w3 (oldest first):
// SHA256MSG1 gives W[t-16] + σ0(W[t-15]), PALIGNR lines up W[t-7], and SHA256MSG2 adds
// σ1(W[t-2]), feeding its own first two results into the last two.
JWTCORE_SHA_TARGET inline __m128i next_words(__m128i w0, __m128i w1, __m128i w2, __m128i w3) {
  const __m128i partial = _mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), _mm_alignr_epi8(w3, w2, 4));
  return _mm_sha256msg2_epu32(partial, w3);
}

// The message words are big-endian (§3.1); PSHUFB reverses the bytes of each 32-bit lane.
JWTCORE_SHA_TARGET inline __m128i load_words(const uint8_t *p) {
  const __m128i byte_swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)), byte_swap);
}

JWTCORE_SHA_TARGET void compress_block(__m128i &abef, __m128i &cdgh, const uint8_t *block) {
  const __m128i abef_before = abef, cdgh_before = cdgh;
  __m128i w0 = load_words(block), w1 = load_words(block + 16);
  __m128i w2 = load_words(block + 32), w3 = load_words(block + 48);
  four_rounds(abef, cdgh, w0, kRoundConstants);
  four_rounds(abef, cdgh, w1, kRoundConstants + 4);
  four_rounds(abef, cdgh, w2, kRoundConstants + 8);
  four_rounds(abef, cdgh, w3, kRoundConstants + 12);
  for (unsigned t = 16; t < 64; t += 16) {
    w0 = next_words(w0, w1, w2, w3);
    four_rounds(abef, cdgh, w0, kRoundConstants + t);
    w1 = next_words(w1, w2, w3, w0);
    four_rounds(abef, cdgh, w1, kRoundConstants + t + 4);
    w2 = next_words(w2, w3, w0, w1);
    four_rounds(abef, cdgh, w2, kRoundConstants + t + 8);
    w3 = next_words(w3, w0, w1, w2);
    four_rounds(abef, cdgh, w3, kRoundConstants + t + 12);
  }
  abef = _mm_add_epi32(abef, abef_before);  // §6.2.2 step 4
  cdgh = _mm_add_epi32(cdgh, cdgh_before);
}

}  // namespace

bool cpu_has_sha_extensions() noexcept {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) return false;
  const bool ssse3_sse41 = (ecx & kLeaf1EcxSsse3) != 0 && (ecx & kLeaf1EcxSse41) != 0;
  // __get_cpuid_count returns 0 when leaf 7 is above the CPU's highest leaf.
  if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) return false;
  return ssse3_sse41 && (ebx & kLeaf7EbxSha) != 0;
}

JWTCORE_SHA_TARGET void compress_x86_sha(uint32_t *state, const uint8_t *blocks, size_t nblocks) noexcept {
  // state[] is A..H; regroup into the instruction's {F, E, B, A} and {H, G, D, C}.
  const __m128i badc = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(state)), 0xb1);
  const __m128i hgfe = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(state + 4)), 0x1b);
  __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);
  __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xf0);
  for (; nblocks > 0; --nblocks, blocks += 64) compress_block(abef, cdgh, blocks);
  // And back: {A, B, E, F} and {G, H, C, D} give A..D and E..H.
  const __m128i abef_lanes = _mm_shuffle_epi32(abef, 0x1b);
  const __m128i ghcd = _mm_shuffle_epi32(cdgh, 0xb1);
  _mm_storeu_si128(reinterpret_cast<__m128i *>(state), _mm_blend_epi16(abef_lanes, ghcd, 0xf0));
  _mm_storeu_si128(reinterpret_cast<__m128i *>(state + 4), _mm_alignr_epi8(ghcd, abef_lanes, 8));
}

}  // namespace jwtcore::crypto::sha256::detail

#endif  // x86
