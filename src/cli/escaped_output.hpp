// SPDX-License-Identifier: Apache-2.0
#pragma once
// Everything the tool prints on stdout and stderr passes through an
// EscapedOutput: control bytes that came from input (a line of a file being
// imported, an argument echoed in an error, a name stored by an older crm)
// would otherwise drive the terminal: ESC sequences retitle a window or
// clear the screen, BEL rings. They are written as the library writes them
// in messages (src/text/quote.hpp): C0 controls and bytes that are not UTF-8
// as \xNN, DEL and C1 controls as \u00NN; \n and \t are kept. JSON output
// is unchanged by it: nlohmann already writes C0 controls as \u00NN inside
// strings, and \u00NN for DEL and C1 is JSON's own spelling.

#include <ostream>
#include <streambuf>
#include <string>

namespace crm::cli {

class EscapedOutput : public std::streambuf {
 public:
  // Puts itself between `stream` and its buffer until destroyed.
  explicit EscapedOutput(std::ostream& stream);
  ~EscapedOutput() override;  // writes what is left and puts the buffer back
  EscapedOutput(const EscapedOutput&) = delete;
  EscapedOutput& operator=(const EscapedOutput&) = delete;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;  // std::flush, std::endl, and every write to std::cerr

 private:
  // Escapes and writes what is held; keeps the start of a character whose
  // other bytes have not been written yet, unless `all`.
  void forward(bool all);

  std::ostream& stream_;
  std::streambuf* target_;
  std::string held_;
};

}  // namespace crm::cli
