// JWE decryption (RFC 7516 §5.2) in the compact and both JSON serializations.
#include <algorithm>

#include "base64url.hpp"
#include "jwe_internal.hpp"

namespace jwtcore {
namespace {

// How far a recipient got before failing: with several recipients or keys, the error of the
// attempt that got furthest is the most useful to report. Every decrypt-stage failure is the same
// decrypt_failure(), so the ranking reveals nothing about which cryptographic step failed.
enum class Stage { format = 0, algorithm = 1, key = 2, decrypt = 3 };

struct Attempt {
  Status status;
  Stage stage = Stage::format;
  bool set = false;
};

void keep_best(Attempt &best, Status st, Stage stage) {
  if (!best.set || stage > best.stage) best = {std::move(st), stage, true};
}

Stage stage_of_header_error(int code) {
  switch (code) {
    case JWTCORE_E_ALG_NOT_ALLOWED:
    case JWTCORE_E_ENC_NOT_ALLOWED:
    case JWTCORE_E_LIMIT_ITERATIONS:
    case JWTCORE_E_ZIP_UNSUPPORTED:
      return Stage::algorithm;
    default:
      return Stage::format;
  }
}

// The parts every recipient shares: the content encryption's AAD, IV, ciphertext and tag.
struct Content {
  bytes_view aad;  // ASCII(BASE64URL(protected)) [ '.' BASE64URL(aad) ] (RFC 7516 §5.2 step 14)
  bytes_view iv, ciphertext, tag;
};

Status parse_protected(std::string_view b64, const JweLimits &limits, JweScratch &s) {
  if (base64url::decoded_size(b64.size()) > limits.max_header) {
    return error(JWTCORE_E_LIMIT_SIZE, "protected header of about " + std::to_string(base64url::decoded_size(b64.size())) +
                                           " bytes exceeds the limit of " + std::to_string(limits.max_header));
  }
  s.header_json.clear();
  JWTCORE_TRY(base64url::decode(b64, s.header_json));
  return s.header_doc.parse_object(bytes_view(s.header_json).as_string(), {limits.max_header, limits.max_depth},
                                   "JWE protected header");
}

Status decode_part(std::string_view b64, const char *what, Bytes &out) {
  out.clear();
  Status st = base64url::decode(b64, out);
  if (!st) return error(st.code(), std::string("JWE ") + what + ": " + st.message());
  return Status::ok();
}

// RFC 7518 §5.2.2.1 / §5.3: IV and tag lengths are fixed by enc and checked before any crypto
// (SECURITY.md #12, #13): a truncated or extended tag never reaches the cipher.
Status check_content_lengths(const EncInfo &enc, const Content &c) {
  const size_t iv = jwe_iv_size(enc.enc), tag = jwe_tag_size(enc.enc);
  if (c.iv.size() != iv) {
    return error(JWTCORE_E_TOKEN_FORMAT, "JWE initialization vector is " + std::to_string(c.iv.size()) + " bytes; " +
                                             std::string(enc.name) + " needs " + std::to_string(iv));
  }
  if (c.tag.size() != tag) {
    return error(JWTCORE_E_TOKEN_FORMAT, "JWE authentication tag is " + std::to_string(c.tag.size()) + " bytes; " +
                                             std::string(enc.name) + " needs " + std::to_string(tag));
  }
  return Status::ok();
}

// Calls `try_key` on the candidate keys: those whose kid equals the header's; if the header names
// a kid no key carries, keys without a kid (a decrypter configured with one anonymous key);
// without a kid in the header, every key. Stops when `try_key` returns true.
template <class F>
bool for_each_candidate(const KeyRing &ring, std::optional<std::string_view> kid, F &&try_key) {
  bool matched_kid = false;
  auto visit = [&](bool want_kid_match) {
    auto consider = [&](const KeyPtr &key) {
      const bool kid_equal = kid && key->kid() == *kid;
      if (!(want_kid_match ? kid_equal : (!kid || key->kid().empty()))) return false;
      matched_kid = matched_kid || kid_equal;
      return try_key(key);
    };
    for (const auto &key : ring.keys)
      if (consider(key)) return true;
    for (const auto &set : ring.sets)
      for (size_t i = 0; i < set->size(); ++i)
        if (consider(set->at(i))) return true;
    return false;
  };
  if (kid) return visit(true) || (!matched_kid && visit(false));
  return visit(false);
}

// The key-dependent checks, then the unwrap and the content decryption with one key.
Attempt try_key(const Key &key, const detail::RecipientHeader &h, bytes_view ek, const Content &c, SecretBytes &plaintext) {
  const Alg alg = h.alg->alg;
  const Enc enc = h.enc->enc;
  if (Status st = key.permits(alg, KeyOp::decrypt); !st) return {st, Stage::key, true};
  if (alg == Alg::dir) {
    if (Status st = key.permits_enc(enc); !st) return {st, Stage::key, true};
  }
  if (is_ecdh(alg) && key.curve() != h.params.epk_curve) {
    return {error(JWTCORE_E_KEY_MISMATCH, "header member 'epk' is on " + std::string(curve_name(h.params.epk_curve)) +
                                              ", the key on " + std::string(curve_name(key.curve()))),
            Stage::key, true};
  }
  auto cek = detail::unwrap_cek(key, alg, enc, ek, h.params);
  if (!cek) return {cek.take_status(), Stage::decrypt, true};
  auto pt = jwe_content_decrypt(enc, *cek, c.iv, c.aad, c.ciphertext, c.tag);
  detail::wipe(*cek);
  if (!pt) return {crypto::decrypt_failure(), Stage::decrypt, true};
  plaintext = std::move(pt).value();
  return {Status::ok(), Stage::decrypt, true};
}

// One recipient: header checks (no crypto), its encrypted key, then the candidate keys.
Attempt decrypt_recipient(const detail::JweHeader &header, std::string_view ek_b64, size_t recipient_count,
                          const Content &c, const JwePolicy &policy, const KeyRing &keys, JweScratch &scratch,
                          JweDecrypted &out) {
  detail::RecipientHeader h;
  if (Status st = detail::check_recipient_header(header, policy, h); !st) {
    const Stage stage = stage_of_header_error(st.code());
    return {std::move(st), stage, true};
  }
  if (Status st = check_content_lengths(*h.enc, c); !st) return {st, Stage::format, true};
  if (detail::is_direct(h.alg->alg) && recipient_count != 1) {
    return {error(JWTCORE_E_TOKEN_FORMAT, std::string(h.alg->name) + " allows exactly one recipient (RFC 7518 §4.5, §4.6)"),
            Stage::format, true};
  }
  if (Status st = decode_part(ek_b64, "encrypted key", scratch.encrypted_key); !st) return {st, Stage::format, true};
  if (detail::is_direct(h.alg->alg) && !scratch.encrypted_key.empty()) {
    // RFC 7516 §5.2 step 10: direct key management carries an empty JWE Encrypted Key.
    return {error(JWTCORE_E_TOKEN_FORMAT, "the encrypted key must be empty with " + std::string(h.alg->name)),
            Stage::format, true};
  }
  if (keys.empty()) return {error(JWTCORE_E_KEY_NOT_FOUND, "no decryption keys configured"), Stage::key, true};
  Attempt best;
  bool tried = false;
  for_each_candidate(keys, h.kid, [&](const KeyPtr &key) {
    Attempt a = try_key(*key, h, scratch.encrypted_key, c, out.plaintext);
    tried = tried || a.stage == Stage::decrypt;
    if (a.status) {
      out.key = key;
      out.alg = h.alg->alg;
      out.enc = h.enc->enc;
      best = std::move(a);
      return true;
    }
    keep_best(best, std::move(a.status), a.stage);
    return false;
  });
  if (!tried && (!best.set || best.stage < Stage::key)) {
    const std::string what = h.kid ? "no key with kid '" + quote_name(*h.kid) + "' for alg " : std::string("no key for alg ");
    best = {error(JWTCORE_E_KEY_NOT_FOUND, what + std::string(h.alg->name)), Stage::key, true};
  }
  return best;
}

void reset(JweDecrypted &out) {
  detail::wipe(out.plaintext);
  out.key.reset();
  out.recipient_index = 0;
  out.protected_header.clear();
  out.cty.reset();
}

// After success: the protected header text and its cty (RFC 7516 §4.1.12, RFC 7519 §5.2).
void finish(const JweScratch &s, bool has_protected, JweDecrypted &out) {
  if (!has_protected) return;
  out.protected_header.assign(s.header_json.begin(), s.header_json.end());
  if (auto cty = s.header_doc.root().find("cty"); cty && cty->as_string()) out.cty = std::string(*cty->as_string());
}

Status compact_format_error(std::string_view token) {
  const auto dots = static_cast<size_t>(std::count(token.begin(), token.end(), '.'));
  if (dots == 2) return error(JWTCORE_E_TOKEN_FORMAT, "token has 3 parts: it is a JWS, not a JWE (use the verification API)");
  return error(JWTCORE_E_TOKEN_FORMAT, "a compact JWE has exactly 5 parts separated by '.', found " + std::to_string(dots + 1));
}

Status check_size(std::string_view input, const JweLimits &limits, const char *what) {
  if (input.size() <= limits.max_token) return Status::ok();
  return error(JWTCORE_E_LIMIT_SIZE, std::string(what) + " of " + std::to_string(input.size()) +
                                         " bytes exceeds the limit of " + std::to_string(limits.max_token));
}

}  // namespace

Status jwe_decrypt_compact(std::string_view token, const JwePolicy &policy, const KeyRing &keys, JweScratch &scratch,
                           JweDecrypted &out) {
  reset(out);
  JWTCORE_TRY(check_size(token, policy.limits, "token"));
  std::string_view part[5];
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    const size_t dot = token.find('.', start);
    if (dot == std::string_view::npos) return compact_format_error(token);
    part[i] = token.substr(start, dot - start);
    start = dot + 1;
  }
  part[4] = token.substr(start);
  if (part[4].find('.') != std::string_view::npos) return compact_format_error(token);
  if (part[0].empty()) return error(JWTCORE_E_TOKEN_FORMAT, "a compact JWE needs a protected header");

  JWTCORE_TRY(parse_protected(part[0], policy.limits, scratch));
  JWTCORE_TRY(decode_part(part[2], "initialization vector", scratch.iv));
  JWTCORE_TRY(decode_part(part[3], "ciphertext", scratch.ciphertext));
  JWTCORE_TRY(decode_part(part[4], "authentication tag", scratch.tag));
  const Content content{bytes_view(part[0]), scratch.iv, scratch.ciphertext, scratch.tag};
  const detail::JweHeader header(scratch.header_doc.root(), std::nullopt, std::nullopt);
  Attempt a = decrypt_recipient(header, part[1], 1, content, policy, keys, scratch, out);
  if (!a.status) {
    reset(out);
    return a.status;
  }
  finish(scratch, true, out);
  return Status::ok();
}

namespace {

// The members of a JWE JSON serialization shared by all recipients (RFC 7516 §7.2.1).
struct JsonJwe {
  std::optional<std::string_view> protected_b64;
  std::optional<json::Value> shared;  // "unprotected"
  std::optional<json::Value> recipients;
  bool flattened = false;
};

Result<std::string_view> optional_string(json::Value root, std::string_view name) {
  auto v = root.find(name);
  if (!v) return std::string_view();
  if (!v->as_string()) return error(JWTCORE_E_TOKEN_FORMAT, "member '" + std::string(name) + "' must be a string");
  return *v->as_string();
}

Status read_json_shape(json::Value root, const JweLimits &limits, JsonJwe &out) {
  if (auto p = root.find("protected")) {
    if (!p->as_string()) return error(JWTCORE_E_TOKEN_FORMAT, "member 'protected' must be a string");
    if (!p->as_string()->empty()) out.protected_b64 = *p->as_string();
  }
  if (auto u = root.find("unprotected")) {
    if (!u->is_object()) return error(JWTCORE_E_TOKEN_FORMAT, "member 'unprotected' must be an object");
    out.shared = *u;
  }
  if (!root.find("ciphertext")) return error(JWTCORE_E_TOKEN_FORMAT, "the JWE JSON has no 'ciphertext' member");
  out.recipients = root.find("recipients");
  out.flattened = root.find("header").has_value() || root.find("encrypted_key").has_value();
  if (out.recipients && out.flattened) {
    return error(JWTCORE_E_TOKEN_FORMAT, "'recipients' cannot be combined with flattened members");
  }
  if (out.recipients && (!out.recipients->is_array() || out.recipients->size() == 0)) {
    return error(JWTCORE_E_TOKEN_FORMAT, "member 'recipients' must be a non-empty array");
  }
  if (out.recipients && out.recipients->size() > limits.max_recipients) {
    return error(JWTCORE_E_LIMIT_SIZE, std::to_string(out.recipients->size()) + " recipients exceed the limit of " +
                                           std::to_string(limits.max_recipients));
  }
  return Status::ok();
}

// "header" and "encrypted_key" of one recipient object (or of the flattened top level).
Status read_recipient(json::Value obj, std::optional<json::Value> &header, std::string_view &ek_b64) {
  if (!obj.is_object()) return error(JWTCORE_E_TOKEN_FORMAT, "each element of 'recipients' must be an object");
  if (auto h = obj.find("header")) {
    if (!h->is_object()) return error(JWTCORE_E_TOKEN_FORMAT, "member 'header' must be an object");
    header = *h;
  }
  JWTCORE_ASSIGN(ek_b64, optional_string(obj, "encrypted_key"));
  return Status::ok();
}

// Decodes iv / ciphertext / tag and builds the AAD input; the "aad" member must be strict
// base64url even though the AAD uses its text as transmitted.
Status read_content(json::Value root, const JsonJwe &shape, JweScratch &s, Content &c) {
  JWTCORE_ASSIGN(std::string_view iv, optional_string(root, "iv"));
  JWTCORE_ASSIGN(std::string_view ct, optional_string(root, "ciphertext"));
  JWTCORE_ASSIGN(std::string_view tag, optional_string(root, "tag"));
  JWTCORE_ASSIGN(std::string_view aad, optional_string(root, "aad"));
  JWTCORE_TRY(decode_part(iv, "initialization vector", s.iv));
  JWTCORE_TRY(decode_part(ct, "ciphertext", s.ciphertext));
  JWTCORE_TRY(decode_part(tag, "authentication tag", s.tag));
  s.aad.assign(shape.protected_b64.value_or(std::string_view()));
  if (root.find("aad")) {
    Bytes check;
    JWTCORE_TRY(decode_part(aad, "aad", check));
    s.aad.push_back('.');
    s.aad.append(aad.data(), aad.size());
  }
  c = Content{bytes_view(s.aad), s.iv, s.ciphertext, s.tag};
  return Status::ok();
}

}  // namespace

Status jwe_decrypt(std::string_view input, const JwePolicy &policy, const KeyRing &keys, JweScratch &scratch,
                   JweDecrypted &out) {
  const size_t first = input.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || input[first] != '{') return jwe_decrypt_compact(input, policy, keys, scratch, out);
  reset(out);
  JWTCORE_TRY(check_size(input, policy.limits, "JWE JSON"));
  JWTCORE_TRY(scratch.serialization_doc.parse_object(input, {policy.limits.max_token, policy.limits.max_depth}, "JWE JSON"));
  const json::Value root = scratch.serialization_doc.root();
  JsonJwe shape;
  JWTCORE_TRY(read_json_shape(root, policy.limits, shape));
  if (shape.protected_b64) {
    JWTCORE_TRY(parse_protected(*shape.protected_b64, policy.limits, scratch));
  } else {
    JWTCORE_TRY(scratch.header_doc.parse_object("{}", {16, 2}, "JWE protected header"));
  }
  Content content;
  JWTCORE_TRY(read_content(root, shape, scratch, content));

  const size_t count = shape.recipients ? shape.recipients->size() : 1;
  Attempt best;
  size_t index = 0;
  auto attempt = [&](json::Value obj) {
    std::optional<json::Value> header;
    std::string_view ek_b64;
    Attempt a;
    if (Status st = read_recipient(obj, header, ek_b64); !st) {
      a = {std::move(st), Stage::format, true};
    } else {
      const detail::JweHeader h(scratch.header_doc.root(), header, shape.shared);
      a = decrypt_recipient(h, ek_b64, count, content, policy, keys, scratch, out);
    }
    if (a.status) {
      out.recipient_index = index;
      best = std::move(a);
      return false;
    }
    keep_best(best, std::move(a.status), a.stage);
    ++index;
    return true;
  };
  if (shape.recipients) {
    shape.recipients->each_element(attempt);
  } else {
    attempt(root);
  }
  if (!best.status) {
    reset(out);
    return best.status;
  }
  finish(scratch, shape.protected_b64.has_value(), out);
  return Status::ok();
}

JwePolicy jwe_policy_from(const Verifier &v) {
  JwePolicy p;
  p.allowed = v.allowed_key_management;
  p.allowed_enc = v.allowed_enc;
  p.understood_crit = v.jws.understood_crit;
  p.allow_rsa1_5 = v.jwe_allow_rsa1_5;
  p.pbes2_max_p2c = v.jwe_pbes2_max_p2c;
  p.limits.max_token = v.jws.limits.max_token;
  p.limits.max_header = v.jws.limits.max_header;
  p.limits.max_depth = v.jws.limits.max_depth;
  return p;
}

}  // namespace jwtcore
