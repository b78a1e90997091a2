// SPDX-License-Identifier: GPL-3.0-or-later
// The shared reading machinery of file-based formats (filerun.h) and the scanner's merging of
// log folders into the run of the config folder above them, driven with two tiny formats made
// up for the test: "key value" lines (append-only) and "field=value" metadata (whole file).

#include "sources/filerun.h"
#include "sources/scanner.h"
#include "store/cache.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <charconv>

using namespace runlens;
using namespace runlens::sources;

namespace {

/// "key value\n" per point; the step is the line number over the whole file (units).
class LinesParser final : public FileParser {
public:
    bool appendOnly() const override { return true; }
    void parse(const FileInput &in, FileContribution &out) const override {
        size_t pos = 0;
        qint64 line = in.units;
        while (pos < in.bytes.size()) {
            const size_t nl = in.bytes.find('\n', pos);
            if (nl == std::string_view::npos)
                break;
            const std::string_view text = in.bytes.substr(pos, nl - pos);
            const size_t space = text.find(' ');
            double v = 0;
            if (space == std::string_view::npos ||
                std::from_chars(text.data() + space + 1, text.data() + text.size(), v).ec !=
                    std::errc()) {
                out.problem(QStringLiteral("line %1").arg(line + 1), QStringLiteral("bad line"));
            } else {
                out.addPoint(QString::fromUtf8(text.data(), qsizetype(space)),
                             core::MetricPoint{line, 0, v});
            }
            ++line;
            ++out.units;
            pos = nl + 1;
        }
        out.consumed = qint64(pos);
        if (in.offset == 0 && !in.bytes.empty() && in.bytes.front() == '#')
            out.name = QStringLiteral("from-log");
    }
};

/// "field=value" lines: name=, lr= (config), broken (any other line: retry later).
class MetaParser final : public FileParser {
public:
    bool appendOnly() const override { return false; }
    void parse(const FileInput &in, FileContribution &out) const override {
        const QString text = QString::fromUtf8(in.bytes.data(), qsizetype(in.bytes.size()));
        for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
            const QString field = line.section(u'=', 0, 0);
            const QString value = line.section(u'=', 1);
            if (field == u"name")
                out.name = value;
            else if (field == u"lr")
                out.config.set(QStringLiteral("lr"), value.toDouble());
            else
                out.retryLater = true;
        }
    }
};

const LinesParser linesParser;
const MetaParser metaParser;

/// A run folder: meta.txt and every *.log.
class ToyImporter final : public FileRunImporter {
public:
    QString id() const override { return QStringLiteral("toy"); }
    QString displayName() const override { return QStringLiteral("Toy"); }
    bool sniff(const FolderListing &folder) const override { return folder.hasFile(u"meta.txt"); }
    FolderClaim scanFolder(const FolderListing &folder, ScanContext &) const override {
        FolderClaim claim;
        RunLocation loc;
        loc.importer = id();
        loc.absPath = folder.absPath;
        loc.relPath = folder.relPath;
        loc.claimsLogs = true;
        claim.runs.push_back(loc);
        return claim;
    }
    std::vector<RunFile> runFiles(const QString &absPath, core::Problems &) const override {
        std::vector<RunFile> files;
        const QDir dir(absPath);
        for (const QString &name :
             dir.entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name))
            files.push_back(RunFile{dir.filePath(name), name, &linesParser, {}});
        files.push_back(RunFile{
            dir.filePath(QStringLiteral("meta.txt")), QStringLiteral("meta.txt"), &metaParser, {}});
        return files;
    }
};

/// A log folder: every *.log; a log source.
class ToyLogImporter final : public FileRunImporter {
public:
    QString id() const override { return QStringLiteral("toylog"); }
    QString displayName() const override { return QStringLiteral("Toy log"); }
    bool isLogSource() const override { return true; }
    bool sniff(const FolderListing &folder) const override {
        for (const FolderEntry &e : folder.entries) {
            if (e.isFile && e.name.endsWith(u".log"))
                return true;
        }
        return false;
    }
    FolderClaim scanFolder(const FolderListing &folder, ScanContext &) const override {
        FolderClaim claim;
        RunLocation loc;
        loc.importer = id();
        loc.absPath = folder.absPath;
        loc.relPath = folder.relPath;
        claim.runs.push_back(loc);
        return claim;
    }
    std::vector<RunFile> runFiles(const QString &absPath, core::Problems &) const override {
        std::vector<RunFile> files;
        const QDir dir(absPath);
        for (const QString &name :
             dir.entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name))
            files.push_back(RunFile{dir.filePath(name), name, &linesParser, {}});
        return files;
    }
};

const ToyImporter toy;

void writeFile(const QString &path, const QByteArray &bytes, bool append = false) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(append ? QIODevice::Append : QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

/// Reads the run at dir against what the cache holds of it, then stores the result.
struct Harness {
    QString root;
    std::unique_ptr<store::Cache> cache = store::Cache::open(QStringLiteral(":memory:"));
    std::atomic_bool cancel{false};

    ReadResult read(const QString &relPath) {
        RunLocation loc;
        loc.importer = toy.id();
        loc.absPath = relPath.isEmpty() ? root : root + u'/' + relPath;
        loc.relPath = relPath;
        const QHash<QString, store::PreviousRun> prev = cache->loadPrevious(root);
        const auto it = prev.constFind(relPath);
        const store::PreviousRun *p = it == prev.cend() ? nullptr : &*it;
        ReadResult r = toy.read(loc, root, p, cancel);
        if (r.outcome == ReadResult::Outcome::Updated)
            cache->writeRun(r.update);
        return r;
    }
    core::Run run() const {
        const core::Runs runs = cache->loadRuns(root);
        return runs.empty() ? core::Run{} : runs.front();
    }
    core::MetricPoints series(const QString &key) const { return cache->loadSeries(run().id, key); }
};

const store::RunUpdate::Series *seriesOf(const ReadResult &r, const QString &key) {
    for (const auto &s : r.update.series) {
        if (s.key == key)
            return &s;
    }
    return nullptr;
}

} // namespace

class TestFileRun : public QObject {
    Q_OBJECT

private slots:
    void firstReadUnchangedAndAppend() {
        QTemporaryDir tmp;
        Harness h{tmp.path()};
        writeFile(tmp.filePath(QStringLiteral("meta.txt")), "name=alpha\nlr=0.5\n");
        writeFile(tmp.filePath(QStringLiteral("a.log")), "loss 3\nloss 2\nacc 0.5\nloss 1.");

        ReadResult r = h.read({});
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        QVERIFY(r.problems.isEmpty());
        const core::Run &run = r.update.run;
        QCOMPARE(run.format, QStringLiteral("toy"));
        QCOMPARE(run.name, QStringLiteral("alpha"));
        QCOMPARE(run.config.value(QStringLiteral("lr")).toDouble(), 0.5);
        QCOMPARE(run.uid.size(), 16); // hashed from the folder: the format has no id
        QCOMPARE(run.key, QStringLiteral("toy:") + run.uid);
        // The partial last line is not read yet.
        QCOMPARE(run.metric(QStringLiteral("loss"))->count, 2);
        QCOMPARE(run.metric(QStringLiteral("loss"))->last, 2.0);
        QCOMPARE(run.metric(QStringLiteral("acc"))->lastStep, 2);
        const store::FileState log = store::FileStates(r.update.files).value(u"a.log");
        QCOMPARE(log.offset, qint64(sizeof("loss 3\nloss 2\nacc 0.5\n") - 1));
        QCOMPARE(log.units, 3);

        QCOMPARE(h.read({}).outcome, ReadResult::Outcome::Unchanged);

        // The writer finishes its line and adds one: only the new bytes are read.
        writeFile(tmp.filePath(QStringLiteral("a.log")), "5\nacc 0.75\n", true);
        r = h.read({});
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        QCOMPARE(r.bytesRead, qint64(sizeof("loss 1.5\nacc 0.75\n") - 1));
        const auto *loss = seriesOf(r, QStringLiteral("loss"));
        QVERIFY(loss && loss->append);
        QCOMPARE(loss->points, (core::MetricPoints{{3, 0, 1.5}}));
        QCOMPARE(seriesOf(r, QStringLiteral("acc"))->points, (core::MetricPoints{{4, 0, 0.75}}));
        QCOMPARE(r.update.run.name, QStringLiteral("alpha")); // kept from the cache
        QCOMPARE(r.update.run.metric(QStringLiteral("loss"))->count, 3);
        QCOMPARE(r.update.run.metric(QStringLiteral("loss"))->min, 1.5);
        QCOMPARE(h.series(QStringLiteral("loss")),
                 (core::MetricPoints{{0, 0, 3}, {1, 0, 2}, {3, 0, 1.5}}));
        QCOMPARE(h.run().metric(QStringLiteral("acc"))->last, 0.75);
    }

    void wholeFileChangeKeepsTheLogs() {
        QTemporaryDir tmp;
        Harness h{tmp.path()};
        writeFile(tmp.filePath(QStringLiteral("meta.txt")), "name=alpha\n");
        writeFile(tmp.filePath(QStringLiteral("a.log")), "loss 3\nloss 2\n");
        QCOMPARE(h.read({}).outcome, ReadResult::Outcome::Updated);
        QTest::qWait(5); // a new mtime even on coarse clocks
        writeFile(tmp.filePath(QStringLiteral("meta.txt")), "name=beta\nlr=2\n");
        const ReadResult r = h.read({});
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        QCOMPARE(r.bytesRead, qint64(sizeof("name=beta\nlr=2\n") - 1)); // the log is not read
        QVERIFY(r.update.series.empty());
        QCOMPARE(r.update.run.name, QStringLiteral("beta"));
        QCOMPARE(r.update.run.metric(QStringLiteral("loss"))->count, 2);
        h.cache->writeRun(r.update);
        QCOMPARE(h.series(QStringLiteral("loss")).size(), size_t(2));
    }

    void rewrittenOrNewLogRereadsTheRun() {
        QTemporaryDir tmp;
        Harness h{tmp.path()};
        writeFile(tmp.filePath(QStringLiteral("meta.txt")), "name=alpha\n");
        writeFile(tmp.filePath(QStringLiteral("a.log")), "loss 3\nloss 2\nloss 1\n");
        QCOMPARE(h.read({}).outcome, ReadResult::Outcome::Updated);

        // Shrunk: a restart rewrote it.
        writeFile(tmp.filePath(QStringLiteral("a.log")), "loss 9\n");
        ReadResult r = h.read({});
        const auto *loss = seriesOf(r, QStringLiteral("loss"));
        QVERIFY(loss && !loss->append);
        QCOMPARE(loss->points, (core::MetricPoints{{0, 0, 9}}));
        QCOMPARE(r.update.run.metric(QStringLiteral("loss"))->count, 1);

        // A second log file with the same key: both are read again, in name order.
        writeFile(tmp.filePath(QStringLiteral("b.log")), "loss 8\n");
        r = h.read({});
        loss = seriesOf(r, QStringLiteral("loss"));
        QVERIFY(loss && !loss->append);
        QCOMPARE(loss->points, (core::MetricPoints{{0, 0, 9}, {0, 0, 8}}));
        QCOMPARE(r.update.run.metric(QStringLiteral("loss"))->last, 8.0);

        // One removed: read again without it.
        QVERIFY(QFile::remove(tmp.filePath(QStringLiteral("b.log"))));
        r = h.read({});
        QCOMPARE(seriesOf(r, QStringLiteral("loss"))->points, (core::MetricPoints{{0, 0, 9}}));
    }

    void problemsAndRetryLater() {
        QTemporaryDir tmp;
        Harness h{tmp.path()};
        writeFile(tmp.filePath(QStringLiteral("meta.txt")), "half-writ");
        writeFile(tmp.filePath(QStringLiteral("a.log")), "loss 3\ngarbage\nloss 1\n");
        ReadResult r = h.read({});
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        QCOMPARE(r.problems.size(), 1);
        QCOMPARE(r.problems.front().path, tmp.filePath(QStringLiteral("a.log")));
        QCOMPARE(r.problems.front().where, QStringLiteral("line 2"));
        QCOMPARE(r.update.run.metric(QStringLiteral("loss"))->count, 2);
        // meta.txt looked half-written: its fingerprint never matches, so it is read again.
        QCOMPARE(store::FileStates(r.update.files).value(u"meta.txt").size, -1);
        r = h.read({});
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        QCOMPARE(r.bytesRead, qint64(sizeof("half-writ") - 1));
    }

    void vanishedRunIsNotARun() {
        QTemporaryDir tmp;
        Harness h{tmp.path() + QStringLiteral("/gone")};
        QCOMPARE(h.read({}).outcome, ReadResult::Outcome::NotARun);
    }

    void bigFileIsReadInChunks() {
        QTemporaryDir tmp;
        Harness h{tmp.path()};
        writeFile(tmp.filePath(QStringLiteral("meta.txt")), "name=big\n");
        QByteArray big;
        const int lines = 1'700'000; // ~20 MB: more than one chunk
        big.reserve(lines * 12);
        for (int i = 0; i < lines; ++i)
            big += "loss " + QByteArray::number(i % 1000) + ".25\n";
        QVERIFY(big.size() > fileChunkBytes);
        writeFile(tmp.filePath(QStringLiteral("a.log")), big);
        const ReadResult r = h.read({});
        QVERIFY(r.problems.isEmpty());
        const core::MetricSummary *loss = r.update.run.metric(QStringLiteral("loss"));
        QCOMPARE(loss->count, lines);
        QCOMPARE(loss->lastStep, lines - 1);
        QCOMPARE(loss->last, double((lines - 1) % 1000) + 0.25);
        QCOMPARE(store::FileStates(r.update.files).value(u"a.log").offset, big.size());
    }

    void prefixedParts() {
        QTemporaryDir tmp;
        writeFile(tmp.filePath(QStringLiteral("run/meta.txt")), "name=merged\n");
        writeFile(tmp.filePath(QStringLiteral("run/logs/train/x.log")), "loss 1\n");
        writeFile(tmp.filePath(QStringLiteral("run/logs/validation/x.log")), "loss 2\n");
        const ToyLogImporter logs;
        const Scanner scanner({&toy, &logs});
        ScanContext context{tmp.path(), nullptr, nullptr};
        std::vector<RunLocation> found;
        QVERIFY(scanner.scan(tmp.path(), context,
                             [&](RunLocation &&loc) { found.push_back(std::move(loc)); }));
        QCOMPARE(found.size(), size_t(1));
        const RunLocation &loc = found.front();
        QCOMPARE(loc.relPath, QStringLiteral("run"));
        QCOMPARE(loc.parts.size(), size_t(2));
        QStringList prefixes;
        for (const RunPart &p : loc.parts)
            prefixes << p.relPath + u'=' + p.keyPrefix;
        prefixes.sort();
        QCOMPARE(prefixes, (QStringList{QStringLiteral("logs/train=train/"),
                                        QStringLiteral("logs/validation=validation/")}));

        // readFileRun reads the parts' files under their prefixes.
        std::vector<RunFile> files;
        for (const RunPart &p : loc.parts)
            files.push_back(RunFile{p.absPath + QStringLiteral("/x.log"),
                                    p.relPath + QStringLiteral("/x.log"), &linesParser,
                                    p.keyPrefix});
        files.push_back(RunFile{loc.absPath + QStringLiteral("/meta.txt"),
                                QStringLiteral("meta.txt"),
                                &metaParser,
                                {}});
        std::atomic_bool cancel{false};
        const NoPrevious none;
        const ReadResult r = readFileRun(toy, loc, tmp.path(), files, none, cancel);
        QCOMPARE(r.update.run.name, QStringLiteral("merged"));
        QCOMPARE(r.update.run.metric(QStringLiteral("train/loss"))->last, 1.0);
        QCOMPARE(r.update.run.metric(QStringLiteral("validation/loss"))->last, 2.0);
    }

    void scannerMergesLogsIntoTheConfigFolderAbove() {
        QTemporaryDir tmp;
        // A config run with a log folder at its top and a nested config run (merged too); a log
        // folder outside any config run stays a run of its own.
        writeFile(tmp.filePath(QStringLiteral("sweep/0/meta.txt")), "name=a\n");
        writeFile(tmp.filePath(QStringLiteral("sweep/0/x.log")), "loss 1\n");
        writeFile(tmp.filePath(QStringLiteral("sweep/0/inner/meta.txt")), "lr=1\n");
        writeFile(tmp.filePath(QStringLiteral("sweep/1/meta.txt")), "name=b\n");
        writeFile(tmp.filePath(QStringLiteral("loose/y.log")), "loss 2\n");
        const ToyLogImporter logs;
        const Scanner scanner({&toy, &logs});
        ScanContext context{tmp.path(), nullptr, nullptr};
        QMap<QString, RunLocation> found;
        QVERIFY(scanner.scan(tmp.path(), context,
                             [&](RunLocation &&loc) { found.insert(loc.relPath, loc); }));
        QCOMPARE(found.keys(), (QStringList{QStringLiteral("loose"), QStringLiteral("sweep/0"),
                                            QStringLiteral("sweep/1")}));
        QCOMPARE(found[QStringLiteral("loose")].importer, QStringLiteral("toylog"));
        const RunLocation &zero = found[QStringLiteral("sweep/0")];
        QCOMPARE(zero.parts.size(), size_t(2));
        QStringList parts;
        for (const RunPart &p : zero.parts)
            parts << p.importer + u':' + p.relPath + u'=' + p.keyPrefix;
        parts.sort();
        // Two parts: prefixes are their distinct folders (the one at the top has none).
        QCOMPARE(parts,
                 (QStringList{QStringLiteral("toy:inner=inner/"), QStringLiteral("toylog:=")}));
        QVERIFY(found[QStringLiteral("sweep/1")].parts.empty());
    }

private:
    class NoPrevious final : public PreviousState {
    public:
        bool empty() const override { return true; }
        const store::PreviousRun *find(const QString &) const override { return nullptr; }
    };
};

QTEST_GUILESS_MAIN(TestFileRun)
#include "tst_filerun.moc"
