#!/usr/bin/python3
"""The `sensors` part of docs/scene.schema.json accepts the sensors of every default scene and rejects broken
ones the way the loader does (engine/monitor/sensor_config.cpp), so the schema and the loader agree."""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(sys.argv[1])
validator = jsonschema.Draft202012Validator(json.loads((root / "docs" / "scene.schema.json").read_text()))
base = {"models": [{"id": "a", "file": "x.glb"}]}
failures = 0
for path in sorted((root / "scenes").glob("*.json")):
    for e in validator.iter_errors(json.loads(path.read_text())):
        print(f"{path}: {'.'.join(str(p) for p in e.path)}: {e.message}")
        failures += 1
good = [
    {"id": "s", "kind": "temperature", "position": [0, 0, 0]},
    {"id": "t", "kind": "co2", "unit": "ppm", "attached_to": "a", "offset": [0, 0, 1], "datastream": 17,
     "thresholds": {"normal": {"max": 5}, "alarm": [{"max": 0}, {"min": 5}]}, "stale_after_seconds": 60},
    {"id": "u", "kind": "crowd_density", "position": {"latitude": 39.9, "longitude": 116.4}, "valid_range": {"min": 0}},
]
if not validator.is_valid(dict(base, sensors=good)):
    print("schema rejects valid sensors")
    failures += 1
broken = [
    {"id": "s", "kind": "co2", "position": [0, 0, 0]},                     # a custom kind needs a unit
    {"id": "s", "kind": "temperature"},                                      # no placement
    {"id": "s", "kind": "temperature", "position": [0, 0, 0], "attached_to": "a"},
    {"id": "s", "kind": "temperature", "position": [0, 0, 0], "offset": [0, 0, 1]},
    {"id": "a/b", "kind": "temperature", "position": [0, 0, 0]},
    {"kind": "temperature", "position": [0, 0, 0]},
    {"id": "s", "kind": "temperature", "position": [0, 0, 0], "thresholds": {"alarm": {}}},
    {"id": "s", "kind": "temperature", "position": [0, 0, 0], "thresholds": {"alarm": []}},
    {"id": "s", "kind": "temperature", "position": [0, 0, 0], "thresholds": {"warning": {"min": "2"}}},
    {"id": "s", "kind": "temperature", "position": [0, 0, 0], "thresholds": {"critical": {"min": 2}}},
    {"id": "s", "kind": "temperature", "position": [0, 0, 0], "stale_after_seconds": 0},
    {"id": "s", "kind": "temperature", "position": [0, 0, 0], "datastream": "x#"},
]
for sensor in broken:
    if validator.is_valid(dict(base, sensors=[sensor])):
        print(f"schema accepts a broken sensor: {json.dumps(sensor)}")
        failures += 1
print("sensor schema:", "ok" if not failures else f"{failures} problems")
sys.exit(1 if failures else 0)
