# Exercise 08: CowVec copies against std::vector copies (header-only solution).
add_executable(bench-cow "${CMAKE_CURRENT_LIST_DIR}/08-cow_bench.cpp")
target_include_directories(bench-cow PRIVATE "${MW_BENCH_TREE}/08-cow" "${MW_COURSE_ROOT}/common/include")
target_link_libraries(bench-cow PRIVATE benchmark::benchmark)
target_compile_options(bench-cow PRIVATE ${optimize})
