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

    void parseMetaFastPathMatchesYamlCpp() {
        // The fast path for flat files must give exactly what yaml-cpp gives, and hand anything
        // it does not fully understand to yaml-cpp.
        const char *const cases[] = {
            "artifact_uri: file:///x/y/artifacts\nend_time: 1758926857213\nentry_point_name: ''\n"
            "experiment_id: '1015'\nlifecycle_stage: active\n"
            "run_id: 013119de46d7490fbceca4021b391668\nrun_name: crisp-boar-145\n"
            "run_uuid: 013119de46d7490fbceca4021b391668\nsource_name: ''\nsource_type: 4\n"
            "source_version: ''\nstart_time: 1758926085657\nstatus: 3\ntags: []\nuser_id: dana\n",
            "experiment_id: '5'\nname: runs/phase1\nlifecycle_stage: deleted\n",
            "run_id: abc\nrun_name: 'it''s'\nstatus: FINISHED\nend_time: null\nstart_time: ~\n",
            "run_id: abc\nrun_name:\nstatus: -1\nstart_time: 3.0\n",
            "run_id: abc\nrun_name: a # comment\n",
            "run_id: abc\nrun_name: \"quoted \\u00e9\"\n",
            "run_id: abc\nrun_name: x\nrun_name: y\n",
            "run_id: abc\ntags:\n- a\n- b\nstatus: 4\n",
            "run_id: abc\nparams:\n  lr: 1\nstatus: 2\n",
            "run_id: abc\r\nstatus: 2\r\n",
            "# header\nrun_id: abc\n",
            "---\nrun_id: abc\n",
            "run_id: abc\nrun_name: 'open\n  continued'\n",
            "run_id: abc\nrun_name: plain\n  continued\n",
            "run_id: ''\nrun_uuid: def\n",
            "run_id: ''\n",
            "model_id: m-1\nexperiment_id: '5'\n",
            "run_id: abc\nrun_name: Null\nexperiment_id: '0'\n",
            "run_id: abc\nrun_name: {a: 1}\n",
            "run_id: abc\nrun_name: [1, 2\n",
            "run_id: abc\nstatus: !!int 3\n",
            "just a string",
            "run_id: abc\nrun_name: a:b\nname: x:\n",
        };
        for (const char *text : cases) {
            const mlflow::Meta fast = mlflow::parseMeta(text);
            const mlflow::Meta full = mlflow::parseMetaFull(text);
            QCOMPARE(int(fast.kind), int(full.kind));
            QCOMPARE(fast.runId, full.runId);
            QCOMPARE(fast.runName, full.runName);
            QCOMPARE(fast.status, full.status);
            QCOMPARE(fast.startMs, full.startMs);
            QCOMPARE(fast.endMs, full.endMs);
            QCOMPARE(fast.experimentId, full.experimentId);
            QCOMPARE(fast.deleted, full.deleted);
            QCOMPARE(fast.name, full.name);
            QCOMPARE(fast.error, full.error);
            QCOMPARE(fast.line, full.line);
        }
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
        RunLocation loc;
        loc.importer = QStringLiteral("mlflow");
        loc.absPath = run;
        loc.relPath = QStringLiteral("0/") + q(id);
        loc.group = QStringLiteral("Default");
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
