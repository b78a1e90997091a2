# SPDX-License-Identifier: GPL-3.0-or-later
# Import benchmarks: plain executables, not ctest tests (see docs/PERFORMANCE.md, "Import").
find_package(Threads REQUIRED)

# The bare baseline: walk a folder and read every file, two threads.
add_executable(bench_walkread walkread.cpp walkread.h)
target_link_libraries(bench_walkread PRIVATE Threads::Threads)

# Generate a store, then time walk-and-read, full import, unchanged and appended re-imports.
add_executable(bench_import bench_import.cpp walkread.h)
target_link_libraries(bench_import PRIVATE runlens_sources runlens_demo Threads::Threads)

# The config sources (Sacred, Hydra, Guild) on their demo folders.
add_executable(bench_configsources bench_configsources.cpp walkread.h)
target_link_libraries(bench_configsources PRIVATE runlens_sources runlens_demo Threads::Threads)
# The database-backed importers (Optuna, MLflow SQLite, Kedro) on their demo writers' output.
add_executable(bench_databases bench_databases.cpp)
target_link_libraries(bench_databases PRIVATE runlens_sources runlens_demo SQLite::SQLite3)
