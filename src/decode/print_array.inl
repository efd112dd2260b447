// strace's print_array_ex, as a template over the element printer. Included by decode_impl.hpp.
#pragma once

#include <array>

namespace scry::dec {

// Hard cap on elements printed even with -v (the tracee controls the count).
inline constexpr std::uint64_t kMaxArrayElems = 1u << 16;

// print_elem(const unsigned char* elem) -> bool (false: stop after this element).
template <typename Fn>
bool print_array(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count, std::size_t elem_size,
                 Fn&& print_elem) {
  OutBuf& out = ctx.out;
  if (addr == 0) {
    out.put("NULL");
    return false;
  }
  if (count == 0) {
    out.put("[]");
    return false;
  }
  const std::uint64_t size = count * elem_size;
  const std::uint64_t end = addr + size;
  if (end <= addr || size / elem_size != count) {
    print_addr(out, addr);
    return false;
  }
  std::uint64_t limit = ctx.opt.verbose ? kMaxArrayElems : max_strlen(ctx.opt);
  std::uint64_t abbrev_end = (limit < count) ? addr + elem_size * limit : end;
  std::array<unsigned char, 256> buf{};
  if (elem_size > buf.size()) {
    print_addr(out, addr);
    return false;
  }
  std::uint64_t cur = addr;
  for (; cur < end; cur += elem_size) {
    if (cur != addr) out.put(", ");
    if (cur >= abbrev_end) {
      out.put("...");
      cur = end;
      break;
    }
    if (!ctx.opt.struct_verbose || (ctx.exiting && ctx.call.is_error) ||
        !umoven(ctx.mem, cur, elem_size, buf.data())) {
      if (cur == addr) {
        print_addr(out, cur);
      } else {
        out.put("... /* ");
        print_hex(out, cur);
        out.put(" */");
      }
      break;
    }
    if (cur == addr) out.put('[');
    if (!print_elem(static_cast<const unsigned char*>(buf.data()))) {
      cur = end;
      break;
    }
  }
  if (cur != addr) out.put(']');
  return cur >= end;
}

}  // namespace scry::dec
