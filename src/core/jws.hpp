// JWS (RFC 7515): signing and verification in the compact, flattened JSON and general JSON
// serializations, with detached content (Appendix F) and unencoded payloads (RFC 7797).
//
// Verification is policy-first (RFC 8725): the caller's allow-list is checked before any key
// is chosen, a key must permit the algorithm (family, curve, its own alg/use/key_ops), keys
// named in the token (jwk, jku, x5u, x5c) are never used, and `crit` is honoured.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alg.hpp"
#include "bytes.hpp"
#include "json.hpp"
#include "key.hpp"
#include "keyset.hpp"
#include "status.hpp"

namespace jwtcore {

// A set of algorithms, as a bit mask over Alg.
class AlgSet {
 public:
  void add(Alg a) { bits_ |= bit(a); }
  bool has(Alg a) const { return (bits_ & bit(a)) != 0; }
  bool empty() const { return bits_ == 0; }
  bool operator==(const AlgSet &o) const { return bits_ == o.bits_; }
  // "HS256, ES256" for messages.
  std::string describe() const;

 private:
  static uint64_t bit(Alg a) { return uint64_t(1) << static_cast<unsigned>(a); }
  uint64_t bits_ = 0;
};

// The keys a verification may use: single keys and key sets, searched in that order.
struct KeyRing {
  std::vector<KeyPtr> keys;
  std::vector<std::shared_ptr<const KeySet>> sets;
  bool empty() const { return keys.empty() && sets.empty(); }
};

struct JwsLimits {
  size_t max_token = 256 * 1024;  // compact token or JSON serialization, bytes
  size_t max_header = 8 * 1024;   // decoded JOSE header JSON, bytes
  size_t max_depth = 32;          // JSON nesting in headers
  size_t max_signatures = 16;     // JSON serialization: bounded work per message
};

struct JwsPolicy {
  AlgSet allowed;                            // empty: nothing verifies
  bool allow_none = false;                   // and "none" must also be in `allowed`
  std::optional<std::string> required_typ;   // compared case-insensitively, "application/" optional (RFC 7515 §4.1.9)
  std::vector<std::string> understood_crit;  // critical parameters the application processes itself
  JwsLimits limits;
};

// The last compact protected header a scratch verified, with what the header checks concluded.
// Tokens from one issuer share one header byte for byte, so a run of them skips decoding,
// parsing and checking it again. The checks are a pure function of the header bytes and of
// the policy fields below, so a hit requires both to be equal — not merely the same policy
// object, whose address a later verifier may reuse. Only successful checks are cached.
struct JwsHeaderCache {
  bool valid = false;
  std::string b64;   // the header part of the token, as received
  std::string json;  // decoded
  // The policy the checks ran under (every field they read).
  AlgSet allowed;
  bool allow_none = false;
  std::optional<std::string> required_typ;
  std::vector<std::string> understood_crit;
  size_t max_header = 0, max_depth = 0;
  // Their results.
  Alg alg = Alg::none;
  bool b64_payload = true;
  bool has_kid = false;
  std::string kid;
  bool embedded_key = false;
};

// Per-thread scratch space, so that verifying many tokens reuses the same buffers.
struct JwsScratch {
  JwsHeaderCache compact_header;  // compact serialization only
  json::Document header_doc;
  json::Document serialization_doc;  // JSON serializations
  Bytes header_json;
  Bytes signature;
  Bytes signing_input;  // only for detached / JSON-serialized content
};

struct JwsVerified {
  Bytes payload;                 // the verified payload (decoded when b64 is true)
  size_t signature_index = 0;    // which signature verified (JSON general serialization)
  Alg alg = Alg::none;
  // The key that verified it (null for "none"): a pointer into the KeyRing given to the verify
  // call, valid while that ring lives. Not a KeyPtr copy: threads verifying with one shared key
  // would otherwise contend on its reference count twice per token.
  const KeyPtr *key = nullptr;
  bool embedded_key_ignored = false;  // the header carried jwk/jku/x5u/x5c, which we never use
  std::string header_json;       // the protected header JSON of that signature (if want_header)
};

// Verifies a compact JWS (exactly three parts) or, if `input` starts with '{', a JSON
// serialization. `detached_payload` supplies the content when the token's payload is empty
// (RFC 7515 Appendix F); it must be nullopt otherwise. On failure `out` holds no payload.
Status jws_verify(std::string_view input, const JwsPolicy &policy, const KeyRing &keys,
                  std::optional<bytes_view> detached_payload, JwsScratch &scratch, JwsVerified &out,
                  bool want_header = false);

// As jws_verify, compact serialization only (what the JWT layer accepts).
Status jws_verify_compact(std::string_view token, const JwsPolicy &policy, const KeyRing &keys,
                          std::optional<bytes_view> detached_payload, JwsScratch &scratch, JwsVerified &out,
                          bool want_header = false);

enum class JwsSerialization { compact, flattened, general };

struct JwsSignerSpec {
  KeyPtr key;                          // may be null only for "none"
  Alg alg = Alg::none;
  std::string protected_json;          // extra protected members: a JSON object text or empty
  std::string unprotected_json;        // unprotected members (JSON serializations only) or empty
  bool include_kid = true;             // put the key's kid in the protected header when it has one
  bool verbatim_protected = false;     // protected_json is the whole protected header, byte for byte
};

struct JwsSignOptions {
  JwsSerialization serialization = JwsSerialization::compact;
  bool detached = false;  // leave the payload out of the output (RFC 7515 Appendix F)
  bool b64 = true;        // false: RFC 7797 unencoded payload, with crit ["b64"]
  bool allow_none = false;
};

// Signs `payload` with one signer (compact / flattened) or several (general).
Result<std::string> jws_sign(bytes_view payload, const std::vector<JwsSignerSpec> &signers,
                             const JwsSignOptions &options);

// The raw signature operation of one algorithm over `signing_input` (no JOSE around it), and
// its verification; exposed for benchmarks and for JWT.
Result<Bytes> jws_signature(const Key &key, Alg alg, bytes_view signing_input);
Status jws_check_signature(const Key &key, Alg alg, bytes_view signing_input, bytes_view signature);

}  // namespace jwtcore
