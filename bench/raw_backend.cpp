// Raw libsodium / mbedTLS calls for bench_verify (see raw_backend.hpp). Written against mbedTLS
// 2.28 with the 3.x differences guarded, like src/core/crypto/.
#include "raw_backend.hpp"

#include <mbedtls/ecdsa.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#include <mbedtls/version.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace jwtcore::bench::raw {
namespace {

[[noreturn]] void die(const char *what) {
  std::fprintf(stderr, "raw backend setup failed: %s\n", what);
  std::exit(1);
}

int rng(void *, unsigned char *out, size_t n) {
  randombytes_buf(out, n);
  return 0;
}

const unsigned char *u8(std::string_view s) { return reinterpret_cast<const unsigned char *>(s.data()); }

Primitive hmac_sha256(const Fixture &f) {
  auto keyed = std::make_shared<crypto_auth_hmacsha256_state>();
  crypto_auth_hmacsha256_init(keyed.get(), u8(f.hmac_secret), f.hmac_secret.size());
  auto mac = [keyed](std::string_view in, unsigned char *out) {
    crypto_auth_hmacsha256_state s = *keyed;
    crypto_auth_hmacsha256_update(&s, u8(in), in.size());
    crypto_auth_hmacsha256_final(&s, out);
  };
  return {"libsodium HMAC-SHA-256, precomputed state",
          [mac](std::string_view in, const Bytes &sig) {
            unsigned char t[32];
            mac(in, t);
            return sig.size() == 32 && sodium_memcmp(t, sig.data(), 32) == 0;
          },
          [mac](std::string_view in) {
            Bytes t(32);
            mac(in, t.data());
            return t;
          }};
}

Primitive hmac_sha512(const Fixture &f) {
  auto keyed = std::make_shared<crypto_auth_hmacsha512_state>();
  crypto_auth_hmacsha512_init(keyed.get(), u8(f.hmac_secret), f.hmac_secret.size());
  auto mac = [keyed](std::string_view in, unsigned char *out) {
    crypto_auth_hmacsha512_state s = *keyed;
    crypto_auth_hmacsha512_update(&s, u8(in), in.size());
    crypto_auth_hmacsha512_final(&s, out);
  };
  return {"libsodium HMAC-SHA-512, precomputed state",
          [mac](std::string_view in, const Bytes &sig) {
            unsigned char t[64];
            mac(in, t);
            return sig.size() == 64 && sodium_memcmp(t, sig.data(), 64) == 0;
          },
          [mac](std::string_view in) {
            Bytes t(64);
            mac(in, t.data());
            return t;
          }};
}

// libsodium has no SHA-384: two mbedTLS SHA-512/384 contexts keyed once, cloned per MAC.
struct Sha384Pair {
  mbedtls_sha512_context inner, outer;
};

Primitive hmac_sha384(const Fixture &f) {
  auto p = std::make_shared<Sha384Pair>();
  unsigned char k[128] = {}, pad[128];
  if (f.hmac_secret.size() > sizeof k) die("HS384 secret longer than a block");
  std::memcpy(k, f.hmac_secret.data(), f.hmac_secret.size());
  mbedtls_sha512_init(&p->inner);
  mbedtls_sha512_init(&p->outer);
  for (int i = 0; i < 128; ++i) pad[i] = static_cast<unsigned char>(k[i] ^ 0x36);
  mbedtls_sha512_starts_ret(&p->inner, 1);
  mbedtls_sha512_update_ret(&p->inner, pad, 128);
  for (int i = 0; i < 128; ++i) pad[i] = static_cast<unsigned char>(k[i] ^ 0x5c);
  mbedtls_sha512_starts_ret(&p->outer, 1);
  mbedtls_sha512_update_ret(&p->outer, pad, 128);
  auto mac = [p](std::string_view in, unsigned char *out) {
    unsigned char ih[64];
    mbedtls_sha512_context c;
    mbedtls_sha512_init(&c);
    mbedtls_sha512_clone(&c, &p->inner);
    mbedtls_sha512_update_ret(&c, u8(in), in.size());
    mbedtls_sha512_finish_ret(&c, ih);
    mbedtls_sha512_clone(&c, &p->outer);
    mbedtls_sha512_update_ret(&c, ih, 48);
    mbedtls_sha512_finish_ret(&c, ih);
    std::memcpy(out, ih, 48);
    mbedtls_sha512_free(&c);
  };
  return {"mbedTLS HMAC-SHA-384, precomputed contexts",
          [mac](std::string_view in, const Bytes &sig) {
            unsigned char t[48];
            mac(in, t);
            return sig.size() == 48 && sodium_memcmp(t, sig.data(), 48) == 0;
          },
          [mac](std::string_view in) {
            Bytes t(48);
            mac(in, t.data());
            return t;
          }};
}

struct Pk {
  mbedtls_pk_context ctx;
  Pk() { mbedtls_pk_init(&ctx); }
  ~Pk() { mbedtls_pk_free(&ctx); }
  Pk(const Pk &) = delete;
  Pk &operator=(const Pk &) = delete;
};

std::shared_ptr<Pk> parse_public(const std::string &pem) {
  auto pk = std::make_shared<Pk>();
  if (mbedtls_pk_parse_public_key(&pk->ctx, u8(pem), pem.size() + 1) != 0) die("public PEM");
  return pk;
}

std::shared_ptr<Pk> parse_private(const std::string &pem) {
  auto pk = std::make_shared<Pk>();
#if MBEDTLS_VERSION_MAJOR >= 3
  const int rc = mbedtls_pk_parse_key(&pk->ctx, u8(pem), pem.size() + 1, nullptr, 0, rng, nullptr);
#else
  const int rc = mbedtls_pk_parse_key(&pk->ctx, u8(pem), pem.size() + 1, nullptr, 0);
#endif
  if (rc != 0) die("private PEM");
  return pk;
}

void sha256(std::string_view in, unsigned char out[32]) {
#if MBEDTLS_VERSION_MAJOR >= 3
  mbedtls_sha256(u8(in), in.size(), out, 0);
#else
  mbedtls_sha256_ret(u8(in), in.size(), out, 0);
#endif
}

// RS256 / PS256 with mbedTLS's RSA directly: SHA-256 of the signing input, then the public or
// (blinded, CRT) private operation with the scheme's encoding.
Primitive rsa(const Fixture &f, bool pss) {
  auto pub = parse_public(f.public_pem);
  auto priv = parse_private(f.private_pem);
  mbedtls_rsa_context *pr = mbedtls_pk_rsa(priv->ctx);
  mbedtls_rsa_set_padding(pr, pss ? MBEDTLS_RSA_PKCS_V21 : MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_SHA256);
  VerifyFn verify = [pub, pss](std::string_view in, const Bytes &sig) {
    unsigned char h[32];
    sha256(in, h);
    mbedtls_rsa_context *r = mbedtls_pk_rsa(pub->ctx);
    if (sig.size() != mbedtls_rsa_get_len(r)) return false;
#if MBEDTLS_VERSION_MAJOR >= 3
    if (pss) return mbedtls_rsa_rsassa_pss_verify_ext(r, MBEDTLS_MD_SHA256, 32, h, MBEDTLS_MD_SHA256, 32, sig.data()) == 0;
    return mbedtls_rsa_rsassa_pkcs1_v15_verify(r, MBEDTLS_MD_SHA256, 32, h, sig.data()) == 0;
#else
    if (pss) {
      return mbedtls_rsa_rsassa_pss_verify_ext(r, nullptr, nullptr, MBEDTLS_RSA_PUBLIC, MBEDTLS_MD_SHA256, 32, h,
                                               MBEDTLS_MD_SHA256, 32, sig.data()) == 0;
    }
    return mbedtls_rsa_rsassa_pkcs1_v15_verify(r, nullptr, nullptr, MBEDTLS_RSA_PUBLIC, MBEDTLS_MD_SHA256, 32, h,
                                               sig.data()) == 0;
#endif
  };
  SignFn sign = [priv, pss](std::string_view in) {
    unsigned char h[32];
    sha256(in, h);
    mbedtls_rsa_context *r = mbedtls_pk_rsa(priv->ctx);
    Bytes sig(mbedtls_rsa_get_len(r));
    int rc;
    if (pss) {
      rc = mbedtls_rsa_rsassa_pss_sign_ext(r, rng, nullptr, MBEDTLS_MD_SHA256, 32, h, 32, sig.data());
    } else {
#if MBEDTLS_VERSION_MAJOR >= 3
      rc = mbedtls_rsa_rsassa_pkcs1_v15_sign(r, rng, nullptr, MBEDTLS_MD_SHA256, 32, h, sig.data());
#else
      rc = mbedtls_rsa_rsassa_pkcs1_v15_sign(r, rng, nullptr, MBEDTLS_RSA_PRIVATE, MBEDTLS_MD_SHA256, 32, h, sig.data());
#endif
    }
    if (rc != 0) die("RSA sign");
    return sig;
  };
  return {pss ? "mbedTLS RSASSA-PSS-2048 + SHA-256" : "mbedTLS RSASSA-PKCS1-v1_5-2048 + SHA-256", verify, sign};
}

struct Mpi {
  mbedtls_mpi v;
  Mpi() { mbedtls_mpi_init(&v); }
  ~Mpi() { mbedtls_mpi_free(&v); }
  Mpi(const Mpi &) = delete;
  Mpi &operator=(const Mpi &) = delete;
};

// ES256 with mbedtls_ecdsa_* on the parsed key pair (the group stays loaded, so its comb
// table is computed once): SHA-256, R||S read into two MPIs, verify; deterministic signing
// (RFC 6979), as libjwtcore signs.
Primitive ecdsa_p256(const Fixture &f) {
  auto pub = parse_public(f.public_pem);
  auto priv = parse_private(f.private_pem);
  VerifyFn verify = [pub](std::string_view in, const Bytes &sig) {
    if (sig.size() != 64) return false;
    unsigned char h[32];
    sha256(in, h);
    mbedtls_ecp_keypair *k = mbedtls_pk_ec(pub->ctx);
    Mpi r, s;
    if (mbedtls_mpi_read_binary(&r.v, sig.data(), 32) != 0 || mbedtls_mpi_read_binary(&s.v, sig.data() + 32, 32) != 0) return false;
#if MBEDTLS_VERSION_MAJOR >= 3
    return mbedtls_ecdsa_verify(&k->MBEDTLS_PRIVATE(grp), h, 32, &k->MBEDTLS_PRIVATE(Q), &r.v, &s.v) == 0;
#else
    return mbedtls_ecdsa_verify(&k->grp, h, 32, &k->Q, &r.v, &s.v) == 0;
#endif
  };
  SignFn sign = [priv](std::string_view in) {
    unsigned char h[32];
    sha256(in, h);
    mbedtls_ecp_keypair *k = mbedtls_pk_ec(priv->ctx);
    Mpi r, s;
#if MBEDTLS_VERSION_MAJOR >= 3
    int rc = mbedtls_ecdsa_sign_det_ext(&k->MBEDTLS_PRIVATE(grp), &r.v, &s.v, &k->MBEDTLS_PRIVATE(d), h, 32,
                                        MBEDTLS_MD_SHA256, rng, nullptr);
#else
    int rc = mbedtls_ecdsa_sign_det_ext(&k->grp, &r.v, &s.v, &k->d, h, 32, MBEDTLS_MD_SHA256, rng, nullptr);
#endif
    Bytes sig(64);
    if (rc != 0 || mbedtls_mpi_write_binary(&r.v, sig.data(), 32) != 0 ||
        mbedtls_mpi_write_binary(&s.v, sig.data() + 32, 32) != 0) {
      die("ECDSA sign");
    }
    return sig;
  };
  return {"mbedTLS ECDSA P-256 + SHA-256", verify, sign};
}

Primitive ed25519(const Fixture &f) {
  if (f.ed25519_sk.size() != crypto_sign_SECRETKEYBYTES) die("Ed25519 raw key");
  auto sk = std::make_shared<std::string>(f.ed25519_sk);
  VerifyFn verify = [sk](std::string_view in, const Bytes &sig) {
    return sig.size() == crypto_sign_BYTES &&
           crypto_sign_verify_detached(sig.data(), u8(in), in.size(), u8(*sk) + 32) == 0;
  };
  SignFn sign = [sk](std::string_view in) {
    Bytes sig(crypto_sign_BYTES);
    crypto_sign_detached(sig.data(), nullptr, u8(in), in.size(), u8(*sk));
    return sig;
  };
  return {"libsodium Ed25519", verify, sign};
}

}  // namespace

Primitive make(const Fixture &f) {
  if (sodium_init() < 0) die("sodium_init");
  if (f.alg == "HS256") return hmac_sha256(f);
  if (f.alg == "HS384") return hmac_sha384(f);
  if (f.alg == "HS512") return hmac_sha512(f);
  if (f.alg == "RS256") return rsa(f, false);
  if (f.alg == "PS256") return rsa(f, true);
  if (f.alg == "ES256") return ecdsa_p256(f);
  if (f.alg == "EdDSA") return ed25519(f);
  die(f.alg.c_str());
}

}  // namespace jwtcore::bench::raw
