// FakeMemory: a MemoryReader over a few mapped ranges; everything else is unreadable. Reads
// stop at the first unmapped byte, as process_vm_readv stops at an unmapped page.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "scry/memory.hpp"

namespace scry::test {

class FakeMemory final : public MemoryReader {
 public:
  // Maps bytes at addr (replacing what overlaps). Returns addr for convenience.
  std::uint64_t map(std::uint64_t addr, const void* data, std::size_t len) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < len; ++i) bytes_[addr + i] = p[i];
    return addr;
  }
  std::uint64_t map(std::uint64_t addr, std::string_view s) {
    return map(addr, s.data(), s.size());
  }
  // A NUL-terminated string.
  std::uint64_t map_cstr(std::uint64_t addr, std::string_view s) {
    map(addr, s.data(), s.size());
    unsigned char nul = 0;
    map(addr + s.size(), &nul, 1);
    return addr;
  }
  template <typename T>
  std::uint64_t map_obj(std::uint64_t addr, const T& v) {
    return map(addr, &v, sizeof v);
  }
  void unmap(std::uint64_t addr, std::size_t len) {
    for (std::size_t i = 0; i < len; ++i) bytes_.erase(addr + i);
  }
  std::size_t read(std::uint64_t addr, void* buf, std::size_t len) override {
    ++reads_;
    auto* out = static_cast<unsigned char*>(buf);
    std::size_t n = 0;
    for (; n < len; ++n) {
      auto it = bytes_.find(addr + n);
      if (it == bytes_.end()) break;
      out[n] = it->second;
    }
    return n;
  }
  std::size_t reads() const { return reads_; }

 private:
  std::map<std::uint64_t, unsigned char> bytes_;
  std::size_t reads_ = 0;
};

}  // namespace scry::test
