// JWE encrypt and decrypt per alg/enc pair for a 1 KiB payload through the core (keys parsed
// once, scratch reused, as the C ABI does), beside the raw primitives the JOSE layer is built
// on — AES-GCM (libsodium for A256GCM where the CPU allows, mbedTLS otherwise), AES-CBC-HMAC,
// ECDH (mbedTLS P-256/384/521, libsodium X25519), RSA-OAEP — so the JOSE overhead shows as a ratio.
// PBES2 runs with its default p2c of 10000, which dominates its cost by design.
#include <sodium.h>

#include <string>
#include <vector>

#include "harness.hpp"
#include "src/core/crypto/aes.hpp"
#include "src/core/crypto/ec.hpp"
#include "src/core/crypto/okp.hpp"
#include "src/core/crypto/rsa.hpp"
#include "src/core/jwe.hpp"
#include "src/core/keygen.hpp"

using namespace jwtcore;

namespace {

const std::string kPayload(1024, 'p');

struct Case {
  const char *spec;  // key generation spec
  Alg alg;
};

const Case kCases[] = {
    {"A128KW", Alg::a128kw},
    {"A256KW", Alg::a256kw},
    {"A128GCMKW", Alg::a128gcmkw},
    {"A256GCMKW", Alg::a256gcmkw},
    {"ECDH-ES", Alg::ecdh_es},
    {"ECDH-ES:P-384", Alg::ecdh_es},
    {"ECDH-ES:P-521", Alg::ecdh_es},
    {"ECDH-ES:X25519", Alg::ecdh_es},
    {"ECDH-ES+A128KW", Alg::ecdh_es_a128kw},
    {"ECDH-ES+A256KW:X25519", Alg::ecdh_es_a256kw},
    {"RSA-OAEP", Alg::rsa_oaep},
    {"RSA-OAEP-256", Alg::rsa_oaep_256},
    {"PBES2-HS256+A128KW", Alg::pbes2_hs256_a128kw},
    {"PBES2-HS512+A256KW", Alg::pbes2_hs512_a256kw},
};

JwePolicy allow_everything() {
  JwePolicy p;
  for (unsigned i = static_cast<unsigned>(Alg::dir); i <= static_cast<unsigned>(Alg::pbes2_hs512_a256kw); ++i) {
    p.allowed.add(static_cast<Alg>(i));
  }
  for (unsigned i = 0; i <= static_cast<unsigned>(Enc::a256cbc_hs512); ++i) p.allowed_enc.add(static_cast<Enc>(i));
  p.pbes2_max_p2c = kPbes2DefaultMaxIterations;
  return p;
}

struct Pair {
  double encrypt = 0, decrypt = 0;
};

Pair run_pair(const std::string &label, const KeyPtr &key, Alg alg, Enc enc) {
  JweRecipientSpec r;
  r.key = key;
  r.alg = alg;
  const std::vector<JweRecipientSpec> recipients{r};
  auto token = jwe_encrypt(bytes_view(kPayload), recipients, enc, {});
  if (!token) {
    std::printf("%s: %s\n", label.c_str(), token.status().message().c_str());
    return {};
  }
  Pair p;
  p.encrypt = bench::run(label + " encrypt", [&] {
    auto t = jwe_encrypt(bytes_view(kPayload), recipients, enc, {});
    bench::do_not_optimize(t.is_ok());
  }, 1);
  const JwePolicy policy = allow_everything();
  KeyRing ring;
  ring.keys.push_back(key);
  JweScratch scratch;
  JweDecrypted out;
  p.decrypt = bench::run(label + " decrypt", [&] {
    Status st = jwe_decrypt(*token, policy, ring, scratch, out);
    bench::do_not_optimize(st.code());
  }, 1);
  return p;
}

KeyPtr key_for(const char *spec) {
  auto key = generate_key(spec);
  if (!key) std::printf("%s: %s\n", spec, key.status().message().c_str());
  return key ? *key : nullptr;
}

struct Raw {
  double gcm256 = 0, gcm256_mbedtls = 0, gcm128 = 0, cbc128 = 0;
  double p256 = 0, p384 = 0, p521 = 0, x25519 = 0, oaep = 0;
};

Raw run_raw() {
  Raw raw;
  std::printf("-- raw primitives (1 KiB where it applies)\n");
  const Bytes k32(32, 1), k16(16, 2), iv12(12, 3), iv16(16, 4), aad(60, 'a');
  const bytes_view pt(kPayload);
  auto sealed = crypto::aes_gcm_encrypt(k32, iv12, aad, pt);
  raw.gcm256 = bench::run("raw AES-256-GCM decrypt (auto backend)", [&] {
    auto r = crypto::aes_gcm_decrypt(k32, iv12, aad, sealed->ciphertext, sealed->tag);
    bench::do_not_optimize(r.is_ok());
  });
  raw.gcm256_mbedtls = bench::run("raw AES-256-GCM decrypt (mbedTLS)", [&] {
    auto r = crypto::aes_gcm_decrypt(k32, iv12, aad, sealed->ciphertext, sealed->tag, crypto::GcmBackend::mbedtls);
    bench::do_not_optimize(r.is_ok());
  });
  auto sealed128 = crypto::aes_gcm_encrypt(k16, iv12, aad, pt);
  raw.gcm128 = bench::run("raw AES-128-GCM decrypt (mbedTLS)", [&] {
    auto r = crypto::aes_gcm_decrypt(k16, iv12, aad, sealed128->ciphertext, sealed128->tag);
    bench::do_not_optimize(r.is_ok());
  });
  auto cbc = crypto::aes_cbc_hmac_encrypt(crypto::CbcHmac::a128cbc_hs256, k32, iv16, aad, pt);
  raw.cbc128 = bench::run("raw A128CBC-HS256 decrypt", [&] {
    auto r = crypto::aes_cbc_hmac_decrypt(crypto::CbcHmac::a128cbc_hs256, k32, iv16, aad, cbc->ciphertext, cbc->tag);
    bench::do_not_optimize(r.is_ok());
  });
  auto ecdh = [&](crypto::Curve c, const char *name) {
    auto a = crypto::EcKey::generate(c);
    auto b = crypto::EcKey::generate(c);
    crypto::EcKey peer = b->public_only();
    return bench::run(std::string("raw ECDH ") + name, [&] {
      auto z = a->ecdh(peer);
      bench::do_not_optimize(z.is_ok());
    }, 1);
  };
  raw.p256 = ecdh(crypto::Curve::p256, "P-256");
  raw.p384 = ecdh(crypto::Curve::p384, "P-384");
  raw.p521 = ecdh(crypto::Curve::p521, "P-521");
  auto xa = crypto::X25519Key::generate();
  auto xb = crypto::X25519Key::generate();
  crypto::X25519Key xpeer = xb->public_only();
  raw.x25519 = bench::run("raw X25519 (libsodium)", [&] {
    auto z = xa->derive(xpeer);
    bench::do_not_optimize(z.is_ok());
  });
  auto rsa = crypto::RsaKey::generate(2048);
  auto ek = rsa->oaep_encrypt(crypto::Hash::sha1, k16);
  raw.oaep = bench::run("raw RSA-OAEP-2048 decrypt", [&] {
    auto r = rsa->oaep_decrypt(crypto::Hash::sha1, *ek);
    bench::do_not_optimize(r.is_ok());
  }, 1);
  return raw;
}

}  // namespace

int main() {
  if (sodium_init() < 0) return 1;
  std::printf("JWE, 1 KiB payload, compact serialization (libsodium AES-256-GCM available: %s)\n",
              crypto::aes_gcm_sodium_available() ? "yes" : "no");
  const Raw raw = run_raw();

  std::printf("-- dir with every enc\n");
  Pair dir_a128gcm, dir_a256gcm, dir_cbc;
  for (unsigned i = 0; i <= static_cast<unsigned>(Enc::a256cbc_hs512); ++i) {
    const Enc enc = static_cast<Enc>(i);
    KeyPtr key = key_for(enc_info(enc).name.data());
    if (!key) continue;
    Pair p = run_pair(std::string("dir / ") + std::string(enc_info(enc).name), key, Alg::dir, enc);
    if (enc == Enc::a128gcm) dir_a128gcm = p;
    if (enc == Enc::a256gcm) dir_a256gcm = p;
    if (enc == Enc::a128cbc_hs256) dir_cbc = p;
  }
  std::printf("-- key management with A256GCM and A128CBC-HS256\n");
  Pair ecdh[4], oaep;
  for (const Case &c : kCases) {
    KeyPtr key = key_for(c.spec);
    if (!key) continue;
    for (Enc enc : {Enc::a256gcm, Enc::a128cbc_hs256}) {
      Pair p = run_pair(std::string(c.spec) + " / " + std::string(enc_info(enc).name), key, c.alg, enc);
      if (enc != Enc::a256gcm) continue;
      const std::string spec = c.spec;
      if (spec == "ECDH-ES") ecdh[0] = p;
      if (spec == "ECDH-ES:P-384") ecdh[1] = p;
      if (spec == "ECDH-ES:P-521") ecdh[2] = p;
      if (spec == "ECDH-ES:X25519") ecdh[3] = p;
      if (spec == "RSA-OAEP") oaep = p;
    }
  }
  std::printf("-- ratios (JOSE operation / raw primitive)\n");
  bench::ratio("dir/A256GCM decrypt / raw AES-256-GCM", dir_a256gcm.decrypt, raw.gcm256);
  bench::ratio("dir/A256GCM encrypt / raw AES-256-GCM", dir_a256gcm.encrypt, raw.gcm256);
  bench::ratio("dir/A128GCM decrypt / raw AES-128-GCM", dir_a128gcm.decrypt, raw.gcm128);
  bench::ratio("dir/A128CBC-HS256 decrypt / raw CBC-HMAC", dir_cbc.decrypt, raw.cbc128);
  bench::ratio("raw AES-256-GCM mbedTLS / libsodium", raw.gcm256_mbedtls, raw.gcm256);
  bench::ratio("ECDH-ES P-256 decrypt / raw ECDH", ecdh[0].decrypt, raw.p256);
  bench::ratio("ECDH-ES P-256 encrypt / raw ECDH", ecdh[0].encrypt, raw.p256);
  bench::ratio("ECDH-ES P-384 decrypt / raw ECDH", ecdh[1].decrypt, raw.p384);
  bench::ratio("ECDH-ES P-521 decrypt / raw ECDH", ecdh[2].decrypt, raw.p521);
  bench::ratio("ECDH-ES X25519 decrypt / raw X25519", ecdh[3].decrypt, raw.x25519);
  bench::ratio("ECDH-ES X25519 encrypt / raw X25519", ecdh[3].encrypt, raw.x25519);
  bench::ratio("raw ECDH P-256 / raw X25519", raw.p256, raw.x25519);
  bench::ratio("RSA-OAEP decrypt / raw OAEP decrypt", oaep.decrypt, raw.oaep);
  return 0;
}
