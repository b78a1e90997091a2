// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

namespace runlens::sources {

/// Guild AI runs (formats.md §11): a folder with .guild/attrs (or .guild/opref) is a run, named
/// by its label (else "<op> <id prefix>"), its uid the run id (the folder name), its experiment
/// the operation, its config the flags. Status: exit_status, else the PENDING / STAGED / LOCK
/// markers (a LOCK whose process is alive: running), else error (failed). The scalars Guild
/// logs into .guild/events.out.tfevents.* come in as a TensorBoard part: the run claims the
/// logs below it, and .guild/ is walked (but not its attrs/ and sourcecode/). Runs below
/// trash/runs/ are deleted ones. A .guild folder inside another run's folder is a resolved
/// dependency (a copy of an upstream run): neither a run nor walked.
class GuildImporter final : public FileRunImporter {
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
