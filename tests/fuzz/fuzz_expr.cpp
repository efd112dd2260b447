// expr: the -e expressions a user types (trace=, signal=, status=, inject=, fault=), any bytes.
// User input, not tracee input, but a parser all the same: it must refuse, never crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "trace/filter.hpp"
#include "trace/inject.hpp"

using namespace scry::trace;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view expr(reinterpret_cast<const char*>(data) + 1, size - 1);
  // A /regex token goes to glibc's regcomp, whose memory grows without bound on stacked
  // repetitions ("a+++++...", as under strace): not this parser's to fuzz.
  if (expr.find('/') != std::string_view::npos) return 0;
  SyscallFilter filter;
  switch (data[0] % 5) {
    case 0:
      (void)filter.add_trace_expr(expr);
      break;
    case 1:
      (void)filter.add_signal_expr(expr);
      break;
    case 2:
      (void)filter.add_status_expr(expr);
      break;
    default: {
      InjectTable table;
      std::string warning;
      if (!table.add(expr, data[0] % 5 == 4, &warning).ok()) break;
      for (long nr = -1; nr < 1024; ++nr) {
        const InjectSpec* s = table.find(nr);
        if (s == nullptr) continue;
        if (s->first < 1 || s->step < 1 || s->last < s->first ||
            (!s->tampers_return() && s->signal == 0 && !s->delay_enter && !s->delay_exit &&
             s->poke_enter.empty() && s->poke_exit.empty())) {
          std::fprintf(stderr, "accepted an impossible injection\n");
          std::abort();
        }
      }
    }
  }
  return 0;
}
