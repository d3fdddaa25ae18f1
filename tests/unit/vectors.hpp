// Locating and loading the shared test vectors (../shared/vectors, never copied into the repo).
#pragma once

#include <optional>
#include <string>

namespace jwtcore::test {

// The vectors directory: $JWTCORE_VECTORS, else ../shared/vectors from the source root. Empty
// if absent; then vectors_or_skip() decides between a loud skip and (with CI=true) a failure.
std::string vectors_dir();

// Reads a file below the vectors directory. When the corpus is missing: with CI=true the
// current test fails; otherwise it WARNs loudly and returns nullopt so the caller can skip.
std::optional<std::string> read_vector(const std::string &relative_path);

// Reads any file (for fixtures in tests/).
std::optional<std::string> read_file(const std::string &path);

}  // namespace jwtcore::test
