// Asset: the model a kind builds plus what every node needs to be stamped with heritage metadata (the
// seed, named random streams). Kinds add nodes through it rather than through Model directly, so no
// node can be created without its extras.
#pragma once

#include "metadata.h"
#include "mesh_builder.h"
#include "model.h"
#include "rng.h"

#include <string>
#include <string_view>

namespace axis::gen {

// A piece a part builder returns: what it is, its geometry (in the parent's frame unless `transform`
// says otherwise). The caller turns it into a node.
struct Part {
  Element element;
  Mesh mesh;
  Transform transform;
};

class Asset {
 public:
  Asset(std::string kind, uint64_t seed) : kind_(std::move(kind)), seed_(seed), root_rng_(seed, hash_label(kind_)) {}

  const std::string& kind() const { return kind_; }
  uint64_t seed() const { return seed_; }
  Model& model() { return model_; }
  const Model& model() const { return model_; }

  // An independent random stream for a named part of the asset.
  Rng rng(std::string_view label, uint64_t index = 0) const { return root_rng_.fork(label, index); }

  int add_mesh(Mesh mesh) { return model_.add_mesh(std::move(mesh)); }
  // A node drawing `mesh` (an index from add_mesh, or -1 for a group), stamped with metadata.
  int add(int parent, const Heritage& building, const Element& element, int mesh, const Transform& t = {});
  // Finishes the builder's mesh and adds a node drawing it; an empty builder gives a group node.
  int add(int parent, const Heritage& building, const Element& element, MeshBuilder& builder, const Transform& t = {});
  int add(int parent, const Heritage& building, Part part);
  Json& extras(int node) { return model_.node(node).extras; }

 private:
  std::string kind_;
  uint64_t seed_;
  Rng root_rng_;
  Model model_;
};

// A node name: "Column (柱)".
std::string node_name(const Element& e);

}  // namespace axis::gen
