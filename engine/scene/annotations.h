// What planners record while inspecting, kept in a sidecar file next to the scene or model
// (`<file>.annotations.json`), never in the source model: annotations (a pin on a surface point with
// title, text, category, severity, author, time, optional photo), condition records per element (grade,
// notes), saved measurements and camera bookmarks.
//
// Writes are atomic (a crash never leaves half a file). A sidecar that cannot be read is reported and
// moved aside (`<file>.annotations.json.corrupt-<UTC time>`), never overwritten, so nothing a user wrote
// is lost.
#pragma once

#include "scene/scene.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace axis::scene {

// A stable reference to a node: the placement id of its model ("" for a single model file), its index
// within that model's own nodes, and its name (for people and as a check).
struct NodeRef {
  std::string model;
  int index = -1;
  std::string name;

  bool valid() const { return index >= 0; }
  bool operator==(const NodeRef&) const = default;
};

NodeRef node_ref(const Scene& scene, int node);
// The node a reference names in this scene, or -1 (model gone, index out of range).
int resolve(const Scene& scene, const NodeRef& ref);

enum class AnnotationCategory { Crack, Weathering, BiologicalGrowth, MissingElement, Deformation, Other };
const char* to_string(AnnotationCategory c);  // "crack", "weathering", "biological_growth", ...
std::optional<AnnotationCategory> category_from_string(const std::string& s);

struct Annotation {
  std::string id;  // unique within the sidecar ("a1", "a2", ...)
  std::string title;
  std::string text;
  AnnotationCategory category = AnnotationCategory::Other;
  int severity = 1;          // 1 (minor) .. 5 (critical)
  std::string author;
  std::string time;          // ISO 8601 UTC, "2026-11-26T10:15:00Z"
  std::string photo;         // optional path to a photo, as the user gave it
  glm::dvec3 position{0.0};  // world (x east, y up, z south)
  glm::dvec3 normal{0, 1, 0};
  NodeRef element;           // what the pin sits on
};

struct ConditionRecord {
  std::string grade;  // A..D (or the project's own scale)
  std::string notes;
  std::string author;
  std::string time;
};

struct SavedMeasurement {
  enum class Kind { Distance, Height, Polyline, Area };
  Kind kind = Kind::Distance;
  std::vector<glm::dvec3> points;  // world
  double value = 0.0;              // metres or square metres
  std::string label;
};

struct InspectionSidecar {
  std::vector<Annotation> annotations;
  std::map<std::string, ConditionRecord> conditions;  // keyed by node_key(NodeRef)
  std::vector<SavedMeasurement> measurements;
  std::vector<Bookmark> bookmarks;

  std::string next_annotation_id() const;
};

std::string node_key(const NodeRef& ref);  // "taihedian#12"

// `<file>.annotations.json` beside the scene or model file.
std::filesystem::path sidecar_path(const std::filesystem::path& scene_file);

struct SidecarLoad {
  InspectionSidecar sidecar;      // empty when the file is missing or unreadable
  std::string problem;            // one line naming the file and the problem; empty when all is well
  std::filesystem::path moved_to; // where an unreadable file was moved aside
};

// A missing sidecar is not a problem (nothing recorded yet).
SidecarLoad load_sidecar(const std::filesystem::path& path);
// Atomic and durable; throws axis::Error naming the path on failure.
void save_sidecar(const std::filesystem::path& path, const InspectionSidecar& sidecar);

// The current time as ISO 8601 UTC ("2026-11-26T10:15:00Z").
std::string utc_now();

}  // namespace axis::scene
