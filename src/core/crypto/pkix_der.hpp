// The few DER pieces pkix.cpp and pkix_write.cpp need: fixed OIDs, a length-exact outer
// SEQUENCE check, and an append-only writer for SPKI / PKCS#8 / PKCS#1 / SEC1 structures.
// Internal to src/core/crypto/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "../bytes.hpp"

namespace jwtcore::crypto::der {

// DER contents of the OBJECT IDENTIFIERs (without tag and length).
inline constexpr uint8_t kOidRsaEncryption[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
inline constexpr uint8_t kOidEcPublicKey[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
inline constexpr uint8_t kOidP256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
inline constexpr uint8_t kOidP384[] = {0x2b, 0x81, 0x04, 0x00, 0x22};
inline constexpr uint8_t kOidP521[] = {0x2b, 0x81, 0x04, 0x00, 0x23};
inline constexpr uint8_t kOidSecp256k1[] = {0x2b, 0x81, 0x04, 0x00, 0x0a};
// RFC 8410 §3: id-X25519 1.3.101.110, id-X448 .111, id-Ed25519 .112, id-Ed448 .113.
inline constexpr uint8_t kOidX25519[] = {0x2b, 0x65, 0x6e};
inline constexpr uint8_t kOidX448[] = {0x2b, 0x65, 0x6f};
inline constexpr uint8_t kOidEd25519[] = {0x2b, 0x65, 0x70};
inline constexpr uint8_t kOidEd448[] = {0x2b, 0x65, 0x71};

enum Tag : uint8_t {
  kInteger = 0x02,
  kBitString = 0x03,
  kOctetString = 0x04,
  kNull = 0x05,
  kOid = 0x06,
  kSequence = 0x30,
  kContext0 = 0xa0,
  kContext1 = 0xa1,
};

// The total encoded size of the DER element starting at in[0] (tag + length + contents), or
// nullopt if the header is malformed or runs past the input. Definite, minimal lengths only.
std::optional<size_t> element_size(bytes_view in);

// Appends DER to a byte vector. Private structures use SecretBytes so that every
// intermediate copy of key material is wiped.
class Writer {
 public:
  void tlv(uint8_t tag, bytes_view contents);
  // INTEGER from unsigned big-endian bytes: leading zeros stripped, 0x00 prepended if needed.
  void unsigned_integer(bytes_view big_endian);
  void small_integer(uint8_t v);
  void oid(bytes_view contents) { tlv(kOid, contents); }
  void null() { tlv(kNull, {}); }
  // BIT STRING with zero unused bits.
  void bit_string(bytes_view contents);
  // Appends an already encoded element.
  void raw(bytes_view encoded);

  const SecretBytes &bytes() const { return out_; }
  SecretBytes take() { return std::move(out_); }

 private:
  void length(size_t n);
  SecretBytes out_;
};

}  // namespace jwtcore::crypto::der
