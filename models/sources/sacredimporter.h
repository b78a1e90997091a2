// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

namespace runlens::sources {

/// Sacred's FileStorageObserver (formats.md §8): a run is a folder with run.json beside
/// config.json, cout.txt or metrics.json. Its uid is its path below the opened root (Sacred ids
/// are only unique within one base folder), its name "<experiment> #<id>". The run claims the
/// log folders below it (event files, CSV logs); the base folder's _sources/ and _resources/
/// are not walked.
class SacredImporter final : public FileRunImporter {
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
