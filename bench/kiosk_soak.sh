#!/bin/bash
# Kiosk soak: runs `axistwin view SCENE --mode exhibit` under a virtual X server with a short idle time,
# so that it spends the run in the attract loop (home view, then every tour in turn), and samples the
# process's resident memory (VmRSS) and the window title's frame rate every minute.
#   bench/kiosk_soak.sh [SCENE] [MINUTES] [BUILD_DIR]
# Prints one line per sample and a summary: RSS after the first minute vs at the end (ratio).
set -euo pipefail
scene=${1:-scenes/opera-stage.json}
minutes=${2:-30}
build=${3:-build}
out=$(mktemp -d)
display=:$((170 + RANDOM % 40))
Xvfb "$display" -screen 0 1280x720x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $viewer $xvfb 2>/dev/null || true' EXIT
sleep 2
DISPLAY=$display "$build/axistwin" view "$scene" --mode exhibit --idle 5 >"$out/view.log" 2>&1 & viewer=$!
rss() { awk '/VmRSS/ {print $2}' /proc/$viewer/status; }
echo "minute rss_kib window_title"
first=""
for m in $(seq 1 "$minutes"); do
  sleep 60
  kill -0 $viewer 2>/dev/null || { echo "the kiosk exited: $(tail -n2 "$out/view.log")"; exit 1; }
  r=$(rss)
  title=$(DISPLAY=$display xdotool search --name AxisTwin getwindowname 2>/dev/null | head -n1 || true)
  echo "$m $r $title"
  [[ -n $first ]] || first=$r
done
echo "rss after 1 min: $first KiB; after $minutes min: $r KiB; ratio $(awk -v a="$r" -v b="$first" 'BEGIN{printf "%.3f", a/b}')"
grep -c "kiosk: " "$out/view.log" | xargs echo "kiosk state changes:"
