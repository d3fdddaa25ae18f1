#include "json.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <vector>

namespace jwtcore::json {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

static_assert(sizeof(element) <= 16, "simdjson element no longer fits Value's slot");
static_assert(std::is_trivially_copyable_v<element>, "simdjson element must be trivially copyable");

element get(const unsigned char *slot) {
  element e;
  std::memcpy(static_cast<void *>(&e), slot, sizeof(element));
  return e;
}

// Objects up to this many members are checked pairwise without allocating; larger ones sort.
constexpr size_t kSmallObject = 16;

Status duplicate(std::string_view what, std::string_view key) {
  std::string name(key.substr(0, 64));
  // Member names are not secret, but keep control bytes out of messages.
  for (char &c : name)
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  return error(JWTCORE_E_JSON_DUPLICATE,
               std::string(what) + ": member '" + name + "' appears more than once");
}

Status check_object_keys(simdjson::dom::object obj, std::string_view what) {
  const size_t n = obj.size();
  if (n < 2) return Status::ok();
  if (n <= kSmallObject) {
    std::string_view keys[kSmallObject];
    size_t i = 0;
    for (auto field : obj) {
      for (size_t j = 0; j < i; ++j)
        if (keys[j] == field.key) return duplicate(what, field.key);
      keys[i++] = field.key;
    }
    return Status::ok();
  }
  std::vector<std::string_view> keys;
  keys.reserve(n);
  for (auto field : obj) keys.push_back(field.key);
  std::sort(keys.begin(), keys.end());
  auto it = std::adjacent_find(keys.begin(), keys.end());
  if (it != keys.end()) return duplicate(what, *it);
  return Status::ok();
}

// simdjson does not detect duplicate names; walk the whole tree (depth already bounded by the
// parser, so the recursion is too).
Status check_duplicates(element e, std::string_view what) {
  switch (e.type()) {
    case element_type::OBJECT: {
      auto obj = simdjson::dom::object(e);
      JWTCORE_TRY(check_object_keys(obj, what));
      for (auto field : obj) JWTCORE_TRY(check_duplicates(field.value, what));
      return Status::ok();
    }
    case element_type::ARRAY:
      for (auto child : simdjson::dom::array(e)) JWTCORE_TRY(check_duplicates(child, what));
      return Status::ok();
    default:
      return Status::ok();
  }
}

Status map_error(simdjson::error_code err, std::string_view what, const Limits &limits) {
  const std::string prefix = std::string(what) + ": ";
  switch (err) {
    case simdjson::DEPTH_ERROR:
      return error(JWTCORE_E_LIMIT_DEPTH,
                   prefix + "nested deeper than the limit of " + std::to_string(limits.max_depth));
    case simdjson::UTF8_ERROR:
      return error(JWTCORE_E_JSON, prefix + "invalid UTF-8");
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
      return error(JWTCORE_E_JSON, prefix + "a number is malformed or out of range");
    case simdjson::CAPACITY:
      return error(JWTCORE_E_LIMIT_SIZE, prefix + "document too large");
    case simdjson::MEMALLOC:
      throw std::bad_alloc();
    default:
      return error(JWTCORE_E_JSON, prefix + "invalid JSON (" + simdjson::error_message(err) + ")");
  }
}

}  // namespace

const char *type_name(Type t) {
  switch (t) {
    case Type::null: return "null";
    case Type::boolean: return "boolean";
    case Type::integer: return "integer";
    case Type::number: return "number";
    case Type::string: return "string";
    case Type::array: return "array";
    case Type::object: return "object";
  }
  return "unknown";
}

Type Value::type() const {
  if (!valid_) return Type::null;
  switch (get(slot_).type()) {
    case element_type::ARRAY: return Type::array;
    case element_type::OBJECT: return Type::object;
    case element_type::INT64:
    case element_type::UINT64: return Type::integer;
    case element_type::DOUBLE: return Type::number;
    case element_type::STRING: return Type::string;
    case element_type::BOOL: return Type::boolean;
    case element_type::NULL_VALUE: return Type::null;
  }
  return Type::null;
}

std::optional<std::string_view> Value::as_string() const {
  std::string_view s;
  if (!valid_ || get(slot_).get_string().get(s) != simdjson::SUCCESS) return std::nullopt;
  return s;
}

std::optional<int64_t> Value::as_int64() const {
  int64_t v = 0;
  if (!valid_) return std::nullopt;
  element e = get(slot_);
  if (e.type() != element_type::INT64 && e.type() != element_type::UINT64) return std::nullopt;
  if (e.get_int64().get(v) != simdjson::SUCCESS) return std::nullopt;
  return v;
}

std::optional<double> Value::as_double() const {
  double v = 0;
  if (!valid_ || get(slot_).get_double().get(v) != simdjson::SUCCESS) return std::nullopt;
  return v;
}

std::optional<bool> Value::as_bool() const {
  bool v = false;
  if (!valid_ || get(slot_).get_bool().get(v) != simdjson::SUCCESS) return std::nullopt;
  return v;
}

std::optional<Value> Value::find(std::string_view key) const {
  if (!valid_) return std::nullopt;
  simdjson::dom::object obj;
  if (get(slot_).get_object().get(obj) != simdjson::SUCCESS) return std::nullopt;
  // at_key compares unescaped names exactly (no JSON-pointer semantics, unlike at_pointer).
  element child;
  if (obj.at_key(key).get(child) != simdjson::SUCCESS) return std::nullopt;
  Value v;
  std::memcpy(v.slot_, static_cast<const void *>(&child), sizeof(element));
  v.valid_ = true;
  return v;
}

size_t Value::size() const {
  if (!valid_) return 0;
  element e = get(slot_);
  if (e.type() == element_type::OBJECT) return simdjson::dom::object(e).size();
  if (e.type() == element_type::ARRAY) return simdjson::dom::array(e).size();
  return 0;
}

void Value::each_member_impl(MemberFn fn, void *ctx) const {
  simdjson::dom::object obj;
  if (!valid_ || get(slot_).get_object().get(obj) != simdjson::SUCCESS) return;
  for (auto field : obj) {
    Value v;
    std::memcpy(v.slot_, static_cast<const void *>(&field.value), sizeof(element));
    v.valid_ = true;
    if (!fn(ctx, field.key, v)) return;
  }
}

void Value::each_element_impl(ElementFn fn, void *ctx) const {
  simdjson::dom::array arr;
  if (!valid_ || get(slot_).get_array().get(arr) != simdjson::SUCCESS) return;
  for (element child : arr) {
    Value v;
    std::memcpy(v.slot_, static_cast<const void *>(&child), sizeof(element));
    v.valid_ = true;
    if (!fn(ctx, v)) return;
  }
}

std::string Value::to_json() const {
  if (!valid_) return "null";
  return simdjson::minify(get(slot_));
}

struct Document::Impl {
  simdjson::dom::parser parser;
};

Document::Document() : impl_(std::make_unique<Impl>()) {}
Document::~Document() = default;
Document::Document(Document &&) noexcept = default;
Document &Document::operator=(Document &&) noexcept = default;

Status Document::parse(std::string_view text, const Limits &limits, std::string_view what) {
  root_ = Value();
  if (text.size() > limits.max_size) {
    return error(JWTCORE_E_LIMIT_SIZE, std::string(what) + ": " + std::to_string(text.size()) +
                                           " bytes exceeds the limit of " + std::to_string(limits.max_size));
  }
  auto &parser = impl_->parser;
  if (parser.max_depth() != limits.max_depth || parser.capacity() < text.size()) {
    const size_t capacity = std::max<size_t>(text.size(), 512);
    if (parser.allocate(capacity, limits.max_depth) != simdjson::SUCCESS) throw std::bad_alloc();
  }
  element root;
  // An empty view may carry a null pointer; simdjson must always get a real address.
  const char *data = text.data() != nullptr ? text.data() : "";
  auto err = parser.parse(data, text.size()).get(root);
  if (err != simdjson::SUCCESS) return map_error(err, what, limits);
  JWTCORE_TRY(check_duplicates(root, what));
  std::memcpy(root_.slot_, static_cast<const void *>(&root), sizeof(element));
  root_.valid_ = true;
  return Status::ok();
}

Status Document::parse_object(std::string_view text, const Limits &limits, std::string_view what) {
  JWTCORE_TRY(parse(text, limits, what));
  if (!root_.is_object()) {
    Type t = root_.type();
    root_ = Value();
    return error(JWTCORE_E_JSON, std::string(what) + ": expected a JSON object, found " + type_name(t));
  }
  return Status::ok();
}

bool valid_utf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

}  // namespace jwtcore::json
