// Kind options, declared once and set either from the command line (text) or from a manifest (JSON),
// with the same validation and the same messages both ways. Unknown names and bad values throw
// UsageError, which the CLI turns into exit code 2.
#pragma once

#include "model.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace axis::gen {

// A mistake in how the tool was called (command line or manifest): exit code 2.
class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

struct OptionSpec {
  enum class Type { Int, Real, Flag, Choice, Text };
  std::string name;  // without dashes: "bays-wide"
  std::string help;
  Type type = Type::Int;
  void* target = nullptr;
  double min = 0.0, max = 0.0;
  std::vector<std::string> choices;
  bool set = false;  // given explicitly
};

class OptionSet {
 public:
  void add_int(std::string name, int* target, int min, int max, std::string help);
  void add_real(std::string name, double* target, double min, double max, std::string help);
  void add_flag(std::string name, bool* target, std::string help);
  void add_choice(std::string name, std::string* target, std::vector<std::string> choices, std::string help);
  void add_text(std::string name, std::string* target, std::string help);

  // "--bays-wide" / "bays-wide" = "7". Throws UsageError naming the option and the problem.
  void set(const std::string& name, const std::string& value);
  // From a manifest: numbers, booleans and strings as the option's type allows.
  void set_json(const std::string& name, const Json& value);
  bool was_set(const std::string& name) const;

  const std::vector<OptionSpec>& specs() const { return specs_; }
  // Current values of every option, in declaration order (recorded in the asset's extras).
  Json values() const;

 private:
  OptionSpec& find(const std::string& name);
  const OptionSpec* lookup(const std::string& name) const;

  std::vector<OptionSpec> specs_;
};

}  // namespace axis::gen
