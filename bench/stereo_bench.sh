#!/bin/bash
# Stereo frame time at a headset's resolution (issue 8): both eyes at 2064x2208 each (a common headset's
# recommended size) on the default scene, in one multiview pass and in one pass per eye, alternating in
# one script (ROUNDS times each); prints each run's median wall time per frame (host culling and
# recording, the GPU's work, the wait) and median GPU time (timestamps around the command buffer), and
# the ratios. The budget of a 90 Hz headset is 11.1 ms a frame.
#   bench/stereo_bench.sh [BUILD_DIR] [SCENE] [FRAMES] [EYE_SIZE] [ROUNDS] [EXTRA bench options...]
set -euo pipefail
build=${1:-build}
scene=${2:-scenes/central-axis.json}
frames=${3:-5}
size=${4:-2064x2208}
rounds=${5:-1}
extra=("${@:6}")
axis="$build/axistwin"
fields() { python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f %.2f %s" % (j["frame_ms_median"], j["gpu_ms_median"], j["device"].replace(" ", "_")))'; }
multi_wall=() multi_gpu=() two_wall=() two_gpu=() device=""
for ((r = 0; r < rounds; ++r)); do
  read -r w g device < <("$axis" bench "$scene" --stereo --look-around --size "$size" --frames "$frames" --json "${extra[@]}" | fields)
  multi_wall+=("$w") multi_gpu+=("$g")
  read -r w g device < <("$axis" bench "$scene" --stereo --two-pass --look-around --size "$size" --frames "$frames" --json "${extra[@]}" | fields)
  two_wall+=("$w") two_gpu+=("$g")
done
echo "$scene, 2 x $size, $frames frames a run, $rounds run(s) of each, alternating, on ${device//_/ }:"
for ((r = 0; r < rounds; ++r)); do
  echo "  run $((r + 1)): multiview   wall median ${multi_wall[r]} ms, GPU median ${multi_gpu[r]} ms"
  echo "         one pass per eye wall median ${two_wall[r]} ms, GPU median ${two_gpu[r]} ms"
  awk -v a="${multi_wall[r]}" -v b="${two_wall[r]}" -v c="${multi_gpu[r]}" -v d="${two_gpu[r]}" \
    'BEGIN{printf "         multiview / two passes: wall %.3f, GPU %.3f; 90 Hz budget 11.1 ms (wall): %s\n", a/b, (d > 0 ? c/d : 0), (a <= 11.1 ? "inside" : "over")}'
done
