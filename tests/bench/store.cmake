# SPDX-License-Identifier: GPL-3.0-or-later
# The cache benchmark: writes synthetic runs, then times loadRuns (in a fresh process, for an
# honest RSS), loadPrevious and writeRun throughput. `bench_store --help` for the options.
add_executable(bench_store ${CMAKE_CURRENT_LIST_DIR}/bench_store.cpp ${CMAKE_CURRENT_LIST_DIR}/syntheticruns.h)
target_include_directories(bench_store PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(bench_store PRIVATE runlens_store)
