// The Course value: loaded once, it answers every question about the course in each of
// its three kinds (full, release, release without hidden suites).
#include <gtest/gtest.h>

#include "course/course.hpp"
#include "process/scratch_dir.hpp"
#include "temp_course.hpp"
#include "util/errors.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing_support::write_manifest;
using testing_support::write_source;

constexpr const char* kSampleManifest = R"({
  "id": "01-sample", "title": "Sample", "day": "1-2", "files": ["a.hpp"],
  "points": {"default": 2, "tests": {"Hidden.Big": 5}}})";

// A course with exercise 01-sample: a hidden suite of two tests (Hidden.Big is worth 5,
// Hidden.Small the default 2), one visible test, and solutions/ unless `release`.
class CourseKinds : public ::testing::Test {
 protected:
  void SetUp() override {
    write_manifest(root(), "01-sample", kSampleManifest);
    write_source(root(), "exercises/01-sample/tests", "visible_test.cpp",
                 "TEST(Visible, One) {}\n");
    write_source(root(), "grader/suites/01-sample", "suite_test.cpp",
                 "TEST(Hidden, Big) {}\nTEST(Hidden, Small) {}\n");
    write_source(root(), "solutions/01-sample", "a.hpp", "#pragma once\n");
  }
  const fs::path& root() const { return scratch_.path(); }

 private:
  ScratchDir scratch_;
};

// A checkout with solutions/ and grader/suites/ is a full course, graded by its suites.
TEST_F(CourseKinds, FullCourseIsGradedByTheHiddenSuite) {
  const Course course = Course::load(root());
  EXPECT_EQ(course.kind(), CourseKind::full);
  ASSERT_EQ(course.entries().size(), 1u);
  EXPECT_EQ(course.entries()[0].declared_tests,
            (std::vector<std::string>{"Hidden.Big", "Hidden.Small"}));
  EXPECT_EQ(course.graded_tests_dir("01-sample"), root() / "grader" / "suites" / "01-sample");
  EXPECT_EQ(course.max_score(course.entries()[0]), 7);
  EXPECT_NO_THROW(course.require_solutions("verify"));
  EXPECT_EQ(course.visible_only_line(), "");
}

// A release keeps its suites: the same totals, but no solutions for `verify`.
TEST_F(CourseKinds, ReleaseHasTotalsButNoSolutions) {
  fs::remove_all(root() / "solutions");
  const Course course = Course::load(root());
  EXPECT_EQ(course.kind(), CourseKind::release);
  EXPECT_EQ(course.max_score(course.entries()[0]), 7);
  EXPECT_THROW(course.require_solutions("verify"), UsageError);
}

// Without hidden suites the visible tests grade each exercise, and their totals count.
TEST_F(CourseKinds, ReleaseWithoutHiddenSuitesIsGradedByTheVisibleTests) {
  fs::remove_all(root() / "solutions");
  fs::remove_all(root() / "grader" / "suites");
  const Course course = Course::load(root());
  EXPECT_EQ(course.kind(), CourseKind::release_without_hidden);
  EXPECT_EQ(course.entries()[0].declared_tests, std::vector<std::string>{"Visible.One"});
  EXPECT_EQ(course.max_score(course.entries()[0]), 2);
  const std::vector<SuiteVariant> variants = course.graded_variants(*course.entries()[0].manifest);
  ASSERT_EQ(variants.size(), 1u);
  EXPECT_EQ(variants[0].target, "visible-01-sample");
  EXPECT_NE(course.visible_only_line().find(kVisibleOnlyNotice), std::string::npos);
}

// Solutions without hidden suites still serve `verify` and `solution`.
TEST_F(CourseKinds, SolutionsWithoutHiddenSuitesAreStillSolutions) {
  fs::remove_all(root() / "grader" / "suites");
  const Course course = Course::load(root());
  EXPECT_EQ(course.kind(), CourseKind::release_without_hidden);
  EXPECT_NO_THROW(course.require_solutions("verify"));
}

// An exercise is found by its full name or by its number, with or without leading zeros,
// and only so.
TEST_F(CourseKinds, FindsByNameOrNumber) {
  const Course course = Course::load(root());
  const CourseEntry* sample = course.find("01-sample");
  ASSERT_NE(sample, nullptr);
  EXPECT_EQ(course.find("01"), sample);
  EXPECT_EQ(course.find("1"), sample);
  EXPECT_EQ(course.find("001"), sample);
  EXPECT_EQ(course.find("01-other"), nullptr);
  EXPECT_EQ(course.find("2"), nullptr);
  EXPECT_EQ(course.find("1x"), nullptr);
  EXPECT_EQ(course.find("-1"), nullptr);
  EXPECT_EQ(course.find(""), nullptr);
}

// select keeps the order asked for and refuses an unknown id in one line naming it.
TEST_F(CourseKinds, SelectRefusesAnUnknownId) {
  const Course course = Course::load(root());
  EXPECT_EQ(course.select({}).size(), 1u);
  EXPECT_EQ(course.select({"01"}).at(0).id, "01-sample");
  try {
    course.select({"01", "42"});
    FAIL() << "no exception";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("'42'"), std::string::npos) << e.what();
  }
}

// A points.tests key naming no declared test is reported (verify fails on it).
TEST_F(CourseKinds, UndeclaredPointKeysAreFound) {
  write_manifest(root(), "01-sample", R"({
    "id": "01-sample", "title": "Sample", "day": "1-2", "files": ["a.hpp"],
    "points": {"tests": {"Hidden.Big": 5, "Hidden.Typo": 3}}})");
  const Course course = Course::load(root());
  EXPECT_EQ(Course::undeclared_point_keys(course.entries()[0]),
            std::vector<std::string>{"Hidden.Typo"});
}

// A tree without exercises/ is not a course: bad usage, in one line naming it.
TEST(Course, WithoutExercisesIsNotACourse) {
  const ScratchDir empty;
  EXPECT_THROW(Course::load(empty.path()), UsageError);
}

// A course loads every exercise in id order, keeps a broken manifest as an entry with
// its error, and skips directories without a manifest.
TEST(Course, KeepsGoingPastABrokenManifest) {
  const ScratchDir root;
  write_manifest(root.path(), "03-good",
                 R"({"id": "03-good", "title": "G", "day": "1-2", "files": ["a.hpp"]})");
  write_manifest(root.path(), "02-broken", R"({"id": "02-broken"})");
  write_manifest(root.path(), "01-sample", kSampleManifest);
  fs::create_directories(root.path() / "exercises" / "04-no-manifest");

  const std::vector<CourseEntry> course = Course::load(root.path()).entries();
  ASSERT_EQ(course.size(), 3u);
  EXPECT_EQ(course[0].id, "01-sample");
  EXPECT_TRUE(course[0].manifest.has_value());
  EXPECT_EQ(course[1].id, "02-broken");
  EXPECT_FALSE(course[1].manifest.has_value());
  EXPECT_NE(course[1].error.find("field 'title': missing"), std::string::npos) << course[1].error;
  EXPECT_EQ(course[2].id, "03-good");
  EXPECT_TRUE(course[2].manifest.has_value());
}

}  // namespace
}  // namespace grader
