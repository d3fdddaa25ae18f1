#!/usr/bin/env bash
# Short libFuzzer run of every harness in fuzz/ (issue 9), as .ci/run does it: configures (once) a
# clang build with the `fuzz` option, ASan and UBSan (no recovery), builds each harness, runs it
# for FUZZ_SECONDS (default 30) from a temporary copy of its seed corpus and regression inputs (the
# repository is never written), and fails on any crash, leak, timeout, OOM or UBSan report.
# Prints one line per harness and, last, "fuzz summary: P passed, F failed".
#
# Environment: FUZZ_SECONDS (per harness), FUZZ_BUILD_DIR (default build-fuzz), FUZZ_LOG_DIR
# (default $FUZZ_BUILD_DIR/fuzz-smoke; logs and crash artifacts are kept there), CI (when "true",
# a missing clang or libFuzzer counts as a failure instead of a skip).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
SECS=${FUZZ_SECONDS:-30}
LOGS=${FUZZ_LOG_DIR:-$BUILD/fuzz-smoke}
DICT=$ROOT/fuzz/dict/jose.dict
PASSED=0
FAILED=0

finish() {
  echo "fuzz summary: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
  exit $?
}

unavailable() {
  echo "fuzz: $1"
  if [ "${CI:-}" = "true" ]; then
    echo "fuzz: CI=true, so a missing fuzzing toolchain is a failure"
    FAILED=$((FAILED + 1))
  else
    echo "fuzz: skipped (not CI)"
  fi
  finish
}

command -v clang >/dev/null && command -v clang++ >/dev/null ||
  unavailable "clang/clang++ not found: the libFuzzer harnesses cannot be built"
ARCH=$(uname -m)
ENGINE=$(clang++ -print-file-name="libclang_rt.fuzzer-$ARCH.a")
[ -f "$ENGINE" ] || unavailable "libFuzzer (libclang_rt.fuzzer-$ARCH.a) not found for $(clang++ --version | head -1)"
ASAN_RT=$(clang++ -print-file-name="libclang_rt.asan-$ARCH.so")

mkdir -p "$LOGS" || { echo "fuzz: cannot create $LOGS"; FAILED=$((FAILED + 1)); finish; }
if [ ! -f "$BUILD/build.ninja" ]; then
  echo "==> configuring $BUILD (clang, libFuzzer, ASan+UBSan)"
  # -shared-libsan: libjwtcore.so links with --no-undefined, so it needs ASan's shared runtime.
  # The library itself gets coverage instrumentation (fuzzer-no-link), or libFuzzer is blind to it.
  rt_dir=$(dirname "$ASAN_RT")
  if ! CC=clang CXX=clang++ meson setup "$BUILD" "$ROOT" -Dfuzz=enabled -Dbench=false \
      -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized \
      "-Dc_args=-fsanitize=fuzzer-no-link -fno-sanitize-recover=all" \
      "-Dcpp_args=-fsanitize=fuzzer-no-link -fno-sanitize-recover=all" \
      "-Dc_link_args=-shared-libsan -Wl,-rpath,$rt_dir" \
      "-Dcpp_link_args=-shared-libsan -Wl,-rpath,$rt_dir" >"$LOGS/setup.log" 2>&1; then
    tail -20 "$LOGS/setup.log"
    echo "FAIL configure $BUILD (log: $LOGS/setup.log)"
    FAILED=$((FAILED + 1))
    finish
  fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/jwtcore-fuzz.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Judges one finished run from its exit status and log; prints the harness's line.
judge() {  # judge NAME RC LOG ELAPSED
  local name=$1 rc=$2 log=$3 elapsed=$4 runs cov
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -oE 'DONE +cov: [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  if [ "$rc" -eq 0 ] && [ -n "$runs" ] &&
     ! grep -qE 'runtime error:|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|fuzz oracle violated' "$log"; then
    printf 'PASS %-32s %6ss %10s execs  cov %s\n' "$name" "$elapsed" "$runs" "${cov:-?}"
    PASSED=$((PASSED + 1))
    return
  fi
  printf 'FAIL %-32s exit %s after %ss (log: %s)\n' "$name" "$rc" "$elapsed" "$log"
  grep -E 'runtime error:|ERROR: |SUMMARY: |fuzz oracle violated|Test unit written|^#[0-9]+ +(DONE|INITED)' "$log" | head -12 | sed 's/^/    /'
  FAILED=$((FAILED + 1))
}

run_harness() {  # run_harness NAME
  local name=$1 exe corpus log rc
  exe=$BUILD/fuzz/$name
  log=$LOGS/$name.log
  if ! ninja -C "$BUILD" "fuzz/$name" >"$LOGS/$name-build.log" 2>&1; then
    printf 'FAIL %-32s build failed (log: %s)\n' "$name" "$LOGS/$name-build.log"
    grep -E 'error' "$LOGS/$name-build.log" | head -5 | sed 's/^/    /'
    FAILED=$((FAILED + 1))
    return
  fi
  corpus=$WORK/$name
  mkdir -p "$corpus" "$LOGS/$name-artifacts"
  cp -r "$ROOT/fuzz/corpus/$name/." "$corpus/" 2>/dev/null
  [ -d "$ROOT/tests/regress/$name" ] && cp -r "$ROOT/tests/regress/$name/." "$corpus/"
  local preload="" start
  start=$(date +%s.%N)
  readelf -d "$exe" 2>/dev/null | grep -q "libclang_rt.asan" && preload=$ASAN_RT
  # Clang puts libstdc++ ahead of the shared ASan runtime when it links libFuzzer; preload it.
  LD_PRELOAD=$preload \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$exe" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -dict="$DICT" -artifact_prefix="$LOGS/$name-artifacts/" "$corpus" >"$log" 2>&1
  rc=$?
  judge "$name" "$rc" "$log" "$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')"
}

HARNESSES=()
for src in "$ROOT"/fuzz/*_fuzzer.cpp; do
  [ -e "$src" ] && HARNESSES+=("$(basename "$src" .cpp)")
done
[ "${#HARNESSES[@]}" -gt 0 ] || { echo "fuzz: no harness in fuzz/"; FAILED=$((FAILED + 1)); finish; }

echo "==> libFuzzer: ${#HARNESSES[@]} harnesses, ${SECS}s each, logs in $LOGS"
for name in "${HARNESSES[@]}"; do
  run_harness "$name"
done
finish
