// Our SHA-256 (portable and x86 SHA extensions) and the HMAC-SHA-256 built on it, checked for each
// implementation the CPU supports against FIPS 180-4 / RFC 6234 §8.5 examples, against mbedTLS
// (crypto::digest) on every length 0..300 and every two-way split, and against Wycheproof and
// RFC 4231 HMAC vectors. An implementation this CPU lacks is reported with WARN, never passed.
#include <algorithm>
#include <cstring>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "src/core/crypto/hash.hpp"
#include "src/core/crypto/hmac.hpp"
#include "src/core/crypto/sha256.hpp"
#include "test_crypto_sym.hpp"

using namespace jwtcore;
using namespace jwtcore::crypto;
using jwtcore::test::bytes_of;
using jwtcore::test::hex;
using jwtcore::test::same;
using jwtcore::test::Tally;
using jwtcore::test::WycheproofCase;

namespace {

const std::pair<sha256::Impl, const char *> kImpls[] = {
    {sha256::Impl::portable, "portable"},
    {sha256::Impl::x86_sha, "x86_sha"},
};

// Runs `body(impl)` in one section per implementation; an unsupported one WARNs instead.
template <class Body>
void for_each_impl(Body body) {
  for (const auto &[impl, name] : kImpls) {
    DYNAMIC_SECTION("implementation " << name) {
      if (!sha256::supported(impl)) {
        WARN("SKIPPED: this CPU (or valgrind's emulated one) lacks the SHA-256 implementation '"
             << name << "'; its checks did not run");
        continue;
      }
      body(impl);
    }
  }
}

Bytes sha(sha256::Impl impl, bytes_view data) {
  Bytes out(sha256::kDigestSize);
  sha256::hash(impl, data, out.data());
  return out;
}

Bytes pattern(size_t n) {
  Bytes b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(i * 131 + (i >> 8) * 7 + 1);
  return b;
}

// RFC 2104 §2 written out with the mbedTLS digest: H((K' ^ opad) || H((K' ^ ipad) || m)).
Bytes hmac_by_definition(bytes_view key, bytes_view msg) {
  Bytes k(64, 0);
  if (key.size() > 64) {
    const Digest d = digest(Hash::sha256, key);
    std::copy(d.data(), d.data() + d.size, k.begin());
  } else {
    std::copy(key.begin(), key.end(), k.begin());
  }
  Bytes inner(64), outer(64);
  for (size_t i = 0; i < 64; ++i) {
    inner[i] = static_cast<uint8_t>(k[i] ^ 0x36);
    outer[i] = static_cast<uint8_t>(k[i] ^ 0x5c);
  }
  inner.insert(inner.end(), msg.begin(), msg.end());
  const Digest ih = digest(Hash::sha256, inner);
  outer.insert(outer.end(), ih.data(), ih.data() + ih.size);
  const Digest tag = digest(Hash::sha256, outer);
  return Bytes(tag.data(), tag.data() + tag.size);
}

Bytes hmac_with(sha256::Impl impl, bytes_view key, bytes_view msg) {
  const Digest d = hmac_sha256(impl, key, &msg, 1);
  return Bytes(d.data(), d.data() + d.size);
}

bool cpuinfo_lists_sha_extensions() {
  std::ifstream f("/proc/cpuinfo");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    const auto has = [&](const char *flag) { return (line + " ").find(std::string(" ") + flag + " ") != std::string::npos; };
    return has("sha_ni") && has("ssse3") && has("sse4_1");
  }
  return false;
}

}  // namespace

TEST_CASE("SHA-256 dispatch: best() is supported, portable always is, x86_sha agrees with the CPU") {
  CHECK(sha256::supported(sha256::Impl::portable));
  CHECK(sha256::supported(sha256::best()));
  const bool x86 = sha256::supported(sha256::Impl::x86_sha);
  CHECK((sha256::best() == sha256::Impl::x86_sha) == x86);
#if defined(__x86_64__) || defined(__i386__)
  if (x86) {
    // CPUID said yes; /proc/cpuinfo must say so too (when there is one to read).
    if (std::ifstream("/proc/cpuinfo")) CHECK(cpuinfo_lists_sha_extensions());
  } else if (cpuinfo_lists_sha_extensions()) {
    WARN("the kernel reports sha_ni but CPUID does not (valgrind hides it): x86_sha is not tested here");
  }
#else
  CHECK_FALSE(x86);
#endif
  WARN("SHA-256 implementation chosen for this CPU: "
       << (sha256::best() == sha256::Impl::x86_sha ? "x86_sha" : "portable"));
}

TEST_CASE("SHA-256 reproduces the FIPS 180-4 / RFC 6234 section 8.5 examples") {
  for_each_impl([](sha256::Impl impl) {
    CHECK(same(sha(impl, bytes_view()), hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")));
    CHECK(same(sha(impl, bytes_of("abc")),
               hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")));
    CHECK(same(sha(impl, bytes_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
               hex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")));
    CHECK(same(sha(impl, bytes_of("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                                  "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")),
               hex("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")));
    const Bytes expected_million = hex("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    const Bytes million(1000000, 'a');
    CHECK(same(sha(impl, million), expected_million));
    // The same million bytes in 1000 updates of 1000: most start and end mid-block.
    sha256::Hasher h(impl);
    for (size_t i = 0; i < 1000; ++i) h.update(bytes_view(million).subview(1000 * i, 1000));
    Bytes out(32);
    h.final(out.data());
    CHECK(same(out, expected_million));
  });
}

TEST_CASE("SHA-256 of every length 0..300, split every way into two updates, matches mbedTLS") {
  const Bytes msg = pattern(300);
  for_each_impl([&](sha256::Impl impl) {
    long compared = 0, mismatched = 0;
    for (size_t len = 0; len <= msg.size(); ++len) {
      const bytes_view m(msg.data(), len);
      const Digest reference = digest(Hash::sha256, m);
      REQUIRE(reference.size == 32);
      for (size_t split = 0; split <= len; ++split) {
        sha256::Hasher h(impl);
        h.update(m.subview(0, split));
        h.update(m.subview(split, len - split));
        uint8_t out[32];
        h.final(out);
        ++compared;
        if (std::memcmp(out, reference.data(), 32) != 0) {
          ++mismatched;
          FAIL_CHECK("digest differs from mbedTLS for length " << len << " split at " << split);
        }
      }
    }
    CHECK(compared == 301 * 302 / 2);
    CHECK(mismatched == 0);
  });
}

TEST_CASE("SHA-256 compress: n blocks at once equal n single blocks; zero blocks change nothing") {
  const Bytes blocks = pattern(5 * 64);
  for_each_impl([&](sha256::Impl impl) {
    uint32_t together[8], one_by_one[8], untouched[8];
    sha256::init_state(together);
    sha256::init_state(one_by_one);
    sha256::init_state(untouched);
    sha256::compress(together, blocks.data(), 5, impl);
    for (size_t i = 0; i < 5; ++i) sha256::compress(one_by_one, blocks.data() + 64 * i, 1, impl);
    CHECK(std::equal(together, together + 8, one_by_one));
    sha256::compress(untouched, nullptr, 0, impl);
    uint32_t initial[8];
    sha256::init_state(initial);
    CHECK(std::equal(untouched, untouched + 8, initial));
    // The portable code is the reference for the state itself, not only for digests.
    uint32_t portable[8];
    sha256::init_state(portable);
    sha256::compress(portable, blocks.data(), 5, sha256::Impl::portable);
    CHECK(std::equal(together, together + 8, portable));
  });
}

TEST_CASE("SHA-256 Hasher resumes from a midstate (init_from) and can be reused after final") {
  const Bytes msg = pattern(64 * 3 + 17);
  for_each_impl([&](sha256::Impl impl) {
    uint32_t mid[8];
    sha256::init_state(mid);
    sha256::compress(mid, msg.data(), 2, impl);
    sha256::Hasher h(impl);
    h.init_from(mid, 2);
    h.update(bytes_view(msg).subview(128, msg.size() - 128));
    Bytes resumed(32);
    h.final(resumed.data());
    CHECK(same(resumed, digest(Hash::sha256, msg).view()));
    // final() leaves it ready for a fresh message.
    h.update(bytes_of("abc"));
    Bytes again(32);
    h.final(again.data());
    CHECK(same(again, hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")));
  });
}

TEST_CASE("SHA-256 Hasher keeps neither the keyed midstate nor buffered input after final") {
  for_each_impl([](sha256::Impl impl) {
    uint32_t mid[8];
    for (uint32_t i = 0; i < 8; ++i) mid[i] = 0x5ec7e700u + i;
    const Bytes secret(40, 0xc3);  // stays in the buffer: less than a block
    sha256::Hasher h(impl);
    h.init_from(mid, 1);
    h.update(secret);
    uint8_t out[32];
    h.final(out);
    unsigned char raw[sizeof(sha256::Hasher)];
    std::memcpy(raw, static_cast<const void *>(&h), sizeof raw);
    for (uint32_t word : mid) {
      CHECK(std::search(raw, raw + sizeof raw, reinterpret_cast<const unsigned char *>(&word),
                        reinterpret_cast<const unsigned char *>(&word) + 4) == raw + sizeof raw);
    }
    const unsigned char run[8] = {0xc3, 0xc3, 0xc3, 0xc3, 0xc3, 0xc3, 0xc3, 0xc3};
    CHECK(std::search(raw, raw + sizeof raw, run, run + 8) == raw + sizeof raw);
    CHECK(std::search(raw, raw + sizeof raw, out, out + 8) == raw + sizeof raw);
  });
}

TEST_CASE("Wycheproof HMAC-SHA-256 vectors match with every SHA-256 implementation") {
  for_each_impl([](sha256::Impl impl) {
    Tally tally;
    jwtcore::test::for_each_wycheproof("hmac_sha256_test.json", tally, [&](const WycheproofCase &c) {
      const Bytes key = c.bytes("key"), msg = c.bytes("msg"), tag = c.bytes("tag");
      const Bytes m = hmac_with(impl, key, msg);
      REQUIRE(m.size() == 32);
      REQUIRE(tag.size() <= m.size());
      const bool prefix_matches = std::equal(tag.begin(), tag.end(), m.begin());
      if (c.result != "acceptable") CHECK(prefix_matches == c.valid());
      CHECK(same(m, hmac_by_definition(key, msg)));
      if (!key.empty()) {  // HmacKey refuses the empty key (SECURITY.md #2); the hook does not
        auto k = HmacKey::create(Hash::sha256, key);
        REQUIRE(k);
        CHECK(same(m, k->mac(msg).view()));
      }
      tally.add(std::string(c.result) + (tag.size() == 32 ? "-full-tag" : "-truncated-tag(prefix-checked)"));
    });
  });
}

TEST_CASE("HMAC-SHA-256 matches RFC 4231 cases 2 and 6 with every SHA-256 implementation") {
  for_each_impl([](sha256::Impl impl) {
    CHECK(same(hmac_with(impl, bytes_of("Jefe"), bytes_of("what do ya want for nothing?")),
               hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")));
    CHECK(same(hmac_with(impl, Bytes(131, 0xaa), bytes_of("Test Using Larger Than Block-Size Key - Hash Key First")),
               hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")));
  });
}

TEST_CASE("HMAC-SHA-256 over parts equals HMAC by definition for keys around the block size") {
  const Bytes msg = pattern(200);
  for_each_impl([&](sha256::Impl impl) {
    for (size_t key_len : {1, 31, 32, 63, 64, 65, 100, 200}) {
      const Bytes key = pattern(key_len + 7);
      const bytes_view kv = bytes_view(key).subview(7, key_len);
      auto hk = HmacKey::create(Hash::sha256, kv);
      REQUIRE(hk);
      long mismatched = 0;
      for (size_t len = 0; len <= msg.size(); len += 3) {
        const bytes_view m(msg.data(), len);
        const Bytes expected = hmac_by_definition(kv, m);
        const bytes_view parts[3] = {m.subview(0, len / 3), m.subview(len / 3, len / 2 - len / 3),
                                     m.subview(len / 2, len - len / 2)};
        const Digest by_impl = hmac_sha256(impl, kv, parts, 3);
        const Digest by_key = hk->mac(parts, 3);
        if (!same(expected, by_impl.view()) || !same(expected, by_key.view())) {
          ++mismatched;
          FAIL_CHECK("HMAC differs for key length " << key_len << ", message length " << len);
        }
      }
      CHECK(mismatched == 0);
    }
  });
}
