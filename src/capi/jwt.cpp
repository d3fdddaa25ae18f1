// extern "C" shims for jwtcore/jwt.h.
#include "jwtcore/jwt.h"

#include <memory>
#include <vector>

#include "../core/claims.hpp"
#include "../core/jose_header.hpp"
#include "../core/jwt.hpp"
#include "args.hpp"
#include "handles.hpp"
#include "verifier_handle.hpp"

using namespace jwtcore;

// Verified claims. The Claims object comes from a per-thread pool and goes back to it when the
// handle is freed, so a verify/free cycle reuses the parsed document's buffers.
struct jwtcore_claims {
  static constexpr uint32_t kMagic = 0x6a636c6d;  // "jclm"
  uint32_t magic = kMagic;
  std::unique_ptr<Claims> claims;

  explicit jwtcore_claims(std::unique_ptr<Claims> c) : claims(std::move(c)) {}
  ~jwtcore_claims() { release_claims(std::move(claims)); }
};

struct jwtcore_jwt_builder {
  static constexpr uint32_t kMagic = 0x6a777462;  // "jwtb"
  uint32_t magic = kMagic;
  JwtBuilder builder;
};

namespace {

int check_claims_handle(const jwtcore_claims *c) {
  return capi::handle_ok(c) ? JWTCORE_OK : capi::bad_handle("invalid claims handle");
}

int check_builder(const jwtcore_jwt_builder *b) {
  return capi::handle_ok(b) ? JWTCORE_OK : capi::bad_handle("invalid JWT builder handle");
}

int name_arg(const char *name, size_t name_len) {
  if (name == nullptr || name_len == 0) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "claim name must not be empty");
  return JWTCORE_OK;
}

// The common prologue of the getters: handle, name and output pointers.
int getter_args(const jwtcore_claims *c, const char *name, size_t name_len, const void *out1, const void *out2 = "") {
  if (int rc = check_claims_handle(c)) return rc;
  if (int rc = name_arg(name, name_len)) return rc;
  if (out1 == nullptr || out2 == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "output pointers must not be NULL");
  return JWTCORE_OK;
}

int status(const Status &st) { return st ? JWTCORE_OK : capi::fail(st); }

int check_out(uint8_t **out, size_t *out_len) {
  if (out == nullptr || out_len == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out and out_len must not be NULL");
  *out = nullptr;
  *out_len = 0;
  return JWTCORE_OK;
}

// A JWT signature algorithm by name: unknown names, "none" and JWE algorithms are refused.
int signing_alg(const char *alg, size_t alg_len, Alg &out) {
  if (alg == nullptr || alg_len == 0) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "alg must not be empty");
  const AlgInfo *info = find_alg(std::string_view(alg, alg_len));
  if (info == nullptr) return capi::fail(JWTCORE_E_UNKNOWN_ALG, "unknown algorithm '" + quote_name(std::string_view(alg, alg_len)) + "'");
  if (info->kind != AlgKind::signature || info->alg == Alg::none) {
    return capi::fail(JWTCORE_E_ALG_NOT_ALLOWED, std::string(info->name) + " cannot sign a JWT");
  }
  out = info->alg;
  return JWTCORE_OK;
}

template <class T, class F>
int read(const Result<T> &r, F &&store) {
  if (!r) return capi::fail(r.status());
  store(*r);
  return JWTCORE_OK;
}

void view_out(std::string_view s, const char **p, size_t *n) {
  *p = s.data();
  *n = s.size();
}

}  // namespace

extern "C" {

JWTCORE_API int jwtcore_jwt_verify(jwtcore_claims **out, const jwtcore_verifier *v, const char *token, size_t token_len) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out must not be NULL");
    *out = nullptr;
    if (int rc = capi::check_verifier(v)) return rc;
    if (!capi::span_ok(token, token_len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "token is NULL with a non-zero length");
    capi::freeze(v);
    thread_local JwtScratch scratch;  // reused by every verification on this thread
    std::unique_ptr<Claims> claims = acquire_claims();
    Status st = jwt_verify(std::string_view(token, token_len), v->v, scratch, *claims);
    if (!st) {
      release_claims(std::move(claims));
      return capi::fail(st);
    }
    *out = std::make_unique<jwtcore_claims>(std::move(claims)).release();
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_claims_json(const jwtcore_claims *c, const char **json, size_t *json_len) {
  return capi::guard([&]() -> int {
    if (int rc = check_claims_handle(c)) return rc;
    if (json == nullptr || json_len == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "output pointers must not be NULL");
    view_out(c->claims->json(), json, json_len);
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_claims_has(const jwtcore_claims *c, const char *name, size_t name_len) {
  return capi::guard([&]() -> int {
    if (int rc = getter_args(c, name, name_len, "")) return rc;
    return c->claims->has(std::string_view(name, name_len)) ? 1 : 0;
  });
}

JWTCORE_API int jwtcore_claims_get_string(const jwtcore_claims *c, const char *name, size_t name_len, const char **value,
                                          size_t *value_len) {
  return capi::guard([&]() -> int {
    if (int rc = getter_args(c, name, name_len, value, value_len)) return rc;
    return read(c->claims->get_string(std::string_view(name, name_len)), [&](std::string_view s) { view_out(s, value, value_len); });
  });
}

JWTCORE_API int jwtcore_claims_get_int64(const jwtcore_claims *c, const char *name, size_t name_len, int64_t *value) {
  return capi::guard([&]() -> int {
    if (int rc = getter_args(c, name, name_len, value)) return rc;
    return read(c->claims->get_int64(std::string_view(name, name_len)), [&](int64_t x) { *value = x; });
  });
}

JWTCORE_API int jwtcore_claims_get_double(const jwtcore_claims *c, const char *name, size_t name_len, double *value) {
  return capi::guard([&]() -> int {
    if (int rc = getter_args(c, name, name_len, value)) return rc;
    return read(c->claims->get_double(std::string_view(name, name_len)), [&](double x) { *value = x; });
  });
}

JWTCORE_API int jwtcore_claims_get_bool(const jwtcore_claims *c, const char *name, size_t name_len, int *value) {
  return capi::guard([&]() -> int {
    if (int rc = getter_args(c, name, name_len, value)) return rc;
    return read(c->claims->get_bool(std::string_view(name, name_len)), [&](bool x) { *value = x ? 1 : 0; });
  });
}

JWTCORE_API int jwtcore_claims_get_string_array_count(const jwtcore_claims *c, const char *name, size_t name_len,
                                                      size_t *count) {
  return capi::guard([&]() -> int {
    if (int rc = getter_args(c, name, name_len, count)) return rc;
    return read(c->claims->string_array_size(std::string_view(name, name_len)), [&](size_t n) { *count = n; });
  });
}

JWTCORE_API int jwtcore_claims_get_string_array_at(const jwtcore_claims *c, const char *name, size_t name_len, size_t index,
                                                   const char **value, size_t *value_len) {
  return capi::guard([&]() -> int {
    if (int rc = getter_args(c, name, name_len, value, value_len)) return rc;
    return read(c->claims->string_array_at(std::string_view(name, name_len), index),
                [&](std::string_view s) { view_out(s, value, value_len); });
  });
}

JWTCORE_API int jwtcore_claims_get_json(uint8_t **out, size_t *out_len, const jwtcore_claims *c, const char *name,
                                        size_t name_len) {
  return capi::guard([&]() -> int {
    if (out == nullptr || out_len == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out and out_len must not be NULL");
    *out = nullptr;
    *out_len = 0;
    if (int rc = getter_args(c, name, name_len, "")) return rc;
    auto r = c->claims->get_json(std::string_view(name, name_len));
    if (!r) return capi::fail(r.status());
    return capi::emit(out, out_len, bytes_view(*r));
  });
}

JWTCORE_API void jwtcore_claims_free(jwtcore_claims *c) {
  if (!capi::handle_ok(c)) return;
  c->magic = 0;
  std::unique_ptr<jwtcore_claims> owned(c);
}

JWTCORE_API int jwtcore_jwt_builder_new(jwtcore_jwt_builder **out, uint32_t flags) {
  return capi::guard([&]() -> int {
    if (out == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out must not be NULL");
    *out = nullptr;
    if (flags != 0) return capi::fail(JWTCORE_E_BAD_FLAG, "flags must be 0");
    *out = std::make_unique<jwtcore_jwt_builder>().release();
    return JWTCORE_OK;
  });
}

JWTCORE_API void jwtcore_jwt_builder_free(jwtcore_jwt_builder *b) {
  if (!capi::handle_ok(b)) return;
  b->magic = 0;
  std::unique_ptr<jwtcore_jwt_builder> owned(b);
}

JWTCORE_API int jwtcore_jwt_builder_set_claims_json(jwtcore_jwt_builder *b, const char *json, size_t json_len) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    if (!capi::span_ok(json, json_len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "json is NULL with a non-zero length");
    return status(b->builder.set_claims_json(std::string_view(json == nullptr ? "" : json, json_len)));
  });
}

JWTCORE_API int jwtcore_jwt_builder_set_string(jwtcore_jwt_builder *b, const char *name, size_t name_len, const char *value,
                                               size_t value_len) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    if (int rc = name_arg(name, name_len)) return rc;
    if (!capi::span_ok(value, value_len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "value is NULL with a non-zero length");
    return status(b->builder.set_string(std::string_view(name, name_len), std::string_view(value == nullptr ? "" : value, value_len)));
  });
}

JWTCORE_API int jwtcore_jwt_builder_set_int(jwtcore_jwt_builder *b, const char *name, size_t name_len, int64_t value) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    if (int rc = name_arg(name, name_len)) return rc;
    return status(b->builder.set_int(std::string_view(name, name_len), value));
  });
}

JWTCORE_API int jwtcore_jwt_builder_set_double(jwtcore_jwt_builder *b, const char *name, size_t name_len, double value) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    if (int rc = name_arg(name, name_len)) return rc;
    return status(b->builder.set_double(std::string_view(name, name_len), value));
  });
}

JWTCORE_API int jwtcore_jwt_builder_set_bool(jwtcore_jwt_builder *b, const char *name, size_t name_len, int value) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    if (int rc = name_arg(name, name_len)) return rc;
    return status(b->builder.set_bool(std::string_view(name, name_len), value != 0));
  });
}

JWTCORE_API int jwtcore_jwt_builder_set_audience(jwtcore_jwt_builder *b, const char *const *auds, const size_t *lens,
                                                 size_t count) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    if (count == 0 || auds == nullptr || lens == nullptr) {
      return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "at least one audience is needed");
    }
    std::vector<std::string_view> list;
    for (size_t i = 0; i < count; ++i) {
      if (auds[i] == nullptr || lens[i] == 0) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "an audience must not be empty");
      list.emplace_back(auds[i], lens[i]);
    }
    return status(b->builder.set_audience(list));
  });
}

JWTCORE_API int jwtcore_jwt_builder_set_json(jwtcore_jwt_builder *b, const char *name, size_t name_len, const char *json,
                                             size_t json_len) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    if (int rc = name_arg(name, name_len)) return rc;
    if (!capi::span_ok(json, json_len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "json is NULL with a non-zero length");
    return status(b->builder.set_json(std::string_view(name, name_len), std::string_view(json == nullptr ? "" : json, json_len)));
  });
}

JWTCORE_API int jwtcore_jwt_builder_set_typ(jwtcore_jwt_builder *b, const char *typ, size_t typ_len) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    if (!capi::span_ok(typ, typ_len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "typ is NULL with a non-zero length");
    return status(b->builder.set_typ(std::string_view(typ == nullptr ? "" : typ, typ_len)));
  });
}

JWTCORE_API int jwtcore_jwt_builder_generate_jti(jwtcore_jwt_builder *b) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    return status(b->builder.generate_jti());
  });
}

JWTCORE_API int jwtcore_jwt_builder_set_clock(jwtcore_jwt_builder *b, jwtcore_clock_fn clock, void *ctx) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    b->builder.set_clock(clock, ctx);
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_jwt_builder_set_issued_now(jwtcore_jwt_builder *b) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    return status(b->builder.set_issued_now());
  });
}

JWTCORE_API int jwtcore_jwt_builder_set_expires_in(jwtcore_jwt_builder *b, int64_t seconds) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    return status(b->builder.set_expires_in(seconds));
  });
}

JWTCORE_API int jwtcore_jwt_builder_set_not_before_in(jwtcore_jwt_builder *b, int64_t seconds) {
  return capi::guard([&]() -> int {
    if (int rc = check_builder(b)) return rc;
    return status(b->builder.set_not_before_in(seconds));
  });
}

JWTCORE_API int jwtcore_jwt_builder_sign(uint8_t **out, size_t *out_len, const jwtcore_jwt_builder *b, const jwtcore_key *key,
                                         const char *alg, size_t alg_len) {
  return capi::guard([&]() -> int {
    if (int rc = check_out(out, out_len)) return rc;
    if (int rc = check_builder(b)) return rc;
    if (int rc = capi::check_key(key)) return rc;
    Alg a{};
    if (int rc = signing_alg(alg, alg_len, a)) return rc;
    auto token = jwt_sign(b->builder, capi::key_of(key), a);
    if (!token) return capi::fail(token.status());
    return capi::emit(out, out_len, bytes_view(*token));
  });
}

JWTCORE_API int jwtcore_jwt_builder_sign_encrypt(uint8_t **out, size_t *out_len, const jwtcore_jwt_builder *b,
                                                 const jwtcore_key *sign_key, const char *sign_alg, size_t sign_alg_len,
                                                 const jwtcore_key *enc_key, const char *key_alg, size_t key_alg_len,
                                                 const char *enc, size_t enc_len) {
  return capi::guard([&]() -> int {
    if (int rc = check_out(out, out_len)) return rc;
    if (int rc = check_builder(b)) return rc;
    if (int rc = capi::check_key(sign_key, "invalid signing key handle")) return rc;
    if (int rc = capi::check_key(enc_key, "invalid encryption key handle")) return rc;
    Alg s{}, k{};
    Enc e{};
    if (int rc = signing_alg(sign_alg, sign_alg_len, s)) return rc;
    if (int rc = capi::key_management_alg(key_alg, key_alg_len, k, "key_alg")) return rc;
    if (int rc = capi::content_enc(enc, enc_len, e)) return rc;
    auto token = jwt_sign_encrypt(b->builder, capi::key_of(sign_key), s, capi::key_of(enc_key), k, e);
    if (!token) return capi::fail(token.status());
    return capi::emit(out, out_len, bytes_view(*token));
  });
}

}  // extern "C"
