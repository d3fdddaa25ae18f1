#include "jwt.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>

#include "base64url.hpp"
#include "crypto/random.hpp"
#include "jose_header.hpp"

namespace jwtcore {
namespace {

json::Limits claims_limits(const Verifier &v) { return {v.max_jwt, v.jws.limits.max_depth}; }

void wipe(Bytes &b) noexcept {
  secure_zero(b.data(), b.size());
  b.clear();
}

// The dots in `s`, counted up to 5 — enough to tell a JWS (2) from a JWE (4) from neither.
// memchr-based: a byte-wise count was 6% of a whole HS256 verification.
size_t count_dots(std::string_view s) {
  size_t n = 0;
  for (size_t pos = s.find('.'); pos != std::string_view::npos && n < 5; pos = s.find('.', pos + 1)) ++n;
  return n;
}

Status wrong_parts(size_t dots) {
  return error(JWTCORE_E_TOKEN_FORMAT, "a compact JWT has 3 parts (signed) or 5 (nested), separated by '.'; found " +
                                           (dots >= 5 ? std::string("more than 5") : std::to_string(dots + 1)));
}

// RFC 7519 §5.2 names the nested content type "JWT"; like "typ" (RFC 7515 §4.1.9) it compares
// case-insensitively and may carry the "application/" prefix.
bool is_jwt_content_type(std::string_view cty) {
  constexpr std::string_view prefix = "application/";
  auto lower_equal = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
    return true;
  };
  if (cty.size() > prefix.size() && lower_equal(cty.substr(0, prefix.size()), prefix)) cty.remove_prefix(prefix.size());
  return lower_equal(cty, "jwt");
}

// RFC 8725 §3.8, issuer-bound keys: the keys of the issuer the token claims. The issuer is read
// from the payload BEFORE the signature is checked, which is safe because
//  * the value only narrows which keys may verify: a token claiming issuer B verifies only under
//    a key registered for B, so forging "iss" gains nothing, and an unknown issuer is refused
//    before any cryptography;
//  * the document parsed here is the one the claims checks and the caller read afterwards (the
//    bytes it came from are exactly the ones the signature covers), so selection and checking
//    cannot disagree — one parser, one parse (SECURITY.md #17);
//  * the parse is bounded like a header parse (max_jwt bytes, depth limit) and nothing from it
//    is returned unless the signature verifies: on failure the caller clears `claims`.
Result<const KeyRing *> issuer_ring(std::string_view token, const Verifier &v, Claims &claims) {
  const size_t d1 = token.find('.');
  const size_t d2 = token.find('.', d1 + 1);
  JWTCORE_TRY(claims.parse_base64url(token.substr(d1 + 1, d2 - d1 - 1), claims_limits(v)));
  auto iss = claims.root().find("iss");
  if (!iss) return error(JWTCORE_E_ISSUER, "claim 'iss' is missing; the verifier binds keys to issuers");
  auto name = iss->as_string();
  if (!name) {
    return error(JWTCORE_E_CLAIM_TYPE, std::string("claim 'iss' must be a string, found ") + json::type_name(iss->type()));
  }
  auto it = v.claims.issuer_keys.find(*name);
  if (it == v.claims.issuer_keys.end()) return error(JWTCORE_E_ISSUER, "claim 'iss' names no issuer with registered keys");
  return &it->second;
}

// A compact JWS carrying the claims (the whole token, or the plaintext of a nested one).
Status verify_signed(std::string_view token, const Verifier &v, JwtScratch &s, Claims &out) {
  if (!v.claims.issuer_keys.empty()) {
    JWTCORE_ASSIGN(const KeyRing *ring, issuer_ring(token, v, out));
    return jws_verify_compact(token, v.jws, *ring, std::nullopt, s.jws, s.verified);
  }
  JWTCORE_TRY(jws_verify_compact(token, v.jws, v.keys, std::nullopt, s.jws, s.verified));
  return out.parse(s.verified.payload, claims_limits(v));
}

// RFC 7519 §5.2 nested JWT: decrypt, then verify the inner JWS exactly like a signed JWT. Only
// the inner signature authenticates: a JWE anyone holding our public key could have made proves
// nothing about its sender (RFC 8725 §2.3), so plaintext that is not a signed JWT is refused.
Status verify_nested(std::string_view token, const Verifier &v, JwtScratch &s, Claims &out) {
  if (v.decryption_keys.empty()) {
    return error(JWTCORE_E_TOKEN_FORMAT, "token has 5 parts (a nested JWT), and this verifier has no decryption key");
  }
  JWTCORE_TRY(jwe_decrypt_compact(token, jwe_policy_from(v), v.decryption_keys, s.jwe, s.decrypted));
  const std::string_view inner(reinterpret_cast<const char *>(s.decrypted.plaintext.data()), s.decrypted.plaintext.size());
  Status st;
  if (!s.decrypted.cty || !is_jwt_content_type(*s.decrypted.cty)) {
    st = error(JWTCORE_E_HEADER, "a JWE holding a JWT must be nested: protected header 'cty' must be \"JWT\" (RFC 7519 §5.2), "
                                 "and the plaintext a signed JWT; encryption alone does not authenticate the sender");
  } else if (const size_t dots = count_dots(inner); dots != 2) {
    st = error(JWTCORE_E_TOKEN_FORMAT, "the JWT inside a JWE must be a compact JWS (3 parts), found " +
                                           (dots >= 5 ? std::string("more than 5") : std::to_string(dots + 1)));
  } else {
    out.mark_confidential();
    st = verify_signed(inner, v, s, out);
  }
  wipe(s.verified.payload);  // the inner payload, decoded
  // The buffer is reused by the next nested token on this thread: wipe the inner token now.
  secure_zero(s.decrypted.plaintext.data(), s.decrypted.plaintext.size());
  s.decrypted.plaintext.clear();
  s.decrypted.key.reset();
  return st;
}

Status verify_into(std::string_view token, const Verifier &v, JwtScratch &s, Claims &out) {
  const size_t dots = count_dots(token);
  if (dots == 2) return verify_signed(token, v, s, out);
  if (dots == 4) return verify_nested(token, v, s, out);
  return wrong_parts(dots);
}

// What a registered claim (RFC 7519 §4.1) may be; other names take any JSON value.
Status check_registered(std::string_view name, json::Type type, bool string_array) {
  bool ok = true;
  if (name == "exp" || name == "nbf" || name == "iat") {
    ok = type == json::Type::integer || type == json::Type::number;
  } else if (name == "iss" || name == "sub" || name == "jti") {
    ok = type == json::Type::string;
  } else if (name == "aud") {
    ok = type == json::Type::string || (type == json::Type::array && string_array);
  }
  if (ok) return Status::ok();
  return error(JWTCORE_E_CLAIM_TYPE, "claim '" + quote_name(name) + "' cannot be " +
                                         (type == json::Type::array ? std::string("this array") : std::string("a ") + json::type_name(type)) +
                                         " (RFC 7519 §4.1)");
}

bool all_strings(json::Value v) {
  bool all = true;
  v.each_element([&](json::Value e) { return all = e.is_string(); });
  return all;
}

Status text_ok(std::string_view s, std::string_view what) {
  if (json::valid_utf8(s)) return Status::ok();
  return error(JWTCORE_E_INVALID_ARGUMENT, std::string(what) + " is not valid UTF-8 (RFC 8725 §3.7)");
}

constexpr json::Limits kBuilderJsonLimits{64 * 1024, 32};

}  // namespace

Status jwt_verify(std::string_view token, const Verifier &v, JwtScratch &scratch, Claims &out) {
  out.clear();
  if (token.size() > v.max_jwt) {
    return error(JWTCORE_E_LIMIT_SIZE, "JWT of " + std::to_string(token.size()) + " bytes exceeds the limit of " +
                                           std::to_string(v.max_jwt));
  }
  Status st = verify_into(token, v, scratch, out);
  scratch.verified.payload.clear();
  scratch.verified.key = nullptr;  // points into the verifier's ring, which may go before the scratch
  if (st) st = check_claims(out.root(), v.claims, claims_now(v.claims));
  if (!st) out.clear();
  return st;
}

// ---- JwtBuilder ---------------------------------------------------------------------------

// An empty name is refused only where the caller names one claim (most likely a bug there): a
// whole claims object may hold the member "" as any JSON may, and the verifier accepts it too.
Status JwtBuilder::put_named(std::string_view name, std::string value) {
  if (name.empty()) return error(JWTCORE_E_INVALID_ARGUMENT, "claim name must not be empty");
  return put(name, std::move(value));
}

Status JwtBuilder::put(std::string_view name, std::string value) {
  JWTCORE_TRY(text_ok(name, "claim name"));
  for (auto &c : claims_) {
    if (c.first == name) {
      c.second = std::move(value);
      return Status::ok();
    }
  }
  claims_.emplace_back(std::string(name), std::move(value));
  return Status::ok();
}

Status JwtBuilder::set_claims_json(std::string_view json_object) {
  json::Document doc;
  JWTCORE_TRY(doc.parse_object(json_object, kBuilderJsonLimits, "claims"));
  std::vector<std::pair<std::string, std::string>> previous;
  previous.swap(claims_);
  Status st;
  doc.root().each_member([&](std::string_view k, json::Value v) {
    st = check_registered(k, v.type(), v.is_array() && all_strings(v));
    if (st) st = put(k, v.to_json());
    return st.is_ok();
  });
  if (!st) claims_.swap(previous);
  return st;
}

Status JwtBuilder::set_string(std::string_view name, std::string_view value) {
  JWTCORE_TRY(check_registered(name, json::Type::string, false));
  JWTCORE_TRY(text_ok(value, "value of claim '" + quote_name(name) + "'"));
  std::string text;
  json::append_string(text, value);
  return put_named(name, std::move(text));
}

Status JwtBuilder::set_int(std::string_view name, int64_t value) {
  JWTCORE_TRY(check_registered(name, json::Type::integer, false));
  return put_named(name, std::to_string(value));
}

Status JwtBuilder::set_double(std::string_view name, double value) {
  if (!std::isfinite(value)) return error(JWTCORE_E_INVALID_ARGUMENT, "claim '" + quote_name(name) + "': JSON has no NaN or infinity");
  JWTCORE_TRY(check_registered(name, json::Type::number, false));
  char buf[40];
  auto r = std::to_chars(buf, buf + sizeof buf, value);
  return put_named(name, std::string(buf, r.ptr));
}

Status JwtBuilder::set_bool(std::string_view name, bool value) {
  JWTCORE_TRY(check_registered(name, json::Type::boolean, false));
  return put_named(name, value ? "true" : "false");
}

Status JwtBuilder::set_audience(const std::vector<std::string_view> &audiences) {
  if (audiences.empty()) return error(JWTCORE_E_INVALID_ARGUMENT, "at least one audience is needed");
  std::string text;
  json::Writer<std::string> w(text);
  if (audiences.size() > 1) w.begin_array();
  for (auto a : audiences) {
    JWTCORE_TRY(text_ok(a, "an audience"));
    w.string(a);
  }
  if (audiences.size() > 1) w.end_array();
  return put("aud", std::move(text));
}

Status JwtBuilder::set_json(std::string_view name, std::string_view json_value) {
  json::Document doc;
  JWTCORE_TRY(doc.parse(json_value, kBuilderJsonLimits, "claim value"));
  const json::Value v = doc.root();
  JWTCORE_TRY(check_registered(name, v.type(), v.is_array() && all_strings(v)));
  return put_named(name, v.to_json());
}

bool JwtBuilder::remove(std::string_view name) {
  auto it = std::find_if(claims_.begin(), claims_.end(), [&](const auto &c) { return c.first == name; });
  if (it == claims_.end()) return false;
  claims_.erase(it);
  return true;
}

Status JwtBuilder::set_typ(std::string_view typ) {
  JWTCORE_TRY(text_ok(typ, "typ"));
  typ_ = std::string(typ);
  return Status::ok();
}

Status JwtBuilder::generate_jti() {
  if (!crypto::ensure_init()) return error(JWTCORE_E_RANDOM, "the random generator is not available");
  uint8_t id[16];
  crypto::random_bytes(id, sizeof id);
  return set_string("jti", base64url::encode(bytes_view(id, sizeof id)));
}

int64_t JwtBuilder::now() const {
  if (clock_ != nullptr) return clock_(clock_ctx_);
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

Status JwtBuilder::set_issued_now() { return set_int("iat", now()); }

Status JwtBuilder::set_expires_in(int64_t seconds) {
  int64_t t = 0;
  if (__builtin_add_overflow(now(), seconds, &t)) return error(JWTCORE_E_INVALID_ARGUMENT, "'exp' = now + seconds overflows");
  return set_int("exp", t);
}

Status JwtBuilder::set_not_before_in(int64_t seconds) {
  int64_t t = 0;
  if (__builtin_add_overflow(now(), seconds, &t)) return error(JWTCORE_E_INVALID_ARGUMENT, "'nbf' = now + seconds overflows");
  return set_int("nbf", t);
}

std::string JwtBuilder::claims_json() const {
  std::string out;
  json::Writer<std::string> w(out);
  w.begin_object();
  for (const auto &c : claims_) w.key(c.first).raw(c.second);
  w.end_object();
  return out;
}

Result<std::string> jwt_sign(const JwtBuilder &builder, const KeyPtr &key, Alg alg) {
  if (!key) return error(JWTCORE_E_INVALID_ARGUMENT, "a signing key is required");
  JwsSignerSpec spec;
  spec.key = key;
  spec.alg = alg;
  if (!builder.typ().empty()) {
    json::Writer<std::string>(spec.protected_json).begin_object().member("typ", builder.typ()).end_object();
  }
  const std::string claims = builder.claims_json();
  return jws_sign(bytes_view(claims), {spec}, JwsSignOptions{});
}

Result<std::string> jwt_sign_encrypt(const JwtBuilder &builder, const KeyPtr &sign_key, Alg sign_alg,
                                     const KeyPtr &enc_key, Alg key_alg, Enc enc) {
  if (!enc_key) return error(JWTCORE_E_INVALID_ARGUMENT, "an encryption key is required");
  JWTCORE_ASSIGN(std::string inner, jwt_sign(builder, sign_key, sign_alg));
  JweRecipientSpec recipient;
  recipient.key = enc_key;
  recipient.alg = key_alg;
  JweEncryptOptions options;
  options.protected_json = R"({"cty":"JWT"})";  // RFC 7519 §5.2: MUST be present for nested JWTs
  auto token = jwe_encrypt(bytes_view(inner), {recipient}, enc, options);
  secure_zero(inner.data(), inner.size());  // the signed claims were meant to be confidential
  return token;
}

}  // namespace jwtcore
