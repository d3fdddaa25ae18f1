// Hashes, HMAC with precomputed state, PBKDF2 and the JOSE Concat KDF, against FIPS 180 / RFC 4231
// known answers, Wycheproof and RFC 7518 Appendix C.
#include <atomic>
#include <cstdlib>
#include <new>
#include <thread>
#include <vector>

#include "src/core/crypto/hash.hpp"
#include "src/core/crypto/hmac.hpp"
#include "src/core/crypto/kdf.hpp"
#include "test_crypto_sym.hpp"

using namespace jwtcore;
using namespace jwtcore::crypto;
using jwtcore::test::bytes_of;
using jwtcore::test::hex;
using jwtcore::test::same;
using jwtcore::test::Tally;
using jwtcore::test::WycheproofCase;

// Counts operator-new calls on this thread, so the HMAC hot path can be shown to allocate nothing.
// The whole unaligned family is replaced so every new/delete pair stays malloc/free (ASan
// otherwise pairs its own nothrow new with our delete).
namespace {
thread_local long g_allocations = 0;
void *counted_malloc(std::size_t n) noexcept {
  ++g_allocations;
  return std::malloc(n == 0 ? 1 : n);
}
}  // namespace
// GCC 12 flags free() inside a replaced operator delete as a new/free mismatch once it inlines
// the pair; here both sides are malloc/free by construction.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void *operator new(std::size_t n) {
  if (void *p = counted_malloc(n)) return p;
  throw std::bad_alloc();
}
void *operator new[](std::size_t n) { return ::operator new(n); }
void *operator new(std::size_t n, const std::nothrow_t &) noexcept { return counted_malloc(n); }
void *operator new[](std::size_t n, const std::nothrow_t &) noexcept { return counted_malloc(n); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }
void operator delete(void *p, const std::nothrow_t &) noexcept { std::free(p); }
void operator delete[](void *p, const std::nothrow_t &) noexcept { std::free(p); }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace {

HmacKey make_key(Hash h, bytes_view key) {
  auto k = HmacKey::create(h, key);
  REQUIRE(k);
  return std::move(k).value();
}

void run_wycheproof_hmac(const std::string &file, Hash h) {
  Tally tally;
  jwtcore::test::for_each_wycheproof(file, tally, [&](const WycheproofCase &c) {
    const Bytes key = c.bytes("key"), msg = c.bytes("msg"), tag = c.bytes("tag");
    REQUIRE(tag.size() * 8 == static_cast<size_t>(c.group_int("tagSize")));
    const HmacKey k = make_key(h, key);
    const Digest m = k.mac(msg);
    REQUIRE(m.size == hash_size(h));
    // Truncated-tag groups (tagSize < hash size): the valid tag is a prefix of our full tag, so
    // the MAC computation is checked on the prefix; verify() itself refuses any tag that is not
    // full length, because JWS HS* tags are never truncated (RFC 7518 §3.2).
    const bool full = tag.size() == hash_size(h);
    const bool prefix_matches = std::equal(tag.begin(), tag.end(), m.data());
    if (c.result != "acceptable") CHECK(prefix_matches == c.valid());
    CHECK(k.verify(tag, msg) == (c.valid() && full));
    if (msg.size() >= 2) {  // the multi-span form hashes the concatenation
      const size_t half = msg.size() / 2;
      const bytes_view mv(msg);
      CHECK(same(k.mac({mv.subview(0, half), bytes_view(), mv.subview(half, msg.size() - half)}).view(), m.view()));
    }
    tally.add(std::string(c.result) + (full ? "-full-tag" : "-truncated-tag(prefix-checked,verify-refuses)"));
  });
}

void run_wycheproof_pbkdf2(const std::string &file, Hash h) {
  Tally tally;
  jwtcore::test::for_each_wycheproof(file, tally, [&](const WycheproofCase &c) {
    const int64_t iterations = c.test_int("iterationCount");
    if (iterations > 100000) {  // time budget only; none in the current corpus
      tally.add("skipped(iterationCount>100000)");
      return;
    }
    auto dk = pbkdf2_hmac(h, c.bytes("password"), c.bytes("salt"), static_cast<uint32_t>(iterations),
                          static_cast<size_t>(c.test_int("dkLen")));
    REQUIRE(dk);
    CHECK(same(*dk, c.bytes("dk")) == c.valid());
    tally.add(std::string(c.result));
  });
}

}  // namespace

TEST_CASE("Hash sizes and one-shot digests match FIPS 180-4 'abc' examples") {
  CHECK(hash_size(Hash::sha1) == 20);
  CHECK(hash_size(Hash::sha256) == 32);
  CHECK(hash_size(Hash::sha384) == 48);
  CHECK(hash_size(Hash::sha512) == 64);
  CHECK(hash_block_size(Hash::sha256) == 64);
  CHECK(hash_block_size(Hash::sha384) == 128);
  const Bytes abc = bytes_of("abc");
  CHECK(same(digest(Hash::sha1, abc).view(), hex("a9993e364706816aba3e25717850c26c9cd0d89d")));
  CHECK(same(digest(Hash::sha256, abc).view(),
             hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")));
  CHECK(same(digest(Hash::sha384, abc).view(),
             hex("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                 "8086072ba1e7cc2358baeca134c825a7")));
  CHECK(same(digest(Hash::sha512, abc).view(),
             hex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                 "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")));
  CHECK(digest(Hash::sha256, bytes_view()).size == 32);
}

TEST_CASE("Wycheproof HMAC-SHA-256 vectors: every verdict matches") {
  run_wycheproof_hmac("hmac_sha256_test.json", Hash::sha256);
}
TEST_CASE("Wycheproof HMAC-SHA-384 vectors: every verdict matches") {
  run_wycheproof_hmac("hmac_sha384_test.json", Hash::sha384);
}
TEST_CASE("Wycheproof HMAC-SHA-512 vectors: every verdict matches") {
  run_wycheproof_hmac("hmac_sha512_test.json", Hash::sha512);
}

TEST_CASE("HMAC keys longer than the hash block are hashed first (RFC 4231 test case 6)") {
  // Wycheproof's longest HMAC key is 65 bytes: it never exceeds the 128-byte SHA-384/512 block.
  const Bytes key(131, 0xaa);
  const Bytes msg = bytes_of("Test Using Larger Than Block-Size Key - Hash Key First");
  CHECK(same(make_key(Hash::sha256, key).mac(msg).view(),
             hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")));
  CHECK(same(make_key(Hash::sha384, key).mac(msg).view(),
             hex("4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
                 "0c2ef6ab4030fe8296248df163f44952")));
  CHECK(same(make_key(Hash::sha512, key).mac(msg).view(),
             hex("80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                 "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598")));
}

TEST_CASE("HMAC verify refuses truncated, extended and empty tags even when the prefix is right") {
  for (Hash h : {Hash::sha256, Hash::sha384, Hash::sha512}) {
    CAPTURE(static_cast<int>(h));
    const HmacKey k = make_key(h, Bytes(32, 0x0b));
    const Bytes msg = bytes_of("eyJhbGciOiJIUzI1NiJ9.e30");
    const Digest m = k.mac(msg);
    Bytes tag(m.data(), m.data() + m.size);
    CHECK(k.verify(tag, msg));
    CHECK_FALSE(k.verify(bytes_view(tag.data(), tag.size() - 1), msg));
    CHECK_FALSE(k.verify(bytes_view(tag.data(), tag.size() / 2), msg));
    CHECK_FALSE(k.verify(bytes_view(), msg));
    Bytes longer = tag;
    longer.push_back(0);
    CHECK_FALSE(k.verify(longer, msg));
    tag.back() ^= 1;
    CHECK_FALSE(k.verify(tag, msg));
  }
}

TEST_CASE("HMAC key creation rejects SHA-1 and empty keys with exact codes") {
  CHECK(HmacKey::create(Hash::sha1, Bytes(32, 1)).status().code() == JWTCORE_E_NOT_SUPPORTED);
  for (Hash h : {Hash::sha256, Hash::sha384, Hash::sha512}) {
    CHECK(HmacKey::create(h, bytes_view()).status().code() == JWTCORE_E_KEY_WEAK);
  }
}

TEST_CASE("A moved-from HMAC key produces no tag and verifies nothing") {
  HmacKey a = make_key(Hash::sha256, Bytes(32, 7));
  const Digest expected = a.mac(bytes_of("x"));
  HmacKey b(std::move(a));
  CHECK(same(b.mac(bytes_of("x")).view(), expected.view()));
  CHECK(a.mac(bytes_of("x")).size == 0);  // NOLINT: use after move is the point
  CHECK_FALSE(a.verify(expected.view(), bytes_of("x")));
}

TEST_CASE("HMAC mac and verify do no heap allocation on the hot path") {
  const Bytes msg(200, 0x42);
  for (Hash h : {Hash::sha256, Hash::sha384, Hash::sha512}) {
    CAPTURE(static_cast<int>(h));
    const HmacKey k = make_key(h, Bytes(64, 0x11));
    const Digest tag = k.mac(msg);
    const long before = g_allocations;
    for (int i = 0; i < 100; ++i) {
      const Digest t = k.mac({bytes_view(msg).subview(0, 100), bytes_view(msg).subview(100, 100)});
      CHECK(k.verify(t.view(), msg));
    }
    CHECK(g_allocations == before);
    CHECK(tag.size == hash_size(h));
  }
}

TEST_CASE("One HMAC key is used from several threads at once with identical results") {
  const HmacKey k = make_key(Hash::sha384, Bytes(48, 0x5c));
  const Bytes msg(200, 0x01);
  const Digest expected = k.mac(msg);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        if (!k.verify(expected.view(), msg)) ++mismatches;
      }
    });
  }
  for (auto &th : threads) th.join();
  CHECK(mismatches == 0);
}

TEST_CASE("Wycheproof PBKDF2-HMAC-SHA-256 vectors match") {
  run_wycheproof_pbkdf2("pbkdf2_hmacsha256_test.json", Hash::sha256);
}
TEST_CASE("Wycheproof PBKDF2-HMAC-SHA-384 vectors match") {
  run_wycheproof_pbkdf2("pbkdf2_hmacsha384_test.json", Hash::sha384);
}
TEST_CASE("Wycheproof PBKDF2-HMAC-SHA-512 vectors match") {
  run_wycheproof_pbkdf2("pbkdf2_hmacsha512_test.json", Hash::sha512);
}

TEST_CASE("PBKDF2 rejects SHA-1, zero iterations and bad output lengths with exact codes") {
  const Bytes pw = bytes_of("password"), salt = bytes_of("salt");
  CHECK(pbkdf2_hmac(Hash::sha1, pw, salt, 1000, 16).status().code() == JWTCORE_E_NOT_SUPPORTED);
  CHECK(pbkdf2_hmac(Hash::sha256, pw, salt, 0, 16).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(pbkdf2_hmac(Hash::sha256, pw, salt, 1000, 0).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(pbkdf2_hmac(Hash::sha256, pw, salt, 1000, kMaxDerivedKeySize + 1).status().code() ==
        JWTCORE_E_INVALID_ARGUMENT);
  CHECK(pbkdf2_hmac(Hash::sha256, bytes_view(), bytes_view(), 1, 16));  // empty inputs are legal
}

TEST_CASE("Concat KDF reproduces RFC 7518 Appendix C (derived key VqqN6vgjbSBcIijNcacQGg)") {
  auto text = jwtcore::test::read_vector("rfc-appendix/rfc_examples.json");
  if (!text) return;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(simdjson::padded_string(*text));
  int found = 0;
  for (simdjson::dom::element ex : doc["examples"].get_array()) {
    if (std::string_view(ex["id"].get_string()) != "rfc7518_C") continue;
    ++found;
    const Bytes z = hex(std::string_view(ex["Z_hex"].get_string()));
    auto key = concat_kdf(z, "A128GCM", bytes_of("Alice"), bytes_of("Bob"), 128);
    REQUIRE(key);
    CHECK(same(*key, hex(std::string_view(ex["derived_key_hex"].get_string()))));
    CHECK(same(*key, hex("56aa8deaf8236d205c2228cd71a7101a")));
  }
  REQUIRE(found == 1);
}

TEST_CASE("Concat KDF output longer than one SHA-256 block uses counters 1, 2, ...") {
  const Bytes z(32, 0x33);
  auto key = concat_kdf(z, "A256CBC-HS512", bytes_of("u"), bytes_view(), 512);
  REQUIRE(key);
  REQUIRE(key->size() == 64);
  // Rebuild round 2 by hand: counter || Z || len||"A256CBC-HS512" || len||"u" || len||"" || 512.
  Bytes input = hex("00000002");
  input.insert(input.end(), z.begin(), z.end());
  const Bytes rest = hex("0000000d");
  input.insert(input.end(), rest.begin(), rest.end());
  const Bytes alg = bytes_of("A256CBC-HS512");
  input.insert(input.end(), alg.begin(), alg.end());
  const Bytes tail = hex("00000001 75 00000000 00000200");
  input.insert(input.end(), tail.begin(), tail.end());
  CHECK(same(bytes_view(*key).subview(32, 32), digest(Hash::sha256, input).view()));
  // keydatalen is hashed in (SuppPubInfo), so a shorter key is not a prefix of a longer one.
  auto shorter = concat_kdf(z, "A256CBC-HS512", bytes_of("u"), bytes_view(), 256);
  REQUIRE(shorter);
  CHECK_FALSE(same(*shorter, bytes_view(*key).subview(0, 32)));
}

TEST_CASE("Concat KDF rejects empty secrets and key lengths that are zero, fractional or huge") {
  const Bytes z(32, 1);
  CHECK(concat_kdf(bytes_view(), "A128GCM", {}, {}, 128).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(concat_kdf(z, "A128GCM", {}, {}, 0).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(concat_kdf(z, "A128GCM", {}, {}, 12).status().code() == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(concat_kdf(z, "A128GCM", {}, {}, 8 * kMaxDerivedKeySize + 8).status().code() ==
        JWTCORE_E_INVALID_ARGUMENT);
}
