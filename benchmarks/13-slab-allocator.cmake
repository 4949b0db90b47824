# Exercise 13: the slab cache, see 13-slab-allocator_bench.cpp and slab_adapter.cpp.
#   bench-slab-allocator  64-byte churn with 1000 live: slab vs glibc malloc (found inside
#                         libc.so.6 by dlsym, since libmimalloc replaces malloc process-wide)
#                         vs mimalloc vs std::pmr::unsynchronized_pool_resource, in one run
# It also adds two allocators to exercise 04's harness, both sets of size classes in
# slab_adapter.cpp: "slab" (exercise 13's caches) and "pool" (exercise 12's ObjectPool);
# mdriver.cpp and trace_replay_bench.cpp list make_slab_allocator() and make_pool_allocator().
add_library(mw-bench-slab STATIC "${MW_BENCH_TREE}/13-slab-allocator/slab_cache.cpp")
target_include_directories(mw-bench-slab PUBLIC
  "${MW_BENCH_TREE}/13-slab-allocator" "${MW_COURSE_ROOT}/common/include")
target_compile_options(mw-bench-slab PUBLIC ${optimize})

add_executable(bench-slab-allocator "${CMAKE_CURRENT_SOURCE_DIR}/13-slab-allocator_bench.cpp")
target_link_libraries(bench-slab-allocator PRIVATE
  mw-bench-slab mimalloc benchmark::benchmark ${CMAKE_DL_LIBS})
target_compile_options(bench-slab-allocator PRIVATE ${optimize})

add_library(mw-bench-slab-adapter STATIC "${CMAKE_CURRENT_SOURCE_DIR}/slab_adapter.cpp")
target_include_directories(mw-bench-slab-adapter PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}")
# Exercise 12's object pool (header-only) is the "pool" allocator of the same file.
target_include_directories(mw-bench-slab-adapter PRIVATE "${MW_BENCH_TREE}/12-typed-arena-and-pool")
target_link_libraries(mw-bench-slab-adapter PUBLIC mw-bench-harness mw-bench-slab)
target_compile_options(mw-bench-slab-adapter PRIVATE ${optimize})
target_link_libraries(mdriver PRIVATE mw-bench-slab-adapter)
target_link_libraries(bench-trace-replay PRIVATE mw-bench-slab-adapter)

# The adapters of mdriver on every shipped trace (0 < utilization <= 100 %) and their realloc.
add_executable(adapters-test "${CMAKE_CURRENT_SOURCE_DIR}/adapters_test.cpp")
target_link_libraries(adapters-test PRIVATE mw-bench-slab-adapter GTest::gtest GTest::gtest_main)
target_compile_options(adapters-test PRIVATE ${optimize})
if(MW_BENCH_TESTS)
  add_test(NAME benchmarks.adapters COMMAND adapters-test)
endif()
