// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demogenerator.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace runlens::demo {

/// One format the demo can write.
struct DemoFormat {
    QString id;    ///< "mlflow", "tensorboard", ... (the importer's id where there is one)
    QString label; ///< "MLflow file store"
    /// Writes options.runs runs of the format below dir (each writer picks its own sub-folder).
    std::function<bool(const QString &dir, const DemoOptions &options, QString *error)> write;
};

/// Every format the demo writes, in the order it writes them.
const std::vector<DemoFormat> &demoFormats();

/// Writes a results folder mixing formats: MLflow gets options.runs runs, every other format
/// a small sweep of its own (options.runs / 6, at least 4), each seeded differently so the
/// runs differ. formats: ids to write (empty: all). Returns false and sets *error on the first
/// failure (an unknown id, an unwritable folder).
bool writeDemoFolder(const QString &dir, const DemoOptions &options, const QStringList &formats,
                     QString *error = nullptr);

} // namespace runlens::demo
