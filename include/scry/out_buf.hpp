// OutBuf: an append-only text buffer that keeps its capacity, so the hot path does not allocate
// once it has warmed up. Number formatting is done in place with std::to_chars.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace scry {

class OutBuf {
 public:
  OutBuf() { s_.reserve(4096); }
  void put(char c) { s_.push_back(c); }
  void put(std::string_view v) { s_.append(v.data(), v.size()); }
  void put(const char* c) { put(std::string_view(c)); }
  void put_dec(std::int64_t v) { put_num(v, 10); }
  void put_udec(std::uint64_t v) { put_num(v, 10); }
  // 0x-prefixed lower-case hex; 0 prints as "0" (strace's %#lx).
  void put_hex(std::uint64_t v) {
    if (v == 0) return put('0');
    put("0x");
    put_num(v, 16);
  }
  // Octal with a leading 0 (strace's %#o); 0 prints as "0".
  void put_oct(std::uint64_t v) {
    put('0');
    if (v != 0) put_num(v, 8);
  }
  // Octal zero-padded to at least width digits, with a leading 0 (modes: 0644, 000).
  void put_oct_width(std::uint64_t v, int width) {
    char tmp[32];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v, 8);
    int n = static_cast<int>(r.ptr - tmp);
    put('0');
    for (int i = n; i < width; ++i) put('0');
    put(std::string_view(tmp, static_cast<std::size_t>(n)));
  }
  void pad_to(std::size_t column) {
    if (s_.size() < column) s_.append(column - s_.size(), ' ');
  }
  std::size_t size() const { return s_.size(); }
  bool empty() const { return s_.empty(); }
  std::string_view view() const { return s_; }
  const char* data() const { return s_.data(); }
  void clear() { s_.clear(); }
  void truncate(std::size_t n) { s_.resize(n); }
  std::string& str() { return s_; }

 private:
  template <typename T>
  void put_num(T v, int base) {
    char tmp[72];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v, base);
    s_.append(tmp, static_cast<std::size_t>(r.ptr - tmp));
  }
  std::string s_;
};

}  // namespace scry
