#!/usr/bin/env bash
# The README's second command (and .ci/run): install dependencies, build, and run every test:
# the Catch2 suites and ABI checks (gcc, warnings as errors), the same suites under ASan+UBSan,
# an install into a temporary prefix checked through pkg-config, the examples, the Python and Go
# bindings' tests, and a short run of every fuzzer. The last line is the total.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

bash tools/setup-deps.sh || { echo "dependency installation failed"; echo "0 passed, 1 failed"; exit 1; }

: "${JWTCORE_VECTORS:=$ROOT/../shared/vectors}"
export JWTCORE_VECTORS
if [ ! -d "$JWTCORE_VECTORS" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: shared test vectors not found at $JWTCORE_VECTORS (CI=true requires them)"
  else
    echo "WARNING: shared test vectors not found at $JWTCORE_VECTORS: vector suites will SKIP"
  fi
fi

PASSED=0
FAILED=0
SUMMARY=()
OUT="$ROOT/build-ci-logs"
mkdir -p "$OUT"

record() {  # record NAME PASSED FAILED
  PASSED=$((PASSED + $2))
  FAILED=$((FAILED + $3))
  SUMMARY+=("$(printf '%-28s %5d passed %3d failed' "$1" "$2" "$3")")
}

meson_suite() {  # meson_suite NAME BUILD_DIR [meson setup args...]
  local name=$1 dir=$2
  shift 2
  echo "==> [$name] configure and build in $dir"
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" -Dvectors="$JWTCORE_VECTORS" >"$OUT/$name-setup.log" 2>&1 ||
      { tail -30 "$OUT/$name-setup.log"; record "$name (configure)" 0 1; return; }
  fi
  if ! ninja -C "$dir" >"$OUT/$name-build.log" 2>&1; then
    grep -E "error|Error" "$OUT/$name-build.log" | head -30
    record "$name (build)" 0 1
    return
  fi
  echo "==> [$name] meson test"
  meson test -C "$dir" --num-processes 2 --print-errorlogs >"$OUT/$name-test.log" 2>&1
  grep -E "^ *[0-9]+/[0-9]+ " "$OUT/$name-test.log" | sed 's/^/    /'
  read -r p f < <(python3 tools/ci_count.py meson "$dir")
  record "$name" "$p" "$f"
}

# 1. gcc build, warnings as errors (the project default), all meson tests.
meson_suite gcc build-ci

# 2. The same suites under AddressSanitizer + UndefinedBehaviorSanitizer, no recovery.
meson_suite asan-ubsan build-ci-asan -Db_sanitize=address,undefined -Db_lundef=false \
  -Dcpp_args=-fno-sanitize-recover=all -Dc_args=-fno-sanitize-recover=all -Dbench=false

# 2b. ThreadSanitizer on the concurrency suites (one shared verifier, many threads).
echo "==> [tsan] concurrency suites under ThreadSanitizer"
tsan_dir=build-ci-tsan
if [ ! -f "$tsan_dir/build.ninja" ]; then
  meson setup "$tsan_dir" -Db_sanitize=thread -Db_lundef=false -Dbench=false -Dcli=false \
    -Dvectors="$JWTCORE_VECTORS" >"$OUT/tsan-setup.log" 2>&1 || tail -20 "$OUT/tsan-setup.log"
fi
tsan_suites=$(meson introspect "$tsan_dir" --tests 2>/dev/null | python3 -c 'import json,sys; print(" ".join(t["name"] for t in json.load(sys.stdin) if t["name"].endswith("_threads")))')
if [ -z "$tsan_suites" ]; then
  record "tsan (configure)" 0 1
else
  targets=$(for s in $tsan_suites; do printf 'tests/unit/test_%s ' "$s"; done)
  if ninja -C "$tsan_dir" $targets >"$OUT/tsan-build.log" 2>&1; then
    # halt_on_error: any data race fails the suite.
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
      meson test -C "$tsan_dir" --no-rebuild --print-errorlogs $tsan_suites >"$OUT/tsan-test.log" 2>&1
    grep -E "^ *[0-9]+/[0-9]+ " "$OUT/tsan-test.log" | sed 's/^/    /'
    read -r p f < <(python3 tools/ci_count.py meson "$tsan_dir")
    record "tsan" "$p" "$f"
  else
    grep -E "error" "$OUT/tsan-build.log" | head -20
    record "tsan (build)" 0 1
  fi
fi

# 3. Install into a temporary prefix; pkg-config and an example build against the install only.
echo "==> [install] meson install --destdir + pkg-config"
if bash tools/check-install.sh build-ci >"$OUT/install.log" 2>&1; then
  record "install+pkg-config" 1 0
else
  tail -20 "$OUT/install.log"
  record "install+pkg-config" 0 1
fi

# 4. Examples (C, and C++ when present), run against the built library.
for ex in build-ci/examples/jwtcore-demo build-ci/examples/example-c build-ci/examples/example-cpp; do
  [ -x "$ex" ] || continue
  if "$ex" >"$OUT/$(basename "$ex").log" 2>&1; then record "example $(basename "$ex")" 1 0
  else cat "$OUT/$(basename "$ex").log"; record "example $(basename "$ex")" 0 1; fi
done

# 5. Python binding (pytest), when present.
if [ -f bindings/python/pyproject.toml ]; then
  echo "==> [python] pytest"
  bash tools/test-python.sh build-ci "$OUT/pytest.xml" >"$OUT/python.log" 2>&1
  rc=$?
  tail -5 "$OUT/python.log"
  if [ -f "$OUT/pytest.xml" ]; then
    read -r p f < <(python3 tools/ci_count.py junit "$OUT/pytest.xml")
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    [ "$p" -eq 0 ] && { echo "pytest ran no test"; f=$((f + 1)); }
    record "python (pytest)" "$p" "$f"
  else
    record "python (pytest)" 0 1
  fi
fi

# 6. Go binding (go test -race), when present.
if [ -f bindings/go/go.mod ]; then
  echo "==> [go] go test -race"
  bash tools/test-go.sh build-ci "$OUT/gotest.json" >"$OUT/go.log" 2>&1
  rc=$?
  tail -5 "$OUT/go.log"
  read -r p f < <(python3 tools/ci_count.py gotest "$OUT/gotest.json" 2>/dev/null || echo "0 1")
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
  [ "$p" -eq 0 ] && { echo "go test ran no test"; f=$((f + 1)); }
  record "go (go test -race)" "$p" "$f"
fi

# 7. libFuzzer smoke run of every harness, when clang and the harnesses exist.
if [ -f tools/fuzz-smoke.sh ]; then
  echo "==> [fuzz] short libFuzzer run of every harness"
  bash tools/fuzz-smoke.sh >"$OUT/fuzz.log" 2>&1
  tail -25 "$OUT/fuzz.log"
  read -r p f < <(grep -E "^fuzz summary:" "$OUT/fuzz.log" | awk '{print $3, $5}' || echo "0 1")
  [ -n "${p:-}" ] || { p=0; f=1; }
  record "fuzz (libFuzzer)" "$p" "$f"
fi

# 8. ABI check against the committed baseline, when a baseline exists.
if [ -f abi/libjwtcore.abi ]; then
  echo "==> [abi] abidiff against abi/libjwtcore.abi"
  if bash tools/abi-check.sh build-ci >"$OUT/abi.log" 2>&1; then record "abidiff" 1 0
  else cat "$OUT/abi.log"; record "abidiff" 0 1; fi
fi

echo
echo "==> summary (logs in $OUT)"
printf '  %s\n' "${SUMMARY[@]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
