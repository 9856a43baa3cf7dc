// OptionSet parsing and validation.
#include "options.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <cmath>

namespace axis::gen {

namespace {

std::string strip_dashes(const std::string& name) {
  size_t i = 0;
  while (i < name.size() && i < 2 && name[i] == '-') ++i;
  return name.substr(i);
}

std::string range_text(double v) {
  if (v == std::floor(v) && std::abs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

}  // namespace

void OptionSet::add_int(std::string name, int* target, int min, int max, std::string help) {
  specs_.push_back({std::move(name), std::move(help), OptionSpec::Type::Int, target, double(min), double(max), {}, false});
}
void OptionSet::add_real(std::string name, double* target, double min, double max, std::string help) {
  specs_.push_back({std::move(name), std::move(help), OptionSpec::Type::Real, target, min, max, {}, false});
}
void OptionSet::add_flag(std::string name, bool* target, std::string help) {
  specs_.push_back({std::move(name), std::move(help), OptionSpec::Type::Flag, target, 0, 1, {}, false});
}
void OptionSet::add_choice(std::string name, std::string* target, std::vector<std::string> choices, std::string help) {
  specs_.push_back({std::move(name), std::move(help), OptionSpec::Type::Choice, target, 0, 0, std::move(choices), false});
}
void OptionSet::add_text(std::string name, std::string* target, std::string help) {
  specs_.push_back({std::move(name), std::move(help), OptionSpec::Type::Text, target, 0, 0, {}, false});
}

const OptionSpec* OptionSet::lookup(const std::string& name) const {
  std::string key = strip_dashes(name);
  for (const auto& s : specs_)
    if (s.name == key) return &s;
  return nullptr;
}

OptionSpec& OptionSet::find(const std::string& name) {
  const OptionSpec* s = lookup(name);
  if (!s) {
    std::vector<std::string> names;
    for (const auto& spec : specs_) names.push_back("--" + spec.name);
    throw UsageError(fmt::format("unknown option --{} (this kind takes: {})", strip_dashes(name), fmt::join(names, ", ")));
  }
  return const_cast<OptionSpec&>(*s);
}

bool OptionSet::was_set(const std::string& name) const {
  const OptionSpec* s = lookup(name);
  return s && s->set;
}

void OptionSet::set(const std::string& name, const std::string& value) {
  OptionSpec& s = find(name);
  auto bad = [&](const std::string& why) {
    return UsageError(fmt::format("--{}: {}, got '{}'", s.name, why, value));
  };
  switch (s.type) {
    case OptionSpec::Type::Int: {
      long long v = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (ec != std::errc() || end != value.data() + value.size())
        throw bad(fmt::format("expected an integer in {}..{}", range_text(s.min), range_text(s.max)));
      if (double(v) < s.min || double(v) > s.max)
        throw bad(fmt::format("must be in {}..{}", range_text(s.min), range_text(s.max)));
      *static_cast<int*>(s.target) = static_cast<int>(v);
      break;
    }
    case OptionSpec::Type::Real: {
      double v = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(v))
        throw bad(fmt::format("expected a number in {}..{}", range_text(s.min), range_text(s.max)));
      if (v < s.min || v > s.max) throw bad(fmt::format("must be in {}..{}", range_text(s.min), range_text(s.max)));
      *static_cast<double*>(s.target) = v;
      break;
    }
    case OptionSpec::Type::Flag: {
      bool v;
      if (value == "true" || value == "1" || value == "yes" || value == "on") v = true;
      else if (value == "false" || value == "0" || value == "no" || value == "off") v = false;
      else throw bad("expected true or false");
      *static_cast<bool*>(s.target) = v;
      break;
    }
    case OptionSpec::Type::Choice: {
      bool ok = false;
      for (const auto& c : s.choices) ok = ok || c == value;
      if (!ok) throw bad(fmt::format("must be one of {}", fmt::join(s.choices, ", ")));
      *static_cast<std::string*>(s.target) = value;
      break;
    }
    case OptionSpec::Type::Text:
      if (value.size() > 200) throw bad("longer than 200 characters");
      *static_cast<std::string*>(s.target) = value;
      break;
  }
  s.set = true;
}

void OptionSet::set_json(const std::string& name, const Json& value) {
  const OptionSpec& s = find(name);
  std::string text;
  if (value.is_string()) {
    text = value.get<std::string>();
  } else if (value.is_boolean()) {
    if (s.type != OptionSpec::Type::Flag)
      throw UsageError(fmt::format("--{}: expected {}, got {}", s.name,
                                   s.type == OptionSpec::Type::Int || s.type == OptionSpec::Type::Real ? "a number" : "a string",
                                   value.dump()));
    text = value.get<bool>() ? "true" : "false";
  } else if (value.is_number_integer()) {
    text = value.dump();
  } else if (value.is_number()) {
    text = fmt::format("{}", value.get<double>());
  } else {
    throw UsageError(fmt::format("--{}: expected a number, boolean or string, got {}", s.name, value.dump()));
  }
  set(name, text);
}

Json OptionSet::values() const {
  Json j = Json::object();
  for (const auto& s : specs_) {
    switch (s.type) {
      case OptionSpec::Type::Int: j[s.name] = *static_cast<const int*>(s.target); break;
      case OptionSpec::Type::Real: j[s.name] = *static_cast<const double*>(s.target); break;
      case OptionSpec::Type::Flag: j[s.name] = *static_cast<const bool*>(s.target); break;
      case OptionSpec::Type::Choice:
      case OptionSpec::Type::Text: j[s.name] = *static_cast<const std::string*>(s.target); break;
    }
  }
  return j;
}

}  // namespace axis::gen
