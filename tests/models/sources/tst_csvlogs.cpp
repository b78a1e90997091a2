// SPDX-License-Identifier: GPL-3.0-or-later
// The CSV-family importers (Lightning, Keras, Ultralytics, generic CSV and JSON Lines) through
// the scanner and Importer::read: every real sample, checked against the files themselves,
// and hostile files built here.

#include "core/configtree.h"
#include "demo/democsv.h"
#include "importtestutil.h"
#include "sources/csvimporters.h"
#include "sources/importer.h"
#include "sources/scanner.h"
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace runlens;
using namespace runlens::sources;
using runlens::tests::dumpProblems;

namespace {

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes, bool append = false) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(append ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

std::vector<RunLocation> scan(const QString &root, core::Problems *problems = nullptr) {
    core::Problems own;
    ScanContext context{root, problems ? problems : &own, nullptr};
    std::vector<RunLocation> runs;
    Scanner().scan(root, context, [&](RunLocation &&loc) { runs.push_back(std::move(loc)); });
    std::sort(runs.begin(), runs.end(),
              [](const RunLocation &a, const RunLocation &b) { return a.relPath < b.relPath; });
    return runs;
}

/// Reads runs against a cache, as the import job does: the previous state comes from it.
struct Reader {
    std::unique_ptr<store::Cache> cache = store::Cache::open(QStringLiteral(":memory:"));
    ReadResult read(const RunLocation &loc, const QString &root) {
        const QHash<QString, store::PreviousRun> prev = cache->loadPrevious(root);
        const auto it = prev.constFind(loc.relPath);
        std::atomic_bool cancel{false};
        ReadResult r =
            importerById(loc.importer)->read(loc, root, it == prev.cend() ? nullptr : &*it, cancel);
        if (r.outcome == ReadResult::Outcome::Updated)
            cache->writeRun(r.update);
        return r;
    }
};

ReadResult readOnce(const RunLocation &loc, const QString &root) {
    std::atomic_bool cancel{false};
    return importerById(loc.importer)
        ->read(loc, root, static_cast<const store::PreviousRun *>(nullptr), cancel);
}

/// What a metric CSV should give, computed here independently of the importer: per column,
/// the count of non-empty cells and the value of the latest point (greatest step, later row
/// on a tie). stepColumn empty: the 0-based row number.
struct ExpectedMetric {
    qint64 count = 0;
    double last = 0;
    qint64 lastStep = std::numeric_limits<qint64>::min();
};

QMap<QString, ExpectedMetric> expectedCsv(const QString &path, const QString &stepColumn,
                                          bool stepAlsoMetric) {
    QMap<QString, ExpectedMetric> out;
    QList<QByteArray> lines = readAll(path).split('\n');
    lines.removeLast(); // after the final newline
    QStringList header;
    for (const QByteArray &h : lines.takeFirst().trimmed().split(','))
        header << QString::fromUtf8(h.trimmed());
    const qsizetype stepAt = stepColumn.isEmpty() ? -1 : header.indexOf(stepColumn);
    qint64 row = 0;
    for (const QByteArray &line : lines) {
        const QList<QByteArray> cells = line.trimmed().split(',');
        qint64 step = row++;
        if (stepAt >= 0)
            step = qint64(std::llround(cells.value(stepAt).trimmed().toDouble()));
        for (qsizetype i = 0; i < header.size(); ++i) {
            const QByteArray cell = cells.value(i).trimmed();
            if (cell.isEmpty() || header[i].isEmpty() || (i == stepAt && !stepAlsoMetric))
                continue;
            ExpectedMetric &e = out[header[i]];
            ++e.count;
            if (step >= e.lastStep) {
                e.lastStep = step;
                e.last = cell.toLower() == "nan" ? std::nan("") : cell.toDouble();
            }
        }
    }
    return out;
}

void compareMetrics(const core::Run &run, const QMap<QString, ExpectedMetric> &expected) {
    QCOMPARE(qsizetype(run.metrics.size()), expected.size());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const core::MetricSummary *m = run.metric(it.key());
        QVERIFY2(m, qPrintable(run.path + u' ' + it.key()));
        QCOMPARE(m->count, it->count);
        QCOMPARE(m->lastStep, it->lastStep);
        if (std::isnan(it->last))
            QVERIFY2(std::isnan(m->last), qPrintable(it.key()));
        else
            QCOMPARE(m->last, it->last);
    }
}

const store::RunUpdate::Series *seriesOf(const ReadResult &r, const QString &key) {
    for (const auto &s : r.update.series) {
        if (s.key == key)
            return &s;
    }
    return nullptr;
}

} // namespace

class TestCsvLogs : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;
    QString newDir() {
        const QString d = m_tmp.filePath(QStringLiteral("d%1").arg(++m_n));
        QDir().mkpath(d);
        return d;
    }

private slots:
    void lightningFixtures() {
        RUNLENS_REQUIRE_FIXTURES("lightning_csv");
        const QString root = tests::fixturesDir() + QStringLiteral("/lightning_csv");
        const auto runs = scan(root);
        QCOMPARE(runs.size(), size_t(2 + 4 + 1 + 5 + 5));
        for (const RunLocation &loc : runs) {
            QCOMPARE(loc.importer, QStringLiteral("lightning"));
            QVERIFY(loc.claimsLogs);
            const ReadResult r = readOnce(loc, root);
            QVERIFY2(r.problems.isEmpty(), qPrintable(dumpProblems(r.problems)));
            QCOMPARE(int(r.outcome), int(ReadResult::Outcome::Updated));
            const core::Run &run = r.update.run;
            QCOMPARE(run.format, QStringLiteral("lightning"));
            const QString logger = loc.absPath.section(u'/', -2, -2);
            QCOMPARE(run.name, logger + u'/' + loc.absPath.section(u'/', -1));
            QCOMPARE(run.experiment, logger);
            compareMetrics(run, expectedCsv(loc.absPath + QStringLiteral("/metrics.csv"),
                                            QStringLiteral("step"), false));
        }
        // Config values from hparams.yaml.
        auto find = [&](const QString &suffix) -> const RunLocation & {
            for (const RunLocation &l : runs) {
                if (l.relPath.endsWith(suffix))
                    return l;
            }
            static const RunLocation none;
            return none;
        };
        ReadResult r =
            readOnce(find(QStringLiteral("danyash759-mlops-hw/lightning_logs/version_0")), root);
        QCOMPARE(r.update.run.config.value(QStringLiteral("lr")).toDouble(), 1e-05);
        QCOMPARE(r.update.run.config.value(QStringLiteral("hidden_dim")).toLongLong(), 64);
        QCOMPARE(r.update.run.metric(QStringLiteral("val_loss"))->last, 681.0682373046875);
        r = readOnce(find(QStringLiteral("training_logs/neuron_17")), root);
        QCOMPARE(r.update.run.name, QStringLiteral("training_logs/neuron_17"));
        QCOMPARE(r.update.run.config.value(QStringLiteral("model_type")).toString(),
                 QStringLiteral("CNN"));
        QCOMPARE(r.update.run.config.value(QStringLiteral("num_layers")).toLongLong(), 4);
        QVERIFY(std::isnan(r.update.run.metric(QStringLiteral("corr"))->last));
        QCOMPARE(r.update.run.metric(QStringLiteral("corr"))->nanCount,
                 readAll(find(QStringLiteral("training_logs/neuron_17")).absPath +
                         QStringLiteral("/metrics.csv"))
                     .count("\nnan,"));
        r = readOnce(find(QStringLiteral("eve-ning-opal-v2/lightning_logs/version_0")), root);
        QCOMPARE(r.update.run.metric(QStringLiteral("val/rmse_loss"))->last, 0.01806013539950508);
        QCOMPARE(r.update.run.metric(QStringLiteral("epoch"))->last, 7.0);
        QCOMPARE(r.update.run.metric(QStringLiteral("lr-Adam"))->firstStep, 49);
        QVERIFY(r.update.run.config.entries().empty()); // no hparams.yaml
    }

    void kerasFixtures() {
        RUNLENS_REQUIRE_FIXTURES("keras_csv");
        const QString root = tests::fixturesDir() + QStringLiteral("/keras_csv");
        const auto runs = scan(root);
        QCOMPARE(runs.size(), size_t(1 + 1 + 5 + 1 + 1));
        for (const RunLocation &loc : runs) {
            QCOMPARE(loc.importer, QStringLiteral("keras"));
            QVERIFY(QFileInfo(loc.absPath).isFile());
            const ReadResult r = readOnce(loc, root);
            QVERIFY2(r.problems.isEmpty(), qPrintable(dumpProblems(r.problems)));
            QCOMPARE(r.update.run.format, QStringLiteral("keras"));
            QCOMPARE(r.update.run.path, loc.relPath);
            QCOMPARE(r.update.run.experiment, loc.absPath.section(u'/', -2, -2));
            compareMetrics(r.update.run, expectedCsv(loc.absPath, QStringLiteral("epoch"), false));
            QCOMPARE(r.update.files.size(), size_t(1));
            QCOMPARE(r.update.files[0].relPath, loc.absPath.section(u'/', -1));
        }
        const auto brats = std::find_if(runs.begin(), runs.end(), [](const RunLocation &l) {
            return l.relPath.startsWith(u"4hmetcakmak");
        });
        const ReadResult r = readOnce(*brats, root);
        QCOMPARE(r.update.run.metric(QStringLiteral("lr"))->last, 1e-06);
        QCOMPARE(r.update.run.metric(QStringLiteral("lr"))->lastStep, 23);
        QCOMPARE(r.update.run.metric(QStringLiteral("val_loss"))->count, 24);
    }

    void ultralyticsFixtures() {
        RUNLENS_REQUIRE_FIXTURES("tensorboard");
        const QString root =
            tests::fixturesDir() + QStringLiteral("/tensorboard/dan-irl-ultralytics");
        auto runs = scan(root);
        std::erase_if(runs, [](const RunLocation &l) { return l.importer != u"ultralytics"; });
        QCOMPARE(runs.size(), size_t(2));
        for (const RunLocation &loc : runs) {
            const ReadResult r = readOnce(loc, root);
            QVERIFY2(r.problems.isEmpty(), qPrintable(dumpProblems(r.problems)));
            const core::Run &run = r.update.run;
            QCOMPARE(run.name, loc.absPath.section(u'/', -1));
            QCOMPARE(run.experiment, QStringLiteral("detect"));
            QCOMPARE(run.config.value(QStringLiteral("epochs")).toLongLong(), 5);
            QCOMPARE(run.config.value(QStringLiteral("task")).toString(), QStringLiteral("detect"));
            QCOMPARE(run.config.value(QStringLiteral("name")).toString(), run.name);
            compareMetrics(run, expectedCsv(loc.absPath + QStringLiteral("/results.csv"),
                                            QStringLiteral("epoch"), false));
            QCOMPARE(run.metric(QStringLiteral("metrics/mAP50(B)"))->lastStep, 5);
        }
        const ReadResult adam = readOnce(runs[0], root);
        QCOMPARE(adam.update.run.config.value(QStringLiteral("optimizer")).toString(),
                 QStringLiteral("Adam"));
        QCOMPARE(adam.update.run.metric(QStringLiteral("train/box_loss"))->last, 1.7704);
    }

    void noFalsePositivesInOtherFixtures() {
        RUNLENS_REQUIRE_FIXTURES("");
        // Every other sample (Hydra train.log, AllenNLP stdout.log, MLflow artifacts with an
        // Ultralytics results.csv, W&B files): no CSV-family run but the real ones.
        const auto runs = scan(tests::fixturesDir());
        int lightning = 0, keras = 0, ultralytics = 0;
        for (const RunLocation &loc : runs) {
            QVERIFY2(loc.importer != u"csv" && loc.importer != u"jsonl", qPrintable(loc.relPath));
            if (loc.importer == u"keras") {
                QVERIFY2(loc.relPath.startsWith(u"keras_csv/"), qPrintable(loc.relPath));
                ++keras;
            }
            if (loc.importer == u"ultralytics") {
                QVERIFY2(loc.relPath.startsWith(u"tensorboard/"), qPrintable(loc.relPath));
                ++ultralytics;
            }
            if (loc.importer == u"lightning") {
                // Also the CSVLogger folders below Hydra runs (column names with '/').
                ++lightning;
                const ReadResult r = readOnce(loc, tests::fixturesDir());
                QVERIFY2(r.problems.isEmpty(), qPrintable(dumpProblems(r.problems)));
                // A TensorBoardLogger folder (hparams.yaml + event files) has config only here.
                if (QFileInfo::exists(loc.absPath + QStringLiteral("/metrics.csv")))
                    QVERIFY2(!r.update.run.metrics.empty(), qPrintable(loc.relPath));
            }
        }
        QCOMPARE(keras, 9);
        QCOMPARE(ultralytics, 2);
        QVERIFY(lightning >= 17); // and more below Hydra runs, unless Hydra claims them
    }

    void genericCsvAndClaims() {
        const QString dir = newDir();
        // A Lightning version folder: its metrics.csv is Lightning's, not a generic log.
        writeFile(dir + QStringLiteral("/lightning_logs/version_0/metrics.csv"),
                  "epoch,step,loss\r\n0,0,1.0\r\n");
        // Keras under a generic log name goes to Keras.
        writeFile(dir + QStringLiteral("/k/history.csv"), "epoch,loss,val_loss\n0,1,2\n");
        // Generic logs.
        writeFile(dir + QStringLiteral("/g/progress.csv"),
                  "time/total_timesteps,rollout/ep_rew_mean\n2048,-150.5\n4096,-120.25\n");
        writeFile(dir + QStringLiteral("/g/metrics.jsonl"),
                  "{\"step\": 1, \"loss\": 2.5}\n{\"step\": 2, \"loss\": 1.5}\n");
        // Data sets and non-logs are not runs.
        writeFile(dir + QStringLiteral("/data/train.csv"), "x,y\n1,2\n");
        writeFile(dir + QStringLiteral("/data/metrics.csv"), "name,city\nbob,paris\n");
        writeFile(dir + QStringLiteral("/data/log.jsonl"), "plain text\n");
        writeFile(dir + QStringLiteral("/empty/metrics.csv"), "");
        const auto runs = scan(dir);
        QStringList found;
        for (const RunLocation &l : runs)
            found << l.importer + u':' + l.relPath;
        QCOMPARE(found, (QStringList{QStringLiteral("jsonl:g/metrics.jsonl"),
                                     QStringLiteral("csv:g/progress.csv"),
                                     QStringLiteral("keras:k/history.csv"),
                                     QStringLiteral("lightning:lightning_logs/version_0")}));
        const ReadResult progress = readOnce(runs[1], dir);
        QCOMPARE(progress.update.run.format, QStringLiteral("csv"));
        const auto *rew = progress.update.run.metric(QStringLiteral("rollout/ep_rew_mean"));
        QCOMPARE(rew->count, 2);
        QCOMPARE(rew->lastStep, 1); // row numbers: no step column
        QCOMPARE(rew->last, -120.25);
        const ReadResult jsonl = readOnce(runs[0], dir);
        QCOMPARE(jsonl.update.run.metric(QStringLiteral("loss"))->lastStep, 2);
        QCOMPARE(jsonl.update.run.metric(QStringLiteral("loss"))->last, 1.5);
    }

    void openedFileIsTheRun() {
        const QString dir = newDir();
        const QString data = dir + QStringLiteral("/sweep_results.csv");
        writeFile(data, "lr;score\n0.1;0.5\n0.01;0.75\n");
        // Inside a folder the name says nothing: not a run.
        auto runs = scan(dir);
        QVERIFY(runs.empty());
        // Opened directly: the user asked for it.
        runs = scan(data);
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs[0].importer, QStringLiteral("csv"));
        const ReadResult r = readOnce(runs[0], data);
        QCOMPARE(r.update.run.name, QStringLiteral("sweep_results.csv"));
        QCOMPARE(r.update.run.metric(QStringLiteral("score"))->last, 0.75);

        // An empty CSV opened directly: a run with no metrics and no problem, no crash.
        const QString empty = dir + QStringLiteral("/empty.csv");
        writeFile(empty, "");
        runs = scan(empty);
        QCOMPARE(runs.size(), size_t(1));
        const ReadResult e = readOnce(runs[0], empty);
        QCOMPARE(int(e.outcome), int(ReadResult::Outcome::Updated));
        QVERIFY(e.problems.isEmpty());
        QVERIFY(e.update.run.metrics.empty());

        const QString jl = dir + QStringLiteral("/anything.jsonl");
        writeFile(jl, "{\"epoch\": 3, \"acc\": 0.5}\n");
        runs = scan(jl);
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs[0].importer, QStringLiteral("jsonl"));
    }

    void hostileCsv() {
        const QString dir = newDir();
        const QString path = dir + QStringLiteral("/metrics.csv");
        writeFile(path, "step,\"loss, total\",Genauigkeit Übung,note\r\n"
                        "0,1.5,nan,\"a,b\"\r\n"
                        "1,inf,,\"multi\r\nline\"\r\n"
                        "2,0.5\r\n"
                        "3,-inf,0.25,x\r\n"
                        "4,,NA,y\r\n");
        const auto runs = scan(dir);
        QCOMPARE(runs.size(), size_t(1));
        const ReadResult r = readOnce(runs[0], dir);
        // The ragged row (line 5, after a record spanning two lines) and the non-numeric
        // note column are reported; the rest imports.
        QCOMPARE(r.problems.size(), 2);
        QCOMPARE(r.problems[0].path, path);
        QStringList wheres{r.problems[0].where, r.problems[1].where};
        wheres.sort();
        QCOMPARE(wheres, (QStringList{QStringLiteral("line 2"), QStringLiteral("line 5")}));
        const core::Run &run = r.update.run;
        const auto *loss = run.metric(QStringLiteral("loss, total"));
        QCOMPARE(loss->count, 3);
        QCOMPARE(loss->nanCount, 2);
        QCOMPARE(loss->lastStep, 3);
        QVERIFY(std::isinf(loss->last) && loss->last < 0);
        const auto *acc = run.metric(QStringLiteral("Genauigkeit Übung"));
        QCOMPARE(acc->count, 2);
        QCOMPARE(acc->last, 0.25);
        QVERIFY(!run.metric(QStringLiteral("note")));
    }

    void jsonlBadLine() {
        const QString dir = newDir();
        const QString path = dir + QStringLiteral("/train.log.jsonl");
        writeFile(path, "{\"global_step\": 10, \"loss\": 1.0, \"_timestamp\": 1700000000.25}\n"
                        "Traceback (most recent call last):\n"
                        "{\"global_step\": 20, \"loss\": 0.5, \"lr\": Infinity}\n");
        const auto runs = scan(dir);
        QCOMPARE(runs.size(), size_t(1));
        const ReadResult r = readOnce(runs[0], dir);
        QCOMPARE(r.problems.size(), 1);
        QCOMPARE(r.problems[0].where, QStringLiteral("line 2"));
        QCOMPARE(r.problems[0].path, path);
        const auto *loss = r.update.run.metric(QStringLiteral("loss"));
        QCOMPARE(loss->count, 2);
        QCOMPARE(loss->lastStep, 20);
        QCOMPARE(r.update.run.metric(QStringLiteral("lr"))->nanCount, 1);
        QVERIFY(!r.update.run.metric(QStringLiteral("global_step")));
        QVERIFY(!r.update.run.metric(QStringLiteral("_timestamp")));
    }

    void growingFileReadsOnlyNewBytes() {
        const QString dir = newDir();
        const QString path = dir + QStringLiteral("/log.csv");
        const QByteArray first = "loss,acc\n1,0.1\n0.5,0.2\n";
        writeFile(path, first);
        const auto runs = scan(dir);
        QCOMPARE(runs.size(), size_t(1));
        Reader reader;
        ReadResult r = reader.read(runs[0], dir);
        QCOMPARE(r.bytesRead, first.size());
        QCOMPARE(r.update.run.metric(QStringLiteral("loss"))->count, 2);

        // Growth with a partial last line: only the complete row is consumed.
        const QByteArray more = "0.25,0.3\n0.125,0.";
        writeFile(path, more, true);
        r = reader.read(runs[0], dir);
        QCOMPARE(int(r.outcome), int(ReadResult::Outcome::Updated));
        QCOMPARE(r.bytesRead, more.size());
        const auto *loss = seriesOf(r, QStringLiteral("loss"));
        QVERIFY(loss);
        QVERIFY(loss->append);
        QCOMPARE(loss->points.size(), size_t(1));
        QCOMPARE(loss->points[0].step, 2); // row numbers continue
        QCOMPARE(loss->points[0].value, 0.25);
        QCOMPARE(r.update.run.metric(QStringLiteral("loss"))->count, 3);

        // The line completes: the next read starts at the partial line.
        writeFile(path, "4\n", true);
        r = reader.read(runs[0], dir);
        QCOMPARE(r.bytesRead, qint64(QByteArray("0.125,0.4\n").size()));
        const auto *acc = seriesOf(r, QStringLiteral("acc"));
        QVERIFY(acc && acc->append);
        QCOMPARE(acc->points.size(), size_t(1));
        QCOMPARE(acc->points[0].step, 3);
        QCOMPARE(acc->points[0].value, 0.4);
        QCOMPARE(r.update.run.metric(QStringLiteral("acc"))->count, 4);
        QCOMPARE(r.update.run.metric(QStringLiteral("acc"))->last, 0.4);

        // Unchanged: nothing read.
        r = reader.read(runs[0], dir);
        QCOMPARE(int(r.outcome), int(ReadResult::Outcome::Unchanged));
        QCOMPARE(r.bytesRead, 0);
    }

    void growingJsonl() {
        const QString dir = newDir();
        const QString path = dir + QStringLiteral("/history.jsonl");
        writeFile(path, "{\"loss\": 3}\n{\"loss\": 2}\n");
        const auto runs = scan(dir);
        Reader reader;
        ReadResult r = reader.read(runs[0], dir);
        writeFile(path, "{\"loss\": 1}\n", true);
        r = reader.read(runs[0], dir);
        QCOMPARE(r.bytesRead, 12);
        const auto *loss = seriesOf(r, QStringLiteral("loss"));
        QVERIFY(loss && loss->append);
        QCOMPARE(loss->points.size(), size_t(1));
        QCOMPARE(loss->points[0].step, 2);
    }

    void demoWriters() {
        const QString dir = newDir();
        demo::DemoOptions o;
        o.runs = 8;
        o.steps = 30;
        o.nowMs = 1767225600000;
        QString error;
        QVERIFY2(demo::writeDemoLightning(dir, o, &error), qPrintable(error));
        QVERIFY2(demo::writeDemoKeras(dir, o, &error), qPrintable(error));
        QVERIFY2(demo::writeDemoCsvLogs(dir, o, &error), qPrintable(error));
        QVERIFY2(demo::writeDemoUltralytics(dir, o, &error), qPrintable(error));
        QVERIFY(!demo::writeDemoKeras(dir, o, &error)); // never over existing runs
        const auto runs = scan(dir);
        QMap<QString, int> byFormat;
        for (const RunLocation &loc : runs) {
            ++byFormat[loc.importer];
            const ReadResult r = readOnce(loc, dir);
            QVERIFY2(r.problems.isEmpty(), qPrintable(dumpProblems(r.problems)));
            QCOMPARE(int(r.outcome), int(ReadResult::Outcome::Updated));
            QVERIFY2(!r.update.run.metrics.empty(), qPrintable(loc.relPath));
            if (loc.importer == u"lightning" || loc.importer == u"ultralytics")
                QVERIFY(!r.update.run.config.entries().empty());
        }
        QCOMPARE(byFormat.value(QStringLiteral("lightning")), 8);
        QCOMPARE(byFormat.value(QStringLiteral("keras")), 8);
        QCOMPARE(byFormat.value(QStringLiteral("csv")), 6);
        QCOMPARE(byFormat.value(QStringLiteral("jsonl")), 2);
        QCOMPARE(byFormat.value(QStringLiteral("ultralytics")), 8);
    }

    void lightningRewriteWithNewColumn() {
        const QString dir = newDir();
        const QString path = dir + QStringLiteral("/lightning_logs/version_0/metrics.csv");
        writeFile(path, "epoch,step,train_loss\r\n0,0,1.0\r\n0,1,0.9\r\n");
        writeFile(dir + QStringLiteral("/lightning_logs/version_0/hparams.yaml"),
                  "lr: !!python/object/apply:numpy.core.multiarray.scalar\n- 0.001\nlayers: "
                  "!!python/tuple\n- 64\n- 32\n");
        const auto runs = scan(dir);
        QCOMPARE(runs.size(), size_t(1));
        Reader reader;
        ReadResult r = reader.read(runs[0], dir);
        QVERIFY2(r.problems.isEmpty(), qPrintable(dumpProblems(r.problems)));
        QVERIFY(r.update.run.config.contains(QStringLiteral("layers[0]")));
        // Lightning rewrites the whole file in place with a wider header.
        writeFile(path, "epoch,step,train_loss,val_loss\r\n0,0,1.0,\r\n0,1,0.9,\r\n0,1,,2.0\r\n"
                        "1,2,0.8,\r\n");
        r = reader.read(runs[0], dir);
        QVERIFY(r.problems.isEmpty());
        // Either detected now (mid-line resume) or on the next read: in the end the run holds
        // the rewritten file's values exactly once.
        for (int i = 0; i < 2 && !reader.cache->loadRuns(dir).empty(); ++i) {
            const core::Runs stored = reader.cache->loadRuns(dir);
            if (stored.front().metric(QStringLiteral("val_loss")))
                break;
            r = reader.read(runs[0], dir);
        }
        const core::Runs stored = reader.cache->loadRuns(dir);
        QCOMPARE(stored.size(), size_t(1));
        QVERIFY(stored.front().metric(QStringLiteral("val_loss")));
        QCOMPARE(stored.front().metric(QStringLiteral("val_loss"))->last, 2.0);
        QCOMPARE(stored.front().metric(QStringLiteral("train_loss"))->count, 3);
        QCOMPARE(stored.front().metric(QStringLiteral("train_loss"))->last, 0.8);
    }
};

QTEST_GUILESS_MAIN(TestCsvLogs)
#include "tst_csvlogs.moc"
