#!/bin/bash
# What distant levels of detail, kept shadow cascades and occlusion culling buy a headset's frame
# (issue 8): the default scene in stereo at a headset's size, the view moving as a standing visitor's
# head does (`--look-around`), rendered four ways in one script, alternating ROUNDS times:
#   full    every triangle in view, every shadow cascade drawn every frame (--no-lod --no-shadow-cache
#           --no-occlusion)
#   lod     distant instances at coarser levels of detail (--no-shadow-cache --no-occlusion)
#   kept    levels of detail and cascades kept while they cover the view (--no-occlusion)
#   all     and occlusion culling: what the rest of the scene hides is skipped (the default)
# Prints each run's median wall and GPU time per frame, triangles drawn a frame, cascades drawn a frame,
# and the ratios to `full` of the same round.
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
  python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f %.2f %d %.2f %s" % (j["frame_ms_median"], j["gpu_ms_median"], j["triangles_drawn_per_frame"], j["shadow_cascades_drawn_per_frame"], j["device"].replace(" ", "_")))'
}
declare -A opts=([full]="--no-lod --no-shadow-cache --no-occlusion" [lod]="--no-shadow-cache --no-occlusion" [kept]="--no-occlusion"
  [all]="")
device=""
for ((r = 0; r < rounds; ++r)); do
  declare -A wall=() gpu=()
  for cfg in full lod kept all; do
    # shellcheck disable=SC2086
    read -r w g tris drawn device < <("$axis" bench "$scene" --stereo --look-around --size "$size" --frames "$frames" \
      --json ${opts[$cfg]} "${extra[@]}" | fields)
    wall[$cfg]=$w gpu[$cfg]=$g
    printf "round %d  %-5s wall median %9.2f ms  GPU median %9.2f ms  triangles drawn %9d  cascades drawn a frame %.2f\n" \
      $((r + 1)) "$cfg" "$w" "$g" "$tris" "$drawn"
  done
  awk -v fw="${wall[full]}" -v lw="${wall[lod]}" -v kw="${wall[kept]}" -v aw="${wall[all]}" \
    -v fg="${gpu[full]}" -v lg="${gpu[lod]}" -v kg="${gpu[kept]}" -v ag="${gpu[all]}" -v r=$((r + 1)) \
    'function q(a, b) { return b > 0 ? a / b : 0 }
     BEGIN { printf "round %d  to full, wall / GPU:  lod %.3f / %.3f   kept %.3f / %.3f   all %.3f / %.3f\n", r,
             q(lw, fw), q(lg, fg), q(kw, fw), q(kg, fg), q(aw, fw), q(ag, fg) }'
done
echo "$scene, 2 x $size, $frames frames a run, on ${device//_/ }; 90 Hz budget 11.1 ms"
