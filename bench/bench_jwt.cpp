// Full JWT verification through a verifier (size check, JOSE header, signature, claims parse,
// exp / iss / aud checks, system clock) against the bare signature check on the same bytes:
// HMAC-SHA-256 with the precomputed crypto::HmacKey, and libsodium's Ed25519 verify. The ratio is
// what the JOSE/JWT layer costs on top of the cryptography (issue 6, item 5).
#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

#include "harness.hpp"
#include "jwtcore/jwt.h"
#include "src/core/base64url.hpp"
#include "src/core/jwt.hpp"
#include "src/core/keygen.hpp"

using namespace jwtcore;

namespace {

KeyPtr must(Result<KeyPtr> k) {
  if (!k) {
    std::fprintf(stderr, "key generation failed: %s\n", k.status().message().c_str());
    std::exit(1);
  }
  return *k;
}

// A typical access token (RFC 9068 shape): ~300–400 bytes.
std::string access_token(const KeyPtr &key, Alg alg) {
  JwtBuilder b;
  (void)b.set_typ("at+jwt");
  (void)b.set_string("iss", "https://auth.example.com/");
  (void)b.set_string("sub", "user-1234567890");
  (void)b.set_audience({"https://api.example.com"});
  (void)b.set_string("client_id", "s6BhdRkqt3");
  (void)b.set_issued_now();
  (void)b.set_expires_in(86400);
  (void)b.generate_jti();
  (void)b.set_string("scope", "orders:read orders:write profile");
  auto t = jwt_sign(b, key, alg);
  if (!t) std::exit(1);
  return *t;
}

void configure(Verifier &v, const KeyPtr &key, Alg alg) {
  v.jws.allowed.add(alg);
  v.keys.keys.push_back(key);
  v.claims.issuers = {"https://auth.example.com/"};
  v.claims.audiences = {"https://api.example.com"};
  v.frozen = true;
}

struct Split {
  std::string signing_input;
  Bytes signature;
};

Split split(const std::string &token) {
  Split s;
  const size_t d2 = token.rfind('.');
  s.signing_input = token.substr(0, d2);
  if (!base64url::decode(std::string_view(token).substr(d2 + 1), s.signature)) std::exit(1);
  return s;
}

jwtcore_verifier *c_verifier(jwtcore_key *key, const char *alg) {
  jwtcore_verifier *v = nullptr;
  if (jwtcore_verifier_new(&v, 0) != JWTCORE_OK || jwtcore_verifier_allow_alg(v, alg, std::strlen(alg)) != JWTCORE_OK ||
      jwtcore_verifier_add_key(v, key) != JWTCORE_OK ||
      jwtcore_verifier_add_issuer(v, "https://auth.example.com/", 25) != JWTCORE_OK ||
      jwtcore_verifier_add_audience(v, "https://api.example.com", 23) != JWTCORE_OK || jwtcore_verifier_freeze(v) != JWTCORE_OK) {
    std::exit(1);
  }
  return v;
}

// The C handle of a core key, for the C API rows (same key material as the core rows).
jwtcore_key *c_key(const KeyPtr &key) {
  auto jwk = key_to_jwk(*key, true);
  jwtcore_key *k = nullptr;
  if (!jwk || jwtcore_key_from_jwk(&k, jwk->data(), jwk->size(), 0) != JWTCORE_OK) std::exit(1);
  return k;
}

struct Rows {
  double raw, core, capi;
};

Rows bench_alg(const char *label, const KeyPtr &key, Alg alg, const std::function<bool(const Split &)> &raw_verify) {
  const std::string token = access_token(key, alg);
  const Split parts = split(token);
  std::printf("\n%s access token, %zu bytes; claims checked: exp, iss, aud\n", label, token.size());
  Rows r{};
  r.raw = bench::run(std::string("raw ") + label + " signature check", [&] { bench::do_not_optimize(raw_verify(parts)); });
  Verifier v;
  configure(v, key, alg);
  JwtScratch scratch;
  Claims claims;
  r.core = bench::run(std::string("jwt_verify ") + label + " (core, claims reused)", [&] {
    Status st = jwt_verify(token, v, scratch, claims);
    bench::do_not_optimize(st.code());
  });
  jwtcore_key *k = c_key(key);
  jwtcore_verifier *cv = c_verifier(k, alg_info(alg).name.data());
  r.capi = bench::run(std::string("jwtcore_jwt_verify ") + label + " + claims_free (C ABI)", [&] {
    jwtcore_claims *c = nullptr;
    const int rc = jwtcore_jwt_verify(&c, cv, token.data(), token.size());
    bench::do_not_optimize(rc);
    jwtcore_claims_free(c);
  });
  jwtcore_verifier_free(cv);
  jwtcore_key_free(k);
  return r;
}

}  // namespace

int main() {
  if (sodium_init() < 0) return 1;
  const KeyPtr hs = must(generate_key("HS256"));
  const KeyPtr ed = must(generate_key("EdDSA"));

  Rows h = bench_alg("HS256", hs, Alg::hs256, [&](const Split &s) {
    return hs->hmac(DigestKind::sha256)->verify(s.signature, bytes_view(s.signing_input));
  });
  const Bytes &ed_public = ed->ed25519()->public_key();
  Rows e = bench_alg("EdDSA", ed, Alg::eddsa, [&](const Split &s) {
    return crypto_sign_verify_detached(s.signature.data(), reinterpret_cast<const unsigned char *>(s.signing_input.data()),
                                       s.signing_input.size(), ed_public.data()) == 0;
  });

  std::printf("\n");
  bench::ratio("HS256 jwt_verify (core) / raw HMAC", h.core, h.raw);
  bench::ratio("HS256 jwtcore_jwt_verify (C) / raw HMAC", h.capi, h.raw);
  bench::ratio("EdDSA jwt_verify (core) / raw Ed25519", e.core, e.raw);
  bench::ratio("EdDSA jwtcore_jwt_verify (C) / raw Ed25519", e.capi, e.raw);
  return 0;
}
