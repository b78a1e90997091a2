// SPDX-License-Identifier: GPL-3.0-or-later
// ImportJob: progress, cancel, and a SIGKILL in the middle of an import.

#include "importtestutil.h"
#include "storebuilder.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <csignal>

using namespace runlens;
using namespace runlens::sources;
using runlens::tests::importInto;
using runlens::tests::loadSorted;

class TestImportJob : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_store;
    static constexpr int runs = 3000, params = 5, metrics = 5, steps = 50;

    /// Every run row is whole: all its series with all their points.
    static void verifyComplete(const QString &cachePath) {
        const auto cache = store::Cache::open(cachePath);
        QVERIFY(cache);
        for (const core::Run &r : cache->loadRuns()) {
            QCOMPARE(r.metrics.size(), size_t(metrics));
            QCOMPARE(r.config.size(), params);
            for (const core::MetricInfo &m : r.metrics) {
                QCOMPARE(m.summary.count, steps);
                QCOMPARE(qint64(cache->loadSeries(r.id, m.key).size()), qint64(steps));
            }
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_store = m_tmp.filePath(QStringLiteral("store"));
        tests::generateStore(m_store, runs, params, metrics, steps);
    }

    void progressIsReportedAndThrottled() {
        ImportOptions options{m_tmp.filePath(QStringLiteral("progress.sqlite")), {m_store}, 2};
        std::atomic_bool cancel{false};
        std::vector<ImportProgress> seen;
        QElapsedTimer t;
        t.start();
        const ImportSummary s =
            ImportJob(options).run(cancel, [&](const ImportProgress &p) { seen.push_back(p); });
        const qint64 ms = t.elapsed();
        QCOMPARE(s.runs, runs);
        QCOMPARE(s.points, qint64(runs) * metrics * steps);
        QVERIFY(!seen.empty());
        QCOMPARE(seen.back().runsDone, runs);
        QCOMPARE(seen.back().runsTotal, runs);
        QVERIFY(!seen.back().scanning);
        QVERIFY(seen.back().bytesRead > 0);
        QVERIFY2(qint64(seen.size()) <= ms / 40 + 2, qPrintable(QString::number(seen.size())));
    }

    void cancelStopsEarlyAndLeavesWholeRuns() {
        const QString cache = m_tmp.filePath(QStringLiteral("cancel.sqlite"));
        ImportOptions options{cache, {m_store}, 2};
        std::atomic_bool cancel{false};
        const ImportSummary s = ImportJob(options).run(cancel, [&](const ImportProgress &p) {
            if (p.runsDone > 50)
                cancel = true;
        });
        QVERIFY(s.cancelled);
        QVERIFY(s.runs < runs);
        verifyComplete(cache);
        // The cancelled source was not finished, so nothing was removed and a new import
        // completes it.
        const ImportSummary again = importInto(cache, {m_store});
        QCOMPARE(again.runs, runs);
        QCOMPARE(again.unchanged, s.runs);
        verifyComplete(cache);
    }

    void killMidImportLeavesConsistentCache() {
        const QString cache = m_tmp.filePath(QStringLiteral("killed.sqlite"));
        // Create the cache first: this test's polling connection must not race the helper's
        // creation of the file (switching a new file to WAL needs it alone).
        QVERIFY(store::Cache::open(cache));
        QProcess helper;
        helper.start(QStringLiteral(IMPORT_HELPER),
                     {QStringLiteral("import"), cache, m_store, QStringLiteral("2")});
        QVERIFY(helper.waitForStarted());
        // Wait until some runs are in, then kill without warning.
        qint64 before = 0;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 30000) {
            QThread::msleep(20);
            if (!QFile::exists(cache))
                continue;
            if (const auto c = store::Cache::open(cache)) {
                before = c->counts().runs;
                if (before >= 1)
                    break;
            }
        }
        if (helper.state() == QProcess::NotRunning || helper.waitForFinished(0))
            QSKIP("the helper finished before the kill; machine too fast for this store size");
        ::kill(pid_t(helper.processId()), SIGKILL);
        QVERIFY(helper.waitForFinished());
        if (helper.exitStatus() == QProcess::NormalExit && helper.exitCode() == 0)
            QSKIP("the helper finished just before the kill; machine too fast for this store size");
        QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
        const qint64 afterKill = store::Cache::open(cache)->counts().runs;
        qInfo() << "killed with" << afterKill << "of" << runs << "runs written";
        QVERIFY(afterKill > 0);
        if (afterKill >= runs)
            QSKIP("the helper finished before the kill; machine too fast for this store size");
        verifyComplete(cache);

        // A fresh job finishes it; the result equals a clean import.
        const ImportSummary resumed = importInto(cache, {m_store});
        QVERIFY(resumed.ok());
        QCOMPARE(resumed.runs, runs);
        QCOMPARE(resumed.unchanged, afterKill);
        verifyComplete(cache);
        const QString clean = m_tmp.filePath(QStringLiteral("clean.sqlite"));
        QCOMPARE(importInto(clean, {m_store}).runs, runs);
        core::Runs a = loadSorted(cache);
        core::Runs b = loadSorted(clean);
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            a[i].id = b[i].id = 0;
            QVERIFY2(a[i] == b[i], qPrintable(a[i].path));
        }
    }
};

QTEST_GUILESS_MAIN(TestImportJob)
#include "tst_importjob.moc"
