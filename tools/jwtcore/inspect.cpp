#include "inspect.hpp"

#include "cli.hpp"
#include "timefmt.hpp"

#include <cmath>

namespace cli {

namespace {

const char *const kDateClaims[] = {"exp", "nbf", "iat", "auth_time"};

std::vector<std::string> split_dots(const std::string &token) {
  std::vector<std::string> parts(1);
  for (char c : token) {
    if (c == '.') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

std::string b64_decode(const std::string &part, const std::string &what) {
  try {
    const std::vector<uint8_t> bytes = jwtcore::base64url_decode(part);
    return std::string(bytes.begin(), bytes.end());
  } catch (const jwtcore::Error &e) {
    usage_from(e, what);
  }
}

json::Value parse_object(const std::string &text, const std::string &what) {
  std::string error;
  std::optional<json::Value> v = json::parse(text, error);
  if (!v) usage(what + " is not valid JSON: " + error);
  if (!v->is_object()) usage(what + " is not a JSON object");
  return std::move(*v);
}

bool is_false(const json::Value *v) { return v != nullptr && v->type == json::Value::Type::Bool && v->text == "false"; }

std::string lower(std::string s) {
  for (char &c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// Warnings about one header object (RFC 8725 §2-3, SECURITY.md #1, #14-#17).
void check_header(const NamedHeader &h, std::vector<std::string> &w) {
  const json::Value &v = h.value;
  for (const std::string &d : json::duplicate_names(v))
    w.push_back(h.label + ": member " + json::quote(d) + " appears more than once; parsers disagree on which wins");
  if (v.find("jwk") != nullptr)
    w.push_back(h.label + " embeds a 'jwk': a key chosen by whoever made the token; never verify with it");
  for (const char *url : {"jku", "x5u"})
    if (v.find(url) != nullptr)
      w.push_back(h.label + " has '" + url + "': a URL a verifier must never fetch keys from (key injection, SSRF)");
  if (v.find("x5c") != nullptr)
    w.push_back(h.label + " embeds an 'x5c' certificate chain: trust it only after PKIX validation against your own anchors");
  const json::Value *crit = v.find("crit");
  // crit ["b64"] with "b64": false is plain RFC 7797, reported as an unencoded payload instead.
  const bool only_b64 = crit != nullptr && crit->items.size() == 1 && crit->items[0].text == "b64" && is_false(v.find("b64"));
  if (crit != nullptr && !only_b64) {
    std::string names;
    for (const json::Value &n : crit->items) names += (names.empty() ? "" : ", ") + json::quote(n.text);
    w.push_back(h.label + " has 'crit' [" + names + "]: a verifier that does not understand these must reject the token");
    if (!h.is_protected) w.push_back("'crit' outside the protected header is invalid (RFC 7515 §4.1.11)");
  }
  if (const json::Value *kid = v.find("kid"); kid != nullptr && kid->is_string()) {
    if (kid->text.find_first_of("/\\'\";|$`") != std::string::npos || kid->text.find("..") != std::string::npos)
      w.push_back(h.label + ": 'kid' holds path, SQL or shell characters; treat it as an opaque string only");
  }
}

// Warnings about the algorithm in force for one signature or recipient.
void check_alg(const json::Value *alg, const std::string &kind, std::vector<std::string> &w) {
  if (alg == nullptr || !alg->is_string()) {
    w.push_back("no 'alg' string in the header: not a valid " + kind);
    return;
  }
  const std::string a = lower(alg->text);
  if (a == "none")
    w.push_back("alg " + json::quote(alg->text) + ": the token is NOT signed; a verifier must never accept it");
  if (a == "rsa1_5")
    w.push_back("alg 'RSA1_5' is vulnerable to padding-oracle attacks (RFC 8725 §3.2); prefer RSA-OAEP-256 or ECDH-ES");
  if (a.rfind("pbes2", 0) == 0)
    w.push_back("alg " + json::quote(alg->text) + ": password-based; the token sets the decrypter's work ('p2c')");
}

const json::Value *member(const std::vector<NamedHeader> &hs, std::size_t from, const char *name) {
  for (std::size_t i = from; i < hs.size(); ++i)
    if (const json::Value *v = hs[i].value.find(name)) return v;
  return nullptr;
}

void check_claims(const json::Value &c, int64_t now, std::vector<std::string> &w) {
  for (const std::string &d : json::duplicate_names(c))
    w.push_back("claim " + json::quote(d) + " appears more than once; parsers disagree on which wins");
  for (const char *name : kDateClaims) {
    const json::Value *v = c.find(name);
    if (v != nullptr && !v->is_number())
      w.push_back(std::string("claim '") + name + "' is not a number (a NumericDate, RFC 7519 §2): verifiers reject it");
  }
  const json::Value *exp = c.find("exp");
  if (exp == nullptr) w.push_back("no 'exp' claim: the token never expires");
  for (const auto &[name, t] : numeric_dates(c)) {
    if (name == "exp" && t <= now) w.push_back("the token has expired (" + relative_text("exp", t, now) + ")");
    if (name == "nbf" && t > now) w.push_back("the token is not valid yet (" + relative_text("nbf", t, now) + ")");
    if (name == "iat" && t > now + 60) w.push_back("'iat' is in the future (" + relative_text("iat", t, now) + ")");
  }
}

void read_payload(Inspection &r, const std::string &part, bool b64, int64_t now) {
  r.payload = b64 ? b64_decode(part, "payload") : part;
  r.detached = part.empty();
  std::string error;
  std::optional<json::Value> v = json::parse(r.payload, error);
  if (v && v->is_object()) {
    check_claims(*v, now, r.warnings);
    r.claims = std::move(*v);
  }
}

Inspection compact_jws(const std::vector<std::string> &parts, int64_t now) {
  Inspection r{"JWS", "compact", {}, std::nullopt, {}, false, {}, {}};
  r.headers.push_back({"header", parse_object(b64_decode(parts[0], "header"), "header"), true});
  check_header(r.headers[0], r.warnings);
  const json::Value *alg = r.headers[0].value.find("alg");
  check_alg(alg, "JWS", r.warnings);
  const bool b64 = !is_false(r.headers[0].value.find("b64"));
  if (!b64) r.warnings.push_back("unencoded payload (RFC 7797 'b64': false)");
  read_payload(r, parts[1], b64, now);
  r.sizes.emplace_back("signature", b64_decode(parts[2], "signature").size());
  if (r.sizes.back().second == 0 && (alg == nullptr || lower(alg->text) != "none"))
    r.warnings.push_back("the signature part is empty");
  return r;
}

Inspection compact_jwe(const std::vector<std::string> &parts) {
  Inspection r{"JWE", "compact", {}, std::nullopt, {}, false, {}, {}};
  r.headers.push_back({"header", parse_object(b64_decode(parts[0], "header"), "header"), true});
  check_header(r.headers[0], r.warnings);
  check_alg(r.headers[0].value.find("alg"), "JWE", r.warnings);
  if (r.headers[0].value.find("zip") != nullptr)
    r.warnings.push_back("'zip' compression: leaks plaintext length patterns and risks decompression bombs");
  const char *names[] = {"encrypted key", "iv", "ciphertext", "tag"};
  for (std::size_t i = 0; i < 4; ++i) r.sizes.emplace_back(names[i], b64_decode(parts[i + 1], names[i]).size());
  return r;
}

std::size_t b64_size(const json::Value *v, const std::string &what) {
  if (v == nullptr) return 0;
  if (!v->is_string()) usage(what + " is not a string");
  return b64_decode(v->text, what).size();
}

// One signature or recipient of a JSON serialization: its protected and unprotected headers.
void json_headers(Inspection &r, const json::Value &entry, const std::string &suffix, const char *unprotected_name) {
  const std::size_t first = r.headers.size();
  if (const json::Value *p = entry.find("protected")) {
    if (!p->is_string()) usage("'protected'" + suffix + " is not a string");
    r.headers.push_back({"protected header" + suffix, parse_object(b64_decode(p->text, "protected header"), "protected header"), true});
  }
  if (const json::Value *u = entry.find(unprotected_name)) {
    if (!u->is_object()) usage(std::string("'") + unprotected_name + "'" + suffix + " is not a JSON object");
    r.headers.push_back({"unprotected header" + suffix, *u, false});
  }
  for (std::size_t i = first; i < r.headers.size(); ++i) check_header(r.headers[i], r.warnings);
  // A JWE's shared protected header (index 0) also supplies the alg of every recipient.
  const json::Value *alg = member(r.headers, first, "alg");
  if (alg == nullptr && r.kind == "JWE") alg = member(r.headers, 0, "alg");
  check_alg(alg, r.kind, r.warnings);
}

Inspection json_jws(const json::Value &doc, int64_t now) {
  Inspection r{"JWS", "flattened JSON", {}, std::nullopt, {}, false, {}, {}};
  const json::Value *sigs = doc.find("signatures");
  std::vector<const json::Value *> entries;
  if (sigs != nullptr) {
    r.serialization = "general JSON";
    if (sigs->type != json::Value::Type::Array || sigs->items.empty()) usage("'signatures' is not a non-empty array");
    for (const json::Value &s : sigs->items) entries.push_back(&s);
  } else {
    entries.push_back(&doc);
  }
  bool b64 = true;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (!entries[i]->is_object()) usage("signature " + std::to_string(i + 1) + " is not a JSON object");
    const std::string suffix = entries.size() > 1 ? " (signature " + std::to_string(i + 1) + ")" : "";
    json_headers(r, *entries[i], suffix, "header");
    r.sizes.emplace_back("signature" + suffix, b64_size(entries[i]->find("signature"), "signature" + suffix));
  }
  for (const NamedHeader &h : r.headers) b64 = b64 && !is_false(h.value.find("b64"));
  const json::Value *payload = doc.find("payload");
  if (!payload->is_string()) usage("'payload' is not a string");
  read_payload(r, payload->text, b64, now);
  return r;
}

Inspection json_jwe(const json::Value &doc) {
  Inspection r{"JWE", "flattened JSON", {}, std::nullopt, {}, false, {}, {}};
  json_headers(r, doc, "", "unprotected");
  if (const json::Value *recipients = doc.find("recipients")) {
    r.serialization = "general JSON";
    if (recipients->type != json::Value::Type::Array || recipients->items.empty()) usage("'recipients' is not a non-empty array");
    for (std::size_t i = 0; i < recipients->items.size(); ++i) {
      const json::Value &rec = recipients->items[i];
      if (!rec.is_object()) usage("recipient " + std::to_string(i + 1) + " is not a JSON object");
      const std::string suffix = " (recipient " + std::to_string(i + 1) + ")";
      if (const json::Value *h = rec.find("header")) {
        r.headers.push_back({"header" + suffix, *h, false});
        check_header(r.headers.back(), r.warnings);
      }
      r.sizes.emplace_back("encrypted key" + suffix, b64_size(rec.find("encrypted_key"), "encrypted_key"));
    }
  } else if (const json::Value *h = doc.find("header")) {
    r.headers.push_back({"recipient header", *h, false});
    check_header(r.headers.back(), r.warnings);
    r.sizes.emplace_back("encrypted key", b64_size(doc.find("encrypted_key"), "encrypted_key"));
  }
  for (const char *m : {"iv", "ciphertext", "tag", "aad"}) r.sizes.emplace_back(m, b64_size(doc.find(m), m));
  return r;
}

}  // namespace

std::vector<std::pair<std::string, int64_t>> numeric_dates(const json::Value &claims) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (const char *name : kDateClaims) {
    const json::Value *v = claims.find(name);
    if (v == nullptr || !v->is_number()) continue;
    const double d = *v->number();
    if (std::isfinite(d) && std::fabs(d) < 1e15) out.emplace_back(name, static_cast<int64_t>(std::floor(d)));
  }
  return out;
}

std::optional<json::Value> compact_header(const std::string &token) {
  const std::size_t dot = token.find('.');
  try {
    const std::vector<uint8_t> bytes = jwtcore::base64url_decode(std::string_view(token).substr(0, dot));
    std::string error;
    std::optional<json::Value> v = json::parse(std::string(bytes.begin(), bytes.end()), error);
    if (v && v->is_object()) return v;
  } catch (const jwtcore::Error &) {
  }
  return std::nullopt;
}

Inspection inspect(const std::string &token, int64_t now) {
  if (token[0] == '{') {
    std::string error;
    std::optional<json::Value> doc = json::parse(token, error);
    if (!doc) usage("the token is not valid JSON: " + error);
    if (!doc->is_object()) usage("the token is not a JSON object");
    if (doc->find("ciphertext") != nullptr) return json_jwe(*doc);
    if (doc->find("payload") != nullptr) return json_jws(*doc, now);
    usage("JSON input is neither a JWS nor a JWE serialization (no 'payload' or 'ciphertext')");
  }
  const std::vector<std::string> parts = split_dots(token);
  if (parts.size() == 3) return compact_jws(parts, now);
  if (parts.size() == 5) return compact_jwe(parts);
  usage("not a compact JWS (3 parts) or JWE (5 parts): found " + std::to_string(parts.size()) +
        (parts.size() == 1 ? " part" : " parts"));
}

}  // namespace cli
