// PEM / DER key import and export (RFC 7468 PEM; RFC 5280 SubjectPublicKeyInfo; RFC 5208 /
// RFC 5958 PKCS#8; RFC 8017 PKCS#1; RFC 5915 SEC1; RFC 8410 Ed25519/X25519).
//
// Parsing goes through mbedtls_pk_parse_key / mbedtls_pk_parse_public_key for RSA and EC;
// mbedTLS 2.28 has no Ed25519/X25519 in pk, so their SPKI and PKCS#8 forms (OIDs 1.3.101.112
// and 1.3.101.110) are recognised here by their fixed DER layout, length-exact. Every parsed
// key then goes through the same validating constructors as JWK import (RsaKey limits, EC
// point checks), so a PEM is never a way around key policy.
//
// Thread-safety: free functions without shared state; safe from any thread.
#pragma once

#include <string>
#include <variant>

#include "../bytes.hpp"
#include "../status.hpp"
#include "ec.hpp"
#include "okp.hpp"
#include "rsa.hpp"

namespace jwtcore::crypto {

// One parsed asymmetric key, public or private (see each type's has_private()).
using AnyKey = std::variant<RsaKey, EcKey, Ed25519Key, X25519Key>;

bool any_key_has_private(const AnyKey &key);

// Accepted inputs: PEM text ("PUBLIC KEY", "RSA PUBLIC KEY") or the same as DER.
// Errors:
//  JWTCORE_E_PEM              not PEM, bad base64, trailing garbage, unparseable DER
//  JWTCORE_E_KEY_UNSUPPORTED  a well-formed key of an unsupported type or curve (DSA, Ed448,
//                             brainpool, ...)
//  JWTCORE_E_NOT_SUPPORTED    a certificate ("CERTIFICATE"): extract the key explicitly
//  key validation errors      from RsaKey / EcKey / Ed25519Key (KEY_WEAK, POINT_INVALID, ...)
Result<AnyKey> parse_public_key(bytes_view input, const RsaLimits &limits = {});

// Accepted inputs: PEM ("PRIVATE KEY" PKCS#8, "RSA PRIVATE KEY" PKCS#1, "EC PRIVATE KEY" SEC1)
// or the same as DER. Encrypted keys ("ENCRYPTED PRIVATE KEY", "Proc-Type: 4,ENCRYPTED")
// give JWTCORE_E_NOT_SUPPORTED: decrypt them with your own tooling first.
// Other errors as parse_public_key().
Result<AnyKey> parse_private_key(bytes_view input, const RsaLimits &limits = {});

// Either of the above: a private key if the input is one, else a public key.
Result<AnyKey> parse_key(bytes_view input, const RsaLimits &limits = {});

// SubjectPublicKeyInfo, DER and PEM ("-----BEGIN PUBLIC KEY-----"), for any key (private keys
// export their public half). EC keys use the namedCurve form and an uncompressed point.
Result<Bytes> spki_der(const AnyKey &key);
Result<std::string> spki_pem(const AnyKey &key);

// PKCS#8 PrivateKeyInfo (version 0, no attributes), DER and PEM ("-----BEGIN PRIVATE KEY-----"):
// RSA wraps the PKCS#1 RSAPrivateKey, EC wraps the SEC1 ECPrivateKey (with the public key),
// Ed25519/X25519 follow RFC 8410 §7. OpenSSL reads all of them. JWTCORE_E_KEY_NOT_PRIVATE for a
// public key.
Result<SecretBytes> pkcs8_der(const AnyKey &key);
Result<SecretString> pkcs8_pem(const AnyKey &key);

}  // namespace jwtcore::crypto
