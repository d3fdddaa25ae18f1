#!/usr/bin/env bash
# Refreshes the committed ABI baseline abi/libjwtcore.abi (issue 9) from a build of the shared
# library. Only types reachable from the public headers in include/jwtcore/ count. Run it when an
# ABI change is intended, together with a bump of abi_version (the soname) in meson.build when the
# change is incompatible; tools/abi-check.sh compares every later build against the file it writes.
#
# Usage: tools/abi-baseline.sh [BUILD_DIR] [OUT_FILE]   (defaults: build-ci, abi/libjwtcore.abi)
# The build needs debug info (the project default buildtype, debugoptimized, has it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${1:-build-ci}
OUT=${2:-$ROOT/abi/libjwtcore.abi}

. "$ROOT/tools/abi-lib.sh"

abi_require_tools
LIB=$(abi_build_library "$BUILD")
mkdir -p "$(dirname "$OUT")"
# No locations, paths or architecture-specific noise: the file is committed and diffed in review.
abidw --headers-dir "$ROOT/include/jwtcore" --drop-private-types --exported-interfaces-only \
  --no-corpus-path --no-comp-dir-path --no-show-locs --type-id-style hash \
  --out-file "$OUT" "$LIB"
echo "wrote $OUT from $LIB ($(grep -c '<elf-symbol .*type=.func-type' "$OUT") exported functions)"
