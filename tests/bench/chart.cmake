# SPDX-License-Identifier: GPL-3.0-or-later
# The chart benchmark: 100 runs × 1M points through MetricOverlayPlot (first draw, pan/zoom
# redraws, deep zoom, memory) against QCustomPlot fed raw points. `bench_chart --help`.
add_executable(bench_chart ${CMAKE_CURRENT_LIST_DIR}/bench_chart.cpp)
target_link_libraries(bench_chart PRIVATE runlens_widgets runlens_demo)
