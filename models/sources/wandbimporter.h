// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

namespace runlens::sources {

/// Weights & Biases local run folders (formats.md §7): `wandb/run-<time>-<id>` and
/// `offline-run-...`, each with its binary `.wandb` transaction log (history, config, summary,
/// exit) and files/config.yaml, wandb-summary.json, wandb-metadata.json. Folders of a resumed
/// run (same id) merge into one run; `latest-run` is an alias and skipped.
class WandbImporter final : public FileRunImporter {
public:
    [[nodiscard]] QString id() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool sniff(const FolderListing &folder) const override;
    [[nodiscard]] FolderClaim scanFolder(const FolderListing &folder,
                                         ScanContext &context) const override;
    [[nodiscard]] std::vector<RunFile> runFiles(const QString &absPath,
                                                core::Problems &problems) const override;
    void finishRun(const RunLocation &location, core::Run &run) const override;
};

} // namespace runlens::sources
