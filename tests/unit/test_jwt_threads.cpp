// One frozen verifier shared by 4 threads over valid, expired, premature, forged and
// wrong-audience JWTs: every verdict and every thread's own error detail must be right. The
// sanitizer builds run it under ASan/UBSan, and tools/run-tests.sh under ThreadSanitizer (it
// picks the suites named *_threads).
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "test_jwt_helpers.hpp"

using namespace jwtcore::test;
using namespace jwtcore::test::capi_jwt;

TEST_CASE("4 threads share one frozen verifier over valid, expired and forged JWTs, all verdicts right") {
  CKey hs = generate("HS256");
  CKey ed = generate("EdDSA");
  CKey stranger = generate("HS256");
  CVerifier v = verifier({hs.get(), ed.get()});
  REQUIRE(jwtcore_verifier_freeze(v.get()) == JWTCORE_OK);

  struct Case {
    std::string token;
    int expected;
    const char *sub;
  };
  std::string good_hs = sign(builder().get(), hs.get(), "HS256");
  std::string tampered = good_hs;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  CBuilder other_aud = builder();
  REQUIRE(jwtcore_jwt_builder_set_json(other_aud.get(), "aud", 3, "[\"x\"]", 5) == JWTCORE_OK);
  const std::vector<Case> cases = {
      {good_hs, JWTCORE_OK, "user-7"},
      {sign(builder().get(), ed.get(), "EdDSA"), JWTCORE_OK, "user-7"},
      {sign(builder(-7200).get(), hs.get(), "HS256"), JWTCORE_E_EXPIRED, nullptr},
      {sign(builder(-7200).get(), ed.get(), "EdDSA"), JWTCORE_E_EXPIRED, nullptr},
      {sign(builder(3600).get(), hs.get(), "HS256"), JWTCORE_E_ISSUED_IN_FUTURE, nullptr},
      {sign(builder().get(), stranger.get(), "HS256"), JWTCORE_E_BAD_SIGNATURE, nullptr},
      {tampered, JWTCORE_E_BAD_SIGNATURE, nullptr},
      {sign(other_aud.get(), hs.get(), "HS256"), JWTCORE_E_AUDIENCE, nullptr},
      {"eyJhbGciOiJub25lIn0.eyJleHAiOjE5MDAwMDAwMDB9.", JWTCORE_E_ALG_NOT_ALLOWED, nullptr},
  };

  constexpr int kThreads = 4, kIterations = 5000;
  std::atomic<int> wrong{0}, wrong_message{0}, verified{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kIterations; ++i) {
        const Case &c = cases[static_cast<size_t>(i * 7 + t) % cases.size()];
        jwtcore_claims *claims = nullptr;
        const int rc = jwtcore_jwt_verify(&claims, v.get(), c.token.data(), c.token.size());
        if (rc != c.expected) ++wrong;
        if ((jwtcore_last_error_message()[0] != '\0') != (rc != JWTCORE_OK)) ++wrong_message;
        if (rc == JWTCORE_OK) {
          const char *p = nullptr;
          size_t n = 0;
          if (jwtcore_claims_get_string(claims, "sub", 3, &p, &n) != JWTCORE_OK || std::string(p, n) != c.sub) ++wrong;
          ++verified;
        } else if (claims != nullptr) {
          ++wrong;
        }
        jwtcore_claims_free(claims);
      }
    });
  }
  for (auto &th : threads) th.join();
  CHECK(wrong.load() == 0);
  CHECK(wrong_message.load() == 0);
  CHECK(verified.load() > 0);
  CHECK(jwtcore_verifier_set_leeway(v.get(), 5) == JWTCORE_E_INVALID_STATE);
}
