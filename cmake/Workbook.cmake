# mw_add_exercise(<manifest>): the targets of one exercise in a tree build.
#
# The manifest is read here only for what the build needs (id, files,
# depends, build.sanitize/build.flags); the grader reads everything else.
# A problem in one exercise (a bad manifest, a missing file) must not stop
# the others from building, so it becomes a suite target that fails with a
# one-line reason instead of a configure error.

# A student release exported with `grader export --withhold-hidden` has no grader/suites:
# the grader then grades each exercise's visible tests (visible-<id>) instead of its
# hidden suite, and no suite-<id> target is defined.
if(IS_DIRECTORY "${MW_COURSE_ROOT}/grader/suites")
  set(MW_HIDDEN_SUITES ON)
else()
  set(MW_HIDDEN_SUITES OFF)
endif()

# Flags for each build variant named in a manifest's "build": {"sanitize": ...}.
set(MW_VARIANT_address+undefined
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
set(MW_VARIANT_thread -fsanitize=thread -fno-omit-frame-pointer)
set(MW_VARIANT_none "")

# The standard library the tree is compiled against: libstdc++ (g++, and clang on Linux by
# default) or libc++ (clang's -stdlib=libc++, as on the macOS-family toolchains). Debian's
# C++ libraries (GoogleTest, Google Benchmark) are built against libstdc++, whose std::string
# is not libc++'s, so a libc++ tree cannot link them.
include(CheckCXXSourceCompiles)
check_cxx_source_compiles([[
#include <version>
#ifndef _LIBCPP_VERSION
#error not libc++
#endif
int main() {}
]] MW_LIBCXX)

# Libraries a manifest may ask for in "build": {"libraries": [...]}.
find_package(mimalloc QUIET)
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(jemalloc QUIET IMPORTED_TARGET jemalloc)
endif()
if(MW_LIBCXX)
  # Debian ships Google Benchmark built, not its sources, so a libc++ tree gets its header
  # only: code that calls it fails to link (its symbols name libstdc++'s std::string), which
  # the exercise's README explains. The graded code of the course does not call it.
  find_path(MW_BENCHMARK_INCLUDE_DIR benchmark/benchmark.h)
  add_library(mw-benchmark-header-only INTERFACE)
  if(MW_BENCHMARK_INCLUDE_DIR)
    target_include_directories(mw-benchmark-header-only INTERFACE "${MW_BENCHMARK_INCLUDE_DIR}")
  endif()
  set(MW_LIBRARY_benchmark mw-benchmark-header-only)
else()
  find_package(benchmark QUIET)
  set(MW_LIBRARY_benchmark benchmark::benchmark)
endif()
set(MW_LIBRARY_mimalloc mimalloc)
set(MW_LIBRARY_jemalloc PkgConfig::jemalloc)

# The main() of every hidden suite (grader/harness/harness_main.cpp): it sends the grader
# authenticated per-test records, so no gtest_main. It reads GoogleTest's implementation
# header, which Debian's googletest package ships with the sources, and signs with nettle.
set(MW_HARNESS_DIR "${CMAKE_CURRENT_LIST_DIR}/../grader/harness")
find_path(MW_GTEST_IMPLEMENTATION_DIR gtest-internal-inl.h
          PATHS /usr/src/googletest/googletest/src /usr/src/gtest/src NO_DEFAULT_PATH)
if(NOT MW_GTEST_IMPLEMENTATION_DIR)
  message(FATAL_ERROR "gtest-internal-inl.h not found: install Debian's googletest package")
endif()
if(NOT PkgConfig_FOUND)
  message(FATAL_ERROR "pkg-config not found: install Debian's pkg-config package")
endif()
pkg_check_modules(MW_NETTLE REQUIRED IMPORTED_TARGET nettle)

# GoogleTest and GoogleMock. With libstdc++, Debian's (libgtest-dev, libgmock-dev). With libc++,
# built here from the sources Debian's googletest package ships, once per set of flags the tests
# are compiled with: libc++ annotates std::vector for AddressSanitizer in its headers, and a
# vector grown by uninstrumented code reads as a container overflow in instrumented code.
if(NOT MW_LIBCXX)
  find_package(GTest REQUIRED)
else()
  find_path(MW_GTEST_SOURCE_DIR googletest/src/gtest-all.cc PATHS /usr/src/googletest NO_DEFAULT_PATH)
  if(NOT MW_GTEST_SOURCE_DIR)
    message(FATAL_ERROR "a libc++ tree builds GoogleTest from its sources: install Debian's googletest package")
  endif()
endif()

# A static library <name> of GoogleTest's <part> (googletest, googlemock) built from its
# <source> with the flags ARGN.
function(_mw_gtest_source_library name part source)
  add_library(${name} STATIC EXCLUDE_FROM_ALL "${MW_GTEST_SOURCE_DIR}/${part}/src/${source}")
  target_compile_options(${name} PRIVATE ${ARGN})
  target_include_directories(${name} SYSTEM PUBLIC "${MW_GTEST_SOURCE_DIR}/${part}/include")
  target_include_directories(${name} PRIVATE "${MW_GTEST_SOURCE_DIR}/${part}")
endfunction()

# Sets <out> to the GoogleTest and GoogleMock libraries for tests compiled with the flags ARGN.
function(_mw_gtest_for out)
  if(NOT MW_LIBCXX)
    set(${out} GTest::gtest GTest::gmock PARENT_SCOPE)
    return()
  endif()
  string(MD5 key "${ARGN}")
  string(SUBSTRING "${key}" 0 12 key)
  set(gtest mw-gtest-${key})
  set(gmock mw-gmock-${key})
  if(NOT TARGET ${gtest})
    _mw_gtest_source_library(${gtest} googletest gtest-all.cc ${ARGN})
    _mw_gtest_source_library(${gmock} googlemock gmock-all.cc ${ARGN})
    target_link_libraries(${gtest} PUBLIC Threads::Threads)
    target_link_libraries(${gmock} PUBLIC ${gtest})
  endif()
  set(${out} ${gtest} ${gmock} PARENT_SCOPE)
endfunction()

# Sets <out_target> to the harness object library for tests whose own sources are under
# <tests_dir> (a skip made elsewhere is the code under test's), compiled with the flags ARGN;
# made once per directory and set of flags, and shared by the test executables built so.
function(_mw_harness_for out_target tests_dir)
  string(MD5 key "${tests_dir};${ARGN}")
  string(SUBSTRING "${key}" 0 12 key)
  set(harness mw-harness-${key})
  if(NOT TARGET ${harness})
    add_library(${harness} OBJECT "${MW_HARNESS_DIR}/harness_main.cpp")
    target_compile_options(${harness} PRIVATE ${ARGN} -g)
    target_include_directories(${harness} PRIVATE "${MW_HARNESS_DIR}" "${MW_GTEST_IMPLEMENTATION_DIR}")
    # A skip counts as the suite's own only when its GTEST_SKIP is in one of its sources.
    target_compile_definitions(${harness} PRIVATE MW_SUITES_DIR="${tests_dir}")
    # The hidden suites' sources are not the learner's: a failure there is named by its test.
    if(tests_dir MATCHES "/grader/suites/?$")
      target_compile_definitions(${harness} PRIVATE MW_HIDDEN_TESTS=1)
    endif()
    _mw_gtest_for(gtest_libraries ${ARGN})
    target_link_libraries(${harness} PUBLIC ${gtest_libraries} PkgConfig::MW_NETTLE)
  endif()
  set(${out_target} ${harness} PARENT_SCOPE)
endfunction()

# A target named <name> that fails to build, printing <reason>. Without hidden suites the
# grader builds visible-<id> where it would build suite-<id>, so that one must fail instead.
function(_mw_failing_target name reason)
  # An exercise that cannot be built cannot run its visible tests either: `grader test`
  # says the same reason instead of "unknown target".
  if(NOT name MATCHES "--" AND name MATCHES "^suite-(.+)$")  # the main variant's suite only
    _mw_failing_target(tests-${CMAKE_MATCH_1} "${reason}")
  endif()
  if(NOT MW_HIDDEN_SUITES)
    string(REGEX REPLACE "^suite-" "visible-" name "${name}")
  endif()
  add_custom_target(${name}
    COMMAND ${CMAKE_COMMAND} -E echo "error: ${reason}"
    COMMAND ${CMAKE_COMMAND} -E false
    VERBATIM)
endfunction()

function(_mw_json_list out json)
  set(items "")
  string(JSON n ERROR_VARIABLE err LENGTH "${json}" ${ARGN})
  if(NOT err)
    if(n GREATER 0)
      math(EXPR last "${n} - 1")
      foreach(i RANGE ${last})
        string(JSON item GET "${json}" ${ARGN} ${i})
        list(APPEND items "${item}")
      endforeach()
    endif()
  endif()
  set(${out} "${items}" PARENT_SCOPE)
endfunction()

# Sets <out_sources> to the paths of the C++ sources (.cpp, .cc) among the files ARGN,
# which are relative to <dir>, and <out_missing> to the path of the first of them that does
# not exist (empty when all do; <out_sources> is then incomplete).
function(_mw_sources_in out_sources out_missing dir)
  set(found "")
  set(missing "")
  foreach(file IN LISTS ARGN)
    if(NOT EXISTS "${dir}/${file}")
      set(missing "${dir}/${file}")
      break()
    endif()
    if(file MATCHES "\\.(cpp|cc)$")
      list(APPEND found "${dir}/${file}")
    endif()
  endforeach()
  set(${out_sources} "${found}" PARENT_SCOPE)
  set(${out_missing} "${missing}" PARENT_SCOPE)
endfunction()

# The test executables of a tree (suites and visible tests) compiled with the same flags share
# one precompiled <gtest/gtest.h>. It saves about 0.4 s per test file and costs about 3 s to
# make, so it is made only where enough test files share it; one per suite cost a cold build
# of exercises/ more than it saved (156 CPU-seconds, 151 with none, 107 with one per set of
# flags), and the grader's fixture course, a handful of test files, is faster with none.
set(MW_PCH_MIN_TEST_FILES 8)

# Records that <target> is a test executable compiled with the flags ARGN: mw_share_gtest_pchs
# decides, once every exercise is known, whether it gets the precompiled header.
function(_mw_want_gtest_pch target)
  string(MD5 key "${ARGN}")
  string(SUBSTRING "${key}" 0 12 key)
  get_property(keys GLOBAL PROPERTY MW_PCH_KEYS)
  if(NOT key IN_LIST keys)
    set_property(GLOBAL APPEND PROPERTY MW_PCH_KEYS ${key})
    set_property(GLOBAL PROPERTY MW_PCH_FLAGS_${key} "${ARGN}")
  endif()
  set_property(GLOBAL APPEND PROPERTY MW_PCH_TARGETS_${key} ${target})
endfunction()

# Gives the test executables recorded by _mw_want_gtest_pch a precompiled <gtest/gtest.h>
# per set of flags shared by at least MW_PCH_MIN_TEST_FILES test files. GCC uses a
# precompiled header only when the flags match: the target that makes it has the tests' flags
# and none of their -D macros (MW_TREE_DIR and the like differ per suite; gtest.h reads none
# of them, so GCC accepts them). Call it once, after the last mw_add_exercise.
function(mw_share_gtest_pchs)
  get_property(keys GLOBAL PROPERTY MW_PCH_KEYS)
  foreach(key IN LISTS keys)
    get_property(targets GLOBAL PROPERTY MW_PCH_TARGETS_${key})
    set(files 0)
    foreach(target IN LISTS targets)
      get_target_property(sources ${target} SOURCES)
      list(LENGTH sources count)
      math(EXPR files "${files} + ${count}")
    endforeach()
    if(files LESS MW_PCH_MIN_TEST_FILES)
      continue()
    endif()
    set(empty_source "${CMAKE_BINARY_DIR}/gtest-pch-empty.cpp")
    if(NOT EXISTS "${empty_source}")
      file(WRITE "${empty_source}" "// the source of the gtest-pch-* targets, which only precompile gtest.h\n")
    endif()
    get_property(flags GLOBAL PROPERTY MW_PCH_FLAGS_${key})
    add_library(gtest-pch-${key} OBJECT "${empty_source}")
    target_compile_options(gtest-pch-${key} PRIVATE ${flags} -g)
    _mw_gtest_for(gtest_libraries ${flags})
    target_link_libraries(gtest-pch-${key} PRIVATE ${gtest_libraries})
    target_precompile_headers(gtest-pch-${key} PRIVATE <gtest/gtest.h>)
    foreach(target IN LISTS targets)
      target_precompile_headers(${target} REUSE_FROM gtest-pch-${key})
    endforeach()
  endforeach()
endfunction()

# Usage: _mw_learner_headers_of(out source dirs...): sets `out` to the learner files (names
# from the manifest's `files`, read from the caller) that `source` includes, directly or
# through other headers: each `#include "name"` is followed into the first of `dirs` that has
# it. Sorted, each named once.
function(_mw_learner_headers_of out source)
  set(pending "${source}")
  set(seen "")
  set(found "")
  while(pending)
    list(POP_FRONT pending file)
    if(file IN_LIST seen)
      continue()
    endif()
    list(APPEND seen "${file}")
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"[^\"]+\"")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" name "${line}")
      if(name IN_LIST files)
        list(APPEND found "${name}")
      endif()
      foreach(dir IN LISTS ARGN)
        if(EXISTS "${dir}/${name}")
          list(APPEND pending "${dir}/${name}")
          break()
        endif()
      endforeach()
    endforeach()
  endwhile()
  list(REMOVE_DUPLICATES found)
  list(SORT found)
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# Usage: _mw_unity_suite(target sources...): compiles the test files that include the suite's
# most-included learner header as two unity translation units (CMake's UNITY_BUILD: generated
# files that #include the test files, so __FILE__, line numbers and debug info still name
# the test files); the other test files compile on their own.
#
# Why: an edit of a learner header recompiles every test file that includes it, and with ASan
# and UBSan each file spends most of its 1.5 to 2 s instantiating and emitting the same
# GoogleTest and standard-library templates (06's seven test files: 11.7 CPU-seconds one by
# one, 4.4 as one unit). Two units keep both cores of a 2-core machine busy. Only the header
# that three or more test files include gains: a header one test file includes would make
# its whole unit recompile, so files are ordered by the learner headers they include before
# the split (files that share headers share a unit), and a suite whose headers are each
# included by one or two files is left as it is. Which file includes what is read from the
# course's own files (the suite's and the exercise's stubs), so a learner's edit never
# regroups the suite. The suites are written for it: no two test files of a suite declare
# the same name at namespace scope (docs/authoring.md).
function(_mw_unity_suite target)
  set(search_dirs "${MW_COURSE_ROOT}/grader/suites/${id}" "${exercise_dir}")
  set(busiest_header "")
  set(busiest_count 0)
  foreach(source IN LISTS ARGN)
    _mw_learner_headers_of(headers "${source}" ${search_dirs})
    list(JOIN headers "," signature)
    set(signature_of_${source} "${signature}")
    foreach(header IN LISTS headers)
      string(MAKE_C_IDENTIFIER "${header}" key)
      list(APPEND includers_${key} "${source}")
      list(LENGTH includers_${key} count)
      if(count GREATER busiest_count)
        set(busiest_header "${key}")
        set(busiest_count ${count})
      endif()
    endforeach()
  endforeach()
  if(busiest_count LESS 3)
    return()
  endif()
  set(ordered "")
  foreach(source IN LISTS includers_${busiest_header})
    list(APPEND ordered "${signature_of_${source}}|${source}")
  endforeach()
  list(SORT ordered)
  math(EXPR first_unit_size "(${busiest_count} + 1) / 2")
  set(position 0)
  foreach(entry IN LISTS ordered)
    string(REGEX REPLACE "^[^|]*\\|" "" source "${entry}")
    set(unit 1)
    if(position LESS first_unit_size)
      set(unit 0)
    endif()
    set_source_files_properties("${source}" PROPERTIES UNITY_GROUP "learner-headers-${unit}")
    math(EXPR position "${position} + 1")
  endforeach()
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE GROUP)
endfunction()

# Usage: _mw_header_probe(target): adds to `target` a translation unit that includes every
# learner header of the exercise (the caller's `files`, `id`, `tree_dir`). A header that
# defines a function or variable without `inline` then fails to link with "multiple
# definition", as it would in the learner's own program of two source files, whatever
# the test files include and however _mw_unity_suite grouped them.
function(_mw_header_probe target)
  set(includes "")
  foreach(file IN LISTS files)
    if(file MATCHES "\\.(h|hh|hpp|hxx)$")
      string(APPEND includes "#include \"${file}\"\n")
    endif()
  endforeach()
  if(includes STREQUAL "")
    return()
  endif()
  set(probe "${CMAKE_CURRENT_BINARY_DIR}/header-probes/${id}.cpp")
  # file(CONFIGURE) leaves an unchanged file untouched: no needless recompile.
  file(CONFIGURE OUTPUT "${probe}" @ONLY CONTENT
       "// Generated by cmake/Workbook.cmake (_mw_header_probe): every learner header once more.\n${includes}")
  target_sources(${target} PRIVATE "${probe}")
  set_source_files_properties("${probe}" PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
endfunction()

# The learner library and hidden suite of one build variant: lib-<id><suffix> and
# suite-<id><suffix>, compiled with ARGN as flags. Called from mw_add_exercise, whose
# variables (id, sources, tree_dir, exercise_dir, libraries, depends, manifest) it reads.
function(_mw_add_variant suffix)
  set(flags ${ARGN})
  set(lib lib-${id}${suffix})
  set(suite suite-${id}${suffix})
  if(sources)
    add_library(${lib} STATIC ${sources})
    target_compile_options(${lib} PUBLIC ${flags} -g)
    target_link_options(${lib} PUBLIC ${flags})
    set(scope PUBLIC)
  else()
    add_library(${lib} INTERFACE)
    target_compile_options(${lib} INTERFACE ${flags} -g)
    target_link_options(${lib} INTERFACE ${flags})
    set(scope INTERFACE)
  endif()
  target_include_directories(${lib} ${scope} "${tree_dir}" "${exercise_dir}" "${MW_COURSE_ROOT}/common/include")
  target_link_libraries(${lib} ${scope} Threads::Threads)
  foreach(library IN LISTS libraries)
    if(NOT TARGET ${MW_LIBRARY_${library}})
      _mw_failing_target(${suite} "${manifest}: unknown build.libraries entry '${library}'")
      return()
    endif()
    target_link_libraries(${lib} ${scope} ${MW_LIBRARY_${library}})
  endforeach()
  foreach(dependency IN LISTS depends)
    if(TARGET lib-${dependency}${suffix})
      target_link_libraries(${lib} ${scope} lib-${dependency}${suffix})
    else()
      _mw_failing_target(${suite} "${manifest}: depends on '${dependency}', which is not built before it")
      return()
    endif()
  endforeach()

  if(NOT MW_HIDDEN_SUITES)
    return()
  endif()
  # The hidden suite: every .cpp in grader/suites/<id>/.
  file(GLOB suite_sources CONFIGURE_DEPENDS "${MW_COURSE_ROOT}/grader/suites/${id}/*.cpp")
  if(NOT suite_sources)
    _mw_failing_target(${suite} "no hidden suite in ${MW_COURSE_ROOT}/grader/suites/${id}")
    return()
  endif()
  add_executable(${suite} ${suite_sources})
  _mw_unity_suite(${suite} ${suite_sources})
  if(suffix STREQUAL "")
    _mw_header_probe(${suite})  # one build variant is enough to link it
  endif()
  target_include_directories(${suite} PRIVATE "${MW_COURSE_ROOT}/grader/testing/include")
  _mw_harness_for(harness "${MW_COURSE_ROOT}/grader/suites/" ${flags})
  _mw_gtest_for(gtest_libraries ${flags})
  target_link_libraries(${suite} PRIVATE ${lib} ${harness} ${gtest_libraries})
  _mw_want_gtest_pch(${suite} ${flags})
  # The per-tree paths below go only to suites whose sources read them: a path of the graded
  # tree on a compile line differs from student to student, so the compiler cache a batch
  # shares (ccache in depend mode, which hashes the compile line) could never reuse the object.
  set(reads_tree_paths OFF)
  foreach(source IN LISTS suite_sources)
    file(STRINGS "${source}" uses REGEX "MW_TREE_DIR|MW_SUITE_DATA_DIR" LIMIT_COUNT 1)
    if(uses)
      set(reads_tree_paths ON)
    endif()
  endforeach()
  if(NOT reads_tree_paths)
    return()
  endif()
  # Where the suite may look for the learner's sources (e.g. to cross-compile them).
  target_compile_definitions(${suite} PRIVATE MW_TREE_DIR="${tree_dir}")
  # Files a suite reads at run time live in subfolders of its directory (05's bare-metal
  # harness). A sandboxed run cannot see grader/suites, so they are copied into the build
  # directory (configure_file re-copies on change); the test sources themselves are not.
  set(data_dir "${CMAKE_CURRENT_BINARY_DIR}/suite-data/${id}")
  file(GLOB_RECURSE suite_data RELATIVE "${MW_COURSE_ROOT}/grader/suites/${id}"
       "${MW_COURSE_ROOT}/grader/suites/${id}/*/*")
  foreach(data_file IN LISTS suite_data)
    configure_file("${MW_COURSE_ROOT}/grader/suites/${id}/${data_file}" "${data_dir}/${data_file}"
                   COPYONLY)
  endforeach()
  target_compile_definitions(${suite} PRIVATE MW_SUITE_DATA_DIR="${data_dir}")
endfunction()

function(mw_add_exercise manifest)
  get_filename_component(exercise_dir "${manifest}" DIRECTORY)
  get_filename_component(id "${exercise_dir}" NAME)
  set_property(DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${manifest}")
  file(READ "${manifest}" json)

  string(JSON files_json ERROR_VARIABLE err GET "${json}" files)
  if(err)
    _mw_failing_target(suite-${id} "${manifest}: cannot read field 'files'")
    return()
  endif()
  _mw_json_list(files "${json}" files)
  _mw_json_list(depends "${json}" depends)
  _mw_json_list(given "${json}" given)
  # build.sanitize: one variant, or a list whose first entry is the main one; each
  # further entry builds the suite once more (suite-<id>--<variant>).
  string(JSON sanitize_type ERROR_VARIABLE err TYPE "${json}" build sanitize)
  if(err)
    set(variants "address+undefined")
  elseif(sanitize_type STREQUAL "ARRAY")
    _mw_json_list(variants "${json}" build sanitize)
  else()
    string(JSON variants GET "${json}" build sanitize)
  endif()
  foreach(variant IN LISTS variants)
    if(NOT DEFINED MW_VARIANT_${variant})
      _mw_failing_target(suite-${id} "${manifest}: unknown build.sanitize '${variant}'")
      return()
    endif()
  endforeach()
  _mw_json_list(extra_flags "${json}" build flags)
  _mw_json_list(libraries "${json}" build libraries)
  string(JSON freestanding ERROR_VARIABLE err GET "${json}" build freestanding)
  if(err)
    set(freestanding OFF)
  endif()

  # The learner's files, taken from the graded tree.
  set(tree_dir "${MW_TREE}/${id}")
  _mw_sources_in(sources missing "${tree_dir}" ${files})
  if(NOT missing STREQUAL "")
    # Every build checks this glob again (CONFIGURE_DEPENDS) and configures anew once the
    # file is there: one copied in later is found, not reported missing until the build
    # directory is deleted. (CMake drops a CMAKE_CONFIGURE_DEPENDS file that does not exist.)
    file(GLOB appeared CONFIGURE_DEPENDS "${missing}")
    _mw_failing_target(suite-${id} "${missing}: file missing from the graded tree")
    return()
  endif()
  set_property(DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${tree_dir}")
  # Files the exercise gives the learner to read, not to edit: always the course's own.
  _mw_sources_in(given_sources missing "${exercise_dir}" ${given})
  if(NOT missing STREQUAL "")
    _mw_failing_target(suite-${id} "${missing}: a given file is missing from the course")
    return()
  endif()
  list(APPEND sources ${given_sources})

  list(GET variants 0 main_variant)
  foreach(variant IN LISTS variants)
    set(suffix "")
    if(NOT variant STREQUAL main_variant)
      set(suffix "--${variant}")
    endif()
    _mw_add_variant("${suffix}" ${MW_VARIANT_${variant}} ${extra_flags})
  endforeach()
  if(MW_HIDDEN_SUITES)
    get_target_property(suite_type suite-${id} TYPE)
    if(NOT suite_type STREQUAL "EXECUTABLE")
      return()  # a failing target says why; nothing more can be built
    endif()
  elseif(TARGET visible-${id})
    return()  # the failing target that says why
  endif()

  # "freestanding": true — the learner's sources must also build with no
  # hosted runtime. The object files are handed to the suite, whose tests
  # audit their undefined symbols.
  if(freestanding AND sources AND MW_HIDDEN_SUITES)
    add_library(freestanding-${id} OBJECT ${sources})
    target_include_directories(freestanding-${id} PRIVATE "${tree_dir}" "${exercise_dir}")
    target_compile_options(freestanding-${id} PRIVATE
      -ffreestanding -fno-exceptions -fno-rtti -fno-asynchronous-unwind-tables -fno-stack-protector -O2)
    add_dependencies(suite-${id} freestanding-${id})
    target_compile_definitions(suite-${id} PRIVATE
      "MW_FREESTANDING_OBJECTS=\"$<JOIN:$<TARGET_OBJECTS:freestanding-${id}>,;>\"")
  endif()

  # The visible tests: exercises/<id>/tests/*.cpp of the course, run by ctest.
  file(GLOB visible_sources CONFIGURE_DEPENDS "${exercise_dir}/tests/*.cpp")
  if(visible_sources)
    add_executable(visible-${id} ${visible_sources})
    target_include_directories(visible-${id} PRIVATE "${MW_COURSE_ROOT}/grader/testing/include")
    # The grader runs the visible tests in place of the hidden suite in a release without
    # one, so they report through the harness too. Its skip rule is looser there: the
    # learner's own files in a course's exercises/ count as the tests' (the tamper guard
    # refuses a learner's GTEST_SKIP before that matters).
    _mw_harness_for(visible_harness "${MW_COURSE_ROOT}/exercises/" ${MW_VARIANT_${main_variant}} ${extra_flags})
    _mw_gtest_for(gtest_libraries ${MW_VARIANT_${main_variant}} ${extra_flags})
    target_link_libraries(visible-${id} PRIVATE lib-${id} ${visible_harness} ${gtest_libraries})
    _mw_want_gtest_pch(visible-${id} ${MW_VARIANT_${main_variant}} ${extra_flags})
  elseif(NOT MW_HIDDEN_SUITES)
    _mw_failing_target(visible-${id}
      "${exercise_dir} has no visible tests; its hidden tests are graded by the instructor")
  endif()
  _mw_add_learner_tests()
endfunction()

# tests-<id>: the visible tests as the learner has them, built and run by `grader test ID`
# (and by ctest). Unlike visible-<id>, which a release without hidden suites grades, they are
# taken from the graded tree's <id>/tests/ when it has one, so a test the learner adds is
# compiled too; a tree without that folder (a submission of the learner files alone) gets the
# course's. GoogleTest's own main: this target gives no verdict, so it needs no harness.
function(_mw_add_learner_tests)
  file(GLOB learner_tests CONFIGURE_DEPENDS "${tree_dir}/tests/*.cpp")
  if(NOT learner_tests)
    set(learner_tests ${visible_sources})
  endif()
  if(NOT learner_tests)
    _mw_failing_target(tests-${id} "${id} has no visible tests in ${tree_dir}/tests or the course's")
    return()
  endif()
  _mw_gtest_for(gtest_libraries ${MW_VARIANT_${main_variant}} ${extra_flags})
  if(MW_LIBCXX)
    # A libc++ tree has no prebuilt gtest_main: GoogleTest's own main.cc is one more source.
    list(APPEND learner_tests "${MW_GTEST_SOURCE_DIR}/googletest/src/gtest_main.cc")
  else()
    list(APPEND gtest_libraries GTest::gtest_main)
  endif()
  add_executable(tests-${id} ${learner_tests})
  target_include_directories(tests-${id} PRIVATE "${MW_COURSE_ROOT}/grader/testing/include")
  target_link_libraries(tests-${id} PRIVATE lib-${id} ${gtest_libraries})
  add_test(NAME ${id} COMMAND tests-${id})
endfunction()
