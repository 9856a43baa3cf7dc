#!/bin/bash
# Installs the Debian 12 packages AxisTwin needs to build, run and test, skipping the ones already present.
# Called by both README commands and by .ci/run; safe to run again.
set -euo pipefail

PACKAGES=(
  # toolchain
  cmake ninja-build g++ pkg-config git
  # Vulkan: loader and headers, shader compiler, lavapipe (CPU driver), validation layers
  libvulkan-dev glslc mesa-vulkan-drivers vulkan-validationlayers
  # libraries
  libglfw3-dev libglm-dev libimgui-dev libtinygltf-dev libassimp-dev libstb-dev nlohmann-json3-dev
  libcli11-dev libfmt-dev libmeshoptimizer-dev libspng-dev libturbojpeg0-dev
  # monitoring: MQTT client library and SQLite; the mosquitto broker and clients for the tests
  libmosquitto-dev libsqlite3-dev mosquitto mosquitto-clients
  # VR: Debian's OpenXR loader and headers (a runtime, e.g. SteamVR or Monado, comes from elsewhere)
  libopenxr-dev libopenxr-loader1
  # tests: GoogleTest, a virtual X server for windowed tests, image tools
  libgtest-dev xvfb xauth xdotool imagemagick python3 python3-jsonschema
  # the UI font: Chinese names in metadata and the UI
  fonts-wqy-microhei
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=(); [[ $(id -u) == 0 ]] || SUDO=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
