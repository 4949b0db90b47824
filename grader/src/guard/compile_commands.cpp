#include "guard/compile_commands.hpp"

#include <array>

#include <nlohmann/json.hpp>

namespace grader {
namespace {

namespace fs = std::filesystem;

// Options of a compile command that do not belong in a `-E` run, each with its argument.
constexpr std::array<std::string_view, 6> kDroppedWithArgument = {"-o",  "-MF",      "-MT",
                                                                  "-MQ", "-include", "-Xclang"};
// ... and without one. `-include` names the precompiled header: the guard reads what the
// learner's file includes, not what the build forces in front of it.
constexpr std::array<std::string_view, 5> kDropped = {"-c", "-MD", "-MMD", "-Winvalid-pch",
                                                      "-fpch-preprocess"};

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& words) {
  for (std::string_view w : words)
    if (w == word) return true;
  return false;
}

// A byte that is not part of valid UTF-8 (a path a submission named so) stands in the text
// handed to the JSON parser, which rejects such bytes, as a private-use character U+E080 +
// (byte - 0x80), and is turned back into itself afterwards.
constexpr unsigned char kStandInLead = 0xEE;  // the UTF-8 lead byte of U+E000..U+EFFF
constexpr unsigned char kContinuation = 0x80;

// The length of the valid UTF-8 sequence starting at `at`, or 0.
std::size_t utf8_length(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  const std::size_t length = lead < 0x80                   ? 1
                             : lead >= 0xC2 && lead < 0xE0 ? 2
                             : lead >= 0xE0 && lead < 0xF0 ? 3
                             : lead >= 0xF0 && lead < 0xF5 ? 4
                                                           : 0;
  if (length == 0 || at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i)
    if ((static_cast<unsigned char>(text[at + i]) & 0xC0) != kContinuation) return 0;
  return length;
}

std::string stand_in_invalid_bytes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t length = utf8_length(text, i); length > 0) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[i++]);
    out += static_cast<char>(kStandInLead);
    out += static_cast<char>(0x82 + (byte >> 6) - 2);
    out += static_cast<char>(kContinuation | (byte & 0x3F));
  }
  return out;
}

std::string restore_invalid_bytes(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto second = i + 2 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (static_cast<unsigned char>(text[i]) == kStandInLead && (second == 0x82 || second == 0x83)) {
      const auto low = static_cast<unsigned char>(text[i + 2]) & 0x3F;
      out += static_cast<char>((second == 0x82 ? 0x80 : 0xC0) | low);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::string CompileCommand::target() const {
  constexpr std::string_view kPrefix = "CMakeFiles/";
  constexpr std::string_view kSuffix = ".dir/";
  if (!output.starts_with(kPrefix)) return {};
  const std::size_t end = output.find(kSuffix, kPrefix.size());
  return end == std::string::npos ? std::string()
                                  : output.substr(kPrefix.size(), end - kPrefix.size());
}

std::vector<std::string> split_command(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = '\0';
  for (std::size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    const char next = i + 1 < command.size() ? command[i + 1] : '\0';
    if (quote == '\'') {
      if (c == '\'')
        quote = '\0';
      else
        word += c;
    } else if (quote == '"') {
      if (c == '\\' && next != '\0' &&
          std::string_view("\"\\$`").find(next) != std::string_view::npos) {
        word += command[++i];
      } else if (c == '"') {
        quote = '\0';
      } else {
        word += c;
      }
    } else if (c == '\\' && next != '\0') {
      word += command[++i];
      in_word = true;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

std::vector<CompileCommand> parse_compile_commands(std::string_view json) {
  const nlohmann::json root = nlohmann::json::parse(stand_in_invalid_bytes(json), nullptr, false);
  std::vector<CompileCommand> commands;
  if (!root.is_array()) return commands;
  for (const nlohmann::json& entry : root) {
    if (!entry.is_object() || !entry.contains("directory") || !entry.contains("file")) continue;
    auto text = [&](const char* key) { return restore_invalid_bytes(entry.value(key, "")); };
    CompileCommand command{
        .directory = text("directory"), .file = text("file"), .output = text("output")};
    if (entry.contains("arguments") && entry["arguments"].is_array()) {
      for (const nlohmann::json& word : entry["arguments"])
        if (word.is_string())
          command.argv.push_back(restore_invalid_bytes(word.get<std::string>()));
    } else {
      command.argv = split_command(text("command"));
    }
    if (command.file.is_relative()) command.file = command.directory / command.file;
    // CMake before 3.20 writes no "output": the object is the `-o` argument.
    for (std::size_t i = 0; command.output.empty() && i + 1 < command.argv.size(); ++i)
      if (command.argv[i] == "-o") command.output = command.argv[i + 1];
    if (!command.argv.empty()) commands.push_back(std::move(command));
  }
  return commands;
}

std::vector<std::string> preprocess_argv(const CompileCommand& command, const fs::path& source,
                                         const fs::path& output) {
  std::vector<std::string> argv = {command.argv.front()};
  const std::string file = command.file.string();
  for (std::size_t i = 1; i < command.argv.size(); ++i) {
    const std::string& word = command.argv[i];
    if (one_of(word, kDroppedWithArgument)) {
      ++i;
    } else if (word == file) {
      argv.insert(argv.end(), {"-x", "c++", source.string()});
    } else if (!one_of(word, kDropped)) {
      argv.push_back(word);
    }
  }
  argv.insert(argv.end(), {"-E", "-o", output.string()});
  return argv;
}

}  // namespace grader
