// Key export: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) and PKCS#8 PrivateKeyInfo (RFC 5208)
// in DER and PEM (RFC 7468). Written here rather than with mbedtls_pk_write_*: 2.28 writes
// only the traditional PKCS#1 / SEC1 private formats and knows no Ed25519/X25519, and the
// structures are small and fixed.
#include <mbedtls/base64.h>

#include <string>
#include <type_traits>
#include <variant>

#include "ec.hpp"
#include "okp.hpp"
#include "pkix.hpp"
#include "pkix_der.hpp"
#include "rsa.hpp"

namespace jwtcore::crypto {

// ---- DER primitives --------------------------------------------------------------------------

namespace der {

std::optional<size_t> element_size(bytes_view in) {
  if (in.size() < 2) return std::nullopt;
  size_t first = in[1];
  if (first < 0x80) return 2 + first;
  size_t n = first & 0x7f;
  // Indefinite (0x80) or > 4 length octets never occur in a key; leading zero = not minimal.
  if (n == 0 || n > 4 || in.size() < 2 + n || in[2] == 0) return std::nullopt;
  size_t len = 0;
  for (size_t i = 0; i < n; ++i) len = (len << 8) | in[2 + i];
  if (len < 0x80) return std::nullopt;
  return 2 + n + len;
}

void Writer::length(size_t n) {
  if (n < 0x80) {
    out_.push_back(static_cast<uint8_t>(n));
    return;
  }
  uint8_t buf[sizeof(size_t)];
  size_t k = 0;
  for (size_t v = n; v != 0; v >>= 8) buf[k++] = static_cast<uint8_t>(v & 0xff);
  out_.push_back(static_cast<uint8_t>(0x80 | k));
  while (k > 0) out_.push_back(buf[--k]);
}

void Writer::tlv(uint8_t tag, bytes_view contents) {
  out_.push_back(tag);
  length(contents.size());
  out_.insert(out_.end(), contents.begin(), contents.end());
}

void Writer::unsigned_integer(bytes_view v) {
  size_t i = 0;
  while (i + 1 < v.size() && v[i] == 0) ++i;
  bytes_view digits = v.subview(i, v.size() - i);
  bool pad = digits.empty() || (digits[0] & 0x80) != 0;
  out_.push_back(kInteger);
  length(digits.size() + (pad ? 1 : 0));
  if (pad) out_.push_back(0);
  out_.insert(out_.end(), digits.begin(), digits.end());
}

void Writer::small_integer(uint8_t v) {
  uint8_t b = v;
  unsigned_integer(bytes_view(&b, 1));
}

void Writer::bit_string(bytes_view contents) {
  out_.push_back(kBitString);
  length(contents.size() + 1);
  out_.push_back(0);  // no unused bits
  out_.insert(out_.end(), contents.begin(), contents.end());
}

void Writer::raw(bytes_view encoded) { out_.insert(out_.end(), encoded.begin(), encoded.end()); }

}  // namespace der

namespace {

using der::Writer;

SecretBytes sequence(const Writer &contents) {
  Writer w;
  w.tlv(der::kSequence, contents.bytes());
  return w.take();
}

bytes_view curve_oid(Curve curve) {
  switch (curve) {
    case Curve::p256: return bytes_view(der::kOidP256, sizeof der::kOidP256);
    case Curve::p384: return bytes_view(der::kOidP384, sizeof der::kOidP384);
    case Curve::p521: return bytes_view(der::kOidP521, sizeof der::kOidP521);
    case Curve::secp256k1: return bytes_view(der::kOidSecp256k1, sizeof der::kOidSecp256k1);
  }
  return {};
}

// AlgorithmIdentifier for each key type (RFC 3279 §2.3.1, RFC 5480 §2.1.1, RFC 8410 §3).
SecretBytes algorithm(const RsaKey &) {
  Writer w;
  w.oid(bytes_view(der::kOidRsaEncryption, sizeof der::kOidRsaEncryption));
  w.null();
  return sequence(w);
}
SecretBytes algorithm(const EcKey &key) {
  Writer w;
  w.oid(bytes_view(der::kOidEcPublicKey, sizeof der::kOidEcPublicKey));
  w.oid(curve_oid(key.curve()));
  return sequence(w);
}
SecretBytes algorithm(const Ed25519Key &) {
  Writer w;
  w.oid(bytes_view(der::kOidEd25519, sizeof der::kOidEd25519));
  return sequence(w);
}
SecretBytes algorithm(const X25519Key &) {
  Writer w;
  w.oid(bytes_view(der::kOidX25519, sizeof der::kOidX25519));
  return sequence(w);
}

// subjectPublicKey contents.
Bytes public_bits(const RsaKey &key) {
  RsaPublicComponents c = key.public_components();
  Writer w;  // RSAPublicKey, RFC 8017 §A.1.1
  w.unsigned_integer(c.n);
  w.unsigned_integer(c.e);
  SecretBytes s = sequence(w);
  return Bytes(s.begin(), s.end());
}
Bytes public_bits(const EcKey &key) { return key.sec1_uncompressed(); }
Bytes public_bits(const Ed25519Key &key) { return key.public_key(); }
Bytes public_bits(const X25519Key &key) { return key.public_key(); }

// privateKey OCTET STRING contents.
Result<SecretBytes> private_octets(const RsaKey &key) {
  JWTCORE_ASSIGN(RsaPrivateComponents c, key.private_components());
  Writer w;  // RSAPrivateKey, RFC 8017 §A.1.2, two-prime version 0
  w.small_integer(0);
  for (bytes_view v : {bytes_view(c.n), bytes_view(c.e), bytes_view(c.d), bytes_view(c.p),
                       bytes_view(c.q), bytes_view(c.dp), bytes_view(c.dq), bytes_view(c.qi)}) {
    w.unsigned_integer(v);
  }
  return sequence(w);
}
Result<SecretBytes> private_octets(const EcKey &key) {
  JWTCORE_ASSIGN(SecretBytes d, key.d());
  Writer pub;
  pub.bit_string(key.sec1_uncompressed());
  Writer w;  // ECPrivateKey, RFC 5915 §3; the curve is in the PKCS#8 AlgorithmIdentifier
  w.small_integer(1);
  w.tlv(der::kOctetString, d);
  w.tlv(der::kContext1, pub.bytes());
  return sequence(w);
}
Result<SecretBytes> private_octets(const Ed25519Key &key) {
  JWTCORE_ASSIGN(SecretBytes seed, key.seed());
  Writer w;  // CurvePrivateKey ::= OCTET STRING, RFC 8410 §7
  w.tlv(der::kOctetString, seed);
  return w.take();
}
Result<SecretBytes> private_octets(const X25519Key &key) {
  JWTCORE_ASSIGN(SecretBytes scalar, key.private_key());
  Writer w;
  w.tlv(der::kOctetString, scalar);
  return w.take();
}

template <class Str>
Str pem_encode(const char *label, bytes_view der_bytes) {
  size_t b64_len = 0;
  (void)mbedtls_base64_encode(nullptr, 0, &b64_len, der_bytes.data(), der_bytes.size());
  SecretString b64(b64_len, '\0');
  size_t written = 0;
  if (mbedtls_base64_encode(reinterpret_cast<unsigned char *>(&b64[0]), b64.size(), &written,
                            der_bytes.data(), der_bytes.size()) != 0) {
    throw std::bad_alloc();  // the size came from mbedTLS itself
  }
  Str out;
  out.reserve(written + written / 64 + 64);
  out.append("-----BEGIN ").append(label).append("-----\n");
  for (size_t i = 0; i < written; i += 64) {
    out.append(b64.data() + i, written - i < 64 ? written - i : 64);
    out.push_back('\n');
  }
  out.append("-----END ").append(label).append("-----\n");
  return out;
}

}  // namespace

bool any_key_has_private(const AnyKey &key) {
  return std::visit([](const auto &k) { return k.has_private(); }, key);
}

Result<Bytes> spki_der(const AnyKey &key) {
  return std::visit(
      [](const auto &k) -> Result<Bytes> {
        Writer w;
        w.raw(algorithm(k));
        w.bit_string(public_bits(k));
        SecretBytes s = sequence(w);
        return Bytes(s.begin(), s.end());
      },
      key);
}

Result<std::string> spki_pem(const AnyKey &key) {
  JWTCORE_ASSIGN(Bytes der_bytes, spki_der(key));
  return pem_encode<std::string>("PUBLIC KEY", der_bytes);
}

Result<SecretBytes> pkcs8_der(const AnyKey &key) {
  return std::visit(
      [](const auto &k) -> Result<SecretBytes> {
        if (!k.has_private()) {
          return error(JWTCORE_E_KEY_NOT_PRIVATE, "PKCS#8 export needs a private key");
        }
        JWTCORE_ASSIGN(SecretBytes inner, private_octets(k));
        Writer w;
        w.small_integer(0);  // PrivateKeyInfo version 0 (v1), no attributes
        w.raw(algorithm(k));
        w.tlv(der::kOctetString, inner);
        return sequence(w);
      },
      key);
}

Result<SecretString> pkcs8_pem(const AnyKey &key) {
  JWTCORE_ASSIGN(SecretBytes der_bytes, pkcs8_der(key));
  return pem_encode<SecretString>("PRIVATE KEY", der_bytes);
}

}  // namespace jwtcore::crypto
