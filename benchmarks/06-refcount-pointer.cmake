# Exercises 06 and 08: Rc and CowVec against the standard library (header-only solutions).
add_executable(bench-smart-pointers "${CMAKE_CURRENT_LIST_DIR}/06-refcount-pointer_bench.cpp")
target_include_directories(bench-smart-pointers PRIVATE
  "${MW_BENCH_TREE}/06-refcount-pointer" "${MW_BENCH_TREE}/08-cow" "${MW_COURSE_ROOT}/common/include")
target_link_libraries(bench-smart-pointers PRIVATE benchmark::benchmark Threads::Threads)
target_compile_options(bench-smart-pointers PRIVATE ${optimize})
