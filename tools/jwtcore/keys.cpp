#include "keys.hpp"

#include "json.hpp"

#include <cstdio>

namespace cli {

namespace {

std::string_view trim_front(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  return s;
}

bool looks_binary(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x09 || (u > 0x0d && u < 0x20)) return true;
  }
  return false;
}

std::vector<jwtcore::Key> from_jwks(const std::string &data, const std::string &what) {
  try {
    jwtcore::KeySet set = jwtcore::KeySet::from_jwks(data);
    const std::vector<std::string> skipped = set.skipped_reasons();
    if (set.size() == 0)
      usage(what + ": no usable key in the JWK Set" + (skipped.empty() ? std::string() : " (" + skipped[0] + ")"));
    for (const std::string &reason : skipped) std::fprintf(stderr, "jwtcore: warning: %s: skipped %s\n", what.c_str(), reason.c_str());
    std::vector<jwtcore::Key> keys;
    for (std::size_t i = 0; i < set.size(); ++i) keys.push_back(set.at(i));
    return keys;
  } catch (const jwtcore::Error &e) {
    usage_from(e, what);
  }
}

jwtcore::Key from_text_or_der(const std::string &data, const std::string &what) {
  const std::string_view t = trim_front(data);
  try {
    if (!t.empty() && t.front() == '{') return jwtcore::Key::from_jwk(data);
    if (t.substr(0, 10) == "-----BEGIN" || looks_binary(data)) return jwtcore::Key::from_pem(data);
  } catch (const jwtcore::Error &e) {
    usage_from(e, what);
  }
  usage(what + ": not a JWK, a JWK Set, PEM or DER key");
}

bool is_jwks(const std::string &data) {
  const std::string_view t = trim_front(data);
  if (t.empty() || t.front() != '{') return false;
  std::string error;
  const auto v = json::parse(data, error);
  return v && v->is_object() && v->find("keys") != nullptr;
}

}  // namespace

std::vector<jwtcore::Key> load_key_file(std::string_view spec) {
  const bool want_set = !spec.empty() && spec[0] == '@';
  const std::string what = "key '" + std::string(want_set ? spec.substr(1) : spec) + "'";
  const std::string data = read_path(spec, kMaxKeyFile, what);
  if (trim_front(data).empty()) usage(what + ": the file is empty");
  if (want_set || is_jwks(data)) return from_jwks(data, what);
  return {from_text_or_der(data, what)};
}

std::vector<jwtcore::Key> load_keys(const Args &args) {
  std::vector<jwtcore::Key> keys;
  for (const std::string &spec : args.values("--key"))
    for (jwtcore::Key &k : load_key_file(spec)) keys.push_back(std::move(k));
  if (auto secret = args.value("--secret")) {
    const std::string bytes = read_source(*secret, kMaxKeyFile, "--secret");
    try {
      keys.push_back(jwtcore::Key::from_secret(bytes));
    } catch (const jwtcore::Error &e) {
      usage_from(e, "--secret");
    }
  }
  if (keys.empty()) usage("no key: give --key FILE (or --secret for an HMAC secret)");
  return keys;
}

jwtcore::Key pick_key(const std::vector<jwtcore::Key> &keys, const std::string &kid) {
  try {
    if (keys.size() == 1) return kid.empty() || keys[0].kid() == kid ? keys[0] : keys[0].with_kid(kid);
    if (kid.empty()) usage(std::to_string(keys.size()) + " keys given: choose one with --kid");
    for (const jwtcore::Key &k : keys)
      if (k.kid() == kid) return k;
  } catch (const jwtcore::Error &e) {
    usage_from(e, "--kid");
  }
  usage("no key with kid " + json::quote(kid) + " among the " + std::to_string(keys.size()) + " keys given");
}

const std::vector<std::string> kAllEncs = {"A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"};

std::vector<std::string> decrypt_algs(const jwtcore::Key &key) {
  const std::string alg = key.alg();
  for (const std::string &enc : kAllEncs)
    if (alg == enc) return {"dir"};
  if (!alg.empty()) return {alg};
  const std::string kty = key.kty();
  if (kty == "RSA") return {"RSA-OAEP", "RSA-OAEP-256"};
  if (kty == "EC" || kty == "OKP") return {"ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"};
  return {"A128KW", "A192KW", "A256KW", "A128GCMKW", "A192GCMKW", "A256GCMKW", "dir"};
}

std::string describe_key(const jwtcore::Key &key) {
  std::string d = key.kty();
  if (!key.curve().empty()) d += " " + key.curve();
  d += key.kty() == "oct" ? " secret key" : key.is_private() ? " private key" : " public key";
  if (!key.kid().empty()) d += ", kid " + json::quote(key.kid());
  return d;
}

}  // namespace cli
