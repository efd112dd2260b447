// OutputSink: a buffered output file (stderr, -o FILE, or one -ff file per task). Writes happen
// when the buffer is large or when the tracer is about to block, never once per line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "scry/out_buf.hpp"

namespace scry::output {

class OutputSink {
 public:
  explicit OutputSink(int fd, bool owns_fd) : fd_(fd), owns_(owns_fd) {}
  ~OutputSink();
  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;

  void write(std::string_view text);
  void flush();
  // Column of the current line (0 at the start of a line), as strace counts it for alignment.
  std::size_t column() const { return col_; }
  int fd() const { return fd_; }

 private:
  int fd_;
  bool owns_;
  std::size_t col_ = 0;
  std::string buf_;
};

}  // namespace scry::output
