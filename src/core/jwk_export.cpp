// JWK export and the RFC 7638 thumbprint input, which share the required members.
#include <utility>

#include "base64url.hpp"
#include "crypto/ec.hpp"
#include "crypto/okp.hpp"
#include "jwk.hpp"

namespace jwtcore {
namespace {

using Writer = json::Writer<SecretString>;

void b64_member(Writer &w, std::string_view name, bytes_view value) {
  SecretString quoted;
  quoted.resize(base64url::encoded_size(value.size()) + 2);
  quoted.front() = '"';
  base64url::encode_to(value, quoted.data() + 1);
  quoted.back() = '"';
  w.key(name).raw(quoted);
}

// RFC 7638 §3.2: exactly the required members, in lexicographic order of their names.
void write_required(Writer &w, const Key &key) {
  switch (key.type()) {
    case KeyType::oct:
      b64_member(w, "k", key.secret());
      w.member("kty", "oct");
      break;
    case KeyType::rsa: {
      const crypto::RsaPublicComponents pub = key.rsa()->public_components();
      b64_member(w, "e", pub.e);
      w.member("kty", "RSA");
      b64_member(w, "n", pub.n);
      break;
    }
    case KeyType::ec:
      w.member("crv", curve_name(key.curve()));
      w.member("kty", "EC");
      b64_member(w, "x", key.ec()->x());
      b64_member(w, "y", key.ec()->y());
      break;
    case KeyType::okp:
      w.member("crv", curve_name(key.curve()));
      w.member("kty", "OKP");
      b64_member(w, "x", key.ed25519() ? key.ed25519()->public_key() : key.x25519()->public_key());
      break;
  }
}

Status write_private(Writer &w, const Key &key) {
  if (const crypto::RsaKey *rsa = key.rsa()) {
    JWTCORE_ASSIGN(const crypto::RsaPrivateComponents priv, rsa->private_components());
    b64_member(w, "d", priv.d);
    b64_member(w, "p", priv.p);
    b64_member(w, "q", priv.q);
    b64_member(w, "dp", priv.dp);
    b64_member(w, "dq", priv.dq);
    b64_member(w, "qi", priv.qi);
  } else if (const crypto::EcKey *ec = key.ec()) {
    JWTCORE_ASSIGN(const SecretBytes d, ec->d());
    b64_member(w, "d", d);
  } else if (const crypto::Ed25519Key *ed = key.ed25519()) {
    JWTCORE_ASSIGN(const SecretBytes d, ed->seed());
    b64_member(w, "d", d);
  } else if (const crypto::X25519Key *x = key.x25519()) {
    JWTCORE_ASSIGN(const SecretBytes d, x->private_key());
    b64_member(w, "d", d);
  }
  return Status::ok();
}

void write_metadata(Writer &w, const Key &key) {
  if (!key.kid().empty()) w.member("kid", key.kid());
  if (key.alg()) w.member("alg", alg_info(*key.alg()).name);
  if (key.enc()) w.member("alg", enc_info(*key.enc()).name);
  if (key.use() != KeyUse::none) w.member("use", key_use_name(key.use()));
  if (const auto &ops = key.key_ops()) {
    w.key("key_ops").begin_array();
    for (auto op : {JwkOp::sign, JwkOp::verify, JwkOp::encrypt, JwkOp::decrypt, JwkOp::wrap_key, JwkOp::unwrap_key,
                    JwkOp::derive_key, JwkOp::derive_bits})
      if (ops->has(op)) w.string(jwk_op_name(op));
    w.end_array();
  }
}

}  // namespace

Result<SecretString> key_to_jwk(const Key &key, bool include_private) {
  if (key.type() == KeyType::oct && !include_private) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "an oct key is entirely secret: export it with include_private");
  }
  SecretString out;
  Writer w(out);
  w.begin_object();
  write_required(w, key);
  if (include_private && key.has_private() && key.type() != KeyType::oct) JWTCORE_TRY(write_private(w, key));
  write_metadata(w, key);
  w.end_object();
  return out;
}

SecretString jwk_thumbprint_input(const Key &key) {
  SecretString out;
  Writer w(out);
  w.begin_object();
  write_required(w, key);
  w.end_object();
  return out;
}

}  // namespace jwtcore
