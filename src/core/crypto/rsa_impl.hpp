// The RsaKey implementation shared by rsa.cpp (import, signatures), rsa_encrypt.cpp (OAEP,
// PKCS#1 v1.5 encryption) and pkix.cpp (DER export). Internal to src/core/crypto/.
#pragma once

#include <mbedtls/rsa.h>

#include <mutex>
#include <string>

#include "asym_internal.hpp"
#include "rsa.hpp"

// mbedTLS 2.28 RSA calls take a `mode` (and verify an f_rng); 3.x dropped both.

#if MBEDTLS_VERSION_MAJOR >= 3
#define JWTCORE_RSA_MODE(m)
#define JWTCORE_RSA_RNG_MODE(m)
#else
#define JWTCORE_RSA_MODE(m) m,
#define JWTCORE_RSA_RNG_MODE(m) nullptr, nullptr, m,
#endif

namespace jwtcore::crypto {

struct RsaKey::Impl {
  Impl() { detail::rsa_init(&ctx); }
  ~Impl() { mbedtls_rsa_free(&ctx); }
  Impl(const Impl &) = delete;
  Impl &operator=(const Impl &) = delete;

  // Mutable: mbedTLS takes a non-const context even for operations that only read it.
  mutable mbedtls_rsa_context ctx;
  // Serialises private operations (blinding Vi/Vf updates) and hash_id/padding changes.
  mutable std::mutex mutex;
  bool has_private = false;
  size_t bits = 0;
  size_t bytes = 0;
};

namespace rsa_detail {

inline int set_padding(mbedtls_rsa_context *ctx, int padding, Hash hash) {
#if MBEDTLS_VERSION_MAJOR >= 3
  return mbedtls_rsa_set_padding(ctx, padding, compat::md_type(hash));
#else
  mbedtls_rsa_set_padding(ctx, padding, static_cast<int>(compat::md_type(hash)));
  return 0;
#endif
}

inline Status need_private(bool has_private, const char *op) {
  if (has_private) return Status::ok();
  return error(JWTCORE_E_KEY_NOT_PRIVATE, std::string(op) + " needs an RSA private key");
}

}  // namespace rsa_detail

}  // namespace jwtcore::crypto
