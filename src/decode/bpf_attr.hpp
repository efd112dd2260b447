// bpf(2): what custom_bpf.cpp and custom_bpf_info.cpp share -- a view over the union bpf_attr
// bytes as read from the tracee (zero past what was read), and the printers of both files.
#pragma once

#include <cstdint>
#include <cstring>

#include "decode/decode_impl.hpp"

namespace scry::dec::bpf {

// The attribute bytes of one command: `size` bytes read (at most a page), zeros after them, so
// a field past the caller's size reads as 0 as in strace's zero-initialised copy.
struct Attr {
  const unsigned char* data = nullptr;
  std::uint32_t size = 0;

  template <typename T>
  T get(std::size_t off) const {
    T v{};
    std::memcpy(&v, data + off, sizeof v);
    return v;
  }
  std::uint32_t u32(std::size_t off) const { return get<std::uint32_t>(off); }
  std::int32_t s32(std::size_t off) const { return get<std::int32_t>(off); }
  std::uint64_t u64(std::size_t off) const { return get<std::uint64_t>(off); }
  // strace's "len > offsetof(field)": the caller's size reaches the field.
  bool has(std::size_t off) const { return size > off; }
};

// ", ..." (or ", extra_data=\"\\x..\" /* bytes A..B */" with -v) when bytes of `data` past
// `known` (up to `size`) are not all zero.
void print_extra_data(DecodeCtx& ctx, const unsigned char* data, std::uint32_t size,
                      std::uint32_t known);

// A struct field of eBPF instructions: the address, or with -v the decoded array.
void print_insns(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count);

// BPF_OBJ_GET_INFO_BY_FD (custom_bpf_info.cpp). The entry prints "{info={bpf_fd=N, info_len=N"
// and notes what the exit needs; the exit prints the rest.
void obj_get_info_entry(DecodeCtx& ctx, const Attr& a);
void obj_get_info_exit(DecodeCtx& ctx, const Attr& a);

}  // namespace scry::dec::bpf
