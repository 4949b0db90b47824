// `grader hint ID [--all]`: the next hint, remembered in the learner's progress.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <string_view>

#include <fmt/color.h>
#include <fmt/format.h>

#include "commands/learner_views.hpp"
#include "commands/table.hpp"
#include "state/progress.hpp"

namespace grader {
namespace {

// Returns: " --workspace <path>" to repeat after `grader hint ID` when `workspace` is not
// the course's own exercises/, else "" (the learner types back what they typed).
std::string workspace_flag(const Context& context, const std::filesystem::path& workspace) {
  namespace fs = std::filesystem;
  if (fs::weakly_canonical(workspace) == fs::weakly_canonical(context.course.root() / "exercises"))
    return "";
  const std::string path = workspace.string();
  const bool plain = std::all_of(path.begin(), path.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("_./-").find(c) != std::string_view::npos;
  });
  return " --workspace " + (plain ? path : "'" + path + "'");
}

}  // namespace

int show_hint(const Context& context, const std::string& id, const std::filesystem::path& workspace,
              bool all) {
  const Manifest& m = context.course.require(id);
  if (m.hints.empty()) {
    std::cout << fmt::format(
        "{} has no hints; its README and lesson section are the place to look.\n", m.id);
    return 0;
  }
  LoadedProgress loaded = load_progress(workspace);
  if (loaded.warning) fmt::print(stderr, "grader: {}\n", *loaded.warning);
  Progress& progress = loaded.progress;

  const int total = static_cast<int>(m.hints.size());
  int& shown = progress.hints_shown[m.id];
  const int first =
      all ? 0 : std::min(shown, total - 1);  // past the last hint: show the last again
  const int last = all ? total : std::min(shown + 1, total);
  const bool color = context.use_color(STDOUT_FILENO);
  for (int i = first; i < last; ++i) {
    const std::string heading = fmt::format("{} — hint {} of {}", m.id, i + 1, total);
    std::cout << (color ? fmt::format(fmt::emphasis::bold, "{}", heading) : heading) << "\n"
              << m.hints[static_cast<std::size_t>(i)] << "\n\n";
  }
  shown = std::max(shown, last);
  if (!all) {
    std::cout << (shown < total
                      ? fmt::format("Run `grader hint {}{}` again for the next one ({} left).\n",
                                    m.id, workspace_flag(context, workspace), total - shown)
                      : "That was the last hint. The lesson section has the whole story: `grader "
                        "lesson " +
                            m.id + "`.\n");
  }
  save_progress(workspace, progress);
  return 0;
}

namespace {

struct HintOptions {
  std::string id;
  std::filesystem::path workspace;
  bool all = false;
};

}  // namespace

CommandRun declare_hint(Options& options) {
  auto values = std::make_shared<HintOptions>();
  options.exercise_id(values->id);
  options.flag("--all", values->all, "show every hint at once");
  options.learner_workspace(values->workspace);
  return [values](const Context& context) {
    return show_hint(context, values->id, context.existing_workspace(values->workspace),
                     values->all);
  };
}

}  // namespace grader
