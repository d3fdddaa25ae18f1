// The JSON layer: simdjson's DOM behind a small, allocation-free view API, with the limits and
// strictness JOSE needs (size, depth, valid UTF-8, and no duplicate member names: RFC 7515 §5.2
// lets us reject them, which closes parser-differential attacks, SECURITY.md #17).
// simdjson.h stays inside json.cpp so that only one translation unit pays for it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "status.hpp"

namespace jwtcore::json {

struct Limits {
  size_t max_size = 8 * 1024;  // bytes of JSON text
  size_t max_depth = 32;       // nesting of arrays/objects (simdjson's default of 1024 is far too deep)
};

enum class Type { null, boolean, integer, number, string, array, object };

const char *type_name(Type t);

class Document;

// A view of one JSON value inside a Document; valid while the Document lives and is not re-used.
// Copyable, 16 bytes, no allocation.
class Value {
 public:
  Value() = default;

  // An empty Value (default-constructed, or the root after a failed parse) reads as null.
  bool empty() const { return !valid_; }
  Type type() const;
  bool is_object() const { return type() == Type::object; }
  bool is_array() const { return type() == Type::array; }
  bool is_string() const { return type() == Type::string; }
  bool is_number() const { auto t = type(); return t == Type::integer || t == Type::number; }

  // Typed reads: nullopt if the value has another type. Strings are unescaped views into the
  // document. as_int64 accepts only integers that fit; as_double accepts any number.
  std::optional<std::string_view> as_string() const;
  std::optional<int64_t> as_int64() const;
  std::optional<double> as_double() const;
  std::optional<bool> as_bool() const;

  // Object member lookup (exact, on unescaped names); nullopt if absent or not an object.
  std::optional<Value> find(std::string_view key) const;
  // Number of members (object) or elements (array); 0 for scalars.
  size_t size() const;

  // Visits members / elements in document order; stops early when `fn` returns false.
  template <class F>
  void each_member(F &&fn) const {
    using Fn = std::remove_reference_t<F>;
    each_member_impl([](void *ctx, std::string_view k, Value v) { return static_cast<bool>((*static_cast<Fn *>(ctx))(k, v)); },
                     const_cast<void *>(static_cast<const void *>(&fn)));
  }
  template <class F>
  void each_element(F &&fn) const {
    using Fn = std::remove_reference_t<F>;
    each_element_impl([](void *ctx, Value v) { return static_cast<bool>((*static_cast<Fn *>(ctx))(v)); },
                      const_cast<void *>(static_cast<const void *>(&fn)));
  }

  // Minified JSON text of this value (for handing sub-objects to callers).
  std::string to_json() const;

 private:
  friend class Document;
  using MemberFn = bool (*)(void *, std::string_view, Value);
  using ElementFn = bool (*)(void *, Value);
  void each_member_impl(MemberFn fn, void *ctx) const;
  void each_element_impl(ElementFn fn, void *ctx) const;

  // A simdjson::dom::element (document pointer + tape index), stored opaquely.
  alignas(8) unsigned char slot_[16] = {};
  bool valid_ = false;
};

// Owns a simdjson parser and the parsed document. Reusing one Document for many parses reuses
// its buffers (no allocation once warmed up); each parse invalidates Values from the previous one.
class Document {
 public:
  Document();
  ~Document();
  Document(Document &&) noexcept;
  Document &operator=(Document &&) noexcept;
  Document(const Document &) = delete;
  Document &operator=(const Document &) = delete;

  // Parses `text` under `limits`: size first (JWTCORE_E_LIMIT_SIZE), then syntax and UTF-8
  // (JWTCORE_E_JSON), depth (JWTCORE_E_LIMIT_DEPTH) and duplicate member names at any depth
  // (JWTCORE_E_JSON_DUPLICATE, naming the member). `what` names the document in messages
  // ("JOSE header", "JWK", "claims").
  Status parse(std::string_view text, const Limits &limits, std::string_view what);
  // As parse(), and additionally requires the top level to be an object (JWTCORE_E_JSON).
  Status parse_object(std::string_view text, const Limits &limits, std::string_view what);

  Value root() const { return root_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Value root_;
};

// True if `s` is valid UTF-8 (simdjson's validator).
bool valid_utf8(std::string_view s);

// Appends `s` as a JSON string literal (with quotes) to `out`. Escapes '"', '\\' and control
// characters (< 0x20, as \b \f \n \r \t or \u00XX); passes other bytes through, so the caller must
// supply valid UTF-8 (check with valid_utf8() where input is foreign). Works for std::string and
// SecretString.
template <class S>
void append_string(S &out, std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (c < 0x20) {
          out.append("\\u00");
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

// A small streaming writer for the objects libjwtcore emits (headers, JWKs, claims). It keeps
// commas right; the caller keeps member names unique and values valid.
template <class S>
class Writer {
 public:
  explicit Writer(S &out) : out_(out) {}
  Writer &begin_object() { sep(); out_.push_back('{'); first_ = true; return *this; }
  Writer &end_object() { out_.push_back('}'); first_ = false; return *this; }
  Writer &begin_array() { sep(); out_.push_back('['); first_ = true; return *this; }
  Writer &end_array() { out_.push_back(']'); first_ = false; return *this; }
  Writer &key(std::string_view k) { sep(); append_string(out_, k); out_.push_back(':'); after_key_ = true; return *this; }
  Writer &string(std::string_view v) { sep(); append_string(out_, v); return *this; }
  Writer &integer(int64_t v) { sep(); out_.append(std::to_string(v)); return *this; }
  Writer &boolean(bool v) { sep(); out_.append(v ? "true" : "false"); return *this; }
  Writer &null() { sep(); out_.append("null"); return *this; }
  // Appends already-serialized JSON (e.g. a claim value taken from a parsed document).
  Writer &raw(std::string_view json) { sep(); out_.append(json.data(), json.size()); return *this; }
  Writer &member(std::string_view k, std::string_view v) { return key(k).string(v); }

 private:
  void sep() {
    if (after_key_) {
      after_key_ = false;
    } else if (!first_) {
      out_.push_back(',');
    }
    first_ = false;
  }
  S &out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace jwtcore::json
