#include "json.hpp"

#include "cli.hpp"

#include <cstdio>
#include <cstdlib>

namespace cli::json {

namespace {

constexpr int kMaxDepth = 64;

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  std::optional<Value> run(std::string &error) {
    Value v;
    bool ok = value(v, 0) && (skip_ws(), pos_ == s_.size() || fail("unexpected text after the JSON value"));
    if (!ok) {
      error = error_ + " at byte " + std::to_string(pos_);
      return std::nullopt;
    }
    return v;
  }

 private:
  bool fail(const std::string &message) {
    if (error_.empty()) error_ = message;
    return false;
  }

  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }

  bool value(Value &v, int depth) {
    if (depth > kMaxDepth) return fail("JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
    skip_ws();
    if (pos_ >= s_.size()) return fail("unexpected end of JSON");
    switch (s_[pos_]) {
      case '{': return object(v, depth);
      case '[': return array(v, depth);
      case '"': v.type = Value::Type::String; return string(v.text);
      case 't': return literal(v, "true", Value::Type::Bool);
      case 'f': return literal(v, "false", Value::Type::Bool);
      case 'n': return literal(v, "null", Value::Type::Null);
      default: return number(v);
    }
  }

  bool literal(Value &v, std::string_view word, Value::Type type) {
    if (s_.substr(pos_, word.size()) != word) return fail("invalid literal");
    v.type = type;
    v.text = std::string(word);
    pos_ += word.size();
    return true;
  }

  bool digits() {
    std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  bool number(Value &v) {
    const std::size_t start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
    } else if (!digits()) {
      return fail("invalid JSON value");
    }
    if (pos_ < s_.size() && s_[pos_] == '.' && (++pos_, !digits())) return fail("invalid number");
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digits()) return fail("invalid number");
    }
    v.type = Value::Type::Number;
    v.text = std::string(s_.substr(start, pos_ - start));
    return true;
  }

  bool hex4(uint32_t &out) {
    if (pos_ + 4 > s_.size()) return fail("truncated \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_++];
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return fail("invalid \\u escape");
      out = out * 16 + static_cast<uint32_t>(d);
    }
    return true;
  }

  static void append_utf8(std::string &out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  bool unicode_escape(std::string &out) {
    uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xdc00 && cp <= 0xdfff) return fail("lone low surrogate in \\u escape");
    if (cp >= 0xd800 && cp <= 0xdbff) {
      uint32_t low = 0;
      if (s_.substr(pos_, 2) != "\\u" || (pos_ += 2, !hex4(low)) || low < 0xdc00 || low > 0xdfff)
        return fail("lone high surrogate in \\u escape");
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
    }
    append_utf8(out, cp);
    return true;
  }

  bool escape(std::string &out) {
    if (pos_ >= s_.size()) return fail("unterminated string");
    const char c = s_[pos_++];
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': return unicode_escape(out);
      default: return fail("invalid escape in string");
    }
  }

  bool string(std::string &out) {
    ++pos_;  // the opening quote
    const std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c < 0x20) return fail("control character in string");
      if (c == '\\') {
        ++pos_;
        if (!escape(out)) return false;
        continue;
      }
      out += static_cast<char>(c);
      ++pos_;
    }
    if (pos_ >= s_.size()) return fail("unterminated string");
    ++pos_;
    if (!is_valid_utf8(out)) {
      pos_ = start;
      return fail("string is not valid UTF-8");
    }
    return true;
  }

  bool array(Value &v, int depth) {
    v.type = Value::Type::Array;
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
    for (;;) {
      v.items.emplace_back();
      if (!value(v.items.back(), depth + 1)) return false;
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
      return fail("expected ',' or ']' in array");
    }
  }

  bool object(Value &v, int depth) {
    v.type = Value::Type::Object;
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
    for (;;) {
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected a member name");
      v.names.emplace_back();
      if (!string(v.names.back())) return false;
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') return fail("expected ':' after a member name");
      ++pos_;
      v.items.emplace_back();
      if (!value(v.items.back(), depth + 1)) return false;
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
      return fail("expected ',' or '}' in object");
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::string error_;
};

// Code points that change how the text around them reads without being visible themselves.
bool is_invisible(uint32_t cp) {
  return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0xfeff || cp == 0x2028 || cp == 0x2029 || (cp >= 0x80 && cp < 0xa0);
}

void append_u_escape(std::string &out, uint32_t cp) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
  out += buf;
}

void pretty_into(std::string &out, const Value &v, int indent) {
  const Style &st = style();
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  switch (v.type) {
    case Value::Type::Null:
    case Value::Type::Bool: out += std::string(st.lit) + v.text + st.reset; return;
    case Value::Type::Number: out += std::string(st.num) + v.text + st.reset; return;
    case Value::Type::String: out += std::string(st.str) + quote(v.text) + st.reset; return;
    case Value::Type::Array:
      if (v.items.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        out += pad + "  ";
        pretty_into(out, v.items[i], indent + 2);
        out += i + 1 < v.items.size() ? ",\n" : "\n";
      }
      out += pad + "]";
      return;
    case Value::Type::Object:
      if (v.items.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        out += pad + "  " + st.key + quote(v.names[i]) + st.reset + ": ";
        pretty_into(out, v.items[i], indent + 2);
        out += i + 1 < v.items.size() ? ",\n" : "\n";
      }
      out += pad + "}";
      return;
  }
}

}  // namespace

const Value *Value::find(std::string_view name) const {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return &items[i];
  return nullptr;
}

std::optional<double> Value::number() const {
  if (type != Type::Number) return std::nullopt;
  return std::strtod(text.c_str(), nullptr);
}

std::optional<Value> parse(std::string_view text, std::string &error) { return Parser(text).run(error); }

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      append_u_escape(out, c);
    } else if (c >= 0xc0) {
      // A multi-byte sequence may hide an invisible code point; decode it to look.
      const std::size_t len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
      if (i + len > s.size()) {
        out.append(s.substr(i));
        break;
      }
      uint32_t cp = c & (len == 2 ? 0x1fu : len == 3 ? 0x0fu : 0x07u);
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3fu);
      if (is_invisible(cp)) {
        append_u_escape(out, cp);
      } else {
        out.append(s.substr(i, len));
      }
      i += len - 1;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string compact(const Value &v) {
  switch (v.type) {
    case Value::Type::Null:
    case Value::Type::Bool:
    case Value::Type::Number: return v.text;
    case Value::Type::String: return quote(v.text);
    case Value::Type::Array: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) out += (i ? "," : "") + compact(v.items[i]);
      return out + "]";
    }
    case Value::Type::Object: {
      std::string out = "{";
      for (std::size_t i = 0; i < v.items.size(); ++i) out += (i ? "," : "") + quote(v.names[i]) + ":" + compact(v.items[i]);
      return out + "}";
    }
  }
  return "null";
}

std::string pretty(const Value &v, int indent) {
  std::string out;
  pretty_into(out, v, indent);
  return out;
}

std::vector<std::string> duplicate_names(const Value &object) {
  std::vector<std::string> dups;
  for (std::size_t i = 0; i < object.names.size(); ++i) {
    bool seen_before = false, listed = false;
    for (std::size_t j = 0; j < i; ++j) seen_before = seen_before || object.names[j] == object.names[i];
    for (const std::string &d : dups) listed = listed || d == object.names[i];
    if (seen_before && !listed) dups.push_back(object.names[i]);
  }
  return dups;
}

}  // namespace cli::json
