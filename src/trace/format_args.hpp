// The values of strace's output-format options (--absolute-timestamps=, --relative-timestamps=,
// --syscall-times=, --strings-in-hex=), parsed as strace 6.1 reads them.
#pragma once

#include <optional>
#include <string_view>

#include "output/text_writer.hpp"
#include "scry/decode.hpp"

namespace scry::trace {

// A time precision s, ms, us or ns (in any case) as its number of decimals: 0, 3, 6 or 9;
// -1 for anything else.
int parse_time_precision(std::string_view s);

// --absolute-timestamps=ARG: comma-separated items, each a format ([format:]none|time|unix) or
// a precision ([precision:]s|ms|us|ns), in any case, later items winning; empty items are
// skipped. Updates fmt and digits; when ARG names no format, a format of "none" becomes "time"
// (strace's rule). false for a value strace refuses.
bool parse_absolute_timestamps(std::string_view arg, output::TsFormat& fmt, int& digits);

// --strings-in-hex=ARG: none, non-ascii-chars, non-ascii or all, in any case.
std::optional<XMode> parse_strings_in_hex(std::string_view arg);

}  // namespace scry::trace
