// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/demogenerator.h"

#include <QString>

/// Demo writers for the CSV-family formats: the runs of demoRuns() in each tool's own layout.
/// Each refuses (false) to write into a target folder that exists and is not empty.
namespace runlens::demo {

/// dir/lightning_logs/version_N/{hparams.yaml, metrics.csv}: Lightning's CSVLogger (sorted
/// header, CRLF, train and validation values on separate rows sharing a step).
bool writeDemoLightning(const QString &dir, const DemoOptions &o, QString *error = nullptr);

/// dir/keras/<experiment>/<run name>.log: Keras CSVLogger files (epoch, then sorted names).
bool writeDemoKeras(const QString &dir, const DemoOptions &o, QString *error = nullptr);

/// dir/csv_logs/<experiment>/<run name>/metrics.csv (step, timestamp, metrics), and for every
/// fourth run metrics.jsonl instead (one object per step).
bool writeDemoCsvLogs(const QString &dir, const DemoOptions &o, QString *error = nullptr);

/// dir/ultralytics/runs/detect/<run name>/{args.yaml, results.csv}: one row per epoch,
/// 1-based, with the elapsed time column.
bool writeDemoUltralytics(const QString &dir, const DemoOptions &o, QString *error = nullptr);

} // namespace runlens::demo
