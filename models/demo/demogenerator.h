// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace runlens::demo {

struct DemoOptions {
    int runs = 60;
    int metrics = 6; ///< metric keys per run (loss, accuracy, lr, ... then extra_N)
    int steps = 100; ///< points per metric
    int params = 8;  ///< params per run (lr, batch_size, optimizer, ... then extra_N)
    quint64 seed = 42;
    int experiments = 0; ///< 0: chosen from the run count
    qint64 nowMs = 0;    ///< the newest run ends just before this (ms since epoch); 0: the clock
};

/// Writes a realistic synthetic MLflow file store below dir/mlruns: several experiments, learning
/// curves whose shape follows the hyperparameters (a too-high learning rate diverges), noise,
/// a few FAILED and KILLED runs, a deleted run, tags. Deterministic for a seed.
/// Returns false and sets *error when dir cannot be written.
/// Refuses (false) a dir whose mlruns folder exists and is not empty: it never overwrites runs.
bool writeDemoStore(const QString &dir, const DemoOptions &options, QString *error = nullptr);

/// The text Python's repr() gives a float, as MLflow writes it into metric and param files:
/// shortest round-trip digits, "0.0001", "1e-05", "5.0", "1e+16", "nan", "inf", "-inf".
QByteArray pythonFloatRepr(double value);

} // namespace runlens::demo
