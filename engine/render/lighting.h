// The light that makes architecture readable: a sun (direction, colour) and an analytic sky that lights
// the scene from every direction (its irradiance as spherical harmonics) and shows behind it.
#pragma once

#include <glm/glm.hpp>

#include <array>

namespace axis::render {

struct Lighting {
  // Towards the sun (world: x east, y up, z south): an afternoon sun in the south-west, 45 degrees up,
  // so that the default south-east views show lit fronts beside shaded sides and visible cast shadows.
  glm::dvec3 sun_direction = glm::normalize(glm::dvec3(-0.5, 0.707, 0.5));
  glm::vec3 sun_color{1.0f, 0.96f, 0.90f};
  float sun_intensity = 3.6f;
  glm::vec3 sky_zenith{0.28f, 0.48f, 0.90f};
  glm::vec3 sky_horizon{0.80f, 0.86f, 0.95f};
  glm::vec3 sky_ground{0.30f, 0.28f, 0.25f};
  float ambient_intensity = 0.65f;  // scales the sky's light on surfaces (not the sky seen behind them)
  float exposure = 1.0f;

  // The sky's radiance in a direction (the same function as sky_radiance() in shaders/lighting.glsl).
  glm::vec3 sky_radiance(const glm::dvec3& dir) const;
  // Projects the sky onto 9 spherical-harmonic coefficients (rgb each).
  std::array<glm::vec3, 9> sky_sh9() const;
};

// The diffuse irradiance / PI a surface facing `n` gets from SH coefficients (as the shader evaluates it).
glm::vec3 sh9_irradiance(const std::array<glm::vec3, 9>& sh, const glm::dvec3& n);

}  // namespace axis::render
