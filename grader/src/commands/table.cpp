#include "commands/table.hpp"

namespace grader {

const std::vector<Command>& command_table() {
  static const std::vector<Command> table = {
      {"check", "build and run the hidden suites, then score them", declare_check},
      {"list", "every exercise, its day, last status and points", declare_list},
      {"verify",
       "prove every hidden test fails on its stub and passes on its solution, and every "
       "author mutant loses points",
       declare_verify},
      {"test", "build and run an exercise's visible tests (yours too), GoogleTest's output as is",
       declare_test},
      {"hint", "reveal the next hint of an exercise (remembered between runs)", declare_hint},
      {"reset", "restore an exercise's files as shipped (asks first)", declare_reset},
      {"solution", "show the reference solution of an exercise you passed", declare_solution},
      {"lesson", "read a lesson (DAY like 1-2) or the sections an exercise builds on (ID)",
       declare_lesson},
      {"watch", "grade the exercise you work on at every save", declare_watch},
      {"export", "write a student release of the course: no solutions/", declare_export},
      {"batch", "grade a class's submissions in parallel into reports and a gradebook",
       declare_batch},
      {"gradebook", "merge a batch's per-student results (every shard's) into the gradebook",
       declare_gradebook},
      {"similarity", "rank pairs of students by how alike their code is (sim_c++, stubs excluded)",
       declare_similarity},
  };
  return table;
}

}  // namespace grader
