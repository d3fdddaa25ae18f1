// JWS sign and verify per algorithm through the core (keys parsed once, scratch reused, as the
// verifier does), beside the raw backend primitive on the same signing input, so the JOSE
// overhead shows as a ratio. The raw column calls the crypto seam directly (a thin layer over
// mbedTLS / libsodium with no JOSE parsing); for HS256 and EdDSA it also calls libsodium itself.
#include <sodium.h>

#include <cstring>
#include <string>

#include "harness.hpp"
#include "src/core/crypto/ec.hpp"
#include "src/core/crypto/hmac.hpp"
#include "src/core/crypto/okp.hpp"
#include "src/core/crypto/rsa.hpp"
#include "src/core/jws.hpp"
#include "src/core/keygen.hpp"

using namespace jwtcore;

namespace {

// A typical access-token payload (~150 bytes of claims).
const std::string kPayload =
    R"({"iss":"https://issuer.example.com","sub":"user-1234567890","aud":"api://default","exp":4102444800,)"
    R"("iat":1700000000,"scope":"read write","jti":"b2a1c9f0"})";

struct Case {
  const char *spec;
  Alg alg;
};

void run_case(const Case &c) {
  auto key = generate_key(c.spec);
  if (!key) {
    std::printf("%s: %s\n", c.spec, key.status().message().c_str());
    return;
  }
  JwsSignerSpec s{*key, c.alg, "", "", true, false};
  auto token = jws_sign(bytes_view(kPayload), {s}, {});
  if (!token) return;
  JwsPolicy policy;
  policy.allowed.add(c.alg);
  KeyRing ring;
  ring.keys.push_back(*key);
  JwsScratch scratch;
  JwsVerified out;
  const std::string name = alg_info(c.alg).name.data();
  const std::string signing_input = token->substr(0, token->rfind('.'));
  Bytes sig = *jws_signature(**key, c.alg, bytes_view(signing_input));

  double sign = bench::run(name + " sign (jws_sign, compact)", [&] {
    auto t = jws_sign(bytes_view(kPayload), {s}, {});
    bench::do_not_optimize(t->size());
  }, 1);
  double raw_sign = bench::run(name + " sign raw primitive", [&] {
    auto r = jws_signature(**key, c.alg, bytes_view(signing_input));
    bench::do_not_optimize(r->size());
  }, 1);
  double verify = bench::run(name + " verify (jws_verify_compact)", [&] {
    Status st = jws_verify_compact(*token, policy, ring, std::nullopt, scratch, out);
    bench::do_not_optimize(st.code());
  }, 1);
  double raw_verify = bench::run(name + " verify raw primitive", [&] {
    Status st = jws_check_signature(**key, c.alg, bytes_view(signing_input), bytes_view(sig));
    bench::do_not_optimize(st.code());
  }, 1);
  bench::ratio((name + " sign overhead").c_str(), sign, raw_sign);
  bench::ratio((name + " verify overhead").c_str(), verify, raw_verify);

  if (c.alg == Alg::eddsa) {
    Bytes pk = Bytes(32);
    auto seed = (*key)->ed25519()->seed();
    Bytes sk(64);
    crypto_sign_seed_keypair(pk.data(), sk.data(), seed->data());
    double sodium = bench::run("EdDSA verify libsodium crypto_sign_verify_detached", [&] {
      int rc = crypto_sign_verify_detached(sig.data(), reinterpret_cast<const uint8_t *>(signing_input.data()),
                                           signing_input.size(), pk.data());
      bench::do_not_optimize(rc);
    });
    bench::ratio("EdDSA verify / libsodium", verify, sodium);
    sodium_memzero(sk.data(), sk.size());
  }
  if (c.alg == Alg::hs256) {
    crypto_auth_hmacsha256_state base;
    crypto_auth_hmacsha256_init(&base, (*key)->secret().data(), (*key)->secret().size());
    double sodium = bench::run("HS256 libsodium HMAC, precomputed state", [&] {
      crypto_auth_hmacsha256_state st = base;
      uint8_t tag[32];
      crypto_auth_hmacsha256_update(&st, reinterpret_cast<const uint8_t *>(signing_input.data()), signing_input.size());
      crypto_auth_hmacsha256_final(&st, tag);
      bench::do_not_optimize(tag[0]);
    });
    bench::ratio("HS256 verify / libsodium HMAC", verify, sodium);
  }
  std::printf("\n");
}

}  // namespace

int main() {
  if (sodium_init() < 0) return 1;
  std::printf("JWS sign/verify, compact, payload %zu bytes; medians of 5 repetitions\n\n", kPayload.size());
  const Case cases[] = {
      {"HS256", Alg::hs256}, {"HS384", Alg::hs384}, {"HS512", Alg::hs512}, {"RS256", Alg::rs256},
      {"PS256", Alg::ps256}, {"ES256", Alg::es256}, {"ES384", Alg::es384}, {"ES512", Alg::es512},
      {"ES256K", Alg::es256k}, {"EdDSA", Alg::eddsa},
  };
  for (const auto &c : cases) run_case(c);
  return 0;
}
