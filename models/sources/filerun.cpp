// SPDX-License-Identifier: GPL-3.0-or-later
#include "filerun.h"

#include "fileio.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QSet>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace runlens::sources {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::FileRunImporter)
};

QString errnoText(int err) {
    return QString::fromLocal8Bit(std::strerror(err));
}

bool sameFingerprint(const fileio::Stat &st, const store::FileState &prev) {
    return prev.size >= 0 && st.size == prev.size && st.mtimeNs == prev.mtimeNs &&
           st.inode == prev.inode;
}

constexpr qint64 headBytes = 64 * 1024;

/// pread until count bytes or the end; false on an error (errno in *err).
bool readAt(int fd, qint64 offset, qint64 count, std::string &out, int *err) {
    out.resize(size_t(count));
    qint64 done = 0;
    while (done < count) {
        const ssize_t n = ::pread(fd, out.data() + done, size_t(count - done), offset + done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            return false;
        }
        if (n == 0)
            break; // shrank meanwhile
        done += n;
    }
    out.resize(size_t(done));
    return true;
}

struct ReadFile {
    RunFile file;
    fileio::Stat st;
    const store::FileState *prev = nullptr;
    bool read = false;   ///< parsed in this import
    bool append = false; ///< read from the previous offset
    qint64 offset = 0;   ///< resume offset after this import
    qint64 units = 0;    ///< units up to offset
    bool retryLater = false;
    FileContribution contribution;
};

/// Reads and parses one file into rf.contribution. False when the file could not be read
/// (reported) or vanished.
bool parseFile(ReadFile &rf, ReadResult &result, const std::atomic_bool &cancel) {
    int err = 0;
    const QByteArray path = QFile::encodeName(rf.file.absPath);
    fileio::Fd fd(::open(path.constData(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        err = errno;
        if (err != ENOENT)
            result.problems.append(
                {rf.file.absPath, {}, Tr::tr("Cannot read the file: %1").arg(errnoText(err))});
        return false;
    }
    const auto st = fileio::statFd(fd.get(), &err);
    if (!st || !st->isFile) {
        result.problems.append({rf.file.absPath, {}, Tr::tr("Not a regular file")});
        return false;
    }
    // A file replaced between the listing and the open: start over on the new one.
    if (rf.append && (st->inode != rf.prev->inode || st->size < rf.prev->offset))
        rf.append = false;
    rf.st = *st;
    const bool appendOnly = rf.file.parser->appendOnly();
    qint64 pos = rf.append ? rf.prev->offset : 0;
    qint64 units = rf.append ? rf.prev->units : 0;
    std::string head;
    if (pos > 0 && !readAt(fd.get(), 0, std::min(headBytes, pos), head, &err)) {
        result.problems.append(
            {rf.file.absPath, {}, Tr::tr("Cannot read the file: %1").arg(errnoText(err))});
        return false;
    }
    const qint64 size = st->size;
    // One buffer per parser thread, kept between files: a fresh one per file was zero-filled
    // (resize) and page-faulted each time, ~15% of parsing an event file.
    thread_local std::string buffer;
    if (buffer.capacity() > size_t(4 * fileChunkBytes))
        std::string().swap(buffer); // a rare huge unit grew it: give the memory back
    qint64 chunk = appendOnly ? fileChunkBytes : std::max<qint64>(size - pos, 0);
    FileContribution &out = rf.contribution;
    do {
        if (cancel.load(std::memory_order_relaxed))
            return false;
        const qint64 length = std::min(chunk, size - pos);
        if (!readAt(fd.get(), pos, length, buffer, &err)) {
            result.problems.append(
                {rf.file.absPath, {}, Tr::tr("Cannot read the file: %1").arg(errnoText(err))});
            return false;
        }
        result.bytesRead += qint64(buffer.size());
        FileInput input;
        input.absPath = rf.file.absPath;
        input.bytes = buffer;
        input.offset = pos;
        input.units = units;
        input.head = head;
        input.moreFollows = pos + qint64(buffer.size()) < size;
        input.cancel = &cancel;
        out.consumed = -1;
        out.units = 0;
        rf.file.parser->parse(input, out);
        const qint64 consumed = out.consumed < 0
                                    ? qint64(buffer.size())
                                    : std::min<qint64>(out.consumed, qint64(buffer.size()));
        units += out.units;
        if (consumed == 0 && input.moreFollows) {
            chunk *= 2; // one unit bigger than a chunk: read more at once
            continue;
        }
        pos += consumed;
        if (pos > 0 && head.empty() && appendOnly)
            readAt(fd.get(), 0, std::min(headBytes, pos), head, &err);
        if (consumed < qint64(buffer.size()) && !input.moreFollows)
            break; // a partial unit at the end: resume there next time
    } while (pos < size);
    rf.offset = pos;
    rf.units = units;
    rf.retryLater = out.retryLater;
    rf.read = true;
    for (core::Problem &p : out.problems) {
        if (p.path.isEmpty())
            p.path = rf.file.absPath;
    }
    result.problems += out.problems;
    return true;
}

QString hashedUid(const QString &absPath) {
    return QString::fromLatin1(
        QCryptographicHash::hash(absPath.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
}

} // namespace

FileParser::~FileParser() = default;

void FileContribution::addPoint(const QString &key, const core::MetricPoint &point) {
    auto it = seriesIndex.constFind(key);
    if (it == seriesIndex.cend()) {
        it = seriesIndex.insert(key, qsizetype(series.size()));
        series.push_back(Series{key, {}});
    }
    series[size_t(*it)].points.push_back(point);
}

void FileContribution::problem(const QString &where, const QString &message) {
    problems.append(core::Problem{QString(), where, message});
}

void FileRunImporter::finishRun(const RunLocation &, core::Run &) const {
}

ReadResult FileRunImporter::read(const RunLocation &location, const QString &sourceRoot,
                                 const PreviousState &previous,
                                 const std::atomic_bool &cancel) const {
    core::Problems listingProblems;
    std::vector<RunFile> files;
    for (const RunPart &part : location.parts) {
        const auto *importer = dynamic_cast<const FileRunImporter *>(importerById(part.importer));
        if (!importer)
            continue;
        for (RunFile &f : importer->runFiles(part.absPath, listingProblems)) {
            if (!part.relPath.isEmpty())
                f.relPath = part.relPath + u'/' + f.relPath;
            f.keyPrefix = part.keyPrefix;
            files.push_back(std::move(f));
        }
    }
    for (RunFile &f : runFiles(location.absPath, listingProblems))
        files.push_back(std::move(f));
    // A file listed twice (a part in the run's own folder) is read once, in its last place.
    QSet<QString> seen;
    for (auto it = files.rbegin(); it != files.rend(); ++it) {
        if (seen.contains(it->absPath))
            it->parser = nullptr;
        seen.insert(it->absPath);
    }
    std::erase_if(files, [](const RunFile &f) { return f.parser == nullptr; });
    ReadResult result =
        readFileRun(*this, location, sourceRoot, std::move(files), previous, cancel);
    result.problems = listingProblems + result.problems;
    return result;
}

ReadResult readFileRun(const FileRunImporter &importer, const RunLocation &location,
                       const QString &sourceRoot, std::vector<RunFile> files,
                       const PreviousState &previousState, const std::atomic_bool &cancel) {
    ReadResult result;
    result.outcome = ReadResult::Outcome::Skipped;

    // 1. Fingerprints.
    std::vector<ReadFile> present;
    present.reserve(files.size());
    for (RunFile &f : files) {
        int err = 0;
        const QByteArray path = QFile::encodeName(f.absPath);
        const auto st = fileio::statAt(AT_FDCWD, path.constData(), &err);
        if (!st) {
            if (err != ENOENT)
                result.problems.append(
                    {f.absPath, {}, Tr::tr("Cannot read the file: %1").arg(errnoText(err))});
            continue;
        }
        if (!st->isFile)
            continue;
        ReadFile rf;
        rf.file = std::move(f);
        rf.st = *st;
        present.push_back(std::move(rf));
    }
    if (present.empty()) {
        result.outcome = ReadResult::Outcome::NotARun;
        return result;
    }

    const store::PreviousRun *prev =
        previousState.empty() ? nullptr : previousState.find(location.relPath);
    const store::FileStates prevFiles = prev ? prev->decodedFiles() : store::FileStates{};
    bool allSame = prev != nullptr && prevFiles.size() == qsizetype(present.size());
    bool incremental = prev != nullptr;
    qsizetype known = 0;
    for (ReadFile &rf : present) {
        rf.prev = prev ? prevFiles.find(rf.file.relPath) : nullptr;
        known += rf.prev ? 1 : 0;
        const bool same = rf.prev && sameFingerprint(rf.st, *rf.prev);
        allSame = allSame && same;
        if (!same && rf.file.parser->sharesSeries())
            incremental = false;
        if (!rf.file.parser->appendOnly() || same)
            continue;
        // An append-only file that is new, shrank or was replaced: its series must be rebuilt
        // from every file that feeds them, so read the whole run again.
        rf.append = rf.prev && rf.prev->size >= 0 && rf.st.inode == rf.prev->inode &&
                    rf.st.size >= rf.prev->size && rf.prev->offset <= rf.st.size;
        incremental = incremental && rf.append;
    }
    if (known != prevFiles.size())
        incremental = false; // a file went away
    if (allSame) {
        result.outcome = ReadResult::Outcome::Unchanged;
        return result;
    }
    if (!incremental) {
        for (ReadFile &rf : present)
            rf.append = false;
    }

    // 2. Read what changed (everything when not incremental).
    for (ReadFile &rf : present) {
        if (cancel.load(std::memory_order_relaxed)) {
            result.outcome = ReadResult::Outcome::Cancelled;
            return result;
        }
        if (incremental && sameFingerprint(rf.st, *rf.prev))
            continue;
        parseFile(rf, result, cancel);
    }
    if (cancel.load(std::memory_order_relaxed)) {
        result.outcome = ReadResult::Outcome::Cancelled;
        return result;
    }

    // 3. Merge, in file order (later wins).
    store::RunUpdate &update = result.update;
    core::Run &run = update.run;
    if (incremental)
        run = prev->decodedRun();
    QHash<QString, qsizetype> seriesAt;
    for (ReadFile &rf : present) {
        if (!rf.read)
            continue;
        FileContribution &c = rf.contribution;
        if (!c.uid.isEmpty())
            run.uid = c.uid;
        if (!c.name.isEmpty())
            run.name = c.name;
        if (!c.experiment.isEmpty())
            run.experiment = c.experiment;
        if (c.status != core::RunStatus::Unknown)
            run.status = c.status;
        if (c.startMs > 0)
            run.startMs = c.startMs;
        if (c.endMs > 0)
            run.endMs = c.endMs;
        for (const core::ConfigTree::Entry &e : c.config.entries())
            run.config.set(e.key, e.value);
        for (auto it = c.tags.cbegin(); it != c.tags.cend(); ++it)
            run.tags.insert(it.key(), it.value());
        for (auto it = c.counts.cbegin(); it != c.counts.cend(); ++it) {
            QString &text = run.tags[it.key()];
            text = QString::number(text.toLongLong() + it.value());
        }
        for (FileContribution::Series &s : c.series) {
            const QString key = rf.file.keyPrefix + s.key;
            auto it = seriesAt.constFind(key);
            if (it == seriesAt.cend()) {
                it = seriesAt.insert(key, qsizetype(update.series.size()));
                update.series.push_back(store::RunUpdate::Series{key, rf.append, {}});
            }
            store::RunUpdate::Series &target = update.series[size_t(*it)];
            target.append = target.append && rf.append;
            if (target.points.empty())
                target.points = std::move(s.points);
            else
                target.points.insert(target.points.end(), s.points.begin(), s.points.end());
        }
        c.series.clear();
    }

    // 4. Summaries: appended series fold into the previous summary, others start afresh.
    if (!incremental)
        run.metrics.clear();
    for (const store::RunUpdate::Series &s : update.series) {
        core::MetricSummary &summary = run.metricRef(s.key);
        if (!s.append)
            summary = core::MetricSummary{};
        summary.add(s.points);
    }
    std::erase_if(update.series,
                  [](const store::RunUpdate::Series &s) { return s.append && s.points.empty(); });

    // 5. Fingerprints and resume offsets.
    for (const ReadFile &rf : present) {
        if (!rf.read) {
            if (rf.prev)
                update.files.push_back(*rf.prev);
            continue;
        }
        store::FileState fs{rf.file.relPath, rf.st.size, rf.st.mtimeNs,
                            rf.st.inode,     rf.offset,  rf.units};
        if (rf.retryLater)
            fs.size = -1; // never matches: read again next time
        update.files.push_back(std::move(fs));
    }

    // 6. Identity and place.
    run.id = 0;
    run.format = importer.id();
    if (run.uid.isEmpty())
        run.uid = hashedUid(location.absPath);
    run.key = core::Run::makeKey(run.format, run.uid);
    run.sourceRoot = sourceRoot;
    run.path = location.relPath;
    run.deleted = location.deleted;
    if (run.experiment.isEmpty())
        run.experiment = location.group;
    if (run.name.isEmpty())
        run.name = !location.name.isEmpty()     ? location.name
                   : location.relPath.isEmpty() ? location.absPath.section(u'/', -1)
                                                : location.relPath;
    importer.finishRun(location, run);
    result.outcome = ReadResult::Outcome::Updated;
    return result;
}

} // namespace runlens::sources
