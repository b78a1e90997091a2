# SPDX-License-Identifier: GPL-3.0-or-later
# The series pyramid benchmark: writes N runs x M points and times Cache::loadSlice at a full
# range, two zooms and a deep zoom, as a chart of all the runs draws them. `bench_series --help`.
add_executable(bench_series ${CMAKE_CURRENT_LIST_DIR}/bench_series.cpp)
target_link_libraries(bench_series PRIVATE runlens_store)
