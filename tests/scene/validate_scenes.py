#!/usr/bin/python3
"""Validates every scene in scenes/ against docs/scene.schema.json (JSON Schema 2020-12), and checks that
the schema rejects a few broken scenes, so the schema and the loader describe the same format."""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(sys.argv[1])
schema = json.loads((root / "docs" / "scene.schema.json").read_text())
validator = jsonschema.Draft202012Validator(schema)
failures = 0
scenes = sorted((root / "scenes").glob("*.json"))
if not scenes:
    print("no scenes found")
    sys.exit(1)
for path in scenes:
    errors = sorted(validator.iter_errors(json.loads(path.read_text())), key=lambda e: list(e.path))
    for e in errors:
        print(f"{path}: {'.'.join(str(p) for p in e.path) or '(root)'}: {e.message}")
    failures += len(errors)
    print(f"{path.name}: {'ok' if not errors else f'{len(errors)} errors'}")

broken = [
    {"models": [{"id": "a", "file": "x.glb", "heading": "north"}]},
    {"models": [{"id": "a"}]},
    {"models": [{"id": "a", "file": "x.glb", "generated": "y"}]},
    {"models": [{"id": "a", "file": "x.glb"}], "bookmarks": [{"name": "b", "eye": [0, 0], "target": [0, 0, 0]}]},
    {"models": [{"id": "a", "file": "x.glb", "colour": "red"}]},
    {"models": []},
]
for doc in broken:
    if validator.is_valid(doc):
        print(f"schema accepts a broken scene: {json.dumps(doc)}")
        failures += 1
sys.exit(1 if failures else 0)
