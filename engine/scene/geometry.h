// Geometry an importer derives when a file leaves it out: flat normals (as glTF requires when NORMAL is
// absent), tangents for normal mapping, primitive restarts turned into lists, and bounds.
#pragma once

#include "scene/scene.h"

namespace axis::scene {

// Gives every triangle its own three vertices (so that flat normals can differ per face).
void unweld(Primitive& prim);
// Face normals; the primitive must be unwelded (each index used once).
void generate_flat_normals(Primitive& prim);
// Per-vertex tangents from positions, normals and the UV set of the normal map, in the spirit of
// MikkTSpace: per-triangle tangents weighted by corner angle, orthonormalised against the normal,
// handedness in w such that the bitangent cross(n, t) * w points up the texture image (-v), as glTF's
// normal-map convention needs. Vertices without usable UVs get any tangent perpendicular to the normal.
void generate_tangents(Primitive& prim, int uv_set);
void compute_bounds(Primitive& prim);

}  // namespace axis::scene
