#include "trace/stack_trace.hpp"

#include <dlfcn.h>
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <fcntl.h>
#include <gelf.h>
#include <sys/stat.h>
#include <sys/user.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "scry/ptrace.hpp"
#include "scry/syscall_table.hpp"

namespace scry::trace {
namespace {

constexpr std::uint8_t kEntry = 1;       // strace's SE
constexpr std::uint8_t kMaps = 2;        // strace's SI
constexpr std::size_t kMaxFrames = 256;  // strace 6.1: then "too many stack frames"
constexpr std::size_t kPage = 4096;

// No separate debuginfo: frames come from .eh_frame (and .debug_frame when the file itself
// has it), as libunwind reads them; and debuginfod is never asked.
int no_debuginfo(Dwfl_Module*, void**, const char*, Dwarf_Addr, const char*, const char*, GElf_Word,
                 char**) {
  return -1;
}

// libdw (with the libelf and compression libraries it needs) is opened at -k's first use
// rather than linked: every run would otherwise map them, ~0.5 MB resident for nothing.
// clang-format off
#define SCRY_LIBDW_FUNCTIONS(X)                                                                   \
  X(dwfl_begin) X(dwfl_end) X(dwfl_frame_pc) X(dwfl_getthread_frames) X(dwfl_linux_proc_report)  \
  X(dwfl_linux_proc_find_elf) X(dwfl_report_begin) X(dwfl_report_end) X(dwfl_attach_state)       \
  X(dwfl_thread_state_registers) X(elf_begin) X(elf_end) X(elf_getdata) X(elf_getphdrnum)        \
  X(elf_kind) X(elf_nextscn) X(elf_strptr) X(elf_version) X(gelf_getphdr) X(gelf_getshdr)        \
  X(gelf_getsym)
// clang-format on

struct Libdw {
#define SCRY_DECLARE(f) decltype(&::f) f = nullptr;
  SCRY_LIBDW_FUNCTIONS(SCRY_DECLARE)
#undef SCRY_DECLARE
  std::string error;  // why it could not be loaded
};

// The functions, loaded at the first call; StackTracer::load_error() says whether they are.
const Libdw& dw() {
  static const Libdw loaded = [] {
    Libdw dw;
    void* h = ::dlopen("libdw.so.1", RTLD_NOW | RTLD_LOCAL);  // libelf comes with it
    if (h == nullptr) {
      dw.error = ::dlerror();
      return dw;
    }
#define SCRY_RESOLVE(f)                                    \
  dw.f = reinterpret_cast<decltype(&::f)>(::dlsym(h, #f)); \
  if (dw.f == nullptr && dw.error.empty()) dw.error = ::dlerror();
    SCRY_LIBDW_FUNCTIONS(SCRY_RESOLVE)
#undef SCRY_RESOLVE
    return dw;
  }();
  return loaded;
}

char* g_debuginfo_path = nullptr;

// tid's process, from /proc/TID/status; 0 when the task is gone.
pid_t read_tgid(pid_t tid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/status", tid);
  FILE* f = std::fopen(path, "re");
  if (f == nullptr) return 0;
  char line[256];
  pid_t tgid = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::sscanf(line, "Tgid: %d", &tgid) == 1) break;
  }
  std::fclose(f);
  return tgid;
}

}  // namespace

// One line of /proc/PID/maps as strace's mmap cache keeps it: only mappings of a named
// object ("[vdso]" counts), in ascending order.
struct StackTracer::Mapping {
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::uint64_t offset = 0;
  std::uint64_t inode = 0;
  bool exec = false;
  std::string path;
};

struct StackTracer::Process {
  pid_t tgid = 0;
  unsigned generation = 0;
  bool fresh = false;     // maps read at `generation`
  bool attached = false;  // dwfl_attach_state done
  std::vector<Mapping> maps;
  Dwfl* dwfl = nullptr;

  ~Process() {
    if (dwfl != nullptr) dw().dwfl_end(dwfl);
  }
  const Mapping* find(std::uint64_t addr) const {
    auto it = std::upper_bound(maps.begin(), maps.end(), addr,
                               [](std::uint64_t a, const Mapping& m) { return a < m.start; });
    if (it == maps.begin()) return nullptr;
    --it;
    return addr < it->end ? &*it : nullptr;
  }
};

// The function symbols of one ELF file, as libunwind 1.6 looks them up: every defined
// STT_FUNC of .symtab and .dynsym, in section and table order (the first of equal addresses
// wins), sizes ignored.
struct StackTracer::ElfSymbols {
  struct Sym {
    std::uint64_t value;
    std::uint32_t order;
    std::uint32_t name;  // offset into names
  };
  struct Load {
    std::uint64_t offset;
    std::uint64_t vaddr;
  };
  bool valid = false;
  std::uint64_t file_size = 0;
  std::vector<Sym> syms;      // sorted by (value, order)
  std::vector<Sym> abs_syms;  // SHN_ABS: their value is an address, not relocated
  std::vector<Load> loads;
  std::string names;

  void load(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);  // never wait on a FIFO
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      return;
    }
    file_size = static_cast<std::uint64_t>(st.st_size);
    Elf* elf = dw().elf_begin(fd, ELF_C_READ_MMAP, nullptr);
    if (elf != nullptr && dw().elf_kind(elf) == ELF_K_ELF) {
      valid = true;
      read(elf);
    }
    if (elf != nullptr) dw().elf_end(elf);
    ::close(fd);
  }

  void read(Elf* elf) {
    std::size_t nph = 0;
    if (dw().elf_getphdrnum(elf, &nph) == 0) {
      for (std::size_t i = 0; i < nph; ++i) {
        GElf_Phdr ph;
        if (dw().gelf_getphdr(elf, static_cast<int>(i), &ph) != nullptr && ph.p_type == PT_LOAD)
          loads.push_back({ph.p_offset, ph.p_vaddr});
      }
    }
    std::uint32_t order = 0;
    for (Elf_Scn* scn = dw().elf_nextscn(elf, nullptr); scn != nullptr;
         scn = dw().elf_nextscn(elf, scn)) {
      GElf_Shdr sh;
      if (dw().gelf_getshdr(scn, &sh) == nullptr) continue;
      if (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM) continue;
      if (sh.sh_entsize == 0) continue;
      Elf_Data* data = dw().elf_getdata(scn, nullptr);
      if (data == nullptr) continue;
      const std::size_t n = sh.sh_size / sh.sh_entsize;
      for (std::size_t i = 0; i < n; ++i, ++order) {
        GElf_Sym s;
        if (dw().gelf_getsym(data, static_cast<int>(i), &s) == nullptr) break;
        if (GELF_ST_TYPE(s.st_info) != STT_FUNC || s.st_shndx == SHN_UNDEF) continue;
        const char* name = dw().elf_strptr(elf, sh.sh_link, s.st_name);
        if (name == nullptr) continue;
        const Sym sym{s.st_value, order, static_cast<std::uint32_t>(names.size())};
        (s.st_shndx == SHN_ABS ? abs_syms : syms).push_back(sym);
        names.append(name);
        names.push_back('\0');
      }
    }
    std::sort(syms.begin(), syms.end(), [](const Sym& a, const Sym& b) {
      return a.value != b.value ? a.value < b.value : a.order < b.order;
    });
  }

  // libunwind's load offset for an address in mapping m: the PT_LOAD mapped at m's offset.
  std::uint64_t load_offset(const Mapping& m) const {
    for (const Load& l : loads) {
      if ((l.offset & ~(kPage - 1)) == m.offset)
        return m.start - l.vaddr + (l.offset & (kPage - 1));
    }
    return 0;
  }

  // The name of the function symbol nearest at or below ip, and ip's distance from it.
  const char* lookup(std::uint64_t ip, std::uint64_t bias, std::uint64_t* dist) const {
    std::uint64_t best = ~std::uint64_t{0};
    const Sym* found = nullptr;
    auto consider = [&](const Sym& s, std::uint64_t value) {
      const std::uint64_t d = ip - value;  // unsigned: a symbol above ip is far away
      if (d < best || (d == best && found != nullptr && s.order < found->order)) {
        best = d;
        found = &s;
      }
    };
    const std::uint64_t key = ip - bias;
    auto it = std::upper_bound(syms.begin(), syms.end(), key,
                               [](std::uint64_t k, const Sym& s) { return k < s.value; });
    if (it != syms.begin()) {
      const std::uint64_t v = std::prev(it)->value;
      auto first = std::lower_bound(syms.begin(), it, v,
                                    [](const Sym& s, std::uint64_t k) { return s.value < k; });
      consider(*first, first->value + bias);
    }
    for (const Sym& s : abs_syms) consider(s, s.value);
    if (found == nullptr || best >= file_size) return nullptr;
    *dist = best;
    return names.c_str() + found->name;
  }
};

// libdwfl's view of a traced task: registers by PTRACE_GETREGS, memory by process_vm_readv
// (through scry's ptrace layer), never an attach or a detach.
struct StackTracer::Callbacks {
  static pid_t next_thread(Dwfl*, void*, void**) { return 0; }
  static bool get_thread(Dwfl*, pid_t, void* dwfl_arg, void** thread_arg) {
    *thread_arg = dwfl_arg;
    return true;
  }
  static bool memory_read(Dwfl*, Dwarf_Addr addr, Dwarf_Word* result, void* arg) {
    auto* self = static_cast<StackTracer*>(arg);
    const std::uint64_t base = addr & ~(kPage - 1);
    if (base != self->page_addr_ || self->page_len_ == 0) {
      self->page_.resize(kPage);
      ptrace::ProcessMemory mem(tid_of(self->tid_));
      self->page_len_ = mem.read(base, self->page_.data(), kPage);
      self->page_addr_ = base;
    }
    const std::uint64_t off = addr - base;
    if (off + sizeof(Dwarf_Word) <= self->page_len_) {
      std::memcpy(result, self->page_.data() + off, sizeof(Dwarf_Word));
      return true;
    }
    ptrace::ProcessMemory mem(tid_of(self->tid_));  // a word across the page's end
    return mem.read_object(addr, *result);
  }
  static bool set_initial_registers(Dwfl_Thread* thread, void* arg) {
    auto* self = static_cast<StackTracer*>(arg);
    auto r = ptrace::regs(tid_of(self->tid_));
    if (!r) return false;
    // The x86_64 DWARF register numbers 0..16; 16 is the return address column (rip).
    const Dwarf_Word regs[17] = {r->rax, r->rdx, r->rcx, r->rbx, r->rsi, r->rdi,
                                 r->rbp, r->rsp, r->r8,  r->r9,  r->r10, r->r11,
                                 r->r12, r->r13, r->r14, r->r15, r->rip};
    return dw().dwfl_thread_state_registers(thread, 0, 17, regs);
  }
  static void detach(Dwfl*, void*) {}
  static void thread_detach(Dwfl_Thread*, void* arg) {
    static_cast<StackTracer*>(arg)->page_len_ = 0;
  }
  static int frame(Dwfl_Frame* state, void* arg) {
    auto* self = static_cast<StackTracer*>(arg);
    Dwarf_Addr pc = 0;
    bool activation = false;
    if (!dw().dwfl_frame_pc(state, &pc, &activation)) return DWARF_CB_ABORT;
    self->frames_.push_back({pc, activation});
    return self->frames_.size() > kMaxFrames ? DWARF_CB_ABORT : DWARF_CB_OK;
  }
};

namespace {
const Dwfl_Thread_Callbacks kThreadCallbacks = {
    StackTracer::Callbacks::next_thread, StackTracer::Callbacks::get_thread,
    StackTracer::Callbacks::memory_read, StackTracer::Callbacks::set_initial_registers,
    StackTracer::Callbacks::detach,      StackTracer::Callbacks::thread_detach,
};
}  // namespace

const char* StackTracer::load_error() {
  return dw().error.empty() ? nullptr : dw().error.c_str();
}

StackTracer::StackTracer() {
  dw().elf_version(EV_CURRENT);
  auto mark = [this](const char* name, std::uint8_t f) {
    auto nr = syscall_number(Abi::X86_64, name);
    if (!nr || *nr < 0) return;
    const auto i = static_cast<std::size_t>(*nr);
    if (flags_.size() <= i) flags_.resize(i + 1, 0);
    flags_[i] |= f;
  };
  for (const char* n : {"execve", "execveat", "exit", "exit_group"}) mark(n, kEntry);
  for (const char* n : {"mmap", "mprotect", "munmap", "brk", "mremap", "shmat", "shmdt",
                        "remap_file_pages", "execve", "execveat", "pkey_mprotect"})
    mark(n, kMaps);
}

StackTracer::~StackTracer() = default;

bool StackTracer::captured_at_entry(long nr) const {
  return nr >= 0 && static_cast<std::size_t>(nr) < flags_.size() &&
         (flags_[static_cast<std::size_t>(nr)] & kEntry) != 0;
}

bool StackTracer::changes_mappings(long nr) const {
  return nr >= 0 && static_cast<std::size_t>(nr) < flags_.size() &&
         (flags_[static_cast<std::size_t>(nr)] & kMaps) != 0;
}

void StackTracer::exec(pid_t tid) {
  auto it = tgid_.find(tid);
  const pid_t tgid = it != tgid_.end() ? it->second : tid;
  procs_.erase(tgid);
  tgid_.erase(tid);
}

void StackTracer::task_gone(pid_t tid) {
  auto it = tgid_.find(tid);
  if (it == tgid_.end()) return;
  if (it->second == tid) procs_.erase(tid);
  tgid_.erase(it);
}

StackTracer::Process* StackTracer::process_of(pid_t tid) {
  auto it = tgid_.find(tid);
  if (it == tgid_.end()) {
    const pid_t tgid = read_tgid(tid);
    if (tgid <= 0) return nullptr;
    it = tgid_.emplace(tid, tgid).first;
  }
  auto& p = procs_[it->second];
  if (!p) {
    p = std::make_unique<Process>();
    p->tgid = it->second;
  }
  return p.get();
}

bool StackTracer::refresh(Process& p) {
  if (p.fresh && p.generation == generation_) return !p.maps.empty();
  p.fresh = true;
  p.generation = generation_;
  p.maps.clear();
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/maps", p.tgid);
  FILE* f = std::fopen(path, "re");
  if (f == nullptr) return false;
  char line[4096 + 128];
  while (std::fgets(line, sizeof line, f) != nullptr) {
    unsigned long start = 0, end = 0, offset = 0, major = 0, minor = 0, inode = 0;
    char r = 0, w = 0, x = 0, s = 0;
    int name_at = 0;
    if (std::sscanf(line, "%lx-%lx %c%c%c%c %lx %lx:%lx %lu %n", &start, &end, &r, &w, &x, &s,
                    &offset, &major, &minor, &inode, &name_at) < 10 ||
        name_at == 0)
      continue;
    std::string name(line + name_at);
    while (!name.empty() && name.back() == '\n') name.pop_back();
    if (name.empty()) continue;  // anonymous: strace's cache leaves it out
    if ((r != 'r' && r != '-') || (w != 'w' && w != '-') || (x != 'x' && x != '-') ||
        (s != 'p' && s != 's') || end < start)
      continue;
    if (!p.maps.empty()) {
      const Mapping& last = p.maps.back();
      if (last.start == start && last.end == end) continue;
      if (start <= last.start || start < last.end) continue;
    }
    p.maps.push_back({start, end, offset, inode, x == 'x', std::move(name)});
  }
  std::fclose(f);
  if (p.maps.empty()) return false;

  if (p.dwfl == nullptr) {
    static const Dwfl_Callbacks callbacks = {
        dw().dwfl_linux_proc_find_elf,
        no_debuginfo,
        nullptr,
        &g_debuginfo_path,
    };
    p.dwfl = dw().dwfl_begin(&callbacks);
    if (p.dwfl == nullptr) return false;
  }
  dw().dwfl_report_begin(p.dwfl);
  (void)dw().dwfl_linux_proc_report(p.dwfl, p.tgid);
  (void)dw().dwfl_report_end(p.dwfl, nullptr, nullptr);
  if (!p.attached)
    p.attached = dw().dwfl_attach_state(p.dwfl, nullptr, p.tgid, &kThreadCallbacks, this);
  return true;
}

const StackTracer::ElfSymbols* StackTracer::symbols(const Mapping& m) {
  std::string key = m.path;
  key.push_back('\0');
  key.append(std::to_string(m.inode));
  auto& e = elves_[key];
  if (!e) {
    e = std::make_unique<ElfSymbols>();
    e->load(m.path);
  }
  return e.get();
}

void StackTracer::format(const Process& p, const Frame& f, bool queued, std::string& out) {
  char buf[96];
  const Mapping* m = p.find(f.pc);
  // A return address names the call before it: the symbol of pc - 1, one byte further on.
  const std::uint64_t ip = f.activation ? f.pc : f.pc - 1;
  const Mapping* sm = f.activation ? m : p.find(ip);
  const char* name = nullptr;
  std::uint64_t dist = 0;
  if (sm != nullptr) {
    const ElfSymbols* es = symbols(*sm);
    if (es->valid) name = es->lookup(ip, es->load_offset(*sm), &dist);
  }
  if (name != nullptr && !f.activation) ++dist;
  const unsigned long true_offset = static_cast<unsigned long>(f.pc - m->start + m->offset);
  out += " > ";
  out += m->path;
  if (name != nullptr && *name != '\0') {
    out += '(';
    out += name;
    std::snprintf(buf, sizeof buf, "+0x%lx) [0x%lx]\n", static_cast<unsigned long>(dist),
                  true_offset);
  } else if (queued) {
    std::snprintf(buf, sizeof buf, "(+0x0) [0x%lx]\n", true_offset);
  } else {
    std::snprintf(buf, sizeof buf, "() [0x%lx]\n", true_offset);
  }
  out += buf;
}

void StackTracer::walk(pid_t tid, bool queued, std::string& out) {
  Process* p = process_of(tid);
  if (p == nullptr || !refresh(*p) || !p->attached) return;
  tid_ = tid;
  page_len_ = 0;
  frames_.clear();
  (void)dw().dwfl_getthread_frames(p->dwfl, tid, Callbacks::frame, this);
  char buf[64];
  for (std::size_t i = 0; i < frames_.size(); ++i) {
    if (i == kMaxFrames) {
      out += " > too many stack frames\n";
      break;
    }
    const Frame& f = frames_[i];
    const Mapping* m = p->find(f.pc);
    if (m == nullptr || !m->exec) {
      // As strace: a frame outside any executable mapping of a file ends the stack.
      if (f.pc != 0) {
        std::snprintf(buf, sizeof buf, " > unexpected_backtracing_error [0x%lx]\n",
                      static_cast<unsigned long>(f.pc));
        out += buf;
      }
      break;
    }
    format(*p, f, queued, out);
  }
}

}  // namespace scry::trace
