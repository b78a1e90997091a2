#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared set-up for scripts/run and scripts/test: installs the Debian packages the build and the
# tests need (when any is missing), then configures and builds with CMake. Sourced, not run.
set -euo pipefail

RUNLENS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNLENS_BUILD="${RUNLENS_BUILD:-$RUNLENS_ROOT/build/dev}"
RUNLENS_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libgl1-mesa-dev libqcustomplot-dev libyaml-cpp-dev libsqlite3-dev
    fonts-dejavu-core xvfb xauth
)

runlens_install_packages() {
    local missing=()
    for p in "${RUNLENS_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

runlens_build() {
    cmake -S "$RUNLENS_ROOT" -B "$RUNLENS_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
    cmake --build "$RUNLENS_BUILD" --parallel "$(nproc)"
}
