// SPDX-License-Identifier: GPL-3.0-or-later
// ImportWorker: queued signals, cancel, queued requests.

#include "sources/importworker.h"
#include "storebuilder.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens;
using namespace runlens::sources;

class TestImportWorker : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_store;

private Q_SLOTS:
    void initTestCase() {
        m_store = m_tmp.filePath(QStringLiteral("store"));
        tests::generateStore(m_store, 1500, 5, 5, 50);
    }

    void runsAndReports() {
        ImportWorker worker;
        QSignalSpy started(&worker, &ImportWorker::started);
        QSignalSpy progress(&worker, &ImportWorker::progress);
        QSignalSpy finished(&worker, &ImportWorker::finished);
        worker.start({m_tmp.filePath(QStringLiteral("a.sqlite")), {m_store}, 2});
        QVERIFY(worker.isRunning());
        QCOMPARE(started.size(), 1);
        QVERIFY(finished.wait(60000));
        QVERIFY(!worker.isRunning());
        QVERIFY(progress.size() >= 1);
        const auto last = progress.last().at(0).value<ImportProgress>();
        QCOMPARE(last.runsDone, 1500);
        const auto summary = finished.at(0).at(0).value<ImportSummary>();
        QVERIFY(summary.ok());
        QCOMPARE(summary.runs, 1500);
        QVERIFY(!summary.cancelled);
    }

    void cancelStops() {
        ImportWorker worker;
        QSignalSpy progress(&worker, &ImportWorker::progress);
        QSignalSpy finished(&worker, &ImportWorker::finished);
        worker.start({m_tmp.filePath(QStringLiteral("b.sqlite")), {m_store}, 2});
        QVERIFY(progress.wait(30000));
        worker.cancel();
        QVERIFY(finished.wait(30000));
        const auto summary = finished.at(0).at(0).value<ImportSummary>();
        QVERIFY(summary.cancelled);
        QVERIFY(summary.runs < 1500);
    }

    void startWhileRunningQueues() {
        ImportWorker worker;
        QSignalSpy finished(&worker, &ImportWorker::finished);
        const QString cache = m_tmp.filePath(QStringLiteral("c.sqlite"));
        worker.start({cache, {m_store}, 2});
        worker.start({cache, {m_store}, 2});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
        const auto second = finished.at(1).at(0).value<ImportSummary>();
        QCOMPARE(second.unchanged, 1500);
    }

    void destructorCancelsAndWaits() {
        auto worker = std::make_unique<ImportWorker>();
        QSignalSpy progress(worker.get(), &ImportWorker::progress);
        worker->start({m_tmp.filePath(QStringLiteral("d.sqlite")), {m_store}, 2});
        QVERIFY(progress.wait(30000));
        worker.reset(); // must not crash or hang
    }
};

QTEST_GUILESS_MAIN(TestImportWorker)
#include "tst_importworker.moc"
