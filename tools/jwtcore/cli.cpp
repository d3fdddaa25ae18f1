#include "cli.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cli {

void usage(const std::string &message) { throw UsageError(message); }

[[noreturn]] void usage_from(const jwtcore::Error &e, std::string_view what) {
  throw UsageError(std::string(what) + ": " + e.what());
}

[[noreturn]] void invalid_from(const jwtcore::Error &e, std::string_view what) {
  throw Invalid(std::string(what) + ": " + e.what());
}

/* ---- Options ------------------------------------------------------------------------------ */

Args::Args(const std::vector<std::string> &argv, std::initializer_list<OptionSpec> specs) {
  bool options_done = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string &a = argv[i];
    if (options_done || a == "-" || a.size() < 2 || a[0] != '-') {
      positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (a == "--help" || a == "-h") {
      help_ = true;
      continue;
    }
    if (a == "--json") {
      json_ = true;
      continue;
    }
    const std::size_t eq = a.find('=');
    const std::string name = a.substr(0, eq);
    const OptionSpec *spec = nullptr;
    for (const OptionSpec &s : specs)
      if (s.name == name) spec = &s;
    if (spec == nullptr) usage("unknown option '" + name + "'");
    std::string v;
    if (spec->takes_value) {
      if (eq != std::string::npos) {
        v = a.substr(eq + 1);
      } else if (i + 1 < argv.size()) {
        v = argv[++i];
      } else {
        usage("option " + name + " needs a value");
      }
    } else if (eq != std::string::npos) {
      usage("option " + name + " takes no value");
    }
    if (!spec->repeatable && (flag(name) || value(name)))
      usage("option " + name + " given twice");
    given_.push_back({name, v});
  }
}

bool Args::flag(std::string_view name) const {
  for (const Given &g : given_)
    if (g.name == name) return true;
  return false;
}

std::optional<std::string> Args::value(std::string_view name) const {
  std::optional<std::string> v;
  for (const Given &g : given_)
    if (g.name == name) v = g.value;
  return v;
}

std::vector<std::string> Args::values(std::string_view name) const {
  std::vector<std::string> out;
  for (const Given &g : given_)
    if (g.name == name) out.push_back(g.value);
  return out;
}

std::vector<std::string> Args::list(std::string_view name) const {
  std::vector<std::string> out;
  for (const std::string &v : values(name))
    for (std::string &item : split_list(v)) out.push_back(std::move(item));
  return out;
}

void Args::expect_positional(std::size_t n, const char *what) const {
  if (positional_.size() < n) usage(std::string("missing ") + what);
  if (positional_.size() > n) usage("unexpected argument '" + positional_[n] + "'");
}

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    if (comma > start) out.emplace_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

/* ---- Inputs ------------------------------------------------------------------------------- */

namespace {

std::string size_text(std::size_t cap) {
  return cap % (1u << 20) == 0 ? std::to_string(cap >> 20) + " MiB" : std::to_string(cap) + " bytes";
}

// Reads at most cap + 1 bytes, so that a 10 GB file or an endless pipe costs nothing extra.
std::string read_fd(int fd, std::size_t cap, std::string_view what) {
  std::string data;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) usage(std::string(what) + ": read error: " + std::strerror(errno));
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > cap) usage(std::string(what) + ": input larger than the " + size_text(cap) + " limit");
  }
  return data;
}

std::string read_stdin(std::string_view what, std::size_t cap) {
  static bool consumed = false;
  if (consumed) usage(std::string(what) + ": standard input was already read by another '-'");
  consumed = true;
  return read_fd(STDIN_FILENO, cap, what);
}

}  // namespace

bool stdin_is_tty() { return ::isatty(STDIN_FILENO) == 1; }

std::string read_path(std::string_view path, std::size_t cap, std::string_view what) {
  if (!path.empty() && path[0] == '@') path.remove_prefix(1);
  if (path == "-") return read_stdin(what, cap);
  if (path.empty()) usage(std::string(what) + ": empty file name");
  const std::string p(path);
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) usage(std::string(what) + ": cannot open '" + p + "': " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    usage(std::string(what) + ": '" + p + "' is a directory");
  }
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > cap) {
    ::close(fd);
    usage(std::string(what) + ": '" + p + "' is larger than the " + size_text(cap) + " limit");
  }
  try {
    std::string data = read_fd(fd, cap, what);
    ::close(fd);
    return data;
  } catch (...) {
    ::close(fd);
    throw;
  }
}

std::string read_source(std::string_view spec, std::size_t cap, std::string_view what) {
  if (spec == "-" || (!spec.empty() && spec[0] == '@')) return read_path(spec, cap, what);
  if (spec.size() > cap) usage(std::string(what) + ": larger than the " + size_text(cap) + " limit");
  return std::string(spec);
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", c);
  return buf;
}

}  // namespace

std::string read_token(std::string_view spec) {
  // A file name given without '@' is a common slip; a token never names an existing file.
  struct stat st {};
  if (!spec.empty() && spec[0] != '@' && spec != "-" && spec.size() < 4096 &&
      ::stat(std::string(spec).c_str(), &st) == 0 && std::count(spec.begin(), spec.end(), '.') < 2)
    usage("'" + std::string(spec) + "' is a file; write @" + std::string(spec) + " to read the token from it");
  const std::string raw = read_source(spec, kMaxToken, "token");
  std::string_view t = trim(raw);
  if (t.size() >= 7 && (t.substr(0, 7) == "Bearer " || t.substr(0, 7) == "bearer ")) t = trim(t.substr(7));
  if (t.empty()) usage("the token is empty");
  if (t.front() == '{') {
    if (!is_valid_utf8(t)) usage("the token is not valid UTF-8 text");
    return std::string(t);
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c < 0x21 || c > 0x7e)
      usage("not a token: byte " + hex_byte(c) + " at offset " + std::to_string(i) +
            " (a compact token is printable ASCII)");
  }
  return std::string(t);
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1fu) : len == 3 ? (c & 0x0fu) : (c & 0x07u);
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3fu);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 (RFC 3629 §3).
    static const uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += len;
  }
  return true;
}

/* ---- Outputs ------------------------------------------------------------------------------ */

void out(std::string_view data) {
  if (!data.empty()) std::fwrite(data.data(), 1, data.size(), stdout);
}

void out_line(std::string_view line) {
  out(line);
  std::fputc('\n', stdout);
}

void write_file(const std::string &path, std::string_view data, unsigned mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) usage("cannot write '" + path + "': " + std::strerror(errno));
  // An existing file keeps its old mode through O_CREAT; a private key must not stay readable.
  (void)::fchmod(fd, static_cast<mode_t>(mode));
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      usage("cannot write '" + path + "': " + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) usage("cannot write '" + path + "': " + std::strerror(errno));
}

const Style &style() {
  static const Style s = [] {
    Style st;
    // https://no-color.org: any NO_COLOR disables colour; so does a pipe or a file.
    if (::isatty(STDOUT_FILENO) != 1 || std::getenv("NO_COLOR") != nullptr) return st;
    const char *term = std::getenv("TERM");
    if (term != nullptr && std::strcmp(term, "dumb") == 0) return st;
    st.key = "\x1b[34m";
    st.str = "\x1b[32m";
    st.num = "\x1b[33m";
    st.lit = "\x1b[35m";
    st.head = "\x1b[1m";
    st.warn = "\x1b[1;31m";
    st.good = "\x1b[1;32m";
    st.dim = "\x1b[2m";
    st.reset = "\x1b[0m";
    return st;
  }();
  return s;
}

}  // namespace cli
