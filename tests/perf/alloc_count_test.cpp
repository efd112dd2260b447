// The hot path does not allocate: tracing N syscalls makes as many heap allocations as
// tracing 10*N (within a small constant for start-up and fd-path lookups). Every C++
// allocation in scry goes through operator new, which this test counts.
#include <unistd.h>

// The replacement operator delete frees what the replacement operator new malloc'ed; GCC
// cannot see that pairing through inlined standard containers.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

#include "output/text_writer.hpp"
#include "trace/options.hpp"
#include "trace/tracer.hpp"

namespace {
std::atomic<long> g_allocations{0};
}

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

long allocations_for(const std::string& workload, long n, const char* expr) {
  scry::trace::TraceOptions opt;
  opt.command = {workload, std::to_string(n)};
  opt.resolved_path = workload;
  opt.env = {"PATH=/usr/bin:/bin"};
  opt.writer.outfile = "/dev/null";
  if (expr != nullptr && !opt.filter.add_trace_expr(expr)) std::abort();
  scry::output::TextWriter writer(opt.writer);
  if (!writer.open()) std::abort();
  long before = g_allocations.load();
  scry::trace::Tracer tracer(opt, writer);
  int status = tracer.run();
  writer.flush();
  long used = g_allocations.load() - before;
  if (status != 0) {
    std::fprintf(stderr, "tracee exited with %d\n", status);
    std::exit(2);
  }
  return used;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s WORKLOAD_DIR\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  int failures = 0;
  for (const char* workload : {"getppid_loop", "small_writes", "open_close"}) {
    std::string path = dir + "/" + workload;
    long small = allocations_for(path, 2000, nullptr);
    long large = allocations_for(path, 20000, nullptr);
    // open_close's fds make -y-free decoding identical per event; allow a few for start-up.
    bool ok = large - small <= 16;
    std::printf("%-14s allocations: %ld for 2000 iterations, %ld for 20000 -> %s\n", workload,
                small, large, ok ? "ok" : "GROWS WITH EVENTS");
    failures += ok ? 0 : 1;
  }
  std::printf("%d passed, %d failed\n", 3 - failures, failures);
  return failures == 0 ? 0 : 1;
}
