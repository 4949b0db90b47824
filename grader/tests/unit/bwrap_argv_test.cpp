// The bubblewrap command line: what it confines, and in which order it mounts.
#include <gtest/gtest.h>

#include <algorithm>

#include "sandbox/bwrap_argv.hpp"

namespace grader {
namespace {

using Argv = std::vector<std::string>;

// The index of the option `option` followed by `args` in `argv`, or -1.
long find_option(const Argv& argv, const Argv& option_and_args) {
  const auto it =
      std::search(argv.begin(), argv.end(), option_and_args.begin(), option_and_args.end());
  return it == argv.end() ? -1 : it - argv.begin();
}

Argv build(const SandboxPolicy& policy, const std::string& cwd = "/work") {
  return bwrap_argv("/usr/bin/bwrap", policy, cwd, {"./suite", "--gtest_filter=A.B"});
}

// Every namespace is unshared, root is not root outside, and the sandbox dies with bwrap.
TEST(BwrapArgv, Confinement) {
  const Argv argv = build({});
  EXPECT_EQ(argv.front(), "/usr/bin/bwrap");
  for (const Argv& option : std::vector<Argv>{{"--unshare-all"},
                                              {"--unshare-user"},
                                              {"--cap-drop", "ALL"},
                                              {"--die-with-parent"},
                                              {"--new-session"},
                                              {"--ro-bind", "/", "/"},
                                              {"--proc", "/proc"},
                                              {"--dev", "/dev"},
                                              {"--tmpfs", "/tmp"}}) {
    EXPECT_GE(find_option(argv, option), 0) << option.front();
  }
  EXPECT_EQ(find_option(argv, {"--share-net"}), -1);
  EXPECT_EQ(find_option(argv, {"--bind"}), -1) << "nothing writable but the private /tmp";
}

// The program comes last, after "--", in the directory asked for.
TEST(BwrapArgv, ProgramAndDirectory) {
  const Argv argv = build({}, "/scratch/work");
  const long dashes = find_option(argv, {"--chdir", "/scratch/work", "--", "./suite"});
  ASSERT_GE(dashes, 0);
  EXPECT_EQ(static_cast<std::size_t>(dashes) + 5, argv.size());
  EXPECT_EQ(argv.back(), "--gtest_filter=A.B");
  EXPECT_GE(find_option(bwrap_argv("bwrap", {}, "", {"true"}), {"--chdir", "/", "--", "true"}), 0);
}

// A hidden directory is an empty tmpfs, made read-only after everything is mounted;
// a hidden file is /dev/null.
TEST(BwrapArgv, Hidden) {
  const Argv argv = build({{"/build"}, {"/course/solutions"}, {"/etc/secret"}, {}});
  const long tmpfs = find_option(argv, {"--tmpfs", "/course/solutions"});
  const long read_only = find_option(argv, {"--remount-ro", "/course/solutions"});
  const long bind = find_option(argv, {"--bind", "/build", "/build"});
  ASSERT_GE(tmpfs, 0);
  ASSERT_GE(bind, 0);
  EXPECT_GT(read_only, bind);
  EXPECT_GE(find_option(argv, {"--ro-bind", "/dev/null", "/etc/secret"}), 0);
  EXPECT_LT(read_only, find_option(argv, {"--"}));
}

// What must stay reachable inside a hidden directory is bound back on top of it;
// readable paths elsewhere are read-only already and get no mount.
TEST(BwrapArgv, ReadableInsideHidden) {
  const Argv argv = build(
      {{"/course/solutions/build"}, {"/course/solutions"}, {}, {"/course/solutions", "/home/ws"}});
  EXPECT_EQ(find_option(argv, {"--tmpfs", "/course/solutions"}), -1)
      << "the graded tree itself is not hidden";
  const Argv hidden_tree = build({{"/b"}, {"/course"}, {}, {"/course/solutions"}});
  const long tmpfs = find_option(hidden_tree, {"--tmpfs", "/course"});
  const long back =
      find_option(hidden_tree, {"--ro-bind", "/course/solutions", "/course/solutions"});
  ASSERT_GE(tmpfs, 0);
  EXPECT_GT(back, tmpfs);
  EXPECT_EQ(find_option(argv, {"--ro-bind", "/home/ws", "/home/ws"}), -1);
  const Argv in_tmp = build({{}, {}, {}, {"/tmp/ws"}});
  EXPECT_GT(find_option(in_tmp, {"--ro-bind", "/tmp/ws", "/tmp/ws"}),
            find_option(in_tmp, {"--tmpfs", "/tmp"}))
      << "the private /tmp hides the host's";
  const Argv scratch = build({{"/tmp/scratch"}, {}, {}, {"/tmp/scratch/work"}});
  EXPECT_EQ(find_option(scratch, {"--ro-bind", "/tmp/scratch/work"}), -1)
      << "a readable path inside a writable one stays writable";
}

// Outermost first: a hidden directory inside a writable one stays hidden, a writable
// directory inside a hidden one stays writable.
TEST(BwrapArgv, NestingOrder) {
  const Argv argv = build({{"/batch", "/other/out/alice"}, {"/batch/bob", "/other"}, {}, {}});
  EXPECT_LT(find_option(argv, {"--bind", "/batch", "/batch"}),
            find_option(argv, {"--tmpfs", "/batch/bob"}));
  EXPECT_LT(find_option(argv, {"--tmpfs", "/other"}),
            find_option(argv, {"--bind", "/other/out/alice", "/other/out/alice"}));
}

}  // namespace
}  // namespace grader
