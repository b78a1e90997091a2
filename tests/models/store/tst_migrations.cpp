// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/cache.h"
#include "store/database.h"
#include "store/migrations.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <limits>

using namespace runlens;
using namespace runlens::store;

namespace {

const QString v1File = QStringLiteral(RUNLENS_TEST_DATA_DIR "/cache-v1.sqlite");

bool hasTable(Database &db, const char *name) {
    const QByteArray sql =
        QByteArray("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '") + name +
        "'";
    return db.queryInt(sql.constData()).value_or(0) == 1;
}

} // namespace

class TestMigrations : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // The committed file must never be written: every test works on a copy.
    QString copyOfV1(const QString &name) {
        const QString copy = m_dir.filePath(name);
        QFile::remove(copy);
        if (!QFile::copy(v1File, copy))
            return {};
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        return copy;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(v1File), qPrintable(v1File));
        Database db;
        QVERIFY(db.open(v1File));
        QCOMPARE(db.queryInt("PRAGMA user_version").value_or(-1), qint64(1));
    }

    void upgradesV1AndKeepsData() {
        const QString path = copyOfV1(QStringLiteral("upgrade.sqlite"));
        QVERIFY(!path.isEmpty());
        QString error;
        std::unique_ptr<Cache> cache = Cache::open(path, &error);
        QVERIFY2(cache, qPrintable(error));
        QCOMPARE(cache->userVersion(), Cache::schemaVersion);
        QCOMPARE(Cache::schemaVersion, 5);

        // Version 2 registered the sources that already had runs.
        QCOMPARE(cache->sources(), QStringList({QStringLiteral("/data/experiments"),
                                                QStringLiteral("/home/ana/sweeps")}));
        QVERIFY(cache->problems(QStringLiteral("/data/experiments")).isEmpty());

        const core::Runs runs = cache->loadRuns();
        QCOMPARE(runs.size(), size_t(3));
        const core::Run &a = runs[0];
        QCOMPARE(a.id, qint64(1));
        QCOMPARE(a.path, QStringLiteral("mlruns/1/aaaa1111"));
        QCOMPARE(a.key, QStringLiteral("mlflow:aaaa1111"));
        QCOMPARE(a.name, QStringLiteral("résumé-α"));
        QCOMPARE(a.experiment, QStringLiteral("baseline"));
        QCOMPARE(a.status, core::RunStatus::Finished);
        QCOMPARE(a.startMs, qint64(1700000000000));
        QCOMPARE(a.endMs, qint64(1700000360000));
        QCOMPARE(a.config.value(QStringLiteral("lr")), QVariant(0.001));
        QCOMPARE(a.config.value(QStringLiteral("epochs")).typeId(), QMetaType::LongLong);
        QCOMPARE(a.config.value(QStringLiteral("epochs")).toLongLong(), qint64(20));
        QCOMPARE(a.config.value(QStringLiteral("optimizer")), QVariant(QStringLiteral("adam")));
        QCOMPARE(a.config.value(QStringLiteral("amp")), QVariant(true));
        QVERIFY(a.config.contains(QStringLiteral("seed")));
        QVERIFY(!a.config.value(QStringLiteral("seed")).isValid());
        QCOMPARE(a.tags.value(QStringLiteral("mlflow.user")), QStringLiteral("ana"));
        QCOMPARE(a.metrics.size(), size_t(2));
        QCOMPARE(a.metric(QStringLiteral("loss"))->count, qint64(3));
        QCOMPARE(a.metric(QStringLiteral("loss"))->last, 0.75);
        QCOMPARE(a.metric(QStringLiteral("acc"))->max, 0.875);

        QVERIFY(runs[1].deleted);
        QCOMPARE(runs[1].status, core::RunStatus::Failed);
        QCOMPARE(runs[2].format, QStringLiteral("csv"));
        QCOMPARE(runs[2].sourceRoot, QStringLiteral("/home/ana/sweeps"));

        const core::MetricPoints loss = cache->loadSeries(a.id, QStringLiteral("loss"));
        QCOMPARE(loss,
                 (core::MetricPoints{
                     {0, 1700000001000, 2.5}, {1, 1700000002000, 1.25}, {2, 1700000003000, 0.75}}));
        {
            // Version 5 laid the series out as pages with an index: slices read from them.
            const core::SeriesSlice all =
                cache->loadSlice(a.id, QStringLiteral("loss"), core::XKind::Step, 0, 2, 1600);
            QCOMPARE(all.total, qint64(3));
            QVERIFY(all.sorted);
            QVERIFY(all.exact);
            QCOMPARE(all.points, loss);
            QCOMPARE(all.xFirst, qint64(0));
            QCOMPARE(all.xLast, qint64(2));
            const core::SeriesSlice mid =
                cache->loadSlice(a.id, QStringLiteral("loss"), core::XKind::Time, 1700000002000,
                                 1700000002000, 1600);
            QCOMPARE(mid.points, loss); // the point and one neighbour each side
            QCOMPARE(mid.xFirst, qint64(1700000001000));
            const core::SeriesSlice left =
                cache->loadSlice(a.id, QStringLiteral("loss"), core::XKind::Step, -10, 0, 1600);
            QCOMPARE(left.points, core::MetricPoints(loss.begin(), loss.begin() + 2));
            QCOMPARE(
                cache->loadSlice(a.id, QStringLiteral("nope"), core::XKind::Step, 0, 2, 10).total,
                qint64(0));
            Database db;
            QVERIFY(db.open(path));
            QCOMPARE(db.queryInt("SELECT count(*) FROM series_index").value_or(-1), qint64(3));
            QCOMPARE(
                db.queryInt("SELECT count(*) FROM series WHERE length(points) > 0").value_or(-1),
                qint64(0));
        }
        const Cache::Counts counts = cache->counts();
        QCOMPARE(counts.runs, qint64(3));
        QCOMPARE(counts.series, qint64(3));
        QCOMPARE(counts.points, qint64(6));

        const QHash<QString, PreviousRun> previous =
            cache->loadPrevious(QStringLiteral("/data/experiments"));
        QCOMPARE(previous.size(), 2);
        const PreviousRun &pa = previous.value(QStringLiteral("mlruns/1/aaaa1111"));
        QCOMPARE(pa.decodedRun(), a);
        QVERIFY(pa.run.config.isEmpty()); // records stay encoded until asked for
        QCOMPARE(pa.decodedFiles().size(), 2);
        const FileState meta = pa.decodedFiles().value(QStringLiteral("meta.yaml"));
        QCOMPARE(meta.size, qint64(321));
        QCOMPARE(meta.mtimeNs, qint64(1700000000123456789));
        QCOMPARE(meta.inode, std::numeric_limits<quint64>::max() - 1);
        QCOMPARE(meta.offset, qint64(160));
        const FileState lossFile = pa.decodedFiles().value(QStringLiteral("metrics/loss"));
        QCOMPARE(lossFile.relPath, QStringLiteral("metrics/loss"));
        QCOMPARE(lossFile.mtimeNs, qint64(1700000000123456789));
        QCOMPARE(lossFile.inode, std::numeric_limits<quint64>::max() - 1);
        QVERIFY(previous.value(QStringLiteral("mlruns/1/bbbb2222")).decodedFiles().isEmpty());
        const QHash<QString, PreviousRun> sweeps =
            cache->loadPrevious(QStringLiteral("/home/ana/sweeps"));
        QCOMPARE(sweeps.size(), 1);
        QCOMPARE(sweeps.value(QStringLiteral("run-7")).decodedFiles().size(), 1);
        QVERIFY(sweeps.value(QStringLiteral("run-7")).decodedFiles().contains(u"metrics.csv"));
        {
            // Version 3 holds the fingerprints as one blob per run; the row table is gone.
            Database db;
            QVERIFY(db.open(path));
            QVERIFY(!hasTable(db, "files"));
            QVERIFY(hasTable(db, "run_files"));
            QCOMPARE(db.queryInt("SELECT count(*) FROM run_files").value_or(-1), qint64(2));
        }

        // The upgraded file is a normal cache: writing to it works.
        RunUpdate update;
        update.run = a;
        update.run.name = QStringLiteral("renamed");
        QString writeError;
        QCOMPARE(cache->writeRun(update, &writeError), a.id);
        QVERIFY2(writeError.isEmpty(), qPrintable(writeError));
        QVERIFY(
            cache->finishSource(a.sourceRoot, {{QStringLiteral("/x"), {}, QStringLiteral("bad")}}));

        // Reopening does not migrate again.
        cache.reset();
        cache = Cache::open(path, &error);
        QVERIFY2(cache, qPrintable(error));
        QCOMPARE(cache->loadRuns()[0].name, QStringLiteral("renamed"));
        QCOMPARE(cache->problems(a.sourceRoot).size(), 1);
    }

    // A rung that fails half-way leaves the file at the version before it, with nothing of the
    // failed rung applied.
    void failedRungLeavesV1() {
        const QString path = copyOfV1(QStringLiteral("failing.sqlite"));
        QVERIFY(!path.isEmpty());
        {
            Database db;
            QVERIFY(db.open(path));
            std::vector<Migration> ladder = Migrations::ladder();
            const auto realV2 = ladder[1].apply;
            ladder[1].apply = [realV2](Database &d) {
                // Apply all of version 2, then fail: the whole rung must roll back.
                if (!realV2(d))
                    return false;
                return d.exec("INSERT INTO no_such_table VALUES (1)");
            };
            QString error;
            QVERIFY(!Migrations::run(db, ladder, &error));
            QVERIFY2(error.contains(path), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("no_such_table")), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("version 2")), qPrintable(error));
            QCOMPARE(db.queryInt("PRAGMA user_version").value_or(-1), qint64(1));
            QVERIFY(!hasTable(db, "sources"));
            QVERIFY(!hasTable(db, "problems"));
            QVERIFY(hasTable(db, "runs"));
            QCOMPARE(db.queryInt("SELECT count(*) FROM runs").value_or(-1), qint64(3));
        }
        // And the real ladder still upgrades it afterwards.
        QString error;
        std::unique_ptr<Cache> cache = Cache::open(path, &error);
        QVERIFY2(cache, qPrintable(error));
        QCOMPARE(cache->userVersion(), Cache::schemaVersion);
        QCOMPARE(cache->loadRuns().size(), size_t(3));
    }

    // A version-2 database, built here with the real ladder up to version 2, moves its file rows
    // into version 3's blobs with every field intact.
    void upgradesV2Files() {
        const QString path = m_dir.filePath(QStringLiteral("v2.sqlite"));
        QFile::remove(path);
        const std::vector<Migration> &ladder = Migrations::ladder();
        QVERIFY(ladder.size() >= 3);
        {
            Database db;
            QVERIFY(db.open(path));
            QString error;
            QVERIFY2(Migrations::run(db, {ladder[0], ladder[1]}, &error), qPrintable(error));
            QCOMPARE(db.queryInt("PRAGMA user_version").value_or(-1), qint64(2));
            // Three runs: two with files, one without; rows deliberately out of path order.
            QVERIFY(db.exec(R"sql(
INSERT INTO runs VALUES (1, '/s', 'a', 'mlflow:a', 'mlflow', 'a', 'A', 'e', 3, 0, 1, 2, x'', x'', x'');
INSERT INTO runs VALUES (5, '/s', 'b', 'mlflow:b', 'mlflow', 'b', 'B', 'e', 3, 0, 1, 2, x'', x'', x'');
INSERT INTO runs VALUES (7, '/t', 'c', 'mlflow:c', 'mlflow', 'c', 'C', 'e', 3, 0, 1, 2, x'', x'', x'');
INSERT INTO sources (root) VALUES ('/s'), ('/t');
INSERT INTO files VALUES (5, 'tags/mlflow.user', 3, 1700000000000000005, 77, 3);
INSERT INTO files VALUES (1, 'metrics/loss', 4096, 1700000000123456789, -2, 4000);
INSERT INTO files VALUES (1, 'meta.yaml', 321, -1, 9223372036854775807, 0);
INSERT INTO files VALUES (1, 'metrics/lr', 0, 0, 0, 0);
INSERT INTO files VALUES (5, 'params/résumé', 12, 1, 1, 12);
)sql"));
        }
        QString error;
        std::unique_ptr<Cache> cache = Cache::open(path, &error);
        QVERIFY2(cache, qPrintable(error));
        QCOMPARE(cache->userVersion(), Cache::schemaVersion);

        const QHash<QString, PreviousRun> s = cache->loadPrevious(QStringLiteral("/s"));
        QCOMPARE(s.size(), 2);
        const FileStates &a = s.value(QStringLiteral("a")).decodedFiles();
        QCOMPARE(a.size(), 3);
        QCOMPARE(a.value(QStringLiteral("metrics/loss")),
                 (FileState{QStringLiteral("metrics/loss"), 4096, 1700000000123456789,
                            std::numeric_limits<quint64>::max() - 1, 4000}));
        QCOMPARE(a.value(QStringLiteral("meta.yaml")),
                 (FileState{QStringLiteral("meta.yaml"), 321, -1,
                            quint64(std::numeric_limits<qint64>::max()), 0}));
        QCOMPARE(a.value(QStringLiteral("metrics/lr")),
                 (FileState{QStringLiteral("metrics/lr"), 0, 0, 0, 0}));
        const FileStates &b = s.value(QStringLiteral("b")).decodedFiles();
        QCOMPARE(b.size(), 2);
        QCOMPARE(b.value(QStringLiteral("params/résumé")),
                 (FileState{QStringLiteral("params/résumé"), 12, 1, 1, 12}));
        QCOMPARE(b.value(QStringLiteral("tags/mlflow.user")),
                 (FileState{QStringLiteral("tags/mlflow.user"), 3, 1700000000000000005, 77, 3}));
        const QHash<QString, PreviousRun> t = cache->loadPrevious(QStringLiteral("/t"));
        QCOMPARE(t.size(), 1);
        QVERIFY(t.value(QStringLiteral("c")).decodedFiles().isEmpty());
        cache.reset();

        Database db;
        QVERIFY(db.open(path));
        QVERIFY(!hasTable(db, "files"));
        QCOMPARE(db.queryInt("SELECT count(*) FROM run_files").value_or(-1), qint64(2));
        // Deleting a run takes its fingerprints along.
        QVERIFY(db.exec("PRAGMA foreign_keys = ON; DELETE FROM runs WHERE id = 1"));
        QCOMPARE(db.queryInt("SELECT count(*) FROM run_files").value_or(-1), qint64(1));
    }

    // A failing version-3 rung keeps version 2 with its file rows.
    void failedV3KeepsFiles() {
        const QString path = copyOfV1(QStringLiteral("failing-v3.sqlite"));
        QVERIFY(!path.isEmpty());
        Database db;
        QVERIFY(db.open(path));
        std::vector<Migration> ladder = Migrations::ladder();
        const auto realV3 = ladder[2].apply;
        ladder[2].apply = [realV3](Database &d) {
            return realV3(d) && d.exec("INSERT INTO no_such_table VALUES (1)");
        };
        QString error;
        QVERIFY(!Migrations::run(db, ladder, &error));
        QVERIFY2(error.contains(QStringLiteral("version 3")), qPrintable(error));
        QCOMPARE(db.queryInt("PRAGMA user_version").value_or(-1), qint64(2));
        QVERIFY(hasTable(db, "files"));
        QVERIFY(!hasTable(db, "run_files"));
        QCOMPARE(db.queryInt("SELECT count(*) FROM files").value_or(-1), qint64(3));
    }

    // Rungs already applied are skipped; a later rung runs on top.
    void laddersSkipAppliedRungs() {
        Database db;
        QVERIFY(db.open(QStringLiteral(":memory:")));
        int applied = 0;
        const std::vector<Migration> ladder = {
            {1,
             [&](Database &d) {
                 ++applied;
                 return d.exec("CREATE TABLE a (x)");
             }},
            {2,
             [&](Database &d) {
                 ++applied;
                 return d.exec("CREATE TABLE b (x)");
             }},
        };
        QString error;
        QVERIFY2(Migrations::run(db, ladder, &error), qPrintable(error));
        QCOMPARE(applied, 2);
        QVERIFY2(Migrations::run(db, ladder, &error), qPrintable(error));
        QCOMPARE(applied, 2);
        QCOMPARE(db.queryInt("PRAGMA user_version").value_or(-1), qint64(2));
    }

    // A gap in the ladder (a database at a version no rung starts from) is refused.
    void gapRefused() {
        Database db;
        QVERIFY(db.open(QStringLiteral(":memory:")));
        const std::vector<Migration> ladder = {{3, [](Database &) {
                                                    return true;
                                                }}};
        QString error;
        QVERIFY(!Migrations::run(db, ladder, &error));
        QCOMPARE(db.queryInt("PRAGMA user_version").value_or(-1), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
