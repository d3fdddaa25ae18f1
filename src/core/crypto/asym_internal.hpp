// Internal helpers shared by rsa*.cpp, ec.cpp and pkix.cpp (never included outside
// src/core/crypto/): an RAII mbedtls_mpi, big-endian export, and the mbedTLS 2.28 / 3.6
// differences of the RSA, EC and pk APIs (mbedtls_compat.hpp covers the symmetric side).
#pragma once

#include <mbedtls/bignum.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/version.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "../bytes.hpp"
#include "hash.hpp"
#include "mbedtls_compat.hpp"
#include "random.hpp"

#if MBEDTLS_VERSION_MAJOR >= 3
#define JWTCORE_MBEDTLS_FIELD(x) MBEDTLS_PRIVATE(x)
#else
#define JWTCORE_MBEDTLS_FIELD(x) x
#endif

namespace jwtcore::crypto::detail {

// mbedtls_mpi with RAII; zeroes its limbs on release (mbedtls_mpi_free does).
class Mpi {
 public:
  Mpi() { mbedtls_mpi_init(&v_); }
  ~Mpi() { mbedtls_mpi_free(&v_); }
  Mpi(const Mpi &) = delete;
  Mpi &operator=(const Mpi &) = delete;
  mbedtls_mpi *get() { return &v_; }
  const mbedtls_mpi *get() const { return &v_; }

 private:
  mbedtls_mpi v_;
};

// Big-endian bytes of an mpi: minimal length (at least one byte) or left-padded to `len`.
template <class Out>
Out mpi_minimal(const mbedtls_mpi *x) {
  size_t n = mbedtls_mpi_size(x);
  Out out(n == 0 ? 1 : n);
  mbedtls_mpi_write_binary(x, out.data(), out.size());
  return out;
}
template <class Out>
Out mpi_fixed(const mbedtls_mpi *x, size_t len) {
  Out out(len);
  mbedtls_mpi_write_binary(x, out.data(), out.size());
  return out;
}

// "mbedTLS error -0x4380" — error codes are public, never secret-dependent text.
inline std::string mbedtls_error_text(int ret) {
  static const char hex[] = "0123456789abcdef";
  unsigned v = ret < 0 ? 0u - static_cast<unsigned>(ret) : static_cast<unsigned>(ret);
  std::string digits;
  do {
    digits.insert(digits.begin(), hex[v & 0xf]);
    v >>= 4;
  } while (v != 0);
  return std::string("mbedTLS error ") + (ret < 0 ? "-0x" : "0x") + digits;
}

// ---- mbedTLS 2.28 vs 3.6 ------------------------------------------------------------------

inline void rsa_init(mbedtls_rsa_context *ctx) {
#if MBEDTLS_VERSION_MAJOR >= 3
  mbedtls_rsa_init(ctx);
#else
  mbedtls_rsa_init(ctx, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE);
#endif
}

inline int pk_parse_key(mbedtls_pk_context *pk, const uint8_t *der, size_t len) {
#if MBEDTLS_VERSION_MAJOR >= 3
  return mbedtls_pk_parse_key(pk, der, len, nullptr, 0, mbedtls_rng, nullptr);
#else
  return mbedtls_pk_parse_key(pk, der, len, nullptr, 0);
#endif
}

}  // namespace jwtcore::crypto::detail
