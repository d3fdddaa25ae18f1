// The jwtcore command-line tool: what every command shares — exit codes, the two error kinds,
// option parsing, reading inputs (argument, @file, - for stdin) under size caps, and output.
#ifndef JWTCORE_CLI_HPP
#define JWTCORE_CLI_HPP

#include <jwtcore/jwtcore.hpp>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

// POSIX exit codes of every command.
constexpr int kExitOk = 0;
constexpr int kExitInvalid = 1;  // the token did not verify / decrypt
constexpr int kExitUsage = 2;    // bad usage or unusable input (file, key, malformed token)

// Input caps: a token is text meant for an HTTP header; anything larger is refused before any
// parsing. Payloads, plaintexts and claims files get more room; key files less.
constexpr std::size_t kMaxToken = 1u << 20;    // 1 MiB
constexpr std::size_t kMaxData = 8u << 20;     // 8 MiB
constexpr std::size_t kMaxKeyFile = 1u << 20;  // 1 MiB

// Exit 2: bad usage or input. The message is one line, without the program name.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Exit 1: the token was examined and is not valid (signature, claims, decryption).
struct Invalid : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void usage(const std::string &message);

// The options of one command. "--help"/"-h" and "--json" are understood by every command.
struct OptionSpec {
  std::string_view name;  // "--key"
  bool takes_value;
  bool repeatable;
};

class Args {
 public:
  Args(const std::vector<std::string> &argv, std::initializer_list<OptionSpec> specs);

  bool help() const { return help_; }
  bool json() const { return json_; }
  bool flag(std::string_view name) const;
  std::optional<std::string> value(std::string_view name) const;
  std::vector<std::string> values(std::string_view name) const;
  // The values of a repeatable option, each also split on commas ("--alg ES256,EdDSA").
  std::vector<std::string> list(std::string_view name) const;
  const std::vector<std::string> &positional() const { return positional_; }
  // Exactly `n` positional arguments, else a usage error naming `what`.
  void expect_positional(std::size_t n, const char *what) const;

 private:
  struct Given {
    std::string name;
    std::string value;
  };
  std::vector<Given> given_;
  std::vector<std::string> positional_;
  bool help_ = false;
  bool json_ = false;
};

// Reads an input given as text, "@path" or "-" (stdin, once per run), at most `cap` bytes;
// `what` names it in messages ("token", "--claims").
std::string read_source(std::string_view spec, std::size_t cap, std::string_view what);
// Reads a file named by a path ("-" is stdin; a leading '@' is accepted and dropped).
std::string read_path(std::string_view path, std::size_t cap, std::string_view what);
// True when stdin is a terminal (nothing is piped in).
bool stdin_is_tty();

// A token from an argument / @file / -: surrounding whitespace and a "Bearer " prefix dropped,
// then it must be non-empty printable ASCII (a JSON serialization may also hold whitespace and
// UTF-8). Malformed input is a usage error (exit 2).
std::string read_token(std::string_view spec);

// Writes `data` to stdout as is / followed by a newline.
void out(std::string_view data);
void out_line(std::string_view line);
// Writes a file with mode `mode` (0600 for private keys), replacing it.
void write_file(const std::string &path, std::string_view data, unsigned mode);

// ANSI colours, all empty unless stdout is a terminal and NO_COLOR is not set.
struct Style {
  const char *key = "";
  const char *str = "";
  const char *num = "";
  const char *lit = "";
  const char *head = "";
  const char *warn = "";
  const char *good = "";
  const char *dim = "";
  const char *reset = "";
};
const Style &style();

// "<what>: <library error>" as a usage error (exit 2) / as an invalid verdict (exit 1).
[[noreturn]] void usage_from(const jwtcore::Error &e, std::string_view what);
[[noreturn]] void invalid_from(const jwtcore::Error &e, std::string_view what);

// Splits "a,b,c" on commas, dropping empty items.
std::vector<std::string> split_list(std::string_view list);
bool is_valid_utf8(std::string_view s);

}  // namespace cli

#endif  // JWTCORE_CLI_HPP
