// Every string the user interface shows, in Chinese and English, in one place (strings.cpp). Switching
// language at run time only changes which column tr() reads.
#pragma once

namespace axis::ui {

enum class Lang { Zh, En };

enum class Str {
  AppTitle, Language, Inspection, Outliner, Properties, Tools, Annotations, Bookmarks, Search, ShowAll, Isolate,
  Hide, Show, Frame, NoSelection, Element, Building, Model, Metadata, Position, PositionEnu, PositionGeo, Bounds,
  Size, Triangles, Condition, Grade, Notes, SaveCondition, Saved, Measure, MeasureDistance, MeasureHeight,
  MeasurePolyline, MeasureArea, MeasureHelp, FinishMeasure, ClearMeasurements, Sections, AddSectionX, AddSectionY,
  AddSectionZ, AddSectionView, RemoveSection, Offset, ClearSections, XRay, ConditionMap, ColourBy, ColourNone,
  Legend, NotRecorded, AddAnnotation, AnnotateHelp, Title, Text, Category, Severity, Author, Time, Photo, Delete,
  JumpTo, FilterCategory, All, NoAnnotations, AddBookmark, BookmarkName, Go, Screenshot, Report, ReportWritten,
  Hover, Snap, Distance, Height, Length, Area, Planarity, CatCrack, CatWeathering, CatBiological, CatMissing,
  CatDeformation, CatOther, FontMissing, SidecarProblem, Save, Cancel, Value, Count, HorizontalDistance,
  FieldName, FieldElementType, FieldBuilding, FieldBuildingName, FieldPeriod, FieldProtection, FieldMaterial,
  FieldStructure, FieldInspection, FieldNote, FieldPlaceholder, FieldConditionNotes,
  Tours, NewTour, Play, Stop, PlayFrom, AddWaypoint, MoveWaypointHere, Up, Down, Caption, Dwell, Speed, ShowRibbon,
  Waypoints, NoTours, TourSaved,
  Monitoring, Live, Sensors, Alarms, Acknowledge, History, Minimum, Maximum, Mean, NoData, Stale, Source, NewAlarm,
  LevelNormal, LevelAttention, LevelWarning, LevelAlarm, Received, Stored, Rejected, ShowSensors,
  CrowdHeatMap,
  kCount
};

const char* tr(Str id);
// The label of a heritage metadata field ("protection_level" -> 保护级别 / Protection level); unknown
// fields keep their key.
const char* field_label(const char* key);
void set_language(Lang lang);
Lang language();

// Both columns of the table, for building the font's glyph set.
const char* text_zh(Str id);
const char* text_en(Str id);

}  // namespace axis::ui
