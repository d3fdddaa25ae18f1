// JWE (RFC 7516) with the algorithms of RFC 7518 §4-§5 and RFC 8037 §3.2: encryption and
// decryption in the compact, flattened JSON and general JSON serializations.
//
// Decryption is policy-first (RFC 8725, RFC 7516 §5.2): the caller's allow-lists for "alg" and
// "enc" are checked, and every header member is type- and length-checked (iv, tag, p2s, p2c,
// epk, apu, apv), before any key is touched; a key must permit the algorithm (Key::permits,
// Key::permits_enc for "dir"); "crit" is honoured; RSA1_5 and PBES2 are refused unless enabled,
// and PBES2's p2c is capped *before* PBKDF2 runs. Header, policy and format failures keep their
// own status codes. Every cryptographic failure — key unwrap (AES-KW integrity value, AES-GCMKW
// tag, RSA decryption), a CEK of the wrong length after unwrap, an ECDH peer point that is not on
// its curve (or a low-order X25519 point), the content tag, CBC padding — returns the one status
// crypto::decrypt_failure() (JWTCORE_E_DECRYPT, "decryption failed"): no oracle (RFC 7516
// §11.4-§11.5). RSA1_5 unwraps with the RFC 7516 §11.5 countermeasure (a random CEK on any
// failure), so a bad padding only surfaces at the content tag.
//
// Compression: "zip" is refused with JWTCORE_E_ZIP_UNSUPPORTED, on both sides. libjwtcore is not
// built with zlib, so no token is ever inflated (SECURITY.md #10).
//
// Secrets: CEKs, derived keys and plaintext live in zeroing buffers (SecretBytes) and are wiped on
// every failure path; decryption never returns partial plaintext.
//
// Thread-safety: the functions are reentrant; keys and policies are read-only and may be shared.
// A JweScratch is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alg.hpp"
#include "bytes.hpp"
#include "crypto/aes.hpp"
#include "json.hpp"
#include "jws.hpp"
#include "key.hpp"
#include "status.hpp"
#include "verifier.hpp"

namespace jwtcore {

// PBES2 iteration policy (SECURITY.md #9, issue 5): p2c must lie in [kPbes2MinIterations, cap].
inline constexpr uint32_t kPbes2MinIterations = 1000;         // RFC 7518 §4.8.1.2 "minimum of 1000"
inline constexpr uint32_t kPbes2DefaultMaxIterations = 10000;  // panva/jose, jwx
inline constexpr uint32_t kPbes2HardMaxIterations = 1000000;   // never raised further
// The p2c written by jwe_encrypt unless a recipient names another.
inline constexpr uint32_t kPbes2DefaultIterations = 10000;
// RFC 7518 §4.8.1.1: a salt of at least 8 octets; 1024 as cjose (bounds the header work).
inline constexpr size_t kP2sMin = 8;
inline constexpr size_t kP2sMax = 1024;

struct JweLimits {
  size_t max_token = 256 * 1024;  // compact token or JSON serialization, bytes
  size_t max_header = 8 * 1024;   // decoded protected header JSON, bytes
  size_t max_depth = 32;          // JSON nesting in headers
  size_t max_recipients = 16;     // general JSON: bounded work per message
};

struct JwePolicy {
  AlgSet allowed;                            // key-management algorithms; empty: nothing decrypts
  EncSet allowed_enc;                        // content encryptions; empty: nothing decrypts
  std::vector<std::string> understood_crit;  // critical parameters the application processes itself
  bool allow_rsa1_5 = false;                 // and RSA1_5 must also be in `allowed`
  uint32_t pbes2_max_p2c = 0;                // 0: PBES2 disabled; else the p2c cap (1000 … 1000000)
  JweLimits limits;
};

// The decryption policy a verifier describes (its allowed key-management algs, encs, crit names,
// size limits, RSA1_5 / PBES2 opt-ins). Its decryption keys are `v.decryption_keys`.
JwePolicy jwe_policy_from(const Verifier &v);

// Per-thread scratch space, so that decrypting many tokens reuses the same buffers.
struct JweScratch {
  json::Document header_doc;         // the protected header
  json::Document serialization_doc;  // JSON serializations
  Bytes header_json;
  Bytes encrypted_key;
  Bytes iv;
  Bytes ciphertext;
  Bytes tag;
  std::string aad;                   // JSON serializations with "aad": protected '.' aad
};

struct JweDecrypted {
  SecretBytes plaintext;
  size_t recipient_index = 0;       // which recipient's key decrypted (general JSON serialization)
  Alg alg = Alg::dir;
  Enc enc = Enc::a128gcm;
  KeyPtr key;                       // the key that decrypted it
  std::string protected_header;     // the protected header JSON ("" when the token has none)
  // "cty" if the *protected* header has one (nested JWT, RFC 7519 §5.2: an unprotected cty is
  // not integrity protected and is never reported here).
  std::optional<std::string> cty;
};

// Decrypts a compact JWE (exactly five parts; a three-part JWS is refused with
// JWTCORE_E_TOKEN_FORMAT saying so) or, if `input` starts with '{', a flattened or general JSON
// serialization, trying the recipients in order and for each the keys of `keys` whose kid
// matches (then, if none does, keys without a kid; without a kid in the header, every key).
// On failure `out.plaintext` is empty (wiped) and the error of the attempt that got furthest is
// returned (format < algorithm < key < decryption).
Status jwe_decrypt(std::string_view input, const JwePolicy &policy, const KeyRing &keys, JweScratch &scratch,
                   JweDecrypted &out);
// As jwe_decrypt, compact serialization only (what the JWT layer accepts).
Status jwe_decrypt_compact(std::string_view token, const JwePolicy &policy, const KeyRing &keys, JweScratch &scratch,
                           JweDecrypted &out);

enum class JweSerialization { compact, flattened, general };

struct JweRecipientSpec {
  KeyPtr key;
  Alg alg = Alg::dir;
  // Per-recipient unprotected header members (a JSON object text or empty; JSON serializations).
  std::string header_json;
  bool include_kid = true;  // name the key's kid (when it has one) unless a caller header sets "kid"
  uint32_t pbes2_iterations = kPbes2DefaultIterations;  // PBES2 p2c, 1000 … 1000000
};

// Known-answer tests only (RFC 7516 A.3, RFC 7520 §5): fixes what is otherwise random. Not
// reachable from the C ABI.
struct JweTestVectors {
  SecretBytes cek;   // the content encryption key (ignored for dir / ECDH-ES, which derive it)
  Bytes iv;          // the content IV
  Bytes kw_iv;       // A*GCMKW: the key-wrap IV
  Bytes p2s;         // PBES2: the salt input
  KeyPtr ephemeral;  // ECDH-ES*: the ephemeral private key
  // Headers exactly as given: protected_json is the whole protected header (byte for byte),
  // unprotected_json and each header_json the whole shared / per-recipient header; the library
  // adds no member (alg, enc, kid, epk, iv, tag, p2s, p2c must be there already). The joint
  // header must name each recipient's alg and the enc.
  bool verbatim_headers = false;
};

struct JweEncryptOptions {
  JweSerialization serialization = JweSerialization::compact;
  // Extra protected members (a JSON object text or empty), e.g. {"cty":"JWT"} for a nested JWT.
  // May not set alg, enc, zip, crit, epk, iv, tag, p2s or p2c: the library sets those.
  std::string protected_json;
  std::string unprotected_json;   // the shared unprotected header (JSON serializations only)
  std::optional<Bytes> aad;       // JWE AAD (JSON serializations only)
  const JweTestVectors *test = nullptr;
};

// Encrypts `plaintext` to one recipient (compact, flattened) or several (general). RSA1_5 is
// refused (decryption only); "dir" and "ECDH-ES" must be the only recipient. Each key must
// permit its alg for encryption (Key::permits; "dir" also Key::permits_enc). Header sets must be
// disjoint. Errors: JWTCORE_E_INVALID_ARGUMENT (shape, reserved header members),
// JWTCORE_E_ALG_NOT_ALLOWED, JWTCORE_E_ZIP_UNSUPPORTED, the key binding codes, JWTCORE_E_HEADER
// (overlapping headers, bad apu/apv), JWTCORE_E_RANDOM.
Result<std::string> jwe_encrypt(bytes_view plaintext, const std::vector<JweRecipientSpec> &recipients, Enc enc,
                                const JweEncryptOptions &options);

// The content layer alone (RFC 7518 §5): exposed for known-answer tests and benchmarks.
// IV: 12 bytes (GCM) or 16 (CBC-HMAC); tag: 16 (GCM) or T_LEN (CBC-HMAC).
size_t jwe_iv_size(Enc enc);
size_t jwe_tag_size(Enc enc);
Result<crypto::Sealed> jwe_content_encrypt(Enc enc, bytes_view cek, bytes_view iv, bytes_view aad,
                                           bytes_view plaintext);
// Any failure: crypto::decrypt_failure().
Result<SecretBytes> jwe_content_decrypt(Enc enc, bytes_view cek, bytes_view iv, bytes_view aad,
                                        bytes_view ciphertext, bytes_view tag);

}  // namespace jwtcore
