// extern "C" shims for jwtcore/verifier.h.
#include "jwtcore/verifier.h"

#include <memory>

#include "../core/claims.hpp"
#include "../core/jose_header.hpp"
#include "handles.hpp"
#include "verifier_handle.hpp"

using namespace jwtcore;

namespace {

constexpr size_t kMaxTokenCap = 16 * 1024 * 1024;

int text_arg(const char *s, size_t n, const char *what) {
  if (s == nullptr || n == 0) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, std::string(what) + " must not be empty");
  return JWTCORE_OK;
}

}  // namespace

extern "C" {

JWTCORE_API int jwtcore_verifier_new(jwtcore_verifier **out, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out must not be NULL");
    *out = nullptr;
    if (flags != 0) return capi::fail(JWTCORE_E_BAD_FLAG, "flags must be 0");
    *out = std::make_unique<jwtcore_verifier>().release();
    return JWTCORE_OK;
  });
}

JWTCORE_API void jwtcore_verifier_free(jwtcore_verifier *v) {
  if (!capi::handle_ok(v)) return;
  v->magic = 0;
  std::unique_ptr<jwtcore_verifier> owned(v);
}

JWTCORE_API int jwtcore_verifier_allow_alg(jwtcore_verifier *v, const char *alg, size_t alg_len) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = text_arg(alg, alg_len, "alg")) return rc;
    const AlgInfo *info = find_alg(std::string_view(alg, alg_len));
    if (info == nullptr) return capi::fail(JWTCORE_E_UNKNOWN_ALG, "unknown algorithm '" + quote_name(std::string_view(alg, alg_len)) + "'");
    if (info->kind == AlgKind::signature) {
      v->v.jws.allowed.add(info->alg);
    } else {
      v->v.allowed_key_management.add(info->alg);
    }
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_allow_enc(jwtcore_verifier *v, const char *enc, size_t enc_len) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = text_arg(enc, enc_len, "enc")) return rc;
    const EncInfo *info = find_enc(std::string_view(enc, enc_len));
    if (info == nullptr) return capi::fail(JWTCORE_E_UNKNOWN_ALG, "unknown content encryption '" + quote_name(std::string_view(enc, enc_len)) + "'");
    v->v.allowed_enc.add(info->enc);
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_allow_none(jwtcore_verifier *v) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    v->v.jws.allow_none = true;
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_add_key(jwtcore_verifier *v, jwtcore_key *key) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = capi::check_key(key)) return rc;
    v->v.keys.keys.push_back(capi::key_of(key));
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_add_keyset(jwtcore_verifier *v, const jwtcore_keyset *set) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = capi::check_keyset(set)) return rc;
    // A snapshot: the set handle may keep changing; the verifier must not.
    v->v.keys.sets.push_back(std::make_shared<const KeySet>(capi::keyset_of(set)));
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_add_decryption_key(jwtcore_verifier *v, jwtcore_key *key) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = capi::check_key(key)) return rc;
    v->v.decryption_keys.keys.push_back(capi::key_of(key));
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_require_typ(jwtcore_verifier *v, const char *typ, size_t typ_len) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = text_arg(typ, typ_len, "typ")) return rc;
    v->v.jws.required_typ = std::string(typ, typ_len);
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_understand_crit(jwtcore_verifier *v, const char *name, size_t name_len) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = text_arg(name, name_len, "name")) return rc;
    v->v.jws.understood_crit.emplace_back(name, name_len);
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_set_max_token_size(jwtcore_verifier *v, size_t bytes) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (bytes == 0 || bytes > kMaxTokenCap) {
      return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "max token size must be in 1 .. 16777216 bytes");
    }
    v->v.jws.limits.max_token = bytes;
    v->v.max_jwt = bytes;
    return JWTCORE_OK;
  });
}

/* JWT claims policy */

JWTCORE_API int jwtcore_verifier_add_issuer(jwtcore_verifier *v, const char *iss, size_t iss_len) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = text_arg(iss, iss_len, "iss")) return rc;
    v->v.claims.issuers.emplace_back(iss, iss_len);
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_add_audience(jwtcore_verifier *v, const char *aud, size_t aud_len) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = text_arg(aud, aud_len, "aud")) return rc;
    v->v.claims.audiences.emplace_back(aud, aud_len);
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_set_leeway(jwtcore_verifier *v, int64_t seconds) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (seconds < 0 || seconds > kMaxLeeway) {
      return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "leeway must be 0 .. " + std::to_string(kMaxLeeway) + " seconds");
    }
    v->v.claims.leeway = seconds;
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_require_claim(jwtcore_verifier *v, const char *name, size_t name_len) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = text_arg(name, name_len, "claim name")) return rc;
    v->v.claims.required_claims.emplace_back(name, name_len);
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_require_scope(jwtcore_verifier *v, const char *scope, size_t scope_len) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = text_arg(scope, scope_len, "scope")) return rc;
    const std::string_view s(scope, scope_len);
    if (s.find(' ') != std::string_view::npos) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "a scope name cannot contain a space");
    v->v.claims.required_scopes.emplace_back(s);
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_require_claim_value(jwtcore_verifier *v, const char *name, size_t name_len,
                                                     const char *json, size_t json_len) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = text_arg(name, name_len, "claim name")) return rc;
    if (int rc = text_arg(json, json_len, "claim value JSON")) return rc;
    auto ec = make_exact_claim(std::string_view(name, name_len), std::string_view(json, json_len));
    if (!ec) return capi::fail(ec.status());
    v->v.claims.exact_claims.push_back(std::move(*ec));
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_set_max_age(jwtcore_verifier *v, int64_t seconds) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (seconds < 0) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "max age must not be negative");
    v->v.claims.max_age = seconds;
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_set_max_lifetime(jwtcore_verifier *v, int64_t seconds) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (seconds < 0) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "max lifetime must not be negative");
    v->v.claims.max_lifetime = seconds;
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_require_exp(jwtcore_verifier *v, int required) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    v->v.claims.require_exp = required != 0;
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_set_clock(jwtcore_verifier *v, jwtcore_clock_fn clock, void *ctx) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    v->v.claims.clock = clock;
    v->v.claims.clock_ctx = ctx;
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_set_revocation_check(jwtcore_verifier *v, jwtcore_revocation_fn check, void *ctx) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    v->v.claims.revoked = check;
    v->v.claims.revoked_ctx = ctx;
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_add_issuer_key(jwtcore_verifier *v, const char *iss, size_t iss_len, jwtcore_key *key) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = text_arg(iss, iss_len, "iss")) return rc;
    if (int rc = capi::check_key(key)) return rc;
    v->v.claims.issuer_keys[std::string(iss, iss_len)].keys.push_back(capi::key_of(key));
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_add_issuer_keyset(jwtcore_verifier *v, const char *iss, size_t iss_len,
                                                   const jwtcore_keyset *set) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (int rc = text_arg(iss, iss_len, "iss")) return rc;
    if (int rc = capi::check_keyset(set)) return rc;
    v->v.claims.issuer_keys[std::string(iss, iss_len)].sets.push_back(std::make_shared<const KeySet>(capi::keyset_of(set)));
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_set_max_jwt_size(jwtcore_verifier *v, size_t bytes) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    if (bytes == 0 || bytes > kMaxTokenCap) {
      return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "max JWT size must be in 1 .. 16777216 bytes");
    }
    v->v.max_jwt = bytes;
    return JWTCORE_OK;
  });
}

/* end of JWT claims policy */

/* JWE decryption policy */

JWTCORE_API int jwtcore_verifier_enable_pbes2(jwtcore_verifier *v, uint32_t max_p2c) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    // Mirrors kPbes2MinIterations … kPbes2HardMaxIterations and the default cap in core/jwe.hpp.
    constexpr uint32_t kMin = 1000, kMax = 1000000, kDefault = 10000;
    if (max_p2c != 0 && (max_p2c < kMin || max_p2c > kMax)) {
      return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "PBES2 max p2c must be 0 (default 10000) or 1000 .. 1000000, got " +
                                                        std::to_string(max_p2c));
    }
    v->v.jwe_pbes2_max_p2c = max_p2c == 0 ? kDefault : max_p2c;
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_verifier_enable_rsa1_5(jwtcore_verifier *v) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_mutable_verifier(v)) return rc;
    v->v.jwe_allow_rsa1_5 = true;
    return JWTCORE_OK;
  });
}

/* end of JWE decryption policy */

JWTCORE_API int jwtcore_verifier_freeze(jwtcore_verifier *v) {
  return capi::guard([&]() -> int {
    if (int rc = capi::check_verifier(v)) return rc;
    capi::freeze(v);
    return JWTCORE_OK;
  });
}

}  // extern "C"
