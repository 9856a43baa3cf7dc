#!/bin/bash
# What distant levels of detail and kept shadow cascades buy a headset's frame (issue 8): the default
# scene in stereo at a headset's size, the view moving as a standing visitor's head does
# (`--look-around`), rendered three ways in one script, alternating ROUNDS times:
#   full    every triangle, every shadow cascade drawn every frame (--no-lod --no-shadow-cache)
#   lod     distant instances at coarser levels of detail (--no-shadow-cache)
#   both    levels of detail and cascades kept while they cover the view (the default)
# Prints each run's median wall and GPU time per frame, triangles drawn, cascades drawn a frame, and the
# ratios to `full` of the same round.
#   bench/vr_frame_bench.sh [BUILD_DIR] [SCENE] [FRAMES] [EYE_SIZE] [ROUNDS] [EXTRA bench options...]
set -euo pipefail
build=${1:-build}
scene=${2:-scenes/central-axis.json}
frames=${3:-10}
size=${4:-2064x2208}
rounds=${5:-1}
extra=("${@:6}")
axis="$build/axistwin"
fields() {
  python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f %.2f %d %.2f %s" % (j["frame_ms_median"], j["gpu_ms_median"], j["triangles"], j["shadow_cascades_drawn_per_frame"], j["device"].replace(" ", "_")))'
}
declare -A opts=([full]="--no-lod --no-shadow-cache" [lod]="--no-shadow-cache" [both]="")
device=""
for ((r = 0; r < rounds; ++r)); do
  declare -A wall=() gpu=()
  for cfg in full lod both; do
    # shellcheck disable=SC2086
    read -r w g tris drawn device < <("$axis" bench "$scene" --stereo --look-around --size "$size" --frames "$frames" \
      --json ${opts[$cfg]} "${extra[@]}" | fields)
    wall[$cfg]=$w gpu[$cfg]=$g
    printf "round %d  %-5s wall median %9.2f ms  GPU median %9.2f ms  triangles %9d  cascades drawn a frame %.2f\n" \
      $((r + 1)) "$cfg" "$w" "$g" "$tris" "$drawn"
  done
  awk -v fw="${wall[full]}" -v lw="${wall[lod]}" -v bw="${wall[both]}" -v fg="${gpu[full]}" -v lg="${gpu[lod]}" -v bg="${gpu[both]}" \
    'BEGIN{printf "round %d  lod / full: wall %.3f, GPU %.3f;  both / full: wall %.3f, GPU %.3f\n", '$((r + 1))', lw/fw, (fg > 0 ? lg/fg : 0), bw/fw, (fg > 0 ? bg/fg : 0)}'
done
echo "$scene, 2 x $size, $frames frames a run, on ${device//_/ }; 90 Hz budget 11.1 ms"
