#include <gtest/gtest.h>

#include <fstream>
#include <functional>

#include <nlohmann/json.hpp>

#include "manifest/manifest.hpp"
#include "process/scratch_dir.hpp"
#include "temp_course.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A valid manifest for an exercise directory named "01-sample".
json valid_manifest() {
  return json::parse(R"({
    "id": "01-sample", "title": "Sample", "day": "1-2", "lesson": "lessons/a.md#b",
    "also_read": ["lessons/a.md#c", "lessons/d.md#e"],
    "files": ["a.hpp", "src/a.cpp"], "depends": [],
    "build": {"sanitize": "thread"},
    "points": {"default": 2, "tests": {"A.Big": 5}},
    "limits": {"test_seconds": 3, "suite_seconds": 40},
    "visibility": "hidden"
  })");
}

using testing_support::write_manifest;

// The one-line message load_manifest throws for `text`, or "" when it loads.
std::string load_error(const fs::path& path) {
  try {
    load_manifest(path);
  } catch (const ManifestError& e) {
    return e.what();
  }
  return "";
}

// Every field of a valid manifest is read.
TEST(LoadManifest, ReadsEveryField) {
  const ScratchDir root;
  const Manifest m =
      load_manifest(write_manifest(root.path(), "01-sample", valid_manifest().dump()));
  EXPECT_EQ(m.id, "01-sample");
  EXPECT_EQ(m.title, "Sample");
  EXPECT_EQ(m.day, "1-2");
  EXPECT_EQ(m.lesson, "lessons/a.md#b");
  EXPECT_EQ(m.also_read, (std::vector<std::string>{"lessons/a.md#c", "lessons/d.md#e"}));
  EXPECT_EQ(m.files, (std::vector<std::string>{"a.hpp", "src/a.cpp"}));
  EXPECT_EQ(m.sanitizers, std::vector<std::string>{"thread"});
  EXPECT_EQ(m.test_seconds, 3);
  EXPECT_EQ(m.suite_seconds, 40);
  EXPECT_EQ(m.visibility, "hidden");
}

// Optional fields take their documented defaults.
TEST(LoadManifest, DefaultsOptionalFields) {
  const ScratchDir root;
  const fs::path path =
      write_manifest(root.path(), "01-sample",
                     R"({"id": "01-sample", "title": "S", "day": "5-7", "files": ["a.hpp"]})");
  const Manifest m = load_manifest(path);
  EXPECT_EQ(m.sanitizers, std::vector<std::string>{"address+undefined"});
  EXPECT_EQ(m.points.default_points, 1);
  EXPECT_EQ(m.test_seconds, 10);
  EXPECT_EQ(m.suite_seconds, 120);
  EXPECT_EQ(m.visibility, "visible");
  EXPECT_TRUE(m.depends.empty());
  EXPECT_TRUE(m.hints.empty());
}

// build.sanitize may list several variants; the first one is the main build.
TEST(LoadManifest, ReadsAListOfSanitizers) {
  const ScratchDir root;
  const fs::path path =
      write_manifest(root.path(), "01-sample",
                     R"({"id": "01-sample", "title": "S", "day": "3-4", "files": ["a.hpp"],
                                           "build": {"sanitize": ["address+undefined", "thread"]}})");
  EXPECT_EQ(load_manifest(path).sanitizers,
            (std::vector<std::string>{"address+undefined", "thread"}));
}

// points.for_test gives a test its override, any other test the default.
TEST(LoadManifest, PointsDefaultAndOverride) {
  const ScratchDir root;
  const Manifest m =
      load_manifest(write_manifest(root.path(), "01-sample", valid_manifest().dump()));
  EXPECT_EQ(m.points.for_test("A.Big"), 5);
  EXPECT_EQ(m.points.for_test("A.Other"), 2);
}

// Text that is not JSON is reported with the file's path, on one line.
TEST(LoadManifest, NotJson) {
  const ScratchDir root;
  const fs::path path = write_manifest(root.path(), "01-sample", "{\"id\": \n oops");
  const std::string error = load_error(path);
  EXPECT_NE(error.find(path.string() + ": not valid JSON"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
}

// JSON that is not an object is reported with the file's path.
TEST(LoadManifest, NotAnObject) {
  const ScratchDir root;
  const fs::path path = write_manifest(root.path(), "01-sample", "[1, 2]");
  EXPECT_EQ(load_error(path), path.string() + ": expected a JSON object");
}

// A manifest that cannot be read is reported with its path.
TEST(LoadManifest, MissingFile) {
  const ScratchDir root;
  const fs::path path = root.path() / "exercises" / "01-sample" / "exercise.json";
  EXPECT_EQ(load_error(path), path.string() + ": cannot be read");
}

// "tamper" adds names to forbid and takes built-in ones out.
TEST(LoadManifest, ReadsTamperRules) {
  const ScratchDir root;
  json manifest = valid_manifest();
  manifest["tamper"] = {{"forbid", {"fopen", "atexit"}},
                        {"allow", {"syscall", "__asan_poison_memory_region"}}};
  const Manifest m = load_manifest(write_manifest(root.path(), "01-sample", manifest.dump()));
  EXPECT_EQ(m.tamper.forbid, (std::vector<std::string>{"fopen", "atexit"}));
  EXPECT_EQ(m.tamper.allow, (std::vector<std::string>{"syscall", "__asan_poison_memory_region"}));
}

// Without "tamper", the exercise has the guard's built-in rules only.
TEST(LoadManifest, TamperDefaultsToNoChange) {
  const ScratchDir root;
  const Manifest m =
      load_manifest(write_manifest(root.path(), "01-sample", valid_manifest().dump()));
  EXPECT_TRUE(m.tamper.forbid.empty());
  EXPECT_TRUE(m.tamper.allow.empty());
}

// One broken field of a valid manifest, and the field the error must name.
struct BadField {
  const char* name;
  std::function<void(json&)> breaks;
  const char* field;
};

class LoadManifestBadField : public testing::TestWithParam<BadField> {};

// Each broken field gives one line naming the file and that field.
TEST_P(LoadManifestBadField, NamesFileAndField) {
  const ScratchDir root;
  json manifest = valid_manifest();
  GetParam().breaks(manifest);
  const fs::path path = write_manifest(root.path(), "01-sample", manifest.dump());
  const std::string error = load_error(path);
  EXPECT_EQ(error.rfind(path.string() + ": field '" + GetParam().field + "': ", 0), 0u) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
}

INSTANTIATE_TEST_SUITE_P(
    Fields, LoadManifestBadField,
    testing::Values(
        BadField{"MissingId", [](json& m) { m.erase("id"); }, "id"},
        BadField{"IdIsNotTheDirectory", [](json& m) { m["id"] = "02-other"; }, "id"},
        BadField{"IdNotAString", [](json& m) { m["id"] = 1; }, "id"},
        BadField{"MissingTitle", [](json& m) { m.erase("title"); }, "title"},
        BadField{"BadDay", [](json& m) { m["day"] = "8"; }, "day"},
        BadField{"MissingFiles", [](json& m) { m.erase("files"); }, "files"},
        BadField{"EmptyFiles", [](json& m) { m["files"] = json::array(); }, "files"},
        BadField{"FilesNotStrings", [](json& m) { m["files"] = {1}; }, "files"},
        BadField{"AbsoluteFile", [](json& m) { m["files"] = {"/etc/passwd"}; }, "files"},
        BadField{"FileWithDotDot", [](json& m) { m["files"] = {"src/../../x.cpp"}; }, "files"},
        BadField{"EmptyFileName", [](json& m) { m["files"] = {""}; }, "files"},
        BadField{"NegativePoints", [](json& m) { m["points"]["default"] = -1; }, "points.default"},
        BadField{"FractionalPoints", [](json& m) { m["points"]["default"] = 1.5; },
                 "points.default"},
        BadField{"TestsNotAnObject", [](json& m) { m["points"]["tests"] = json::array(); },
                 "points.tests"},
        BadField{"TestPointsNotNumber", [](json& m) { m["points"]["tests"]["A.Big"] = "5"; },
                 "points.tests.A.Big"},
        BadField{"ZeroTestSeconds", [](json& m) { m["limits"]["test_seconds"] = 0; },
                 "limits.test_seconds"},
        BadField{"NegativeSuiteSeconds", [](json& m) { m["limits"]["suite_seconds"] = -5; },
                 "limits.suite_seconds"},
        BadField{"StringLimit", [](json& m) { m["limits"]["test_seconds"] = "10"; },
                 "limits.test_seconds"},
        BadField{"BadSanitize", [](json& m) { m["build"]["sanitize"] = "memory"; },
                 "build.sanitize"},
        BadField{"BadVisibility", [](json& m) { m["visibility"] = "secret"; }, "visibility"},
        BadField{"HintsInTheManifest", [](json& m) { m["hints"] = json::array({"one"}); }, "hints"},
        BadField{"TamperNotAnObject", [](json& m) { m["tamper"] = json::array(); }, "tamper"},
        BadField{"TamperUnknownKey", [](json& m) { m["tamper"]["forbidden"] = {"fopen"}; },
                 "tamper.forbidden"},
        BadField{"TamperForbidNotStrings", [](json& m) { m["tamper"]["forbid"] = {1}; },
                 "tamper.forbid"},
        BadField{"TamperForbidNotIdentifier", [](json& m) { m["tamper"]["forbid"] = {"f open"}; },
                 "tamper.forbid"},
        BadField{"TamperForbidAlreadyForbidden", [](json& m) { m["tamper"]["forbid"] = {"dlsym"}; },
                 "tamper.forbid"},
        BadField{"TamperAllowNotForbidden", [](json& m) { m["tamper"]["allow"] = {"fopen"}; },
                 "tamper.allow"},
        BadField{"TamperAllowNotIdentifier", [](json& m) { m["tamper"]["allow"] = {"asm("}; },
                 "tamper.allow"}),
    [](const testing::TestParamInfo<BadField>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace grader
