// Reads glTF accessors into plain arrays, for every form the spec allows: all component types, normalized
// integers, interleaved and strided buffer views, sparse substitution, and accessors without a buffer view.
// Every read is bounds-checked against its buffer view and buffer; a violation throws axis::Error with a
// message naming the accessor.
#pragma once

#include <tiny_gltf.h>

#include <cstdint>
#include <string>
#include <vector>

namespace axis::scene::gltf {

// Components per element for a tinygltf type (TINYGLTF_TYPE_VEC3 -> 3); 0 for unknown types.
int component_count(int type);

// Reads accessor `index` as floats, `width` floats per element (the accessor's own component count must
// equal `width`, except that a VEC3 may be read as 4 with w = 1 when `widen_vec3` is set). Normalized
// integers map to [0,1] or [-1,1] as the spec says; other integers convert to their value.
std::vector<float> read_floats(const tinygltf::Model& model, int index, int width, bool widen_vec3 = false);

// Reads a SCALAR integer accessor (indices, joints) as uint32.
std::vector<uint32_t> read_uints(const tinygltf::Model& model, int index);

// "accessor[3] 'name'" for messages.
std::string accessor_label(const tinygltf::Model& model, int index);

}  // namespace axis::scene::gltf
