// Hints read from grader/hints/<id>.md: one `## ` section each, in order.
#include <gtest/gtest.h>

#include <fstream>

#include "manifest/hints.hpp"
#include "manifest/manifest.hpp"
#include "process/scratch_dir.hpp"

namespace grader {
namespace {

// Each `## ` section is one hint, its heading left out; text before the first is not a hint.
TEST(Hints, EachSectionIsOneHint) {
  const std::vector<std::string> hints =
      parse_hints("# Hints: 01-x\n\nTry first.\n\n## Hint 1\n\nA nudge.\n\n## Hint 2\n\nMore.\n");
  EXPECT_EQ(hints, (std::vector<std::string>{"A nudge.", "More."}));
}

// A hint keeps its lines, its code block's indentation and its `###` subheadings.
TEST(Hints, AHintKeepsItsLayout) {
  const std::vector<std::string> hints =
      parse_hints("## 1\n\n    int x;\n### detail\nline\n\n## 2\nlast");
  EXPECT_EQ(hints, (std::vector<std::string>{"    int x;\n### detail\nline", "last"}));
}

// No file: no hints. A file without a section is an error naming it, not an empty list.
TEST(Hints, AFileWithoutAHintIsAnError) {
  const ScratchDir root;
  EXPECT_TRUE(load_hints(root.path(), "01-x").empty());
  std::filesystem::create_directories(root.path() / "grader" / "hints");
  std::ofstream(root.path() / "grader" / "hints" / "01-x.md") << "# Hints\n\nnone yet\n";
  try {
    load_hints(root.path(), "01-x");
    FAIL() << "no error";
  } catch (const ManifestError& e) {
    EXPECT_NE(std::string(e.what()).find("01-x.md: no hint"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace grader
