// The report formats (report/formats.hpp) on reports built by hand: every test and
// exercise status, a build error, an exercise not run, control characters, replaced
// invalid UTF-8 and very long messages. The real consumers (junitparser, jsonschema,
// Chromium...) read reports of the real grader in tests/formats/.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "report/class_summary.hpp"
#include "report/exercism_report.hpp"
#include "report/formats.hpp"
#include "report/gradescope_report.hpp"
#include "report/markup.hpp"
#include "sample_reports.hpp"

namespace grader {
namespace {

using nlohmann::json;
using testing_support::kRefusalReason;
using testing_support::report_with_refusal;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// True when `text` holds a character XML 1.0 forbids (C0 controls but tab, LF, CR).
bool has_forbidden_control(const std::string& text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
  }
  return false;
}

// A report with every status: 01-mixed has one test of each TestStatus, 02-broken did
// not build, 03-bad-manifest was not run (no tests), 04-fine passed.
Report sample() {
  Report r{.tool_version = "1.2.3", .compiler = "g++ 12", .workspace = "/home/student/work"};
  ExerciseReport mixed{.id = "01-mixed",
                       .title = "Mixed <&> \"title\"",
                       .day = "1-2",
                       .status = ExerciseStatus::failed,
                       .score = 1,
                       .max_score = 9,
                       .visibility = "after_due_date",
                       .build = {.ok = true, .seconds = 1.5}};
  mixed.tests = {
      {.name = "Mixed.Passed",
       .status = TestStatus::passed,
       .score = 1,
       .max_score = 1,
       .seconds = 0.01},
      {.name = "Mixed.Failed",
       .status = TestStatus::failed,
       .max_score = 2,
       .message = "expected <1> & got 'x'\x01\x1b[31m",
       .seconds = 0.02},
      {.name = "Mixed.Crashed",
       .status = TestStatus::crashed,
       .max_score = 1,
       .message = "the test crashed: signal 11\n--- output ---\n" + std::string(2000, 'o'),
       .seconds = 0.03},
      {.name = "Mixed.Timeout",
       .status = TestStatus::timeout,
       .max_score = 1,
       .message = "the test did not finish",
       .seconds = 2.0},
      {.name = "Mixed.Sanitizer",
       .status = TestStatus::sanitizer,
       .max_score = 2,
       .message = "bad bytes \xEF\xBF\xBD here",
       .seconds = 0.1},
      {.name = "Mixed.Skipped", .status = TestStatus::skipped, .message = "GTEST_SKIP"},
      {.name = "Mixed.NotRun",
       .status = TestStatus::not_run,
       .max_score = 2,
       .message = "not run: the suite stopped"},
  };
  ExerciseReport broken{
      .id = "02-broken",
      .title = "Broken",
      .day = "1-2",
      .status = ExerciseStatus::build_error,
      .max_score = 2,
      .build = {.ok = false, .seconds = 3, .diagnostics = "broken.cpp:1: error: expected ';'\x07"}};
  broken.tests = {{.name = "Broken.One",
                   .status = TestStatus::not_run,
                   .max_score = 1,
                   .message = "not run: build error"},
                  {.name = "Broken.Two",
                   .status = TestStatus::not_run,
                   .max_score = 1,
                   .message = "not run: build error"}};
  const ExerciseReport bad{.id = "03-bad-manifest",
                           .title = "03-bad-manifest",
                           .status = ExerciseStatus::not_run,
                           .message = "exercise.json: day: expected 1-2, 3-4 or 5-7"};
  const ExerciseReport fine{.id = "04-fine",
                            .title = "Fine",
                            .day = "5-7",
                            .status = ExerciseStatus::passed,
                            .score = 3,
                            .max_score = 3,
                            .build = {.ok = true, .seconds = 1},
                            .tests = {{.name = "Fine.All",
                                       .status = TestStatus::passed,
                                       .score = 3,
                                       .max_score = 3,
                                       .seconds = 0.5}}};
  r.exercises = {mixed, broken, bad, fine};
  return r;
}

TEST(ReportFormats, NamesRoundTripAndFilesAreDistinct) {
  const std::vector<ReportFormat> all = {
      ReportFormat::text,     ReportFormat::json,     ReportFormat::junit, ReportFormat::gradescope,
      ReportFormat::exercism, ReportFormat::markdown, ReportFormat::html};
  std::set<std::string> files;
  for (const ReportFormat f : all) {
    EXPECT_EQ(parse_report_format(format_name(f)), f);
    files.insert(file_name(f));
  }
  EXPECT_EQ(files.size(), all.size());
  EXPECT_EQ(file_name(ReportFormat::junit), "junit.xml");
  EXPECT_EQ(parse_report_format("JSON"), std::nullopt);
  EXPECT_EQ(parse_report_format(""), std::nullopt);
  EXPECT_EQ(parse_report_format("xml"), std::nullopt);
  EXPECT_EQ(format_names("|"), "text|json|junit|gradescope|exercism|markdown|html");
}

TEST(ReportFormats, TextHasNoColour) {
  const std::string text = render_report(sample(), ReportFormat::text);
  EXPECT_EQ(text.find("\x1b[3"), text.find("\x1b[31m"));  // only the one quoted in a message
  EXPECT_NE(text.find("01-mixed"), std::string::npos);
}

TEST(ReportFormats, JsonCarriesVisibility) {
  const json j = json::parse(render_report(sample(), ReportFormat::json));
  EXPECT_EQ(j["exercises"][0]["visibility"], "after_due_date");
  EXPECT_EQ(j["exercises"][3]["visibility"], "visible");
}

TEST(MarkupEscape, XmlEscapesAndStripsWhatXmlForbids) {
  EXPECT_EQ(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(xml_escape("tab\tnl\ncr\r"), "tab\tnl\ncr\r");
  EXPECT_EQ(xml_escape(std::string("\x00\x01\x1b", 3)), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("\xEF\xBF\xBE|\xEF\xBF\xBF"), "\xEF\xBF\xBD|\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("é € 😀 \xEF\xBF\xBD"), "é € 😀 \xEF\xBF\xBD");
}

TEST(MarkupEscape, MarkdownCellAndCodeBlock) {
  EXPECT_EQ(markdown_cell("a|b\nc <i>"), "a\\|b c &lt;i&gt;");
  // Entities are made after the Markdown escapes, so their '#' stays unescaped.
  EXPECT_EQ(markdown_cell("field 'day' #1"), "field &#39;day&#39; \\#1");
  const std::string block = markdown_code_block("x ```` y\n");
  EXPECT_EQ(block.substr(0, 5), "`````");  // longer than the run inside
  EXPECT_EQ(block.substr(block.size() - 6), "`````\n");
}

TEST(JunitReport, OneTestcasePerTestAndEscaped) {
  const std::string xml = render_report(sample(), ReportFormat::junit);
  EXPECT_FALSE(has_forbidden_control(xml));
  // 7 + 2 + 1 stand-in for the exercise graded on nothing + 1.
  EXPECT_EQ(count(xml, "<testcase "), 11u);
  EXPECT_EQ(count(xml, "<testsuite "), 4u);
  EXPECT_EQ(count(xml, "<failure "), 4u);  // failed, crashed, timeout, sanitizer
  EXPECT_EQ(count(xml, "<skipped "), 1u);
  EXPECT_EQ(count(xml, "<error "), 4u);  // not run: 1 + 2 in the build error + the stand-in
  EXPECT_NE(xml.find("tests=\"11\" failures=\"4\" errors=\"4\" skipped=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("expected &lt;1&gt; &amp; got &#39;x&#39;"), std::string::npos);
  EXPECT_NE(xml.find("<system-err>broken.cpp:1: error"), std::string::npos);
  EXPECT_NE(xml.find("classname=\"01-mixed\" name=\"Mixed.Timeout\" time=\"2.000\""),
            std::string::npos);
}

TEST(GradescopeReport, ScoresSumAndVisibilityFollowsTheManifest) {
  const Report r = sample();
  const json j = gradescope_json(r);
  EXPECT_EQ(j["score"], r.score());
  EXPECT_EQ(j["max_score"], r.max_score());
  int sum = 0;
  int max = 0;
  for (const json& t : j["tests"]) {
    sum += t["score"].get<int>();
    max += t["max_score"].get<int>();
    if (t.contains("status")) EXPECT_TRUE(t["status"] == "passed" || t["status"] == "failed");
  }
  EXPECT_EQ(sum, r.score());
  EXPECT_EQ(max, r.max_score());
  // 7 + build entry + 2 + grading entry + 1
  ASSERT_EQ(j["tests"].size(), 12u);
  EXPECT_EQ(j["tests"][0]["visibility"], "after_due_date");
  EXPECT_EQ(j["tests"][5]["name"], "01-mixed: Mixed.Skipped");
  EXPECT_FALSE(j["tests"][5].contains("status"));
  EXPECT_EQ(j["tests"][7]["name"], "02-broken: build");
  EXPECT_NE(j["tests"][7]["output"].get<std::string>().find("expected ';'"), std::string::npos);
  EXPECT_EQ(j["tests"][11]["visibility"], "visible");
}

TEST(ExercismReport, Version3InSuiteOrderWithCappedOutput) {
  const json j = exercism_json(sample());
  EXPECT_EQ(j["version"], 3);
  EXPECT_EQ(j["status"], "fail");
  EXPECT_FALSE(j.contains("message"));
  std::vector<std::string> names;
  for (const json& t : j["tests"]) {
    names.push_back(t["name"]);
    if (t.contains("output")) EXPECT_LE(t["output"].get<std::string>().size(), 500u);
    if (t["status"] != "pass") EXPECT_FALSE(t["message"].get<std::string>().empty());
  }
  const std::vector<std::string> expected = {"01-mixed: Mixed.Passed",    "01-mixed: Mixed.Failed",
                                             "01-mixed: Mixed.Crashed",   "01-mixed: Mixed.Timeout",
                                             "01-mixed: Mixed.Sanitizer", "01-mixed: Mixed.NotRun",
                                             "02-broken: Broken.One",     "02-broken: Broken.Two",
                                             "03-bad-manifest",           "04-fine: Fine.All"};
  EXPECT_EQ(names, expected);
  EXPECT_EQ(j["tests"][1]["status"], "fail");
  EXPECT_EQ(j["tests"][2]["status"], "error");
  EXPECT_EQ(j["tests"][2]["message"], "the test crashed: signal 11");
  EXPECT_NE(j["tests"][2]["output"].get<std::string>().find("truncated"), std::string::npos);
  EXPECT_EQ(j["tests"][4]["status"], "fail");
}

TEST(ExercismReport, ErrorWhenNothingRan) {
  Report r = sample();
  r.exercises = {r.exercises[1], r.exercises[2]};
  const json j = exercism_json(r);
  EXPECT_EQ(j["status"], "error");
  EXPECT_NE(j["message"].get<std::string>().find("02-broken did not build"), std::string::npos);
  EXPECT_NE(j["message"].get<std::string>().find("03-bad-manifest could not be graded"),
            std::string::npos);
}

TEST(MarkdownReport, HeadingTableAndDetails) {
  const std::string md = render_report(sample(), ReportFormat::markdown);
  EXPECT_EQ(md.rfind("## Grader: 4/14 points", 0), 0u) << md;
  EXPECT_NE(md.find("| Exercise | Title | Status | Points |"), std::string::npos);
  EXPECT_NE(md.find("| 04-fine | Fine | ✅ passed | 3/3 |"), std::string::npos) << md;
  EXPECT_NE(md.find("Mixed &lt;&amp;&gt;"), std::string::npos);  // the title, escaped
  EXPECT_EQ(count(md, "<details>"), 3u);                         // the three not passed
  EXPECT_NE(md.find("… and 2 more failing tests"), std::string::npos);
  EXPECT_FALSE(has_forbidden_control(md));
}

// Thousands of failing exercises with long messages: still under GitHub's 1 MiB.
TEST(MarkdownReport, CappedUnderTheStepSummaryLimit) {
  Report r;
  const ExerciseReport one = sample().exercises[0];
  for (int i = 0; i < 3000; ++i) {
    ExerciseReport e = one;
    for (TestReport& t : e.tests) t.message = std::string(4000, 'm');
    r.exercises.push_back(e);
  }
  const std::string md = render_report(r, ReportFormat::markdown);
  EXPECT_LE(md.size(), 1024u * 1024u);
  EXPECT_GT(md.size(), 900u * 1000u);
  EXPECT_NE(md.find("left out: a step summary must stay under 1 MiB"), std::string::npos);
}

TEST(HtmlReport, SelfContainedAndEscaped) {
  Report r = sample();
  r.exercises[0].tests[1].message = "<script>alert(1)</script> <img src=http://x/y>";
  const std::string html = render_report(r, ReportFormat::html);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("://"), html.find("://x/y"));  // only inside the escaped message
  EXPECT_NE(html.find("&lt;script&gt;alert(1)"), std::string::npos);
  EXPECT_NE(html.find("4/14"), std::string::npos);
  EXPECT_EQ(count(html, "<svg "), 1u + 4u + 4u);  // total, table row and section per exercise
  EXPECT_FALSE(has_forbidden_control(html));
}

// Every testcase of a refused exercise is an <error type="refused"> with the reason, even
// the one that passed.
TEST(JunitReport, RefusedTestsAreErrorsWithTheReason) {
  const std::string xml = render_report(report_with_refusal(), ReportFormat::junit);
  EXPECT_NE(xml.find("<testsuite name=\"04-d\" tests=\"2\" failures=\"0\" errors=\"2\""),
            std::string::npos)
      << xml;
  EXPECT_EQ(count(xml, "<error type=\"refused\" message=\"" + xml_escape(kRefusalReason)), 2u)
      << xml;
}

// A refused exercise with no test listed still gets its one refused <error>.
TEST(JunitReport, RefusedWithoutTestsIsOneRefusedError) {
  Report r = report_with_refusal();
  r.exercises[3].tests.clear();
  const std::string xml = render_report(r, ReportFormat::junit);
  EXPECT_NE(xml.find("<testcase classname=\"04-d\" name=\"04-d\""), std::string::npos) << xml;
  EXPECT_EQ(count(xml, "<error type=\"refused\""), 1u) << xml;
}

// A refused exercise scores 0 in Gradescope: a 0-point entry with the reason, and its tests
// failed at 0 with the reason, in the exercise's visibility.
TEST(GradescopeReport, RefusedScoresZeroWithTheReason) {
  Report r = report_with_refusal();
  r.exercises[3].visibility = "after_due_date";
  const json j = gradescope_json(r);
  EXPECT_EQ(j["score"], 3);
  std::vector<json> refused;
  for (const json& t : j["tests"]) {
    if (t["tags"][0] == "04-d") refused.push_back(t);
  }
  ASSERT_EQ(refused.size(), 3u);  // the refused entry, then D.One and D.Two
  EXPECT_EQ(refused[0]["name"], "04-d: refused");
  for (const json& t : refused) {
    EXPECT_EQ(t["score"], 0) << t;
    EXPECT_EQ(t["status"], "failed") << t;
    EXPECT_EQ(t["output"], "refused, 0 points: " + std::string(kRefusalReason)) << t;
    EXPECT_EQ(t["visibility"], "after_due_date") << t;
  }
}

// A refused exercise makes the Exercism run an error, saying why, and each of its tests an
// error with the reason.
TEST(ExercismReport, RefusedIsAnErrorWithTheReason) {
  const json j = exercism_json(report_with_refusal());
  const std::string why = "04-d was refused, 0 points: " + std::string(kRefusalReason);
  EXPECT_EQ(j["status"], "error");
  EXPECT_NE(j["message"].get<std::string>().find(why), std::string::npos) << j;
  std::size_t refused_tests = 0;
  for (const json& t : j["tests"]) {
    if (t["name"].get<std::string>().rfind("04-d: ", 0) != 0) continue;
    ++refused_tests;
    EXPECT_EQ(t["status"], "error") << t;
    EXPECT_EQ(t["message"], why) << t;
  }
  EXPECT_EQ(refused_tests, 2u);
}

// Markdown: a refused row with its badge and 0 points, the reason in its details and none
// of its tests, and the count in the heading.
TEST(MarkdownReport, RefusedRowReasonAndCount) {
  const std::string md = render_report(report_with_refusal(), ReportFormat::markdown);
  EXPECT_NE(md.find("1/4 exercises passed, 1 refused."), std::string::npos) << md;
  EXPECT_NE(md.find("| 04-d | D | 🚫 refused | 0/3 |"), std::string::npos) << md;
  EXPECT_NE(md.find("Refused, 0 points: " + markdown_cell(kRefusalReason)), std::string::npos)
      << md;
  EXPECT_EQ(md.find("D.Two"), std::string::npos) << md;
}

// HTML: a refused exercise's section says so with the reason, and its tests show refused.
TEST(HtmlReport, RefusedSectionSaysWhy) {
  const std::string html = render_report(report_with_refusal(), ReportFormat::html);
  EXPECT_NE(html.find("<p class=\"refused\">Refused, 0 points:</p>\n<pre>" +
                      xml_escape(kRefusalReason) + "</pre>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<td>D.One</td><td class=\"refused\">refused</td><td class=\"num\">0/1"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<span class=\"refused\">1 refused</span>"), std::string::npos) << html;
}

// The class pages count refused exercises per class and per exercise, and list who and why.
TEST(ClassSummaryRender, RefusedExercisesCountedAndListed) {
  const ClassSummary s = summarize_class(testing_support::class_with_refusal());
  const std::string html = render_class_html(s);
  EXPECT_NE(html.find("1 exercises refused"), std::string::npos);
  EXPECT_NE(html.find("<tr><td>04-d</td><td class=\"num refused\">1</td></tr>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("<tr><td>dave</td><td class=\"refused\">04-d</td><td>" +
                      xml_escape(kRefusalReason) + "</td></tr>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("0/3 refused"), std::string::npos) << html;
  const std::string md = render_class_markdown(s);
  EXPECT_NE(md.find("1 exercises refused."), std::string::npos) << md;
  EXPECT_NE(md.find("| 04-d | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| dave | 04-d | " + markdown_cell(kRefusalReason) + " |"), std::string::npos)
      << md;
}

// With no refusal, the class pages say so instead of an empty table.
TEST(ClassSummaryRender, NoRefusalSaysSo) {
  ClassSummary s = summarize_class(testing_support::class_with_refusal());
  s.refusals.clear();
  EXPECT_NE(render_class_html(s).find("<p>No exercise was refused.</p>"), std::string::npos);
  EXPECT_NE(render_class_markdown(s).find("No exercise was refused."), std::string::npos);
}

TEST(ClassSummaryRender, HistogramStudentsAndPassRates) {
  ClassSummary s;
  s.students.push_back({"alice", sample(), ""});
  s.students.push_back({"bob <b>", std::nullopt, "unsafe archive: ../etc/passwd"});
  s.exercise_ids = {"01-mixed", "02-broken", "03-bad-manifest", "04-fine"};
  s.pass_rates = {{"01-mixed", "Mixed.Passed", 1, 1}, {"01-mixed", "Mixed.Failed", 0, 1}};
  s.percents = {28.6, 100.0, 100.0, 5.0};
  const std::string html = render_class_html(s);
  EXPECT_NE(html.find("alice"), std::string::npos);
  EXPECT_NE(html.find("bob &lt;b&gt;"), std::string::npos);
  EXPECT_NE(html.find("refused: unsafe archive"), std::string::npos);
  EXPECT_NE(html.find("<title>90–100%: 2 students</title>"), std::string::npos);
  EXPECT_NE(html.find("<title>20–30%: 1 students</title>"), std::string::npos);
  EXPECT_NE(html.find("0/1 (0%)"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  const std::string md = render_class_markdown(s);
  EXPECT_NE(md.find("| 90–100% | 2 | ██ |"), std::string::npos) << md;
  EXPECT_NE(md.find("| alice | 4/14 | 28.6 | 1/4 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| bob &lt;b&gt; | refused: unsafe archive: ../etc/passwd | | |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| 01-mixed | Mixed.Failed | 0/1 (0%) |"), std::string::npos) << md;
}

}  // namespace
}  // namespace grader
