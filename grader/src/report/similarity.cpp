#include "report/similarity.hpp"

#include <tuple>

#include <fmt/format.h>

#include "report/markup.hpp"
#include "util/csv.hpp"

namespace grader {

using nlohmann::json;

namespace {

constexpr std::string_view kTool = "sim_c++ -p (similarity-tester), starter code excluded";

constexpr std::string_view kMeaning =
    "<p>Each pair's percentages say how much of one student's code for the exercise (the "
    "starter code left out) sim_c++ found in the other's, layout, comments and names "
    "ignored. A high number is <strong>evidence for a person to read, not a verdict</strong>: "
    "short exercises leave few ways to write them, and students may share a lesson's idiom. "
    "Read the two submissions side by side before anything else.</p>\n";

json pair_to_json(const SimilarPair& p) {
  return {{"student", p.student},
          {"other", p.other},
          {"other_is_old", p.other_is_old},
          {"student_in_other", p.student_in_other},
          {"other_in_student", p.other_in_student}};
}

std::string pairs_html(const ExerciseSimilarity& exercise) {
  if (exercise.pairs.empty()) return "<p>No pair of submissions was found alike.</p>\n";
  std::string out =
      "<table>\n<tr><th>Rank</th><th>Student</th><th>Other</th><th>% of student's code in "
      "other's</th><th>% of other's code in student's</th></tr>\n";
  for (std::size_t i = 0; i < exercise.pairs.size() && i < kSummaryPairs; ++i) {
    const SimilarPair& p = exercise.pairs[i];
    out += fmt::format(
        "<tr><td class=\"num\">{}</td><td>{}</td><td>{}{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr>\n",
        i + 1, xml_escape(p.student), xml_escape(p.other), p.other_is_old ? " (previous term)" : "",
        p.student_in_other, p.other_in_student);
  }
  out += "</table>\n";
  if (exercise.pairs.size() > kSummaryPairs)
    out += fmt::format("<p>{} more pairs in similarity.csv.</p>\n",
                       exercise.pairs.size() - kSummaryPairs);
  return out;
}

std::string lines_html(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += "<li>" + xml_escape(line) + "</li>\n";
  return out.empty() ? out : "<ul>\n" + out + "</ul>\n";
}

}  // namespace

void rank_pairs(std::vector<SimilarPair>& pairs) {
  std::sort(pairs.begin(), pairs.end(), [](const SimilarPair& a, const SimilarPair& b) {
    const auto key = [](const SimilarPair& p) {
      return std::make_tuple(-p.highest(), -std::min(p.student_in_other, p.other_in_student),
                             p.student, p.other);
    };
    return key(a) < key(b);
  });
}

json similarity_to_json(const ClassSimilarity& similarity, std::size_t max_pairs) {
  json exercises = json::array();
  for (const ExerciseSimilarity& e : similarity.exercises) {
    json pairs = json::array();
    for (std::size_t i = 0; i < e.pairs.size() && i < max_pairs; ++i)
      pairs.push_back(pair_to_json(e.pairs[i]));
    exercises.push_back({{"exercise_id", e.exercise_id},
                         {"compared", e.compared},
                         {"pairs", pairs},
                         {"pairs_total", e.pairs.size()},
                         {"problems", e.problems}});
  }
  return {{"tool", kTool},
          {"old_terms", similarity.old_terms},
          {"left_out", similarity.left_out},
          {"exercises", exercises}};
}

ClassSimilarity similarity_from_json(const json& j) {
  ClassSimilarity similarity{
      .old_terms = j.at("old_terms").get<std::vector<std::string>>(),
      .left_out = j.at("left_out").get<std::vector<std::string>>(),
  };
  for (const json& e : j.at("exercises")) {
    ExerciseSimilarity exercise{.exercise_id = e.at("exercise_id").get<std::string>(),
                                .compared = e.at("compared").get<std::size_t>(),
                                .problems = e.at("problems").get<std::vector<std::string>>()};
    for (const json& p : e.at("pairs")) {
      exercise.pairs.push_back({.student = p.at("student").get<std::string>(),
                                .other = p.at("other").get<std::string>(),
                                .other_is_old = p.at("other_is_old").get<bool>(),
                                .student_in_other = p.at("student_in_other").get<int>(),
                                .other_in_student = p.at("other_in_student").get<int>()});
    }
    similarity.exercises.push_back(std::move(exercise));
  }
  return similarity;
}

std::string render_similarity_csv(const ClassSimilarity& similarity) {
  std::string csv =
      "exercise,rank,student,other,other_is_old,student_in_other,other_in_student\r\n";
  for (const ExerciseSimilarity& e : similarity.exercises) {
    for (std::size_t i = 0; i < e.pairs.size(); ++i) {
      const SimilarPair& p = e.pairs[i];
      csv += fmt::format("{},{},{},{},{},{},{}\r\n", csv_field(e.exercise_id), i + 1,
                         csv_field(p.student), csv_field(p.other), p.other_is_old ? "yes" : "no",
                         p.student_in_other, p.other_in_student);
    }
  }
  return csv;
}

std::string similarity_html(const ClassSimilarity& similarity) {
  std::string out = std::string(kMeaning);
  if (!similarity.old_terms.empty()) {
    std::string terms;
    for (const std::string& t : similarity.old_terms) terms += (terms.empty() ? "" : ", ") + t;
    out += fmt::format("<p>Also compared with previous terms: {}.</p>\n", xml_escape(terms));
  }
  if (!similarity.left_out.empty())
    out += "<p>Left out (could not be read):</p>\n" + lines_html(similarity.left_out);
  for (const ExerciseSimilarity& e : similarity.exercises) {
    out += fmt::format("<h3>{}</h3>\n<p>{} students compared.</p>\n", xml_escape(e.exercise_id),
                       e.compared);
    out += pairs_html(e) + lines_html(e.problems);
  }
  return out;
}

}  // namespace grader
