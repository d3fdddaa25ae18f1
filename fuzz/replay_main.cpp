// The driver linked instead of libFuzzer when there is no fuzzing engine (gcc, or -Dfuzz=disabled):
// it runs every file named on the command line, and every file inside each named directory, once
// through the harness, so that an ordinary `meson test` replays the corpora and the regression
// inputs. Each input sits in a heap block of exactly its size, so a sanitizer build catches
// over-reads as libFuzzer would.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace {

namespace fs = std::filesystem;

bool collect(const fs::path &arg, std::vector<fs::path> &files) {
  std::error_code ec;
  if (fs::is_directory(arg, ec)) {
    std::vector<fs::path> found;
    for (const auto &entry : fs::directory_iterator(arg, ec))
      if (entry.is_regular_file()) found.push_back(entry.path());
    std::sort(found.begin(), found.end());  // a stable order makes failures reproducible
    files.insert(files.end(), found.begin(), found.end());
  } else if (fs::is_regular_file(arg, ec)) {
    files.push_back(arg);
  } else {
    std::fprintf(stderr, "replay: %s is neither a file nor a directory\n", arg.c_str());
    return false;
  }
  return true;
}

bool run_one(const fs::path &file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
    return false;
  }
  const std::vector<char> content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto exact = std::make_unique<uint8_t[]>(content.size());
  std::copy(content.begin(), content.end(), exact.get());
  LLVMFuzzerTestOneInput(exact.get(), content.size());
  return true;
}

}  // namespace

int main(int argc, char **argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i)
    if (!collect(argv[i], files)) return 2;
  if (files.empty()) {
    std::fprintf(stderr, "replay: no input found (a harness without a seed corpus is a mistake)\n");
    return 2;
  }
  for (const auto &file : files) {
    std::fprintf(stderr, "replay: %s\n", file.c_str());
    if (!run_one(file)) return 2;
  }
  std::printf("replayed %zu inputs without an oracle violation\n", files.size());
  return 0;
}
