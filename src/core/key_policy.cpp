#include "key_policy.hpp"

#include <string>

namespace jwtcore::detail {
namespace {

std::string name_of(Alg alg) { return std::string(alg_info(alg).name); }
std::string name_of(Enc enc) { return std::string(enc_info(enc).name); }

std::string describe_key(KeyType type, KeyCurve curve) {
  std::string s(key_type_name(type));
  if (curve != KeyCurve::none) s += " " + std::string(curve_name(curve));
  return s;
}

bool is_hs(Alg a) { return a == Alg::hs256 || a == Alg::hs384 || a == Alg::hs512; }
bool is_aes_wrap(Alg a) { return a >= Alg::a128kw && a <= Alg::a256gcmkw; }

// Which "use" an operation or algorithm belongs to (RFC 7517 §4.2).
KeyUse use_of(AlgKind kind) { return kind == AlgKind::signature ? KeyUse::sig : KeyUse::enc; }
KeyUse use_of(JwkOp op) { return op == JwkOp::sign || op == JwkOp::verify ? KeyUse::sig : KeyUse::enc; }
KeyUse use_of(KeyOp op) { return op == KeyOp::sign || op == KeyOp::verify ? KeyUse::sig : KeyUse::enc; }

// An oct key's length against an exact requirement: shorter is weak, longer does not fit.
Status check_exact_length(std::string_view what, size_t need, size_t have) {
  if (have == need) return Status::ok();
  const std::string text = "the key 'k' has " + std::to_string(have) + " bytes; " + std::string(what) +
                           " needs exactly " + std::to_string(need);
  return error(have < need ? JWTCORE_E_KEY_WEAK : JWTCORE_E_KEY_MISMATCH, text);
}

// RFC 7518 §3.2 (HS*: at least the hash length) and §4.4 / §4.7 (AES key wrap: exact size).
Status check_secret_length(Alg alg, size_t n) {
  const AlgInfo &info = alg_info(alg);
  if (is_hs(alg) && n < info.key_bytes) {
    return error(JWTCORE_E_KEY_WEAK, "the key 'k' has " + std::to_string(n) + " bytes; " + name_of(alg) +
                                         " needs at least " + std::to_string(info.key_bytes) + " (RFC 7518 §3.2)");
  }
  if (is_aes_wrap(alg)) return check_exact_length(info.name, info.key_bytes, n);
  return Status::ok();
}

// Ed25519 keys only sign, X25519 keys only agree on keys (RFC 8037 §3): a 'use' or 'key_ops'
// of the other kind makes a key that can never be used, which is a mistake worth reporting.
std::optional<KeyUse> inherent_use(KeyType type, KeyCurve curve) {
  if (type != KeyType::okp) return std::nullopt;
  return curve == KeyCurve::ed25519 ? KeyUse::sig : KeyUse::enc;
}

Status check_use_fits(KeyUse use, KeyUse need, std::string_view why) {
  if (use == KeyUse::none || use == need) return Status::ok();
  return error(JWTCORE_E_KEY_INVALID, "key member 'use' is \"" + std::string(key_use_name(use)) + "\" but " +
                                          std::string(why) + " needs \"" + std::string(key_use_name(need)) + "\"");
}

Status check_ops_fit(const std::optional<KeyOps> &ops, KeyUse need, std::string_view why) {
  if (!ops) return Status::ok();
  for (auto op : {JwkOp::sign, JwkOp::verify, JwkOp::encrypt, JwkOp::decrypt, JwkOp::wrap_key, JwkOp::unwrap_key,
                  JwkOp::derive_key, JwkOp::derive_bits}) {
    if (ops->has(op) && use_of(op) != need) {
      return error(JWTCORE_E_KEY_INVALID, "key member 'key_ops' lists '" + std::string(jwk_op_name(op)) +
                                              "', which " + std::string(why) + " cannot do");
    }
  }
  return Status::ok();
}

// What the key's own 'alg' (or enc binding) and its type imply for 'use' / 'key_ops'.
Status check_purpose(const KeyAttributes &a, KeyType type, KeyCurve curve) {
  if (a.alg) {
    const std::string why = "its 'alg' " + name_of(*a.alg);
    const KeyUse need = use_of(alg_info(*a.alg).kind);
    JWTCORE_TRY(check_use_fits(a.use, need, why));
    JWTCORE_TRY(check_ops_fit(a.key_ops, need, why));
  }
  if (a.enc) {
    const std::string why = "its 'alg' " + name_of(*a.enc) + " (content encryption)";
    JWTCORE_TRY(check_use_fits(a.use, KeyUse::enc, why));
    JWTCORE_TRY(check_ops_fit(a.key_ops, KeyUse::enc, why));
  }
  if (auto need = inherent_use(type, curve)) {
    const std::string why = "an " + std::string(curve_name(curve)) + " key";
    JWTCORE_TRY(check_use_fits(a.use, *need, why));
    JWTCORE_TRY(check_ops_fit(a.key_ops, *need, why));
  }
  // RFC 7517 §4.3: "use" and "key_ops" SHOULD NOT be used together; if both are, they MUST be
  // consistent. We accept both when they agree.
  if (a.use != KeyUse::none) {
    JWTCORE_TRY(check_ops_fit(a.key_ops, a.use, "'use' \"" + std::string(key_use_name(a.use)) + "\""));
  }
  return Status::ok();
}

// The key_ops values that allow `op` with `alg` (RFC 7517 §4.3): JWE key management wraps the
// CEK (wrapKey/unwrapKey, or encrypt/decrypt as many producers write), ECDH-ES agrees on a key
// (deriveKey/deriveBits), dir encrypts the content itself (encrypt/decrypt).
bool ops_allow(const KeyOps &ops, Alg alg, KeyOp op) {
  switch (op) {
    case KeyOp::sign: return ops.has(JwkOp::sign);
    case KeyOp::verify: return ops.has(JwkOp::verify);
    case KeyOp::encrypt:
    case KeyOp::decrypt: break;
  }
  const bool enc = op == KeyOp::encrypt;
  if (is_ecdh(alg)) return ops.has(JwkOp::derive_key) || ops.has(JwkOp::derive_bits);
  const bool content = ops.has(enc ? JwkOp::encrypt : JwkOp::decrypt);
  if (alg == Alg::dir) return content;
  return content || ops.has(enc ? JwkOp::wrap_key : JwkOp::unwrap_key);
}

Status check_op_applies(Alg alg, KeyOp op) {
  if (use_of(alg_info(alg).kind) == use_of(op)) return Status::ok();
  return error(JWTCORE_E_INVALID_ARGUMENT, "operation '" + std::string(key_op_name(op)) + "' does not apply to " +
                                               name_of(alg));
}

Status check_own_binding(const Key &key, Alg alg) {
  if (key.alg() && *key.alg() != alg) {
    return error(JWTCORE_E_KEY_MISMATCH, "the key's 'alg' is " + name_of(*key.alg()) + ", not " + name_of(alg));
  }
  if (key.enc() && alg != Alg::dir) {
    return error(JWTCORE_E_KEY_MISMATCH, "the key's 'alg' is the content encryption " + name_of(*key.enc()) +
                                             ": only 'dir' may use it, not " + name_of(alg));
  }
  return Status::ok();
}

Status check_usage(const Key &key, Alg alg, KeyOp op) {
  const KeyUse need = use_of(op);
  if (key.use() != KeyUse::none && key.use() != need) {
    return error(JWTCORE_E_KEY_USAGE, "the key's 'use' is \"" + std::string(key_use_name(key.use())) +
                                          "\", which forbids " + std::string(key_op_name(op)) + " with " +
                                          name_of(alg));
  }
  if (key.key_ops() && !ops_allow(*key.key_ops(), alg, op)) {
    return error(JWTCORE_E_KEY_USAGE, "the key's 'key_ops' do not allow " + std::string(key_op_name(op)) +
                                          " with " + name_of(alg));
  }
  return Status::ok();
}

// Moduli of Infineon's RSALib are N = k*M + (65537^a mod M) with M the product of small primes,
// so N mod p lies in the subgroup generated by 65537 for each such p (Nemec et al., "The Return
// of Coppersmith's Attack", CCS 2017). A random modulus passes all 38 tests with negligible
// probability.
constexpr unsigned kRocaPrimes[] = {3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37, 41, 43,  47,  53,  59,  61,  67,  71,
                                    73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167};

bool in_subgroup_of_65537(unsigned residue, unsigned p) {
  const unsigned g = 65537u % p;
  unsigned x = 1;
  for (unsigned i = 0; i < p; ++i) {
    x = x * g % p;
    if (x == residue) return true;
  }
  return false;
}

}  // namespace

Status check_alg_fits(Alg alg, KeyType type, KeyCurve curve) {
  const AlgInfo &info = alg_info(alg);
  if (alg == Alg::none) return error(JWTCORE_E_KEY_MISMATCH, "alg 'none' uses no key");
  bool fits = false;
  std::string need;
  if (is_ecdh(alg)) {
    fits = type == KeyType::ec || (type == KeyType::okp && curve == KeyCurve::x25519);
    need = "an EC or OKP X25519";
  } else if (info.curve != KeyCurve::none) {
    fits = type == info.key_type && curve == info.curve;
    need = "an " + describe_key(info.key_type, info.curve);
  } else {
    fits = type == info.key_type;
    need = "an " + describe_key(info.key_type, KeyCurve::none);
  }
  if (fits) return Status::ok();
  return error(JWTCORE_E_KEY_MISMATCH, name_of(alg) + " needs " + need + " key, not " + describe_key(type, curve));
}

Status check_secret_size(size_t n) {
  if (n == 0) return error(JWTCORE_E_KEY_WEAK, "the secret key 'k' is empty");
  if (n > kMaxSecretBytes) {
    return error(JWTCORE_E_LIMIT_SIZE, "the secret key 'k' has " + std::to_string(n) + " bytes, over the limit of " +
                                           std::to_string(kMaxSecretBytes));
  }
  return Status::ok();
}

Status check_attributes(const KeyAttributes &a, KeyType type, KeyCurve curve, size_t secret_size) {
  if (a.alg && a.enc) return error(JWTCORE_E_INTERNAL, "a key cannot carry both an alg and an enc binding");
  if (a.key_ops && a.key_ops->empty()) return error(JWTCORE_E_KEY_INVALID, "key member 'key_ops' is empty");
  if (a.alg) {
    Status fits = check_alg_fits(*a.alg, type, curve);
    if (!fits) return error(fits.code(), "key member 'alg': " + fits.message());
    if (type == KeyType::oct) JWTCORE_TRY(check_secret_length(*a.alg, secret_size));
  }
  if (a.enc) {
    if (type != KeyType::oct) {
      return error(JWTCORE_E_KEY_MISMATCH, "key member 'alg': the content encryption " + name_of(*a.enc) +
                                               " needs an oct key, not " + describe_key(type, curve));
    }
    JWTCORE_TRY(check_exact_length(enc_info(*a.enc).name, enc_info(*a.enc).cek_bytes, secret_size));
  }
  return check_purpose(a, type, curve);
}

bool has_roca_fingerprint(bytes_view n) {
  if (n.empty()) return false;
  for (unsigned p : kRocaPrimes) {
    unsigned r = 0;
    for (uint8_t b : n) r = (r * 256u + b) % p;
    if (!in_subgroup_of_65537(r, p)) return false;
  }
  return true;
}

Status check_rsa_policy(const crypto::RsaKey &key) {
  const crypto::RsaPublicComponents pub = key.public_components();
  if (has_roca_fingerprint(pub.n)) {
    return error(JWTCORE_E_KEY_WEAK, "RSA modulus 'n' has the ROCA fingerprint (CVE-2017-15361): "
                                     "its primes are factorable");
  }
  if (pub.e.size() > 4) {
    return error(JWTCORE_E_KEY_UNSUPPORTED, "RSA public exponent 'e' has " + std::to_string(pub.e.size() * 8) +
                                                " bits; at most 32 are supported");
  }
  return Status::ok();
}

Status check_permits(const Key &key, Alg alg, KeyOp op) {
  JWTCORE_TRY(check_op_applies(alg, op));
  JWTCORE_TRY(check_alg_fits(alg, key.type(), key.curve()));
  JWTCORE_TRY(check_own_binding(key, alg));
  JWTCORE_TRY(check_usage(key, alg, op));
  if (key.type() == KeyType::oct) JWTCORE_TRY(check_secret_length(alg, key.secret().size()));
  if ((op == KeyOp::sign || op == KeyOp::decrypt) && !key.has_private()) {
    return error(JWTCORE_E_KEY_NOT_PRIVATE, std::string(key_op_name(op)) + " with " + name_of(alg) +
                                                " needs a private key; this " +
                                                describe_key(key.type(), key.curve()) + " key is public");
  }
  return Status::ok();
}

Status check_permits_enc(const Key &key, Enc enc) {
  if (key.type() != KeyType::oct) {
    return error(JWTCORE_E_KEY_MISMATCH, "'dir' with " + name_of(enc) + " needs an oct key, not " +
                                             describe_key(key.type(), key.curve()));
  }
  if (key.enc() && *key.enc() != enc) {
    return error(JWTCORE_E_KEY_MISMATCH, "the key's 'alg' is " + name_of(*key.enc()) + ", not " + name_of(enc));
  }
  return check_exact_length("'dir' with " + name_of(enc), enc_info(enc).cek_bytes, key.secret().size());
}

}  // namespace jwtcore::detail
