#!/usr/bin/env python3
"""Renders a picture for every point of interest of the scenes' tours and names it in the scene file.

Each picture looks at the waypoint's target from another side than the tour does (turned 35 degrees
around it, closer and a little higher), so the info card shows the building rather than the view the
visitor already has. Pictures are JPEG files in scenes/images/, written by `axistwin render`; the scene
files' `poi.image` is set to them (a path relative to the scene file). Run from the repository root:

    tools/render_poi_images.py BUILD_DIR [SCENE ...]
"""
import json
import math
import os
import subprocess
import sys


def enu_to_world(p):
    e, n, u = p
    return (e, u, -n)


def photo_view(position, target):
    px, py, pz = enu_to_world(position)
    tx, ty, tz = enu_to_world(target)
    dx, dz = px - tx, pz - tz
    flat = math.hypot(dx, dz) or 1.0
    d = min(max(flat * 0.6, 14.0), 110.0)
    a = math.radians(35.0)
    rx, rz = (dx * math.cos(a) - dz * math.sin(a)) / flat, (dx * math.sin(a) + dz * math.cos(a)) / flat
    eye = (tx + rx * d, ty + max(4.0, 0.35 * d), tz + rz * d)
    return f"{eye[0]:.2f},{eye[1]:.2f},{eye[2]:.2f}:{tx:.2f},{ty:.2f},{tz:.2f}"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build = sys.argv[1]
    scenes = sys.argv[2:] or ["scenes/central-axis.json", "scenes/hutong-block.json", "scenes/opera-stage.json"]
    os.makedirs("scenes/images", exist_ok=True)
    for path in scenes:
        doc = json.load(open(path, encoding="utf-8"))
        stem = os.path.splitext(os.path.basename(path))[0]
        for tour in doc.get("tours", []):
            for i, w in enumerate(tour["waypoints"]):
                if "poi" not in w:
                    continue
                name = f"images/{stem}-{tour['name']}-{i + 1}.jpg"
                out = os.path.join(os.path.dirname(path), name)
                view = photo_view(w["position"], w.get("target", w["position"]))
                subprocess.run([os.path.join(build, "axistwin"), "render", path, f"--view={view}", "--size", "480x300",
                                "-o", out], check=True)
                w["poi"]["image"] = name
                print(f"{path}: {tour['name']} waypoint {i + 1}: {out}")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            f.write(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
        os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
