#include "commands/cli_options.hpp"

#include <CLI/CLI.hpp>

namespace grader {
namespace {

constexpr double kFullMarks = 100.0;

class CliOptions final : public Options {
 public:
  explicit CliOptions(CLI::App& app) : app_(app) {}

  void text(const std::string& name, std::string& into, const std::string& help,
            Need need) override {
    app_.add_option(name, into, help)->required(need == Need::required);
  }
  void texts(const std::string& name, std::vector<std::string>& into,
             const std::string& help) override {
    app_.add_option(name, into, help);
  }
  void path(const std::string& name, std::filesystem::path& into, const std::string& help,
            Need need) override {
    app_.add_option(name, into, help)->required(need == Need::required);
  }
  void percent(const std::string& name, double& into, const std::string& help) override {
    app_.add_option(name, into, help)->check(CLI::Range(0.0, kFullMarks));
  }
  void positive(const std::string& name, int& into, const std::string& help) override {
    app_.add_option(name, into, help)->check(CLI::PositiveNumber);
  }
  void flag(const std::string& name, bool& into, const std::string& help) override {
    app_.add_flag(name, into, help);
  }

 private:
  CLI::App& app_;
};

}  // namespace

std::unique_ptr<Options> cli_options(CLI::App& command) {
  return std::make_unique<CliOptions>(command);
}

}  // namespace grader
