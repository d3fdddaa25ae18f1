// What the two jansson-based peers (cjose, latchset jose) share: neither validates claims, so
// both parse the verified payload with jansson and check exp, iss and aud here, the same way.
#pragma once

#include <jansson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace jwtcore::bench::jansson {

struct JsonDecref {
  void operator()(json_t *json) const { json_decref(json); }
};
using JsonPtr = std::unique_ptr<json_t, JsonDecref>;

struct Expected {
  std::string alg;
  std::string issuer;
  std::string audience;
  int64_t now;
};

inline bool string_member_is(const json_t *object, const char *name, std::string_view want) {
  const json_t *value = json_object_get(object, name);
  return json_is_string(value) && std::string_view(json_string_value(value), json_string_length(value)) == want;
}

inline bool claims_ok(const json_t *claims, const Expected &want) {
  const json_t *exp = json_object_get(claims, "exp");
  return json_is_integer(exp) && json_integer_value(exp) > want.now && string_member_is(claims, "iss", want.issuer) &&
         string_member_is(claims, "aud", want.audience);
}

}  // namespace jwtcore::bench::jansson
