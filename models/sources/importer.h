// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/problem.h"
#include "store/cache.h"

#include <QString>
#include <atomic>
#include <functional>
#include <vector>

namespace runlens::sources {

/// One entry of a folder as the scanner listed it (symlinks resolved).
struct FolderEntry {
    QString name;
    bool isDir = false;
    bool isFile = false;
};

/// A folder the scanner reached, with its entries. Listing costs one readdir; importers decide
/// from names first (sniff) and only then read small files (scanFolder).
struct FolderListing {
    QString absPath; ///< absolute, as walked (symlinks not resolved)
    QString relPath; ///< relative to the opened root, '/' separated; empty for the root itself
    std::vector<FolderEntry> entries;

    [[nodiscard]] const FolderEntry *find(QStringView name) const;
    [[nodiscard]] bool hasFile(QStringView name) const;
    [[nodiscard]] bool hasDir(QStringView name) const;
};

/// A log source merged into a run found by another importer: a folder of event files or a
/// metrics.csv below a Hydra, Sacred, Guild or Lightning run folder. The scanner fills these in.
struct RunPart {
    QString importer; ///< Importer::id() of the log's importer
    QString absPath;  ///< the log folder (or file)
    QString relPath;  ///< relative to the run's folder, '/' separated
    /// Prepended to the part's metric keys ("validation/") when several parts merge; empty for
    /// a run with a single log source.
    QString keyPrefix;
};

/// Where a run lives, as the scan found it. Handed to the importer's read() later, possibly on
/// another thread.
struct RunLocation {
    QString importer;     ///< Importer::id() of the importer that found it
    QString absPath;      ///< run folder (or file)
    QString relPath;      ///< relative to the opened root, '/' separated; becomes Run::path
    QString group;        ///< experiment/project name the scan learnt from the surroundings
    bool deleted = false; ///< the surroundings say it is deleted (MLflow .trash)
    /// Set by config sources (Hydra, Sacred, Guild, Lightning hparams.yaml): log runs the
    /// scan finds at or below absPath are not runs of their own but parts of this one.
    bool claimsLogs = false;
    /// Log sources merged into this run (only when claimsLogs). Importers that read through
    /// readFileRun() get them for free; see filerun.h.
    std::vector<RunPart> parts;
    /// Importer-specific detail the scan learnt, for read(): a file name, a trial number.
    QString detail;
    /// A display name the scan chose (a log file's folder); readFileRun() uses it when the
    /// files name no run.
    QString name;
};

/// What scanFolder() made of a folder.
struct FolderClaim {
    std::vector<RunLocation> runs; ///< runs found in or below this folder
    /// true: the importer owns this folder's subtree (e.g. an MLflow experiment with its runs
    /// and artifacts); the scanner does not descend. false: the scanner continues below.
    bool prune = false;
    /// Child folder names the scanner must not descend into (only when prune is false).
    QStringList skipChildren;
};

/// Shared by the scan: the opened root and where to put problems.
struct ScanContext {
    QString rootAbs;
    core::Problems *problems = nullptr;
    const std::atomic_bool *cancel = nullptr;
};

/// What reading one run gave.
struct ReadResult {
    enum class Outcome {
        Updated,   ///< update holds the run; write it
        Unchanged, ///< every file matched the previous fingerprints; nothing was read
        Skipped,   ///< not readable now (broken/missing meta, vanished); keep the cached state
        NotARun,   ///< the location turned out not to be a run; nothing to report
        Cancelled,
    };
    Outcome outcome = Outcome::Skipped;
    store::RunUpdate update;
    core::Problems problems;
    qint64 bytesRead = 0;
};

/// The cached state of one source's runs from earlier imports, handed to Importer::read(). It
/// may still be loading while read() lists files: empty() is known at once, find() waits.
class PreviousState {
public:
    virtual ~PreviousState();
    /// True when the cache holds no run of the source: every run is new, so read() reads every
    /// file and need not take fingerprints first. Never waits.
    [[nodiscard]] virtual bool empty() const = 0;
    /// The cached state of the run at relPath (RunLocation::relPath), or null. May wait until
    /// the cache is loaded.
    [[nodiscard]] virtual const store::PreviousRun *find(const QString &relPath) const = 0;
};

/// One file format. Implementations are stateless (all const), so one instance serves every
/// thread. To add a format: implement this, add it to importers() in importer.cpp, and keep the
/// byte-level parsing in plain functions (see mlflowparser.h) that tests drive directly.
class Importer {
public:
    virtual ~Importer();

    /// Stable id, also Run::format and the prefix of Run::key ("mlflow").
    [[nodiscard]] virtual QString id() const = 0;
    [[nodiscard]] virtual QString displayName() const = 0;

    /// True for formats that are logs only (event files, CSV metric logs): a run of theirs
    /// found at or below a run folder whose location claimsLogs becomes a RunPart of that run.
    [[nodiscard]] virtual bool isLogSource() const { return false; }

    /// Cheap test from names only, no I/O: could this folder hold something of this format?
    [[nodiscard]] virtual bool sniff(const FolderListing &folder) const = 0;

    /// Called for folders that sniff() accepted. May read small files (meta.yaml). Returns the
    /// runs found and whether the scanner should descend further. Must not descend into
    /// artifact trees.
    [[nodiscard]] virtual FolderClaim scanFolder(const FolderListing &folder,
                                                 ScanContext &context) const = 0;

    /// Reads one run. previous.find(location.relPath) is the cached state of the same location
    /// (or null): files whose fingerprint matches are not read, append-only files are read from
    /// their offsets. Thread-safe; checks cancel between files.
    [[nodiscard]] virtual ReadResult read(const RunLocation &location, const QString &sourceRoot,
                                          const PreviousState &previous,
                                          const std::atomic_bool &cancel) const = 0;

    /// Convenience: reads one run against the cached state of that one run (or null).
    [[nodiscard]] ReadResult read(const RunLocation &location, const QString &sourceRoot,
                                  const store::PreviousRun *previous,
                                  const std::atomic_bool &cancel) const;
};

/// Every importer, in the order the scanner asks them (the first that prunes a folder wins).
const std::vector<const Importer *> &importers();
/// The importer with this id, or null.
const Importer *importerById(const QString &id);

} // namespace runlens::sources
