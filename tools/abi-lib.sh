# Shared by tools/abi-baseline.sh and tools/abi-check.sh (sourced, not run).

abi_require_tools() {
  for tool in abidw abidiff; do
    command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install abigail-tools" >&2; exit 2; }
  done
}

# abi_build_library BUILD_DIR: builds only the shared library and prints its path.
abi_build_library() {
  local build=$1
  [ -f "$build/build.ninja" ] || meson setup "$build" "$ROOT" >&2 || exit 2
  meson compile -C "$build" src/jwtcore:shared_library >&2 || exit 2
  meson introspect --targets "$build" | python3 -c '
import json, sys
for t in json.load(sys.stdin):
    if t["name"] == "jwtcore" and t["type"] == "shared library":
        print(t["filename"][0])
        break
else:
    sys.exit("the shared library target jwtcore is not in this build")
' || exit 2
}
