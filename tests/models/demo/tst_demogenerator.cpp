// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demogenerator.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace runlens::demo;

namespace {

using Yaml = QList<std::pair<QByteArray, QByteArray>>; ///< key, raw value, in file order

QByteArray readAll(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/// The flat "key: value" mapping of an MLflow meta.yaml (no nesting in these files).
Yaml parseMeta(const QByteArray &text) {
    Yaml out;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(": ");
        if (colon < 0)
            return {};
        out.append({line.left(colon), line.mid(colon + 2)});
    }
    return out;
}

QByteArray value(const Yaml &yaml, const QByteArray &key) {
    for (const auto &[k, v] : yaml) {
        if (k == key)
            return v;
    }
    return {};
}

QList<QByteArray> keys(const Yaml &yaml) {
    QList<QByteArray> out;
    for (const auto &kv : yaml)
        out.append(kv.first);
    return out;
}

/// Every file below root by '/'-separated relative path.
QMap<QString, QByteArray> snapshot(const QString &root) {
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    const QDir base(root);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(base.relativeFilePath(path), readAll(path));
    }
    return files;
}

/// Relative '/'-separated paths of the files below dir.
QStringList filesBelow(const QString &dir) {
    QStringList out;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    const QDir base(dir);
    while (it.hasNext())
        out.append(base.relativeFilePath(it.next()));
    out.sort();
    return out;
}

struct RunInfo {
    QString dir;
    Yaml meta;
};

/// The run folders of an mlruns root (experiment folder / 32-hex folder with meta.yaml).
QList<RunInfo> runsOf(const QString &mlruns) {
    QList<RunInfo> runs;
    const QDir root(mlruns);
    for (const QString &exp : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QDir e(root.filePath(exp));
        for (const QString &run : e.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString dir = e.filePath(run);
            runs.append({dir, parseMeta(readAll(dir + QStringLiteral("/meta.yaml")))});
        }
    }
    return runs;
}

constexpr qint64 fixedNow = 1767225600000; // 2026-01-01T00:00:00Z

DemoOptions smallOptions() {
    DemoOptions o;
    o.runs = 30;
    o.metrics = 8;
    o.params = 10;
    o.steps = 25;
    o.seed = 7;
    o.nowMs = fixedNow;
    return o;
}

} // namespace

class TestDemoGenerator : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_store = m_tmp.filePath(QStringLiteral("store"));
        QString error;
        QVERIFY2(writeDemoStore(m_store, smallOptions(), &error), qPrintable(error));
        m_mlruns = m_store + QStringLiteral("/mlruns");
        m_runs = runsOf(m_mlruns);
    }

    void deterministicForSeed() {
        const QString other = m_tmp.filePath(QStringLiteral("again"));
        QString error;
        QVERIFY2(writeDemoStore(other, smallOptions(), &error), qPrintable(error));
        const auto a = snapshot(m_mlruns);
        auto b = snapshot(other + QStringLiteral("/mlruns"));
        // Only the absolute artifact URIs name the folder.
        const QByteArray from = QFile::encodeName(other);
        const QByteArray to = QFile::encodeName(m_store);
        for (auto it = b.begin(); it != b.end(); ++it)
            it.value().replace(from, to);
        QCOMPARE(b.keys(), a.keys());
        for (auto it = a.cbegin(); it != a.cend(); ++it)
            QVERIFY2(b.value(it.key()) == it.value(), qPrintable(it.key()));

        DemoOptions changed = smallOptions();
        changed.seed = 8;
        const QString third = m_tmp.filePath(QStringLiteral("seed8"));
        QVERIFY(writeDemoStore(third, changed, &error));
        QVERIFY(snapshot(third + QStringLiteral("/mlruns")).keys() != a.keys());
    }

    void demoRunsMatchTheStore() {
        // The format-neutral runs are the ones the MLflow store holds, so every format's demo
        // shows the same sweep.
        const std::vector<runlens::demo::DemoRun> runs = runlens::demo::demoRuns(smallOptions());
        QCOMPARE(qsizetype(runs.size()), qsizetype(smallOptions().runs));
        const runlens::demo::DemoSweep sweep(smallOptions());
        QCOMPARE(sweep.size(), smallOptions().runs);
        int running = 0;
        for (int i = 0; i < sweep.size(); ++i) {
            const runlens::demo::DemoRun &r = runs[size_t(i)];
            QCOMPARE(sweep.run(i).name, r.name);
            QCOMPARE(sweep.run(i).values, r.values);
            const QString dir = m_mlruns + u'/' + QString::fromStdString(r.experimentId) + u'/' +
                                QString::fromStdString(r.id);
            QVERIFY2(QFileInfo(dir).isDir(), qPrintable(dir));
            QFile name(dir + QStringLiteral("/tags/mlflow.runName"));
            QVERIFY(name.open(QIODevice::ReadOnly));
            QCOMPARE(name.readAll().toStdString(), r.name);
            QCOMPARE(qsizetype(r.params.size()), qsizetype(smallOptions().params));
            for (const runlens::demo::DemoParam &p : r.params) {
                QFile f(dir + QStringLiteral("/params/") + QString::fromStdString(p.name));
                QVERIFY(f.open(QIODevice::ReadOnly));
                QCOMPARE(f.readAll().toStdString(), p.text);
            }
            QCOMPARE(qsizetype(r.metricNames.size()), qsizetype(smallOptions().metrics));
            for (const auto &v : r.values)
                QCOMPARE(v.size(), r.timesMs.size());
            running += r.status == 1 ? 1 : 0;
            QCOMPARE(r.endMs == 0, r.status == 1);
        }
        QCOMPARE(running, 1);
    }

    void experimentsLayout() {
        const QDir root(m_mlruns);
        QVERIFY(root.exists(QStringLiteral(".trash")));
        const QStringList exps = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(exps.contains(QStringLiteral("0")));
        QCOMPARE(exps.size(), 1 + 2); // Default + one per ~20 runs
        const QList<QByteArray> expected = {"artifact_location", "creation_time",   "experiment_id",
                                            "last_update_time",  "lifecycle_stage", "name"};
        QStringList names;
        for (const QString &exp : exps) {
            const Yaml meta = parseMeta(readAll(root.filePath(exp + QStringLiteral("/meta.yaml"))));
            QCOMPARE(keys(meta), expected);
            QCOMPARE(value(meta, "experiment_id"), "'" + exp.toUtf8() + "'");
            QVERIFY(value(meta, "artifact_location").startsWith("file:///"));
            QVERIFY(value(meta, "artifact_location").endsWith("/mlruns/" + exp.toUtf8()));
            names.append(QString::fromUtf8(value(meta, "name")));
            if (exp == QStringLiteral("0"))
                QCOMPARE(value(meta, "name"), "Default");
            else
                QVERIFY(
                    QRegularExpression(QStringLiteral("^[1-9][0-9]{17}$")).match(exp).hasMatch());
        }
        QVERIFY(names.contains(QStringLiteral("cifar10-resnet")));
        QVERIFY(names.contains(QStringLiteral("imdb-sentiment")));
    }

    void runMetaLayout() {
        QCOMPARE(m_runs.size(), 30);
        const QRegularExpression hex32(QStringLiteral("^[0-9a-f]{32}$"));
        const QRegularExpression runName(QStringLiteral("^[a-z]+-[a-z]+-[0-9]{1,3}$"));
        QSet<QString> ids;
        for (const RunInfo &run : m_runs) {
            QList<QByteArray> k = keys(run.meta);
            QList<QByteArray> sorted = k;
            std::sort(sorted.begin(), sorted.end());
            QCOMPARE(k, sorted); // PyYAML sorts keys
            k.removeAll("deleted_time");
            const QList<QByteArray> expected = {
                "artifact_uri",    "end_time",    "entry_point_name", "experiment_id",
                "lifecycle_stage", "run_id",      "run_name",         "run_uuid",
                "source_name",     "source_type", "source_version",   "start_time",
                "status",          "tags",        "user_id"};
            QCOMPARE(k, expected);

            const QString id = QFileInfo(run.dir).fileName();
            const QString expId = QFileInfo(QFileInfo(run.dir).path()).fileName();
            QVERIFY(hex32.match(id).hasMatch());
            QCOMPARE(id.at(12), QLatin1Char('4')); // uuid4
            QCOMPARE(value(run.meta, "run_id"), id.toUtf8());
            QCOMPARE(value(run.meta, "run_uuid"), id.toUtf8());
            QCOMPARE(value(run.meta, "experiment_id"), "'" + expId.toUtf8() + "'");
            QVERIFY(runName.match(QString::fromUtf8(value(run.meta, "run_name"))).hasMatch());
            QCOMPARE(readAll(run.dir + QStringLiteral("/tags/mlflow.runName")),
                     value(run.meta, "run_name"));
            QCOMPARE(readAll(run.dir + QStringLiteral("/tags/mlflow.user")),
                     value(run.meta, "user_id"));
            QCOMPARE(value(run.meta, "artifact_uri"),
                     "file://" + QFile::encodeName(run.dir) + "/artifacts");
            QCOMPARE(value(run.meta, "tags"), "[]");
            QCOMPARE(value(run.meta, "entry_point_name"), "''");
            QCOMPARE(value(run.meta, "source_type"), "4");
            bool ok = false;
            const qint64 start = value(run.meta, "start_time").toLongLong(&ok);
            QVERIFY(ok);
            QVERIFY(start < fixedNow && start > fixedNow - 60 * qint64(86400000));
            const QByteArray end = value(run.meta, "end_time");
            if (end != "null") {
                QVERIFY(end.toLongLong() > start);
                QVERIFY(end.toLongLong() < fixedNow);
            }
            ids.insert(id);
        }
        QCOMPARE(ids.size(), 30);
    }

    void filesPerRun() {
        const QStringList params = {QStringLiteral("batch_size"), QStringLiteral("dropout"),
                                    QStringLiteral("epochs"),     QStringLiteral("extra_0"),
                                    QStringLiteral("extra_1"),    QStringLiteral("lr"),
                                    QStringLiteral("model"),      QStringLiteral("optimizer"),
                                    QStringLiteral("seed"),       QStringLiteral("weight_decay")};
        const QStringList metrics = {QStringLiteral("epoch"),        QStringLiteral("extra_0"),
                                     QStringLiteral("extra_1"),      QStringLiteral("lr"),
                                     QStringLiteral("throughput"),   QStringLiteral("train/loss"),
                                     QStringLiteral("val/accuracy"), QStringLiteral("val/loss")};
        const QStringList tags = {
            QStringLiteral("mlflow.runName"), QStringLiteral("mlflow.source.git.commit"),
            QStringLiteral("mlflow.source.name"), QStringLiteral("mlflow.source.type"),
            QStringLiteral("mlflow.user")};
        for (const RunInfo &run : m_runs) {
            QCOMPARE(filesBelow(run.dir + QStringLiteral("/params")), params);
            QCOMPARE(filesBelow(run.dir + QStringLiteral("/metrics")), metrics);
            QCOMPARE(filesBelow(run.dir + QStringLiteral("/tags")), tags);
            for (const QString &p : params) {
                const QByteArray v = readAll(run.dir + QStringLiteral("/params/") + p);
                QVERIFY(!v.isEmpty());
                QVERIFY(!v.endsWith('\n')); // MLflow writes str(value) and nothing else
            }
            const double lr = readAll(run.dir + QStringLiteral("/params/lr")).toDouble();
            QVERIFY(lr >= 1e-5 && lr <= 1e-1);
            const int bs = readAll(run.dir + QStringLiteral("/params/batch_size")).toInt();
            QVERIFY(bs >= 16 && bs <= 512 && (bs & (bs - 1)) == 0);
            QVERIFY(QList<QByteArray>({"adam", "sgd", "adamw"})
                        .contains(readAll(run.dir + QStringLiteral("/params/optimizer"))));
            QCOMPARE(readAll(run.dir + QStringLiteral("/tags/mlflow.source.git.commit")).size(),
                     40);
        }
    }

    void metricLinesParse() {
        const QRegularExpression line(QStringLiteral("^([0-9]{13}) (\\S+) ([0-9]+)$"));
        int nans = 0;
        for (const RunInfo &run : m_runs) {
            const QByteArray status = value(run.meta, "status");
            int lines = -1;
            for (const QString &m : filesBelow(run.dir + QStringLiteral("/metrics"))) {
                const QByteArray text = readAll(run.dir + QStringLiteral("/metrics/") + m);
                QVERIFY(text.endsWith('\n'));
                const QList<QByteArray> rows = text.chopped(1).split('\n');
                if (lines < 0)
                    lines = int(rows.size());
                QCOMPARE(int(rows.size()), lines); // every metric logged at every step
                qint64 lastTs = 0;
                for (int i = 0; i < rows.size(); ++i) {
                    const auto match = line.match(QString::fromUtf8(rows.at(i)));
                    QVERIFY2(match.hasMatch(), rows.at(i).constData());
                    const qint64 ts = match.captured(1).toLongLong();
                    QVERIFY(ts > lastTs);
                    lastTs = ts;
                    QCOMPARE(match.captured(3).toInt(), i);
                    const QString v = match.captured(2);
                    bool ok = false;
                    const double x = v.toDouble(&ok);
                    if (v == QStringLiteral("nan"))
                        ++nans;
                    else
                        QVERIFY2(ok && std::isfinite(x), qPrintable(v));
                }
            }
            if (status == "3")
                QCOMPARE(lines, 25);
            else
                QVERIFY(lines < 25);
        }
        Q_UNUSED(nans); // NaNs are rare: the diverged runs of a small store may have none
    }

    void specialRunsExist() {
        int failed = 0, killed = 0, running = 0, deleted = 0, finished = 0;
        for (const RunInfo &run : m_runs) {
            const QByteArray status = value(run.meta, "status");
            failed += status == "4";
            killed += status == "5";
            finished += status == "3";
            if (status == "1") {
                ++running;
                QCOMPARE(value(run.meta, "end_time"), "null");
            }
            if (value(run.meta, "lifecycle_stage") == "deleted") {
                ++deleted;
                QVERIFY(value(run.meta, "deleted_time").toLongLong() > 0);
            } else {
                QCOMPARE(value(run.meta, "lifecycle_stage"), "active");
                QVERIFY(value(run.meta, "deleted_time").isNull());
            }
        }
        QVERIFY(failed >= 1);
        QCOMPARE(killed, 1);
        QCOMPARE(running, 1);
        QCOMPARE(deleted, 1);
        QVERIFY(finished > 20);
    }

    void curvesLearn() {
        // Losses of finished runs mostly fall: the median last/first ratio is well below 1.
        QList<double> ratios;
        for (const RunInfo &run : m_runs) {
            if (value(run.meta, "status") != "3")
                continue;
            const QList<QByteArray> rows =
                readAll(run.dir + QStringLiteral("/metrics/train/loss")).chopped(1).split('\n');
            const double first = rows.first().split(' ').at(1).toDouble();
            const double last = rows.last().split(' ').at(1).toDouble();
            ratios.append(last / first);
        }
        std::sort(ratios.begin(), ratios.end());
        QVERIFY(!ratios.isEmpty());
        QVERIFY(ratios.at(ratios.size() / 2) < 0.6);
    }

    void bigStoreHasNanAndManyExperiments() {
        DemoOptions o;
        o.runs = 400;
        o.metrics = 3;
        o.params = 2;
        o.steps = 40;
        o.nowMs = fixedNow;
        const QString dir = m_tmp.filePath(QStringLiteral("big"));
        QString error;
        QVERIFY2(writeDemoStore(dir, o, &error), qPrintable(error));
        const QString mlruns = dir + QStringLiteral("/mlruns");
        QCOMPARE(QDir(mlruns).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1 + 20);
        const QList<RunInfo> runs = runsOf(mlruns);
        QCOMPARE(runs.size(), 400);
        int nans = 0, killed = 0;
        QStringList names;
        for (const RunInfo &run : runs) {
            nans += readAll(run.dir + QStringLiteral("/metrics/train/loss")).contains(" nan ");
            killed += value(run.meta, "status") == "5";
            QCOMPARE(filesBelow(run.dir + QStringLiteral("/params")),
                     QStringList({QStringLiteral("batch_size"), QStringLiteral("lr")}));
        }
        QVERIFY(nans >= 1);
        QVERIFY(nans < 100);
        QCOMPARE(killed, 2);
        for (const QString &exp : QDir(mlruns).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            names.append(QString::fromUtf8(value(
                parseMeta(readAll(mlruns + u'/' + exp + QStringLiteral("/meta.yaml"))), "name")));
        QVERIFY(names.contains(QStringLiteral("experiment-20")));
        QCOMPARE(names.removeDuplicates(), 0);
    }

    void pythonRepr_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("quarter") << 0.25 << QByteArray("0.25");
        QTest::newRow("1e-4") << 1e-4 << QByteArray("0.0001");
        QTest::newRow("1e-5") << 1e-5 << QByteArray("1e-05");
        QTest::newRow("1.5e-7") << 1.5e-7 << QByteArray("1.5e-07");
        QTest::newRow("integral") << 5.0 << QByteArray("5.0");
        QTest::newRow("zero") << 0.0 << QByteArray("0.0");
        QTest::newRow("negzero") << -0.0 << QByteArray("-0.0");
        QTest::newRow("sum") << 0.1 + 0.2 << QByteArray("0.30000000000000004");
        QTest::newRow("big fixed") << 9999999999999998.0 << QByteArray("9999999999999998.0");
        QTest::newRow("1e16") << 1e16 << QByteArray("1e+16");
        QTest::newRow("1e100") << 1e100 << QByteArray("1e+100");
        QTest::newRow("2.5e20") << 2.5e20 << QByteArray("2.5e+20");
        QTest::newRow("mixed") << 123456.789 << QByteArray("123456.789");
        QTest::newRow("negative") << -2.5 << QByteArray("-2.5");
        QTest::newRow("denormal") << 5e-324 << QByteArray("5e-324");
        QTest::newRow("nan") << std::nan("") << QByteArray("nan");
        QTest::newRow("inf") << HUGE_VAL << QByteArray("inf");
        QTest::newRow("-inf") << -HUGE_VAL << QByteArray("-inf");
    }
    void pythonRepr() {
        QFETCH(double, value);
        QFETCH(QByteArray, text);
        QCOMPARE(pythonFloatRepr(value), text);
    }

    void refusesUnwritableOrUsedTarget() {
        const QString file = m_tmp.filePath(QStringLiteral("plain-file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QString error;
        QVERIFY(!writeDemoStore(file + QStringLiteral("/below"), smallOptions(), &error));
        QVERIFY(!error.isEmpty());

        error.clear();
        QVERIFY(!writeDemoStore(file, smallOptions(), &error));
        QVERIFY(!error.isEmpty());

        error.clear();
        QVERIFY(!writeDemoStore(m_store, smallOptions(), &error)); // already holds runs
        QVERIFY(error.contains(QStringLiteral("already")));
    }

private:
    QTemporaryDir m_tmp;
    QString m_store;
    QString m_mlruns;
    QList<RunInfo> m_runs;
};

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"
