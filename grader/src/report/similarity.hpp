// report/similarity.hpp — how alike students' learner files are, exercise by exercise, as
// sim_c++ measured them with the starter code excluded (batch/similarity.hpp runs it).
//
// A high percentage is evidence for a person to read, never a verdict: two students may
// share code because the exercise leaves one sensible way to write it, because they
// worked from the same lesson, or because they were allowed to pair.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace grader {

/// Two submissions of one exercise that sim_c++ found alike.
struct SimilarPair {
  std::string student;        ///< a student of the class
  std::string other;          ///< another student, or a previous term's ("<term>/<name>")
  bool other_is_old = false;  ///< `other` is from a previous term (--old)
  int student_in_other = 0;   ///< % of the student's code, starter code excluded, found in other's
  int other_in_student = 0;   ///< % of the other's code found in the student's

  /// Returns: the higher of the two percentages, which ranks the pair.
  int highest() const { return std::max(student_in_other, other_in_student); }
};

/// One exercise compared across the class.
struct ExerciseSimilarity {
  std::string exercise_id;
  std::size_t compared = 0;           ///< students whose learner files were compared
  std::vector<SimilarPair> pairs;     ///< every pair found alike (1% or more), ranked
  std::vector<std::string> problems;  ///< one line per kind of comparison that failed
};

/// A class compared by `grader similarity`.
struct ClassSimilarity {
  std::vector<ExerciseSimilarity> exercises;  ///< in course order
  std::vector<std::string> old_terms;         ///< the previous terms compared against (--old)
  std::vector<std::string> left_out;          ///< one line per submission that could not be read
};

/// How many pairs of each exercise the class summary shows; similarity.csv has them all.
inline constexpr std::size_t kSummaryPairs = 20;

/// Effects: ranks `pairs`: the highest percentage first, then the other direction's, then
/// by names, so equal inputs always give the same order.
void rank_pairs(std::vector<SimilarPair>& pairs);

/// Returns: `similarity` as JSON: {"tool", "old_terms", "left_out", "exercises": [{exercise_id,
/// compared, pairs: [{student, other, other_is_old, student_in_other, other_in_student}],
/// pairs_total, problems}]}, with at most `max_pairs` pairs of each exercise (the highest).
nlohmann::json similarity_to_json(const ClassSimilarity& similarity, std::size_t max_pairs);

/// Returns: the similarity that similarity_to_json wrote. Throws: nlohmann::json::exception
/// when `json` is not such a document.
ClassSimilarity similarity_from_json(const nlohmann::json& json);

/// Returns: every pair as CSV (CRLF line ends): exercise, rank, student, other, other_is_old,
/// student_in_other, other_in_student.
std::string render_similarity_csv(const ClassSimilarity& similarity);

/// Returns: the class summary's similarity section as HTML: what the numbers mean, then per
/// exercise a table of its highest pairs (at most kSummaryPairs) and its problems.
std::string similarity_html(const ClassSimilarity& similarity);

}  // namespace grader
