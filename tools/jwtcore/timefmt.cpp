#include "timefmt.hpp"

#include "cli.hpp"

#include <cstdio>
#include <ctime>

namespace cli {

int64_t now_seconds() { return static_cast<int64_t>(std::time(nullptr)); }

int64_t parse_duration(std::string_view text, std::string_view option) {
  const std::string bad = std::string(option) + ": '" + std::string(text) +
                          "' is not a duration (examples: 90, 90s, 15m, 2h, 7d, 1w)";
  if (text == "now") return 0;
  std::string_view t = text;
  int64_t sign = 1;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    sign = t[0] == '-' ? -1 : 1;
    t.remove_prefix(1);
  }
  int64_t n = 0;
  std::size_t i = 0;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
    n = n * 10 + (t[i] - '0');
    if (n > 100LL * 366 * 86400) usage(bad);
  }
  if (i == 0) usage(bad);
  const std::string_view unit = t.substr(i);
  int64_t scale = 0;
  if (unit.empty() || unit == "s") scale = 1;
  if (unit == "m" || unit == "min") scale = 60;
  if (unit == "h") scale = 3600;
  if (unit == "d") scale = 86400;
  if (unit == "w") scale = 7 * 86400;
  if (scale == 0 || n * scale > 100LL * 366 * 86400) usage(bad);
  return sign * n * scale;
}

std::string utc_text(int64_t t) {
  // Years past 9999 are not dates anyone means; gmtime_r would print them oddly.
  if (t < -62135596800LL || t > 253402300799LL) return "(out of range)";
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm {};
  if (gmtime_r(&tt, &tm) == nullptr) return "(out of range)";
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

std::string span_text(int64_t s) {
  if (s < 0) s = -s;
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min";
  if (s < 2 * 86400) return std::to_string(s / 3600) + " h";
  if (s < 2 * 365 * 86400) return std::to_string(s / 86400) + " d";
  return std::to_string(s / (365 * 86400 + 86400 / 4)) + " y";
}

std::string time_line(const std::string &claim, int64_t t, int64_t now) {
  char line[160];
  std::snprintf(line, sizeof line, "  %-9s %s  %s", claim.c_str(), utc_text(t).c_str(), relative_text(claim, t, now).c_str());
  return line;
}

std::string relative_text(std::string_view claim, int64_t t, int64_t now) {
  const int64_t d = t - now;
  const std::string span = span_text(d);
  if (claim == "exp") return d > 0 ? "expires in " + span : "expired " + span + " ago";
  if (claim == "nbf") return d > 0 ? "not valid for another " + span : "valid since " + span + " ago";
  if (claim == "iat") return d > 0 ? "issued " + span + " in the future" : "issued " + span + " ago";
  return d > 0 ? "in " + span : span + " ago";
}

}  // namespace cli
