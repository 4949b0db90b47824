#include "manifest/declared_tests.hpp"

#include <algorithm>
#include <fstream>
#include <regex>

namespace grader {

std::vector<std::string> declared_tests(const std::filesystem::path& suite_dir) {
  std::vector<std::filesystem::path> sources;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(suite_dir, ec)) {
    if (entry.path().extension() == ".cpp") sources.push_back(entry.path());
  }
  std::sort(sources.begin(), sources.end());

  static const std::regex kTest(R"(^\s*TEST(_F)?\s*\(\s*(\w+)\s*,\s*(\w+)\s*\))");
  std::vector<std::string> names;
  for (const auto& source : sources) {
    std::ifstream in(source);
    std::string line;
    std::smatch match;
    while (std::getline(in, line)) {
      if (std::regex_search(line, match, kTest))
        names.push_back(match[2].str() + "." + match[3].str());
    }
  }
  return names;
}

}  // namespace grader
