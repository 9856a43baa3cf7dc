#!/bin/bash
# Monitoring benchmarks (issue 6), against a baseline in the same script:
#  1. MQTT ingest: a real mosquitto on loopback; `axistwin monitor` subscribed; N observations published
#     with QoS 1 on one SensorThings topic; observations stored per second of publishing.
#  2. Many sensors: the hutong block with 10,000 sensors (a generated copy of the scene and a replay of one
#     observation each, all crowd_density); the frame time of `render --sensors` with the pins only
#     (--no-heat-map) and with pins and the crowd heat map, against the same render without sensors.
#   bench/monitor_bench.sh [BUILD_DIR] [N_OBSERVATIONS]
set -euo pipefail
build=${1:-build}
n=${2:-20000}
axis="$build/axistwin"
out=$(mktemp -d)
trap 'kill $broker 2>/dev/null || true' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n' "$port" >"$out/m.conf"
mosquitto -c "$out/m.conf" >"$out/m.log" 2>&1 & broker=$!
sleep 1
id=$(python3 -c "import json; print(json.load(open('scenes/central-axis.json'))['sensors'][0]['id'])")
"$axis" monitor scenes/central-axis.json --sensors "mqtt://127.0.0.1:$port" --seconds 60 --json --no-db >"$out/mon.json" 2>"$out/mon.log" &
mon=$!
sleep 4
python3 - "$n" >"$out/obs.txt" <<'PY'
import sys
n = int(sys.argv[1])
for i in range(n):
    s = i % 86400
    print('{"phenomenonTime":"2026-05-02T%02d:%02d:%02d.%03dZ","result":%.3f}' % (s // 3600, s // 60 % 60, s % 60, i // 86400, 0.5 + (i % 100) / 100))
PY
start=$(date +%s.%N)
mosquitto_pub -h 127.0.0.1 -p "$port" -q 1 -t "v1.1/Datastreams($id)/Observations" -l <"$out/obs.txt"
end=$(date +%s.%N)
kill -INT $mon; wait $mon || true
python3 - "$out/mon.json" "$start" "$end" "$n" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
secs = float(sys.argv[3]) - float(sys.argv[2])
stored = j["ingest"]["stored"]
print(f"mqtt ingest: published {sys.argv[4]} in {secs:.2f} s; stored {stored} ({stored / secs:.0f} observations/s of publishing)")
PY

# Publish-to-visible latency: observations stamped with the moment they are published, 50 per second;
# the monitor reports how old each was when it stored it (what the viewer draws that frame).
"$axis" monitor scenes/central-axis.json --sensors "mqtt://127.0.0.1:$port" --seconds 14 --json --no-db \
  --client-id latency-bench >"$out/lat.json" 2>"$out/lat.log" &
mon=$!
sleep 4
python3 - "$port" "$id" <<'PY'
import subprocess, sys, time, datetime
port, sid = sys.argv[1], sys.argv[2]
pub = subprocess.Popen(["mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-q", "1", "-t",
                        f"v1.1/Datastreams({sid})/Observations", "-l"], stdin=subprocess.PIPE, text=True)
for i in range(300):
    now = datetime.datetime.now(datetime.timezone.utc)
    pub.stdin.write('{"phenomenonTime":"%s","result":%.2f}\n' % (now.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z", 0.5 + i % 10 / 10))
    pub.stdin.flush()
    time.sleep(0.02)
pub.stdin.close(); pub.wait()
PY
wait $mon || true
python3 - "$out/lat.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])).get("age_when_stored_ms", {})
print(f"publish-to-visible: {a.get('count', 0)} observations, median {a.get('median', 0):.1f} ms, p95 {a.get('p95', 0):.1f} ms")
PY

# 10,000 sensors on the hutong block.
python3 - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
scene = json.load(open("scenes/hutong-block.json"))
for m in scene["models"]:
    src = m.get("source") or m.get("file")
    if src and not os.path.isabs(src) and not src.startswith("generated:"):
        key = "source" if "source" in m else "file"
        m[key] = os.path.relpath(os.path.join("scenes", src), out)
scene.pop("tours", None); scene.pop("exhibition", None)
sensors, rows = [], ["sensor,time,value,quality"]
for i in range(10000):
    e, n = -150 + (i % 100) * 3.0, -150 + (i // 100) * 3.0
    sid = f"s{i:05d}"
    sensors.append({"id": sid, "kind": "crowd_density", "position": [e, n, 1.5],
                    "thresholds": {"attention": {"min": 1.0}, "warning": {"min": 2.0}, "alarm": {"min": 3.0}}})
    rows.append(f"{sid},2026-05-01T10:00:00+08:00,{(i % 40) / 10:.1f},good")
scene["sensors"] = sensors
json.dump(scene, open(os.path.join(out, "many.json"), "w"))
open(os.path.join(out, "many.observations.csv"), "w").write("\n".join(rows) + "\n")
PY
frame() { grep -o 'frame: [0-9.]*' | awk '{print $2}'; }
# Three renders each, alternating, and the medians: one frame on a CPU rasteriser is noisy.
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for i in 1 2 3; do
  AXISTWIN_LOG=debug "$axis" render "$out/many.json" --bookmark 1 -o "$out/base.png" --size 960x540 2>&1 | frame >>"$out/base.txt"
  AXISTWIN_LOG=debug "$axis" render "$out/many.json" --bookmark 1 --sensors --no-heat-map -o "$out/pins.png" --size 960x540 2>&1 | frame >>"$out/pins.txt"
  AXISTWIN_LOG=debug "$axis" render "$out/many.json" --bookmark 1 --sensors -o "$out/many.png" --size 960x540 2>"$out/many.log"
  frame <"$out/many.log" >>"$out/many.txt"
  grep -o 'crowd heat map: .*' "$out/many.log" >>"$out/heat.txt" || true
done
base=$(median <"$out/base.txt")
pins=$(median <"$out/pins.txt")
many=$(median <"$out/many.txt")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a/b}'; }
echo "10,000 sensors: frame $pins ms with the pins vs $base ms without (ratio $(ratio "$pins" "$base"))"
echo "10,000 crowd sensors: frame $many ms with the pins and the heat map vs $base ms without (ratio $(ratio "$many" "$base"))"
echo "heat map build (3 runs): $(tr '\n' ';' <"$out/heat.txt")"
echo "images in $out"
