// The inspection report's index.html and annotations.csv (see report.h). Labels are bilingual; every
// text that comes from the scene, the sidecar or the models goes through html_escape or csv_field.
#include "app/report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <regex>

namespace axis::app {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// ---- words ---------------------------------------------------------------------------------------

struct Words {
  const char* zh;
  const char* en;
};

// A label in the report's language(s); labels are constants, so they need no escaping.
std::string say(ReportLanguage lang, Words w) {
  if (lang == ReportLanguage::Zh) return w.zh;
  if (lang == ReportLanguage::En) return w.en;
  return fmt::format("{} <span class=\"en\" lang=\"en\">{}</span>", w.zh, w.en);
}

// A text from the scene or the sidecar in both languages, escaped.
std::string bilingual(ReportLanguage lang, const std::string& zh, const std::string& en) {
  const std::string& z = zh.empty() ? en : zh;
  const std::string& e = en.empty() ? zh : en;
  if (lang == ReportLanguage::Zh) return html_escape(z);
  if (lang == ReportLanguage::En || z == e) return html_escape(e);
  return fmt::format("{} <span class=\"en\" lang=\"en\">{}</span>", html_escape(z), html_escape(e));
}

Words category_words(scene::AnnotationCategory c) {
  switch (c) {
    case scene::AnnotationCategory::Crack: return {"裂缝", "Crack"};
    case scene::AnnotationCategory::Weathering: return {"风化", "Weathering"};
    case scene::AnnotationCategory::BiologicalGrowth: return {"生物病害", "Biological growth"};
    case scene::AnnotationCategory::MissingElement: return {"构件缺失", "Missing element"};
    case scene::AnnotationCategory::Deformation: return {"变形", "Deformation"};
    case scene::AnnotationCategory::Other: break;
  }
  return {"其他", "Other"};
}

Words severity_words(int severity) {
  static const Words kWords[] = {{"轻微", "minor"}, {"一般", "moderate"}, {"较重", "significant"},
                                 {"严重", "severe"}, {"危急", "critical"}};
  return kWords[std::clamp(severity, 1, 5) - 1];
}

Words kind_words(scene::SavedMeasurement::Kind k) {
  switch (k) {
    case scene::SavedMeasurement::Kind::Distance: return {"距离", "Distance"};
    case scene::SavedMeasurement::Kind::Height: return {"高差", "Height"};
    case scene::SavedMeasurement::Kind::Polyline: return {"折线长度", "Polyline"};
    case scene::SavedMeasurement::Kind::Area: return {"面积", "Area"};
  }
  return {"", ""};
}

// The documented heritage fields (docs/scene-format.md), in the order they are shown; others follow.
const std::vector<std::pair<std::string, Words>>& known_fields() {
  static const std::vector<std::pair<std::string, Words>> kFields = {
      {"name", {"名称", "Name"}}, {"element_type", {"构件类型", "Element type"}}, {"building", {"建筑", "Building"}},
      {"period", {"年代", "Period"}}, {"protection_level", {"保护级别", "Protection level"}},
      {"material", {"材料", "Material"}}, {"structural_system", {"结构体系", "Structural system"}},
      {"condition_grade", {"现状等级", "Condition grade"}}, {"last_inspection", {"上次检查", "Last inspection"}},
      {"placeholder", {"示意数据", "Placeholder"}}, {"note", {"备注", "Note"}}};
  return kFields;
}

std::string field_label(ReportLanguage lang, const std::string& key) {
  for (const auto& [k, words] : known_fields())
    if (k == key) return say(lang, words);
  return "<code>" + html_escape(key) + "</code>";
}

// ---- numbers and places --------------------------------------------------------------------------

// Fixed decimals without a "-0.000" for values that round to zero.
std::string fixed(double v, int decimals) {
  std::string text = fmt::format("{:.{}f}", v, decimals);
  if (text[0] == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

std::string enu_text(const glm::dvec3& enu) {
  return fmt::format("E {} m, N {} m, U {} m", fixed(enu.x, 3), fixed(enu.y, 3), fixed(enu.z, 3));
}

std::string or_dash(const std::string& html) { return html.empty() ? "—" : html; }

std::string geodetic_text(const geo::Geodetic& g) {
  return fmt::format("{}° {}, {}° {}, {} m", fixed(std::abs(g.latitude), 8), g.latitude < 0 ? 'S' : 'N',
                     fixed(std::abs(g.longitude), 8), g.longitude < 0 ? 'W' : 'E', fixed(g.height, 3));
}

// A path as a URL path: unreserved bytes and '/' stay, everything else is percent-encoded.
std::string url_path(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

// The element's name as people know it: its metadata name, else its node name.
std::string element_name_html(ReportLanguage lang, const std::vector<MetadataField>& fields, const std::string& node_name) {
  for (const auto& f : fields)
    if (f.key == "name" && !f.nested) return bilingual(lang, f.value_zh, f.value_en);
  return html_escape(node_name);
}

// "stage#12" -> the scene node, or -1 (conditions are keyed without a name to check).
int node_of_key(const scene::Scene& scene, const std::string& key) {
  size_t hash = key.rfind('#');
  if (hash == std::string::npos) return -1;
  std::string model = key.substr(0, hash);
  int index = 0;
  auto [end, error] = std::from_chars(key.data() + hash + 1, key.data() + key.size(), index);
  if (error != std::errc() || end != key.data() + key.size()) return -1;
  if (model.empty()) return scene.models.empty() && index >= 0 && index < int(scene.nodes.size()) ? index : -1;
  for (const auto& p : scene.models)
    if (p.id == model && index >= -1 && index < p.node_count) return p.root_node + 1 + index;
  return -1;
}

int subtree_size(const scene::Scene& scene, int node) {
  int count = 0;
  std::vector<int> stack = {node};
  while (!stack.empty() && count <= static_cast<int>(scene.nodes.size())) {
    int n = stack.back();
    stack.pop_back();
    ++count;
    for (int c : scene.nodes[n].children) stack.push_back(c);
  }
  return count;
}

// ---- HTML pieces ---------------------------------------------------------------------------------

constexpr const char* kStyle = R"(
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
       margin: 0 auto; max-width: 1100px; padding: 24px; color: #222; line-height: 1.5; }
h1 { margin-bottom: 0; } h2 { border-bottom: 2px solid #8b2f1f; padding-bottom: 4px; margin-top: 40px; }
.en { color: #666; font-weight: normal; } .scene-name { font-size: 1.3em; margin-top: 4px; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; }
dl.facts dt { color: #555; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.95em; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; } th { background: #f3eee8; }
figure { margin: 12px 0; } figure img { max-width: 100%; height: auto; border: 1px solid #bbb; }
figcaption { color: #555; font-size: 0.9em; }
article { border: 1px solid #ddd; border-left: 6px solid #c0392b; padding: 8px 16px; margin: 20px 0; page-break-inside: avoid; }
article.sev1 { border-left-color: #f1c40f; } article.sev2 { border-left-color: #e6a817; }
article.sev3 { border-left-color: #e67e22; } article.sev4 { border-left-color: #d35400; } article.sev5 { border-left-color: #a93226; }
.annotation-body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; }
.text { white-space: pre-wrap; } .missing { color: #a93226; }
.problem { background: #fdecea; border: 1px solid #e6a39a; padding: 8px; }
details pre { white-space: pre-wrap; word-break: break-all; font-size: 0.85em; }
footer { margin-top: 40px; color: #777; font-size: 0.85em; }
@media print { body { max-width: none; } }
)";

// Opens a table with a row of column headings.
void table_head(std::string& out, ReportLanguage lang, std::initializer_list<Words> columns) {
  out += "<table>\n<tr>";
  for (Words w : columns) out += "<th>" + say(lang, w) + "</th>";
  out += "</tr>\n";
}

void metadata_table(std::string& out, ReportLanguage lang, const std::vector<MetadataField>& fields) {
  if (fields.empty()) {
    out += "<p>" + say(lang, {"无元数据", "No metadata"}) + "</p>\n";
    return;
  }
  out += "<table class=\"metadata\">\n";
  for (const auto& f : fields) {
    out += "<tr><th>" + field_label(lang, f.key) + "</th><td>";
    if (f.nested) out += "<details><summary>JSON</summary><pre>" + html_escape(f.value_en) + "</pre></details>";
    else out += bilingual(lang, f.value_zh, f.value_en);
    out += "</td></tr>\n";
  }
  out += "</table>\n";
}

void image_figure(std::string& out, const ReportContent& c, const std::string& src, const std::string& caption) {
  if (src.empty()) {
    out += "<p class=\"missing\">" + say(c.language, {"图像未能生成", "The image could not be rendered"}) + "</p>\n";
    return;
  }
  out += fmt::format("<figure><img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>\n",
                     html_escape(url_path(src)), c.image_width, c.image_height, html_escape(src), caption);
}

std::string photo_html(const ReportContent& c, const std::string& photo) {
  if (photo.empty()) return "—";
  // Web addresses are linked as they are; any other URL scheme (javascript:, data:) is shown, not linked.
  // (A scheme has two letters or more: "C:/photos" is a Windows path.)
  static const std::regex kScheme("^([A-Za-z][A-Za-z0-9+.-]+):");
  if (std::smatch m; std::regex_search(photo, m, kScheme)) {
    bool web = std::regex_match(m[1].str(), std::regex("https?", std::regex::icase));
    return web ? fmt::format("<a href=\"{}\">{}</a>", html_escape(photo), html_escape(photo)) : html_escape(photo);
  }
  // A relative photo path is relative to the sidecar's folder; link it from the report folder.
  fs::path file = fs::path(photo).is_absolute() ? fs::path(photo) : c.sidecar_file.parent_path() / photo;
  fs::path from = fs::absolute(c.report_dir).lexically_normal();
  fs::path link = fs::absolute(file).lexically_normal().lexically_proximate(from);
  std::error_code ec;
  std::string note = fs::exists(file, ec) ? "" : " <span class=\"missing\">(" + say(c.language, {"文件不存在", "file not found"}) + ")</span>";
  return fmt::format("<a href=\"{}\">{}</a>{}", html_escape(url_path(link.generic_string())), html_escape(photo), note);
}

void annotation_html(std::string& out, const ReportContent& c, size_t i) {
  const scene::Scene& s = *c.scene;
  const scene::Annotation& a = c.sidecar->annotations[i];
  ReportLanguage lang = c.language;
  out += fmt::format("<article id=\"annotation-{}\" class=\"sev{}\">\n<h3>{} · {}</h3>\n", i + 1,
                     std::clamp(a.severity, 1, 5), html_escape(a.id), html_escape(a.title));
  out += "<div class=\"annotation-body\">\n";
  image_figure(out, c, i < c.annotation_images.size() ? c.annotation_images[i] : "",
               say(lang, {"标注位置（高亮图钉）", "Where the pin is (highlighted)"}));
  EarthPlace place = locate(s, a.position);
  out += "<dl class=\"facts\">\n";
  auto fact = [&](Words label, const std::string& value_html) {
    out += "<dt>" + say(lang, label) + "</dt><dd>" + value_html + "</dd>\n";
  };
  fact({"类别", "Category"}, say(lang, category_words(a.category)));
  fact({"严重程度", "Severity"}, fmt::format("{} — {}", a.severity, say(lang, severity_words(a.severity))));
  fact({"记录人", "Author"}, or_dash(html_escape(a.author)));
  fact({"时间", "Time"}, or_dash(html_escape(a.time)));
  fact({"位置 (东北天)", "Position (ENU)"}, enu_text(place.enu));
  if (place.geodetic) fact({"经纬度、高程", "Latitude, longitude, height"}, geodetic_text(*place.geodetic));
  fact({"照片", "Photo"}, photo_html(c, a.photo));
  out += "</dl>\n</div>\n";
  out += "<p class=\"text\">" + html_escape(a.text) + "</p>\n";

  out += "<h4>" + say(lang, {"所在构件", "Element"}) + "</h4>\n";
  int node = scene::resolve(s, a.element);
  std::string ref_text = html_escape(fmt::format("{} #{} “{}”", a.element.model.empty() ? "(model)" : a.element.model,
                                                 a.element.index, a.element.name));
  if (node < 0) {
    bool recorded = !a.element.model.empty() || a.element.index >= 0 || !a.element.name.empty();
    out += "<p class=\"missing\">" +
           (recorded ? say(lang, {"此场景中找不到该构件", "This element is not in the scene"}) + ": " + ref_text
                     : say(lang, {"未记录构件", "No element recorded"})) +
           "</p>\n";
  } else {
    auto fields = element_metadata(s, node);
    out += "<p>" + element_name_html(lang, fields, s.nodes[node].name) + " <span class=\"en\">(" + ref_text + ")</span></p>\n";
    metadata_table(out, lang, fields);
  }
  out += "</article>\n";
}

void models_html(std::string& out, const ReportContent& c) {
  const scene::Scene& s = *c.scene;
  ReportLanguage lang = c.language;
  out += "<section id=\"models\">\n<h2>" + say(lang, {"模型与元数据", "Models and their metadata"}) + "</h2>\n";
  table_head(out, lang, {{"模型", "Model"}, {"名称", "Name"}, {"节点数", "Nodes"}, {"元数据", "Metadata"}});
  auto row = [&](const std::string& id, int node, int count) {
    auto fields = element_metadata(s, node);
    std::string meta;
    for (const auto& f : fields) {
      if (f.key == "name" || f.nested) continue;
      meta += field_label(lang, f.key) + ": " + bilingual(lang, f.value_zh, f.value_en) + "<br>";
    }
    out += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>\n", html_escape(id),
                       or_dash(element_name_html(lang, fields, s.nodes[node].name)), count, or_dash(meta));
  };
  if (!s.models.empty()) {
    for (const auto& p : s.models) row(p.id, p.root_node, p.node_count);
  } else {
    for (int r : s.roots) row(s.nodes[r].name.empty() ? fmt::format("#{}", r) : s.nodes[r].name, r, subtree_size(s, r));
  }
  out += "</table>\n</section>\n";
}

void records_html(std::string& out, const ReportContent& c) {
  const scene::Scene& s = *c.scene;
  const scene::InspectionSidecar& sc = *c.sidecar;
  ReportLanguage lang = c.language;
  auto none = [&] { out += "<p>" + say(lang, {"暂无", "None yet"}) + "</p>\n"; };

  out += "<section id=\"conditions\">\n<h2>" + say(lang, {"现状记录", "Condition records"}) + "</h2>\n";
  if (sc.conditions.empty()) none();
  else {
    table_head(out, lang, {{"构件", "Element"}, {"等级", "Grade"}, {"说明", "Notes"}, {"记录人", "Author"}, {"时间", "Time"}});
    for (const auto& [key, rec] : sc.conditions) {
      int node = node_of_key(s, key);
      std::string element = node >= 0 ? element_name_html(lang, element_metadata(s, node), s.nodes[node].name) + " " : "";
      out += fmt::format("<tr><td>{}<code>{}</code></td><td>{}</td><td class=\"text\">{}</td><td>{}</td><td>{}</td></tr>\n",
                         element, html_escape(key), html_escape(rec.grade), html_escape(rec.notes),
                         html_escape(rec.author), html_escape(rec.time));
    }
    out += "</table>\n";
  }
  out += "</section>\n";

  out += "<section id=\"measurements\">\n<h2>" + say(lang, {"测量", "Measurements"}) + "</h2>\n";
  if (sc.measurements.empty()) none();
  else {
    table_head(out, lang, {{"类型", "Kind"}, {"标签", "Label"}, {"数值", "Value"}, {"测点 (东北天)", "Points (ENU)"}});
    for (const auto& m : sc.measurements) {
      std::string points;
      for (const auto& p : m.points) points += enu_text(locate(s, p).enu) + "<br>";
      std::string value = m.kind == scene::SavedMeasurement::Kind::Area ? format_square_metres(m.value) : format_metres(m.value);
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", say(lang, kind_words(m.kind)),
                         html_escape(m.label), html_escape(value), points);
    }
    out += "</table>\n";
  }
  out += "</section>\n";

  out += "<section id=\"bookmarks\">\n<h2>" + say(lang, {"视点书签", "Bookmarks"}) + "</h2>\n";
  if (sc.bookmarks.empty()) none();
  else {
    table_head(out, lang, {{"名称", "Name"}, {"视点 (东北天)", "Eye (ENU)"}, {"目标 (东北天)", "Target (ENU)"},
                           {"视场角", "Field of view"}});
    for (const auto& b : sc.bookmarks)
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.1f}°</td></tr>\n", bilingual(lang, b.name_zh, b.name_en),
                         enu_text(locate(s, b.eye).enu), enu_text(locate(s, b.target).enu), b.fov_degrees);
    out += "</table>\n";
  }
  out += "</section>\n";
}

// CSV text fields that a spreadsheet would run as a formula get a leading apostrophe.
std::string csv_text(const std::string& text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos) return csv_field("'" + text);
  return csv_field(text);
}

}  // namespace

std::optional<ReportLanguage> report_language_from_string(const std::string& text) {
  if (text == "zh") return ReportLanguage::Zh;
  if (text == "en") return ReportLanguage::En;
  if (text == "both") return ReportLanguage::Both;
  return std::nullopt;
}

std::vector<MetadataField> element_metadata(const scene::Scene& scene, int node) {
  std::vector<int> chain;
  for (int n = node; n >= 0 && n < static_cast<int>(scene.nodes.size()) && chain.size() <= scene.nodes.size();
       n = scene.nodes[n].parent)
    chain.push_back(n);
  json merged = json::object();
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const std::string& extras = scene.nodes[*it].extras_json;
    if (extras.empty()) continue;
    json patch = json::parse(extras, nullptr, false);
    if (patch.is_object()) merged.merge_patch(patch);
  }
  std::vector<MetadataField> fields;
  auto add = [&](const std::string& key, const json& v) {
    MetadataField f{key, "", "", false};
    if (v.is_string()) {
      f.value_zh = f.value_en = v.get<std::string>();
    } else if (v.is_object() && !v.empty() && v.size() <= 2 && std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_string(); }) &&
               (v.contains("zh") || v.contains("en")) && (v.size() == 1 || (v.contains("zh") && v.contains("en")))) {
      f.value_zh = v.value("zh", std::string());
      f.value_en = v.value("en", std::string());
    } else {
      f.nested = v.is_object() || v.is_array();
      f.value_zh = f.value_en = v.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    fields.push_back(std::move(f));
  };
  for (const auto& [key, words] : known_fields())
    if (auto it = merged.find(key); it != merged.end()) add(key, *it);
  for (auto it = merged.begin(); it != merged.end(); ++it) {
    bool known = std::any_of(known_fields().begin(), known_fields().end(), [&](const auto& k) { return k.first == it.key(); });
    if (!known) add(it.key(), it.value());
  }
  return fields;
}

EarthPlace locate(const scene::Scene& scene, const glm::dvec3& world) {
  EarthPlace place;
  place.enu = geo::world_to_enu(world);
  if (scene.origin) place.geodetic = geo::EnuFrame(*scene.origin).to_geodetic(place.enu);
  return place;
}

std::string report_html(const ReportContent& c) {
  const scene::Scene& s = *c.scene;
  const scene::InspectionSidecar& sc = *c.sidecar;
  ReportLanguage lang = c.language;
  std::string scene_name = bilingual(lang, s.name_zh, s.name_en);
  if (s.name_zh.empty() && s.name_en.empty()) scene_name = html_escape(s.source.filename().string());

  std::string out;
  out += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>{} — {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                     lang == ReportLanguage::En ? "en" : "zh-Hans",
                     lang == ReportLanguage::En ? "Inspection report" : lang == ReportLanguage::Zh ? "检查报告" : "检查报告 Inspection report",
                     html_escape(lang == ReportLanguage::En ? (s.name_en.empty() ? s.name_zh : s.name_en)
                                                            : (s.name_zh.empty() ? s.name_en : s.name_zh)),
                     kStyle);
  out += "<header>\n<h1>" + say(lang, {"检查报告", "Inspection report"}) + "</h1>\n";
  out += "<p class=\"scene-name\">" + scene_name + "</p>\n<dl class=\"facts\">\n";
  auto fact = [&](Words label, const std::string& value_html) {
    out += "<dt>" + say(lang, label) + "</dt><dd>" + value_html + "</dd>\n";
  };
  fact({"场景文件", "Scene file"}, html_escape(s.source.string()));
  fact({"检查记录", "Inspection records"}, html_escape(c.sidecar_file.string()));
  fact({"生成时间", "Generated"}, html_escape(c.generated_at));
  if (s.origin) fact({"原点", "Origin"}, geodetic_text(*s.origin));
  out += "</dl>\n";
  if (!c.sidecar_problem.empty())
    out += "<p class=\"problem\">" + say(lang, {"检查记录无法读取", "The inspection records could not be read"}) + ": " +
           html_escape(c.sidecar_problem) + "</p>\n";
  out += "</header>\n";

  // Summary: counts and the overview.
  std::map<int, int> by_severity;
  for (const auto& a : sc.annotations) ++by_severity[a.severity];
  std::string severities;
  for (const auto& [sev, n] : by_severity)
    severities += fmt::format("{}{} × {}", severities.empty() ? "" : ", ", n, say(lang, severity_words(sev)));
  out += "<section id=\"summary\">\n<h2>" + say(lang, {"概况", "Summary"}) + "</h2>\n<table>\n";
  auto count = [&](Words label, size_t n, const std::string& detail = "") {
    out += fmt::format("<tr><th>{}</th><td>{}{}</td></tr>\n", say(lang, label), n, detail.empty() ? "" : " (" + detail + ")");
  };
  count({"模型", "Models"}, s.models.empty() ? 1 : s.models.size());
  count({"标注", "Annotations"}, sc.annotations.size(), severities);
  count({"现状记录", "Condition records"}, sc.conditions.size());
  count({"测量", "Measurements"}, sc.measurements.size());
  count({"视点书签", "Bookmarks"}, sc.bookmarks.size());
  out += "</table>\n";
  image_figure(out, c, c.overview_image,
               say(lang, {"总览", "Overview"}) + ": " + bilingual(lang, c.overview_caption_zh, c.overview_caption_en));
  out += "</section>\n";

  models_html(out, c);

  out += "<section id=\"annotations\">\n<h2>" + say(lang, {"标注", "Annotations"}) + "</h2>\n";
  if (sc.annotations.empty()) out += "<p>" + say(lang, {"尚无标注", "No annotations yet"}) + "</p>\n";
  for (size_t i = 0; i < sc.annotations.size(); ++i) annotation_html(out, c, i);
  out += "</section>\n";

  records_html(out, c);
  out += "<footer>axistwin report · " + html_escape(c.generated_at) + "</footer>\n</body>\n</html>\n";
  return out;
}

std::string report_csv(const ReportContent& c) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 BOM: spreadsheet programs then read the Chinese text right
  out += "id,title,category,severity,author,time,element_model,element_index,element_name,east_m,north_m,up_m,"
         "latitude,longitude,height_m,photo,text\r\n";
  for (const auto& a : c.sidecar->annotations) {
    EarthPlace place = locate(*c.scene, a.position);
    std::vector<std::string> row = {
        csv_text(a.id), csv_text(a.title), scene::to_string(a.category), std::to_string(a.severity),
        csv_text(a.author), csv_text(a.time), csv_text(a.element.model), std::to_string(a.element.index),
        csv_text(a.element.name), fixed(place.enu.x, 3), fixed(place.enu.y, 3), fixed(place.enu.z, 3),
        place.geodetic ? fixed(place.geodetic->latitude, 8) : "", place.geodetic ? fixed(place.geodetic->longitude, 8) : "",
        place.geodetic ? fixed(place.geodetic->height, 3) : "", csv_text(a.photo), csv_text(a.text)};
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i];
    out += "\r\n";
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string csv_field(std::string_view text) {
  bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string format_metres(double metres) { return fixed(metres, 3) + " m"; }
std::string format_square_metres(double square_metres) { return fixed(square_metres, 2) + " m²"; }

}  // namespace axis::app
