// JWE header checks made before any key is touched (RFC 7516 §5.2 steps 3-6, RFC 8725 §3.1):
// what the header may contain, which algorithms the policy allows, and the exact types and
// lengths of the key-management parameters (RFC 7518 §4.6.1, §4.7.1, §4.8.1).
#include <string>

#include "base64url.hpp"
#include "jwe_internal.hpp"
#include "jwk.hpp"

namespace jwtcore::detail {
namespace {

std::string allowed_text(const std::string &described) { return described.empty() ? "none configured" : described; }

Status check_alg(const JweHeader &h, const JwePolicy &policy, RecipientHeader &out) {
  auto value = h.find("alg");
  if (!value) return error(JWTCORE_E_HEADER, "header member 'alg' is missing");
  auto name = value->as_string();
  if (!name) {
    return error(JWTCORE_E_HEADER, std::string("header member 'alg' must be a string, found ") + json::type_name(value->type()));
  }
  const AlgInfo *info = find_alg(*name);
  if (info == nullptr || info->kind != AlgKind::key_management || !policy.allowed.has(info->alg)) {
    return error(JWTCORE_E_ALG_NOT_ALLOWED, "alg '" + quote_name(*name) + "' is not allowed for decryption (allowed: " +
                                                allowed_text(policy.allowed.describe()) + ")");
  }
  // RFC 8725 §3.2 / RFC 7516 §11.5: RSA1_5 invites Bleichenbacher-style attacks; PBES2 lets the
  // sender choose the decrypter's work. Both need an explicit opt-in besides the allow-list.
  if (info->alg == Alg::rsa1_5 && !policy.allow_rsa1_5) {
    return error(JWTCORE_E_ALG_NOT_ALLOWED, "alg 'RSA1_5' is disabled; it must be enabled explicitly");
  }
  if (is_pbes2(info->alg) && policy.pbes2_max_p2c == 0) {
    return error(JWTCORE_E_ALG_NOT_ALLOWED, "alg '" + std::string(info->name) + "' is disabled; PBES2 must be enabled explicitly");
  }
  out.alg = info;
  return Status::ok();
}

Status check_enc(const JweHeader &h, const JwePolicy &policy, RecipientHeader &out) {
  auto value = h.find("enc");
  if (!value) return error(JWTCORE_E_HEADER, "header member 'enc' is missing");
  auto name = value->as_string();
  if (!name) {
    return error(JWTCORE_E_HEADER, std::string("header member 'enc' must be a string, found ") + json::type_name(value->type()));
  }
  const EncInfo *info = find_enc(*name);
  if (info == nullptr || !policy.allowed_enc.has(info->enc)) {
    return error(JWTCORE_E_ENC_NOT_ALLOWED, "enc '" + quote_name(*name) + "' is not allowed (allowed: " +
                                                allowed_text(policy.allowed_enc.describe()) + ")");
  }
  out.enc = info;
  return Status::ok();
}

// A base64url header member of an exact length (or a range), decoded into `out`.
Status fixed_member(const JweHeader &h, std::string_view name, size_t min, size_t max, const char *why, Bytes &out) {
  JWTCORE_ASSIGN(auto text, h.string_member(name));
  if (!text) return error(JWTCORE_E_HEADER, "header member '" + std::string(name) + "' is missing (" + why + ")");
  out.clear();
  if (base64url::decoded_size(text->size()) > max + 2) {
    return error(JWTCORE_E_HEADER, "header member '" + std::string(name) + "' is longer than " + std::to_string(max) +
                                       " bytes (" + why + ")");
  }
  Status st = base64url::decode(*text, out);
  if (!st) return error(JWTCORE_E_HEADER, "header member '" + std::string(name) + "': " + st.message());
  if (out.size() < min || out.size() > max) {
    const std::string need = min == max ? std::to_string(min) : std::to_string(min) + " … " + std::to_string(max);
    return error(JWTCORE_E_HEADER, "header member '" + std::string(name) + "' decodes to " + std::to_string(out.size()) +
                                       " bytes; " + why + " needs " + need);
  }
  return Status::ok();
}

// RFC 7518 §4.8.1.2: p2c is checked against the policy before PBKDF2 runs (SECURITY.md #9).
Status read_p2c(const JweHeader &h, const JwePolicy &policy, uint32_t &out) {
  auto value = h.find("p2c");
  if (!value) return error(JWTCORE_E_HEADER, "header member 'p2c' is missing (PBES2)");
  auto n = value->as_int64();
  if (!n) {
    return error(JWTCORE_E_HEADER, std::string("header member 'p2c' must be an integer, found ") + json::type_name(value->type()));
  }
  const uint32_t cap = policy.pbes2_max_p2c;
  if (*n < static_cast<int64_t>(kPbes2MinIterations) || *n > static_cast<int64_t>(cap)) {
    return error(JWTCORE_E_LIMIT_ITERATIONS, "PBES2 'p2c' is " + std::to_string(*n) + "; the policy allows " +
                                                 std::to_string(kPbes2MinIterations) + " … " + std::to_string(cap));
  }
  out = static_cast<uint32_t>(*n);
  return Status::ok();
}

// An optional base64url member (apu, apv); the header size limit bounds its length.
Status optional_b64(const JweHeader &h, std::string_view name, Bytes &out) {
  JWTCORE_ASSIGN(auto text, h.string_member(name));
  out.clear();
  if (!text) return Status::ok();
  Status st = base64url::decode(*text, out);
  if (!st) return error(JWTCORE_E_HEADER, "header member '" + std::string(name) + "': " + st.message());
  return Status::ok();
}

// RFC 7518 §4.6.1.1: epk is the sender's ephemeral *public* key, validated on its own curve here
// (exact member lengths, point on the curve). A point that parses but is not on its curve is a
// cryptographic failure (reported as decrypt_failure() when a key tries it, SECURITY.md #7);
// everything else is a malformed header.
Status read_epk(const JweHeader &h, KeyMgmtParams &p) {
  auto epk = h.find("epk");
  if (!epk) return error(JWTCORE_E_HEADER, "header member 'epk' is missing (ECDH-ES)");
  if (!epk->is_object()) return error(JWTCORE_E_HEADER, "header member 'epk' must be a JWK object");
  if (epk->find("d")) return error(JWTCORE_E_HEADER, "header member 'epk' carries a private key member 'd'");
  auto kty = epk->find("kty");
  auto crv = epk->find("crv");
  KeyCurve curve = KeyCurve::none;
  if (crv && crv->as_string()) curve = find_curve(*crv->as_string()).value_or(KeyCurve::none);
  const bool ec = kty && kty->as_string() == std::string_view("EC") && detail::ec_curve(curve).has_value();
  const bool okp = kty && kty->as_string() == std::string_view("OKP") && curve == KeyCurve::x25519;
  if (!ec && !okp) {
    return error(JWTCORE_E_HEADER, "header member 'epk' must be an EC (P-256, P-384, P-521, secp256k1) or OKP X25519 public key");
  }
  p.epk_curve = curve;
  auto key = key_from_jwk(*epk);
  if (key) {
    p.epk = std::move(key).value();
    return Status::ok();
  }
  if (key.status().code() == JWTCORE_E_POINT_INVALID) return Status::ok();  // p.epk stays null
  return error(JWTCORE_E_HEADER, "header member 'epk': " + key.status().message());
}

Status read_key_mgmt(const JweHeader &h, const JwePolicy &policy, Alg alg, KeyMgmtParams &p) {
  if (is_gcmkw(alg)) {
    // RFC 7518 §4.7.1: a 96-bit IV and a 128-bit tag, nothing else (SECURITY.md #12).
    JWTCORE_TRY(fixed_member(h, "iv", 12, 12, "AES-GCM key wrap", p.iv));
    return fixed_member(h, "tag", 16, 16, "AES-GCM key wrap", p.tag);
  }
  if (is_pbes2(alg)) {
    JWTCORE_TRY(fixed_member(h, "p2s", kP2sMin, kP2sMax, "PBES2", p.p2s));
    return read_p2c(h, policy, p.p2c);
  }
  if (is_ecdh(alg)) {
    JWTCORE_TRY(optional_b64(h, "apu", p.apu));
    JWTCORE_TRY(optional_b64(h, "apv", p.apv));
    return read_epk(h, p);
  }
  return Status::ok();
}

}  // namespace

void wipe(SecretBytes &b) noexcept {
  if (!b.empty()) secure_zero(b.data(), b.size());
  b.clear();
}

Result<std::optional<std::string_view>> JweHeader::string_member(std::string_view name) const {
  auto v = find(name);
  if (!v) return std::optional<std::string_view>();
  auto s = v->as_string();
  if (!s) {
    return error(JWTCORE_E_HEADER, "header member '" + std::string(name) + "' must be a string, found " +
                                       json::type_name(v->type()));
  }
  return std::optional<std::string_view>(*s);
}

Status check_recipient_header(const JweHeader &h, const JwePolicy &policy, RecipientHeader &out) {
  JWTCORE_TRY(h.jose().check_disjoint(h.shared()));
  JWTCORE_TRY(check_alg(h, policy, out));
  JWTCORE_TRY(check_enc(h, policy, out));
  if (h.find("zip")) {
    return error(JWTCORE_E_ZIP_UNSUPPORTED, "header member 'zip' is present but compression is not supported "
                                            "(libjwtcore is built without zlib)");
  }
  // JWE defines no critical parameter of its own here: only the caller's names are understood.
  JWTCORE_TRY(h.jose().check_crit({}, policy.understood_crit, h.shared()));
  JWTCORE_ASSIGN(out.kid, h.string_member("kid"));
  JWTCORE_TRY(h.string_member("cty"));
  JWTCORE_TRY(h.string_member("typ"));
  return read_key_mgmt(h, policy, out.alg->alg, out.params);
}

}  // namespace jwtcore::detail
