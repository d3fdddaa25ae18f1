// bench_verify peer: cpp-jwt 1.4 (<jwt/jwt.hpp>, header-only, OpenSSL + nlohmann-json). It
// supports HS256/384/512, RS256 and ES256 of our list; it has no PS256 or EdDSA.
//
// jwt::decode() takes the key as a string on every call (the raw secret, or the public PEM it
// parses with OpenSSL each time): there is no pre-parsed key object, so that per-call PEM parse
// is part of its measured cost. Its own checks do the rest — the algorithm allow-list, the
// signature, iss and aud — except that it checks "exp" only when present and only against the
// system clock; the claim's presence and the fixture's clock are checked on the decoded payload.
#include "peer.hpp"

#include <jwt/jwt.hpp>

#include <exception>
#include <system_error>

namespace jwtcore::bench {
namespace {

bool supported(const std::string &alg) {
  for (const char *name : {"HS256", "HS384", "HS512", "RS256", "ES256"}) {
    if (alg == name) return true;
  }
  return false;
}

Verify make_verifier(const Fixture &f) {
  if (!supported(f.alg)) return {};
  const bool hmac = f.alg[0] == 'H';
  // decode() takes the allow-list by const reference, so it is built once here.
  auto allowed = jwt::params::algorithms(std::vector<std::string>{f.alg});
  return [allowed = std::move(allowed), key = hmac ? f.hmac_secret : f.public_pem,
          issuer = f.issuer, audience = f.audience, now = f.now](const std::string &token) {
    try {
      std::error_code ec;
      const auto obj = jwt::decode(jwt::string_view(token), allowed, ec,
                                   jwt::params::secret(jwt::string_view(key)),
                                   jwt::params::issuer(issuer), jwt::params::aud(audience),
                                   jwt::params::verify(true));
      if (ec) return false;
      if (!obj.has_claim(jwt::registered_claims::expiration)) return false;
      return obj.payload().get_claim_value<int64_t>(jwt::registered_claims::expiration) > now;
    } catch (const std::exception &) {
      // Some failures (allocation, a non-numeric "exp" read here) are thrown even through the
      // error_code overload.
      return false;
    }
  };
}

}  // namespace

void add_cpp_jwt(std::vector<Peer> &peers) {
  // cpp-jwt has no version macro or call: the Debian package version.
  peers.push_back(Peer{"cpp-jwt 1.4", make_verifier});
}

}  // namespace jwtcore::bench
