// render_report: writes a JSON report of the grader in another format, optionally with one
// exercise refused first (by model/scoring's refuse_exercise, as grading does). The format
// checks use it to give the real consumers a report with a refused exercise without
// grading tampering code (the tamper fixtures are graded by the e2e tests).
//
// usage: render_report FORMAT REPORT.json OUTPUT [--refuse EXERCISE_ID REASON]
// Exit status: 0 when OUTPUT is written, 2 for bad usage or an unknown exercise, 3 when
// REPORT.json cannot be read.
#include <cstdio>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/report_json.hpp"
#include "model/scoring.hpp"
#include "report/formats.hpp"
#include "util/file.hpp"

namespace {

constexpr int kUsage = 2;
constexpr int kUnreadable = 3;
constexpr std::size_t kArgsPlain = 4;
constexpr std::size_t kArgsRefusing = 7;

// Effects: refuses exercise `id` of `report` for `reason`. Returns: false when it has none.
bool refuse(grader::Report& report, const std::string& id, const std::string& reason) {
  for (grader::ExerciseReport& e : report.exercises) {
    if (e.id != id) continue;
    grader::refuse_exercise(e, reason);
    return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv, argv + argc);
  const std::optional<grader::ReportFormat> format =
      args.size() > 1 ? grader::parse_report_format(args[1]) : std::nullopt;
  const bool refusing = args.size() == kArgsRefusing && args[4] == "--refuse";
  if (!format || (args.size() != kArgsPlain && !refusing)) {
    std::fprintf(stderr,
                 "usage: render_report FORMAT REPORT.json OUTPUT [--refuse EXERCISE_ID REASON]\n");
    return kUsage;
  }
  try {
    const std::optional<std::string> text = grader::read_file(args[2]);
    if (!text) throw std::runtime_error("cannot read " + args[2]);
    grader::Report report = grader::report_from_json(nlohmann::json::parse(*text));
    if (refusing && !refuse(report, args[5], args[6])) {
      std::fprintf(stderr, "render_report: no exercise %s in %s\n", args[5].c_str(),
                   args[2].c_str());
      return kUsage;
    }
    grader::write_atomically(args[3], grader::render_report(report, *format));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "render_report: %s\n", e.what());
    return kUnreadable;
  }
  return 0;
}
