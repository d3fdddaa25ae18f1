#!/usr/bin/env bash
# Issue 11's side-by-side benchmark in one command: installs libjwtcore's dependencies and the
# Debian peer libraries (libjwt, cjose, latchset jose, cpp-jwt), builds bench_verify in release
# mode (build-bench), runs it, then prints HS256 instructions per verification under callgrind
# (tools/bench-ir.sh). Run it on an otherwise idle machine: the table is from one run, with
# every case measured in interleaved rounds, but other load still inflates absolute times.
#
# Usage: tools/bench.sh [--no-ir]    Environment: as bench/bench_verify.cpp documents.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build-bench

"$ROOT/tools/setup-deps.sh"
peers=(libjwt-dev libcjose-dev libjose-dev libcpp-jwt-dev libssl-dev nlohmann-json3-dev valgrind)
missing=()
for p in "${peers[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing the peer libraries: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d "$BUILD" ]; then
  meson setup "$BUILD" "$ROOT" --buildtype=release -Dtests=false -Dfuzz=disabled >/dev/null
fi
ninja -C "$BUILD" bench/bench_verify >/dev/null

echo "==> machine: $(nproc) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)," \
     "SHA-NI: $(grep -q -w sha_ni /proc/cpuinfo && echo yes || echo no), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$BUILD/bench/bench_verify"
if [ "${1:-}" != "--no-ir" ]; then
  echo
  "$ROOT/tools/bench-ir.sh" "$BUILD"
fi
