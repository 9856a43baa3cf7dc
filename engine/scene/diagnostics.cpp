#include "scene/diagnostics.h"

#include <algorithm>

namespace axis::scene {

void Diagnostics::warn(std::string object, std::string message) {
  problems.push_back({Problem::Severity::Warning, std::move(object), std::move(message)});
}

void Diagnostics::error(std::string object, std::string message) {
  problems.push_back({Problem::Severity::Error, std::move(object), std::move(message)});
}

bool Diagnostics::has_errors() const {
  return std::any_of(problems.begin(), problems.end(),
                     [](const Problem& p) { return p.severity == Problem::Severity::Error; });
}

size_t Diagnostics::warning_count() const {
  return std::count_if(problems.begin(), problems.end(),
                       [](const Problem& p) { return p.severity == Problem::Severity::Warning; });
}

std::string Diagnostics::format(const Problem& p) const {
  std::string line = file;
  if (!p.object.empty()) line += ": " + p.object;
  line += ": " + p.message;
  // One line per problem, whatever a file's strings hold.
  std::replace(line.begin(), line.end(), '\n', ' ');
  return line;
}

std::string Diagnostics::first_error() const {
  for (const auto& p : problems)
    if (p.severity == Problem::Severity::Error) return format(p);
  return {};
}

}  // namespace axis::scene
