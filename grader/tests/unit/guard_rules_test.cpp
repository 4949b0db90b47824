// The tamper guard's rules on learner tokens and raw sources, and its symbol audit.
#include <gtest/gtest.h>

#include "guard/compile_commands.hpp"
#include "guard/rules.hpp"
#include "guard/symbols.hpp"

namespace grader {
namespace {

// `code` as the learner tokens of /ws/a.cpp, one source line per line of `code`.
std::vector<LearnerToken> learner_tokens(std::string_view code) {
  return scan_preprocessed("# 1 \"/ws/a.cpp\"\n" + std::string(code),
                           [](const std::string& file) { return file == "/ws/a.cpp"; })
      .tokens;
}

// The message the built-in rules (plus `tamper`) give `code`, or "" when it passes.
std::string verdict(std::string_view code, const TamperRules& tamper = {}) {
  const std::optional<Finding> finding =
      first_forbidden_token(learner_tokens(code), GuardRules(tamper));
  return finding ? finding_message(*finding) : "";
}

// Naming the test framework's namespace is refused, with file and line.
TEST(GuardRules, RefusesTesting) {
  EXPECT_EQ(verdict("int x;\nstatic ::testing::ScopedFakeTestPartResultReporter r;"),
            "/ws/a.cpp:2: names 'testing', which the tamper guard forbids");
}

// A sanitizer hook is refused by its prefix.
TEST(GuardRules, RefusesSanitizerHooks) {
  EXPECT_EQ(verdict("extern \"C\" int __lsan_is_turned_off() { return 1; }"),
            "/ws/a.cpp:1: names '__lsan_is_turned_off', which the tamper guard forbids");
  EXPECT_NE(verdict("void f() { __sanitizer_set_death_callback(0); }"), "");
  EXPECT_NE(verdict("const char* __asan_default_options();"), "");
}

// The dynamic loader is refused.
TEST(GuardRules, RefusesDlsym) {
  EXPECT_NE(verdict("void* p = dlsym(0, \"x\");"), "");
  EXPECT_NE(verdict("void* p = dlopen(0, 0);"), "");
}

// Raw system calls are refused.
TEST(GuardRules, RefusesSyscall) {
  EXPECT_NE(verdict("long r = syscall(60, 0);"), "");
}

// Inline assembly and asm labels are refused in every spelling.
TEST(GuardRules, RefusesAsm) {
  EXPECT_NE(verdict("int f() asm(\"g\");"), "");
  EXPECT_NE(verdict("void f() { __asm__(\"nop\"); }"), "");
  EXPECT_NE(verdict("void f() { __asm volatile(\"nop\"); }"), "");
}

// A mangled C++ name under a C name (reaching testing:: without naming it) is refused.
TEST(GuardRules, RefusesMangledNames) {
  EXPECT_NE(verdict("extern \"C\" void _ZN7testing4TestD2Ev();"), "");
}

// Each forbidden attribute is refused in the GNU spelling.
TEST(GuardRules, RefusesGnuAttributes) {
  for (const char* name :
       {"alias", "weakref", "constructor", "destructor", "section", "init_priority", "ifunc"}) {
    EXPECT_NE(verdict(std::string("void f() __attribute__((") + name + "));"), "") << name;
  }
}

// ... and in the standard spelling, with and without underscores, and with digraphs.
TEST(GuardRules, RefusesStandardAttributes) {
  EXPECT_EQ(verdict("[[gnu::constructor]] void f();"),
            "/ws/a.cpp:1: uses the attribute 'constructor', which the tamper guard forbids");
  EXPECT_NE(verdict("[[__gnu__::__destructor__]] void f();"), "");
  EXPECT_NE(verdict("[[using gnu: section(\".init_array\")]] int x;"), "");
  EXPECT_NE(verdict("<:<:gnu::constructor:>:> void f();"), "");
  EXPECT_NE(verdict("__attribute((__constructor__(101))) void f();"), "");
}

// Attribute names are plain names outside an attribute: a member called `constructor` passes.
TEST(GuardRules, AttributeNamesAreFreeOutsideAttributes) {
  EXPECT_EQ(
      verdict("struct H { void (*constructor)(void*); int section; };\n[[nodiscard]] int f();"),
      "");
}

// `#pragma weak` makes one symbol stand for another, as `alias` does.
TEST(GuardRules, RefusesPragmaWeak) {
  EXPECT_NE(verdict("#pragma weak f = g\n"), "");
  EXPECT_NE(verdict("#pragma redefine_extname f g\n"), "");
  EXPECT_EQ(verdict("#pragma once\n"), "");
}

// Names in literals, comments or longer names pass.
TEST(GuardRules, LiteralsAndLongerNamesPass) {
  EXPECT_EQ(verdict("const char* s = \"testing dlsym\"; int my_testing = 0; auto r = R\"(asm)\";"),
            "");
}

// An exercise's "allow" takes a built-in name out.
TEST(GuardRules, ManifestAllows) {
  EXPECT_EQ(verdict("long r = syscall(1);", TamperRules{.allow = {"syscall"}}), "");
  EXPECT_EQ(verdict("[[gnu::constructor]] void f();", TamperRules{.allow = {"constructor"}}), "");
}

// An exercise's "forbid" adds a name.
TEST(GuardRules, ManifestForbids) {
  EXPECT_EQ(verdict("FILE* f = fopen(\"x\", \"r\");", TamperRules{.forbid = {"fopen"}}),
            "/ws/a.cpp:1: names 'fopen', which the tamper guard forbids");
  EXPECT_EQ(verdict("FILE* f = fopen(\"x\", \"r\");"), "");
}

// A forbidden header the scan saw is refused first, at the line that included it.
TEST(GuardRules, RefusesForbiddenIncludes) {
  PreprocessedScan scan;
  scan.includes.push_back({.header = "/usr/include/gtest/gtest.h", .file = "/ws/a.cpp", .line = 4});
  const std::optional<Finding> finding = first_forbidden(scan, GuardRules());
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding_message(*finding),
            "/ws/a.cpp:4: includes '/usr/include/gtest/gtest.h', which the tamper guard forbids");
}

// `#line` in a learner source is refused, with its physical line.
TEST(LineDirective, RefusesHashLine) {
  const std::optional<Finding> f =
      first_line_directive("int x;\n#line 5 \"/usr/include/gtest/gtest.h\"\n");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->line, 2u);
}

// GNU's line marker form `# 5 "file" 3` is refused too.
TEST(LineDirective, RefusesGnuMarker) {
  EXPECT_TRUE(first_line_directive("  #  5 \"/usr/include/c++/12/vector\" 3\n"));
}

// A directive split by a backslash-newline, or behind a comment or digraph, is still one.
TEST(LineDirective, RefusesSplicedAndDisguised) {
  const std::optional<Finding> f = first_line_directive("int x;\n#li\\\nne 5\n");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->line, 2u);
  EXPECT_TRUE(first_line_directive("/* c */ # /* c */ line 5\n"));
  EXPECT_TRUE(first_line_directive("%:line 5\n"));
}

// `#line` in a comment or a string, and other directives, pass.
TEST(LineDirective, CommentsStringsAndOtherDirectivesPass) {
  EXPECT_FALSE(
      first_line_directive("// #line 5\n/*\n#line 5\n*/\nconst char* s = \"\\\n#line 5\";\n"
                           "#include <vector>\n#define LINE 5\nint a = b # c;\n"));
}

// nm's lines: defined and undefined symbols, demangled names with spaces, object headers.
TEST(NmOutput, ParsesSymbolsAndObjects) {
  const std::vector<NmSymbol> symbols = parse_nm(
      "\n/b/a.cpp.o:\n0000000000000010 T __lsan_is_turned_off\n                 U "
      "__asan_report_load8\n"
      "\n/b/b.cpp.o:\n0000000000000000 W testing::Test::Run(int, char)\n                 w "
      "weak_ref\n");
  ASSERT_EQ(symbols.size(), 4u);
  EXPECT_EQ(symbols[0].object, "/b/a.cpp.o");
  EXPECT_TRUE(symbols[0].defined);
  EXPECT_EQ(symbols[0].type, 'T');
  EXPECT_FALSE(symbols[1].defined);
  EXPECT_EQ(symbols[2].name, "testing::Test::Run(int, char)");
  EXPECT_EQ(symbols[2].object, "/b/b.cpp.o");
  EXPECT_FALSE(symbols[3].defined);
}

// What the audit says of one symbol line under the built-in rules ("" when it passes).
std::string audit(const std::string& line, const TamperRules& tamper = {}) {
  const std::optional<SymbolFinding> f =
      first_forbidden_symbol(parse_nm(line + "\n"), GuardRules(tamper));
  return f ? f->what : "";
}

// A learner object that defines a sanitizer hook is refused.
TEST(SymbolAudit, RefusesDefinedHooks) {
  EXPECT_EQ(audit("0000000000000000 T __lsan_is_turned_off"), "defines '__lsan_is_turned_off'");
  EXPECT_NE(audit("0000000000000000 T __asan_default_options"), "");
  EXPECT_NE(audit("0000000000000000 W __ubsan_default_options"), "");
}

// References the instrumentation makes pass; a reference to an interface function does not.
TEST(SymbolAudit, TellsInstrumentationFromInterface) {
  for (const char* name : {"__asan_report_load8", "__asan_init", "__asan_version_mismatch_check_v8",
                           "__ubsan_handle_type_mismatch_v1", "__tsan_read8", "__tsan_func_entry",
                           "__tsan_atomic64_fetch_add", "__asan_handle_no_return",
                           // libc++'s std::vector under ASan, from inline code in its header
                           "__sanitizer_annotate_contiguous_container"}) {
    EXPECT_EQ(audit(std::string(17, ' ') + "U " + name), "") << name;
  }
  EXPECT_EQ(audit(std::string(17, ' ') + "U __lsan_disable"), "references '__lsan_disable'");
  EXPECT_NE(audit(std::string(17, ' ') + "U __asan_report_error"), "");
  EXPECT_NE(audit(std::string(17, ' ') + "U __sanitizer_set_death_callback"), "");
}

// testing:: symbols, defined or referenced, are refused; my_testing:: is not testing::.
TEST(SymbolAudit, RefusesTestingSymbols) {
  EXPECT_NE(audit(std::string(17, ' ') + "U testing::internal::AssertHelper::~AssertHelper()"), "");
  EXPECT_NE(audit("0000000000000000 T testing::Test::Run()"), "");
  EXPECT_EQ(audit("0000000000000000 T my_testing::f()"), "");
}

// Local symbols cannot hook the runtime; an allowed name passes.
TEST(SymbolAudit, LocalAndAllowedSymbolsPass) {
  EXPECT_EQ(audit("0000000000000000 t __asan_gen_local"), "");
  EXPECT_EQ(audit(std::string(17, ' ') + "U __asan_poison_memory_region",
                  TamperRules{.allow = {"__asan_poison_memory_region"}}),
            "");
}

// Paths that are not UTF-8 (a submission's names) come through the JSON byte for byte.
TEST(CompileCommands, KeepsPathsThatAreNotUtf8) {
  const std::vector<CompileCommand> commands = parse_compile_commands(
      "[{\"directory\": \"/b\", \"file\": \"/ws-\xff\xfe/a.cpp\", "
      "\"command\": \"c++ -o CMakeFiles/lib-01.dir/a.o -c /ws-\xff\xfe/a.cpp\"}]");
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(commands[0].file, "/ws-\xff\xfe/a.cpp");
  EXPECT_EQ(commands[0].argv.back(), "/ws-\xff\xfe/a.cpp");
  EXPECT_EQ(commands[0].target(), "lib-01");
}

// CMake's shell quoting is undone.
TEST(CompileCommands, SplitsShellWords) {
  EXPECT_EQ(
      split_command(R"(/usr/bin/c++ -DX=\"a\ b\" '-DY=c d' -I"/p q" x.cpp)"),
      (std::vector<std::string>{"/usr/bin/c++", "-DX=\"a b\"", "-DY=c d", "-I/p q", "x.cpp"}));
}

// The `-E` command keeps the flags, drops the object, dependency file and forced include.
TEST(CompileCommands, PreprocessArgv) {
  const CompileCommand command{
      .directory = "/b",
      .argv = {"/usr/bin/c++", "-fsanitize=address", "-Winvalid-pch", "-include", "/b/pch.hxx",
               "-MD", "-MT", "o.o", "-MF", "o.d", "-o", "o.o", "-c", "/ws/a.cpp"},
      .file = "/ws/a.cpp",
      .output = "CMakeFiles/lib-02-x.dir/ws/a.cpp.o"};
  EXPECT_EQ(preprocess_argv(command, "/ws/a.hpp", "/b/g/0.ii"),
            (std::vector<std::string>{"/usr/bin/c++", "-fsanitize=address", "-x", "c++",
                                      "/ws/a.hpp", "-E", "-o", "/b/g/0.ii"}));
  EXPECT_EQ(command.target(), "lib-02-x");
}

}  // namespace
}  // namespace grader
