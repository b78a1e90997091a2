// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/metric.h"
#include "core/problem.h"
#include "core/run.h"
#include "importer.h"

#include <QHash>
#include <atomic>
#include <string_view>
#include <vector>

/// The shared reading machinery of every file-based format but MLflow's store: a format says
/// which files make up a run and how to parse each; readFileRun() does fingerprints, unchanged
/// runs, resuming append-only files from their offset, merging the parts of a composite run
/// (Hydra config + event files + metrics.csv) and the summaries.
namespace runlens::sources {

/// What the reader hands a parser.
struct FileInput {
    QString absPath;        ///< for messages
    std::string_view bytes; ///< the file from offset to its end as fstat saw it when opened
    qint64 offset = 0;      ///< where bytes start in the file; 0 = the whole file
    qint64 units = 0;       ///< units (lines, records) consumed before offset
    /// When offset > 0: the file's first bytes (up to 64 KiB), for a header line. Else empty.
    std::string_view head;
    /// More bytes follow this chunk (a big append-only file is handed over in chunks): a
    /// partial unit at the end of bytes is not the end of the file.
    bool moreFollows = false;
    const std::atomic_bool *cancel = nullptr;
};

/// What parsing one file contributed to its run. Empty strings, 0 and Unknown mean "this file
/// does not say"; the reader merges the files of a run in order, later ones winning.
struct FileContribution {
    QString uid;        ///< the format's own run id
    QString name;       ///< display name
    QString experiment; ///< project / experiment / study
    core::RunStatus status = core::RunStatus::Unknown;
    qint64 startMs = 0;
    qint64 endMs = 0;
    core::ConfigTree config;
    QMap<QString, QString> tags;
    /// Tags whose value is a count (how many images a tag logged): the reader adds these up
    /// over the files of a run and over appended reads, writing the sum as the tag's text.
    QMap<QString, qint64> counts;

    /// Bytes of complete units from offset (where the next read resumes), for append-only
    /// files; -1 = the whole input was consumed.
    qint64 consumed = -1;
    /// Units (lines, records) counted in the consumed bytes.
    qint64 units = 0;
    /// A whole-file format failed to parse a file that may be mid-rewrite: keep the previous
    /// state and read it again next time (its problem is still reported).
    bool retryLater = false;
    core::Problems problems; ///< path may be left empty: the reader fills in the file

    /// Appends a point to the series key (keys without any part prefix), in file order.
    void addPoint(const QString &key, const core::MetricPoint &point);
    /// Reports a problem at "line N" / "byte N" / "" of this file.
    void problem(const QString &where, const QString &message);

    struct Series {
        QString key;
        core::MetricPoints points;
    };
    std::vector<Series> series; ///< in first-seen order
    QHash<QString, qsizetype> seriesIndex;
};

/// Parses one kind of file. Stateless and thread-safe.
class FileParser {
public:
    virtual ~FileParser();
    /// True: the file only grows (event files, CSV logs, JSONL, .wandb); a grown file is read
    /// from its offset and big files are parsed in chunks. False: any change re-reads it whole.
    [[nodiscard]] virtual bool appendOnly() const = 0;
    /// True: the series this file gives may also get points from other files of the run (one
    /// file per epoch, a summary beside a history), so a new or changed file of this parser
    /// means reading the whole run again. False: re-reading the file replaces its series.
    [[nodiscard]] virtual bool sharesSeries() const { return false; }
    virtual void parse(const FileInput &input, FileContribution &out) const = 0;
};

/// One file of a run.
struct RunFile {
    QString absPath;
    /// Unique within the run and stable: the fingerprint's name (the path relative to the run
    /// folder; the reader prefixes a part's relPath).
    QString relPath;
    const FileParser *parser = nullptr;
    QString keyPrefix; ///< filled by the reader from RunPart::keyPrefix
};

/// Base for importers whose runs are files read by FileParsers. read() lists the files of the
/// run and of every RunPart (through the part importer's runFiles()) and calls readFileRun().
class FileRunImporter : public Importer {
public:
    /// The files of the run or part at absPath (a folder, or a file for single-file runs), in
    /// the order their metadata should merge (later wins). Only names and paths; no reading
    /// beyond a listing. A folder that vanished gives none.
    [[nodiscard]] virtual std::vector<RunFile> runFiles(const QString &absPath,
                                                        core::Problems &problems) const = 0;
    /// Last touches on the merged run (only for the run's own importer, not for parts): a name
    /// from the folder, an experiment from the location. Default: nothing.
    virtual void finishRun(const RunLocation &location, core::Run &run) const;

    [[nodiscard]] ReadResult read(const RunLocation &location, const QString &sourceRoot,
                                  const PreviousState &previous,
                                  const std::atomic_bool &cancel) const override;
    using Importer::read;
};

/// Reads a run made of files (see FileRunImporter::read, which calls this). Where the
/// contributions give no uid, the run's uid is a hash of location.absPath; where they give no
/// name, it is location.relPath (or the file name).
ReadResult readFileRun(const FileRunImporter &importer, const RunLocation &location,
                       const QString &sourceRoot, std::vector<RunFile> files,
                       const PreviousState &previous, const std::atomic_bool &cancel);

/// Size of the chunks big append-only files are parsed in.
inline constexpr qint64 fileChunkBytes = 16 << 20;

} // namespace runlens::sources
