// Asset node creation with metadata stamping.
#include "asset.h"

namespace axis::gen {

std::string node_name(const Element& e) { return e.zh.empty() ? e.en : e.en + " (" + e.zh + ")"; }

int Asset::add(int parent, const Heritage& building, const Element& element, int mesh, const Transform& t) {
  int index = model_.add_node(parent, node_name(element), t, mesh);
  model_.node(index).extras = element_extras(building, element, seed_, index);
  return index;
}

int Asset::add(int parent, const Heritage& building, const Element& element, MeshBuilder& builder, const Transform& t) {
  int mesh = builder.empty() ? -1 : model_.add_mesh(builder.finish());
  return add(parent, building, element, mesh, t);
}

int Asset::add(int parent, const Heritage& building, Part part) {
  int mesh = part.mesh.empty() ? -1 : model_.add_mesh(std::move(part.mesh));
  return add(parent, building, part.element, mesh, part.transform);
}

}  // namespace axis::gen
