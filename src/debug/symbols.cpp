// Symbols, lines and unwinding through libdwfl. See include/scry/debug_symbols.hpp.
#include "scry/debug_symbols.hpp"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <map>
#include <unordered_map>

#include "debug/dwarf_types.hpp"
#include "debug/elf_code.hpp"

namespace scry::debug {
namespace {

struct Sym {
  std::uint64_t addr = 0;
  std::uint64_t size = 0;
  std::string name;
  int type = STT_NOTYPE;
  int bind = STB_LOCAL;
};

struct Row {
  std::uint64_t addr = 0;
  int line = 0;
  std::uint32_t file = 0;
  bool stmt = false;
  bool end_seq = false;
};

struct ModData {
  std::vector<Sym> syms;  // sorted by address
  std::unordered_multimap<std::string, std::size_t> by_name;
  bool rows_loaded = false;
  std::vector<Row> rows;  // sorted by address, stable
  std::vector<std::string> files;
  std::vector<std::string> names;  // files[i] as gdb names it (see LineInfo::name)
};

struct Mod {
  Dwfl_Module* mod = nullptr;
  std::string path;
  std::uint64_t lo = 0, hi = 0;
  bool is_main = false;
  std::shared_ptr<ModData> data;
};

// How good a name is when several symbols share an address: a global without leading
// underscores reads best ("write" over "__write" and "__GI___libc_write").
int name_rank(const Sym& s) {
  int r = 0;
  for (char c : s.name) {
    if (c != '_') break;
    r += 2;
  }
  if (s.bind == STB_WEAK)
    r += 0;
  else if (s.bind != STB_GLOBAL)
    r += 1;
  return r;
}

bool path_matches(const std::string& full, const std::string& want) {
  if (full == want) return true;
  if (want.size() < full.size() &&
      full.compare(full.size() - want.size(), want.size(), want) == 0 &&
      full[full.size() - want.size() - 1] == '/')
    return true;
  return false;
}

}  // namespace

struct Symbols::Impl {
  Dwfl_Callbacks callbacks{};
  char* debuginfo_path = nullptr;  // libdwfl reads it at each lookup
  std::string debuginfo_storage;
  Dwfl* dwfl = nullptr;
  pid_t pid = 0;
  UnwindSource src;
  bool attached = false;
  std::vector<Mod> mods;
  std::map<std::pair<std::string, std::uint64_t>, std::shared_ptr<ModData>> cache;

  void open() {
    callbacks.find_elf = dwfl_linux_proc_find_elf;
    callbacks.find_debuginfo = dwfl_standard_find_debuginfo;
    callbacks.debuginfo_path = &debuginfo_path;
    dwfl = dwfl_begin(&callbacks);
    attached = false;
  }
  void close() {
    if (dwfl != nullptr) dwfl_end(dwfl);
    dwfl = nullptr;
    mods.clear();
    cache.clear();
  }

  static std::shared_ptr<ModData> load_symbols(Dwfl_Module* mod) {
    auto d = std::make_shared<ModData>();
    int n = dwfl_module_getsymtab(mod);
    for (int i = 1; i < n; ++i) {
      GElf_Sym sym;
      GElf_Addr addr = 0;
      GElf_Word shndx = 0;
      Elf* elf = nullptr;
      Dwarf_Addr bias = 0;
      const char* name = dwfl_module_getsym_info(mod, i, &sym, &addr, &shndx, &elf, &bias);
      if (name == nullptr || *name == '\0' || shndx == SHN_UNDEF) continue;
      int type = GELF_ST_TYPE(sym.st_info);
      if (type != STT_FUNC && type != STT_GNU_IFUNC && type != STT_OBJECT) continue;
      d->syms.push_back(Sym{addr, sym.st_size, name, type, GELF_ST_BIND(sym.st_info)});
    }
    for (auto& p : plt_stubs(mod))
      d->syms.push_back(Sym{p.addr, p.size, std::move(p.name), STT_FUNC, STB_LOCAL});
    std::stable_sort(d->syms.begin(), d->syms.end(), [](const Sym& a, const Sym& b) {
      if (a.addr != b.addr) return a.addr < b.addr;
      return name_rank(a) < name_rank(b);
    });
    for (std::size_t i = 0; i < d->syms.size(); ++i) d->by_name.emplace(d->syms[i].name, i);
    return d;
  }

  static void load_rows(Dwfl_Module* mod, ModData& d) {
    d.rows_loaded = true;
    std::unordered_map<std::string, std::uint32_t> file_ids;
    Dwarf_Die* cu = nullptr;
    Dwarf_Addr bias = 0;
    while ((cu = dwfl_module_nextcu(mod, cu, &bias)) != nullptr) {
      Dwarf_Lines* lines = nullptr;
      std::size_t n = 0;
      if (dwarf_getsrclines(cu, &lines, &n) != 0) continue;
      Dwarf_Attribute attr;
      const char* comp_dir = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &attr));
      std::string dir_prefix = comp_dir != nullptr ? std::string(comp_dir) + "/" : std::string();
      // Like gdb, a row that repeats the line before it is dropped once that line has had
      // a non-zero discriminator (a loop's blocks on one line): it is not a new statement.
      int last_line = -1;
      const char* last_file = nullptr;
      bool had_discriminator = false;
      for (std::size_t i = 0; i < n; ++i) {
        Dwarf_Line* l = dwarf_onesrcline(lines, i);
        if (l == nullptr) continue;
        {
          int ln = 0;
          dwarf_lineno(l, &ln);
          const char* lf = dwarf_linesrc(l, nullptr, nullptr);
          unsigned disc = 0;
          dwarf_linediscriminator(l, &disc);
          bool end = false;
          dwarf_lineendsequence(l, &end);
          bool same = ln == last_line && lf == last_file;
          had_discriminator = (same && had_discriminator) || disc != 0;
          if (same && had_discriminator && !end) continue;
          last_line = end ? -1 : ln;
          last_file = lf;
        }
        Row r;
        Dwarf_Addr a = 0;
        dwarf_lineaddr(l, &a);
        r.addr = a + bias;
        dwarf_lineno(l, &r.line);
        bool b = false;
        dwarf_linebeginstatement(l, &b);
        r.stmt = b;
        dwarf_lineendsequence(l, &b);
        r.end_seq = b;
        const char* f = dwarf_linesrc(l, nullptr, nullptr);
        std::string fs = f != nullptr ? f : "??";
        auto [it, fresh] = file_ids.emplace(fs, static_cast<std::uint32_t>(d.files.size()));
        if (fresh) {
          d.files.push_back(fs);
          bool under = !dir_prefix.empty() && fs.compare(0, dir_prefix.size(), dir_prefix) == 0;
          d.names.push_back(under ? fs.substr(dir_prefix.size()) : fs);
        }
        r.file = it->second;
        d.rows.push_back(r);
      }
    }
    std::stable_sort(d.rows.begin(), d.rows.end(),
                     [](const Row& a, const Row& b) { return a.addr < b.addr; });
  }

  const Mod* mod_at(std::uint64_t addr) const {
    for (const auto& m : mods)
      if (addr >= m.lo && addr < m.hi) return &m;
    return nullptr;
  }
  ModData& rows_of(const Mod& m) const {
    if (!m.data->rows_loaded) load_rows(m.mod, *m.data);
    return *m.data;
  }
  // The row covering addr: index into rows, or -1.
  long row_index(const ModData& d, std::uint64_t addr) const {
    auto it = std::upper_bound(d.rows.begin(), d.rows.end(), addr,
                               [](std::uint64_t a, const Row& r) { return a < r.addr; });
    if (it == d.rows.begin()) return -1;
    --it;
    if (it->end_seq) return -1;
    return it - d.rows.begin();
  }
};

Symbols::Symbols() : impl_(std::make_unique<Impl>()) {
  impl_->open();
}
Symbols::~Symbols() {
  impl_->close();
}

void Symbols::set_debug_directories(const std::string& dirs) {
  impl_->debuginfo_storage = ":.debug:" + dirs;
  impl_->debuginfo_path = impl_->debuginfo_storage.data();
}

void Symbols::reset() {
  impl_->close();
  impl_->open();
}

namespace {

pid_t cb_next_thread(Dwfl*, void* arg, void** thread_argp) {
  auto* impl = static_cast<Symbols::Impl*>(arg);
  if (*thread_argp != nullptr) return 0;
  *thread_argp = arg;
  return impl->pid;
}

bool cb_get_thread(Dwfl*, pid_t, void* arg, void** thread_argp) {
  *thread_argp = arg;
  return true;
}

bool cb_memory_read(Dwfl*, Dwarf_Addr addr, Dwarf_Word* result, void* arg) {
  auto* impl = static_cast<Symbols::Impl*>(arg);
  std::uint64_t w = 0;
  if (!impl->src.read_word || !impl->src.read_word(addr, w)) return false;
  *result = w;
  return true;
}

bool cb_set_initial_registers(Dwfl_Thread* thread, void* arg) {
  auto* impl = static_cast<Symbols::Impl*>(arg);
  user_regs_struct r{};
  if (!impl->src.regs || !impl->src.regs(tid_of(dwfl_thread_tid(thread)), r)) return false;
  std::uint64_t v[kDwarfRegs];
  dwarf_registers(r, v);
  Dwarf_Word w[kDwarfRegs];
  for (int i = 0; i < kDwarfRegs; ++i) w[i] = v[i];
  return dwfl_thread_state_registers(thread, 0, kDwarfRegs, w);
}

const Dwfl_Thread_Callbacks kThreadCallbacks = {
    cb_next_thread, cb_get_thread, cb_memory_read, cb_set_initial_registers, nullptr, nullptr};

}  // namespace

bool Symbols::refresh(pid_t pid, const UnwindSource& src) {
  Impl& im = *impl_;
  im.pid = pid;
  im.src = src;
  dwfl_report_begin(im.dwfl);
  int rc = dwfl_linux_proc_report(im.dwfl, pid);
  dwfl_report_end(im.dwfl, nullptr, nullptr);
  if (rc != 0) return false;
  char exe[PATH_MAX] = {};
  std::string exe_link = "/proc/" + std::to_string(pid) + "/exe";
  ssize_t n = ::readlink(exe_link.c_str(), exe, sizeof exe - 1);
  std::string exe_path = n > 0 ? std::string(exe, static_cast<std::size_t>(n)) : "";
  im.mods.clear();
  struct Ctx {
    Impl* im;
    const std::string* exe;
  } ctx{&im, &exe_path};
  dwfl_getmodules(
      im.dwfl,
      [](Dwfl_Module* mod, void**, const char* name, Dwarf_Addr start, void* arg) -> int {
        auto* c = static_cast<Ctx*>(arg);
        Dwarf_Addr lo = 0, hi = 0;
        dwfl_module_info(mod, nullptr, &lo, &hi, nullptr, nullptr, nullptr, nullptr);
        Mod m;
        m.mod = mod;
        m.path = name != nullptr ? name : "";
        m.lo = lo;
        m.hi = hi;
        m.is_main = !c->exe->empty() && m.path == *c->exe;
        auto key = std::make_pair(m.path, static_cast<std::uint64_t>(start));
        auto it = c->im->cache.find(key);
        if (it == c->im->cache.end()) it = c->im->cache.emplace(key, Impl::load_symbols(mod)).first;
        m.data = it->second;
        c->im->mods.push_back(std::move(m));
        return DWARF_CB_OK;
      },
      &ctx, 0);
  // The executable first, so that its symbols win lookups by name.
  std::stable_partition(im.mods.begin(), im.mods.end(), [](const Mod& m) { return m.is_main; });
  if (!im.attached && !im.mods.empty())
    im.attached = dwfl_attach_state(im.dwfl, nullptr, pid, &kThreadCallbacks, &im);
  return !im.mods.empty();
}

bool Symbols::load_file(const std::string& path) {
  Impl& im = *impl_;
  dwfl_report_begin(im.dwfl);
  Dwfl_Module* mod = dwfl_report_elf(im.dwfl, path.c_str(), path.c_str(), -1, 0, false);
  dwfl_report_end(im.dwfl, nullptr, nullptr);
  im.mods.clear();
  if (mod == nullptr) return false;
  Mod m;
  m.mod = mod;
  m.path = path;
  Dwarf_Addr lo = 0, hi = 0;
  dwfl_module_info(mod, nullptr, &lo, &hi, nullptr, nullptr, nullptr, nullptr);
  m.lo = lo;
  m.hi = hi;
  m.is_main = true;
  m.data = Impl::load_symbols(mod);
  im.mods.push_back(std::move(m));
  return true;
}

std::vector<std::uint64_t> Symbols::function_addresses(const std::string& name) const {
  std::vector<std::uint64_t> out;
  // A definition first; a PLT stub ("write@plt") only when no module defines the function,
  // as gdb does before the libraries are loaded.
  for (const std::string& want : {name, name + "@plt"}) {
    for (const auto& m : impl_->mods) {
      auto [b, e] = m.data->by_name.equal_range(want);
      for (auto it = b; it != e; ++it) {
        const Sym& s = m.data->syms[it->second];
        if (s.type == STT_FUNC || s.type == STT_GNU_IFUNC) out.push_back(s.addr);
      }
      if (!out.empty()) break;
    }
    if (!out.empty()) break;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<SymbolInfo> Symbols::find_symbol(const std::string& name) const {
  for (const auto& m : impl_->mods) {
    auto it = m.data->by_name.find(name);
    if (it == m.data->by_name.end()) continue;
    const Sym& s = m.data->syms[it->second];
    return SymbolInfo{s.name, s.addr, s.size, m.path, m.is_main};
  }
  return std::nullopt;
}

SymbolInfo Symbols::symbolize(std::uint64_t addr) const {
  SymbolInfo out;
  const Mod* m = impl_->mod_at(addr);
  if (m == nullptr) return out;
  out.module = m->path;
  out.is_main = m->is_main;
  out.module_base = m->lo;
  const auto& syms = m->data->syms;
  auto it = std::upper_bound(syms.begin(), syms.end(), addr,
                             [](std::uint64_t a, const Sym& s) { return a < s.addr; });
  // Walk back over the symbols at or below addr: the nearest one that covers addr wins, and
  // among those at the same address the best-ranked (sorted first).
  while (it != syms.begin()) {
    --it;
    std::uint64_t a = it->addr;
    auto first = it;
    while (first != syms.begin() && std::prev(first)->addr == a) --first;
    for (auto s = first; s <= it; ++s) {
      if (addr < s->addr + std::max<std::uint64_t>(s->size, 1)) {
        out.name = s->name;
        out.start = s->addr;
        out.size = s->size;
        out.ifunc = s->type == STT_GNU_IFUNC;
        return out;
      }
    }
    if (addr - a > (1u << 20)) break;
    it = first;
  }
  return out;
}

std::string Symbols::module_of(std::uint64_t addr) const {
  const Mod* m = impl_->mod_at(addr);
  return m != nullptr ? m->path : std::string();
}

std::optional<LineInfo> Symbols::line_at(std::uint64_t addr) const {
  const Mod* m = impl_->mod_at(addr);
  if (m == nullptr) return std::nullopt;
  const ModData& d = impl_->rows_of(*m);
  long i = impl_->row_index(d, addr);
  if (i < 0) return std::nullopt;
  const Row& r = d.rows[static_cast<std::size_t>(i)];
  LineInfo li{d.files[r.file], d.names[r.file], r.line, r.addr, r.addr};
  for (auto j = static_cast<std::size_t>(i) + 1; j < d.rows.size(); ++j)
    if (d.rows[j].addr > r.addr) {
      li.end = d.rows[j].addr;
      break;
    }
  return li;
}

bool Symbols::is_stmt_start(std::uint64_t addr) const {
  const Mod* m = impl_->mod_at(addr);
  if (m == nullptr) return false;
  const ModData& d = impl_->rows_of(*m);
  auto it = std::lower_bound(d.rows.begin(), d.rows.end(), addr,
                             [](const Row& r, std::uint64_t a) { return r.addr < a; });
  for (; it != d.rows.end() && it->addr == addr; ++it)
    if (it->stmt && !it->end_seq) return true;
  return false;
}

std::vector<std::uint64_t> Symbols::line_addresses(const std::string& file, int line,
                                                   int* found_line) const {
  for (const auto& m : impl_->mods) {
    const ModData& d = impl_->rows_of(m);
    std::vector<bool> file_ok(d.files.size());
    bool any = false;
    for (std::size_t f = 0; f < d.files.size(); ++f)
      any |= (file_ok[f] = path_matches(d.files[f], file));
    if (!any) continue;
    int best = INT_MAX;
    for (const Row& r : d.rows)
      if (file_ok[r.file] && r.stmt && !r.end_seq && r.line >= line && r.line < best) best = r.line;
    if (best == INT_MAX) continue;
    std::map<std::uint64_t, std::uint64_t> per_func;  // function start -> lowest address
    for (const Row& r : d.rows) {
      if (!file_ok[r.file] || !r.stmt || r.end_seq || r.line != best) continue;
      std::uint64_t f = symbolize(r.addr).start;
      auto [it, fresh] = per_func.emplace(f, r.addr);
      if (!fresh) it->second = std::min(it->second, r.addr);
    }
    std::vector<std::uint64_t> out;
    for (auto& [f, a] : per_func) out.push_back(f == a && a != 0 ? skip_prologue(a) : a);
    if (found_line != nullptr) *found_line = best;
    return out;
  }
  return {};
}

// gdb's rules (amd64_skip_prologue, skip_prologue_sal): a function of a unit whose variable
// locations gdb trusts (optimised GCC code) or that sets up no frame pointer breaks at its
// entry; otherwise past `push %rbp; mov %rsp,%rbp`, moved on to the start of the next row when
// that lands inside one.
std::uint64_t Symbols::skip_prologue(std::uint64_t func_start) const {
  const Mod* m = impl_->mod_at(func_start);
  if (m == nullptr) return func_start;
  const ModData& d = impl_->rows_of(*m);
  SymbolInfo s = symbolize(func_start);
  std::uint64_t end = s.size != 0 ? s.start + s.size : func_start + 1;
  auto it = std::upper_bound(d.rows.begin(), d.rows.end(), func_start,
                             [](std::uint64_t a, const Row& r) { return a < r.addr; });
  if (it == d.rows.begin() || std::prev(it)->addr != func_start) return func_start;
  if (cu_locations_valid(m->mod, func_start)) return func_start;
  std::uint64_t pc = frame_setup_end(m->mod, func_start);
  if (pc == 0) return func_start;
  long row = impl_->row_index(d, pc);
  if (row < 0 || d.rows[static_cast<std::size_t>(row)].addr == pc) return pc;
  auto next = std::upper_bound(d.rows.begin(), d.rows.end(), pc,
                               [](std::uint64_t a, const Row& r) { return a < r.addr; });
  for (; next != d.rows.end() && next->addr < end; ++next)
    if (next->stmt && !next->end_seq) return next->addr;
  return pc;
}

std::string Symbols::function_name(std::uint64_t pc) const {
  if (const Mod* m = impl_->mod_at(pc)) {
    if (std::string n = dwarf_function_name(m->mod, pc); !n.empty()) return n;
  }
  return symbolize(pc).name;
}

std::vector<VarInfo> Symbols::parameters(std::uint64_t pc) const {
  const Mod* m = impl_->mod_at(pc);
  if (m == nullptr) return {};
  return dwarf_parameters(m->mod, pc);
}

std::optional<TypeInfo> Symbols::return_type(std::uint64_t pc) const {
  const Mod* m = impl_->mod_at(pc);
  if (m == nullptr) return std::nullopt;
  return dwarf_return_type(m->mod, pc);
}

std::optional<VarInfo> Symbols::global_variable(const std::string& name) const {
  for (const auto& m : impl_->mods)
    if (auto v = dwarf_global(m.mod, name)) return v;
  return std::nullopt;
}

std::vector<Frame> Symbols::backtrace(Tid tid, std::size_t max) const {
  struct Ctx {
    std::vector<Frame> frames;
    std::size_t max;
    const Symbols* self;
    bool past_main = false;
  } ctx{{}, max, this};
  if (!impl_->attached) return {};
  dwfl_getthread_frames(
      impl_->dwfl, raw(tid),
      [](Dwfl_Frame* state, void* arg) -> int {
        auto* c = static_cast<Ctx*>(arg);
        Frame f;
        Dwarf_Addr pc = 0;
        bool act = false;
        if (!dwfl_frame_pc(state, &pc, &act)) return DWARF_CB_ABORT;
        f.pc = pc;
        f.activation = act || c->frames.empty();
        Dwarf_Word sp = 0;
        if (dwfl_frame_reg(state, 7, &sp) == 0) f.sp = sp;
        if (!c->frames.empty()) c->frames.back().cfa = f.sp;
        // gdb's "backtrace past-main off": main is the last frame shown; its caller is
        // unwound only for main's CFA.
        if (c->past_main) return DWARF_CB_ABORT;
        c->frames.push_back(f);
        if (c->frames.size() >= c->max) return DWARF_CB_ABORT;
        SymbolInfo s = c->self->symbolize(f.lookup_pc());
        if (s.is_main && s.name == "main") c->past_main = true;
        return DWARF_CB_OK;
      },
      &ctx);
  return ctx.frames;
}

}  // namespace scry::debug
