// Batch: naming students, finding learner files in any accepted shape, and staging the
// workspace a student is graded on.
#include <gtest/gtest.h>

#include <fstream>

#include "batch/layout.hpp"
#include "batch/submissions.hpp"
#include "batch/workspace.hpp"
#include "process/scratch_dir.hpp"
#include "util/errors.hpp"
#include "util/file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

std::vector<CourseEntry> course() {
  std::vector<CourseEntry> entries;
  for (const auto& [id, files] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"01-arith", {"arith.cpp"}}, {"02-greet", {"greet.hpp", "detail/impl.hpp"}}}) {
    Manifest m;
    m.id = id;
    m.files = files;
    m.given = {"given.hpp"};
    entries.push_back(CourseEntry{id, {}, m, ""});
  }
  entries.push_back(CourseEntry{"03-broken", {}, std::nullopt, "bad day"});
  return entries;
}

Intake intake_of(std::map<std::string, std::string> files) {
  Intake intake;
  intake.files = std::move(files);
  return intake;
}

TEST(FindLearnerFiles, ExercisesTree) {
  const LearnerFiles found = find_learner_files(
      intake_of({{"exercises/01-arith/arith.cpp", "A"}, {"exercises/02-greet/greet.hpp", "G"}}),
      course());
  EXPECT_EQ(found.at("01-arith").at("arith.cpp"), "A");
  EXPECT_EQ(found.at("02-greet").at("greet.hpp"), "G");
  EXPECT_EQ(count_files(found), 2u);
}

TEST(FindLearnerFiles, BareExerciseFolders) {
  const LearnerFiles found = find_learner_files(
      intake_of({{"01-arith/arith.cpp", "A"}, {"02-greet/detail/impl.hpp", "I"}}), course());
  EXPECT_EQ(found.at("01-arith").at("arith.cpp"), "A");
  EXPECT_EQ(found.at("02-greet").at("detail/impl.hpp"), "I");
  // One exercise folder alone is not a wrapper.
  EXPECT_EQ(count_files(find_learner_files(intake_of({{"01-arith/arith.cpp", "A"}}), course())),
            1u);
}

TEST(FindLearnerFiles, OneWrapperFolderAroundEitherShape) {
  EXPECT_EQ(
      count_files(find_learner_files(intake_of({{"alice-week1/exercises/01-arith/arith.cpp", "A"},
                                                {"__MACOSX/alice-week1/._arith.cpp", "junk"}}),
                                     course())),
      1u);
  EXPECT_EQ(count_files(find_learner_files(
                intake_of({{"alice/01-arith/arith.cpp", "A"}, {"alice/02-greet/greet.hpp", "G"}}),
                course())),
            2u);
  // Two levels of wrapping are not looked through.
  EXPECT_EQ(count_files(find_learner_files(intake_of({{"a/b/01-arith/arith.cpp", "A"}}), course())),
            0u);
}

// Given files, visible tests and anything else are not the student's to replace.
TEST(FindLearnerFiles, OnlyLearnerFilesAreTaken) {
  const LearnerFiles found =
      find_learner_files(intake_of({{"01-arith/arith.cpp", "A"},
                                    {"01-arith/given.hpp", "evil"},
                                    {"01-arith/tests/visible_test.cpp", "evil"},
                                    {"03-broken/broken.hpp", "x"},
                                    {"CMakeLists.txt", "evil"}}),
                         course());
  EXPECT_EQ(count_files(found), 1u);
  EXPECT_EQ(found.at("01-arith").size(), 1u);
}

// Files uploaded alone are placed by name when exactly one exercise expects that name,
// at the top or in a wrapper folder, never over the file an exercise folder gave.
TEST(FindLearnerFiles, FilesAlonePlacedByName) {
  LearnerFiles found = find_learner_files(
      intake_of({{"arith.cpp", "A"}, {"impl.hpp", "I"}, {"notes.txt", "n"}}), course());
  EXPECT_EQ(found.at("01-arith").at("arith.cpp"), "A");
  EXPECT_EQ(found.at("02-greet").at("detail/impl.hpp"), "I");
  EXPECT_EQ(count_files(found), 2u);
  found = find_learner_files(intake_of({{"alice/arith.cpp", "A"}}), course());
  EXPECT_EQ(found.at("01-arith").at("arith.cpp"), "A");
  found = find_learner_files(intake_of({{"01-arith/arith.cpp", "folder"}, {"arith.cpp", "loose"}}),
                             course());
  EXPECT_EQ(found.at("01-arith").at("arith.cpp"), "folder");
  // Deeper than the top: not a file uploaded alone.
  EXPECT_EQ(count_files(find_learner_files(intake_of({{"src/x/arith.cpp", "A"}}), course())), 0u);
}

// A name two exercises share is placed nowhere: the student must say which.
TEST(FindLearnerFiles, SharedNameAloneIsNotPlaced) {
  std::vector<CourseEntry> entries = course();
  entries[1].manifest->files.push_back("arith.cpp");
  EXPECT_EQ(count_files(find_learner_files(intake_of({{"arith.cpp", "A"}}), entries)), 0u);
}

// A course of two exercises (01-arith, 02-greet) under `root`, with a stub, a given
// header and a visible test.
void write_course(const fs::path& root) {
  for (const auto& [file, text] : std::vector<std::pair<std::string, std::string>>{
           {"exercises/01-arith/arith.cpp", "stub"},
           {"exercises/01-arith/given.hpp", "given"},
           {"exercises/02-greet/greet.hpp", "stub greet"},
           {"exercises/02-greet/tests/t.cpp", "visible"}}) {
    fs::create_directories((root / file).parent_path());
    std::ofstream(root / file) << text;
  }
}

TEST(StageWorkspace, StubsWithTheStudentsFilesOverThem) {
  const ScratchDir dir;
  const fs::path root = dir.path() / "course";
  write_course(root);
  const fs::path workspace = dir.path() / "work" / "exercises";
  fs::create_directories(workspace / "01-arith");
  std::ofstream(workspace / "01-arith" / "stale.cpp") << "left from an earlier run";
  LearnerFiles files;
  files["01-arith"]["arith.cpp"] = "mine";
  stage_workspace(root, course(), files, workspace);
  EXPECT_EQ(read_file(workspace / "01-arith" / "arith.cpp"), "mine");
  EXPECT_EQ(read_file(workspace / "01-arith" / "given.hpp"), "given");
  EXPECT_EQ(read_file(workspace / "02-greet" / "greet.hpp"), "stub greet");
  EXPECT_EQ(read_file(workspace / "02-greet" / "tests" / "t.cpp"), "visible");
  EXPECT_FALSE(fs::exists(workspace / "01-arith" / "stale.cpp"));

  // A second staging leaves files that did not change alone (builds stay incremental).
  const auto before = fs::last_write_time(workspace / "02-greet" / "greet.hpp");
  files["01-arith"]["arith.cpp"] = "mine, edited";
  stage_workspace(root, course(), files, workspace);
  EXPECT_EQ(fs::last_write_time(workspace / "02-greet" / "greet.hpp"), before);
  EXPECT_EQ(read_file(workspace / "01-arith" / "arith.cpp"), "mine, edited");
}

// One submission through the batch's intake: a link is refused by name and the rest staged.
TEST(StageSubmission, RefusesLinksAndStagesTheRest) {
  const ScratchDir dir;
  const fs::path root = dir.path() / "course";
  write_course(root);
  const fs::path submission = dir.path() / "submission";
  fs::create_directories(submission / "exercises" / "01-arith");
  std::ofstream(submission / "exercises" / "02-greet.hpp") << "ignored";
  std::ofstream(dir.path() / "secret") << "solution";
  fs::create_symlink(dir.path() / "secret", submission / "exercises" / "01-arith" / "arith.cpp");
  fs::create_directories(submission / "exercises" / "02-greet");
  std::ofstream(submission / "exercises" / "02-greet" / "greet.hpp") << "mine";
  const fs::path workspace = dir.path() / "workspace";
  const StagedSubmission staged = stage_submission(root, course(), submission, workspace);
  EXPECT_EQ(staged.skipped,
            std::vector<std::string>{"symbolic link 'exercises/01-arith/arith.cpp'"});
  EXPECT_EQ(staged.exercises, std::vector<std::string>{"02-greet"});
  EXPECT_EQ(read_file(workspace / "01-arith" / "arith.cpp"), "stub");
  EXPECT_EQ(read_file(workspace / "02-greet" / "greet.hpp"), "mine");
  // Staged again into the workspace it made: allowed. Into a directory of other files: not.
  EXPECT_NO_THROW(stage_submission(root, course(), submission, workspace));
  fs::create_directories(dir.path() / "home");
  std::ofstream(dir.path() / "home" / "thesis.tex") << "precious";
  EXPECT_THROW(stage_submission(root, course(), submission, dir.path() / "home"), UsageError);
  EXPECT_EQ(read_file(dir.path() / "home" / "thesis.tex"), "precious");
}

// A submission refused as a whole (here: an archive that is not one) is not staged.
TEST(StageSubmission, RefusedSubmissionThrows) {
  const ScratchDir dir;
  write_course(dir.path() / "course");
  std::ofstream(dir.path() / "s.zip") << "not a zip";
  EXPECT_THROW(stage_submission(dir.path() / "course", course(), dir.path() / "s.zip",
                                dir.path() / "workspace"),
               UsageError);
  EXPECT_FALSE(fs::exists(dir.path() / "workspace"));
}

TEST(ListSubmissions, KindsAndStableUniqueNames) {
  const ScratchDir dir;
  const fs::path d = dir.path();
  fs::create_directories(d / "alice");
  fs::create_directories(d / "bob");
  std::ofstream(d / "bob.zip") << "";
  std::ofstream(d / "carol.TGZ") << "";
  std::ofstream(d / "dave.tar.gz") << "";
  std::ofstream(d / "erin.rar") << "";
  std::ofstream(d / ".DS_Store") << "";
  std::ofstream(d /
                "fr\xe9"
                "d.zip")
      << "";
  std::ofstream(d / "new\nline") << "";
  const std::vector<Submission> found = list_submissions(d);
  std::vector<std::string> names;
  for (const Submission& s : found) names.push_back(s.student);
  ASSERT_EQ(found.size(), 8u);
  EXPECT_EQ(found[0].student, "alice");
  EXPECT_EQ(found[0].kind, SubmissionKind::directory);
  // "bob" and "bob.zip" would share a name: each gets a suffix from its own entry name.
  EXPECT_EQ(found[1].student.substr(0, 4), "bob~");
  EXPECT_EQ(found[2].student.substr(0, 4), "bob~");
  EXPECT_NE(found[1].student, found[2].student);
  EXPECT_EQ(found[3].student, "carol");
  EXPECT_EQ(found[3].kind, SubmissionKind::tar_gz);
  EXPECT_EQ(found[4].student, "dave");
  EXPECT_EQ(found[5].student, "erin.rar");
  EXPECT_EQ(found[5].kind, SubmissionKind::unsupported);
  EXPECT_EQ(found[6].student.substr(0, 7),
            "fr\xEF\xBF\xBD"
            "d~");
  EXPECT_EQ(found[6].kind, SubmissionKind::zip);
  EXPECT_EQ(found[7].student.substr(0, 9), "new_line~");
  EXPECT_EQ(list_submissions(d)[6].student, found[6].student) << "names are stable";
  EXPECT_EQ(read_submission(found[5], {}).refused, "not a directory, .zip, .tar.gz or .tgz");
}

}  // namespace
}  // namespace grader
