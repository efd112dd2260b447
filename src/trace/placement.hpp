// Where the tracer runs relative to its tracee, and how it waits. On a VM, each stop that has
// to wake a halted vCPU costs ~100 µs, while a stop-and-resume between two tasks on one CPU
// costs a few µs. Nothing here changes the tracee: only the tracer's own policy.
//
// Two modes, chosen by the rate of stops, the load on the machine and the rate of new tasks
// (re-checked every 50 ms of events, or at once after 64 dense events; a window in which
// tasks were created is spent spinning, since a new child usually starts on the other CPU
// and pinning would make its stops cross-CPU):
// - CoLocate (stops dense, no other runnable load): the tracer pins itself to the CPU its
//   tracee last ran on and runs as SCHED_IDLE. When the tracer resumes the tracee, the
//   scheduler counts a CPU that runs only SCHED_IDLE tasks as idle (select_idle_sibling/
//   sched_idle_cpu) and keeps the tracee there; the tracee preempts the tracer and, when it
//   stops, the tracer runs again on the same CPU. Both ping-pong on one CPU with local context
//   switches. The pin follows the tracee at every check. Only while stops are dense: a tracee
//   that runs free on the tracer's CPU (a filtered trace, a computing thread) would hold off
//   a SCHED_IDLE tracer for milliseconds while another tracee waits at a stop (measured: a
//   4-thread program under -e trace=openat took 105 ms co-located, 91 ms spinning).
// - Spin (stops sparse, or other load runnable, where SCHED_IDLE would starve the tracer):
//   normal policy, and the tracer polls for the next stop for a bounded time before blocking,
//   so its own CPU never halts between stops.
// Confined to one CPU (taskset), the pair shares it whatever the mode: CoLocate serves one
// tracee best (it runs the moment it is resumed), Spin several (the tracer, yielding between
// polls, reaps the stops of the tasks that ran meanwhile: measured 8% faster on 4 threads).
//
// New tasks. The kernel starts a forked child on the idlest CPU, i.e. on the halted vCPU the
// co-located pair is not using, and every stop of the child then crosses CPUs. So, co-located,
// a traced fork/vfork/clone whose child will be auto-attached is placed: at its entry stop the
// parent's affinity is narrowed to the pair's CPU, the child inherits that mask and starts
// there, and at the parent's fork event (the child is then known) both masks are set back to
// the parent's own. Neither task runs a user instruction with the narrowed mask: the parent is
// inside the syscall throughout, and the child's first stop comes before its first user
// instruction (a child whose first stop is reported before its parent's event is held there
// until the event names it). Only another process reading the parent's mask during the call,
// or the child's before its first stop, could see it. The mask is the kernel's hint, not a
// cage: once restored, the load balancer spreads tasks that have work as it always does.
// One trace remains: since Linux 6.2 a set mask is also kept as the task's user-requested
// mask, so a cpuset later widened (or a CPU hot-added) is not taken up by these two tasks as
// it would be by a task whose mask was never set.
// Measured on the fork loop: 300 -> 245 ms (pinned floor 216 ms), 2 vCPUs.
#pragma once

#include <sched.h>

#include <cstdint>

namespace scry::trace {

class Placement {
 public:
  enum class Mode : std::uint8_t { Fixed, CoLocate, Spin };
  // adaptive=false keeps the tracer's policy as it is and only spins for spin_ns.
  void start(bool adaptive, std::uint64_t spin_ns);
  // Called once per event with the task that stopped; cheap (a vDSO clock read) except
  // every 50 ms.
  void on_event(int tid);
  // A traced task was created (fork, vfork, clone): by a call begin_fork could place (or would
  // have, had the tracer been co-located), or not (a fork whose entry was not stopped at, or
  // one made while another was being placed): that one starts on the other CPU.
  void on_new_task(bool placeable) {
    if (!placeable) ++split_tasks_;
  }
  // How many tasks are traced now.
  void set_task_count(std::size_t n) { tasks_ = n; }
  // The tracer had to block for this task's next stop. Co-located, it would not have: the
  // tracee stops before the tracer runs again. So the pair has split (the load balancer moved
  // the tracee): follow it now rather than at the next check (at most once per ms).
  void on_blocked(int tid);
  // Leaves the tracer as it was (policy and affinity), e.g. before it exits.
  void stop();
  // --low-latency: holds /dev/cpu_dma_latency at 0 until stop(), so that idle CPUs poll rather
  // than halt and a stop on another CPU wakes the tracer without a vCPU wake-up. Machine-wide
  // and costs power, hence opt-in. Returns an error text, or "" on success.
  const char* hold_cpu_latency();
  // How long to poll before blocking in wait. Co-located with one tracee, not at all: the
  // tracer runs only when its tracee has stopped or blocked. With several (a parent and its
  // child), one may run on the other CPU; a tracer that polls keeps its own CPU awake for
  // that one's next stop, as SCHED_IDLE, i.e. only when nothing else wants the CPU (fork
  // loop: 230 -> 220 ms, 2 vCPUs).
  std::uint64_t spin_ns() const { return mode_ == Mode::CoLocate && tasks_ <= 1 ? 0 : spin_ns_; }
  Mode mode() const { return mode_; }

  // Fork placement (see the top). begin_fork() at the entry stop of every call that will
  // create an auto-attached child: narrows the parent's mask if co-located (one call at a
  // time); returns whether it did.
  bool begin_fork(int parent);
  bool fork_pending() const { return fork_parent_ >= 0; }
  int fork_parent() const { return fork_parent_; }
  // The parent's fork event named its child: both masks go back to the parent's own, and
  // the placement is over.
  void fork_child(int child);
  // The placed call ended without an event (it failed; its exit stop) or its parent is gone:
  // the parent's mask goes back.
  void end_fork();
  // A new task's first stop during a placement: it may be the child, whose event has not come
  // yet, so it must wait (not be resumed) until the event or the end of the call.
  bool must_hold(int tid) const { return fork_parent_ >= 0 && tid != fork_parent_; }
  // For a held task the call ended without naming: it started with the narrowed mask if it is
  // exactly the pair's CPU, and then gets the parent's own back. Also before detaching.
  void restore_if_narrowed(int tid);

 private:
  void set_mode(Mode m);
  void follow(int tid);
  Mode mode_ = Mode::Fixed;
  int pinned_cpu_ = -1;
  unsigned busy_checks_ = 0;  // checks in a row that saw more than 2 runnable tasks
  unsigned split_tasks_ = 0;  // new tasks since the last check that began on another CPU
  std::size_t tasks_ = 1;
  bool single_cpu_ = false;  // the tracer (and so its tracees) may run on one CPU only
  bool have_mask_ = false;
  cpu_set_t original_mask_{};
  std::uint64_t spin_ns_ = 0;
  std::uint64_t next_check_ns_ = 0;
  std::uint64_t window_start_ns_ = 0;  // of the events counted in events_
  std::uint32_t events_ = 0;
  bool dense_ = false;  // what the last check found
  std::uint64_t next_follow_ns_ = 0;
  int loadavg_fd_ = -1;
  int latency_fd_ = -1;
  // The placed call, until its event or its end: its parent, the CPU it was narrowed to, and
  // the parent's own mask.
  int fork_parent_ = -1;
  int fork_cpu_ = -1;
  cpu_set_t fork_mask_{};
};

// The runnable count from /proc/loadavg's fourth field ("2/345"): tasks running or runnable
// on the whole machine, the caller included. -1 if unreadable.
int runnable_tasks(int loadavg_fd);
// The CPU a task last ran on (/proc/TID/stat field 39), or -1.
int task_cpu(int tid);

}  // namespace scry::trace
