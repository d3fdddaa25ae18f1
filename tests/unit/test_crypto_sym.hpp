// Helpers shared by the symmetric-crypto suites: hex, and a Wycheproof file walker that counts
// what it ran so a silently empty corpus cannot pass.
#pragma once

#include <catch2/catch.hpp>
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include "src/core/bytes.hpp"
#include "vectors.hpp"

namespace jwtcore::test {

inline Bytes hex(std::string_view s) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  Bytes out;
  int high = -1;
  for (char c : s) {
    if (c == ' ' || c == '\n') continue;
    const int v = nibble(c);
    REQUIRE(v >= 0);
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<uint8_t>(high * 16 + v));
      high = -1;
    }
  }
  REQUIRE(high < 0);
  return out;
}

inline Bytes bytes_of(std::string_view s) { return Bytes(s.begin(), s.end()); }

template <class V>
bool same(const V &a, bytes_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// One Wycheproof test with its group.
struct WycheproofCase {
  simdjson::dom::element group;
  simdjson::dom::element test;
  int64_t tc_id;
  std::string_view result;  // "valid", "invalid" or "acceptable"

  Bytes bytes(const char *member) const { return hex(std::string_view(test[member].get_string())); }
  int64_t group_int(const char *member) const { return int64_t(group[member].get_int64()); }
  int64_t test_int(const char *member) const { return int64_t(test[member].get_int64()); }
  bool valid() const { return result == "valid"; }
};

// Named outcome counters for one file, reported with WARN so every run shows what ran.
class Tally {
 public:
  void add(const std::string &outcome) { ++counts_[outcome]; }
  std::string summary() const {
    std::ostringstream s;
    for (const auto &[name, n] : counts_) s << " " << name << "=" << n;
    return s.str();
  }

 private:
  std::map<std::string, long> counts_;
};

// Calls `fn` on every test of wycheproof/testvectors_v1/<file>, with the tcId in the assertion
// context. Checks that the number of tests seen equals the file's numberOfTests and is > 0, and
// reports the tally. Returns the count, or 0 when the corpus is absent (read_vector warns).
inline long for_each_wycheproof(const std::string &file, Tally &tally,
                                const std::function<void(const WycheproofCase &)> &fn) {
  auto text = read_vector("wycheproof/testvectors_v1/" + file);
  if (!text) return 0;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(simdjson::padded_string(*text));
  long count = 0;
  for (simdjson::dom::element group : doc["testGroups"].get_array()) {
    for (simdjson::dom::element t : group["tests"].get_array()) {
      WycheproofCase c{group, t, int64_t(t["tcId"].get_int64()), std::string_view(t["result"].get_string())};
      INFO(file << " tcId " << c.tc_id << " (" << std::string_view(t["comment"].get_string()) << ")");
      fn(c);
      ++count;
    }
  }
  REQUIRE(count > 0);
  CHECK(count == int64_t(doc["numberOfTests"].get_int64()));
  WARN(file << ": ran " << count << " vectors:" << tally.summary());
  return count;
}

}  // namespace jwtcore::test
