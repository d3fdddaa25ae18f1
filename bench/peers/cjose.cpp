// bench_verify peer: cjose 0.6 (<cjose/cjose.h>). It supports HS256/384/512, RS256, PS256 and
// ES256 of our list; it has no EdDSA.
//
// The JWK is imported once into a cjose_jwk_t (OpenSSL key objects built there). cjose verifies
// signatures only: it has no algorithm allow-list and no claim validation, so the protected
// header's "alg" is compared before verifying and the payload is parsed with jansson (the JSON
// library cjose itself is built on) to check exp, iss and aud.
#include "peer.hpp"
#include "jansson_claims.hpp"

#include <cjose/cjose.h>
#include <jansson.h>

#include <memory>
#include <string_view>

namespace jwtcore::bench {
namespace {

using jansson::claims_ok;
using jansson::Expected;
using jansson::JsonPtr;

struct JwsRelease {
  void operator()(cjose_jws_t *jws) const { cjose_jws_release(jws); }
};
using JwsPtr = std::unique_ptr<cjose_jws_t, JwsRelease>;

bool supported(const std::string &alg) {
  for (const char *name : {"HS256", "HS384", "HS512", "RS256", "PS256", "ES256"}) {
    if (alg == name) return true;
  }
  return false;
}

Verify make_verifier(const Fixture &f) {
  if (!supported(f.alg)) return {};
  cjose_err err{};
  const std::shared_ptr<cjose_jwk_t> key(
      cjose_jwk_import(f.public_jwk.data(), f.public_jwk.size(), &err), cjose_jwk_release);
  if (!key) return {};
  return [key, want = Expected{f.alg, f.issuer, f.audience, f.now}](const std::string &token) {
    cjose_err e{};
    const JwsPtr jws(cjose_jws_import(token.data(), token.size(), &e));
    if (!jws) return false;
    // The header stays owned by the JWS object: nothing to release.
    const char *alg = cjose_header_get(cjose_jws_get_protected(jws.get()), CJOSE_HDR_ALG, &e);
    if (alg == nullptr || want.alg != alg) return false;
    if (!cjose_jws_verify(jws.get(), key.get(), &e)) return false;
    uint8_t *payload = nullptr;  // owned by the JWS object as well
    size_t payload_len = 0;
    if (!cjose_jws_get_plaintext(jws.get(), &payload, &payload_len, &e)) return false;
    const JsonPtr claims(
        json_loadb(reinterpret_cast<const char *>(payload), payload_len, 0, nullptr));
    return claims != nullptr && claims_ok(claims.get(), want);
  };
}

}  // namespace

void add_cjose(std::vector<Peer> &peers) {
  peers.push_back(Peer{std::string("cjose ") + cjose_version(), make_verifier});
}

}  // namespace jwtcore::bench
