#include "output/sink.hpp"

#include <errno.h>
#include <unistd.h>

namespace scry::output {

namespace {
constexpr std::size_t kFlushAt = 64 * 1024;
}

OutputSink::~OutputSink() {
  flush();
  if (owns_) ::close(fd_);
}

void OutputSink::write(std::string_view text) {
  if (text.empty()) return;
  if (buf_.capacity() < kFlushAt) buf_.reserve(kFlushAt * 2);
  buf_.append(text);
  auto nl = text.rfind('\n');
  col_ = (nl == std::string_view::npos) ? col_ + text.size() : text.size() - nl - 1;
  if (buf_.size() >= kFlushAt) flush();
}

void OutputSink::flush() {
  std::size_t off = 0;
  while (off < buf_.size()) {
    ssize_t n = ::write(fd_, buf_.data() + off, buf_.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;  // the output is gone (closed pipe, full disk): drop it, keep tracing
    }
    off += static_cast<std::size_t>(n);
  }
  buf_.clear();
}

}  // namespace scry::output
