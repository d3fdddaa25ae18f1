// The EcKey implementation shared by ec.cpp and pkix.cpp. Internal to src/core/crypto/.
#pragma once

#include <mbedtls/ecp.h>

#include <mutex>
#include <optional>

#include "asym_internal.hpp"
#include "ec.hpp"

namespace jwtcore::crypto {

struct EcKey::Impl {
  Impl() { mbedtls_ecp_keypair_init(&kp); }
  ~Impl() { mbedtls_ecp_keypair_free(&kp); }
  Impl(const Impl &) = delete;
  Impl &operator=(const Impl &) = delete;

  mbedtls_ecp_group *grp() const { return &kp.JWTCORE_MBEDTLS_FIELD(grp); }
  mbedtls_ecp_point *q() const { return &kp.JWTCORE_MBEDTLS_FIELD(Q); }
  mbedtls_mpi *d() const { return &kp.JWTCORE_MBEDTLS_FIELD(d); }

  // Makes sure the group's fixed-base comb table exists before the key is shared: mbedTLS
  // fills it on the first k*G (for private keys that happens at construction, computing or
  // checking d*G); a public key fills it on first use here, exactly once, instead of racing
  // inside mbedTLS when two threads verify at the same time. Afterwards the group is read-only.
  void ensure_comb_table() const;

  // Mutable: mbedTLS's ECDSA/ECDH calls take a non-const group even where they only read it
  // (after ensure_comb_table()); the keypair is never modified after construction.
  mutable mbedtls_ecp_keypair kp;
  mutable std::once_flag comb_once;
  Curve curve = Curve::p256;
  bool has_private = false;
};

namespace ec_detail {

mbedtls_ecp_group_id group_id(Curve curve);
std::optional<Curve> curve_from_group_id(mbedtls_ecp_group_id id);

}  // namespace ec_detail

}  // namespace jwtcore::crypto
