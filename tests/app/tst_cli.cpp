// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

namespace {

struct Result {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(RUNLENS_BINARY)), RUNLENS_BINARY);
        m_cache = m_dir.filePath(QStringLiteral("cache.sqlite"));
        m_store = m_dir.filePath(QStringLiteral("demo/mlruns"));
        const Result r =
            run({QStringLiteral("demo"), m_dir.filePath(QStringLiteral("demo")),
                 QStringLiteral("--runs"), QStringLiteral("15"), QStringLiteral("--seed"),
                 QStringLiteral("3"), QStringLiteral("--steps"), QStringLiteral("30")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("15 runs"));
        // An MLflow store: experiment folders with meta.yaml and run folders.
        int metas = 0;
        QDirIterator it(m_store, {QStringLiteral("meta.yaml")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++metas;
        }
        QVERIFY2(metas > 15, qPrintable(QString::number(metas))); // runs + experiments
    }

    void importJson() {
        const Result r = run({QStringLiteral("import"), m_store, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, r.out.constData());
        QVERIFY(doc.isObject());
        const QJsonObject o = doc.object();
        QCOMPARE(o.value(QStringLiteral("runs")).toInt(), 15);
        QVERIFY(o.value(QStringLiteral("series")).toInt() >= 15);
        QVERIFY(o.value(QStringLiteral("points")).toInt() >
                o.value(QStringLiteral("series")).toInt());
        QCOMPARE(o.value(QStringLiteral("unchanged")).toInt(), 0);
        QVERIFY(o.value(QStringLiteral("problems")).isArray());

        // Again: nothing changed, nothing read.
        const Result again = run({QStringLiteral("import"), m_store, QStringLiteral("--json")});
        QCOMPARE(again.exitCode, 0);
        const QJsonObject second = QJsonDocument::fromJson(again.out).object();
        QCOMPARE(second.value(QStringLiteral("unchanged")).toInt(), 15);
        QCOMPARE(second.value(QStringLiteral("points")).toInt(), 0);

        const Result human = run({QStringLiteral("import"), m_store});
        QCOMPARE(human.exitCode, 0);
        QVERIFY2(human.out.startsWith("Imported 15 runs (0 changed, 15 unchanged), "),
                 human.out.constData());
    }

    void runsJson() {
        const QJsonArray all = runsArray({QStringLiteral("--all")});
        QCOMPARE(all.size(), 15);
        const QJsonArray active = runsArray({});
        int deleted = 0;
        for (const QJsonValue &v : all)
            deleted += v.toObject().value(QStringLiteral("deleted")).toBool();
        QVERIFY(deleted >= 1);
        QCOMPARE(active.size(), 15 - deleted);

        const QStringList statuses{QStringLiteral("RUNNING"),   QStringLiteral("FINISHED"),
                                   QStringLiteral("FAILED"),    QStringLiteral("KILLED"),
                                   QStringLiteral("SCHEDULED"), QStringLiteral("UNKNOWN")};
        for (const QJsonValue &v : all) {
            const QJsonObject run = v.toObject();
            QVERIFY(run.value(QStringLiteral("id")).isDouble());
            QCOMPARE(run.value(QStringLiteral("uid")).toString().size(), 32);
            QVERIFY(!run.value(QStringLiteral("name")).toString().isEmpty());
            QCOMPARE(run.value(QStringLiteral("format")).toString(), QStringLiteral("mlflow"));
            QVERIFY(!run.value(QStringLiteral("experiment")).toString().isEmpty());
            QVERIFY(statuses.contains(run.value(QStringLiteral("status")).toString()));
            QVERIFY(run.value(QStringLiteral("deleted")).isBool());
            QVERIFY(run.value(QStringLiteral("start_time")).isDouble());
            QVERIFY(run.value(QStringLiteral("start_time")).toDouble() > 1.0e12);
            const QJsonValue end = run.value(QStringLiteral("end_time"));
            QVERIFY(end.isDouble() || end.isNull());
            QCOMPARE(run.value(QStringLiteral("source")).toString(), QDir::cleanPath(m_store));
            const QString path = run.value(QStringLiteral("path")).toString();
            QVERIFY(path.endsWith(run.value(QStringLiteral("uid")).toString()));
            QVERIFY(!QDir::isAbsolutePath(path));

            const QJsonObject params = run.value(QStringLiteral("params")).toObject();
            QVERIFY(params.value(QStringLiteral("lr")).isDouble()); // typed, not "0.001"
            QVERIFY(params.value(QStringLiteral("batch_size")).isDouble());
            QVERIFY(params.value(QStringLiteral("optimizer")).isString());
            QVERIFY(run.value(QStringLiteral("tags")).isObject());

            const QJsonObject metrics = run.value(QStringLiteral("metrics")).toObject();
            QVERIFY(!metrics.isEmpty());
            for (auto it = metrics.begin(); it != metrics.end(); ++it) {
                const QJsonObject m = it.value().toObject();
                QVERIFY(m.value(QStringLiteral("count")).toInt() > 0);
                QVERIFY(m.value(QStringLiteral("first_step")).isDouble());
                QVERIFY(m.value(QStringLiteral("last_step")).toInt() >=
                        m.value(QStringLiteral("first_step")).toInt());
                for (const char *key : {"last", "min", "max"}) {
                    const QJsonValue x = m.value(QLatin1String(key));
                    QVERIFY(x.isDouble() || x.toString() == QLatin1String("NaN") ||
                            x.toString().endsWith(QLatin1String("Infinity")));
                }
                QVERIFY(m.value(QStringLiteral("nan_count")).isDouble());
            }
        }
    }

    void runsFilter() {
        const QJsonArray all = runsArray({});
        int expected = 0;
        for (const QJsonValue &v : all) {
            expected += v.toObject()
                            .value(QStringLiteral("params"))
                            .toObject()
                            .value(QStringLiteral("batch_size"))
                            .toDouble() >= 128;
        }
        QVERIFY(expected > 0 && expected < all.size());
        const QJsonArray filtered =
            runsArray({QStringLiteral("--filter"), QStringLiteral("params.batch_size >= 128")});
        QCOMPARE(filtered.size(), expected);
        for (const QJsonValue &v : filtered) {
            QVERIFY(v.toObject()
                        .value(QStringLiteral("params"))
                        .toObject()
                        .value(QStringLiteral("batch_size"))
                        .toDouble() >= 128);
        }
    }

    void runsSortNumeric() {
        const QJsonArray asc = runsArray({QStringLiteral("--sort"), QStringLiteral("params.lr")});
        QList<double> values;
        for (const QJsonValue &v : asc) {
            values.append(v.toObject()
                              .value(QStringLiteral("params"))
                              .toObject()
                              .value(QStringLiteral("lr"))
                              .toDouble());
        }
        QVERIFY(values.size() > 3);
        QVERIFY(std::is_sorted(values.cbegin(), values.cend()));
        QVERIFY(values.constFirst() < values.constLast());

        const QJsonArray desc = runsArray(
            {QStringLiteral("--sort"), QStringLiteral("params.lr"), QStringLiteral("--desc")});
        QCOMPARE(desc.first()
                     .toObject()
                     .value(QStringLiteral("params"))
                     .toObject()
                     .value(QStringLiteral("lr"))
                     .toDouble(),
                 values.constLast());
    }

    void runsTableAndCsv() {
        const Result table = run({QStringLiteral("runs")});
        QCOMPARE(table.exitCode, 0);
        const QList<QByteArray> lines = table.out.trimmed().split('\n');
        QCOMPARE(lines.size(), runsArray({}).size() + 1);
        QVERIFY(lines.at(0).startsWith("NAME"));

        const Result csv =
            run({QStringLiteral("runs"), QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY(csv.out.startsWith("id,uid,name,experiment,status,"));
        QVERIFY(csv.out.contains("\r\n"));
        QVERIFY(csv.out.contains(",params.lr,") || csv.out.contains(",params.lr\r\n"));
    }

    void badFilterIsAUsageError() {
        const Result r = run(
            {QStringLiteral("runs"), QStringLiteral("--filter"), QStringLiteral("params.lr <")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("Invalid filter"), r.err.constData());
        QVERIFY(r.err.contains("at character"));
        QVERIFY(r.out.isEmpty());

        const Result sort =
            run({QStringLiteral("runs"), QStringLiteral("--sort"), QStringLiteral("nonsense.key")});
        QCOMPARE(sort.exitCode, 2);
        const Result option = run({QStringLiteral("runs"), QStringLiteral("--no-such-option")});
        QCOMPARE(option.exitCode, 2);
    }

    void importFailures() {
        const QString missing = m_dir.filePath(QStringLiteral("does/not/exist"));
        const Result r = run({QStringLiteral("import"), missing});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(missing.toUtf8()), r.err.constData());

        // A cache path below a regular file cannot be created.
        const QString file = m_dir.filePath(QStringLiteral("plain-file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
        f.close();
        const Result cache = run({QStringLiteral("import"), m_store, QStringLiteral("--cache"),
                                  file + QStringLiteral("/sub/cache.sqlite")});
        QVERIFY(cache.exitCode != 0);
        QVERIFY(!cache.err.trimmed().isEmpty());
        const Result runs = run({QStringLiteral("runs"), QStringLiteral("--cache"),
                                 file + QStringLiteral("/sub/cache.sqlite")});
        QVERIFY(runs.exitCode != 0);

        const Result none = run({QStringLiteral("import")});
        QCOMPARE(none.exitCode, 2);
    }

    void screenshot() {
        const QString png = m_dir.filePath(QStringLiteral("shot.png"));
        const Result r = run({QStringLiteral("screenshot"), QStringLiteral("--out"), png,
                              QStringLiteral("--size"), QStringLiteral("900x560"), m_store},
                             true);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QImage image;
        QVERIFY(image.load(png, "PNG"));
        QCOMPARE(image.size(), QSize(900, 560));
        // Not a blank picture: the table draws text in many colours.
        QSet<QRgb> colors;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7)
                colors.insert(image.pixel(x, y));
        }
        QVERIFY(colors.size() > 10);

        const Result bad = run({QStringLiteral("screenshot"), QStringLiteral("--size"),
                                QStringLiteral("big"), QStringLiteral("--out"), png},
                               true);
        QCOMPARE(bad.exitCode, 2);
    }

    void metricsPrintsRawPoints() {
        const QJsonArray runs = runsArray({});
        QVERIFY(!runs.isEmpty());
        const QJsonObject first = runs.first().toObject();
        const QJsonObject metrics = first.value(QStringLiteral("metrics")).toObject();
        const QString key = metrics.keys().first();
        const int count = metrics.value(key).toObject().value(QStringLiteral("count")).toInt();
        const QString id = QString::number(first.value(QStringLiteral("id")).toInteger());

        const Result csv = run({QStringLiteral("metrics"), id, QStringLiteral("--metric"), key});
        QVERIFY2(csv.exitCode == 0, csv.err.constData());
        const QList<QByteArray> lines = csv.out.trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("metric,step,time_ms,value"));
        QCOMPARE(lines.size(), count + 1);
        QVERIFY(lines[1].startsWith(key.toUtf8() + ','));

        // By uid, as JSON: the same points.
        const Result json = run(
            {QStringLiteral("metrics"), first.value(QStringLiteral("uid")).toString(),
             QStringLiteral("--metric"), key, QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        const QJsonArray points =
            doc.value(QStringLiteral("metrics")).toObject().value(key).toArray();
        QCOMPARE(points.size(), count);
        const double last = metrics.value(key).toObject().value(QStringLiteral("last")).toDouble();
        QCOMPARE(points.last().toObject().value(QStringLiteral("value")).toDouble(), last);

        QCOMPARE(run({QStringLiteral("metrics"), QStringLiteral("no-such-run")}).exitCode, 1);
        QCOMPARE(run({QStringLiteral("metrics"), id, QStringLiteral("--metric"),
                      QStringLiteral("no/such")})
                     .exitCode,
                 1);
    }

    void chartWritesPngPdfAndSvg() {
        const QJsonArray runs = runsArray({});
        const QString key =
            runs.first().toObject().value(QStringLiteral("metrics")).toObject().keys().first();
        const QString png = m_dir.filePath(QStringLiteral("chart.png"));
        Result r =
            run({QStringLiteral("chart"), QStringLiteral("--runs"), QStringLiteral("all"),
                 QStringLiteral("--metric"), key, QStringLiteral("--smooth"), QStringLiteral("0.6"),
                 QStringLiteral("--dpi"), QStringLiteral("192"), QStringLiteral("--size"),
                 QStringLiteral("500x300"), QStringLiteral("--out"), png},
                true);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QImage image;
        QVERIFY(image.load(png, "PNG"));
        QCOMPARE(image.size(), QSize(1000, 600));

        const QString svg = m_dir.filePath(QStringLiteral("chart.svg"));
        r = run({QStringLiteral("chart"), QStringLiteral("--runs"), QStringLiteral("all"),
                 QStringLiteral("--metric"), key, QStringLiteral("--out"), svg},
                true);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray text = svgFile.readAll();
        QVERIFY(text.contains("<svg"));
        // One polyline or path per run's curve at least.
        QVERIFY(text.count("<polyline") + text.count("<path") >= runs.size());

        const QString pdf = m_dir.filePath(QStringLiteral("grid.pdf"));
        const QStringList keys =
            runs.first().toObject().value(QStringLiteral("metrics")).toObject().keys();
        r = run({QStringLiteral("chart"), QStringLiteral("--runs"),
                 QStringLiteral("filter:status = 'FINISHED'"), QStringLiteral("--metric"),
                 keys.value(0), QStringLiteral("--metric"), keys.value(1),
                 QStringLiteral("--group-by"), QStringLiteral("optimizer"),
                 QStringLiteral("--log-y"), QStringLiteral("--title"), QStringLiteral("Sweep"),
                 QStringLiteral("--out"), pdf},
                true);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("2 chart"), r.out.constData());
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5).startsWith("%PDF-"));

        QCOMPARE(run({QStringLiteral("chart"), QStringLiteral("--metric"), key,
                      QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.bmp"))},
                     true)
                     .exitCode,
                 2);
        QCOMPARE(run({QStringLiteral("chart"), QStringLiteral("--metric"),
                      QStringLiteral("no/such"), QStringLiteral("--out"), png},
                     true)
                     .exitCode,
                 1);
    }

    void screenshotOverlay() {
        const QString png = m_dir.filePath(QStringLiteral("overlay.png"));
        const Result r = run({QStringLiteral("screenshot"), QStringLiteral("--view"),
                              QStringLiteral("overlay"), QStringLiteral("--out"), png,
                              QStringLiteral("--size"), QStringLiteral("1000x700"), m_store},
                             true);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QImage image;
        QVERIFY(image.load(png, "PNG"));
        QCOMPARE(image.size(), QSize(1000, 700));
    }

    void helpAndVersion() {
        for (const QString &command :
             {QStringLiteral("import"), QStringLiteral("runs"), QStringLiteral("screenshot"),
              QStringLiteral("demo"), QStringLiteral("chart"), QStringLiteral("metrics")}) {
            const Result r = run({command, QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.contains("runlens " + command.toUtf8()), r.out.constData());
        }
        const Result v = run({QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("runlens "));
    }

private:
    Result run(const QStringList &args, bool offscreen = false) const {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("RUNLENS_CACHE"), m_cache);
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        if (offscreen)
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(RUNLENS_BINARY), args);
        Result r;
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    QJsonArray runsArray(QStringList extra) const {
        extra.prepend(QStringLiteral("--format=json"));
        extra.prepend(QStringLiteral("runs"));
        const Result r = run(extra);
        if (r.exitCode != 0) {
            qWarning() << r.err;
            return {};
        }
        return QJsonDocument::fromJson(r.out).array();
    }

    QTemporaryDir m_dir;
    QString m_cache;
    QString m_store;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
