// End-to-end on the real course: how a hidden suite is compiled (cmake/Workbook.cmake). The
// test files that include a suite's most-included learner header compile as two unity units,
// so that an edit of that header recompiles two units, not every test file; every learner
// header is compiled once more on its own, so that grouping test files never lets a header
// that defines a function without `inline` link.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "grader_runner.hpp"

namespace e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kRc = "06-refcount-pointer";
const std::string kUninit = "15-uninit-storage";

// A helper the learner defines in a header without `inline`. Only test files of one unity
// unit include ref_cell.hpp, so without the header probe it would link.
const Substitution kHelperWithoutInline{
    .file = "ref_cell.hpp",
    .from = "  using std::logic_error::logic_error;\n};\n",
    .to =
        "  using std::logic_error::logic_error;\n};\n\n"
        "void throw_borrow_error(const char* what) { throw BorrowError(what); }\n"};

// Returns: the files of suite `id`'s build, as its compile commands name them (the unity
// units' generated sources, the test files compiled alone, the header probe).
std::vector<std::string> suite_sources(const Tree& tree, const std::string& id) {
  const json commands = json::parse(read_file(tree.build / "compile_commands.json"));
  std::vector<std::string> files;
  for (const json& command : commands) {
    // CMake 3.25 writes the object only into the command line: `-o CMakeFiles/suite-<id>.dir/...`.
    const std::string line = command.at("command");
    if (line.find("/suite-" + id + ".dir/") != std::string::npos)
      files.push_back(command.at("file"));
  }
  return files;
}

// Returns: the test files (names only) a unity unit's generated source includes.
std::vector<std::string> included_test_files(const fs::path& unit) {
  std::vector<std::string> names;
  for (const std::string& line : lines_of(read_file(unit))) {
    if (line.rfind("#include", 0) != 0) continue;
    const std::size_t open = line.find('"');
    const std::size_t close = line.rfind('"');
    if (open != std::string::npos && close > open)
      names.push_back(fs::path(line.substr(open + 1, close - open - 1)).filename().string());
  }
  return names;
}

// Kills: the header probe left out (the helper links: only one unit includes ref_cell.hpp),
// or a build failure graded as anything but build_error.
TEST(CourseBuild, HeaderFunctionWithoutInlineFailsToLink) {
  const Graded g = check(prepare_solution(kRc, {kHelperWithoutInline}), "06-not-inline.json", {kRc},
                         project_dir());
  const json& e = exercise(g.report, kRc);
  EXPECT_EQ(e.at("status"), "build_error") << e.dump(2).substr(0, 4000);
  const std::string diagnostics = e.at("build").at("diagnostics");
  EXPECT_NE(diagnostics.find("multiple definition of `mw::throw_borrow_error"), std::string::npos)
      << diagnostics;
}

// Kills: the suite built one test file a unit (small_vec.hpp's edit then recompiles five),
// in batches blind to the headers (maybe_uninit.hpp's edit recompiles half the suite), or
// without its header probe.
TEST(CourseBuild, BusiestHeadersTestFilesShareTwoUnitsTheOthersCompileAlone) {
  const Tree tree = prepare_solution(kUninit);
  const Graded g = check(tree, "15-units.json", {kUninit}, project_dir());
  const json& e = exercise(g.report, kUninit);
  ASSERT_EQ(e.at("score"), e.at("max_score")) << e.dump(2).substr(0, 4000);
  std::vector<std::string> grouped, alone, probes;
  int units = 0;
  for (const std::string& file : suite_sources(tree, kUninit)) {
    const fs::path path(file);
    if (path.filename().string().rfind("unity_", 0) == 0) {
      const std::vector<std::string> unit = included_test_files(path);
      EXPECT_GE(unit.size(), 2u) << file;
      ++units;
      grouped.insert(grouped.end(), unit.begin(), unit.end());
    } else if (path.parent_path().filename() == "header-probes") {
      probes.push_back(path.filename().string());
    } else {
      alone.push_back(path.filename().string());
    }
  }
  EXPECT_EQ(units, 2);
  std::sort(grouped.begin(), grouped.end());
  EXPECT_EQ(grouped,
            (std::vector<std::string>{"copy_move_test.cpp", "growth_test.cpp", "inline_test.cpp",
                                      "insert_erase_test.cpp", "strong_guarantee_test.cpp"}));
  EXPECT_EQ(alone, std::vector<std::string>{"maybe_uninit_test.cpp"});
  EXPECT_EQ(probes, std::vector<std::string>{kUninit + ".cpp"});
}

}  // namespace
}  // namespace e2e
