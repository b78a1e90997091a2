// SPDX-License-Identifier: GPL-3.0-or-later
// The config-source importers (Sacred, Hydra, Guild) through ImportJob into a real cache: every
// sample of shared/fixtures/real/{sacred,hydra,guild} checked against its files, hostile folders
// built here, and the scanner's claiming of log folders below their runs.

#include "core/configtree.h"
#include "demo/democonfig.h"
#include "importtestutil.h"
#include "sources/crc32c.h"
#include "sources/guildimporter.h"
#include "sources/hydraimporter.h"
#include "sources/sacredimporter.h"
#include "sources/scanner.h"
#include "sources/treeparse.h"
#include "storebuilder.h"
#include "testutils.h"

#include <QDateTime>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <unistd.h>

using namespace runlens;
using namespace runlens::sources;
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

core::Runs runsOf(const core::Runs &all, const QString &format) {
    core::Runs out;
    for (const core::Run &r : all) {
        if (r.format == format)
            out.push_back(r);
    }
    return out;
}

const core::Run *runAt(const core::Runs &runs, const QString &path) {
    for (const core::Run &r : runs) {
        if (r.path == path)
            return &r;
    }
    return nullptr;
}

/// Problems about the files these importers read (after the merge other importers read the log
/// folders of the same samples; their problems are theirs to test).
core::Problems ownProblems(const core::Problems &all) {
    core::Problems own;
    for (const core::Problem &p : all) {
        const QString name = p.path.section(u'/', -1);
        if (name == u"run.json" || name == u"config.json" || name == u"metrics.json" ||
            p.path.contains(u"/.hydra/") || p.path.contains(u"/.guild/attrs/") ||
            p.path.endsWith(u"/.guild/opref"))
            own.append(p);
    }
    return own;
}

qint64 isoUtcMs(const QString &text) {
    // Sacred writes microseconds; the importer keeps whole milliseconds (truncated).
    QDateTime t = QDateTime::fromString(text.left(23), Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

core::RunStatus sacredStatus(const QString &name) {
    if (name == u"COMPLETED")
        return core::RunStatus::Finished;
    if (name == u"FAILED")
        return core::RunStatus::Failed;
    if (name == u"INTERRUPTED")
        return core::RunStatus::Killed;
    return core::RunStatus::Unknown;
}

/// A JSON value of config.json compared with the imported one.
bool sameValue(const QJsonValue &want, const QVariant &got) {
    switch (want.type()) {
    case QJsonValue::Bool:
        return got.typeId() == QMetaType::Bool && got.toBool() == want.toBool();
    case QJsonValue::Double:
        return (got.typeId() == QMetaType::Double || got.typeId() == QMetaType::LongLong) &&
               got.toDouble() == want.toDouble();
    case QJsonValue::String:
        return got.typeId() == QMetaType::QString && got.toString() == want.toString();
    case QJsonValue::Null:
        return !got.isValid();
    default:
        return false;
    }
}

/// Series of a metrics.json as the test reads it: key -> (count, value of the latest point).
struct ExpectedSeries {
    qint64 count = 0;
    double last = 0;
    qint64 lastStep = std::numeric_limits<qint64>::min();
    qint64 lastTime = std::numeric_limits<qint64>::min();
    void add(qint64 step, qint64 time, double value) {
        ++count;
        if (step > lastStep || (step == lastStep && time >= lastTime)) {
            lastStep = step;
            lastTime = time;
            last = value;
        }
    }
};

QMap<QString, ExpectedSeries> expectedSacredMetrics(const QString &file) {
    QMap<QString, ExpectedSeries> out;
    const QJsonObject root = QJsonDocument::fromJson(readAll(file)).object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        const QJsonObject m = it.value().toObject();
        const QJsonArray steps = m.value(u"steps").toArray();
        const QJsonArray times = m.value(u"timestamps").toArray();
        const QJsonArray values = m.value(u"values").toArray();
        for (qsizetype i = 0; i < values.size(); ++i) {
            const qint64 step = steps.at(i).toInteger();
            const qint64 time = isoUtcMs(times.at(i).toString());
            if (values.at(i).isArray()) {
                const QJsonArray parts = values.at(i).toArray();
                for (qsizetype j = 0; j < parts.size(); ++j)
                    out[it.key() + u'[' + QString::number(j) + u']'].add(step, time,
                                                                         parts.at(j).toDouble());
            } else {
                out[it.key()].add(step, time, values.at(i).toDouble());
            }
        }
    }
    return out;
}

/// The overrides of a Hydra job as the test reads overrides.yaml: "- item" lines joined by ",".
QString expectedOverrides(const QString &file) {
    QStringList items;
    for (const QByteArray &line : readAll(file).split('\n')) {
        if (line.startsWith("- "))
            items << q(line.mid(2).trimmed());
    }
    return items.join(u',');
}

/// A log source for the scanner tests: a folder holding *.tfevents* or metrics.csv is a log
/// run. Stands in for the TensorBoard and CSV importers of other branches.
class FakeLogImporter final : public Importer {
public:
    QString id() const override { return QStringLiteral("fakelog"); }
    QString displayName() const override { return id(); }
    bool isLogSource() const override { return true; }
    bool sniff(const FolderListing &folder) const override {
        for (const FolderEntry &e : folder.entries) {
            if (e.isFile && (e.name.contains(u"tfevents") || e.name == u"metrics.csv"))
                return true;
        }
        return false;
    }
    FolderClaim scanFolder(const FolderListing &folder, ScanContext &) const override {
        FolderClaim claim;
        claim.runs.push_back(
            RunLocation{id(), folder.absPath, folder.relPath, {}, false, false, {}, {}, {}});
        return claim;
    }
    ReadResult read(const RunLocation &, const QString &, const PreviousState &,
                    const std::atomic_bool &) const override {
        return {};
    }
    using Importer::read;
};

std::vector<RunLocation> scanWith(const QString &root, std::vector<const Importer *> importers,
                                  core::Problems *problems = nullptr) {
    std::vector<RunLocation> found;
    core::Problems local;
    ScanContext context{root, problems ? problems : &local, nullptr};
    Scanner(std::move(importers)).scan(root, context, [&](RunLocation &&loc) {
        found.push_back(std::move(loc));
    });
    std::sort(found.begin(), found.end(), [](const RunLocation &a, const RunLocation &b) {
        return a.importer == b.importer ? a.relPath < b.relPath : a.importer < b.importer;
    });
    return found;
}

QStringList partPaths(const RunLocation &loc) {
    QStringList paths;
    for (const RunPart &p : loc.parts)
        paths << p.importer + u':' + p.relPath;
    paths.sort();
    return paths;
}

QByteArray sacredRunJson(const QByteArray &status, const QByteArray &experiment,
                         const QByteArray &heartbeat = "2024-05-01T11:00:05.000000") {
    return "{\n  \"command\": \"main\",\n  \"experiment\": {\n    \"name\": \"" + experiment +
           "\"\n  },\n  \"heartbeat\": \"" + heartbeat +
           "\",\n  \"host\": {\n    \"hostname\": \"box\"\n  },\n"
           "  \"start_time\": \"2024-05-01T11:00:00.000000\",\n  \"status\": \"" +
           status + "\",\n  \"stop_time\": \"2024-05-01T11:00:04.000000\"\n}";
}

const QByteArray hydraYaml = "hydra:\n  mode: RUN\n  job:\n    name: train\n    id: ???\n"
                             "    num: ???\n  runtime:\n    version: 1.3.2\n";

void writeHydraRun(const QString &dir, const QByteArray &config, const QByteArray &overrides) {
    writeFile(dir + QStringLiteral("/.hydra/config.yaml"), config);
    writeFile(dir + QStringLiteral("/.hydra/hydra.yaml"), hydraYaml);
    writeFile(dir + QStringLiteral("/.hydra/overrides.yaml"), overrides);
}

} // namespace

class TestConfigSources : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;
    QString newCache() { return m_tmp.filePath(QStringLiteral("cache%1.sqlite").arg(++m_n)); }
    QString newDir() {
        const QString d = m_tmp.filePath(QStringLiteral("src%1").arg(++m_n));
        QDir().mkpath(d);
        return d;
    }

private Q_SLOTS:
    // --- Sacred fixtures --------------------------------------------------------------------

    void sacredFixtures_data() {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("failed");
        QTest::addColumn<int>("killed");
        QTest::addColumn<int>("withMetrics");
        QTest::newRow("abefetterman") << QStringLiteral("abefetterman-2018") << 1 << 1 << 0 << 0;
        QTest::newRow("aida-ugent") << QStringLiteral("aida-ugent-tgne") << 8 << 0 << 0 << 8;
        QTest::newRow("joefarrington")
            << QStringLiteral("joefarrington-example") << 1 << 0 << 0 << 0;
        QTest::newRow("mandark97")
            << QStringLiteral("mandark97-lyrics-2019") << 44 << 13 << 3 << 28;
        QTest::newRow("manuel-rhdt") << QStringLiteral("manuel-rhdt-ml-pws") << 7 << 2 << 0 << 5;
    }

    void sacredFixtures() {
        RUNLENS_REQUIRE_FIXTURES("sacred");
        QFETCH(QString, sample);
        QFETCH(int, runs);
        QFETCH(int, failed);
        QFETCH(int, killed);
        QFETCH(int, withMetrics);
        const QString root = tests::fixturesDir() + QStringLiteral("/sacred/") + sample;
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        QVERIFY2(ownProblems(s.problems).isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Runs all = runsOf(loadSorted(cache), QStringLiteral("sacred"));
        QCOMPARE(qsizetype(all.size()), qsizetype(runs));
        auto countIf = [&](core::RunStatus st) {
            return int(std::count_if(all.begin(), all.end(),
                                     [&](const core::Run &r) { return r.status == st; }));
        };
        QCOMPARE(countIf(core::RunStatus::Failed), failed);
        QCOMPARE(countIf(core::RunStatus::Killed), killed);
        QCOMPARE(countIf(core::RunStatus::Finished), runs - failed - killed);

        const auto c = store::Cache::open(cache);
        QVERIFY(c);
        int nWithMetrics = 0;
        for (const core::Run &run : all) {
            const QString dir = run.absolutePath();
            const QString id = dir.section(u'/', -1);
            const QJsonObject runJson =
                QJsonDocument::fromJson(readAll(dir + QStringLiteral("/run.json"))).object();
            const QString experiment =
                runJson.value(u"experiment").toObject().value(u"name").toString();
            QCOMPARE(run.experiment, experiment);
            QCOMPARE(run.name, experiment + QStringLiteral(" #") + id);
            QCOMPARE(run.uid, run.path);
            QCOMPARE(run.key, QStringLiteral("sacred:") + run.path);
            QCOMPARE(run.tags.value(QStringLiteral("sacred.id")), id);
            QCOMPARE(run.status, sacredStatus(runJson.value(u"status").toString()));
            QCOMPARE(run.startMs, isoUtcMs(runJson.value(u"start_time").toString()));
            QCOMPARE(run.endMs, isoUtcMs(runJson.value(u"stop_time").toString()));
            QCOMPARE(run.tags.value(QStringLiteral("sacred.host")),
                     runJson.value(u"host").toObject().value(u"hostname").toString());
            if (run.status == core::RunStatus::Failed)
                QVERIFY(!run.tags.value(QStringLiteral("sacred.fail_trace")).isEmpty());

            // Every scalar of config.json, nested keys joined with '.'.
            const QJsonObject config =
                QJsonDocument::fromJson(readAll(dir + QStringLiteral("/config.json"))).object();
            QVERIFY(!config.isEmpty());
            std::function<void(const QJsonObject &, const QString &)> check =
                [&](const QJsonObject &o, const QString &prefix) {
                    for (auto it = o.begin(); it != o.end(); ++it) {
                        if (it.key().startsWith(u"py/"))
                            continue;
                        const QString key = prefix + it.key();
                        if (it.value().isObject()) {
                            check(it.value().toObject(), key + u'.');
                            continue;
                        }
                        if (it.value().isArray())
                            continue; // lists: spot-checked below
                        QVERIFY2(sameValue(it.value(), run.config.value(key)), qPrintable(key));
                    }
                };
            check(config, QString());
            QVERIFY(run.config.contains(QStringLiteral("seed")));

            // Every metric: count and value of the latest point, and the stored points.
            const QMap<QString, ExpectedSeries> metrics =
                expectedSacredMetrics(dir + QStringLiteral("/metrics.json"));
            QCOMPARE(qsizetype(run.metrics.size()), metrics.size());
            for (auto it = metrics.cbegin(); it != metrics.cend(); ++it) {
                const core::MetricSummary *m = run.metric(it.key());
                QVERIFY2(m, qPrintable(it.key()));
                QCOMPARE(m->count, it->count);
                QCOMPARE(m->last, it->last);
                QCOMPARE(m->lastStep, it->lastStep);
                QCOMPARE(qint64(c->loadSeries(run.id, it.key()).size()), it->count);
            }
            nWithMetrics += metrics.isEmpty() ? 0 : 1;
        }
        QCOMPARE(nWithMetrics, withMetrics);

        // A second import reads nothing.
        const ImportSummary again = importInto(cache, {root});
        QCOMPARE(again.unchanged, again.runs);
        QCOMPARE(again.points, 0);
    }

    void sacredFixtureValues() {
        RUNLENS_REQUIRE_FIXTURES("sacred");
        const QString root = tests::fixturesDir() + QStringLiteral("/sacred");
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(ownProblems(s.problems).isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Runs all = runsOf(loadSorted(cache), QStringLiteral("sacred"));
        QCOMPARE(qsizetype(all.size()), 61);

        const core::Run *iris = runAt(all, QStringLiteral("joefarrington-example/my_runs/1"));
        QVERIFY(iris);
        QCOMPARE(iris->name, QStringLiteral("iris_example #1"));
        QCOMPARE(iris->config.value(QStringLiteral("parameters.C[1]")).toLongLong(), 10);
        QCOMPARE(iris->config.value(QStringLiteral("parameters.kernel[1]")).toString(),
                 QStringLiteral("rbf"));
        QCOMPARE(iris->config.value(QStringLiteral("seed")).toLongLong(), 638422956);
        QCOMPARE(iris->tags.value(QStringLiteral("sacred.commit")),
                 QStringLiteral("8ffda498938a16c656fe5debecd07823c08ad382"));
        QVERIFY(iris->metrics.empty());

        const core::Run *dense = runAt(all, QStringLiteral("abefetterman-2018/logs/1"));
        QVERIFY(dense);
        QCOMPARE(dense->status, core::RunStatus::Failed);
        QCOMPARE(dense->config.value(QStringLiteral("args.lr")).toDouble(), 0.1);
        QVERIFY(!dense->config.contains(QStringLiteral("args.py/object")));
        QCOMPARE(dense->tags.value(QStringLiteral("sacred.fail_trace")),
                 QStringLiteral("AssertionError: Torch not compiled with CUDA enabled"));

        const core::Run *big = runAt(all, QStringLiteral("manuel-rhdt-ml-pws/runs/74"));
        QVERIFY(big);
        const core::MetricSummary *loss = big->metric(QStringLiteral("training.loss"));
        QVERIFY(loss);
        QCOMPARE(loss->count, 2000);
        QCOMPARE(loss->last, -0.6830701975822449);

        // Keras' evaluate() result [loss, accuracy] logged as one value.
        const core::Run *w2v = runAt(all, QStringLiteral("mandark97-lyrics-2019/my_runs/34"));
        QVERIFY(w2v);
        QCOMPARE(w2v->metric(QStringLiteral("pipeline_score[0]"))->last, 1.7086124859895808);
        QCOMPARE(w2v->metric(QStringLiteral("pipeline_score[1]"))->last, 0.4134845733642578);
        QCOMPARE(w2v->experiment, QStringLiteral("word 2 vec"));
        QCOMPARE(w2v->config.value(QStringLiteral("model_conf.n_estimators")).toLongLong(), 100);
    }

    // --- Sacred, hostile --------------------------------------------------------------------

    void sacredHostile() {
        const QString base = newDir() + QStringLiteral("/my_runs");
        // 1: NaN / Infinity, a Unicode experiment name.
        writeFile(base + QStringLiteral("/1/run.json"),
                  sacredRunJson("COMPLETED", "Expériences ✓ 実験"));
        writeFile(base + QStringLiteral("/1/config.json"),
                  "{\n  \"lr\": NaN,\n  \"clip\": Infinity,\n  \"floor\": -Infinity,\n"
                  "  \"name\": \"α\",\n  \"seed\": 1\n}");
        writeFile(base + QStringLiteral("/1/metrics.json"),
                  "{\n  \"loss\": {\n    \"steps\": [0, 1, 2],\n    \"timestamps\": "
                  "[\"2024-05-01T11:00:01.000000\", \"2024-05-01T11:00:02.000000\", "
                  "\"2024-05-01T11:00:03.000000\"],\n    \"values\": [1.5, NaN, Infinity]\n  }\n}");
        writeFile(base + QStringLiteral("/1/cout.txt"), "\x1b[31mred\r50%\r100%\n");
        // 2: metrics.json with arrays of different lengths.
        writeFile(base + QStringLiteral("/2/run.json"), sacredRunJson("COMPLETED", "e"));
        writeFile(base + QStringLiteral("/2/config.json"), "{\n  \"seed\": 2\n}");
        writeFile(base + QStringLiteral("/2/metrics.json"),
                  "{\n  \"acc\": {\n    \"steps\": [0, 1, 2],\n    \"timestamps\": "
                  "[\"2024-05-01T11:00:01\", \"2024-05-01T11:00:02\"],\n"
                  "    \"values\": [0.1, 0.2, 0.3]\n  }\n}");
        // 3: run.json half-written.
        const QByteArray full = sacredRunJson("COMPLETED", "e");
        writeFile(base + QStringLiteral("/3/run.json"), full.left(full.indexOf("\"host\"") + 12));
        writeFile(base + QStringLiteral("/3/config.json"), "{\n  \"seed\": 3\n}");
        writeFile(base + QStringLiteral("/3/cout.txt"), "");
        // 4: no config.json (and no metrics.json).
        writeFile(base + QStringLiteral("/4/run.json"), sacredRunJson("FAILED", "e"));
        writeFile(base + QStringLiteral("/4/cout.txt"), "");
        // 5: RUNNING, but its heartbeat stopped long ago.
        writeFile(base + QStringLiteral("/5/run.json"),
                  sacredRunJson("RUNNING", "e", "2020-01-01T00:00:00.000000"));
        writeFile(base + QStringLiteral("/5/config.json"), "{}");
        // Sacred's source copies: never a run, even when they look like one.
        writeFile(base + QStringLiteral("/_sources/run.json"), sacredRunJson("COMPLETED", "e"));
        writeFile(base + QStringLiteral("/_sources/config.json"), "{}");
        writeFile(base + QStringLiteral("/_sources/train_0123.py"), "print()\n");
        // A run.json alone is somebody else's file.
        writeFile(base + QStringLiteral("/other/run.json"), "{}");

        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {base});
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        const core::Runs all = loadSorted(cache);
        QCOMPARE(qsizetype(all.size()), 5);
        QStringList paths;
        for (const core::Run &r : all)
            paths << r.path;
        QCOMPARE(paths, (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                                     QStringLiteral("4"), QStringLiteral("5")}));

        const core::Run &r1 = all[0];
        QCOMPARE(r1.experiment, QStringLiteral("Expériences ✓ 実験"));
        QCOMPARE(r1.name, QStringLiteral("Expériences ✓ 実験 #1"));
        QVERIFY(std::isnan(r1.config.value(QStringLiteral("lr")).toDouble()));
        QVERIFY(std::isinf(r1.config.value(QStringLiteral("clip")).toDouble()));
        QVERIFY(r1.config.value(QStringLiteral("floor")).toDouble() < 0);
        QCOMPARE(r1.config.value(QStringLiteral("name")).toString(), QStringLiteral("α"));
        const core::MetricSummary *loss = r1.metric(QStringLiteral("loss"));
        QVERIFY(loss);
        QCOMPARE(loss->count, 3);
        QCOMPARE(loss->nanCount, 2);
        QVERIFY(std::isinf(loss->last));
        QCOMPARE(loss->min, 1.5);

        // 2: reported with the file and the metric; the common prefix imported.
        const core::MetricSummary *acc = all[1].metric(QStringLiteral("acc"));
        QVERIFY(acc);
        QCOMPARE(acc->count, 2);
        QCOMPARE(acc->last, 0.2);

        // 3: reported at its line, the rest of the run imported.
        QCOMPARE(all[2].config.value(QStringLiteral("seed")).toLongLong(), 3);
        QCOMPARE(all[2].status, core::RunStatus::Unknown);

        // 4: imported without a config.
        QCOMPARE(all[3].status, core::RunStatus::Failed);
        QVERIFY(all[3].config.isEmpty());
        QCOMPARE(all[3].name, QStringLiteral("e #4"));

        // 5: killed at its last heartbeat.
        QCOMPARE(all[4].status, core::RunStatus::Killed);
        QCOMPARE(all[4].endMs, isoUtcMs(QStringLiteral("2020-01-01T00:00:00")));
        QCOMPARE(all[4].tags.value(QStringLiteral("sacred.heartbeat_stale")),
                 QStringLiteral("true"));

        QCOMPARE(s.problems.size(), 2);
        const core::Problem &mismatch =
            s.problems.at(s.problems.at(0).path.endsWith(u"metrics.json") ? 0 : 1);
        const core::Problem &broken =
            s.problems.at(s.problems.at(0).path.endsWith(u"metrics.json") ? 1 : 0);
        QCOMPARE(mismatch.path, base + QStringLiteral("/2/metrics.json"));
        QCOMPARE(mismatch.where, QStringLiteral("line 2"));
        QVERIFY2(mismatch.message.contains(u"'acc'"), qPrintable(mismatch.message));
        QCOMPARE(broken.path, base + QStringLiteral("/3/run.json"));
        QVERIFY2(broken.where.startsWith(u"line "), qPrintable(broken.where));

        // The half-written run.json is read again next time although it did not change ...
        const ImportSummary again = importInto(cache, {base});
        QCOMPARE(again.runs, 5);
        QCOMPARE(again.unchanged, 4);
        QCOMPARE(again.problems.size(), 2); // run 2's carried over from the cache
        // ... and once complete, the run gets its status; the other problem stays.
        writeFile(base + QStringLiteral("/3/run.json"), full);
        const ImportSummary fixed = importInto(cache, {base});
        QCOMPARE(fixed.unchanged, 4);
        QCOMPARE(fixed.problems.size(), 1);
        QCOMPARE(fixed.problems.front().path, base + QStringLiteral("/2/metrics.json"));
        const core::Runs after = loadSorted(cache);
        QCOMPARE(after[2].status, core::RunStatus::Finished);
        QCOMPARE(after[2].name, QStringLiteral("e #3"));
        QCOMPARE(after[2].config.value(QStringLiteral("seed")).toLongLong(), 3);
    }

    void sacredRunningIsLookedAtAgain() {
        const QString base = newDir();
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).chopped(1);
        writeFile(base + QStringLiteral("/7/run.json"),
                  sacredRunJson("RUNNING", "live", now.toUtf8()));
        writeFile(base + QStringLiteral("/7/config.json"), "{\"seed\": 7}");
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {base});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        core::Runs all = loadSorted(cache);
        QCOMPARE(qsizetype(all.size()), 1);
        QCOMPARE(all[0].status, core::RunStatus::Running);
        QCOMPARE(all[0].endMs, 0);
        // Unchanged, but a running run is read again (it may have died without a word).
        const ImportSummary again = importInto(cache, {base});
        QCOMPARE(again.unchanged, 0);
        QVERIFY(again.problems.isEmpty());
    }

    // --- Hydra fixtures ---------------------------------------------------------------------

    void hydraFixtures_data() {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<int>("runs");
        QTest::addColumn<QString>("experiment");
        QTest::addColumn<QString>("mode");
        QTest::newRow("cr21 multirun") << QStringLiteral("cr21-lightning-multirun") << 11
                                       << QStringLiteral("train") << QStringLiteral("MULTIRUN");
        QTest::newRow("mostafakhaled windows") << QStringLiteral("mostafakhaled-outputs-win") << 22
                                               << QStringLiteral("train") << QStringLiteral("RUN");
        QTest::newRow("nastiaveret root") << QStringLiteral("nastiaveret-root-run") << 1
                                          << QStringLiteral("optimize") << QStringLiteral("RUN");
        QTest::newRow("fadhloun 1.0")
            << QStringLiteral("fadhloun-hydra-1.0") << 1 << QStringLiteral("train") << QString();
        QTest::newRow("jioccb no .hydra")
            << QStringLiteral("jioccb-no-dot-hydra") << 0 << QString() << QString();
    }

    void hydraFixtures() {
        RUNLENS_REQUIRE_FIXTURES("hydra");
        QFETCH(QString, sample);
        QFETCH(int, runs);
        QFETCH(QString, experiment);
        QFETCH(QString, mode);
        const QString root = tests::fixturesDir() + QStringLiteral("/hydra/") + sample;
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        QVERIFY2(ownProblems(s.problems).isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Runs all = runsOf(loadSorted(cache), QStringLiteral("hydra"));
        QCOMPARE(qsizetype(all.size()), qsizetype(runs));
        for (const core::Run &run : all) {
            const QString dir = run.absolutePath();
            QVERIFY(QFileInfo::exists(dir + QStringLiteral("/.hydra/config.yaml")));
            QCOMPARE(run.experiment, experiment);
            // Hydra records no status; a merged log may (TensorBoard's hparams session end).
            if (run.metrics.empty())
                QCOMPARE(run.status, core::RunStatus::Unknown);
            QCOMPARE(run.tags.value(QStringLiteral("hydra.mode")), mode);
            // Name and tag: the overrides as written, else the run's path.
            const QString overrides =
                expectedOverrides(dir + QStringLiteral("/.hydra/overrides.yaml"));
            QCOMPARE(run.tags.value(QStringLiteral("hydra.overrides")), overrides);
            QCOMPARE(run.name, !overrides.isEmpty() ? overrides
                               : run.path.isEmpty() ? sample
                                                    : run.path);
            // The config: config.yaml flattened, nothing else.
            treeparse::ParseError error;
            core::ConfigTree want;
            want.insertTree(treeparse::parseYaml(
                readAll(dir + QStringLiteral("/.hydra/config.yaml")).toStdString(), &error));
            QVERIFY(!error.failed());
            // (Parts merged in after the merge of the log importers may add hparams keys.)
            QVERIFY(run.config.size() >= want.size());
            for (const core::ConfigTree::Entry &e : want.entries())
                QVERIFY2(run.config.value(e.key) == e.value, qPrintable(e.key));
            QVERIFY(run.startMs > 0);
        }
        const ImportSummary again = importInto(cache, {root});
        QCOMPARE(again.unchanged, again.runs);
    }

    void hydraFixtureValues() {
        RUNLENS_REQUIRE_FIXTURES("hydra");
        const QString root = tests::fixturesDir() + QStringLiteral("/hydra");
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(ownProblems(s.problems).isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Runs all = runsOf(loadSorted(cache), QStringLiteral("hydra"));
        QCOMPARE(qsizetype(all.size()), 35);

        const core::Run *job =
            runAt(all, QStringLiteral("cr21-lightning-multirun/multiruns/2024-10-21_00-01-42/3"));
        QVERIFY(job);
        QCOMPARE(job->name, QStringLiteral("experiment=bird_classifier_ex,+trainer.log_every_n_"
                                           "steps=1,seed=980123,model.embed_dim=32,model.num_"
                                           "heads=2"));
        QCOMPARE(job->config.value(QStringLiteral("seed")).toLongLong(), 980123);
        QCOMPARE(job->config.value(QStringLiteral("model.embed_dim")).toLongLong(), 32);
        QCOMPARE(job->config.value(QStringLiteral("model.weight_decay")).toDouble(), 1e-05);
        QCOMPARE(job->config.value(QStringLiteral("data.splits[0]")).toDouble(), 0.8);
        QCOMPARE(job->config.value(QStringLiteral("data.image_size[1]")).toLongLong(), 160);
        QCOMPARE(job->config.value(QStringLiteral("data.data_dir")).toString(),
                 QStringLiteral("${oc.env:PROJECT_ROOT}/data/bird_small"));
        QCOMPARE(job->config.value(QStringLiteral("tags[0]")).toString(),
                 QStringLiteral("birddata"));
        QCOMPARE(job->config.value(QStringLiteral("train")).typeId(), QMetaType::Bool);
        QVERIFY(!job->config.value(QStringLiteral("ckpt_path")).isValid());
        QCOMPARE(job->tags.value(QStringLiteral("hydra.job.num")), QStringLiteral("3"));
        QCOMPARE(job->tags.value(QStringLiteral("hydra.job.id")), QStringLiteral("train_3"));
        QCOMPARE(job->tags.value(QStringLiteral("hydra.sweep")),
                 QStringLiteral("cr21-lightning-multirun/multiruns/2024-10-21_00-01-42"));
        QCOMPARE(job->tags.value(QStringLiteral("hydra.choices.experiment")),
                 QStringLiteral("bird_classifier_ex"));
        // The sweep folder's local time, unless a merged log knows the true start (here the
        // TensorBoard events, in UTC): within the world's time zones of the folder's time.
        const qint64 folderTime =
            QDateTime(QDate(2024, 10, 21), QTime(0, 1, 42)).toMSecsSinceEpoch();
        QVERIFY2(qAbs(job->startMs - folderTime) <= 14 * 3600 * 1000,
                 qPrintable(QString::number(job->startMs)));

        const core::Run *rootRun = runAt(all, QStringLiteral("nastiaveret-root-run"));
        QVERIFY(rootRun);
        QCOMPARE(rootRun->name, QStringLiteral("model=lr,hpo.sampler=Random,hpo.n_trials=20"));
        QCOMPARE(rootRun->config.value(QStringLiteral("model.C")).toDouble(), 1.0);
        QCOMPARE(rootRun->config.value(QStringLiteral("model.random_state")).toString(),
                 QStringLiteral("${seed}"));
        QCOMPARE(rootRun->config.value(QStringLiteral("hpo.search_space.model.n_estimators.high"))
                     .toLongLong(),
                 200);
        QVERIFY(!rootRun->tags.contains(QStringLiteral("hydra.job.id"))); // ???

        const core::Run *old = runAt(all, QStringLiteral("fadhloun-hydra-1.0"));
        QVERIFY(old);
        QCOMPARE(old->tags.value(QStringLiteral("hydra.version")), QStringLiteral("1.0.6"));
        QCOMPARE(old->config.value(QStringLiteral("training.lr")).toDouble(), 3e-05);
        QCOMPARE(old->config.value(QStringLiteral("general.gpu_list[0]")).toLongLong(), 0);

        const core::Run *win =
            runAt(all, QStringLiteral("mostafakhaled-outputs-win/outputs/2023-03-27/19-36-46"));
        QVERIFY(win);
        QCOMPARE(win->name, QStringLiteral("optimizer=sgd,lr=0.002,batch_size=28,epochs=1"));
        QCOMPARE(win->config.value(QStringLiteral("lr")).toDouble(), 0.002);
        QCOMPARE(win->startMs,
                 QDateTime(QDate(2023, 3, 27), QTime(19, 36, 46)).toMSecsSinceEpoch());
    }

    /// The opened root is the job folder itself (.hydra at the top): the run is the root.
    void hydraRootIsTheRun() {
        RUNLENS_REQUIRE_FIXTURES("hydra");
        for (const char *sample : {"nastiaveret-root-run", "fadhloun-hydra-1.0"}) {
            const QString root = tests::fixturesDir() + QStringLiteral("/hydra/") + q(sample);
            const std::vector<RunLocation> found =
                scanWith(root, {importerById(QStringLiteral("hydra"))});
            QCOMPARE(found.size(), size_t(1));
            QCOMPARE(found[0].relPath, QString());
            QCOMPARE(found[0].absPath, root);
            QVERIFY(found[0].claimsLogs);
        }
    }

    // --- Hydra, hostile ---------------------------------------------------------------------

    void hydraHostile() {
        const QString root = newDir();
        writeHydraRun(
            root + QStringLiteral("/outputs/2024-01-02/10-00-00"),
            "seed: 1\nshape: !!python/tuple\n- 3\n- 32\nobj: !!python/object:m.C\n  a: 1\n",
            "- 'model.name=\"a,b\"'\n- tags=[x,y]\n- \"msg='hi there'\"\n");
        writeHydraRun(root + QStringLiteral("/outputs/2024-01-02/11-00-00"), "seed: 2\n", "[]\n");
        writeHydraRun(root + QStringLiteral("/outputs/2024-01-02/12-00-00"),
                      "seed: 3\nbad: [1, 2\nmore: 1\n", "- seed=3\n");
        writeHydraRun(root + QStringLiteral("/outputs/2024-01-02/13-00-00"), "seed: 4\n", "");
        // Only hydra.yaml (config.yaml not written yet): still the job.
        writeFile(root + QStringLiteral("/outputs/2024-01-02/14-00-00/.hydra/hydra.yaml"),
                  hydraYaml);
        // A .hydra folder with nothing of Hydra in it is not a job.
        writeFile(root + QStringLiteral("/elsewhere/.hydra/notes.txt"), "hi\n");

        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        const core::Runs all = loadSorted(cache);
        QCOMPARE(qsizetype(all.size()), 5);

        const core::Run &quoted = all[0];
        const QString overrides = QStringLiteral("model.name=\"a,b\",tags=[x,y],msg='hi there'");
        QCOMPARE(quoted.name, overrides);
        QCOMPARE(quoted.tags.value(QStringLiteral("hydra.overrides")), overrides);
        QCOMPARE(quoted.config.value(QStringLiteral("shape[1]")).toLongLong(), 32);
        QCOMPARE(quoted.config.value(QStringLiteral("obj.a")).toLongLong(), 1);
        QCOMPARE(quoted.experiment, QStringLiteral("train"));

        // No overrides: named by its path.
        QCOMPARE(all[1].name, QStringLiteral("outputs/2024-01-02/11-00-00"));
        QVERIFY(!all[1].tags.contains(QStringLiteral("hydra.overrides")));
        QCOMPARE(all[3].name, QStringLiteral("outputs/2024-01-02/13-00-00"));

        // Broken config.yaml: reported at its line; name and tags still there.
        QCOMPARE(all[2].name, QStringLiteral("seed=3"));
        QVERIFY(all[2].config.isEmpty());
        QCOMPARE(s.problems.size(), 1);
        QCOMPARE(s.problems.front().path,
                 root + QStringLiteral("/outputs/2024-01-02/12-00-00/.hydra/config.yaml"));
        QVERIFY2(s.problems.front().where.startsWith(u"line "),
                 qPrintable(s.problems.front().where));

        QCOMPARE(all[4].path, QStringLiteral("outputs/2024-01-02/14-00-00"));
        QVERIFY(all[4].config.isEmpty());
    }

    // --- Guild fixtures ---------------------------------------------------------------------

    void guildFixture() {
        RUNLENS_REQUIRE_FIXTURES("guild");
        const QString root =
            tests::fixturesDir() + QStringLiteral("/guild/guildai-test-samples-filter-runs");
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        QVERIFY2(ownProblems(s.problems).isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Runs all = runsOf(loadSorted(cache), QStringLiteral("guild"));
        // 7 runs; the dependency copies in runs/<id>/target/.guild are not runs.
        QCOMPARE(qsizetype(all.size()), 7);
        struct Want {
            const char *id;
            core::RunStatus status;
            const char *label;
            const char *op;
        };
        const Want want[] = {
            {"2dc1529ba06c46fda486395a61475dbe", core::RunStatus::Killed, "noise=0.1 x=1.1",
             "train"},
            {"79ca9e64e4d7453f999a6bbd1e7c03f0", core::RunStatus::Finished, "noise=0.1 x=0.1",
             "train"},
            {"a5520d132b4148a5bad3c4f795b7c362", core::RunStatus::Finished, "target=2dc1529b",
             "util:test"},
            {"ac99cff45d1044b4817ab7f7054f2d76", core::RunStatus::Failed, "noise=0.4 x=-1.2",
             "train"},
            {"e394b696ea204ade95ca29e4b868fdf9", core::RunStatus::Finished, "target=fe83a924",
             "util:test"},
            {"fa6f74adb50a4abb8f49840993f081f7", core::RunStatus::Failed, "noise=0.1 x=-1.0",
             "train"},
            {"fe83a924ae144693a72b420962a7d9d1", core::RunStatus::Failed, "noise=0.1 x=-1.0",
             "train"},
        };
        for (size_t i = 0; i < all.size(); ++i) {
            const core::Run &run = all[i];
            QCOMPARE(run.path, QStringLiteral("runs/") + q(want[i].id));
            QCOMPARE(run.uid, q(want[i].id));
            QCOMPARE(run.key, QStringLiteral("guild:") + q(want[i].id));
            QCOMPARE(run.status, want[i].status);
            QCOMPARE(run.name, q(want[i].label));
            QCOMPARE(run.experiment, q(want[i].op));
            QVERIFY(!run.deleted);
            const QString attrs = run.absolutePath() + QStringLiteral("/.guild/attrs/");
            QCOMPARE(run.startMs, readAll(attrs + QStringLiteral("started")).toLongLong() / 1000);
            QCOMPARE(run.endMs, readAll(attrs + QStringLiteral("stopped")).toLongLong() / 1000);
            QCOMPARE(run.tags.value(QStringLiteral("guild.exit_status")),
                     q(readAll(attrs + QStringLiteral("exit_status")).trimmed()));
            QCOMPARE(run.tags.value(QStringLiteral("guild.host")), QStringLiteral("calusa"));
            // Flags: the config, one key each.
            QList<QByteArray> flags = readAll(attrs + QStringLiteral("flags")).split('\n');
            flags.removeAll(QByteArray());
            QVERIFY(run.config.size() >= flags.size());
            for (const QByteArray &line : flags) {
                const QString key = q(line).section(u':', 0, 0);
                const QString value = q(line).section(u':', 1).trimmed();
                const QVariant got = run.config.value(key);
                QVERIFY2(got.isValid(), qPrintable(key));
                if (got.typeId() == QMetaType::Double)
                    QCOMPARE(got.toDouble(), value.toDouble());
                else
                    QCOMPARE(got.toString(), value);
            }
        }
        const core::Run &tagged = all[0];
        QCOMPARE(tagged.tags.value(QStringLiteral("guild.tags")),
                 QStringLiteral("red, green, Green"));

        // The runs claim their .guild folder (Guild's scalars are event files there), and not the
        // dependency copy below target/.
        FakeLogImporter fake;
        std::vector<RunLocation> found =
            scanWith(root, {importerById(QStringLiteral("guild")), &fake});
        QCOMPARE(found.size(), size_t(7));
        for (const RunLocation &loc : found) {
            QCOMPARE(loc.importer, QStringLiteral("guild"));
            const bool hasEvents = !QDir(loc.absPath + QStringLiteral("/.guild"))
                                        .entryList({QStringLiteral("*tfevents*")}, QDir::Files)
                                        .isEmpty();
            QCOMPARE(partPaths(loc),
                     hasEvents ? QStringList{QStringLiteral("fakelog:.guild")} : QStringList{});
        }

        const ImportSummary again = importInto(cache, {root});
        QCOMPARE(again.unchanged, again.runs);
    }

    // --- Guild, hostile ---------------------------------------------------------------------

    void guildHostile() {
        const QString home = newDir();
        const QString runs = home + QStringLiteral("/runs/");
        auto attr = [&](const QString &id, const char *name, const QByteArray &value) {
            writeFile(runs + id + QStringLiteral("/.guild/attrs/") + q(name), value);
        };
        const QString live = QStringLiteral("11111111111111111111111111111111");
        attr(live, "flags", "lr: 0.1");
        attr(live, "started", "1700000000000000");
        writeFile(runs + live + QStringLiteral("/.guild/opref"),
                  "guildfile:/p/guild.yml '' '' train");
        writeFile(runs + live + QStringLiteral("/.guild/LOCK"),
                  QByteArray::number(qint64(::getpid())));
        const QString dead = QStringLiteral("22222222222222222222222222222222");
        attr(dead, "flags", "lr: 0.2");
        writeFile(runs + dead + QStringLiteral("/.guild/LOCK"), "2147483000");
        const QString pending = QStringLiteral("33333333333333333333333333333333");
        attr(pending, "flags", "{}");
        writeFile(runs + pending + QStringLiteral("/.guild/PENDING"), "");
        const QString broken = QStringLiteral("44444444444444444444444444444444");
        attr(broken, "flags", "lr: [0.1,\nmomentum: 0.9\n");
        attr(broken, "exit_status", "0");
        attr(broken, "label", "");
        const QString trashed = QStringLiteral("55555555555555555555555555555555");
        writeFile(home + QStringLiteral("/trash/runs/") + trashed +
                      QStringLiteral("/.guild/attrs/exit_status"),
                  "0");
        // A Guild home's own folders are not runs; a bare .guild (a project's venv) neither.
        writeFile(home + QStringLiteral("/project/.guild/runs/readme"), "x");

        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {home});
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        const core::Runs all = loadSorted(cache);
        QCOMPARE(qsizetype(all.size()), 5);
        QCOMPARE(all[0].uid, live);
        QCOMPARE(all[0].status, core::RunStatus::Running);
        QCOMPARE(all[0].name, QStringLiteral("train 11111111"));
        QCOMPARE(all[0].experiment, QStringLiteral("train"));
        QCOMPARE(all[0].startMs, 1700000000000);
        QCOMPARE(all[1].status, core::RunStatus::Failed); // a LOCK whose process is gone
        QCOMPARE(all[1].name, QStringLiteral("22222222"));
        QCOMPARE(all[2].status, core::RunStatus::Scheduled);
        QCOMPARE(all[3].status, core::RunStatus::Finished);
        QVERIFY(all[3].config.isEmpty());
        QCOMPARE(all[4].path, QStringLiteral("trash/runs/") + trashed);
        QVERIFY(all[4].deleted);
        QCOMPARE(s.problems.size(), 1);
        QCOMPARE(s.problems.front().path, runs + broken + QStringLiteral("/.guild/attrs/flags"));
        QVERIFY(s.problems.front().where.startsWith(u"line "));

        // The live run is looked at again; the others are unchanged (the broken one retried).
        const ImportSummary again = importInto(cache, {home});
        QCOMPARE(again.unchanged, 3);
    }

    // --- Claiming logs ----------------------------------------------------------------------

    /// A Hydra job owns the logs below it, not what its .hydra holds; an MLflow store inside
    /// it stays MLflow's (MLflow is no log source); a Hydra sweep below a Hydra run (a project
    /// whose root is a run, hydra.run.dir=.) holds runs of their own with their own logs.
    void hydraClaims() {
        const QString root = newDir();
        writeHydraRun(root, "seed: 0\n", "- model=lr\n");
        writeFile(root + QStringLiteral("/tb/events.out.tfevents.1.host"), "");
        writeFile(root + QStringLiteral("/.hydra/events.out.tfevents.2.host"), "");
        writeFile(root + QStringLiteral("/mlruns/0/meta.yaml"),
                  tests::experimentMeta("0", "Default"));
        const QByteArray runId = "0123456789abcdef0123456789abcdef";
        writeFile(root + QStringLiteral("/mlruns/0/") + q(runId) + QStringLiteral("/meta.yaml"),
                  tests::runMeta(runId, "0", "inner"));
        const QString sweep = root + QStringLiteral("/multirun/2024-01-02/10-00-00");
        writeFile(sweep + QStringLiteral("/multirun.yaml"), "hydra: {}\n");
        for (const char *job : {"0", "1"}) {
            writeHydraRun(sweep + u'/' + q(job), "seed: 1\n", "- seed=1\n");
            writeFile(sweep + u'/' + q(job) + QStringLiteral("/logs/csv/version_0/metrics.csv"),
                      "epoch,step,loss\n0,0,1.0\n");
        }

        FakeLogImporter fake;
        const std::vector<RunLocation> found =
            scanWith(root, {importerById(QStringLiteral("mlflow")),
                            importerById(QStringLiteral("hydra")), &fake});
        QCOMPARE(found.size(), size_t(4));
        QCOMPARE(found[0].importer, QStringLiteral("hydra"));
        QCOMPARE(found[0].relPath, QString());
        QCOMPARE(partPaths(found[0]), QStringList{QStringLiteral("fakelog:tb")});
        QCOMPARE(found[1].relPath, QStringLiteral("multirun/2024-01-02/10-00-00/0"));
        QCOMPARE(partPaths(found[1]), QStringList{QStringLiteral("fakelog:logs/csv/version_0")});
        QCOMPARE(found[2].relPath, QStringLiteral("multirun/2024-01-02/10-00-00/1"));
        QCOMPARE(partPaths(found[2]), QStringList{QStringLiteral("fakelog:logs/csv/version_0")});
        QCOMPARE(found[3].importer, QStringLiteral("mlflow"));
        QCOMPARE(found[3].relPath, QStringLiteral("mlruns/0/") + q(runId));

        // Through the real registry: three Hydra runs and the MLflow run, each its own.
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(ownProblems(s.problems).isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Runs all = loadSorted(cache);
        QCOMPARE(qsizetype(all.size()), 4);
        QCOMPARE(qsizetype(runsOf(all, QStringLiteral("hydra")).size()), 3);
        QCOMPARE(qsizetype(runsOf(all, QStringLiteral("mlflow")).size()), 1);
        QCOMPARE(all[0].name, QStringLiteral("model=lr"));
        QCOMPARE(all[0].config.value(QStringLiteral("seed")).toLongLong(), 0);
    }

    /// A config source of another format inside a Hydra job (its FileStorageObserver writing
    /// below the job folder) merges into the job, with its logs; through read() the job gets
    /// Sacred's metrics and its own name and config.
    void configSourceInsideHydraJob() {
        const QString root = newDir();
        const QString job = root + QStringLiteral("/outputs/2024-01-02/10-00-00");
        writeHydraRun(job, "lr: 0.5\n", "- lr=0.5\n");
        writeFile(job + QStringLiteral("/sacred/1/run.json"), sacredRunJson("COMPLETED", "e"));
        writeFile(job + QStringLiteral("/sacred/1/config.json"), "{\"seed\": 9}");
        writeFile(job + QStringLiteral("/sacred/1/metrics.json"),
                  "{\"acc\": {\"steps\": [0, 1], \"values\": [0.5, 0.75]}}");
        writeFile(job + QStringLiteral("/sacred/1/tb/events.out.tfevents.1.host"), "");
        FakeLogImporter fake;
        const std::vector<RunLocation> found =
            scanWith(root, {importerById(QStringLiteral("hydra")),
                            importerById(QStringLiteral("sacred")), &fake});
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found[0].importer, QStringLiteral("hydra"));
        QCOMPARE(partPaths(found[0]), (QStringList{QStringLiteral("fakelog:sacred/1/tb"),
                                                   QStringLiteral("sacred:sacred/1")}));

        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(ownProblems(s.problems).isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Runs all = loadSorted(cache);
        QCOMPARE(qsizetype(all.size()), 1);
        const core::Run &run = all[0];
        QCOMPARE(run.format, QStringLiteral("hydra"));
        QCOMPARE(run.name, QStringLiteral("lr=0.5"));
        QCOMPARE(run.experiment, QStringLiteral("train"));
        QCOMPARE(run.config.value(QStringLiteral("lr")).toDouble(), 0.5);
        QCOMPARE(run.config.value(QStringLiteral("seed")).toLongLong(), 9);
        QCOMPARE(run.status, core::RunStatus::Finished);
        QCOMPARE(run.metric(QStringLiteral("acc"))->last, 0.75);
    }

    /// A Sacred run owns logs below it; its base folder's _sources is never walked.
    void sacredClaims() {
        const QString root = newDir();
        writeFile(root + QStringLiteral("/1/run.json"), sacredRunJson("COMPLETED", "e"));
        writeFile(root + QStringLiteral("/1/cout.txt"), "");
        writeFile(root + QStringLiteral("/1/tb/events.out.tfevents.1.host"), "");
        writeFile(root + QStringLiteral("/_sources/events.out.tfevents.1.host"), "");
        writeFile(root + QStringLiteral("/_resources/x/metrics.csv"), "a\n1\n");
        FakeLogImporter fake;
        const std::vector<RunLocation> found =
            scanWith(root, {importerById(QStringLiteral("sacred")), &fake});
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found[0].relPath, QStringLiteral("1"));
        QCOMPARE(partPaths(found[0]), QStringList{QStringLiteral("fakelog:tb")});
    }

    /// Guild: .guild is walked for its event files, but not attrs/ and sourcecode/; the copy
    /// of an upstream run resolved into a run's folder is not walked at all.
    void guildClaims() {
        const QString root = newDir();
        const QString run = root + QStringLiteral("/runs/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        writeFile(run + QStringLiteral("/.guild/attrs/exit_status"), "0");
        writeFile(run + QStringLiteral("/.guild/events.out.tfevents.1.host"), "");
        writeFile(run + QStringLiteral("/.guild/sourcecode/logs/events.out.tfevents.1.h"), "");
        writeFile(run + QStringLiteral("/.guild/attrs/events.out.tfevents.1.h"), "");
        writeFile(run + QStringLiteral("/train/events.out.tfevents.1.host"), "");
        writeFile(run + QStringLiteral("/target/.guild/attrs/id"), "proto");
        writeFile(run + QStringLiteral("/target/.guild/events.out.tfevents.1.host"), "");
        FakeLogImporter fake;
        const std::vector<RunLocation> found =
            scanWith(root, {importerById(QStringLiteral("guild")), &fake});
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found[0].relPath, QStringLiteral("runs/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        QCOMPARE(partPaths(found[0]),
                 (QStringList{QStringLiteral("fakelog:.guild"), QStringLiteral("fakelog:train")}));
    }
    // --- Demo writers -----------------------------------------------------------------------

    /// The demo writers' folders import back into the runs of demoRuns(): counts, statuses,
    /// names, configs and (Sacred) the metrics; Guild's event files are valid TFRecord frames.
    void demoRoundTrip() {
        demo::DemoOptions o;
        o.runs = 16;
        o.steps = 12;
        o.seed = 11;
        o.nowMs = QDateTime::currentMSecsSinceEpoch(); // the same runs for every writer
        const std::vector<demo::DemoRun> runs = demo::demoRuns(o);
        const qsizetype kept = std::count_if(runs.begin(), runs.end(),
                                             [](const demo::DemoRun &r) { return !r.deleted; });
        const QString dir = newDir();
        QString error;
        QVERIFY2(demo::writeDemoSacred(dir, o, &error), qPrintable(error));
        QVERIFY2(demo::writeDemoHydra(dir, o, &error), qPrintable(error));
        QVERIFY2(demo::writeDemoGuild(dir, o, &error), qPrintable(error));
        QVERIFY(!demo::writeDemoGuild(dir, o, &error)); // never over existing runs
        QVERIFY(!error.isEmpty());

        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {dir});
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        QVERIFY2(ownProblems(s.problems).isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Runs all = loadSorted(cache);
        const core::Runs sacredRuns = runsOf(all, QStringLiteral("sacred"));
        const core::Runs hydraRuns = runsOf(all, QStringLiteral("hydra"));
        const core::Runs guildRuns = runsOf(all, QStringLiteral("guild"));
        QCOMPARE(qsizetype(sacredRuns.size()), kept);
        QCOMPARE(qsizetype(hydraRuns.size()), kept);
        QCOMPARE(qsizetype(guildRuns.size()), qsizetype(runs.size()));

        auto statusOf = [](const demo::DemoRun &r) {
            return core::RunStatus(r.status);
        };
        auto param = [](const demo::DemoRun &r, const char *name) {
            for (const demo::DemoParam &p : r.params) {
                if (p.name == name)
                    return p.number;
            }
            return std::nan("");
        };
        int id = 0;
        for (const demo::DemoRun &r : runs) {
            // Guild: every run, the deleted ones in the trash.
            const core::Run *g = nullptr;
            for (const core::Run &run : guildRuns) {
                if (run.uid == q(r.id.c_str()))
                    g = &run;
            }
            QVERIFY(g);
            QCOMPARE(g->deleted, r.deleted);
            QCOMPARE(g->status, statusOf(r));
            QCOMPARE(g->config.value(QStringLiteral("lr")).toDouble(), param(r, "lr"));
            QCOMPARE(g->startMs, r.startMs);
            QVERIFY(g->name.startsWith(QStringLiteral("lr=")));
            const QDir events(g->absolutePath() + QStringLiteral("/.guild"),
                              QStringLiteral("events.out.tfevents.*"));
            QCOMPARE(events.entryList().size(), 1);
            const QByteArray file = readAll(events.filePath(events.entryList().front()));
            qsizetype at = 0;
            int records = 0;
            while (at < file.size()) {
                QVERIFY(at + 12 <= file.size());
                quint64 length = 0;
                std::memcpy(&length, file.constData() + at, 8);
                quint32 crc = 0;
                std::memcpy(&crc, file.constData() + at + 8, 4);
                QCOMPARE(crc, crc32c::mask(crc32c::value(file.constData() + at, 8)));
                QVERIFY(at + 16 + qsizetype(length) <= file.size());
                std::memcpy(&crc, file.constData() + at + 12 + length, 4);
                QCOMPARE(crc, crc32c::mask(crc32c::value(file.constData() + at + 12, length)));
                at += 16 + qsizetype(length);
                ++records;
            }
            size_t points = 0;
            for (const auto &v : r.values)
                points += std::min(v.size(), r.timesMs.size());
            QCOMPARE(size_t(records), 1 + points);
            if (r.deleted)
                continue;

            // Sacred: ids 1, 2, ... in order, deleted runs left out.
            ++id;
            const core::Run *sr =
                runAt(sacredRuns, QStringLiteral("sacred/") + QString::number(id));
            QVERIFY(sr);
            QCOMPARE(sr->experiment, q(r.experiment.c_str()));
            QCOMPARE(sr->name,
                     q(r.experiment.c_str()) + QStringLiteral(" #") + QString::number(id));
            QCOMPARE(sr->status, statusOf(r));
            QCOMPARE(sr->startMs, r.startMs);
            QCOMPARE(sr->config.value(QStringLiteral("lr")).toDouble(), param(r, "lr"));
            QCOMPARE(qsizetype(sr->metrics.size()), qsizetype(r.metricNames.size()));
            for (size_t m = 0; m < r.metricNames.size(); ++m) {
                const core::MetricSummary *summary = sr->metric(q(r.metricNames[m].c_str()));
                QVERIFY(summary);
                const size_t n = std::min(r.values[m].size(), r.timesMs.size());
                QCOMPARE(summary->count, qint64(n));
                if (n > 0) {
                    const double last = r.values[m][n - 1];
                    if (std::isnan(last))
                        QVERIFY(std::isnan(summary->last));
                    else
                        QCOMPARE(summary->last, last);
                }
            }
        }
        for (const core::Run &h : hydraRuns) {
            QVERIFY(h.path.startsWith(QStringLiteral("hydra/multirun/")));
            QVERIFY(h.name.startsWith(QStringLiteral("lr=")));
            QCOMPARE(h.tags.value(QStringLiteral("hydra.overrides")), h.name);
            QCOMPARE(h.tags.value(QStringLiteral("hydra.sweep")), h.path.section(u'/', 0, -2));
            QVERIFY(h.config.contains(QStringLiteral("data.splits[1]")));
            QCOMPARE(h.config.value(QStringLiteral("trainer.max_epochs")).toString(),
                     QStringLiteral("???"));
            QVERIFY(QFileInfo::exists(h.absolutePath() +
                                      QStringLiteral("/logs/csv/version_0/metrics.csv")));
        }
        const ImportSummary again = importInto(cache, {dir});
        const qsizetype running = std::count_if(
            runs.begin(), runs.end(), [](const auto &r) { return !r.deleted && r.status == 1; });
        QVERIFY(running > 0 && kept < qsizetype(runs.size())); // the sample has both
        QCOMPARE(again.unchanged, again.runs - running);       // running Sacred runs are re-read
    }
};

QTEST_GUILESS_MAIN(TestConfigSources)
#include "tst_configsources.moc"
