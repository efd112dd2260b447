// scrydb: the command line. gdb's options: scrydb [-batch] [-ex CMD]... [-x FILE]... [-p PID]
// [--args] [PROG [ARGS...]]. Exceptions stop here.
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "scry/debugger.hpp"

namespace {

struct Script {
  bool is_file = false;
  std::string text;
};

void usage() {
  std::fprintf(
      stderr,
      "usage: scrydb [-batch] [-ex CMD]... [-x FILE]... [-p PID] [--args] [PROG [ARGS...]]\n");
}

char* command_generator(const char* text, int state) {
  static std::size_t index = 0;
  if (state == 0) index = 0;
  const auto& names = scry::debug::Debugger::command_names();
  std::size_t len = std::strlen(text);
  while (index < names.size()) {
    const std::string& n = names[index++];
    if (n.compare(0, len, text) == 0) return ::strdup(n.c_str());
  }
  return nullptr;
}

char** complete(const char* text, int start, int) {
  if (start != 0) return nullptr;  // arguments: readline's file name completion
  rl_attempted_completion_over = 1;
  return rl_completion_matches(text, command_generator);
}

void on_sigint(int) {}

bool run_file(scry::debug::Debugger& dbg, const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": No such file or directory.\n";
    return false;
  }
  for (std::string line; std::getline(in, line);) {
    if (!dbg.execute(line)) return false;  // gdb stops a script at its first error
    if (dbg.quit_requested()) break;
  }
  return true;
}

int repl(scry::debug::Debugger& dbg) {
  bool tty = ::isatty(0) != 0;
  std::string last;
  if (tty) {
    rl_attempted_completion_function = complete;
    dbg.set_interactive(true);
    const char* home = std::getenv("HOME");
    std::string hist = home != nullptr ? std::string(home) + "/.scrydb_history" : "";
    if (!hist.empty()) read_history(hist.c_str());
    while (!dbg.quit_requested()) {
      char* line = readline("(scrydb) ");
      if (line == nullptr) {
        std::cout << "quit\n";
        break;
      }
      std::string l = line;
      std::free(line);
      if (l.find_first_not_of(" \t") == std::string::npos) {
        l = last;  // an empty line repeats the last command, as in gdb
      } else {
        add_history(l.c_str());
        last = l;
      }
      dbg.execute(l);
    }
    if (!hist.empty()) write_history(hist.c_str());
    return 0;
  }
  for (std::string l; !dbg.quit_requested() && std::getline(std::cin, l);) dbg.execute(l);
  return 0;
}

int run(int argc, char** argv) {
  std::vector<Script> scripts;
  bool batch = false;
  int pid = 0;
  std::vector<std::string> prog;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto need = [&](const char* what) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "scrydb: option '%s' requires an argument\n", what);
        std::exit(2);
      }
      return argv[++i];
    };
    if (!prog.empty()) {
      prog.push_back(a);
    } else if (a == "-batch" || a == "--batch") {
      batch = true;
    } else if (a == "-ex" || a == "--ex" || a == "-eval-command" || a == "--eval-command") {
      scripts.push_back({false, need("-ex")});
    } else if (a == "-x" || a == "--x" || a == "-command" || a == "--command") {
      scripts.push_back({true, need("-x")});
    } else if (a == "-p" || a == "--pid") {
      pid = std::atoi(need("-p").c_str());
    } else if (a == "-q" || a == "-quiet" || a == "--quiet" || a == "-nx" || a == "--nx" ||
               a == "-nh" || a == "--args") {
      continue;
    } else if (a == "-h" || a == "--help") {
      usage();
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "scrydb: unrecognized option '%s'\n", a.c_str());
      usage();
      return 2;
    } else {
      prog.push_back(a);
    }
  }
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  ::sigaction(SIGINT, &sa, nullptr);

  scry::debug::Debugger dbg(std::cout, std::cerr);
  if (!prog.empty())
    dbg.set_program(prog[0], std::vector<std::string>(prog.begin() + 1, prog.end()));
  bool ok = true;
  if (pid > 0) ok = dbg.execute("attach " + std::to_string(pid));
  for (const auto& s : scripts) {
    if (dbg.quit_requested()) break;
    ok = s.is_file ? run_file(dbg, s.text) : dbg.execute(s.text);
  }
  if (!batch && !dbg.quit_requested()) repl(dbg);
  dbg.shutdown();
  std::cout.flush();
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "scrydb: %s\n", e.what());
    return 1;
  }
}
