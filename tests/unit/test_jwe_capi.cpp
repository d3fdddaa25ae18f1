// The JWE C ABI (jwtcore/jwe.h and the JWE decryption policy of jwtcore/verifier.h), driven as a C
// user would: one-call encryption, the multi-recipient builder, decryption results, flags,
// handles, opt-ins and the shared frozen verifier across threads.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "capi_helpers.hpp"

using namespace jwtcore::test;

namespace {

struct JweResultFree { void operator()(jwtcore_jwe_result *r) const { jwtcore_jwe_result_free(r); } };
struct EncrypterFree { void operator()(jwtcore_jwe_encrypter *e) const { jwtcore_jwe_encrypter_free(e); } };
using CJweResult = std::unique_ptr<jwtcore_jwe_result, JweResultFree>;
using CEncrypter = std::unique_ptr<jwtcore_jwe_encrypter, EncrypterFree>;

CKey gen(const char *spec) {
  jwtcore_key *k = nullptr;
  REQUIRE(jwtcore_key_generate(&k, spec, std::strlen(spec), 0) == JWTCORE_OK);
  return CKey(k);
}

std::string encrypt(const std::string &pt, const jwtcore_key *key, const char *alg, const char *enc,
                    const std::string &header = {}, uint32_t flags = 0) {
  uint8_t *out = nullptr;
  size_t n = 0;
  const int rc = jwtcore_jwe_encrypt(&out, &n, reinterpret_cast<const uint8_t *>(pt.data()), pt.size(), key, alg,
                                     std::strlen(alg), enc, std::strlen(enc), header.empty() ? nullptr : header.data(),
                                     header.size(), flags);
  INFO(jwtcore_last_error_message());
  REQUIRE(rc == JWTCORE_OK);
  REQUIRE(out[n] == '\0');
  return c_text(out, n);
}

// A verifier allowing these key-management algs and encs, with these decryption keys.
CVerifier decrypter(std::initializer_list<const char *> algs, std::initializer_list<const char *> encs,
                    std::initializer_list<jwtcore_key *> keys) {
  jwtcore_verifier *v = nullptr;
  REQUIRE(jwtcore_verifier_new(&v, 0) == JWTCORE_OK);
  for (const char *a : algs) REQUIRE(jwtcore_verifier_allow_alg(v, a, std::strlen(a)) == JWTCORE_OK);
  for (const char *e : encs) REQUIRE(jwtcore_verifier_allow_enc(v, e, std::strlen(e)) == JWTCORE_OK);
  for (jwtcore_key *k : keys) REQUIRE(jwtcore_verifier_add_decryption_key(v, k) == JWTCORE_OK);
  return CVerifier(v);
}

int decrypt(const jwtcore_verifier *v, const std::string &jwe, CJweResult *out = nullptr, uint32_t flags = 0) {
  jwtcore_jwe_result *r = nullptr;
  const int rc = jwtcore_jwe_decrypt(&r, v, jwe.data(), jwe.size(), flags);
  if (rc != JWTCORE_OK) CHECK(r == nullptr);
  if (out != nullptr) out->reset(r);
  else jwtcore_jwe_result_free(r);
  return rc;
}

std::string plaintext(const jwtcore_jwe_result *r) {
  const uint8_t *p = nullptr;
  size_t n = 0;
  REQUIRE(jwtcore_jwe_result_plaintext(r, &p, &n) == JWTCORE_OK);
  REQUIRE(p[n] == '\0');
  return std::string(reinterpret_cast<const char *>(p), n);
}

}  // namespace

TEST_CASE("C ABI: one-call encryption and decryption, with every result accessor") {
  CKey key = gen("ECDH-ES+A256KW:X25519");
  const std::string jwe = encrypt("hello, C", key.get(), "ECDH-ES+A256KW", "A256GCM", R"({"cty":"JWT"})");
  CVerifier v = decrypter({"ECDH-ES+A256KW"}, {"A256GCM"}, {key.get()});
  CJweResult r;
  REQUIRE(decrypt(v.get(), jwe, &r) == JWTCORE_OK);
  CHECK(plaintext(r.get()) == "hello, C");
  CHECK(std::string(jwtcore_jwe_result_alg(r.get())) == "ECDH-ES+A256KW");
  CHECK(std::string(jwtcore_jwe_result_enc(r.get())) == "A256GCM");
  CHECK(jwtcore_jwe_result_recipient_index(r.get()) == 0);
  CHECK(jwtcore_jwe_result_key(r.get()) != nullptr);
  CHECK(std::string(jwtcore_key_curve(jwtcore_jwe_result_key(r.get()))) == "X25519");
  const char *header = nullptr;
  size_t header_len = 0;
  REQUIRE(jwtcore_jwe_result_header(r.get(), &header, &header_len) == JWTCORE_OK);
  CHECK(std::string(header, header_len).find("\"cty\":\"JWT\"") != std::string::npos);
  CHECK(header[header_len] == '\0');
  // Decryption froze the verifier.
  CHECK(jwtcore_verifier_allow_enc(v.get(), "A128GCM", 7) == JWTCORE_E_INVALID_STATE);
  CHECK(jwtcore_verifier_enable_rsa1_5(v.get()) == JWTCORE_E_INVALID_STATE);
  CHECK(jwtcore_verifier_enable_pbes2(v.get(), 0) == JWTCORE_E_INVALID_STATE);
}

TEST_CASE("C ABI: flattened and general output, and the compact-only decryption flag") {
  CKey key = gen("A128KW");
  CVerifier v = decrypter({"A128KW"}, {"A128CBC-HS256"}, {key.get()});
  for (uint32_t flags : {JWTCORE_JWE_FLATTENED, JWTCORE_JWE_GENERAL}) {
    const std::string jwe = encrypt("json", key.get(), "A128KW", "A128CBC-HS256", {}, flags);
    CHECK(jwe.front() == '{');
    CJweResult r;
    REQUIRE(decrypt(v.get(), jwe, &r) == JWTCORE_OK);
    CHECK(plaintext(r.get()) == "json");
    CHECK(decrypt(v.get(), jwe, nullptr, JWTCORE_JWE_DECRYPT_COMPACT_ONLY) == JWTCORE_E_TOKEN_FORMAT);
  }
  uint8_t *out = nullptr;
  size_t n = 0;
  CHECK(jwtcore_jwe_encrypt(&out, &n, nullptr, 0, key.get(), "A128KW", 6, "A128GCM", 7, nullptr, 0, 3) == JWTCORE_E_BAD_FLAG);
  CHECK(jwtcore_jwe_encrypt(&out, &n, nullptr, 0, key.get(), "A128KW", 6, "A128GCM", 7, nullptr, 0, 4) == JWTCORE_E_BAD_FLAG);
  CHECK(out == nullptr);
  CHECK(decrypt(v.get(), "a.b.c.d.e", nullptr, 2) == JWTCORE_E_BAD_FLAG);
}

TEST_CASE("C ABI: the builder encrypts to several recipients with AAD and a shared header") {
  CKey rsa = gen("RSA-OAEP-256");
  CKey ec = gen("ECDH-ES+A128KW:P-521");
  jwtcore_jwe_encrypter *e = nullptr;
  REQUIRE(jwtcore_jwe_encrypter_new(&e, "A192GCM", 7, JWTCORE_JWE_GENERAL) == JWTCORE_OK);
  CEncrypter enc(e);
  REQUIRE(jwtcore_jwe_encrypter_add_recipient(e, rsa.get(), "RSA-OAEP-256", 12, nullptr, 0) == JWTCORE_OK);
  const std::string mine = R"({"x-note":"for ec"})";
  REQUIRE(jwtcore_jwe_encrypter_add_recipient(e, ec.get(), "ECDH-ES+A128KW", 14, mine.data(), mine.size()) == JWTCORE_OK);
  const std::string prot = R"({"typ":"example"})", shared = R"({"x-shared":1})", aad = "bound data";
  REQUIRE(jwtcore_jwe_encrypter_set_protected(e, prot.data(), prot.size()) == JWTCORE_OK);
  REQUIRE(jwtcore_jwe_encrypter_set_unprotected(e, shared.data(), shared.size()) == JWTCORE_OK);
  REQUIRE(jwtcore_jwe_encrypter_set_aad(e, reinterpret_cast<const uint8_t *>(aad.data()), aad.size()) == JWTCORE_OK);
  uint8_t *out = nullptr;
  size_t n = 0;
  const std::string pt = "to two";
  REQUIRE(jwtcore_jwe_encrypter_encrypt(&out, &n, e, reinterpret_cast<const uint8_t *>(pt.data()), pt.size()) == JWTCORE_OK);
  const std::string jwe = c_text(out, n);
  CHECK(jwe.find("\"aad\":") != std::string::npos);
  CHECK(jwe.find("\"x-shared\":1") != std::string::npos);
  int index = 0;
  for (jwtcore_key *k : {rsa.get(), ec.get()}) {
    CVerifier v = decrypter({"RSA-OAEP-256", "ECDH-ES+A128KW"}, {"A192GCM"}, {k});
    CJweResult r;
    REQUIRE(decrypt(v.get(), jwe, &r) == JWTCORE_OK);
    CHECK(plaintext(r.get()) == pt);
    CHECK(jwtcore_jwe_result_recipient_index(r.get()) == index++);
  }
  // Builder argument errors.
  CHECK(jwtcore_jwe_encrypter_add_recipient(e, rsa.get(), "RS256", 5, nullptr, 0) == JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(jwtcore_jwe_encrypter_add_recipient(e, rsa.get(), "RSA-OAEP-512", 12, nullptr, 0) == JWTCORE_E_UNKNOWN_ALG);
  CHECK(jwtcore_jwe_encrypter_add_recipient(e, nullptr, "RSA-OAEP-256", 12, nullptr, 0) == JWTCORE_E_INVALID_HANDLE);
  CHECK(jwtcore_jwe_encrypter_add_recipient(nullptr, rsa.get(), "RSA-OAEP-256", 12, nullptr, 0) == JWTCORE_E_INVALID_HANDLE);
  CHECK(jwtcore_jwe_encrypter_set_aad(e, nullptr, 3) == JWTCORE_E_INVALID_ARGUMENT);
  jwtcore_jwe_encrypter *bad = nullptr;
  CHECK(jwtcore_jwe_encrypter_new(&bad, "A512GCM", 7, 0) == JWTCORE_E_UNKNOWN_ALG);
  CHECK(bad == nullptr);
  CHECK(jwtcore_jwe_encrypter_new(&bad, "A128GCM", 7, 8) == JWTCORE_E_BAD_FLAG);
  jwtcore_jwe_encrypter_free(nullptr);
  jwtcore_jwe_result_free(nullptr);
}

TEST_CASE("C ABI: PBES2 and RSA1_5 need their verifier opt-ins; p2c cap range is validated") {
  CKey pwd;
  {
    jwtcore_key *k = nullptr;
    const std::string password = "correct horse battery staple";
    REQUIRE(jwtcore_key_from_secret(&k, reinterpret_cast<const uint8_t *>(password.data()), password.size(), 0) == JWTCORE_OK);
    pwd.reset(k);
  }
  const std::string jwe = encrypt("pbes2", pwd.get(), "PBES2-HS256+A128KW", "A128GCM");
  CVerifier off = decrypter({"PBES2-HS256+A128KW"}, {"A128GCM"}, {pwd.get()});
  CHECK(decrypt(off.get(), jwe) == JWTCORE_E_ALG_NOT_ALLOWED);
  CVerifier on = decrypter({"PBES2-HS256+A128KW"}, {"A128GCM"}, {pwd.get()});
  CHECK(jwtcore_verifier_enable_pbes2(on.get(), 999) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_verifier_enable_pbes2(on.get(), 1000001) == JWTCORE_E_INVALID_ARGUMENT);
  REQUIRE(jwtcore_verifier_enable_pbes2(on.get(), 0) == JWTCORE_OK);  // default cap 10000
  CJweResult r;
  REQUIRE(decrypt(on.get(), jwe, &r) == JWTCORE_OK);
  CHECK(plaintext(r.get()) == "pbes2");
  CVerifier low = decrypter({"PBES2-HS256+A128KW"}, {"A128GCM"}, {pwd.get()});
  REQUIRE(jwtcore_verifier_enable_pbes2(low.get(), 5000) == JWTCORE_OK);
  CHECK(decrypt(low.get(), jwe) == JWTCORE_E_LIMIT_ITERATIONS);

  CKey rsa = gen("RSA1_5");
  uint8_t *out = nullptr;
  size_t n = 0;
  CHECK(jwtcore_jwe_encrypt(&out, &n, reinterpret_cast<const uint8_t *>("x"), 1, rsa.get(), "RSA1_5", 6, "A128GCM", 7,
                            nullptr, 0, 0) == JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(jwtcore_verifier_enable_rsa1_5(nullptr) == JWTCORE_E_INVALID_HANDLE);
  CHECK(jwtcore_verifier_enable_pbes2(nullptr, 0) == JWTCORE_E_INVALID_HANDLE);
}

TEST_CASE("C ABI: zip, reserved header members, a JWS and bad arguments get exact codes") {
  CKey key = gen("A256KW");
  uint8_t *out = nullptr;
  size_t n = 0;
  const std::string zip = R"({"zip":"DEF"})", alg = R"({"alg":"dir"})";
  CHECK(jwtcore_jwe_encrypt(&out, &n, nullptr, 0, key.get(), "A256KW", 6, "A256GCM", 7, zip.data(), zip.size(), 0) ==
        JWTCORE_E_ZIP_UNSUPPORTED);
  CHECK(jwtcore_jwe_encrypt(&out, &n, nullptr, 0, key.get(), "A256KW", 6, "A256GCM", 7, alg.data(), alg.size(), 0) ==
        JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_jwe_encrypt(nullptr, &n, nullptr, 0, key.get(), "A256KW", 6, "A256GCM", 7, nullptr, 0, 0) ==
        JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_jwe_encrypt(&out, &n, nullptr, 5, key.get(), "A256KW", 6, "A256GCM", 7, nullptr, 0, 0) ==
        JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_jwe_encrypt(&out, &n, nullptr, 0, key.get(), "A256KW", 6, nullptr, 0, nullptr, 0, 0) ==
        JWTCORE_E_INVALID_ARGUMENT);
  CVerifier v = decrypter({"A256KW"}, {"A256GCM"}, {key.get()});
  CHECK(decrypt(v.get(), "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln") == JWTCORE_E_TOKEN_FORMAT);
  CHECK(std::string(jwtcore_last_error_message()).find("JWS") != std::string::npos);
  jwtcore_jwe_result *r = nullptr;
  CHECK(jwtcore_jwe_decrypt(nullptr, v.get(), "x", 1, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_jwe_decrypt(&r, nullptr, "x", 1, 0) == JWTCORE_E_INVALID_HANDLE);
  CHECK(jwtcore_jwe_decrypt(&r, v.get(), nullptr, 4, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_jwe_result_alg(nullptr) == nullptr);
  CHECK(jwtcore_jwe_result_enc(nullptr) == nullptr);
  CHECK(jwtcore_jwe_result_key(nullptr) == nullptr);
  CHECK(jwtcore_jwe_result_recipient_index(nullptr) == JWTCORE_E_INVALID_HANDLE);
  const uint8_t *p = nullptr;
  CHECK(jwtcore_jwe_result_plaintext(nullptr, &p, &n) == JWTCORE_E_INVALID_HANDLE);
}

TEST_CASE("C ABI: every cryptographic failure reads the same through jwtcore_last_error_message") {
  CKey key = gen("A128KW");
  CKey other = gen("A128KW");
  const std::string jwe = encrypt("same message", key.get(), "A128KW", "A128GCM");
  std::string flipped = jwe;
  flipped[flipped.size() - 3] = flipped[flipped.size() - 3] == 'A' ? 'B' : 'A';
  CVerifier right = decrypter({"A128KW"}, {"A128GCM"}, {key.get()});
  CVerifier wrong = decrypter({"A128KW"}, {"A128GCM"}, {other.get()});
  REQUIRE(decrypt(right.get(), flipped) == JWTCORE_E_DECRYPT);
  const std::string tag_message = jwtcore_last_error_message();
  REQUIRE(decrypt(wrong.get(), jwe) == JWTCORE_E_DECRYPT);
  CHECK(std::string(jwtcore_last_error_message()) == tag_message);
  CHECK(tag_message == "decryption failed");
}

TEST_CASE("C ABI: one frozen verifier decrypts on many threads at once") {
  CKey key = gen("ECDH-ES:P-256");
  CVerifier v = decrypter({"ECDH-ES"}, {"A256GCM"}, {key.get()});
  REQUIRE(jwtcore_verifier_freeze(v.get()) == JWTCORE_OK);
  std::vector<std::string> tokens;
  for (int i = 0; i < 8; ++i) tokens.push_back(encrypt("msg " + std::to_string(i), key.get(), "ECDH-ES", "A256GCM"));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        const int which = (i + t) % 8;
        jwtcore_jwe_result *r = nullptr;
        const std::string &jwe = tokens[static_cast<size_t>(which)];
        if (jwtcore_jwe_decrypt(&r, v.get(), jwe.data(), jwe.size(), 0) != JWTCORE_OK) {
          ++failures;
          continue;
        }
        const uint8_t *p = nullptr;
        size_t n = 0;
        if (jwtcore_jwe_result_plaintext(r, &p, &n) != JWTCORE_OK ||
            std::string(reinterpret_cast<const char *>(p), n) != "msg " + std::to_string(which)) {
          ++failures;
        }
        jwtcore_jwe_result_free(r);
      }
    });
  }
  for (auto &th : threads) th.join();
  CHECK(failures.load() == 0);
}
