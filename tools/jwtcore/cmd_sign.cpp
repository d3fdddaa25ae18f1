// jwtcore sign: issues a JWT through the library's builder, or signs raw bytes as a JWS.
#include "cli.hpp"
#include "commands.hpp"
#include "json.hpp"
#include "keys.hpp"
#include "timefmt.hpp"

#include <cstdio>

namespace cli {

namespace {

const char kHelp[] = R"(Usage: jwtcore sign --key FILE [--alg ALG] [claims options]           (a JWT)
       jwtcore sign --key FILE [--alg ALG] --payload DATA [--detached] [--unencoded] [--json]
                                                                       (a raw JWS)

Signs and prints the token (compact serialization) on standard output. A JWT gets "typ":"JWT",
"iat" (now, unless --claims has one) and the key's kid in its header.

Key:
  --key FILE         private JWK, PEM or DER key, or a JWK Set (@FILE); with several keys,
                     --kid chooses one
  --secret S         an HMAC secret given as text, @FILE or - (prefer @FILE: arguments are
                     visible to other users of the machine)
  --alg ALG          HS256..HS512, RS256..RS512, PS256..PS512, ES256, ES384, ES512, ES256K,
                     EdDSA (default: the key's own "alg")
  --kid K            put kid K in the header (and choose the key of that kid in a JWK Set)
  --typ T            header "typ" (default "JWT"; e.g. at+jwt; "" for none)

Claims (JWT):
  --claims JSON      a claims object to start from: JSON text, @FILE or -
  --sub S, --iss I   subject, issuer
  --aud A            audience (repeat for several)
  --exp DUR          expires DUR from now: 90s, 15m, 2h, 7d, 1w
  --nbf DUR          not valid before now + DUR ("now", 5m, -1m)
  --jti              a random token id (128 bits)

Raw JWS:
  --payload DATA     sign these bytes instead of claims: text, @FILE or - (at most 8 MiB)
  --detached         leave the payload out of the token (RFC 7515 Appendix F)
  --unencoded        unencoded payload, "b64": false (RFC 7797)
  --json             flattened JSON serialization instead of compact

Exit status: 0 signed, 2 usage or key error.

Examples:
  jwtcore keygen EdDSA --kid k1 --out ed.jwk
  jwtcore sign --key ed.jwk --sub alice --iss https://issuer.example --aud api --exp 15m --jti
  jwtcore sign --key ed.jwk --claims '{"scope":"read write"}' --exp 2h --typ at+jwt
  jwtcore sign --secret @hmac.key --alg HS256 --sub bot --exp 7d
  jwtcore sign --key ed.jwk --payload @contract.pdf --detached
)";

void apply_claims(jwtcore::JwtBuilder &b, const Args &args) {
  bool has_iat = false;
  if (auto claims = args.value("--claims")) {
    const std::string text = read_source(*claims, kMaxData, "--claims");
    std::string error;
    const auto v = json::parse(text, error);
    if (!v) usage("--claims is not valid JSON: " + error);
    if (!v->is_object()) usage("--claims is not a JSON object");
    has_iat = v->find("iat") != nullptr;
    b.set_claims_json(text);
  }
  if (!has_iat) b.set_issued_now();
  if (auto sub = args.value("--sub")) b.set_string("sub", *sub);
  if (auto iss = args.value("--iss")) b.set_string("iss", *iss);
  const std::vector<std::string> auds = args.values("--aud");
  if (!auds.empty()) b.set_audience(std::vector<std::string_view>(auds.begin(), auds.end()));
  if (auto exp = args.value("--exp")) b.set_expires_in(parse_duration(*exp, "--exp"));
  if (auto nbf = args.value("--nbf")) b.set_not_before_in(parse_duration(*nbf, "--nbf"));
  if (args.flag("--jti")) b.generate_jti();
  if (auto typ = args.value("--typ")) b.set_typ(*typ);
}

// The claims JSON of a token this command just signed.
std::string claims_of(const std::string &token) {
  const std::size_t first = token.find('.'), last = token.rfind('.');
  const std::vector<uint8_t> json = jwtcore::base64url_decode(std::string_view(token).substr(first + 1, last - first - 1));
  return std::string(json.begin(), json.end());
}

std::string sign_jwt(const Args &args, const jwtcore::Key &key, const std::string &alg) {
  if (args.json()) usage("--json applies to raw JWS (--payload); a JWT is always compact");
  jwtcore::JwtBuilder b;
  try {
    apply_claims(b, args);
  } catch (const jwtcore::Error &e) {
    usage_from(e, "claims");
  }
  std::string token;
  try {
    token = b.sign(key, alg);
  } catch (const jwtcore::Error &e) {
    usage_from(e, "sign");
  }
  if (!args.value("--exp") && claims_of(token).find("\"exp\"") == std::string::npos)
    std::fprintf(stderr, "jwtcore sign: warning: no --exp: the token never expires\n");
  return token;
}

std::string sign_raw(const Args &args, const jwtcore::Key &key, const std::string &alg) {
  for (const char *o : {"--claims", "--sub", "--iss", "--aud", "--exp", "--nbf", "--jti"})
    if (args.flag(o)) usage(std::string(o) + " sets a JWT claim; it cannot be combined with --payload");
  const auto spec = args.value("--payload");
  if (!spec) usage("--detached and --unencoded sign raw bytes: give them with --payload");
  const std::string payload = read_source(*spec, kMaxData, "--payload");
  std::string header;
  if (auto typ = args.value("--typ"); typ && !typ->empty()) header = "{\"typ\":" + json::quote(*typ) + "}";
  uint32_t flags = args.json() ? JWTCORE_JWS_FLATTENED : JWTCORE_JWS_COMPACT;
  if (args.flag("--detached")) flags |= JWTCORE_JWS_DETACHED;
  if (args.flag("--unencoded")) flags |= JWTCORE_JWS_UNENCODED;
  try {
    return jwtcore::sign_jws(payload, key, alg, header, flags);
  } catch (const jwtcore::Error &e) {
    usage_from(e, "sign");
  }
}

}  // namespace

int cmd_sign(const Argv &argv) {
  const Args args(argv, {{"--key", true, false}, {"--secret", true, false}, {"--alg", true, false},
                         {"--claims", true, false}, {"--sub", true, false}, {"--iss", true, false},
                         {"--aud", true, true}, {"--exp", true, false}, {"--nbf", true, false},
                         {"--jti", false, false}, {"--typ", true, false}, {"--kid", true, false},
                         {"--detached", false, false}, {"--unencoded", false, false}, {"--payload", true, false}});
  if (args.help()) {
    out(kHelp);
    return kExitOk;
  }
  args.expect_positional(0, "");
  const jwtcore::Key key = pick_key(load_keys(args), args.value("--kid").value_or(""));
  std::string alg = args.value("--alg").value_or(key.alg());
  if (alg.empty()) usage("--alg is required: the key does not name its algorithm");
  const bool raw = args.flag("--payload") || args.flag("--detached") || args.flag("--unencoded");
  out_line(raw ? sign_raw(args, key, alg) : sign_jwt(args, key, alg));
  return kExitOk;
}

}  // namespace cli
