#!/bin/bash
# Stereo frame time at a headset's resolution (issue 8): both eyes at 2064x2208 each (a common headset's
# recommended size) on the default scene, in one multiview pass and in one pass per eye, back to back in
# one script; prints each median and the ratio. The budget of a 90 Hz headset is 11.1 ms a frame.
#   bench/stereo_bench.sh [BUILD_DIR] [SCENE] [FRAMES] [EYE_SIZE]
set -euo pipefail
build=${1:-build}
scene=${2:-scenes/central-axis.json}
frames=${3:-5}
size=${4:-2064x2208}
axis="$build/axistwin"
median() { python3 -c 'import json,sys; print("%.1f" % json.load(sys.stdin)["frame_ms_median"])'; }
multi=$("$axis" bench "$scene" --stereo --size "$size" --frames "$frames" --json | median)
two=$("$axis" bench "$scene" --stereo --two-pass --size "$size" --frames "$frames" --json | median)
device=$("$axis" bench "$scene" --size 64x64 --frames 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["device"])')
echo "$scene, 2 x $size, $frames frames, on $device:"
echo "  multiview (one pass)  median $multi ms"
echo "  one pass per eye      median $two ms"
awk -v a="$multi" -v b="$two" 'BEGIN{printf "  multiview / two passes: %.3f; 90 Hz budget 11.1 ms: %s\n", a/b, (a <= 11.1 ? "inside" : "over")}'
