// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

namespace runlens::sources {

/// Hydra job output folders (formats.md §9), single runs and multirun jobs alike: a folder with
/// .hydra/config.yaml (or .hydra/hydra.yaml) is a run, whatever the folder layout; the opened
/// root itself can be one (hydra.run.dir=.). The config is config.yaml, the experiment the job
/// name, the name and the tag hydra.overrides the command-line overrides. Hydra records no
/// status or metrics: the run claims the log folders below it (event files, Lightning CSV), and
/// its start comes from the default date/time folder names (else config.yaml's mtime). A Hydra
/// job below another one (a sweep inside a project whose root is a run) is a run of its own.
/// Folders without .hydra (output_subdir disabled) are not taken for runs: the logs in them
/// import as runs of their own formats.
class HydraImporter final : public FileRunImporter {
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
