# Exercise 07: Arc and IntrusiveArc (header-only) against std::shared_ptr, with exercise 06's Rc.
add_executable(bench-arc "${CMAKE_CURRENT_LIST_DIR}/07-arc-and-tradeoffs_bench.cpp")
target_include_directories(bench-arc PRIVATE
  "${MW_BENCH_TREE}/07-arc-and-tradeoffs" "${MW_BENCH_TREE}/06-refcount-pointer"
  "${MW_COURSE_ROOT}/common/include")
target_link_libraries(bench-arc PRIVATE benchmark::benchmark Threads::Threads)
target_compile_options(bench-arc PRIVATE ${optimize})
