// Syscall entry and exit: decoding into the line and handing it to the writer.
#include <linux/audit.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

#include "trace/tracer.hpp"

#include "trace/clock.hpp"

namespace scry::trace {
namespace {

// The decode options for one syscall: -e abbrev=, verbose=, raw= narrow them per syscall.
DecodeOptions options_for(const TraceOptions& o, long nr) {
  DecodeOptions d = o.decode;
  if (o.abbrev) d.verbose = !o.abbrev->syscall_selected(nr);
  if (o.verbose) d.struct_verbose = o.verbose->syscall_selected(nr);
  if (o.raw) d.raw = o.raw->syscall_selected(nr);
  return d;
}

// -e read=/write=: the hex dump lines after the return value (each on a line of its own).
void append_dumps(const TraceOptions& o, DecodeCtx& ctx, OutBuf& dump, OutBuf& ret) {
  if (o.read_fds.empty() && o.write_fds.empty()) return;
  const int fd = static_cast<int>(ctx.call.args[0]);
  const bool r = o.read_fds.contains(fd);
  const bool w = o.write_fds.contains(fd);
  if (!r && !w) return;
  dump.clear();
  dump_io(ctx, r, w, dump);
  if (dump.empty()) return;
  ret.put('\n');
  ret.put(dump.view().substr(0, dump.size() - 1));  // the writer ends the last line
}

// The x86_64 number of a syscall for the filters and per-syscall options, which are sets of
// x86_64 numbers: an i386 call counts as its x86_64 namesake, or as an unknown number. The
// i386 -> x86_64 map is built once (a name lookup per call would scan the table).
long filter_nr(const SyscallCall& c) {
  if (c.abi == Abi::X86_64) return c.nr;
  static const std::vector<long> kI386ToX86_64 = [] {
    std::vector<long> map(syscall_count(Abi::I386), -1);
    for (std::size_t nr = 0; nr < map.size(); ++nr)
      if (const SyscallEntry* e = syscall_entry(Abi::I386, static_cast<long>(nr)))
        map[nr] = syscall_number(Abi::X86_64, e->name).value_or(-1);
    return map;
  }();
  if (c.nr < 0 || static_cast<std::size_t>(c.nr) >= kI386ToX86_64.size()) return -1;
  return kI386ToX86_64[static_cast<std::size_t>(c.nr)];
}

bool is_restart_errno(const SyscallCall& c) {
  if (!c.is_error) return false;
  long err = -c.ret;
  return err == 512 || err == 513 || err == 514 || err == 516;  // ERESTART*
}

}  // namespace

void Tracer::on_syscall_stop(Task& t) {
  auto info = ptrace::syscall_info(t.tid);
  if (!info) return;  // the task vanished; its exit status follows
  switch (info->op) {
    case ptrace::SyscallInfo::Op::Entry:
    case ptrace::SyscallInfo::Op::Seccomp:
      on_entry(t, *info);
      break;
    case ptrace::SyscallInfo::Op::Exit:
      on_exit(t, *info);
      break;
    case ptrace::SyscallInfo::Op::None:
      break;
  }
}

void Tracer::note_abi(Task& t, Abi abi) {
  // As strace's update_personality: only a change of the tracer-wide ABI can announce one, and
  // only to a task whose own ABI differs; to stderr, not when quiet (-o FILE PROG implies -q).
  if (!t.abi) t.abi = current_abi_;
  if (abi == current_abi_) return;
  current_abi_ = abi;
  if (*t.abi == abi) return;
  t.abi = abi;
  if ((opt_.quiet & TraceOptions::kQuietPersonality) != 0) return;
  writer_.flush();
  char buf[80];
  int n = std::snprintf(buf, sizeof buf, "[ Process PID=%d runs in %s mode. ]\n", raw(t.tid),
                        abi == Abi::I386 ? "32 bit" : "64 bit");
  (void)!::write(STDERR_FILENO, buf, static_cast<std::size_t>(n));
}

void Tracer::on_entry(Task& t, const ptrace::SyscallInfo& info) {
  SyscallCall& c = t.call;
  const Abi abi = info.arch == AUDIT_ARCH_I386 ? Abi::I386 : Abi::X86_64;
  note_abi(t, abi);
  c.nr = info.nr;
  c.abi = abi;
  c.entry = info.arch == AUDIT_ARCH_X86_64 || info.arch == AUDIT_ARCH_I386
                ? syscall_entry(abi, info.nr)
                : nullptr;
  for (int i = 0; i < 6; ++i) {
    // A 32-bit call's arguments are the low halves of the registers (strace truncates them).
    c.args[static_cast<std::size_t>(i)] =
        abi == Abi::I386 ? static_cast<std::uint32_t>(info.args[i]) : info.args[i];
  }
  c.sp = info.sp;
  t.entry_ip = info.ip;
  c.ret = 0;
  c.is_error = false;
  t.in_syscall = true;
  // The last call's tampering ends here, whether or not this call is shown (and tampered).
  t.tamper = nullptr;
  t.tampered_args = false;
  t.delayed = false;
  const long fnr = t.filter_nr = filter_nr(c);
  place_fork(t, fnr);
  t.shown = !t.hidden && opt_.filter.syscall_selected(fnr);
  if (t.shown && opt_.paths.active()) {
    mem_.retarget(t.tid);
    fds_.retarget(raw(t.tid));
    t.shown = opt_.paths.matches(mem_, fds_, c);
  }
  if (!t.shown) return;
  tamper_entry(t);
  if (opt_.syscall_times || opt_.summary_wall) t.entry_ns = monotonic_ns();
  if (opt_.summary != TraceOptions::SummaryMode::None) {
    t.entry_stime_ns = stop_stime_ns_;
    if (opt_.summary == TraceOptions::SummaryMode::Only) return;  // -c: nothing to print
  }

  line_.clear();
  print_syscall_name(line_, c.nr, c.entry);
  line_.put('(');
  const SyscallEntry* restart = nullptr;
  static const long kRestartSyscall = syscall_number(Abi::X86_64, "restart_syscall").value_or(-2);
  if (fnr == kRestartSyscall && t.restart_nr >= 0) restart = syscall_entry(c.abi, t.restart_nr);
  if (restart != nullptr) {
    line_.put("<... resuming interrupted ");
    line_.put(restart->name);
    line_.put(" ...>");
    t.resume_arg = 6;  // nothing more to print at exit
  } else {
    mem_.retarget(t.tid);
    fds_.retarget(raw(t.tid));
    const DecodeOptions dopt = options_for(opt_, fnr);
    DecodeCtx ctx{mem_, dopt, line_, c, &fds_};
    t.resume_arg = decode_syscall_entry(ctx);
  }
  if (opt_.filter.holds_lines())
    t.held.assign(line_.view());  // printed whole at exit if its status is selected
  else {
    if (writer_.wants_line_context()) writer_.set_line_context(c.nr, t.entry_ip, true);
    writer_.syscall_entry(raw(t.tid), line_.view());
  }
  if (stacks_) stack_at_entry(t);
}

void Tracer::on_exit(Task& t, const ptrace::SyscallInfo& info) {
  if (!t.in_syscall) return;  // attached mid-syscall: its entry was never seen
  t.in_syscall = false;
  if (placement_.fork_parent() == raw(t.tid)) finish_fork();  // failed: no fork event came
  SyscallCall& c = t.call;
  c.ret = info.rval;
  c.is_error = info.is_error;
  if (t.tamper != nullptr) tamper_exit(t);
  if (is_restart_errno(c)) t.restart_nr = c.nr;
  if (stacks_ && stacks_->changes_mappings(t.filter_nr)) stacks_->mappings_changed();
  if (!t.shown) return;
  // One clock read serves -T and -c -w.
  const std::uint64_t elapsed_ns =
      opt_.syscall_times || opt_.summary_wall ? monotonic_ns() - t.entry_ns : 0;
  if (opt_.summary != TraceOptions::SummaryMode::None) {
    std::uint64_t ns = opt_.summary_wall ? elapsed_ns : stop_stime_ns_ - t.entry_stime_ns;
    summary_.record(t.filter_nr, ns, c.is_error);
    if (opt_.summary == TraceOptions::SummaryMode::Only) return;
  }

  line_.clear();
  aux_.clear();
  ret_.clear();
  mem_.retarget(t.tid);
  fds_.retarget(raw(t.tid));
  const DecodeOptions dopt = options_for(opt_, t.filter_nr);
  {
    DecodeCtx ctx{mem_, dopt, line_, c, &fds_};
    ctx.exiting = true;
    ctx.aux = &aux_;
    if (t.resume_arg < 6) {
      decode_syscall_exit(ctx, t.resume_arg);
    } else {
      line_.put(')');
    }
    DecodeCtx rctx{mem_, dopt, ret_, c, &fds_};
    rctx.exiting = true;
    rctx.aux = &aux_;
    rctx.ret_kind = ctx.ret_kind;
    rctx.ret_set = ctx.ret_set;
    // strace prints an injected decimal return that looks like an error as unsigned.
    if (t.tamper != nullptr && t.tamper->has_retval && !rctx.ret_set && c.entry != nullptr &&
        c.entry->ret == RetKind::Long && c.ret < 0 && c.ret >= -4095) {
      rctx.ret_kind = RetKind::Uint;
      rctx.ret_set = true;
    }
    print_return(rctx);
  }
  print_tamper_marks(t, ret_);
  if (opt_.syscall_times) {
    ret_.put(" <");
    output::put_seconds(ret_, elapsed_ns, opt_.syscall_times_digits);
    ret_.put('>');
  }
  {
    DecodeCtx dctx{mem_, dopt, ret_, c, &fds_};
    dctx.exiting = true;
    append_dumps(opt_, dctx, dump_, ret_);
  }
  OutBuf& name = aux_;  // aux is consumed by print_return; reuse it for the name
  name.clear();
  print_syscall_name(name, c.nr, c.entry);
  if (writer_.wants_line_context()) writer_.set_line_context(c.nr, t.entry_ip, true);
  if (opt_.filter.holds_lines()) {
    if (!opt_.filter.status_selected(c.is_error ? SyscallFilter::kFailed
                                                : SyscallFilter::kSuccessful))
      return;
    writer_.syscall_entry(raw(t.tid), t.held);
  }
  writer_.syscall_exit(raw(t.tid), name.view(), line_.view(), ret_.view());
  if (stacks_) print_stack(t);

  if (t.startup && c.entry != nullptr && ::strcmp(c.entry->name, "execve") == 0 && c.is_error) {
    // The launched program could not be executed: say so as strace does and hide the rest of
    // the child's short life (it only exits with status 1).
    writer_.flush();
    std::fprintf(stderr, "%s: exec: %s\n", program_invocation_name,
                 ::strerror(static_cast<int>(-c.ret)));
    t.hidden = true;
  }
}

}  // namespace scry::trace
