// Reading a stopped tracee's memory: one process_vm_readv per request, PEEKDATA as the fallback
// (process_vm_readv needs the same credentials checks as ptrace but can be unavailable, e.g.
// under some seccomp or LSM policies).
#include <errno.h>
#include <sys/uio.h>

#include <algorithm>
#include <cstring>

#include "scry/ptrace.hpp"

namespace scry::ptrace {

std::size_t ProcessMemory::read(std::uint64_t addr, void* buf, std::size_t len) {
  if (len == 0) return 0;
  iovec local{buf, len};
  iovec remote{reinterpret_cast<void*>(addr), len};
  ssize_t n = ::process_vm_readv(raw(tid_), &local, 1, &remote, 1, 0);
  if (n == static_cast<ssize_t>(len)) return len;
  if (n > 0) {
    // A partial read stops at a page that is not mapped; the rest may not be readable at all.
    std::size_t got = static_cast<std::size_t>(n);
    return got + read_peek(addr + got, static_cast<char*>(buf) + got, len - got);
  }
  if (errno == EFAULT || errno == ESRCH) return 0;
  return read_peek(addr, buf, len);
}

std::size_t ProcessMemory::read_peek(std::uint64_t addr, void* buf, std::size_t len) {
  // PEEKDATA reads aligned words; stop at the first word that fails.
  char* out = static_cast<char*>(buf);
  std::size_t done = 0;
  while (done < len) {
    std::uint64_t a = addr + done;
    std::uint64_t aligned = a & ~std::uint64_t{7};
    auto word = peek_data(tid_, aligned);
    if (!word) break;
    long w = *word;
    std::size_t off = a - aligned;
    std::size_t take = std::min<std::size_t>(sizeof(long) - off, len - done);
    std::memcpy(out + done, reinterpret_cast<char*>(&w) + off, take);
    done += take;
  }
  return done;
}

}  // namespace scry::ptrace

namespace scry {

long MemoryReader::read_cstring(std::uint64_t addr, char* buf, std::size_t max, bool* terminated) {
  // Read in page-bounded chunks so that a string ending just before an unmapped page is found.
  *terminated = false;
  std::size_t got = 0;
  bool any = false;
  while (got < max + 1) {
    std::uint64_t a = addr + got;
    std::size_t to_page = 4096 - (a & 4095);
    std::size_t want = std::min(to_page, max + 1 - got);
    std::size_t n = read(a, buf + got, want);
    if (n > 0) any = true;
    const void* nul = std::memchr(buf + got, 0, n);
    if (nul != nullptr) {
      *terminated = true;
      return static_cast<const char*>(nul) - buf;
    }
    got += n;
    if (n < want) break;
  }
  if (!any) return -1;
  return static_cast<long>(std::min(got, max));
}

}  // namespace scry
