// Lighting shared by the forward shaders: the analytic sky (background, ambient), the sun with cascaded
// shadows, the metallic-roughness BRDF of the glTF spec, and the Khronos PBR Neutral tone mapper.

const float PI = 3.14159265359;

vec3 sky_radiance(vec3 dir) {
  float h = dir.y;
  if (h >= 0.0) {
    float t = pow(1.0 - h, 3.0);
    return mix(frame.sky_zenith.rgb, frame.sky_horizon.rgb, t);
  }
  return mix(frame.sky_horizon.rgb, frame.sky_ground.rgb, clamp(-h * 4.0, 0.0, 1.0));
}

// Irradiance / PI from the sky's spherical harmonics (Ramamoorthi & Hanrahan), i.e. the diffuse
// radiance a white Lambertian surface facing n reflects.
vec3 sky_irradiance(vec3 n) {
  const float c1 = 0.429043, c2 = 0.511664, c3 = 0.743125, c4 = 0.886227, c5 = 0.247708;
  vec3 L00 = frame.sh_irradiance[0].rgb, L1m1 = frame.sh_irradiance[1].rgb, L10 = frame.sh_irradiance[2].rgb;
  vec3 L11 = frame.sh_irradiance[3].rgb, L2m2 = frame.sh_irradiance[4].rgb, L2m1 = frame.sh_irradiance[5].rgb;
  vec3 L20 = frame.sh_irradiance[6].rgb, L21 = frame.sh_irradiance[7].rgb, L22 = frame.sh_irradiance[8].rgb;
  vec3 e = c1 * L22 * (n.x * n.x - n.y * n.y) + c3 * L20 * n.z * n.z + c4 * L00 - c5 * L20 +
           2.0 * c1 * (L2m2 * n.x * n.y + L21 * n.x * n.z + L2m1 * n.y * n.z) +
           2.0 * c2 * (L11 * n.x + L1m1 * n.y + L10 * n.z);
  return max(e, vec3(0.0)) / PI;
}

// Split-sum environment BRDF, analytic fit (Karis, "Physically Based Shading on Mobile").
vec2 env_brdf(float roughness, float n_dot_v) {
  const vec4 c0 = vec4(-1.0, -0.0275, -0.572, 0.022);
  const vec4 c1 = vec4(1.0, 0.0425, 1.04, -0.04);
  vec4 r = roughness * c0 + c1;
  float a004 = min(r.x * r.x, exp2(-9.28 * n_dot_v)) * r.x + r.y;
  return vec2(-1.04, 1.04) * a004 + r.zw;
}

float d_ggx(float n_dot_h, float alpha) {
  float a2 = alpha * alpha;
  float f = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
  return a2 / (PI * f * f);
}

float v_smith_ggx_correlated(float n_dot_l, float n_dot_v, float alpha) {
  float a2 = alpha * alpha;
  float gv = n_dot_l * sqrt(n_dot_v * n_dot_v * (1.0 - a2) + a2);
  float gl = n_dot_v * sqrt(n_dot_l * n_dot_l * (1.0 - a2) + a2);
  float denom = gv + gl;
  return denom > 0.0 ? 0.5 / denom : 0.0;
}

vec3 f_schlick(vec3 f0, float v_dot_h) {
  return f0 + (1.0 - f0) * pow(clamp(1.0 - v_dot_h, 0.0, 1.0), 5.0);
}

// Khronos PBR Neutral: keeps base colours (glazed tile, lacquer) recognisable under bright light.
vec3 tonemap_pbr_neutral(vec3 color) {
  const float start = 0.8 - 0.04;
  const float desaturation = 0.15;
  float x = min(color.r, min(color.g, color.b));
  float offset = x < 0.08 ? x - 6.25 * x * x : 0.04;
  color -= offset;
  float peak = max(color.r, max(color.g, color.b));
  if (peak < start) return color;
  const float d = 1.0 - start;
  float new_peak = 1.0 - d * d / (peak + d - start);
  color *= new_peak / peak;
  float g = 1.0 - 1.0 / (desaturation * (peak - new_peak) + 1.0);
  return mix(color, vec3(new_peak), g);
}
