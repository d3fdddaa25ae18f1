// Keys: one immutable object per JWK / PEM / generated key, holding the validated material and the
// JWK metadata (kid, alg, use, key_ops) that bind it to its purpose.
//
// Key::permits() is THE place where the key-to-algorithm binding of RFC 8725 §3.1 / §3.4 is
// enforced (SECURITY.md #2, #3, #24): every JWS and JWE operation asks it before any crypto runs.
//
// Thread-safety: a Key is immutable after construction and shared as std::shared_ptr<const Key>;
// every method is const and may be called from many threads at once. Private material lives in
// libsodium guarded memory (GuardedBytes, secrets and OKP keys) or in mbedTLS contexts that are
// zeroed when freed (RSA, EC); HMAC states are precomputed once here, never on the verify path.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "alg.hpp"
#include "bytes.hpp"
#include "crypto/hmac.hpp"
#include "crypto/pkix.hpp"
#include "status.hpp"

namespace jwtcore {

// What the caller is about to do with a key (the intent of a JWS or JWE operation).
//  sign / verify      JWS with a signature or MAC algorithm
//  encrypt / decrypt  JWE, for the key-management algorithm ("alg") the key is used with
enum class KeyOp : uint8_t { sign, verify, encrypt, decrypt };

// JWK "use" (RFC 7517 §4.2); none when absent.
enum class KeyUse : uint8_t { none, sig, enc };

// One JWK "key_ops" value (RFC 7517 §4.3).
enum class JwkOp : uint8_t { sign, verify, encrypt, decrypt, wrap_key, unwrap_key, derive_key, derive_bits };

std::string_view jwk_op_name(JwkOp op);             // "sign", …, "wrapKey", "deriveBits"
std::optional<JwkOp> find_jwk_op(std::string_view name);
std::string_view key_use_name(KeyUse use);          // "sig", "enc", "" for none
std::string_view key_op_name(KeyOp op);             // "sign", "verify", "encrypt", "decrypt"

// The set of "key_ops" values of a JWK (no order, no duplicates).
class KeyOps {
 public:
  bool has(JwkOp op) const { return (bits_ & bit(op)) != 0; }
  void add(JwkOp op) { bits_ = static_cast<uint8_t>(bits_ | bit(op)); }
  bool empty() const { return bits_ == 0; }
  bool operator==(const KeyOps &o) const { return bits_ == o.bits_; }

 private:
  static uint8_t bit(JwkOp op) { return static_cast<uint8_t>(1u << static_cast<unsigned>(op)); }
  uint8_t bits_ = 0;
};

// The JWK metadata of a key. Key::create checks it against the material (see there).
struct KeyAttributes {
  std::string kid;  // empty: none (an empty "kid" member is refused at import)
  // The JWK "alg": the one algorithm this key may be used with (RFC 7517 §4.4).
  std::optional<Alg> alg;
  // A JWK "alg" that names a content encryption (RFC 7520 §5.6 uses "alg":"A128GCM"): an oct key
  // for direct encryption ("dir") with exactly that enc. Never set together with `alg`.
  std::optional<Enc> enc;
  KeyUse use = KeyUse::none;
  std::optional<KeyOps> key_ops;
};

// Upper bound of an oct key (HMAC key, AES key, PBES2 password): SECURITY.md "HMAC key ≤ 1 KiB".
inline constexpr size_t kMaxSecretBytes = 1024;

class Key;
// How keys are held everywhere: immutable and shared.
using KeyPtr = std::shared_ptr<const Key>;

class Key {
  struct Material;  // defined in key.cpp; shared between a key and its with_kid() copies
  struct Token {
    explicit Token() = default;
  };

 public:
  // An asymmetric key (already validated by its crypto class) with metadata. Checks, whatever
  // the key came from (JWK, PEM, generation):
  //  JWTCORE_E_KEY_MISMATCH  'alg' does not fit the key type / curve
  //  JWTCORE_E_KEY_INVALID   'use', 'key_ops' and 'alg' contradict each other (RFC 7517 §4.3)
  //  JWTCORE_E_KEY_WEAK      RSA modulus with the ROCA fingerprint (CVE-2017-15361)
  //  JWTCORE_E_KEY_UNSUPPORTED  RSA public exponent over 32 bits
  static Result<KeyPtr> create(crypto::AnyKey material, KeyAttributes attrs);
  // An oct key; the secret is copied into guarded memory. In addition to the above:
  //  JWTCORE_E_KEY_WEAK     empty secret, or shorter than 'alg' requires (HS*: hash length,
  //                         A*KW / A*GCMKW: exact size; an enc binding: the CEK size)
  //  JWTCORE_E_KEY_MISMATCH longer than an AES key wrap or enc binding allows
  //  JWTCORE_E_LIMIT_SIZE   over kMaxSecretBytes
  static Result<KeyPtr> create_secret(bytes_view secret, KeyAttributes attrs);

  // The same material with other metadata (e.g. a kid added), checked like create(). The copy
  // shares the (immutable) material.
  Result<KeyPtr> with_attributes(KeyAttributes attrs) const;

  KeyType type() const;
  KeyCurve curve() const;  // none for oct and RSA
  // RSA/EC/OKP: the private part is present. oct: always true (the key is a secret).
  bool has_private() const;

  const KeyAttributes &attributes() const { return attrs_; }
  const std::string &kid() const { return attrs_.kid; }  // "" when the key has none
  std::optional<Alg> alg() const { return attrs_.alg; }
  std::optional<Enc> enc() const { return attrs_.enc; }
  KeyUse use() const { return attrs_.use; }
  const std::optional<KeyOps> &key_ops() const { return attrs_.key_ops; }

  // May this key be used for `op` with `alg`? JWTCORE_OK, or (first failing check wins):
  //  JWTCORE_E_INVALID_ARGUMENT  `op` does not apply to `alg` (sign/verify need a JWS alg,
  //                              encrypt/decrypt a JWE key-management alg)
  //  JWTCORE_E_KEY_MISMATCH      'none'; the alg family does not fit the key type (oct ↔ HS*,
  //                              A*KW, A*GCMKW, dir, PBES2-*; RSA ↔ RS*, PS*, RSA-OAEP*, RSA1_5;
  //                              EC ↔ ES* on its exact curve and ECDH-ES* on any curve; OKP
  //                              Ed25519 ↔ EdDSA/Ed25519, OKP X25519 ↔ ECDH-ES*); the key's own
  //                              'alg' (or enc binding) is another one; an AES key longer than
  //                              the exact size the alg needs
  //  JWTCORE_E_KEY_USAGE         'use' is not "sig" for sign/verify or not "enc" for
  //                              encrypt/decrypt; 'key_ops' lacks the operation (sign, verify;
  //                              for dir: encrypt/decrypt; for ECDH-ES*: deriveKey or
  //                              deriveBits; for the other key-management algs: wrapKey/unwrapKey
  //                              or encrypt/decrypt)
  //  JWTCORE_E_KEY_WEAK          an HS* key shorter than the hash, an AES key shorter than needed
  //  JWTCORE_E_KEY_NOT_PRIVATE   sign/decrypt with a public key
  // `dir` accepts an oct key of any length here: the JWE layer then calls permits_enc().
  Status permits(Alg alg, KeyOp op) const;
  // For `dir` (RFC 7518 §4.5): the key must be oct, exactly enc's CEK length (shorter:
  // KEY_WEAK, longer: KEY_MISMATCH) and, if it carries an enc binding, bound to `enc`
  // (KEY_MISMATCH).
  Status permits_enc(Enc enc) const;

  // Material. Each returns nullptr (or an empty view) for a key of another type.
  const crypto::AnyKey *asymmetric() const;
  const crypto::RsaKey *rsa() const;
  const crypto::EcKey *ec() const;
  const crypto::Ed25519Key *ed25519() const;
  const crypto::X25519Key *x25519() const;
  // The oct secret, in guarded read-only memory that lives as long as the key.
  bytes_view secret() const;
  // The HMAC state for HS256/384/512, precomputed at import for each SHA-2 size the secret is
  // long enough for (RFC 7518 §3.2); nullptr otherwise. Call permits() first: it decides
  // whether this key may be used for that HS* at all.
  const crypto::HmacKey *hmac(DigestKind digest) const;

  // Public so that std::make_shared can reach it; the Token keeps it private in practice.
  Key(Token, std::shared_ptr<const Material> material, KeyAttributes attrs);

 private:
  static Result<KeyPtr> make(std::shared_ptr<const Material> material, KeyAttributes attrs);

  std::shared_ptr<const Material> material_;
  KeyAttributes attrs_;
};

namespace detail {
// Member names and other non-secret input text as it may appear in a message: at most `max`
// bytes, control characters replaced by '?'.
std::string printable(std::string_view s, size_t max = 64);
// Does `alg` fit a key of this type and curve? JWTCORE_E_KEY_MISMATCH naming both otherwise.
Status check_alg_fits(Alg alg, KeyType type, KeyCurve curve);
// The crypto layer's curve for an EC KeyCurve (nullopt for none and the OKP curves), and back.
std::optional<crypto::Curve> ec_curve(KeyCurve curve);
KeyCurve key_curve(crypto::Curve curve);
}  // namespace detail

}  // namespace jwtcore
