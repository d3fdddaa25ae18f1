#include "claims.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <vector>

#include "base64url.hpp"
#include "jose_header.hpp"

namespace jwtcore {
namespace {

std::string claim_label(std::string_view name) { return "claim '" + quote_name(name) + "'"; }

// Numbers in messages: integral values print as integers, others in shortest round-trip form.
std::string number_text(double v) {
  char buf[40];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return r.ec == std::errc() ? std::string(buf, r.ptr) : std::string("?");
}

Status wrong_type(std::string_view name, std::string_view expected, json::Value found) {
  return error(JWTCORE_E_CLAIM_TYPE, claim_label(name) + " must be " + std::string(expected) + ", found " +
                                         json::type_name(found.type()));
}

// The registered claims' values, read in one pass over the members by check_types().
struct Registered {
  std::optional<double> exp, nbf, iat;
  std::optional<std::string_view> iss, jti;
  std::optional<json::Value> aud, scope, scp;
};

// RFC 7519 §2 NumericDate: a JSON number, possibly with a fraction. Strings ("1700000000"),
// null and booleans are refused: some libraries coerce them, and a check skipped because the
// claim "is not a number" is a check bypassed.
Status numeric_date(std::string_view name, json::Value v, std::optional<double> &out) {
  if (!v.is_number()) return wrong_type(name, "a number (NumericDate, RFC 7519 §2)", v);
  auto d = v.as_double();
  if (!d || !std::isfinite(*d)) return error(JWTCORE_E_CLAIM_TYPE, claim_label(name) + " must be a finite number");
  out = *d;
  return Status::ok();
}

bool is_string_or_string_array(json::Value v) {
  if (v.is_string()) return true;
  if (!v.is_array()) return false;
  bool all = true;
  v.each_element([&](json::Value e) { return all = e.is_string(); });
  return all;
}

// RFC 7519 §4.1.1, §4.1.2, §4.1.7: StringOrURI / case-sensitive strings.
Status string_claim(std::string_view name, json::Value v, std::optional<std::string_view> *out) {
  auto s = v.as_string();
  if (!s) return wrong_type(name, "a string", v);
  if (out != nullptr) *out = s;
  return Status::ok();
}

Status read_registered(std::string_view k, json::Value v, const ClaimsPolicy &p, Registered &r) {
  if (k == "exp") return numeric_date(k, v, r.exp);
  if (k == "nbf") return numeric_date(k, v, r.nbf);
  if (k == "iat") return numeric_date(k, v, r.iat);
  if (k == "iss") return string_claim(k, v, &r.iss);
  if (k == "sub") return string_claim(k, v, nullptr);
  if (k == "jti") return string_claim(k, v, &r.jti);
  if (k == "aud") {
    if (!is_string_or_string_array(v)) return wrong_type(k, "a string or an array of strings", v);
    r.aud = v;
  } else if (k == "scope" && !p.required_scopes.empty()) {
    if (!v.is_string()) return wrong_type(k, "a space-separated string (RFC 8693 §4.2)", v);
    r.scope = v;
  } else if (k == "scp" && !p.required_scopes.empty()) {
    if (!is_string_or_string_array(v)) return wrong_type(k, "a string or an array of strings", v);
    r.scp = v;
  }
  return Status::ok();
}

// One pass over the members instead of a lookup per registered claim (each lookup is a linear
// scan): this is on every verification.
Status check_types(json::Value claims, const ClaimsPolicy &p, Registered &r) {
  Status st;
  claims.each_member([&](std::string_view k, json::Value v) {
    // Registered names are 3 bytes long, "scope" 5: skip the others without comparing.
    if (k.size() == 3 || k.size() == 5) st = read_registered(k, v, p, r);
    return st.is_ok();
  });
  return st;
}

template <class List>
bool contains(const List &list, std::string_view s) {
  for (const auto &item : list)
    if (std::string_view(item) == s) return true;
  return false;
}

// RFC 8725 §3.8: the issuer must be one the application expects; with issuer-bound keys the
// issuer must also be one whose keys verified the token (jwt.cpp chose them by this very value).
Status check_issuer(const Registered &r, const ClaimsPolicy &p) {
  if (p.issuers.empty() && p.issuer_keys.empty()) return Status::ok();
  if (!r.iss) return error(JWTCORE_E_ISSUER, "claim 'iss' is missing; the verifier requires an issuer");
  if (!p.issuers.empty() && !contains(p.issuers, *r.iss)) {
    return error(JWTCORE_E_ISSUER, "claim 'iss' is not one of the " + std::to_string(p.issuers.size()) + " accepted issuer(s)");
  }
  if (!p.issuer_keys.empty() && p.issuer_keys.find(*r.iss) == p.issuer_keys.end()) {
    return error(JWTCORE_E_ISSUER, "claim 'iss' names no issuer with registered keys");
  }
  return Status::ok();
}

std::string leeway_text(const ClaimsPolicy &p) { return " (leeway " + std::to_string(p.leeway) + " s)"; }

// RFC 7519 §4.1.4–4.1.6. The leeway absorbs clock skew between issuer and verifier; at exactly
// exp == now - leeway the token has expired ("current time MUST be before" exp).
Status check_times(const Registered &r, const ClaimsPolicy &p, int64_t now_s) {
  const double now = static_cast<double>(now_s), leeway = static_cast<double>(p.leeway);
  if (!r.exp && p.require_exp) return error(JWTCORE_E_CLAIM_MISSING, "claim 'exp' is missing; the verifier requires an expiry");
  if (r.exp && *r.exp <= now - leeway) {
    return error(JWTCORE_E_EXPIRED, "claim 'exp' (" + number_text(*r.exp) + ") is " + number_text(now - *r.exp) +
                                        " s in the past" + leeway_text(p));
  }
  if (r.nbf && *r.nbf > now + leeway) {
    return error(JWTCORE_E_NOT_YET_VALID, "claim 'nbf' (" + number_text(*r.nbf) + ") is " + number_text(*r.nbf - now) +
                                              " s in the future" + leeway_text(p));
  }
  if (r.iat && *r.iat > now + leeway) {
    return error(JWTCORE_E_ISSUED_IN_FUTURE, "claim 'iat' (" + number_text(*r.iat) + ") is " +
                                                 number_text(*r.iat - now) + " s in the future" + leeway_text(p));
  }
  return Status::ok();
}

Status check_age(const Registered &r, const ClaimsPolicy &p, int64_t now_s) {
  const double now = static_cast<double>(now_s);
  if (p.max_age > 0) {
    if (!r.iat) return error(JWTCORE_E_CLAIM_MISSING, "claim 'iat' is missing; the verifier limits the token age");
    const double age = now - *r.iat;
    if (age > static_cast<double>(p.max_age) + static_cast<double>(p.leeway)) {
      return error(JWTCORE_E_TOO_OLD, "claim 'iat' (" + number_text(*r.iat) + ") is " + number_text(age) +
                                          " s ago, over the maximum age of " + std::to_string(p.max_age) + " s" + leeway_text(p));
    }
  }
  if (p.max_lifetime > 0) {
    if (!r.iat || !r.exp) {
      return error(JWTCORE_E_CLAIM_MISSING, std::string("claim '") + (r.iat ? "exp" : "iat") +
                                                "' is missing; the verifier limits the token lifetime");
    }
    const double life = *r.exp - *r.iat;
    if (life > static_cast<double>(p.max_lifetime)) {
      return error(JWTCORE_E_LIFETIME, "token lifetime exp - iat = " + number_text(life) + " s exceeds the maximum of " +
                                           std::to_string(p.max_lifetime) + " s");
    }
  }
  return Status::ok();
}

// RFC 7519 §4.1.3 and RFC 8725 §3.9: "aud" is a string or an array of strings; one accepted value
// suffices. A present "aud" that the verifier cannot find itself in MUST be rejected — also when
// the verifier was given no audience at all, so that a token meant for another service is never
// accepted by one that forgot to configure its own name.
Status check_audience(const Registered &r, const ClaimsPolicy &p) {
  if (p.audiences.empty()) {
    if (r.aud) return error(JWTCORE_E_AUDIENCE, "claim 'aud' is present but the verifier accepts no audience (RFC 7519 §4.1.3)");
    return Status::ok();
  }
  if (!r.aud) return error(JWTCORE_E_AUDIENCE, "claim 'aud' is missing; the verifier requires an audience");
  bool match = false;
  auto test = [&](json::Value v) {
    auto s = v.as_string();
    match = s && contains(p.audiences, *s);
    return !match;
  };
  if (r.aud->is_string()) {
    test(*r.aud);
  } else {
    r.aud->each_element(test);
  }
  if (!match) {
    return error(JWTCORE_E_AUDIENCE, "no value of claim 'aud' is one of the " + std::to_string(p.audiences.size()) +
                                         " accepted audience(s)");
  }
  return Status::ok();
}

Status check_required(json::Value claims, const ClaimsPolicy &p) {
  for (const auto &name : p.required_claims) {
    auto v = claims.find(name);
    if (!v || v->type() == json::Type::null) return error(JWTCORE_E_CLAIM_MISSING, "required " + claim_label(name) + " is missing");
  }
  return Status::ok();
}

// RFC 6749 §3.3 scope syntax: names separated by spaces.
bool in_scope_list(std::string_view list, std::string_view want) {
  size_t i = 0;
  while (i <= list.size()) {
    size_t j = list.find(' ', i);
    if (j == std::string_view::npos) j = list.size();
    if (list.substr(i, j - i) == want) return true;
    i = j + 1;
  }
  return false;
}

bool granted(std::optional<json::Value> v, std::string_view want) {
  if (!v) return false;
  if (auto s = v->as_string()) return in_scope_list(*s, want);
  bool found = false;
  v->each_element([&](json::Value e) { return !(found = e.as_string() == want); });
  return found;
}

// "scope" (RFC 8693 §4.2, RFC 9068 §2.2.3) or "scp" (common in access tokens): the union grants.
Status check_scopes(const Registered &r, const ClaimsPolicy &p) {
  for (const auto &want : p.required_scopes) {
    if (!granted(r.scope, want) && !granted(r.scp, want)) {
      return error(JWTCORE_E_SCOPE, "required scope '" + quote_name(want) + "' is not granted by claim 'scope' or 'scp'");
    }
  }
  return Status::ok();
}

Status check_exact(json::Value claims, const ClaimsPolicy &p) {
  for (const auto &ec : p.exact_claims) {
    auto v = claims.find(ec.name);
    if (!v) return error(JWTCORE_E_CLAIM_MISSING, claim_label(ec.name) + " is missing; the verifier requires a value for it");
    if (!json_equal(*v, ec.value->root())) {
      return error(JWTCORE_E_CLAIM_MISMATCH, claim_label(ec.name) + " does not have the required value");
    }
  }
  return Status::ok();
}

Status check_revocation(const Registered &r, const ClaimsPolicy &p) {
  if (p.revoked == nullptr) return Status::ok();
  if (!r.jti) return error(JWTCORE_E_CLAIM_MISSING, "claim 'jti' is missing; the verifier checks revocation by it");
  if (p.revoked(p.revoked_ctx, r.jti->data(), r.jti->size()) != 0) return error(JWTCORE_E_REVOKED, "the token's 'jti' is revoked");
  return Status::ok();
}

bool numbers_equal(json::Value a, json::Value b) {
  auto ia = a.as_int64(), ib = b.as_int64();
  if (ia && ib) return *ia == *ib;
  if (a.type() == json::Type::integer && b.type() == json::Type::integer) return a.to_json() == b.to_json();  // > INT64_MAX
  // One integer and one fraction/exponent form: equal only if the latter is that exact integer.
  if (ia || ib) {
    const double d = *(ia ? b : a).as_double();
    const int64_t i = ia ? *ia : *ib;
    return d >= -9223372036854775808.0 && d < 9223372036854775808.0 && std::floor(d) == d && static_cast<int64_t>(d) == i;
  }
  return *a.as_double() == *b.as_double();
}

}  // namespace

int64_t claims_now(const ClaimsPolicy &policy) {
  if (policy.clock != nullptr) return policy.clock(policy.clock_ctx);
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

Status check_claims(json::Value claims, const ClaimsPolicy &policy, int64_t now) {
  Registered r;
  JWTCORE_TRY(check_types(claims, policy, r));
  JWTCORE_TRY(check_issuer(r, policy));
  JWTCORE_TRY(check_times(r, policy, now));
  JWTCORE_TRY(check_age(r, policy, now));
  JWTCORE_TRY(check_audience(r, policy));
  JWTCORE_TRY(check_required(claims, policy));
  JWTCORE_TRY(check_scopes(r, policy));
  JWTCORE_TRY(check_exact(claims, policy));
  return check_revocation(r, policy);
}

bool json_equal(json::Value a, json::Value b) {
  if (a.is_number() && b.is_number()) return numbers_equal(a, b);
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case json::Type::null: return true;
    case json::Type::boolean: return a.as_bool() == b.as_bool();
    case json::Type::string: return a.as_string() == b.as_string();
    case json::Type::array: {
      if (a.size() != b.size()) return false;
      std::vector<json::Value> bs;
      bs.reserve(b.size());
      b.each_element([&](json::Value e) { bs.push_back(e); return true; });
      size_t i = 0;
      bool eq = true;
      a.each_element([&](json::Value e) { return eq = json_equal(e, bs[i++]); });
      return eq;
    }
    case json::Type::object: {
      if (a.size() != b.size()) return false;
      // Member names are unique (the parser refuses duplicates), so a one-way lookup suffices.
      bool eq = true;
      a.each_member([&](std::string_view k, json::Value v) {
        auto w = b.find(k);
        return eq = w && json_equal(v, *w);
      });
      return eq;
    }
    default: return false;
  }
}

Result<ExactClaim> make_exact_claim(std::string_view name, std::string_view json_text) {
  if (name.empty()) return error(JWTCORE_E_INVALID_ARGUMENT, "claim name must not be empty");
  auto doc = std::make_shared<json::Document>();
  JWTCORE_TRY(doc->parse(json_text, json::Limits{64 * 1024, 32}, "required claim value"));
  ExactClaim ec;
  ec.name = std::string(name);
  ec.json = doc->root().to_json();
  ec.value = std::move(doc);
  return ec;
}

// ---- Claims: the verified claims set ------------------------------------------------------

Status Claims::parse(bytes_view payload, const json::Limits &limits) {
  text_.assign(payload.begin(), payload.end());
  text_.push_back(0);
  Status st = doc_.parse_object(json(), limits, "claims");
  parsed_ = st.is_ok();
  if (!st) clear();
  return st;
}

Status Claims::parse_base64url(std::string_view payload_b64, const json::Limits &limits) {
  const size_t max = base64url::decoded_size(payload_b64.size());
  if (max > limits.max_size) {
    return error(JWTCORE_E_LIMIT_SIZE, "claims: about " + std::to_string(max) + " bytes exceeds the limit of " +
                                           std::to_string(limits.max_size));
  }
  text_.resize(max + 1);
  size_t written = 0;
  Status st = base64url::decode_to(payload_b64, text_.data(), &written);
  if (st) {
    text_.resize(written);
    text_.push_back(0);
    st = doc_.parse_object(json(), limits, "claims");
  }
  parsed_ = st.is_ok();
  if (!st) clear();
  return st;
}

Claims::~Claims() { secure_zero(text_.data(), text_.size()); }

void Claims::clear() noexcept {
  if (confidential_) secure_zero(text_.data(), text_.size());
  text_.clear();
  parsed_ = false;
  confidential_ = false;
}

std::string_view Claims::json() const {
  if (text_.empty()) return {};
  return {reinterpret_cast<const char *>(text_.data()), text_.size() - 1};
}

bool Claims::has(std::string_view name) const {
  auto v = root().find(name);
  return v && v->type() != json::Type::null;
}

Result<json::Value> Claims::find(std::string_view name) const {
  auto v = root().find(name);
  if (!v || v->type() == json::Type::null) return error(JWTCORE_E_CLAIM_MISSING, claim_label(name) + " is absent");
  return *v;
}

Result<std::string_view> Claims::get_string(std::string_view name) const {
  JWTCORE_ASSIGN(json::Value v, find(name));
  if (auto s = v.as_string()) return *s;
  return wrong_type(name, "a string", v);
}

Result<int64_t> Claims::get_int64(std::string_view name) const {
  JWTCORE_ASSIGN(json::Value v, find(name));
  if (auto i = v.as_int64()) return *i;
  if (v.type() == json::Type::number) {
    const double d = *v.as_double();
    if (std::floor(d) == d && d >= -9223372036854775808.0 && d < 9223372036854775808.0) return static_cast<int64_t>(d);
  }
  return error(JWTCORE_E_CLAIM_TYPE, claim_label(name) + " is not an integer in the 64-bit range (found " +
                                         json::type_name(v.type()) + ")");
}

Result<double> Claims::get_double(std::string_view name) const {
  JWTCORE_ASSIGN(json::Value v, find(name));
  if (v.is_number()) return *v.as_double();
  return wrong_type(name, "a number", v);
}

Result<bool> Claims::get_bool(std::string_view name) const {
  JWTCORE_ASSIGN(json::Value v, find(name));
  if (auto b = v.as_bool()) return *b;
  return wrong_type(name, "a boolean", v);
}

Result<size_t> Claims::string_array_size(std::string_view name) const {
  JWTCORE_ASSIGN(json::Value v, find(name));
  if (v.is_string()) return size_t(1);
  if (!is_string_or_string_array(v)) return wrong_type(name, "a string or an array of strings", v);
  return v.size();
}

Result<std::string_view> Claims::string_array_at(std::string_view name, size_t index) const {
  JWTCORE_ASSIGN(size_t n, string_array_size(name));
  if (index >= n) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "index " + std::to_string(index) + " is out of range: " + claim_label(name) +
                                                 " has " + std::to_string(n) + " value(s)");
  }
  json::Value v = *root().find(name);
  if (v.is_string()) return *v.as_string();
  std::string_view out;
  size_t i = 0;
  v.each_element([&](json::Value e) {
    if (i++ != index) return true;
    out = *e.as_string();
    return false;
  });
  return out;
}

Result<std::string> Claims::get_json(std::string_view name) const {
  auto v = root().find(name);
  if (!v) return error(JWTCORE_E_CLAIM_MISSING, claim_label(name) + " is absent");
  return v->to_json();
}

// ---- The per-thread pool ------------------------------------------------------------------

namespace {

constexpr size_t kPoolSize = 4;

// Set when this thread's pool has been destroyed (thread exit): a trivially destructible flag
// stays readable after that, so a late release_claims() frees instead of touching a dead pool.
thread_local bool t_pool_gone = false;

struct ClaimsPool {
  std::vector<std::unique_ptr<Claims>> spare;
  ~ClaimsPool() { t_pool_gone = true; }
};

ClaimsPool &pool() {
  thread_local ClaimsPool p;
  return p;
}

}  // namespace

std::unique_ptr<Claims> acquire_claims() {
  if (!t_pool_gone) {
    auto &spare = pool().spare;
    spare.reserve(kPoolSize);  // here, not in release: release must not allocate
    if (!spare.empty()) {
      std::unique_ptr<Claims> c = std::move(spare.back());
      spare.pop_back();
      return c;
    }
  }
  return std::make_unique<Claims>();
}

void release_claims(std::unique_ptr<Claims> claims) noexcept {
  if (!claims) return;
  claims->clear();
  if (t_pool_gone) return;
  auto &spare = pool().spare;
  if (spare.size() < spare.capacity() && spare.size() < kPoolSize) spare.push_back(std::move(claims));
}

}  // namespace jwtcore
