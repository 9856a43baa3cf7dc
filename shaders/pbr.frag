#version 460
// Forward metallic-roughness shading per the glTF 2.0 spec: base colour (texture, factor, COLOR_0),
// metallic-roughness, normal map with scale, occlusion with strength, emissive (with
// KHR_materials_emissive_strength folded in), KHR_texture_transform per texture, KHR_materials_unlit.
// Lit by the sun (cascaded shadow maps) and the analytic sky, then tone mapped (Khronos PBR Neutral).
// ALPHA_MODE selects OPAQUE / MASK / BLEND at pipeline creation.
#include "common.glsl"
#include "lighting.glsl"

layout(constant_id = 0) const int ALPHA_MODE = AXIS_ALPHA_OPAQUE;

layout(std140, set = AXIS_SET_MATERIAL, binding = AXIS_BINDING_MATERIAL) uniform MaterialBlock { MaterialGpu mat; };
layout(set = AXIS_SET_MATERIAL, binding = AXIS_BINDING_BASE_COLOR) uniform sampler2D base_color_tex;
layout(set = AXIS_SET_MATERIAL, binding = AXIS_BINDING_METAL_ROUGH) uniform sampler2D metal_rough_tex;
layout(set = AXIS_SET_MATERIAL, binding = AXIS_BINDING_NORMAL) uniform sampler2D normal_tex;
layout(set = AXIS_SET_MATERIAL, binding = AXIS_BINDING_OCCLUSION) uniform sampler2D occlusion_tex;
layout(set = AXIS_SET_MATERIAL, binding = AXIS_BINDING_EMISSIVE) uniform sampler2D emissive_tex;
layout(set = AXIS_SET_FRAME, binding = AXIS_BINDING_SHADOW_MAP) uniform sampler2DArrayShadow shadow_map;
layout(set = AXIS_SET_FRAME, binding = AXIS_BINDING_DRAPE) uniform sampler2D drape_map;

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec4 in_tangent;
layout(location = 3) in vec4 in_uv;
layout(location = 4) in vec4 in_color;
layout(location = 5) flat in vec4 in_tint;

layout(location = 0) out vec4 out_color;

vec2 texcoord(int slot, int uv_set) {
  vec3 uv = vec3(uv_set == 1 ? in_uv.zw : in_uv.xy, 1.0);
  return vec2(dot(mat.uv_transform[slot * 2].xyz, uv), dot(mat.uv_transform[slot * 2 + 1].xyz, uv));
}

float sample_shadow(int cascade, vec3 p) {
  vec4 c = frame.cascade_view_proj[cascade] * vec4(p, 1.0);
  vec3 s = c.xyz / c.w;
  vec2 uv = s.xy * 0.5 + 0.5;
  if (any(lessThan(uv, vec2(0.0))) || any(greaterThan(uv, vec2(1.0))) || s.z > 1.0) return 1.0;
  float texel = frame.sun_color.w;
  // 3x3 taps of 2x2 hardware PCF: a soft 4-texel penumbra.
  float sum = 0.0;
  for (int y = -1; y <= 1; ++y)
    for (int x = -1; x <= 1; ++x)
      sum += texture(shadow_map, vec4(uv + vec2(x, y) * texel * 1.5, float(cascade), s.z));
  return sum / 9.0;
}

float sun_shadow(vec3 p, vec3 n, float n_dot_l) {
  if (frame.sun_direction.w < 0.5) return 1.0;
  float depth = dot(p, frame.camera_forward.xyz);
  int count = int(frame.camera_forward.w);
  int cascade = 0;
  while (cascade < count - 1 && depth > frame.cascade_splits[cascade]) ++cascade;
  if (depth > frame.cascade_splits[count - 1]) return 1.0;
  // Normal offset scaled by the cascade's texel size in world units keeps acne off grazing surfaces.
  float world_texel = 2.0 / length(vec3(frame.cascade_view_proj[cascade][0][0], frame.cascade_view_proj[cascade][1][0],
                                        frame.cascade_view_proj[cascade][2][0])) * frame.sun_color.w;
  vec3 offset = n * world_texel * (1.5 + 1.5 * (1.0 - n_dot_l));
  float s = sample_shadow(cascade, p + offset);
  // Fade to unshadowed towards the end of the shadowed range when geometry continues past it.
  float fade = frame.params.w;
  if (fade > 0.0) s = mix(s, 1.0, smoothstep(fade, frame.cascade_splits[count - 1], depth));
  return s;
}

// The face a section cut opens: the inside of a solid seen through the cut. Drawn flat in the cap
// colour with a diagonal hatch, lit by the plane it lies in, as section drawings show cut material.
vec4 section_cap() {
  int count = int(frame.section_info.x);
  int nearest = 0;
  float best = -1e30;
  for (int s = 0; s < count; ++s) {
    float d = dot(frame.sections[s].xyz, in_position) - frame.sections[s].w;  // <= 0 where kept
    if (d > best) {
      best = d;
      nearest = s;
    }
  }
  vec3 n = frame.sections[nearest].xyz;
  // Hatch in screen space so it reads at any distance.
  float hatch = step(0.5, fract((gl_FragCoord.x + gl_FragCoord.y) / 9.0));
  vec3 cap = frame.section_info.yzw * mix(0.82, 1.0, hatch);
  float light = 0.6 + 0.4 * max(dot(n, frame.sun_direction.xyz), 0.0);
  return vec4(tonemap_pbr_neutral(cap * light * frame.params.x), 1.0);
}

// The layer draped from above over up-facing surfaces (the crowd heat map on ground, courtyards and
// roofs): its colour over the shaded surface, kept a little lit by the sun so that form still reads.
// Walls (normals below the layer's least up-component) keep their colour; the edge fades in over 0.15.
vec3 apply_drape(vec3 color, vec3 geometric_n, float sun) {
  float opacity = frame.drape_params.x, min_up = frame.drape_params.y;
  if (opacity <= 0.0 || geometric_n.y < min_up) return color;
  vec2 uv = (in_position.xz - frame.drape_rect.xy) * frame.drape_rect.zw;
  if (any(lessThan(uv, vec2(0.0))) || any(greaterThan(uv, vec2(1.0)))) return color;
  vec4 layer = texture(drape_map, uv);
  float a = layer.a * opacity * smoothstep(min_up, min_up + 0.15, geometric_n.y);
  return mix(color, layer.rgb * (0.62 + 0.38 * sun), a);
}

void main() {
  uint flags = mat.flags.x;
  if (frame.section_info.x > 0.5 && !gl_FrontFacing && (flags & AXIS_MAT_DOUBLE_SIDED) == 0u) {
    out_color = section_cap();
    return;
  }
  vec4 base = mat.base_color;
  base *= in_color;  // COLOR_0, white when the primitive has none
  if ((flags & AXIS_MAT_BASE_COLOR_TEX) != 0u) base *= texture(base_color_tex, texcoord(0, mat.uv_sets.x));
  if (in_tint.a > 0.0) base.rgb = in_tint.rgb;  // condition map: the element's class colour, still lit
  if (ALPHA_MODE == AXIS_ALPHA_MASK) {
    if (base.a < mat.emissive.w) discard;
    base.a = 1.0;
  } else if (ALPHA_MODE == AXIS_ALPHA_OPAQUE) {
    base.a = 1.0;
  } else if (ALPHA_MODE == AXIS_ALPHA_GHOST) {
    base.a = frame.highlight.w;
  }
  if ((flags & AXIS_MAT_UNLIT) != 0u || ALPHA_MODE == AXIS_ALPHA_GHOST) {
    // X-ray ghosts stay flat and faint so the opaque selection reads through them.
    out_color = vec4(ALPHA_MODE == AXIS_ALPHA_GHOST ? mix(base.rgb, vec3(0.85), 0.5) : base.rgb, base.a);
    return;
  }

  vec3 n = normalize(in_normal);
  if (!gl_FrontFacing) n = -n;  // only back faces of double-sided materials reach here
  if ((flags & AXIS_MAT_NORMAL_TEX) != 0u) {
    vec3 t = in_tangent.xyz - n * dot(n, in_tangent.xyz);
    float tl = length(t);
    if (tl > 1e-6) {
      t /= tl;
      vec3 b = cross(n, t) * (in_tangent.w < 0.0 ? -1.0 : 1.0);
      if (!gl_FrontFacing) b = -b;
      vec3 tn = texture(normal_tex, texcoord(2, mat.uv_sets.z)).xyz * 2.0 - 1.0;
      tn.xy *= mat.params.z;
      n = normalize(mat3(t, b, n) * tn);
    }
  }

  float metallic = mat.params.x, roughness = mat.params.y;
  if ((flags & AXIS_MAT_METAL_ROUGH_TEX) != 0u) {
    vec4 mr = texture(metal_rough_tex, texcoord(1, mat.uv_sets.y));
    roughness *= mr.g;
    metallic *= mr.b;
  }
  metallic = clamp(metallic, 0.0, 1.0);
  roughness = clamp(roughness, 0.03, 1.0);
  float alpha = roughness * roughness;

  vec3 v = normalize(frame.eye_offset[gl_ViewIndex].xyz - in_position);  // towards this view's eye
  float n_dot_v = max(dot(n, v), 1e-4);
  vec3 c_diff = base.rgb * (1.0 - metallic);
  vec3 f0 = mix(vec3(0.04), base.rgb, metallic);

  // Sun.
  vec3 l = frame.sun_direction.xyz;
  float n_dot_l = clamp(dot(n, l), 0.0, 1.0);
  vec3 color = vec3(0.0);
  float sun_lit = 0.0;  // how much sun reaches the point, 0..1
  if (n_dot_l > 0.0) {
    vec3 h = normalize(l + v);
    float n_dot_h = clamp(dot(n, h), 0.0, 1.0);
    vec3 f = f_schlick(f0, clamp(dot(v, h), 0.0, 1.0));
    vec3 diffuse = (1.0 - f) * c_diff / PI;
    vec3 specular = f * d_ggx(n_dot_h, alpha) * v_smith_ggx_correlated(n_dot_l, n_dot_v, alpha);
    float shadow = sun_shadow(in_position, normalize(in_normal) * (gl_FrontFacing ? 1.0 : -1.0), n_dot_l);
    color += (diffuse + specular) * frame.sun_color.rgb * n_dot_l * shadow;
    sun_lit = n_dot_l * shadow;
  }

  // Sky: diffuse from its spherical harmonics, specular from the sky along the reflection, blurred towards
  // the irradiance as roughness grows; split-sum for the BRDF.
  vec3 r = reflect(-v, n);
  vec3 prefiltered = mix(sky_radiance(r), sky_irradiance(r), sqrt(roughness));
  vec2 ab = env_brdf(roughness, n_dot_v);
  vec3 ambient = (sky_irradiance(n) * c_diff + prefiltered * (f0 * ab.x + ab.y)) * frame.params.y;
  if ((flags & AXIS_MAT_OCCLUSION_TEX) != 0u) {
    float ao = texture(occlusion_tex, texcoord(3, mat.uv_sets.w)).r;
    ambient *= 1.0 + mat.params.w * (ao - 1.0);
  }
  color += ambient;

  vec3 emissive = mat.emissive.rgb;
  if ((flags & AXIS_MAT_EMISSIVE_TEX) != 0u) emissive *= texture(emissive_tex, texcoord(4, mat.uv_sets2.x)).rgb;
  color += emissive;

  vec3 geometric_n = normalize(in_normal) * (gl_FrontFacing ? 1.0 : -1.0);
  out_color = vec4(apply_drape(tonemap_pbr_neutral(color * frame.params.x), geometric_n, sun_lit), base.a);
}
