#include "manifest/manifest.hpp"

#include <algorithm>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/text.hpp"

namespace grader {
namespace {

using nlohmann::json;

// Reads fields out of one manifest, turning every problem into a ManifestError
// that names the file and the field.
class FieldReader {
 public:
  FieldReader(const std::filesystem::path& path, const json& root) : path_(path), root_(root) {}

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw ManifestError(fmt::format("{}: field '{}': {}", path_.string(), field, problem));
  }

  const json* find(const std::string& field) const {
    const json* node = &root_;
    std::size_t start = 0;
    while (start <= field.size()) {
      const std::size_t dot = std::min(field.find('.', start), field.size());
      const std::string key = field.substr(start, dot - start);
      if (!node->is_object() || !node->contains(key)) return nullptr;
      node = &(*node)[key];
      start = dot + 1;
    }
    return node;
  }

  const json& required(const std::string& field) const {
    const json* node = find(field);
    if (node == nullptr) fail(field, "missing");
    return *node;
  }

  std::string string(const std::string& field,
                     const std::optional<std::string>& fallback = {}) const {
    const json* node = find(field);
    if (node == nullptr) {
      if (fallback) return *fallback;
      fail(field, "missing");
    }
    if (!node->is_string()) fail(field, "expected a string");
    return node->get<std::string>();
  }

  std::vector<std::string> strings(const std::string& field, bool required_field) const {
    const json* node = find(field);
    if (node == nullptr) {
      if (required_field) fail(field, "missing");
      return {};
    }
    if (!node->is_array()) fail(field, "expected an array of strings");
    std::vector<std::string> out;
    for (const json& item : *node) {
      if (!item.is_string()) fail(field, "expected an array of strings");
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  double positive_number(const std::string& field, double fallback) const {
    const json* node = find(field);
    if (node == nullptr) return fallback;
    if (!node->is_number() || node->get<double>() <= 0) fail(field, "expected a positive number");
    return node->get<double>();
  }

  int points(const std::string& field, const json& node) const {
    if (!node.is_number_integer() || node.get<int>() < 0) {
      fail(field, "expected a whole number of points, 0 or more");
    }
    return node.get<int>();
  }

 private:
  const std::filesystem::path& path_;
  const json& root_;
};

bool is_safe_relative(const std::string& file) {
  const std::filesystem::path p(file);
  if (file.empty() || p.is_absolute()) return false;
  return std::none_of(p.begin(), p.end(), [](const auto& part) { return part == ".."; });
}

// Reads "files" or "given": relative paths that stay inside the exercise directory.
std::vector<std::string> relative_paths(const FieldReader& read, const std::string& field,
                                        bool required_field) {
  std::vector<std::string> files = read.strings(field, required_field);
  for (const std::string& file : files) {
    if (!is_safe_relative(file))
      read.fail(field, fmt::format("'{}' is not a relative path inside the exercise", file));
  }
  return files;
}

// "build.sanitize": one variant or a list of them, the main one first.
std::vector<std::string> sanitizer_variants(const FieldReader& read) {
  static const std::set<std::string> kVariants = {"address+undefined", "thread", "none"};
  std::vector<std::string> variants;
  if (const json* sanitize = read.find("build.sanitize");
      sanitize != nullptr && sanitize->is_array()) {
    variants = read.strings("build.sanitize", true);
  } else {
    variants = {read.string("build.sanitize", std::string("address+undefined"))};
  }
  if (variants.empty() || std::any_of(variants.begin(), variants.end(), [](const std::string& v) {
        return kVariants.count(v) == 0;
      })) {
    read.fail("build.sanitize",
              "expected \"address+undefined\", \"thread\" or \"none\", or a list of them");
  }
  return variants;
}

TestPoints test_points(const FieldReader& read) {
  TestPoints points;
  if (const json* fallback = read.find("points.default"))
    points.default_points = read.points("points.default", *fallback);
  if (const json* tests = read.find("points.tests")) {
    if (!tests->is_object()) read.fail("points.tests", "expected an object of test name -> points");
    for (const auto& [name, value] : tests->items())
      points.by_test[name] = read.points("points.tests." + name, value);
  }
  return points;
}

// "tamper": {"forbid": [names], "allow": [names]}, both optional (see manifest/tamper.hpp).
TamperRules tamper_rules(const FieldReader& read) {
  if (const json* tamper = read.find("tamper"); tamper != nullptr && !tamper->is_object())
    read.fail("tamper", "expected an object with \"forbid\" and \"allow\" lists");
  if (const json* tamper = read.find("tamper")) {
    for (const auto& [key, unused] : tamper->items()) {
      if (key != "forbid" && key != "allow")
        read.fail("tamper." + key, "unknown; expected \"forbid\" or \"allow\"");
    }
  }
  TamperRules rules{.forbid = read.strings("tamper.forbid", false),
                    .allow = read.strings("tamper.allow", false)};
  for (const std::string& name : rules.forbid) {
    if (!is_identifier(name))
      read.fail("tamper.forbid", fmt::format("'{}' is not an identifier", name));
    if (tamper_forbids_by_default(name))
      read.fail("tamper.forbid", fmt::format("'{}' is forbidden already", name));
  }
  for (const std::string& name : rules.allow) {
    if (!is_identifier(name))
      read.fail("tamper.allow", fmt::format("'{}' is not an identifier", name));
    if (!tamper_forbids_by_default(name))
      read.fail("tamper.allow", fmt::format("'{}' is not forbidden by the tamper guard", name));
  }
  return rules;
}

// The parsed JSON object of the manifest at `path`. Throws: ManifestError.
json parse_object(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ManifestError(fmt::format("{}: cannot be read", path.string()));
  json root;
  try {
    root = json::parse(in);
  } catch (const json::parse_error& e) {
    throw ManifestError(fmt::format("{}: not valid JSON (byte {})", path.string(), e.byte));
  }
  if (!root.is_object())
    throw ManifestError(fmt::format("{}: expected a JSON object", path.string()));
  return root;
}

}  // namespace

Manifest load_manifest(const std::filesystem::path& path) {
  static const std::set<std::string> kDays = {"1-2", "3-4", "5-7"};
  static const std::set<std::string> kVisibility = {"hidden", "after_due_date", "after_published",
                                                    "visible"};
  const json root = parse_object(path);
  const FieldReader read(path, root);
  Manifest m;
  m.path = path;
  m.id = read.string("id");
  const std::string directory = path.parent_path().filename().string();
  if (m.id != directory)
    read.fail("id", fmt::format("'{}' differs from the directory name '{}'", m.id, directory));
  m.title = read.string("title");
  m.day = read.string("day");
  if (kDays.count(m.day) == 0) read.fail("day", "expected \"1-2\", \"3-4\" or \"5-7\"");
  m.lesson = read.string("lesson", std::string());
  m.also_read = read.strings("also_read", false);
  m.files = relative_paths(read, "files", true);
  if (m.files.empty()) read.fail("files", "expected at least one file");
  m.given = relative_paths(read, "given", false);
  m.depends = read.strings("depends", false);
  m.sanitizers = sanitizer_variants(read);
  m.points = test_points(read);
  m.test_seconds = read.positive_number("limits.test_seconds", m.test_seconds);
  m.suite_seconds = read.positive_number("limits.suite_seconds", m.suite_seconds);
  m.build_seconds = read.positive_number("limits.build_seconds", m.build_seconds);
  m.visibility = read.string("visibility", m.visibility);
  if (kVisibility.count(m.visibility) == 0)
    read.fail("visibility", "expected hidden, after_due_date, after_published or visible");
  if (root.contains("hints"))
    read.fail("hints",
              fmt::format("hints live in grader/hints/{}.md, one '## ' section each", m.id));
  m.tamper = tamper_rules(read);
  return m;
}

std::vector<SuiteVariant> suite_variants(const Manifest& manifest) {
  std::vector<SuiteVariant> variants;
  for (const std::string& sanitize : manifest.sanitizers) {
    const bool main = variants.empty();
    variants.push_back(
        {.sanitize = sanitize, .target = "suite-" + manifest.id + (main ? "" : "--" + sanitize)});
  }
  return variants;
}

}  // namespace grader
