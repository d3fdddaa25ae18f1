#!/usr/bin/env bash
# Installs a build into a temporary prefix (meson install --destdir) and proves that a program
# builds and runs against the installed library through pkg-config alone, that the soname is
# set and that only jwtcore_ symbols are exported.
set -euo pipefail
build=${1:-build}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
prefix=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
libdir=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="libdir"][0])')
case "$libdir" in /*) ;; *) libdir="$prefix/$libdir" ;; esac
meson install -C "$build" --destdir "$stage" --quiet
root="$stage$prefix"
lib=$(ls "$stage$libdir"/libjwtcore.so.*.*.* | head -1)

echo "soname: $(objdump -p "$lib" | awk '/SONAME/ {print $2}')"
objdump -p "$lib" | grep -q "SONAME *libjwtcore.so.0" || { echo "soname missing"; exit 1; }
others=$(nm -D --defined-only "$lib" | awk '$2 != "A" {print $3}' | grep -v '^jwtcore_' || true)
[ -z "$others" ] || { echo "non-API symbols exported: $others"; exit 1; }
echo "exports: $(nm -D --defined-only "$lib" | awk '$2 != "A"' | wc -l) jwtcore_* symbols only"

# The .pc file names the real prefix; point pkg-config at the staged tree.
export PKG_CONFIG_PATH="$stage$libdir/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$stage"
flags=$(pkg-config --cflags --libs libjwtcore)
echo "pkg-config --cflags --libs libjwtcore: $flags"
cc -std=c99 -Wall -Wextra -Werror -pedantic examples/demo.c $flags -o "$stage/demo"
LD_LIBRARY_PATH="$stage$libdir" "$stage/demo"
if [ -f examples/example.c ]; then
  cc -std=c99 -Wall -Wextra -Werror examples/example.c $flags -o "$stage/example-c"
  LD_LIBRARY_PATH="$stage$libdir" "$stage/example-c"
fi
if [ -f examples/example.cpp ]; then
  c++ -std=c++17 -Wall -Wextra -Werror examples/example.cpp $flags -o "$stage/example-cpp"
  LD_LIBRARY_PATH="$stage$libdir" "$stage/example-cpp"
fi
echo "install check passed"
