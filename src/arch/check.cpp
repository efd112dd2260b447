// SCRY_CHECK's failure path: a broken invariant is a bug in scry. Say where and abort.
#include <cstdio>
#include <cstdlib>

#include "scry/result.hpp"

namespace scry {

[[noreturn]] void check_failed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "scry: internal error: check failed: %s at %s:%d\n", expr, file, line);
  std::fflush(stderr);
  std::abort();
}

}  // namespace scry
