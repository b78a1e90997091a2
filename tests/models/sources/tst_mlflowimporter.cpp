// SPDX-License-Identifier: GPL-3.0-or-later
// The MLflow importer through ImportJob into a real cache: the real stores of
// shared/fixtures/real/mlflow, and hostile stores built here.

#include "core/configtree.h"
#include "importtestutil.h"
#include "sources/importer.h"
#include "sources/mlflowimporter.h"
#include "sources/scanner.h"
#include "storebuilder.h"
#include "testutils.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <unistd.h>

using namespace runlens;
using namespace runlens::sources;
using runlens::tests::appendFile;
using runlens::tests::dumpProblems;
using runlens::tests::importInto;
using runlens::tests::loadSorted;
using runlens::tests::q;
using runlens::tests::writeFile;

namespace {

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The expected summary of a metric file, computed independently of the importer: every
/// complete line, latest = greatest (step, timestamp), later line wins a tie.
struct Expected {
    qint64 count = 0;
    double last = 0;
    qint64 lastStep = -1;
    qint64 lastTs = -1;
};

Expected expectedOf(const QString &file) {
    Expected e;
    const QList<QByteArray> lines = readAll(file).split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) { // the part after the last '\n' is partial
        const QList<QByteArray> f = lines[i].trimmed().split(' ');
        if (f.size() < 2)
            continue;
        const qint64 ts = f[0].toLongLong();
        const qint64 step = f.size() > 2 ? f[2].toLongLong() : 0;
        const double v = QString::fromLatin1(f[1]).toDouble();
        ++e.count;
        if (step > e.lastStep || (step == e.lastStep && ts >= e.lastTs)) {
            e.lastStep = step;
            e.lastTs = ts;
            e.last = v;
        }
    }
    return e;
}

QString metricsDir(const core::Run &run) {
    return run.absolutePath() + QStringLiteral("/metrics");
}

} // namespace

class TestMlflowImporter : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;
    QString newCache() { return m_tmp.filePath(QStringLiteral("cache%1.sqlite").arg(++m_n)); }
    QString newDir() {
        const QString d = m_tmp.filePath(QStringLiteral("store%1").arg(++m_n));
        QDir().mkpath(d);
        return d;
    }

private Q_SLOTS:
    void realStores_data() {
        QTest::addColumn<QString>("store");
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("deleted");
        QTest::addColumn<int>("finished");
        QTest::addColumn<int>("failed");
        QTest::addColumn<int>("running");
        QTest::newRow("cr21") << QStringLiteral("cr21-lightning-hydra") << 11 << 0 << 11 << 0 << 0;
        QTest::newRow("alvelezp") << QStringLiteral("alvelezp-evaluate-datasets") << 7 << 0 << 6
                                  << 1 << 0;
        QTest::newRow("lissy") << QStringLiteral("lissy-mlflow3-logged-models") << 2 << 0 << 2 << 0
                               << 0;
        QTest::newRow("fernandolpz")
            << QStringLiteral("fernandolpz-mlflow1-2020") << 10 << 0 << 5 << 5 << 0;
        QTest::newRow("draive") << QStringLiteral("draive-yolov5-spaces") << 21 << 14 << -1 << -1
                                << -1;
        QTest::newRow("krewllaks")
            << QStringLiteral("krewllaks-ultralytics") << 5 << 0 << 3 << 0 << 2;
        QTest::newRow("dougtrajano")
            << QStringLiteral("dougtrajano-note-emptyparam") << 3 << 0 << -1 << -1 << -1;
    }

    void realStores() {
        RUNLENS_REQUIRE_FIXTURES("mlflow");
        QFETCH(QString, store);
        QFETCH(int, runs);
        QFETCH(int, deleted);
        QFETCH(int, finished);
        QFETCH(int, failed);
        QFETCH(int, running);
        const QString root = tests::fixturesDir() + QStringLiteral("/mlflow/") + store;
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        QCOMPARE(s.runs, runs);
        const core::Runs all = loadSorted(cache);
        QCOMPARE(qsizetype(all.size()), qsizetype(runs));
        auto countIf = [&](auto pred) {
            return int(std::count_if(all.begin(), all.end(), pred));
        };
        QCOMPARE(countIf([](const core::Run &r) { return r.deleted; }), deleted);
        if (finished >= 0)
            QCOMPARE(
                countIf([](const core::Run &r) { return r.status == core::RunStatus::Finished; }),
                finished);
        if (failed >= 0)
            QCOMPARE(
                countIf([](const core::Run &r) { return r.status == core::RunStatus::Failed; }),
                failed);
        if (running >= 0)
            QCOMPARE(
                countIf([](const core::Run &r) { return r.status == core::RunStatus::Running; }),
                running);

        const auto c = store::Cache::open(cache);
        QVERIFY(c);
        for (const core::Run &run : all) {
            QCOMPARE(run.format, QStringLiteral("mlflow"));
            QCOMPARE(run.key, QStringLiteral("mlflow:") + run.uid);
            QCOMPARE(run.sourceRoot, root);
            QCOMPARE(run.path.section(u'/', -1), run.uid);
            QVERIFY(!run.experiment.isEmpty());
            // name: run_name, else tag mlflow.runName, else the id
            const QByteArray meta = readAll(run.absolutePath() + QStringLiteral("/meta.yaml"));
            const qsizetype at = meta.indexOf("\nrun_name: ");
            QString expectedName;
            if (at >= 0) {
                const qsizetype start = at + 11;
                expectedName =
                    QString::fromUtf8(meta.mid(start, meta.indexOf('\n', start) - start));
            }
            if (expectedName.isEmpty() || expectedName == u"''")
                expectedName =
                    q(readAll(run.absolutePath() + QStringLiteral("/tags/mlflow.runName")));
            if (expectedName.isEmpty())
                expectedName = run.uid;
            QCOMPARE(run.name, expectedName);
            // every param as inferScalar of its file
            QDirIterator params(run.absolutePath() + QStringLiteral("/params"), QDir::Files,
                                QDirIterator::Subdirectories);
            int nParams = 0;
            while (params.hasNext()) {
                const QString f = params.next();
                const QString key = f.mid(run.absolutePath().size() + 8);
                const QVariant want = core::ConfigTree::inferScalar(q(readAll(f)));
                const QVariant got = run.config.value(key);
                if (want.typeId() == QMetaType::Double && std::isnan(want.toDouble()))
                    QVERIFY(got.typeId() == QMetaType::Double && std::isnan(got.toDouble()));
                else
                    QCOMPARE(got, want);
                ++nParams;
            }
            QCOMPARE(run.config.size(), nParams);
            // every metric: count and last value from the file, and the stored points
            QDirIterator metrics(metricsDir(run), QDir::Files, QDirIterator::Subdirectories);
            size_t nMetrics = 0;
            while (metrics.hasNext()) {
                const QString f = metrics.next();
                const QString key = f.mid(metricsDir(run).size() + 1);
                const core::MetricSummary *m = run.metric(key);
                QVERIFY2(m, qPrintable(key));
                const Expected e = expectedOf(f);
                QCOMPARE(m->count, e.count);
                if (e.count > 0 && std::isfinite(e.last))
                    QCOMPARE(m->last, e.last);
                QCOMPARE(qint64(c->loadSeries(run.id, key).size()), e.count);
                ++nMetrics;
            }
            QCOMPARE(run.metrics.size(), nMetrics);
        }

        // A second import reads nothing.
        const ImportSummary again = importInto(cache, {root});
        QCOMPARE(again.unchanged, runs);
        QCOMPARE(again.points, 0);
        QCOMPARE(again.bytesRead, 0);
    }

    void realStoreDetails() {
        RUNLENS_REQUIRE_FIXTURES("mlflow");
        const QString base = tests::fixturesDir() + QStringLiteral("/mlflow/");
        const QString cache = newCache();
        const QStringList stores{
            QStringLiteral("cr21-lightning-hydra"), QStringLiteral("fernandolpz-mlflow1-2020"),
            QStringLiteral("draive-yolov5-spaces"), QStringLiteral("krewllaks-ultralytics"),
            QStringLiteral("dougtrajano-note-emptyparam")};
        QStringList roots;
        for (const QString &s : stores)
            roots << base + s;
        const ImportSummary s = importInto(cache, roots);
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        QCOMPARE(s.runs, 11 + 10 + 21 + 5 + 3);

        auto runsOf = [&](const QString &store) {
            return loadSorted(cache, base + store);
        };
        auto anyMetric = [](const core::Runs &runs, const QString &key) {
            return std::any_of(runs.begin(), runs.end(),
                               [&](const core::Run &r) { return r.metric(key) != nullptr; });
        };
        const core::Runs cr21 = runsOf(stores[0]);
        QVERIFY(anyMetric(cr21, QStringLiteral("train/loss")));
        QVERIFY(anyMetric(cr21, QStringLiteral("val/acc")));
        QVERIFY(cr21.front().path.startsWith(u"mlruns/"));

        const core::Runs fern = runsOf(stores[1]);
        for (const core::Run &r : fern)
            QCOMPARE(r.name, r.uid); // no run_name, no mlflow.runName tag
        QVERIFY(std::any_of(fern.begin(), fern.end(), [](const core::Run &r) {
            const auto *m = r.metric(QStringLiteral("kfold_accuracy"));
            return m && m->count == 5;
        }));

        const core::Runs draive = runsOf(stores[2]);
        QVERIFY(std::any_of(draive.begin(), draive.end(), [](const core::Run &r) {
            return r.config.contains(QStringLiteral("Training Batch size"));
        }));
        QVERIFY(anyMetric(draive, QStringLiteral("mAP_IoU_.5-.95")));
        QVERIFY(std::any_of(draive.begin(), draive.end(),
                            [](const core::Run &r) { return r.experiment.contains(u' '); }));

        const core::Runs krew = runsOf(stores[3]);
        QVERIFY(std::any_of(krew.begin(), krew.end(),
                            [](const core::Run &r) { return r.experiment == u"runs/phase1"; }));
        QVERIFY(anyMetric(krew, QStringLiteral("metrics/mAP50B")));
        QVERIFY(anyMetric(krew, QStringLiteral("lr/pg0")));
        QVERIFY(krew.front().path.startsWith(u"mlflow/"));

        const core::Runs doug = runsOf(stores[4]);
        bool sawEmpty = false;
        bool sawNote = false;
        for (const core::Run &r : doug) {
            const QString emptyKey = QStringLiteral("hyperparameters.interaction_constraints");
            if (r.config.contains(emptyKey)) {
                QCOMPARE(r.config.value(emptyKey), QVariant(QString()));
                QCOMPARE(r.config.value(emptyKey).typeId(), QMetaType::QString);
                sawEmpty = true;
            }
            const QString note = r.tags.value(QStringLiteral("mlflow.note.content"));
            if (!note.isEmpty()) {
                QVERIFY(note.contains(u'\n'));
                QCOMPARE(note, q(readAll(r.absolutePath() +
                                         QStringLiteral("/tags/mlflow.note.content"))));
                sawNote = true;
            }
        }
        QVERIFY(sawEmpty);
        QVERIFY(sawNote);
    }

    // --- hostile stores ----------------------------------------------------------------

    void brokenYamlAndMissingMeta() {
        const QString root = newDir();
        writeFile(root + q("/mlruns/1/meta.yaml"), tests::experimentMeta("1", "ok"));
        const QByteArray good = tests::runIdFor(1), bad = tests::runIdFor(2),
                         nometa = tests::runIdFor(3);
        writeFile(root + q("/mlruns/1/") + q(good) + q("/meta.yaml"),
                  tests::runMeta(good, "1", "good"));
        writeFile(root + q("/mlruns/1/") + q(bad) + q("/meta.yaml"),
                  "run_id: " + bad + "\nstatus: [3\nstart_time: 1\n");
        writeFile(root + q("/mlruns/1/") + q(nometa) + q("/params/a"), "1");
        writeFile(root + q("/mlruns/1/notes/readme.txt"), "not a run");
        // an experiment whose meta.yaml is broken: its runs import under the id
        writeFile(root + q("/mlruns/5/meta.yaml"), "name: [broken\n");
        const QByteArray inBroken = tests::runIdFor(4);
        writeFile(root + q("/mlruns/5/") + q(inBroken) + q("/meta.yaml"),
                  tests::runMeta(inBroken, "5", "survivor"));

        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY(s.ok());
        QCOMPARE(s.runs, 2);
        const core::Runs runs = loadSorted(cache);
        QCOMPARE(runs.size(), size_t(2));
        QCOMPARE(runs[0].name, QStringLiteral("good"));
        QCOMPARE(runs[1].name, QStringLiteral("survivor"));
        QCOMPARE(runs[1].experiment, QStringLiteral("5"));
        QCOMPARE(s.problems.size(), 3);
        const QString dump = dumpProblems(s.problems);
        auto problemFor = [&](const QString &suffix) -> core::Problem {
            for (const core::Problem &p : s.problems)
                if (p.path.endsWith(suffix))
                    return p;
            return {};
        };
        const core::Problem badRun = problemFor(q(bad) + q("/meta.yaml"));
        QVERIFY2(!badRun.path.isEmpty(), qPrintable(dump));
        QVERIFY2(badRun.where.startsWith(u"line "), qPrintable(dump));
        QVERIFY2(!problemFor(q("/mlruns/5/meta.yaml")).path.isEmpty(), qPrintable(dump));
        QVERIFY2(!problemFor(q(nometa)).path.isEmpty(), qPrintable(dump));
        // problems are stored with the source
        QCOMPARE(store::Cache::open(cache)->problems(root).size(), 3);
    }

    void metricLinesOfEveryKind() {
        const QString root = newDir();
        writeFile(root + q("/0/meta.yaml"), tests::experimentMeta("0", "Default"));
        const QByteArray id = tests::runIdFor(7);
        const QString run = root + q("/0/") + q(id);
        writeFile(run + q("/meta.yaml"), tests::runMeta(id, "0", "r"));
        writeFile(run + q("/metrics/garbage"), "1 0.5 0\n!!garbage!!\n3 0.25 2\n");
        writeFile(run + q("/metrics/nonfinite"), "1 nan 0\n2 Inf 1\n3 -inf 2\n4 2.5 3\n5 -1 4\n");
        writeFile(run + q("/metrics/crlf"), "1 0.5 0\r\n2 0.75 1\r\n");
        writeFile(run + q("/metrics/legacy"), "1 0.5\n2 0.75\n");
        writeFile(run + q("/metrics/empty"), "");
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QCOMPARE(s.problems.size(), 1);
        QVERIFY(s.problems[0].path.endsWith(q("/metrics/garbage")));
        QCOMPARE(s.problems[0].where, QStringLiteral("line 2"));
        const core::Run r = loadSorted(cache).at(0);
        QCOMPARE(r.metric(QStringLiteral("garbage"))->count, 2);
        QCOMPARE(r.metric(QStringLiteral("garbage"))->last, 0.25);
        const core::MetricSummary *nf = r.metric(QStringLiteral("nonfinite"));
        QCOMPARE(nf->count, 5);
        QCOMPARE(nf->nanCount, 3);
        QCOMPARE(nf->min, -1.0);
        QCOMPARE(nf->max, 2.5);
        QCOMPARE(nf->last, -1.0);
        QCOMPARE(r.metric(QStringLiteral("crlf"))->last, 0.75);
        QCOMPARE(r.metric(QStringLiteral("legacy"))->count, 2);
        QCOMPARE(r.metric(QStringLiteral("legacy"))->lastStep, 0);
        QCOMPARE(r.metric(QStringLiteral("legacy"))->last, 0.75); // later line wins the tie
        QVERIFY(r.metric(QStringLiteral("empty")));
        QCOMPARE(r.metric(QStringLiteral("empty"))->count, 0);
        const auto c = store::Cache::open(cache);
        const core::MetricPoints pts = c->loadSeries(r.id, QStringLiteral("nonfinite"));
        QCOMPARE(pts.size(), size_t(5));
        QVERIFY(std::isnan(pts[0].value));
        QCOMPARE(pts[1].value, std::numeric_limits<double>::infinity());
    }

    void unicodeAndBigValues() {
        const QString root = newDir();
        writeFile(root + q("/0/meta.yaml"),
                  tests::experimentMeta("0", QStringLiteral("実験 ü/β").toUtf8()));
        const QByteArray id = tests::runIdFor(8);
        const QString run = root + q("/0/") + q(id);
        writeFile(run + q("/meta.yaml"),
                  tests::runMeta(id, "0", QStringLiteral("ラン ✓").toUtf8()));
        writeFile(run + QStringLiteral("/params/größe"), QStringLiteral("wert ✓").toUtf8());
        const QByteArray big(300 * 1024, 'x');
        writeFile(run + q("/params/big"), big);
        writeFile(run + QStringLiteral("/metrics/损失/train"), "1 0.5 0\n");
        writeFile(run + q("/tags/multi"), "line one\nline two\n\n");
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Run r = loadSorted(cache).at(0);
        QCOMPARE(r.experiment, QStringLiteral("実験 ü/β"));
        QCOMPARE(r.name, QStringLiteral("ラン ✓"));
        QCOMPARE(r.config.value(QStringLiteral("größe")), QVariant(QStringLiteral("wert ✓")));
        QCOMPARE(r.config.value(QStringLiteral("big")).toString().size(), big.size());
        QVERIFY(r.metric(QStringLiteral("损失/train")));
        QCOMPARE(r.tags.value(QStringLiteral("multi")), QStringLiteral("line one\nline two\n\n"));
    }

    void symlinkLoopInArtifacts() {
        const QString root = newDir();
        writeFile(root + q("/0/meta.yaml"), tests::experimentMeta("0", "Default"));
        const QByteArray id = tests::runIdFor(9);
        const QString run = root + q("/0/") + q(id);
        writeFile(run + q("/meta.yaml"), tests::runMeta(id, "0", "r"));
        QDir().mkpath(run + q("/artifacts/a"));
        QVERIFY(QFile::link(run + q("/artifacts"), run + q("/artifacts/a/loop")));
        QVERIFY(QFile::link(root, run + q("/artifacts/up")));
        QVERIFY(QFile::link(root, root + q("/rootloop")));
        const ImportSummary s = importInto(newCache(), {root});
        QCOMPARE(s.runs, 1);
    }

    void appendIsReadFromTheOffset() {
        const QString root = newDir();
        writeFile(root + q("/0/meta.yaml"), tests::experimentMeta("0", "Default"));
        const QByteArray id = tests::runIdFor(10);
        const QString run = root + q("/0/") + q(id);
        writeFile(run + q("/meta.yaml"), tests::runMeta(id, "0", "r"));
        writeFile(run + q("/params/p"), "1");
        const QString metric = run + q("/metrics/loss");
        writeFile(metric, "1000 1.0 0\n1001 0.5 1\n1002 0.2");
        const QString cache = newCache();
        ImportSummary s = importInto(cache, {root});
        QCOMPARE(loadSorted(cache).at(0).metric(QStringLiteral("loss"))->count, 2);

        // unchanged: nothing read
        s = importInto(cache, {root});
        QCOMPARE(s.unchanged, 1);
        QCOMPARE(s.runs, 1);
        QCOMPARE(s.points, 0);
        QCOMPARE(s.bytesRead, 0);

        // the partial line is completed and two more lines come
        const QByteArray more = "5 2\n1003 0.1 3\n1004 -0.5 4\n";
        QVERIFY(appendFile(metric, more));
        s = importInto(cache, {root});
        QCOMPARE(s.unchanged, 0);
        QCOMPARE(s.series, 1);
        QCOMPARE(s.points, 3);
        QCOMPARE(s.bytesRead, qint64(QByteArray("1002 0.2").size() + more.size()));
        const core::Run r = loadSorted(cache).at(0);
        const core::MetricSummary *m = r.metric(QStringLiteral("loss"));
        QCOMPARE(m->count, 5);
        QCOMPARE(m->last, -0.5);
        QCOMPARE(m->lastStep, 4);
        QCOMPARE(m->min, -0.5);
        QCOMPARE(m->max, 1.0);
        QCOMPARE(r.config.value(QStringLiteral("p")), QVariant(qint64(1)));
        const core::MetricPoints pts =
            store::Cache::open(cache)->loadSeries(r.id, QStringLiteral("loss"));
        QCOMPARE(pts.size(), size_t(5));
        QCOMPARE(pts[2].value, 0.25);
        QCOMPARE(pts[2].step, 2);

        // a rewritten (shrunk) file is read whole
        writeFile(metric, "1 9 0\n");
        s = importInto(cache, {root});
        const core::Run r2 = loadSorted(cache).at(0);
        QCOMPARE(r2.metric(QStringLiteral("loss"))->count, 1);
        QCOMPARE(r2.metric(QStringLiteral("loss"))->last, 9.0);
        QCOMPARE(store::Cache::open(cache)->loadSeries(r2.id, QStringLiteral("loss")).size(),
                 size_t(1));
    }

    void metaChangeRereadsMetadataOnly() {
        const QString root = newDir();
        writeFile(root + q("/0/meta.yaml"), tests::experimentMeta("0", "Default"));
        const QByteArray id = tests::runIdFor(11);
        const QString run = root + q("/0/") + q(id);
        writeFile(run + q("/meta.yaml"), tests::runMeta(id, "0", "r", 1));
        writeFile(run + q("/metrics/loss"), "1 1 0\n");
        const QString cache = newCache();
        importInto(cache, {root});
        QCOMPARE(loadSorted(cache).at(0).status, core::RunStatus::Running);
        writeFile(run + q("/meta.yaml"), tests::runMeta(id, "0", "r", 3, "deleted"));
        const ImportSummary s = importInto(cache, {root});
        QCOMPARE(s.points, 0);
        const core::Run r = loadSorted(cache).at(0);
        QCOMPARE(r.status, core::RunStatus::Finished);
        QVERIFY(r.deleted);
        QCOMPARE(r.metric(QStringLiteral("loss"))->count, 1);
    }

    void vanishedRunIsRemovedAndDeletedMidScanIsSkipped() {
        const QString root = newDir();
        writeFile(root + q("/0/meta.yaml"), tests::experimentMeta("0", "Default"));
        for (int i = 0; i < 3; ++i) {
            const QByteArray id = tests::runIdFor(20 + i);
            writeFile(root + q("/0/") + q(id) + q("/meta.yaml"), tests::runMeta(id, "0", "r"));
            writeFile(root + q("/0/") + q(id) + q("/metrics/m"), "1 1 0\n");
        }
        const QString cache = newCache();
        QCOMPARE(importInto(cache, {root}).runs, 3);
        QVERIFY(QDir(root + q("/0/") + q(tests::runIdFor(20))).removeRecursively());
        const ImportSummary s = importInto(cache, {root});
        QCOMPARE(s.removed, 1);
        QCOMPARE(loadSorted(cache).size(), size_t(2));

        // Deleted between the scan and the read: a clean skip, no crash.
        core::Problems problems;
        std::atomic_bool cancel{false};
        ScanContext context{root, &problems, &cancel};
        std::vector<RunLocation> found;
        Scanner().scan(root, context, [&](RunLocation &&l) { found.push_back(std::move(l)); });
        QCOMPARE(found.size(), size_t(2));
        QVERIFY(QDir(found[0].absPath).removeRecursively());
        QFile::remove(found[1].absPath + q("/metrics/m"));
        const MlflowImporter importer;
        const ReadResult gone = importer.read(found[0], root, nullptr, cancel);
        QCOMPARE(gone.outcome, ReadResult::Outcome::Skipped);
        QVERIFY(gone.problems.isEmpty());
        const ReadResult partial = importer.read(found[1], root, nullptr, cancel);
        QCOMPARE(partial.outcome, ReadResult::Outcome::Updated);
        QVERIFY(partial.update.run.metrics.empty());
    }

    void unreadableFiles() {
        // Tests run as root, where chmod does not deny reads: a folder where a file is expected
        // gives the same "cannot read" path through the importer.
        const QString root = newDir();
        writeFile(root + q("/0/meta.yaml"), tests::experimentMeta("0", "Default"));
        const QByteArray id = tests::runIdFor(30);
        QDir().mkpath(root + q("/0/") + q(id) + q("/meta.yaml"));
        const QByteArray ok = tests::runIdFor(31);
        writeFile(root + q("/0/") + q(ok) + q("/meta.yaml"), tests::runMeta(ok, "0", "ok"));
        const QString denied = root + q("/0/") + q(ok) + q("/metrics/denied");
        writeFile(denied, "1 1 0\n");
        const bool canDeny = ::geteuid() != 0;
        if (canDeny)
            QFile::setPermissions(denied, QFileDevice::Permissions());
        const ImportSummary s = importInto(newCache(), {root});
        QCOMPARE(s.runs, 1);
        QVERIFY(std::any_of(s.problems.begin(), s.problems.end(), [&](const core::Problem &p) {
            return p.path.endsWith(q(id) + q("/meta.yaml")) && p.message.contains(u"not a regular");
        }));
        if (canDeny)
            QVERIFY(std::any_of(s.problems.begin(), s.problems.end(),
                                [&](const core::Problem &p) { return p.path == denied; }));
        else
            qInfo("running as root: chmod 000 does not deny reads, permission case simulated "
                  "with a folder in place of meta.yaml only");
    }

    void emptyFolderMissingPathAndDuplicates() {
        const QString empty = newDir();
        ImportSummary s = importInto(newCache(), {empty});
        QVERIFY(s.ok());
        QCOMPARE(s.runs, 0);
        QVERIFY(s.problems.isEmpty());

        const QString missing = m_tmp.filePath(QStringLiteral("no/such/folder"));
        s = importInto(newCache(), {missing});
        QCOMPARE(s.fatalError,
                 QStringLiteral("Cannot import %1: no such file or folder").arg(missing));

        const QString notADatabase = m_tmp.filePath(QStringLiteral("garbage.sqlite"));
        writeFile(notADatabase, QByteArray(4096, 'g'));
        s = importInto(notADatabase, {empty});
        QVERIFY(!s.ok());
        QVERIFY2(s.fatalError.contains(notADatabase), qPrintable(s.fatalError));

        const QString root = newDir();
        writeFile(root + q("/0/meta.yaml"), tests::experimentMeta("0", "Default"));
        const QByteArray id = tests::runIdFor(40);
        writeFile(root + q("/0/") + q(id) + q("/meta.yaml"), tests::runMeta(id, "0", "r"));
        const QString cache = newCache();
        s = importInto(cache, {root, root + q("/"), root + q("/0/..")});
        QCOMPARE(s.runs, 1);
        QCOMPARE(store::Cache::open(cache)->sources(), QStringList{root});
        QCOMPARE(ImportJob::normalizeSource(root + q("//0/../")), root);
    }

    void singleRunFolderAsRoot() {
        const QString root = newDir();
        writeFile(root + q("/9/meta.yaml"), tests::experimentMeta("9", "nine"));
        const QByteArray id = tests::runIdFor(41);
        const QString run = root + q("/9/") + q(id);
        writeFile(run + q("/meta.yaml"), tests::runMeta(id, "9", "r"));
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {run});
        QCOMPARE(s.runs, 1);
        const core::Run r = loadSorted(cache).at(0);
        QCOMPARE(r.path, QString());
        QCOMPARE(r.sourceRoot, run);
        QCOMPARE(r.experiment, QStringLiteral("nine"));
    }
};

QTEST_GUILESS_MAIN(TestMlflowImporter)
#include "tst_mlflowimporter.moc"
