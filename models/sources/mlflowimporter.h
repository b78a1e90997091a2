// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importer.h"

namespace runlens::sources {

/// The MLflow file store (formats.md §2): finds stores anywhere below the opened root by their
/// experiment meta.yaml files, whatever the store folder is called, and reads runs
/// incrementally (unchanged runs cost one stat per file, metric files resume at their offsets).
class MlflowImporter final : public Importer {
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

    /// Sub-folders of an experiment folder that are never runs.
    static bool isNonRunFolder(QStringView name);
    /// 32 lowercase hex characters: what MLflow names run folders.
    static bool looksLikeRunId(QStringView name);
};

} // namespace runlens::sources
