// The algorithm registry: every JOSE algorithm name libjwtcore knows, and what each requires of
// a key. Keys, JWS and JWE all decide "may this key do this" from this one table, so that the
// algorithm family is bound to the key type in one place (RFC 8725 §3.1, SECURITY.md #2-#3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace jwtcore {

enum class KeyType { oct, rsa, ec, okp };

// Curves of EC and OKP keys (RFC 7518 §6.2.1.1, RFC 8037 §2, RFC 8812 §3.1).
enum class KeyCurve { none, p256, p384, p521, secp256k1, ed25519, x25519 };

enum class AlgKind {
  signature,       // JWS "alg"
  key_management,  // JWE "alg"
};

enum class Alg : uint8_t {
  // JWS (RFC 7518 §3, RFC 8037 §3.1, RFC 8812 §3.2, RFC 9864 "Ed25519")
  none, hs256, hs384, hs512, rs256, rs384, rs512, ps256, ps384, ps512,
  es256, es384, es512, es256k, eddsa, ed25519,
  // JWE key management (RFC 7518 §4)
  dir, a128kw, a192kw, a256kw, a128gcmkw, a192gcmkw, a256gcmkw,
  ecdh_es, ecdh_es_a128kw, ecdh_es_a192kw, ecdh_es_a256kw,
  rsa_oaep, rsa_oaep_256, rsa1_5,
  pbes2_hs256_a128kw, pbes2_hs384_a192kw, pbes2_hs512_a256kw,
};

// JWE content encryption (RFC 7518 §5).
enum class Enc : uint8_t { a128gcm, a192gcm, a256gcm, a128cbc_hs256, a192cbc_hs384, a256cbc_hs512 };

enum class DigestKind : uint8_t { none, sha256, sha384, sha512 };

struct AlgInfo {
  Alg alg;
  std::string_view name;
  AlgKind kind;
  KeyType key_type;     // the only key type this algorithm accepts
  KeyCurve curve;       // the required curve (ES*, EdDSA/Ed25519), or none: any of the type's
  DigestKind digest;    // hash used by the signature / KDF, where there is one
  size_t key_bytes;     // oct key length required (A*KW, A*GCMKW: exact; HS*: minimum), else 0
};

struct EncInfo {
  Enc enc;
  std::string_view name;
  size_t cek_bytes;  // total CEK length (CBC-HMAC: MAC key + ENC key)
  bool gcm;
};

// Lookups by exact, case-sensitive name (RFC 7515 §4.1.1: "alg" values are case-sensitive,
// so "none" is not "None" — but see jws verification, which rejects every case variant of none).
const AlgInfo *find_alg(std::string_view name);
const AlgInfo &alg_info(Alg alg);
const EncInfo *find_enc(std::string_view name);
const EncInfo &enc_info(Enc enc);

// ECDH-ES family (the epk is an EC or OKP X25519 key): key_type in AlgInfo says ec, but X25519
// OKP keys are accepted too; callers use this helper instead of comparing key_type.
bool is_ecdh(Alg alg);

std::string_view key_type_name(KeyType t);          // "oct", "RSA", "EC", "OKP"
std::string_view curve_name(KeyCurve c);            // "P-256", …, "Ed25519", "X25519"; "" for none
std::optional<KeyCurve> find_curve(std::string_view name);

}  // namespace jwtcore
