// JSON layer: limits, UTF-8, duplicate member names, typed views and the writer's escaping.
#include <catch2/catch.hpp>

#include "src/core/json.hpp"

using namespace jwtcore;

namespace {
const json::Limits kLimits{};
int parse_code(std::string_view text, json::Limits limits = kLimits) {
  json::Document doc;
  return doc.parse(text, limits, "test").code();
}
std::string nested(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}
}  // namespace

TEST_CASE("A JOSE header parses and its members read back with their types") {
  json::Document doc;
  REQUIRE(doc.parse_object(R"({"alg":"HS256","typ":"JWT","n":-5,"d":1.5,"b":true,"z":null,"a":[1,"x"],"o":{"k":"v"}})",
                           kLimits, "JOSE header"));
  auto root = doc.root();
  CHECK(root.size() == 8);
  CHECK(root.find("alg")->as_string() == std::string_view("HS256"));
  CHECK(root.find("n")->as_int64() == -5);
  CHECK(root.find("n")->type() == json::Type::integer);
  CHECK(root.find("d")->as_double() == 1.5);
  CHECK_FALSE(root.find("d")->as_int64().has_value());
  CHECK(root.find("b")->as_bool() == true);
  CHECK(root.find("z")->type() == json::Type::null);
  CHECK(root.find("a")->size() == 2);
  CHECK(root.find("o")->find("k")->as_string() == std::string_view("v"));
  CHECK_FALSE(root.find("missing").has_value());
  CHECK_FALSE(root.find("alg")->as_int64().has_value());
  CHECK(root.find("o")->to_json() == R"({"k":"v"})");
}

TEST_CASE("Member lookup compares unescaped names") {
  json::Document doc;
  REQUIRE(doc.parse_object(R"({"\u0061lg":"none"})", kLimits, "JOSE header"));
  CHECK(doc.root().find("alg")->as_string() == std::string_view("none"));
}

TEST_CASE("Members and elements are visited in document order") {
  json::Document doc;
  REQUIRE(doc.parse_object(R"({"b":1,"a":[3,4,5]})", kLimits, "t"));
  std::string keys;
  doc.root().each_member([&](std::string_view k, json::Value) { keys += k; return true; });
  CHECK(keys == "ba");
  int64_t sum = 0;
  doc.root().find("a")->each_element([&](json::Value v) { sum += *v.as_int64(); return true; });
  CHECK(sum == 12);
}

TEST_CASE("A duplicate member name is rejected with the name in the message") {
  json::Document doc;
  Status st = doc.parse(R"({"alg":"HS256","alg":"none"})", kLimits, "JOSE header");
  CHECK(st.code() == JWTCORE_E_JSON_DUPLICATE);
  CHECK(st.message() == "JOSE header: member 'alg' appears more than once");
}

TEST_CASE("A duplicate written with a different escape is still a duplicate") {
  CHECK(parse_code(R"({"alg":"HS256","\u0061lg":"none"})") == JWTCORE_E_JSON_DUPLICATE);
  CHECK(parse_code(R"({"a\/b":1,"a/b":2})") == JWTCORE_E_JSON_DUPLICATE);
}

TEST_CASE("Duplicates in nested objects and inside arrays are rejected") {
  CHECK(parse_code(R"({"jwk":{"kty":"EC","kty":"RSA"}})") == JWTCORE_E_JSON_DUPLICATE);
  CHECK(parse_code(R"({"keys":[{"kid":"1"},{"x":1,"x":1}]})") == JWTCORE_E_JSON_DUPLICATE);
  CHECK(parse_code(R"({"a":{"x":1},"b":{"x":1}})") == JWTCORE_OK);  // same name in different objects
}

TEST_CASE("Duplicates in large objects are found by the sorting path") {
  std::string big = "{";
  for (int i = 0; i < 40; ++i) big += "\"m" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  CHECK(parse_code(big + "\"m39\":0}") == JWTCORE_E_JSON_DUPLICATE);
  CHECK(parse_code(big + "\"m40\":0}") == JWTCORE_OK);
}

TEST_CASE("Nesting beyond the depth limit is rejected with the limit code") {
  CHECK(parse_code(nested(32)) == JWTCORE_OK);
  CHECK(parse_code(nested(33)) == JWTCORE_E_LIMIT_DEPTH);
  json::Limits deep{1 << 20, 1024};
  CHECK(parse_code(nested(5000), deep) == JWTCORE_E_LIMIT_DEPTH);
}

TEST_CASE("A document over the size limit is rejected before parsing") {
  json::Limits small{16, 32};
  json::Document doc;
  Status st = doc.parse(R"({"a":"0123456789"})", small, "JWK");
  CHECK(st.code() == JWTCORE_E_LIMIT_SIZE);
  CHECK(st.message() == "JWK: 18 bytes exceeds the limit of 16");
}

TEST_CASE("Invalid UTF-8 is rejected") {
  CHECK(parse_code("{\"a\":\"\xff\"}") == JWTCORE_E_JSON);
  CHECK(parse_code("{\"a\":\"\xc0\xaf\"}") == JWTCORE_E_JSON);        // overlong '/'
  CHECK(parse_code("{\"a\":\"\xed\xa0\x80\"}") == JWTCORE_E_JSON);    // UTF-16 surrogate
  CHECK(parse_code("{\"\xe2\x82\":1}") == JWTCORE_E_JSON);            // truncated sequence in a name
  CHECK(parse_code("{\"a\":\"\xe2\x82\xac\"}") == JWTCORE_OK);        // the euro sign is fine
}

TEST_CASE("Syntax errors, trailing content and bad numbers are rejected") {
  for (const char *s : {"", "{", "{\"a\":1,}", "{\"a\" 1}", "{'a':1}", "{\"a\":1}x", "{\"a\":1}{}",
                        "{\"a\":01}", "{\"a\":1e999}", "{\"a\":99999999999999999999999}", "{\"a\":NaN}",
                        "{\"a\":\"\x01\"}"}) {
    CAPTURE(s);
    CHECK(parse_code(s) == JWTCORE_E_JSON);
  }
  CHECK(parse_code(std::string_view("{\"a\":1}\0", 8)) == JWTCORE_E_JSON);
}

TEST_CASE("parse_object rejects a top level that is not an object") {
  json::Document doc;
  for (const char *s : {"[]", "\"alg\"", "1", "null", "true"}) {
    CAPTURE(s);
    Status st = doc.parse_object(s, kLimits, "claims");
    CHECK(st.code() == JWTCORE_E_JSON);
    CHECK(st.message().find("expected a JSON object") != std::string::npos);
  }
}

TEST_CASE("A reused Document parses a second document correctly") {
  json::Document doc;
  REQUIRE(doc.parse_object(R"({"a":"first"})", kLimits, "t"));
  REQUIRE(doc.parse_object(R"({"a":"second","b":2})", kLimits, "t"));
  CHECK(doc.root().find("a")->as_string() == std::string_view("second"));
  CHECK_FALSE(doc.parse_object(R"({"a":1,"a":2})", kLimits, "t"));
  CHECK_FALSE(doc.root().is_object());
}

TEST_CASE("The writer escapes quotes, backslashes and control characters and keeps UTF-8") {
  std::string out;
  json::Writer<std::string> w(out);
  w.begin_object()
      .member("q", "a\"b\\c")
      .member("ctl", std::string_view("\x01\x1f\n\t\r\b\f\0", 8))
      .member("utf8", "\xe2\x82\xac")
      .key("n").integer(-42)
      .key("arr").begin_array().string("x").boolean(false).null().end_array()
      .key("o").begin_object().key("k").raw("[1,2]").end_object()
      .end_object();
  CHECK(out == R"({"q":"a\"b\\c","ctl":"\u0001\u001f\n\t\r\b\f\u0000","utf8":"€","n":-42,"arr":["x",false,null],"o":{"k":[1,2]}})");
  // What we write must read back to the same values through the strict parser.
  json::Document doc;
  REQUIRE(doc.parse_object(out, kLimits, "t"));
  CHECK(doc.root().find("ctl")->as_string() == std::string_view("\x01\x1f\n\t\r\b\f\0", 8));
  CHECK(doc.root().find("q")->as_string() == std::string_view("a\"b\\c"));
}

TEST_CASE("valid_utf8 accepts UTF-8 and rejects malformed sequences") {
  CHECK(json::valid_utf8("plain"));
  CHECK(json::valid_utf8("\xf0\x9f\x94\x91"));
  CHECK_FALSE(json::valid_utf8("\xf0\x9f\x94"));
  CHECK_FALSE(json::valid_utf8("\xfe"));
}
