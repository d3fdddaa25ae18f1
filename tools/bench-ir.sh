#!/usr/bin/env bash
# Instructions per operation, deterministic on a noisy machine (issue 11): runs one bench_verify
# case N=500 and N=1500 times under `valgrind --tool=callgrind` and prints
# (Ir(1500) - Ir(500)) / 1000, so start-up, fixture creation and warm-up cancel out.
#
# Usage: tools/bench-ir.sh [BUILD_DIR] [CASE ...]
#   BUILD_DIR defaults to build-bench (tools/bench.sh configures it); CASE is a bench_verify case
#   name as its table prints it (default: the HS256 verify rows of libjwtcore, its raw HMACs and
#   every peer compiled in). Valgrind hides the CPU's SHA extensions (its CPUID does not report
#   them), so these counts are those of the portable SHA-256 path.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build-bench}
shift || true
EXE=$BUILD/bench/bench_verify
[ -x "$EXE" ] || { echo "bench-ir: $EXE not built (run tools/bench.sh or ninja -C $BUILD bench/bench_verify)" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "bench-ir: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }

if [ $# -eq 0 ]; then
  CASES=("libjwtcore HS256 verify" "libjwtcore HS256 verify (C ABI)" "raw HS256 verify"
         "raw HS256 verify (libjwtcore crypto::HmacKey)")
  # The peers compiled in: the names bench_verify's table would print, read from a dry listing.
  while IFS= read -r name; do CASES+=("$name"); done < <(
    JWTCORE_BENCH_LIST=HS256 "$EXE" 2>/dev/null | sed -n 's/^case: \(.* HS256 verify\)$/\1/p' |
      grep -v -e '^libjwtcore' -e '^raw' || true)
else
  CASES=("$@")
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ir() {  # ir CASE N -> total Ir of the run
  JWTCORE_BENCH_ONLY="$1" JWTCORE_BENCH_ITERS="$2" \
    valgrind --tool=callgrind --callgrind-out-file="$TMP/out" "$EXE" >"$TMP/log" 2>&1 ||
    { cat "$TMP/log" >&2; return 1; }
  sed -n 's/^summary: *//p' "$TMP/out"
}

printf '%-56s %12s\n' "case (callgrind, N=1500 minus N=500, over 1000)" "Ir/op"
for c in "${CASES[@]}"; do
  lo=$(ir "$c" 500)
  hi=$(ir "$c" 1500)
  printf '%-56s %12s\n' "$c" "$(( (hi - lo) / 1000 ))"
done
