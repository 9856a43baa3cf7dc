// The UI's bilingual string table. Keep the two columns side by side: a missing translation shows at once.
#include "ui/strings.h"

#include <array>
#include <atomic>
#include <string_view>

namespace axis::ui {

namespace {

struct Entry {
  Str id;
  const char* zh;
  const char* en;
};

constexpr Entry kEntries[] = {
    {Str::AppTitle, "AxisTwin 遗产数字孪生", "AxisTwin heritage twin"},
    {Str::Language, "语言", "Language"},
    {Str::Inspection, "遗产巡查", "Heritage inspection"},
    {Str::Outliner, "场景结构", "Outliner"},
    {Str::Properties, "属性", "Properties"},
    {Str::Tools, "工具", "Tools"},
    {Str::Annotations, "标注", "Annotations"},
    {Str::Bookmarks, "视点", "Bookmarks"},
    {Str::Search, "搜索名称", "Search names"},
    {Str::ShowAll, "全部显示", "Show all"},
    {Str::Isolate, "单独显示", "Isolate"},
    {Str::Hide, "隐藏", "Hide"},
    {Str::Show, "显示", "Show"},
    {Str::Frame, "定位", "Frame"},
    {Str::NoSelection, "点击场景中的构件以选择。", "Click an element in the scene to select it."},
    {Str::Element, "构件", "Element"},
    {Str::Building, "建筑", "Building"},
    {Str::Model, "模型", "Model"},
    {Str::Metadata, "遗产信息", "Heritage metadata"},
    {Str::Position, "位置", "Position"},
    {Str::PositionEnu, "东-北-高 (米)", "East-North-Up (m)"},
    {Str::PositionGeo, "纬度 / 经度 / 高程", "Latitude / longitude / height"},
    {Str::Bounds, "包围盒", "Bounds"},
    {Str::Size, "尺寸", "Size"},
    {Str::Triangles, "三角面", "Triangles"},
    {Str::Condition, "现状记录", "Condition record"},
    {Str::Grade, "残损等级", "Condition grade"},
    {Str::Notes, "备注", "Notes"},
    {Str::SaveCondition, "保存记录", "Save record"},
    {Str::Saved, "已保存", "Saved"},
    {Str::Measure, "测量", "Measure"},
    {Str::MeasureDistance, "距离", "Distance"},
    {Str::MeasureHeight, "高差", "Height difference"},
    {Str::MeasurePolyline, "折线长度", "Polyline length"},
    {Str::MeasureArea, "平面面积", "Planar area"},
    {Str::MeasureHelp, "在模型上点击取点（吸附顶点和边）；右键或回车结束。", "Click points on the model (snaps to vertices and edges); right-click or Enter to finish."},
    {Str::FinishMeasure, "结束测量", "Finish"},
    {Str::ClearMeasurements, "清除测量", "Clear measurements"},
    {Str::Sections, "剖切", "Sections"},
    {Str::AddSectionX, "东西向剖切", "Cut east-west"},
    {Str::AddSectionY, "水平剖切", "Cut horizontally"},
    {Str::AddSectionZ, "南北向剖切", "Cut north-south"},
    {Str::AddSectionView, "沿视线剖切", "Cut along the view"},
    {Str::RemoveSection, "移除", "Remove"},
    {Str::Offset, "位置", "Offset"},
    {Str::ClearSections, "清除剖切", "Clear sections"},
    {Str::XRay, "透视（选中构件不透明）", "X-ray (selection opaque)"},
    {Str::ConditionMap, "现状着色", "Condition map"},
    {Str::ColourBy, "着色字段", "Colour by"},
    {Str::ColourNone, "无", "None"},
    {Str::Legend, "图例", "Legend"},
    {Str::NotRecorded, "无此字段", "Not recorded"},
    {Str::AddAnnotation, "添加标注", "Add annotation"},
    {Str::AnnotateHelp, "在模型表面点击放置标注。", "Click on a surface to place the annotation."},
    {Str::Title, "标题", "Title"},
    {Str::Text, "描述", "Description"},
    {Str::Category, "类别", "Category"},
    {Str::Severity, "严重程度", "Severity"},
    {Str::Author, "记录人", "Author"},
    {Str::Time, "时间", "Time"},
    {Str::Photo, "照片路径", "Photo path"},
    {Str::Delete, "删除", "Delete"},
    {Str::JumpTo, "跳转", "Jump to"},
    {Str::FilterCategory, "按类别筛选", "Filter by category"},
    {Str::All, "全部", "All"},
    {Str::NoAnnotations, "尚无标注。", "No annotations yet."},
    {Str::AddBookmark, "保存当前视点", "Save this view"},
    {Str::BookmarkName, "视点名称", "View name"},
    {Str::Go, "前往", "Go"},
    {Str::Screenshot, "截图", "Screenshot"},
    {Str::Report, "生成报告", "Write report"},
    {Str::ReportWritten, "正在生成报告：", "Writing the report to"},
    {Str::Hover, "悬停", "Hover"},
    {Str::Snap, "吸附", "Snap"},
    {Str::Distance, "距离", "Distance"},
    {Str::Height, "高差", "Height"},
    {Str::Length, "长度", "Length"},
    {Str::Area, "面积", "Area"},
    {Str::Planarity, "平面偏差", "Planarity"},
    {Str::CatCrack, "裂缝", "Crack"},
    {Str::CatWeathering, "风化", "Weathering"},
    {Str::CatBiological, "生物病害", "Biological growth"},
    {Str::CatMissing, "构件缺失", "Missing element"},
    {Str::CatDeformation, "变形", "Deformation"},
    {Str::CatOther, "其他", "Other"},
    {Str::FontMissing, "未找到中文字体（请安装 fonts-wqy-microhei 或 fonts-noto-cjk）",
     "No CJK font found (install fonts-wqy-microhei or fonts-noto-cjk): Chinese text cannot be shown"},
    {Str::SidecarProblem, "巡查记录文件无法读取，已另存", "The inspection file could not be read and was moved aside"},
    {Str::Save, "保存", "Save"},
    {Str::Cancel, "取消", "Cancel"},
    {Str::Value, "值", "Value"},
    {Str::Count, "数量", "Count"},
    {Str::HorizontalDistance, "水平距离", "Horizontal distance"},
    {Str::FieldName, "名称", "Name"},
    {Str::FieldElementType, "构件类型", "Element type"},
    {Str::FieldBuilding, "所属建筑", "Building"},
    {Str::FieldBuildingName, "建筑名称", "Building name"},
    {Str::FieldPeriod, "年代", "Period"},
    {Str::FieldProtection, "保护级别", "Protection level"},
    {Str::FieldMaterial, "材质", "Material"},
    {Str::FieldStructure, "结构体系", "Structural system"},
    {Str::FieldInspection, "最近巡查", "Last inspection"},
    {Str::FieldNote, "说明", "Note"},
    {Str::FieldPlaceholder, "示意数据", "Placeholder values"},
    {Str::FieldConditionNotes, "现状备注", "Condition notes"},
    {Str::Tours, "游览路线", "Tours"},
    {Str::NewTour, "新建路线", "New tour"},
    {Str::Play, "播放", "Play"},
    {Str::Stop, "停止", "Stop"},
    {Str::PlayFrom, "从此播放", "Play from here"},
    {Str::AddWaypoint, "在当前视点添加航点", "Add waypoint at this view"},
    {Str::MoveWaypointHere, "移到当前视点", "Move to this view"},
    {Str::Up, "上移", "Up"},
    {Str::Down, "下移", "Down"},
    {Str::Caption, "字幕", "Caption"},
    {Str::Dwell, "停留 (秒)", "Dwell (s)"},
    {Str::Speed, "速度 (米/秒)", "Speed (m/s)"},
    {Str::ShowRibbon, "显示路线", "Show the path"},
    {Str::Waypoints, "航点", "Waypoints"},
    {Str::NoTours, "此场景尚无游览路线", "This scene has no tours yet"},
    {Str::TourSaved, "路线已保存", "Tours saved"},
    {Str::Monitoring, "监测", "Monitoring"},
    {Str::Live, "实时", "Live"},
    {Str::Sensors, "传感器", "Sensors"},
    {Str::Alarms, "告警", "Alarms"},
    {Str::Acknowledge, "确认", "Acknowledge"},
    {Str::History, "历史", "History"},
    {Str::Minimum, "最小", "Min"},
    {Str::Maximum, "最大", "Max"},
    {Str::Mean, "平均", "Mean"},
    {Str::NoData, "无数据", "No data"},
    {Str::Stale, "数据过期", "Stale"},
    {Str::Source, "数据源", "Source"},
    {Str::NewAlarm, "新告警", "New alarm"},
    {Str::LevelNormal, "正常", "Normal"},
    {Str::LevelAttention, "关注", "Attention"},
    {Str::LevelWarning, "预警", "Warning"},
    {Str::LevelAlarm, "告警", "Alarm"},
    {Str::Received, "接收", "Received"},
    {Str::Stored, "存储", "Stored"},
    {Str::Rejected, "拒收", "Rejected"},
    {Str::ShowSensors, "显示传感器", "Show sensors"},
    {Str::CrowdHeatMap, "人群密度热力图", "Crowd heat map"},
};

constexpr auto kTable = [] {
  std::array<Entry, static_cast<size_t>(Str::kCount)> t{};
  for (const auto& e : kEntries) t[static_cast<size_t>(e.id)] = e;
  return t;
}();
static_assert(std::size(kEntries) == static_cast<size_t>(Str::kCount), "every Str needs a row in kEntries");

std::atomic<Lang> g_lang{Lang::Zh};

}  // namespace

const char* tr(Str id) { return g_lang == Lang::Zh ? text_zh(id) : text_en(id); }
void set_language(Lang lang) { g_lang = lang; }
Lang language() { return g_lang; }
const char* field_label(const char* key) {
  struct Field {
    const char* key;
    Str label;
  };
  static const Field kFields[] = {
      {"name", Str::FieldName}, {"element_type", Str::FieldElementType}, {"building", Str::FieldBuilding},
      {"building_name", Str::FieldBuildingName}, {"period", Str::FieldPeriod}, {"protection_level", Str::FieldProtection},
      {"material", Str::FieldMaterial}, {"structural_system", Str::FieldStructure}, {"condition_grade", Str::Grade},
      {"last_inspection", Str::FieldInspection}, {"note", Str::FieldNote}, {"placeholder", Str::FieldPlaceholder},
      {"condition_notes", Str::FieldConditionNotes}};
  for (const auto& f : kFields)
    if (std::string_view(key) == f.key) return tr(f.label);
  return key;
}

const char* text_zh(Str id) { return kTable[static_cast<size_t>(id)].zh; }
const char* text_en(Str id) { return kTable[static_cast<size_t>(id)].en; }

}  // namespace axis::ui
