#include "ui/monitor_panel.h"

#include "monitor/iso_time.h"
#include "ui/panels.h"
#include "ui/sensor_overlay.h"
#include "ui/strings.h"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace axis::ui {

namespace {

const char* level_text(monitor::Level level) {
  switch (level) {
    case monitor::Level::Normal: return tr(Str::LevelNormal);
    case monitor::Level::Attention: return tr(Str::LevelAttention);
    case monitor::Level::Warning: return tr(Str::LevelWarning);
    case monitor::Level::Alarm: return tr(Str::LevelAlarm);
    case monitor::Level::NoData: break;
  }
  return tr(Str::NoData);
}

ImVec4 level_imcolor(monitor::Level level, bool stale) {
  glm::vec4 c = level_color(level, stale);
  return ImVec4(c.r, c.g, c.b, c.a);
}

const std::string& sensor_name(const monitor::Sensor& s) {
  const std::string& n = language() == Lang::Zh ? s.name_zh : s.name_en;
  return n.empty() ? s.id : n;
}

// Local time in Beijing (UTC+8) for display: "05-01 14:20:00".
std::string beijing_time(int64_t ms) {
  std::string iso = monitor::format_iso8601_ms(ms + 8 * 3600 * 1000LL);
  return iso.size() >= 19 ? iso.substr(5, 5) + " " + iso.substr(11, 8) : iso;
}

// The stored history's first and last moments over all sensors.
std::pair<int64_t, int64_t> history_span(const monitor::Monitor& m) {
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (size_t i = 0; i < m.sensors().size(); ++i) {
    auto first = m.store().range(static_cast<int>(i), INT64_MIN, INT64_MAX, 2);
    if (!first.empty()) lo = std::min(lo, first.front().time_ms);
    if (auto last = m.store().latest(static_cast<int>(i))) hi = std::max(hi, last->time_ms);
  }
  if (lo > hi) lo = hi = m.now_ms();
  return {lo, hi};
}

// A dot of the level's colour, one text line high.
void level_dot(ImVec4 color) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + h * 0.5f, p.y + h * 0.5f), h * 0.32f, ImGui::GetColorU32(color));
  ImGui::Dummy(ImVec2(h, h));
  ImGui::SameLine();
}

// The heat map's colours from calm to alarm as a small bar, with the levels under the mouse.
void heat_legend() {
  const float h = ImGui::GetTextLineHeight(), w = 120.0f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  constexpr int kSteps = 24;
  for (int i = 0; i < kSteps; ++i) {
    glm::vec4 c = severity_color(3.6 * (i + 0.5) / kSteps);
    // ImGui colours are linear on the sRGB swapchain: square the sRGB values (close enough for a legend).
    ImU32 col = ImGui::GetColorU32(ImVec4(c.r * c.r, c.g * c.g, c.b * c.b, 1.0f));
    dl->AddRectFilled(ImVec2(p.x + w * i / kSteps, p.y + h * 0.2f), ImVec2(p.x + w * (i + 1) / kSteps, p.y + h * 0.8f), col);
  }
  ImGui::Dummy(ImVec2(w, h));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s | %s | %s | %s", tr(Str::LevelNormal), tr(Str::LevelAttention), tr(Str::LevelWarning),
                      tr(Str::LevelAlarm));
}

scene::Bookmark look_at_sensor(const monitor::Sensor& s) {
  scene::Bookmark b;
  b.target = s.position;
  b.eye = s.position + glm::dvec3(18.0, 14.0, 22.0);  // from the south-east, above
  b.fov_degrees = 45.0;
  return b;
}

}  // namespace

MonitorView::MonitorView(monitor::Monitor& monitor) : monitor_(monitor) {
  auto events = monitor_.alarms().newest_first(1);
  last_event_ = events.empty() ? 0 : events.front().id;
  time_ms = monitor_.now_ms();
}

void MonitorView::update(double now_seconds) {
  monitor_.pump(20000);  // a bounded amount per frame: a burst never stalls the window
  for (const auto& e : monitor_.alarms().newest_first(8)) {
    if (e.id <= last_event_) break;
    if (e.to > e.from && e.to >= monitor::Level::Warning) {
      const monitor::Sensor& s = monitor_.sensors()[e.sensor];
      notice = fmt::format("{}: {} -> {} ({:.3g} {})", tr(Str::NewAlarm), sensor_name(s), level_text(e.to), e.value, s.unit);
      notice_until = now_seconds + 10.0;
    }
  }
  auto newest = monitor_.alarms().newest_first(1);
  if (!newest.empty()) last_event_ = std::max(last_event_, newest.front().id);
}

std::vector<monitor::Reading> MonitorView::shown_readings() const {
  if (!live) return monitor_.readings(time_ms);
  std::vector<monitor::Reading> r;
  r.reserve(monitor_.sensors().size());
  for (size_t i = 0; i < monitor_.sensors().size(); ++i) r.push_back(monitor_.latest_reading(static_cast<int>(i)));
  return r;
}

void MonitorView::add_overlay(render::Overlay& overlay, double now_seconds) const {
  if (!show) return;
  add_sensor_pins(monitor_, shown_readings(), overlay, 0.5 + 0.5 * std::sin(now_seconds * 6.0), selected);
}

bool MonitorView::update_heat_map(render::DrapedLayer& layer, double now_seconds, double interval) {
  if (!show || !show_heat) {
    if (!heat_drawn_) return false;
    heat_drawn_ = false;
    heat_time_ = INT64_MIN;
    layer = {};
    return true;
  }
  const int64_t t = shown_time();
  const uint64_t stored = monitor_.ingest().stored;
  // Live, the clock moves every frame: readings only change with new observations or as they go stale,
  // so a live map is rebuilt for new data, and at least every few seconds.
  const bool moment_changed = live ? t - heat_time_ > 5000 : t != heat_time_;
  if (heat_drawn_ && ((!moment_changed && stored == heat_stored_) || now_seconds - heat_built_at_ < interval)) return false;
  if (heat_grid_.empty()) {
    heat_grid_ = monitor::crowd_heat_layout(monitor_.sensors());
    if (heat_grid_.empty()) return false;  // no crowd sensors: no map
  }
  monitor::fill_crowd_heat(heat_grid_, monitor_.sensors(), shown_readings());
  layer = crowd_heat_layer(heat_grid_);
  heat_drawn_ = true;
  heat_built_at_ = now_seconds;
  heat_time_ = t;
  heat_stored_ = stored;
  return true;
}

// The value of the sensor whose pin is under the mouse, as a tooltip.
void draw_sensor_hover(MonitorView& view, const PanelHost& host) {
  if (!view.show || ImGui::GetIO().WantCaptureMouse) return;
  monitor::Monitor& m = view.monitor();
  const ImVec2 mouse = ImGui::GetMousePos();
  int best = -1;
  float best_d2 = 18.0f * 18.0f;  // pins are about 26 px tall: their head sits ~20 px above the tip
  for (size_t i = 0; i < m.sensors().size(); ++i) {
    const monitor::Sensor& s = m.sensors()[i];
    if (!s.positioned) continue;
    auto p = project_to_screen(host.camera, host.viewport, s.position);
    if (!p) continue;
    const float dx = p->x - mouse.x, dy = (p->y - 18.0f) - mouse.y;
    if (dx * dx + dy * dy < best_d2) {
      best_d2 = dx * dx + dy * dy;
      best = static_cast<int>(i);
    }
  }
  if (best < 0) return;
  const monitor::Sensor& s = m.sensors()[best];
  const monitor::Reading r = view.live ? m.latest_reading(best) : m.reading(best, view.shown_time());
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(sensor_name(s).c_str());
  if (r.has_value) {
    ImGui::TextColored(level_imcolor(r.level, r.stale), "%.4g %s  %s%s", r.value, s.unit.c_str(), level_text(r.level),
                       r.stale ? (std::string("  ") + tr(Str::Stale)).c_str() : "");
    ImGui::TextDisabled("%s", beijing_time(r.time_ms).c_str());
  } else {
    ImGui::TextDisabled("%s", tr(Str::NoData));
  }
  ImGui::EndTooltip();
}

void draw_monitor_panel(MonitorView& view, PanelHost& host, double now_seconds) {
  monitor::Monitor& m = view.monitor();
  draw_sensor_hover(view, host);
  const PanelArea area = panel_area();
  ImGui::SetNextWindowPos(ImVec2(area.x + area.w * 0.5f - 260, area.y + 8), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(520, 520), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowCollapsed(true, ImGuiCond_FirstUseEver);
  if (view.notice_until > now_seconds && !view.notice.empty()) {
    // The notice shows over the view even when the panel is collapsed.
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    ImGui::SetNextWindowPos(ImVec2(screen.x * 0.5f, 36), ImGuiCond_Always, ImVec2(0.5f, 0));
    ImGui::SetNextWindowBgAlpha(0.9f);
    ImGui::Begin("##alarm-notice", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
    ImGui::TextColored(level_imcolor(monitor::Level::Alarm, false), "%s", view.notice.c_str());
    ImGui::End();
  }
  std::string title = std::string(tr(Str::Monitoring)) + "###monitoring";
  if (!ImGui::Begin(title.c_str())) {
    ImGui::End();
    return;
  }
  // Source and counters.
  for (const auto& s : m.source_status())
    ImGui::TextDisabled("%s: %s%s%s", tr(Str::Source), s.description.c_str(),
                        s.live ? (s.connected ? "  (connected)" : "  (connecting...)") : "",
                        s.last_error.empty() ? "" : ("  " + s.last_error).c_str());
  const monitor::IngestSnapshot in = m.ingest();
  ImGui::TextDisabled("%s %llu  %s %llu  %s %llu", tr(Str::Received), static_cast<unsigned long long>(in.received),
                      tr(Str::Stored), static_cast<unsigned long long>(in.stored), tr(Str::Rejected),
                      static_cast<unsigned long long>(in.rejected_total()));
  ImGui::Checkbox(tr(Str::ShowSensors), &view.show);
  ImGui::SameLine();
  ImGui::Checkbox(tr(Str::CrowdHeatMap), &view.show_heat);
  ImGui::SameLine();
  heat_legend();
  ImGui::SameLine();
  // The time slider: live, or any moment of the stored history.
  if (ImGui::Checkbox(tr(Str::Live), &view.live) && !view.live) view.time_ms = m.now_ms();
  auto [first, last] = history_span(m);
  if (!view.live) {
    float minutes = float((view.time_ms - first) / 60000.0);
    const float span = float(std::max<int64_t>(last - first, 60000) / 60000.0);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderFloat("##time", &minutes, 0.0f, span, beijing_time(view.time_ms).c_str()))
      view.time_ms = first + int64_t(double(minutes) * 60000.0);
  } else {
    ImGui::TextUnformatted(beijing_time(m.now_ms()).c_str());
  }
  const int64_t t = view.shown_time();

  if (ImGui::CollapsingHeader(tr(Str::Sensors), ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::BeginChild("##sensor-list", ImVec2(0, 150), true);
    for (size_t i = 0; i < m.sensors().size(); ++i) {
      const monitor::Sensor& s = m.sensors()[i];
      const monitor::Reading r = view.live ? m.latest_reading(static_cast<int>(i)) : m.reading(static_cast<int>(i), t);
      ImGui::PushID(static_cast<int>(i));
      level_dot(level_imcolor(r.level, r.stale || !r.has_value));
      std::string label = sensor_name(s);
      if (ImGui::Selectable(label.c_str(), view.selected == static_cast<int>(i), 0, ImVec2(220, 0)))
        view.selected = static_cast<int>(i);
      ImGui::SameLine(250);
      if (r.has_value)
        ImGui::Text("%.3g %s  %s%s", r.value, s.unit.c_str(), level_text(r.level), r.stale ? (std::string("  ") + tr(Str::Stale)).c_str() : "");
      else
        ImGui::TextDisabled("%s", tr(Str::NoData));
      ImGui::PopID();
    }
    ImGui::EndChild();
  }

  if (view.selected >= 0 && view.selected < static_cast<int>(m.sensors().size()) &&
      ImGui::CollapsingHeader(tr(Str::History), ImGuiTreeNodeFlags_DefaultOpen)) {
    const monitor::Sensor& s = m.sensors()[view.selected];
    const int64_t t0 = t - int64_t(view.window_hours * 3600000.0);
    std::vector<monitor::Sample> samples = m.history(view.selected, t0, t, 400);
    std::vector<float> values;
    values.reserve(samples.size());
    for (const auto& smp : samples) values.push_back(float(smp.value));
    const monitor::WindowStats st = m.stats(view.selected, t0, t);
    float lo = values.empty() ? 0.f : *std::min_element(values.begin(), values.end());
    float hi = values.empty() ? 1.f : *std::max_element(values.begin(), values.end());
    // Thresholds near the data are drawn too, so the scale takes them in.
    std::vector<double> edges;
    for (monitor::Level level : {monitor::Level::Attention, monitor::Level::Warning, monitor::Level::Alarm})
      for (const auto& range : s.thresholds.at(level))
        for (const auto& edge : {range.min, range.max})
          if (edge && std::abs(*edge - (lo + hi) * 0.5) < std::max(1.0, double(hi - lo)) * 2.0) edges.push_back(*edge);
    for (double e : edges) {
      lo = std::min(lo, float(e));
      hi = std::max(hi, float(e));
    }
    if (hi - lo < 1e-6f) hi = lo + 1.0f;
    ImGui::Text("%s (%s)  %.0f h", sensor_name(s).c_str(), s.unit.c_str(), view.window_hours);
    ImGui::PlotLines("##history", values.data(), static_cast<int>(values.size()), 0, nullptr, lo, hi, ImVec2(-1, 120));
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (double e : edges) {
      const float y = b.y - (float(e) - lo) / (hi - lo) * (b.y - a.y);
      dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), IM_COL32(230, 60, 40, 160), 1.0f);
    }
    if (st.count > 0)
      ImGui::Text("%s %.3g   %s %.3g   %s %.3g   (n %zu)", tr(Str::Minimum), st.min, tr(Str::Maximum), st.max, tr(Str::Mean),
                  st.mean, static_cast<size_t>(st.count));
    else
      ImGui::TextDisabled("%s", tr(Str::NoData));
    if (s.positioned && ImGui::SmallButton(tr(Str::JumpTo)) && host.go_to) host.go_to(look_at_sensor(s));
  }

  if (ImGui::CollapsingHeader(tr(Str::Alarms), ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::BeginChild("##alarm-list", ImVec2(0, 0), true);
    // Escalations only (a level rising), newest first: the returns to a lower level are in the history plot.
    for (const auto& e : m.alarms().newest_first(300)) {
      if (e.to <= e.from) continue;
      const monitor::Sensor& s = m.sensors()[e.sensor];
      ImGui::PushID(static_cast<int>(e.id));
      ImGui::TextColored(level_imcolor(e.to, false), "%s", level_text(e.to));
      ImGui::SameLine(90);
      ImGui::Text("%s  %s  %.3g %s", beijing_time(e.time_ms).c_str(), sensor_name(s).c_str(), e.value, s.unit.c_str());
      ImGui::SameLine();
      if (!e.acknowledged && ImGui::SmallButton(tr(Str::Acknowledge))) m.acknowledge(e.id, m.now_ms());
      if (s.positioned) {
        ImGui::SameLine();
        if (ImGui::SmallButton(tr(Str::JumpTo)) && host.go_to) {
          view.selected = e.sensor;
          host.go_to(look_at_sensor(s));
        }
      }
      ImGui::PopID();
    }
    ImGui::EndChild();
  }
  ImGui::End();
}

}  // namespace axis::ui
