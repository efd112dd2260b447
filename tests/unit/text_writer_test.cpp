#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "output/text_writer.hpp"

namespace scry::output {
namespace {

class TextWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/scry_tw_XXXXXX";
    int fd = mkstemp(tmpl);
    ASSERT_GE(fd, 0);
    close(fd);
    path_ = tmpl;
  }
  void TearDown() override { unlink(path_.c_str()); }
  std::string contents() {
    std::ifstream f(path_);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  }
  // What a writer on path_ (options o, -o set here) wrote after fn(writer) and its close.
  template <typename Fn>
  std::string written(WriterOptions o, Fn&& fn) {
    o.outfile = path_;
    {
      TextWriter w(o);
      EXPECT_TRUE(w.open());
      fn(w);
    }
    return contents();
  }
  std::string path_;
};

TEST_F(TextWriterTest, AlignsReturnAtColumn40) {
  WriterOptions o;
  o.outfile = path_;
  {
    TextWriter w(o);
    ASSERT_TRUE(w.open());
    w.syscall_entry(10, "brk(NULL");
    w.syscall_exit(10, "brk", ")", "0x55c53ffac000");
    w.syscall_entry(10, "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0");
    w.syscall_exit(10, "mmap", ")", "0x7f7986513000");
  }
  EXPECT_EQ(contents(),
            "brk(NULL)                               = 0x55c53ffac000\n"
            "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "
            "0x7f7986513000\n");
}

TEST_F(TextWriterTest, ForgottenTaskEndsItsOpenLine) {
  const char* execve = "execve(\"/bin/true\", [\"true\"], 0x1000 /* 0 vars */";
  EXPECT_EQ(written({},
                    [&](TextWriter& w) {
                      w.syscall_entry(10, execve);
                      w.forget_task(10);  // a thread's execve: the leader's tid takes over
                      w.line(20, "+++ superseded by execve in pid 10 +++");
                    }),
            std::string(execve) + " <unfinished ...>\n+++ superseded by execve in pid 10 +++\n");
  // As strace: the exec'ing thread's open line names the pid it now has.
  EXPECT_EQ(
      written({},
              [&](TextWriter& w) {
                w.syscall_entry(10, execve);
                w.pid_changed(10, 20);
                w.forget_task(10);
                w.line(20, "+++ superseded by execve in pid 10 +++");
              }),
      std::string(execve) + " <pid changed to 20 ...>\n+++ superseded by execve in pid 10 +++\n");
}

TEST_F(TextWriterTest, UnfinishedAndResumedWithPidPrefix) {
  WriterOptions o;
  o.outfile = path_;
  o.follow = true;
  {
    TextWriter w(o);
    ASSERT_TRUE(w.open());
    w.set_task_count(2);
    w.syscall_entry(1925, "set_robust_list(0x7efd23193a20, 24");
    w.syscall_entry(1924, "newfstatat(AT_FDCWD, \"/root/.cargo/bin/wc\", ");
    w.syscall_exit(1925, "set_robust_list", ")", "0");
    w.syscall_exit(1924, "newfstatat", "0x7ffc29c1c6b0, 0)",
                   "-1 ENOENT (No such file or directory)");
    w.line(1925, "+++ exited with 0 +++");
  }
  EXPECT_EQ(contents(),
            "1925  set_robust_list(0x7efd23193a20, 24 <unfinished ...>\n"
            "1924  newfstatat(AT_FDCWD, \"/root/.cargo/bin/wc\",  <unfinished ...>\n"
            "1925  <... set_robust_list resumed>)    = 0\n"
            "1924  <... newfstatat resumed>0x7ffc29c1c6b0, 0) = -1 ENOENT (No such file or "
            "directory)\n"
            "1925  +++ exited with 0 +++\n");
}

TEST_F(TextWriterTest, VanishedMidSyscall) {
  WriterOptions o;
  o.outfile = path_;
  {
    TextWriter w(o);
    ASSERT_TRUE(w.open());
    w.syscall_entry(5, "exit_group(0");
    w.syscall_vanished(5, "exit_group", false);
    w.line(5, "+++ exited with 0 +++");
  }
  EXPECT_EQ(contents(),
            "exit_group(0)                           = ?\n"
            "+++ exited with 0 +++\n");
}

}  // namespace
}  // namespace scry::output
