// The JWT verify path allocates (almost) nothing once warm and never parses a key: a counting
// replacement of the global operator new/delete in this executable (which also serves
// libjwtcore.so and libsimdjson.so, as both resolve operator new dynamically) counts the heap
// allocations of warmed-up verifications of a typical HS256 / EdDSA access token, claims checked
// (exp, iss, aud). Importing a key allocates, so a count of zero also proves no key is parsed.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include "capi_helpers.hpp"
#include "src/core/jwt.hpp"
#include "src/core/keygen.hpp"

namespace {
std::atomic<long> g_allocations{0};
thread_local bool t_counting = false;

void *counted(size_t n) {
  if (t_counting) g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
// Out of line: GCC 12 otherwise inlines free() into operator delete and reports a
// mismatched-new-delete pair at every std::allocator call site.
__attribute__((noinline)) void release(void *p) noexcept { std::free(p); }
void *counted_aligned(size_t n, std::align_val_t al) {
  if (t_counting) g_allocations.fetch_add(1, std::memory_order_relaxed);
  const size_t a = static_cast<size_t>(al);
  return std::aligned_alloc(a, (n + a - 1) / a * a);
}
}  // namespace

// GCC 12 with -Werror wants the sized and unsized forms of every replaced delete.
void *operator new(size_t n) {
  if (void *p = counted(n)) return p;
  throw std::bad_alloc();
}
void *operator new[](size_t n) { return operator new(n); }
void *operator new(size_t n, const std::nothrow_t &) noexcept { return counted(n); }
void *operator new[](size_t n, const std::nothrow_t &) noexcept { return counted(n); }
void *operator new(size_t n, std::align_val_t al) {
  if (void *p = counted_aligned(n, al)) return p;
  throw std::bad_alloc();
}
void *operator new[](size_t n, std::align_val_t al) { return operator new(n, al); }
void operator delete(void *p) noexcept { release(p); }
void operator delete[](void *p) noexcept { release(p); }
void operator delete(void *p, size_t) noexcept { release(p); }
void operator delete[](void *p, size_t) noexcept { release(p); }
void operator delete(void *p, const std::nothrow_t &) noexcept { release(p); }
void operator delete[](void *p, const std::nothrow_t &) noexcept { release(p); }
void operator delete(void *p, std::align_val_t) noexcept { release(p); }
void operator delete[](void *p, std::align_val_t) noexcept { release(p); }
void operator delete(void *p, size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void *p, size_t, std::align_val_t) noexcept { release(p); }

using namespace jwtcore;

namespace {

constexpr int64_t kNow = 1700000000;
int64_t g_now = kNow;
int64_t fixed_clock(void *ctx) { return *static_cast<const int64_t *>(ctx); }
constexpr int kRounds = 1000;

// Allocations per call of `fn` over kRounds calls, after a warm-up.
template <class F>
double allocations_per_call(F &&fn) {
  for (int i = 0; i < 5; ++i) fn();
  g_allocations = 0;
  t_counting = true;
  for (int i = 0; i < kRounds; ++i) fn();
  t_counting = false;
  return static_cast<double>(g_allocations.load()) / kRounds;
}

KeyPtr gen(std::string_view spec) {
  auto k = generate_key(spec);
  REQUIRE(k.is_ok());
  return *k;
}

// A typical access token: iss, sub, aud, iat, exp, jti, scope.
std::string access_token(const KeyPtr &key, Alg alg) {
  JwtBuilder b;
  b.set_clock(fixed_clock, &g_now);
  REQUIRE(b.set_string("iss", "https://auth.example.com/"));
  REQUIRE(b.set_string("sub", "user-1234567890"));
  REQUIRE(b.set_audience({"https://api.example.com"}));
  REQUIRE(b.set_issued_now());
  REQUIRE(b.set_expires_in(900));
  REQUIRE(b.generate_jti());
  REQUIRE(b.set_string("scope", "orders:read orders:write profile"));
  auto t = jwt_sign(b, key, alg);
  REQUIRE(t.is_ok());
  return *t;
}

void configure(Verifier &v, const KeyPtr &key, Alg alg) {
  v.jws.allowed.add(alg);
  v.keys.keys.push_back(key);
  v.claims.issuers = {"https://auth.example.com/"};
  v.claims.audiences = {"https://api.example.com"};
  v.claims.required_scopes = {"orders:read"};
  v.claims.clock = fixed_clock;
  v.claims.clock_ctx = &g_now;
}

}  // namespace

TEST_CASE("core jwt_verify of a warm HS256 / EdDSA access token allocates nothing") {
  for (auto [spec, alg] : {std::pair<const char *, Alg>{"HS256", Alg::hs256}, {"EdDSA", Alg::eddsa}}) {
    KeyPtr key = gen(spec);
    Verifier v;
    configure(v, key, alg);
    const std::string token = access_token(key, alg);
    JwtScratch scratch;
    Claims claims;
    bool all_ok = true;
    const double per_call = allocations_per_call([&] {
      all_ok = all_ok && jwt_verify(token, v, scratch, claims).is_ok();
    });
    std::printf("core jwt_verify %-6s (%zu-byte token): %.3f heap allocations per verification\n", spec, token.size(), per_call);
    CHECK(all_ok);
    CHECK(per_call == 0.0);
    CHECK(*claims.get_string("sub") == "user-1234567890");
  }
}

TEST_CASE("C jwtcore_jwt_verify + jwtcore_claims_free of a warm HS256 token allocates at most 2 times") {
  jwtcore_verifier *raw = nullptr;
  REQUIRE(jwtcore_verifier_new(&raw, 0) == JWTCORE_OK);
  test::CVerifier v(raw);
  jwtcore_key *k = nullptr;
  REQUIRE(jwtcore_key_generate(&k, "HS256", 5, 0) == JWTCORE_OK);
  test::CKey ck(k);
  REQUIRE(jwtcore_verifier_allow_alg(raw, "HS256", 5) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_add_key(raw, k) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_add_issuer(raw, "https://auth.example.com/", 25) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_add_audience(raw, "https://api.example.com", 23) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_set_clock(raw, fixed_clock, &g_now) == JWTCORE_OK);

  jwtcore_jwt_builder *b = nullptr;
  REQUIRE(jwtcore_jwt_builder_new(&b, 0) == JWTCORE_OK);
  const char *claims = "{\"iss\":\"https://auth.example.com/\",\"sub\":\"user-1234567890\",\"aud\":\"https://api.example.com\","
                       "\"iat\":1700000000,\"exp\":1700000900,\"jti\":\"ZGVhZGJlZWZkZWFkYmVlZg\",\"scope\":\"orders:read\"}";
  REQUIRE(jwtcore_jwt_builder_set_claims_json(b, claims, std::strlen(claims)) == JWTCORE_OK);
  uint8_t *out = nullptr;
  size_t n = 0;
  REQUIRE(jwtcore_jwt_builder_sign(&out, &n, b, k, "HS256", 5) == JWTCORE_OK);
  jwtcore_jwt_builder_free(b);
  const std::string token = test::c_text(out, n);

  bool all_ok = true;
  const double per_call = allocations_per_call([&] {
    jwtcore_claims *c = nullptr;
    all_ok = all_ok && jwtcore_jwt_verify(&c, raw, token.data(), token.size()) == JWTCORE_OK;
    jwtcore_claims_free(c);
  });
  std::printf("C jwtcore_jwt_verify HS256 (%zu-byte token): %.3f heap allocations per verification\n", token.size(), per_call);
  CHECK(all_ok);
  CHECK(per_call <= 2.0);

  // A rejected token costs its error message and nothing else.
  std::string forged = token;
  forged[forged.size() - 2] = forged[forged.size() - 2] == 'A' ? 'B' : 'A';
  const double per_failure = allocations_per_call([&] {
    jwtcore_claims *c = nullptr;
    all_ok = jwtcore_jwt_verify(&c, raw, forged.data(), forged.size()) == JWTCORE_E_BAD_SIGNATURE && all_ok;
  });
  std::printf("C jwtcore_jwt_verify HS256, bad signature: %.3f heap allocations per verification\n", per_failure);
  CHECK(all_ok);
  CHECK(per_failure <= 2.0);
}
