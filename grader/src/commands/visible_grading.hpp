// commands/visible_grading.hpp — grading a student release that withholds the hidden
// suites (`grader export --withhold-hidden`): each exercise's visible tests,
// exercises/<id>/tests/*.cpp built as visible-<id> (cmake/Workbook.cmake), are graded
// in the suite's place, and every exercise says the hidden tests are the instructor's.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "build/tree_build.hpp"
#include "manifest/manifest.hpp"
#include "report/model.hpp"

namespace grader {

/// The one line telling a learner that only the visible tests were graded.
extern const char* const kVisibleOnlyNotice;

/// Returns: the builds whose tests grade `manifest` in `course`: its hidden suite's
/// variants, or, when the course withholds its suites, the visible tests built with the
/// main variant's sanitizers.
std::vector<SuiteVariant> graded_variants(const std::filesystem::path& course,
                                          const Manifest& manifest);

/// Returns: the directory whose TEST/TEST_F lines declare the tests that grade exercise
/// `id`: grader/suites/<id>, or exercises/<id>/tests when the course withholds its suites.
std::filesystem::path graded_tests_dir(const std::filesystem::path& course, const std::string& id);

/// Returns: kVisibleOnlyNotice and a newline when `course` withholds its suites, else "":
/// the one line a text summary ends with.
std::string visible_only_line(const std::filesystem::path& course);

/// Effects: when `course` withholds its suites, puts kVisibleOnlyNotice first in the
/// message of every exercise of `report`; otherwise nothing.
void note_visible_only(const std::filesystem::path& course, Report& report);

}  // namespace grader
