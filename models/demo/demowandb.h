// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demogenerator.h"

#include <QString>

namespace runlens::demo {

/// Writes the demo sweep (demoRuns(o)) as Weights & Biases offline run folders below
/// dir/wandb, in the real layout: offline-run-<time>-<id>/run-<id>.wandb (the binary
/// transaction log: run record with config, one history row per step, summary and exit
/// records, framed in 32 KiB blocks with CRC-32), files/config.yaml, files/wandb-summary.json,
/// files/wandb-metadata.json, and the latest-run symlink. Finished runs exit with 0, failed ones
/// with 1; killed and running runs have no exit record (running ones keep a fresh log).
/// Deterministic for a seed. Refuses (false, *error) a dir whose wandb folder is not empty.
bool writeDemoWandb(const QString &dir, const DemoOptions &o, QString *error = nullptr);

} // namespace runlens::demo
