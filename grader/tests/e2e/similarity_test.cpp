// End-to-end: `grader similarity` and `grader batch --similarity` with the real sim_c++ on
// the planted class of fixtures/similarity/ (its README lists who copied whom): renamed
// identifiers, reordered functions, a copy of a previous term's submission, the stub handed
// in twice, two honest independent solutions, and an archive that cannot be read.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "grader_runner.hpp"
#include "util/csv.hpp"

namespace e2e {
namespace {

namespace fs = std::filesystem;

fs::path fixture() {
  return fs::path(FIXTURES_DIR) / "similarity";
}

fs::path work(const std::string& name) {
  const fs::path dir = fs::path(E2E_CACHE_DIR) / "similarity" / name;
  fs::remove_all(dir);
  return dir;
}

// A copy must reach this; honest work and the starter code must stay under theirs.
constexpr int kCopyFloor = 90;
constexpr int kHonestCeiling = 30;
constexpr int kStubCeiling = 10;

// One line of similarity.csv.
struct RankedPair {
  std::size_t rank = 0;
  std::set<std::string> students;
  int highest = 0;
};

std::vector<RankedPair> ranked_pairs(const fs::path& out) {
  const std::vector<grader::CsvRecord> records =
      grader::parse_csv(read_file(out / "similarity.csv"));
  EXPECT_FALSE(records.empty());
  std::vector<RankedPair> pairs;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const grader::CsvRecord& r = records[i];  // exercise,rank,student,other,old,in,back
    pairs.push_back({.rank = std::stoul(r.at(1)),
                     .students = {r.at(2), r.at(3)},
                     .highest = std::max(std::stoi(r.at(5)), std::stoi(r.at(6)))});
  }
  return pairs;
}

// The pair of `a` and `b`, or a pair ranked 0 at 0% when sim_c++ found nothing alike.
RankedPair pair_of(const std::vector<RankedPair>& pairs, const std::string& a,
                   const std::string& b) {
  const auto it = std::find_if(pairs.begin(), pairs.end(), [&](const RankedPair& p) {
    return p.students == std::set<std::string>{a, b};
  });
  return it == pairs.end() ? RankedPair{} : *it;
}

std::vector<std::string> similarity_args(const fs::path& out) {
  return {"similarity", (fixture() / "submissions").string(),       "--out", out.string(),
          "--old",      (fixture() / "old-terms" / "2024").string()};
}

TEST(Similarity, PlantedCopiesRankAboveHonestWorkAndTheStub) {
  const fs::path out = work("planted");
  GraderRun run = run_grader(similarity_args(out), fixture() / "course");
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  // The archive that cannot be read is one line; the other seven are compared.
  EXPECT_NE(run.out.find("similarity: left out not-a-zip: unreadable archive"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("01-words: 7 students compared"), std::string::npos) << run.out;
  const std::vector<RankedPair> pairs = ranked_pairs(out);
  const std::vector<std::pair<std::string, std::string>> copies = {
      {"honest-a", "copy-renamed"},
      {"honest-a", "copy-reordered"},
      {"copy-renamed", "copy-reordered"},
      {"copy-of-2024", "2024/quinn"}};
  for (const auto& [a, b] : copies) {
    const RankedPair copy = pair_of(pairs, a, b);
    EXPECT_GE(copy.highest, kCopyFloor) << a << " ~ " << b;
    EXPECT_GE(copy.rank, 1u) << a << " ~ " << b;
    EXPECT_LE(copy.rank, copies.size()) << a << " ~ " << b << " is not among the top pairs";
  }
  EXPECT_LE(pair_of(pairs, "honest-a", "honest-b").highest, kHonestCeiling);
  // The stub is credited with the starter code: handing it in looks like nobody else.
  for (const RankedPair& p : pairs) {
    if (p.students.count("stub-as-shipped") + p.students.count("stub-one-function") > 0)
      EXPECT_LE(p.highest, kStubCeiling) << *p.students.begin() << " ~ " << *p.students.rbegin();
  }
  EXPECT_TRUE(fs::exists(out / "similarity.json"));
  EXPECT_NE(run.out.find("holds no batch results"), std::string::npos) << run.out;
}

TEST(Similarity, MissingSimCxxIsOneLineAndExitThree) {
  const fs::path out = work("no-sim");
  const fs::path empty_path = work("empty-path");
  fs::create_directories(empty_path);
  const std::map<std::string, std::string> env = {{"PATH", empty_path.string()}};
  GraderRun run = run_grader(similarity_args(out), fixture() / "course", env);
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find("sim_c++ is not on PATH: install Debian's similarity-tester"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(lines_of(run.err).size(), 1u) << run.err;
  EXPECT_FALSE(fs::exists(out));
  // batch --similarity says so before it grades anyone.
  run = run_grader({"batch", (fixture() / "class").string(), "--out", out.string(), "--similarity"},
                   course_dir(), env);
  fs::remove_all(run.tmpdir);
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_EQ(lines_of(run.err).size(), 1u) << run.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(Similarity, BadUsageIsOneLineAndExitTwo) {
  const std::string subs = (fixture() / "submissions").string();
  const std::string out = work("usage").string();
  for (const auto& [args, reason] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"similarity", (fixture() / "missing").string(), "--out", out}, "is not a directory"},
           {{"similarity", subs, "--out", out, "--old", (fixture() / "missing").string()},
            "--old '"},
           {{"similarity", subs, "--out", out, "99"}, "no exercise named '99'"},
           {{"similarity", subs, "--out", subs + "/out"}, "is inside the submissions directory"},
           {{"batch", subs, "--out", out, "--old", subs}, "--old names what --similarity"},
           {{"batch", subs, "--out", out, "--similarity", "--shard", "1/2"},
            "--similarity and --shard do not go together"}}) {
    GraderRun run = run_grader(args, fixture() / "course");
    fs::remove_all(run.tmpdir);
    EXPECT_EQ(run.exit_code, 2) << args[0] << " " << run.err;
    EXPECT_NE(run.err.find(reason), std::string::npos) << run.err;
    EXPECT_EQ(lines_of(run.err).size(), 1u) << run.err;
  }
  EXPECT_FALSE(fs::exists(out));
}

// batch --similarity puts the ranked pairs in summary.html and summary.json; a merge keeps
// them (they live in OUT/similarity.json), and `grader similarity` into OUT rewrites them.
TEST(Similarity, BatchShowsThePairsInTheClassSummary) {
  const fs::path out = work("batch");
  const std::string class_dir = (fixture() / "class").string();
  GraderRun run =
      run_grader({"batch", class_dir, "--out", out.string(), "--similarity", "--jobs", "1"});
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_NE(run.out.find("01-arith: 2 students compared, pairs alike: 1; highest ann and ben"),
            std::string::npos)
      << run.out;
  const nlohmann::json summary = nlohmann::json::parse(read_file(out / "summary.json"));
  const nlohmann::json& arith = summary.at("similarity").at("exercises").at(0);
  EXPECT_EQ(arith.at("exercise_id"), "01-arith");
  EXPECT_EQ(arith.at("pairs").at(0).at("student"), "ann");
  EXPECT_EQ(arith.at("pairs").at(0).at("other"), "ben");
  EXPECT_GE(arith.at("pairs").at(0).at("student_in_other").get<int>(), kCopyFloor);
  const std::string html = read_file(out / "summary.html");
  EXPECT_NE(html.find("<h2>Similarity</h2>"), std::string::npos);
  EXPECT_NE(html.find("not a verdict"), std::string::npos);
  EXPECT_EQ(ranked_pairs(out).size(), 1u);

  run = run_grader({"gradebook", out.string()});
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(read_file(out / "summary.html"), html);
  run = run_grader({"similarity", class_dir, "--out", out.string()});
  fs::remove_all(run.tmpdir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("summary:"), std::string::npos) << run.out;
  EXPECT_EQ(read_file(out / "summary.html"), html);
}

}  // namespace
}  // namespace e2e
