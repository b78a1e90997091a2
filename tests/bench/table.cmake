# SPDX-License-Identifier: GPL-3.0-or-later
# Run table at scale (included from tests/bench/CMakeLists.txt): bench_table [runs]
add_executable(bench_table ${CMAKE_CURRENT_LIST_DIR}/bench_table.cpp)
target_link_libraries(bench_table PRIVATE runlens_items Qt6::Gui)
