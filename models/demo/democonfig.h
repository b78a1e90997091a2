// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/demogenerator.h"

#include <QString>

/// Writers of the config-source formats for the demo folder and the benchmarks: the runs of
/// demoRuns(options), serialized in the layouts the tools write (formats.md §8, §9, §11).
/// Each refuses (false, *error set) a target folder that exists and is not empty. Set
/// options.nowMs when calling several writers, so that they all write the same runs.
namespace runlens::demo {

/// A Sacred FileStorageObserver base folder at dir/sacred: _sources/ with the script, and one
/// folder per run (1, 2, ...) with run.json, config.json, metrics.json and cout.txt, JSON as
/// Sacred writes it (sorted keys, 2-space indent, bare NaN/Infinity). Deleted demo runs are
/// left out (Sacred has no trash).
bool writeDemoSacred(const QString &dir, const DemoOptions &options, QString *error = nullptr);

/// Hydra multirun sweeps at dir/hydra/multirun/<date>/<time>/ (local time of the sweep's start),
/// one per experiment, with multirun.yaml and one job folder per run (0, 1, ...) holding
/// .hydra/{config,hydra,overrides}.yaml, the job's <job>.log, and the Lightning CSVLogger output
/// logs/csv/version_0/{metrics.csv,hparams.yaml}, so each job is a composite run.
bool writeDemoHydra(const QString &dir, const DemoOptions &options, QString *error = nullptr);

/// A Guild AI home at dir/guild: runs/<id>/.guild/ with attrs/, opref, output, output.index and
/// the scalars as events.out.tfevents.* (TFRecord-framed Event protos, as Guild writes them);
/// deleted runs below trash/runs/.
bool writeDemoGuild(const QString &dir, const DemoOptions &options, QString *error = nullptr);

} // namespace runlens::demo
