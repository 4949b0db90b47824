# Exercise 14: the frozen CSR graph against vector<vector<uint32_t>> — exact bytes per edge
# (printed before the benchmarks) and BFS time. Header-only: no library of its own.
add_executable(bench-compact-graph "${CMAKE_CURRENT_LIST_DIR}/14-compact-graph_bench.cpp")
target_include_directories(bench-compact-graph PRIVATE
  "${MW_BENCH_TREE}/14-compact-graph" "${MW_COURSE_ROOT}/common/include"
  "${MW_COURSE_ROOT}/grader/testing/include")
target_link_libraries(bench-compact-graph PRIVATE benchmark::benchmark)
target_compile_options(bench-compact-graph PRIVATE ${optimize})
