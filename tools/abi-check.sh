#!/usr/bin/env bash
# Compares the shared library of a build against the committed ABI baseline (issue 9) with abidiff.
# Policy: a removed or changed public function or variable (or type reachable from one) fails;
# added functions are compatible and pass. An intended break bumps abi_version (the soname) in
# meson.build and refreshes the baseline with tools/abi-baseline.sh in the same commit.
#
# Usage: tools/abi-check.sh BUILD_DIR [BASELINE]   (default baseline: abi/libjwtcore.abi)
# Exit status: 0 compatible, 1 incompatible or changed, 2 tool or build error.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${1:?usage: tools/abi-check.sh BUILD_DIR [BASELINE]}
BASELINE=${2:-$ROOT/abi/libjwtcore.abi}

. "$ROOT/tools/abi-lib.sh"

abi_require_tools
[ -f "$BASELINE" ] || { echo "no ABI baseline at $BASELINE (create it with tools/abi-baseline.sh)"; exit 2; }
LIB=$(abi_build_library "$BUILD") || exit 2

ABIDIFF=(abidiff --hd2 "$ROOT/include/jwtcore" --drop-private-types --exported-interfaces-only --fail-no-debug-info)

echo "==> abidiff $BASELINE $LIB"
"${ABIDIFF[@]}" "$BASELINE" "$LIB"
rc=$?
# abidiff's status is a bit field: 1 error, 2 usage error, 4 ABI change, 8 incompatible change.
if [ $((rc & 3)) -ne 0 ]; then
  echo "abi-check: abidiff failed (status $rc)"
  exit 2
fi
if [ $((rc & 8)) -ne 0 ]; then
  echo "abi-check: FAIL: incompatible ABI change (a public function or variable was removed or broken)"
  exit 1
fi
if [ $((rc & 4)) -ne 0 ]; then
  # Additions alone also set the "change" bit; ignore them and see whether anything else is left.
  "${ABIDIFF[@]}" --no-added-syms "$BASELINE" "$LIB" >/dev/null
  rc2=$?
  if [ $((rc2 & 3)) -ne 0 ]; then
    echo "abi-check: abidiff failed (status $rc2)"
    exit 2
  fi
  if [ $((rc2 & 12)) -ne 0 ]; then
    echo "abi-check: FAIL: a public function, variable or type changed (see the report above)"
    exit 1
  fi
  echo "abi-check: OK: only additions (refresh the baseline with tools/abi-baseline.sh when releasing)"
  exit 0
fi
echo "abi-check: OK: no ABI change"
exit 0
