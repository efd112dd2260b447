// Reading the tracee's memory. The tracee is hostile: any read may fail or stop short.
#pragma once

#include <cstddef>
#include <cstdint>

namespace scry {

class MemoryReader {
 public:
  virtual ~MemoryReader() = default;
  // Reads up to len bytes at addr into buf. Returns how many bytes were read: a short count
  // means the memory after them is not readable. Never reads more than len.
  virtual std::size_t read(std::uint64_t addr, void* buf, std::size_t len) = 0;

  // Reads exactly len bytes; false if any of them is unreadable.
  bool read_exact(std::uint64_t addr, void* buf, std::size_t len) {
    return read(addr, buf, len) == len;
  }
  template <typename T>
  bool read_object(std::uint64_t addr, T& out) {
    return read_exact(addr, &out, sizeof(T));
  }
  // Reads a NUL-terminated string of at most max bytes (without the NUL) into buf (which
  // holds max+1 bytes). Returns the length read; sets *terminated when the NUL was found
  // within max bytes. Returns -1 if nothing at addr is readable.
  long read_cstring(std::uint64_t addr, char* buf, std::size_t max, bool* terminated);
};

}  // namespace scry
