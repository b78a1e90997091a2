# SPDX-License-Identifier: GPL-3.0-or-later
# Start-up benchmark: process start to a populated table with N runs cached, and peak RSS.
add_executable(bench_startup ${CMAKE_CURRENT_LIST_DIR}/bench_startup.cpp
                             ${CMAKE_CURRENT_LIST_DIR}/syntheticruns.h)
target_include_directories(bench_startup PRIVATE ${PROJECT_SOURCE_DIR}/app ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(bench_startup PRIVATE runlens_app)
