// Our SHA-256 (sha256.hpp: portable, and x86 SHA extensions where the CPU has them) and the
// HMAC-SHA-256 built on it, against mbedTLS. Internals only (the C ABI has no hash entry point),
// so this harness links the static core.
//
// Input: byte 0 = HMAC key length, bytes 1 and 2 = two split points (as fractions of 255),
// byte 3 = number of update() calls minus one (mod 3); the rest is the message. Missing header
// bytes count as 0, so short inputs are hashed too.
// Oracles:
//  - SHA-256 of the rest, fed in 1-3 update() calls at the chosen splits, by each supported
//    implementation (and its one-shot form) equals mbedTLS's crypto::digest;
//  - with the first `key length` bytes of the rest as key and the remainder as message (split the
//    same way): HmacKey::mac, hmac_sha256() with each implementation, and RFC 2104 written out
//    with crypto::digest all agree; HmacKey::verify accepts that tag and refuses it with one bit
//    flipped or one byte short; an empty key is refused with JWTCORE_E_KEY_WEAK.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "fuzz_check.hpp"
#include "src/core/crypto/hash.hpp"
#include "src/core/crypto/hmac.hpp"
#include "src/core/crypto/sha256.hpp"

namespace {

namespace crypto = jwtcore::crypto;
namespace sha256 = jwtcore::crypto::sha256;
using jwtcore::bytes_view;

constexpr sha256::Impl kImpls[] = {sha256::Impl::portable, sha256::Impl::x86_sha};

struct Parts {
  bytes_view part[3];
  size_t count = 1;
};

// Cuts `data` at the two fractions into `count` consecutive pieces (some may be empty).
Parts split(bytes_view data, uint8_t a, uint8_t b, size_t count) {
  size_t p = data.size() * a / 255, q = data.size() * b / 255;
  if (p > q) std::swap(p, q);
  Parts out;
  out.count = count;
  if (count == 1) {
    out.part[0] = data;
  } else if (count == 2) {
    out.part[0] = data.subview(0, p);
    out.part[1] = data.subview(p, data.size() - p);
  } else {
    out.part[0] = data.subview(0, p);
    out.part[1] = data.subview(p, q - p);
    out.part[2] = data.subview(q, data.size() - q);
  }
  return out;
}

bool equal(const uint8_t *a, const crypto::Digest &b) {
  return b.size == sha256::kDigestSize && std::memcmp(a, b.data(), b.size) == 0;
}

void check_hash(bytes_view msg, const Parts &parts) {
  const crypto::Digest reference = crypto::digest(crypto::Hash::sha256, msg);
  FUZZ_CHECK(reference.size == sha256::kDigestSize);
  for (sha256::Impl impl : kImpls) {
    if (!sha256::supported(impl)) continue;
    sha256::Hasher h(impl);
    for (size_t i = 0; i < parts.count; ++i) h.update(parts.part[i]);
    uint8_t out[sha256::kDigestSize];
    h.final(out);
    FUZZ_CHECK(equal(out, reference));
    sha256::hash(impl, msg, out);
    FUZZ_CHECK(equal(out, reference));
  }
}

// RFC 2104 §2, byte by byte over the mbedTLS digest.
crypto::Digest hmac_by_definition(bytes_view key, bytes_view msg) {
  uint8_t k[64] = {};
  if (key.size() > 64) {
    const crypto::Digest d = crypto::digest(crypto::Hash::sha256, key);
    std::memcpy(k, d.data(), d.size);
  } else if (!key.empty()) {
    std::memcpy(k, key.data(), key.size());
  }
  std::vector<uint8_t> inner(64), outer(64);
  for (size_t i = 0; i < 64; ++i) {
    inner[i] = static_cast<uint8_t>(k[i] ^ 0x36);
    outer[i] = static_cast<uint8_t>(k[i] ^ 0x5c);
  }
  inner.insert(inner.end(), msg.begin(), msg.end());
  const crypto::Digest ih = crypto::digest(crypto::Hash::sha256, inner);
  outer.insert(outer.end(), ih.data(), ih.data() + ih.size);
  return crypto::digest(crypto::Hash::sha256, outer);
}

void check_hmac(bytes_view key, bytes_view msg, const Parts &parts) {
  const crypto::Digest reference = hmac_by_definition(key, msg);
  FUZZ_CHECK(reference.size == sha256::kDigestSize);
  for (sha256::Impl impl : kImpls) {
    if (!sha256::supported(impl)) continue;
    FUZZ_CHECK(equal(crypto::hmac_sha256(impl, key, parts.part, parts.count).data(), reference));
  }
  auto hk = crypto::HmacKey::create(crypto::Hash::sha256, key);
  if (key.empty()) {
    FUZZ_CHECK(!hk && hk.status().code() == JWTCORE_E_KEY_WEAK);
    return;
  }
  FUZZ_CHECK(hk.is_ok());
  FUZZ_CHECK(equal(hk->mac(parts.part, parts.count).data(), reference));
  FUZZ_CHECK(hk->verify(reference.view(), parts.part, parts.count));
  crypto::Digest wrong = reference;
  wrong.bytes[msg.size() % reference.size] ^= static_cast<uint8_t>(1u << (msg.size() % 8));
  FUZZ_CHECK(!hk->verify(wrong.view(), parts.part, parts.count));
  FUZZ_CHECK(!hk->verify(reference.view().subview(0, reference.size - 1), parts.part, parts.count));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t header[4] = {};
  const size_t header_size = std::min<size_t>(size, sizeof header);
  if (header_size != 0) std::memcpy(header, data, header_size);
  const bytes_view rest(data + header_size, size - header_size);
  const size_t count = 1 + header[3] % 3;

  check_hash(rest, split(rest, header[1], header[2], count));

  const size_t key_size = std::min<size_t>(header[0], rest.size());
  const bytes_view key = rest.subview(0, key_size);
  const bytes_view msg = rest.subview(key_size, rest.size() - key_size);
  check_hmac(key, msg, split(msg, header[1], header[2], count));
  return 0;
}
