// Internals shared by the JWE translation units: the per-algorithm CEK wrap/unwrap
// (jwe_keymgmt.cpp), the header checks made before any crypto (jwe_header.cpp), and the
// serializations (jwe_decrypt.cpp, jwe_encrypt.cpp). Not part of the core API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "jwe.hpp"
#include "jose_header.hpp"

namespace jwtcore::detail {

// Wipes and empties a secret buffer (clear() alone keeps the bytes until deallocation).
void wipe(SecretBytes &b) noexcept;

// The key-management header parameters of one recipient, read and checked before any crypto
// (RFC 7518 §4.6.1, §4.7.1, §4.8.1).
struct KeyMgmtParams {
  Bytes iv, tag;             // A*GCMKW: exactly 12 and 16 bytes
  Bytes p2s;                 // PBES2: 8 … 1024 bytes
  uint32_t p2c = 0;          // PBES2: within the policy's range
  KeyCurve epk_curve = KeyCurve::none;  // ECDH-ES*: the curve the epk names
  KeyPtr epk;                // ECDH-ES*: the peer key; null if its point is not on the curve
  Bytes apu, apv;            // ECDH-ES*: decoded PartyUInfo / PartyVInfo (empty when absent)
};

// One recipient's JOSE header: protected ∪ per-recipient ∪ shared unprotected (JWE JSON
// serialization, RFC 7516 §7.2.1), which must be pairwise disjoint.
class JweHeader {
 public:
  JweHeader(json::Value protected_part, std::optional<json::Value> recipient, std::optional<json::Value> shared)
      : header_(protected_part, recipient), shared_(shared) {}

  std::optional<json::Value> find(std::string_view name) const {
    if (auto v = header_.find(name)) return v;
    return shared_ ? shared_->find(name) : std::nullopt;
  }
  // A string member or nullopt if absent; JWTCORE_E_HEADER if present with another type.
  Result<std::optional<std::string_view>> string_member(std::string_view name) const;
  const JoseHeader &jose() const { return header_; }
  std::optional<json::Value> shared() const { return shared_; }

 private:
  JoseHeader header_;
  std::optional<json::Value> shared_;
};

// What decryption takes from a recipient's header once it passed every check.
struct RecipientHeader {
  const AlgInfo *alg = nullptr;
  const EncInfo *enc = nullptr;
  std::optional<std::string_view> kid;
  KeyMgmtParams params;
};

// Stage 1 (format and policy, no crypto): disjointness, alg/enc present and allowed, RSA1_5 and
// PBES2 opt-ins, zip refused, crit honoured, and the key-management members of `alg`. The status
// of a failure says which stage it belongs to: ALG_NOT_ALLOWED / ENC_NOT_ALLOWED are policy,
// everything else format.
Status check_recipient_header(const JweHeader &h, const JwePolicy &policy, RecipientHeader &out);

// Decryption side: the CEK of one recipient with one key. Preconditions: key.permits(alg,
// decrypt) passed; for ECDH-ES* the key's curve equals params.epk_curve. Every failure, of any
// kind, is crypto::decrypt_failure() — including a CEK whose length is not enc's.
Result<SecretBytes> unwrap_cek(const Key &key, Alg alg, Enc enc, bytes_view encrypted_key, const KeyMgmtParams &params);

// Encryption side: establishes the CEK for one recipient. For dir and ECDH-ES `cek` is an output
// (the key itself / the agreed key); otherwise it is the input that gets wrapped.
struct WrappedKey {
  Bytes encrypted_key;
  std::string members;  // header members to publish, as a JSON fragment: "epk":{…},"iv":"…"
};
Status wrap_cek(const JweRecipientSpec &spec, Enc enc, bytes_view apu, bytes_view apv, const JweTestVectors *test,
                SecretBytes &cek, WrappedKey &out);

// Direct key management: the CEK is not transported (RFC 7518 §4.5, §4.6: one recipient only).
inline bool is_direct(Alg alg) { return alg == Alg::dir || alg == Alg::ecdh_es; }
inline bool is_pbes2(Alg alg) { return alg >= Alg::pbes2_hs256_a128kw && alg <= Alg::pbes2_hs512_a256kw; }
inline bool is_gcmkw(Alg alg) { return alg >= Alg::a128gcmkw && alg <= Alg::a256gcmkw; }

}  // namespace jwtcore::detail
