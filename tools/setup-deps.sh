#!/usr/bin/env bash
# Installs everything libjwtcore needs on Debian bookworm (as root, or with sudo available).
# Idempotent: apt is only asked when a package is missing.
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config python3 python3-venv python3-pytest
  libmbedtls-dev libsodium-dev libsimdjson-dev catch2 zlib1g-dev
  clang libclang-rt-14-dev llvm abigail-tools openssl valgrind
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "==> dependencies present"
