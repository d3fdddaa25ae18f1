// The contract between bench_verify (bench/bench_verify.cpp) and the peer libraries it measures
// side by side with libjwtcore (issue 11): the harness makes one Fixture per algorithm — the
// same token and the same key material for everyone — and asks each peer for a verifier of it.
//
// A peer's verifier must do what a gateway does with the token, no less: check the signature
// with the given key, refuse any other algorithm than the fixture's, and check "exp" (against
// the fixture's `now`), "iss" and "aud" with the library's own API where it has one, else by
// reading the claims the library decoded. The harness runs every verifier once on the token
// (must return true) and once on a copy with a flipped signature byte and once on a copy whose
// claims say another issuer (both must return false) before timing it, so a peer that skips a
// check is reported as such, not measured as fast.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace jwtcore::bench {

struct Fixture {
  std::string alg;           // "HS256", "RS256", "PS256", "ES256", "EdDSA", ...
  std::string token;         // compact JWS: {"alg":..,"typ":"JWT"} . claims . signature
  std::string hmac_secret;   // raw key bytes (HS* only)
  std::string private_pem;   // PKCS#8 PEM (asymmetric only)
  std::string public_pem;    // SubjectPublicKeyInfo PEM (asymmetric only)
  std::string public_jwk;    // JWK JSON of the verification key (for HS*: the "oct" key)
  std::string ed25519_sk;    // EdDSA only: libsodium's secret key, seed || public (64 bytes)
  std::string issuer;        // the token's "iss"
  std::string audience;      // the token's "aud" (a single string)
  int64_t now = 0;           // the clock to check "exp" against (the token's exp is far later)
};

// Verifies one token; true only if the signature and the exp/iss/aud checks pass.
using Verify = std::function<bool(const std::string &token)>;

struct Peer {
  std::string name;  // library and version as Debian ships it, e.g. "libjwt 1.10.2"
  // The verifier of `f`'s algorithm with its key parsed once, or an empty function when the
  // library does not support that algorithm. Key parsing happens here, never inside Verify.
  std::function<Verify(const Fixture &f)> make_verifier;
};

// Each peer source file defines one of these; bench_verify.cpp calls those compiled in (the
// meson.build defines BENCH_HAVE_<NAME> when the library was found).
void add_libjwt(std::vector<Peer> &peers);
void add_cjose(std::vector<Peer> &peers);
void add_latchset_jose(std::vector<Peer> &peers);
void add_cpp_jwt(std::vector<Peer> &peers);

}  // namespace jwtcore::bench
