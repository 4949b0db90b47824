// batch/similarity.hpp — comparing each exercise's learner files across a class with sim_c++
// (Debian's similarity-tester), the starter code excluded.
//
// Submissions are read through the batch's intake (any layout, directories and archives),
// so what is compared is what each student handed in: an exercise a student did not hand
// in is not compared at all (in a graded workspace it would be the stub). For each pair of
// students and each direction, one run of
//
//     sim_c++ -p -S -T STUDENT / STUB OTHER
//
// tells how much of STUDENT's code is in OTHER's. The stub is an "old" file listed before
// OTHER: sim_c++ credits a stretch of code found in both to the first file listed, so code
// the two share only because both kept the starter code is credited to the stub, not to the
// pair. One run per pair and direction keeps each pair's figure exact (a run against the
// whole class would credit a stretch to one copy only) at the price of N(N-1) runs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "course/course.hpp"
#include "report/similarity.hpp"

namespace grader {

/// What to compare.
struct SimilarityRequest {
  std::filesystem::path course_root;             ///< the stubs are its exercises/<id>/ files
  std::vector<CourseEntry> course;               ///< every exercise (where a learner file belongs)
  std::vector<CourseEntry> exercises;            ///< the exercises compared, in course order
  std::filesystem::path submissions;             ///< one entry per student, as `grader batch` reads
  std::vector<std::filesystem::path> old_terms;  ///< previous terms' submissions directories
  int jobs = 1;                                  ///< runs of sim_c++ at a time
};

/// Returns: the sim_c++ program on PATH.
/// Throws: SetupError (one line, how to install it) when there is none.
std::string require_sim();

/// Effects: reads every submission of the class and of each old term, then runs sim_c++ on
/// every pair of submissions of each exercise (pairs of two old submissions excepted) in a
/// private scratch directory, `request.jobs` runs at a time.
/// Returns: the pairs found alike, ranked per exercise; a submission that cannot be read is a
/// line of `left_out` (the rest are compared), comparisons that fail are one line in their
/// exercise's `problems`. Throws: SetupError when sim_c++ is missing;
/// std::filesystem::filesystem_error when a submissions directory cannot be listed or the
/// scratch directory written.
ClassSimilarity compare_class(const SimilarityRequest& request);

/// Returns: what a command prints once the class is compared: each submission left out and
/// each exercise's problem (one line each, "similarity: ..."), then per exercise how many
/// students were compared and its highest pair, then where similarity.csv is.
std::string similarity_text(const std::filesystem::path& out, const ClassSimilarity& similarity);

/// Effects: writes OUT/similarity.json (every pair) and OUT/similarity.csv, each atomically.
/// Throws: SetupError naming a file.
void store_similarity(const std::filesystem::path& out, const ClassSimilarity& similarity);

/// Returns: the similarity stored in OUT, nullopt when none was.
/// Throws: UsageError when OUT/similarity.json is damaged.
std::optional<ClassSimilarity> stored_similarity(const std::filesystem::path& out);

}  // namespace grader
