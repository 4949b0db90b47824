// manifest/declared_tests.hpp — the tests a hidden suite declares in its source.
//
// The grader trusts the suite's source, not the binary it links with the
// learner's code: a submission could register extra tests or hide some. So the
// expected test list is read from `TEST(Suite, Name)` and `TEST_F(Suite, Name)`
// in grader/suites/<id>/*.cpp. (Suites use only these two forms.)
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace grader {

/// Returns: "Suite.Name" for every TEST/TEST_F in the .cpp files of `suite_dir`,
/// in file-name then source order; lines starting with // are ignored.
std::vector<std::string> declared_tests(const std::filesystem::path& suite_dir);

}  // namespace grader
