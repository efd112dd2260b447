// The tracer's clock: CLOCK_MONOTONIC in nanoseconds (-T, -c -w, spins, injected delays).
#pragma once

#include <time.h>

#include <cstdint>

namespace scry::trace {

inline std::uint64_t monotonic_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000000u +
         static_cast<std::uint64_t>(ts.tv_nsec);
}

}  // namespace scry::trace
