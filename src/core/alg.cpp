#include "alg.hpp"

namespace jwtcore {
namespace {

using K = AlgKind;
using T = KeyType;
using C = KeyCurve;
using D = DigestKind;

// Order matches enum class Alg, checked by a static_assert below.
constexpr AlgInfo kAlgs[] = {
    {Alg::none, "none", K::signature, T::oct, C::none, D::none, 0},
    // RFC 7518 §3.2: an HMAC key must be at least as long as the hash output.
    {Alg::hs256, "HS256", K::signature, T::oct, C::none, D::sha256, 32},
    {Alg::hs384, "HS384", K::signature, T::oct, C::none, D::sha384, 48},
    {Alg::hs512, "HS512", K::signature, T::oct, C::none, D::sha512, 64},
    {Alg::rs256, "RS256", K::signature, T::rsa, C::none, D::sha256, 0},
    {Alg::rs384, "RS384", K::signature, T::rsa, C::none, D::sha384, 0},
    {Alg::rs512, "RS512", K::signature, T::rsa, C::none, D::sha512, 0},
    {Alg::ps256, "PS256", K::signature, T::rsa, C::none, D::sha256, 0},
    {Alg::ps384, "PS384", K::signature, T::rsa, C::none, D::sha384, 0},
    {Alg::ps512, "PS512", K::signature, T::rsa, C::none, D::sha512, 0},
    {Alg::es256, "ES256", K::signature, T::ec, C::p256, D::sha256, 0},
    {Alg::es384, "ES384", K::signature, T::ec, C::p384, D::sha384, 0},
    {Alg::es512, "ES512", K::signature, T::ec, C::p521, D::sha512, 0},
    {Alg::es256k, "ES256K", K::signature, T::ec, C::secp256k1, D::sha256, 0},
    {Alg::eddsa, "EdDSA", K::signature, T::okp, C::ed25519, D::none, 0},
    {Alg::ed25519, "Ed25519", K::signature, T::okp, C::ed25519, D::none, 0},
    {Alg::dir, "dir", K::key_management, T::oct, C::none, D::none, 0},
    {Alg::a128kw, "A128KW", K::key_management, T::oct, C::none, D::none, 16},
    {Alg::a192kw, "A192KW", K::key_management, T::oct, C::none, D::none, 24},
    {Alg::a256kw, "A256KW", K::key_management, T::oct, C::none, D::none, 32},
    {Alg::a128gcmkw, "A128GCMKW", K::key_management, T::oct, C::none, D::none, 16},
    {Alg::a192gcmkw, "A192GCMKW", K::key_management, T::oct, C::none, D::none, 24},
    {Alg::a256gcmkw, "A256GCMKW", K::key_management, T::oct, C::none, D::none, 32},
    {Alg::ecdh_es, "ECDH-ES", K::key_management, T::ec, C::none, D::sha256, 0},
    {Alg::ecdh_es_a128kw, "ECDH-ES+A128KW", K::key_management, T::ec, C::none, D::sha256, 16},
    {Alg::ecdh_es_a192kw, "ECDH-ES+A192KW", K::key_management, T::ec, C::none, D::sha256, 24},
    {Alg::ecdh_es_a256kw, "ECDH-ES+A256KW", K::key_management, T::ec, C::none, D::sha256, 32},
    {Alg::rsa_oaep, "RSA-OAEP", K::key_management, T::rsa, C::none, D::none, 0},
    {Alg::rsa_oaep_256, "RSA-OAEP-256", K::key_management, T::rsa, C::none, D::sha256, 0},
    {Alg::rsa1_5, "RSA1_5", K::key_management, T::rsa, C::none, D::none, 0},
    {Alg::pbes2_hs256_a128kw, "PBES2-HS256+A128KW", K::key_management, T::oct, C::none, D::sha256, 16},
    {Alg::pbes2_hs384_a192kw, "PBES2-HS384+A192KW", K::key_management, T::oct, C::none, D::sha384, 24},
    {Alg::pbes2_hs512_a256kw, "PBES2-HS512+A256KW", K::key_management, T::oct, C::none, D::sha512, 32},
};
static_assert(sizeof(kAlgs) / sizeof(kAlgs[0]) == static_cast<size_t>(Alg::pbes2_hs512_a256kw) + 1,
              "kAlgs must list every Alg in order");

constexpr EncInfo kEncs[] = {
    {Enc::a128gcm, "A128GCM", 16, true},
    {Enc::a192gcm, "A192GCM", 24, true},
    {Enc::a256gcm, "A256GCM", 32, true},
    {Enc::a128cbc_hs256, "A128CBC-HS256", 32, false},
    {Enc::a192cbc_hs384, "A192CBC-HS384", 48, false},
    {Enc::a256cbc_hs512, "A256CBC-HS512", 64, false},
};

constexpr std::pair<KeyCurve, std::string_view> kCurves[] = {
    {C::p256, "P-256"},         {C::p384, "P-384"},     {C::p521, "P-521"},
    {C::secp256k1, "secp256k1"}, {C::ed25519, "Ed25519"}, {C::x25519, "X25519"},
};

}  // namespace

const AlgInfo *find_alg(std::string_view name) {
  for (const auto &a : kAlgs)
    if (a.name == name) return &a;
  return nullptr;
}

const AlgInfo &alg_info(Alg alg) { return kAlgs[static_cast<size_t>(alg)]; }

const EncInfo *find_enc(std::string_view name) {
  for (const auto &e : kEncs)
    if (e.name == name) return &e;
  return nullptr;
}

const EncInfo &enc_info(Enc enc) { return kEncs[static_cast<size_t>(enc)]; }

bool is_ecdh(Alg alg) {
  return alg == Alg::ecdh_es || alg == Alg::ecdh_es_a128kw || alg == Alg::ecdh_es_a192kw ||
         alg == Alg::ecdh_es_a256kw;
}

std::string_view key_type_name(KeyType t) {
  switch (t) {
    case KeyType::oct: return "oct";
    case KeyType::rsa: return "RSA";
    case KeyType::ec: return "EC";
    case KeyType::okp: return "OKP";
  }
  return "";
}

std::string_view curve_name(KeyCurve c) {
  for (const auto &[curve, name] : kCurves)
    if (curve == c) return name;
  return "";
}

std::optional<KeyCurve> find_curve(std::string_view name) {
  for (const auto &[curve, name_] : kCurves)
    if (name_ == name) return curve;
  return std::nullopt;
}

}  // namespace jwtcore
