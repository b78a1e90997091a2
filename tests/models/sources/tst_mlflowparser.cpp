// SPDX-License-Identifier: GPL-3.0-or-later
// The MLflow byte parsers and the scanner, without a cache.

#include "sources/mlflowimporter.h"
#include "sources/mlflowparser.h"
#include "sources/scanner.h"
#include "storebuilder.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace runlens;
using namespace runlens::sources;
using runlens::tests::q;
using runlens::tests::writeFile;

class TestMlflowParser : public QObject {
    Q_OBJECT

private:
    static mlflow::MetricParseResult parse(std::string_view s) {
        mlflow::MetricParseResult r;
        mlflow::parseMetricLines(s, r);
        return r;
    }

private Q_SLOTS:
    void threeFieldLines() {
        const auto r = parse("1600000000000 0.25 0\n1600000000001 1e-05 1\n1600000000002 5 2\n");
        QCOMPARE(r.points.size(), size_t(3));
        QCOMPARE(r.points[0].timeMs, 1600000000000LL);
        QCOMPARE(r.points[0].value, 0.25);
        QCOMPARE(r.points[1].value, 1e-05);
        QCOMPARE(r.points[2].value, 5.0);
        QCOMPARE(r.points[2].step, 2);
        QCOMPARE(r.consumed, qint64(std::string_view("1600000000000 0.25 0\n1600000000001 1e-05 "
                                                     "1\n1600000000002 5 2\n")
                                        .size()));
        QVERIFY(r.bad.empty());
    }

    void legacyTwoFieldsHaveStepZero() {
        const auto r = parse("1500000000000 0.5\n1500000000001 0.75\n");
        QCOMPARE(r.points.size(), size_t(2));
        QCOMPARE(r.points[1].step, 0);
        QCOMPARE(r.points[1].value, 0.75);
    }

    void nonFiniteAnyCase() {
        const auto r = parse("1 nan 0\n2 NaN 1\n3 inf 2\n4 -inf 3\n5 Infinity 4\n6 -INF 5\n");
        QCOMPARE(r.points.size(), size_t(6));
        QVERIFY(std::isnan(r.points[0].value));
        QVERIFY(std::isnan(r.points[1].value));
        QCOMPARE(r.points[2].value, std::numeric_limits<double>::infinity());
        QCOMPARE(r.points[3].value, -std::numeric_limits<double>::infinity());
        QCOMPARE(r.points[4].value, std::numeric_limits<double>::infinity());
        QCOMPARE(r.points[5].value, -std::numeric_limits<double>::infinity());
        QVERIFY(r.bad.empty());
    }

    void crlfAndBlankLines() {
        const auto r = parse("1 0.5 0\r\n\r\n2 0.25 1\r\n");
        QCOMPARE(r.points.size(), size_t(2));
        QCOMPARE(r.points[1].value, 0.25);
        QVERIFY(r.bad.empty());
        QCOMPARE(r.consumed, qint64(std::string_view("1 0.5 0\r\n\r\n2 0.25 1\r\n").size()));
    }

    void emptyInput() {
        const auto r = parse("");
        QVERIFY(r.points.empty());
        QCOMPARE(r.consumed, 0);
    }

    void partialLastLineIsNotConsumed() {
        const std::string_view data = "1 0.5 0\n2 0.2";
        const auto r = parse(data);
        QCOMPARE(r.points.size(), size_t(1));
        QCOMPARE(r.consumed, qint64(8));
    }

    void garbageLineIsReportedAndSkipped() {
        const auto r = parse("1 0.5 0\ngarbage!\n3 abc 2\n4 0.1 x\n5 0.75 4\n");
        QCOMPARE(r.points.size(), size_t(2));
        QCOMPARE(r.points[1].value, 0.75);
        QCOMPARE(r.bad.size(), size_t(3));
        QCOMPARE(r.bad[0].line, 2);
        QCOMPARE(r.bad[0].offset, 8);
        QVERIFY(r.bad[0].reason.contains(u"field"));
        QCOMPARE(r.bad[1].line, 3);
        QVERIFY(r.bad[1].reason.contains(u"abc"));
        QCOMPARE(r.bad[2].line, 4);
    }

    void parseMetaRun() {
        const auto m = mlflow::parseMeta("artifact_uri: file:///x\nend_time: null\n"
                                         "experiment_id: '0'\nlifecycle_stage: deleted\n"
                                         "run_uuid: 0123456789abcdef0123456789abcdef\n"
                                         "start_time: 1600000000000\n");
        QCOMPARE(m.kind, mlflow::MetaKind::Run);
        QCOMPARE(m.runId, QStringLiteral("0123456789abcdef0123456789abcdef"));
        QCOMPARE(m.status, 1); // missing -> RUNNING
        QCOMPARE(m.endMs, 0);
        QCOMPARE(m.startMs, 1600000000000LL);
        QVERIFY(m.deleted);
        QCOMPARE(m.experimentId, QStringLiteral("0"));
    }

    void parseMetaExperimentAndModel() {
        const auto e = mlflow::parseMeta("experiment_id: '5'\nname: runs/phase1\n");
        QCOMPARE(e.kind, mlflow::MetaKind::Experiment);
        QCOMPARE(e.name, QStringLiteral("runs/phase1"));
        const auto m = mlflow::parseMeta("experiment_id: '5'\nmodel_id: m-1\nname: model\n");
        QCOMPARE(m.kind, mlflow::MetaKind::Model);
    }

    void parseMetaBrokenAndEmpty() {
        const auto b = mlflow::parseMeta("run_id: abc\nstatus: [1, 2\nname: x\n");
        QCOMPARE(b.kind, mlflow::MetaKind::Broken);
        QVERIFY(b.line > 0);
        QVERIFY(!b.error.isEmpty());
        QCOMPARE(mlflow::parseMeta("").kind, mlflow::MetaKind::Empty);
        QCOMPARE(mlflow::parseMeta("just a string").kind, mlflow::MetaKind::Broken);
    }

    void parseMetaPythonTagsDoNotCrash() {
        const auto m = mlflow::parseMeta("run_id: 0123456789abcdef0123456789abcdef\n"
                                         "shape: !!python/tuple [1, 2]\n"
                                         "obj: !!python/object:foo.Bar {a: 1}\nstatus: 3\n");
        QCOMPARE(m.kind, mlflow::MetaKind::Run);
        QCOMPARE(m.status, 3);
    }

    void runIdShape() {
        QVERIFY(MlflowImporter::looksLikeRunId(u"0123456789abcdef0123456789abcdef"));
        QVERIFY(!MlflowImporter::looksLikeRunId(u"0123456789abcdef0123456789abcdeg"));
        QVERIFY(!MlflowImporter::looksLikeRunId(u"datasets"));
    }

    void scannerFindsStoresAndSkipsNonRuns() {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString store = tmp.path() + QStringLiteral("/project/mlflow");
        writeFile(store + QStringLiteral("/1/meta.yaml"), tests::experimentMeta("1", "exp one"));
        const QByteArray a = tests::runIdFor(1), b = tests::runIdFor(2), c = tests::runIdFor(3);
        writeFile(store + q("/1/") + q(a) + q("/meta.yaml"), tests::runMeta(a, "1", "a"));
        writeFile(store + q("/1/") + q(b) + q("/meta.yaml"), tests::runMeta(b, "1", "b"));
        // non-runs beside the runs
        writeFile(store + q("/1/datasets/") + q(c) + q("/meta.yaml"), "digest: x\nname: ds\n");
        writeFile(store + QStringLiteral("/1/tags/mlflow.note"), "x");
        // a store inside artifacts is not scanned
        writeFile(store + q("/1/") + q(a) + q("/artifacts/mlruns/2/meta.yaml"),
                  tests::experimentMeta("2", "nested"));
        // a symlink loop inside artifacts
        QVERIFY(QFile::link(store + QStringLiteral("/1"),
                            store + q("/1/") + q(a) + q("/artifacts/loop")));
        // a symlink loop outside any store
        QVERIFY(QFile::link(tmp.path() + QStringLiteral("/project"),
                            tmp.path() + QStringLiteral("/project/loop")));
        // an orphan experiment folder and the trash
        writeFile(store + QStringLiteral("/7/models/m-1/meta.yaml"),
                  "experiment_id: '7'\nmodel_id: m-1\nname: model\n");
        writeFile(store + QStringLiteral("/.trash/3/meta.yaml"), tests::experimentMeta("3", "old"));
        writeFile(store + q("/.trash/3/") + q(c) + q("/meta.yaml"), tests::runMeta(c, "3", "c"));

        core::Problems problems;
        std::atomic_bool cancel{false};
        ScanContext context{tmp.path(), &problems, &cancel};
        std::vector<RunLocation> found;
        QVERIFY(Scanner().scan(tmp.path(), context,
                               [&](RunLocation &&loc) { found.push_back(std::move(loc)); }));
        std::sort(found.begin(), found.end(),
                  [](const auto &x, const auto &y) { return x.relPath < y.relPath; });
        QCOMPARE(found.size(), size_t(3));
        QCOMPARE(found[0].relPath, QStringLiteral("project/mlflow/.trash/3/") + q(c));
        QVERIFY(found[0].deleted);
        QCOMPARE(found[0].group, QStringLiteral("old"));
        QCOMPARE(found[1].relPath, QStringLiteral("project/mlflow/1/") + q(a));
        QCOMPARE(found[1].group, QStringLiteral("exp one"));
        QVERIFY(!found[1].deleted);
        QVERIFY(problems.isEmpty());
    }

    void readWithoutPreviousBuildsTheRun() {
        QTemporaryDir tmp;
        const QByteArray id = tests::runIdFor(9);
        const QString run = tmp.path() + QStringLiteral("/0/") + q(id);
        writeFile(run + QStringLiteral("/meta.yaml"), tests::runMeta(id, "0", QByteArray()));
        writeFile(run + QStringLiteral("/params/lr"), "0.001");
        writeFile(run + QStringLiteral("/params/hyperparameters.max_depth"), "6");
        writeFile(run + QStringLiteral("/tags/mlflow.runName"), "named by tag");
        writeFile(run + QStringLiteral("/metrics/train/loss"), "1 0.5 0\n2 0.25 1\n3 0.1");
        RunLocation loc{QStringLiteral("mlflow"), run, QStringLiteral("0/") + q(id),
                        QStringLiteral("Default"), false};
        std::atomic_bool cancel{false};
        const ReadResult r = MlflowImporter().read(loc, tmp.path(), nullptr, cancel);
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        const core::Run &x = r.update.run;
        QCOMPARE(x.name, QStringLiteral("named by tag"));
        QCOMPARE(x.key, QStringLiteral("mlflow:") + q(id));
        QCOMPARE(x.config.value(QStringLiteral("hyperparameters.max_depth")), QVariant(qint64(6)));
        QCOMPARE(x.config.value(QStringLiteral("lr")).toDouble(), 0.001);
        QVERIFY(x.metric(QStringLiteral("train/loss")));
        QCOMPARE(x.metric(QStringLiteral("train/loss"))->count, 2);
        QCOMPARE(r.update.series.size(), size_t(1));
        const auto it =
            std::find_if(r.update.files.begin(), r.update.files.end(),
                         [](const auto &f) { return f.relPath == u"metrics/train/loss"; });
        QVERIFY(it != r.update.files.end());
        QCOMPARE(it->offset, 17);
        QCOMPARE(it->size, 22);
        QCOMPARE(r.update.files.size(), size_t(5));
    }
};

QTEST_GUILESS_MAIN(TestMlflowParser)
#include "tst_mlflowparser.moc"
