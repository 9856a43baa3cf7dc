#!/bin/bash
# Configures and builds AxisTwin (Release by default) into build/. Used by scripts/run and scripts/test.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${AXISTWIN_BUILD_DIR:-build}
BUILD_TYPE=${CMAKE_BUILD_TYPE:-Release}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
