// The header of an author mutant's patch (grader/mutants/<id>/<slug>.patch): `# bug:`, then
// `# kills: Suite.Test`, then `#` comments, then the diff; every other shape is a problem
// named in one line. And the listing of an exercise's patches.
#include <gtest/gtest.h>

#include <fstream>

#include "mutants/mutant_patch.hpp"
#include "process/scratch_dir.hpp"

namespace grader {
namespace {

constexpr const char* kDiff =
    "--- a/slab.cpp\n+++ b/slab.cpp\n@@ -1 +1 @@\n-  return n + 1;\n+  return n;\n";

// Returns: the problem parse_mutant_header finds in `header` followed by a diff.
std::string problem_of(const std::string& header) {
  return parse_mutant_header(header + kDiff).problem;
}

// A well-formed header: both values read, blanks around them dropped, comments allowed.
TEST(MutantPatch, AWellFormedHeaderIsRead) {
  const MutantHeader header = parse_mutant_header(
      std::string("# bug:  the free list skips its last slot \n# kills: Slab.ReusesEverySlot\n"
                  "# Realistic: an off-by-one in the loop bound.\n#\n") +
      kDiff);
  EXPECT_EQ(header.problem, "");
  EXPECT_EQ(header.bug, "the free list skips its last slot");
  EXPECT_EQ(header.kills, "Slab.ReusesEverySlot");
}

// A patch written on Windows (CRLF) reads the same; so does a diff of `diff -u` under
// another header line (`diff -ru a b` writes `diff ...` first).
TEST(MutantPatch, CrlfAndADiffLineAreAccepted) {
  const MutantHeader header =
      parse_mutant_header("# bug: x\r\n# kills: A.B\r\ndiff -u a/f.cpp b/f.cpp\r\n--- a/f.cpp\r\n");
  EXPECT_EQ(header.problem, "");
  EXPECT_EQ(header.kills, "A.B");
}

// Without a first line `# bug:` (missing, misspelt, or not first) the patch says so.
TEST(MutantPatch, AMissingBugLineIsAProblem) {
  EXPECT_EQ(problem_of(""), problem_of("# kills: A.B\n"));
  EXPECT_NE(problem_of("# kills: A.B\n").find("has no '# bug:' line"), std::string::npos);
  EXPECT_NE(problem_of("#bug: x\n# kills: A.B\n").find("has no '# bug:' line"), std::string::npos);
  EXPECT_NE(parse_mutant_header("").problem.find("has no '# bug:' line"), std::string::npos);
}

// A `# bug:` line that says nothing is a problem too: the line is for the reader.
TEST(MutantPatch, AnEmptyBugLineIsAProblem) {
  EXPECT_NE(problem_of("# bug:   \n# kills: A.B\n").find("empty '# bug:' line"), std::string::npos);
}

// The second line must be `# kills:`; a comment between the two is not allowed.
TEST(MutantPatch, AMissingKillsLineIsAProblem) {
  EXPECT_NE(problem_of("# bug: x\n").find("has no '# kills:' line"), std::string::npos);
  EXPECT_NE(problem_of("# bug: x\n# why\n# kills: A.B\n").find("has no '# kills:' line"),
            std::string::npos);
  EXPECT_EQ(parse_mutant_header("# bug: x").bug, "x");
}

// `# kills:` names exactly one test, Suite.Test: not a name with spaces, two names, a
// suite alone or a gtest filter.
TEST(MutantPatch, AKillsLineNamesOneTest) {
  for (const char* kills : {"Slab Reuses", "Slab.Reuses Every", "Slab.A, Slab.B", "Slab", "Slab.*",
                            "Slab.", ".Reuses", "1Slab.Reuses", ""}) {
    EXPECT_NE(problem_of(std::string("# bug: x\n# kills: ") + kills + "\n")
                  .find("which is not one test named Suite.Test"),
              std::string::npos)
        << kills;
  }
  EXPECT_EQ(problem_of("# bug: x\n# kills: Slab_2.Reuses_Every_Slot\n"), "");
}

// Between the header and the diff, only `#` comment lines: any other text is named by its
// line number; a header with no diff after it is a problem.
TEST(MutantPatch, ExtraTextBeforeTheDiffIsAProblem) {
  EXPECT_NE(problem_of("# bug: x\n# kills: A.B\n\n").find("line 3 is neither"), std::string::npos);
  EXPECT_NE(problem_of("# bug: x\n# kills: A.B\n# ok\nIndex: slab.cpp\n").find("line 4 is neither"),
            std::string::npos);
  EXPECT_NE(problem_of("# bug: x\n# kills: A.B\n#not a comment\n").find("line 3"),
            std::string::npos);
  EXPECT_EQ(parse_mutant_header("# bug: x\n# kills: A.B\n# only comments\n").problem,
            "has no diff after its header");
}

// An exercise's patches are its *.patch files, in name order; no directory, no patches.
TEST(MutantPatch, PatchesAreListedInNameOrder) {
  const ScratchDir root;
  EXPECT_TRUE(mutant_patches(mutants_dir(root.path(), "01-x")).empty());
  const std::filesystem::path dir = mutants_dir(root.path(), "01-x");
  EXPECT_EQ(dir, root.path() / "grader" / "mutants" / "01-x");
  std::filesystem::create_directories(dir / "sub.patch");
  for (const char* name : {"b.patch", "a.patch", "notes.md", "c.patch.orig"})
    std::ofstream(dir / name) << kDiff;
  EXPECT_EQ(mutant_patches(dir),
            (std::vector<std::filesystem::path>{dir / "a.patch", dir / "b.patch"}));
}

}  // namespace
}  // namespace grader
