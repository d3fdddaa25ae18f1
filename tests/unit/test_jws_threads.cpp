// One frozen verifier shared by 4 threads, 10,000 verifications each, mixed verdicts: every
// verdict must be right and each thread must read its own error detail. Run under ASan/UBSan by
// the sanitizer build and under ThreadSanitizer by tools/run-tests.sh.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

#include "capi_helpers.hpp"

using namespace jwtcore::test;

namespace {

std::string sign(jwtcore_key *key, const char *alg, std::string_view payload) {
  uint8_t *out = nullptr;
  size_t n = 0;
  REQUIRE(jwtcore_jws_sign(&out, &n, reinterpret_cast<const uint8_t *>(payload.data()), payload.size(), key, alg,
                           std::strlen(alg), nullptr, 0, 0) == JWTCORE_OK);
  return c_text(out, n);
}

CKey generate(const char *spec) {
  jwtcore_key *k = nullptr;
  REQUIRE(jwtcore_key_generate(&k, spec, std::strlen(spec), 0) == JWTCORE_OK);
  return CKey(k);
}

}  // namespace

TEST_CASE("4 threads verify 10,000 tokens each with one shared verifier, all verdicts right") {
  CKey hs = generate("HS256");
  CKey ed = generate("EdDSA");
  CKey other = generate("HS256");
  CVerifier v = c_verifier({"HS256", "EdDSA"}, {hs.get(), ed.get()});
  REQUIRE(jwtcore_verifier_freeze(v.get()) == JWTCORE_OK);

  struct Case {
    std::string token;
    int expected;
  };
  std::string good_hs = sign(hs.get(), "HS256", R"({"sub":"a"})");
  std::string tampered = good_hs;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  const std::vector<Case> cases = {
      {good_hs, JWTCORE_OK},
      {sign(ed.get(), "EdDSA", R"({"sub":"b"})"), JWTCORE_OK},
      {sign(other.get(), "HS256", R"({"sub":"c"})"), JWTCORE_E_BAD_SIGNATURE},
      {tampered, JWTCORE_E_BAD_SIGNATURE},
      {"eyJhbGciOiJub25lIn0.e30.", JWTCORE_E_ALG_NOT_ALLOWED},
      {"not-a-token", JWTCORE_E_TOKEN_FORMAT},
  };

  constexpr int kThreads = 4, kIterations = 10000;
  std::atomic<int> wrong{0}, wrong_message{0}, verified{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kIterations; ++i) {
        const Case &c = cases[static_cast<size_t>(i + t) % cases.size()];
        jwtcore_jws_result *r = nullptr;
        const int rc = jwtcore_jws_verify(&r, v.get(), c.token.data(), c.token.size(), nullptr, 0, 0);
        if (rc != c.expected) ++wrong;
        // The detail belongs to this thread's last call: empty on success, set on failure.
        const bool has_message = jwtcore_last_error_message()[0] != '\0';
        if (has_message != (rc != JWTCORE_OK)) ++wrong_message;
        if (rc == JWTCORE_OK) {
          const uint8_t *p = nullptr;
          size_t n = 0;
          if (jwtcore_jws_result_payload(r, &p, &n) != JWTCORE_OK || n == 0 || p[0] != '{') ++wrong;
          ++verified;
        }
        jwtcore_jws_result_free(r);
      }
    });
  }
  for (auto &th : threads) th.join();
  CHECK(wrong.load() == 0);
  CHECK(wrong_message.load() == 0);
  int expected_ok = 0;
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kIterations; ++i) expected_ok += cases[static_cast<size_t>(i + t) % cases.size()].expected == JWTCORE_OK;
  CHECK(verified.load() == expected_ok);
  // The verifier is frozen: changing it now is refused.
  CHECK(jwtcore_verifier_allow_alg(v.get(), "ES256", 5) == JWTCORE_E_INVALID_STATE);
}

TEST_CASE("A verified alg none result holds no key and frees cleanly") {
  jwtcore_verifier *v = nullptr;
  REQUIRE(jwtcore_verifier_new(&v, 0) == JWTCORE_OK);
  CVerifier holder(v);
  REQUIRE(jwtcore_verifier_allow_alg(v, "none", 4) == JWTCORE_OK);
  REQUIRE(jwtcore_verifier_allow_none(v) == JWTCORE_OK);
  const std::string token = "eyJhbGciOiJub25lIn0.e30.";
  jwtcore_jws_result *r = nullptr;
  REQUIRE(jwtcore_jws_verify(&r, v, token.data(), token.size(), nullptr, 0, 0) == JWTCORE_OK);
  CHECK(jwtcore_jws_result_key(r) == nullptr);
  CHECK(std::string(jwtcore_jws_result_alg(r)) == "none");
  jwtcore_jws_result_free(r);
}
