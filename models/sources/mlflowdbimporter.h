// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importer.h"

namespace runlens::sources {

/// MLflow's SQLite tracking store (formats.md §2 "SQLite backend"): an SQLite file with the
/// experiments, runs, params, tags and metrics tables (usually mlflow.db). Every row of runs is
/// a run (detail = run_uuid) with its metric history; nested runs keep mlflow.parentRunId as a
/// tag, deleted runs and experiments are marked deleted.
///
/// The importer id is "mlflow-db", but its runs carry Run::format "mlflow" and the keys
/// "mlflow:<run_uuid>" of the file store: the same tool, filtered the same way, and a store
/// migrated from files to SQLite keeps its runs' identities.
class MlflowDbImporter final : public Importer {
public:
    [[nodiscard]] QString id() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool sniff(const FolderListing &folder) const override;
    [[nodiscard]] FolderClaim scanFolder(const FolderListing &folder,
                                         ScanContext &context) const override;
    using Importer::read;
    [[nodiscard]] ReadResult read(const RunLocation &location, const QString &sourceRoot,
                                  const PreviousState &previous,
                                  const std::atomic_bool &cancel) const override;

    /// The value MLflow stores for ±infinity (the largest double) mapped back; is_nan gives NaN.
    static double metricValue(double stored, bool isNan);
};

} // namespace runlens::sources
