#include "state/progress.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace grader {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path progress_path(const fs::path& workspace) {
  return workspace / ".grader-state.json";
}

LoadedProgress load_progress(const fs::path& workspace) {
  LoadedProgress loaded;
  const fs::path path = progress_path(workspace);
  std::ifstream in(path, std::ios::binary);
  if (!in) return loaded;
  try {
    const json j = json::parse(in);
    Progress p;
    p.passed = j.at("passed").get<std::set<std::string>>();
    p.hints_shown = j.at("hints_shown").get<std::map<std::string, int>>();
    p.current = j.at("current").get<std::string>();
    loaded.progress = std::move(p);
  } catch (const json::exception&) {
    loaded.warning =
        fmt::format("{} was unreadable; starting a fresh progress file (your code is untouched)",
                    path.string());
  }
  return loaded;
}

void save_progress(const fs::path& workspace, const Progress& progress) {
  const json j = {{"version", 1},
                  {"passed", progress.passed},
                  {"hints_shown", progress.hints_shown},
                  {"current", progress.current}};
  write_atomically(progress_path(workspace), dump_json(j));
}

}  // namespace grader
