// jwtcore keygen / pubkey / thumbprint / convert / jwks: key handling through the library.
#include "cli.hpp"
#include "commands.hpp"
#include "json.hpp"
#include "keys.hpp"

namespace cli {

namespace {

const char kKeygenHelp[] = R"(Usage: jwtcore keygen ALG|CRV [--kid K | --kid-thumbprint] [--out FILE] [--public-out FILE]

Generates a key and prints it as a private JWK (or writes it to --out with mode 0600).

ALG|CRV is what the key is for:
  a JWS alg     HS256, HS384, HS512, RS256 (RS256:3072 for another size, 2048..8192),
                PS256.., ES256, ES384, ES512, ES256K, EdDSA
  a JWE alg     RSA-OAEP, RSA-OAEP-256, A128KW.., A128GCMKW.., ECDH-ES, ECDH-ES+A256KW
                (P-256; "ECDH-ES+A256KW:X25519" for another curve)
  a JWE enc     A128GCM.., A128CBC-HS256.. (an oct key for "dir")
  a curve       P-256, P-384, P-521, secp256k1, Ed25519, X25519 (the key names no "alg")
Keys made for an algorithm carry it as their "alg", so other commands need no --alg.

Options:
  --kid K             set the key id
  --kid-thumbprint    set the key id to the RFC 7638 thumbprint (SHA-256)
  --out FILE          write the private JWK to FILE (mode 0600) instead of standard output
  --public-out FILE   also write the public JWK to FILE (not for oct keys, which are all secret)

Examples:
  jwtcore keygen EdDSA --kid-thumbprint --out ed.jwk --public-out ed.pub.jwk
  jwtcore keygen X25519 --kid enc-1 --out x.jwk --public-out x.pub.jwk
  jwtcore keygen HS256 > hmac.jwk
  jwtcore keygen RS256:3072 --kid rsa-2025 | jwtcore convert - --to pem
)";

const char kPubkeyHelp[] = R"(Usage: jwtcore pubkey [--pem] KEYFILE

Prints the public key of KEYFILE (a JWK, PEM or DER key; - for standard input) as a JWK, or as
a SubjectPublicKeyInfo PEM with --pem. kid, alg, use and key_ops are kept in the JWK.

Examples:
  jwtcore pubkey ed.jwk > ed.pub.jwk
  jwtcore pubkey --pem rsa.jwk > rsa.pub.pem
)";

const char kThumbprintHelp[] = R"(Usage: jwtcore thumbprint [--hash sha256|sha384|sha512] [--uri] KEYFILE

Prints the RFC 7638 JWK thumbprint (base64url) of each key in KEYFILE (a JWK, PEM, DER or JWK
Set), or the RFC 9278 thumbprint URI with --uri. With several keys, each line is
"<thumbprint> <kid>". --json prints [{"kid":..,"thumbprint":..}].

Examples:
  jwtcore thumbprint ed.jwk
  jwtcore thumbprint --uri --hash sha384 rsa.pub.pem
)";

const char kConvertHelp[] = R"(Usage: jwtcore convert KEYFILE --to jwk|pem [--public]

Converts a key between JWK and PEM. A private key stays private (PKCS#8 "PRIVATE KEY" in PEM)
unless --public is given; oct (secret) keys have no PEM form.

Examples:
  jwtcore convert ed.jwk --to pem > ed.pem
  jwtcore convert server.pem --to jwk --public
)";

const char kJwksHelp[] = R"(Usage: jwtcore jwks KEYFILE...

Builds a JWK Set {"keys":[...]} of the PUBLIC keys of the given files (JWK, PEM, DER or JWK
Sets), ready to publish. Secret (oct) keys are refused.

Examples:
  jwtcore jwks ed.jwk rsa.pem > jwks.json
  jwtcore jwks old/jwks.json new.jwk
)";

jwtcore::Key one_key(const std::string &spec) {
  std::vector<jwtcore::Key> keys = load_key_file(spec);
  if (keys.size() != 1) usage("'" + spec + "' holds " + std::to_string(keys.size()) + " keys; this command takes one");
  return keys[0];
}

std::string lines_of(const std::string &jwk) { return jwk + "\n"; }

uint32_t parse_hash(const Args &args) {
  const std::string h = args.value("--hash").value_or("sha256");
  if (h == "sha256" || h == "SHA-256") return JWTCORE_HASH_SHA256;
  if (h == "sha384" || h == "SHA-384") return JWTCORE_HASH_SHA384;
  if (h == "sha512" || h == "SHA-512") return JWTCORE_HASH_SHA512;
  usage("--hash " + h + ": use sha256, sha384 or sha512");
}

}  // namespace

int cmd_keygen(const Argv &argv) {
  const Args args(argv, {{"--kid", true, false}, {"--kid-thumbprint", false, false}, {"--out", true, false},
                         {"--public-out", true, false}});
  if (args.help()) {
    out(kKeygenHelp);
    return kExitOk;
  }
  args.expect_positional(1, "ALG or CRV (e.g. EdDSA, ES256, X25519; see --help)");
  if (args.flag("--kid") && args.flag("--kid-thumbprint")) usage("--kid and --kid-thumbprint exclude each other");
  try {
    jwtcore::Key key = jwtcore::Key::generate(args.positional()[0]);
    if (args.flag("--public-out") && key.kty() == "oct") usage("--public-out: an oct key is all secret; it has no public part");
    if (auto kid = args.value("--kid")) key = key.with_kid(*kid);
    if (args.flag("--kid-thumbprint")) key = key.with_kid(key.thumbprint());
    if (auto path = args.value("--public-out")) write_file(*path, lines_of(key.public_jwk()), 0644);
    const jwtcore::Secret jwk = key.private_jwk();
    if (auto path = args.value("--out")) {
      write_file(*path, std::string(jwk.view()) + "\n", 0600);
    } else {
      out(jwk.view());
      out("\n");
    }
  } catch (const jwtcore::Error &e) {
    usage_from(e, "keygen " + args.positional()[0]);
  }
  return kExitOk;
}

int cmd_pubkey(const Argv &argv) {
  const Args args(argv, {{"--pem", false, false}});
  if (args.help()) {
    out(kPubkeyHelp);
    return kExitOk;
  }
  args.expect_positional(1, "KEYFILE");
  const jwtcore::Key key = one_key(args.positional()[0]);
  if (key.kty() == "oct") usage("an oct key is all secret; it has no public part");
  try {
    out(args.flag("--pem") ? key.public_pem() : lines_of(key.public_jwk()));
  } catch (const jwtcore::Error &e) {
    usage_from(e, "pubkey");
  }
  return kExitOk;
}

int cmd_thumbprint(const Argv &argv) {
  const Args args(argv, {{"--hash", true, false}, {"--uri", false, false}});
  if (args.help()) {
    out(kThumbprintHelp);
    return kExitOk;
  }
  args.expect_positional(1, "KEYFILE");
  const uint32_t hash = parse_hash(args);
  const std::vector<jwtcore::Key> keys = load_key_file(args.positional()[0]);
  std::string json = "[";
  for (const jwtcore::Key &k : keys) {
    std::string t;
    try {
      t = args.flag("--uri") ? k.thumbprint_uri(hash) : k.thumbprint(hash);
    } catch (const jwtcore::Error &e) {
      usage_from(e, "thumbprint");
    }
    json += (json.size() > 1 ? "," : "") + std::string("{\"kid\":") + json::quote(k.kid()) + ",\"thumbprint\":" + json::quote(t) + "}";
    if (!args.json()) out_line(keys.size() == 1 ? t : t + " " + k.kid());
  }
  if (args.json()) out_line(json + "]");
  return kExitOk;
}

int cmd_convert(const Argv &argv) {
  const Args args(argv, {{"--to", true, false}, {"--public", false, false}});
  if (args.help()) {
    out(kConvertHelp);
    return kExitOk;
  }
  args.expect_positional(1, "KEYFILE");
  const std::string to = args.value("--to").value_or("");
  if (to != "jwk" && to != "pem") usage("--to must be jwk or pem");
  const jwtcore::Key key = one_key(args.positional()[0]);
  const bool want_private = !args.flag("--public") && key.is_private();
  if (args.flag("--public") && key.kty() == "oct") usage("an oct key is all secret; it has no public part");
  try {
    if (to == "pem") {
      if (want_private) {
        out(key.private_pem().view());
      } else {
        out(key.public_pem());
      }
    } else if (want_private) {
      out(key.private_jwk().view());
      out("\n");
    } else {
      out(lines_of(key.public_jwk()));
    }
  } catch (const jwtcore::Error &e) {
    usage_from(e, "convert");
  }
  return kExitOk;
}

int cmd_jwks(const Argv &argv) {
  const Args args(argv, {});
  if (args.help()) {
    out(kJwksHelp);
    return kExitOk;
  }
  if (args.positional().empty()) usage("missing KEYFILE (one or more key files)");
  jwtcore::KeySet set;
  for (const std::string &spec : args.positional()) {
    for (const jwtcore::Key &k : load_key_file(spec)) {
      if (k.kty() == "oct") usage("'" + spec + "' holds an oct (secret) key; a published JWK Set holds public keys only");
      try {
        set.add(k.public_key());
      } catch (const jwtcore::Error &e) {
        usage_from(e, spec);
      }
    }
  }
  out_line(set.public_jwks());
  return kExitOk;
}

}  // namespace cli
