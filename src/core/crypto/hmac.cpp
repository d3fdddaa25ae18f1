// HMAC with precomputed inner/outer states: our own SHA-256 (sha256.hpp) for HMAC-SHA-256,
// libsodium for SHA-512, mbedTLS for SHA-384 (see hmac.hpp for the measurements behind the split).
#include "hmac.hpp"

#include <sodium.h>

#include <cstring>

#include "mbedtls_compat.hpp"
#include "random.hpp"

namespace jwtcore::crypto {

namespace {

constexpr uint8_t kIpad = 0x36;  // RFC 2104 §2
constexpr uint8_t kOpad = 0x5c;

// The two keyed SHA-256 midstates: each is H(0) after one compression of a 64-byte pad block.
struct Sha256Pair {
  uint32_t inner[sha256::kStateWords];  // after absorbing K ^ ipad
  uint32_t outer[sha256::kStateWords];  // after absorbing K ^ opad
};

// RFC 2104 §2: K is hashed if longer than the block, padded with zeros to the block, and each
// pad compressed once here; a MAC then starts from these midstates.
void init_sha256(Sha256Pair &p, bytes_view key, sha256::Impl impl) noexcept {
  uint8_t k[sha256::kBlockSize] = {};
  if (key.size() > sha256::kBlockSize) {
    sha256::hash(impl, key, k);
  } else if (!key.empty()) {
    std::memcpy(k, key.data(), key.size());
  }
  uint8_t pad[sha256::kBlockSize];
  for (size_t i = 0; i < sha256::kBlockSize; ++i) pad[i] = static_cast<uint8_t>(k[i] ^ kIpad);
  sha256::init_state(p.inner);
  sha256::compress(p.inner, pad, 1, impl);
  for (size_t i = 0; i < sha256::kBlockSize; ++i) pad[i] = static_cast<uint8_t>(k[i] ^ kOpad);
  sha256::init_state(p.outer);
  sha256::compress(p.outer, pad, 1, impl);
  secure_zero(k, sizeof k);
  secure_zero(pad, sizeof pad);
}

// The inner hash runs from its midstate over the parts; the outer hash then has exactly one
// block left (FIPS 180-4 §5.1.1): the 32-byte inner hash, 0x80, zeros, and the total length
// 64 + 32 bytes = 768 bits, so it is built here and compressed once instead of going through
// a second Hasher.
void mac_sha256(const Sha256Pair &p, const bytes_view *parts, size_t count, sha256::Impl impl,
                uint8_t *out) noexcept {
  sha256::Hasher inner(impl);
  inner.init_from(p.inner, 1);
  for (size_t i = 0; i < count; ++i) inner.update(parts[i]);
  struct {
    uint8_t block[sha256::kBlockSize];
    uint32_t state[sha256::kStateWords];
  } outer = {};  // keyed values (the inner hash, the outer state): wiped with one call below
  inner.final(outer.block);
  outer.block[sha256::kDigestSize] = 0x80;
  outer.block[sha256::kBlockSize - 2] = 0x03;  // 768 = 0x0300
  std::memcpy(outer.state, p.outer, sizeof outer.state);
  sha256::compress(outer.state, outer.block, 1, impl);
  for (size_t i = 0; i < sha256::kStateWords; ++i) {
    out[4 * i] = static_cast<uint8_t>(outer.state[i] >> 24);
    out[4 * i + 1] = static_cast<uint8_t>(outer.state[i] >> 16);
    out[4 * i + 2] = static_cast<uint8_t>(outer.state[i] >> 8);
    out[4 * i + 3] = static_cast<uint8_t>(outer.state[i]);
  }
  secure_zero(&outer, sizeof outer);
}

struct Sha384Pair {
  mbedtls_sha512_context inner;  // state after absorbing K ^ ipad
  mbedtls_sha512_context outer;  // state after absorbing K ^ opad
};

// RFC 2104 for SHA-384, which libsodium lacks: K is hashed if longer than the block, padded
// with zeros to the block, and each pad absorbed once here rather than on every MAC.
bool init_sha384(Sha384Pair &p, bytes_view key) noexcept {
  constexpr size_t block = hash_block_size(Hash::sha384);
  uint8_t k[block] = {};
  if (key.size() > block) {
    Digest d = digest(Hash::sha384, key);
    std::memcpy(k, d.data(), d.size);
    secure_zero(&d, sizeof d);
  } else {
    std::memcpy(k, key.data(), key.size());
  }
  uint8_t pad[block];
  int rc = 0;
  mbedtls_sha512_init(&p.inner);
  mbedtls_sha512_init(&p.outer);
  for (size_t i = 0; i < block; ++i) pad[i] = static_cast<uint8_t>(k[i] ^ kIpad);
  rc |= compat::sha512_starts(&p.inner, true);
  rc |= compat::sha512_update(&p.inner, pad, block);
  for (size_t i = 0; i < block; ++i) pad[i] = static_cast<uint8_t>(k[i] ^ kOpad);
  rc |= compat::sha512_starts(&p.outer, true);
  rc |= compat::sha512_update(&p.outer, pad, block);
  secure_zero(k, sizeof k);
  secure_zero(pad, sizeof pad);
  return rc == 0;
}

bool mac_sha384(const Sha384Pair &p, const bytes_view *parts, size_t count, uint8_t *out) noexcept {
  uint8_t inner_hash[kMaxHashSize];  // some versions write all 64 bytes even in 384 mode
  mbedtls_sha512_context c;
  mbedtls_sha512_init(&c);
  mbedtls_sha512_clone(&c, &p.inner);
  int rc = 0;
  for (size_t i = 0; i < count; ++i) {
    if (!parts[i].empty()) rc |= compat::sha512_update(&c, parts[i].data(), parts[i].size());
  }
  rc |= compat::sha512_finish(&c, inner_hash);
  mbedtls_sha512_clone(&c, &p.outer);
  rc |= compat::sha512_update(&c, inner_hash, hash_size(Hash::sha384));
  rc |= compat::sha512_finish(&c, out);
  mbedtls_sha512_free(&c);  // zeroes the copy of the keyed state
  secure_zero(inner_hash, sizeof inner_hash);
  return rc == 0;
}

template <class SodiumState, class Update, class Finish>
bool mac_sodium(const SodiumState &keyed, const bytes_view *parts, size_t count, uint8_t *out,
                Update update, Finish finish) noexcept {
  SodiumState c = keyed;
  int rc = 0;
  for (size_t i = 0; i < count; ++i) {
    if (!parts[i].empty()) rc |= update(&c, parts[i].data(), parts[i].size());
  }
  rc |= finish(&c, out);
  secure_zero(&c, sizeof c);
  return rc == 0;
}

}  // namespace

struct HmacKey::State {
  explicit State(Hash h) noexcept : hash(h) { std::memset(&u, 0, sizeof u); }
  ~State() {
    if (hash == Hash::sha384) {
      mbedtls_sha512_free(&u.s384.inner);
      mbedtls_sha512_free(&u.s384.outer);
    }
    secure_zero(&u, sizeof u);
  }
  State(const State &) = delete;
  State &operator=(const State &) = delete;

  Hash hash;
  union {
    Sha256Pair s256;
    crypto_auth_hmacsha512_state s512;
    Sha384Pair s384;
  } u;
};

HmacKey::HmacKey(Hash hash, std::unique_ptr<State> state) noexcept
    : hash_(hash), state_(std::move(state)) {}
HmacKey::HmacKey(HmacKey &&) noexcept = default;
HmacKey &HmacKey::operator=(HmacKey &&) noexcept = default;
HmacKey::~HmacKey() = default;

Result<HmacKey> HmacKey::create(Hash hash, bytes_view key) {
  if (hash == Hash::sha1) {
    return error(JWTCORE_E_NOT_SUPPORTED, "HMAC is offered with SHA-256, SHA-384 and SHA-512 only");
  }
  if (key.empty()) return error(JWTCORE_E_KEY_WEAK, "HMAC key is empty");
  if (!ensure_init()) return error(JWTCORE_E_INTERNAL, "libsodium could not be initialised");
  auto state = std::make_unique<State>(hash);
  int rc = 0;
  switch (hash) {
    case Hash::sha256:
      init_sha256(state->u.s256, key, sha256::best());
      break;
    case Hash::sha512:
      rc = crypto_auth_hmacsha512_init(&state->u.s512, key.data(), key.size());
      break;
    case Hash::sha384:
      rc = init_sha384(state->u.s384, key) ? 0 : -1;
      break;
    case Hash::sha1:
      break;
  }
  if (rc != 0) return error(JWTCORE_E_INTERNAL, "HMAC key setup failed in the crypto backend");
  return HmacKey(hash, std::move(state));
}

Digest HmacKey::mac(const bytes_view *parts, size_t count) const noexcept {
  Digest out;
  if (!state_) return out;
  bool ok = false;
  switch (hash_) {
    case Hash::sha256:
      mac_sha256(state_->u.s256, parts, count, sha256::best(), out.bytes.data());
      ok = true;
      break;
    case Hash::sha512:
      ok = mac_sodium(state_->u.s512, parts, count, out.bytes.data(), crypto_auth_hmacsha512_update,
                      crypto_auth_hmacsha512_final);
      break;
    case Hash::sha384:
      ok = mac_sha384(state_->u.s384, parts, count, out.bytes.data());
      break;
    case Hash::sha1:
      break;
  }
  if (ok) {
    out.size = tag_size();
  } else {
    secure_zero(out.bytes.data(), out.bytes.size());
  }
  return out;
}

bool HmacKey::verify(bytes_view tag, const bytes_view *parts, size_t count) const noexcept {
  if (tag.size() != tag_size()) return false;
  Digest expected = mac(parts, count);
  const bool equal = expected.size == tag.size() && ct_equal(expected.data(), tag.data(), tag.size());
  // The correct tag for an attacker-chosen message is exactly what a forger wants: don't leave it.
  secure_zero(&expected, sizeof expected);
  return equal;
}

Digest hmac_sha256(sha256::Impl impl, bytes_view key, const bytes_view *parts, size_t count) noexcept {
  Sha256Pair pair;
  init_sha256(pair, key, impl);
  Digest out;
  mac_sha256(pair, parts, count, impl, out.bytes.data());
  out.size = sha256::kDigestSize;
  secure_zero(&pair, sizeof pair);
  return out;
}

}  // namespace jwtcore::crypto
