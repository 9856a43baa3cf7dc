// Problems found while loading a file, each naming the file and the object ("image[2] 'roof.png'").
// Errors mean the file cannot be shown; warnings mean it is shown with something missing or substituted.
#pragma once

#include <string>
#include <vector>

namespace axis::scene {

struct Problem {
  enum class Severity { Warning, Error };
  Severity severity = Severity::Warning;
  std::string object;   // "" for the file as a whole
  std::string message;
};

struct Diagnostics {
  std::string file;
  std::vector<Problem> problems;

  void warn(std::string object, std::string message);
  void error(std::string object, std::string message);
  bool has_errors() const;
  size_t warning_count() const;
  // "<file>: <object>: <message>" (one line).
  std::string format(const Problem& p) const;
  // The first error, formatted, or "" when there is none.
  std::string first_error() const;
};

}  // namespace axis::scene
