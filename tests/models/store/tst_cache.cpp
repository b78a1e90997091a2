// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/cache.h"
#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>

using namespace runlens;
using namespace runlens::store;

namespace {

const QString memory = QStringLiteral(":memory:");

core::MetricPoints ramp(qint64 from, qint64 n, double scale = 1.0) {
    core::MetricPoints points;
    for (qint64 i = from; i < from + n; ++i)
        points.push_back({i, 1700000000000 + i * 1000, scale * double(i)});
    return points;
}

/// A run with every field set and only finite summaries, so that operator== can compare it
/// (it says NaN != NaN, and a default MetricSummary holds NaNs).
RunUpdate fullRun(const QString &root, const QString &path) {
    RunUpdate u;
    core::Run &r = u.run;
    r.sourceRoot = root;
    r.path = path;
    r.format = QStringLiteral("mlflow");
    r.uid = QStringLiteral("uid-") + path;
    r.key = core::Run::makeKey(r.format, r.uid);
    r.name = QStringLiteral("Lauf „α“ 🚀");
    r.experiment = QStringLiteral("Experiment 実験");
    r.status = core::RunStatus::Killed;
    r.deleted = false;
    r.startMs = 1700000000000;
    r.endMs = 1700000999999;
    r.config.set(QStringLiteral("lr"), 3e-4);
    r.config.set(QStringLiteral("batch"), qint64(256));
    r.config.set(QStringLiteral("big.int"), std::numeric_limits<qint64>::min());
    r.config.set(QStringLiteral("inf"), std::numeric_limits<double>::infinity());
    r.config.set(QStringLiteral("-inf"), -std::numeric_limits<double>::infinity());
    r.config.set(QStringLiteral("amp"), false);
    r.config.set(QStringLiteral("null"), QVariant());
    r.config.set(QStringLiteral("model.name"), QStringLiteral("resnet"));
    r.config.set(QStringLiteral("größe.ключ.鍵"), QStringLiteral("wert 値 🙂"));
    r.config.set(QStringLiteral("blob"), QString(300 * 1024, u'z'));
    r.tags.insert(QStringLiteral("mlflow.user"), QStringLiteral("ana"));
    r.tags.insert(QStringLiteral("ノート"), QStringLiteral("ünïcödé"));
    const core::MetricPoints loss = ramp(0, 50, -0.5);
    const core::MetricPoints acc = ramp(0, 50, 0.01);
    r.metricRef(QStringLiteral("acc")).add(acc);
    r.metricRef(QStringLiteral("loss")).add(loss);
    u.series = {{QStringLiteral("acc"), false, acc}, {QStringLiteral("loss"), false, loss}};
    u.files = {{QStringLiteral("meta.yaml"), 100, 1700000000000000001, 42, 100},
               {QStringLiteral("metrics/loss"), 2000, 1700000000000000002,
                std::numeric_limits<quint64>::max(), 1500}};
    return u;
}

bool writeFile(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestCache : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void roundTrip() {
        QString error;
        auto cache = Cache::open(memory, &error);
        QVERIFY2(cache, qPrintable(error));
        QCOMPARE(cache->userVersion(), Cache::schemaVersion);
        QCOMPARE(cache->path(), memory);

        RunUpdate u = fullRun(QStringLiteral("/data/ü"), QStringLiteral("a/b"));
        const qint64 id = cache->writeRun(u, &error);
        QVERIFY2(id > 0, qPrintable(error));

        const core::Runs runs = cache->loadRuns();
        QCOMPARE(runs.size(), size_t(1));
        core::Run expected = u.run;
        expected.id = id;
        QCOMPARE(runs[0], expected);
        // == accepts int for qint64 and such; the stored types must be the written ones.
        for (size_t i = 0; i < expected.config.entries().size(); ++i) {
            QCOMPARE(runs[0].config.entries()[i].value.metaType(),
                     expected.config.entries()[i].value.metaType());
        }
        QCOMPARE(cache->loadSeries(id, QStringLiteral("loss")), u.series[1].points);
        QCOMPARE(cache->loadSeries(id, QStringLiteral("acc")), u.series[0].points);
        QVERIFY(cache->loadSeries(id, QStringLiteral("nope")).empty());
        QVERIFY(cache->lastError().isEmpty());
    }

    // NaN is not equal to itself, so these are compared bit by bit.
    void nanValues() {
        auto cache = Cache::open(memory);
        QVERIFY(cache);
        RunUpdate u;
        u.run.sourceRoot = QStringLiteral("/r");
        u.run.path = QStringLiteral("p");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        u.run.config.set(QStringLiteral("nan"), nan);
        u.run.metricRef(QStringLiteral("only-nan")).add({1, 2, nan});
        u.run.metricRef(QStringLiteral("unset")); // default summary, NaN min/max/last
        u.series = {{QStringLiteral("only-nan"), false, {{1, 2, nan}}}};
        QVERIFY(cache->writeRun(u) > 0);
        const core::Run back = cache->loadRuns().at(0);
        const double c = back.config.value(QStringLiteral("nan")).toDouble();
        QVERIFY(std::memcmp(&c, &nan, 8) == 0);
        QCOMPARE(back.metrics.size(), size_t(2));
        for (size_t i = 0; i < 2; ++i) {
            QCOMPARE(back.metrics[i].key, u.run.metrics[i].key);
            QVERIFY(std::memcmp(&back.metrics[i].summary, &u.run.metrics[i].summary,
                                sizeof(core::MetricSummary)) == 0);
        }
        const core::MetricPoints points = cache->loadSeries(back.id, QStringLiteral("only-nan"));
        QCOMPARE(points.size(), size_t(1));
        QVERIFY(std::isnan(points[0].value));
    }

    void upsertKeepsId() {
        auto cache = Cache::open(memory);
        QVERIFY(cache);
        RunUpdate u = fullRun(QStringLiteral("/r"), QStringLiteral("run1"));
        const qint64 other = cache->writeRun(fullRun(QStringLiteral("/r"), QStringLiteral("x")));
        const qint64 id = cache->writeRun(u);
        QVERIFY(id > 0 && other > 0 && id != other);

        u.run.name = QStringLiteral("renamed");
        u.run.status = core::RunStatus::Finished;
        u.run.config.set(QStringLiteral("lr"), 0.5);
        u.run.tags.clear();
        QCOMPARE(cache->writeRun(u), id);
        // The same path in another source is another run.
        QVERIFY(cache->writeRun(fullRun(QStringLiteral("/other"), QStringLiteral("run1"))) != id);

        const core::Runs runs = cache->loadRuns(QStringLiteral("/r"));
        QCOMPARE(runs.size(), size_t(2));
        const auto it =
            std::find_if(runs.begin(), runs.end(), [&](const core::Run &r) { return r.id == id; });
        QVERIFY(it != runs.end());
        core::Run expected = u.run;
        expected.id = id;
        QCOMPARE(*it, expected);
        QCOMPARE(cache->counts().runs, qint64(3));
    }

    void appendSeries() {
        auto cache = Cache::open(memory);
        QVERIFY(cache);
        RunUpdate u;
        u.run.sourceRoot = QStringLiteral("/r");
        u.run.path = QStringLiteral("p");
        const core::MetricPoints first = ramp(0, 100);
        const core::MetricPoints second = ramp(100, 30);
        const core::MetricPoints third = ramp(-5, 2); // appended points need not be sorted
        u.run.metricRef(QStringLiteral("loss")).add(first);
        u.series = {{QStringLiteral("loss"), false, first}};
        const qint64 id = cache->writeRun(u);
        QVERIFY(id > 0);

        u.run.metricRef(QStringLiteral("loss")).add(second);
        u.series = {{QStringLiteral("loss"), true, second}};
        QCOMPARE(cache->writeRun(u), id);
        u.series = {{QStringLiteral("loss"), true, third}};
        QCOMPARE(cache->writeRun(u), id);

        core::MetricPoints all = first;
        all.insert(all.end(), second.begin(), second.end());
        all.insert(all.end(), third.begin(), third.end());
        QCOMPARE(cache->loadSeries(id, QStringLiteral("loss")), all);
        QCOMPARE(cache->counts().points, qint64(all.size()));

        // Appending to a series that does not exist yet creates it; replacing drops the old.
        u.run.metricRef(QStringLiteral("acc"));
        u.series = {{QStringLiteral("acc"), true, ramp(0, 3)},
                    {QStringLiteral("loss"), false, ramp(0, 2)}};
        QCOMPARE(cache->writeRun(u), id);
        QCOMPARE(cache->loadSeries(id, QStringLiteral("acc")), ramp(0, 3));
        QCOMPARE(cache->loadSeries(id, QStringLiteral("loss")), ramp(0, 2));
        QCOMPARE(cache->counts().points, qint64(5));

        // An empty append changes nothing.
        u.series = {{QStringLiteral("acc"), true, {}}};
        QCOMPARE(cache->writeRun(u), id);
        QCOMPARE(cache->loadSeries(id, QStringLiteral("acc")), ramp(0, 3));
    }

    void seriesNotInMetricsAreDeleted() {
        auto cache = Cache::open(memory);
        QVERIFY(cache);
        RunUpdate u = fullRun(QStringLiteral("/r"), QStringLiteral("p"));
        const qint64 id = cache->writeRun(u);
        QCOMPARE(cache->counts().series, qint64(2));

        // Re-import where only "acc" remains; no points change.
        u.run.metrics.erase(u.run.metrics.begin() + 1); // "loss"
        u.series.clear();
        QCOMPARE(cache->writeRun(u), id);
        QCOMPARE(cache->counts().series, qint64(1));
        QVERIFY(cache->loadSeries(id, QStringLiteral("loss")).empty());
        QCOMPARE(cache->loadSeries(id, QStringLiteral("acc")).size(), size_t(50));

        // A series that is not among the metrics is not stored.
        u.series = {{QStringLiteral("stray"), false, ramp(0, 5)}};
        QCOMPARE(cache->writeRun(u), id);
        QVERIFY(cache->loadSeries(id, QStringLiteral("stray")).empty());
        QCOMPARE(cache->counts().series, qint64(1));
    }

    void filesAndLoadPrevious() {
        auto cache = Cache::open(memory);
        QVERIFY(cache);
        RunUpdate u = fullRun(QStringLiteral("/r"), QStringLiteral("p"));
        const qint64 id = cache->writeRun(u);
        cache->writeRun(fullRun(QStringLiteral("/other"), QStringLiteral("q")));

        QHash<QString, PreviousRun> prev = cache->loadPrevious(QStringLiteral("/r"));
        QCOMPARE(prev.size(), 1);
        QVERIFY(prev.contains(QStringLiteral("p")));
        core::Run expected = u.run;
        expected.id = id;
        QCOMPARE(prev[QStringLiteral("p")].decodedRun(), expected);
        QCOMPARE(prev[QStringLiteral("p")].decodedFiles().size(), 2);
        QCOMPARE(prev[QStringLiteral("p")].decodedFiles().value(QStringLiteral("metrics/loss")),
                 u.files[1]);
        QCOMPARE(prev[QStringLiteral("p")].decodedFiles().value(QStringLiteral("meta.yaml")),
                 u.files[0]);

        // The fingerprint set is replaced, not merged.
        u.files = {{QStringLiteral("new.csv"), 1, 2, 3, 1}};
        cache->writeRun(u);
        prev = cache->loadPrevious(QStringLiteral("/r"));
        QCOMPARE(prev[QStringLiteral("p")].decodedFiles().size(), 1);
        QCOMPARE(prev[QStringLiteral("p")].decodedFiles().value(QStringLiteral("new.csv")),
                 u.files[0]);
        QVERIFY(cache->loadPrevious(QStringLiteral("/nothing")).isEmpty());
    }

    void removeRunsExcept() {
        auto cache = Cache::open(memory);
        QVERIFY(cache);
        const QString root = QStringLiteral("/r");
        for (const char *p : {"a", "b", "c"})
            QVERIFY(cache->writeRun(fullRun(root, QString::fromLatin1(p))) > 0);
        QVERIFY(cache->writeRun(fullRun(QStringLiteral("/keep"), QStringLiteral("a"))) > 0);

        QCOMPARE(cache->removeRunsExcept(root, {QStringLiteral("b")}), 2);
        QCOMPARE(cache->removeRunsExcept(root, {QStringLiteral("b")}), 0);
        const core::Runs runs = cache->loadRuns(root);
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs[0].path, QStringLiteral("b"));
        // Their series and files went with them (foreign keys cascade).
        QCOMPARE(cache->counts(root).series, qint64(2));
        QCOMPARE(cache->counts().series, qint64(4));
        QCOMPARE(cache->counts().runs, qint64(2));
        QCOMPARE(cache->loadPrevious(root).value(QStringLiteral("b")).decodedFiles().size(), 2);
        QCOMPARE(cache->counts().points, qint64(4 * 50));
    }

    void problemsAndSources() {
        auto cache = Cache::open(memory);
        QVERIFY(cache);
        const QString a = QStringLiteral("/a");
        const QString b = QStringLiteral("/b");
        QVERIFY(cache->sources().isEmpty());
        QVERIFY(cache->writeRun(fullRun(b, QStringLiteral("x"))) > 0);
        const core::Problems problems = {
            {QStringLiteral("/a/run/metrics/loss"), QStringLiteral("line 12"),
             QStringLiteral("not a number: „abc“")},
            {QStringLiteral("/a/run/meta.yaml"), QString(), QStringLiteral("broken YAML")}};
        QString error;
        QVERIFY2(cache->finishSource(a, problems, &error), qPrintable(error));
        QCOMPARE(cache->sources(), QStringList({a, b}));
        QCOMPARE(cache->problems(a), problems);
        QVERIFY(cache->problems(b).isEmpty());

        // The next import's problems replace the last ones.
        const core::Problems later = {{QStringLiteral("/a/x"), {}, QStringLiteral("gone")}};
        QVERIFY(cache->finishSource(a, later));
        QCOMPARE(cache->problems(a), later);
        QVERIFY(cache->finishSource(a, {}));
        QVERIFY(cache->problems(a).isEmpty());

        QVERIFY(cache->finishSource(b, later));
        QVERIFY(cache->removeSource(b));
        QCOMPARE(cache->sources(), QStringList({a}));
        QVERIFY(cache->problems(b).isEmpty());
        QVERIFY(cache->loadRuns(b).empty());
        QCOMPARE(cache->counts().runs, qint64(0));
        QCOMPARE(cache->counts().series, qint64(0));
    }

    void countsAndFilters() {
        auto cache = Cache::open(memory);
        QVERIFY(cache);
        RunUpdate deleted = fullRun(QStringLiteral("/a"), QStringLiteral("d"));
        deleted.run.deleted = true;
        QVERIFY(cache->writeRun(deleted) > 0);
        QVERIFY(cache->writeRun(fullRun(QStringLiteral("/a"), QStringLiteral("e"))) > 0);
        RunUpdate small;
        small.run.sourceRoot = QStringLiteral("/b");
        small.run.path = QStringLiteral("s");
        small.run.metricRef(QStringLiteral("m"));
        small.series = {{QStringLiteral("m"), false, ramp(0, 7)}};
        QVERIFY(cache->writeRun(small) > 0);

        QCOMPARE(cache->loadRuns().size(), size_t(3));
        QCOMPARE(cache->loadRuns({}, false).size(), size_t(2));
        QCOMPARE(cache->loadRuns(QStringLiteral("/a"), false).size(), size_t(1));
        QCOMPARE(cache->loadRuns(QStringLiteral("/a"), false)[0].path, QStringLiteral("e"));
        QCOMPARE(cache->loadRuns(QStringLiteral("/b")).size(), size_t(1));
        QVERIFY(cache->loadRuns(QStringLiteral("/none")).empty());

        const Cache::Counts all = cache->counts();
        QCOMPARE(all.runs, qint64(3));
        QCOMPARE(all.series, qint64(5));
        QCOMPARE(all.points, qint64(2 * 100 + 7));
        const Cache::Counts b = cache->counts(QStringLiteral("/b"));
        QCOMPARE(b.runs, qint64(1));
        QCOMPARE(b.series, qint64(1));
        QCOMPARE(b.points, qint64(7));
        QCOMPARE(cache->counts(QStringLiteral("/none")).runs, qint64(0));
    }

    // A run whose write fails half-way leaves no trace: the transaction covers all of it.
    void failedWriteRollsBack() {
        const QString path = m_dir.filePath(QStringLiteral("rollback.sqlite"));
        auto cache = Cache::open(path);
        QVERIFY(cache);
        RunUpdate u = fullRun(QStringLiteral("/r"), QStringLiteral("p"));
        const qint64 id = cache->writeRun(u);
        QVERIFY(id > 0);
        {
            // Make the last statement of writeRun (the file fingerprints) fail.
            Database db;
            QVERIFY(db.open(path));
            QVERIFY(db.exec("CREATE TRIGGER boom BEFORE UPDATE ON run_files WHEN "
                            "length(NEW.data) > length(OLD.data) "
                            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"));
        }
        RunUpdate changed = u;
        changed.run.name = QStringLiteral("changed");
        changed.run.metrics.pop_back();
        changed.series = {{QStringLiteral("acc"), true, ramp(100, 10)}};
        changed.files.push_back({QStringLiteral("boom"), 1, 1, 1, 1});
        QString error;
        QCOMPARE(cache->writeRun(changed, &error), qint64(0));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("injected failure")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("/r/p")), qPrintable(error));
        QCOMPARE(cache->lastError(), error);

        core::Run expected = u.run;
        expected.id = id;
        QCOMPARE(cache->loadRuns().at(0), expected);
        QCOMPARE(cache->loadSeries(id, QStringLiteral("acc")), u.series[0].points);
        QCOMPARE(cache->loadSeries(id, QStringLiteral("loss")), u.series[1].points);
        QCOMPARE(cache->loadPrevious(QStringLiteral("/r"))
                     .value(QStringLiteral("p"))
                     .decodedFiles()
                     .size(),
                 2);
        // The connection is usable again afterwards.
        QCOMPARE(cache->writeRun(u, &error), id);
        QVERIFY(cache->lastError().isEmpty());
    }

    // The GUI reads while an import writes: readers never fail and never see half a run.
    void readersWhileWriting() {
        const QString path = m_dir.filePath(QStringLiteral("concurrent/runs.sqlite"));
        QString error;
        auto writer = Cache::open(path, &error);
        QVERIFY2(writer, qPrintable(error));
        {
            Database db;
            QVERIFY(db.open(path));
            QCOMPARE(db.queryText("PRAGMA journal_mode").value_or(QString()),
                     QStringLiteral("wal"));
        }
        constexpr int runCount = 300;
        std::atomic<bool> writing{true};
        std::atomic<int> written{0};
        std::thread thread([&] {
            for (int i = 0; i < runCount; ++i) {
                RunUpdate u = fullRun(QStringLiteral("/r"), QString::number(i));
                u.run.config.set(QStringLiteral("blob"), QStringLiteral("small"));
                if (writer->writeRun(u) > 0)
                    ++written;
            }
            writing = false;
        });

        auto reader1 = Cache::open(path, &error);
        auto reader2 = Cache::open(path, &error);
        QVERIFY2(reader1 && reader2, qPrintable(error));
        int reads = 0;
        bool ok = true;
        QString failure;
        size_t lastSeen = 0;
        while (writing || reads < 2) {
            for (Cache *reader : {reader1.get(), reader2.get()}) {
                const core::Runs runs = reader->loadRuns();
                ++reads;
                if (!reader->lastError().isEmpty()) {
                    ok = false;
                    failure = reader->lastError();
                }
                for (const core::Run &r : runs) {
                    if (r.metrics.size() != 2 || r.config.size() != 10 || r.tags.size() != 2)
                        ok = false;
                }
                if (runs.size() < lastSeen) // a later snapshot never has fewer runs
                    ok = false;
                lastSeen = std::max(lastSeen, runs.size());
                const auto prev = reader->loadPrevious(QStringLiteral("/r"));
                for (const PreviousRun &p : prev) {
                    if (p.decodedFiles().size() != 2)
                        ok = false;
                }
            }
        }
        thread.join();
        QVERIFY2(ok, qPrintable(failure));
        QCOMPARE(written.load(), runCount);
        QCOMPARE(reader1->loadRuns().size(), size_t(runCount));
        QCOMPARE(reader2->counts().series, qint64(2 * runCount));
        qDebug() << reads << "loads while writing";
    }

    void parallelLoadKeepsOrderAndContent() {
        // Enough runs in a file cache that loadRuns reads the upper half of the id range on a
        // second connection: the result must be the single-connection result, in id order.
        QString error;
        const QString path = m_dir.filePath(QStringLiteral("parallel.sqlite"));
        auto cache = Cache::open(path, &error);
        QVERIFY2(cache, qPrintable(error));
        const QString a = QStringLiteral("/data/a");
        const QString b = QStringLiteral("/data/b");
        std::vector<core::Run> written;
        for (int i = 0; i < 9000; ++i) {
            RunUpdate u;
            core::Run &r = u.run;
            r.sourceRoot = i % 3 == 0 ? b : a;
            r.path = QStringLiteral("run/%1").arg(i);
            r.format = QStringLiteral("mlflow");
            r.uid = QString::number(i);
            r.key = core::Run::makeKey(r.format, r.uid);
            r.name = QStringLiteral("run %1").arg(i);
            r.deleted = i % 7 == 0;
            r.config.set(QStringLiteral("i"), qint64(i));
            r.config.set(QStringLiteral("opt"),
                         i % 2 ? QStringLiteral("adam") : QStringLiteral("sgd"));
            r.tags.insert(QStringLiteral("mlflow.runName"), r.name);
            r.metricRef(QStringLiteral("loss")).add(core::MetricPoint{1, 2, double(i)});
            r.id = cache->writeRun(u, &error);
            QVERIFY2(r.id > 0, qPrintable(error));
            written.push_back(r);
        }
        const auto expect = [&](const QString &root, bool includeDeleted) {
            core::Runs out;
            for (const core::Run &r : written) {
                if ((root.isEmpty() || r.sourceRoot == root) && (includeDeleted || !r.deleted))
                    out.push_back(r);
            }
            return out;
        };
        for (const QString &root : {QString(), a, b}) {
            for (const bool includeDeleted : {true, false}) {
                const core::Runs runs = cache->loadRuns(root, includeDeleted);
                QVERIFY(cache->lastError().isEmpty());
                QVERIFY(runs == expect(root, includeDeleted));
            }
        }
    }

    void notADatabaseRefused() {
        const QString path = m_dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(writeFile(path, QByteArray(4096, 'x')));
        QString error;
        QVERIFY(!Cache::open(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("not a database")), qPrintable(error));
        // Refusing must not have touched the file.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(4096, 'x'));
    }

    void foreignDatabaseRefused() {
        const QString path = m_dir.filePath(QStringLiteral("foreign.sqlite"));
        {
            Database db;
            QVERIFY(db.open(path));
            QVERIFY(db.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY)"));
        }
        QString error;
        QVERIFY(!Cache::open(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
    }

    void newerSchemaRefused() {
        const QString path = m_dir.filePath(QStringLiteral("newer.sqlite"));
        {
            QString error;
            auto cache = Cache::open(path, &error);
            QVERIFY2(cache, qPrintable(error));
        }
        {
            Database db;
            QVERIFY(db.open(path));
            QVERIFY(db.exec("PRAGMA user_version = 99"));
        }
        QString error;
        QVERIFY(!Cache::open(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("99")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
        Database db;
        QVERIFY(db.open(path));
        QCOMPARE(db.queryInt("PRAGMA user_version").value_or(-1), qint64(99));
    }

    // Tests run as root, for whom chmod does not deny anything, so permission problems are
    // simulated with paths the kernel refuses for everyone: a folder inside a regular file
    // (ENOTDIR) and a directory where the database file should be (EISDIR). A real EACCES takes
    // the same code path (create_directories or sqlite3_open_v2 failing with errno).
    void unusableLocationExplained() {
        const QString file = m_dir.filePath(QStringLiteral("plainfile"));
        QVERIFY(writeFile(file, "x"));
        const QString under = file + QStringLiteral("/sub/runs.sqlite");
        QString error;
        QVERIFY(!Cache::open(under, &error));
        QVERIFY2(error.contains(under), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("Not a directory")), qPrintable(error));

        const QString dir = m_dir.filePath(QStringLiteral("adir"));
        QVERIFY(QDir().mkpath(dir));
        error.clear();
        QVERIFY(!Cache::open(dir, &error));
        QVERIFY2(error.contains(dir), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("unable to open")), qPrintable(error));
    }

    void createsFolderAndDefaultPath() {
        const QString nested = m_dir.filePath(QStringLiteral("x/y/z/runs.sqlite"));
        qputenv("RUNLENS_CACHE", nested.toUtf8());
        QCOMPARE(Cache::defaultPath(), nested);
        QString error;
        auto cache = Cache::open(Cache::defaultPath(), &error);
        QVERIFY2(cache, qPrintable(error));
        QVERIFY(QFile::exists(nested));
        qunsetenv("RUNLENS_CACHE");
        QVERIFY(Cache::defaultPath().endsWith(QStringLiteral("/runlens/runs.sqlite")));
        QVERIFY(Cache::defaultPath() != nested);
    }
};

QTEST_GUILESS_MAIN(TestCache)
#include "tst_cache.moc"
