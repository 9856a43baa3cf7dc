// The animation half of glTF import: skins, animations (keyframes as plain data), per-vertex skinning
// attributes (JOINTS_0 / WEIGHTS_0) and morph targets, read from a parsed tinygltf model into the scene
// model (scene.h). Used by gltf_import.cpp only; sampling and applying live in scene/animation.h.
//
// Per-primitive readers run inside the importer's parallel mesh loop and throw axis::Error (the importer
// turns that into an error naming the mesh and primitive). The whole-model passes report into the scene's
// diagnostics: a broken animation channel is a warning (the model still shows, that channel does not
// play); a skin that would make the renderer read out of range is an error.
#pragma once

#include "scene/scene.h"

#include <tiny_gltf.h>

#include <cstdint>
#include <vector>

namespace axis::scene::gltf {

// JOINTS_0 and WEIGHTS_0 (both or neither) into prim.joints / prim.weights, `vertex_count` each; weights
// are normalised to sum to 1. Any component type the spec allows (joints: unsigned byte/short; weights:
// float, normalised unsigned byte/short).
void read_skinning(const tinygltf::Model& model, const tinygltf::Primitive& src, size_t vertex_count, Primitive& prim);

// The primitive's morph targets (POSITION, NORMAL, TANGENT deltas; other target attributes are ignored).
void read_morph_targets(const tinygltf::Model& model, const tinygltf::Primitive& src, size_t vertex_count,
                        Primitive& prim);

// After unweld() rebuilt the vertices as `old_indices` listed them: the same for the attributes that
// unweld() does not know (joints, weights, morph deltas).
void unweld_animation_attributes(Primitive& prim, const std::vector<uint32_t>& old_indices);

// Mesh default weights, node skins and node weights, checked against the meshes' morph-target counts.
// Runs after the meshes and nodes are imported.
void import_morph_weights_and_skin_refs(const tinygltf::Model& model, Scene& scene);

// scene.skins, with joints and inverse bind matrices checked; also checks that every skinned
// primitive's joint indices are inside its skin.
void import_skins(const tinygltf::Model& model, Scene& scene);

// scene.animations: every channel's sampler read and checked against the path it drives.
void import_animations(const tinygltf::Model& model, Scene& scene);

}  // namespace axis::scene::gltf
