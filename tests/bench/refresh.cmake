# SPDX-License-Identifier: GPL-3.0-or-later
# Refresh of a live run in a folder mixing every format (see docs/PERFORMANCE.md, "Refresh").
add_executable(bench_refresh bench_refresh.cpp)
target_link_libraries(bench_refresh PRIVATE runlens_sources runlens_demo)
