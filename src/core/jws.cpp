#include "jws.hpp"

#include <algorithm>
#include <cctype>

#include "base64url.hpp"
#include "crypto/ec.hpp"
#include "crypto/hmac.hpp"
#include "crypto/okp.hpp"
#include "crypto/rsa.hpp"
#include "jose_header.hpp"
#include "verifier.hpp"

namespace jwtcore {
namespace {

// How far a signature got before failing: with several signatures, the error of the one that
// got furthest is the most useful to report.
enum class Stage { format = 0, algorithm = 1, key = 2, signature = 3 };

struct Attempt {
  Status status;
  Stage stage = Stage::format;
  bool set = false;
};

void keep_best(Attempt &best, Status st, Stage stage) {
  if (!best.set || stage > best.stage) best = {std::move(st), stage, true};
}

crypto::Hash hash_of(DigestKind d) {
  switch (d) {
    case DigestKind::sha384: return crypto::Hash::sha384;
    case DigestKind::sha512: return crypto::Hash::sha512;
    default: return crypto::Hash::sha256;
  }
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// RFC 7515 §4.1.9: "typ" values compare case-insensitively, and "application/" may be omitted.
bool typ_matches(std::string_view got, std::string_view want) {
  auto strip = [](std::string_view s) {
    constexpr std::string_view prefix = "application/";
    if (s.size() > prefix.size() && iequals(s.substr(0, prefix.size()), prefix)) s.remove_prefix(prefix.size());
    return s;
  };
  return iequals(strip(got), strip(want));
}

// What verification needs from one signature's header, after validation.
struct SigHeader {
  const AlgInfo *alg = nullptr;
  bool b64 = true;
  std::optional<std::string_view> kid;
  bool embedded_key = false;
};

Status parse_protected(std::string_view b64, const JwsLimits &limits, JwsScratch &s) {
  if (base64url::decoded_size(b64.size()) > limits.max_header) {
    return error(JWTCORE_E_LIMIT_SIZE, "protected header of about " + std::to_string(base64url::decoded_size(b64.size())) +
                                           " bytes exceeds the limit of " + std::to_string(limits.max_header));
  }
  s.header_json.clear();
  JWTCORE_TRY(base64url::decode(b64, s.header_json));
  return s.header_doc.parse_object(bytes_view(s.header_json).as_string(), {limits.max_header, limits.max_depth},
                                   "JOSE header");
}

Status check_alg(const JoseHeader &h, const JwsPolicy &policy, SigHeader &out) {
  auto alg_value = h.find("alg");
  if (!alg_value) return error(JWTCORE_E_HEADER, "header member 'alg' is missing");
  auto name = alg_value->as_string();
  if (!name) {
    return error(JWTCORE_E_HEADER, std::string("header member 'alg' must be a string, found ") +
                                       json::type_name(alg_value->type()));
  }
  // An unprotected "alg" (RFC 7520 §4.7) is legal: swapping it can only select another allowed
  // algorithm, and the key binding in Key::permits() still has to agree.
  // RFC 8725 §3.1: "none" is refused in every spelling unless explicitly enabled, and then only
  // in its exact registered spelling.
  if (iequals(*name, "none") && !(*name == "none" && policy.allow_none && policy.allowed.has(Alg::none))) {
    return error(JWTCORE_E_ALG_NOT_ALLOWED, "alg '" + quote_name(*name) + "' (unsecured JWS) is not allowed");
  }
  const AlgInfo *info = find_alg(*name);
  if (info == nullptr || info->kind != AlgKind::signature || !policy.allowed.has(info->alg)) {
    return error(JWTCORE_E_ALG_NOT_ALLOWED, "alg '" + quote_name(*name) + "' is not allowed (allowed: " +
                                                (policy.allowed.empty() ? std::string("none configured")
                                                                        : policy.allowed.describe()) + ")");
  }
  out.alg = info;
  return Status::ok();
}

Status check_header(const JoseHeader &h, const JwsPolicy &policy, SigHeader &out) {
  JWTCORE_TRY(h.check_disjoint());
  JWTCORE_TRY(check_alg(h, policy, out));
  if (auto b64 = h.find("b64")) {
    auto v = b64->as_bool();
    if (!v) return error(JWTCORE_E_HEADER, "header member 'b64' must be a boolean");
    if (!h.find_protected("b64")) return error(JWTCORE_E_HEADER, "header member 'b64' must be in the protected header");
    out.b64 = *v;
  }
  JWTCORE_TRY(h.check_crit({"b64"}, policy.understood_crit));
  if (!out.b64) {
    // RFC 7797 §6: an unencoded payload is only safe when every recipient must understand it.
    bool listed = false;
    if (auto crit = h.find_protected("crit")) {
      crit->each_element([&](json::Value v) { listed = listed || v.as_string() == std::string_view("b64"); return !listed; });
    }
    if (!listed) return error(JWTCORE_E_HEADER, "'b64': false requires 'crit' to list \"b64\" (RFC 7797 §6)");
  }
  JWTCORE_ASSIGN(out.kid, h.string_member("kid"));
  JWTCORE_ASSIGN(auto typ, h.string_member("typ"));
  if (policy.required_typ && (!typ || !typ_matches(*typ, *policy.required_typ))) {
    return error(JWTCORE_E_TYP_MISMATCH, typ ? "header 'typ' is '" + quote_name(*typ) + "', expected '" + *policy.required_typ + "'"
                                             : "header 'typ' is missing, expected '" + *policy.required_typ + "'");
  }
  JWTCORE_TRY(h.string_member("cty"));
  out.embedded_key = h.has_embedded_key();
  return Status::ok();
}

// Tries the candidate keys for one signature. Keys whose kid equals the header's are
// candidates; if the header names a kid no key carries, keys without a kid are tried (a
// verifier configured with one anonymous key); without a kid in the header, every key is.
Attempt verify_with_keys(const KeyRing &ring, const SigHeader &h, bytes_view signing_input, bytes_view sig,
                         const KeyPtr *&used) {
  Attempt best;
  bool tried = false;
  bool matched_kid = false;
  auto try_key = [&](const KeyPtr &key) {
    Status permit = key->permits(h.alg->alg, KeyOp::verify);
    if (!permit) {
      keep_best(best, std::move(permit), Stage::key);
      return false;
    }
    tried = true;
    Status st = jws_check_signature(*key, h.alg->alg, signing_input, sig);
    if (st) {
      used = &key;
      best = {Status::ok(), Stage::signature, true};
      return true;
    }
    keep_best(best, std::move(st), Stage::signature);
    return false;
  };
  auto visit = [&](bool want_kid_match) {
    for (const auto &key : ring.keys) {
      const bool kid_equal = h.kid && key->kid() == *h.kid;
      if (want_kid_match ? kid_equal : (!h.kid || key->kid().empty())) {
        matched_kid = matched_kid || kid_equal;
        if (try_key(key)) return true;
      }
    }
    for (const auto &set : ring.sets) {
      if (want_kid_match) {
        // A set resolves its own kids: ambiguous or skipped twins fail the lookup (KeySet::find_index).
        if (!set->names(*h.kid)) continue;
        matched_kid = true;
        auto index = set->find_index(*h.kid);
        if (!index) {
          keep_best(best, index.take_status(), Stage::key);
          continue;
        }
        if (try_key(set->at(*index))) return true;
        continue;
      }
      for (size_t i = 0; i < set->size(); ++i) {
        const KeyPtr &key = set->at(i);
        if (!h.kid || key->kid().empty()) {
          if (try_key(key)) return true;
        }
      }
    }
    return false;
  };
  if (h.kid) {
    if (visit(true)) return best;
    if (!matched_kid && visit(false)) return best;
  } else if (visit(false)) {
    return best;
  }
  if (!tried && (!best.set || best.stage < Stage::key)) {
    best = {error(JWTCORE_E_KEY_NOT_FOUND, h.kid ? "no key with kid '" + quote_name(*h.kid) + "' for alg " + std::string(h.alg->name)
                                                 : "no key for alg " + std::string(h.alg->name)),
            Stage::key, true};
  }
  return best;
}

Attempt verify_signature(const KeyRing &ring, const SigHeader &h, bytes_view signing_input, bytes_view sig,
                         const KeyPtr *&used) {
  if (h.alg->alg == Alg::none) {
    // Reached only when the caller enabled "none" explicitly (check_alg).
    if (!sig.empty()) return {error(JWTCORE_E_BAD_SIGNATURE, "alg 'none' with a non-empty signature"), Stage::signature, true};
    used = nullptr;
    return {Status::ok(), Stage::signature, true};
  }
  if (ring.empty()) return {error(JWTCORE_E_KEY_NOT_FOUND, "no verification keys configured"), Stage::key, true};
  return verify_with_keys(ring, h, signing_input, sig, used);
}

bool same_policy(const JwsHeaderCache &c, const JwsPolicy &p) {
  return c.allowed == p.allowed && c.allow_none == p.allow_none && c.required_typ == p.required_typ &&
         c.understood_crit == p.understood_crit && c.max_header == p.limits.max_header && c.max_depth == p.limits.max_depth;
}

void fill_cache(JwsHeaderCache &c, std::string_view b64, const JwsScratch &s, const JwsPolicy &p, const SigHeader &h) {
  c.b64.assign(b64);
  c.json.assign(bytes_view(s.header_json).as_string());
  c.allowed = p.allowed;
  c.allow_none = p.allow_none;
  c.required_typ = p.required_typ;
  c.understood_crit = p.understood_crit;
  c.max_header = p.limits.max_header;
  c.max_depth = p.limits.max_depth;
  c.alg = h.alg->alg;
  c.b64_payload = h.b64;
  c.has_kid = h.kid.has_value();
  c.kid.assign(h.kid.value_or(std::string_view()));
  c.embedded_key = h.embedded_key;
  c.valid = true;
}

// The checked header of a compact JWS: from the scratch's cache when this header passed the
// same checks last time (JwsHeaderCache), else decoded, parsed, checked and cached. `out.kid`
// points into the cache, valid until the next call with this scratch.
Status compact_header(std::string_view b64, const JwsPolicy &policy, JwsScratch &scratch, SigHeader &out) {
  JwsHeaderCache &c = scratch.compact_header;
  if (!(c.valid && c.b64 == b64 && same_policy(c, policy))) {
    c.valid = false;
    JWTCORE_TRY(parse_protected(b64, policy.limits, scratch));
    SigHeader h;
    JWTCORE_TRY(check_header(JoseHeader(scratch.header_doc.root(), std::nullopt), policy, h));
    fill_cache(c, b64, scratch, policy, h);
  }
  out.alg = &alg_info(c.alg);
  out.b64 = c.b64_payload;
  out.kid = c.has_kid ? std::optional<std::string_view>(c.kid) : std::nullopt;
  out.embedded_key = c.embedded_key;
  return Status::ok();
}

size_t count_dots(std::string_view s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '.')); }

Status token_format(std::string_view token) {
  const size_t dots = count_dots(token);
  if (dots == 4) {
    return error(JWTCORE_E_TOKEN_FORMAT, "token has 5 parts: it is a JWE, not a JWS (use the decryption API)");
  }
  return error(JWTCORE_E_TOKEN_FORMAT, "a compact JWS has exactly 3 parts separated by '.', found " + std::to_string(dots + 1));
}

}  // namespace

std::string EncSet::describe() const {
  std::string out;
  for (unsigned i = 0; i <= static_cast<unsigned>(Enc::a256cbc_hs512); ++i) {
    if (!has(static_cast<Enc>(i))) continue;
    if (!out.empty()) out += ", ";
    out += enc_info(static_cast<Enc>(i)).name;
  }
  return out;
}

std::string AlgSet::describe() const {
  std::string out;
  for (unsigned i = 0; i <= static_cast<unsigned>(Alg::pbes2_hs512_a256kw); ++i) {
    if (!has(static_cast<Alg>(i))) continue;
    if (!out.empty()) out += ", ";
    out += alg_info(static_cast<Alg>(i)).name;
  }
  return out;
}

Status jws_check_signature(const Key &key, Alg alg, bytes_view signing_input, bytes_view signature) {
  const AlgInfo &info = alg_info(alg);
  Status st;
  switch (alg) {
    case Alg::hs256:
    case Alg::hs384:
    case Alg::hs512: {
      const crypto::HmacKey *mac = key.hmac(info.digest);
      if (mac == nullptr) return error(JWTCORE_E_KEY_WEAK, std::string("key too short for ") + std::string(info.name));
      if (!mac->verify(signature, signing_input)) {
        return error(JWTCORE_E_BAD_SIGNATURE, signature.size() == mac->tag_size()
                                                  ? "HMAC does not match"
                                                  : "HMAC tag is " + std::to_string(signature.size()) + " bytes, " +
                                                        std::string(info.name) + " needs " + std::to_string(mac->tag_size()));
      }
      return Status::ok();
    }
    case Alg::rs256: case Alg::rs384: case Alg::rs512:
      st = key.rsa()->verify(crypto::RsaSignatureScheme::pkcs1v15, hash_of(info.digest), signing_input, signature);
      break;
    case Alg::ps256: case Alg::ps384: case Alg::ps512:
      st = key.rsa()->verify(crypto::RsaSignatureScheme::pss, hash_of(info.digest), signing_input, signature);
      break;
    case Alg::es256: case Alg::es384: case Alg::es512: case Alg::es256k:
      st = key.ec()->verify(hash_of(info.digest), signing_input, signature);
      break;
    case Alg::eddsa: case Alg::ed25519:
      st = key.ed25519()->verify(signing_input, signature);
      break;
    default:
      return error(JWTCORE_E_ALG_NOT_ALLOWED, std::string(info.name) + " is not a signature algorithm");
  }
  if (!st) return error(JWTCORE_E_BAD_SIGNATURE, st.message().empty() ? "signature does not verify" : st.message());
  return Status::ok();
}

Result<Bytes> jws_signature(const Key &key, Alg alg, bytes_view signing_input) {
  const AlgInfo &info = alg_info(alg);
  switch (alg) {
    case Alg::hs256:
    case Alg::hs384:
    case Alg::hs512: {
      const crypto::HmacKey *mac = key.hmac(info.digest);
      if (mac == nullptr) return error(JWTCORE_E_KEY_WEAK, std::string("key too short for ") + std::string(info.name));
      auto tag = mac->mac(signing_input);
      return Bytes(tag.data(), tag.data() + tag.size);
    }
    case Alg::rs256: case Alg::rs384: case Alg::rs512:
      return key.rsa()->sign(crypto::RsaSignatureScheme::pkcs1v15, hash_of(info.digest), signing_input);
    case Alg::ps256: case Alg::ps384: case Alg::ps512:
      return key.rsa()->sign(crypto::RsaSignatureScheme::pss, hash_of(info.digest), signing_input);
    case Alg::es256: case Alg::es384: case Alg::es512: case Alg::es256k:
      return key.ec()->sign(hash_of(info.digest), signing_input);
    case Alg::eddsa: case Alg::ed25519:
      return key.ed25519()->sign(signing_input);
    default:
      return error(JWTCORE_E_ALG_NOT_ALLOWED, std::string(info.name) + " is not a signature algorithm");
  }
}

Status jws_verify_compact(std::string_view token, const JwsPolicy &policy, const KeyRing &keys,
                          std::optional<bytes_view> detached_payload, JwsScratch &scratch, JwsVerified &out,
                          bool want_header) {
  out.payload.clear();
  out.key = nullptr;
  if (token.size() > policy.limits.max_token) {
    return error(JWTCORE_E_LIMIT_SIZE, "token of " + std::to_string(token.size()) + " bytes exceeds the limit of " +
                                           std::to_string(policy.limits.max_token));
  }
  const size_t d1 = token.find('.');
  const size_t d2 = d1 == std::string_view::npos ? d1 : token.find('.', d1 + 1);
  if (d2 == std::string_view::npos || token.find('.', d2 + 1) != std::string_view::npos) return token_format(token);
  const std::string_view header_b64 = token.substr(0, d1);
  const std::string_view payload_part = token.substr(d1 + 1, d2 - d1 - 1);
  const std::string_view sig_b64 = token.substr(d2 + 1);

  SigHeader h;
  JWTCORE_TRY(compact_header(header_b64, policy, scratch, h));

  scratch.signature.clear();
  JWTCORE_TRY(base64url::decode(sig_b64, scratch.signature));

  bytes_view signing_input(token.substr(0, d2));
  if (detached_payload) {
    if (!payload_part.empty()) {
      return error(JWTCORE_E_TOKEN_FORMAT, "a detached payload was supplied but the token carries its own payload");
    }
    auto &in = scratch.signing_input;
    in.assign(header_b64.begin(), header_b64.end());
    in.push_back('.');
    if (h.b64) {
      std::string enc = base64url::encode(*detached_payload);
      in.insert(in.end(), enc.begin(), enc.end());
    } else {
      in.insert(in.end(), detached_payload->begin(), detached_payload->end());
    }
    signing_input = bytes_view(in);
    out.payload.assign(detached_payload->begin(), detached_payload->end());
  } else if (h.b64) {
    // Strict decoding before any cryptography: a non-canonical payload is rejected outright.
    JWTCORE_TRY(base64url::decode(payload_part, out.payload));
  } else {
    out.payload.assign(payload_part.begin(), payload_part.end());
  }

  Attempt a = verify_signature(keys, h, signing_input, scratch.signature, out.key);
  if (!a.status) {
    out.payload.clear();
    return a.status;
  }
  out.alg = h.alg->alg;
  out.signature_index = 0;
  out.embedded_key_ignored = h.embedded_key;
  if (want_header) out.header_json = scratch.compact_header.json;
  return Status::ok();
}

}  // namespace jwtcore

namespace jwtcore {
namespace {

// One signature object of a JSON serialization (or the flattened top level).
struct JsonSignature {
  std::optional<std::string_view> protected_b64;
  std::optional<json::Value> header;
  std::string_view signature_b64;
};

Status read_signature_object(json::Value obj, JsonSignature &out) {
  if (!obj.is_object()) return error(JWTCORE_E_TOKEN_FORMAT, "each element of 'signatures' must be an object");
  if (auto p = obj.find("protected")) {
    auto s = p->as_string();
    if (!s) return error(JWTCORE_E_TOKEN_FORMAT, "member 'protected' must be a string");
    out.protected_b64 = *s;
  }
  if (auto h = obj.find("header")) {
    if (!h->is_object()) return error(JWTCORE_E_TOKEN_FORMAT, "member 'header' must be an object");
    out.header = *h;
  }
  auto sig = obj.find("signature");
  if (!sig || !sig->as_string()) return error(JWTCORE_E_TOKEN_FORMAT, "member 'signature' is missing or not a string");
  out.signature_b64 = *sig->as_string();
  if (!out.protected_b64 && !out.header) {
    return error(JWTCORE_E_TOKEN_FORMAT, "a signature has neither 'protected' nor 'header'");
  }
  return Status::ok();
}

// Verifies one signature of a JSON serialization against `payload_text` (the "payload" member
// as it appears: base64url text, or the raw content when b64 is false).
Attempt verify_json_signature(const JsonSignature &js, std::optional<std::string_view> payload_text,
                              std::optional<bytes_view> detached, const JwsPolicy &policy, const KeyRing &keys,
                              JwsScratch &scratch, JwsVerified &out, SigHeader &h) {
  const std::string_view protected_b64 = js.protected_b64.value_or(std::string_view());
  scratch.header_json.clear();  // a signature without a protected header must not report the previous one's
  if (js.protected_b64) {
    Status st = parse_protected(protected_b64, policy.limits, scratch);
    if (!st) return {st, Stage::format, true};
  } else {
    Status st = scratch.header_doc.parse_object("{}", {16, 2}, "JOSE header");
    if (!st) return {st, Stage::format, true};
  }
  JoseHeader header(scratch.header_doc.root(), js.header);
  if (Status st = check_header(header, policy, h); !st) {
    return {st, st.code() == JWTCORE_E_ALG_NOT_ALLOWED ? Stage::algorithm : Stage::format, true};
  }
  scratch.signature.clear();
  if (Status st = base64url::decode(js.signature_b64, scratch.signature); !st) return {st, Stage::format, true};

  // Signing input: ASCII(BASE64URL(protected)) '.' payload-as-transmitted (RFC 7515 §5.1, RFC 7797 §3).
  auto &in = scratch.signing_input;
  in.assign(protected_b64.begin(), protected_b64.end());
  in.push_back('.');
  out.payload.clear();
  if (detached) {
    if (h.b64) {
      std::string enc = base64url::encode(*detached);
      in.insert(in.end(), enc.begin(), enc.end());
    } else {
      in.insert(in.end(), detached->begin(), detached->end());
    }
    out.payload.assign(detached->begin(), detached->end());
  } else {
    const std::string_view text = payload_text.value_or(std::string_view());
    in.insert(in.end(), text.begin(), text.end());
    if (h.b64) {
      if (Status st = base64url::decode(text, out.payload); !st) return {st, Stage::format, true};
    } else {
      out.payload.assign(text.begin(), text.end());
    }
  }
  return verify_signature(keys, h, bytes_view(in), scratch.signature, out.key);
}

}  // namespace

Status jws_verify(std::string_view input, const JwsPolicy &policy, const KeyRing &keys,
                  std::optional<bytes_view> detached_payload, JwsScratch &scratch, JwsVerified &out, bool want_header) {
  size_t first = input.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || input[first] != '{') {
    return jws_verify_compact(input, policy, keys, detached_payload, scratch, out, want_header);
  }
  out.payload.clear();
  out.key = nullptr;
  if (input.size() > policy.limits.max_token) {
    return error(JWTCORE_E_LIMIT_SIZE, "JWS JSON of " + std::to_string(input.size()) + " bytes exceeds the limit of " +
                                           std::to_string(policy.limits.max_token));
  }
  JWTCORE_TRY(scratch.serialization_doc.parse_object(input, {policy.limits.max_token, policy.limits.max_depth}, "JWS JSON"));
  json::Value root = scratch.serialization_doc.root();

  std::optional<std::string_view> payload_text;
  if (auto p = root.find("payload")) {
    if (!p->as_string()) return error(JWTCORE_E_TOKEN_FORMAT, "member 'payload' must be a string");
    payload_text = *p->as_string();
    if (detached_payload) {
      return error(JWTCORE_E_TOKEN_FORMAT, "a detached payload was supplied but the JWS carries its own payload");
    }
  } else if (!detached_payload) {
    return error(JWTCORE_E_TOKEN_FORMAT, "the JWS has no 'payload' member and no detached payload was supplied");
  }
  auto signatures = root.find("signatures");
  const bool flattened = root.find("signature").has_value();
  if (signatures && (flattened || root.find("protected") || root.find("header"))) {
    return error(JWTCORE_E_TOKEN_FORMAT, "'signatures' cannot be combined with flattened members");
  }
  if (signatures && (!signatures->is_array() || signatures->size() == 0)) {
    return error(JWTCORE_E_TOKEN_FORMAT, "member 'signatures' must be a non-empty array");
  }
  if (!signatures && !flattened) return error(JWTCORE_E_TOKEN_FORMAT, "the JWS JSON has neither 'signatures' nor 'signature'");
  if (signatures && signatures->size() > policy.limits.max_signatures) {
    return error(JWTCORE_E_LIMIT_SIZE, std::to_string(signatures->size()) + " signatures exceed the limit of " +
                                           std::to_string(policy.limits.max_signatures));
  }

  Attempt best;
  size_t index = 0;
  std::optional<bool> b64_seen;
  auto attempt = [&](json::Value obj) {
    JsonSignature js;
    if (Status st = read_signature_object(obj, js); !st) {
      keep_best(best, std::move(st), Stage::format);
      ++index;
      return true;
    }
    SigHeader h;
    Attempt a = verify_json_signature(js, payload_text, detached_payload, policy, keys, scratch, out, h);
    if (h.alg != nullptr && b64_seen && *b64_seen != h.b64) {
      a = {error(JWTCORE_E_HEADER, "signatures disagree on 'b64' (RFC 7797 §3)"), Stage::format, true};
    }
    if (h.alg != nullptr) b64_seen = h.b64;
    if (a.status) {
      out.alg = h.alg->alg;
      out.signature_index = index;
      out.embedded_key_ignored = h.embedded_key;
      if (want_header) out.header_json.assign(scratch.header_json.begin(), scratch.header_json.end());
      best = a;
      return false;
    }
    keep_best(best, std::move(a.status), a.stage);
    ++index;
    return true;
  };
  if (signatures) {
    signatures->each_element(attempt);
  } else {
    attempt(root);
  }
  if (!best.status) out.payload.clear();
  return best.status;
}

namespace {

// Copies the caller's extra header members, refusing those the library must control.
Status copy_members(json::Writer<std::string> &w, json::Value extra, const char *which,
                    std::initializer_list<std::string_view> reserved) {
  Status result;
  extra.each_member([&](std::string_view k, json::Value v) {
    for (auto r : reserved) {
      if (k == r) {
        result = error(JWTCORE_E_INVALID_ARGUMENT, std::string(which) + " may not set '" + std::string(k) +
                                                       "': the library sets it");
        return false;
      }
    }
    w.key(k).raw(v.to_json());
    return true;
  });
  return result;
}

// A protected header given byte for byte (to reproduce published examples, or a peer's exact
// header): it must be a JSON object whose alg is the signer's and whose b64/crit agree with the
// options.
Status check_verbatim_protected(const JwsSignerSpec &s, const JwsSignOptions &o) {
  if (s.protected_json.empty()) {
    // No protected header at all (RFC 7520 §4.7): legal only with a JSON serialization whose
    // unprotected header names the algorithm.
    if (o.serialization == JwsSerialization::compact) {
      return error(JWTCORE_E_INVALID_ARGUMENT, "the compact serialization needs a protected header");
    }
    json::Document u;
    JWTCORE_TRY(u.parse_object(s.unprotected_json.empty() ? std::string_view("{}") : std::string_view(s.unprotected_json),
                               {8 * 1024, 16}, "unprotected header"));
    auto alg = u.root().find("alg");
    if (!alg || alg->as_string() != alg_info(s.alg).name || !o.b64) {
      return error(JWTCORE_E_INVALID_ARGUMENT, "without a protected header, the unprotected header must name the alg");
    }
    return Status::ok();
  }
  json::Document doc;
  JWTCORE_TRY(doc.parse_object(s.protected_json, {8 * 1024, 16}, "protected header"));
  JoseHeader h(doc.root(), std::nullopt);
  JWTCORE_ASSIGN(auto alg, h.string_member("alg"));
  if (!alg || *alg != alg_info(s.alg).name) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "verbatim protected header must carry \"alg\":\"" +
                                                 std::string(alg_info(s.alg).name) + "\"");
  }
  auto b64 = h.find("b64");
  const bool header_b64 = !b64 || b64->as_bool().value_or(true);
  if (header_b64 != o.b64) return error(JWTCORE_E_INVALID_ARGUMENT, "verbatim protected header disagrees with the b64 option");
  std::vector<std::string> none;
  return h.check_crit({"b64"}, none);
}

Result<std::string> build_protected(const JwsSignerSpec &s, const JwsSignOptions &o) {
  if (s.verbatim_protected) {
    JWTCORE_TRY(check_verbatim_protected(s, o));
    return s.protected_json;
  }
  json::Document extra;
  bool caller_kid = false;
  if (!s.protected_json.empty()) {
    JWTCORE_TRY(extra.parse_object(s.protected_json, {8 * 1024, 16}, "protected header"));
    caller_kid = extra.root().find("kid").has_value();  // the caller's kid wins over the key's
  }
  std::string out;
  json::Writer<std::string> w(out);
  w.begin_object().member("alg", alg_info(s.alg).name);
  if (s.include_kid && s.key && !s.key->kid().empty() && !caller_kid) w.member("kid", s.key->kid());
  if (!o.b64) {
    w.key("b64").boolean(false);
    w.key("crit").begin_array().string("b64").end_array();
  }
  if (!s.protected_json.empty()) JWTCORE_TRY(copy_members(w, extra.root(), "protected header", {"alg", "b64", "crit"}));
  w.end_object();
  return out;
}

Status check_signer(const JwsSignerSpec &s, const JwsSignOptions &o) {
  const AlgInfo &info = alg_info(s.alg);
  if (info.kind != AlgKind::signature) {
    return error(JWTCORE_E_ALG_NOT_ALLOWED, std::string(info.name) + " is not a signature algorithm");
  }
  if (s.alg == Alg::none) {
    if (!o.allow_none) return error(JWTCORE_E_ALG_NOT_ALLOWED, "alg 'none' requires the explicit allow-none flag");
    return Status::ok();
  }
  if (!s.key) return error(JWTCORE_E_INVALID_ARGUMENT, "a key is required for " + std::string(info.name));
  return s.key->permits(s.alg, KeyOp::sign);
}

}  // namespace

Result<std::string> jws_sign(bytes_view payload, const std::vector<JwsSignerSpec> &signers, const JwsSignOptions &o) {
  if (signers.empty()) return error(JWTCORE_E_INVALID_ARGUMENT, "at least one signer is required");
  if (o.serialization != JwsSerialization::general && signers.size() != 1) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "compact and flattened serializations carry exactly one signature");
  }
  if (o.serialization == JwsSerialization::compact && !signers[0].unprotected_json.empty()) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "the compact serialization has no unprotected header");
  }
  if (!o.b64 && !o.detached && o.serialization == JwsSerialization::compact &&
      std::find(payload.begin(), payload.end(), '.') != payload.end()) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "an unencoded compact payload may not contain '.' (RFC 7797 §5.2)");
  }
  const std::string payload_text = o.b64 ? base64url::encode(payload) : std::string(payload.as_string());

  struct Part {
    std::string protected_b64;
    std::string signature_b64;
  };
  std::vector<Part> parts;
  for (const auto &s : signers) {
    JWTCORE_TRY(check_signer(s, o));
    JWTCORE_ASSIGN(std::string header, build_protected(s, o));
    if (!s.unprotected_json.empty()) {
      json::Document pd, ud;
      JWTCORE_TRY(pd.parse_object(header.empty() ? std::string_view("{}") : std::string_view(header), {16 * 1024, 16}, "protected header"));
      JWTCORE_TRY(ud.parse_object(s.unprotected_json, {8 * 1024, 16}, "unprotected header"));
      JWTCORE_TRY(JoseHeader(pd.root(), ud.root()).check_disjoint());
      for (auto name : {"alg", "b64", "crit"}) {
        if (ud.root().find(name) && !(s.verbatim_protected && s.protected_json.empty() && std::string_view(name) == "alg")) {
          return error(JWTCORE_E_INVALID_ARGUMENT, std::string("unprotected header may not set '") + name + "'");
        }
      }
    }
    Part part{header.empty() ? std::string() : base64url::encode(header), {}};
    std::string signing_input = part.protected_b64 + "." + payload_text;
    if (s.alg != Alg::none) {
      JWTCORE_ASSIGN(Bytes sig, jws_signature(*s.key, s.alg, signing_input));
      part.signature_b64 = base64url::encode(sig);
    }
    parts.push_back(std::move(part));
  }

  if (o.serialization == JwsSerialization::compact) {
    return parts[0].protected_b64 + "." + (o.detached ? std::string() : payload_text) + "." + parts[0].signature_b64;
  }
  std::string out;
  json::Writer<std::string> w(out);
  w.begin_object();
  if (!o.detached) w.member("payload", payload_text);
  auto write_sig = [&](size_t i) {
    if (!parts[i].protected_b64.empty()) w.member("protected", parts[i].protected_b64);
    if (!signers[i].unprotected_json.empty()) w.key("header").raw(signers[i].unprotected_json);
    w.member("signature", parts[i].signature_b64);
  };
  if (o.serialization == JwsSerialization::flattened) {
    write_sig(0);
  } else {
    w.key("signatures").begin_array();
    for (size_t i = 0; i < parts.size(); ++i) {
      w.begin_object();
      write_sig(i);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  return out;
}

}  // namespace jwtcore
