#!/usr/bin/env bash
# Runs the Go binding's checks against a built libjwtcore.
#   tools/test-go.sh BUILD_DIR JSON_OUT
# Points pkg-config at BUILD_DIR's uninstalled libjwtcore.pc (writing a small one if Meson's is
# missing or unusable) and the loader at BUILD_DIR/src, then runs, in bindings/go and in its
# interop module (which pulls go-jose v4 and golang-jwt v5 from the Go module proxy), `go vet`
# and `go test -race -json` with GODEBUG=cgocheck=1. The JSON event streams of both modules are
# concatenated into JSON_OUT (tools/ci_count.py gotest counts them). Exits non-zero if vet or any
# test fails, or if no test ran.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

BUILD_DIR=${1:?usage: tools/test-go.sh BUILD_DIR JSON_OUT}
JSON_OUT=${2:?usage: tools/test-go.sh BUILD_DIR JSON_OUT}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
case "$JSON_OUT" in /*) ;; *) JSON_OUT="$ROOT/$JSON_OUT" ;; esac

if ! ls "$BUILD_DIR"/src/libjwtcore.so.0* >/dev/null 2>&1; then
  echo "test-go: no libjwtcore.so.0 in $BUILD_DIR/src (build the library first)" >&2
  exit 1
fi
GO=$(command -v go || true)
[ -n "$GO" ] || [ ! -x /usr/local/go/bin/go ] || GO=/usr/local/go/bin/go
if [ -z "$GO" ]; then
  echo "test-go: no go toolchain found (need Go >= 1.24)" >&2
  exit 1
fi

# pkg-config: Meson's uninstalled file when it resolves, else one written here.
export PKG_CONFIG_PATH="$BUILD_DIR/meson-uninstalled${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
if ! pkg-config --cflags --libs libjwtcore 2>/dev/null | grep -q -- "-L$BUILD_DIR/src"; then
  mkdir -p "$BUILD_DIR/go-pkgconfig"
  cat >"$BUILD_DIR/go-pkgconfig/libjwtcore.pc" <<EOF
Name: libjwtcore
Description: libjwtcore from the build directory $BUILD_DIR
Version: 0.1.0
Libs: -L$BUILD_DIR/src -ljwtcore
Cflags: -I$BUILD_DIR/include -I$ROOT/include
EOF
  export PKG_CONFIG_PATH="$BUILD_DIR/go-pkgconfig:$PKG_CONFIG_PATH"
  echo "test-go: using $BUILD_DIR/go-pkgconfig/libjwtcore.pc"
fi
export LD_LIBRARY_PATH="$BUILD_DIR/src${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export CGO_ENABLED=1
export GODEBUG=cgocheck=1
# go.sum files are committed; -mod=mod still lets a fresh clone resolve through the proxy.
export GOFLAGS="-mod=mod -buildvcs=false${GOFLAGS:+ $GOFLAGS}"
: "${JWTCORE_VECTORS:=$ROOT/../shared/vectors}"
export JWTCORE_VECTORS
echo "test-go: $("$GO" version); pkg-config libjwtcore: $(pkg-config --libs libjwtcore)"

: >"$JSON_OUT"
status=0
for mod in bindings/go bindings/go/interop; do
  echo "==> $mod: go vet"
  (cd "$ROOT/$mod" && "$GO" vet ./...) || status=1
  echo "==> $mod: go test -race"
  (cd "$ROOT/$mod" && "$GO" test -race -count=1 -timeout 20m -json ./...) >>"$JSON_OUT"
  rc=$?
  [ "$rc" -eq 0 ] || status=1
done

# A readable summary: failures with their output, then the counts.
python3 - "$JSON_OUT" <<'EOF'
import json, sys
out, results = {}, {}
for line in open(sys.argv[1]):
    if not line.startswith("{"):
        continue
    ev = json.loads(line)
    key = (ev.get("Package", ""), ev.get("Test", ""))
    if ev.get("Action") == "output":
        out.setdefault(key, []).append(ev.get("Output", ""))
    elif ev.get("Action") in ("pass", "fail", "skip"):
        results[key] = ev["Action"]
for (pkg, test), action in sorted(results.items()):
    if action == "fail":
        print(f"FAIL {pkg} {test}")
        print("".join(out.get((pkg, test), []))[-3000:])
top = [a for (p, t), a in results.items() if t and "/" not in t]
print(f"go: {top.count('pass')} passed, {top.count('fail')} failed, {top.count('skip')} skipped")
sys.exit(0 if top.count("pass") > 0 else 1)
EOF
[ $? -eq 0 ] || status=1
exit $status
