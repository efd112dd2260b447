// -y: what an fd of a traced task refers to, read from /proc/TID/fd/N (AT_FDCWD: its cwd).
#pragma once

#include <sys/types.h>

#include "scry/decode.hpp"

namespace scry::trace {

class ProcFdResolver final : public FdResolver {
 public:
  void retarget(pid_t tid) { tid_ = tid; }
  bool fd_path(int fd, OutBuf& out) override;

 private:
  pid_t tid_ = 0;
};

}  // namespace scry::trace
