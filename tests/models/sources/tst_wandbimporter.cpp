// SPDX-License-Identifier: GPL-3.0-or-later
// The W&B importer through ImportJob into a real cache: the real run folders of
// shared/fixtures/real/wandb, and hostile folders built here with tst_wandblog.h.

#include "demo/demowandb.h"
#include "importtestutil.h"
#include "sources/filerun.h"
#include "sources/importer.h"
#include "sources/wandbimporter.h"
#include "sources/wandbparser.h"
#include "storebuilder.h"
#include "testutils.h"
#include "tst_wandblog.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace runlens;
using namespace runlens::sources;
using runlens::tests::appendFile;
using runlens::tests::dumpProblems;
using runlens::tests::importInto;
using runlens::tests::loadSorted;
using runlens::tests::q;
using runlens::tests::writeFile;
namespace wl = runlens::tests::wandblog;

namespace {

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const core::Run *byUid(const core::Runs &runs, const QString &uid) {
    for (const core::Run &r : runs) {
        if (r.uid == uid)
            return &r;
    }
    return nullptr;
}

/// Metric counts and last values of every run in the fixtures, from an independent decoder of
/// the `.wandb` files (a Python script over the same rules: numeric history values by key,
/// media and "_" keys left out, summary-only numbers as one point).
struct ExpectedMetric {
    const char *key;
    qint64 count;
    double last;
};
struct ExpectedRun {
    const char *uid;
    const char *name;
    const char *project;
    core::RunStatus status; ///< Unknown: no exit record (Killed or Running by the log's age)
    std::vector<ExpectedMetric> metrics;
};

const std::vector<ExpectedRun> &expectedRuns() {
    using S = core::RunStatus;
    static const std::vector<ExpectedRun> runs{
        {"tdnogiww", "tdnogiww", "Lion and Adam", S::Failed, {}},
        {"u1c25l6f", "u1c25l6f", "Lion and Adam", S::Failed, {}},
        {"xpeipnem",
         "xpeipnem",
         "Lion and Adam",
         S::Failed,
         {{"grad_norm_square", 1, 14.326029372116341},
          {"lr", 1, 0.0003},
          {"train_loss_local", 1, 0.5177000164985657}}},
        {"t2wihhdg",
         "t2wihhdg",
         "Lion and Adam",
         S::Failed,
         {{"grad_norm_square", 2912, 6.4774250739204025},
          {"lr", 2912, 0.001},
          {"train_loss_local", 2912, 0.6930749416351318}}},
        {"5pppfjv9",
         "5pppfjv9",
         "Lion and Adam",
         S::Unknown,
         {{"grad_norm_square", 3987, 25.268926733675958},
          {"lr", 3987, 3e-06},
          {"train_loss_local", 3987, 0.8264277577400208}}},
        {"qmff39cq", "q1-baseline-head-only", "final-ops-ass-5", S::Failed, {}},
        {"h5rtdw2x",
         "q1-baseline-head-only",
         "final-ops-ass-5",
         S::Finished,
         {{"best_val_acc", 1, 0.791015625},
          {"epoch", 10, 10},
          {"time/epoch_s", 10, 48.408875703811646},
          {"train/acc", 10, 0.8418338659473441},
          {"train/loss", 10, 0.5491087327457287},
          {"trainable_params", 10, 38500},
          {"val/acc", 10, 0.791015625},
          {"val/loss", 10, 0.7232397265732289}}},
        {"bqsrowcp",
         "q1-optuna-lora-search",
         "final-ops-ass-5",
         S::Finished,
         {{"best/alpha", 1, 8}, {"best/rank", 1, 4}, {"best_val_acc", 1, 0.0234375}}},
        {"t6zexhjp", "q1-eval-lora", "final-ops-ass-5", S::Failed, {}},
        {"sgoyh0dz", "q1-eval-lora", "final-ops-ass-5", S::Finished, {{"test/acc", 1, 0.8046}}},
        {"p7l4uhui",
         "q2-detector-bim-resnet34",
         "final-ops-ass-5",
         S::Finished,
         {{"detector/best_test_acc", 1, 0.9599609375},
          {"detector/test_acc", 10, 0.9599609375},
          {"detector/train_acc", 10, 0.9851190476190477},
          {"detector/train_loss", 10, 0.0402632511427833},
          {"epoch", 10, 10}}},
        {"fi4oniwq",
         "fi4oniwq",
         "DA6401-Assignment1",
         S::Finished,
         {{"epoch", 10, 10},
          {"train_accuracy", 10, 0.8842166666666667},
          {"train_loss", 10, 0.0777747896517158},
          {"val_accuracy", 10, 0.8671},
          {"val_loss", 10, 0.105003599195966}}},
        {"w0raviok",
         "w0raviok",
         "DA6401-Assignment1",
         S::Finished,
         {{"epoch", 10, 10},
          {"train_accuracy", 10, 0.8665166666666667},
          {"train_loss", 10, 0.08869178977476569},
          {"val_accuracy", 10, 0.8505},
          {"val_loss", 10, 0.11437657173664244}}},
        {"v7b6np1u",
         "v7b6np1u",
         "DA6401-Assignment1",
         S::Finished,
         {{"epoch", 10, 10},
          {"train_accuracy", 10, 0.8784333333333333},
          {"train_loss", 10, 0.08158229081283536},
          {"val_accuracy", 10, 0.8619},
          {"val_loss", 10, 0.10997150780388329}}},
        {"xr9qxw69",
         "xr9qxw69",
         "DA6401-Assignment1",
         S::Finished,
         {{"epoch", 10, 10},
          {"train_accuracy", 10, 0.88735},
          {"train_loss", 10, 0.07187841797348521},
          {"val_accuracy", 10, 0.8659},
          {"val_loss", 10, 0.10122452438401386}}},
        {"a0k0ix2o",
         "a0k0ix2o",
         "DA6401-Assignment1",
         S::Finished,
         {{"epoch", 10, 10},
          {"train_accuracy", 10, 0.8739666666666667},
          {"train_loss", 10, 0.0834635525242232},
          {"val_accuracy", 10, 0.855},
          {"val_loss", 10, 0.10593475591207951}}},
    };
    return runs;
}

const ExpectedRun *expectedRun(const QString &uid) {
    for (const ExpectedRun &e : expectedRuns()) {
        if (uid == QLatin1String(e.uid))
            return &e;
    }
    return nullptr;
}

/// A run folder built by the hostile tests.
struct Built {
    QString dir;       ///< the run folder
    QString log;       ///< its .wandb
    wl::Framed framed; ///< the whole log
    QList<QByteArray> records;
};

QList<QPair<QString, QByteArray>> row(int i) {
    return {{QStringLiteral("train/loss"), QByteArray::number(1.0 / (i + 1), 'g', 17)},
            {QStringLiteral("acc"), QByteArray::number(i * 0.01, 'g', 17)},
            {QStringLiteral("note"), '"' + QByteArray(900 + (i % 5) * 700, 'n') + '"'}};
}

} // namespace

class TestWandbImporter : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;
    QString newCache() { return m_tmp.filePath(QStringLiteral("cache%1.sqlite").arg(++m_n)); }
    QString newDir() {
        const QString d = m_tmp.filePath(QStringLiteral("src%1").arg(++m_n));
        QDir().mkpath(d);
        return d;
    }

    /// A finished run with `rows` history rows, big enough to cross blocks.
    Built buildRun(const QString &root, const QString &id, int rows, bool withExit = true) {
        Built b;
        b.dir = root + QStringLiteral("/wandb/offline-run-20240101_120000-") + id;
        b.log = b.dir + QStringLiteral("/run-") + id + QStringLiteral(".wandb");
        b.records << wl::runRecord(1, id.toUtf8(), "proj", "nice-name-" + id.toUtf8(), 1700000000,
                                   {{QStringLiteral("lr"), "0.01"}});
        for (int i = 0; i < rows; ++i)
            b.records << wl::historyRecord(i + 2, i, 1700000001.0 + i, row(i));
        if (withExit) {
            b.records << wl::summaryRecord(
                rows + 2, {{QStringLiteral("best"), "0.75"}, {QStringLiteral("acc"), "0.5"}});
            b.records << wl::exitRecord(rows + 3, 0, rows + 1);
        }
        b.framed = wl::frame(b.records);
        writeFile(b.log, b.framed.bytes);
        return b;
    }

private Q_SLOTS:
    void realFolders_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<int>("runs");
        QTest::newRow("aorvieto-0.14") << QStringLiteral("aorvieto-0.14") << 5;
        QTest::newRow("sps1001-0.25") << QStringLiteral("sps1001-0.25") << 6;
        QTest::newRow("yogesh0arya-sweep-0.19") << QStringLiteral("yogesh0arya-sweep-0.19") << 5;
    }

    void realFolders() {
        RUNLENS_REQUIRE_FIXTURES("wandb");
        QFETCH(QString, folder);
        QFETCH(int, runs);
        const QString root = tests::fixturesDir() + QStringLiteral("/wandb/") + folder;
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        // latest-run (a copy of a run, even a truncated one) is not a run of its own
        QCOMPARE(s.runs, runs);
        const core::Runs all = loadSorted(cache);
        QCOMPARE(qsizetype(all.size()), qsizetype(runs));
        const auto c = store::Cache::open(cache);
        QVERIFY(c);
        for (const core::Run &run : all) {
            QCOMPARE(run.format, QStringLiteral("wandb"));
            QCOMPARE(run.key, QStringLiteral("wandb:") + run.uid);
            QVERIFY(!run.path.contains(u"latest-run"));
            QCOMPARE(wandb::runIdFromFolderName(run.path.section(u'/', -1)), run.uid);
            const ExpectedRun *e = expectedRun(run.uid);
            QVERIFY2(e, qPrintable(run.uid));
            QCOMPARE(run.name, QString::fromUtf8(e->name));
            QCOMPARE(run.experiment, QString::fromUtf8(e->project));
            QVERIFY(run.startMs > 1600000000000);
            if (e->status == core::RunStatus::Unknown) {
                QVERIFY(run.status == core::RunStatus::Killed ||
                        run.status == core::RunStatus::Running);
            } else {
                QCOMPARE(run.status, e->status);
                QVERIFY(run.endMs >= run.startMs);
            }
            QCOMPARE(run.metrics.size(), e->metrics.size());
            for (const ExpectedMetric &m : e->metrics) {
                const QString key = QString::fromUtf8(m.key);
                const core::MetricSummary *got = run.metric(key);
                QVERIFY2(got, qPrintable(run.uid + u' ' + key));
                QCOMPARE(got->count, m.count);
                QCOMPARE(got->last, m.last);
                QCOMPARE(qint64(c->loadSeries(run.id, key).size()), m.count);
            }
            const QString files = run.absolutePath() + QStringLiteral("/files/");
            // The last values are the summary's, where the run ended (5pppfjv9's log is cut
            // short of its summary).
            const QJsonObject summary =
                QJsonDocument::fromJson(readAll(files + QStringLiteral("wandb-summary.json")))
                    .object();
            if (e->status != core::RunStatus::Unknown) {
                for (const core::MetricInfo &m : run.metrics) {
                    if (summary.contains(m.key))
                        QCOMPARE(m.summary.last, summary.value(m.key).toDouble());
                }
            }
            // Config: every top-level value of config.yaml but _wandb and wandb_version.
            QVERIFY(!run.config.contains(QStringLiteral("_wandb")));
            QVERIFY(!run.config.contains(QStringLiteral("wandb_version")));
            const QByteArray yaml = readAll(files + QStringLiteral("config.yaml"));
            for (const QByteArray &line : yaml.split('\n')) {
                if (line.isEmpty() || line[0] == ' ' || line.startsWith("_wandb") ||
                    line.startsWith("wandb_version"))
                    continue;
                const QString key = q(line.left(line.indexOf(':')));
                bool found = false;
                for (const core::ConfigTree::Entry &entry : run.config.entries())
                    found = found || entry.key == key || entry.key.startsWith(key + u'.') ||
                            entry.key.startsWith(key + u'[');
                QVERIFY2(found, qPrintable(run.uid + u' ' + key));
            }
            // Tags from wandb-metadata.json
            const QJsonObject meta =
                QJsonDocument::fromJson(readAll(files + QStringLiteral("wandb-metadata.json")))
                    .object();
            if (!meta.isEmpty()) {
                QCOMPARE(run.tags.value(QStringLiteral("wandb.host")),
                         meta.value(QStringLiteral("host")).toString());
                QCOMPARE(run.tags.value(QStringLiteral("wandb.python")),
                         meta.value(QStringLiteral("python")).toString());
                QVERIFY(run.tags.value(QStringLiteral("wandb.command"))
                            .startsWith(meta.value(QStringLiteral("program")).toString()));
                // the log's run record says when the run started; the metadata agrees
                const qint64 metaStart =
                    wandb::parseIsoTimeMs(meta.value(QStringLiteral("startedAt")).toString());
                QVERIFY2(qAbs(run.startMs - metaStart) < 1000, qPrintable(run.uid));
            }
        }

        // Spot checks of typed config values, straight from the config.yaml files.
        if (folder == u"aorvieto-0.14") {
            const core::Run *r = byUid(all, QStringLiteral("xpeipnem"));
            QCOMPARE(r->config.value(QStringLiteral("optimizer.lr")), QVariant(0.0003));
            QCOMPARE(r->config.value(QStringLiteral("optimizer.bs")), QVariant(4LL));
            QCOMPARE(r->config.value(QStringLiteral("epochs")), QVariant(10LL));
            QCOMPARE(r->config.value(QStringLiteral("use_wandb")), QVariant(true));
            QCOMPARE(r->config.value(QStringLiteral("dataset")), QVariant(QStringLiteral("IMDB")));
            QCOMPARE(r->tags.value(QStringLiteral("wandb.exit_code")), QStringLiteral("1"));
        } else if (folder == u"yogesh0arya-sweep-0.19") {
            const core::Run *r = byUid(all, QStringLiteral("fi4oniwq"));
            QCOMPARE(r->config.value(QStringLiteral("learning_rate")),
                     QVariant(0.007578513537603118));
            QCOMPARE(r->config.value(QStringLiteral("batch_size")).typeId(), QMetaType::LongLong);
            QCOMPARE(r->config.value(QStringLiteral("batch_size")), QVariant(16LL));
            QCOMPARE(r->config.value(QStringLiteral("optimizer")), QVariant(QStringLiteral("sgd")));
            QCOMPARE(r->tags.value(QStringLiteral("wandb.sweep")), QStringLiteral("bk9z220w"));
            QCOMPARE(r->tags.value(QStringLiteral("wandb.command")), QStringLiteral("final.ipynb"));
        } else {
            const core::Run *r = byUid(all, QStringLiteral("sgoyh0dz"));
            QCOMPARE(r->config.value(QStringLiteral("rank")).typeId(), QMetaType::LongLong);
            QCOMPARE(r->config.value(QStringLiteral("rank")), QVariant(8LL));
            QCOMPARE(r->config.value(QStringLiteral("dropout")), QVariant(0.1));
            QCOMPARE(r->config.value(QStringLiteral("device")), QVariant(QStringLiteral("cuda")));
            QVERIFY(r->tags.value(QStringLiteral("wandb.command"))
                        .startsWith(QStringLiteral("-m q1.eval_vit_cifar100 --ckpt")));
            // t6zexhjp crashed at start: no config.yaml, no metadata; the log still names it
            const core::Run *t = byUid(all, QStringLiteral("t6zexhjp"));
            QVERIFY(t->config.value(QStringLiteral("batch_size")).isValid());
        }

        // A second import reads nothing.
        const ImportSummary again = importInto(cache, {root});
        QCOMPARE(again.unchanged, runs);
        QCOMPARE(again.points, 0);
        QCOMPARE(again.bytesRead, 0);
    }

    void cutMidRecordResumes() {
        const QString root = newDir();
        const Built b = buildRun(root, QStringLiteral("cut00001"), 40);
        // cut inside a record that spans two blocks, just after the boundary
        size_t victim = 1;
        while (b.framed.where[victim].second < 32768 + 100)
            ++victim;
        const qint64 cut = 32768 + 50;
        QVERIFY(b.framed.where[victim].first < 32768);
        QVERIFY(writeFile(b.log, b.framed.bytes.left(cut)));
        const QString cache = newCache();
        ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        core::Runs all = loadSorted(cache);
        QCOMPARE(all.size(), size_t(1));
        const qint64 before = qint64(victim) - 1; // history rows wholly before the cut
        QCOMPARE(all[0].metric(QStringLiteral("train/loss"))->count, before);
        QCOMPARE(all[0].status, core::RunStatus::Running); // no exit yet, log just written
        QCOMPARE(all[0].endMs, 0);
        QVERIFY(!all[0].metric(QStringLiteral("best")));

        // The writer goes on: the next read starts at the cut record and appends.
        QVERIFY(appendFile(b.log, b.framed.bytes.mid(cut)));
        const auto c = store::Cache::open(cache);
        const QHash<QString, store::PreviousRun> prev = c->loadPrevious(root);
        QCOMPARE(prev.size(), 1);
        RunLocation loc;
        loc.importer = QStringLiteral("wandb");
        loc.absPath = b.dir;
        loc.relPath = b.dir.mid(root.size() + 1);
        std::atomic_bool cancel{false};
        const store::PreviousRun &p = prev.begin().value();
        const ReadResult r = WandbImporter().read(loc, root, &p, cancel);
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        QVERIFY2(r.problems.isEmpty(), qPrintable(dumpProblems(r.problems)));
        QCOMPARE(r.bytesRead, b.framed.bytes.size() - b.framed.where[victim].first);
        bool sawLoss = false;
        for (const auto &series : r.update.series) {
            if (series.key == u"train/loss") {
                sawLoss = true;
                QVERIFY(series.append);
                QCOMPARE(qint64(series.points.size()), 40 - before);
            }
        }
        QVERIFY(sawLoss);
        QCOMPARE(r.update.run.metric(QStringLiteral("train/loss"))->count, 40);
        QCOMPARE(r.update.run.status, core::RunStatus::Finished);

        // Through the job: the cache ends complete; the summary-only key arrives once the
        // whole log is read again (the increment could not tell it had no history).
        s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        all = loadSorted(cache);
        QCOMPARE(all[0].metric(QStringLiteral("train/loss"))->count, 40);
        QCOMPARE(c->loadSeries(all[0].id, QStringLiteral("train/loss")).size(), size_t(40));
        QCOMPARE(all[0].status, core::RunStatus::Finished);
        s = importInto(cache, {root});
        all = loadSorted(cache);
        QVERIFY(all[0].metric(QStringLiteral("best")));
        QCOMPARE(all[0].metric(QStringLiteral("best"))->last, 0.75);
        QCOMPARE(all[0].metric(QStringLiteral("acc"))->count, 40);
        QCOMPARE(all[0].metric(QStringLiteral("train/loss"))->count, 40);
        s = importInto(cache, {root});
        QCOMPARE(s.unchanged, 1);
    }

    void badChecksumReported() {
        const QString root = newDir();
        Built b = buildRun(root, QStringLiteral("crc00001"), 60);
        size_t victim = 0;
        while (b.framed.where[victim].first < 32768 + 500)
            ++victim;
        const qint64 at = b.framed.where[victim].first;
        QVERIFY(at < 2 * 32768 - 200);
        b.framed.bytes[at + 9] = char(b.framed.bytes[at + 9] ^ 0x5a);
        QVERIFY(writeFile(b.log, b.framed.bytes));
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QCOMPARE(s.problems.size(), 1);
        QCOMPARE(s.problems[0].path, b.log);
        QCOMPARE(s.problems[0].where, QStringLiteral("byte %1").arg(at));
        qint64 lost = 0;
        for (size_t i = 1; i < b.framed.where.size(); ++i) {
            if (b.framed.where[i].second > at && b.framed.where[i].first < 2 * 32768)
                ++lost;
        }
        QVERIFY(lost >= 1);
        const core::Runs all = loadSorted(cache);
        QCOMPARE(all.size(), size_t(1));
        QCOMPARE(all[0].metric(QStringLiteral("train/loss"))->count, 60 - lost);
        QCOMPARE(all[0].metric(QStringLiteral("train/loss"))->last, 1.0 / 60);
        QCOMPARE(all[0].status, core::RunStatus::Finished);
    }

    void bigLogReadInChunks() {
        // A log bigger than the reader's chunk: the parts are parsed one after another and the
        // summary-only key is still settled at the end.
        const QString root = newDir();
        const QString id = QStringLiteral("big00001");
        const QString dir = root + QStringLiteral("/wandb/run-20240404_040404-") + id;
        QList<QByteArray> recs{wl::runRecord(1, id.toUtf8(), "p", "big", 1700000000, {})};
        const QByteArray pad = '"' + QByteArray(2000, 'p') + '"';
        const int rows = int(fileChunkBytes / 2000) + 500;
        for (int i = 0; i < rows; ++i)
            recs << wl::historyRecord(
                i + 2, i, 1700000001.0 + i,
                {{QStringLiteral("loss"), QByteArray::number(i)}, {QStringLiteral("pad"), pad}});
        recs << wl::summaryRecord(rows + 2, {{QStringLiteral("best"), "0.5"}});
        recs << wl::exitRecord(rows + 3, 0, 10);
        const wl::Framed f = wl::frame(recs);
        QVERIFY(f.bytes.size() > fileChunkBytes);
        QVERIFY(writeFile(dir + QStringLiteral("/run-") + id + QStringLiteral(".wandb"), f.bytes));
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Runs all = loadSorted(cache);
        QCOMPARE(all.size(), size_t(1));
        QCOMPARE(all[0].metric(QStringLiteral("loss"))->count, rows);
        QCOMPARE(all[0].metric(QStringLiteral("loss"))->last, double(rows - 1));
        QVERIFY(all[0].metric(QStringLiteral("best")));
        QCOMPARE(all[0].metric(QStringLiteral("best"))->lastStep, rows - 1);
        QCOMPARE(all[0].metrics.size(), size_t(2));
    }

    void invalidRecordReported() {
        const QString root = newDir();
        const QString id = QStringLiteral("inv00001");
        const QString dir = root + QStringLiteral("/wandb/run-20240505_050505-") + id;
        QList<QByteArray> recs{wl::runRecord(1, id.toUtf8(), "p", "inv", 1700000000, {})};
        recs << wl::historyRecord(2, 0, 1700000001.0, {{QStringLiteral("loss"), "1"}});
        recs << QByteArray("\x12\x7fshort", 7); // history field claiming 127 bytes
        recs << wl::historyRecord(3, 1, 1700000002.0, {{QStringLiteral("loss"), "2"}});
        const wl::Framed f = wl::frame(recs);
        QVERIFY(writeFile(dir + QStringLiteral("/run-") + id + QStringLiteral(".wandb"), f.bytes));
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QCOMPARE(s.problems.size(), 1);
        QCOMPARE(s.problems[0].where, QStringLiteral("byte %1").arg(f.where[2].first));
        const core::Runs all = loadSorted(cache);
        QCOMPARE(all[0].metric(QStringLiteral("loss"))->count, 2);
        QCOMPARE(all[0].metric(QStringLiteral("loss"))->last, 2.0);
    }

    void summaryFallbackWithoutLog() {
        const QString root = newDir();
        const QString dir = root + QStringLiteral("/wandb/run-20240202_101010-nolog123");
        QVERIFY(writeFile(dir + QStringLiteral("/files/wandb-summary.json"),
                          R"({"loss": NaN, "up": Infinity, "down": -Infinity, "lr": 0.1,
                              "deep": {"x": 2}, "img": {"_type": "image-file", "width": 3},
                              "label": "cat", "_step": 7, "_timestamp": 1700000000.25,
                              "_wandb": {"runtime": 3}})"));
        QVERIFY(writeFile(dir + QStringLiteral("/files/config.yaml"),
                          "wandb_version: 1\n\n_wandb:\n  desc: null\n  value:\n    x: 1\n"
                          "lr:\n  desc: null\n  value: 0.1\n"));
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Runs all = loadSorted(cache);
        QCOMPARE(all.size(), size_t(1));
        const core::Run &r = all[0];
        QCOMPARE(r.uid, QStringLiteral("nolog123"));
        QCOMPARE(r.name, QStringLiteral("nolog123"));
        QCOMPARE(r.status, core::RunStatus::Unknown);
        QStringList keys;
        for (const core::MetricInfo &m : r.metrics)
            keys << m.key;
        QCOMPARE(keys,
                 (QStringList{QStringLiteral("deep.x"), QStringLiteral("down"),
                              QStringLiteral("loss"), QStringLiteral("lr"), QStringLiteral("up")}));
        QVERIFY(std::isnan(r.metric(QStringLiteral("loss"))->last));
        QCOMPARE(r.metric(QStringLiteral("loss"))->nanCount, 1);
        QVERIFY(std::isinf(r.metric(QStringLiteral("up"))->last));
        QVERIFY(r.metric(QStringLiteral("down"))->last < 0);
        QCOMPARE(r.metric(QStringLiteral("lr"))->last, 0.1);
        QCOMPARE(r.metric(QStringLiteral("lr"))->lastStep, 7);
        QCOMPARE(r.metric(QStringLiteral("lr"))->lastTimeMs, qint64(1700000000250));
        QCOMPARE(r.config.value(QStringLiteral("lr")), QVariant(0.1));
        QCOMPARE(r.config.size(), 1);

        // the run folder opened directly: still named by its id
        const QString cache2 = newCache();
        QCOMPARE(importInto(cache2, {dir}).runs, 1);
        QCOMPARE(loadSorted(cache2)[0].name, QStringLiteral("nolog123"));
    }

    void oldSdkHistoryJsonl() {
        // SDKs before 0.10: files/wandb-history.jsonl, no .wandb; appended lines resume.
        const QString root = newDir();
        const QString dir = root + QStringLiteral("/wandb/run-20200101_010101-old00001");
        const QString jsonl = dir + QStringLiteral("/files/wandb-history.jsonl");
        QVERIFY(writeFile(jsonl, "{\"loss\": 1.0, \"_step\": 0, \"_timestamp\": 1577840000.5}\n"
                                 "{\"loss\": NaN, \"acc\": 0.5, \"_step\": 1}\n"
                                 "not json\n"
                                 "{\"loss\": 0.25, \"_st"));
        QVERIFY(writeFile(dir + QStringLiteral("/files/wandb-summary.json"),
                          R"({"loss": 0.25, "only_in_summary": 3, "_step": 2})"));
        const QString cache = newCache();
        ImportSummary s = importInto(cache, {root});
        QCOMPARE(s.problems.size(), 1);
        QCOMPARE(s.problems[0].where, QStringLiteral("line 3"));
        core::Runs all = loadSorted(cache);
        QCOMPARE(all.size(), size_t(1));
        QCOMPARE(all[0].uid, QStringLiteral("old00001"));
        QCOMPARE(all[0].metric(QStringLiteral("loss"))->count, 2);
        QCOMPARE(all[0].metric(QStringLiteral("loss"))->lastTimeMs, 0);
        QVERIFY(!all[0].metric(QStringLiteral("only_in_summary")));
        QVERIFY(appendFile(jsonl, "ep\": 2}\n"));
        s = importInto(cache, {root});
        all = loadSorted(cache);
        QCOMPARE(all[0].metric(QStringLiteral("loss"))->count, 3);
        QCOMPARE(all[0].metric(QStringLiteral("loss"))->last, 0.25);
        QCOMPARE(all[0].metric(QStringLiteral("loss"))->lastStep, 2);
    }

    void brokenConfigReported() {
        const QString root = newDir();
        const Built b = buildRun(root, QStringLiteral("cfg00001"), 5);
        const QString yaml = b.dir + QStringLiteral("/files/config.yaml");
        QVERIFY(writeFile(yaml, "wandb_version: 1\n\nlr:\n  value: 0.1\nbad: [1, 2\n  desc: x\n"));
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QCOMPARE(s.problems.size(), 1);
        QCOMPARE(s.problems[0].path, yaml);
        QVERIFY2(s.problems[0].where.startsWith(QStringLiteral("line ")),
                 qPrintable(s.problems[0].where));
        const core::Runs all = loadSorted(cache);
        QCOMPARE(all.size(), size_t(1));
        QCOMPARE(all[0].metric(QStringLiteral("train/loss"))->count, 5);
        QCOMPARE(all[0].config.value(QStringLiteral("lr")), QVariant(0.01)); // from the log
        QCOMPARE(all[0].name, QStringLiteral("nice-name-cfg00001"));
        QCOMPARE(all[0].experiment, QStringLiteral("proj"));
    }

    void unicodeKeys() {
        const QString root = newDir();
        const QString id = QStringLiteral("uni00001");
        const QString dir = root + QStringLiteral("/wandb/run-20240303_030303-") + id;
        QList<QByteArray> recs;
        recs << wl::runRecord(1, id.toUtf8(), "проект", "训练-🚀", 1700000000,
                              {{QStringLiteral("学习率"), "0.5"}});
        for (int i = 0; i < 3; ++i)
            recs << wl::historyRecord(
                i + 2, i, 1700000001.0 + i,
                {{QStringLiteral("损失/train"), QByteArray::number(i)},
                 {QStringLiteral("ключ"), "NaN"},
                 {QStringLiteral("img"), R"({"_type": "image-file", "width": 32})"}});
        recs << wl::exitRecord(9, 0, 4);
        QVERIFY(writeFile(dir + QStringLiteral("/run-") + id + QStringLiteral(".wandb"),
                          wl::frame(recs).bytes));
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        const core::Runs all = loadSorted(cache);
        QCOMPARE(all.size(), size_t(1));
        QCOMPARE(all[0].name, QStringLiteral("训练-🚀"));
        QCOMPARE(all[0].experiment, QStringLiteral("проект"));
        QCOMPARE(all[0].config.value(QStringLiteral("学习率")), QVariant(0.5));
        QCOMPARE(all[0].metric(QStringLiteral("损失/train"))->count, 3);
        QCOMPARE(all[0].metric(QStringLiteral("损失/train"))->last, 2.0);
        QCOMPARE(all[0].metric(QStringLiteral("ключ"))->nanCount, 3);
        QCOMPARE(all[0].metrics.size(), size_t(2));
        QCOMPARE(all[0].startMs, qint64(1700000000500));
        QCOMPARE(all[0].endMs, qint64(1700000004500));
    }

    void demoFolder() {
        const QString root = newDir();
        demo::DemoOptions o;
        o.runs = 24;
        o.steps = 50;
        o.metrics = 5;
        o.params = 10;
        o.seed = 7;
        o.nowMs = QDateTime::currentMSecsSinceEpoch(); // demoRuns() below must see the same runs
        QString error;
        QVERIFY2(demo::writeDemoWandb(root, o, &error), qPrintable(error));
        QVERIFY(!demo::writeDemoWandb(root, o, &error)); // never over existing runs
        QVERIFY(QFileInfo(root + QStringLiteral("/wandb/latest-run")).isSymLink());
        const std::vector<demo::DemoRun> want = demo::demoRuns(o);
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        QCOMPARE(s.runs, qint64(want.size()));
        const core::Runs all = loadSorted(cache);
        QCOMPARE(all.size(), want.size());
        int running = 0;
        int killed = 0;
        for (const demo::DemoRun &d : want) {
            const core::Run *r = byUid(all, QString::fromStdString(d.id.substr(0, 8)));
            QVERIFY(r);
            QCOMPARE(r->name, QString::fromStdString(d.name));
            QCOMPARE(r->experiment, QString::fromStdString(d.experiment));
            QCOMPARE(r->startMs, d.startMs);
            QCOMPARE(int(r->status), d.status);
            running += d.status == 1;
            killed += d.status == 5;
            QCOMPARE(r->tags.value(QStringLiteral("wandb.git.commit")),
                     QString::fromStdString(d.commit));
            for (const demo::DemoParam &p : d.params) {
                const QVariant v = r->config.value(QString::fromStdString(p.name));
                if (p.kind == demo::DemoParam::Kind::Text)
                    QCOMPARE(v.toString(), QString::fromStdString(p.text));
                else
                    QCOMPARE(v.toDouble(), p.number);
            }
            QCOMPARE(r->metrics.size(), d.metricNames.size());
            for (size_t m = 0; m < d.metricNames.size(); ++m) {
                const core::MetricSummary *ms = r->metric(QString::fromStdString(d.metricNames[m]));
                QVERIFY(ms);
                QCOMPARE(ms->count, qint64(d.timesMs.size()));
                QCOMPARE(ms->lastStep, qint64(d.timesMs.size()) - 1);
                const double last = d.values[m][d.timesMs.size() - 1];
                if (std::isnan(last))
                    QVERIFY(std::isnan(ms->last));
                else
                    QCOMPARE(ms->last, last);
            }
        }
        QVERIFY(running + killed > 0);
    }

    void latestRunAndResume() {
        const QString root = newDir();
        // two folders of one resumed run, and latest-run pointing at the newer one
        const QString id = QStringLiteral("res00001");
        const QString older = root + QStringLiteral("/wandb/run-20240101_100000-") + id;
        const QString newer = root + QStringLiteral("/wandb/run-20240101_110000-") + id;
        QList<QByteArray> a{wl::runRecord(1, id.toUtf8(), "p", "first", 1700000000, {})};
        for (int i = 0; i < 5; ++i)
            a << wl::historyRecord(i + 2, i, 1700000001.0 + i, row(i));
        a << wl::exitRecord(20, 1, 9);
        QList<QByteArray> b{wl::runRecord(1, id.toUtf8(), "p", "resumed", 1700003600, {})};
        for (int i = 5; i < 8; ++i)
            b << wl::historyRecord(i + 2, i, 1700003601.0 + i, row(i));
        b << wl::exitRecord(20, 0, 9);
        QVERIFY(writeFile(older + QStringLiteral("/run-res00001.wandb"), wl::frame(a).bytes));
        QVERIFY(writeFile(newer + QStringLiteral("/run-res00001.wandb"), wl::frame(b).bytes));
        QVERIFY(QFile::link(newer, root + QStringLiteral("/wandb/latest-run")));
        // a second project with its own wandb folder, also through a symlink to it
        buildRun(root + QStringLiteral("/other"), QStringLiteral("oth00001"), 3);
        const QString cache = newCache();
        const ImportSummary s = importInto(cache, {root});
        QVERIFY2(s.problems.isEmpty(), qPrintable(dumpProblems(s.problems)));
        QCOMPARE(s.runs, 2);
        const core::Runs all = loadSorted(cache);
        QCOMPARE(all.size(), size_t(2));
        const core::Run *r = byUid(all, id);
        QVERIFY(r);
        QCOMPARE(r->path, QStringLiteral("wandb/run-20240101_110000-res00001"));
        QCOMPARE(r->name, QStringLiteral("resumed"));
        QCOMPARE(r->status, core::RunStatus::Finished);
        QCOMPARE(r->metric(QStringLiteral("train/loss"))->count, 8);
        QCOMPARE(r->metric(QStringLiteral("train/loss"))->lastStep, 7);
        QVERIFY(byUid(all, QStringLiteral("oth00001")));

        // the run folder opened directly
        const QString cache2 = newCache();
        const ImportSummary d = importInto(cache2, {older});
        QCOMPARE(d.runs, 1);
        QCOMPARE(loadSorted(cache2)[0].metric(QStringLiteral("train/loss"))->count, 5);
        QCOMPARE(loadSorted(cache2)[0].status, core::RunStatus::Failed);
    }
};

QTEST_GUILESS_MAIN(TestWandbImporter)
#include "tst_wandbimporter.moc"
