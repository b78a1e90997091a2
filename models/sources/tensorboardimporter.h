// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

namespace runlens::sources {

/// TensorBoard event files (formats.md §3, §4), as TensorFlow, Keras, PyTorch's SummaryWriter,
/// tensorboardX and the tools on top of them write them. A run is a folder that directly
/// holds event files (any file whose name contains "tfevents"), named by its path under the
/// opened root; sub-folders are runs of their own (Keras `train/` and `validation/`). The
/// files of a run are read in the order of the timestamp in their names, then by name; they
/// only grow, so a re-import reads just the new records. See tensorboardparser.h for what a
/// file contributes (scalars, counts of non-scalar summaries, hparams).
class TensorboardImporter final : public FileRunImporter {
public:
    [[nodiscard]] QString id() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool isLogSource() const override { return true; }
    [[nodiscard]] bool sniff(const FolderListing &folder) const override;
    [[nodiscard]] FolderClaim scanFolder(const FolderListing &folder,
                                         ScanContext &context) const override;
    [[nodiscard]] std::vector<RunFile> runFiles(const QString &absPath,
                                                core::Problems &problems) const override;

    /// TensorBoard's test: the name contains "tfevents". Profiler marker files
    /// (".profile-empty") are event files without scalars; isScalarEventFile() leaves them out.
    static bool isEventFile(QStringView name);
    static bool isScalarEventFile(QStringView name);
};

} // namespace runlens::sources
