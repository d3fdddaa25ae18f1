// jwtcore decode: shows what a token says, without a key and without trusting it.
#include "cli.hpp"
#include "commands.hpp"
#include "inspect.hpp"
#include "timefmt.hpp"

#include <cstdio>

namespace cli {

namespace {

const char kHelp[] = R"(Usage: jwtcore decode [--json] TOKEN

Shows a token's header(s) and claims without verifying anything and without a key: a JWS
(compact or JSON serialization) with its payload, or a JWE with its header only (its content is
encrypted: use 'jwtcore decrypt --key FILE'). NumericDates (exp, nbf, iat, auth_time) are also
shown as UTC times relative to now ("expires in 59 min", "expired 3 h ago").

Warnings name risky content: alg "none", no "exp", an expired or not-yet-valid token, embedded
keys or key URLs (jwk, jku, x5u, x5c), "crit", duplicate member names, RSA1_5, PBES2, zip.

TOKEN is the token itself, @FILE, or - for standard input (at most 1 MiB; surrounding
whitespace and a "Bearer " prefix are ignored).

Options:
  --json     one JSON object for machines: header(s), claims, times, sizes, warnings
  -h, --help this text

Exit status: 0 shown, 2 not a token (malformed, empty, binary, too large).

Examples:
  jwtcore decode eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZSJ9.c2ln
  jwtcore decode @token.txt
  pbpaste | jwtcore decode -
  jwtcore decode --json @token.txt | jq .claims.sub
)";

std::string payload_text(const std::string &payload) {
  if (is_valid_utf8(payload)) return json::quote(payload);
  std::string hex;
  char buf[4];
  for (std::size_t i = 0; i < payload.size() && i < 48; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(payload[i]));
    hex += buf;
  }
  return "binary, hex " + hex + (payload.size() > 48 ? "…" : "");
}

void print_times(const json::Value &claims, int64_t now) {
  const Style &st = style();
  const auto dates = numeric_dates(claims);
  if (dates.empty()) return;
  out_line(std::string(st.head) + "Times" + st.reset);
  for (const auto &[name, t] : dates) out_line(time_line(name, t, now));
}

void print_human(const Inspection &r, int64_t now) {
  const Style &st = style();
  std::string title = std::string(st.head) + r.kind + st.reset + "  " + r.serialization;
  title += r.kind == "JWS" ? "  (signature NOT verified: use 'jwtcore verify')"
                           : "  (content encrypted: use 'jwtcore decrypt --key FILE')";
  out_line(title);
  for (const NamedHeader &h : r.headers) {
    std::string label = h.label;
    label[0] = static_cast<char>(label[0] - 'a' + 'A');
    out_line(std::string(st.head) + label + st.reset);
    out_line(json::pretty(h.value, 0));
  }
  if (r.kind == "JWS") {
    if (r.claims) {
      out_line(std::string(st.head) + "Claims" + st.reset);
      out_line(json::pretty(*r.claims, 0));
      print_times(*r.claims, now);
    } else if (r.detached) {
      out_line(std::string(st.head) + "Payload" + st.reset + "  detached (empty payload part)");
    } else {
      out_line(std::string(st.head) + "Payload" + st.reset + "  " + std::to_string(r.payload.size()) +
               " bytes, not a JSON object: " + payload_text(r.payload));
    }
  }
  std::string sizes;
  for (const auto &[name, n] : r.sizes) sizes += (sizes.empty() ? "" : ", ") + name + " " + std::to_string(n) + " bytes";
  out_line(std::string(st.head) + "Sizes" + st.reset + "  " + sizes);
  if (r.warnings.empty()) return;
  out_line(std::string(st.warn) + "Warnings" + st.reset);
  for (const std::string &w : r.warnings) out_line(std::string("  ") + st.warn + "!" + st.reset + " " + w);
}

std::string times_json(const json::Value &claims, int64_t now) {
  std::string out = "{";
  for (const auto &[name, t] : numeric_dates(claims)) {
    out += (out.size() > 1 ? "," : "") + json::quote(name) + ":{\"value\":" + std::to_string(t) +
           ",\"utc\":" + json::quote(utc_text(t)) + ",\"relative\":" + json::quote(relative_text(name, t, now)) +
           ",\"seconds_from_now\":" + std::to_string(t - now) + "}";
  }
  return out + "}";
}

void print_json(const Inspection &r, int64_t now) {
  std::string o = "{\"type\":" + json::quote(r.kind) + ",\"serialization\":" + json::quote(r.serialization) +
                  ",\"verified\":false,\"header\":" + json::compact(r.headers.empty() ? json::Value{} : r.headers[0].value) +
                  ",\"headers\":[";
  for (std::size_t i = 0; i < r.headers.size(); ++i)
    o += (i ? "," : "") + std::string("{\"name\":") + json::quote(r.headers[i].label) +
         ",\"value\":" + json::compact(r.headers[i].value) + "}";
  o += "]";
  if (r.kind == "JWS") {
    o += ",\"claims\":" + (r.claims ? json::compact(*r.claims) : std::string("null"));
    o += ",\"times\":" + (r.claims ? times_json(*r.claims, now) : std::string("{}"));
    o += ",\"detached\":" + std::string(r.detached ? "true" : "false");
    o += ",\"payload_bytes\":" + std::to_string(r.payload.size());
    if (!r.claims && is_valid_utf8(r.payload)) o += ",\"payload_text\":" + json::quote(r.payload);
    if (!r.claims && !is_valid_utf8(r.payload)) o += ",\"payload_base64url\":" + json::quote(jwtcore::base64url_encode(r.payload));
  }
  o += ",\"sizes\":{";
  for (std::size_t i = 0; i < r.sizes.size(); ++i)
    o += (i ? "," : "") + json::quote(r.sizes[i].first) + ":" + std::to_string(r.sizes[i].second);
  o += "},\"warnings\":[";
  for (std::size_t i = 0; i < r.warnings.size(); ++i) o += (i ? "," : "") + json::quote(r.warnings[i]);
  out_line(o + "]}");
}

}  // namespace

int cmd_decode(const Argv &argv) {
  const Args args(argv, {});
  if (args.help()) {
    out(kHelp);
    return kExitOk;
  }
  args.expect_positional(1, "TOKEN (the token, @FILE or -)");
  const std::string token = read_token(args.positional()[0]);
  const int64_t now = now_seconds();
  const Inspection r = inspect(token, now);
  if (args.json()) {
    print_json(r, now);
  } else {
    print_human(r, now);
  }
  return kExitOk;
}

}  // namespace cli
