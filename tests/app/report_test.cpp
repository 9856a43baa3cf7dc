// `axistwin report`, run as a separate process on a copy of scenes/opera-stage.json with a sidecar of
// annotations: what index.html shows (escaped), annotations.csv (BOM, RFC 4180), the rendered images,
// a corrupt sidecar (reported, report still written) and the exit codes of failures.
#include "cli_runner.h"

#include "core/image.h"
#include "scene/annotations.h"
#include "scene/import.h"
#include "scene/picking.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace {

using namespace axis_test;
using namespace axis::scene;
namespace fs = std::filesystem;
using json = nlohmann::json;

const std::string kDangerousTitle = "<script>x</script> & \"q\"";
const std::string kChineseTitle = "戏台东侧檐柱裂缝";
const std::string kChineseText = "柱身竖向裂缝，长约 40 cm, \"宽\" 2 mm.\n第二行 second line";
const std::string kReportSize = "320x180";
const std::string kSurveyCampaign = "2026 秋季巡查 autumn survey";

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else if (c == '\'') out += "&#39;";
    else out += c;
  }
  return out;
}

// RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold anything ("" is a quote).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += '"', ++i;
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.emplace_back(1);
      ++i;
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

// What a user clicking the scene would pin: the first surface a ray meets.
PickHit pick_surface(const Scene& s, const DrawableSet& drawables, const glm::dvec3& from, const glm::dvec3& towards) {
  Picker picker(s, drawables);
  auto hit = picker.pick({from, glm::normalize(towards - from)});
  if (!hit) throw std::runtime_error("the test ray hit nothing");
  return *hit;
}

// The text of the report's section for annotation `n` (1-based).
std::string article(const std::string& html, int n) {
  size_t begin = html.find(fmt::format("<article id=\"annotation-{}\"", n));
  if (begin == std::string::npos) return "";
  return html.substr(begin, html.find("</article>", begin) - begin);
}

// A temporary copy of the opera stage scene (it names generated assets, so the JSON alone suffices)
// with a sidecar: two annotations, a condition record and a measurement.
struct ReportFixture {
  TempDir dir;
  fs::path scene_path = dir / "opera-stage.json";
  Scene scene;
  int stage_node = -1;
  InspectionSidecar sidecar;

  ReportFixture() {
    // The building-level field added here shows on the element pinned below.
    json doc = json::parse(read_raw(fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / "opera-stage.json"));
    for (auto& m : doc["models"])
      if (m["id"] == "stage") m["metadata"]["survey_campaign"] = kSurveyCampaign;
    write_raw(scene_path, doc.dump(1));
    scene = load_model(scene_path);
    if (scene.diagnostics.has_errors()) throw std::runtime_error("opera-stage.json does not load");
    DrawableSet drawables = DrawableSet::build(scene);
    // The stage's east front column (檐柱 A1), seen from the yard to its north; the east courtyard's
    // outer wall, seen from the east.
    PickHit stage_hit = pick_surface(scene, drawables, {4.0, 2.5, 0.0}, {4.0, 2.5, 5.5});
    PickHit east_hit = pick_surface(scene, drawables, {80.0, 1.5, 2.0}, {26.0, 1.5, 2.0});
    stage_node = stage_hit.node;
    if (node_ref(scene, stage_node).model != "stage" || node_ref(scene, east_hit.node).model != "courtyard-east")
      throw std::runtime_error("the test rays hit other models than expected");

    Annotation a;
    a.id = "a1";
    a.title = kChineseTitle;
    a.text = kChineseText;
    a.category = AnnotationCategory::Crack;
    a.severity = 4;
    a.author = "王工";
    a.time = "2026-11-26T10:15:00Z";
    a.position = stage_hit.position;
    a.normal = stage_hit.normal;
    a.element = node_ref(scene, stage_node);
    sidecar.annotations.push_back(a);

    Annotation b;
    b.id = "a2";
    b.title = kDangerousTitle;
    b.text = "=SUM(A1:A9), plain";
    b.category = AnnotationCategory::BiologicalGrowth;
    b.severity = 2;
    b.author = "Li, Ming";
    b.time = "2026-11-26T11:00:00Z";
    b.photo = "photos/east wall #1.jpg";
    b.position = east_hit.position;
    b.normal = east_hit.normal;
    b.element = node_ref(scene, east_hit.node);
    sidecar.annotations.push_back(b);

    sidecar.conditions[node_key(a.element)] = {"C", "檐柱根部糟朽 <decay>", "王工", "2026-11-26T10:20:00Z"};
    SavedMeasurement m;
    m.kind = SavedMeasurement::Kind::Distance;
    m.points = {{0, 0, 0}, {12.3456, 0, 0}};
    m.value = 12.3456;
    m.label = "台口宽 stage opening";
    sidecar.measurements.push_back(m);
    save_sidecar(sidecar_path(scene_path), sidecar);
  }

  CliResult report(const fs::path& out, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"report", scene_path.string(), "-o", out.string(), "--size", kReportSize};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_axistwin(args);
  }
};

// The fixture's report, written into a folder that does not exist yet (the verb creates it).
struct MadeReport {
  ReportFixture fixture;
  fs::path out = fixture.dir / "report";
  CliResult result = fixture.report(out);
};

void expect_html_shows_both_annotations_escaped(const MadeReport& r) {
  std::string html = read_raw(r.out / "index.html");
  EXPECT_TRUE(contains(html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(contains(html, kChineseTitle));
  EXPECT_TRUE(contains(html, "&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;"));
  EXPECT_FALSE(contains(html, "<script")) << "a title from the sidecar must not become markup";
  EXPECT_TRUE(contains(html, "&lt;decay&gt;"));
  EXPECT_FALSE(contains(html, "<decay>"));
  // Bilingual headings and the scene's names.
  for (const char* s : {"检查报告", "Inspection report", "标注", "Annotations", "正乙祠戏楼", "Zhengyici opera stage"})
    EXPECT_TRUE(contains(html, s)) << s;
  // The photo link, percent-encoded, relative to the report folder.
  EXPECT_TRUE(contains(html, "href=\"../photos/east%20wall%20%231.jpg\"")) << html.substr(0, 2000);
}

void expect_html_shows_the_elements_metadata_with_the_buildings_fields(const MadeReport& r) {
  std::string first = article(read_raw(r.out / "index.html"), 1);
  ASSERT_FALSE(first.empty());
  const Scene& s = r.fixture.scene;
  json own = json::parse(s.nodes[r.fixture.stage_node].extras_json);
  ASSERT_TRUE(own.contains("element_type"));
  EXPECT_TRUE(contains(first, escaped(own["element_type"].get<std::string>())));
  EXPECT_TRUE(contains(first, escaped(own["name"]["en"].get<std::string>())));
  // From the placement node (the scene file's metadata for the model): building-level fields show.
  EXPECT_TRUE(contains(first, kSurveyCampaign));
  // The node reference and its position in ENU metres and on the globe.
  EXPECT_TRUE(contains(first, escaped(s.nodes[r.fixture.stage_node].name)));
  EXPECT_TRUE(contains(first, "° N")) << "latitude shown for a scene with an origin";
  const glm::dvec3& p = r.fixture.sidecar.annotations[0].position;
  EXPECT_TRUE(contains(first, fmt::format("E {:.3f} m", p.x))) << first;
}

void expect_html_shows_conditions_and_measurements(const MadeReport& r) {
  std::string html = read_raw(r.out / "index.html");
  EXPECT_TRUE(contains(html, "12.346 m"));
  EXPECT_TRUE(contains(html, "台口宽 stage opening"));
  EXPECT_TRUE(contains(html, "檐柱根部糟朽"));
  EXPECT_TRUE(contains(html, node_key(r.fixture.sidecar.annotations[0].element)));
}

void expect_csv_has_a_bom_a_header_and_one_quoted_row_per_annotation(const MadeReport& r) {
  std::string csv = read_raw(r.out / "annotations.csv");
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  auto rows = parse_csv(csv.substr(3));
  ASSERT_EQ(rows.size(), 3u) << csv;
  const std::vector<std::string> header = {"id", "title", "category", "severity", "author", "time", "element_model",
                                           "element_index", "element_name", "east_m", "north_m", "up_m", "latitude",
                                           "longitude", "height_m", "photo", "text"};
  EXPECT_EQ(rows[0], header);
  for (size_t row = 1; row < rows.size(); ++row) {
    ASSERT_EQ(rows[row].size(), header.size()) << "row " << row;
    const Annotation& a = r.fixture.sidecar.annotations[row - 1];
    EXPECT_EQ(rows[row][0], a.id);
    EXPECT_EQ(rows[row][1], a.title);
    EXPECT_EQ(rows[row][2], to_string(a.category));
    EXPECT_EQ(rows[row][3], std::to_string(a.severity));
    EXPECT_EQ(rows[row][4], a.author);
    EXPECT_EQ(rows[row][6], a.element.model);
    EXPECT_EQ(rows[row][7], std::to_string(a.element.index));
    EXPECT_EQ(rows[row][8], a.element.name);
    // ENU: east = x, north = -z, up = y.
    EXPECT_NEAR(std::stod(rows[row][9]), a.position.x, 0.001);
    EXPECT_NEAR(std::stod(rows[row][10]), -a.position.z, 0.001);
    EXPECT_NEAR(std::stod(rows[row][11]), a.position.y, 0.001);
    EXPECT_NEAR(std::stod(rows[row][12]), 39.8933, 0.01);
    EXPECT_NEAR(std::stod(rows[row][13]), 116.3933, 0.01);
    EXPECT_EQ(rows[row][15], a.photo);
  }
  EXPECT_EQ(rows[1][16], kChineseText);
  // A text a spreadsheet would run as a formula is defused with a leading apostrophe.
  EXPECT_EQ(rows[2][16], "'" + r.fixture.sidecar.annotations[1].text);
  EXPECT_TRUE(contains(csv, "\"<script>x</script> & \"\"q\"\"\"")) << "quotes doubled inside a quoted field";
}

void expect_images_have_the_requested_size_and_show_something(const MadeReport& r) {
  EXPECT_EQ(list_dir(r.out / "images"), (std::vector<std::string>{"annotation-1.png", "annotation-2.png", "overview.png"}));
  std::vector<std::vector<uint8_t>> all;
  for (const auto& name : list_dir(r.out / "images")) {
    axis::Rgba8Image image = axis::read_png(r.out / "images" / name);
    EXPECT_EQ(image.width, 320u) << name;
    EXPECT_EQ(image.height, 180u) << name;
    bool uniform = true;
    for (size_t i = 4; i < image.pixels.size() && uniform; i += 4)
      uniform = std::equal(image.pixels.begin(), image.pixels.begin() + 3, image.pixels.begin() + i);
    EXPECT_FALSE(uniform) << name << " is one colour";
    all.push_back(image.pixels);
  }
  EXPECT_NE(all[0], all[2]) << "the annotation view differs from the overview";
  EXPECT_NE(all[0], all[1]) << "each annotation has its own view";
  std::string html = read_raw(r.out / "index.html");
  for (const char* src : {"images/overview.png", "images/annotation-1.png", "images/annotation-2.png"})
    EXPECT_TRUE(contains(html, std::string("src=\"") + src + "\"")) << src;
}

void expect_nothing_else_is_left_in_the_report_folder(const MadeReport& r) {
  EXPECT_EQ(list_dir(r.out), (std::vector<std::string>{"annotations.csv", "images", "index.html"}));
  EXPECT_TRUE(contains(r.result.out, "index.html")) << r.result.describe();
}

// One report run (rendering dominates), checked part by part.
TEST(Report, OfTwoAnnotationsAConditionAndAMeasurement) {
  MadeReport r;
  ASSERT_EQ(r.result.code, 0) << r.result.describe();
  {
    SCOPED_TRACE("expect_html_shows_both_annotations_escaped");
    expect_html_shows_both_annotations_escaped(r);
  }
  {
    SCOPED_TRACE("expect_html_shows_the_elements_metadata_with_the_buildings_fields");
    expect_html_shows_the_elements_metadata_with_the_buildings_fields(r);
  }
  {
    SCOPED_TRACE("expect_html_shows_conditions_and_measurements");
    expect_html_shows_conditions_and_measurements(r);
  }
  {
    SCOPED_TRACE("expect_csv_has_a_bom_a_header_and_one_quoted_row_per_annotation");
    expect_csv_has_a_bom_a_header_and_one_quoted_row_per_annotation(r);
  }
  {
    SCOPED_TRACE("expect_images_have_the_requested_size_and_show_something");
    expect_images_have_the_requested_size_and_show_something(r);
  }
  {
    SCOPED_TRACE("expect_nothing_else_is_left_in_the_report_folder");
    expect_nothing_else_is_left_in_the_report_folder(r);
  }
}

TEST(ReportFailures, ACorruptSidecarIsReportedAndTheReportHasNoAnnotations) {
  ReportFixture f;
  fs::path sidecar = sidecar_path(f.scene_path);
  write_raw(sidecar, "{\"format\": \"axistwin-inspection/1\", \"annotations\": [ oops");
  fs::path out = f.dir / "report";
  CliResult r = f.report(out, {"--lang", "en"});
  ASSERT_EQ(r.code, 0) << r.describe();
  bool named = false;
  for (const auto& line : r.err_lines()) named = named || contains(line, sidecar.string());
  EXPECT_TRUE(named) << r.describe();
  std::string html = read_raw(out / "index.html");
  EXPECT_TRUE(contains(html, "No annotations yet"));
  EXPECT_TRUE(contains(html, "could not be read"));
  EXPECT_FALSE(contains(html, "检查报告")) << "--lang en";
  EXPECT_TRUE(contains(html, "Beijing Municipal Cultural Relic")) << "the models' metadata summary";
  auto rows = parse_csv(read_raw(out / "annotations.csv").substr(3));
  EXPECT_EQ(rows.size(), 1u);
  EXPECT_EQ(list_dir(out / "images"), std::vector<std::string>{"overview.png"});
  EXPECT_FALSE(fs::exists(sidecar)) << "moved aside";
}

TEST(ReportFailures, AnUnwritableFolderFailsNamingIt) {
  TempDir dir;
  write_raw(dir / "a-file", "not a folder");
  fs::path out = dir / "a-file" / "report";
  CliResult r = run_axistwin({"report", (fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / "opera-stage.json").string(), "-o",
                              out.string(), "--size", kReportSize});
  EXPECT_EQ(r.code, 1) << r.describe();
  EXPECT_TRUE(contains(r.err, out.string())) << r.describe();
}

TEST(ReportFailures, UsageErrorsAndAMissingScene) {
  TempDir dir;
  std::string scene = (fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / "opera-stage.json").string();
  EXPECT_EQ(run_axistwin({"report", scene, "-o", (dir / "r").string(), "--lang", "fr"}).code, 2);
  EXPECT_EQ(run_axistwin({"report", scene, "-o", (dir / "r").string(), "--size", "big"}).code, 2);
  EXPECT_EQ(run_axistwin({"report", scene}).code, 2) << "-o is required";
  CliResult missing = run_axistwin({"report", (dir / "nope.json").string(), "-o", (dir / "r").string()});
  EXPECT_EQ(missing.code, 1) << missing.describe();
  EXPECT_TRUE(contains(missing.err, "nope.json")) << missing.describe();
  CliResult help = run_axistwin({"report", "--help"});
  EXPECT_EQ(help.code, 0);
  for (const char* o : {"--output", "--size", "--lang", "--samples"}) EXPECT_TRUE(contains(help.out, o)) << o;
}

}  // namespace
