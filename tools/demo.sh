#!/usr/bin/env bash
# The README's first command: install dependencies, build, and run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup-deps.sh
# The demo needs only the library and the CLI: no test suites, benchmarks or fuzz harnesses.
[ -d build ] || meson setup build --buildtype=release -Dtests=false -Dbench=false -Dfuzz=disabled >/dev/null
ninja -C build >/dev/null
echo "==> built $(ls build/src/libjwtcore.so.* | head -1)"
if [ -x build/tools/jwtcore/jwtcore ]; then
  exec bash tools/walkthrough.sh build/tools/jwtcore/jwtcore
fi
exec build/examples/jwtcore-demo
