// Key import from PEM / DER. mbedTLS parses RSA and EC structures; Ed25519/X25519 (absent from
// mbedTLS 2.28's pk module) are matched against their fixed RFC 8410 layouts. Every key is
// rebuilt through the validating constructors, so PEM input meets the same policy as a JWK.
#include "pkix.hpp"

#include <mbedtls/asn1.h>
#include <mbedtls/ecp.h>
#include <mbedtls/pem.h>
#include <mbedtls/pk.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "asym_internal.hpp"
#include "ec_impl.hpp"
#include "pkix_der.hpp"

namespace jwtcore::crypto {

namespace {

using detail::Mpi;

// The decoded input: `label` is the PEM type ("" for DER input).
struct Source {
  std::string label;
  SecretBytes der;
};

Status pem_error(const std::string &why) { return error(JWTCORE_E_PEM, why); }

template <class K>
Result<AnyKey> wrap(Result<K> r) {
  if (!r) return r.take_status();
  return AnyKey(std::move(r).value());
}

// ---- PEM -------------------------------------------------------------------------------------

size_t skip_space(std::string_view s, size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r' || s[pos] == '\n')) {
    ++pos;
  }
  return pos;
}

bool valid_label(std::string_view label) {
  if (label.empty() || label.size() > 64) return false;
  for (char c : label) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ')) return false;
  }
  return true;
}

struct PemContext {
  PemContext() { mbedtls_pem_init(&ctx); }
  ~PemContext() { mbedtls_pem_free(&ctx); }  // zeroes the decoded buffer
  PemContext(const PemContext &) = delete;
  PemContext &operator=(const PemContext &) = delete;
  mbedtls_pem_context ctx;
};

// Decodes the PEM block starting at text[pos]; sets `pos` past it.
Result<Source> read_block(const SecretString &text, size_t &pos) {
  constexpr std::string_view kBegin = "-----BEGIN ";
  std::string_view view(text);
  if (view.compare(pos, kBegin.size(), kBegin) != 0) {
    return pem_error("key input is neither PEM ('-----BEGIN') nor DER (a SEQUENCE)");
  }
  size_t label_start = pos + kBegin.size();
  size_t label_end = view.find("-----", label_start);
  if (label_end == std::string_view::npos || !valid_label(view.substr(label_start, label_end - label_start))) {
    return pem_error("PEM header line is malformed");
  }
  std::string label(view.substr(label_start, label_end - label_start));
  if (label == "ENCRYPTED PRIVATE KEY" || view.find("Proc-Type: 4,ENCRYPTED", pos) != std::string_view::npos) {
    return error(JWTCORE_E_NOT_SUPPORTED,
                 "encrypted private keys are not supported: decrypt the key first");
  }
  std::string header = "-----BEGIN " + label + "-----";
  std::string footer = "-----END " + label + "-----";
  PemContext pem;
  size_t used = 0;
  int ret = mbedtls_pem_read_buffer(&pem.ctx, header.c_str(), footer.c_str(),
                                    reinterpret_cast<const unsigned char *>(text.c_str()) + pos,
                                    nullptr, 0, &used);
  if (ret != 0) return pem_error("PEM block '" + label + "' could not be decoded");
  const uint8_t *buf = pem.ctx.JWTCORE_MBEDTLS_FIELD(buf);
  pos += used;
  return Source{label, SecretBytes(buf, buf + pem.ctx.JWTCORE_MBEDTLS_FIELD(buflen))};
}

Result<Source> load_pem(bytes_view input) {
  SecretString text(input.as_string());
  if (text.find('\0') != SecretString::npos) return pem_error("PEM input contains a NUL byte");
  size_t pos = skip_space(text, 0);
  JWTCORE_ASSIGN(Source src, read_block(text, pos));
  // `openssl ecparam -genkey` writes an EC PARAMETERS block before the key: skip it.
  if (src.label == "EC PARAMETERS") {
    pos = skip_space(text, pos);
    JWTCORE_ASSIGN(Source key, read_block(text, pos));
    src = std::move(key);
  }
  if (skip_space(text, pos) != text.size()) return pem_error("data follows the PEM block");
  return src;
}

Result<Source> load(bytes_view input) {
  if (input.empty()) return pem_error("key input is empty");
  if (input[0] != der::kSequence) return load_pem(input);
  // mbedTLS checks lengths inside the outer SEQUENCE only; trailing bytes are ours to refuse.
  auto size = der::element_size(input);
  if (!size || *size != input.size()) {
    return pem_error("DER key input has a bad length or trailing data");
  }
  return Source{"", to_secret(input)};
}

// ---- RFC 8410 (Ed25519 / X25519) -------------------------------------------------------------

constexpr uint8_t kOkpSpkiHead[] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
                                    0x00, 0x03, 0x21, 0x00};
constexpr uint8_t kOkpPkcs8Head[] = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
                                     0x03, 0x2b, 0x65, 0x00, 0x04, 0x22, 0x04, 0x20};
// OneAsymmetricKey v2 (RFC 5958) with the [1] publicKey and no attributes.
constexpr uint8_t kOkpPkcs8V2Head[] = {0x30, 0x51, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06,
                                       0x03, 0x2b, 0x65, 0x00, 0x04, 0x22, 0x04, 0x20};
constexpr uint8_t kOkpPkcs8V2Pub[] = {0x81, 0x21, 0x00};
constexpr size_t kOkpKeyBytes = 32;

// The last OID byte (0x6e..0x71) if `der` carries an RFC 8410 AlgorithmIdentifier at the
// offset a SubjectPublicKeyInfo (2) or a PKCS#8 structure (5) would have it.
std::optional<uint8_t> rfc8410_oid(bytes_view d, size_t offset) {
  constexpr uint8_t kAlgHead[] = {0x30, 0x05, 0x06, 0x03, 0x2b, 0x65};
  if (d.size() < offset + sizeof kAlgHead + 1) return std::nullopt;
  if (std::memcmp(d.data() + offset, kAlgHead, sizeof kAlgHead) != 0) return std::nullopt;
  uint8_t last = d[offset + sizeof kAlgHead];
  if (last < 0x6e || last > 0x71) return std::nullopt;
  return last;
}

// Compares `d` at `at` with `head`, treating head[oid_at] as the wildcard OID byte.
bool matches(bytes_view d, size_t at, const uint8_t *head, size_t n, size_t oid_at, uint8_t oid) {
  if (d.size() < at + n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (d[at + i] != (i == oid_at ? oid : head[i])) return false;
  }
  return true;
}

Status okp_unsupported(uint8_t oid) {
  return error(JWTCORE_E_KEY_UNSUPPORTED,
               oid == der::kOidEd448[2] ? "Ed448 keys are not supported" : "X448 keys are not supported");
}

std::optional<Result<AnyKey>> parse_okp_public(bytes_view d) {
  auto oid = rfc8410_oid(d, 2);
  if (!oid) return std::nullopt;
  if (*oid == der::kOidEd448[2] || *oid == der::kOidX448[2]) return Result<AnyKey>(okp_unsupported(*oid));
  if (d.size() != sizeof kOkpSpkiHead + kOkpKeyBytes ||
      !matches(d, 0, kOkpSpkiHead, sizeof kOkpSpkiHead, 8, *oid)) {
    return Result<AnyKey>(pem_error("malformed RFC 8410 SubjectPublicKeyInfo"));
  }
  bytes_view x = d.subview(sizeof kOkpSpkiHead, kOkpKeyBytes);
  if (*oid == der::kOidEd25519[2]) return wrap(Ed25519Key::from_public(x));
  return wrap(X25519Key::from_public(x));
}

std::optional<Result<AnyKey>> parse_okp_private(bytes_view d) {
  auto oid = rfc8410_oid(d, 5);
  if (!oid) return std::nullopt;
  if (*oid == der::kOidEd448[2] || *oid == der::kOidX448[2]) return Result<AnyKey>(okp_unsupported(*oid));
  const size_t v1_size = sizeof kOkpPkcs8Head + kOkpKeyBytes;
  const size_t v2_size = v1_size + sizeof kOkpPkcs8V2Pub + kOkpKeyBytes;
  bytes_view pub;
  if (d.size() == v1_size && matches(d, 0, kOkpPkcs8Head, sizeof kOkpPkcs8Head, 11, *oid)) {
    // v1: the private key alone
  } else if (d.size() == v2_size && matches(d, 0, kOkpPkcs8V2Head, sizeof kOkpPkcs8V2Head, 11, *oid) &&
             matches(d, v1_size, kOkpPkcs8V2Pub, sizeof kOkpPkcs8V2Pub, sizeof kOkpPkcs8V2Pub, 0)) {
    pub = d.subview(v1_size + sizeof kOkpPkcs8V2Pub, kOkpKeyBytes);
  } else {
    return Result<AnyKey>(pem_error("malformed RFC 8410 PKCS#8 private key"));
  }
  bytes_view secret = d.subview(sizeof kOkpPkcs8Head, kOkpKeyBytes);
  if (*oid == der::kOidEd25519[2]) return wrap(Ed25519Key::from_seed(secret, pub));
  return wrap(X25519Key::from_private(secret, pub));
}

// ---- PKCS#1 RSAPublicKey (mbedtls_pk_parse_public_key takes it only as PEM) -------------------

Result<AnyKey> parse_rsa_public_pkcs1(bytes_view d, const RsaLimits &limits) {
  auto *p = const_cast<unsigned char *>(d.data());
  const unsigned char *end = p + d.size();
  size_t len = 0;
  if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0 ||
      p + len != end) {
    return pem_error("malformed PKCS#1 RSAPublicKey");
  }
  bytes_view ints[2];
  for (bytes_view &v : ints) {
    if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_INTEGER) != 0 || len == 0 || (*p & 0x80)) {
      return pem_error("malformed PKCS#1 RSAPublicKey integer");
    }
    v = bytes_view(p, len);
    p += len;
  }
  if (p != end) return pem_error("PKCS#1 RSAPublicKey has trailing data");
  der::Writer canonical, seq;
  canonical.unsigned_integer(ints[0]);
  canonical.unsigned_integer(ints[1]);
  seq.tlv(der::kSequence, canonical.bytes());
  if (!std::equal(d.begin(), d.end(), seq.bytes().begin(), seq.bytes().end())) {
    return pem_error("PKCS#1 RSAPublicKey is not in canonical DER");
  }
  RsaComponentsView c;
  c.n = ints[0];
  c.e = ints[1];
  return wrap(RsaKey::from_components(c, limits));
}

// mbedTLS accepts BER-style SPKI (long-form or zero-padded lengths) and explicit curve
// parameters that match a named curve. A public key has exactly one DER encoding (the one we
// write); anything else is refused, so two parsers can never disagree about which key it is.
Result<AnyKey> require_canonical_spki(Result<AnyKey> parsed, const Source &src) {
  if (!parsed) return parsed;
  Result<Bytes> canonical = spki_der(*parsed);
  if (!canonical) return canonical.take_status();
  if (!std::equal(src.der.begin(), src.der.end(), canonical->begin(), canonical->end())) {
    return pem_error("SubjectPublicKeyInfo is not in canonical DER with a named curve");
  }
  return parsed;
}

// ---- mbedTLS pk ------------------------------------------------------------------------------

struct PkContext {
  PkContext() { mbedtls_pk_init(&ctx); }
  ~PkContext() { mbedtls_pk_free(&ctx); }
  PkContext(const PkContext &) = delete;
  PkContext &operator=(const PkContext &) = delete;
  mbedtls_pk_context ctx;
};

Status pk_error(int ret) {
  int high = -((-ret) & 0xff80);
  if (high == MBEDTLS_ERR_PK_PASSWORD_REQUIRED || high == MBEDTLS_ERR_PK_PASSWORD_MISMATCH) {
    return error(JWTCORE_E_NOT_SUPPORTED,
                 "encrypted private keys are not supported: decrypt the key first");
  }
  if (high == MBEDTLS_ERR_PK_UNKNOWN_PK_ALG) {
    return error(JWTCORE_E_KEY_UNSUPPORTED, "the key algorithm is not supported (RSA, EC, Ed25519, X25519 are)");
  }
  if (high == MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE || high == MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE) {
    return error(JWTCORE_E_KEY_UNSUPPORTED, "the key's curve or parameters are not supported");
  }
  if (ret == MBEDTLS_ERR_ECP_INVALID_KEY) {
    return error(JWTCORE_E_POINT_INVALID, "the EC public point is not on the curve");
  }
  if (ret == MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE) {
    return error(JWTCORE_E_NOT_SUPPORTED, "compressed EC points are not supported");
  }
  return pem_error("the key could not be parsed (" + detail::mbedtls_error_text(ret) + ")");
}

Result<AnyKey> rsa_from_pk(mbedtls_rsa_context *rsa, bool is_private, const RsaLimits &limits) {
  Mpi n, p, q, d, e, dp, dq, qi;
  int ret = is_private ? mbedtls_rsa_export(rsa, n.get(), p.get(), q.get(), d.get(), e.get())
                       : mbedtls_rsa_export(rsa, n.get(), nullptr, nullptr, nullptr, e.get());
  if (ret == 0 && is_private) ret = mbedtls_rsa_export_crt(rsa, dp.get(), dq.get(), qi.get());
  if (ret != 0) return error(JWTCORE_E_KEY_INVALID, "RSA key components could not be read");
  Bytes nb = detail::mpi_minimal<Bytes>(n.get()), eb = detail::mpi_minimal<Bytes>(e.get());
  RsaComponentsView c;
  c.n = nb;
  c.e = eb;
  if (!is_private) return wrap(RsaKey::from_components(c, limits));
  SecretBytes parts[6] = {
      detail::mpi_minimal<SecretBytes>(d.get()),  detail::mpi_minimal<SecretBytes>(p.get()),
      detail::mpi_minimal<SecretBytes>(q.get()),  detail::mpi_minimal<SecretBytes>(dp.get()),
      detail::mpi_minimal<SecretBytes>(dq.get()), detail::mpi_minimal<SecretBytes>(qi.get())};
  c.d = parts[0];
  c.p = parts[1];
  c.q = parts[2];
  c.dp = parts[3];
  c.dq = parts[4];
  c.qi = parts[5];
  return wrap(RsaKey::from_components(c, limits));
}

Result<AnyKey> ec_from_pk(mbedtls_ecp_keypair *kp, bool is_private) {
  mbedtls_ecp_group *grp = &kp->JWTCORE_MBEDTLS_FIELD(grp);
  auto curve = ec_detail::curve_from_group_id(grp->id);
  if (!curve) return error(JWTCORE_E_KEY_UNSUPPORTED, "the key's curve is not supported");
  size_t fb = curve_field_bytes(*curve);
  mbedtls_ecp_point *q = &kp->JWTCORE_MBEDTLS_FIELD(Q);
  Bytes x = detail::mpi_fixed<Bytes>(&q->JWTCORE_MBEDTLS_FIELD(X), fb);
  Bytes y = detail::mpi_fixed<Bytes>(&q->JWTCORE_MBEDTLS_FIELD(Y), fb);
  if (!is_private) return wrap(EcKey::from_coordinates(*curve, x, y));
  const mbedtls_mpi *d = &kp->JWTCORE_MBEDTLS_FIELD(d);
  if (mbedtls_mpi_size(d) > fb) return error(JWTCORE_E_KEY_INVALID, "EC private scalar is too long");
  SecretBytes db = detail::mpi_fixed<SecretBytes>(d, fb);
  return wrap(EcKey::from_coordinates(*curve, x, y, db));
}

Result<AnyKey> from_pk(mbedtls_pk_context *pk, bool is_private, const RsaLimits &limits) {
  switch (mbedtls_pk_get_type(pk)) {
    case MBEDTLS_PK_RSA: return rsa_from_pk(mbedtls_pk_rsa(*pk), is_private, limits);
    case MBEDTLS_PK_ECKEY:
    case MBEDTLS_PK_ECKEY_DH:
    case MBEDTLS_PK_ECDSA: return ec_from_pk(mbedtls_pk_ec(*pk), is_private);
    default: return error(JWTCORE_E_KEY_UNSUPPORTED, "the key type is not supported");
  }
}

// The tag of the first element inside the outer SEQUENCE: INTEGER for PKCS#1 RSAPublicKey
// and PKCS#8, SEQUENCE (the AlgorithmIdentifier) for SubjectPublicKeyInfo.
uint8_t first_inner_tag(bytes_view d) {
  if (d.size() < 3) return 0;
  size_t header = d[1] < 0x80 ? 2 : 2 + (d[1] & 0x7f);
  return header < d.size() ? d[header] : 0;
}

// For a PKCS#8 structure that mbedTLS refused: an algorithm we do not support (DSA, ...) is
// KEY_UNSUPPORTED rather than a parse error.
bool pkcs8_with_unknown_algorithm(bytes_view d) {
  auto *p = const_cast<unsigned char *>(d.data());
  const unsigned char *end = p + d.size();
  size_t len = 0;
  int version = -1;
  mbedtls_asn1_buf oid, params;
  if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0 ||
      mbedtls_asn1_get_int(&p, end, &version) != 0 || (version != 0 && version != 1) ||
      mbedtls_asn1_get_alg(&p, end, &oid, &params) != 0) {
    return false;
  }
  bytes_view v(oid.p, oid.len);
  auto is = [&](const uint8_t *o, size_t n) { return v.size() == n && std::memcmp(v.data(), o, n) == 0; };
  return !is(der::kOidRsaEncryption, sizeof der::kOidRsaEncryption) &&
         !is(der::kOidEcPublicKey, sizeof der::kOidEcPublicKey);
}

Result<AnyKey> parse_public_der(const Source &src, const RsaLimits &limits) {
  if (src.label == "RSA PUBLIC KEY" || (src.label.empty() && first_inner_tag(src.der) == der::kInteger)) {
    return parse_rsa_public_pkcs1(src.der, limits);
  }
  if (auto okp = parse_okp_public(src.der)) return std::move(*okp);
  PkContext pk;
  int ret = mbedtls_pk_parse_public_key(&pk.ctx, src.der.data(), src.der.size());
  if (ret != 0) return pk_error(ret);
  return require_canonical_spki(from_pk(&pk.ctx, false, limits), src);
}

Result<AnyKey> parse_private_der(const Source &src, const RsaLimits &limits) {
  if (auto okp = parse_okp_private(src.der)) return std::move(*okp);
  PkContext pk;
  int ret = detail::pk_parse_key(&pk.ctx, src.der.data(), src.der.size());
  if (ret != 0) {
    if (pkcs8_with_unknown_algorithm(src.der)) {
      return error(JWTCORE_E_KEY_UNSUPPORTED, "the private key algorithm is not supported");
    }
    return pk_error(ret);
  }
  return from_pk(&pk.ctx, true, limits);
}

enum class LabelKind { der, public_key, private_key };

Result<LabelKind> classify(const std::string &label) {
  if (label.empty()) return LabelKind::der;
  if (label == "PUBLIC KEY" || label == "RSA PUBLIC KEY") return LabelKind::public_key;
  if (label == "PRIVATE KEY" || label == "RSA PRIVATE KEY" || label == "EC PRIVATE KEY") {
    return LabelKind::private_key;
  }
  if (label.find("CERTIFICATE") != std::string::npos) {
    return error(JWTCORE_E_NOT_SUPPORTED,
                 "PEM holds a certificate: extract and validate its public key explicitly");
  }
  return pem_error("PEM type '" + label + "' is not a key");
}

}  // namespace

Result<AnyKey> parse_public_key(bytes_view input, const RsaLimits &limits) {
  JWTCORE_ASSIGN(Source src, load(input));
  JWTCORE_ASSIGN(LabelKind kind, classify(src.label));
  if (kind == LabelKind::private_key) {
    return pem_error("PEM holds a private key ('" + src.label + "'), a public key was expected");
  }
  return parse_public_der(src, limits);
}

Result<AnyKey> parse_private_key(bytes_view input, const RsaLimits &limits) {
  JWTCORE_ASSIGN(Source src, load(input));
  JWTCORE_ASSIGN(LabelKind kind, classify(src.label));
  if (kind == LabelKind::public_key) {
    return pem_error("PEM holds a public key ('" + src.label + "'), a private key was expected");
  }
  return parse_private_der(src, limits);
}

Result<AnyKey> parse_key(bytes_view input, const RsaLimits &limits) {
  JWTCORE_ASSIGN(Source src, load(input));
  JWTCORE_ASSIGN(LabelKind kind, classify(src.label));
  if (kind == LabelKind::public_key) return parse_public_der(src, limits);
  if (kind == LabelKind::private_key) return parse_private_der(src, limits);
  Result<AnyKey> as_private = parse_private_der(src, limits);
  if (as_private || as_private.status().code() != JWTCORE_E_PEM) return as_private;
  return parse_public_der(src, limits);
}

}  // namespace jwtcore::crypto
