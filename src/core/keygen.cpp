#include "keygen.hpp"

#include <utility>

#include "crypto/ec.hpp"
#include "crypto/okp.hpp"
#include "crypto/random.hpp"
#include "crypto/rsa.hpp"

namespace jwtcore {
namespace {

constexpr size_t kDefaultRsaBits = 2048;
constexpr size_t kPbes2PasswordBytes = 32;

Status bad_spec(std::string_view spec, std::string_view why) {
  return error(JWTCORE_E_INVALID_ARGUMENT, "key spec '" + detail::printable(spec) + "': " + std::string(why));
}

template <class K>
Result<crypto::AnyKey> as_any(Result<K> key) {
  if (!key) return key.take_status();
  return crypto::AnyKey(std::move(key).value());
}

Result<crypto::AnyKey> generate_on(KeyCurve curve) {
  if (curve == KeyCurve::ed25519) return as_any(crypto::Ed25519Key::generate());
  if (curve == KeyCurve::x25519) return as_any(crypto::X25519Key::generate());
  return as_any(crypto::EcKey::generate(*detail::ec_curve(curve)));
}

Result<KeyPtr> random_secret(size_t n, KeyAttributes attrs) {
  if (!crypto::ensure_init()) return error(JWTCORE_E_RANDOM, "the random generator could not be initialised");
  SecretBytes secret(n);
  crypto::random_bytes(secret.data(), secret.size());
  return Key::create_secret(secret, std::move(attrs));
}

Result<size_t> parse_bits(std::string_view spec, std::string_view digits) {
  if (digits.empty() || digits.size() > 5) return bad_spec(spec, "the RSA size must be a number of bits");
  size_t bits = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return bad_spec(spec, "the RSA size must be a number of bits");
    bits = bits * 10 + static_cast<size_t>(c - '0');
  }
  return bits;
}

Result<KeyPtr> generate_for_alg(std::string_view spec, const AlgInfo &info, std::string_view suffix, bool has_suffix) {
  KeyAttributes attrs;
  attrs.alg = info.alg;
  if (has_suffix && info.key_type != KeyType::rsa && !is_ecdh(info.alg)) {
    return bad_spec(spec, "only RSA and ECDH-ES algorithms take a ':' suffix");
  }
  switch (info.key_type) {
    case KeyType::oct:
      if (info.alg == Alg::none || info.alg == Alg::dir) {
        return bad_spec(spec, info.alg == Alg::dir ? "'dir' keys are generated from the enc (e.g. A256GCM)"
                                                   : "'none' has no key");
      }
      if (info.alg >= Alg::pbes2_hs256_a128kw) return random_secret(kPbes2PasswordBytes, std::move(attrs));
      return random_secret(info.key_bytes, std::move(attrs));
    case KeyType::rsa: {
      size_t bits = kDefaultRsaBits;
      if (has_suffix) {
        JWTCORE_ASSIGN(bits, parse_bits(spec, suffix));
      }
      JWTCORE_ASSIGN(crypto::RsaKey rsa, crypto::RsaKey::generate(bits));
      return Key::create(crypto::AnyKey(std::move(rsa)), std::move(attrs));
    }
    default:
      break;
  }
  KeyCurve curve = info.curve;
  if (is_ecdh(info.alg)) {
    curve = KeyCurve::p256;
    if (has_suffix) {
      auto c = find_curve(suffix);
      if (!c || *c == KeyCurve::ed25519) return bad_spec(spec, "ECDH-ES needs an EC curve or X25519");
      curve = *c;
    }
  }
  JWTCORE_ASSIGN(crypto::AnyKey key, generate_on(curve));
  return Key::create(std::move(key), std::move(attrs));
}

}  // namespace

Result<KeyPtr> generate_key(std::string_view spec) {
  const size_t colon = spec.find(':');
  const std::string_view name = spec.substr(0, colon);
  const std::string_view suffix = colon == std::string_view::npos ? std::string_view() : spec.substr(colon + 1);
  // Curves first: "Ed25519" is also the RFC 9864 JWS alg, but as a spec it names the curve, so
  // that the key works with EdDSA too ("EdDSA" binds the alg).
  if (auto curve = find_curve(name); curve && colon == std::string_view::npos) {
    JWTCORE_ASSIGN(crypto::AnyKey key, generate_on(*curve));
    return Key::create(std::move(key), KeyAttributes{});
  }
  if (const AlgInfo *info = find_alg(name)) return generate_for_alg(spec, *info, suffix, colon != std::string_view::npos);
  if (colon != std::string_view::npos) return bad_spec(spec, "only RSA and ECDH-ES algorithms take a ':' suffix");
  if (const EncInfo *enc = find_enc(name)) {
    KeyAttributes attrs;
    attrs.enc = enc->enc;
    return random_secret(enc->cek_bytes, std::move(attrs));
  }
  return error(JWTCORE_E_UNKNOWN_ALG, "key spec '" + detail::printable(spec) +
                                          "' names no algorithm, content encryption or curve libjwtcore knows");
}

}  // namespace jwtcore
