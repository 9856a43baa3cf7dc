#!/bin/bash
# Benchmarks the renderer with `axistwin bench` and prints each figure next to a baseline measured in the
# same run (the same model without shadows and MSAA), so numbers from different machines compare as ratios.
#   bench/run.sh [BUILD_DIR] [SIZE] [FRAMES]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}; SIZE=${2:-1280x720}; FRAMES=${3:-60}
S=../shared/gltf-samples
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
AXIS=$BUILD/axistwin
run() { "$AXIS" bench "$@" --size "$SIZE" --frames "$FRAMES" --json; }
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
out=$(mktemp -d)
models=("$S/DamagedHelmet/glTF/DamagedHelmet.gltf" "$S/2CylinderEngine/glTF/2CylinderEngine.gltf")
[[ -f scenes/central-axis.json ]] && models+=(scenes/central-axis.json)
printf "%-28s %-22s %9s %9s %9s %9s %7s %10s %9s %9s\n" model config load_ms first_ms median_ms p95_ms draws triangles rss_mb dev_mb
for m in "${models[@]}"; do
  name=$(basename "$m"); name=${name%.*}
  run "$m" --samples 1 --no-shadows >"$out/base.json"
  run "$m" >"$out/default.json"
  run "$m" --samples 4 >"$out/msaa4.json"
  for cfg in base default msaa4; do
    f=$out/$cfg.json
    printf "%-28s %-22s %9.1f %9.1f %9.2f %9.2f %7s %10s %9.1f %9.1f\n" "$name" "$cfg" "$(field $f load_ms)" \
      "$(field $f first_frame_ms)" "$(field $f frame_ms_median)" "$(field $f frame_ms_p95)" "$(field $f draw_calls)" \
      "$(field $f triangles)" "$(field $f peak_rss_mb)" "$(field $f device_memory_mb)"
  done
  python3 - "$out" "$name" <<'PY'
import json, sys
d = sys.argv[1]
b, s, m = (json.load(open(f"{d}/{c}.json")) for c in ("base", "default", "msaa4"))
print(f"{sys.argv[2]}: frame time vs baseline (1x, no shadows): default {s['frame_ms_median']/b['frame_ms_median']:.2f}x, "
      f"4x MSAA + shadows {m['frame_ms_median']/b['frame_ms_median']:.2f}x  [device: {b['device']}]")
PY
done
rm -rf "$out"
