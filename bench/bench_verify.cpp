// Issue 11's benchmark: JWT verification and signing per algorithm through libjwtcore (core and
// C ABI), beside the raw backend primitive on the same bytes and beside the peer libraries
// found at build time (bench/peers/), all on the same token and key; JWE for a 1 KiB payload;
// 2-thread scaling; RSS over 10^6 verifications; and the acceptance ratios, from one run.
//
// Every timed case runs in interleaved rounds (harness.hpp, Suite) and reports its median.
// Environment: JWTCORE_BENCH_ONLY=<case name> runs one case; with JWTCORE_BENCH_ITERS=N it runs
// it exactly N times untimed, for tools/bench-ir.sh (callgrind instructions per operation).
// JWTCORE_BENCH_LIST=<alg> prints the case names of one algorithm. JWTCORE_BENCH_ROUNDS
// (default 5), JWTCORE_BENCH_RSS_TOKENS (default 1000000).
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "harness.hpp"
#include "jwtcore/jwt.h"
#include "peers/peer.hpp"
#include "raw_backend.hpp"
#include "src/core/base64url.hpp"
#include "src/core/crypto/aes.hpp"
#include "src/core/crypto/ec.hpp"
#include "src/core/crypto/hmac.hpp"
#include "src/core/crypto/kdf.hpp"
#include "src/core/crypto/okp.hpp"
#include "src/core/crypto/sha256.hpp"
#include "src/core/jwe.hpp"
#include "src/core/jwk.hpp"
#include "src/core/jwt.hpp"
#include "src/core/keygen.hpp"

using namespace jwtcore;
using bench::Fixture;
namespace raw = bench::raw;

namespace {

constexpr const char *kIssuer = "https://issuer.example.com";
constexpr const char *kAudience = "https://api.example.com";
// Peer figures recorded in issue 11 on this machine type, for what Debian does not ship.
constexpr double kJwtCppHs256Ns = 3640;
constexpr double kJwtCppEdDsaNs = 77800;
constexpr double kLibsodiumEdDsaNs = 43000;  // libsodium's Ed25519 verify in the same measurement

[[noreturn]] void die(const std::string &what) {
  std::fprintf(stderr, "bench_verify: %s\n", what.c_str());
  std::exit(1);
}

template <class T>
T must(Result<T> r, const char *what) {
  if (!r) die(std::string(what) + ": " + r.status().message());
  return std::move(*r);
}

// JWTCORE_BENCH_LIST=<alg> lists the case names of that algorithm's section instead of running.
bool wanted(const std::string &alg) {
  const char *only = std::getenv("JWTCORE_BENCH_LIST");
  if (only == nullptr) only = std::getenv("JWTCORE_BENCH_ONLY");
  return only == nullptr || std::strstr(only, alg.c_str()) != nullptr;
}

// ---- fixtures --------------------------------------------------------------------------------

// The claims every token carries. With {"alg":"HS256","typ":"JWT"} the HS256 signing input is
// 191 bytes, the size issue 11's peer figures were measured on.
JwtBuilder claims_builder(const char *issuer = kIssuer) {
  JwtBuilder b;
  auto ok = [](Status st) {
    if (!st) die(st.message());
  };
  ok(b.set_string("iss", issuer));
  ok(b.set_string("sub", "4242"));
  ok(b.set_audience({kAudience}));
  ok(b.set_int("iat", 1700000000));
  ok(b.set_int("exp", 4102444800));  // 2100-01-01
  return b;
}

KeyPtr make_key(const std::string &alg, Fixture &f) {
  if (alg.rfind("HS", 0) == 0) {
    std::string secret(alg == "HS256" ? 32 : alg == "HS384" ? 48 : 64, '\0');
    randombytes_buf(secret.data(), secret.size());
    f.hmac_secret = secret;
    return must(key_from_secret(bytes_view(secret)), "HMAC key");
  }
  KeyPtr key = must(generate_key(alg), "key generation");
  f.private_pem = std::string(must(key_to_pem(*key, true), "PEM export"));
  f.public_pem = std::string(must(key_to_pem(*key, false), "PEM export"));
  if (alg == "EdDSA") {
    SecretBytes seed = must(key->ed25519()->seed(), "Ed25519 seed");
    f.ed25519_sk.assign(seed.begin(), seed.end());
    const Bytes &pub = key->ed25519()->public_key();
    f.ed25519_sk.append(pub.begin(), pub.end());
  }
  return key;
}

struct Subject {
  Fixture f;
  std::string other_issuer;  // the same claims from another issuer, signed with the same key
  KeyPtr key;
  Alg alg = Alg::none;
};

Subject make_subject(const std::string &alg_name) {
  Subject s;
  s.f.alg = alg_name;
  s.f.issuer = kIssuer;
  s.f.audience = kAudience;
  s.f.now = static_cast<int64_t>(std::time(nullptr));
  s.alg = find_alg(alg_name)->alg;
  s.key = make_key(alg_name, s.f);
  s.f.public_jwk = std::string(must(key_to_jwk(*s.key, s.f.alg.rfind("HS", 0) == 0), "JWK export"));
  s.f.token = must(jwt_sign(claims_builder(), s.key, s.alg), "signing the fixture");
  s.other_issuer = must(jwt_sign(claims_builder("https://evil.example.com"), s.key, s.alg), "signing the fixture");
  return s;
}

// A copy of `token` with one signature bit flipped.
std::string tampered(const std::string &token) {
  std::string t = token;
  char &c = t[t.size() - 3];
  c = c == 'A' ? 'B' : 'A';
  return t;
}

// ---- verifiers -----------------------------------------------------------------------------

struct Signed {
  std::string signing_input;
  raw::Bytes signature;
};

Signed split(const std::string &token) {
  const size_t d2 = token.rfind('.');
  Signed s{token.substr(0, d2), {}};
  Bytes sig;
  if (!base64url::decode(std::string_view(token).substr(d2 + 1), sig)) die("signature base64url");
  s.signature.assign(sig.begin(), sig.end());
  return s;
}

struct CoreVerifier {
  Verifier v;
  JwtScratch scratch;
  Claims claims;
  bool verify(const std::string &token) { return jwt_verify(token, v, scratch, claims).is_ok(); }
};

std::unique_ptr<CoreVerifier> core_verifier(const Subject &s) {
  auto c = std::make_unique<CoreVerifier>();
  c->v.jws.allowed.add(s.alg);
  c->v.keys.keys.push_back(s.key);
  c->v.claims.issuers = {kIssuer};
  c->v.claims.audiences = {kAudience};
  c->v.frozen = true;
  return c;
}

struct CVerifier {
  jwtcore_key *key = nullptr;
  jwtcore_verifier *v = nullptr;
  CVerifier() = default;
  CVerifier(const CVerifier &) = delete;
  CVerifier &operator=(const CVerifier &) = delete;
  ~CVerifier() {
    jwtcore_verifier_free(v);
    jwtcore_key_free(key);
  }
  bool verify(const std::string &token) const {
    jwtcore_claims *c = nullptr;
    const int rc = jwtcore_jwt_verify(&c, v, token.data(), token.size());
    jwtcore_claims_free(c);
    return rc == JWTCORE_OK;
  }
};

std::unique_ptr<CVerifier> c_verifier(const Subject &s) {
  auto c = std::make_unique<CVerifier>();
  const std::string jwk = std::string(must(key_to_jwk(*s.key, s.f.alg.rfind("HS", 0) == 0), "JWK export"));
  const std::string alg = s.f.alg;
  if (jwtcore_key_from_jwk(&c->key, jwk.data(), jwk.size(), 0) != JWTCORE_OK || jwtcore_verifier_new(&c->v, 0) != JWTCORE_OK ||
      jwtcore_verifier_allow_alg(c->v, alg.data(), alg.size()) != JWTCORE_OK ||
      jwtcore_verifier_add_key(c->v, c->key) != JWTCORE_OK ||
      jwtcore_verifier_add_issuer(c->v, kIssuer, std::strlen(kIssuer)) != JWTCORE_OK ||
      jwtcore_verifier_add_audience(c->v, kAudience, std::strlen(kAudience)) != JWTCORE_OK ||
      jwtcore_verifier_freeze(c->v) != JWTCORE_OK) {
    die("C verifier setup: " + std::string(jwtcore_last_error_message()));
  }
  return c;
}

// Runs `verify` on the token (must pass), on a forged copy and on a validly signed token from
// another issuer (both must fail) before it is timed.
bool sane(const std::string &who, const Subject &s, const bench::Verify &verify) {
  const bool good = verify(s.f.token), forged = verify(tampered(s.f.token)), other = verify(s.other_issuer);
  if (good && !forged && !other) return true;
  std::printf("  !! %s %s: %s — not measured\n", who.c_str(), s.f.alg.c_str(),
              !good ? "rejected the valid token" : forged ? "accepted a forged signature" : "accepted another issuer");
  return false;
}

// ---- the JWS / JWT section -------------------------------------------------------------------

struct Holder {  // keeps everything the registered cases point to alive for the whole run
  std::vector<std::unique_ptr<Subject>> subjects;
  std::vector<std::unique_ptr<CoreVerifier>> core;
  std::vector<std::unique_ptr<CVerifier>> capi;
  std::vector<raw::Primitive> raw;
  std::vector<std::unique_ptr<Signed>> split;
  std::vector<std::unique_ptr<crypto::HmacKey>> hmac;
  std::vector<std::unique_ptr<JwtBuilder>> builders;
};

std::string row(const std::string &who, const std::string &alg, const char *op) { return who + " " + alg + " " + op; }

void add_peers(bench::Suite &suite, const std::vector<bench::Peer> &peers, const Subject &s) {
  for (const auto &p : peers) {
    bench::Verify fn = p.make_verifier(s.f);
    if (!fn || !sane(p.name, s, fn)) continue;
    const std::string *token = &s.f.token;
    suite.add(row(p.name, s.f.alg, "verify"), [fn, token] { bench::do_not_optimize(fn(*token)); });
  }
}

void add_raw_hmac_ours(bench::Suite &suite, Holder &h, const Subject &s, const Signed *sg) {
  const auto hash = s.f.alg == "HS256" ? crypto::Hash::sha256 : s.f.alg == "HS384" ? crypto::Hash::sha384 : crypto::Hash::sha512;
  h.hmac.push_back(std::make_unique<crypto::HmacKey>(must(crypto::HmacKey::create(hash, bytes_view(s.f.hmac_secret)), "HmacKey")));
  const crypto::HmacKey *mac = h.hmac.back().get();
  suite.add(row("raw", s.f.alg, "verify (libjwtcore crypto::HmacKey)"), [mac, sg] {
    bench::do_not_optimize(mac->verify(bytes_view(sg->signature.data(), sg->signature.size()), bytes_view(sg->signing_input)));
  });
}

void add_alg(bench::Suite &suite, Holder &h, const std::vector<bench::Peer> &peers, const std::string &alg) {
  h.subjects.push_back(std::make_unique<Subject>(make_subject(alg)));
  const Subject &s = *h.subjects.back();
  h.split.push_back(std::make_unique<Signed>(split(s.f.token)));
  const Signed *sg = h.split.back().get();
  h.raw.push_back(raw::make(s.f));
  const raw::Primitive raw = h.raw.back();
  if (!raw.verify(sg->signing_input, sg->signature)) die("raw " + alg + " rejects the fixture");
  suite.add(row("raw", alg, "verify"), [raw, sg] { bench::do_not_optimize(raw.verify(sg->signing_input, sg->signature)); });
  if (alg.rfind("HS", 0) == 0) add_raw_hmac_ours(suite, h, s, sg);

  h.core.push_back(core_verifier(s));
  CoreVerifier *core = h.core.back().get();
  h.capi.push_back(c_verifier(s));
  const CVerifier *capi = h.capi.back().get();
  if (!sane("libjwtcore", s, [core](const std::string &t) { return core->verify(t); }) ||
      !sane("libjwtcore C ABI", s, [capi](const std::string &t) { return capi->verify(t); })) {
    die("libjwtcore fails its own fixture");
  }
  const std::string *token = &s.f.token;
  suite.add(row("libjwtcore", alg, "verify"), [core, token] { bench::do_not_optimize(core->verify(*token)); });
  suite.add(row("libjwtcore", alg, "verify (C ABI)"), [capi, token] { bench::do_not_optimize(capi->verify(*token)); });
  add_peers(suite, peers, s);

  suite.add(row("raw", alg, "sign"), [raw, sg] { bench::do_not_optimize(raw.sign(sg->signing_input).size()); });
  h.builders.push_back(std::make_unique<JwtBuilder>(claims_builder()));
  const JwtBuilder *b = h.builders.back().get();
  const Subject *sp = &s;
  suite.add(row("libjwtcore", alg, "sign"), [b, sp] { bench::do_not_optimize(jwt_sign(*b, sp->key, sp->alg).is_ok()); });
}

// ---- JWE ---------------------------------------------------------------------------------------

const std::string kPayload(1024, 'p');

struct JweCase {
  std::string label, spec;
  Alg alg;
};

JwePolicy jwe_policy(Alg alg) {
  JwePolicy p;
  p.allowed.add(alg);
  p.allowed_enc.add(Enc::a256gcm);
  return p;
}

// The backend work of one ECDH-ES+A256KW / A256KW / dir decryption: key agreement and Concat
// KDF (ECDH-ES), AES key unwrap (A256KW), AES-256-GCM of 1 KiB — through src/core/crypto, the
// thin layer over mbedTLS / libsodium.
struct JweRaw {
  Bytes kek = Bytes(32, 7), cek = Bytes(32, 9), iv = Bytes(12, 3), aad = Bytes(40, 'a');
  crypto::Sealed sealed;
  Bytes wrapped;
  std::optional<crypto::EcKey> ec_a, ec_peer, ec_a_public;  // recipient, ephemeral public, recipient public
  std::optional<crypto::X25519Key> x_a, x_peer, x_a_public;

  bool decrypt(Alg alg, bool x25519) const {
    SecretBytes derived;
    if (alg == Alg::ecdh_es_a256kw) {
      auto z = x25519 ? x_a->derive(*x_peer) : ec_a->ecdh(*ec_peer);
      derived = std::move(*crypto::concat_kdf(*z, "ECDH-ES+A256KW", {}, {}, 256));
    }
    SecretBytes cek_now(cek.begin(), cek.end());
    if (alg != Alg::dir) {
      auto unwrapped = crypto::aes_kw_unwrap(derived.empty() ? bytes_view(kek) : bytes_view(derived), wrapped);
      if (!unwrapped) return false;
      cek_now = std::move(*unwrapped);
    }
    return crypto::aes_gcm_decrypt(cek_now, iv, aad, sealed.ciphertext, sealed.tag).is_ok();
  }

  // The sender's side: a fresh ephemeral key and agreement (ECDH-ES), a random CEK wrapped
  // (A256KW), a random IV, AES-256-GCM of 1 KiB.
  bool encrypt(Alg alg, bool x25519) const {
    SecretBytes derived;
    if (alg == Alg::ecdh_es_a256kw) {
      Result<SecretBytes> z = x25519 ? crypto::X25519Key::generate()->derive(*x_a_public)
                                     : crypto::EcKey::generate(crypto::Curve::p256)->ecdh(*ec_a_public);
      derived = std::move(*crypto::concat_kdf(*z, "ECDH-ES+A256KW", {}, {}, 256));
    }
    SecretBytes cek_now(cek.begin(), cek.end());
    Bytes iv_now(12);
    randombytes_buf(iv_now.data(), iv_now.size());
    if (alg != Alg::dir) {
      randombytes_buf(cek_now.data(), cek_now.size());
      if (!crypto::aes_kw_wrap(derived.empty() ? bytes_view(kek) : bytes_view(derived), cek_now)) return false;
    }
    return crypto::aes_gcm_encrypt(cek_now, iv_now, aad, bytes_view(kPayload)).is_ok();
  }
};

std::unique_ptr<JweRaw> jwe_raw(Alg alg, bool x25519) {
  auto r = std::make_unique<JweRaw>();
  r->sealed = must(crypto::aes_gcm_encrypt(r->cek, r->iv, r->aad, bytes_view(kPayload)), "GCM");
  Bytes kek = r->kek;
  if (alg == Alg::ecdh_es_a256kw && x25519) {
    r->x_a.emplace(must(crypto::X25519Key::generate(), "X25519"));
    r->x_a_public.emplace(r->x_a->public_only());
    r->x_peer.emplace(must(crypto::X25519Key::generate(), "X25519").public_only());
    auto k = must(crypto::concat_kdf(must(r->x_a->derive(*r->x_peer), "X25519"), "ECDH-ES+A256KW", {}, {}, 256), "KDF");
    kek.assign(k.begin(), k.end());
  } else if (alg == Alg::ecdh_es_a256kw) {
    r->ec_a.emplace(must(crypto::EcKey::generate(crypto::Curve::p256), "P-256"));
    r->ec_a_public.emplace(r->ec_a->public_only());
    r->ec_peer.emplace(must(crypto::EcKey::generate(crypto::Curve::p256), "P-256").public_only());
    auto k = must(crypto::concat_kdf(must(r->ec_a->ecdh(*r->ec_peer), "ECDH"), "ECDH-ES+A256KW", {}, {}, 256), "KDF");
    kek.assign(k.begin(), k.end());
  }
  if (alg != Alg::dir) r->wrapped = must(crypto::aes_kw_wrap(kek, r->cek), "KW");
  if (!r->decrypt(alg, x25519) || !r->encrypt(alg, x25519)) die("raw JWE composite fails");
  return r;
}

struct JweHolder {
  std::vector<std::unique_ptr<JweRaw>> raw;
  std::vector<KeyPtr> keys;
  std::vector<std::unique_ptr<std::string>> tokens;
  std::vector<std::unique_ptr<JweScratch>> scratch;
  std::vector<std::unique_ptr<JweDecrypted>> out;
};

void add_jwe(bench::Suite &suite, JweHolder &h, const JweCase &c) {
  const bool x25519 = c.spec.find("X25519") != std::string::npos;
  h.raw.push_back(jwe_raw(c.alg, x25519));
  const JweRaw *raw = h.raw.back().get();
  const Alg alg = c.alg;
  suite.add("raw JWE " + c.label + " decrypt", [raw, alg, x25519] { bench::do_not_optimize(raw->decrypt(alg, x25519)); });

  KeyPtr key = must(generate_key(c.spec), "JWE key");
  h.keys.push_back(key);
  JweRecipientSpec r;
  r.key = key;
  r.alg = c.alg;
  const std::vector<JweRecipientSpec> recipients{r};
  h.tokens.push_back(std::make_unique<std::string>(must(jwe_encrypt(bytes_view(kPayload), recipients, Enc::a256gcm, {}), "JWE")));
  const std::string *token = h.tokens.back().get();
  auto policy = std::make_shared<JwePolicy>(jwe_policy(c.alg));
  auto ring = std::make_shared<KeyRing>();
  ring->keys.push_back(key);
  h.scratch.push_back(std::make_unique<JweScratch>());
  h.out.push_back(std::make_unique<JweDecrypted>());
  JweScratch *scratch = h.scratch.back().get();
  JweDecrypted *out = h.out.back().get();
  if (!jwe_decrypt(*token, *policy, *ring, *scratch, *out)) die("JWE fixture does not decrypt");
  suite.add("libjwtcore JWE " + c.label + " decrypt", [=] {
    bench::do_not_optimize(jwe_decrypt(*token, *policy, *ring, *scratch, *out).code());
  });
  suite.add("raw JWE " + c.label + " encrypt", [raw, alg, x25519] { bench::do_not_optimize(raw->encrypt(alg, x25519)); });
  suite.add("libjwtcore JWE " + c.label + " encrypt", [recipients] {
    bench::do_not_optimize(jwe_encrypt(bytes_view(kPayload), recipients, Enc::a256gcm, {}).is_ok());
  });
}

// ---- threads and memory ------------------------------------------------------------------------

// Verifications per second by `threads` threads sharing one frozen C verifier for ~0.4 s.
double throughput(const CVerifier &v, const std::string &token, int threads) {
  std::atomic<bool> go{false}, stop{false};
  std::vector<uint64_t> counts(threads * 8, 0);  // 64 bytes apart: no false sharing
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      uint64_t n = 0;
      while (!stop.load(std::memory_order_relaxed)) n += v.verify(token) ? 1 : 0;
      counts[t * 8] = n;
    });
  }
  const auto t0 = std::chrono::steady_clock::now();
  go = true;
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  stop = true;
  for (auto &th : pool) th.join();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  uint64_t total = 0;
  for (int t = 0; t < threads; ++t) total += counts[t * 8];
  return double(total) / secs;
}

// 1- and 2-thread throughput measured back to back in 5 rounds; the median of the per-round
// ratios (as Suite::paired_ratio does for times).
double thread_scaling(const CVerifier &v, const std::string &token, const char *alg) {
  std::vector<double> one, ratio;
  for (int r = 0; r < 5; ++r) {
    one.push_back(throughput(v, token, 1));
    ratio.push_back(throughput(v, token, 2) / one.back());
  }
  std::sort(one.begin(), one.end());
  std::sort(ratio.begin(), ratio.end());
  std::printf("  %-6s 1 thread %10.0f verifies/s (median), 2 threads / 1 thread: %.2fx (median of 5 paired rounds, %.2f-%.2f)\n",
              alg, one[2], ratio[2], ratio[0], ratio[4]);
  return ratio[2];
}

long rss_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return -1;
}

long rss_growth(const CVerifier &v, const std::string &token, long n) {
  for (long i = 0; i < 10000; ++i) v.verify(token);
  const long before = rss_kib();
  long ok = 0;
  for (long i = 0; i < n; ++i) ok += v.verify(token) ? 1 : 0;
  const long after = rss_kib();
  std::printf("  %ld HS256 verifications (C ABI, %ld accepted): VmRSS %ld KiB after warm-up, %ld KiB after: %+ld KiB\n", n,
              ok, before, after, after - before);
  return after - before;
}

// ---- report ------------------------------------------------------------------------------------

// The raw row a libjwtcore row compares to ("libjwtcore HS256 verify (C ABI)" -> "raw HS256
// verify"), and the libjwtcore row a peer row compares to.
std::string raw_of(const std::string &name) {
  std::string r = "raw" + name.substr(std::string("libjwtcore").size());
  const size_t paren = r.find(" (");
  return paren == std::string::npos ? r : r.substr(0, paren);
}

void print_table(const bench::Suite &suite) {
  std::printf("\n%-56s %14s  %s\n", "case", "median ns/op", "ratio");
  for (const auto &c : suite.cases()) {
    std::string note;
    char buf[96];
    if (c.name.rfind("libjwtcore", 0) == 0 && suite.get(raw_of(c.name)) > 0) {
      std::snprintf(buf, sizeof buf, "%.2fx raw", suite.paired_ratio(c.name, raw_of(c.name)));
      note = buf;
    } else if (c.name.rfind("raw", 0) != 0) {  // a peer: "<peer> <alg> verify"
      const size_t alg_at = c.name.rfind(' ', c.name.size() - std::string(" verify").size() - 1);
      const std::string ours = "libjwtcore" + c.name.substr(alg_at);
      if (suite.get(ours) > 0) std::snprintf(buf, sizeof buf, "libjwtcore %.2fx faster", suite.paired_ratio(c.name, ours)), note = buf;
    }
    std::printf("%-56s %14.1f  %s\n", c.name.c_str(), c.median, note.c_str());
  }
}

struct Verdicts {
  int pass = 0, fail = 0;
  void line(bool ok, const std::string &text) {
    std::printf("  [%s] %s\n", ok ? "PASS" : "FAIL", text.c_str());
    (ok ? pass : fail)++;
  }
};

std::string fmt(const char *f, double a, double b = 0, double c = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, f, a, b, c);
  return buf;
}

// Ratios are paired per round (Suite::paired_ratio); the times printed are medians.
void hs256_verdicts(const bench::Suite &s, const std::vector<bench::Peer> &peers, Verdicts &v) {
  const std::string ours = "libjwtcore HS256 verify";
  double fastest = 0;
  std::string fastest_name;
  for (const auto &p : peers) {
    const double t = s.get(row(p.name, "HS256", "verify"));
    if (t > 0 && (fastest == 0 || t < fastest)) fastest = t, fastest_name = p.name;
  }
  if (fastest > 0) {
    v.line(s.paired_ratio(row(fastest_name, "HS256", "verify"), ours) >= 2.5,
           fmt("HS256 verify %.0f ns, fastest installed peer %.0f ns: %.2fx faster (need >= 2.5x)", s.get(ours), fastest,
               s.paired_ratio(row(fastest_name, "HS256", "verify"), ours)) + " [" + fastest_name + "]");
  } else {
    std::printf("  [----] HS256 vs peers: no peer library installed (tools/bench.sh installs them)\n");
  }
  std::printf("         vs jwt-cpp as recorded in issue 11 (3.64 us; not in Debian): %.2fx faster\n", kJwtCppHs256Ns / s.get(ours));
  v.line(s.paired_ratio(ours, "raw HS256 verify") <= 1.5,
         fmt("HS256 verify / raw libsodium HMAC-SHA-256 (precomputed state): %.2fx (need <= 1.5x)", s.paired_ratio(ours, "raw HS256 verify")));
  std::printf("         HS256 verify / libjwtcore's own HMAC-SHA-256 (SHA-NI when the CPU has it, as here: %s): %.2fx\n",
              crypto::sha256::best() == crypto::sha256::Impl::x86_sha ? "yes" : "no",
              s.paired_ratio(ours, "raw HS256 verify (libjwtcore crypto::HmacKey)"));
}

void eddsa_verdict(const bench::Suite &s, Verdicts &v) {
  const double ed = s.get("libjwtcore EdDSA verify"), raw = s.get("raw EdDSA verify");
  v.line(kJwtCppEdDsaNs / ed >= 1.5, fmt("EdDSA verify %.0f ns (raw libsodium %.0f ns): %.2fx faster than jwt-cpp's recorded 77.8 us (need >= 1.5x)", ed,
                                         raw, kJwtCppEdDsaNs / ed));
  // The issue measured jwt-cpp beside libsodium at 43 us: scaled to this machine's libsodium.
  std::printf("         scaled by this machine's libsodium (%.1f us against the issue's 43 us): jwt-cpp ~%.1f us, %.2fx\n", raw / 1000,
              kJwtCppEdDsaNs * raw / kLibsodiumEdDsaNs / 1000, kJwtCppEdDsaNs / kLibsodiumEdDsaNs / s.paired_ratio("libjwtcore EdDSA verify", "raw EdDSA verify"));
}

void verdicts(const bench::Suite &s, const std::vector<bench::Peer> &peers, double scaling, long rss) {
  Verdicts v;
  std::printf("\nacceptance (issue 11), from this run:\n");
  hs256_verdicts(s, peers, v);
  eddsa_verdict(s, v);
  for (const char *alg : {"ES256", "RS256", "PS256"}) {
    const std::string ours = row("libjwtcore", alg, "verify"), raw = row("raw", alg, "verify");
    v.line(s.paired_ratio(ours, raw) <= 1.05, std::string(alg) + fmt(" verify: %.0f ns, raw mbedTLS %.0f ns: %.3fx (need <= 1.05x)", s.get(ours),
                                                                     s.get(raw), s.paired_ratio(ours, raw)));
    for (const auto &p : peers) {
      const double t = s.get(row(p.name, alg, "verify"));
      if (t > 0) {
        std::printf("         %s %s verify %.0f ns: libjwtcore takes %.2fx its time\n", p.name.c_str(), alg, t,
                    s.paired_ratio(ours, row(p.name, alg, "verify")));
      }
    }
  }
  v.line(scaling >= 1.8, fmt("2-thread HS256 verify throughput / 1 thread: %.2fx (need >= 1.8x)", scaling));
  v.line(rss <= 1024, fmt("RSS growth over the verifications after warm-up: %.0f KiB (need <= 1024 KiB)", double(rss)));
  std::printf("  HS256 instructions per verification: tools/bench-ir.sh (callgrind; need <= 28,000)\n");
  std::printf("acceptance: %d passed, %d failed\n", v.pass, v.fail);
}

std::vector<bench::Peer> peers() {
  std::vector<bench::Peer> p;
#ifdef BENCH_HAVE_LIBJWT
  bench::add_libjwt(p);
#endif
#ifdef BENCH_HAVE_CJOSE
  bench::add_cjose(p);
#endif
#ifdef BENCH_HAVE_LATCHSET_JOSE
  bench::add_latchset_jose(p);
#endif
#ifdef BENCH_HAVE_CPP_JWT
  bench::add_cpp_jwt(p);
#endif
  return p;
}

}  // namespace

int main() {
  if (sodium_init() < 0) return 1;
  const std::vector<bench::Peer> peer_list = peers();
  bench::Suite suite;
  Holder holder;
  for (const char *alg : {"HS256", "HS384", "HS512", "RS256", "PS256", "ES256", "EdDSA"})
    if (wanted(alg)) add_alg(suite, holder, peer_list, alg);
  JweHolder jwe;
  const JweCase jwe_cases[] = {{"dir+A256GCM", "A256GCM", Alg::dir},
                               {"A256KW+A256GCM", "A256KW", Alg::a256kw},
                               {"ECDH-ES+A256KW(P-256)+A256GCM", "ECDH-ES+A256KW", Alg::ecdh_es_a256kw},
                               {"ECDH-ES+A256KW(X25519)+A256GCM", "ECDH-ES+A256KW:X25519", Alg::ecdh_es_a256kw}};
  for (const auto &c : jwe_cases)
    if (wanted("JWE " + c.label)) add_jwe(suite, jwe, c);
  if (std::getenv("JWTCORE_BENCH_LIST") != nullptr) {
    for (const auto &c : suite.cases()) std::printf("case: %s\n", c.name.c_str());
    return 0;
  }
  if (!suite.timing() || std::getenv("JWTCORE_BENCH_ONLY") != nullptr) {
    suite.run();  // one case (or callgrind mode): no summary, threads or memory sections
    if (suite.timing()) {
      print_table(suite);
    } else {
      std::printf("%zu cases run %s times each, untimed\n", suite.cases().size(), std::getenv("JWTCORE_BENCH_ITERS"));
    }
    return 0;
  }
  const Subject &hs = *holder.subjects.front();
  std::printf("libjwtcore %s; HS256 token %zu bytes, signing input %zu bytes; peers:", jwtcore_version_string(), hs.f.token.size(),
              hs.f.token.rfind('.'));
  for (const auto &p : peer_list) std::printf(" [%s]", p.name.c_str());
  std::printf("%s\n", peer_list.empty() ? " none installed" : "");
  const char *rounds = std::getenv("JWTCORE_BENCH_ROUNDS");
  suite.run(rounds != nullptr ? std::atoi(rounds) : 5);
  print_table(suite);

  std::printf("\nthreads (one frozen verifier shared, C ABI, %u CPUs):\n", std::thread::hardware_concurrency());
  const CVerifier &hs_c = *holder.capi.front();
  const double scaling = thread_scaling(hs_c, hs.f.token, "HS256");
  const char *rss_n = std::getenv("JWTCORE_BENCH_RSS_TOKENS");
  std::printf("\nmemory:\n");
  const long rss = rss_growth(hs_c, hs.f.token, rss_n != nullptr ? std::atol(rss_n) : 1000000);
  verdicts(suite, peer_list, scaling, rss);
  return 0;
}
