// Layouts shared by GLSL and C++ (included by both), so that uniform, storage and push-constant blocks
// cannot drift apart. std140/std430-safe: vec4 and mat4 members only, scalars packed into vec4s.
#ifndef AXISTWIN_SHADERS_SHARED_H
#define AXISTWIN_SHADERS_SHARED_H

#ifdef __cplusplus
#include <glm/glm.hpp>
namespace axis::gpu_layout {
using vec4 = glm::vec4;
using uvec4 = glm::uvec4;
using ivec4 = glm::ivec4;
using mat4 = glm::mat4;
#define AXIS_STRUCT struct alignas(16)
#else
#define AXIS_STRUCT struct
#endif

#define AXIS_MAX_CASCADES 4

// Descriptor set 0: per frame.
#define AXIS_SET_FRAME 0
#define AXIS_BINDING_FRAME 0
#define AXIS_BINDING_INSTANCES 1
#define AXIS_BINDING_SHADOW_MAP 2
#define AXIS_BINDING_SELECTION_MASK 3
#define AXIS_BINDING_OVERLAY 4
#define AXIS_BINDING_JOINTS 5          // per frame: joint matrices of the skinned drawables
#define AXIS_BINDING_MORPH_WEIGHTS 6   // per frame: morph weights of the morphing drawables
#define AXIS_BINDING_SKIN_VERTICES 7   // per scene: joints and weights of every vertex
#define AXIS_BINDING_MORPH_DELTAS 8    // per scene: per vertex and target, position and normal deltas
#define AXIS_BINDING_DRAPE 9           // the colour layer draped over up-facing surfaces (crowd heat map)
#define AXIS_BINDING_PANEL 10          // the world-space panel's picture (VR captions and cards)
// Descriptor set 1: per material.
#define AXIS_SET_MATERIAL 1
#define AXIS_BINDING_MATERIAL 0
#define AXIS_BINDING_BASE_COLOR 1
#define AXIS_BINDING_METAL_ROUGH 2
#define AXIS_BINDING_NORMAL 3
#define AXIS_BINDING_OCCLUSION 4
#define AXIS_BINDING_EMISSIVE 5

// Material flags (MaterialGpu.flags.x).
#define AXIS_MAT_BASE_COLOR_TEX 1u
#define AXIS_MAT_METAL_ROUGH_TEX 2u
#define AXIS_MAT_NORMAL_TEX 4u
#define AXIS_MAT_OCCLUSION_TEX 8u
#define AXIS_MAT_EMISSIVE_TEX 16u
#define AXIS_MAT_UNLIT 32u
#define AXIS_MAT_DOUBLE_SIDED 64u

// Alpha modes, the specialization constant of the PBR fragment shader (GHOST: x-ray, everything faint).
#define AXIS_ALPHA_OPAQUE 0
#define AXIS_ALPHA_MASK 1
#define AXIS_ALPHA_BLEND 2
#define AXIS_ALPHA_GHOST 3

#define AXIS_MAX_SECTIONS 4

// Instance flags (InstanceGpu.normal_rows[2].w, as uint bits).
#define AXIS_INSTANCE_SELECTED 1u

// Overlay primitives (OverlayGpu.kind.x).
#define AXIS_OVERLAY_LINE 0u
#define AXIS_OVERLAY_PIN 1u

#define AXIS_MAX_VIEWS 2  // stereo: one view per eye, rendered in one pass with multiview

AXIS_STRUCT FrameGpu {
  mat4 view_proj[AXIS_MAX_VIEWS];      // camera-relative world -> clip, per view (gl_ViewIndex)
  mat4 inv_view_proj[AXIS_MAX_VIEWS];  // for the sky: clip -> camera-relative position
  vec4 eye_offset[AXIS_MAX_VIEWS];     // xyz: each eye in camera-relative space (zero for a mono view)
  mat4 cascade_view_proj[AXIS_MAX_CASCADES];  // camera-relative world -> shadow clip
  vec4 cascade_splits;       // view-space far distance of each cascade
  vec4 camera_forward;       // xyz: view direction (world), w: cascade count
  vec4 sun_direction;        // xyz: towards the sun (world, normalised), w: shadows on (1) / off (0)
  vec4 sun_color;            // rgb: illuminance colour * intensity, w: shadow map texel size (1/size)
  vec4 sky_zenith;           // rgb radiance (w unused)
  vec4 sky_horizon;          // rgb
  vec4 sky_ground;           // rgb
  vec4 params;               // x: exposure, y: ambient intensity, z: point size (px), w: shadow fade start (0: none)
  vec4 sh_irradiance[9];     // sky irradiance as 9 spherical-harmonic coefficients (rgb)
  vec4 viewport;             // width, height, 1/width, 1/height
  vec4 sections[AXIS_MAX_SECTIONS];  // camera-relative planes: xyz normal, w offset; kept where dot(n, p) <= w
  vec4 section_info;         // x: number of planes, yzw: cut-face (cap) colour
  vec4 highlight;            // rgb: selection outline colour, w: x-ray opacity
  vec4 effects;              // x: comfort vignette strength (0: none), y: fade to black (0: none),
                             // z: the part of the image drawn against the whole (sizes in pixels scale by it)
  vec4 drape_rect;           // the draped layer: xy camera-relative (x, z) of its corner, zw 1 / its size
  vec4 drape_params;         // x: opacity (0: no layer), y: the least up-component of a normal it covers
  vec4 panel_center;         // the world-space panel: xyz camera-relative centre, w: 1 when shown
  vec4 panel_right;          // xyz: from the centre to the middle of its right edge
  vec4 panel_up;             // xyz: from the centre to the middle of its top edge
};

// One drawn copy of a mesh: the camera-relative model matrix as three rows, and the normal matrix.
AXIS_STRUCT InstanceGpu {
  vec4 model_rows[3];
  vec4 normal_rows[3];       // w: row 0 node index, row 1 tint (packed RGBA8, alpha 0: none),
                             //    row 2 AXIS_INSTANCE_* flags; all as uint bits
  uvec4 animation;           // x: first joint + 1 (0: not skinned), y: first morph weight, z: morph
                             // targets (0: none), w: morph delta base (int bits) so that the delta of
                             // target t for this vertex is morph_deltas[w + gl_VertexIndex * z + t]
};

// Occlusion culling (render/occlusion.h): the compute pass's own descriptor set.
#define AXIS_CULL_BINDING_FRAME 0        // FrameGpu: each view's view_proj and the viewport
#define AXIS_CULL_BINDING_INSTANCES 1    // the frame's instances, as the CPU wrote them
#define AXIS_CULL_BINDING_RECORDS 2      // CullRecordGpu per culled instance
#define AXIS_CULL_BINDING_COMMANDS 3     // indirect draws: [0, draws) early, [draws, 2 draws) late
#define AXIS_CULL_BINDING_CULLED 4       // the instances drawn: each draw's early ones, then its late ones
#define AXIS_CULL_BINDING_DRAWN_EARLY 5  // per record: 1 when the early phase drew it
#define AXIS_CULL_BINDING_VISIBILITY 6   // per drawable: 1 when it was seen last time it was tested
#define AXIS_CULL_BINDING_HZB 7          // the depth pyramid (farthest depth of each texel's pixels)
#define AXIS_CULL_EARLY 0u
#define AXIS_CULL_LATE 1u
#define AXIS_CULL_ALWAYS 0x80000000u  // in a record's draw index: never skipped (its box may not hold it)
#define AXIS_CULL_GROUP 64
#define AXIS_HZB_GROUP 8

// One instance the main pass may skip when it is hidden: its camera-relative bounds, the drawable it
// belongs to (for its visibility from frame to frame) and the draw and instance it is.
AXIS_STRUCT CullRecordGpu {
  vec4 lo;                   // xyz: box minimum; w: drawable index (uint bits)
  vec4 hi;                   // xyz: box maximum; w: draw index (uint bits), | AXIS_CULL_ALWAYS
};

AXIS_STRUCT CullPushGpu {
  uvec4 counts;              // x: records, y: draws, z: phase (AXIS_CULL_*), w: views
  uvec4 hzb;                 // xy: pyramid size (texels of level 0), z: levels
  vec4 margin;               // x: pixels added around each box (points are drawn wider than their bounds)
};

AXIS_STRUCT HzbPushGpu {
  uvec4 size;                // xy: the level written, zw: the level (or depth image) read
  uvec4 info;                // x: samples of the depth image (first level only)
};

// Skinning attributes of one vertex (JOINTS_0, WEIGHTS_0).
AXIS_STRUCT SkinVertexGpu {
  uvec4 joints;
  vec4 weights;
};

// One morph target's deltas for one vertex.
AXIS_STRUCT MorphDeltaGpu {
  vec4 position;
  vec4 normal;
};

// A measurement line or an annotation pin drawn over the scene (camera-relative positions).
AXIS_STRUCT OverlayGpu {
  vec4 a;                    // line start or pin tip; w: line width or pin height in pixels
  vec4 b;                    // line end
  vec4 color;
  uvec4 kind;                // x: AXIS_OVERLAY_*, y: highlighted
};

AXIS_STRUCT MaterialGpu {
  vec4 base_color;
  vec4 emissive;             // rgb (strength applied), w: alpha cutoff
  vec4 params;               // metallic, roughness, normal scale, occlusion strength
  uvec4 flags;               // x: AXIS_MAT_* bits
  ivec4 uv_sets;             // UV set of base colour, metal-rough, normal, occlusion
  ivec4 uv_sets2;            // x: UV set of emissive
  vec4 uv_transform[10];     // per texture (base, mr, normal, occlusion, emissive): two rows of a 2x3 matrix
};

#ifdef __cplusplus
#undef AXIS_STRUCT
}  // namespace axis::gpu_layout
#endif

#endif
