// jwtcore verify: the library's verifier (jwtcore_jwt_verify) on a token, with a verdict.
#include "cli.hpp"
#include "commands.hpp"
#include "inspect.hpp"
#include "keys.hpp"
#include "timefmt.hpp"

#include <algorithm>

namespace cli {

namespace {

const char kHelp[] = R"(Usage: jwtcore verify --key FILE|@JWKS [--alg ALG[,ALG]] [--iss I] [--aud A]
                      [--leeway S] [--require CLAIM] [--scope S] [--typ T] [--json] TOKEN
       jwtcore verify --jws --key FILE [--alg ALG] [--payload DATA] TOKEN

Verifies a JWT with libjwtcore's verifier: the signature (only the allowed algorithms, only
your keys: keys embedded in the token are never used), then the claims: "exp" is required,
"nbf" and "iat" are checked with a leeway, "iss" and "aud" must match what you accept (a token
carrying "aud" needs --aud), required claims and scopes must be there. Prints the verdict and
the claims; on failure, one line with the reason on standard error.

TOKEN is the token, @FILE or - (at most 1 MiB). A nested JWT (a JWE holding a JWT) needs
--decrypt-key as well.

Options:
  --key FILE         verification key(s): JWK, PEM or DER (public or private), or a JWK Set
                     (@FILE, or any file holding {"keys": [...]}); repeat for several
  --secret S         an HMAC secret: text, @FILE or - (prefer @FILE)
  --alg ALG[,ALG]    the algorithms to accept (default: the "alg" every key names); "none" is
                     never accepted
  --iss I            accept issuer I (repeat for several)
  --aud A            accept audience A (repeat for several)
  --leeway S         clock skew allowed for exp/nbf/iat, 0..300 s (default 60; 90s, 2m work)
  --require CLAIM    the claim must be present (repeat)
  --scope S          the scope must be granted by "scope" or "scp" (repeat)
  --typ T            the header "typ" must be T (e.g. at+jwt)
  --decrypt-key FILE a private key to decrypt a nested JWT (its JWE layer)
  --enc ENC[,ENC]    content encryptions accepted for a nested JWT (default: all six)
  --jws              verify only the signature of any JWS (no claim checks); prints the payload
  --payload DATA     the detached payload (RFC 7515 Appendix F): text, @FILE or -; implies --jws
  --json             the verdict as one JSON object on standard output

Exit status: 0 valid, 1 not valid (signature, algorithm, key, claims, malformed token),
2 usage or input error (bad option or key file, empty/binary/oversized input).

Examples:
  jwtcore verify --key ed.pub.jwk --alg EdDSA --iss https://issuer.example --aud api @token.txt
  jwtcore verify --key @jwks.json --alg RS256,ES256 --require sub --scope read -
  jwtcore verify --secret @hmac.key --alg HS256 --leeway 30 eyJhbGciOiJIUzI1NiJ9...
  jwtcore verify --jws --key ed.pub.jwk --payload @contract.pdf @contract.jws
)";

void add_algorithms(jwtcore::Verifier &v, const Args &args, const std::vector<jwtcore::Key> &keys) {
  std::vector<std::string> algs = args.list("--alg");
  if (algs.empty()) {
    for (const jwtcore::Key &k : keys) {
      if (k.alg().empty()) usage("--alg is required: a key does not name its algorithm");
      algs.push_back(k.alg());
    }
  }
  for (const std::string &alg : algs) {
    if (alg == "none" || alg == "None" || alg == "NONE") usage("--alg none: unsigned tokens are never accepted");
    try {
      v.allow_alg(alg);
    } catch (const jwtcore::Error &e) {
      usage_from(e, "--alg " + alg);
    }
  }
}

void add_decryption(jwtcore::Verifier &v, const Args &args) {
  for (const std::string &spec : args.values("--decrypt-key")) {
    for (const jwtcore::Key &k : load_key_file(spec)) {
      v.add_decryption_key(k);
      for (const std::string &a : decrypt_algs(k)) v.allow_alg(a);
    }
    std::vector<std::string> encs = args.list("--enc");
    if (encs.empty()) encs = kAllEncs;
    for (const std::string &e : encs) v.allow_enc(e);
  }
}

void apply_policy(jwtcore::Verifier &v, const Args &args) {
  for (const std::string &iss : args.values("--iss")) v.add_issuer(iss);
  for (const std::string &aud : args.values("--aud")) v.add_audience(aud);
  if (auto leeway = args.value("--leeway")) v.set_leeway(parse_duration(*leeway, "--leeway"));
  for (const std::string &c : args.values("--require")) v.require_claim(c);
  for (const std::string &s : args.values("--scope")) v.require_scope(s);
  if (auto typ = args.value("--typ")) v.require_typ(*typ);
  // The CLI's own input cap is the size limit, so that any token it reads can be judged.
  v.set_max_token_size(kMaxToken);
  v.set_max_jwt_size(kMaxToken);
}

jwtcore::Verifier build_verifier(const Args &args) {
  const std::vector<jwtcore::Key> keys = load_keys(args);
  jwtcore::Verifier v;
  add_algorithms(v, args, keys);
  try {
    for (const jwtcore::Key &k : keys) v.add_key(k);
    add_decryption(v, args);
    apply_policy(v, args);
  } catch (const jwtcore::Error &e) {
    usage_from(e, "verifier");
  }
  return v;
}

std::string header_summary(const std::string &token) {
  std::string s;
  if (auto h = compact_header(token)) {
    if (const json::Value *alg = h->find("alg"); alg && alg->is_string()) s += "alg " + alg->text;
    if (const json::Value *kid = h->find("kid"); kid && kid->is_string()) s += ", kid " + json::quote(kid->text);
  }
  // The outer header of a nested JWT describes the encryption layer, not the signature.
  const bool nested = std::count(token.begin(), token.end(), '.') == 4;
  return nested ? "nested JWT decrypted with " + s + ", then the inner signature" : "signature (" + s + ")";
}

[[noreturn]] void report_invalid(const Args &args, const jwtcore::Error &e) {
  if (args.json())
    out_line("{\"valid\":false,\"code\":" + std::to_string(e.code()) + ",\"error\":" + json::quote(e.description()) +
             ",\"message\":" + json::quote(e.message()) + "}");
  invalid_from(e, "invalid");
}

std::string payload_json(std::string_view payload) {
  const std::string p(payload);
  if (is_valid_utf8(p)) return "\"payload_text\":" + json::quote(p);
  return "\"payload_base64url\":" + json::quote(jwtcore::base64url_encode(p));
}

int verify_jws(const Args &args, const jwtcore::Verifier &v, const std::string &token) {
  jwtcore::JwsVerified r;
  try {
    if (auto spec = args.value("--payload")) {
      const std::string content = read_source(*spec, kMaxData, "--payload");
      r = v.verify_jws_detached(token, content);
    } else {
      r = v.verify_jws(token);
    }
  } catch (const jwtcore::Error &e) {
    report_invalid(args, e);
  }
  if (args.json()) {
    out_line("{\"valid\":true,\"alg\":" + json::quote(r.alg) + ",\"header\":" + r.header + "," + payload_json(r.payload_view()) + "}");
    return kExitOk;
  }
  const Style &st = style();
  out_line(std::string(st.good) + "valid" + st.reset + ": " + r.alg + " signature by the " + describe_key(r.key));
  const std::string p(r.payload_view());
  out_line(is_valid_utf8(p) ? p : "(" + std::to_string(p.size()) + " bytes of binary payload, base64url " +
                                      jwtcore::base64url_encode(p) + ")");
  return kExitOk;
}

int verify_jwt(const Args &args, const jwtcore::Verifier &v, const std::string &token) {
  std::string claims;
  try {
    claims = v.verify_jwt(token).json();
  } catch (const jwtcore::Error &e) {
    report_invalid(args, e);
  }
  std::string error;
  const auto parsed = json::parse(claims, error);
  if (args.json()) {
    const auto h = compact_header(token);
    out_line("{\"valid\":true,\"header\":" + (h ? json::compact(*h) : std::string("null")) + ",\"claims\":" + claims + "}");
    return kExitOk;
  }
  const Style &st = style();
  out_line(std::string(st.good) + "valid" + st.reset + ": " + header_summary(token) + " and claims verified");
  if (!parsed) return kExitOk;
  out_line(json::pretty(*parsed, 0));
  const int64_t now = now_seconds();
  for (const auto &[name, t] : numeric_dates(*parsed)) out_line(time_line(name, t, now));
  return kExitOk;
}

}  // namespace

int cmd_verify(const Argv &argv) {
  const Args args(argv, {{"--key", true, true}, {"--secret", true, false}, {"--alg", true, true},
                         {"--iss", true, true}, {"--aud", true, true}, {"--leeway", true, false},
                         {"--require", true, true}, {"--scope", true, true}, {"--typ", true, false},
                         {"--decrypt-key", true, true}, {"--enc", true, true}, {"--jws", false, false},
                         {"--payload", true, false}});
  if (args.help()) {
    out(kHelp);
    return kExitOk;
  }
  args.expect_positional(1, "TOKEN (the token, @FILE or -)");
  const jwtcore::Verifier v = build_verifier(args);
  const std::string token = read_token(args.positional()[0]);
  if (args.flag("--jws") || args.flag("--payload")) return verify_jws(args, v, token);
  return verify_jwt(args, v, token);
}

}  // namespace cli
