// The backend primitives a JWS verification (and signature) is built on, called directly on
// the libraries libjwtcore links — libsodium and mbedTLS — with the key parsed once and every
// precomputation the library allows, so that bench_verify can print what the JOSE/JWT layer
// costs on top of the cryptography as a ratio (issue 11). Nothing here goes through libjwtcore.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "peers/peer.hpp"

namespace jwtcore::bench::raw {

using Bytes = std::vector<uint8_t>;
// Checks `sig` over the JWS signing input; hashing it is part of the primitive.
using VerifyFn = std::function<bool(std::string_view signing_input, const Bytes &sig)>;
using SignFn = std::function<Bytes(std::string_view signing_input)>;

struct Primitive {
  std::string name;  // e.g. "libsodium HMAC-SHA-256, precomputed state"
  VerifyFn verify;
  SignFn sign;
};

// For the fixture's alg (HS256/384/512, RS256, PS256, ES256, EdDSA); exits on a setup failure.
Primitive make(const Fixture &f);

}  // namespace jwtcore::bench::raw
