// The registry of asset kinds (hall, gate-tower, courtyard, opera-stage, opera-performance, hutong-block,
// city, ground, enclosure). A kind
// declares its options, then builds an Asset with exactly one root node that describes the whole asset.
#pragma once

#include "asset.h"
#include "options.h"

#include <memory>
#include <string_view>
#include <vector>

namespace axis::gen {

class Kind {
 public:
  virtual ~Kind() = default;
  // Binds the kind's options (defaults are the members' initial values).
  virtual void declare(OptionSet& options) = 0;
  // Builds the asset from the options; returns the root node. Throws UsageError for options that
  // contradict each other, axis::Error for anything else.
  virtual int build(Asset& asset) = 0;
};

struct KindInfo {
  std::string_view name;
  std::string_view summary;
  std::unique_ptr<Kind> (*make)();
};

const std::vector<KindInfo>& kinds();
const KindInfo* find_kind(std::string_view name);

// The heritage identity every kind lets a caller override (--name-zh, --name-en, --period,
// --protection): named buildings in a manifest (太和殿) are built by generic kinds.
struct IdentityOptions {
  std::string zh, en, period, protection;
  void declare(OptionSet& options);
  // The defaults with whatever the options override.
  Heritage apply(Heritage defaults) const;
};

std::unique_ptr<Kind> make_hall_kind();
std::unique_ptr<Kind> make_gate_tower_kind();
std::unique_ptr<Kind> make_courtyard_kind();
std::unique_ptr<Kind> make_opera_stage_kind();
std::unique_ptr<Kind> make_opera_performance_kind();
std::unique_ptr<Kind> make_hutong_kind();
std::unique_ptr<Kind> make_city_kind();
std::unique_ptr<Kind> make_ground_kind();
std::unique_ptr<Kind> make_enclosure_kind();

}  // namespace axis::gen
