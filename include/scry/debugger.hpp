// scrydb: a gdb-like debugger over scry's ptrace core. One Debugger runs one inferior; its
// commands take gdb's names and print gdb's formats.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace scry::debug {

struct DebuggerState;

class Debugger {
 public:
  // Stops and results go to out; errors (one line each) to err.
  Debugger(std::ostream& out, std::ostream& err);
  ~Debugger();
  Debugger(const Debugger&) = delete;
  Debugger& operator=(const Debugger&) = delete;

  void set_program(const std::string& path, const std::vector<std::string>& args);
  void set_interactive(bool on);
  // Runs one command line. Returns false if the command failed (the error is printed).
  bool execute(const std::string& line);
  bool quit_requested() const;
  // Ends the session as gdb's quit does: a launched process is killed, an attached one
  // detached.
  void shutdown();
  // Command names, for completion.
  static const std::vector<std::string>& command_names();

 private:
  std::unique_ptr<DebuggerState> st_;
};

}  // namespace scry::debug
