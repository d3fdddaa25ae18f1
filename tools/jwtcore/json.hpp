// A small, strict JSON reader and printer for what `jwtcore decode` shows before any verification.
// The CLI links only the shared library, whose C API parses JSON only inside verification; this
// reader exists to display untrusted headers and claims. It keeps every member in order,
// duplicates included, because a repeated name is itself worth a warning (parser differentials).
#ifndef JWTCORE_CLI_JSON_HPP
#define JWTCORE_CLI_JSON_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cli::json {

struct Value {
  enum class Type { Null, Bool, Number, String, Array, Object };
  Type type = Type::Null;
  std::string text;                // String: the unescaped UTF-8; Number/Bool: the source text
  std::vector<std::string> names;  // Object: member names (unescaped), in order, duplicates kept
  std::vector<Value> items;        // Array items, or Object member values (parallel to names)

  bool is_object() const { return type == Type::Object; }
  bool is_string() const { return type == Type::String; }
  bool is_number() const { return type == Type::Number; }
  // The first member named `name`, or nullptr.
  const Value *find(std::string_view name) const;
  // The value of a number, if it is one.
  std::optional<double> number() const;
};

// Parses RFC 8259 JSON (UTF-8 checked, nesting at most 64 deep). On failure returns nullopt and
// sets `error` to a one-line reason with the byte offset.
std::optional<Value> parse(std::string_view text, std::string &error);

// A JSON string literal for `s`. Besides what JSON requires, escapes DEL and the invisible or
// reordering code points (bidi controls, zero-width characters), so a terminal shows what a
// value really holds.
std::string quote(std::string_view s);

// Compact JSON text of `v` (for --json output).
std::string compact(const Value &v);

// Indented JSON text of `v`, coloured with the CLI style; every line after the first starts
// with `indent` spaces.
std::string pretty(const Value &v, int indent);

// The names that appear more than once in an object.
std::vector<std::string> duplicate_names(const Value &object);

}  // namespace cli::json

#endif  // JWTCORE_CLI_JSON_HPP
