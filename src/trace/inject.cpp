#include "trace/inject.hpp"

#include <errno.h>
#include <strings.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "scry/decode.hpp"
#include "scry/syscall_table.hpp"
#include "trace/filter.hpp"

namespace scry::trace {
namespace {

constexpr std::size_t kMaxPokeBytes = 1024;  // strace's limit per argument

// strtol's view of a number: an optional '+', then digits; the rest is returned in `rest`.
long parse_count(std::string_view& s, long max) {
  std::string_view in = s;
  if (!in.empty() && in[0] == '+') in.remove_prefix(1);
  std::size_t n = 0;
  while (n < in.size() && in[n] >= '0' && in[n] <= '9') ++n;
  if (n == 0) return -1;
  const long v = parse_small_uint(in.substr(0, n), max);
  s = in.substr(n);
  return v;
}

// first[..last][+[step]], with first and step in 1..65535 and last in first..65534.
bool parse_when(std::string_view s, InjectSpec& spec) {
  const long first = parse_count(s, 65535);
  if (first < 1) return false;
  long last = first;
  long step = 1;
  bool has_last = false;
  if (s.substr(0, 2) == "..") {
    s.remove_prefix(2);
    last = parse_count(s, 65534);
    if (last < first) return false;
    has_last = true;
  }
  if (!s.empty() && s[0] == '+') {
    s.remove_prefix(1);
    if (!s.empty()) {
      step = parse_count(s, 65535);
      if (step < 1) return false;
    }
    if (!has_last) last = UINT32_MAX;
  }
  if (!s.empty()) return false;
  spec.first = static_cast<std::uint32_t>(first);
  spec.last = static_cast<std::uint32_t>(last);
  spec.step = static_cast<std::uint32_t>(step);
  return true;
}

// ENOENT (any case) or a decimal number in 1..4095.
long parse_errno(std::string_view s) {
  if (!s.empty() && s[0] >= '0' && s[0] <= '9') {
    const long v = parse_small_uint(s, 4095);
    return v >= 1 ? v : -1;
  }
  for (long e = 1; e <= 4095; ++e) {
    const char* name = errno_name(e);
    if (name != nullptr && std::string_view(name).size() == s.size() &&
        strncasecmp(name, s.data(), s.size()) == 0)
      return e;
  }
  return -1;
}

// strtoull's base 0: decimal, 0x hex or 0 octal; "-1" wraps as in strtoull.
bool parse_retval(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.find('\0') != std::string_view::npos) return false;
  const std::string str(s);
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(str.c_str(), &end, 0);
  if (errno != 0 || end == str.c_str() || *end != '\0') return false;
  out = v;
  return true;
}

// strace's time format: a decimal number (strtod) and an optional s/ms/us/ns (default us).
bool parse_delay(std::string_view s, std::uint64_t& ns) {
  if (s.empty()) return false;
  const std::string str(s);
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(str.c_str(), &end);
  if (errno != 0 || end == str.c_str() || !std::isfinite(v) || v < 0) return false;
  const std::string_view unit(end);
  double scale = 1e3;
  if (unit == "s")
    scale = 1e9;
  else if (unit == "ms")
    scale = 1e6;
  else if (unit == "us" || unit.empty())
    scale = 1e3;
  else if (unit == "ns")
    scale = 1;
  else
    return false;
  const double total = v * scale;
  if (total >= 9.2e18) return false;
  ns = static_cast<std::uint64_t>(total);
  return true;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// @argN=HEX[,@argM=HEX...], N in 1..7, each argument once, at most 1024 bytes each.
bool parse_pokes(std::string_view s, std::vector<InjectPoke>& out) {
  if (s.empty()) return false;
  unsigned seen = 0;
  for (std::size_t pos = 0;;) {
    const std::size_t comma = s.find(',', pos);
    std::string_view item = s.substr(pos, comma == std::string_view::npos ? s.npos : comma - pos);
    if (item.size() < 7 || item.substr(0, 4) != "@arg" || item[5] != '=') return false;
    const int arg = item[4] - '0';
    if (arg < 1 || arg > 7 || (seen & (1u << arg)) != 0) return false;
    seen |= 1u << arg;
    const std::string_view hex = item.substr(6);
    if (hex.size() % 2 != 0 || hex.size() / 2 > kMaxPokeBytes) return false;
    InjectPoke poke;
    poke.arg = arg;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
      const int hi = hex_digit(hex[i]);
      const int lo = hex_digit(hex[i + 1]);
      if (hi < 0 || lo < 0) return false;
      poke.bytes.push_back(static_cast<char>(hi * 16 + lo));
    }
    out.push_back(std::move(poke));
    if (comma == std::string_view::npos) return true;
    pos = comma + 1;
  }
}

// One KEY=VALUE of an injection expression; false when strace would refuse it.
bool parse_option(std::string_view opt, bool fault, InjectSpec& spec) {
  const std::size_t eq = opt.find('=');
  if (eq == std::string_view::npos) return false;
  const std::string_view key = opt.substr(0, eq);
  const std::string_view val = opt.substr(eq + 1);
  if (key == "when") return parse_when(val, spec);
  if (key == "error") {
    if (spec.has_error || spec.has_retval) return false;
    spec.error = parse_errno(val);
    spec.has_error = spec.error > 0;
    return spec.has_error;
  }
  if (fault) return false;  // -e fault= takes only error= and when=
  if (key == "retval") {
    if (spec.has_error || spec.has_retval) return false;
    spec.has_retval = parse_retval(val, spec.retval);
    return spec.has_retval;
  }
  if (key == "signal") {
    if (spec.signal != 0) return false;
    const long sig = parse_signal(val, 64);
    if (sig < 1 || sig > 64) return false;
    spec.signal = static_cast<int>(sig);
    return true;
  }
  if (key == "syscall") {
    if (spec.syscall >= 0) return false;
    const auto nr = syscall_number(Abi::X86_64, val);
    const SyscallEntry* e = nr ? syscall_entry(Abi::X86_64, *nr) : nullptr;
    if (e == nullptr || !has_class(e->classes, SyscallClass::Pure)) return false;
    spec.syscall = *nr;
    return true;
  }
  if (key == "delay_enter" || key == "delay_exit") {
    const bool enter = key == "delay_enter";
    bool& has = enter ? spec.delay_enter : spec.delay_exit;
    if (has) return false;
    has = parse_delay(val, enter ? spec.delay_enter_ns : spec.delay_exit_ns);
    return has;
  }
  if (key == "poke_enter" || key == "poke_exit") {
    auto& pokes = key == "poke_enter" ? spec.poke_enter : spec.poke_exit;
    return pokes.empty() && parse_pokes(val, pokes);
  }
  return false;
}

}  // namespace

Result<void> InjectTable::add(std::string_view expr, bool fault, std::string* warning) {
  const std::string what = fault ? "fault" : "inject";
  const Error invalid{0, "invalid " + what + " argument '" + std::string(expr) + "'"};
  const std::size_t colon = expr.find(':');
  SyscallFilter set;
  if (auto r = set.add_trace_expr(expr.substr(0, colon)); !r) return r;
  InjectSpec spec;
  for (std::size_t pos = colon; pos != std::string_view::npos;) {
    const std::size_t next = expr.find(':', pos + 1);
    const std::string_view opt =
        expr.substr(pos + 1, next == std::string_view::npos ? expr.npos : next - pos - 1);
    if (!opt.empty() && !parse_option(opt, fault, spec)) return invalid;
    pos = next;
  }
  if (fault && !spec.has_error) {
    spec.has_error = true;
    spec.error = ENOSYS;
  }
  if (!spec.tampers_return() && spec.signal == 0 && !spec.delay_enter && !spec.delay_exit &&
      spec.poke_enter.empty() && spec.poke_exit.empty())
    return invalid;
  if (spec.has_retval && warning != nullptr) {
    // strace's warnings for a value the program would read as an error, here or in a 32-bit
    // process.
    const auto wide = static_cast<std::int64_t>(spec.retval);
    const auto narrow = static_cast<std::int32_t>(static_cast<std::uint32_t>(spec.retval));
    const auto value = static_cast<unsigned long long>(spec.retval);
    char buf[160] = "";
    if (wide < 0 && wide >= -4095)
      std::snprintf(buf, sizeof buf,
                    "Inadvertent injection of error %lld is possible for retval=%llu",
                    static_cast<long long>(-wide), value);
    else if (narrow < 0 && narrow >= -4095)
      std::snprintf(buf, sizeof buf,
                    "Inadvertent injection of error %d is possible in compat personality for "
                    "retval=%llu",
                    -narrow, value);
    else if (spec.retval > UINT32_MAX)
      std::snprintf(buf, sizeof buf,
                    "Injected return value %llu will be clipped to %u in compat personality", value,
                    static_cast<unsigned>(spec.retval));
    *warning = buf;
  }

  const std::size_t n = syscall_count(Abi::X86_64);
  if (by_nr_.empty()) by_nr_.assign(n, -1);
  const int index = static_cast<int>(specs_.size());
  specs_.push_back(std::move(spec));
  for (std::size_t nr = 0; nr < n; ++nr)
    if (set.syscall_selected(static_cast<long>(nr))) by_nr_[nr] = index;
  if (set.syscall_selected(-1)) unknown_ = index;
  return {};
}

template <typename Pred>
bool InjectTable::any_used(Pred pred) const {
  // Only the specs some syscall still uses: a later expression may have replaced one whole.
  if (unknown_ >= 0 && pred(specs_[static_cast<std::size_t>(unknown_)])) return true;
  for (int i : by_nr_)
    if (i >= 0 && pred(specs_[static_cast<std::size_t>(i)])) return true;
  return false;
}

bool InjectTable::any_signal() const {
  return any_used([](const InjectSpec& s) { return s.signal != 0; });
}

bool InjectTable::any_delay() const {
  return any_used([](const InjectSpec& s) { return s.delay_enter || s.delay_exit; });
}

}  // namespace scry::trace
