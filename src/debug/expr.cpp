// A small expression evaluator for addresses and values: numbers, $registers, symbols,
// &symbol, *address (8 bytes), casts that are ignored, parentheses, + - * /.
#include <cctype>
#include <charconv>

#include "debug/state.hpp"

namespace scry::debug {
namespace {

class Parser {
 public:
  Parser(DebuggerState& s, const std::string& t) : s_(s), t_(t) {}

  Result<std::uint64_t> parse() {
    auto v = sum();
    if (!v) return v;
    skip();
    if (i_ != t_.size()) return fail("A syntax error in expression, near `" + t_.substr(i_) + "'.");
    return v;
  }

 private:
  void skip() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
  }
  bool eat(char c) {
    skip();
    if (i_ < t_.size() && t_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  Result<std::uint64_t> sum() {
    auto v = product();
    if (!v) return v;
    std::uint64_t acc = *v;
    for (;;) {
      if (eat('+')) {
        auto r = product();
        if (!r) return r;
        acc += *r;
      } else if (eat('-')) {
        auto r = product();
        if (!r) return r;
        acc -= *r;
      } else {
        return acc;
      }
    }
  }
  Result<std::uint64_t> product() {
    auto v = unary();
    if (!v) return v;
    std::uint64_t acc = *v;
    for (;;) {
      if (eat('*')) {
        auto r = unary();
        if (!r) return r;
        acc *= *r;
      } else if (eat('/')) {
        auto r = unary();
        if (!r) return r;
        if (*r == 0) return fail("Division by zero");
        acc /= *r;
      } else {
        return acc;
      }
    }
  }
  Result<std::uint64_t> unary() {
    skip();
    if (eat('-')) {
      auto v = unary();
      if (!v) return v;
      return std::uint64_t{0} - *v;
    }
    if (eat('*')) {
      auto v = unary();
      if (!v) return v;
      if (auto r = s_.need_process(); !r)
        return fail("Cannot access memory at address " + hexs(*v));
      bool ok = false;
      std::uint64_t w = s_.read_u64(*v, &ok);
      if (!ok) return fail("Cannot access memory at address " + hexs(*v));
      return w;
    }
    if (eat('&')) {
      std::string name = ident();
      if (name.empty()) return fail("Attempt to take address of value not located in memory.");
      if (auto var = s_.syms->global_variable(name)) return var->addr;
      if (auto sym = s_.syms->find_symbol(name)) return sym->start;
      return fail("No symbol \"" + name + "\" in current context.");
    }
    if (eat('(')) {
      // A cast "(int *)" is skipped; otherwise a parenthesised expression.
      std::size_t save = i_;
      std::string word = ident();
      if (!word.empty() && (word == "int" || word == "long" || word == "char" || word == "short" ||
                            word == "unsigned" || word == "void" || word == "signed")) {
        while (i_ < t_.size() && t_[i_] != ')') ++i_;
        if (!eat(')')) return fail("A syntax error in expression, near `'.");
        return unary();
      }
      i_ = save;
      auto v = sum();
      if (!v) return v;
      if (!eat(')')) return fail("A syntax error in expression, near `" + t_.substr(i_) + "'.");
      return v;
    }
    if (i_ < t_.size() && t_[i_] == '$') {
      ++i_;
      std::string name = ident();
      if (auto r = s_.need_process(); !r) return fail("No registers.");
      auto regs = s_.inf.regs(s_.tid());
      if (!regs) return fail("No registers.");
      const auto& st = s_.stack();
      if (s_.frame > 0 && static_cast<std::size_t>(s_.frame) < st.size()) {
        regs->rip = st[static_cast<std::size_t>(s_.frame)].pc;
        regs->rsp = st[static_cast<std::size_t>(s_.frame)].sp;
      }
      if (auto v = reg_value(*regs, name)) return *v;
      return fail("History has not yet reached $" + name + ".");
    }
    if (i_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[i_]))) return number();
    std::string name = ident();
    if (name.empty()) return fail("A syntax error in expression, near `" + t_.substr(i_) + "'.");
    if (auto var = s_.syms->global_variable(name)) {
      // A scalar's value; an array or aggregate decays to its address.
      if (var->type.kind == TypeInfo::Kind::Other || var->type.size <= 0 || var->type.size > 8)
        return var->addr;
      std::uint64_t v = 0;
      if (s_.inf.read(var->addr, &v, static_cast<std::size_t>(var->type.size)) !=
          static_cast<std::size_t>(var->type.size))
        return fail("Cannot access memory at address " + hexs(var->addr));
      if (var->type.kind == TypeInfo::Kind::Signed && var->type.size < 8 &&
          (v >> (var->type.size * 8 - 1)) != 0)
        v |= ~((1ull << (var->type.size * 8)) - 1);
      return v;
    }
    auto fns = s_.syms->function_addresses(name);
    if (!fns.empty()) return fns.front();
    if (auto sym = s_.syms->find_symbol(name)) return sym->start;
    return fail("No symbol \"" + name + "\" in current context.");
  }
  std::string ident() {
    skip();
    std::size_t b = i_;
    while (i_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[i_])) || t_[i_] == '_' ||
                              t_[i_] == '.' || t_[i_] == '@'))
      ++i_;
    return t_.substr(b, i_ - b);
  }
  Result<std::uint64_t> number() {
    std::size_t b = i_;
    int base = 10;
    if (t_.compare(i_, 2, "0x") == 0 || t_.compare(i_, 2, "0X") == 0) {
      base = 16;
      i_ += 2;
      b = i_;
    } else if (t_[i_] == '0' && i_ + 1 < t_.size() &&
               std::isdigit(static_cast<unsigned char>(t_[i_ + 1]))) {
      base = 8;
    }
    while (i_ < t_.size() && std::isxdigit(static_cast<unsigned char>(t_[i_]))) ++i_;
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(t_.data() + b, t_.data() + i_, v, base);
    if (ec != std::errc() || p != t_.data() + i_)
      return fail("Invalid number \"" + t_.substr(b, i_ - b) + "\".");
    while (i_ < t_.size() && (t_[i_] == 'l' || t_[i_] == 'L' || t_[i_] == 'u' || t_[i_] == 'U'))
      ++i_;
    return v;
  }

  DebuggerState& s_;
  const std::string& t_;
  std::size_t i_ = 0;
};

}  // namespace

Result<std::uint64_t> eval(DebuggerState& s, const std::string& text) {
  std::string t = trim(text);
  if (t.empty()) return fail("Argument required (expression to compute).");
  return Parser(s, t).parse();
}

}  // namespace scry::debug
