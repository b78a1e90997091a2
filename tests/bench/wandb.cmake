# SPDX-License-Identifier: GPL-3.0-or-later
# W&B import benchmark: parse-only throughput of .wandb logs, full and unchanged imports.
add_executable(bench_wandb bench_wandb.cpp)
target_link_libraries(bench_wandb PRIVATE runlens_sources runlens_demo)
