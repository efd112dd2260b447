// Per-thread scratch buffers for the decoders and the tracer's kernel queries.
#pragma once

#include <cstddef>
#include <memory>

namespace scry {

// A per-thread scratch buffer of N bytes for one use site (Tag), allocated at its first use.
// A thread_local array would instead be zeroed in every thread's static TLS block at start-up:
// resident memory in every run, decoder used or not. The storage comes from operator new[], so
// it is aligned for any kernel structure (__STDCPP_DEFAULT_NEW_ALIGNMENT__).
template <typename Tag, std::size_t N>
unsigned char* scratch_buffer() {
  thread_local std::unique_ptr<unsigned char[]> buf;
  if (!buf) buf = std::make_unique_for_overwrite<unsigned char[]>(N);
  return buf.get();
}

}  // namespace scry
