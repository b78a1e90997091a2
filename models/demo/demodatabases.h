// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demogenerator.h"

#include <QString>

/// Demo writers for the database-backed formats: the runs of demoRuns(options) as Optuna
/// studies, an MLflow SQLite store and a Kedro project with experiment tracking, in the
/// tools' real schemas and layouts. Each returns false and sets *error when dir cannot be
/// written, and refuses to overwrite an existing target.
namespace runlens::demo {

/// dir/optuna/<experiment>.db: one Optuna RDB file (schema v3.2.0.a, version_info 4.6.0) per
/// experiment, one study named after it, one trial per run (objective: the last "val/loss",
/// intermediate values: its curve).
bool writeDemoOptuna(const QString &dir, const DemoOptions &options, QString *error = nullptr);

/// dir/mlflow-db/mlflow.db: MLflow's SQLite tracking store with every run, param, tag and
/// metric point (NaN as is_nan, ±inf as ±1.7976931348623157e308).
bool writeDemoMlflowDb(const QString &dir, const DemoOptions &options, QString *error = nullptr);

/// dir/kedro/kedro-demo/data/09_tracking/{metrics,hyperparameters}.json/<version>/... and
/// data/session_store.db (Kedro-Viz's runs table, blobs JSON-encoded twice).
bool writeDemoKedro(const QString &dir, const DemoOptions &options, QString *error = nullptr);

} // namespace runlens::demo
