// Ed25519 and X25519 over libsodium (RFC 8037).
#include "okp.hpp"

#include <sodium.h>

#include <string>

#include "random.hpp"

namespace jwtcore::crypto {

namespace {

static_assert(crypto_sign_PUBLICKEYBYTES == ed25519_public_bytes, "libsodium Ed25519 size");
static_assert(crypto_sign_SEEDBYTES == ed25519_seed_bytes, "libsodium Ed25519 seed size");
static_assert(crypto_sign_BYTES == ed25519_signature_bytes, "libsodium Ed25519 signature size");
static_assert(crypto_scalarmult_BYTES == x25519_bytes, "libsodium X25519 size");
static_assert(crypto_scalarmult_SCALARBYTES == x25519_bytes, "libsodium X25519 scalar size");

Status check_size(bytes_view v, size_t want, const char *type, const char *member) {
  if (v.size() == want) return Status::ok();
  return error(JWTCORE_E_KEY_INVALID, std::string(type) + " member '" + member + "' is " +
                                          std::to_string(v.size()) + " bytes, it must be " +
                                          std::to_string(want));
}

Status need_init() {
  if (ensure_init()) return Status::ok();
  return error(JWTCORE_E_RANDOM, "libsodium could not initialise");
}

Status not_private(const char *op) {
  return error(JWTCORE_E_KEY_NOT_PRIVATE, std::string(op) + " needs a private key");
}

// Builds guarded memory from a stack buffer and wipes the buffer.
template <size_t N>
GuardedBytes guard_and_wipe(uint8_t (&buf)[N]) {
  GuardedBytes g(buf, N);
  sodium_memzero(buf, N);
  return g;
}

}  // namespace

// ---- Ed25519 ---------------------------------------------------------------------------------

Ed25519Key::Ed25519Key(Bytes public_key, GuardedBytes secret)
    : public_key_(std::move(public_key)), secret_(std::move(secret)) {}
Ed25519Key::Ed25519Key(Ed25519Key &&) noexcept = default;
Ed25519Key &Ed25519Key::operator=(Ed25519Key &&) noexcept = default;
Ed25519Key::~Ed25519Key() = default;

Result<Ed25519Key> Ed25519Key::from_public(bytes_view x) {
  JWTCORE_TRY(check_size(x, ed25519_public_bytes, "Ed25519", "x"));
  JWTCORE_TRY(need_init());
  // Non-canonical or small-order keys: libsodium's verify would reject every signature, but
  // failing at import names the problem (and a small-order key is never a legitimate key).
  if (crypto_core_ed25519_is_valid_point(x.data()) != 1) {
    return error(JWTCORE_E_POINT_INVALID,
                 "Ed25519 member 'x' is not a canonical point of the prime-order subgroup");
  }
  return Ed25519Key(to_bytes(x), GuardedBytes());
}

Result<Ed25519Key> Ed25519Key::from_seed(bytes_view seed, bytes_view x) {
  JWTCORE_TRY(check_size(seed, ed25519_seed_bytes, "Ed25519", "d"));
  if (!x.empty()) JWTCORE_TRY(check_size(x, ed25519_public_bytes, "Ed25519", "x"));
  JWTCORE_TRY(need_init());
  uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  uint8_t sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, seed.data());
  GuardedBytes secret = guard_and_wipe(sk);
  // A JWK whose 'x' does not belong to 'd' would sign with one key and advertise another.
  if (!x.empty() && sodium_memcmp(pk, x.data(), sizeof pk) != 0) {
    return error(JWTCORE_E_KEY_INVALID, "Ed25519 member 'x' does not match the private key 'd'");
  }
  return Ed25519Key(Bytes(pk, pk + sizeof pk), std::move(secret));
}

Result<Ed25519Key> Ed25519Key::generate() {
  JWTCORE_TRY(need_init());
  uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  uint8_t sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  return Ed25519Key(Bytes(pk, pk + sizeof pk), guard_and_wipe(sk));
}

bool Ed25519Key::has_private() const { return !secret_.empty(); }
const Bytes &Ed25519Key::public_key() const { return public_key_; }

Result<SecretBytes> Ed25519Key::seed() const {
  if (secret_.empty()) return not_private("exporting the Ed25519 seed");
  // libsodium's secret key is seed || public key (crypto_sign_ed25519_sk_to_seed).
  return SecretBytes(secret_.data(), secret_.data() + ed25519_seed_bytes);
}

Ed25519Key Ed25519Key::public_only() const { return Ed25519Key(public_key_, GuardedBytes()); }

Result<Bytes> Ed25519Key::sign(bytes_view message) const {
  if (secret_.empty()) return not_private("Ed25519 signing");
  Bytes sig(crypto_sign_BYTES);
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secret_.data());
  return sig;
}

Status Ed25519Key::verify(bytes_view message, bytes_view signature) const {
  if (signature.size() != crypto_sign_BYTES) {
    return error(JWTCORE_E_BAD_SIGNATURE, "Ed25519 signature is " +
                                              std::to_string(signature.size()) +
                                              " bytes, it must be 64");
  }
  if (crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                  public_key_.data()) != 0) {
    return error(JWTCORE_E_BAD_SIGNATURE, "Ed25519 signature does not verify");
  }
  return Status::ok();
}

// ---- X25519 ----------------------------------------------------------------------------------

X25519Key::X25519Key(Bytes public_key, GuardedBytes secret)
    : public_key_(std::move(public_key)), secret_(std::move(secret)) {}
X25519Key::X25519Key(X25519Key &&) noexcept = default;
X25519Key &X25519Key::operator=(X25519Key &&) noexcept = default;
X25519Key::~X25519Key() = default;

Result<X25519Key> X25519Key::from_public(bytes_view x) {
  JWTCORE_TRY(check_size(x, x25519_bytes, "X25519", "x"));
  return X25519Key(to_bytes(x), GuardedBytes());
}

Result<X25519Key> X25519Key::from_private(bytes_view d, bytes_view x) {
  JWTCORE_TRY(check_size(d, x25519_bytes, "X25519", "d"));
  if (!x.empty()) JWTCORE_TRY(check_size(x, x25519_bytes, "X25519", "x"));
  JWTCORE_TRY(need_init());
  uint8_t pk[crypto_scalarmult_BYTES];
  if (crypto_scalarmult_base(pk, d.data()) != 0) {
    return error(JWTCORE_E_KEY_INVALID, "X25519 member 'd' gives no public key");
  }
  if (!x.empty() && sodium_memcmp(pk, x.data(), sizeof pk) != 0) {
    return error(JWTCORE_E_KEY_INVALID, "X25519 member 'x' does not match the private key 'd'");
  }
  return X25519Key(Bytes(pk, pk + sizeof pk), GuardedBytes(d.data(), d.size()));
}

Result<X25519Key> X25519Key::generate() {
  JWTCORE_TRY(need_init());
  uint8_t sk[crypto_scalarmult_SCALARBYTES];
  uint8_t pk[crypto_scalarmult_BYTES];
  do {
    randombytes_buf(sk, sizeof sk);
  } while (crypto_scalarmult_base(pk, sk) != 0);
  return X25519Key(Bytes(pk, pk + sizeof pk), guard_and_wipe(sk));
}

bool X25519Key::has_private() const { return !secret_.empty(); }
const Bytes &X25519Key::public_key() const { return public_key_; }

Result<SecretBytes> X25519Key::private_key() const {
  if (secret_.empty()) return not_private("exporting the X25519 scalar");
  return SecretBytes(secret_.data(), secret_.data() + secret_.size());
}

X25519Key X25519Key::public_only() const { return X25519Key(public_key_, GuardedBytes()); }

Result<SecretBytes> X25519Key::derive(const X25519Key &peer) const {
  if (secret_.empty()) return not_private("X25519 key agreement");
  SecretBytes shared(crypto_scalarmult_BYTES);
  // libsodium returns -1 when the result is all zero: the peer sent a low-order point and the
  // "shared" secret would be known to anyone (RFC 7748 §6.1). Never fall back.
  if (crypto_scalarmult(shared.data(), secret_.data(), peer.public_key_.data()) != 0) {
    return error(JWTCORE_E_POINT_INVALID,
                 "X25519 peer key is a low-order point (all-zero shared secret)");
  }
  return shared;
}

}  // namespace jwtcore::crypto
