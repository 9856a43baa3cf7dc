// The inspection report's documents, GPU-free: index.html (self-contained apart from its images, every
// user or file text HTML-escaped) and annotations.csv (UTF-8 with a BOM, RFC 4180), made from a scene,
// its inspection sidecar and the names of images rendered beforehand (verb_report.cpp renders them).
#pragma once

#include "core/geo.h"
#include "scene/annotations.h"
#include "scene/scene.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace axis::app {

enum class ReportLanguage { Zh, En, Both };
// "zh", "en" or "both".
std::optional<ReportLanguage> report_language_from_string(const std::string& text);

// One field of an element's heritage metadata as shown. Bilingual values ({"zh", "en"}) keep both;
// other values are their text (strings as they are, numbers and booleans as JSON, nested objects and
// arrays as compact JSON with `nested` set).
struct MetadataField {
  std::string key;
  std::string value_zh, value_en;
  bool nested = false;
};

// The element's heritage metadata: the extras of its top ancestor (a placement node), then each node
// below it down to `node`, merged in that order (RFC 7386), so building-level fields show on an element.
std::vector<MetadataField> element_metadata(const scene::Scene& scene, int node);

// A world point in the scene's east-north-up frame (east = x, north = -z, up = y), and on the WGS84
// ellipsoid when the scene has an origin.
struct EarthPlace {
  glm::dvec3 enu{0.0};
  std::optional<geo::Geodetic> geodetic;
};
EarthPlace locate(const scene::Scene& scene, const glm::dvec3& world);

// Everything the documents show. Image paths are relative to the report folder ("images/a.png");
// an empty one means the image could not be made.
struct ReportContent {
  const scene::Scene* scene = nullptr;
  const scene::InspectionSidecar* sidecar = nullptr;
  std::filesystem::path sidecar_file;
  std::string sidecar_problem;  // one line, shown at the top; empty when the sidecar read well
  std::filesystem::path report_dir;
  ReportLanguage language = ReportLanguage::Both;
  std::string generated_at;  // ISO 8601 UTC
  uint32_t image_width = 0, image_height = 0;
  std::string overview_image;
  std::string overview_caption_zh, overview_caption_en;  // the bookmark it shows, or the default view
  std::vector<std::string> annotation_images;            // one per sidecar annotation
};

std::string report_html(const ReportContent& content);
std::string report_csv(const ReportContent& content);

// `& < > " '` as entities: safe in element content and in quoted attributes.
std::string html_escape(std::string_view text);
// One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or outer spaces.
std::string csv_field(std::string_view text);
// "12.346 m": metres to the millimetre; areas "3.50 m²".
std::string format_metres(double metres);
std::string format_square_metres(double square_metres);

}  // namespace axis::app
