# Exercise 12: the typed arena and the object pool (header-only), see
# 12-typed-arena-and-pool_bench.cpp. One source, two programs: linking libmimalloc replaces
# malloc and `new` process-wide, so the arena-vs-new program links no other allocator, and
# the pool-vs-mimalloc program reaches glibc's malloc inside libc.so.6 (like exercise 04).
#   bench-12-typed-arena-and-pool           arena vs new/delete; pool vs glibc malloc
#   bench-12-typed-arena-and-pool-mimalloc  pool vs glibc malloc vs mimalloc, in one run
set(mw_bench12_sources "${CMAKE_CURRENT_SOURCE_DIR}/12-typed-arena-and-pool_bench.cpp")
set(mw_bench12_includes
  "${MW_BENCH_TREE}/12-typed-arena-and-pool" "${MW_COURSE_ROOT}/common/include")

add_executable(bench-12-typed-arena-and-pool ${mw_bench12_sources})
target_link_libraries(bench-12-typed-arena-and-pool PRIVATE benchmark::benchmark)

add_executable(bench-12-typed-arena-and-pool-mimalloc ${mw_bench12_sources})
target_compile_definitions(bench-12-typed-arena-and-pool-mimalloc PRIVATE MW_BENCH_MIMALLOC)
target_link_libraries(bench-12-typed-arena-and-pool-mimalloc PRIVATE
  mimalloc benchmark::benchmark ${CMAKE_DL_LIBS})

foreach(program bench-12-typed-arena-and-pool bench-12-typed-arena-and-pool-mimalloc)
  target_include_directories(${program} PRIVATE ${mw_bench12_includes})
  target_compile_options(${program} PRIVATE ${optimize})
endforeach()
