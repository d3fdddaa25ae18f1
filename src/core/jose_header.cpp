#include "jose_header.hpp"

namespace jwtcore {

bool is_registered_header_param(std::string_view name) {
  // RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4.6.1, §4.7.1, §4.8.1.
  static constexpr std::string_view kRegistered[] = {
      "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
      "enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c"};
  for (auto r : kRegistered)
    if (r == name) return true;
  return false;
}

std::string quote_name(std::string_view name) {
  std::string out;
  const size_t n = name.size() < 64 ? name.size() : 64;
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    out.push_back(c >= 0x20 && c < 0x7f && c != '\'' ? static_cast<char>(c) : '?');
  }
  if (name.size() > 64) out += "...";
  return out;
}

std::optional<json::Value> JoseHeader::find(std::string_view name) const {
  if (auto v = protected_.find(name)) return v;
  if (unprotected_) return unprotected_->find(name);
  return std::nullopt;
}

std::optional<json::Value> JoseHeader::find_protected(std::string_view name) const {
  return protected_.find(name);
}

Result<std::optional<std::string_view>> JoseHeader::string_member(std::string_view name) const {
  auto v = find(name);
  if (!v) return std::optional<std::string_view>();
  auto s = v->as_string();
  if (!s) {
    return error(JWTCORE_E_HEADER, "header member '" + std::string(name) + "' must be a string, found " +
                                       json::type_name(v->type()));
  }
  return std::optional<std::string_view>(*s);
}

Status JoseHeader::check_disjoint(std::optional<json::Value> also) const {
  Status result;
  auto check_against = [&](json::Value a, json::Value b, const char *a_name, const char *b_name) {
    a.each_member([&](std::string_view k, json::Value) {
      if (b.find(k)) {
        result = error(JWTCORE_E_HEADER, "header member '" + quote_name(k) + "' appears in both the " + a_name +
                                             " and the " + b_name + " header");
        return false;
      }
      return true;
    });
  };
  if (unprotected_) check_against(*unprotected_, protected_, "unprotected", "protected");
  if (result && also) check_against(*also, protected_, "shared unprotected", "protected");
  if (result && also && unprotected_) check_against(*also, *unprotected_, "shared unprotected", "per-recipient");
  return result;
}

bool JoseHeader::has_embedded_key() const {
  for (auto name : {"jwk", "jku", "x5u", "x5c"})
    if (find(name)) return true;
  return false;
}

}  // namespace jwtcore
