// SPDX-License-Identifier: Apache-2.0
// A main() for the fuzz targets where libFuzzer is absent (GCC builds): runs
// the target once on every file named on the command line, or in the folders
// named, so the seed corpus and every input a fuzzer once crashed on run in
// the ordinary test suite (and under its sanitizers).
//
//   normalize_fuzz tests/fuzz/corpus/normalize

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t inputs = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path given = argv[i];
    if (!std::filesystem::exists(given)) {
      std::fprintf(stderr, "%s: no such file or folder\n", argv[i]);
      return 2;
    }
    if (!std::filesystem::is_directory(given)) {
      run(given);
      ++inputs;
      continue;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(given))
      if (entry.is_regular_file()) {
        run(entry.path());
        ++inputs;
      }
  }
  if (inputs == 0) {
    std::fprintf(stderr, "usage: %s FILE|FOLDER...: no inputs given\n", argv[0]);
    return 2;
  }
  std::printf("ran %zu inputs\n", inputs);
  return 0;
}
