// The JOSE header of one signature or recipient: the union of a protected header (integrity-
// protected, base64url JSON) and an unprotected one (a JSON object in the JSON serializations),
// which must be disjoint (RFC 7515 §7.2.1, RFC 7516 §7.2.1), with `crit` honoured
// (RFC 7515 §4.1.11) — shared by JWS and JWE.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "json.hpp"
#include "status.hpp"

namespace jwtcore {

// Header parameters whose meaning RFC 7515/7516/7518 fix; they may never appear in `crit`.
bool is_registered_header_param(std::string_view name);

// A view of a parsed header: the protected part (always an object, possibly empty) and an
// optional unprotected part. Values are views into Documents owned by the caller.
class JoseHeader {
 public:
  JoseHeader() = default;
  JoseHeader(json::Value protected_part, std::optional<json::Value> unprotected_part)
      : protected_(protected_part), unprotected_(unprotected_part) {}

  // A member from whichever part holds it (they are disjoint once check_disjoint() passed).
  std::optional<json::Value> find(std::string_view name) const;
  // As find(), only from the protected part.
  std::optional<json::Value> find_protected(std::string_view name) const;
  // A string member, or nullopt if absent; JWTCORE_E_HEADER if present with another type.
  Result<std::optional<std::string_view>> string_member(std::string_view name) const;

  // RFC 7515 §7.2.1 / RFC 7516 §7.2.1: no name may appear in both parts. `also` is a further
  // unprotected object (JWE's shared "unprotected" besides the per-recipient "header").
  Status check_disjoint(std::optional<json::Value> also = std::nullopt) const;

  // RFC 7515 §4.1.11: `crit`, if present, must be in the protected part, a non-empty array of
  // unique strings, none a registered name, each present in the header and each understood:
  // in `understood` (names this library implements, e.g. "b64") or in `caller_understood`
  // (names the application promised to process). JWTCORE_E_CRIT_UNKNOWN otherwise.
  // `also` as in check_disjoint (for JWE's shared unprotected header).
  template <class Names>
  Status check_crit(std::initializer_list<std::string_view> understood, const Names &caller_understood,
                    std::optional<json::Value> also = std::nullopt) const {
    return check_crit_impl(understood, [&](std::string_view n) {
      for (const auto &c : caller_understood)
        if (std::string_view(c) == n) return true;
      return false;
    }, also);
  }

  // True if a key-carrying member that we never trust is present (jwk, jku, x5u, x5c).
  bool has_embedded_key() const;

  json::Value protected_part() const { return protected_; }
  std::optional<json::Value> unprotected_part() const { return unprotected_; }

 private:
  template <class F>
  Status check_crit_impl(std::initializer_list<std::string_view> understood, F &&caller_knows,
                         std::optional<json::Value> also) const;

  json::Value protected_;
  std::optional<json::Value> unprotected_;
};

// Names from headers are attacker-chosen: this makes one safe to quote in a message (truncated
// to 64 bytes, control and non-ASCII bytes replaced).
std::string quote_name(std::string_view name);

template <class F>
Status JoseHeader::check_crit_impl(std::initializer_list<std::string_view> understood, F &&caller_knows,
                                   std::optional<json::Value> also) const {
  auto in_unprotected = [&](std::string_view n) {
    return (unprotected_ && unprotected_->find(n)) || (also && also->find(n));
  };
  if (in_unprotected("crit")) {
    return error(JWTCORE_E_CRIT_UNKNOWN, "header member 'crit' must be integrity protected");
  }
  auto crit = protected_.find("crit");
  if (!crit) return Status::ok();
  if (!crit->is_array() || crit->size() == 0) {
    return error(JWTCORE_E_CRIT_UNKNOWN, "header member 'crit' must be a non-empty array of names");
  }
  Status result;
  size_t index = 0;
  crit->each_element([&](json::Value v) {
    auto name = v.as_string();
    if (!name) {
      result = error(JWTCORE_E_CRIT_UNKNOWN, "header member 'crit' holds a value that is not a string");
      return false;
    }
    if (is_registered_header_param(*name)) {
      result = error(JWTCORE_E_CRIT_UNKNOWN, "'crit' lists '" + quote_name(*name) +
                                                 "', a registered header parameter (RFC 7515 §4.1.11)");
      return false;
    }
    // Duplicates: compare with the earlier elements (crit lists are short).
    size_t j = 0;
    bool dup = false;
    crit->each_element([&](json::Value w) {
      if (j++ >= index) return false;
      dup = dup || w.as_string() == name;
      return !dup;
    });
    ++index;
    if (dup) {
      result = error(JWTCORE_E_CRIT_UNKNOWN, "'crit' lists '" + quote_name(*name) + "' twice");
      return false;
    }
    if (!find(*name) && !(also && also->find(*name))) {
      result = error(JWTCORE_E_CRIT_UNKNOWN, "'crit' lists '" + quote_name(*name) + "', which the header does not contain");
      return false;
    }
    bool known = false;
    for (auto u : understood) known = known || u == *name;
    if (!known && !caller_knows(*name)) {
      result = error(JWTCORE_E_CRIT_UNKNOWN, "critical header parameter '" + quote_name(*name) + "' is not understood");
      return false;
    }
    return true;
  });
  return result;
}

}  // namespace jwtcore
