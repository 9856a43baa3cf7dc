// Monitoring in the inspection mode: the sensors' pins over the scene (coloured by level, pulsing in
// alarm, grey when stale), the Monitoring panel (source status and ingest counters, a time slider over
// the stored history or live, the sensor list, the selected sensor's history plot with its thresholds
// and min/max/mean, the alarm list with acknowledge and jump-to) and a notice when a level rises.
#pragma once

#include "monitor/crowd_heat.h"
#include "monitor/monitor.h"
#include "render/overlay.h"

#include <string>

namespace axis::ui {

struct PanelHost;

class MonitorView {
 public:
  explicit MonitorView(monitor::Monitor& monitor);

  // Per frame: moves queued observations into the store (never blocks) and notices new escalations.
  void update(double now_seconds);
  // The moment shown: the monitor's clock when live, else the slider's.
  int64_t shown_time() const { return live ? monitor_.now_ms() : time_ms; }
  // The sensors' pins at the shown moment (`now_seconds` drives the alarm pulse).
  void add_overlay(render::Overlay& overlay, double now_seconds) const;
  // The crowd heat map at the shown moment, rebuilt when that moment or the stored observations have
  // changed, at most every `interval` seconds. Returns whether `layer` holds a new layer for the renderer
  // (empty when the map is off or the scene has no crowd sensors).
  bool update_heat_map(render::DrapedLayer& layer, double now_seconds, double interval = 0.25);
  // The renderer lost its layer (a new renderer after a lost device): the next update builds it again.
  void heat_map_lost() { heat_drawn_ = false; }
  // The readings at the shown moment, one per sensor.
  std::vector<monitor::Reading> shown_readings() const;

  monitor::Monitor& monitor() { return monitor_; }
  bool show = true;
  bool show_heat = true;    // the crowd heat map (with the pins)
  bool live = true;
  int64_t time_ms = 0;      // the slider's moment when not live
  int selected = -1;        // sensor index
  double window_hours = 6;  // the history plot's span, ending at the shown moment
  std::string notice;       // the latest escalation, shown for a while
  double notice_until = 0;

 private:
  monitor::Monitor& monitor_;
  uint64_t last_event_ = 0;
  monitor::HeatGrid heat_grid_;
  bool heat_drawn_ = false;         // the renderer holds a heat layer
  double heat_built_at_ = -1e300;   // wall-clock seconds
  int64_t heat_time_ = INT64_MIN;   // the moment it shows
  uint64_t heat_stored_ = 0;        // observations stored when it was built
};

void draw_monitor_panel(MonitorView& view, PanelHost& host, double now_seconds);

}  // namespace axis::ui
