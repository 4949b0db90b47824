#include "batch/similarity.hpp"

#include <atomic>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "batch/layout.hpp"
#include "batch/submissions.hpp"
#include "process/process.hpp"
#include "process/scratch_dir.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"
#include "util/text.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

// One run of sim_c++ takes milliseconds; a minute means it is stuck.
constexpr double kSimSeconds = 60;
// The one old file every run lists first, so that it is credited with the starter code.
constexpr const char* kStubFile = "stub";

// A submission as sim_c++ sees it: its learner files, and whose it is.
struct Participant {
  std::string name;  ///< the student, or "<term>/<student>" for a previous term's
  bool old = false;  ///< from a previous term: compared with the class, never with its own term
  LearnerFiles files;
};

// One direction of one pair: how much of `from`'s code sim_c++ found in `to`'s.
struct Run {
  std::size_t from = 0;  ///< index into the participants
  std::size_t to = 0;
  int percent = 0;
  std::string failure;  ///< why sim_c++ gave no answer; empty when it did
};

// Effects: reads every submission of `dir` through the batch's intake into `people`
// (labelled "<term>/<student>" when `term` is set); each one refused is a line of `left_out`.
void read_participants(const fs::path& dir, const std::string& term,
                       const std::vector<CourseEntry>& course, std::vector<Participant>& people,
                       std::vector<std::string>& left_out) {
  for (const Submission& submission : list_submissions(dir)) {
    const std::string name = term.empty() ? submission.student : term + "/" + submission.student;
    const Intake intake = read_submission(submission, IntakeLimits{});
    if (!intake.refused.empty()) {
      left_out.push_back(fmt::format("{}: {}", name, intake.refused));
      continue;
    }
    people.push_back(
        {.name = name, .old = !term.empty(), .files = find_learner_files(intake, course)});
  }
}

// The learner files `files` holds for `manifest`'s exercise, one after the other in the
// manifest's order; nullopt when it holds none (the exercise was not handed in).
std::optional<std::string> exercise_text(const Manifest& manifest, const LearnerFiles& files) {
  const auto found = files.find(manifest.id);
  if (found == files.end() || found->second.empty()) return std::nullopt;
  std::string text;
  for (const std::string& file : manifest.files) {
    const auto it = found->second.find(file);
    if (it != found->second.end()) text += it->second + "\n";
  }
  return text;
}

std::string scratch_name(std::size_t participant) {
  return "p" + std::to_string(participant);
}

// Returns: the percentage of a line "FROM consists for N % of TO material" in sim_c++ -p's
// `output`, 0 when there is none (sim_c++ prints only pairs at 1% or more).
int percent_in(const std::string& output, const std::string& from, const std::string& to) {
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string a, consists, for_, percent_sign, of, b, material;
    int percent = 0;
    if (words >> a >> consists >> for_ >> percent >> percent_sign >> of >> b >> material &&
        a == from && b == to && consists == "consists" && material == "material")
      return percent;
  }
  return 0;
}

void run_sim(const std::string& sim, const fs::path& dir, Run& run) {
  const std::string from = scratch_name(run.from);
  const std::string to = scratch_name(run.to);
  const ProcessResult result =
      run_process({.argv = {sim, "-p", "-S", "-T", from, "/", kStubFile, to},
                   .cwd = dir,
                   .limits = {.wall_seconds = kSimSeconds}});
  if (result.succeeded()) {
    run.percent = percent_in(result.output, from, to);
    return;
  }
  std::string said = first_lines(to_valid_utf8(result.output), 1);
  if (!said.empty() && said.back() == '\n') said.pop_back();
  run.failure = said.empty() ? result.describe() : result.describe() + ": " + said;
}

// Effects: calls `work` on every run, `jobs` at a time.
void run_all(std::vector<Run>& runs, int jobs, const std::function<void(Run&)>& work) {
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < runs.size(); i = next++) work(runs[i]);
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(std::max(1, jobs)));
  const std::size_t count =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(1, jobs)), runs.size());
  for (std::size_t t = 0; t < count; ++t) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
}

// Effects: adds to `exercise` the pairs of `runs` (both directions of a pair, one after the
// other) found alike, ranked, and one problem line when any run failed.
void collect_pairs(const std::vector<Run>& runs, const std::vector<Participant>& people,
                   ExerciseSimilarity& exercise) {
  std::size_t failed = 0;
  for (std::size_t i = 0; i + 1 < runs.size(); i += 2) {
    const Run& there = runs[i];  // from the student (never old) to the other
    const Run& back = runs[i + 1];
    for (const Run* run : {&there, &back}) {
      if (run->failure.empty()) continue;
      if (failed++ == 0)
        exercise.problems.push_back(fmt::format("sim_c++ could not compare {} with {}: {}",
                                                people[run->from].name, people[run->to].name,
                                                run->failure));
    }
    if (std::max(there.percent, back.percent) == 0) continue;
    exercise.pairs.push_back({.student = people[there.from].name,
                              .other = people[there.to].name,
                              .other_is_old = people[there.to].old,
                              .student_in_other = there.percent,
                              .other_in_student = back.percent});
  }
  if (failed > 1)
    exercise.problems.back() += fmt::format(" (and {} more comparisons failed)", failed - 1);
  rank_pairs(exercise.pairs);
}

// Effects: writes the stub and every participant's files of `manifest`'s exercise into `dir`,
// then runs sim_c++ on each pair. Returns: the exercise's pairs.
ExerciseSimilarity compare_exercise(const Manifest& manifest, const SimilarityRequest& request,
                                    const std::vector<Participant>& people, const std::string& sim,
                                    const fs::path& dir) {
  fs::create_directories(dir);
  std::string stub;
  for (const std::string& file : manifest.files)
    stub += read_file(request.course_root / "exercises" / manifest.id / file).value_or("") + "\n";
  write_atomically(dir / kStubFile, stub);
  ExerciseSimilarity exercise{.exercise_id = manifest.id};
  std::vector<std::size_t> present;
  for (std::size_t k = 0; k < people.size(); ++k) {
    const std::optional<std::string> text = exercise_text(manifest, people[k].files);
    if (!text) continue;
    write_atomically(dir / scratch_name(k), *text);
    present.push_back(k);
    if (!people[k].old) ++exercise.compared;
  }
  std::vector<Run> runs;
  for (std::size_t a = 0; a < present.size(); ++a) {
    for (std::size_t b = a + 1; b < present.size(); ++b) {
      std::size_t student = present[a];
      std::size_t other = present[b];
      if (people[student].old && people[other].old) continue;
      if (people[student].old) std::swap(student, other);  // a previous term's is the other
      runs.push_back({.from = student, .to = other});
      runs.push_back({.from = other, .to = student});
    }
  }
  run_all(runs, request.jobs, [&](Run& run) { run_sim(sim, dir, run); });
  collect_pairs(runs, people, exercise);
  return exercise;
}

fs::path similarity_json(const fs::path& out) {
  return out / "similarity.json";
}

}  // namespace

std::string require_sim() {
  std::string sim = find_program("sim_c++");
  if (sim.empty())
    throw SetupError(
        "sim_c++ is not on PATH: install Debian's similarity-tester package (scripts/setup "
        "does)");
  return sim;
}

ClassSimilarity compare_class(const SimilarityRequest& request) {
  const std::string sim = require_sim();
  ClassSimilarity similarity;
  std::vector<Participant> people;
  read_participants(request.submissions, "", request.course, people, similarity.left_out);
  for (const fs::path& term : request.old_terms) {
    const std::string label = fs::weakly_canonical(fs::absolute(term)).filename().string();
    similarity.old_terms.push_back(label);
    read_participants(term, label, request.course, people, similarity.left_out);
  }
  const ScratchDir scratch("grader-similarity-");
  for (const CourseEntry& entry : request.exercises) {
    if (!entry.manifest) continue;  // a broken manifest names no learner file
    similarity.exercises.push_back(
        compare_exercise(*entry.manifest, request, people, sim, scratch.path() / entry.id));
  }
  return similarity;
}

std::string similarity_text(const fs::path& out, const ClassSimilarity& similarity) {
  std::string text;
  for (const std::string& line : similarity.left_out)
    text += fmt::format("similarity: left out {}\n", line);
  for (const ExerciseSimilarity& e : similarity.exercises) {
    for (const std::string& problem : e.problems)
      text += fmt::format("similarity: {}: {}\n", e.exercise_id, problem);
  }
  for (const ExerciseSimilarity& e : similarity.exercises) {
    text += fmt::format("{}: {} students compared, pairs alike: {}", e.exercise_id, e.compared,
                        e.pairs.size());
    if (!e.pairs.empty()) {
      const SimilarPair& top = e.pairs.front();
      text += fmt::format("; highest {} and {} ({}% / {}%)", top.student, top.other,
                          top.student_in_other, top.other_in_student);
    }
    text += "\n";
  }
  return text + fmt::format("similarity: {} (evidence to read, not a verdict)\n",
                            (out / "similarity.csv").string());
}

void store_similarity(const fs::path& out, const ClassSimilarity& similarity) {
  write_atomically(similarity_json(out),
                   dump_json(similarity_to_json(similarity, static_cast<std::size_t>(-1))));
  write_atomically(out / "similarity.csv", render_similarity_csv(similarity));
}

std::optional<ClassSimilarity> stored_similarity(const fs::path& out) {
  const std::optional<std::string> text = read_file(similarity_json(out));
  if (!text) return std::nullopt;
  try {
    return similarity_from_json(nlohmann::json::parse(*text));
  } catch (const nlohmann::json::exception&) {
    throw UsageError(
        fmt::format("'{}' is damaged: run grader similarity again", similarity_json(out).string()));
  }
}

}  // namespace grader
