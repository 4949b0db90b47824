// commands/options.hpp — how a command declares its options.
//
// CLI11 parses them (commands/cli_options.cpp adapts it), but it is one very large
// header: kept out of the command files, it is compiled (and analysed by clang-tidy) in
// two translation units instead of twelve.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace grader {

enum class Need { optional, required };

/// One subcommand's option list. A name starting with "-" is an option ("--format",
/// "--jobs,-j"), any other a positional argument ("id"). Every value is written into the
/// variable given when the command line is parsed, so it must outlive parsing.
class Options {
 public:
  virtual ~Options() = default;

  virtual void text(const std::string& name, std::string& into, const std::string& help,
                    Need need = Need::optional) = 0;
  virtual void texts(const std::string& name, std::vector<std::string>& into,
                     const std::string& help) = 0;
  virtual void path(const std::string& name, std::filesystem::path& into, const std::string& help,
                    Need need = Need::optional) = 0;
  /// A number from 0 to 100.
  virtual void percent(const std::string& name, double& into, const std::string& help) = 0;
  /// A whole number of at least 1.
  virtual void positive(const std::string& name, int& into, const std::string& help) = 0;
  /// Set to true when given.
  virtual void flag(const std::string& name, bool& into, const std::string& help) = 0;

  /// Effects: declares the positional "id", the one exercise a learner command works on.
  void exercise_id(std::string& into) { text("id", into, "the exercise, e.g. 02", Need::required); }
  /// Effects: declares "--workspace", the learner's tree (exercises/ when not given).
  void learner_workspace(std::filesystem::path& into) {
    path("--workspace", into, "the learner's tree (default: exercises/)");
  }
};

}  // namespace grader
