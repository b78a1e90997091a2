# SPDX-License-Identifier: GPL-3.0-or-later
# The CSV metric-log benchmark: generates ~300 MB of CSV logs with writeDemoCsvLogs (reused
# with --dir) and times the importer's read path on one thread. `bench_csv --help`.
add_executable(bench_csv ${CMAKE_CURRENT_LIST_DIR}/bench_csv.cpp)
target_link_libraries(bench_csv PRIVATE runlens_sources runlens_demo)
