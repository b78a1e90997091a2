// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importer.h"

namespace runlens::sources {

/// Optuna studies: the RDB storage in an SQLite file (any name; recognised by its tables) and
/// JournalStorage logs (JSON lines starting with "op_code"). Every trial is a run named
/// "trial N" of the experiment named after its study: parameters decoded through their
/// distributions, objective values as metrics "value" / "values[i]", intermediate values as the
/// series "intermediate", user attributes as tags. A run's location is the file plus the trial
/// (detail "db:<trial_id>" or "journal:<trial_id>"); an unchanged file costs one stat per run.
class OptunaImporter final : public Importer {
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

    /// File names that may hold an SQLite database (.db, .sqlite, .sqlite3).
    static bool isDatabaseName(QStringView name);
    /// File names that may hold a journal (.log, .jsonl, .journal).
    static bool isJournalName(QStringView name);
};

} // namespace runlens::sources
