// PEM/DER import and export: round trips for every key type, and OpenSSL as the outside
// reference both ways (our keys through `openssl pkey`, OpenSSL's keys through our import).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <unistd.h>

#include "key_test_util.hpp"
#include "src/capi/handles.hpp"
#include "src/core/thumbprint.hpp"
#include "vectors.hpp"

using namespace jwtcore;
using jwtcore::test::KeyHandle;
using jwtcore::test::members;
using jwtcore::test::take;

namespace {

bool have_openssl() { return std::system("openssl version >/dev/null 2>&1") == 0; }

// A scratch directory removed at the end of the test.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/jwtcore-pem-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { (void)std::system(("rm -rf '" + path + "'").c_str()); }
  std::string file(const std::string &name) const { return path + "/" + name; }
};

void write_file(const std::string &path, const std::string &data) {
  std::ofstream f(path, std::ios::binary);
  f << data;
}

std::string read(const std::string &path) { return test::read_file(path).value_or(""); }

int run(const std::string &cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()); }

std::string pem_of(const jwtcore_key *key, int include_private) {
  uint8_t *out = nullptr;
  size_t len = 0;
  const int rc = jwtcore_key_to_pem(&out, &len, key, include_private);
  INFO(jwtcore_last_error_message());
  REQUIRE(rc == JWTCORE_OK);
  return take(out, len);
}

std::string jwk_of(const jwtcore_key *key, int include_private) {
  uint8_t *out = nullptr;
  size_t len = 0;
  REQUIRE(jwtcore_key_to_jwk(&out, &len, key, include_private) == JWTCORE_OK);
  return take(out, len);
}

int import(KeyHandle &key, const std::string &data, uint32_t flags = 0) {
  return jwtcore_key_from_pem(key.out(), reinterpret_cast<const uint8_t *>(data.data()), data.size(), flags);
}

std::string thumbprint(const jwtcore_key *key) { return *jwk_thumbprint(*capi::key_of(key)); }

const char *kSpecs[] = {"RS256", "ES256", "ES384", "ES512", "ES256K", "Ed25519", "X25519"};

}  // namespace

TEST_CASE("PEM round trips for every key type: PKCS#8 private, SPKI public") {
  for (const char *spec : kSpecs) {
    SECTION(spec) {
      KeyHandle key;
      REQUIRE(jwtcore_key_generate(key.out(), spec, std::strlen(spec), 0) == JWTCORE_OK);
      const std::string priv = pem_of(key.p, 1);
      const std::string pub = pem_of(key.p, 0);
      CHECK(priv.rfind("-----BEGIN PRIVATE KEY-----\n", 0) == 0);
      CHECK(pub.rfind("-----BEGIN PUBLIC KEY-----\n", 0) == 0);
      KeyHandle priv_again, pub_again;
      REQUIRE(import(priv_again, priv) == JWTCORE_OK);
      REQUIRE(import(pub_again, pub) == JWTCORE_OK);
      CHECK(jwtcore_key_is_private(priv_again.p) == 1);
      CHECK(jwtcore_key_is_private(pub_again.p) == 0);
      CHECK(jwtcore_key_alg(priv_again.p) == nullptr);  // PEM carries no JWK metadata
      // The private JWK (without alg) survives the trip member for member.
      auto original = members(jwk_of(key.p, 1));
      original.erase("alg");
      CHECK(members(jwk_of(priv_again.p, 1)) == original);
      CHECK(thumbprint(pub_again.p) == thumbprint(key.p));
      CHECK(pem_of(pub_again.p, 1) == pub);  // a public key has only the SPKI form
    }
  }
}

TEST_CASE("Generated keys import cleanly into openssl pkey, which derives our SPKI exactly") {
  if (!have_openssl()) {
    WARN("SKIPPED: openssl CLI not found");
    return;
  }
  TempDir dir;
  for (const char *spec : kSpecs) {
    SECTION(spec) {
      KeyHandle key;
      REQUIRE(jwtcore_key_generate(key.out(), spec, std::strlen(spec), 0) == JWTCORE_OK);
      write_file(dir.file("priv.pem"), pem_of(key.p, 1));
      write_file(dir.file("pub.pem"), pem_of(key.p, 0));
      CHECK(run("openssl pkey -in '" + dir.file("priv.pem") + "' -noout -text") == 0);
      CHECK(run("openssl pkey -pubin -in '" + dir.file("pub.pem") + "' -noout -text") == 0);
      if (std::string(spec) == "RS256") CHECK(run("openssl pkey -in '" + dir.file("priv.pem") + "' -check -noout") == 0);
      REQUIRE(run("openssl pkey -in '" + dir.file("priv.pem") + "' -pubout -out '" + dir.file("ossl_pub.pem") + "'") == 0);
      CHECK(read(dir.file("ossl_pub.pem")) == read(dir.file("pub.pem")));
    }
  }
}

TEST_CASE("Keys made by OpenSSL import in every encoding, and their halves agree") {
  if (!have_openssl()) {
    WARN("SKIPPED: openssl CLI not found");
    return;
  }
  struct Case {
    const char *name;
    const char *genpkey;  // openssl genpkey arguments
    const char *kty;
    const char *crv;
  };
  const Case cases[] = {
      {"RSA 2048", "-algorithm RSA -pkeyopt rsa_keygen_bits:2048", "RSA", nullptr},
      {"P-256", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256", "EC", "P-256"},
      {"P-384", "-algorithm EC -pkeyopt ec_paramgen_curve:P-384", "EC", "P-384"},
      {"P-521", "-algorithm EC -pkeyopt ec_paramgen_curve:P-521", "EC", "P-521"},
      {"secp256k1", "-algorithm EC -pkeyopt ec_paramgen_curve:secp256k1", "EC", "secp256k1"},
      {"Ed25519", "-algorithm ED25519", "OKP", "Ed25519"},
      {"X25519", "-algorithm X25519", "OKP", "X25519"},
  };
  TempDir dir;
  for (const Case &c : cases) {
    SECTION(c.name) {
      const std::string key = dir.file("key.pem");
      REQUIRE(run(std::string("openssl genpkey ") + c.genpkey + " -out '" + key + "'") == 0);
      REQUIRE(run("openssl pkey -in '" + key + "' -pubout -out '" + dir.file("pub.pem") + "'") == 0);
      REQUIRE(run("openssl pkey -in '" + key + "' -outform DER -out '" + dir.file("key.der") + "'") == 0);
      REQUIRE(run("openssl pkey -in '" + key + "' -pubout -outform DER -out '" + dir.file("pub.der") + "'") == 0);
      KeyHandle priv;
      REQUIRE(import(priv, read(key)) == JWTCORE_OK);
      CHECK(std::string(jwtcore_key_kty(priv.p)) == c.kty);
      CHECK((c.crv ? std::string(c.crv) : "") == (jwtcore_key_curve(priv.p) ? jwtcore_key_curve(priv.p) : ""));
      CHECK(jwtcore_key_is_private(priv.p) == 1);
      const std::string expected = thumbprint(priv.p);
      for (const char *other : {"pub.pem", "key.der", "pub.der"}) {
        INFO(other);
        KeyHandle k;
        REQUIRE(import(k, read(dir.file(other))) == JWTCORE_OK);
        CHECK(thumbprint(k.p) == expected);
      }
      // The traditional encodings: PKCS#1 "RSA PRIVATE KEY" / "RSA PUBLIC KEY", SEC1 "EC PRIVATE KEY".
      if (std::string(c.kty) != "OKP") {
        REQUIRE(run("openssl pkey -in '" + key + "' -traditional -out '" + dir.file("trad.pem") + "'") == 0);
        const std::string trad = read(dir.file("trad.pem"));
        CHECK(trad.find(std::string("BEGIN ") + c.kty + " PRIVATE KEY") != std::string::npos);
        KeyHandle k;
        REQUIRE(import(k, trad) == JWTCORE_OK);
        CHECK(thumbprint(k.p) == expected);
      }
      if (std::string(c.kty) == "RSA") {
        REQUIRE(run("openssl rsa -in '" + key + "' -RSAPublicKey_out -out '" + dir.file("pkcs1.pem") + "'") == 0);
        KeyHandle k;
        REQUIRE(import(k, read(dir.file("pkcs1.pem"))) == JWTCORE_OK);
        CHECK(thumbprint(k.p) == expected);
      }
    }
  }
}

TEST_CASE("PEM import refuses what it cannot or must not use") {
  KeyHandle key;
  CHECK(import(key, "not a key") == JWTCORE_E_PEM);
  CHECK(import(key, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n") == JWTCORE_E_PEM);
  CHECK(key.p == nullptr);
  CHECK(import(key, "x", 4) == JWTCORE_E_BAD_FLAG);
  if (!have_openssl()) {
    WARN("SKIPPED: openssl CLI not found");
    return;
  }
  TempDir dir;
  auto make = [&](const std::string &args) {
    REQUIRE(run("openssl " + args + " -out '" + dir.file("k.pem") + "'") == 0);
    return read(dir.file("k.pem"));
  };
  SECTION("RSA 1024 is weak unless JWTCORE_KEY_ALLOW_RSA_1024") {
    const std::string pem = make("genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024");
    CHECK(import(key, pem) == JWTCORE_E_KEY_WEAK);
    CHECK_THAT(std::string(jwtcore_last_error_message()), Catch::Contains("1024"));
    CHECK(import(key, pem, JWTCORE_KEY_ALLOW_RSA_1024) == JWTCORE_OK);
  }
  SECTION("encrypted keys and certificates are not taken implicitly") {
    CHECK(import(key, make("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes256 -pass pass:secret")) ==
          JWTCORE_E_NOT_SUPPORTED);
    CHECK(import(key, make("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=t -keyout /dev/null")) ==
          JWTCORE_E_NOT_SUPPORTED);
  }
  SECTION("unsupported types and curves") {
    CHECK(import(key, make("genpkey -algorithm ED448")) == JWTCORE_E_KEY_UNSUPPORTED);
    CHECK(import(key, make("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP256r1")) == JWTCORE_E_KEY_UNSUPPORTED);
    CHECK(import(key, make("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-224")) == JWTCORE_E_KEY_UNSUPPORTED);
  }
}

TEST_CASE("oct keys have no PEM form") {
  KeyHandle key;
  REQUIRE(jwtcore_key_generate(key.out(), "HS256", 5, 0) == JWTCORE_OK);
  uint8_t *out = nullptr;
  size_t len = 0;
  CHECK(jwtcore_key_to_pem(&out, &len, key.p, 1) == JWTCORE_E_NOT_SUPPORTED);
  CHECK(out == nullptr);
}
