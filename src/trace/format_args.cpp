#include "trace/format_args.hpp"

#include <strings.h>

#include <string>

namespace scry::trace {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Strips a case-insensitive prefix from s; false when s does not start with it.
bool strip_prefix(std::string_view& s, std::string_view prefix) {
  if (s.size() < prefix.size() || !iequals(s.substr(0, prefix.size()), prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

std::optional<output::TsFormat> parse_ts_format(std::string_view s) {
  if (iequals(s, "none")) return output::TsFormat::None;
  if (iequals(s, "time")) return output::TsFormat::Time;
  if (iequals(s, "unix")) return output::TsFormat::Unix;
  return std::nullopt;
}

}  // namespace

int parse_time_precision(std::string_view s) {
  static constexpr struct {
    std::string_view name;
    int digits;
  } kPrecisions[] = {{"s", 0}, {"ms", 3}, {"us", 6}, {"ns", 9}};
  for (const auto& p : kPrecisions)
    if (iequals(s, p.name)) return p.digits;
  return -1;
}

bool parse_absolute_timestamps(std::string_view arg, output::TsFormat& fmt, int& digits) {
  bool format_given = false;
  std::size_t pos = 0;
  while (pos <= arg.size()) {
    std::size_t comma = arg.find(',', pos);
    if (comma == std::string_view::npos) comma = arg.size();
    std::string_view item = arg.substr(pos, comma - pos);
    pos = comma + 1;
    if (item.empty()) continue;
    const bool want_format = strip_prefix(item, "format:");
    const bool want_precision = !want_format && strip_prefix(item, "precision:");
    if (!want_precision) {
      if (auto f = parse_ts_format(item)) {
        fmt = *f;
        format_given = true;
        continue;
      }
      if (want_format) return false;
    }
    const int d = parse_time_precision(item);
    if (d < 0) return false;
    digits = d;
  }
  if (!format_given && fmt == output::TsFormat::None) fmt = output::TsFormat::Time;
  return true;
}

std::optional<XMode> parse_strings_in_hex(std::string_view arg) {
  if (iequals(arg, "none")) return XMode::Default;
  if (iequals(arg, "non-ascii-chars")) return XMode::NonAsciiChars;
  if (iequals(arg, "non-ascii")) return XMode::NonAscii;
  if (iequals(arg, "all")) return XMode::All;
  return std::nullopt;
}

}  // namespace scry::trace
