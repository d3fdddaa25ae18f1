// Status and Result<T>: expected failures travel as values (simdjson, Botan); exceptions are
// reserved for bad_alloc and bugs, and never cross the C ABI (see src/capi/guard.hpp).
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "jwtcore/common.h"

namespace jwtcore {

// A status code (JWTCORE_OK or a JWTCORE_E_* value) with a message for the caller. The message
// names members, claims and limits, never key material, plaintext or claim string values.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(int code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return Status(); }

  bool is_ok() const { return code_ == JWTCORE_OK; }
  explicit operator bool() const { return is_ok(); }
  int code() const { return code_; }
  const std::string &message() const { return message_; }

 private:
  int code_ = JWTCORE_OK;
  std::string message_;
};

inline Status error(int code, std::string message) { return Status(code, std::move(message)); }

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design, like expected<T>
  Result(Status status) : status_(std::move(status)) {}

  bool is_ok() const { return value_.has_value(); }
  explicit operator bool() const { return is_ok(); }
  const Status &status() const { return status_; }
  Status take_status() { return std::move(status_); }

  T &value() & { return *value_; }
  const T &value() const & { return *value_; }
  T &&value() && { return std::move(*value_); }
  T *operator->() { return &*value_; }
  const T *operator->() const { return &*value_; }
  T &operator*() { return *value_; }
  const T &operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace jwtcore

#define JWTCORE_CONCAT_INNER(a, b) a##b
#define JWTCORE_CONCAT(a, b) JWTCORE_CONCAT_INNER(a, b)

// Returns the Status of a failing Status/Result expression from the enclosing function.
#define JWTCORE_TRY(expr)                                       \
  do {                                                          \
    auto &&jwtcore_try_value_ = (expr);                         \
    if (!jwtcore_try_value_) {                                  \
      return ::jwtcore::detail::status_of(jwtcore_try_value_);  \
    }                                                           \
  } while (0)

// Declares `lhs` from a Result expression, returning its Status on failure.
#define JWTCORE_ASSIGN(lhs, expr)                                        \
  auto JWTCORE_CONCAT(jwtcore_res_, __LINE__) = (expr);                  \
  if (!JWTCORE_CONCAT(jwtcore_res_, __LINE__)) {                         \
    return JWTCORE_CONCAT(jwtcore_res_, __LINE__).take_status();         \
  }                                                                      \
  lhs = std::move(JWTCORE_CONCAT(jwtcore_res_, __LINE__)).value()

namespace jwtcore::detail {
inline Status status_of(Status &s) { return std::move(s); }
inline Status status_of(const Status &s) { return s; }
template <class T>
Status status_of(Result<T> &r) { return r.take_status(); }
template <class T>
Status status_of(const Result<T> &r) { return r.status(); }
}  // namespace jwtcore::detail
