// Times for people: durations on the command line ("15m", "2h", "7d") and NumericDates shown as
// UTC with a relative phrase ("expires in 59 min", "expired 3 h ago").
#ifndef JWTCORE_CLI_TIMEFMT_HPP
#define JWTCORE_CLI_TIMEFMT_HPP

#include <cstdint>
#include <string>
#include <string_view>

namespace cli {

// Seconds since the epoch, now.
int64_t now_seconds();

// "90", "90s", "15m", "2h", "7d", "1w", optionally signed ("-5m"); "now" is 0. A usage error
// (naming `option`) for anything else or more than 100 years.
int64_t parse_duration(std::string_view text, std::string_view option);

// "2025-06-01 12:00:00 UTC", or "(out of range)".
std::string utc_text(int64_t t);

// A span of seconds in the largest fitting unit: "42 s", "59 min", "3 h", "12 d", "56 y".
std::string span_text(int64_t seconds);

// One aligned line for a NumericDate: "  exp       2025-06-01 12:00:00 UTC  expires in 59 min".
std::string time_line(const std::string &claim, int64_t t, int64_t now);

// The relative phrase for a NumericDate claim ("exp", "nbf", "iat", others) at time `t`.
std::string relative_text(std::string_view claim, int64_t t, int64_t now);

}  // namespace cli

#endif  // JWTCORE_CLI_TIMEFMT_HPP
