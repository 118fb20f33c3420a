#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One entry point for a fresh Debian 12 machine. Idempotent: re-running only does what is missing.
#   bootstrap.sh demo   install dependencies, build (release), make the demo dataset, crop it, and open
#                       it in the desktop window when there is a display
#   bootstrap.sh test   install dependencies, build (dev), run the whole test suite with CTest
#   bootstrap.sh deps   only install the Debian packages
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

# Build and runtime dependencies (Debian 12 package names). The benchmark peers (libvips, Pillow,
# ImageMagick) are optional: the benchmark skips what is missing. python3 and clang-format run the
# source checks of the test suite (tests/architecture); xvfb, xauth, dbus, at-spi2-core and
# python3-dogtail let it open the real window and read it as a screen reader does (tests/accessibility).
# Qt Charts (the batch panel's throughput chart) needs libqt6opengl6-dev for its CMake package, which
# Debian 12's qt6-charts-dev does not pull in.
packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6charts6 libqt6opengl6-dev
  libopencv-dev libturbojpeg0-dev libjpeg62-turbo-dev libpng-dev libdeflate-dev
  libvips-dev python3-pil python3-numpy python3-opencv
  python3 clang-format
  xvfb xauth dbus at-spi2-core python3-dogtail
)

install_deps() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "bootstrap: all Debian packages present"
    return
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "bootstrap: run as root or install sudo" >&2; exit 3; }
    sudo=(sudo)
  fi
  echo "bootstrap: installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
  local preset=$1
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
}

case "${1:-}" in
  deps)
    install_deps
    ;;
  demo)
    install_deps
    build release
    demo=${CROPDECK_DEMO_DIR:-$repo/build/demo}
    ./build/release/app/cropdeck --make-demo "$demo"
    ./build/release/app/cropdeck --batch --annotations "$demo/annotations.csv" --out "$demo/crops" --resume
    # The desktop window on the same set, where there is a display (CROPDECK_DEMO_GUI=0: never).
    if [ "${CROPDECK_DEMO_GUI:-1}" != 0 ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      echo "bootstrap: opening the demo set in the desktop window (close it to finish)"
      ./build/release/app/cropdeck "$demo/annotations.csv"
    else
      echo "bootstrap: no display here; on a desktop, open the demo set in the window with:"
      echo "  $repo/build/release/app/cropdeck $demo/annotations.csv"
    fi
    ;;
  test)
    install_deps
    build dev
    ctest --preset dev
    ;;
  *)
    echo "usage: $0 demo|test|deps" >&2
    exit 2
    ;;
esac
