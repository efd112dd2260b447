#include "trace/placement.hpp"

#include "trace/clock.hpp"

#include <fcntl.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace scry::trace {
namespace {

constexpr std::uint64_t kCheckEveryNs = 50'000'000;
// Co-location pays only while the tracer is woken all the time: stops at most 250 µs apart on
// average, judged over a window of at least 64 events (or of 50 ms).
constexpr std::uint32_t kDenseEvents = 64;
constexpr std::uint64_t kDenseIntervalNs = 250'000;

std::uint64_t now_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u +
         static_cast<std::uint64_t>(ts.tv_nsec);
}

}  // namespace

int runnable_tasks(int fd) {
  char buf[128];
  ssize_t n = fd >= 0 ? ::pread(fd, buf, sizeof buf - 1, 0) : -1;
  if (n <= 0) return -1;
  buf[n] = '\0';
  // "0.37 0.53 0.36 2/345 12345": the fourth field's numerator.
  int spaces = 0;
  for (char* p = buf; *p != '\0'; ++p) {
    if (*p == ' ' && ++spaces == 3) return static_cast<int>(std::strtol(p + 1, nullptr, 10));
  }
  return -1;
}

int task_cpu(int tid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/stat", tid);
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buf[1024];
  ssize_t n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  if (n <= 0) return -1;
  buf[n] = '\0';
  // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
  char* p = std::strrchr(buf, ')');
  if (p == nullptr) return -1;
  int field = 2;
  for (; *p != '\0'; ++p) {
    if (*p == ' ' && ++field == 39) return static_cast<int>(std::strtol(p + 1, nullptr, 10));
  }
  return -1;
}

void Placement::start(bool adaptive, std::uint64_t spin_ns) {
  spin_ns_ = spin_ns;
  if (!adaptive) return;
  loadavg_fd_ = ::open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
  if (loadavg_fd_ < 0) return;
  have_mask_ = ::sched_getaffinity(0, sizeof original_mask_, &original_mask_) == 0;
  single_cpu_ = have_mask_ && CPU_COUNT(&original_mask_) == 1;
  mode_ = Mode::Spin;
  window_start_ns_ = monotonic_ns();
  next_check_ns_ = now_ns() + kCheckEveryNs;
  events_ = 0;
  dense_ = false;
  split_tasks_ = 0;
}

void Placement::on_event(int tid) {
  if (mode_ == Mode::Fixed) return;
  // After a sparse window, a dense run of events is checked at once rather than at the next
  // 50 ms (after a dense one, the load or new tasks kept the tracer where it is: they are
  // looked at again at the next 50 ms, not at every 64 events).
  const bool early = ++events_ >= kDenseEvents && !dense_;
  if (!early && now_ns() < next_check_ns_) return;
  const std::uint64_t now = monotonic_ns();
  dense_ = std::uint64_t{events_} * kDenseIntervalNs >= now - window_start_ns_;
  window_start_ns_ = now;
  next_check_ns_ = now + kCheckEveryNs;
  events_ = 0;
  // The tracer and one running tracee account for 2: more means other work wants the CPUs.
  // Co-location starts only on a sample of 2 at most; once co-located, a forking program has
  // a parent and a child runnable at times, so it ends on two samples over 2 in a row (other
  // work stays, these come and go).
  int running = runnable_tasks(loadavg_fd_);
  busy_checks_ = running < 0 || running > 2 ? busy_checks_ + 1 : 0;
  const bool busy = busy_checks_ >= (mode_ == Mode::CoLocate ? 2u : 1u) || running < 0;
  // New tasks that start on the other CPU split the pair; placed ones do not.
  const bool forking = split_tasks_ != 0;
  split_tasks_ = 0;
  if (single_cpu_)
    set_mode(tasks_ <= 1 ? Mode::CoLocate : Mode::Spin);
  else
    set_mode(dense_ && !busy && have_mask_ && !forking ? Mode::CoLocate : Mode::Spin);
  if (mode_ == Mode::CoLocate) follow(tid);
}

void Placement::on_blocked(int tid) {
  if (mode_ != Mode::CoLocate) return;
  std::uint64_t now = now_ns();
  if (now < next_follow_ns_) return;
  next_follow_ns_ = now + 1'000'000;
  follow(tid);
}

void Placement::follow(int tid) {
  int cpu = task_cpu(tid);
  if (cpu < 0 || cpu == pinned_cpu_ || cpu >= CPU_SETSIZE) return;
  if (!CPU_ISSET(cpu, &original_mask_)) return;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  if (::sched_setaffinity(0, sizeof one, &one) == 0) pinned_cpu_ = cpu;
}

bool Placement::begin_fork(int parent) {
  if (mode_ != Mode::CoLocate || pinned_cpu_ < 0 || fork_parent_ >= 0) return false;
  if (::sched_getaffinity(parent, sizeof fork_mask_, &fork_mask_) != 0) return false;
  if (!CPU_ISSET(pinned_cpu_, &fork_mask_) || CPU_COUNT(&fork_mask_) < 2) return false;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(pinned_cpu_, &one);
  if (::sched_setaffinity(parent, sizeof one, &one) != 0) return false;
  fork_parent_ = parent;
  fork_cpu_ = pinned_cpu_;
  return true;
}

void Placement::fork_child(int child) {
  if (fork_parent_ < 0) return;
  (void)::sched_setaffinity(child, sizeof fork_mask_, &fork_mask_);
  end_fork();
}

void Placement::end_fork() {
  if (fork_parent_ < 0) return;
  (void)::sched_setaffinity(fork_parent_, sizeof fork_mask_, &fork_mask_);
  fork_parent_ = fork_cpu_ = -1;
}

void Placement::restore_if_narrowed(int tid) {
  if (fork_cpu_ < 0) return;
  cpu_set_t now;
  if (::sched_getaffinity(tid, sizeof now, &now) != 0) return;
  if (CPU_COUNT(&now) == 1 && CPU_ISSET(fork_cpu_, &now))
    (void)::sched_setaffinity(tid, sizeof fork_mask_, &fork_mask_);
}

void Placement::stop() {
  if (mode_ == Mode::CoLocate) set_mode(Mode::Spin);
  if (latency_fd_ >= 0) {
    ::close(latency_fd_);  // the kernel drops the request with the last close
    latency_fd_ = -1;
  }
}

const char* Placement::hold_cpu_latency() {
  if (latency_fd_ >= 0) return "";
  int fd = ::open("/dev/cpu_dma_latency", O_WRONLY | O_CLOEXEC);
  if (fd < 0) return std::strerror(errno);
  const std::int32_t zero = 0;
  if (::write(fd, &zero, sizeof zero) != static_cast<ssize_t>(sizeof zero)) {
    const char* err = std::strerror(errno);
    ::close(fd);
    return err;
  }
  latency_fd_ = fd;
  return "";
}

void Placement::set_mode(Mode m) {
  if (m == mode_) return;
  sched_param sp{};
  if (::sched_setscheduler(0, m == Mode::CoLocate ? SCHED_IDLE : SCHED_OTHER, &sp) != 0) {
    mode_ = Mode::Spin;  // not permitted: stay with the normal policy
    return;
  }
  if (m != Mode::CoLocate && pinned_cpu_ >= 0) {
    ::sched_setaffinity(0, sizeof original_mask_, &original_mask_);
    pinned_cpu_ = -1;
  }
  mode_ = m;
}

}  // namespace scry::trace
