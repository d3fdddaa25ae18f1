// Key: material ownership, accessors and construction. The policy checks (what a key may be
// used for, what metadata fits what material) live in key_policy.cpp.
#include "key.hpp"

#include <type_traits>
#include <utility>
#include <variant>

#include "key_policy.hpp"

namespace jwtcore {

// Immutable once built; shared by a key and the copies with_attributes() makes.
struct Key::Material {
  KeyType type = KeyType::oct;
  KeyCurve curve = KeyCurve::none;
  bool has_private = false;
  std::optional<crypto::AnyKey> asym;
  GuardedBytes secret;
  // HS256, HS384, HS512 states (index hmac_index()), computed once so that the JWS verify path
  // never re-keys HMAC (STYLE.md: "a key parsed per call on a hot path" is an anti-pattern).
  std::array<std::optional<crypto::HmacKey>, 3> hmac;
};

namespace {

constexpr std::pair<JwkOp, std::string_view> kJwkOps[] = {
    {JwkOp::sign, "sign"},           {JwkOp::verify, "verify"},
    {JwkOp::encrypt, "encrypt"},     {JwkOp::decrypt, "decrypt"},
    {JwkOp::wrap_key, "wrapKey"},    {JwkOp::unwrap_key, "unwrapKey"},
    {JwkOp::derive_key, "deriveKey"}, {JwkOp::derive_bits, "deriveBits"},
};

int hmac_index(DigestKind d) {
  switch (d) {
    case DigestKind::sha256: return 0;
    case DigestKind::sha384: return 1;
    case DigestKind::sha512: return 2;
    case DigestKind::none: break;
  }
  return -1;
}

constexpr crypto::Hash kHmacHashes[] = {crypto::Hash::sha256, crypto::Hash::sha384, crypto::Hash::sha512};

}  // namespace

std::string_view jwk_op_name(JwkOp op) {
  for (const auto &[o, name] : kJwkOps)
    if (o == op) return name;
  return "";
}

std::optional<JwkOp> find_jwk_op(std::string_view name) {
  for (const auto &[o, n] : kJwkOps)
    if (n == name) return o;
  return std::nullopt;
}

std::string_view key_use_name(KeyUse use) {
  switch (use) {
    case KeyUse::sig: return "sig";
    case KeyUse::enc: return "enc";
    case KeyUse::none: break;
  }
  return "";
}

std::string_view key_op_name(KeyOp op) {
  switch (op) {
    case KeyOp::sign: return "sign";
    case KeyOp::verify: return "verify";
    case KeyOp::encrypt: return "encrypt";
    case KeyOp::decrypt: return "decrypt";
  }
  return "";
}

Key::Key(Token, std::shared_ptr<const Material> material, KeyAttributes attrs)
    : material_(std::move(material)), attrs_(std::move(attrs)) {}

Result<KeyPtr> Key::make(std::shared_ptr<const Material> material, KeyAttributes attrs) {
  JWTCORE_TRY(detail::check_attributes(attrs, material->type, material->curve, material->secret.size()));
  return std::make_shared<const Key>(Token{}, std::move(material), std::move(attrs));
}

Result<KeyPtr> Key::create(crypto::AnyKey material, KeyAttributes attrs) {
  auto m = std::make_shared<Material>();
  std::visit(
      [&](const auto &k) {
        using T = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<T, crypto::RsaKey>) {
          m->type = KeyType::rsa;
        } else if constexpr (std::is_same_v<T, crypto::EcKey>) {
          m->type = KeyType::ec;
          m->curve = detail::key_curve(k.curve());
        } else if constexpr (std::is_same_v<T, crypto::Ed25519Key>) {
          m->type = KeyType::okp;
          m->curve = KeyCurve::ed25519;
        } else {
          m->type = KeyType::okp;
          m->curve = KeyCurve::x25519;
        }
      },
      material);
  if (const auto *rsa = std::get_if<crypto::RsaKey>(&material)) JWTCORE_TRY(detail::check_rsa_policy(*rsa));
  m->has_private = crypto::any_key_has_private(material);
  m->asym.emplace(std::move(material));
  return make(std::move(m), std::move(attrs));
}

Result<KeyPtr> Key::create_secret(bytes_view secret, KeyAttributes attrs) {
  JWTCORE_TRY(detail::check_secret_size(secret.size()));
  auto m = std::make_shared<Material>();
  m->type = KeyType::oct;
  m->has_private = true;
  m->secret = GuardedBytes(secret.data(), secret.size());
  for (size_t i = 0; i < m->hmac.size(); ++i) {
    if (secret.size() < crypto::hash_size(kHmacHashes[i])) continue;
    JWTCORE_ASSIGN(auto hmac, crypto::HmacKey::create(kHmacHashes[i], secret));
    m->hmac[i].emplace(std::move(hmac));
  }
  return make(std::move(m), std::move(attrs));
}

Result<KeyPtr> Key::with_attributes(KeyAttributes attrs) const {
  return make(material_, std::move(attrs));
}

KeyType Key::type() const { return material_->type; }
KeyCurve Key::curve() const { return material_->curve; }
bool Key::has_private() const { return material_->has_private; }

const crypto::AnyKey *Key::asymmetric() const { return material_->asym ? &*material_->asym : nullptr; }

template <class T>
static const T *material_as(const std::optional<crypto::AnyKey> &asym) {
  return asym ? std::get_if<T>(&*asym) : nullptr;
}

const crypto::RsaKey *Key::rsa() const { return material_as<crypto::RsaKey>(material_->asym); }
const crypto::EcKey *Key::ec() const { return material_as<crypto::EcKey>(material_->asym); }
const crypto::Ed25519Key *Key::ed25519() const { return material_as<crypto::Ed25519Key>(material_->asym); }
const crypto::X25519Key *Key::x25519() const { return material_as<crypto::X25519Key>(material_->asym); }

bytes_view Key::secret() const { return bytes_view(material_->secret.data(), material_->secret.size()); }

const crypto::HmacKey *Key::hmac(DigestKind digest) const {
  const int i = hmac_index(digest);
  if (i < 0 || !material_->hmac[static_cast<size_t>(i)]) return nullptr;
  return &*material_->hmac[static_cast<size_t>(i)];
}

Status Key::permits(Alg alg, KeyOp op) const {
  return detail::check_permits(*this, alg, op);
}

Status Key::permits_enc(Enc enc) const { return detail::check_permits_enc(*this, enc); }

namespace detail {

std::string printable(std::string_view s, size_t max) {
  std::string out(s.substr(0, max));
  for (char &c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  if (s.size() > max) out += "...";
  return out;
}

std::optional<crypto::Curve> ec_curve(KeyCurve curve) {
  switch (curve) {
    case KeyCurve::p256: return crypto::Curve::p256;
    case KeyCurve::p384: return crypto::Curve::p384;
    case KeyCurve::p521: return crypto::Curve::p521;
    case KeyCurve::secp256k1: return crypto::Curve::secp256k1;
    default: return std::nullopt;
  }
}

KeyCurve key_curve(crypto::Curve curve) {
  switch (curve) {
    case crypto::Curve::p256: return KeyCurve::p256;
    case crypto::Curve::p384: return KeyCurve::p384;
    case crypto::Curve::p521: return KeyCurve::p521;
    case crypto::Curve::secp256k1: return KeyCurve::secp256k1;
  }
  return KeyCurve::none;
}

}  // namespace detail

}  // namespace jwtcore
