// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/metric.h"
#include "core/pointbucket.h"
#include "core/problem.h"
#include "core/run.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

namespace runlens::store {

/// What the cache remembers of one source file, so that an unchanged file is not read again and
/// an appended one is read from where the last import stopped.
struct FileState {
    QString relPath; ///< relative to the run folder, '/' separated
    qint64 size = 0;
    qint64 mtimeNs = 0;
    quint64 inode = 0;
    qint64 offset = 0; ///< bytes consumed so far (the start of the first incomplete unit)
    /// Complete units (lines, records) consumed up to offset, for formats that number them
    /// (a CSV without a step column steps by row); 0 when the format does not count.
    qint64 units = 0;

    friend bool operator==(const FileState &, const FileState &) = default;
};

/// One run's file fingerprints, sorted by relPath for lookups without a hash table (building
/// one per run was most of loadPrevious).
class FileStates final {
public:
    FileStates() = default;
    /// Sorts by relPath; of entries with the same relPath the last one stays.
    explicit FileStates(std::vector<FileState> files);

    /// The entry for relPath, or null.
    [[nodiscard]] const FileState *find(QStringView relPath) const;
    [[nodiscard]] bool contains(QStringView relPath) const { return find(relPath) != nullptr; }
    /// The entry for relPath, or a default FileState.
    [[nodiscard]] FileState value(QStringView relPath) const;
    [[nodiscard]] qsizetype size() const { return qsizetype(m_files.size()); }
    [[nodiscard]] bool isEmpty() const { return m_files.empty(); }
    [[nodiscard]] std::vector<FileState>::const_iterator begin() const { return m_files.begin(); }
    [[nodiscard]] std::vector<FileState>::const_iterator end() const { return m_files.end(); }

    friend bool operator==(const FileStates &, const FileStates &) = default;

private:
    std::vector<FileState> m_files;
};

/// One run's new data, written in one transaction.
struct RunUpdate {
    /// New points of one series. append=false replaces the stored points; append=true adds
    /// these after them (the run's summary in `run` already covers old and new points).
    struct Series {
        QString key;
        bool append = false;
        core::MetricPoints points;
    };

    core::Run run;                ///< complete metadata and summaries; run.id is ignored
    std::vector<Series> series;   ///< only the series whose points changed
    std::vector<FileState> files; ///< the complete fingerprint set of the run's files
};

/// What the cache holds of a run from an earlier import, handed to the importer.
///
/// The fingerprints and the run's records (config, tags, metric summaries) stay encoded until an
/// importer asks for them, on its own thread: decoding 10,000 runs' worth in loadPrevious, on the
/// writer thread, cost more than the rest of it (mostly the first touch of ~50 MB of fresh heap),
/// while most runs of a re-import need only their fingerprints, once.
struct PreviousRun {
    core::Run run;    ///< the run's columns; config, tags and metrics are empty here
    QByteArray files; ///< FilesCodec blob
    QByteArray config, tags, summaries; ///< the RecordCodec blobs of run

    /// The file fingerprints. Thread-safe (const, no shared state); a damaged blob gives none,
    /// so every file looks changed and is read again.
    [[nodiscard]] FileStates decodedFiles() const;
    /// run with its config, tags and metrics decoded. Thread-safe (const, no shared state).
    [[nodiscard]] core::Run decodedRun() const;
};

/// The SQLite cache: runs with their summaries, series as binary blobs (never a row per point),
/// file fingerprints, and the problems of the last import of each source. WAL mode; the schema
/// is versioned with PRAGMA user_version and upgraded by a transactional migration ladder.
///
/// One Cache object is one connection: use it from one thread at a time. Several Cache objects
/// (threads, processes) may open the same file.
class Cache {
public:
    ~Cache();
    Cache(const Cache &) = delete;
    Cache &operator=(const Cache &) = delete;

    /// Opens or creates the cache at path (":memory:" works), migrating it to the current schema.
    /// Returns nullptr and sets *error (a sentence naming the file and the reason) when the file
    /// cannot be used: not a database, a newer schema than this build knows, no permission.
    static std::unique_ptr<Cache> open(const QString &path, QString *error = nullptr);

    /// The default location: $RUNLENS_CACHE if set, else <user cache folder>/runs.sqlite.
    static QString defaultPath();

    static constexpr int schemaVersion = 5;
    [[nodiscard]] int userVersion() const;
    [[nodiscard]] QString path() const;

    // --- writing (one transaction each) ---------------------------------------------------

    /// Inserts or replaces the run at (run.sourceRoot, run.path) with its series and files.
    /// Returns the run's row id, or 0 and sets *error.
    qint64 writeRun(const RunUpdate &update, QString *error = nullptr);
    /// Marks the source as imported now and replaces its stored problems.
    bool finishSource(const QString &sourceRoot, const core::Problems &problems,
                      QString *error = nullptr);
    /// Removes the runs of sourceRoot whose path is not in keep (their folders vanished).
    /// Returns how many were removed.
    int removeRunsExcept(const QString &sourceRoot, const QSet<QString> &keepPaths);
    /// Removes a source with all its runs.
    bool removeSource(const QString &sourceRoot);

    // --- reading --------------------------------------------------------------------------

    /// The runs of one source (or of all sources when sourceRoot is empty) with config, tags and
    /// metric summaries, without points. Deleted runs only when includeDeleted.
    [[nodiscard]] core::Runs loadRuns(const QString &sourceRoot = {},
                                      bool includeDeleted = true) const;
    /// Everything an importer needs to skip unchanged files of sourceRoot, by run path (records
    /// left encoded: see PreviousRun).
    [[nodiscard]] QHash<QString, PreviousRun> loadPrevious(const QString &sourceRoot) const;
    /// Whether the cache holds any run of sourceRoot (cheap: one index probe).
    [[nodiscard]] bool hasRuns(const QString &sourceRoot) const;
    /// All points of one series in stored order.
    [[nodiscard]] core::MetricPoints loadSeries(qint64 runId, const QString &key) const;
    /// What a chart draws of one series over [lo, hi] in x (steps, or wall time in ms since the
    /// epoch) at `columns` pixel columns: every point when the range holds few (deep zoom), else
    /// min/max/first/last buckets from the series' pyramid, so that what is read stays about
    /// proportional to `columns` whatever the series' length. See core::SeriesSlice. No such
    /// series: an empty slice.
    [[nodiscard]] core::SeriesSlice loadSlice(qint64 runId, const QString &key, core::XKind x,
                                              qint64 lo, qint64 hi, int columns) const;
    [[nodiscard]] QStringList sources() const;
    [[nodiscard]] core::Problems problems(const QString &sourceRoot) const;

    struct Counts {
        qint64 runs = 0;
        qint64 series = 0;
        qint64 points = 0;
    };
    [[nodiscard]] Counts counts(const QString &sourceRoot = {}) const;

    /// The sentence describing the last failure of any call (empty after a success), for the
    /// calls that have no error parameter: removeRunsExcept, removeSource and the readers.
    [[nodiscard]] QString lastError() const;

private:
    Cache();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace runlens::store
