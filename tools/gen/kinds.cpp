// Kind registry and the identity options every kind shares.
#include "kinds.h"

namespace axis::gen {

const std::vector<KindInfo>& kinds() {
  static const std::vector<KindInfo> k = {
      {"hall", "timber-frame hall on a stepped stone platform, with brackets and a curved tile roof", make_hall_kind},
      {"gate-tower", "brick city-gate platform with arched passages and a double-eaved timber tower", make_gate_tower_kind},
      {"courtyard", "siheyuan: gate at the south-east, screen wall, main hall, side halls, south row, 1-3 jin",
       make_courtyard_kind},
      {"opera-stage", "traditional theatre: raised stage with its own roof, backstage, galleried audience yard",
       make_opera_stage_kind},
      {"opera-performance", "animated Peking-opera performers (round walk, water sleeves) and stage curtains for a stage",
       make_opera_performance_kind},
      {"hutong-block", "rows of seeded courtyards along east-west hutong lanes", make_hutong_kind},
      {"city", "old-city district of N low-poly courtyards for scale tests (GPU instancing)", make_city_kind},
      {"ground", "the paved ground (or a raised marble terrace, or a wooded hill) a scene stands on", make_ground_kind},
      {"enclosure", "a rectangle of coped walls (palace red or vernacular grey) with openings for gates", make_enclosure_kind},
  };
  return k;
}

const KindInfo* find_kind(std::string_view name) {
  for (const auto& k : kinds())
    if (k.name == name) return &k;
  return nullptr;
}

void IdentityOptions::declare(OptionSet& options) {
  options.add_text("name-zh", &zh, "Chinese name of the building in the metadata (e.g. 太和殿)");
  options.add_text("name-en", &en, "English name of the building in the metadata");
  options.add_text("period", &period, "Period in the metadata (e.g. \"Ming (1420), rebuilt Qing (1695)\")");
  options.add_text("protection", &protection, "Protection level in the metadata");
}

Heritage IdentityOptions::apply(Heritage h) const {
  if (!zh.empty()) h.zh = zh;
  if (!en.empty()) h.en = en;
  if (!period.empty()) h.period = period;
  if (!protection.empty()) h.protection_level = protection;
  return h;
}

}  // namespace axis::gen
