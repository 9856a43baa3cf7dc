#!/bin/bash
# Packs a build for measuring on a GPU machine that has none of AxisTwin's Debian packages (the `device`
# tool's lent machines): the stripped binary with the shared libraries it links (not the C library, not
# the GPU driver), the generated assets the scenes use, a wrapper and a run script. The bundle goes with
# the working tree (`run` with `carry: [OUT]`), and on the GPU machine
#   OUT/run.sh [FRAMES]
# prints the headset frame's figures (bench/vr_frame_bench.sh, bench/stereo_bench.sh, and the share of
# MSAA, resolution and shadows in the frame as shipped) into $OUT/log.
#   bench/gpu_bundle.sh [BUILD_DIR] [OUT]          (default: build .gpu)
set -euo pipefail
build=${1:-build}
out=${2:-.gpu}
rm -rf "$out"
mkdir -p "$out/lib"
strip -o "$out/axistwin.bin" "$build/axistwin"
# Every library the binary needs but the C runtime and the Vulkan driver's own.
ldd "$build/axistwin" | awk '/=> \// { print $3 }' | while read -r lib; do
  case "$(basename "$lib")" in
    libc.so.* | libm.so.* | libdl.so.* | libpthread.so.* | librt.so.* | ld-linux* | libstdc++.so.*) ;;
    *) cp -L "$lib" "$out/lib/" ;;
  esac
done
# The GPU driver's own libraries need glvnd's, which a bare machine may lack.
for lib in libGLdispatch.so.0 libGLX.so.0 libGL.so.1 libEGL.so.1 libOpenGL.so.0 libGLESv2.so.2; do
  # (awk reads all of ldconfig's output: leaving early would kill ldconfig with SIGPIPE under pipefail)
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found { print $NF; found = 1 }')
  if [ -n "$path" ]; then cp -L "$path" "$out/lib/"; fi
done
# libstdc++ (and libgcc_s) of this build's compiler: the GPU machine's may be older.
cp -L "$(g++ -print-file-name=libstdc++.so.6)" "$(g++ -print-file-name=libgcc_s.so.1)" "$out/lib/"
tar -C "$build" -cJf "$out/generated.tar.xz" generated
cat > "$out/axistwin" <<'EOF'
#!/bin/bash
here=$(cd "$(dirname "$0")" && pwd)
LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$here/axistwin.bin" "$@"
EOF
cat > "$out/run.sh" <<'EOF'
#!/bin/bash
# On the GPU machine, from the repository root: the headset frame's figures into $OUT/log. About four
# minutes with the default 120 frames a run (a `run` call may take 600 s; its timeouts add up to 580).
here=$(cd "$(dirname "$0")" && pwd)
{
for f in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json \
         /etc/vulkan/icd.d/nvidia_icd.json; do
  [ -f "$f" ] && { export VK_DRIVER_FILES=$f VK_ICD_FILENAMES=$f; break; }
done
[ -d /usr/local/nvidia/lib64 ] && export LD_LIBRARY_PATH=/usr/local/nvidia/lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
mkdir -p /tmp/axistwin-gen && tar -C /tmp/axistwin-gen -xJf "$here/generated.tar.xz"
export AXISTWIN_GENERATED_DIR=/tmp/axistwin-gen/generated
frames=${1:-120}
timeout 60 "$here/axistwin" bench scenes/opera-stage.json --size 64x64 --frames 1 --json | grep -E '"device"' ||
  { echo "no GPU device"; exit 1; }
echo "== the headset's start on the central axis (default scene): full / lod / kept / all =="
timeout 180 bench/vr_frame_bench.sh "$here" scenes/central-axis.json "$frames" 2064x2208 1 --headset-view
echo "== multiview against two passes, the same view =="
timeout 100 bench/stereo_bench.sh "$here" scenes/central-axis.json "$frames" 2064x2208 1 --headset-view
echo "== the opera stage, headset view =="
timeout 90 bench/vr_frame_bench.sh "$here" scenes/opera-stage.json "$frames" 2064x2208 1 --headset-view
echo "== the central axis's headset view, all on: where the rest of the time goes =="
one() {  # LABEL bench-options...
  local label=$1
  shift
  timeout 30 "$here/axistwin" bench scenes/central-axis.json --stereo --headset-view --look-around --frames "$frames" \
    --json "$@" | python3 -c 'import json, sys; j = json.load(sys.stdin); print("%-26s wall %8.2f ms  GPU %8.2f ms (p95 %8.2f)  CPU recording %6.2f ms  triangles drawn %9d" % (sys.argv[1], j["frame_ms_median"], j["gpu_ms_median"], j["gpu_ms_p95"], j["record_ms_median"], j["triangles_drawn_per_frame"]))' "$label"
}
one "as shipped" --size 2064x2208
one "1x MSAA" --size 2064x2208 --samples 1
one "0.7 of the size (floor)" --size 1444x1544  # dynamic resolution's least (--min-render-scale)
one "no shadows" --size 2064x2208 --no-shadows
one "--lod-pixels 2" --size 2064x2208 --lod-pixels 2  # coarser levels of detail: what fewer triangles buy
} 2>&1 | tee "${OUT:-/tmp}/log"
EOF
chmod +x "$out/axistwin" "$out/run.sh"
du -sh "$out"
