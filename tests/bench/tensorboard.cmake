# SPDX-License-Identifier: GPL-3.0-or-later
# TensorBoard parser benchmark: a plain executable, not a ctest test. Its ~1 GB of generated
# event files go next to the binary (under build/) unless --dir says otherwise.
find_package(Threads REQUIRED)
add_executable(bench_tensorboard bench_tensorboard.cpp walkread.h)
target_link_libraries(bench_tensorboard PRIVATE runlens_sources runlens_demo Threads::Threads)
