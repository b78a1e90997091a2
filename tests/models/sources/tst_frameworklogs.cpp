// SPDX-License-Identifier: GPL-3.0-or-later
// The framework-log importers (DVCLive, Hugging Face Trainer, AllenNLP) through ImportJob into a
// real cache: the real samples of shared/fixtures/real/{dvclive,other}, checked against the files
// read independently here, and hostile folders built here.

#include "core/configtree.h"
#include "demo/demoframework.h"
#include "importtestutil.h"
#include "sources/frameworkimporters.h"
#include "sources/frameworkparser.h"
#include "sources/importer.h"
#include "storebuilder.h"
#include "testutils.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <map>

using namespace runlens;
using namespace runlens::sources;
using runlens::tests::appendFile;
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

/// What a series should hold, computed here without the importer's code.
struct Expected {
    qint64 count = 0;
    qint64 lastStep = std::numeric_limits<qint64>::min();
    double last = 0;
    void add(qint64 step, double value) {
        ++count;
        if (step >= lastStep) {
            lastStep = step;
            last = value;
        }
    }
};
using ExpectedMap = std::map<QString, Expected>;

double pyNumber(const QString &text, bool *ok) {
    const QString t = text.trimmed().toLower();
    *ok = true;
    if (t == u"nan")
        return std::nan("");
    if (t == u"inf")
        return INFINITY;
    if (t == u"-inf")
        return -INFINITY;
    return t.toDouble(ok);
}

/// Every TSV below dir: key = path relative to dir without ".tsv"; step column "step", value =
/// last column; the text after the last newline is partial.
void expectTsv(const QString &dir, bool recursive, ExpectedMap &out) {
    QDirIterator it(dir, {q("*.tsv")}, QDir::Files,
                    recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (it.hasNext()) {
        const QString path = it.next();
        QString key = QDir(dir).relativeFilePath(path);
        key.chop(4);
        const QList<QByteArray> lines = readAll(path).split('\n');
        const QList<QByteArray> header = lines.value(0).trimmed().split('\t');
        const auto stepCol = header.indexOf("step");
        Expected &e = out[key];
        for (qsizetype i = 1; i + 1 < lines.size(); ++i) {
            const QList<QByteArray> f = lines[i].trimmed().split('\t');
            if (f.size() != header.size())
                continue;
            bool ok = false;
            const double v = pyNumber(q(f.last()), &ok);
            // a lone "step" column is a metric named .../step: its row index is the step
            if (ok)
                e.add(header.size() == 1 ? i - 1 : f.value(stepCol).toLongLong(), v);
        }
    }
}

/// A DVCLive summary's leaves without a history, at its step.
void expectSummary(const QJsonObject &o, const QString &prefix, qint64 step, ExpectedMap &out) {
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = prefix + it.key();
        if (prefix.isEmpty() && key == u"step")
            continue;
        if (it.value().isObject()) {
            expectSummary(it.value().toObject(), key + u'/', step, out);
        } else if (!out.count(key)) {
            bool ok = it.value().isDouble();
            const double v = ok ? it.value().toDouble() : pyNumber(it.value().toString(), &ok);
            if (ok)
                out[key].add(step, v);
        }
    }
}

/// The newest trainer_state.json of an output_dir, read here.
void expectHfState(const QString &path, ExpectedMap &out) {
    const QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
    for (const QJsonValue &entry : root.value(q("log_history")).toArray()) {
        const QJsonObject o = entry.toObject();
        const qint64 step = o.value(q("step")).toInteger();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() != u"step" && it.value().isDouble())
                out[it.key()].add(step, it.value().toDouble());
        }
    }
}

void expectAllennlp(const QString &dir, ExpectedMap &out) {
    std::map<qint64, QJsonObject> epochs;
    const QStringList files = QDir(dir).entryList({q("metrics_epoch_*.json")}, QDir::Files);
    for (const QString &name : files)
        epochs[name.mid(14).chopped(5).toLongLong()] =
            QJsonDocument::fromJson(readAll(dir + u'/' + name)).object();
    auto add = [&](const QJsonObject &o, qint64 step, const QJsonObject *skip) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == u"epoch" || it.key() == u"training_start_epoch")
                continue;
            if (skip && skip->contains(it.key()))
                continue;
            if (it.value().isDouble()) {
                out[it.key()].add(step, it.value().toDouble());
            } else if (it.key() == u"training_duration") {
                const QStringList hms = it.value().toString().split(u':');
                out[it.key()].add(step, hms[0].toDouble() * 3600 + hms[1].toDouble() * 60 +
                                            hms[2].toDouble());
            }
        }
    };
    for (const auto &[epoch, o] : epochs)
        add(o, epoch, nullptr);
    const QJsonObject final = QJsonDocument::fromJson(readAll(dir + q("/metrics.json"))).object();
    const qint64 step = final.value(q("epoch")).toInteger();
    const auto own = epochs.find(step);
    add(final, step, own == epochs.end() ? nullptr : &own->second);
}

void compareMetrics(const core::Run &run, const ExpectedMap &expected) {
    QStringList keys;
    for (const core::MetricInfo &m : run.metrics)
        keys << m.key;
    QStringList want;
    for (const auto &[key, e] : expected)
        want << key;
    keys.sort();
    want.sort();
    QCOMPARE(keys, want);
    for (const auto &[key, e] : expected) {
        const core::MetricSummary *s = run.metric(key);
        QVERIFY2(s, qPrintable(key));
        QVERIFY2(s->count == e.count,
                 qPrintable(key + q(": count %1, expected %2").arg(s->count).arg(e.count)));
        QVERIFY2(s->lastStep == e.lastStep, qPrintable(key));
        QVERIFY2((std::isnan(s->last) && std::isnan(e.last)) || s->last == e.last,
                 qPrintable(key + q(": last %1, expected %2").arg(s->last).arg(e.last)));
    }
}

} // namespace

class TestFrameworkLogs : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;
    QString newCache() { return m_tmp.filePath(q("cache%1.sqlite").arg(++m_n)); }
    QString newDir() {
        const QString d = m_tmp.filePath(q("dir%1").arg(++m_n));
        QDir().mkpath(d);
        return d;
    }

    core::Runs importOk(const QString &root, ImportSummary *summary = nullptr) {
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        if (summary)
            *summary = s;
        if (!s.ok() || !s.problems.isEmpty())
            qWarning().noquote() << s.fatalError << dumpProblems(s.problems);
        return loadSorted(cache);
    }

private Q_SLOTS:
    // --- real samples -----------------------------------------------------------------------

    void dvcliveReal_data() {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QString>("runPath"); ///< relative to the sample
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("histories"); ///< relative to the run folder; "" none
        QTest::addColumn<bool>("recursive");
        QTest::addColumn<QString>("summary"); ///< relative to the sample
        QTest::addColumn<QString>("configKey");
        QTest::addColumn<QVariant>("configValue");
        QTest::addColumn<int>("metrics");
        QTest::newRow("carocardozo")
            << q("carocardozo-example-exps") << q("dvclive") << q("carocardozo-example-exps")
            << q("plots/metrics") << true << q("dvclive/metrics.json") << q("train.epochs")
            << QVariant(qint64(10)) << 4;
        QTest::newRow("coffeemugtwo")
            << q("coffeemugtwo-dqn") << q("dvclive") << q("coffeemugtwo-dqn") << q("plots/metrics")
            << true << q("dvclive/metrics.json") << q("training.batch_size")
            << QVariant(qint64(128)) << 1;
        QTest::newRow("brycenvn") << q("brycenvn-yolov8") << q("dvclive") << q("brycenvn-yolov8")
                                  << q("plots/metrics") << true << q("dvclive/metrics.json")
                                  << QString() << QVariant() << 16;
        QTest::newRow("arturmakowski")
            << q("arturmakowski-sed") << q("dvclive") << q("arturmakowski-sed")
            << q("plots/metrics") << true << q("dvclive/metrics.json") << q("data.fs")
            << QVariant(qint64(16000)) << 42;
        QTest::newRow("dberenbaum 0.x summary only")
            << q("dberenbaum-checkpoints-2021") << q("dvclive.json")
            << q("dberenbaum-checkpoints-2021") << QString() << false << q("dvclive.json")
            << q("lr") << QVariant(0.01) << 2;
        QTest::newRow("daavoo 0.x flat")
            << q("daavoo-pyday-2022") << q("dvclive") << q("daavoo-pyday-2022") << q(".") << false
            << q("dvclive.json") << q("train.epochs") << QVariant(qint64(8)) << 10;
    }

    void dvcliveReal() {
        RUNLENS_REQUIRE_FIXTURES("dvclive");
        QFETCH(QString, sample);
        QFETCH(QString, runPath);
        QFETCH(QString, name);
        QFETCH(QString, histories);
        QFETCH(bool, recursive);
        QFETCH(QString, summary);
        QFETCH(QString, configKey);
        QFETCH(QVariant, configValue);
        QFETCH(int, metrics);
        const QString root = tests::fixturesDir() + q("/dvclive/") + sample;
        ImportSummary s;
        const core::Runs runs = importOk(root, &s);
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        QCOMPARE(qsizetype(runs.size()), qsizetype(1));
        const core::Run &run = runs.front();
        QCOMPARE(run.format, q("dvclive"));
        QCOMPARE(run.path, runPath);
        QCOMPARE(run.name, name);
        if (!configKey.isEmpty())
            QCOMPARE(run.config.value(configKey), configValue);
        ExpectedMap expected;
        if (!histories.isEmpty())
            expectTsv(root + u'/' + runPath + u'/' + histories, recursive, expected);
        const QJsonObject sum = QJsonDocument::fromJson(readAll(root + u'/' + summary)).object();
        expectSummary(sum, {}, sum.value(q("step")).toInteger(), expected);
        QCOMPARE(qsizetype(run.metrics.size()), qsizetype(metrics));
        compareMetrics(run, expected);
    }

    void dvcliveRealValues() {
        RUNLENS_REQUIRE_FIXTURES("dvclive");
        const QString root = tests::fixturesDir() + q("/dvclive");
        const core::Runs runs = importOk(root);
        QCOMPARE(qsizetype(runs.size()), qsizetype(6));
        for (const core::Run &run : runs) {
            if (run.name == u"carocardozo-example-exps") {
                QCOMPARE(run.metric(q("train/acc"))->last, 0.9901999831199646);
                QCOMPARE(run.metric(q("train/acc"))->count, 10);
                QCOMPARE(run.config.value(q("model.conv_units")), QVariant(qint64(24)));
            } else if (run.name == u"coffeemugtwo-dqn") {
                QCOMPARE(run.metric(q("min_distance"))->count, 100);
                QCOMPARE(run.metric(q("min_distance"))->last, 0.7983995974063873);
                QCOMPARE(run.metric(q("min_distance"))->lastStep, 99);
                // the run's own params.yaml wins over the project's (1e-4 there)
                QCOMPARE(run.config.value(q("training.lr")), QVariant(0.0001));
            } else if (run.name == u"dberenbaum-checkpoints-2021") {
                QCOMPARE(run.metric(q("loss"))->last, 0.12216771394014359);
                QCOMPARE(run.metric(q("acc"))->lastStep, 1);
                QCOMPARE(run.config.value(q("seed")), QVariant(qint64(473987)));
            } else if (run.name == u"daavoo-pyday-2022") {
                QCOMPARE(run.metric(q("eval_accuracy"))->last, 1.0);
                QCOMPARE(run.metric(q("eval_accuracy"))->count, 8);
                QCOMPARE(run.metric(q("epoch"))->count, 9);
            } else if (run.name == u"brycenvn-yolov8") {
                QVERIFY(run.metric(q("metrics/mAP50(B)")));
                QVERIFY(run.metric(q("lr/pg0")));
            }
        }
    }

    void hfReal_data() {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QString>("newest");
        QTest::addColumn<qint64>("maxSteps");
        QTest::addColumn<qint64>("batch");
        QTest::addColumn<QString>("lastLossStep");
        QTest::newRow("aguleon") << q("hf-trainer-aguleon") << q("checkpoint-1200") << qint64(1200)
                                 << qint64(32) << q("1200");
        QTest::newRow("paulohenriquecrs")
            << q("hf-trainer-paulohenriquecrs") << q("checkpoint-8610") << qint64(8610) << qint64(4)
            << q("8500");
    }

    void hfReal() {
        RUNLENS_REQUIRE_FIXTURES("other");
        QFETCH(QString, sample);
        QFETCH(QString, newest);
        QFETCH(qint64, maxSteps);
        QFETCH(qint64, batch);
        QFETCH(QString, lastLossStep);
        const QString root = tests::fixturesDir() + q("/other/") + sample;
        ImportSummary s;
        const core::Runs runs = importOk(root, &s);
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        QCOMPARE(qsizetype(runs.size()), qsizetype(1)); // checkpoints are not runs
        const core::Run &run = runs.front();
        QCOMPARE(run.format, q("hf-trainer"));
        QCOMPARE(run.path, q("results"));
        QCOMPARE(run.config.value(q("max_steps")), QVariant(maxSteps));
        QCOMPARE(run.config.value(q("train_batch_size")), QVariant(batch));
        QCOMPARE(run.status, core::RunStatus::Finished);
        ExpectedMap expected;
        expectHfState(root + q("/results/") + newest + q("/trainer_state.json"), expected);
        compareMetrics(run, expected);
        QCOMPARE(run.metric(q("loss"))->lastStep, lastLossStep.toLongLong());
        if (sample == u"hf-trainer-aguleon") {
            QCOMPARE(run.metric(q("loss"))->last, 0.2362);
            QCOMPARE(run.metric(q("loss"))->count, 12);
            QCOMPARE(run.metric(q("eval_accuracy"))->last, 0.9135802469135802);
        } else {
            QCOMPARE(run.metric(q("eval_loss"))->last, 0.8508255481719971);
        }
    }

    void allennlpReal_data() {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QString>("runPath");
        QTest::addColumn<QString>("configKey");
        QTest::addColumn<QVariant>("configValue");
        QTest::newRow("qaqdev") << q("allennlp-qaqdev-frminer") << QString()
                                << q("iterator.batch_size") << QVariant(qint64(32));
        QTest::newRow("mkamel104")
            << q("allennlp-mkamel104-2019") << q("output") << q("trainer.num_epochs") << QVariant();
    }

    void allennlpReal() {
        RUNLENS_REQUIRE_FIXTURES("other");
        QFETCH(QString, sample);
        QFETCH(QString, runPath);
        QFETCH(QString, configKey);
        QFETCH(QVariant, configValue);
        const QString root = tests::fixturesDir() + q("/other/") + sample;
        ImportSummary s;
        const core::Runs runs = importOk(root, &s);
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        QCOMPARE(qsizetype(runs.size()), qsizetype(1));
        const core::Run &run = runs.front();
        QCOMPARE(run.format, q("allennlp"));
        QCOMPARE(run.path, runPath);
        QCOMPARE(run.status, core::RunStatus::Finished);
        const QString dir = runPath.isEmpty() ? root : root + u'/' + runPath;
        const QJsonObject config =
            QJsonDocument::fromJson(readAll(dir + q("/config.json"))).object();
        if (configValue.isValid())
            QCOMPARE(run.config.value(configKey), configValue);
        else
            QCOMPARE(run.config.value(configKey).toLongLong(),
                     config.value(q("trainer")).toObject().value(q("num_epochs")).toInteger());
        ExpectedMap expected;
        expectAllennlp(dir, expected);
        compareMetrics(run, expected);
        if (sample == u"allennlp-qaqdev-frminer") {
            QCOMPARE(run.metric(q("training_loss"))->count, 10);
            QCOMPARE(run.metric(q("training_loss"))->last, 0.36243654960080196);
            QCOMPARE(run.metric(q("training_duration"))->last, 4283.728924);
            QVERIFY(run.endMs > 0);
            QCOMPARE(run.endMs - run.startMs, 4283728); // metrics.json's mtime - duration
        } else {
            // epochs 25 and 26 are missing; metrics.json adds epoch 37
            QCOMPARE(run.metric(q("training_loss"))->count, 32);
            QCOMPARE(run.metric(q("training_loss"))->lastStep, 37);
            QCOMPARE(run.metric(q("training_loss"))->last, 0.47344669699668884);
        }
    }

    void wholeFixtureTree() {
        // Every other format's samples too: none of them is taken for a framework log, and the
        // framework samples give exactly their runs.
        RUNLENS_REQUIRE_FIXTURES("");
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {tests::fixturesDir()});
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        QMap<QString, int> byFormat;
        for (const core::Run &run : loadSorted(cache))
            ++byFormat[run.format];
        QCOMPARE(byFormat.value(q("dvclive")), 6);
        QCOMPARE(byFormat.value(q("hf-trainer")), 2);
        QCOMPARE(byFormat.value(q("allennlp")), 2);
        for (const core::Problem &p : s.problems) {
            QVERIFY2(!p.path.contains(u"/dvclive/") && !p.path.contains(u"/other/"),
                     qPrintable(p.path + u' ' + p.message));
        }
    }

    // --- parsers ----------------------------------------------------------------------------

    void tsvPartialLine() {
        const std::string text =
            "timestamp\tstep\tloss\r\n1000\t0\t0.5\r\n1001\t1\tnan\r\n1002\t2\t0.";
        FileInput in;
        in.absPath = q("/x/loss.tsv");
        in.bytes = text;
        FileContribution out;
        framework::parseDvcliveTsv(in, q("loss"), out);
        QCOMPARE(out.series.size(), size_t(1));
        QCOMPARE(out.series[0].points.size(), size_t(2));
        QCOMPARE(out.series[0].points[0].timeMs, 1000);
        QVERIFY(std::isnan(out.series[0].points[1].value));
        QCOMPARE(out.consumed, qint64(text.rfind('\n') + 1));
        QCOMPARE(out.units, 3); // header and two rows
        // resume: the rest of the line and one more, header from head
        const std::string rest = "25\r\n1003\t3\tabc\r\n1004\tx\t1\r\n";
        FileInput more;
        more.absPath = in.absPath;
        more.offset = out.consumed;
        more.units = out.units;
        const std::string tail = text.substr(size_t(out.consumed)) + rest;
        more.bytes = tail;
        more.head = text;
        FileContribution out2;
        framework::parseDvcliveTsv(more, q("loss"), out2);
        QCOMPARE(out2.series.size(), size_t(1));
        QCOMPARE(out2.series[0].points.size(), size_t(1)); // "abc" is a string: skipped
        QCOMPARE(out2.series[0].points[0].value, 0.25);
        QCOMPARE(out2.series[0].points[0].step, 2);
        QCOMPARE(out2.problems.size(), 1); // the step "x"
        QCOMPARE(out2.problems.front().where, q("line 6"));
    }

    void summaryNonFinite() {
        const std::string text =
            R"({"a": "nan", "b": "-inf", "c": {"d": "INF", "e": 1}, "f": "text",
                                     "g": true, "step": 3})";
        FileContribution out;
        framework::parseDvcliveSummary(
            text, [](const QString &k) { return k == u"c/e"; }, out);
        QCOMPARE(out.series.size(), size_t(3));
        QCOMPARE(out.series[0].key, q("a"));
        QVERIFY(std::isnan(out.series[0].points[0].value));
        QCOMPARE(out.series[0].points[0].step, 3);
        QCOMPARE(out.series[1].points[0].value, -INFINITY);
        QCOMPARE(out.series[2].key, q("c/d"));
        QCOMPARE(out.series[2].points[0].value, INFINITY);
    }

    void brokenJson() {
        const std::string text =
            "{\n  \"global_step\": 10,\n  \"log_history\": [\n    {\"loss\": 1,";
        FileContribution out;
        framework::parseHfTrainerState(text, out);
        QVERIFY(out.retryLater);
        QCOMPARE(out.problems.size(), 1);
        QVERIFY2(out.problems.front().where.startsWith(u"line "),
                 qPrintable(out.problems.front().where));
        QCOMPARE(framework::hfGlobalStep(text), qint64(10));
        QCOMPARE(framework::hfCheckpointStep(u"checkpoint-0500"), qint64(500));
        QVERIFY(!framework::hfCheckpointStep(u"checkpoint-last"));
        QCOMPARE(framework::allennlpEpochOfFile(u"metrics_epoch_12.json"), qint64(12));
        QVERIFY(!framework::allennlpEpochOfFile(u"metrics_epoch_.json"));
        QCOMPARE(framework::parseDurationSeconds(u"1 day, 0:00:01.5"), 86401.5);
        QVERIFY(!framework::parseDurationSeconds(u"soon"));
    }

    // --- hostile folders --------------------------------------------------------------------

    void dvcliveGrowingTsv() {
        const QString root = newDir();
        const QString run = root + q("/exp/dvclive");
        QVERIFY(writeFile(run + q("/metrics.json"),
                          "{\"train\": {\"loss\": 0.3}, \"acc\": \"nan\", \"step\": 2}"));
        QVERIFY(writeFile(run + q("/params.yaml"), "lr: 0.01\nmodel:\n  depth: 3\n"));
        const QString tsv = run + q("/plots/metrics/train/loss.tsv");
        QVERIFY(writeFile(tsv, "step\tloss\n0\t0.9\n1\t0.5\n2\t0.3\n3\t0."));
        const QString cache = newCache();
        ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        core::Runs runs = loadSorted(cache);
        QCOMPARE(qsizetype(runs.size()), qsizetype(1));
        QCOMPARE(runs[0].name, q("exp"));
        QCOMPARE(runs[0].config.value(q("model.depth")), QVariant(qint64(3)));
        QCOMPARE(runs[0].metric(q("train/loss"))->count, 3); // the partial row waits
        QVERIFY(std::isnan(runs[0].metric(q("acc"))->last));
        QCOMPARE(runs[0].metric(q("acc"))->lastStep, 2);

        // The row completes, two more arrive; metrics.json is rewritten.
        QVERIFY(appendFile(tsv, "2\n4\t0.1\n5\t0.05\n"));
        QVERIFY(writeFile(run + q("/metrics.json"),
                          "{\"train\": {\"loss\": 0.05}, \"acc\": 0.7, \"step\": 5}"));
        s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        QVERIFY2(s.bytesRead < 200, qPrintable(QString::number(s.bytesRead))); // resumed
        runs = loadSorted(cache);
        const core::MetricSummary *loss = runs[0].metric(q("train/loss"));
        QCOMPARE(loss->count, 6);
        QCOMPARE(loss->last, 0.05);
        QCOMPARE(loss->lastStep, 5);
        QCOMPARE(runs[0].metric(q("acc"))->count, 1);
        QCOMPARE(runs[0].metric(q("acc"))->last, 0.7);
        const auto c = store::Cache::open(cache);
        const core::MetricPoints points = c->loadSeries(runs[0].id, q("train/loss"));
        QCOMPARE(points.size(), size_t(6));
        QCOMPARE(points[3].value, 0.2);

        // Unchanged: nothing read.
        s = importInto(cache, {root});
        QCOMPARE(s.unchanged, 1);

        // A new run in the same folder (no resume=True) deletes and restarts the history.
        QVERIFY(writeFile(tsv, "step\tloss\n0\t0.8\n"));
        s = importInto(cache, {root});
        runs = loadSorted(cache);
        QCOMPARE(runs[0].metric(q("train/loss"))->count, 1);
        QCOMPARE(runs[0].metric(q("train/loss"))->last, 0.8);
    }

    void dvcliveResumeAppends() {
        // The same growth through Importer::read: the grown TSV is read from its offset and its
        // series is an append; the untouched files are not read at all.
        const QString root = newDir();
        const QString tsv = root + q("/dvclive/plots/metrics/loss.tsv");
        QVERIFY(writeFile(tsv, "timestamp\tstep\tloss\n1\t0\t0.9\n2\t1\t0.5\n"));
        QVERIFY(writeFile(root + q("/dvclive/metrics.json"), "{\"loss\": 0.5, \"step\": 1}"));
        QVERIFY(writeFile(root + q("/dvclive/params.yaml"), "lr: 0.1\n"));
        const auto cache = store::Cache::open(q(":memory:"));
        QVERIFY(cache);
        const Importer *importer = importerById(q("dvclive"));
        QVERIFY(importer);
        RunLocation loc;
        loc.importer = importer->id();
        loc.absPath = root + q("/dvclive");
        loc.relPath = q("dvclive");
        std::atomic_bool cancel{false};
        auto read = [&] {
            const QHash<QString, store::PreviousRun> prev = cache->loadPrevious(root);
            const auto it = prev.constFind(loc.relPath);
            ReadResult r = importer->read(loc, root, it == prev.cend() ? nullptr : &*it, cancel);
            if (r.outcome == ReadResult::Outcome::Updated)
                cache->writeRun(r.update);
            return r;
        };
        ReadResult r = read();
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        const QByteArray more = "3\t2\t0.25\n4\t3\t0.125\n";
        QVERIFY(appendFile(tsv, more));
        r = read();
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        QCOMPARE(r.bytesRead, qint64(more.size()));
        QCOMPARE(r.update.series.size(), size_t(1));
        QCOMPARE(r.update.series[0].key, q("loss"));
        QVERIFY(r.update.series[0].append);
        QCOMPARE(r.update.series[0].points.size(), size_t(2));
        QCOMPARE(r.update.series[0].points[1].timeMs, 4);
        const core::Runs runs = cache->loadRuns(root);
        QCOMPARE(runs.front().metric(q("loss"))->count, 4);
        QCOMPARE(runs.front().metric(q("loss"))->last, 0.125);
        QCOMPARE(runs.front().config.value(q("lr")), QVariant(0.1));
        QCOMPARE(read().outcome, ReadResult::Outcome::Unchanged);
    }

    void unicodeNames() {
        const QString root = newDir();
        QVERIFY(writeFile(root + q("/dvclive/plots/metrics/vál/λoss.tsv"),
                          "step\tλoss\n0\t1.5\n1\t1.25\n"));
        QVERIFY(writeFile(root + q("/dvclive/metrics.json"), "{\"vál\": {\"λoss\": 1.25}}"));
        QVERIFY(writeFile(root + q("/out/checkpoint-2/trainer_state.json"),
                          "{\"global_step\": 2, \"log_history\": [{\"step\": 1, \"精度\": 0.5},"
                          " {\"step\": 2, \"精度\": 0.75}]}"));
        ImportSummary s;
        const core::Runs runs = importOk(root, &s);
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        QCOMPARE(qsizetype(runs.size()), qsizetype(2));
        QCOMPARE(runs[0].format, q("dvclive"));
        QCOMPARE(runs[0].metric(q("vál/λoss"))->count, 2);
        QCOMPARE(runs[0].metric(q("vál/λoss"))->last, 1.25);
        QCOMPARE(qsizetype(runs[0].metrics.size()), qsizetype(1));
        QCOMPARE(runs[1].format, q("hf-trainer"));
        QCOMPARE(runs[1].metric(q("精度"))->last, 0.75);
    }

    void hfNewestCheckpointWins() {
        const QString root = newDir();
        auto state = [](int step) {
            QByteArray history;
            for (int s = 1; s <= step; ++s)
                history += (s > 1 ? "," : "") + QByteArray("{\"step\": ") + QByteArray::number(s) +
                           ", \"loss\": " + QByteArray::number(1.0 / s) + ", \"epoch\": 0.5}";
            return "{\"global_step\": " + QByteArray::number(step) +
                   ", \"max_steps\": 10, \"best_metric\": 0.25, \"best_global_step\": 4,"
                   " \"best_model_checkpoint\": \"/x/checkpoint-4\", \"log_history\": [" +
                   history + "]}";
        };
        // checkpoint-9 sorts after checkpoint-10 as text: the number decides.
        for (int step : {5, 10, 9})
            QVERIFY(writeFile(root + q("/out/checkpoint-%1/trainer_state.json").arg(step),
                              state(step)));
        QVERIFY(writeFile(root + q("/out/checkpoint-10/config.json"), "{broken"));
        QVERIFY(writeFile(root + q("/out/config.json"), "{\"hidden_size\": 64}"));
        QVERIFY(writeFile(root + q("/out/eval_results.json"),
                          "{\"eval_accuracy\": 0.875, \"epoch\": 1.0}"));
        ImportSummary s;
        const core::Runs runs = importOk(root, &s);
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        QCOMPARE(qsizetype(runs.size()), qsizetype(1));
        const core::Run &run = runs[0];
        QCOMPARE(run.path, q("out"));
        QCOMPARE(run.metric(q("loss"))->count, 10);
        QCOMPARE(run.metric(q("loss"))->last, 0.1);
        QCOMPARE(run.metric(q("best_metric"))->lastStep, 4);
        QCOMPARE(run.metric(q("eval_accuracy"))->lastStep, 10); // at the global step
        QCOMPARE(run.metric(q("epoch"))->count, 11);
        QCOMPARE(run.config.value(q("model.hidden_size")), QVariant(qint64(64)));
        QCOMPARE(run.tags.value(q("best_model_checkpoint")), q("/x/checkpoint-4"));
        QCOMPARE(run.status, core::RunStatus::Unknown); // no final entry, no stop flag
    }

    void hfBrokenState() {
        const QString root = newDir();
        const QString state = root + q("/out/checkpoint-3/trainer_state.json");
        QVERIFY(writeFile(state, "{\n  \"global_step\": 3,\n  \"log_history\": [\n    {\"lo"));
        QVERIFY(
            writeFile(root + q("/out/checkpoint-2/trainer_state.json"),
                      "{\"global_step\": 2, \"log_history\": [{\"step\": 2, \"loss\": 0.75}]}"));
        QVERIFY(writeFile(root + q("/out/config.json"), "{\"hidden_size\": 64}"));
        const QString cache = newCache();
        ImportSummary s = importInto(cache, {root});
        QCOMPARE(s.problems.size(), 1);
        QCOMPARE(s.problems.front().path, state);
        QVERIFY2(s.problems.front().where.startsWith(u"line "),
                 qPrintable(s.problems.front().where));
        core::Runs runs = loadSorted(cache);
        QCOMPARE(qsizetype(runs.size()), qsizetype(1)); // the rest imports
        QCOMPARE(runs[0].config.value(q("model.hidden_size")), QVariant(qint64(64)));
        // meanwhile the older checkpoint's history stands in
        QCOMPARE(runs[0].metric(q("loss"))->last, 0.75);
        // retryLater: the untouched broken file is read again; then the writer finishes it.
        s = importInto(cache, {root});
        QCOMPARE(s.unchanged, 0);
        QVERIFY(writeFile(state, "{\"global_step\": 3, \"log_history\": [{\"step\": 3, "
                                 "\"loss\": 0.5, \"train_runtime\": 9.5}]}"));
        s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        runs = loadSorted(cache);
        QCOMPARE(runs[0].metric(q("loss"))->last, 0.5);
        QCOMPARE(runs[0].metric(q("loss"))->count, 1);
        QCOMPARE(runs[0].status, core::RunStatus::Finished);
        QVERIFY(runs[0].endMs > 0);
        QCOMPARE(runs[0].endMs - runs[0].startMs, 9500); // train_runtime before the state's mtime
    }

    void allennlpBrokenEpoch() {
        const QString root = newDir();
        const QString dir = root + q("/serial");
        QVERIFY(writeFile(dir + q("/config.json"), "{\"trainer\": {\"num_epochs\": 3}}"));
        QVERIFY(writeFile(dir + q("/metrics_epoch_0.json"),
                          "{\"epoch\": 0, \"training_loss\": 0.9, \"training_duration\": "
                          "\"0:00:10.5\"}"));
        QVERIFY(writeFile(dir + q("/metrics_epoch_1.json"), "epoch 1 went well\n"));
        QVERIFY(writeFile(dir + q("/metrics_epoch_2.json"),
                          "{\"epoch\": 2, \"training_loss\": 0.4, \"validation_loss\": NaN}"));
        QVERIFY(writeFile(dir + q("/vocabulary/tokens.txt"), "a\n"));
        const QString cache = newCache();
        ImportSummary s = importInto(cache, {root});
        QCOMPARE(s.problems.size(), 1);
        QCOMPARE(s.problems.front().path, dir + q("/metrics_epoch_1.json"));
        QCOMPARE(s.problems.front().where, q("line 1"));
        core::Runs runs = loadSorted(cache);
        QCOMPARE(qsizetype(runs.size()), qsizetype(1));
        QCOMPARE(runs[0].config.value(q("trainer.num_epochs")), QVariant(qint64(3)));
        QCOMPARE(runs[0].metric(q("training_loss"))->count, 2);
        QCOMPARE(runs[0].metric(q("training_loss"))->last, 0.4);
        QCOMPARE(runs[0].metric(q("validation_loss"))->nanCount, 1);
        QCOMPARE(runs[0].metric(q("training_duration"))->last, 10.5);
        QCOMPARE(runs[0].status, core::RunStatus::Unknown); // no metrics.json yet

        // A new epoch file and the final summary: the run is read whole again (each epoch
        // file feeds the same series).
        QVERIFY(writeFile(dir + q("/metrics_epoch_1.json"), "{\"training_loss\": 0.6}"));
        QVERIFY(writeFile(dir + q("/metrics.json"),
                          "{\"epoch\": 2, \"training_loss\": 0.4, \"test_accuracy\": 0.8}"));
        s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        runs = loadSorted(cache);
        QCOMPARE(runs[0].metric(q("training_loss"))->count, 3);
        QCOMPARE(runs[0].metric(q("test_accuracy"))->lastStep, 2);
        QCOMPARE(runs[0].status, core::RunStatus::Finished);
        QVERIFY(runs[0].startMs > 0 && runs[0].endMs >= runs[0].startMs);
    }

    void dvcliveOldLayouts() {
        // 0.x: a flat dvclive/ without its summary, a custom name with <name>.json beside
        // <name>/scalars/, and a lone dvclive.json.
        const QString root = newDir();
        QVERIFY(writeFile(root + q("/a/dvclive/loss.tsv"), "timestamp\tstep\tloss\n5\t0\t1.5\n"));
        QVERIFY(writeFile(root + q("/b/logs.json"), "{\"step\": 1, \"acc\": 0.5, \"f1\": 0.25}"));
        QVERIFY(writeFile(root + q("/b/logs/scalars/acc.tsv"),
                          "timestamp\tstep\tacc\n5\t0\t0.4\n6\t1\t0.5\n"));
        QVERIFY(writeFile(root + q("/c/dvclive.json"), "{\"step\": 3, \"acc\": \"-inf\"}"));
        ImportSummary s;
        const core::Runs runs = importOk(root, &s);
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        QCOMPARE(qsizetype(runs.size()), qsizetype(3));
        QCOMPARE(runs[0].path, q("a/dvclive"));
        QCOMPARE(runs[0].name, q("a"));
        QCOMPARE(runs[0].metric(q("loss"))->lastTimeMs, 5);
        QCOMPARE(runs[1].path, q("b/logs"));
        QCOMPARE(runs[1].metric(q("acc"))->count, 2); // the history, not the summary too
        QCOMPARE(runs[1].metric(q("f1"))->lastStep, 1);
        QCOMPARE(runs[2].path, q("c/dvclive.json"));
        QCOMPARE(runs[2].name, q("c"));
        QCOMPARE(runs[2].metric(q("acc"))->last, -INFINITY);
    }

    void dvcliveInsideClaimingRun() {
        // The HF DVCLive callback writes dvclive/ beside the Trainer's output: as a log source
        // it joins the run that claims its folder.
        const QString root = newDir();
        QVERIFY(writeFile(root + q("/out/trainer_state.json"),
                          "{\"global_step\": 1, \"log_history\": [{\"step\": 1, \"loss\": 2}]}"));
        QVERIFY(writeFile(root + q("/out/dvclive/metrics.json"), "{\"eval/f1\": 0.5}"));
        QVERIFY(writeFile(root + q("/out/dvclive/params.yaml"), "seed: 7\n"));
        ImportSummary s;
        const core::Runs runs = importOk(root, &s);
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        QCOMPARE(qsizetype(runs.size()), qsizetype(1));
        QCOMPARE(runs[0].format, q("hf-trainer"));
        QCOMPARE(runs[0].config.value(q("seed")), QVariant(qint64(7)));
        QVERIFY(runs[0].metric(q("eval/f1")));
        QVERIFY(runs[0].metric(q("loss")));
    }

    // --- demo writers -----------------------------------------------------------------------

    void demoRoundTrip_data() {
        QTest::addColumn<QString>("format");
        QTest::newRow("dvclive") << q("dvclive");
        QTest::newRow("hf-trainer") << q("hf-trainer");
        QTest::newRow("allennlp") << q("allennlp");
    }

    void demoRoundTrip() {
        QFETCH(QString, format);
        demo::DemoOptions o;
        o.runs = 12;
        o.steps = 21;
        o.seed = 7;
        o.nowMs = 1767225600000;
        const QString dir = newDir();
        QString error;
        const bool ok = format == u"dvclive"      ? demo::writeDemoDvclive(dir, o, &error)
                        : format == u"hf-trainer" ? demo::writeDemoHfTrainer(dir, o, &error)
                                                  : demo::writeDemoAllennlp(dir, o, &error);
        QVERIFY2(ok, qPrintable(error));
        if (format == u"dvclive")
            QVERIFY(!demo::writeDemoDvclive(dir, o, &error)); // never over existing runs
        ImportSummary s;
        const core::Runs runs = importOk(dir + u'/' + format, &s);
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        const std::vector<demo::DemoRun> want = demo::demoRuns(o);
        qsizetype live = 0;
        for (const demo::DemoRun &d : want) {
            if (d.deleted)
                continue;
            ++live;
            const QString name = QString::fromStdString(d.name);
            const core::Run *run = nullptr;
            for (const core::Run &r : runs) {
                if (r.name == name || r.name.endsWith(u'/' + name) ||
                    r.name.startsWith(name + u'-') || r.name.contains(u'/' + name + u'-'))
                    run = &r;
            }
            QVERIFY2(run, qPrintable(name));
            QCOMPARE(run->format, format);
            size_t steps = d.timesMs.size();
            for (const auto &v : d.values)
                steps = std::min(steps, v.size());
            const QString key = format == u"dvclive"      ? q("train/loss")
                                : format == u"hf-trainer" ? q("loss")
                                                          : q("training_loss");
            qint64 count = qint64(steps);
            if (format == u"hf-trainer" && d.status != 3) {
                const size_t every = std::max<size_t>(1, steps / 4);
                count = qint64(steps / every * every); // the newest checkpoint
            }
            if (count == 0)
                continue;
            const core::MetricSummary *m = run->metric(key);
            QVERIFY2(m, qPrintable(name + u' ' + key));
            QCOMPARE(m->count, count);
            const double last = d.values[0][size_t(count - 1)];
            QVERIFY((std::isnan(last) && std::isnan(m->last)) || m->last == last);
            const QString lrKey = format == u"allennlp" ? q("trainer.optimizer.lr") : q("lr");
            QCOMPARE(run->config.value(lrKey).toDouble(), d.params[0].number);
            if (format != u"dvclive")
                QCOMPARE(run->status == core::RunStatus::Finished, d.status == 3);
        }
        QCOMPARE(qsizetype(runs.size()), live);
    }

    void notRuns() {
        // Look-alikes that must not become runs.
        const QString root = newDir();
        QVERIFY(writeFile(root + q("/a/config.json"), "{}"));
        QVERIFY(writeFile(root + q("/a/metrics.json"), "{\"x\": 1}"));
        QVERIFY(writeFile(root + q("/b/checkpoint-5/model.safetensors"), "x"));
        QVERIFY(writeFile(root + q("/c/metrics.json"), "{\"x\": 1}"));
        QVERIFY(writeFile(root + q("/c/plots/x.png"), "x"));
        QVERIFY(writeFile(root + q("/d/results.json"), "{\"acc\": 1}"));
        QVERIFY(writeFile(root + q("/d/results/predictions.tsv"), "id\tlabel\n1\t0\n"));
        const core::Runs runs = importOk(root);
        QCOMPARE(qsizetype(runs.size()), qsizetype(0));
    }
};

QTEST_GUILESS_MAIN(TestFrameworkLogs)
#include "tst_frameworklogs.moc"
