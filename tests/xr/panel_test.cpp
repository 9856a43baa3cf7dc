// The VR panel's placement (xr/panel.h): straight in front at reading distance and below the eyes,
// facing the visitor; still while they look about within the slack; swinging round smoothly (never in a
// jump) when they turn further; keeping up at once after a teleport. And the cards it shows.
#include "xr/panel.h"

#include <gtest/gtest.h>
#include <glm/gtc/constants.hpp>

#include <cmath>

namespace {

using axis::xr::PanelFollower;
using axis::xr::PanelPlacement;

glm::dvec3 look(double yaw_degrees) {  // horizontal, yaw 0 = north (-z), positive turns left (towards -x)
  const double a = glm::radians(yaw_degrees);
  return {-std::sin(a), 0.0, -std::cos(a)};
}

TEST(PanelFollower, StartsStraightInFrontBelowTheEyesFacingTheVisitor) {
  PanelFollower f;
  const glm::dvec3 head(10.0, 1.6, 5.0);
  const auto panel = f.update(head, look(0.0), 1.0 / 90);
  EXPECT_TRUE(panel.visible);
  EXPECT_NEAR(panel.center.x, 10.0, 1e-9);
  EXPECT_NEAR(panel.center.y, 1.6 - 0.30, 1e-9);
  EXPECT_NEAR(panel.center.z, 5.0 - 1.1, 1e-9);
  // The visitor's right is east when looking north; the panel is upright, 0.9 m x 0.45 m.
  EXPECT_NEAR(panel.right.x, 0.45, 1e-9);
  EXPECT_NEAR(panel.right.z, 0.0, 1e-9);
  EXPECT_NEAR(panel.up.y, 0.225, 1e-9);
  // A head looking down keeps the panel level in front of it.
  PanelFollower g;
  const auto down = g.update(head, glm::normalize(glm::dvec3(0.0, -1.0, -1.0)), 1.0 / 90);
  EXPECT_NEAR(down.center.z, 5.0 - 1.1, 1e-9);
}

TEST(PanelFollower, StaysWhileTheVisitorLooksAboutWithinTheSlack) {
  PanelFollower f;
  const glm::dvec3 head(0.0, 1.6, 0.0);
  const auto first = f.update(head, look(0.0), 1.0 / 90);
  for (int i = 0; i < 180; ++i) {
    const auto p = f.update(head, look(20.0 * std::sin(i * 0.1)), 1.0 / 90);
    EXPECT_NEAR(glm::length(p.center - first.center), 0.0, 1e-9) << "frame " << i;
  }
}

TEST(PanelFollower, SwingsRoundSmoothlyWhenTheVisitorTurnsAway) {
  PanelFollower f;
  const glm::dvec3 head(0.0, 1.6, 0.0);
  f.update(head, look(0.0), 1.0 / 90);
  double last = 0.0, largest_step = 0.0;
  for (int i = 0; i < 90 * 3; ++i) {  // three seconds looking 90 degrees to the left
    f.update(head, look(90.0), 1.0 / 90);
    const double yaw = glm::degrees(f.yaw());
    EXPECT_GE(yaw, last - 1e-9) << "it only turns towards the view";
    largest_step = std::max(largest_step, yaw - last);
    last = yaw;
  }
  EXPECT_NEAR(last, 90.0, 2.5) << "after three seconds it is in front again";
  EXPECT_LT(largest_step, 5.0) << "no jump: at most a few degrees a frame";
  // Turning across north-south (from +170 to -170 degrees) goes the short way round.
  PanelFollower g;
  g.update(head, look(170.0), 1.0 / 90);
  for (int i = 0; i < 90 * 3; ++i) g.update(head, look(-135.0), 1.0 / 90);
  EXPECT_NEAR(std::remainder(glm::degrees(g.yaw()) - (-135.0), 360.0), 0.0, 2.5);
}

TEST(PanelFollower, KeepsUpWithTheVisitorAtOnceAfterATeleport) {
  PanelFollower f;
  f.update({0.0, 1.6, 0.0}, look(0.0), 1.0 / 90);
  const auto p = f.update({40.0, 1.6, -20.0}, look(0.0), 1.0 / 90);
  EXPECT_NEAR(p.center.x, 40.0, 1e-9);
  EXPECT_NEAR(p.center.z, -21.1, 1e-9);
  // Walking a step: it follows smoothly, part of the way in one frame.
  const auto q = f.update({40.5, 1.6, -20.0}, look(0.0), 1.0 / 90);
  EXPECT_GT(q.center.x, 40.0);
  EXPECT_LT(q.center.x, 40.5);
}

TEST(PanelFollower, ALaserMeetsThePanelWhereItPoints) {
  PanelFollower f;
  const auto panel = f.update({0.0, 1.6, 0.0}, look(0.0), 1.0 / 90);  // 0.9 m x 0.45 m, centre (0, 1.3, -1.1)
  // Straight at the centre from the eyes: the middle of the picture.
  auto hit = axis::xr::panel_hit(panel, {0.0, 1.3, 0.0}, {0.0, 0.0, -1.0});
  ASSERT_TRUE(hit);
  EXPECT_NEAR(hit->u, 0.5, 1e-9);
  EXPECT_NEAR(hit->v, 0.5, 1e-9);
  EXPECT_NEAR(hit->distance, 1.1, 1e-9);
  // Towards its top-left quarter: u and v from the top-left corner.
  hit = axis::xr::panel_hit(panel, {-0.225, 1.4125, 0.0}, {0.0, 0.0, -1.0});
  ASSERT_TRUE(hit);
  EXPECT_NEAR(hit->u, 0.25, 1e-9);
  EXPECT_NEAR(hit->v, 0.25, 1e-9);
  // Beside it, away from it, and from behind: no hit.
  EXPECT_FALSE(axis::xr::panel_hit(panel, {1.0, 1.3, 0.0}, {0.0, 0.0, -1.0}));
  EXPECT_FALSE(axis::xr::panel_hit(panel, {0.0, 1.3, 0.0}, {0.0, 0.0, 1.0}));
  EXPECT_FALSE(axis::xr::panel_hit(panel, {0.0, 1.3, -2.0}, {0.0, 0.0, 1.0}));
  axis::render::WorldPanel hidden = panel;
  hidden.visible = false;
  EXPECT_FALSE(axis::xr::panel_hit(hidden, {0.0, 1.3, 0.0}, {0.0, 0.0, -1.0}));
}

TEST(PanelCards, TourStopCardHoldsTheStopAndElementCardTheMetadata) {
  axis::scene::Scene scene;
  scene.source = "/data/scenes/stage.json";
  scene.nodes.resize(2);
  scene.nodes[0].name = "Hall";
  scene.nodes[0].extras_json = R"({"element_type":"hall","dynasty":"Qing","year":1688})";
  scene.nodes[1].name = "Column 3";
  scene.nodes[1].parent = 0;
  axis::scene::Tour tour;
  tour.name = {"戏楼", "Theatre"};
  tour.waypoints.resize(3);
  tour.waypoints[1].caption = {"戏台", "The stage"};
  tour.waypoints[1].poi = axis::scene::PointOfInterest{{"戏台", "Stage"}, {"清代", "Qing"}, "images/stage.jpg"};
  const auto card = axis::xr::tour_stop_card(scene, tour, 1, 0.25);
  EXPECT_EQ(card.heading.en, "Theatre");
  EXPECT_EQ(card.caption.zh, "戏台");
  EXPECT_EQ(card.position, "2 / 3");
  EXPECT_DOUBLE_EQ(card.progress, 0.25);
  EXPECT_EQ(card.picture, std::filesystem::path("/data/scenes/images/stage.jpg"));
  EXPECT_FALSE(card.hint.empty());
  EXPECT_TRUE(axis::xr::tour_stop_card(scene, tour, 7, 0.0).empty()) << "no such stop: an empty card";

  const auto element = axis::xr::element_card(scene, 1);  // its own metadata is empty: the hall's
  EXPECT_EQ(element.heading.en, "Column 3");
  ASSERT_EQ(element.properties.size(), 3u);
  bool dynasty = false, year = false;
  for (const auto& [k, v] : element.properties) {
    dynasty |= k == "dynasty" && v == "Qing";
    year |= k == "year" && v == "1688";
  }
  EXPECT_TRUE(dynasty && year);
}

}  // namespace
