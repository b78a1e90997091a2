// SPDX-License-Identifier: GPL-3.0-or-later
#include "mlflowimporter.h"

#include "core/configtree.h"
#include "fileio.h"
#include "mlflowparser.h"

#include <QCoreApplication>
#include <QFile>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>

namespace runlens::sources {

namespace {

// lupdate reads the context from the macro, so the .ts and the runtime agree.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::MlflowImporter)
};

QString errnoText(int err) {
    return QString::fromLocal8Bit(std::strerror(err));
}

QString fromBytes(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

bool allDigits(QStringView s) {
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); });
}

QString metaProblem(const mlflow::Meta &meta) {
    return Tr::tr("Cannot read meta.yaml: %1").arg(meta.error);
}

QString lineWhere(int line) {
    return line > 0 ? QStringLiteral("line %1").arg(line) : QString();
}

enum class FileKind { Meta, Param, Tag, Metric };

struct RunFile {
    std::string rel; ///< relative to the run folder
    QString relQ;
    FileKind kind = FileKind::Meta;
    fileio::Stat st;
};

constexpr int maxDepth = 32;

/// Collects the regular files below runFd/sub (nested names), with their fingerprints.
/// withStat: also take each file's fingerprint (one fstatat each); without it, only names.
void collect(int runFd, const std::string &sub, FileKind kind, int depth, bool withStat,
             std::vector<RunFile> &out, std::vector<fileio::Entry> &scratch) {
    if (depth > maxDepth)
        return;
    scratch.clear();
    if (!fileio::listDir(runFd, sub.c_str(), scratch, nullptr, withStat))
        return; // missing folder: the run simply has none
    std::vector<fileio::Entry> entries;
    entries.swap(scratch);
    for (const fileio::Entry &e : entries) {
        std::string rel = sub;
        rel += '/';
        rel += e.name;
        if (e.isDir) {
            collect(runFd, rel, kind, depth + 1, withStat, out, scratch);
        } else if (e.isFile) {
            out.push_back(RunFile{std::move(rel), QString(), kind, e.st});
        }
    }
}

bool sameFingerprint(const fileio::Stat &st, const store::FileState &prev) {
    return st.size == prev.size && st.mtimeNs == prev.mtimeNs && st.inode == prev.inode;
}

/// Key of a param/tag/metric file: its path below params/, tags/ or metrics/.
QString keyOf(const RunFile &f) {
    const qsizetype slash = f.relQ.indexOf(u'/');
    return f.relQ.mid(slash + 1);
}

store::FileState fileState(const RunFile &f, qint64 offset) {
    return store::FileState{f.relQ, f.st.size, f.st.mtimeNs, f.st.inode, offset};
}

} // namespace

QString MlflowImporter::id() const {
    return QStringLiteral("mlflow");
}

QString MlflowImporter::displayName() const {
    return QStringLiteral("MLflow");
}

bool MlflowImporter::isNonRunFolder(QStringView name) {
    static const QStringList names{
        QStringLiteral("tags"),          QStringLiteral("datasets"), QStringLiteral("traces"),
        QStringLiteral("models"),        QStringLiteral("outputs"),  QStringLiteral("artifacts"),
        QStringLiteral("metrics"),       QStringLiteral("params"),   QStringLiteral("inputs"),
        QStringLiteral("logged_models"),
    };
    return names.contains(name) || name.startsWith(u'.');
}

bool MlflowImporter::looksLikeRunId(QStringView name) {
    return name.size() == 32 && std::all_of(name.begin(), name.end(), [](QChar c) {
               return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
           });
}

bool MlflowImporter::sniff(const FolderListing &folder) const {
    return folder.hasFile(u"meta.yaml");
}

FolderClaim MlflowImporter::scanFolder(const FolderListing &folder, ScanContext &context) const {
    FolderClaim claim;
    const QString metaPath = folder.absPath + QStringLiteral("/meta.yaml");
    std::string bytes;
    int err = 0;
    const QByteArray metaName = QFile::encodeName(metaPath);
    if (fileio::readFile(AT_FDCWD, metaName.constData(), 0, bytes, nullptr, &err) !=
        fileio::ReadStatus::Ok) {
        if (context.problems && err != ENOENT)
            context.problems->append(
                {metaPath, {}, Tr::tr("Cannot read meta.yaml: %1").arg(errnoText(err))});
        return claim;
    }
    const mlflow::Meta meta = mlflow::parseMeta(bytes);
    const QString folderName = folder.absPath.section(u'/', -1);
    const QString parentName = folder.absPath.section(u'/', -2, -2);

    auto addRun = [&](const QString &abs, const QString &rel, const QString &group, bool deleted) {
        RunLocation loc;
        loc.importer = id();
        loc.absPath = abs;
        loc.relPath = rel;
        loc.group = group;
        loc.deleted = deleted;
        claim.runs.push_back(std::move(loc));
    };
    auto addRunsOfExperiment = [&](const QString &name, bool deleted) {
        for (const FolderEntry &e : folder.entries) {
            if (!e.isDir || isNonRunFolder(e.name))
                continue;
            const QString rel = folder.relPath.isEmpty() ? e.name : folder.relPath + u'/' + e.name;
            addRun(folder.absPath + u'/' + e.name, rel, name, deleted);
        }
        claim.prune = true;
    };

    switch (meta.kind) {
    case mlflow::MetaKind::Experiment:
        addRunsOfExperiment(meta.name.isEmpty() ? meta.experimentId : meta.name,
                            meta.deleted || parentName == u".trash");
        break;
    case mlflow::MetaKind::Run: {
        // The opened root (or a stray folder) is a single run: name its experiment from the
        // parent folder's meta.yaml when there is one.
        QString group = meta.experimentId;
        std::string parentBytes;
        const QByteArray parentMeta =
            QFile::encodeName(folder.absPath.section(u'/', 0, -2) + QStringLiteral("/meta.yaml"));
        if (fileio::readFile(AT_FDCWD, parentMeta.constData(), 0, parentBytes, nullptr) ==
            fileio::ReadStatus::Ok) {
            const mlflow::Meta parent = mlflow::parseMeta(parentBytes);
            if (parent.kind == mlflow::MetaKind::Experiment && !parent.name.isEmpty())
                group = parent.name;
        }
        addRun(folder.absPath, folder.relPath, group, false);
        claim.prune = true;
        break;
    }
    case mlflow::MetaKind::Model:
        claim.prune = true; // MLflow 3 logged model: nothing below is a run
        break;
    case mlflow::MetaKind::Empty:
    case mlflow::MetaKind::Broken:
        if (looksLikeRunId(folderName)) {
            // A run whose meta.yaml is being rewritten or broken: read() reports it.
            addRun(folder.absPath, folder.relPath, QString(), false);
            claim.prune = true;
            break;
        }
        if (context.problems)
            context.problems->append({metaPath, lineWhere(meta.line), metaProblem(meta)});
        if (allDigits(folderName)) {
            // An experiment folder by its name: import its runs under the id.
            addRunsOfExperiment(folderName, parentName == u".trash");
        }
        break;
    case mlflow::MetaKind::Other:
        break;
    }
    return claim;
}

ReadResult MlflowImporter::read(const RunLocation &location, const QString &sourceRoot,
                                const PreviousState &previousState,
                                const std::atomic_bool &cancel) const {
    ReadResult result;
    result.outcome = ReadResult::Outcome::Skipped;
    auto problem = [&](const QString &rel, const QString &where, const QString &message) {
        result.problems.append(core::Problem{
            rel.isEmpty() ? location.absPath : location.absPath + u'/' + rel, where, message});
    };

    int err = 0;
    const QByteArray runPath = QFile::encodeName(location.absPath);
    const fileio::Fd runFd = fileio::openDir(AT_FDCWD, runPath.constData(), &err);
    if (!runFd.valid()) {
        if (err != ENOENT) // vanished since the scan: a clean skip
            problem({}, {}, Tr::tr("Cannot open the run folder: %1").arg(errnoText(err)));
        return result;
    }
    const QString folderName = location.absPath.section(u'/', -1);
    auto noMeta = [&] {
        if (looksLikeRunId(folderName))
            problem({}, {}, Tr::tr("The run folder has no meta.yaml; skipped"));
        result.outcome = ReadResult::Outcome::NotARun;
        return std::move(result);
    };

    // 1. The files that make up the run. With cached state to compare against, with their
    // fingerprints (stat only). Without any, every file is read anyway: list names only and take
    // each fingerprint from the fstat of the opened file, which saves a stat per file.
    const bool takeFingerprints = !previousState.empty();
    std::vector<RunFile> files;
    files.reserve(48);
    std::vector<fileio::Entry> scratch;
    std::string buf;
    bool haveMetaBytes = false; // buf holds meta.yaml, files.front().st its fingerprint
    if (takeFingerprints) {
        const auto metaStat = fileio::statAt(runFd.get(), "meta.yaml", &err);
        if (!metaStat)
            return noMeta();
        if (!metaStat->isFile) {
            problem(QStringLiteral("meta.yaml"), {}, Tr::tr("meta.yaml is not a regular file"));
            return result;
        }
        files.push_back(
            RunFile{"meta.yaml", QStringLiteral("meta.yaml"), FileKind::Meta, *metaStat});
    } else {
        fileio::Stat st;
        const auto status = fileio::readFile(runFd.get(), "meta.yaml", 0, buf, &st, &err);
        switch (status) {
        case fileio::ReadStatus::Ok:
            break;
        case fileio::ReadStatus::Missing:
            return noMeta();
        case fileio::ReadStatus::NotAFile:
            problem(QStringLiteral("meta.yaml"), {}, Tr::tr("meta.yaml is not a regular file"));
            return result;
        case fileio::ReadStatus::Error: {
            const int readErr = err;
            if (!fileio::statAt(runFd.get(), "meta.yaml"))
                return noMeta();
            problem(QStringLiteral("meta.yaml"), {},
                    Tr::tr("Cannot read meta.yaml: %1").arg(errnoText(readErr)));
            return result;
        }
        }
        haveMetaBytes = true;
        files.push_back(RunFile{"meta.yaml", QStringLiteral("meta.yaml"), FileKind::Meta, st});
    }
    collect(runFd.get(), "params", FileKind::Param, 0, takeFingerprints, files, scratch);
    collect(runFd.get(), "tags", FileKind::Tag, 0, takeFingerprints, files, scratch);
    collect(runFd.get(), "metrics", FileKind::Metric, 0, takeFingerprints, files, scratch);
    for (RunFile &f : files) {
        if (f.relQ.isEmpty())
            f.relQ = QString::fromUtf8(f.rel.data(), qsizetype(f.rel.size()));
    }
    // Waits here, not earlier, when the cache is still loading.
    const store::PreviousRun *previous =
        takeFingerprints ? previousState.find(location.relPath) : nullptr;

    // 2. Compare with the previous import.
    const store::FileStates prevFiles = previous ? previous->decodedFiles() : store::FileStates{};
    bool allSame = previous != nullptr && prevFiles.size() == qsizetype(files.size());
    bool metaSame = previous != nullptr;
    qsizetype prevMetaFiles = 0;
    if (previous) {
        for (const store::FileState &fs : prevFiles) {
            if (!fs.relPath.startsWith(u"metrics/"))
                ++prevMetaFiles;
        }
    }
    qsizetype metaFiles = 0;
    for (const RunFile &f : files) {
        const bool isMeta = f.kind != FileKind::Metric;
        metaFiles += isMeta ? 1 : 0;
        if (!previous)
            continue;
        const store::FileState *prevFile = prevFiles.find(f.relQ);
        const bool same = prevFile && sameFingerprint(f.st, *prevFile);
        if (!same) {
            allSame = false;
            if (isMeta)
                metaSame = false;
        }
    }
    if (metaFiles != prevMetaFiles)
        metaSame = false;
    const bool placeChanged =
        previous && (previous->run.experiment != location.group && !location.group.isEmpty());
    if (allSame && !placeChanged && (previous->run.deleted || !location.deleted)) {
        result.outcome = ReadResult::Outcome::Unchanged;
        return result;
    }
    // The cache hands records over encoded; only a run that changed needs them.
    const core::Run previousRun = previous ? previous->decodedRun() : core::Run{};

    store::RunUpdate &update = result.update;
    core::Run &run = update.run;

    // 3. Metadata: meta.yaml, params and tags are small, read them all when any changed.
    if (!metaSame) {
        if (!haveMetaBytes) {
            fileio::Stat st;
            buf.clear();
            const auto status = fileio::readFile(runFd.get(), "meta.yaml", 0, buf, &st, &err);
            if (status != fileio::ReadStatus::Ok) {
                if (status != fileio::ReadStatus::Missing)
                    problem(QStringLiteral("meta.yaml"), {},
                            Tr::tr("Cannot read meta.yaml: %1").arg(errnoText(err)));
                return result;
            }
            files.front().st = st;
        }
        result.bytesRead += qint64(buf.size());
        const mlflow::Meta meta = mlflow::parseMeta(buf);
        if (meta.kind != mlflow::MetaKind::Run) {
            if (meta.kind == mlflow::MetaKind::Broken || meta.kind == mlflow::MetaKind::Empty) {
                problem(QStringLiteral("meta.yaml"), lineWhere(meta.line),
                        Tr::tr("Cannot read meta.yaml, run skipped: %1").arg(meta.error));
                return result;
            }
            result.outcome = ReadResult::Outcome::NotARun;
            return result;
        }
        run.uid = meta.runId;
        run.name = meta.runName;
        run.status = meta.status >= 0 && meta.status <= int(core::RunStatus::Killed)
                         ? core::RunStatus(meta.status)
                         : core::RunStatus::Unknown;
        run.startMs = meta.startMs;
        run.endMs = meta.endMs;
        run.deleted = meta.deleted;
        run.experiment = location.group.isEmpty() ? meta.experimentId : location.group;

        std::vector<std::pair<QString, QVariant>> params;
        for (RunFile &f : files) {
            if (f.kind != FileKind::Param && f.kind != FileKind::Tag)
                continue;
            if (cancel.load(std::memory_order_relaxed)) {
                result.outcome = ReadResult::Outcome::Cancelled;
                return result;
            }
            buf.clear();
            const auto s = fileio::readFile(runFd.get(), f.rel.c_str(), 0, buf, &f.st, &err);
            if (s == fileio::ReadStatus::Missing) {
                f.relQ.clear(); // vanished: drop it from the fingerprints
                continue;
            }
            if (s != fileio::ReadStatus::Ok) {
                problem(f.relQ, {}, Tr::tr("Cannot read the file: %1").arg(errnoText(err)));
                continue;
            }
            result.bytesRead += qint64(buf.size());
            const QString value = fromBytes(buf);
            if (f.kind == FileKind::Param)
                params.emplace_back(keyOf(f), core::ConfigTree::inferScalar(value));
            else
                run.tags.insert(keyOf(f), value);
        }
        std::sort(params.begin(), params.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        for (auto &[key, value] : params)
            run.config.set(key, value);
        if (run.name.isEmpty())
            run.name = run.tags.value(QStringLiteral("mlflow.runName"));
        if (run.name.isEmpty())
            run.name = run.uid;
    } else {
        run = previousRun;
        run.metrics.clear();
        if (!location.group.isEmpty())
            run.experiment = location.group;
    }
    run.id = 0;
    run.format = id();
    run.key = core::Run::makeKey(id(), run.uid);
    run.sourceRoot = sourceRoot;
    run.path = location.relPath;
    run.deleted = run.deleted || location.deleted;

    // 4. Metrics: unchanged files keep their summary, grown ones are read from their offset,
    // anything else is read whole.
    for (RunFile &f : files) {
        if (f.kind != FileKind::Metric)
            continue;
        if (cancel.load(std::memory_order_relaxed)) {
            result.outcome = ReadResult::Outcome::Cancelled;
            return result;
        }
        const QString key = keyOf(f);
        const store::FileState *prevFile = nullptr;
        const core::MetricSummary *prevSummary = nullptr;
        if (previous) {
            prevFile = prevFiles.find(f.relQ);
            prevSummary = previousRun.metric(key);
        }
        if (prevFile && prevSummary && sameFingerprint(f.st, *prevFile)) {
            run.metrics.push_back(core::MetricInfo{key, *prevSummary});
            f.st.size = prevFile->size; // keep the fingerprint; offset below
            update.files.push_back(fileState(f, prevFile->offset));
            f.relQ.clear(); // handled
            continue;
        }
        const bool append = prevFile && prevSummary && f.st.inode == prevFile->inode &&
                            f.st.size >= prevFile->size && prevFile->offset <= f.st.size;
        const qint64 from = append ? prevFile->offset : 0;
        buf.clear();
        fileio::Stat st;
        const auto s = fileio::readFile(runFd.get(), f.rel.c_str(), from, buf, &st, &err);
        if (s == fileio::ReadStatus::Missing) {
            f.relQ.clear(); // deleted since the listing
            continue;
        }
        if (s != fileio::ReadStatus::Ok) {
            problem(f.relQ, {}, Tr::tr("Cannot read the metric file: %1").arg(errnoText(err)));
            f.relQ.clear();
            continue;
        }
        if (append && (st.inode != prevFile->inode || st.size < from)) {
            // Replaced between stat and open: read it whole instead.
            buf.clear();
            if (fileio::readFile(runFd.get(), f.rel.c_str(), 0, buf, &st, &err) !=
                fileio::ReadStatus::Ok) {
                f.relQ.clear();
                continue;
            }
        }
        const bool appended = append && st.inode == prevFile->inode && st.size >= from;
        const qint64 start = appended ? from : 0;
        result.bytesRead += qint64(buf.size());
        f.st = st;

        mlflow::MetricParseResult parsed;
        mlflow::parseMetricLines(buf, parsed);
        for (const mlflow::BadLine &bad : parsed.bad) {
            const QString where = start == 0 ? QStringLiteral("line %1").arg(bad.line)
                                             : QStringLiteral("byte %1").arg(start + bad.offset);
            problem(f.relQ, where, bad.reason);
        }
        core::MetricSummary summary = appended ? *prevSummary : core::MetricSummary{};
        summary.add(parsed.points);
        run.metrics.push_back(core::MetricInfo{key, summary});
        update.files.push_back(fileState(f, start + parsed.consumed));
        if (!appended || !parsed.points.empty())
            update.series.push_back(
                store::RunUpdate::Series{key, appended, std::move(parsed.points)});
        f.relQ.clear();
    }
    std::sort(run.metrics.begin(), run.metrics.end(),
              [](const core::MetricInfo &a, const core::MetricInfo &b) { return a.key < b.key; });

    for (const RunFile &f : files) {
        if (!f.relQ.isEmpty() && f.kind != FileKind::Metric)
            update.files.push_back(fileState(f, f.st.size));
    }
    result.outcome = ReadResult::Outcome::Updated;
    return result;
}

} // namespace runlens::sources
