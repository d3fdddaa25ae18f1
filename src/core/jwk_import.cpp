// JWK import: member syntax here; what the material must satisfy is checked by the crypto
// classes (RsaKey, EcKey, Ed25519Key, X25519Key) and what the metadata must satisfy by
// Key::create, so that PEM and generated keys pass the same rules.
#include <utility>

#include "base64url.hpp"
#include "crypto/ec.hpp"
#include "crypto/okp.hpp"
#include "jwk.hpp"

namespace jwtcore {
namespace {

std::string member(std::string_view name) { return "JWK member '" + std::string(name) + "'"; }

Status missing(std::string_view name) { return error(JWTCORE_E_KEY_INVALID, member(name) + " is missing"); }

Status wrong_type(std::string_view name, const json::Value &v, std::string_view want) {
  return error(JWTCORE_E_KEY_INVALID,
               member(name) + " must be " + std::string(want) + ", found " + json::type_name(v.type()));
}

Result<std::optional<std::string_view>> find_string(const json::Value &jwk, std::string_view name) {
  auto v = jwk.find(name);
  if (!v) return std::optional<std::string_view>();
  auto s = v->as_string();
  if (!s) return wrong_type(name, *v, "a string");
  return std::optional<std::string_view>(*s);
}

Result<std::string_view> need_string(const json::Value &jwk, std::string_view name) {
  JWTCORE_ASSIGN(auto s, find_string(jwk, name));
  if (!s) return missing(name);
  return *s;
}

// Public members (n, e, x, y) use the table decoder; the value is public.
Result<Bytes> need_public(const json::Value &jwk, std::string_view name) {
  JWTCORE_ASSIGN(auto s, need_string(jwk, name));
  Bytes out;
  Status st = base64url::decode(s, out);
  if (!st) return error(st.code(), member(name) + ": " + st.message());
  if (out.empty()) return error(JWTCORE_E_KEY_INVALID, member(name) + " is empty");
  return out;
}

// Private members (d, p, q, dp, dq, qi, k) use the constant-time decoder (SECURITY.md #21).
Result<std::optional<SecretBytes>> find_secret(const json::Value &jwk, std::string_view name) {
  JWTCORE_ASSIGN(auto s, find_string(jwk, name));
  if (!s) return std::optional<SecretBytes>();
  SecretBytes out;
  Status st = base64url::decode_secret(*s, out, name);
  if (!st) return error(st.code(), "JWK " + st.message());
  return std::optional<SecretBytes>(std::move(out));
}

Status check_length(std::string_view name, size_t have, size_t need, std::string_view curve) {
  if (have == need) return Status::ok();
  return error(JWTCORE_E_KEY_INVALID, member(name) + " decodes to " + std::to_string(have) + " bytes, " +
                                          std::string(curve) + " needs " + std::to_string(need));
}

// ---- metadata ---------------------------------------------------------------------------------

Status parse_key_ops(const json::Value &v, KeyOps &ops) {
  if (!v.is_array()) return wrong_type("key_ops", v, "an array of strings");
  Status st;
  v.each_element([&](json::Value e) {
    auto s = e.as_string();
    if (!s) {
      st = wrong_type("key_ops", e, "an array of strings");
    } else if (auto op = find_jwk_op(*s); !op) {
      st = error(JWTCORE_E_KEY_INVALID, member("key_ops") + " lists unknown operation '" + detail::printable(*s) + "'");
    } else if (ops.has(*op)) {  // RFC 7517 §4.3: duplicate values MUST NOT be present
      st = error(JWTCORE_E_KEY_INVALID, member("key_ops") + " lists '" + std::string(*s) + "' twice");
    } else {
      ops.add(*op);
    }
    return st.is_ok();
  });
  return st;
}

Status check_string_array(const json::Value &jwk, std::string_view name) {
  auto v = jwk.find(name);
  if (!v) return Status::ok();
  bool ok = v->is_array();
  v->each_element([&](json::Value e) { return ok = e.is_string(); });
  return ok ? Status::ok() : wrong_type(name, *v, "an array of strings");
}

Status parse_alg(std::string_view name, KeyAttributes &a) {
  if (const AlgInfo *info = find_alg(name)) {
    a.alg = info->alg;
  } else if (const EncInfo *enc = find_enc(name)) {
    a.enc = enc->enc;  // RFC 7520 §5.6: an oct key for "dir" carries the enc as its alg
  } else {
    return error(JWTCORE_E_UNKNOWN_ALG, member("alg") + " names unknown algorithm '" + detail::printable(name) + "'");
  }
  return Status::ok();
}

Result<KeyAttributes> parse_attributes(const json::Value &jwk) {
  KeyAttributes a;
  JWTCORE_ASSIGN(auto kid, find_string(jwk, "kid"));
  if (kid) {
    if (kid->empty()) return error(JWTCORE_E_KEY_INVALID, member("kid") + " is empty");
    a.kid = std::string(*kid);
  }
  JWTCORE_ASSIGN(auto use, find_string(jwk, "use"));
  if (use) {
    if (*use == "sig") {
      a.use = KeyUse::sig;
    } else if (*use == "enc") {
      a.use = KeyUse::enc;
    } else {
      return error(JWTCORE_E_KEY_INVALID, member("use") + " must be \"sig\" or \"enc\", found \"" +
                                              detail::printable(*use) + "\"");
    }
  }
  if (auto ops = jwk.find("key_ops")) {
    a.key_ops.emplace();
    JWTCORE_TRY(parse_key_ops(*ops, *a.key_ops));
    if (a.key_ops->empty()) return error(JWTCORE_E_KEY_INVALID, member("key_ops") + " is empty");
  }
  JWTCORE_ASSIGN(auto alg, find_string(jwk, "alg"));
  if (alg) JWTCORE_TRY(parse_alg(*alg, a));
  // X.509 members are never a source of trust here; only their shape is checked.
  JWTCORE_TRY(check_string_array(jwk, "x5c"));
  for (std::string_view name : {"x5u", "x5t", "x5t#S256"}) JWTCORE_TRY(find_string(jwk, name));
  return a;
}

// ---- material ---------------------------------------------------------------------------------

Result<KeyCurve> parse_curve(const json::Value &jwk, KeyType type) {
  JWTCORE_ASSIGN(auto crv, need_string(jwk, "crv"));
  if (crv == "Ed448" || crv == "X448") {
    return error(JWTCORE_E_KEY_UNSUPPORTED, std::string(crv) + " is not supported (JWK member 'crv')");
  }
  auto curve = find_curve(crv);
  if (!curve) {
    return error(JWTCORE_E_KEY_UNSUPPORTED, member("crv") + " names unsupported curve '" + detail::printable(crv) + "'");
  }
  const bool okp_curve = *curve == KeyCurve::ed25519 || *curve == KeyCurve::x25519;
  if (okp_curve != (type == KeyType::okp)) {
    return error(JWTCORE_E_KEY_INVALID, member("crv") + " is " + std::string(crv) + ", not a curve of kty " +
                                            std::string(key_type_name(type)));
  }
  return *curve;
}

Result<crypto::AnyKey> import_rsa(const json::Value &jwk, const KeyImportOptions &options) {
  if (jwk.find("oth")) {
    return error(JWTCORE_E_KEY_UNSUPPORTED, member("oth") + " (multi-prime RSA) is not supported");
  }
  JWTCORE_ASSIGN(Bytes n, need_public(jwk, "n"));
  JWTCORE_ASSIGN(Bytes e, need_public(jwk, "e"));
  JWTCORE_ASSIGN(auto d, find_secret(jwk, "d"));
  static constexpr std::string_view kCrt[] = {"p", "q", "dp", "dq", "qi"};
  std::optional<SecretBytes> crt[5];
  size_t present = 0;
  for (size_t i = 0; i < 5; ++i) {
    JWTCORE_ASSIGN(crt[i], find_secret(jwk, kCrt[i]));
    if (crt[i]) ++present;
  }
  for (size_t i = 0; i < 5; ++i) {
    if (crt[i] && !d) return error(JWTCORE_E_KEY_INVALID, member(kCrt[i]) + " is present without 'd'");
    // RFC 7518 §6.3.2: the CRT parameters come as a set (all or none).
    if (!crt[i] && present != 0) {
      return error(JWTCORE_E_KEY_INVALID, member(kCrt[i]) + " is missing: p, q, dp, dq and qi come together");
    }
  }
  if (d && d->empty()) return error(JWTCORE_E_KEY_INVALID, member("d") + " is empty");
  auto view = [](const std::optional<SecretBytes> &v) { return v ? bytes_view(*v) : bytes_view(); };
  crypto::RsaComponentsView c{n, e, view(d), view(crt[0]), view(crt[1]), view(crt[2]), view(crt[3]), view(crt[4])};
  JWTCORE_ASSIGN(auto key, crypto::RsaKey::from_components(c, options.rsa));
  return crypto::AnyKey(std::move(key));
}

Result<crypto::AnyKey> import_ec(const json::Value &jwk, KeyCurve curve) {
  const crypto::Curve c = *detail::ec_curve(curve);
  const size_t len = crypto::curve_field_bytes(c);
  const std::string_view crv = curve_name(curve);
  JWTCORE_ASSIGN(Bytes x, need_public(jwk, "x"));
  JWTCORE_TRY(check_length("x", x.size(), len, crv));
  JWTCORE_ASSIGN(Bytes y, need_public(jwk, "y"));
  JWTCORE_TRY(check_length("y", y.size(), len, crv));
  JWTCORE_ASSIGN(auto d, find_secret(jwk, "d"));
  if (d) JWTCORE_TRY(check_length("d", d->size(), len, crv));
  auto key = crypto::EcKey::from_coordinates(c, x, y, d ? bytes_view(*d) : bytes_view());
  if (!key) {
    const Status &st = key.status();
    if (st.code() == JWTCORE_E_POINT_INVALID) {
      return error(st.code(), "JWK members 'x' and 'y' are not a valid " + std::string(crv) + " point: " + st.message());
    }
    return key.take_status();
  }
  return crypto::AnyKey(std::move(key).value());
}

template <class K>
Result<crypto::AnyKey> wrap(Result<K> key) {
  if (!key) return key.take_status();
  return crypto::AnyKey(std::move(key).value());
}

Result<crypto::AnyKey> import_okp(const json::Value &jwk, KeyCurve curve) {
  const std::string_view crv = curve_name(curve);
  JWTCORE_ASSIGN(Bytes x, need_public(jwk, "x"));
  JWTCORE_TRY(check_length("x", x.size(), 32, crv));
  JWTCORE_ASSIGN(auto d, find_secret(jwk, "d"));
  if (d) JWTCORE_TRY(check_length("d", d->size(), 32, crv));
  if (curve == KeyCurve::ed25519) {
    return d ? wrap(crypto::Ed25519Key::from_seed(*d, x)) : wrap(crypto::Ed25519Key::from_public(x));
  }
  return d ? wrap(crypto::X25519Key::from_private(*d, x)) : wrap(crypto::X25519Key::from_public(x));
}

Result<KeyType> parse_kty(const json::Value &jwk) {
  JWTCORE_ASSIGN(auto kty, need_string(jwk, "kty"));
  for (auto t : {KeyType::oct, KeyType::rsa, KeyType::ec, KeyType::okp})
    if (kty == key_type_name(t)) return t;
  return error(JWTCORE_E_KEY_UNSUPPORTED, member("kty") + " names unsupported key type '" + detail::printable(kty) + "'");
}

}  // namespace

Result<KeyPtr> key_from_jwk(const json::Value &jwk, const KeyImportOptions &options) {
  if (!jwk.is_object()) {
    return error(JWTCORE_E_KEY_INVALID, std::string("a JWK must be a JSON object, found ") + json::type_name(jwk.type()));
  }
  JWTCORE_ASSIGN(KeyType type, parse_kty(jwk));
  JWTCORE_ASSIGN(KeyAttributes attrs, parse_attributes(jwk));
  if (type == KeyType::oct) {
    JWTCORE_ASSIGN(auto k, find_secret(jwk, "k"));
    if (!k) return missing("k");
    return Key::create_secret(*k, std::move(attrs));
  }
  Result<crypto::AnyKey> material = error(JWTCORE_E_INTERNAL, "unreachable");
  if (type == KeyType::rsa) {
    material = import_rsa(jwk, options);
  } else {
    JWTCORE_ASSIGN(KeyCurve curve, parse_curve(jwk, type));
    material = type == KeyType::ec ? import_ec(jwk, curve) : import_okp(jwk, curve);
  }
  if (!material) return material.take_status();
  return Key::create(std::move(material).value(), std::move(attrs));
}

Result<KeyPtr> key_from_jwk(std::string_view text, const KeyImportOptions &options) {
  json::Document doc;
  JWTCORE_TRY(doc.parse_object(text, kJwkLimits, "JWK"));
  return key_from_jwk(doc.root(), options);
}

}  // namespace jwtcore
