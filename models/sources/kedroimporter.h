// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importer.h"

#include <QVariant>

namespace runlens::sources {

/// Kedro experiment tracking: the versioned tracking datasets
/// data/09_tracking/<name>.json/<version>/<name>.json and Kedro-Viz's session store
/// data/session_store.db. Every version (a timestamp, also the session id) is a run: metrics
/// datasets give one point per key, other JSON datasets go into the config under their name,
/// and the session (git commit, user, command, exception) gives tags and the status.
class KedroImporter final : public Importer {
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

    /// A metrics dataset: its name says "metric" and every top-level value is a number.
    static bool isMetricsDataset(const QString &stem, const QVariant &tree);
    /// The session blob, JSON encoded twice by Kedro-Viz (a JSON string holding the object);
    /// also accepts it encoded once.
    static QVariantMap decodeSessionBlob(QByteArrayView blob);
};

} // namespace runlens::sources
