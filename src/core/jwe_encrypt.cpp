// JWE encryption (RFC 7516 §5.1) in the compact and both JSON serializations.
//
// Header layout: with one recipient, alg, kid and the key-management members (epk, iv, tag,
// p2s, p2c) go into the protected header, so that they are integrity protected; with several,
// they go into each recipient's unprotected header (RFC 7516 §7.2.1) and the protected header
// carries enc and the caller's members.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "base64url.hpp"
#include "crypto/random.hpp"
#include "jwe_internal.hpp"

namespace jwtcore {
namespace {

constexpr json::Limits kCallerHeaderLimits{8 * 1024, 16};

// Members the library writes itself; a caller header naming one would contradict it.
constexpr std::string_view kReserved[] = {"alg", "enc", "crit", "epk", "iv", "tag", "p2s", "p2c"};

Status check_caller_members(json::Value obj, const char *which) {
  Status result;
  obj.each_member([&](std::string_view k, json::Value) {
    if (k == "zip") {
      result = error(JWTCORE_E_ZIP_UNSUPPORTED, std::string(which) + " sets 'zip': compression is not supported "
                                                                     "(libjwtcore is built without zlib)");
      return false;
    }
    for (auto r : kReserved) {
      if (k == r) {
        result = error(JWTCORE_E_INVALID_ARGUMENT, std::string(which) + " may not set '" + std::string(k) +
                                                       "': the library sets it");
        return false;
      }
    }
    return true;
  });
  return result;
}

// An empty JSON object, parsed once per thread: the stand-in for a header the caller left empty,
// so that an empty header costs no parse.
json::Value empty_object() {
  thread_local json::Document doc;
  thread_local bool parsed = doc.parse_object("{}", {16, 2}, "empty object").is_ok();
  return parsed ? doc.root() : json::Value();
}

// The caller's header texts, parsed once (only the non-empty ones).
struct CallerHeaders {
  std::vector<std::unique_ptr<json::Document>> storage;
  json::Value protected_extra, shared;
  std::vector<json::Value> recipient;
  bool has_shared = false;
  bool verbatim = false;

  // A member of the caller's headers for recipient i (recipient, then shared, then protected).
  std::optional<json::Value> find(size_t i, std::string_view name) const {
    if (auto v = recipient[i].find(name)) return v;
    if (auto v = shared.find(name)) return v;
    return protected_extra.find(name);
  }
};

Status parse_or_empty(CallerHeaders &h, const std::string &text, const char *what, json::Value &out) {
  if (text.empty()) {
    out = empty_object();
    return Status::ok();
  }
  h.storage.push_back(std::make_unique<json::Document>());
  JWTCORE_TRY(h.storage.back()->parse_object(text, kCallerHeaderLimits, what));
  out = h.storage.back()->root();
  return Status::ok();
}

Status parse_caller_headers(const std::vector<JweRecipientSpec> &rs, const JweEncryptOptions &o, CallerHeaders &h) {
  h.verbatim = o.test != nullptr && o.test->verbatim_headers;
  h.has_shared = !o.unprotected_json.empty();
  JWTCORE_TRY(parse_or_empty(h, o.protected_json, "protected header", h.protected_extra));
  JWTCORE_TRY(parse_or_empty(h, o.unprotected_json, "shared unprotected header", h.shared));
  h.recipient.resize(rs.size());
  for (size_t i = 0; i < rs.size(); ++i) JWTCORE_TRY(parse_or_empty(h, rs[i].header_json, "recipient header", h.recipient[i]));
  if (h.verbatim) return Status::ok();
  JWTCORE_TRY(check_caller_members(h.protected_extra, "the protected header"));
  JWTCORE_TRY(check_caller_members(h.shared, "the shared unprotected header"));
  for (const auto &r : h.recipient) {
    JWTCORE_TRY(check_caller_members(r, "a recipient header"));
    // RFC 7516 §7.2.1: the header sets must be disjoint. The library's own members (reserved
    // above, and kid only when no caller header has one) cannot collide, so the caller's
    // headers are all there is to compare.
    JWTCORE_TRY(JoseHeader(h.protected_extra, r).check_disjoint(h.shared));
  }
  return Status::ok();
}

Status check_shape(const std::vector<JweRecipientSpec> &rs, const JweEncryptOptions &o) {
  if (rs.empty()) return error(JWTCORE_E_INVALID_ARGUMENT, "at least one recipient is required");
  if (o.serialization != JweSerialization::general && rs.size() != 1) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "compact and flattened serializations carry exactly one recipient");
  }
  if (o.serialization == JweSerialization::compact &&
      (!o.unprotected_json.empty() || o.aad || !rs[0].header_json.empty())) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "the compact serialization has no unprotected header and no aad");
  }
  for (const auto &r : rs) {
    if (detail::is_direct(r.alg) && rs.size() != 1) {
      return error(JWTCORE_E_INVALID_ARGUMENT, std::string(alg_info(r.alg).name) +
                                                   " allows exactly one recipient (RFC 7518 §4.5, §4.6)");
    }
  }
  return Status::ok();
}

Status check_recipient(const JweRecipientSpec &r, Enc enc) {
  const AlgInfo &info = alg_info(r.alg);
  if (info.kind != AlgKind::key_management) {
    return error(JWTCORE_E_ALG_NOT_ALLOWED, std::string(info.name) + " is not a key-management algorithm");
  }
  // RFC 8725 §3.2: RSA1_5 stays available for reading old tokens only.
  if (r.alg == Alg::rsa1_5) return error(JWTCORE_E_ALG_NOT_ALLOWED, "RSA1_5 is supported for decryption only");
  if (!r.key) return error(JWTCORE_E_INVALID_ARGUMENT, "a key is required for " + std::string(info.name));
  JWTCORE_TRY(r.key->permits(r.alg, KeyOp::encrypt));
  if (r.alg == Alg::dir) JWTCORE_TRY(r.key->permits_enc(enc));
  return Status::ok();
}

// apu / apv for the ECDH-ES KDF come from the caller's headers (RFC 7518 §4.6.1.2-3).
Status party_info(const CallerHeaders &h, size_t i, std::string_view name, Bytes &out) {
  out.clear();
  auto v = h.find(i, name);
  if (!v) return Status::ok();
  if (!v->as_string()) return error(JWTCORE_E_HEADER, "header member '" + std::string(name) + "' must be a string");
  Status st = base64url::decode(*v->as_string(), out);
  if (!st) return error(JWTCORE_E_HEADER, "header member '" + std::string(name) + "': " + st.message());
  return Status::ok();
}

void copy_members(json::Writer<std::string> &w, json::Value obj) {
  obj.each_member([&](std::string_view k, json::Value v) {
    w.key(k).raw(v.to_json());
    return true;
  });
}

// alg, kid and the key-management members of one recipient.
void write_recipient_members(json::Writer<std::string> &w, const JweRecipientSpec &r, const detail::WrappedKey &k,
                             bool caller_kid) {
  w.member("alg", alg_info(r.alg).name);
  if (r.include_kid && !r.key->kid().empty() && !caller_kid) w.member("kid", r.key->kid());
  if (!k.members.empty()) w.raw(k.members);
}

struct Headers {
  std::string protected_json;
  std::string shared_json;                 // "" when absent
  std::vector<std::string> recipient_json;  // "" when empty
};

bool caller_sets_kid(const CallerHeaders &h, size_t i) { return h.find(i, "kid").has_value(); }

Headers build_headers(const std::vector<JweRecipientSpec> &rs, const std::vector<detail::WrappedKey> &wrapped, Enc enc,
                      const JweEncryptOptions &o, const CallerHeaders &h) {
  Headers out;
  out.recipient_json.resize(rs.size());
  if (h.verbatim) {
    out.protected_json = o.protected_json;
    out.shared_json = o.unprotected_json;
    for (size_t i = 0; i < rs.size(); ++i) out.recipient_json[i] = rs[i].header_json;
    return out;
  }
  const bool single = rs.size() == 1;
  json::Writer<std::string> w(out.protected_json);
  w.begin_object();
  if (single) write_recipient_members(w, rs[0], wrapped[0], caller_sets_kid(h, 0));
  w.member("enc", enc_info(enc).name);
  copy_members(w, h.protected_extra);
  w.end_object();
  if (h.has_shared) out.shared_json = h.shared.to_json();
  for (size_t i = 0; i < rs.size(); ++i) {
    std::string &text = out.recipient_json[i];
    json::Writer<std::string> rw(text);
    rw.begin_object();
    if (!single) write_recipient_members(rw, rs[i], wrapped[i], caller_sets_kid(h, i));
    copy_members(rw, h.recipient[i]);
    rw.end_object();
    if (text == "{}") text.clear();
  }
  return out;
}

// Verbatim (test) headers: disjoint (RFC 7516 §7.2.1) and naming the algorithms actually used.
Status check_verbatim_headers(const Headers &hs, const std::vector<JweRecipientSpec> &rs, Enc enc) {
  CallerHeaders parsed;
  json::Value pd, sd, rd;
  JWTCORE_TRY(parse_or_empty(parsed, hs.protected_json, "protected header", pd));
  JWTCORE_TRY(parse_or_empty(parsed, hs.shared_json, "shared unprotected header", sd));
  for (size_t i = 0; i < rs.size(); ++i) {
    JWTCORE_TRY(parse_or_empty(parsed, hs.recipient_json[i], "recipient header", rd));
    const detail::JweHeader h(pd, rd, sd);
    JWTCORE_TRY(h.jose().check_disjoint(h.shared()));
    auto alg = h.find("alg");
    auto e = h.find("enc");
    if (!alg || alg->as_string() != alg_info(rs[i].alg).name || !e || e->as_string() != enc_info(enc).name) {
      return error(JWTCORE_E_INVALID_ARGUMENT, "verbatim headers must name the recipient's alg and the enc");
    }
  }
  return Status::ok();
}

// A fresh CEK (RFC 7516 §5.1 step 2), or the test's; dir and ECDH-ES establish their own.
Status initial_cek(const std::vector<JweRecipientSpec> &rs, Enc enc, const JweTestVectors *test, SecretBytes &cek) {
  if (detail::is_direct(rs[0].alg)) return Status::ok();
  const size_t n = enc_info(enc).cek_bytes;
  if (test != nullptr && !test->cek.empty()) {
    if (test->cek.size() != n) return error(JWTCORE_E_INVALID_ARGUMENT, "the test CEK has the wrong length for enc");
    cek = test->cek;
    return Status::ok();
  }
  cek.resize(n);
  crypto::random_bytes(cek.data(), cek.size());
  return Status::ok();
}

struct Output {
  std::string protected_b64;
  Bytes iv;
  crypto::Sealed sealed;
};

void write_tail(json::Writer<std::string> &w, const JweEncryptOptions &o, const Output &out) {
  if (o.aad) w.member("aad", base64url::encode(*o.aad));
  w.member("iv", base64url::encode(out.iv));
  w.member("ciphertext", base64url::encode(out.sealed.ciphertext));
  w.member("tag", base64url::encode(out.sealed.tag));
}

void write_recipient(json::Writer<std::string> &w, const std::string &header, const detail::WrappedKey &k) {
  if (!header.empty()) w.key("header").raw(header);
  if (!k.encrypted_key.empty()) w.member("encrypted_key", base64url::encode(k.encrypted_key));
}

std::string serialize(const JweEncryptOptions &o, const Headers &hs, const std::vector<detail::WrappedKey> &wrapped,
                      const Output &out) {
  if (o.serialization == JweSerialization::compact) {
    return out.protected_b64 + "." + base64url::encode(wrapped[0].encrypted_key) + "." + base64url::encode(out.iv) +
           "." + base64url::encode(out.sealed.ciphertext) + "." + base64url::encode(out.sealed.tag);
  }
  std::string text;
  json::Writer<std::string> w(text);
  w.begin_object();
  if (!out.protected_b64.empty()) w.member("protected", out.protected_b64);
  if (!hs.shared_json.empty()) w.key("unprotected").raw(hs.shared_json);
  if (o.serialization == JweSerialization::flattened) {
    write_recipient(w, hs.recipient_json[0], wrapped[0]);
  } else {
    w.key("recipients").begin_array();
    for (size_t i = 0; i < wrapped.size(); ++i) {
      w.begin_object();
      write_recipient(w, hs.recipient_json[i], wrapped[i]);
      w.end_object();
    }
    w.end_array();
  }
  write_tail(w, o, out);
  w.end_object();
  return text;
}

}  // namespace

Result<std::string> jwe_encrypt(bytes_view plaintext, const std::vector<JweRecipientSpec> &rs, Enc enc,
                                const JweEncryptOptions &o) {
  if (!crypto::ensure_init()) return error(JWTCORE_E_RANDOM, "the random generator is unavailable");
  JWTCORE_TRY(check_shape(rs, o));
  for (const auto &r : rs) JWTCORE_TRY(check_recipient(r, enc));
  CallerHeaders caller;
  JWTCORE_TRY(parse_caller_headers(rs, o, caller));

  SecretBytes cek;
  JWTCORE_TRY(initial_cek(rs, enc, o.test, cek));
  std::vector<detail::WrappedKey> wrapped(rs.size());
  for (size_t i = 0; i < rs.size(); ++i) {
    Bytes apu, apv;
    JWTCORE_TRY(party_info(caller, i, "apu", apu));
    JWTCORE_TRY(party_info(caller, i, "apv", apv));
    JWTCORE_TRY(detail::wrap_cek(rs[i], enc, apu, apv, o.test, cek, wrapped[i]));
  }
  const Headers headers = build_headers(rs, wrapped, enc, o, caller);
  if (caller.verbatim) JWTCORE_TRY(check_verbatim_headers(headers, rs, enc));
  if (o.serialization == JweSerialization::compact && headers.protected_json.empty()) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "the compact serialization needs a protected header");
  }

  Output out;
  out.protected_b64 = headers.protected_json.empty() ? std::string() : base64url::encode(headers.protected_json);
  const size_t iv_size = jwe_iv_size(enc);
  if (o.test != nullptr && !o.test->iv.empty()) {
    if (o.test->iv.size() != iv_size) return error(JWTCORE_E_INVALID_ARGUMENT, "the test IV has the wrong length for enc");
    out.iv = o.test->iv;
  } else {
    out.iv.resize(iv_size);
    crypto::random_bytes(out.iv.data(), out.iv.size());
  }
  // RFC 7516 §5.1 step 14: AAD = ASCII(Encoded Protected Header [ '.' BASE64URL(JWE AAD) ]).
  std::string aad = out.protected_b64;
  if (o.aad) aad += "." + base64url::encode(*o.aad);
  auto sealed = jwe_content_encrypt(enc, cek, out.iv, aad, plaintext);
  detail::wipe(cek);
  if (!sealed) return sealed.take_status();
  out.sealed = std::move(sealed).value();
  return serialize(o, headers, wrapped, out);
}

}  // namespace jwtcore
