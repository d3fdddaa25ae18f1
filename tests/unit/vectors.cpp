#include "vectors.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace jwtcore::test {
namespace {
bool is_dir(const std::string &p) {
  struct stat st {};
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}
bool ci_mode() {
  const char *ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}
}  // namespace

std::string vectors_dir() {
  if (const char *env = std::getenv("JWTCORE_VECTORS"); env != nullptr && *env != '\0') {
    return is_dir(env) ? std::string(env) : std::string();
  }
  std::string root = ".";
  if (const char *src = std::getenv("JWTCORE_SOURCE_ROOT"); src != nullptr && *src != '\0') root = src;
  std::string candidate = root + "/../shared/vectors";
  return is_dir(candidate) ? candidate : std::string();
}

std::optional<std::string> read_file(const std::string &path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::optional<std::string> read_vector(const std::string &relative_path) {
  const std::string dir = vectors_dir();
  if (dir.empty()) {
    if (ci_mode()) {
      FAIL("shared test vectors not found (set JWTCORE_VECTORS); CI=true makes this a failure");
    }
    WARN("SKIPPED: shared test vectors not found (set JWTCORE_VECTORS or place ../shared/vectors); "
         "vector-based checks in this test did not run");
    return std::nullopt;
  }
  auto content = read_file(dir + "/" + relative_path);
  if (!content) FAIL("vector file missing or unreadable: " << dir << "/" << relative_path);
  return content;
}

}  // namespace jwtcore::test
