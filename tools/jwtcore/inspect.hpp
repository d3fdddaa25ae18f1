// Taking a token apart without a key: its headers, payload and claims, part sizes, and the
// risky content a reviewer should see (alg none, no exp, embedded keys, crit, duplicates…).
// Nothing here verifies anything.
#ifndef JWTCORE_CLI_INSPECT_HPP
#define JWTCORE_CLI_INSPECT_HPP

#include "json.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cli {

struct NamedHeader {
  std::string label;  // "header", "protected header (signature 2)", "unprotected header", …
  json::Value value;
  bool is_protected = true;
};

struct Inspection {
  std::string kind;           // "JWS" or "JWE"
  std::string serialization;  // "compact", "flattened JSON" or "general JSON"
  std::vector<NamedHeader> headers;
  std::optional<json::Value> claims;  // the payload, when it is a JSON object
  std::string payload;                // the raw payload bytes (JWS)
  bool detached = false;              // JWS with an empty payload part
  std::vector<std::pair<std::string, std::size_t>> sizes;  // "signature" → 64 bytes, …
  std::vector<std::string> warnings;
};

// Takes a compact JWS/JWE or a JSON serialization apart. Malformed input (wrong number of
// parts, bad base64url, a header that is not a JSON object) is a usage error.
Inspection inspect(const std::string &token, int64_t now);

// The protected header of a compact token as a JSON object (for messages), if it parses.
std::optional<json::Value> compact_header(const std::string &token);

// The NumericDate claims of a claims set that hold numbers, in display order.
std::vector<std::pair<std::string, int64_t>> numeric_dates(const json::Value &claims);

}  // namespace cli

#endif  // JWTCORE_CLI_INSPECT_HPP
