// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importer.h"

#include <functional>

namespace runlens::sources {

/// Walks a folder tree below the opened root and asks the importers about each folder. Hidden
/// folders are walked (.trash, .hydra), VCS and package folders are not; a folder reached twice
/// (symlink loops, bind mounts) is walked once. Stops early when the context's cancel is set.
class Scanner {
public:
    using RunFound = std::function<void(RunLocation &&)>;

    explicit Scanner(std::vector<const Importer *> importers = sources::importers());

    /// root: absolute, clean path (a folder, or a file some importer reads as a whole).
    /// Returns false when the walk was cancelled.
    bool scan(const QString &root, ScanContext &context, const RunFound &onRun) const;

private:
    std::vector<const Importer *> m_importers;
};

} // namespace runlens::sources
