// Small value types shared by every layer: task ids and typed tracee addresses.
#pragma once

#include <sys/types.h>

#include <cstdint>

namespace scry {

// A kernel task id (thread or process). Strong type so a tid is never confused with a count.
enum class Tid : pid_t {};
constexpr pid_t raw(Tid t) {
  return static_cast<pid_t>(t);
}
constexpr Tid tid_of(pid_t p) {
  return static_cast<Tid>(p);
}

// An address in the tracee's address space. It can never be dereferenced in the tracer:
// reading goes through a MemoryReader.
template <typename T = void>
class RemotePtr {
 public:
  constexpr RemotePtr() = default;
  constexpr explicit RemotePtr(std::uint64_t addr) : addr_(addr) {}
  constexpr std::uint64_t addr() const { return addr_; }
  constexpr bool is_null() const { return addr_ == 0; }
  template <typename U>
  constexpr RemotePtr<U> cast() const {
    return RemotePtr<U>(addr_);
  }
  constexpr RemotePtr operator+(std::uint64_t bytes) const { return RemotePtr(addr_ + bytes); }
  friend constexpr bool operator==(RemotePtr, RemotePtr) = default;

 private:
  std::uint64_t addr_ = 0;
};

}  // namespace scry
