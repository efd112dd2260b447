// Result<T>: a value or an errno-style error, for what can fail at run time.
#pragma once

#include <cerrno>
#include <cstdlib>
#include <string>
#include <utility>
#include <variant>

namespace scry {

struct Error {
  int code = 0;         // errno value, 0 when the error is not a system error
  std::string context;  // what was being done ("ptrace(PTRACE_SEIZE, 42)")
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error e) : v_(std::move(e)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error e) : err_(std::move(e)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return err_; }

 private:
  Error err_;
  bool ok_ = true;
};

inline Error errno_error(std::string context, int code = errno) {
  return Error{code, std::move(context)};
}

// Always-on invariant check: a broken invariant is a bug in scry, never the tracee's doing.
[[noreturn]] void check_failed(const char* expr, const char* file, int line);
#define SCRY_CHECK(cond) \
  ((cond) ? static_cast<void>(0) : ::scry::check_failed(#cond, __FILE__, __LINE__))

}  // namespace scry
