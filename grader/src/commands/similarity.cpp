// `grader similarity SUBMISSIONS --out OUT`: rank each exercise's pairs of students by how
// alike their learner files are (sim_c++, the starter code excluded), into
// OUT/similarity.csv and, when OUT holds a batch of the class, its summary.html and
// summary.json. It grades nothing. SUBMISSIONS is what the students handed in, read as
// `grader batch` reads it: an exercise a student did not hand in is not compared.
#include <thread>

#include <fmt/format.h>

#include "batch/class_files.hpp"
#include "batch/similarity.hpp"
#include "commands/table.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

struct SimilarityOptions {
  fs::path submissions;
  fs::path out;
  std::vector<std::string> ids;  ///< exercises compared; empty: all
  std::vector<std::string> old;  ///< previous terms' submissions directories
  int jobs = 0;                  ///< runs of sim_c++ at a time; 0: one per core
};

// Effects: rewrites OUT's class files with the new similarity when OUT holds a batch.
// Returns: the line saying so, or why not.
std::string rewrite_class_files(const fs::path& out) {
  if (!holds_class(out))
    return fmt::format(
        "'{}' holds no batch results: summary.html and summary.json show the pairs once "
        "`grader batch` or `grader gradebook` writes them there\n",
        out.string());
  try {
    const std::string notes = write_class_files(out, merge_class(out));
    return notes +
           fmt::format("summary:   {} (also summary.json)\n", (out / "summary.html").string());
  } catch (const UsageError& e) {
    return fmt::format("summary.* not rewritten: {}\n", e.what());
  }
}

int run_similarity(const Context& context, const SimilarityOptions& options) {
  if (!fs::is_directory(options.submissions))
    throw UsageError(
        fmt::format("submissions '{}' is not a directory", options.submissions.string()));
  SimilarityRequest request{.course_root = context.course.root(),
                            .course = context.course.entries(),
                            .exercises = context.course.select(options.ids),
                            .submissions = fs::canonical(options.submissions)};
  if (is_within(fs::weakly_canonical(fs::absolute(options.out)), request.submissions))
    throw UsageError(
        fmt::format("--out '{}' is inside the submissions directory: it would be read as a student",
                    options.out.string()));
  for (const std::string& term : options.old) {
    if (!fs::is_directory(term))
      throw UsageError(fmt::format("--old '{}' is not a directory", term));
    request.old_terms.emplace_back(term);
  }
  request.jobs = options.jobs > 0
                     ? options.jobs
                     : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const ClassSimilarity similarity = compare_class(request);
  fs::create_directories(options.out);
  store_similarity(options.out, similarity);
  fmt::print("{}{}", similarity_text(options.out, similarity), rewrite_class_files(options.out));
  return 0;
}

}  // namespace

CommandRun declare_similarity(Options& options) {
  auto values = std::make_shared<SimilarityOptions>();
  options.path("submissions", values->submissions,
               "what the students handed in: the directory `grader batch` grades", Need::required);
  options.texts("ids", values->ids, "exercises to compare (default: all)");
  options.path("--out", values->out,
               "where similarity.csv goes (the batch's --out: its summary shows the pairs too)",
               Need::required);
  options.texts("--old", values->old,
                "a previous term's submissions directory, compared with this class (repeatable)");
  options.positive("--jobs,-j", values->jobs, "runs of sim_c++ at a time (default: cores)");
  return [values](const Context& context) { return run_similarity(context, *values); };
}

}  // namespace grader
