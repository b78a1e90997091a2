// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/problem.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

namespace runlens::sources {

struct ImportProgress {
    qint64 runsDone = 0;
    qint64 runsTotal = 0; ///< grows while the scan is still finding runs
    qint64 bytesRead = 0;
    bool scanning = true; ///< false once every source folder has been walked
    QString current;      ///< the run folder being read, for the progress label
};

struct ImportSummary {
    qint64 runs = 0;      ///< runs found in the sources (new, changed and unchanged)
    qint64 series = 0;    ///< series written this time
    qint64 points = 0;    ///< points written this time
    qint64 unchanged = 0; ///< runs whose files had not changed, so nothing of them was read
    qint64 removed = 0;   ///< cached runs whose folders are gone
    qint64 bytesRead = 0;
    core::Problems problems;
    bool cancelled = false;
    QString fatalError; ///< non-empty when the import could not run at all (missing path, cache)

    [[nodiscard]] bool ok() const { return fatalError.isEmpty(); }
};

struct ImportOptions {
    QString cachePath;   ///< the SQLite cache to write
    QStringList sources; ///< folders (or files) to import; made absolute and clean
    int threads = 2;     ///< parser threads; the cache writer is one more
};

/// Imports sources into the cache: walks each folder, finds the runs every importer knows,
/// reads new and changed files (appended ones from their resume offsets) on `threads` worker
/// threads and writes each run in its own transaction. Blocking: the CLI calls it directly, the
/// window through ImportWorker. Cancelling stops at the next file; what was written stays
/// consistent, and runs not yet reached keep their cached state.
class ImportJob {
public:
    explicit ImportJob(ImportOptions options);

    using ProgressCallback = std::function<void(const ImportProgress &)>;
    ImportSummary run(const std::atomic_bool &cancel, const ProgressCallback &progress = {});

    /// Cleans a user-given path the way the cache keys sources: absolute, no trailing '/'.
    static QString normalizeSource(const QString &path);

private:
    ImportOptions m_options;
};

} // namespace runlens::sources

Q_DECLARE_METATYPE(runlens::sources::ImportProgress)
Q_DECLARE_METATYPE(runlens::sources::ImportSummary)
