// The `opera-performance` kind: moving content for an opera stage (a "virtual restoration" of a
// performance). One or two stylised Peking-opera performers — a dan (旦, female role) in red silk with a
// phoenix crown and a laosheng (老生, bearded male role) in blue with a gauze hat — built from per-part
// nodes (robe skirt, legs with boots, upper body, head with headdress, arms, long white water sleeves
// 水袖), walking the round walk (圆场) on an elliptical circuit with a gait (legs, arms, torso) and sleeve
// flourishes; the stage's front curtain (大幕) in two pleated halves that gather to the sides, an
// embroidered valance (台帐) and an embroidered back hanging (守旧) that sways.
//
// Animations (node TRS, LINEAR, sampled every 1/8 s):
//   "performance"  --duration seconds, loops seamlessly: the curtain opens, both performers walk one lap
//                  of the circuit with flourishes, the curtain closes again at the end of the loop;
//   "curtain-call" 6 s, played once: the performers walk to the front, bow twice, the curtain closes.
// The node transforms (the rest pose) are the performance at 0 s with the curtain open, so a still view
// shows the performers on an open stage.
//
// Frame: y = 0 is the stage floor, the origin its centre; the audience is on +Z (the kind faces south
// like every kind; a scene turns it with its heading). Figures are about 1.75 m to the top of the head.
#include "kinds.h"
#include "options.h"

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>

namespace axis::gen {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr float kPiF = 3.14159265f;

// Body measures (metres, figure frame: feet at y = 0, facing +Z).
constexpr float kHipY = 0.88f, kHipX = 0.09f;
constexpr float kWaistY = 1.0f;
constexpr float kShoulderY = 0.42f, kShoulderX = 0.2f;  // above the waist
constexpr float kNeckY = 0.5f;                          // above the waist
constexpr float kArmLength = 0.52f, kSleeveLength = 0.78f;

// A surface of revolution about +Y through `centre`: rings (rx, y, rz) from bottom to top, smooth
// normals facing outward; `cap_bottom` / `cap_top` close the end rings with flat discs.
void lathe(MeshBuilder& b, const std::vector<glm::vec3>& rings, int segments, bool cap_bottom = false, bool cap_top = false,
           const glm::vec3& centre = glm::vec3(0.0f)) {
  SurfaceGrid g(static_cast<int>(rings.size()), segments + 1);
  for (int r = 0; r < g.rows; ++r) {
    const glm::vec3& ring = rings[static_cast<size_t>(r)];
    float mean_r = 0.5f * (ring.x + ring.z);
    for (int c = 0; c <= segments; ++c) {
      float lon = 2.0f * kPiF * float(c) / float(segments);
      g.p(r, c) = centre + glm::vec3(ring.x * std::sin(lon), ring.y, ring.z * std::cos(lon));
      g.uv(r, c) = {mean_r * lon, -ring.y};
    }
  }
  b.surface(g, false);
  auto cap = [&](const glm::vec3& ring, const glm::vec3& outward) {
    if (ring.x < 1e-4f || ring.z < 1e-4f) return;
    std::vector<glm::vec3> pts;
    for (int c = 0; c < segments; ++c) {
      float lon = 2.0f * kPiF * float(c) / float(segments);
      pts.push_back(centre + glm::vec3(ring.x * std::sin(lon), ring.y, ring.z * std::cos(lon)));
    }
    b.polygon(pts, outward);
  };
  if (cap_bottom) cap(rings.front(), {0, -1, 0});
  if (cap_top) cap(rings.back(), {0, 1, 0});
}

// A pleated hanging in the XY plane: x from x0 to x1, y from y0 (hem) to y1 (top), pleats of depth
// `depth` every `pitch` metres along x, at z = 0. Double-sided material expected.
void pleated(MeshBuilder& b, float x0, float x1, float y0, float y1, float pitch, float depth) {
  int cols = std::max(2, int(std::round(std::abs(x1 - x0) / (pitch / 4.0f)))) + 1;
  SurfaceGrid g(2, cols);
  for (int c = 0; c < cols; ++c) {
    float t = float(c) / float(cols - 1);
    float x = x0 + (x1 - x0) * t;
    float z = depth * std::sin(2.0f * kPiF * (x - x0) / pitch);
    g.p(0, c) = {x, y0, z};
    g.p(1, c) = {x, y1, z};
    g.uv(0, c) = {x - x0, -y0};
    g.uv(1, c) = {x - x0, -y1};
  }
  b.surface(g, x1 < x0);  // faces +Z either way
}

// --- Costumes -------------------------------------------------------------------------------------------------

enum class Role { Dan, Laosheng };

struct Costume {
  MaterialId robe, trim, inner;
};

// 0 <= t <= 1 -> 0..1..0, smooth at both ends.
double bump01(double t) { return t <= 0.0 || t >= 1.0 ? 0.0 : std::pow(std::sin(kPi * t), 2.0); }
double bump(double t, double start, double length) { return bump01((t - start) / length); }
// 0 before `start`, 1 after `start + length`, smooth between.
double ease(double t, double start, double length) {
  double x = std::clamp((t - start) / length, 0.0, 1.0);
  return x * x * (3.0 - 2.0 * x);
}

glm::dquat axis_angle(double radians, const glm::dvec3& axis) { return glm::angleAxis(radians, axis); }
constexpr glm::dvec3 kX{1.0, 0.0, 0.0}, kY{0.0, 1.0, 0.0}, kZ{0.0, 0.0, 1.0};
double deg(double d) { return d * kPi / 180.0; }

// The nodes of one performer.
struct Figure {
  Role role = Role::Dan;
  int root = -1, skirt = -1, leg[2] = {-1, -1}, upper = -1, head = -1, arm[2] = {-1, -1}, sleeve[2] = {-1, -1};
  double phase = 0.0;      // start angle on the circuit (radians)
  double flourish[3] = {};  // start times of the sleeve flourishes (seconds)
  int flourish_side[3] = {};  // 0 left, 1 right, 2 both
};

// One performer's pose: every animated node's local transform.
struct FigurePose {
  glm::dvec3 position{0.0};
  double yaw = 0.0;
  glm::dquat leg[2], upper, head, arm[2], sleeve[2];
};

Mesh skirt_mesh(const Costume& c, Role role) {
  MeshBuilder b("robe skirt");
  b.use(c.robe);
  float hem = role == Role::Dan ? 0.1f : 0.14f;
  lathe(b, {{0.34f, hem, 0.31f}, {0.3f, 0.4f, 0.26f}, {0.235f, 0.72f, 0.19f}, {0.17f, 0.96f, 0.13f}, {0.15f, 1.03f, 0.11f}}, 28, true,
        false);
  b.use(c.trim);  // the brocade hem band
  lathe(b, {{0.348f, hem, 0.318f}, {0.342f, hem + 0.05f, 0.312f}, {0.333f, hem + 0.12f, 0.302f}}, 28, true, false);
  if (role == Role::Laosheng) {
    // Front and back panels of the official's robe (蟒袍) hanging from the belt, brocade.
    b.use(c.trim);
    b.box({-0.09f, hem + 0.02f, 0.27f}, {0.09f, 0.98f, 0.3f});
  } else {
    // The dan's embroidered apron panel (裙).
    b.use(c.inner);
    b.box({-0.11f, hem + 0.06f, 0.255f}, {0.11f, 0.96f, 0.285f});
  }
  return b.finish();
}

Mesh leg_mesh(const Costume& c, Role role) {
  MeshBuilder b("leg and boot");
  b.use(role == Role::Laosheng ? MaterialId::SatinBlack : c.inner);  // trousers, mostly under the robe
  b.cylinder({0.0f, -0.78f, 0.0f}, 0.055f, 0.07f, 0.72f, 10, true);
  if (role == Role::Laosheng) {
    // Thick-soled boots (厚底靴): black uppers on white soles.
    b.use(MaterialId::SatinBlack);
    b.box({-0.05f, -0.78f, -0.07f}, {0.05f, -0.58f, 0.07f});
    b.box({-0.05f, -0.78f, 0.07f}, {0.05f, -0.7f, 0.16f});
    b.use(MaterialId::SilkWhite);
    b.box({-0.056f, -kHipY, -0.08f}, {0.056f, -0.78f, 0.175f});
  } else {
    // Embroidered shoes (彩鞋) with a low sole.
    b.use(c.robe);
    b.box({-0.045f, -0.84f, -0.07f}, {0.045f, -0.7f, 0.06f});
    b.box({-0.045f, -0.84f, 0.06f}, {0.045f, -0.77f, 0.15f});
    b.use(c.trim);
    b.box({-0.048f, -kHipY, -0.075f}, {0.048f, -0.84f, 0.155f});
  }
  return b.finish();
}

Mesh upper_mesh(const Costume& c, Role role) {
  MeshBuilder b("upper body");
  b.use(c.robe);
  lathe(b, {{0.155f, -0.02f, 0.115f}, {0.17f, 0.12f, 0.125f}, {0.19f, 0.27f, 0.13f}, {0.205f, 0.38f, 0.125f}, {0.17f, 0.44f, 0.11f},
            {0.07f, 0.485f, 0.065f}},
        28, true, true);
  if (role == Role::Dan) {
    // Cloud collar (云肩): gold brocade over the shoulders, a blue silk border.
    b.use(c.trim);
    lathe(b, {{0.235f, 0.33f, 0.16f}, {0.215f, 0.4f, 0.14f}, {0.15f, 0.455f, 0.1f}, {0.075f, 0.49f, 0.07f}}, 28, true, true);
    b.use(c.inner);
    lathe(b, {{0.24f, 0.31f, 0.165f}, {0.237f, 0.335f, 0.163f}}, 28, true, true);
    b.use(c.trim);  // waist sash
    lathe(b, {{0.162f, -0.02f, 0.122f}, {0.165f, 0.06f, 0.125f}}, 28, true, true);
  } else {
    // White inner collar (护领) and the jade belt (玉带), a stiff hoop worn loose round the waist.
    b.use(MaterialId::SilkWhite);
    lathe(b, {{0.085f, 0.45f, 0.08f}, {0.062f, 0.51f, 0.06f}}, 20, false, true);
    b.use(MaterialId::SilkGold);
    lathe(b, {{0.235f, -0.06f, 0.2f}, {0.235f, 0.0f, 0.2f}}, 28, true, true);
    b.use(c.trim);  // rank badge (补子) on the chest
    b.box({-0.09f, 0.16f, 0.12f}, {0.09f, 0.32f, 0.145f});
  }
  return b.finish();
}

Mesh head_mesh(Role role) {
  MeshBuilder b("head and headdress");
  b.use(MaterialId::FacePaint);
  b.cylinder({0.0f, -0.04f, 0.0f}, 0.048f, 0.045f, 0.1f, 10, false);  // neck
  b.ellipsoid({0.0f, 0.13f, 0.012f}, {0.082f, 0.108f, 0.094f}, 10, 16);
  b.use(MaterialId::SatinBlack);  // brows and eyes
  for (float s : {-1.0f, 1.0f}) {
    b.box({s * 0.045f - 0.022f, 0.165f, 0.085f}, {s * 0.045f + 0.022f, 0.174f, 0.1f});
    b.box({s * 0.034f - 0.012f, 0.139f, 0.09f}, {s * 0.034f + 0.012f, 0.148f, 0.103f});
  }
  if (role == Role::Dan) {
    b.use(MaterialId::SilkRed);  // rouge round the eyes (胭脂), lips
    for (float s : {-1.0f, 1.0f}) b.ellipsoid({s * 0.042f, 0.128f, 0.082f}, {0.028f, 0.035f, 0.018f}, 4, 8);
    b.box({-0.014f, 0.062f, 0.096f}, {0.014f, 0.072f, 0.106f});
    b.use(MaterialId::SatinBlack);  // hair: the sculpted front (贴片) and the bun
    b.ellipsoid({0.0f, 0.16f, -0.01f}, {0.088f, 0.09f, 0.09f}, 8, 16);
    b.ellipsoid({0.0f, 0.13f, -0.1f}, {0.06f, 0.07f, 0.05f}, 6, 12);
    // Phoenix crown (凤冠): a gold band, a fan of gold plates, red pompoms (绒球), pearl tassels.
    b.use(MaterialId::SilkGold);
    lathe(b, {{0.096f, 0.17f, 0.1f}, {0.1f, 0.25f, 0.104f}}, 20, false, false);
    for (int i = -2; i <= 2; ++i) {
      float a = float(i) * 0.32f;
      glm::vec3 base(0.09f * std::sin(a), 0.25f, 0.09f * std::cos(a));
      b.set_transform(glm::translate(glm::mat4(1.0f), base) * glm::rotate(glm::mat4(1.0f), a, glm::vec3(0, 1, 0)) *
                      glm::rotate(glm::mat4(1.0f), -0.25f, glm::vec3(1, 0, 0)));
      b.box({-0.025f, 0.0f, -0.004f}, {0.025f, 0.1f - 0.012f * float(std::abs(i)), 0.004f});
    }
    b.clear_transform();
    for (float s : {-1.0f, 1.0f}) {  // phoenix wings at the temples
      b.set_transform(glm::translate(glm::mat4(1.0f), glm::vec3(s * 0.1f, 0.24f, -0.01f)) *
                      glm::rotate(glm::mat4(1.0f), s * 0.5f, glm::vec3(0, 0, 1)));
      b.box({-0.015f, 0.0f, -0.05f}, {0.015f, 0.08f, 0.05f});
    }
    b.clear_transform();
    b.use(MaterialId::SilkRed);
    for (int i = -2; i <= 2; ++i) {
      float a = float(i) * 0.5f;
      b.ellipsoid({0.108f * std::sin(a), 0.27f + 0.03f * float(2 - std::abs(i)), 0.108f * std::cos(a)}, glm::vec3(0.022f), 5, 8);
    }
    b.use(MaterialId::SilkWhite);
    for (float s : {-1.0f, 1.0f})
      for (int k = 0; k < 3; ++k) {
        float z = 0.05f - 0.04f * float(k);
        b.box({s * 0.108f - 0.005f, 0.0f, z - 0.005f}, {s * 0.108f + 0.005f, 0.18f, z + 0.005f});
      }
  } else {
    b.use(MaterialId::SilkRed);  // the laosheng's face is lightly rouged
    b.box({-0.013f, 0.064f, 0.095f}, {0.013f, 0.072f, 0.104f});
    // Gauze hat (纱帽): crown, raised back, two wings (纱帽翅) at the back.
    b.use(MaterialId::SatinBlack);
    lathe(b, {{0.094f, 0.16f, 0.1f}, {0.1f, 0.26f, 0.105f}}, 20, false, true);
    b.ellipsoid({0.0f, 0.27f, -0.045f}, {0.085f, 0.075f, 0.06f}, 6, 14);
    for (float s : {-1.0f, 1.0f}) {
      b.ellipsoid({s * 0.2f, 0.27f, -0.08f}, {0.11f, 0.04f, 0.008f}, 4, 12);
      b.box({s * 0.1f - 0.04f, 0.265f, -0.085f}, {s * 0.1f + 0.04f, 0.275f, -0.075f});
    }
    b.use(MaterialId::SilkGold);  // the hat's front ornament
    b.ellipsoid({0.0f, 0.21f, 0.1f}, {0.025f, 0.02f, 0.01f}, 4, 8);
    // Long beard (三髯): three black strands hanging from the upper lip.
    b.use(MaterialId::SatinBlack);
    b.box({-0.045f, -0.28f, 0.09f}, {0.045f, 0.08f, 0.11f});
    for (float s : {-1.0f, 1.0f}) b.box({s * 0.07f - 0.018f, -0.2f, 0.06f}, {s * 0.07f + 0.018f, 0.08f, 0.08f});
  }
  return b.finish();
}

Mesh arm_mesh(const Costume& c) {
  MeshBuilder b("arm");
  b.use(c.robe);  // the wide sleeve of the robe, from the shoulder to the cuff
  lathe(b, {{0.085f, -kArmLength, 0.08f}, {0.075f, -0.3f, 0.07f}, {0.065f, -0.05f, 0.065f}, {0.055f, 0.02f, 0.055f}}, 14, true, true);
  b.use(c.trim);  // cuff band
  lathe(b, {{0.09f, -kArmLength, 0.085f}, {0.089f, -kArmLength + 0.06f, 0.084f}}, 14, true, true);
  return b.finish();
}

Mesh water_sleeve_mesh() {
  MeshBuilder b("water sleeve");
  b.use(MaterialId::SilkWhite);
  // A long flat tube of white silk (水袖), a little wider at its end.
  lathe(b, {{0.115f, -kSleeveLength, 0.022f}, {0.1f, -0.5f, 0.025f}, {0.088f, -0.2f, 0.04f}, {0.08f, 0.02f, 0.06f}}, 16, true, true);
  return b.finish();
}

// --- Motion -------------------------------------------------------------------------------------------------

struct Circuit {
  glm::dvec2 centre{0.0};  // x, z
  glm::dvec2 radius{1.0};  // x, z
  double length() const {  // Ramanujan's perimeter of the ellipse
    double a = radius.x, b = radius.y, h = (a - b) * (a - b) / ((a + b) * (a + b));
    return kPi * (a + b) * (1.0 + 3.0 * h / (10.0 + std::sqrt(4.0 - 3.0 * h)));
  }
  glm::dvec3 at(double angle) const {
    return {centre.x + radius.x * std::cos(angle), 0.0, centre.y + radius.y * std::sin(angle)};
  }
  // The walking direction (angle increasing) as a yaw: 0 faces +Z, positive turns +Z towards +X.
  double heading(double angle) const {
    double dx = -radius.x * std::sin(angle), dz = radius.y * std::cos(angle);
    return std::atan2(dx, dz);
  }
};

struct Performance {
  Circuit circuit;
  double duration = 16.0;
  int gait_cycles = 16;     // one cycle = a left and a right step
  double leg_swing = 0.2;   // radians either way
};

// How far the lower of the two soles dips below the floor when the legs are turned by these angles
// (the heel or the toe of a straight leg swinging about the hip goes down): the figure is lifted by it,
// so one sole always rests on the floor.
double sole_dip(Role role, double left, double right) {
  double back = role == Role::Dan ? -0.075 : -0.08, front = role == Role::Dan ? 0.155 : 0.175;
  double lowest = 0.0;
  for (double theta : {left, right})
    for (double z : {back, front}) lowest = std::min(lowest, kHipY - (kHipY * std::cos(theta) + z * std::sin(theta)));
  return -lowest;
}

// The performance at time t (0..duration; periodic).
FigurePose performance_pose(const Performance& p, const Figure& f, double t) {
  FigurePose pose;
  double lap = t / p.duration;
  double angle = f.phase + 2.0 * kPi * lap;
  double gait = 2.0 * kPi * double(p.gait_cycles) * lap + f.phase * 3.0;
  pose.position = p.circuit.at(angle);
  pose.position.y = 0.008 * (1.0 - std::cos(2.0 * gait));  // a slight rise at every passing step
  pose.yaw = p.circuit.heading(angle);
  double swing = p.leg_swing * std::sin(gait);
  pose.leg[0] = axis_angle(swing, kX);
  pose.leg[1] = axis_angle(-swing, kX);
  pose.position.y += sole_dip(f.role, swing, -swing);
  // Flourishes: the arm comes forward and up, then the water sleeve is flicked over and falls back.
  double raise[2] = {0.0, 0.0}, flick[2] = {0.0, 0.0};
  for (int k = 0; k < 3; ++k) {
    double r = bump(t, f.flourish[k], 1.8), fl = bump(t, f.flourish[k] + 0.35, 1.3);
    for (int side = 0; side < 2; ++side)
      if (f.flourish_side[k] == side || f.flourish_side[k] == 2) {
        raise[side] = std::max(raise[side], r);
        flick[side] = std::max(flick[side], fl);
      }
  }
  for (int side = 0; side < 2; ++side) {
    double s = side == 0 ? 1.0 : -1.0;  // left arm on +X
    double arm_swing = -0.6 * swing * (side == 0 ? 1.0 : -1.0);
    double fwd = arm_swing * (1.0 - raise[side]) - deg(105.0) * raise[side];
    double out = s * (deg(9.0) + deg(22.0) * raise[side]);
    pose.arm[side] = axis_angle(out, kZ) * axis_angle(fwd, kX);
    double sway = 0.12 * std::sin(gait - 0.8) * (1.0 - flick[side]);
    pose.sleeve[side] = axis_angle(sway - deg(85.0) * flick[side], kX) * axis_angle(s * deg(15.0) * flick[side], kZ);
  }
  double any = std::max(raise[0], raise[1]);
  pose.upper = axis_angle(-0.05 * std::sin(gait), kY) * axis_angle(deg(-6.0) * any, kX);
  pose.head = axis_angle(0.06 * std::sin(4.0 * kPi * lap) + deg(14.0) * any * (f.role == Role::Dan ? 1.0 : -1.0), kY) *
              axis_angle(deg(-5.0) * any, kX);
  return pose;
}

// The curtain call at time t (0..6 s): from the performance's opening pose, walk to a spot at the front,
// turn to the audience, bow twice.
FigurePose curtain_call_pose(const Performance& p, const Figure& f, glm::dvec3 spot, double t) {
  FigurePose start = performance_pose(p, f, 0.0);
  FigurePose pose = start;
  double walk = ease(t, 0.0, 2.0);
  pose.position = glm::mix(start.position, spot, walk);
  glm::dvec3 d = spot - start.position;
  double walk_yaw = std::atan2(d.x, d.z);
  auto yaw_mix = [](double a, double b, double w) {
    double diff = std::remainder(b - a, 2.0 * kPi);
    return a + diff * w;
  };
  pose.yaw = t < 1.0 ? yaw_mix(start.yaw, walk_yaw, ease(t, 0.0, 0.5)) : yaw_mix(walk_yaw, 0.0, ease(t, 1.5, 0.8));
  double steps = t < 2.0 ? std::sin(2.0 * kPi * 2.0 * t) * (1.0 - ease(t, 1.6, 0.4)) : 0.0;
  double swing = 0.16 * steps;
  pose.leg[0] = axis_angle(swing, kX);
  pose.leg[1] = axis_angle(-swing, kX);
  pose.position.y = sole_dip(f.role, swing, -swing);
  double bow = bump(t, 2.5, 1.4) + bump(t, 4.1, 1.4);
  pose.upper = axis_angle(deg(32.0) * bow, kX);
  pose.head = axis_angle(deg(12.0) * bow, kX);
  for (int side = 0; side < 2; ++side) {
    double s = side == 0 ? 1.0 : -1.0;
    // Hands joined in front for the bow (抱拳), sleeves hanging.
    double fold = ease(t, 2.0, 0.5);
    pose.arm[side] = axis_angle(s * deg(9.0) * (1.0 - fold) - s * deg(14.0) * fold, kZ) *
                     axis_angle(-0.5 * swing * s - deg(40.0) * fold, kX);
    pose.sleeve[side] = axis_angle(deg(35.0) * fold, kX);
  }
  return pose;
}

class OperaPerformanceKind : public Kind {
 public:
  void declare(OptionSet& o) override {
    o.add_int("figures", &figures_, 1, 2, "Performers: 1 (a dan) or 2 (a dan and a laosheng)");
    o.add_real("duration", &duration_, 10.0, 20.0, "Length of the looping \"performance\" animation in seconds");
    o.add_real("stage-width", &stage_, 4.0, 12.0, "Side of the square stage in metres (as opera-stage --stage-width)");
    o.add_real("curtain-height", &curtain_h_, 2.4, 4.5, "Height of the front curtain's rod above the stage floor in metres");
    o.add_flag("no-curtain", &no_curtain_, "Leave out the front curtain and valance (the back hanging stays)");
    identity_.declare(o);
  }

  int build(Asset& asset) override {
    Heritage h = identity_.apply({"京剧表演", "Peking opera performance (virtual restoration)",
                                  "Peking opera, Qing (from 1790) to the present", "Intangible cultural heritage (UNESCO 2010)",
                                  "animated figures and stage hangings (not a building)"});
    const float S = float(stage_);
    Performance perf;
    perf.duration = duration_;
    perf.circuit.centre = {0.0, 0.1 * S / 6.5};
    perf.circuit.radius = {0.31 * S, 0.24 * S};
    perf.gait_cycles = std::max(4, int(std::lround(duration_)));  // about 2 steps a second
    double step = perf.circuit.length() / (2.0 * perf.gait_cycles);
    perf.leg_swing = std::asin(std::min(0.5, step / (2.0 * kHipY)));

    int root = asset.add(-1, h, {h.zh, h.en, "performance", "costumes, silk hangings (placeholder)"}, -1);
    Rng rng = asset.rng("performance");

    // --- Performers -------------------------------------------------------------------------------------
    std::vector<Figure> figures;
    double phase0 = deg(200.0) + rng.uniform(-0.15, 0.15);
    for (int i = 0; i < figures_; ++i) {
      Figure f;
      f.role = i == 0 ? Role::Dan : Role::Laosheng;
      f.phase = phase0 + kPi * double(i);
      // Flourishes spread over the loop, away from its ends (the loop must close on the walking pose).
      double slot = (perf.duration - 4.5) / 3.0;
      int first_side = rng.range(0, 1);  // the dan alternates sides, starting with either
      for (int k = 0; k < 3; ++k) {
        f.flourish[k] = 1.5 + slot * double(k) + rng.uniform(0.0, std::max(0.0, slot - 1.9)) + (i ? 0.4 : 0.0);
        f.flourish_side[k] = f.role == Role::Laosheng ? 2 : (k + first_side) % 2;
      }
      figures.push_back(f);
    }
    static constexpr const char* kRoleZh[] = {"旦角", "老生"};
    static constexpr const char* kRoleEn[] = {"Performer: dan (female role)", "Performer: laosheng (bearded male role)"};
    for (size_t i = 0; i < figures.size(); ++i) {
      Figure& f = figures[i];
      Costume c = f.role == Role::Dan ? Costume{MaterialId::SilkRed, MaterialId::SilkGold, MaterialId::SilkBlue}
                                      : Costume{MaterialId::SilkBlue, MaterialId::SilkGold, MaterialId::SilkRed};
      int r = static_cast<int>(f.role);
      FigurePose p0 = performance_pose(perf, f, 0.0);
      Transform at = Transform::at_turned(p0.position.x, p0.position.y, p0.position.z, p0.yaw);
      f.root = asset.add(root, h, {kRoleZh[r], kRoleEn[r], "figure", "stylised figure (placeholder)"}, -1, at);
      Json& ex = asset.extras(f.root);
      ex["role"] = f.role == Role::Dan ? "dan" : "laosheng";
      ex["height_m"] = 1.75;
      ex["path"] = {{"shape", "ellipse"},
                    {"centre_xz", {perf.circuit.centre.x, perf.circuit.centre.y}},
                    {"radii_xz", {perf.circuit.radius.x, perf.circuit.radius.y}},
                    {"start_angle_deg", std::round(f.phase * 180.0 / kPi * 1000.0) / 1000.0},
                    {"laps_per_loop", 1},
                    {"animation", "performance"}};
      std::string robe = f.role == Role::Dan ? "red silk, gold brocade (placeholder)" : "blue silk, gold brocade (placeholder)";
      f.skirt = asset.add(f.root, h, {"下摆", "Robe skirt", "costume", robe}, asset.add_mesh(skirt_mesh(c, f.role)));
      static constexpr const char* kSideZh[] = {"左", "右"};
      static constexpr const char* kSideEn[] = {"Left", "Right"};
      int leg_mesh_id = asset.add_mesh(leg_mesh(c, f.role));
      for (int s = 0; s < 2; ++s) {
        double x = s == 0 ? kHipX : -kHipX;
        Transform t = Transform::at(x, kHipY, 0.0);
        t.rotation = p0.leg[s];
        f.leg[s] = asset.add(f.root, h,
                             {std::string(kSideZh[s]) + (f.role == Role::Laosheng ? "腿与厚底靴" : "腿与彩鞋"),
                              std::string(kSideEn[s]) + (f.role == Role::Laosheng ? " leg, thick-soled boot" : " leg, embroidered shoe"),
                              "costume", "satin, cotton soles (placeholder)"},
                             leg_mesh_id, t);
      }
      Transform ut = Transform::at(0.0, kWaistY, 0.0);
      ut.rotation = p0.upper;
      f.upper = asset.add(f.root, h, {"上身", "Upper body", "costume", robe}, asset.add_mesh(upper_mesh(c, f.role)), ut);
      Transform ht = Transform::at(0.0, kNeckY, 0.0);
      ht.rotation = p0.head;
      f.head = asset.add(f.upper, h,
                         {f.role == Role::Dan ? "头与凤冠" : "头与纱帽",
                          f.role == Role::Dan ? "Head, phoenix crown (fengguan)" : "Head, gauze hat (shamao) and beard (rankou)",
                          "costume", "painted face, gilt crown / gauze hat (placeholder)"},
                         asset.add_mesh(head_mesh(f.role)), ht);
      int arm_mesh_id = asset.add_mesh(arm_mesh(c)), sleeve_mesh_id = asset.add_mesh(water_sleeve_mesh());
      for (int s = 0; s < 2; ++s) {
        double x = s == 0 ? kShoulderX : -kShoulderX;
        Transform at_arm = Transform::at(x, kShoulderY, 0.0);
        at_arm.rotation = p0.arm[s];
        f.arm[s] = asset.add(f.upper, h, {std::string(kSideZh[s]) + "臂", std::string(kSideEn[s]) + " arm", "costume", robe}, arm_mesh_id,
                             at_arm);
        Transform st = Transform::at(0.0, -kArmLength + 0.02, 0.0);
        st.rotation = p0.sleeve[s];
        f.sleeve[s] = asset.add(f.arm[s], h,
                                {std::string(kSideZh[s]) + "水袖", std::string(kSideEn[s]) + " water sleeve (shuixiu)", "costume",
                                 "white silk (placeholder)"},
                                sleeve_mesh_id, st);
      }
    }

    // --- Stage hangings ---------------------------------------------------------------------------------------
    int hangings = asset.add(root, h, {"台帐", "Stage hangings", "prop", "embroidered silk (placeholder)"}, -1);
    // The back hanging (守旧) between the entrance and exit doors, swaying a little.
    float half = S * 0.5f, dx = half * 0.62f, door_w = std::min(1.5f, S * 0.2f);
    float back_half = std::max(0.5f, dx - door_w * 0.5f - 0.25f), back_top = std::min(3.05f, float(curtain_h_) - 0.1f);
    MeshBuilder back("back hanging");
    back.use(MaterialId::Embroidery);
    pleated(back, -back_half, back_half, -(back_top - 0.5f), 0.0f, 0.5f, 0.02f);
    back.use(MaterialId::SilkGold);
    back.set_transform(glm::rotate(glm::mat4(1.0f), kPiF * 0.5f, glm::vec3(0, 0, 1)));
    back.cylinder({0.0f, -back_half - 0.08f, 0.0f}, 0.018f, 0.018f, 2.0f * back_half + 0.16f, 8, true);  // the rod
    back.clear_transform();
    int backdrop = asset.add(hangings, h, {"守旧", "Embroidered back hanging (shoujiu)", "curtain", "embroidered satin (placeholder)"}, back,
                             Transform::at(0.0, back_top, -half + 0.2));
    int curtain[2] = {-1, -1};
    float top = float(curtain_h_), curtain_z = half - 0.3f, inner = half - 0.22f;
    const double open_scale = 0.14;
    if (!no_curtain_) {
      // The valance (台帐) along the front under the architrave: fixed.
      MeshBuilder val("valance");
      val.use(MaterialId::Embroidery);
      pleated(val, -inner, inner, top - 0.34f, top, 0.36f, 0.03f);
      val.use(MaterialId::SilkGold);
      val.set_transform(glm::translate(glm::mat4(1.0f), glm::vec3(0, top - 0.34f, 0.0f)) *
                        glm::rotate(glm::mat4(1.0f), kPiF * 0.5f, glm::vec3(0, 0, 1)));
      val.cylinder({0.0f, -inner, 0.0f}, 0.018f, 0.018f, 2.0f * inner, 6, true);  // fringe cord
      val.clear_transform();
      asset.add(hangings, h, {"台帐", "Embroidered valance", "curtain", "embroidered satin (placeholder)"}, val,
                Transform::at(0.0, 0.0, curtain_z + 0.06));
      // The front curtain (大幕) in two pleated halves hanging from the outer ends of the rod; opening
      // gathers each half towards its pillar (x scale).
      for (int s = 0; s < 2; ++s) {
        double sign = s == 0 ? -1.0 : 1.0;  // 0: the half on -X
        MeshBuilder b("front curtain");
        b.use(MaterialId::CurtainRed);
        float w = inner + 0.06f;
        if (s == 0) pleated(b, 0.0f, w, -(top - 0.36f), 0.0f, 0.3f, 0.05f);
        else pleated(b, 0.0f, -w, -(top - 0.36f), 0.0f, 0.3f, 0.05f);
        b.use(MaterialId::SilkGold);  // a gold band along the hem
        if (s == 0) pleated(b, 0.0f, w, -(top - 0.36f) - 0.0f, -(top - 0.36f) + 0.14f, 0.3f, 0.052f);
        else pleated(b, 0.0f, -w, -(top - 0.36f) - 0.0f, -(top - 0.36f) + 0.14f, 0.3f, 0.052f);
        Transform t = Transform::at(sign * inner, top - 0.3, curtain_z);
        t.scale = {open_scale, 1.0, 1.0};
        curtain[s] = asset.add(hangings, h,
                               {s == 0 ? "大幕左幅" : "大幕右幅",
                                s == 0 ? "Front curtain, left half (seen from the audience)" : "Front curtain, right half (seen from the audience)",
                                "curtain",
                                "red silk velvet (placeholder)"},
                               b, t);
      }
    }

    // --- Animations ---------------------------------------------------------------------------------------
    auto key_times = [](double duration, int per_second) {
      int n = std::max(2, int(std::ceil(duration * per_second)));
      std::vector<float> times;
      for (int k = 0; k <= n; ++k) times.push_back(float(duration * double(k) / double(n)));
      return times;
    };
    auto figure_tracks = [&](Animation& anim, const Figure& f, const std::vector<float>& times, auto&& pose_at) {
      std::vector<glm::dvec3> pos;
      std::vector<glm::dquat> yaw, leg[2], upper, head, arm[2], sleeve[2];
      for (float t : times) {
        FigurePose p = pose_at(double(t));
        pos.push_back(p.position);
        yaw.push_back(axis_angle(p.yaw, kY));
        upper.push_back(p.upper);
        head.push_back(p.head);
        for (int s = 0; s < 2; ++s) {
          leg[s].push_back(p.leg[s]);
          arm[s].push_back(p.arm[s]);
          sleeve[s].push_back(p.sleeve[s]);
        }
      }
      anim.add_translation(f.root, times, pos);
      anim.add_rotation(f.root, times, yaw);
      for (int s = 0; s < 2; ++s) anim.add_rotation(f.leg[s], times, leg[s]);
      anim.add_rotation(f.upper, times, upper);
      anim.add_rotation(f.head, times, head);
      for (int s = 0; s < 2; ++s) {
        anim.add_rotation(f.arm[s], times, arm[s]);
        anim.add_rotation(f.sleeve[s], times, sleeve[s]);
      }
    };
    auto curtain_tracks = [&](Animation& anim, const std::vector<float>& times, auto&& openness) {
      if (no_curtain_) return;
      std::vector<glm::dvec3> sc;
      for (float t : times) sc.push_back({1.0 + (open_scale - 1.0) * openness(double(t)), 1.0, 1.0});
      for (int s = 0; s < 2; ++s) anim.add_scale(curtain[s], times, sc);
    };
    {
      Animation perf_anim;
      perf_anim.name = "performance";
      std::vector<float> times = key_times(perf.duration, 8);
      for (const Figure& f : figures) figure_tracks(perf_anim, f, times, [&](double t) { return performance_pose(perf, f, t); });
      double D = perf.duration;
      curtain_tracks(perf_anim, times, [&](double t) { return ease(t, 0.0, 2.0) * (1.0 - ease(t, D - 2.0, 2.0)); });
      std::vector<glm::dquat> sway;
      for (float t : times) sway.push_back(axis_angle(deg(1.5) * std::sin(2.0 * kPi * 3.0 * double(t) / D), kX));
      perf_anim.add_rotation(backdrop, times, sway);
      asset.model().add_animation(std::move(perf_anim));
    }
    {
      Animation call;
      call.name = "curtain-call";
      std::vector<float> times = key_times(6.0, 8);
      for (size_t i = 0; i < figures.size(); ++i) {
        const Figure& f = figures[i];
        double x = figures.size() == 1 ? 0.0 : (i == 0 ? 0.55 : -0.55);
        glm::dvec3 spot(x * S / 6.5, 0.0, perf.circuit.centre.y + perf.circuit.radius.y * 0.75);
        figure_tracks(call, f, times, [&](double t) { return curtain_call_pose(perf, f, spot, t); });
      }
      curtain_tracks(call, times, [&](double t) { return 1.0 - ease(t, 3.6, 2.4); });
      asset.model().add_animation(std::move(call));
    }
    Json& ex = asset.extras(root);
    ex["animations"] = Json::array({{{"name", "performance"}, {"seconds", perf.duration}, {"loop", true}},
                                    {{"name", "curtain-call"}, {"seconds", 6.0}, {"loop", false}}});
    return root;
  }

 private:
  int figures_ = 2;
  double duration_ = 16.0, stage_ = 6.5, curtain_h_ = 3.3;
  bool no_curtain_ = false;
  IdentityOptions identity_;
};

}  // namespace

std::unique_ptr<Kind> make_opera_performance_kind() { return std::make_unique<OperaPerformanceKind>(); }

}  // namespace axis::gen
