// Vertex shaders only: glTF skinning and morph targets, from the frame's joint matrices and weights and
// the scene's per-vertex skinning attributes and morph deltas.
layout(std430, set = AXIS_SET_FRAME, binding = AXIS_BINDING_JOINTS) readonly buffer JointBlock { mat4 joints[]; };
layout(std430, set = AXIS_SET_FRAME, binding = AXIS_BINDING_MORPH_WEIGHTS) readonly buffer WeightBlock {
  float morph_weights[];
};
layout(std430, set = AXIS_SET_FRAME, binding = AXIS_BINDING_SKIN_VERTICES) readonly buffer SkinBlock {
  SkinVertexGpu skin_vertices[];
};
layout(std430, set = AXIS_SET_FRAME, binding = AXIS_BINDING_MORPH_DELTAS) readonly buffer MorphBlock {
  MorphDeltaGpu morph_deltas[];
};

// glTF animation of a vertex in the mesh's space: morph targets first, then linear blend skinning with
// the joint matrices (which already carry the inverse of the mesh node's world transform).
void animate_vertex(InstanceGpu inst, inout vec3 p, inout vec3 n, inout vec3 t) {
  uvec4 a = inst.animation;
  if (a.z > 0u) {
    int base = int(a.w) + gl_VertexIndex * int(a.z);
    for (uint k = 0u; k < a.z; ++k) {
      float w = morph_weights[a.y + k];
      if (w == 0.0) continue;
      MorphDeltaGpu d = morph_deltas[base + int(k)];
      p += w * d.position.xyz;
      n += w * d.normal.xyz;
    }
  }
  if (a.x > 0u) {
    SkinVertexGpu s = skin_vertices[gl_VertexIndex];
    uint j = a.x - 1u;
    mat4 m = s.weights.x * joints[j + s.joints.x] + s.weights.y * joints[j + s.joints.y] +
             s.weights.z * joints[j + s.joints.z] + s.weights.w * joints[j + s.joints.w];
    p = (m * vec4(p, 1.0)).xyz;
    n = mat3(m) * n;
    t = mat3(m) * t;
  }
}

