// Key policy, internal to key.cpp: what metadata fits what material, and what a key may be used
// for. Kept apart so that the rules read in one place (RFC 7517 §4, RFC 7518, RFC 8725 §3).
#pragma once

#include <cstddef>

#include "alg.hpp"
#include "crypto/rsa.hpp"
#include "key.hpp"
#include "status.hpp"

namespace jwtcore::detail {

// 'alg' / enc binding / 'use' / 'key_ops' against each other and against the material
// (type, curve, oct length). See Key::create for the codes.
Status check_attributes(const KeyAttributes &attrs, KeyType type, KeyCurve curve, size_t secret_size);

// An oct secret: non-empty (never HMAC with a zero-length key, SECURITY.md #2) and at most
// kMaxSecretBytes.
Status check_secret_size(size_t n);

// RSA import policy beyond RsaKey's own checks: the ROCA fingerprint (CVE-2017-15361: moduli
// from Infineon's weak prime generator, factorable in practice; Wycheproof
// rejectsKeyWithRocaVulnerability) and a public exponent of at most 32 bits (the cost of a
// verification grows with e; real keys use 65537).
Status check_rsa_policy(const crypto::RsaKey &key);
// True if the big-endian modulus has the ROCA fingerprint.
bool has_roca_fingerprint(bytes_view n);

Status check_permits(const Key &key, Alg alg, KeyOp op);
Status check_permits_enc(const Key &key, Enc enc);

}  // namespace jwtcore::detail
