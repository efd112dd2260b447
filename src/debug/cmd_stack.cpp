// The stack and threads: backtrace, frame, up, down, info frame, info threads, thread.
#include <charconv>
#include <cstdio>
#include <fstream>

#include "debug/state.hpp"

namespace scry::debug {
namespace {

void print_frame_line(DebuggerState& s, std::size_t level) {
  s.out << "#" << level << "  " << s.frame_text(level, false) << "\n";
}

}  // namespace

Result<void> cmd_backtrace(DebuggerState& s, const Args& a) {
  if (auto r = s.need_process(); !r) return fail("No stack.");
  std::size_t limit = SIZE_MAX;
  std::string t = trim(a);
  if (t.rfind("full", 0) == 0) t = trim(t.substr(4));
  if (!t.empty()) {
    long n = 0;
    std::from_chars(t.data(), t.data() + t.size(), n);
    if (n > 0) limit = static_cast<std::size_t>(n);
  }
  const auto& st = s.stack();
  for (std::size_t i = 0; i < st.size() && i < limit; ++i) print_frame_line(s, i);
  // gdb says so only to a user at a terminal (from_tty), not in -batch or a script.
  if (limit < st.size() && s.interactive) s.out << "(More stack frames follow...)\n";
  return {};
}

Result<void> cmd_frame(DebuggerState& s, const Args& a, int rel) {
  if (auto r = s.need_process(); !r) return fail("No stack.");
  const auto& st = s.stack();
  std::string t = trim(a);
  long n = rel == 0 ? s.frame : 1;
  if (!t.empty()) {
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
    if (ec != std::errc()) return fail("Invalid number \"" + t + "\".");
  }
  long target = rel == 0 ? n : s.frame + rel * n;
  if (target < 0) return fail("Bottom (innermost) frame selected; you cannot go down.");
  if (static_cast<std::size_t>(target) >= st.size()) {
    if (rel > 0) return fail("Initial frame selected; you cannot go up.");
    return fail("No frame at level " + t + ".");
  }
  s.frame = static_cast<int>(target);
  print_frame_line(s, static_cast<std::size_t>(s.frame));
  const Frame& f = st[static_cast<std::size_t>(s.frame)];
  if (auto l = s.syms->line_at(f.lookup_pc())) s.print_source(*l);
  return {};
}

Result<void> cmd_info_frame(DebuggerState& s, const Args&) {
  if (auto r = s.need_process(); !r) return fail("No stack.");
  const auto& st = s.stack();
  if (st.empty()) return fail("No stack.");
  auto level = static_cast<std::size_t>(s.frame);
  const Frame& f = st[level];
  SymbolInfo sym = s.syms->symbolize(f.lookup_pc());
  auto line = s.syms->line_at(f.lookup_pc());
  s.out << "Stack level " << level << ", frame at " << hexs(f.cfa) << ":\n";
  s.out << " rip = " << hexs(f.pc);
  if (!sym.name.empty()) s.out << " in " << sym.name;
  if (line) s.out << " (" << line->name << ":" << line->line << ")";
  if (level + 1 < st.size()) s.out << "; saved rip = " << hexs(st[level + 1].pc);
  s.out << "\n";
  bool caller = level + 1 < st.size(), callee = level > 0;
  if (caller || callee) {
    s.out << " ";
    if (caller) s.out << "called by frame at " << hexs(st[level + 1].cfa);
    if (caller && callee) s.out << ",";
    if (callee) s.out << (caller ? " " : "") << "caller of frame at " << hexs(st[level - 1].cfa);
    s.out << "\n";
  }
  if (line) s.out << " source language c.\n";
  if (f.cfa != 0) {
    s.out << " Arglist at " << hexs(f.cfa - 16) << ", args: ";
    std::string ft = s.frame_text(level, false);
    auto open = ft.find('(');
    auto close = ft.find(')');
    if (open != std::string::npos && close != std::string::npos)
      s.out << ft.substr(open + 1, close - open - 1);
    s.out << "\n Locals at " << hexs(f.cfa - 16) << ", Previous frame's sp is " << hexs(f.cfa)
          << "\n";
    s.out << " Saved registers:\n  rip at " << hexs(f.cfa - 8) << "\n";
  }
  return {};
}

Result<void> cmd_info_threads(DebuggerState& s, const Args&) {
  if (!s.has_process()) {
    s.out << "No threads.\n";
    return {};
  }
  Tid cur = s.tid();
  std::vector<std::pair<std::string, std::string>> rows;
  std::size_t w = 9;
  for (const auto& t : s.inf.threads()) {
    std::ifstream in("/proc/" + std::to_string(s.inf.pid()) + "/task/" +
                     std::to_string(raw(t.tid)) + "/comm");
    std::string comm;
    std::getline(in, comm);
    std::string target = s.thread_label(t) + " \"" + comm + "\"";
    w = std::max(w, target.size());
    s.inf.set_current(t.tid);
    s.invalidate();
    std::string frame = s.frame_text(0, false);
    rows.emplace_back(target, frame);
  }
  s.inf.set_current(cur);
  s.invalidate();
  char line[1024];
  std::snprintf(line, sizeof line, "  %-4s %-*s %s\n", "Id", static_cast<int>(w), "Target Id",
                "Frame ");
  s.out << line;
  std::size_t i = 0;
  for (const auto& t : s.inf.threads()) {
    std::snprintf(line, sizeof line, "%c %-4d %-*s %s\n", t.tid == cur ? '*' : ' ', t.num,
                  static_cast<int>(w), rows[i].first.c_str(), rows[i].second.c_str());
    s.out << line;
    ++i;
  }
  return {};
}

Result<void> cmd_thread(DebuggerState& s, const Args& a) {
  if (auto r = s.need_process(); !r) return fail("No thread selected.");
  std::string t = trim(a);
  if (t.empty()) {
    ThreadState* ts = s.inf.thread(s.tid());
    if (ts == nullptr) return fail("No thread selected.");
    s.out << "[Current thread is " << ts->num << " (" << s.thread_label(*ts) << ")]\n";
    return {};
  }
  int n = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (ec != std::errc()) return fail("Invalid thread ID: " + t);
  ThreadState* ts = s.inf.thread_by_num(n);
  if (ts == nullptr) return fail("Unknown thread " + t + ".");
  s.inf.set_current(ts->tid);
  s.invalidate();
  s.out << "[Switching to thread " << n << " (" << s.thread_label(*ts) << ")]\n";
  s.out << "#0  " << s.frame_text(0, false) << "\n";
  const auto& st = s.stack();
  if (!st.empty())
    if (auto l = s.syms->line_at(st[0].lookup_pc())) s.print_source(*l);
  return {};
}

}  // namespace scry::debug
