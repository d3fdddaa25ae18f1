// PEM/DER import and export: Wycheproof's PEM/DER keys, OpenSSL interoperability in both
// directions (skipped when the openssl CLI is absent), and the rejection paths.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <variant>

#include "src/core/crypto/pkix.hpp"
#include "test_crypto_asym.hpp"

using jwtcore::Bytes;
using jwtcore::bytes_view;
using jwtcore::crypto::AnyKey;
using jwtcore::crypto::Curve;
using jwtcore::crypto::EcKey;
using jwtcore::crypto::Ed25519Key;
using jwtcore::crypto::RsaKey;
using jwtcore::crypto::X25519Key;
using namespace jwtcore::test;
namespace pkix = jwtcore::crypto;

namespace {

// A scratch directory for the openssl round trips, removed at the end.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/jwtcore-pkix-XXXXXX";
    const char *p = mkdtemp(tmpl);
    REQUIRE(p != nullptr);
    path_ = p;
  }
  ~TempDir() { (void)std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string file(const std::string &name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

bool have_openssl() {
  static const bool present = std::system("openssl version >/dev/null 2>&1") == 0;
  return present;
}

int run(const std::string &cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()); }

void write_file(const std::string &path, bytes_view data) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char *>(data.data()), std::streamsize(data.size()));
}

Bytes read_bytes(const std::string &path) {
  auto s = read_file(path);
  REQUIRE(s);
  return Bytes(s->begin(), s->end());
}

std::vector<AnyKey> generated_keys() {
  std::vector<AnyKey> keys;
  keys.emplace_back(RsaKey::generate(2048).value());
  for (Curve c : {Curve::p256, Curve::p384, Curve::p521, Curve::secp256k1}) {
    keys.emplace_back(EcKey::generate(c).value());
  }
  keys.emplace_back(Ed25519Key::generate().value());
  keys.emplace_back(X25519Key::generate().value());
  return keys;
}

const char *type_name(const AnyKey &k) {
  switch (k.index()) {
    case 0: return "RSA";
    case 1: return "EC";
    case 2: return "Ed25519";
    default: return "X25519";
  }
}

}  // namespace

TEST_CASE("Wycheproof PEM and DER keys parse to the same key material") {
  auto text = read_vector("wycheproof/testvectors_v1/rsa_oaep_2048_sha256_mgf1sha256_test.json");
  if (!text) return;
  simdjson::dom::parser parser;
  simdjson::dom::element g = parser.parse(simdjson::padded_string(*text))["testGroups"].at(0);
  auto from_pem = pkix::parse_private_key(bytes_of(str(g, "privateKeyPem")));
  auto from_der = pkix::parse_private_key(hex(str(g, "privateKeyPkcs8")));
  auto any = pkix::parse_key(bytes_of(str(g, "privateKeyPem")));
  REQUIRE(from_pem);
  REQUIRE(from_der);
  REQUIRE(any);
  const auto &rsa = std::get<RsaKey>(*from_pem);
  CHECK(rsa.has_private());
  CHECK(minimal(rsa.public_components().n) == minimal(hex(str(g["privateKey"], "modulus"))));
  CHECK(std::get<RsaKey>(*from_der).public_components().n == rsa.public_components().n);
  // The public half re-exported as SPKI equals what Wycheproof's generator (OpenSSL/BoringSSL) wrote.
  auto spki = pkix::spki_der(*from_pem);
  REQUIRE(spki);
  auto sig_text = read_vector("wycheproof/testvectors_v1/rsa_pss_2048_sha256_mgf1_32_test.json");
  REQUIRE(sig_text);
  simdjson::dom::parser parser2;
  simdjson::dom::element g2 = parser2.parse(simdjson::padded_string(*sig_text))["testGroups"].at(0);
  auto pub = pkix::parse_public_key(bytes_of(str(g2, "publicKeyPem")));
  REQUIRE(pub);
  CHECK(pkix::spki_der(*pub).value() == hex(str(g2, "publicKeyDer")));
  // PKCS#1 RSAPublicKey DER ("publicKeyAsn") is accepted as DER too.
  auto pkcs1 = pkix::parse_public_key(hex(str(g2, "publicKeyAsn")));
  REQUIRE(pkcs1);
  CHECK(std::get<RsaKey>(*pkcs1).public_components().n == std::get<RsaKey>(*pub).public_components().n);
}

TEST_CASE("Every key type round-trips through SPKI and PKCS#8, PEM and DER") {
  for (const AnyKey &key : generated_keys()) {
    INFO(type_name(key));
    auto spki = pkix::spki_pem(key);
    REQUIRE(spki);
    CHECK(spki->rfind("-----BEGIN PUBLIC KEY-----\n", 0) == 0);
    auto pub = pkix::parse_public_key(*spki);
    REQUIRE(pub);
    CHECK(pub->index() == key.index());
    CHECK_FALSE(pkix::any_key_has_private(*pub));
    CHECK(pkix::spki_der(*pub).value() == pkix::spki_der(key).value());

    auto pkcs8 = pkix::pkcs8_pem(key);
    REQUIRE(pkcs8);
    auto priv = pkix::parse_private_key(bytes_view(std::string_view(pkcs8->data(), pkcs8->size())));
    REQUIRE(priv);
    CHECK(pkix::any_key_has_private(*priv));
    CHECK(pkix::pkcs8_der(*priv).value() == pkix::pkcs8_der(key).value());
    auto der = pkix::pkcs8_der(key);
    REQUIRE(der);
    CHECK(pkix::parse_key(*der));
    CHECK_STATUS(pkix::pkcs8_der(*pub), JWTCORE_E_KEY_NOT_PRIVATE);
  }
}

TEST_CASE("OpenSSL reads our SPKI and PKCS#8 output and derives the same public key") {
  if (!have_openssl()) {
    WARN("SKIPPED: openssl CLI not found");
    return;
  }
  TempDir dir;
  for (const AnyKey &key : generated_keys()) {
    INFO(type_name(key));
    auto pkcs8 = pkix::pkcs8_pem(key);
    auto spki = pkix::spki_pem(key);
    REQUIRE(pkcs8);
    REQUIRE(spki);
    write_file(dir.file("priv.pem"), bytes_view(std::string_view(pkcs8->data(), pkcs8->size())));
    write_file(dir.file("pub.pem"), bytes_of(*spki));
    CHECK(run("openssl pkey -in " + dir.file("priv.pem") + " -noout -text") == 0);
    CHECK(run("openssl pkey -pubin -in " + dir.file("pub.pem") + " -noout -text") == 0);
    REQUIRE(run("openssl pkey -in " + dir.file("priv.pem") + " -pubout -outform DER -out " +
                dir.file("pub.der")) == 0);
    CHECK(read_bytes(dir.file("pub.der")) == pkix::spki_der(key).value());
  }
}

TEST_CASE("Keys written by OpenSSL in every common format parse, with the same public key") {
  if (!have_openssl()) {
    WARN("SKIPPED: openssl CLI not found");
    return;
  }
  TempDir dir;
  const std::pair<const char *, std::string> gens[] = {
      {"RSA", "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048"},
      {"P-256", "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256"},
      {"P-384", "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384"},
      {"P-521", "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521"},
      {"secp256k1", "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1"},
      {"Ed25519", "openssl genpkey -algorithm ED25519"},
      {"X25519", "openssl genpkey -algorithm X25519"},
  };
  for (const auto &[name, gen] : gens) {
    INFO(name);
    const std::string key = dir.file("k.pem");
    REQUIRE(run(gen + " -out " + key) == 0);
    REQUIRE(run("openssl pkey -in " + key + " -pubout -outform DER -out " + dir.file("pub.der")) == 0);
    Bytes expected_spki = read_bytes(dir.file("pub.der"));
    auto check_private = [&](const std::string &file) {
      auto parsed = pkix::parse_private_key(read_bytes(file));
      INFO(file << ": " << message_of(parsed));
      REQUIRE(parsed);
      CHECK(pkix::any_key_has_private(*parsed));
      CHECK(pkix::spki_der(*parsed).value() == expected_spki);
    };
    check_private(key);  // PKCS#8 PEM
    REQUIRE(run("openssl pkey -in " + key + " -outform DER -out " + dir.file("k.der")) == 0);
    check_private(dir.file("k.der"));  // PKCS#8 DER
    std::string n(name);
    if (n == "RSA" || n.rfind("P-", 0) == 0 || n == "secp256k1") {
      // Traditional PKCS#1 "RSA PRIVATE KEY" / SEC1 "EC PRIVATE KEY".
      REQUIRE(run("openssl pkey -in " + key + " -traditional -out " + dir.file("trad.pem")) == 0);
      check_private(dir.file("trad.pem"));
    }
    auto pub = pkix::parse_public_key(expected_spki);
    REQUIRE(pub);
    CHECK(pkix::spki_der(*pub).value() == expected_spki);
    if (n == "RSA") {
      REQUIRE(run("openssl rsa -in " + key + " -RSAPublicKey_out -out " + dir.file("rsapub.pem")) == 0);
      auto pkcs1 = pkix::parse_public_key(read_bytes(dir.file("rsapub.pem")));
      REQUIRE(pkcs1);
      CHECK(pkix::spki_der(*pkcs1).value() == expected_spki);
    }
    // Encrypted PKCS#8 and encrypted traditional PEM are refused with NOT_SUPPORTED.
    REQUIRE(run("openssl pkey -in " + key + " -aes256 -passout pass:secret -out " + dir.file("enc.pem")) == 0);
    CHECK_STATUS(pkix::parse_private_key(read_bytes(dir.file("enc.pem"))), JWTCORE_E_NOT_SUPPORTED);
    if (n == "RSA") {
      REQUIRE(run("openssl rsa -in " + key + " -traditional -aes256 -passout pass:secret -out " +
                  dir.file("enc_trad.pem")) == 0);
      CHECK_STATUS(pkix::parse_private_key(read_bytes(dir.file("enc_trad.pem"))), JWTCORE_E_NOT_SUPPORTED);
    }
  }
  // `openssl ecparam -genkey` writes an EC PARAMETERS block before the SEC1 key.
  REQUIRE(run("openssl ecparam -name prime256v1 -genkey -out " + dir.file("ecparam.pem")) == 0);
  auto with_params = pkix::parse_private_key(read_bytes(dir.file("ecparam.pem")));
  INFO(message_of(with_params));
  CHECK(with_params);
}

TEST_CASE("Unparseable, trailing, mislabelled and unsupported inputs get precise codes") {
  auto key = EcKey::generate(Curve::p256);
  REQUIRE(key);
  AnyKey any(std::move(key).value());
  Bytes der = pkix::spki_der(any).value();
  std::string pem = pkix::spki_pem(any).value();

  CHECK_STATUS(pkix::parse_public_key(Bytes{}), JWTCORE_E_PEM);
  CHECK_STATUS(pkix::parse_public_key(bytes_of("not a key")), JWTCORE_E_PEM);
  CHECK_STATUS(pkix::parse_public_key(bytes_of("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n")),
               JWTCORE_E_PEM);
  Bytes trailing = der;
  trailing.push_back(0);
  CHECK_STATUS(pkix::parse_public_key(trailing), JWTCORE_E_PEM);
  Bytes truncated(der.begin(), der.end() - 1);
  CHECK_STATUS(pkix::parse_public_key(truncated), JWTCORE_E_PEM);
  CHECK_STATUS(pkix::parse_public_key(bytes_of(pem + "garbage")), JWTCORE_E_PEM);
  CHECK_STATUS(pkix::parse_public_key(bytes_of(pem)), JWTCORE_OK);
  CHECK_STATUS(pkix::parse_public_key(bytes_of("\n  " + pem + "\n\n")), JWTCORE_OK);

  auto pkcs8 = pkix::pkcs8_pem(any).value();
  std::string pkcs8_text(pkcs8.data(), pkcs8.size());
  CHECK_STATUS(pkix::parse_public_key(bytes_of(pkcs8_text)), JWTCORE_E_PEM);
  CHECK_STATUS(pkix::parse_private_key(bytes_of(pem)), JWTCORE_E_PEM);
  CHECK_STATUS(pkix::parse_public_key(bytes_of("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n")),
               JWTCORE_E_NOT_SUPPORTED);
  CHECK_STATUS(pkix::parse_private_key(bytes_of("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n"
                                                "-----END ENCRYPTED PRIVATE KEY-----\n")),
               JWTCORE_E_NOT_SUPPORTED);

  // Ed448 / X448 SPKI (RFC 8410 §10.1 layout) are recognised and refused as unsupported.
  Bytes ed448{0x30, 0x43, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71, 0x03, 0x3a, 0x00};
  ed448.resize(ed448.size() + 57, 0x11);
  CHECK_STATUS(pkix::parse_public_key(ed448), JWTCORE_E_KEY_UNSUPPORTED);
  // An Ed25519 SPKI with a wrong length inside is malformed, not silently truncated.
  Bytes ed25519{0x30, 0x2b, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x22, 0x00};
  ed25519.resize(ed25519.size() + 33, 0x11);
  CHECK_STATUS(pkix::parse_public_key(ed25519), JWTCORE_E_PEM);
}

TEST_CASE("PEM keys meet the same policy as JWKs: weak RSA, off-curve points, unsupported curves") {
  if (!have_openssl()) {
    WARN("SKIPPED: openssl CLI not found");
    return;
  }
  TempDir dir;
  REQUIRE(run("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out " + dir.file("rsa1024.pem")) == 0);
  Bytes weak = read_bytes(dir.file("rsa1024.pem"));
  CHECK_STATUS(pkix::parse_private_key(weak), JWTCORE_E_KEY_WEAK);
  jwtcore::crypto::RsaLimits lowered;
  lowered.min_bits = 1024;
  CHECK_STATUS(pkix::parse_private_key(weak, lowered), JWTCORE_OK);
  REQUIRE(run("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP256r1 -out " +
              dir.file("bp.pem")) == 0);
  CHECK_STATUS(pkix::parse_private_key(read_bytes(dir.file("bp.pem"))), JWTCORE_E_KEY_UNSUPPORTED);
  REQUIRE(run("openssl genpkey -algorithm ED448 -out " + dir.file("ed448.pem")) == 0);
  CHECK_STATUS(pkix::parse_private_key(read_bytes(dir.file("ed448.pem"))), JWTCORE_E_KEY_UNSUPPORTED);
  REQUIRE(run("openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:1024 -out " +
              dir.file("dsaparam.pem")) == 0);
  REQUIRE(run("openssl genpkey -paramfile " + dir.file("dsaparam.pem") + " -out " + dir.file("dsa.pem")) == 0);
  CHECK_STATUS(pkix::parse_private_key(read_bytes(dir.file("dsa.pem"))), JWTCORE_E_KEY_UNSUPPORTED);

  // An SPKI whose point is off the curve.
  auto key = EcKey::generate(Curve::p256);
  REQUIRE(key);
  Bytes der = pkix::spki_der(AnyKey(std::move(key).value())).value();
  der.back() ^= 1;
  CHECK_STATUS(pkix::parse_public_key(der), JWTCORE_E_POINT_INVALID);
}
