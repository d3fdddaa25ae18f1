// Key generation, named by what the user has in mind (issue #3, "Generation").
//
// `spec` is one of:
//  HS256, HS384, HS512           oct, random, as long as the hash (32, 48, 64 bytes)
//  RS*, PS*, RSA-OAEP,           RSA with e = 65537, 2048 bits; "RS256:3072" picks the size
//  RSA-OAEP-256, RSA1_5          (2048 … 8192 bits)
//  ES256, ES384, ES512, ES256K   EC on the algorithm's curve
//  EdDSA                         OKP Ed25519 (the spec "Ed25519" is the curve, below)
//  A128KW … A256KW,              oct of exactly the AES key size
//  A128GCMKW … A256GCMKW
//  PBES2-HS256+A128KW, …         oct holding a random 32-byte password
//  ECDH-ES, ECDH-ES+A128KW, …    EC P-256; "ECDH-ES+A128KW:X25519" (or :P-384, :P-521,
//                                :secp256k1) picks the curve
//  A128GCM … A256CBC-HS512       an enc: an oct key of the CEK length for "dir", bound to it
//  P-256, P-384, P-521,          a key on that curve, without alg
//  secp256k1, Ed25519, X25519
// A key generated from an algorithm (or enc) name carries it as its JWK 'alg' and can be used
// with nothing else; a key generated from a curve name carries no 'alg'.
// Randomness: libsodium's randombytes_buf, also behind mbedTLS's f_rng (crypto/random.hpp).
//
// Errors: JWTCORE_E_UNKNOWN_ALG (no such algorithm, enc or curve), JWTCORE_E_INVALID_ARGUMENT
// ("none", "dir" — generate from the enc instead —, a bad ":size" / ":curve" suffix, an RSA
// size outside 2048 … 8192), JWTCORE_E_RANDOM.
//
// Thread-safety: safe from any thread.
#pragma once

#include <string_view>

#include "key.hpp"
#include "status.hpp"

namespace jwtcore {

Result<KeyPtr> generate_key(std::string_view spec);

}  // namespace jwtcore
