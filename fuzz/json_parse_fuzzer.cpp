// jwtcore::json::Document::parse on arbitrary text under small limits (SECURITY.md #17, #19).
// The C ABI has no JSON entry point, so this harness links the static core.
// Oracles:
//  - failures carry a JSON or limit code and a message; input over the size limit is always
//    JWTCORE_E_LIMIT_SIZE;
//  - an accepted document is valid UTF-8, no deeper than the depth limit, and has no repeated
//    member name in any object, checked by an independent walk over the Value API that collects
//    the (unescaped) names of each object in a set;
//  - the typed readers agree with type();
//  - Value::to_json() of the root re-parses and minifies to the same text (a fixed point);
//  - parse_object() accepts exactly the accepted documents whose root is an object.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "src/core/json.hpp"

namespace {

namespace json = jwtcore::json;

// Below libFuzzer's default max_len (4096), so that the size limit is reached too.
const json::Limits kLimits{2048, 16};

// One parser per buffer, reused across inputs as the library reuses them: that path is the one
// that keeps stale tape state around.
json::Document &first_doc() {
  static json::Document doc;
  return doc;
}
json::Document &second_doc() {
  static json::Document doc;
  return doc;
}

void check_scalar(json::Value v) {
  const json::Type t = v.type();
  FUZZ_CHECK(v.as_string().has_value() == (t == json::Type::string));
  FUZZ_CHECK(v.as_bool().has_value() == (t == json::Type::boolean));
  FUZZ_CHECK(v.as_double().has_value() == (t == json::Type::integer || t == json::Type::number));
  if (v.as_int64()) FUZZ_CHECK(t == json::Type::integer);
  if (t == json::Type::string) FUZZ_CHECK(json::valid_utf8(*v.as_string()));
}

// Returns the nesting depth of `v` (a scalar is 0), checking every object on the way.
size_t walk(json::Value v, size_t depth) {
  FUZZ_CHECK(depth <= kLimits.max_depth);
  size_t deepest = 0;
  size_t count = 0;
  if (v.is_object()) {
    std::set<std::string> names;
    v.each_member([&](std::string_view key, json::Value member) {
      FUZZ_CHECK(names.emplace(key).second);  // a repeated name was accepted
      FUZZ_CHECK(json::valid_utf8(key));
      auto found = v.find(key);
      FUZZ_CHECK(found.has_value() && found->type() == member.type());
      deepest = std::max(deepest, walk(member, depth + 1));
      ++count;
      return true;
    });
  } else if (v.is_array()) {
    v.each_element([&](json::Value element) {
      deepest = std::max(deepest, walk(element, depth + 1));
      ++count;
      return true;
    });
  } else {
    check_scalar(v);
    FUZZ_CHECK(v.size() == 0);
    return 0;
  }
  FUZZ_CHECK(v.size() == count);
  return deepest + 1;
}

void check_rejection(const jwtcore::Status &st, size_t size) {
  const int code = st.code();
  FUZZ_CHECK(code == JWTCORE_E_JSON || code == JWTCORE_E_JSON_DUPLICATE || code == JWTCORE_E_LIMIT_SIZE ||
             code == JWTCORE_E_LIMIT_DEPTH);
  FUZZ_CHECK(!st.message().empty());
  if (size > kLimits.max_size) FUZZ_CHECK(code == JWTCORE_E_LIMIT_SIZE);
  FUZZ_CHECK(first_doc().root().empty());
}

void check_fixed_point(const std::string &minified) {
  // Minifying may lengthen numbers (1E2 prints as 100.0), so the re-parse gets room to grow.
  const json::Limits roomy{kLimits.max_size * 4 + 64, kLimits.max_depth};
  const jwtcore::Status st = second_doc().parse(minified, roomy, "minified");
  FUZZ_CHECK(st.is_ok());
  FUZZ_CHECK(second_doc().root().to_json() == minified);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  json::Document &doc = first_doc();
  const jwtcore::Status st = doc.parse(text, kLimits, "fuzz");
  if (!st) {
    check_rejection(st, size);
    return 0;
  }
  FUZZ_CHECK(size <= kLimits.max_size);
  FUZZ_CHECK(json::valid_utf8(text));
  const json::Value root = doc.root();
  FUZZ_CHECK(!root.empty());
  FUZZ_CHECK(walk(root, 0) <= kLimits.max_depth);
  const bool is_object = root.is_object();
  check_fixed_point(root.to_json());

  const jwtcore::Status as_object = doc.parse_object(text, kLimits, "fuzz");
  FUZZ_CHECK(as_object.is_ok() == is_object);
  if (!is_object) FUZZ_CHECK(as_object.code() == JWTCORE_E_JSON);
  return 0;
}
