// JWE key management (RFC 7518 §4, RFC 8037 §3.2): how each "alg" establishes the CEK, on the
// encryption side (wrap_cek) and the decryption side (unwrap_cek), and the content layer of
// RFC 7518 §5 on top of crypto/aes.hpp.
#include <string>

#include "base64url.hpp"
#include "crypto/ec.hpp"
#include "crypto/kdf.hpp"
#include "crypto/okp.hpp"
#include "crypto/random.hpp"
#include "crypto/rsa.hpp"
#include "jwe_internal.hpp"
#include "jwk.hpp"

namespace jwtcore {
namespace {

crypto::Hash hash_of(DigestKind d) {
  switch (d) {
    case DigestKind::sha384: return crypto::Hash::sha384;
    case DigestKind::sha512: return crypto::Hash::sha512;
    default: return crypto::Hash::sha256;
  }
}

crypto::CbcHmac cbc_suite(Enc enc) {
  switch (enc) {
    case Enc::a192cbc_hs384: return crypto::CbcHmac::a192cbc_hs384;
    case Enc::a256cbc_hs512: return crypto::CbcHmac::a256cbc_hs512;
    default: return crypto::CbcHmac::a128cbc_hs256;
  }
}

bool is_aes_kw(Alg alg) { return alg == Alg::a128kw || alg == Alg::a192kw || alg == Alg::a256kw; }

// Z of ECDH-ES (RFC 7518 §4.6.2; RFC 8037 §3.2 for X25519): `own` holds the private part.
// Both keys are on the same curve (checked by the callers); a point that fails validation or an
// all-zero X25519 output comes back as an error and is never replaced by anything else.
Result<SecretBytes> agree(const Key &own, const Key &peer) {
  if (own.ec() != nullptr && peer.ec() != nullptr) return own.ec()->ecdh(*peer.ec());
  if (own.x25519() != nullptr && peer.x25519() != nullptr) return own.x25519()->derive(*peer.x25519());
  return error(JWTCORE_E_KEY_MISMATCH, "ECDH-ES needs two keys of the same curve");
}

// The ECDH-ES KDF output: the CEK itself for direct agreement (AlgorithmID = enc), else the
// key-wrapping key (AlgorithmID = alg), RFC 7518 §4.6.2.
Result<SecretBytes> ecdh_kdf(bytes_view z, Alg alg, Enc enc, bytes_view apu, bytes_view apv) {
  if (alg == Alg::ecdh_es) return crypto::concat_kdf(z, enc_info(enc).name, apu, apv, enc_info(enc).cek_bytes * 8);
  return crypto::concat_kdf(z, alg_info(alg).name, apu, apv, alg_info(alg).key_bytes * 8);
}

// RFC 7518 §4.8.1.1: salt = UTF8(alg) || 0x00 || p2s; the derived key wraps the CEK.
Result<SecretBytes> pbes2_kek(const Key &key, Alg alg, bytes_view p2s, uint32_t p2c) {
  const AlgInfo &info = alg_info(alg);
  Bytes salt(info.name.begin(), info.name.end());
  salt.push_back(0);
  salt.insert(salt.end(), p2s.begin(), p2s.end());
  return crypto::pbkdf2_hmac(hash_of(info.digest), key.secret(), salt, p2c, info.key_bytes);
}

Result<SecretBytes> unwrap_any(const Key &key, Alg alg, Enc enc, bytes_view ek, const detail::KeyMgmtParams &p) {
  switch (alg) {
    case Alg::dir:
      return to_secret(key.secret());
    case Alg::a128kw: case Alg::a192kw: case Alg::a256kw:
      return crypto::aes_kw_unwrap(key.secret(), ek);
    case Alg::a128gcmkw: case Alg::a192gcmkw: case Alg::a256gcmkw:
      return crypto::aes_gcm_decrypt(key.secret(), p.iv, {}, ek, p.tag);
    case Alg::ecdh_es: case Alg::ecdh_es_a128kw: case Alg::ecdh_es_a192kw: case Alg::ecdh_es_a256kw: {
      if (!p.epk) return crypto::decrypt_failure();  // the epk's point failed validation
      JWTCORE_ASSIGN(SecretBytes z, agree(key, *p.epk));
      JWTCORE_ASSIGN(SecretBytes derived, ecdh_kdf(z, alg, enc, p.apu, p.apv));
      if (alg == Alg::ecdh_es) return derived;
      return crypto::aes_kw_unwrap(derived, ek);
    }
    case Alg::rsa_oaep:
      return key.rsa()->oaep_decrypt(crypto::Hash::sha1, ek);
    case Alg::rsa_oaep_256:
      return key.rsa()->oaep_decrypt(crypto::Hash::sha256, ek);
    case Alg::rsa1_5: {
      // RFC 7516 §11.5: on any failure (length, padding, CEK size) a random CEK of the right
      // length comes back instead, on the same path; only the content tag can then fail.
      SecretBytes cek;
      JWTCORE_TRY(key.rsa()->pkcs1v15_decrypt_or_random(ek, enc_info(enc).cek_bytes, cek));
      return cek;
    }
    case Alg::pbes2_hs256_a128kw: case Alg::pbes2_hs384_a192kw: case Alg::pbes2_hs512_a256kw: {
      JWTCORE_ASSIGN(SecretBytes kek, pbes2_kek(key, alg, p.p2s, p.p2c));
      return crypto::aes_kw_unwrap(kek, ek);
    }
    default:
      return crypto::decrypt_failure();
  }
}

void append_b64_member(std::string &members, std::string_view name, bytes_view value) {
  if (!members.empty()) members.push_back(',');
  json::append_string(members, name);
  members.push_back(':');
  members.push_back('"');
  base64url::append(members, value);
  members.push_back('"');
}

// A fresh ephemeral key on the recipient's curve (or the test's fixed one).
Result<KeyPtr> ephemeral_for(const Key &recipient, const JweTestVectors *test) {
  if (test != nullptr && test->ephemeral) {
    if (test->ephemeral->curve() != recipient.curve() || !test->ephemeral->has_private()) {
      return error(JWTCORE_E_INVALID_ARGUMENT, "the test ephemeral key must be a private key on the recipient's curve");
    }
    return test->ephemeral;
  }
  if (recipient.curve() == KeyCurve::x25519) {
    JWTCORE_ASSIGN(crypto::X25519Key k, crypto::X25519Key::generate());
    return Key::create(crypto::AnyKey(std::move(k)), {});
  }
  auto curve = detail::ec_curve(recipient.curve());
  if (!curve) return error(JWTCORE_E_KEY_MISMATCH, "ECDH-ES needs an EC or X25519 recipient key");
  JWTCORE_ASSIGN(crypto::EcKey k, crypto::EcKey::generate(*curve));
  return Key::create(crypto::AnyKey(std::move(k)), {});
}

Status wrap_ecdh(const JweRecipientSpec &spec, Enc enc, bytes_view apu, bytes_view apv, const JweTestVectors *test,
                 SecretBytes &cek, detail::WrappedKey &out) {
  JWTCORE_ASSIGN(KeyPtr eph, ephemeral_for(*spec.key, test));
  JWTCORE_ASSIGN(SecretBytes z, agree(*eph, *spec.key));
  JWTCORE_ASSIGN(SecretBytes derived, ecdh_kdf(z, spec.alg, enc, apu, apv));
  JWTCORE_ASSIGN(SecretString epk, key_to_jwk(*eph, false));
  out.members = "\"epk\":";
  out.members.append(epk.data(), epk.size());
  if (spec.alg == Alg::ecdh_es) {
    cek = std::move(derived);
    return Status::ok();
  }
  JWTCORE_ASSIGN(out.encrypted_key, crypto::aes_kw_wrap(derived, cek));
  return Status::ok();
}

Bytes random_or(const Bytes *fixed, size_t n) {
  if (fixed != nullptr && !fixed->empty()) return *fixed;
  Bytes b(n);
  crypto::random_bytes(b.data(), b.size());
  return b;
}

Status wrap_pbes2(const JweRecipientSpec &spec, const JweTestVectors *test, const SecretBytes &cek,
                  detail::WrappedKey &out) {
  const uint32_t p2c = spec.pbes2_iterations;
  if (p2c < kPbes2MinIterations || p2c > kPbes2HardMaxIterations) {
    return error(JWTCORE_E_INVALID_ARGUMENT, "PBES2 iteration count " + std::to_string(p2c) + " is outside " +
                                                 std::to_string(kPbes2MinIterations) + " … " +
                                                 std::to_string(kPbes2HardMaxIterations));
  }
  // RFC 7518 §4.8.1.1: a random salt input; 16 bytes, twice the minimum.
  const Bytes p2s = random_or(test ? &test->p2s : nullptr, 16);
  if (p2s.size() < kP2sMin || p2s.size() > kP2sMax) return error(JWTCORE_E_INVALID_ARGUMENT, "test p2s must be 8 … 1024 bytes");
  JWTCORE_ASSIGN(SecretBytes kek, pbes2_kek(*spec.key, spec.alg, p2s, p2c));
  JWTCORE_ASSIGN(out.encrypted_key, crypto::aes_kw_wrap(kek, cek));
  append_b64_member(out.members, "p2s", p2s);
  out.members += ",\"p2c\":" + std::to_string(p2c);
  return Status::ok();
}

Status wrap_gcmkw(const Key &key, const JweTestVectors *test, const SecretBytes &cek, detail::WrappedKey &out) {
  const Bytes iv = random_or(test ? &test->kw_iv : nullptr, crypto::kGcmIvSize);
  JWTCORE_ASSIGN(crypto::Sealed sealed, crypto::aes_gcm_encrypt(key.secret(), iv, {}, cek));
  out.encrypted_key = std::move(sealed.ciphertext);
  append_b64_member(out.members, "iv", iv);
  append_b64_member(out.members, "tag", sealed.tag);
  return Status::ok();
}

}  // namespace

namespace detail {

Result<SecretBytes> unwrap_cek(const Key &key, Alg alg, Enc enc, bytes_view encrypted_key, const KeyMgmtParams &params) {
  auto cek = unwrap_any(key, alg, enc, encrypted_key, params);
  // One answer for every failure, whatever the primitive said (RFC 7516 §11.4): an unwrap
  // error, a point error, or a CEK of the wrong length for enc.
  if (!cek) return crypto::decrypt_failure();
  if (cek->size() != enc_info(enc).cek_bytes) {
    wipe(*cek);
    return crypto::decrypt_failure();
  }
  return cek;
}

Status wrap_cek(const JweRecipientSpec &spec, Enc enc, bytes_view apu, bytes_view apv, const JweTestVectors *test,
                SecretBytes &cek, WrappedKey &out) {
  const Key &key = *spec.key;
  switch (spec.alg) {
    case Alg::dir:
      cek = to_secret(key.secret());
      return Status::ok();
    case Alg::ecdh_es: case Alg::ecdh_es_a128kw: case Alg::ecdh_es_a192kw: case Alg::ecdh_es_a256kw:
      return wrap_ecdh(spec, enc, apu, apv, test, cek, out);
    case Alg::rsa_oaep:
    case Alg::rsa_oaep_256: {
      const auto hash = spec.alg == Alg::rsa_oaep ? crypto::Hash::sha1 : crypto::Hash::sha256;
      JWTCORE_ASSIGN(out.encrypted_key, key.rsa()->oaep_encrypt(hash, cek));
      return Status::ok();
    }
    case Alg::pbes2_hs256_a128kw: case Alg::pbes2_hs384_a192kw: case Alg::pbes2_hs512_a256kw:
      return wrap_pbes2(spec, test, cek, out);
    case Alg::a128gcmkw: case Alg::a192gcmkw: case Alg::a256gcmkw:
      return wrap_gcmkw(key, test, cek, out);
    default:
      if (is_aes_kw(spec.alg)) {
        JWTCORE_ASSIGN(out.encrypted_key, crypto::aes_kw_wrap(key.secret(), cek));
        return Status::ok();
      }
      return error(JWTCORE_E_ALG_NOT_ALLOWED, std::string(alg_info(spec.alg).name) + " cannot encrypt a CEK");
  }
}

}  // namespace detail

size_t jwe_iv_size(Enc enc) { return enc_info(enc).gcm ? crypto::kGcmIvSize : crypto::kCbcIvSize; }

size_t jwe_tag_size(Enc enc) {
  return enc_info(enc).gcm ? crypto::kGcmTagSize : crypto::cbc_hmac_tag_size(cbc_suite(enc));
}

Result<crypto::Sealed> jwe_content_encrypt(Enc enc, bytes_view cek, bytes_view iv, bytes_view aad, bytes_view plaintext) {
  if (enc_info(enc).gcm) return crypto::aes_gcm_encrypt(cek, iv, aad, plaintext);
  return crypto::aes_cbc_hmac_encrypt(cbc_suite(enc), cek, iv, aad, plaintext);
}

Result<SecretBytes> jwe_content_decrypt(Enc enc, bytes_view cek, bytes_view iv, bytes_view aad, bytes_view ciphertext,
                                        bytes_view tag) {
  if (enc_info(enc).gcm) return crypto::aes_gcm_decrypt(cek, iv, aad, ciphertext, tag);
  return crypto::aes_cbc_hmac_decrypt(cbc_suite(enc), cek, iv, aad, ciphertext, tag);
}

}  // namespace jwtcore
