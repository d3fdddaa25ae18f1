#!/usr/bin/env bash
# Runs the Python binding's pytest suite against a built libjwtcore.
#   tools/test-python.sh BUILD_DIR JUNIT_XML
# Makes (or reuses) a virtual environment in BUILD_DIR/pyvenv, installs the pinned test
# dependencies from PyPI (pytest, and PyJWT + jwcrypto as interop peers) and the binding itself,
# points JWTCORE_LIBRARY at BUILD_DIR's library and runs pytest. Exits with pytest's status,
# except that "no tests collected" (5) counts as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

BUILD_DIR=${1:?usage: tools/test-python.sh BUILD_DIR JUNIT_XML}
JUNIT_XML=${2:?usage: tools/test-python.sh BUILD_DIR JUNIT_XML}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
case "$JUNIT_XML" in /*) ;; *) JUNIT_XML="$ROOT/$JUNIT_XML" ;; esac

# Pinned test dependencies (interop peers are compared against these exact versions).
PINS=("pytest==9.2.0" "PyJWT[crypto]==2.15.1" "jwcrypto==1.6.1")

LIB=$(ls "$BUILD_DIR"/src/libjwtcore.so.0.* 2>/dev/null | head -n1 || true)
if [ -z "$LIB" ]; then
  echo "test-python: no libjwtcore.so.0.* in $BUILD_DIR/src (build the library first)" >&2
  exit 1
fi

PY=${PYTHON:-python3}
VENV="$BUILD_DIR/pyvenv"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --disable-pip-version-check -q "${PINS[@]}"
# Build from a copy so that setuptools leaves no build/ or *.egg-info in the source tree.
rm -rf "$BUILD_DIR/python-src"
mkdir -p "$BUILD_DIR/python-src"
cp -r bindings/python/pyproject.toml bindings/python/README.md bindings/python/jwtcore "$BUILD_DIR/python-src/"
"$VENV/bin/python" -m pip install --disable-pip-version-check -q --force-reinstall --no-deps "$BUILD_DIR/python-src"

export JWTCORE_LIBRARY="$LIB"
: "${JWTCORE_VECTORS:=$ROOT/../shared/vectors}"
export JWTCORE_VECTORS
export JWTCORE_SOURCE_ROOT="$ROOT"

# Run from outside the source tree so that the installed package, not bindings/python/jwtcore,
# is what the tests import.
rc=0
# The CLI's PyJWT interop cases run here too: this venv has PyJWT (tests/cli/test_cli_interop.py
# finds the CLI next to JWTCORE_LIBRARY, BUILD/tools/jwtcore/jwtcore).
interop=()
[ -x "$BUILD_DIR/tools/jwtcore/jwtcore" ] && interop=("$ROOT/tests/cli/test_cli_interop.py")
(cd "$BUILD_DIR" && "$VENV/bin/python" -m pytest "$ROOT/bindings/python/tests" "${interop[@]}" --junitxml="$JUNIT_XML" -q \
  -p no:cacheprovider) || rc=$?
if [ "$rc" -eq 5 ]; then
  echo "test-python: pytest collected no tests" >&2
  exit 1
fi
exit "$rc"
