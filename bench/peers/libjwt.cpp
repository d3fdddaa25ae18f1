// bench_verify peer: libjwt 1.10 (<jwt.h>). It supports HS256/384/512, RS256 and ES256 of our
// list; PS256 and EdDSA came in later releases.
//
// libjwt 1.10 takes the key as bytes on every jwt_decode() (the raw secret, or the public PEM that
// it parses with OpenSSL each time): the API has no pre-parsed key object, so that per-call PEM
// parse is part of its measured cost. It also has no claim validator (jwt_valid_* came in 1.12)
// and no algorithm allow-list, so the algorithm and the grants are read after the decode.
#include "peer.hpp"

#include <jwt.h>

#include <cerrno>
#include <memory>
#include <string_view>

namespace jwtcore::bench {
namespace {

struct JwtFree {
  void operator()(jwt_t *jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

struct Expected {
  jwt_alg_t alg;
  std::string issuer;
  std::string audience;
  int64_t now;
};

bool string_grant_is(jwt_t *jwt, const char *grant, const std::string &want) {
  // Only string-valued grants come back; an array "aud" reads as absent and is refused.
  const char *value = jwt_get_grant(jwt, grant);
  return value != nullptr && std::string_view(value) == want;
}

bool grants_ok(jwt_t *jwt, const Expected &want) {
  errno = 0;  // jwt_get_grant_int signals a missing (or non-integer) grant only through errno
  const long exp = jwt_get_grant_int(jwt, "exp");
  if (errno != 0 || exp <= want.now) return false;
  return string_grant_is(jwt, "iss", want.issuer) && string_grant_is(jwt, "aud", want.audience);
}

jwt_alg_t supported_alg(const std::string &alg) {
  for (const char *name : {"HS256", "HS384", "HS512", "RS256", "ES256"}) {
    if (alg == name) return jwt_str_alg(name);
  }
  return JWT_ALG_INVAL;
}

Verify make_verifier(const Fixture &f) {
  const jwt_alg_t alg = supported_alg(f.alg);
  if (alg == JWT_ALG_INVAL) return {};
  const bool hmac = f.alg[0] == 'H';
  return [key = hmac ? f.hmac_secret : f.public_pem,
          want = Expected{alg, f.issuer, f.audience, f.now}](const std::string &token) {
    jwt_t *raw = nullptr;
    const auto *key_bytes = reinterpret_cast<const unsigned char *>(key.data());
    if (jwt_decode(&raw, token.c_str(), key_bytes, static_cast<int>(key.size())) != 0) {
      return false;  // jwt_decode frees its object itself on failure
    }
    const JwtPtr jwt(raw);
    // Without this, an RS256 verifier would accept an HS256 token keyed with the public PEM text.
    if (jwt_get_alg(jwt.get()) != want.alg) return false;
    return grants_ok(jwt.get(), want);
  };
}

}  // namespace

void add_libjwt(std::vector<Peer> &peers) {
  // libjwt 1.10 has no run-time version call: the Debian package version.
  peers.push_back(Peer{"libjwt 1.10.2", make_verifier});
}

}  // namespace jwtcore::bench
