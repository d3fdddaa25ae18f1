// Argument parsing shared by the JWE and JWT shims: algorithm and content-encryption names as the
// C ABI receives them (pointer + length), with the status codes every shim must agree on.
#pragma once

#include <string>
#include <string_view>

#include "../core/alg.hpp"
#include "../core/jose_header.hpp"
#include "guard.hpp"

namespace jwtcore::capi {

// A JWE key-management algorithm name; `what` names the parameter in messages.
inline int key_management_alg(const char *alg, size_t alg_len, Alg &out, const char *what = "alg") {
  if (alg == nullptr || alg_len == 0) return fail(JWTCORE_E_INVALID_ARGUMENT, std::string(what) + " must not be empty");
  const AlgInfo *info = find_alg(std::string_view(alg, alg_len));
  if (info == nullptr) return fail(JWTCORE_E_UNKNOWN_ALG, "unknown algorithm '" + quote_name(std::string_view(alg, alg_len)) + "'");
  if (info->kind != AlgKind::key_management) {
    return fail(JWTCORE_E_ALG_NOT_ALLOWED, std::string(info->name) + " is not a key-management algorithm");
  }
  out = info->alg;
  return JWTCORE_OK;
}

// A JWE content-encryption name ("A256GCM", …).
inline int content_enc(const char *enc, size_t enc_len, Enc &out) {
  if (enc == nullptr || enc_len == 0) return fail(JWTCORE_E_INVALID_ARGUMENT, "enc must not be empty");
  const EncInfo *info = find_enc(std::string_view(enc, enc_len));
  if (info == nullptr) {
    return fail(JWTCORE_E_UNKNOWN_ALG, "unknown content encryption '" + quote_name(std::string_view(enc, enc_len)) + "'");
  }
  out = info->enc;
  return JWTCORE_OK;
}

}  // namespace jwtcore::capi
