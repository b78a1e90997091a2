// SPDX-License-Identifier: GPL-3.0-or-later
// Every format in one import: the whole tree of real fixtures and the demo folder, which mixes
// every format RunLens reads. Checks that each tool's runs land in one table, that a run folder
// holding several sources becomes one run, and that a second import reads nothing.

#include "core/runfilter.h"
#include "demo/demofolder.h"
#include "importtestutil.h"
#include "sources/importer.h"
#include "testutils.h"

#include <QDir>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens;

namespace {

QSet<QString> formatsOf(const core::Runs &runs) {
    QSet<QString> formats;
    for (const core::Run &r : runs)
        formats.insert(r.format);
    return formats;
}

QSet<QString> allImporterIds() {
    QSet<QString> ids;
    for (const sources::Importer *i : sources::importers())
        ids.insert(i->id());
    return ids;
}

/// The Run::format values runs can have: MLflow's SQLite store gives "mlflow" runs too, so
/// one filter term covers both MLflow backends.
QSet<QString> allFormats() {
    QSet<QString> formats = allImporterIds();
    formats.remove(QStringLiteral("mlflow-db"));
    return formats;
}

const core::Run *runAt(const core::Runs &runs, const QString &path) {
    for (const core::Run &r : runs) {
        if (r.path == path)
            return &r;
    }
    return nullptr;
}

} // namespace

class TestMixedFolder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void registryIdsAreUnique() {
        QStringList ids;
        for (const sources::Importer *i : sources::importers())
            ids << i->id();
        QCOMPARE(ids.size(), allImporterIds().size());
        QCOMPARE(ids.size(), 17);
        for (const QString &id : ids)
            QCOMPARE(sources::importerById(id)->id(), id);
    }

    void demoFolderShowsEveryFormat() {
        QTemporaryDir tmp;
        demo::DemoOptions options;
        options.runs = 24;
        options.steps = 30;
        options.metrics = 6;
        options.params = 8;
        QString error;
        QVERIFY2(demo::writeDemoFolder(tmp.path(), options, {}, &error), qPrintable(error));
        const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
        const QString root = tmp.path();
        sources::ImportSummary first = tests::importInto(cache, {root});
        QVERIFY2(first.ok(), qPrintable(first.fatalError));
        QVERIFY2(first.problems.isEmpty(), qPrintable(tests::dumpProblems(first.problems)));
        const core::Runs runs = tests::loadSorted(cache);
        // Every importer has runs in the demo: the demo writes every format RunLens reads.
        QCOMPARE(formatsOf(runs), allFormats());
        QVERIFY(std::any_of(runs.begin(), runs.end(), [](const core::Run &r) {
            return r.path.startsWith(u"mlflow-db/") && r.format == u"mlflow";
        }));
        QSet<QString> keys;
        for (const core::Run &r : runs) {
            QVERIFY2(!r.name.isEmpty(), qPrintable(r.path));
            QVERIFY2(!keys.contains(r.key), qPrintable(r.key));
            keys.insert(r.key);
            if (r.format != u"optuna" && r.format != u"kedro")
                QVERIFY2(!r.metrics.empty(), qPrintable(r.format + u' ' + r.path));
        }
        QVERIFY(runs.size() > size_t(options.runs + 16 * 2));

        // The Format column's filter term picks one tool's runs.
        const core::RunFilter filter =
            core::RunFilter::parse(QStringLiteral("attributes.format = 'tensorboard'"));
        const auto tensorboard = std::count_if(
            runs.begin(), runs.end(), [&](const core::Run &r) { return filter.matches(r); });
        QVERIFY(tensorboard > 0);
        QCOMPARE(tensorboard, std::count_if(runs.begin(), runs.end(), [](const core::Run &r) {
                     return r.format == u"tensorboard";
                 }));

        // Nothing changed: the second import reads no finished run again (a run its tool
        // marks RUNNING may be re-read to notice it died: Sacred's heartbeat).
        const sources::ImportSummary second = tests::importInto(cache, {root});
        QCOMPARE(second.runs, first.runs);
        const auto running = std::count_if(runs.begin(), runs.end(), [](const core::Run &r) {
            return r.status == core::RunStatus::Running;
        });
        QVERIFY(running > 0);
        QVERIFY2(second.runs - second.unchanged <= running,
                 qPrintable(QStringLiteral("%1 of %2 runs read again")
                                .arg(second.runs - second.unchanged)
                                .arg(second.runs)));
    }

    void realFixturesImportTogether() {
        RUNLENS_REQUIRE_FIXTURES();
        QTemporaryDir tmp;
        const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
        const QString root = tests::fixturesDir();
        const sources::ImportSummary first = tests::importInto(cache, {root});
        QVERIFY2(first.ok(), qPrintable(first.fatalError));
        for (const core::Problem &p : first.problems) {
            QVERIFY2(!p.path.isEmpty() && !p.message.isEmpty(),
                     qPrintable(tests::dumpProblems({p})));
        }
        const core::Runs runs = tests::loadSorted(cache);
        QSet<QString> keys;
        for (const core::Run &r : runs) {
            QVERIFY2(!keys.contains(r.key), qPrintable(r.key + u' ' + r.path));
            keys.insert(r.key);
        }
        // Every format with real samples (the shared fixtures hold no plain CSV or JSONL logs;
        // their tests build their own).
        QSet<QString> sampled = allFormats();
        sampled.remove(QStringLiteral("csv"));
        sampled.remove(QStringLiteral("jsonl"));
        QCOMPARE(formatsOf(runs), sampled);

        // A Hydra job holding a Lightning CSV logger and a TensorBoard logger is one run:
        // config from .hydra, metrics from both logs under their folder names.
        const core::Run *job = runAt(runs, QStringLiteral("hydra/cr21-lightning-multirun/multiruns/"
                                                          "2024-10-21_01-22-30/0"));
        QVERIFY(job);
        QCOMPARE(job->format, QStringLiteral("hydra"));
        QVERIFY(job->metric(QStringLiteral("csv_logs/val/loss")));
        QVERIFY(job->metric(QStringLiteral("tensorboard_logs/val/loss")) ||
                job->metric(QStringLiteral("tensorboard_logs/val_loss")));
        for (const core::Run &r : runs) {
            QVERIFY2(!r.path.startsWith(job->path + u'/'),
                     qPrintable(r.path + QStringLiteral(" should be part of ") + job->path));
        }

        const sources::ImportSummary second = tests::importInto(cache, {root});
        QCOMPARE(second.runs, first.runs);
        QCOMPARE(second.unchanged, second.runs);
        QCOMPARE(second.series, 0);
    }
};

QTEST_GUILESS_MAIN(TestMixedFolder)
#include "tst_mixedfolder.moc"
