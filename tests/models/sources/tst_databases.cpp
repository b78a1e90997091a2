// SPDX-License-Identifier: GPL-3.0-or-later
// The database-backed importers (Optuna RDB and journals, MLflow's SQLite store, Kedro tracking)
// through ImportJob into a real cache: the real fixtures checked against the databases by SQL
// written here, and hostile files built in temporary folders.

#include "demo/demodatabases.h"
#include "demo/demogenerator.h"
#include "importtestutil.h"
#include "sources/kedroimporter.h"
#include "sources/mlflowdbimporter.h"
#include "sources/optunaparser.h"
#include "sources/sqlitesource.h"
#include "store/database.h"
#include "testutils.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>

using namespace runlens;
using namespace runlens::sources;
using runlens::tests::dumpProblems;
using runlens::tests::importInto;
using runlens::tests::loadSorted;
using Result = store::Statement::Result;

namespace {

store::Database openFixture(const QString &path) {
    store::Database db;
    if (!db.openReadOnly(sqlitesource::uriOf(path, QStringLiteral("mode=ro"))))
        qWarning() << "cannot open" << path << db.errorMessage();
    return db;
}

qint64 count(store::Database &db, const char *sql) {
    return db.queryInt(sql).value_or(-1);
}

/// Every file below dir with its size and mtime: nothing may appear or change while importing.
QStringList snapshot(const QString &dir) {
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        out << it.filePath() + u' ' + QString::number(it.fileInfo().size()) + u' ' +
                   QString::number(it.fileInfo().lastModified().toMSecsSinceEpoch());
    }
    out.sort();
    return out;
}

const core::Run *byPath(const core::Runs &runs, const QString &suffix) {
    for (const core::Run &r : runs) {
        if (r.path.endsWith(suffix))
            return &r;
    }
    return nullptr;
}

bool sameNumber(double a, double b) {
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    if (std::isinf(a) || std::isinf(b))
        return a == b;
    return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b));
}

bool copyFile(const QString &from, const QString &to) {
    QFile::remove(to);
    return QFile::copy(from, to) && QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
}

/// The expected external value of an Optuna param, decoded here from the distribution JSON.
QVariant expectedParam(double internal, const QByteArray &distJson) {
    const QJsonObject d = QJsonDocument::fromJson(distJson).object();
    const QString name = d.value(QStringLiteral("name")).toString();
    if (name == u"CategoricalDistribution")
        return d.value(QStringLiteral("attributes"))
            .toObject()
            .value(QStringLiteral("choices"))
            .toArray()
            .at(qsizetype(internal))
            .toVariant();
    if (name.startsWith(u"Int"))
        return qint64(std::llround(internal));
    return internal;
}

bool sameVariant(const QVariant &got, const QVariant &want) {
    if (want.typeId() == QMetaType::QString || got.typeId() == QMetaType::QString)
        return got.toString() == want.toString();
    if (!want.isValid())
        return !got.isValid();
    return sameNumber(got.toDouble(), want.toDouble());
}

} // namespace

class TestDatabases : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { sqlitesource::closeThreadConnections(); }

    void parsers();
    void optunaFixtures_data();
    void optunaFixtures();
    void optunaJournals();
    void mlflowDbFixtures_data();
    void mlflowDbFixtures();
    void kedroFixtures();
    void incremental();
    void hostileFiles();
    void runningTrialNanUnicode();
    void mlflowNonFinite();
    void lockedByWriter();
    void walDatabase();
    void demoWriters();
};

void TestDatabases::parsers() {
    QCOMPARE(optuna::decodeParam(1.0, "{\"name\": \"CategoricalDistribution\", \"attributes\": "
                                      "{\"choices\": [\"silu\", \"relu\", \"gelu\"]}}"),
             QVariant(QStringLiteral("relu")));
    QCOMPARE(optuna::decodeParam(2.0, "{\"name\":\"CategoricalDistribution\",\"attributes\":"
                                      "{\"choices\":[32, 64, 128]}}")
                 .toLongLong(),
             128);
    QCOMPARE(optuna::decodeParam(48.0, "{\"name\": \"IntDistribution\", \"attributes\": "
                                       "{\"log\": false, \"step\": 16, \"low\": 16, \"high\": 64}}")
                 .typeId(),
             QMetaType::LongLong);
    QCOMPARE(optuna::decodeParam(0.5, "{\"name\": \"LogUniformDistribution\", \"attributes\": "
                                      "{\"low\": 0.1, \"high\": 1.0}}"),
             QVariant(0.5));
    QString error;
    QCOMPARE(optuna::decodeParam(7.0,
                                 "{\"name\":\"CategoricalDistribution\",\"attributes\":"
                                 "{\"choices\":[1,2]}}",
                                 &error),
             QVariant(7.0));
    QVERIFY(!error.isEmpty());
    QCOMPARE(sqlitesource::parseDateTimeMs(u"1970-01-01 00:00:01.5"), 1500);
    QCOMPARE(sqlitesource::parseDateTimeMs(u"2022-09-30T09.09.54.186Z"),
             QDateTime::fromString(QStringLiteral("2022-09-30T09:09:54.186Z"), Qt::ISODateWithMs)
                 .toMSecsSinceEpoch());
    QCOMPARE(sqlitesource::parseDateTimeMs(u"2026-06-10T18:38:20.097871"),
             QDateTime::fromString(QStringLiteral("2026-06-10T18:38:20.097Z"), Qt::ISODateWithMs)
                 .toMSecsSinceEpoch());
    QCOMPARE(MlflowDbImporter::metricValue(1.7976931348623157e308, false),
             std::numeric_limits<double>::infinity());
    QCOMPARE(MlflowDbImporter::metricValue(-1.7976931348623157e308, false),
             -std::numeric_limits<double>::infinity());
    QVERIFY(std::isnan(MlflowDbImporter::metricValue(0, true)));
    QCOMPARE(KedroImporter::decodeSessionBlob("\"{\\\"username\\\": \\\"x\\\"}\"")
                 .value(QStringLiteral("username"))
                 .toString(),
             QStringLiteral("x"));

    // A journal: repeated study creation ignored, a partial last line left for later.
    const std::string journal =
        "{\"op_code\":0,\"worker_id\":\"w\",\"study_name\":\"s\",\"directions\":[1]}"
        "\n"
        "{\"op_code\":0,\"worker_id\":\"w2\",\"study_name\":\"s\",\"directions\":[1]}"
        "\n"
        "{\"op_code\":4,\"worker_id\":\"w\",\"study_id\":0,\"datetime_start\":\"2026-01-01T00:00:"
        "00\"}"
        "\n"
        "{\"op_code\":5,\"worker_id\":\"w\",\"trial_id\":0,\"param_name\":\"act\",\"param_value_"
        "internal\":1.0,"
        "\"distribution\":\"{\\\"name\\\": \\\"CategoricalDistribution\\\", \\\"attributes\\\": "
        "{\\\"choices\\\": [\\\"a\\\", \\\"b\\\"]}}\"}"
        "\n"
        "{\"op_code\":7,\"worker_id\":\"w\",\"trial_id\":0,\"step\":3,\"intermediate_value\":NaN}"
        "\n"
        "{\"op_code\":6,\"worker_id\":\"w\",\"trial_id\":0,\"state\":1,\"values\":[Infinity],"
        "\"datetime_complete\":\"2026-01-01T00:00:02\"}"
        "\n"
        "not json\n"
        "{\"op_code\":4,\"worker_id\":\"w\",\"study_id\":0,\"datet";
    const optuna::Journal j = optuna::parseJournal(journal);
    QCOMPARE(j.studies.size(), size_t(1));
    QCOMPARE(j.trials.size(), size_t(1));
    QCOMPARE(j.trials[0].state, QStringLiteral("COMPLETE"));
    QCOMPARE(j.trials[0].params.at(0).second, QVariant(QStringLiteral("b")));
    QVERIFY(std::isnan(j.trials[0].intermediate.at(0).value));
    QVERIFY(std::isinf(j.trials[0].values.at(0)));
    QCOMPARE(j.trials[0].endMs - j.trials[0].startMs, 2000);
    QCOMPARE(j.bad.size(), size_t(1));
    QCOMPARE(j.bad[0].line, 7);
    QCOMPARE(j.consumed, qint64(journal.rfind('\n') + 1));
}

void TestDatabases::optunaFixtures_data() {
    QTest::addColumn<QString>("folder");
    QTest::addColumn<int>("trials");
    QTest::newRow("optuna2.10") << QStringLiteral("lyhue1991-optuna2.10") << 2140;
    QTest::newRow("optuna4.4") << QStringLiteral("alvarog-optuna4.4") << 417;
    QTest::newRow("optuna4.6-pruned") << QStringLiteral("lukecpadmore-optuna4.6-pruned") << 106;
}

void TestDatabases::optunaFixtures() {
    RUNLENS_REQUIRE_FIXTURES("optuna");
    QFETCH(QString, folder);
    QFETCH(int, trials);
    const QString dir = tests::fixturesDir() + QStringLiteral("/optuna/") + folder;
    const QString dbPath = dir + QStringLiteral("/optuna.db");
    const QStringList before = snapshot(dir);
    QTemporaryDir tmp;
    const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
    const ImportSummary summary = importInto(cache, {dir});
    QVERIFY2(summary.problems.isEmpty(), qPrintable(dumpProblems(summary.problems)));
    QCOMPARE(snapshot(dir), before); // read-only: no -journal, -wal or -shm left behind
    const core::Runs runs = loadSorted(cache);
    QCOMPARE(qsizetype(runs.size()), qsizetype(trials));

    store::Database db = openFixture(dbPath);
    QCOMPARE(count(db, "SELECT COUNT(*) FROM trials"), qint64(trials));
    store::Statement trial(db, "SELECT t.trial_id, t.number, t.state, s.study_name FROM trials t "
                               "JOIN studies s USING (study_id)");
    store::Statement params(db, "SELECT param_name, param_value, distribution_json FROM "
                                "trial_params WHERE trial_id = ?1");
    store::Statement values(db, "SELECT objective, value FROM trial_values WHERE trial_id = ?1");
    store::Statement inter(db, "SELECT COUNT(*), (SELECT intermediate_value FROM "
                               "trial_intermediate_values WHERE trial_id = ?1 ORDER BY step DESC "
                               "LIMIT 1) FROM trial_intermediate_values WHERE trial_id = ?1");
    qint64 categoricals = 0;
    qint64 pruned = 0;
    while (trial.step() == Result::Row) {
        const qint64 id = trial.columnInt(0);
        const core::Run *run = byPath(runs, QStringLiteral("#%1").arg(id));
        QVERIFY2(run, qPrintable(QStringLiteral("trial %1 missing").arg(id)));
        QCOMPARE(run->format, QStringLiteral("optuna"));
        QCOMPARE(run->name, QStringLiteral("trial %1").arg(trial.columnInt(1)));
        QCOMPARE(run->experiment, trial.columnText(3));
        const QString state = trial.columnText(2);
        QCOMPARE(run->tags.value(QStringLiteral("optuna.state")), state);
        QCOMPARE(run->status, optuna::statusOfState(state));
        pruned += state == u"PRUNED" ? 1 : 0;
        QVERIFY(run->tags.contains(QStringLiteral("optuna.direction")));

        params.reset();
        params.bind(1, id);
        qint64 n = 0;
        while (params.step() == Result::Row) {
            ++n;
            const QString name = params.columnText(0);
            const QByteArray dist = params.columnUtf8(2).toByteArray();
            categoricals += dist.contains("Categorical") ? 1 : 0;
            const QVariant want = expectedParam(params.columnDouble(1), dist);
            QVERIFY2(sameVariant(run->config.value(name), want),
                     qPrintable(name + u' ' + run->config.value(name).toString() + u' ' +
                                want.toString()));
        }
        QCOMPARE(run->config.size(), n);

        values.reset();
        values.bind(1, id);
        qint64 nv = 0;
        while (values.step() == Result::Row) {
            ++nv;
            const core::MetricSummary *m = run->metric(QStringLiteral("value"));
            QVERIFY(m);
            QCOMPARE(m->count, 1);
            QVERIFY(sameNumber(m->last, values.columnDouble(1)));
        }
        if (nv == 0)
            QVERIFY(!run->metric(QStringLiteral("value")));

        inter.reset();
        inter.bind(1, id);
        QCOMPARE(inter.step(), Result::Row);
        const core::MetricSummary *m = run->metric(QStringLiteral("intermediate"));
        if (inter.columnInt(0) == 0) {
            QVERIFY(!m);
        } else {
            QVERIFY(m);
            QCOMPARE(m->count, inter.columnInt(0));
            QVERIFY(sameNumber(m->last, inter.columnDouble(1)));
        }
    }
    if (folder.startsWith(u"lukecpadmore")) {
        QCOMPARE(pruned, 79);
        QCOMPARE(categoricals, 318);
        QVERIFY(runs.front().config.contains(QStringLiteral("unet.n_layers")));
    }

    // A second import finds every trial unchanged without opening the database.
    const ImportSummary again = importInto(cache, {dir});
    QCOMPARE(again.unchanged, qint64(trials));
    QCOMPARE(again.series, 0);
}

void TestDatabases::optunaJournals() {
    RUNLENS_REQUIRE_FIXTURES("optuna");
    const QString dir = tests::fixturesDir() + QStringLiteral("/optuna/alkem0s-journal");
    QTemporaryDir tmp;
    const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
    const ImportSummary summary = importInto(cache, {dir});
    QVERIFY2(summary.problems.isEmpty(), qPrintable(dumpProblems(summary.problems)));
    const core::Runs runs = loadSorted(cache);
    QCOMPARE(qsizetype(runs.size()), 150);
    int ga = 0, gaFinished = 0, gaPruned = 0, cnnFinished = 0, cnnFailed = 0, cnnRunning = 0;
    qint64 gaParams = 0, gaIntermediate = 0, cnnParams = 0;
    QSet<QString> cnnStudies;
    for (const core::Run &r : runs) {
        QVERIFY(r.name.startsWith(u"trial "));
        if (r.path.startsWith(u"optuna_journal_ga_re.log#")) {
            ++ga;
            QCOMPARE(r.experiment, QStringLiteral("ga_configuration_optimization"));
            QCOMPARE(r.tags.value(QStringLiteral("optuna.direction")), QStringLiteral("MAXIMIZE"));
            gaFinished += r.status == core::RunStatus::Finished ? 1 : 0;
            gaPruned += r.tags.value(QStringLiteral("optuna.state")) == u"PRUNED" ? 1 : 0;
            gaParams += r.config.size();
            if (const core::MetricSummary *m = r.metric(QStringLiteral("intermediate")))
                gaIntermediate += m->count;
        } else {
            cnnStudies.insert(r.experiment);
            cnnFinished += r.status == core::RunStatus::Finished ? 1 : 0;
            cnnFailed += r.status == core::RunStatus::Failed ? 1 : 0;
            cnnRunning += r.status == core::RunStatus::Running ? 1 : 0;
            cnnParams += r.config.size();
        }
    }
    QCOMPARE(ga, 30);
    QCOMPARE(gaFinished, 14);
    QCOMPARE(gaPruned, 16);
    QCOMPARE(gaParams, 120);
    QCOMPARE(gaIntermediate, 46);
    QCOMPARE(cnnStudies.size(), 2);
    QCOMPARE(cnnFinished, 117);
    QCOMPARE(cnnFailed, 2);
    QCOMPARE(cnnRunning, 1);
    QCOMPARE(cnnParams, 720);
    // The first trial's values, checked against its lines.
    const core::Run *first = byPath(runs, QStringLiteral("optuna_journal_ga_re.log#0"));
    QVERIFY(first);
    QCOMPARE(first->metric(QStringLiteral("value"))->last, 0.23982429027557373);
    QCOMPARE(first->config.value(QStringLiteral("tournament_size")), QVariant(qint64(4)));
    QCOMPARE(first->metric(QStringLiteral("intermediate"))->firstStep, 40);

    const ImportSummary again = importInto(cache, {dir});
    QCOMPARE(again.unchanged, 150);
}

void TestDatabases::mlflowDbFixtures_data() {
    QTest::addColumn<QString>("folder");
    QTest::addColumn<int>("runs");
    QTest::newRow("mlflow1.26") << QStringLiteral("peco602-mlflow1.26") << 125;
    QTest::newRow("mlflow2.21") << QStringLiteral("3d150n-mlflow2.21") << 23;
    QTest::newRow("mlflow3") << QStringLiteral("alvarog-mlflow3-logged-models") << 89;
}

void TestDatabases::mlflowDbFixtures() {
    RUNLENS_REQUIRE_FIXTURES("mlflow_db");
    QFETCH(QString, folder);
    QFETCH(int, runs);
    const QString dir = tests::fixturesDir() + QStringLiteral("/mlflow_db/") + folder;
    const QStringList before = snapshot(dir);
    QTemporaryDir tmp;
    const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
    const ImportSummary summary = importInto(cache, {dir});
    QVERIFY2(summary.problems.isEmpty(), qPrintable(dumpProblems(summary.problems)));
    QCOMPARE(snapshot(dir), before);
    const core::Runs imported = loadSorted(cache);
    QCOMPARE(qsizetype(imported.size()), qsizetype(runs));

    store::Database db = openFixture(dir + QStringLiteral("/mlflow.db"));
    store::Statement all(db, "SELECT r.run_uuid, r.status, r.lifecycle_stage, e.lifecycle_stage, "
                             "e.name, r.start_time, r.name FROM runs r "
                             "JOIN experiments e USING (experiment_id)");
    store::Statement params(db, "SELECT key, value FROM params WHERE run_uuid = ?1");
    store::Statement tags(db, "SELECT COUNT(*) FROM tags WHERE run_uuid = ?1");
    store::Statement keys(db, "SELECT key, COUNT(*) FROM metrics WHERE run_uuid = ?1 GROUP BY key");
    store::Statement last(db, "SELECT value, is_nan FROM metrics WHERE run_uuid = ?1 AND key = ?2 "
                              "ORDER BY step DESC, timestamp DESC, value DESC LIMIT 1");
    int nested = 0;
    int deleted = 0;
    while (all.step() == Result::Row) {
        const QString uuid = all.columnText(0);
        const core::Run *run = byPath(imported, u'#' + uuid);
        QVERIFY2(run, qPrintable(uuid));
        QCOMPARE(run->format, QStringLiteral("mlflow"));
        QCOMPARE(run->key, QStringLiteral("mlflow:") + uuid);
        QCOMPARE(core::statusName(run->status), all.columnText(1));
        const bool isDeleted = all.columnText(2) == u"deleted" || all.columnText(3) == u"deleted";
        QCOMPARE(run->deleted, isDeleted);
        deleted += isDeleted ? 1 : 0;
        QCOMPARE(run->experiment, all.columnText(4));
        QCOMPARE(run->startMs, all.columnInt(5));
        if (!all.columnText(6).isEmpty())
            QCOMPARE(run->name, all.columnText(6));
        nested += run->tags.contains(QStringLiteral("mlflow.parentRunId")) ? 1 : 0;

        params.reset();
        params.bind(1, uuid);
        qint64 n = 0;
        while (params.step() == Result::Row) {
            ++n;
            QCOMPARE(run->config.value(params.columnText(0)),
                     core::ConfigTree::inferScalar(params.columnText(1)));
        }
        QCOMPARE(run->config.size(), n);
        tags.reset();
        tags.bind(1, uuid);
        QCOMPARE(tags.step(), Result::Row);
        QCOMPARE(qint64(run->tags.size()), tags.columnInt(0));

        keys.reset();
        keys.bind(1, uuid);
        qsizetype nk = 0;
        while (keys.step() == Result::Row) {
            ++nk;
            const QString key = keys.columnText(0);
            const core::MetricSummary *m = run->metric(key);
            QVERIFY2(m, qPrintable(key));
            QCOMPARE(m->count, keys.columnInt(1));
            last.reset();
            last.bind(1, uuid);
            last.bind(2, key);
            QCOMPARE(last.step(), Result::Row);
            QVERIFY2(sameNumber(m->last, MlflowDbImporter::metricValue(last.columnDouble(0),
                                                                       last.columnInt(1) != 0)),
                     qPrintable(key));
        }
        QCOMPARE(qsizetype(run->metrics.size()), nk);
    }
    if (folder.startsWith(u"alvarog")) {
        QCOMPARE(nested, 36);
        QCOMPARE(deleted, 77);
    }
    if (folder.startsWith(u"peco602")) {
        QCOMPARE(deleted, 13);
        // No run names and no mlflow.runName tag in MLflow 1.x: the run id names the run.
        QCOMPARE(imported.front().name, imported.front().uid);
        const core::Run *validation = nullptr;
        for (const core::Run &r : imported) {
            if (const core::MetricSummary *m = r.metric(QStringLiteral("validation-rmse"));
                m && m->lastStep == 1000)
                validation = &r;
        }
        QVERIFY(validation);
    }
    const ImportSummary again = importInto(cache, {dir});
    QCOMPARE(again.unchanged, qint64(runs));

    // A write to one run of a copy: the others are recognised by their signatures.
    const QString copyDir = tmp.filePath(QStringLiteral("copy"));
    QDir().mkpath(copyDir);
    const QString copy = copyDir + QStringLiteral("/mlflow.db");
    QVERIFY(copyFile(dir + QStringLiteral("/mlflow.db"), copy));
    const QString copyCache = tmp.filePath(QStringLiteral("copy.sqlite"));
    QCOMPARE(importInto(copyCache, {copyDir}).runs, qint64(runs));
    QString changed;
    {
        store::Database w;
        QVERIFY(w.open(copy));
        changed =
            w.queryText("SELECT run_uuid FROM runs ORDER BY run_uuid LIMIT 1").value_or(QString());
        const QByteArray sql = "INSERT INTO tags (key, value, run_uuid) VALUES ('added', 'yes', '" +
                               changed.toUtf8() + "')";
        QVERIFY(w.exec(sql.constData()));
    }
    const ImportSummary afterWrite = importInto(copyCache, {copyDir});
    QVERIFY2(afterWrite.problems.isEmpty(), qPrintable(dumpProblems(afterWrite.problems)));
    QCOMPARE(afterWrite.unchanged, qint64(runs - 1));
    QCOMPARE(byPath(loadSorted(copyCache), u'#' + changed)->tags.value(QStringLiteral("added")),
             QStringLiteral("yes"));
}

void TestDatabases::kedroFixtures() {
    RUNLENS_REQUIRE_FIXTURES("kedro");
    const QString root = tests::fixturesDir() + QStringLiteral("/kedro");
    const QStringList before = snapshot(root);
    QTemporaryDir tmp;
    const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
    const ImportSummary summary = importInto(cache, {root});
    QVERIFY2(summary.problems.isEmpty(), qPrintable(dumpProblems(summary.problems)));
    QCOMPARE(snapshot(root), before);
    const core::Runs runs = loadSorted(cache);

    for (const QString &project :
         {QStringLiteral("giorgia-kedro0.18.2"), QStringLiteral("abideenml-kedro0.18.13")}) {
        const QString data = root + u'/' + project + QStringLiteral("/data");
        QSet<QString> versions;
        QDirIterator it(data + QStringLiteral("/09_tracking"), QDir::Dirs | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            if (it.fileInfo().dir().dirName().endsWith(u".json"))
                versions.insert(it.fileName());
        }
        store::Database db = openFixture(data + QStringLiteral("/session_store.db"));
        store::Statement session(db, "SELECT blob FROM runs WHERE id = ?1");
        int withSession = 0;
        for (const QString &version : std::as_const(versions)) {
            const core::Run *run =
                byPath(runs, project + QStringLiteral("/data/09_tracking#") + version);
            QVERIFY2(run, qPrintable(version));
            QCOMPARE(run->format, QStringLiteral("kedro"));
            QCOMPARE(run->experiment, project);
            QCOMPARE(run->startMs, sqlitesource::parseDateTimeMs(version));
            const QString metricsFile = data + QStringLiteral("/09_tracking/metrics.json/") +
                                        version + QStringLiteral("/metrics.json");
            QFile f(metricsFile);
            if (f.open(QIODevice::ReadOnly)) {
                const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
                QCOMPARE(qsizetype(run->metrics.size()), o.size());
                for (auto m = o.begin(); m != o.end(); ++m) {
                    const core::MetricSummary *s = run->metric(m.key());
                    QVERIFY2(s, qPrintable(m.key()));
                    QCOMPARE(s->count, 1);
                    QCOMPARE(s->last, m.value().toDouble());
                }
            }
            session.reset();
            session.bind(1, version);
            if (session.step() == Result::Row) {
                ++withSession;
                const QVariantMap blob = KedroImporter::decodeSessionBlob(session.columnUtf8(0));
                QCOMPARE(run->tags.value(QStringLiteral("kedro.username")),
                         blob.value(QStringLiteral("username")).toString());
                QCOMPARE(run->status, blob.contains(QStringLiteral("exception"))
                                          ? core::RunStatus::Failed
                                          : core::RunStatus::Finished);
            } else {
                QVERIFY(!run->tags.contains(QStringLiteral("kedro.session_id")));
            }
        }
        if (project.startsWith(u"giorgia")) {
            QCOMPARE(versions.size(), qsizetype(3 + withSession));
            const core::Run *hp = nullptr;
            for (const core::Run &r : runs)
                hp = r.config.contains(QStringLiteral("hyperparameters.max_depth")) ? &r : hp;
            QVERIFY(hp);
            QVERIFY(byPath(runs, QStringLiteral("#2022-09-30T09.09.54.186Z"))
                        ->config.contains(QStringLiteral("activities_columns.columns[0]")));
        } else {
            QCOMPARE(versions.size(), 5);
            QCOMPARE(withSession, 3);
            QVERIFY(byPath(runs, QStringLiteral("#") + *versions.begin())
                        ->metric(QStringLiteral("Roc Auc")));
        }
    }
    const ImportSummary again = importInto(cache, {root});
    QCOMPARE(again.unchanged, qint64(runs.size()));

    // A new session written to a copy's store: only the run whose row changed is read again.
    const QString copy = tmp.filePath(QStringLiteral("copy"));
    const QString src = root + QStringLiteral("/abideenml-kedro0.18.13/data");
    QDir().mkpath(copy + QStringLiteral("/data"));
    QDirIterator files(src, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        files.next();
        const QString to =
            copy + QStringLiteral("/data/") + QDir(src).relativeFilePath(files.filePath());
        QDir().mkpath(QFileInfo(to).path());
        QVERIFY(copyFile(files.filePath(), to));
    }
    const QString copyCache = tmp.filePath(QStringLiteral("copy.sqlite"));
    QCOMPARE(importInto(copyCache, {copy}).runs, 5);
    {
        store::Database w;
        QVERIFY(w.open(copy + QStringLiteral("/data/session_store.db")));
        QVERIFY(w.exec("INSERT INTO runs (id, blob) VALUES ('2030-01-01T00.00.00.000Z', '\"{}\"');"
                       "INSERT INTO user_run_details (run_id, bookmark, title, notes) "
                       "VALUES ('2023-10-14T13.47.33.733Z', 1, 'best one', 'n')"));
    }
    const ImportSummary afterWrite = importInto(copyCache, {copy});
    QVERIFY2(afterWrite.problems.isEmpty(), qPrintable(dumpProblems(afterWrite.problems)));
    QCOMPARE(afterWrite.unchanged, 4);
    const core::Run *best =
        byPath(loadSorted(copyCache), QStringLiteral("#2023-10-14T13.47.33.733Z"));
    QVERIFY(best);
    QCOMPARE(best->name, QStringLiteral("best one"));
    QCOMPARE(best->tags.value(QStringLiteral("kedro.bookmark")), QStringLiteral("true"));
}

void TestDatabases::incremental() {
    RUNLENS_REQUIRE_FIXTURES("optuna");
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("study"));
    QDir().mkpath(dir);
    const QString db = dir + QStringLiteral("/optuna.db");
    QVERIFY(copyFile(tests::fixturesDir() +
                         QStringLiteral("/optuna/lukecpadmore-optuna4.6-pruned/optuna.db"),
                     db));
    const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
    QCOMPARE(importInto(cache, {dir}).runs, 106);
    {
        store::Database w;
        QVERIFY(w.open(db));
        QVERIFY(w.exec("UPDATE trial_values SET value = 42.5 WHERE trial_id = 5; "
                       "DELETE FROM trial_intermediate_values WHERE trial_id = 106; "
                       "DELETE FROM trial_params WHERE trial_id = 106; "
                       "DELETE FROM trials WHERE trial_id = 106"));
    }
    const ImportSummary summary = importInto(cache, {dir});
    QVERIFY2(summary.problems.isEmpty(), qPrintable(dumpProblems(summary.problems)));
    QCOMPARE(summary.unchanged, 0);
    QCOMPARE(summary.removed, 1);
    const core::Runs runs = loadSorted(cache);
    QCOMPARE(qsizetype(runs.size()), 105);
    QCOMPARE(byPath(runs, QStringLiteral("#5"))->metric(QStringLiteral("value"))->last, 42.5);
}

void TestDatabases::hostileFiles() {
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("hostile"));
    QDir().mkpath(dir + QStringLiteral("/empty"));
    QDir().mkpath(dir + QStringLiteral("/garbage"));
    QDir().mkpath(dir + QStringLiteral("/truncated"));
    QDir().mkpath(dir + QStringLiteral("/other"));
    QFile(dir + QStringLiteral("/empty/mlflow.db")).open(QIODevice::WriteOnly);
    {
        QFile f(dir + QStringLiteral("/garbage/mlflow.db"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(5000, 'x'));
    }
    {
        QFile f(dir + QStringLiteral("/other/data.db")); // not ours: silently ignored
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello");
    }
    {
        // A journal with a broken line and a line still being written.
        QFile f(dir + QStringLiteral("/other/optuna_journal.log"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"op_code\":0,\"worker_id\":\"w\",\"study_name\":\"s\",\"directions\":[1]}\n"
                "{\"op_code\":4,\"worker_id\":\"w\",\"study_id\":0,\"datetime_start\":null}\n"
                "{broken\n"
                "{\"op_code\":6,\"worker_id\":\"w\",\"trial_id\":0,\"state\":1,\"val");
    }
    int truncatedRuns = 0;
    if (!tests::fixturesDir().isEmpty()) {
        const QString src =
            tests::fixturesDir() + QStringLiteral("/mlflow_db/peco602-mlflow1.26/mlflow.db");
        QFile in(src);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QFile out(dir + QStringLiteral("/truncated/mlflow.db"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(in.read(in.size() / 3)); // header and the first pages only
        truncatedRuns = 1;
    }
    const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
    const ImportSummary summary = importInto(cache, {dir});
    QVERIFY(summary.ok());
    const QString problems = dumpProblems(summary.problems);
    int empty = 0, garbage = 0, truncated = 0;
    for (const core::Problem &p : summary.problems) {
        QVERIFY2(!p.message.isEmpty(), qPrintable(problems));
        empty += p.path.endsWith(u"empty/mlflow.db") ? 1 : 0;
        garbage += p.path.endsWith(u"garbage/mlflow.db") ? 1 : 0;
        truncated += p.path.endsWith(u"truncated/mlflow.db") ? 1 : 0;
        QVERIFY2(!p.path.endsWith(u"data.db"), qPrintable(problems));
    }
    QVERIFY2(empty == 1 && garbage == 1, qPrintable(problems));
    const auto journalProblem =
        std::find_if(summary.problems.begin(), summary.problems.end(),
                     [](const core::Problem &p) { return p.path.endsWith(u"optuna_journal.log"); });
    QVERIFY2(journalProblem != summary.problems.end(), qPrintable(problems));
    QCOMPARE(journalProblem->where, QStringLiteral("line 3"));
    const core::Runs runs = loadSorted(tmp.filePath(QStringLiteral("cache.sqlite")));
    QCOMPARE(qsizetype(runs.size()), 1); // the journal's trial, still RUNNING
    QCOMPARE(runs.front().status, core::RunStatus::Running);
    if (truncatedRuns > 0)
        QVERIFY2(truncated >= 1, qPrintable(problems));
    // No -wal, -shm or -journal appeared beside any of them.
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        QVERIFY2(!it.fileName().contains(u'-'), qPrintable(it.filePath()));
    }
}

void TestDatabases::runningTrialNanUnicode() {
    RUNLENS_REQUIRE_FIXTURES("optuna");
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("études"));
    QDir().mkpath(dir);
    const QString db = dir + QStringLiteral("/optuna.db");
    QVERIFY(copyFile(tests::fixturesDir() +
                         QStringLiteral("/optuna/lukecpadmore-optuna4.6-pruned/optuna.db"),
                     db));
    {
        store::Database w;
        QVERIFY(w.open(db));
        QVERIFY(w.exec("UPDATE studies SET study_name = 'スタディ – ü/α'; "
                       "UPDATE trials SET state = 'RUNNING', datetime_complete = NULL "
                       "WHERE trial_id = 3; "
                       "DELETE FROM trial_values WHERE trial_id = 3; "
                       "INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, "
                       "intermediate_value_type) VALUES (3, 99, NULL, 'NAN'); "
                       "UPDATE trial_values SET value = NULL, value_type = 'INF_NEG' "
                       "WHERE trial_id = 5; "
                       "INSERT INTO trial_user_attributes (trial_id, key, value_json) "
                       "VALUES (5, 'note ✓', '\"schön\"')"));
    }
    const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
    const ImportSummary summary = importInto(cache, {tmp.path()});
    QVERIFY2(summary.problems.isEmpty(), qPrintable(dumpProblems(summary.problems)));
    const core::Runs runs = loadSorted(cache);
    QCOMPARE(qsizetype(runs.size()), 106);
    const core::Run *running = byPath(runs, QStringLiteral("#3"));
    QVERIFY(running);
    QCOMPARE(running->experiment, QStringLiteral("スタディ – ü/α"));
    QCOMPARE(running->status, core::RunStatus::Running);
    QCOMPARE(running->endMs, 0);
    QVERIFY(!running->metric(QStringLiteral("value")));
    const core::MetricSummary *inter = running->metric(QStringLiteral("intermediate"));
    QVERIFY(inter && std::isnan(inter->last) && inter->nanCount == 1 && inter->lastStep == 99);
    const core::Run *five = byPath(runs, QStringLiteral("#5"));
    QCOMPARE(five->metric(QStringLiteral("value"))->last, -std::numeric_limits<double>::infinity());
    QCOMPARE(five->tags.value(QStringLiteral("note ✓")), QStringLiteral("schön"));
    QVERIFY(five->path.startsWith(QStringLiteral("études/optuna.db#")));
}

void TestDatabases::mlflowNonFinite() {
    RUNLENS_REQUIRE_FIXTURES("mlflow_db");
    QTemporaryDir tmp;
    const QString db = tmp.filePath(QStringLiteral("mlflow.db"));
    QVERIFY(copyFile(
        tests::fixturesDir() + QStringLiteral("/mlflow_db/3d150n-mlflow2.21/mlflow.db"), db));
    QString uuid;
    {
        store::Database w;
        QVERIFY(w.open(db));
        uuid =
            w.queryText("SELECT run_uuid FROM runs ORDER BY run_uuid LIMIT 1").value_or(QString());
        const QByteArray sql =
            "INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES "
            "('näné', 0, 1, '" +
            uuid.toUtf8() +
            "', 0, 1), "
            "('näné', 1.7976931348623157e308, 2, '" +
            uuid.toUtf8() +
            "', 1, 0), "
            "('näné', -1.7976931348623157e308, 3, '" +
            uuid.toUtf8() +
            "', 2, 0); "
            "UPDATE experiments SET name = 'эксперимент 🚀' WHERE experiment_id = "
            "(SELECT experiment_id FROM runs WHERE run_uuid = '" +
            uuid.toUtf8() + "')";
        QVERIFY2(w.exec(sql.constData()), qPrintable(w.errorMessage()));
    }
    const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
    const ImportSummary summary = importInto(cache, {tmp.path()});
    QVERIFY2(summary.problems.isEmpty(), qPrintable(dumpProblems(summary.problems)));
    const core::Runs runs = loadSorted(cache);
    const core::Run *run = byPath(runs, u'#' + uuid);
    QVERIFY(run);
    QCOMPARE(run->experiment, QStringLiteral("эксперимент 🚀"));
    const core::MetricSummary *m = run->metric(QStringLiteral("näné"));
    QVERIFY(m);
    QCOMPARE(m->count, 3);
    QCOMPARE(m->nanCount, 3);
    QCOMPARE(m->last, -std::numeric_limits<double>::infinity());
    const auto c = store::Cache::open(cache);
    const core::MetricPoints points = c->loadSeries(run->id, QStringLiteral("näné"));
    QCOMPARE(points.size(), size_t(3));
    QVERIFY(std::isnan(points[0].value));
    QCOMPARE(points[1].value, std::numeric_limits<double>::infinity());
}

void TestDatabases::lockedByWriter() {
    RUNLENS_REQUIRE_FIXTURES("optuna");
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("study"));
    QDir().mkpath(dir);
    const QString db = dir + QStringLiteral("/optuna.db");
    QVERIFY(copyFile(tests::fixturesDir() +
                         QStringLiteral("/optuna/lukecpadmore-optuna4.6-pruned/optuna.db"),
                     db));
    const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));

    // A writer in the middle of a transaction (RESERVED lock): readers see the committed state.
    {
        store::Database w;
        QVERIFY(w.open(db));
        QVERIFY(w.exec("BEGIN IMMEDIATE; UPDATE trial_values SET value = 7 WHERE trial_id = 5"));
        const ImportSummary summary = importInto(cache, {dir});
        QVERIFY2(summary.problems.isEmpty(), qPrintable(dumpProblems(summary.problems)));
        const core::Runs runs = loadSorted(cache);
        QCOMPARE(qsizetype(runs.size()), 106);
        QVERIFY(byPath(runs, QStringLiteral("#5"))->metric(QStringLiteral("value"))->last != 7);
        QVERIFY(w.exec("COMMIT"));
    }
    // A writer holding the EXCLUSIVE lock: every run is left for later (the cached state stays),
    // one problem per reader thread says why, and nothing waits for long.
    {
        store::Database w;
        QVERIFY(w.open(db));
        QVERIFY(w.exec("BEGIN EXCLUSIVE; UPDATE trial_values SET value = 8 WHERE trial_id = 5"));
        QElapsedTimer timer;
        timer.start();
        const ImportSummary summary = importInto(cache, {dir});
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!summary.problems.isEmpty());
        QVERIFY(summary.problems.size() <= 2);
        for (const core::Problem &p : summary.problems) {
            QCOMPARE(p.path, db);
            QVERIFY2(p.message.contains(u"locked"), qPrintable(p.message));
        }
        const core::Runs runs = loadSorted(cache);
        QCOMPARE(qsizetype(runs.size()), 106); // kept from before
        QVERIFY(w.exec("COMMIT"));
    }
    const ImportSummary summary = importInto(cache, {dir});
    QVERIFY2(summary.problems.isEmpty(), qPrintable(dumpProblems(summary.problems)));
    QCOMPARE(byPath(loadSorted(cache), QStringLiteral("#5"))->metric(QStringLiteral("value"))->last,
             8.0);
}

void TestDatabases::walDatabase() {
    RUNLENS_REQUIRE_FIXTURES("mlflow_db");
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("store"));
    QDir().mkpath(dir);
    const QString db = dir + QStringLiteral("/mlflow.db");
    QVERIFY(copyFile(
        tests::fixturesDir() + QStringLiteral("/mlflow_db/3d150n-mlflow2.21/mlflow.db"), db));
    {
        store::Database w;
        QVERIFY(w.open(db));
        QCOMPARE(w.queryText("PRAGMA journal_mode = WAL").value_or(QString()),
                 QStringLiteral("wal"));
    }
    QVERIFY(!QFile::exists(db + QStringLiteral("-wal")));
    const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
    const ImportSummary quiet = importInto(cache, {dir});
    QVERIFY2(quiet.problems.isEmpty(), qPrintable(dumpProblems(quiet.problems)));
    QCOMPARE(quiet.runs, 23);
    sqlitesource::closeThreadConnections();
    // A quiet WAL database is read immutable: no -wal or -shm appears.
    QVERIFY(!QFile::exists(db + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(db + QStringLiteral("-shm")));

    // A live writer with a -wal: its committed rows are seen.
    store::Database w;
    QVERIFY(w.open(db));
    QVERIFY(w.exec("UPDATE runs SET status = 'KILLED' WHERE run_uuid = "
                   "(SELECT run_uuid FROM runs ORDER BY run_uuid LIMIT 1)"));
    QVERIFY(QFile::exists(db + QStringLiteral("-wal")));
    const ImportSummary live = importInto(cache, {dir});
    QVERIFY2(live.problems.isEmpty(), qPrintable(dumpProblems(live.problems)));
    QCOMPARE(live.unchanged, 22); // the other runs keep their signatures
    int killed = 0;
    for (const core::Run &r : loadSorted(cache))
        killed += r.status == core::RunStatus::Killed ? 1 : 0;
    QCOMPARE(killed, 1);
}

void TestDatabases::demoWriters() {
    QTemporaryDir tmp;
    demo::DemoOptions o;
    o.runs = 12;
    o.steps = 20;
    o.nowMs = 1'750'000'000'000;
    QString error;
    QVERIFY2(demo::writeDemoOptuna(tmp.path(), o, &error), qPrintable(error));
    QVERIFY2(demo::writeDemoMlflowDb(tmp.path(), o, &error), qPrintable(error));
    QVERIFY2(demo::writeDemoKedro(tmp.path(), o, &error), qPrintable(error));
    const std::vector<demo::DemoRun> demoRuns = demo::demoRuns(o);
    const QString cache = tmp.filePath(QStringLiteral("cache.sqlite"));
    const ImportSummary summary = importInto(cache, {tmp.path()});
    QVERIFY2(summary.problems.isEmpty(), qPrintable(dumpProblems(summary.problems)));
    int optunaRuns = 0, mlflowRuns = 0, kedroRuns = 0;
    for (const core::Run &r : loadSorted(cache)) {
        optunaRuns += r.format == u"optuna" ? 1 : 0;
        mlflowRuns += r.format == u"mlflow" ? 1 : 0;
        kedroRuns += r.format == u"kedro" ? 1 : 0;
        if (r.format == u"mlflow") {
            const auto it = std::find_if(demoRuns.begin(), demoRuns.end(), [&](const auto &d) {
                return QString::fromStdString(d.id) == r.uid;
            });
            QVERIFY(it != demoRuns.end());
            QCOMPARE(r.name, QString::fromStdString(it->name));
            QCOMPARE(qsizetype(r.metrics.size()), qsizetype(it->metricNames.size()));
            QCOMPARE(r.config.size(), qsizetype(it->params.size()));
        }
    }
    QCOMPARE(optunaRuns, qsizetype(demoRuns.size()));
    QCOMPARE(mlflowRuns, qsizetype(demoRuns.size()));
    QCOMPARE(kedroRuns, qsizetype(demoRuns.size()));
}

QTEST_GUILESS_MAIN(TestDatabases)
#include "tst_databases.moc"
