// jwtcore encrypt / decrypt: JWE (RFC 7516) with the library's one-call encryption and its
// policy-bound decryption.
#include "cli.hpp"
#include "commands.hpp"
#include "json.hpp"
#include "keys.hpp"

#include <unistd.h>

namespace cli {

namespace {

const char kEncryptHelp[] = R"(Usage: jwtcore encrypt --key FILE [--alg ALG] [--enc ENC] [--in FILE|-] [--cty CTY] [--json]

Encrypts the input to a (public) key and prints the JWE, compact by default.

Options:
  --key FILE     the recipient's key: JWK, PEM or DER (public is enough), or a JWK Set
                 with --kid; an oct key for AES key wrap or "dir"
  --secret S     an oct key as raw bytes: text, @FILE or - (e.g. for dir / A256KW)
  --alg ALG      key management: ECDH-ES, ECDH-ES+A128KW/A192KW/A256KW, RSA-OAEP,
                 RSA-OAEP-256, A128KW..A256KW, A128GCMKW..A256GCMKW, dir,
                 PBES2-HS256+A128KW.. (default: the key's own "alg")
  --enc ENC      content encryption: A128GCM, A192GCM, A256GCM, A128CBC-HS256,
                 A192CBC-HS384, A256CBC-HS512 (default A256GCM, or the enc a "dir" key
                 was generated for)
  --in FILE|-    what to encrypt (default: standard input; at most 8 MiB)
  --cty CTY      header "cty"; "JWT" marks a nested JWT, and then the input is taken as a
                 token (surrounding whitespace dropped)
  --kid K        choose the key of kid K in a JWK Set, or put kid K in the header
  --json         flattened JSON serialization instead of compact

Exit status: 0 encrypted, 2 usage, key or input error.

Examples:
  jwtcore keygen X25519 --kid enc-1 --public-out x.pub.jwk --out x.jwk
  echo 'meet at noon' | jwtcore encrypt --key x.pub.jwk --alg ECDH-ES+A256KW --enc A256GCM
  jwtcore encrypt --key x.pub.jwk --alg ECDH-ES+A256KW --cty JWT --in token.txt > token.jwe
  jwtcore encrypt --key rsa.pub.pem --alg RSA-OAEP-256 --enc A128CBC-HS256 --in report.pdf
)";

const char kDecryptHelp[] = R"(Usage: jwtcore decrypt --key FILE [--alg ALG[,ALG]] [--enc ENC[,ENC]] [--json] TOKEN

Decrypts a JWE (compact or JSON serialization) and writes the plaintext, byte for byte, to
standard output (with --json: one JSON object with the header and the plaintext).

TOKEN is the token, @FILE or - (at most 1 MiB).

Options:
  --key FILE       the private key(s): JWK, PEM or DER, or a JWK Set (@FILE); repeatable
  --secret S       an oct key as raw bytes: text, @FILE or -
  --alg ALG[,ALG]  key management algorithms to accept (default: the key's own "alg", else
                   its type's modern family: RSA-OAEP*, ECDH-ES*, AES key wrap, dir; never
                   RSA1_5; PBES2 only with --pbes2)
  --enc ENC[,ENC]  content encryptions to accept (default: all six)
  --pbes2          accept PBES2 (password) tokens, at most 10000 iterations
  --json           {"alg","enc","header",plaintext} as JSON

Exit status: 0 decrypted, 1 not decrypted (wrong key, tampered token, algorithm not allowed,
malformed token), 2 usage or input error.

Examples:
  jwtcore decrypt --key x.jwk @token.jwe
  jwtcore decrypt --key x.jwk --alg ECDH-ES+A256KW --enc A256GCM - < token.jwe
  jwtcore decrypt --key @keys.jwks --json @message.jwe
)";

std::string read_plaintext(const Args &args) {
  const std::string spec = args.value("--in").value_or("-");
  if (spec == "-" && stdin_is_tty()) usage("nothing to encrypt: give --in FILE or pipe the data in");
  std::string data = read_path(spec, kMaxData, "--in");
  if (auto cty = args.value("--cty"); cty && (*cty == "JWT" || *cty == "jwt")) {
    const std::size_t b = data.find_first_not_of(" \t\r\n");
    const std::size_t e = data.find_last_not_of(" \t\r\n");
    data = b == std::string::npos ? std::string() : data.substr(b, e - b + 1);
    if (data.empty()) usage("--in: the token to encrypt is empty");
  }
  return data;
}

[[noreturn]] void report_failure(const Args &args, const jwtcore::Error &e) {
  if (args.json())
    out_line("{\"decrypted\":false,\"code\":" + std::to_string(e.code()) + ",\"error\":" + json::quote(e.description()) +
             ",\"message\":" + json::quote(e.message()) + "}");
  invalid_from(e, "not decrypted");
}

jwtcore::Verifier decryption_policy(const Args &args) {
  const std::vector<jwtcore::Key> keys = load_keys(args);
  jwtcore::Verifier v;
  try {
    std::vector<std::string> algs = args.list("--alg");
    for (const jwtcore::Key &k : keys) {
      v.add_decryption_key(k);
      if (args.list("--alg").empty())
        for (const std::string &a : decrypt_algs(k)) algs.push_back(a);
    }
    for (const std::string &a : algs) v.allow_alg(a);
    std::vector<std::string> encs = args.list("--enc");
    if (encs.empty()) encs = kAllEncs;
    for (const std::string &e : encs) v.allow_enc(e);
    if (args.flag("--pbes2")) v.enable_pbes2(0);
    v.set_max_token_size(kMaxToken);
  } catch (const jwtcore::Error &e) {
    usage_from(e, "decryption policy");
  }
  return v;
}

}  // namespace

int cmd_encrypt(const Argv &argv) {
  const Args args(argv, {{"--key", true, false}, {"--secret", true, false}, {"--alg", true, false},
                         {"--enc", true, false}, {"--in", true, false}, {"--cty", true, false}, {"--kid", true, false}});
  if (args.help()) {
    out(kEncryptHelp);
    return kExitOk;
  }
  args.expect_positional(0, "");
  const jwtcore::Key key = pick_key(load_keys(args), args.value("--kid").value_or(""));
  // A key made for an enc (e.g. A256GCM) is a "dir" key for that enc.
  const bool enc_key = !key.alg().empty() && decrypt_algs(key).front() == "dir" && key.alg() != "dir";
  const std::string alg = args.value("--alg").value_or(key.alg().empty() ? "" : decrypt_algs(key).front());
  if (alg.empty()) usage("--alg is required: the key does not name its algorithm");
  const std::string enc = args.value("--enc").value_or(enc_key ? key.alg() : "A256GCM");
  const std::string plaintext = read_plaintext(args);
  std::string header;
  if (auto cty = args.value("--cty")) header = "{\"cty\":" + json::quote(*cty) + "}";
  try {
    out_line(jwtcore::encrypt_jwe(plaintext, key, alg, enc, header, args.json() ? JWTCORE_JWE_FLATTENED : JWTCORE_JWE_COMPACT));
  } catch (const jwtcore::Error &e) {
    usage_from(e, "encrypt");
  }
  return kExitOk;
}

int cmd_decrypt(const Argv &argv) {
  const Args args(argv, {{"--key", true, true}, {"--secret", true, false}, {"--alg", true, true},
                         {"--enc", true, true}, {"--pbes2", false, false}});
  if (args.help()) {
    out(kDecryptHelp);
    return kExitOk;
  }
  args.expect_positional(1, "TOKEN (the token, @FILE or -)");
  const jwtcore::Verifier v = decryption_policy(args);
  const std::string token = read_token(args.positional()[0]);
  jwtcore::JweDecrypted r;
  try {
    r = v.decrypt_jwe(token);
  } catch (const jwtcore::Error &e) {
    report_failure(args, e);
  }
  if (args.json()) {
    const std::string text(r.plaintext.view());
    const std::string body = is_valid_utf8(text) ? "\"plaintext\":" + json::quote(text)
                                                 : "\"plaintext_base64url\":" + json::quote(jwtcore::base64url_encode(text));
    out_line("{\"decrypted\":true,\"alg\":" + json::quote(r.alg) + ",\"enc\":" + json::quote(r.enc) +
             ",\"header\":" + (r.header.empty() ? std::string("{}") : r.header) + "," + body + "}");
    return kExitOk;
  }
  out(r.plaintext.view());
  // A terminal prompt should not start on the plaintext's last line; pipes get the exact bytes.
  if (::isatty(STDOUT_FILENO) == 1 && !r.plaintext.empty() && r.plaintext.view().back() != '\n') out("\n");
  return kExitOk;
}

}  // namespace cli
