// SPDX-License-Identifier: GPL-3.0-or-later
// The TensorBoard importer: run discovery, the real event files of shared/fixtures/real,
// growing and damaged files, a big file, and a full import through the cache.

#include "demo/demotensorboard.h"
#include "importtestutil.h"
#include "sources/scanner.h"
#include "sources/tensorboardimporter.h"
#include "store/filescodec.h"
#include "store/recordcodec.h"
#include "storebuilder.h"
#include "testutils.h"
#include "tst_tensorboard_encode.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace runlens;
using namespace runlens::sources;
using namespace runlens::tests::tb;
using runlens::tests::appendFile;
using runlens::tests::q;
using runlens::tests::writeFile;

namespace {

const TensorboardImporter &importer() {
    return *static_cast<const TensorboardImporter *>(importerById(QStringLiteral("tensorboard")));
}

/// The runs the scanner finds below root, by relPath.
std::vector<RunLocation> scan(const QString &root, core::Problems *problems = nullptr) {
    core::Problems local;
    std::atomic_bool cancel{false};
    ScanContext context{root, problems ? problems : &local, &cancel};
    std::vector<RunLocation> runs;
    Scanner({&importer()}).scan(root, context, [&](RunLocation &&loc) {
        runs.push_back(std::move(loc));
    });
    std::sort(runs.begin(), runs.end(),
              [](const RunLocation &a, const RunLocation &b) { return a.relPath < b.relPath; });
    return runs;
}

ReadResult readRun(const RunLocation &loc, const QString &root,
                   const store::PreviousRun *previous = nullptr) {
    std::atomic_bool cancel{false};
    return importer().read(loc, root, previous, cancel);
}

RunLocation locationOf(const QString &abs, const QString &rel) {
    RunLocation loc;
    loc.importer = QStringLiteral("tensorboard");
    loc.absPath = abs;
    loc.relPath = rel;
    return loc;
}

/// What the cache would hand back of this update on the next import.
store::PreviousRun previousOf(const store::RunUpdate &u) {
    store::PreviousRun p;
    p.run = u.run;
    p.files = store::FilesCodec::encode(u.files);
    p.config = store::RecordCodec::encodeConfig(u.run.config);
    p.tags = store::RecordCodec::encodeTags(u.run.tags);
    p.summaries = store::RecordCodec::encodeSummaries(u.run.metrics);
    return p;
}

qint64 totalPoints(const store::RunUpdate &u) {
    qint64 n = 0;
    for (const auto &s : u.series)
        n += qint64(s.points.size());
    return n;
}

QByteArray bytes(const std::string &s) {
    return QByteArray(s.data(), qsizetype(s.size()));
}

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Expectations for shared/fixtures/real/tensorboard, worked out by an independent decoder (a
// plain-Python TFRecord/protobuf walk written from formats.md, sharing nothing with the
// importer): per run its folder, records per event file (in name-timestamp order), the number
// of metric keys and of points, the number of non-scalar count tags and their sum, the first
// and last wall time (ms), then up to six series (key, points, last value = value at the
// greatest step with the later point winning ties, that step, the first step) and up to three
// count tags.
struct SeriesExpect {
    const char *key;
    qint64 count;
    double last;
    qint64 lastStep;
    qint64 firstStep;
};
struct CountExpect {
    const char *key;
    qint64 count;
};
struct RunExpect {
    const char *relPath;
    std::vector<qint64> records;
    int keys;
    qint64 points;
    int countTags;
    qint64 countSum;
    qint64 startMs;
    qint64 endMs;
    std::vector<SeriesExpect> series;
    std::vector<CountExpect> counts;
};

const std::vector<RunExpect> &fixtureRuns() {
    static const std::vector<RunExpect> runs{
        {"aguleon-hf-trainer/runs/run0",
         {129},
         14,
         126,
         2,
         2,
         1744227257738LL,
         1744228255719LL,
         {
             {"train/loss", 12, 1.3945000171661377, 1200, 100},
             {"train/grad_norm", 12, 2.9491937160491943, 1200, 100},
             {"train/learning_rate", 12, 0.0, 1200, 100},
             {"train/epoch", 25, 0.17777778208255768, 1200, 100},
             {"eval/loss", 12, 1.391324520111084, 1200, 100},
             {"eval/accuracy", 12, 0.2409166693687439, 1200, 100},
         },
         {
             {"tensorboard.text.args/text_summary", 1},
             {"tensorboard.text.model_config/text_summary", 1},
         }},
        {"aguleon-hf-trainer/runs/run1",
         {129},
         14,
         126,
         2,
         2,
         1744228656611LL,
         1744229652970LL,
         {
             {"train/loss", 12, 1.3942999839782715, 1200, 100},
             {"train/grad_norm", 12, 2.9414961338043213, 1200, 100},
             {"train/learning_rate", 12, 0.0, 1200, 100},
             {"train/epoch", 25, 0.17777778208255768, 1200, 100},
             {"eval/loss", 12, 1.3911497592926025, 1200, 100},
             {"eval/accuracy", 12, 0.2407499998807907, 1200, 100},
         },
         {
             {"tensorboard.text.args/text_summary", 1},
             {"tensorboard.text.model_config/text_summary", 1},
         }},
        {"aguleon-hf-trainer/runs/run2",
         {129},
         14,
         126,
         2,
         2,
         1744230094451LL,
         1744230388990LL,
         {
             {"train/loss", 12, 1.392699956893921, 1200, 100},
             {"train/grad_norm", 12, 1.8182934522628784, 1200, 100},
             {"train/learning_rate", 12, 0.0, 1200, 100},
             {"train/epoch", 25, 0.1608579158782959, 1200, 100},
             {"eval/loss", 12, 1.3877366781234741, 1200, 100},
             {"eval/accuracy", 12, 0.23456789553165436, 1200, 100},
         },
         {
             {"tensorboard.text.args/text_summary", 1},
             {"tensorboard.text.model_config/text_summary", 1},
         }},
        {"aguleon-hf-trainer/runs/run3",
         {129},
         14,
         126,
         2,
         2,
         1744230491633LL,
         1744230813257LL,
         {
             {"train/loss", 12, 1.3926000595092773, 1200, 100},
             {"train/grad_norm", 12, 2.5198235511779785, 1200, 100},
             {"train/learning_rate", 12, 0.0, 1200, 100},
             {"train/epoch", 25, 0.1608579158782959, 1200, 100},
             {"eval/loss", 12, 1.3876850605010986, 1200, 100},
             {"eval/accuracy", 12, 0.23456789553165436, 1200, 100},
         },
         {
             {"tensorboard.text.args/text_summary", 1},
             {"tensorboard.text.model_config/text_summary", 1},
         }},
        {"aguleon-hf-trainer/runs/run4",
         {129},
         14,
         126,
         2,
         2,
         1744230855339LL,
         1744231652187LL,
         {
             {"train/loss", 12, 0.2362000048160553, 1200, 100},
             {"train/grad_norm", 12, 6.602963447570801, 1200, 100},
             {"train/learning_rate", 12, 0.0, 1200, 100},
             {"train/epoch", 25, 0.3217158317565918, 1200, 100},
             {"eval/loss", 12, 0.289970725774765, 1200, 100},
             {"eval/accuracy", 12, 0.9135802388191223, 1200, 100},
         },
         {
             {"tensorboard.text.args/text_summary", 1},
             {"tensorboard.text.model_config/text_summary", 1},
         }},
        {"dan-irl-ultralytics/runs/detect/adamtest",
         {72},
         13,
         69,
         0,
         0,
         1707675109926LL,
         1707675437979LL,
         {
             {"train/box_loss", 5, 1.7704099416732788, 5, 1},
             {"train/cls_loss", 5, 2.0634000301361084, 5, 1},
             {"train/dfl_loss", 5, 1.8730800151824951, 5, 1},
             {"lr/pg0", 5, 0.00406000018119812, 5, 1},
             {"lr/pg1", 5, 0.00406000018119812, 5, 1},
             {"lr/pg2", 5, 0.00406000018119812, 5, 1},
         },
         {}},
        {"dan-irl-ultralytics/runs/detect/sgdtest3",
         {72},
         13,
         69,
         0,
         0,
         1707674416878LL,
         1707674743445LL,
         {
             {"train/box_loss", 5, 1.640429973602295, 5, 1},
             {"train/cls_loss", 5, 1.7697800397872925, 5, 1},
             {"train/dfl_loss", 5, 1.7415900230407715, 5, 1},
             {"lr/pg0", 5, 0.00406000018119812, 5, 1},
             {"lr/pg1", 5, 0.00406000018119812, 5, 1},
             {"lr/pg2", 5, 0.00406000018119812, 5, 1},
         },
         {}},
        {"huangyuan3h-keras-tf2/logs/fit/20220213-124139/train",
         {582, 582, 2},
         2,
         80,
         28,
         1083,
         1644728510000LL,
         1644732123871LL,
         {
             {"epoch_loss", 40, 4.310869216918945, 19, 0},
             {"epoch_mae", 40, 4.310869216918945, 19, 0},
         },
         {
             {"tensorboard.graph_keras_model.keras", 3},
             {"tensorboard.histogram.batch_normalization/beta_0", 40},
             {"tensorboard.histogram.batch_normalization/gamma_0", 40},
         }},
        {"huangyuan3h-keras-tf2/logs/fit/20220213-124139/validation",
         {81, 81},
         4,
         160,
         0,
         0,
         1644728574000LL,
         1644732102535LL,
         {
             {"evaluation_loss_vs_iterations", 40, qQNaN(), 40, 1},
             {"evaluation_mae_vs_iterations", 40, qQNaN(), 40, 1},
             {"epoch_loss", 40, qQNaN(), 19, 0},
             {"epoch_mae", 40, qQNaN(), 19, 0},
         },
         {}},
        {"irfanet10-keras2-tf1/logs",
         {3, 15},
         4,
         12,
         0,
         0,
         1508192545000LL,
         1508193131521LL,
         {
             {"val_loss", 3, 0.34472501277923584, 2, 0},
             {"val_acc", 3, 0.8762013912200928, 2, 0},
             {"loss", 3, 0.34450745582580566, 2, 0},
             {"acc", 3, 0.8713693022727966, 2, 0},
         },
         {}},
        {"mkamel104-allennlp-tensorboardx-2019/log/train",
         {77},
         2,
         76,
         0,
         0,
         1555358061097LL,
         1555358062111LL,
         {
             {"loss", 38, 0.47344669699668884, 37, 0},
             {"accuracy", 38, 0.9444444179534912, 37, 0},
         },
         {}},
        {"mkamel104-allennlp-tensorboardx-2019/log/validation",
         {77},
         2,
         76,
         0,
         0,
         1555358061098LL,
         1555358062111LL,
         {
             {"loss", 38, 6.152934551239014, 37, 0},
             {"accuracy", 38, 0.0555555559694767, 37, 0},
         },
         {}},
        {"qaqdev-allennlp-tensorboardx/log/train",
         {7094},
         158,
         7093,
         0,
         0,
         1663590523876LL,
         1663594807607LL,
         {
             {"parameter_mean/_text_field_embedder.token_embedder_tokens.weight", 47,
              0.043285008519887924, 4700, 100},
             {"parameter_std/_text_field_embedder.token_embedder_tokens.weight", 47,
              0.6859868168830872, 4700, 100},
             {"gradient_mean/_text_field_embedder.token_embedder_tokens.weight", 47,
              -6.660501702715526e-15, 4700, 100},
             {"gradient_std/_text_field_embedder.token_embedder_tokens.weight", 47,
              1.5485425441941203e-12, 4700, 100},
             {"parameter_mean/_pos_tag_embedding.weight", 47, 0.0037597024347633123, 4700, 100},
             {"parameter_std/_pos_tag_embedding.weight", 47, 0.16446098685264587, 4700, 100},
         },
         {}},
        {"qaqdev-allennlp-tensorboardx/log/validation",
         {81},
         8,
         80,
         0,
         0,
         1663590523878LL,
         1663594807607LL,
         {
             {"loss", 10, 0.6073558330535889, 10, 1},
             {"accuracy", 10, 0.7063491940498352, 10, 1},
             {"s_recall", 10, 0.8630508184432983, 10, 1},
             {"precision", 10, 0.7096773982048035, 10, 1},
             {"recall", 10, 0.6984127163887024, 10, 1},
             {"s_precision", 10, 0.8454643487930298, 10, 1},
         },
         {}},
        {"sontyubo-torch-multifile/logs/tensorboard/efficientnet_b0",
         {5},
         2,
         4,
         0,
         0,
         1744338274289LL,
         1744338505072LL,
         {
             {"Loss/train", 3, 0.02705092914402485, 2, 0},
             {"Accuracy/test", 1, 99.25, 0, 0},
         },
         {}},
        {"sontyubo-torch-multifile/logs/tensorboard/mobilenetv3_small_050",
         {5},
         2,
         4,
         0,
         0,
         1744338505624LL,
         1744338626737LL,
         {
             {"Loss/train", 3, 0.02129431813955307, 2, 0},
             {"Accuracy/test", 1, 19.56999969482422, 0, 0},
         },
         {}},
        {"sontyubo-torch-multifile/logs/tensorboard/resnet18",
         {5, 5, 5},
         2,
         12,
         0,
         0,
         1744338098928LL,
         1744339863685LL,
         {
             {"Loss/train", 9, 0.01698392815887928, 2, 0},
             {"Accuracy/test", 3, 99.44000244140625, 0, 0},
         },
         {}},
        {"tfodcourse-tf2-objdet/my_ssd_mobnet/eval",
         {27},
         16,
         16,
         10,
         10,
         1642444196000LL,
         1642444245278LL,
         {
             {"DetectionBoxes_Precision/mAP", 1, 0.3141476809978485, 50000, 50000},
             {"DetectionBoxes_Precision/mAP@.50IOU", 1, 0.7379751205444336, 50000, 50000},
             {"DetectionBoxes_Precision/mAP@.75IOU", 1, 0.1909209042787552, 50000, 50000},
             {"DetectionBoxes_Precision/mAP (small)", 1, 0.2837563753128052, 50000, 50000},
             {"DetectionBoxes_Precision/mAP (medium)", 1, 0.6259653568267822, 50000, 50000},
             {"DetectionBoxes_Precision/mAP (large)", 1, -1.0, 50000, 50000},
         },
         {
             {"tensorboard.image.eval_side_by_side_0_0", 1},
             {"tensorboard.image.eval_side_by_side_1_0", 1},
             {"tensorboard.image.eval_side_by_side_2_0", 1},
         }},
        {"tfodcourse-tf2-objdet/my_ssd_mobnet/train",
         {1, 141},
         6,
         120,
         1,
         20,
         1642111611000LL,
         1642115314403LL,
         {
             {"steps_per_sec", 20, 0.6629655957221985, 2000, 100},
             {"Loss/localization_loss", 20, 0.28302454948425293, 2000, 100},
             {"Loss/classification_loss", 20, 0.2732601761817932, 2000, 100},
             {"Loss/regularization_loss", 20, 0.1735970824956894, 2000, 100},
             {"Loss/total_loss", 20, 0.7298818230628967, 2000, 100},
             {"learning_rate", 20, 0.07991781085729599, 2000, 100},
         },
         {
             {"tensorboard.image.train_input_images", 20},
         }},

    };
    return runs;
}

} // namespace

class TestTensorboardImporter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sniffNamesOnly() {
        FolderListing f{QStringLiteral("/x"), QString(), {}};
        f.entries.push_back({QStringLiteral("model.ckpt"), false, true});
        QVERIFY(!importer().sniff(f));
        f.entries.push_back({QStringLiteral("plugins.profile-empty.tfevents"), true, false});
        QVERIFY(!importer().sniff(f)); // a folder, not a file
        f.entries.push_back(
            {QStringLiteral("events.out.tfevents.1.host.profile-empty"), false, true});
        QVERIFY(!importer().sniff(f)); // profiler marker: no scalars
        f.entries.push_back({QStringLiteral("events.out.tfevents.1.host.1.v2"), false, true});
        QVERIFY(importer().sniff(f));
        QVERIFY(importer().isLogSource());
    }

    void realFixtures() {
        RUNLENS_REQUIRE_FIXTURES("tensorboard");
        const QString root = tests::fixturesDir() + QStringLiteral("/tensorboard");
        core::Problems scanProblems;
        const std::vector<RunLocation> found = scan(root, &scanProblems);
        QVERIFY2(scanProblems.isEmpty(), qPrintable(tests::dumpProblems(scanProblems)));
        QStringList foundPaths;
        for (const RunLocation &loc : found)
            foundPaths << loc.relPath;
        QStringList expectedPaths;
        for (const RunExpect &e : fixtureRuns())
            expectedPaths << q(e.relPath);
        QCOMPARE(foundPaths, expectedPaths);

        for (size_t i = 0; i < found.size(); ++i) {
            const RunExpect &e = fixtureRuns()[i];
            const RunLocation &loc = found[i];
            const QString ctx = loc.relPath;
            const ReadResult r = readRun(loc, root);
            QVERIFY2(r.outcome == ReadResult::Outcome::Updated, qPrintable(ctx));
            QVERIFY2(r.problems.isEmpty(), qPrintable(tests::dumpProblems(r.problems)));
            const core::Run &run = r.update.run;
            QCOMPARE(run.format, QStringLiteral("tensorboard"));
            QCOMPARE(run.path, loc.relPath);
            QCOMPARE(run.name, loc.relPath);
            // Files in name-timestamp order, each with the records an independent walk finds.
            QCOMPARE(r.update.files.size(), e.records.size());
            qint64 total = 0;
            for (size_t f = 0; f < e.records.size(); ++f) {
                const store::FileState &fs = r.update.files[f];
                QVERIFY2(fs.units == e.records[f], qPrintable(ctx + u' ' + fs.relPath));
                const QByteArray data = readAll(loc.absPath + u'/' + fs.relPath);
                QCOMPARE(
                    qint64(
                        recordOffsets(std::string_view(data.data(), size_t(data.size()))).size()),
                    e.records[f]);
                QCOMPARE(fs.offset, qint64(data.size()));
                total += data.size();
            }
            QCOMPARE(r.bytesRead, total);
            QVERIFY2(qsizetype(run.metrics.size()) == e.keys, qPrintable(ctx));
            QCOMPARE(totalPoints(r.update), e.points);
            QCOMPARE(run.startMs, e.startMs);
            QCOMPARE(run.endMs, e.endMs);
            for (const SeriesExpect &s : e.series) {
                const core::MetricSummary *m = run.metric(q(s.key));
                QVERIFY2(m, qPrintable(ctx + u' ' + q(s.key)));
                QCOMPARE(m->count, s.count);
                if (std::isnan(s.last))
                    QVERIFY(std::isnan(m->last));
                else
                    QCOMPARE(m->last, s.last);
                QCOMPARE(m->lastStep, s.lastStep);
                QCOMPARE(m->firstStep, s.firstStep);
            }
            int countTags = 0;
            qint64 countSum = 0;
            for (auto it = run.tags.cbegin(); it != run.tags.cend(); ++it) {
                if (it.key() == u"tensorboard.file_version" || it.key() == u"tensorboard.writer" ||
                    it.key() == u"tensorboard.graph")
                    continue;
                ++countTags;
                countSum += it.value().toLongLong();
            }
            QVERIFY2(countTags == e.countTags, qPrintable(ctx));
            QCOMPARE(countSum, e.countSum);
            for (const CountExpect &c : e.counts)
                QCOMPARE(run.tags.value(q(c.key)).toLongLong(), c.count);
        }
    }

    void fixtureDetails() {
        RUNLENS_REQUIRE_FIXTURES("tensorboard");
        const QString root = tests::fixturesDir() + QStringLiteral("/tensorboard");
        // TF2 with a 40-byte header-only file first: brain.Event:2, start from that file.
        const QString tfod = QStringLiteral("tfodcourse-tf2-objdet/my_ssd_mobnet/train");
        ReadResult r = readRun(locationOf(root + u'/' + tfod, tfod), root);
        QCOMPARE(r.update.run.tags.value(QStringLiteral("tensorboard.file_version")),
                 QStringLiteral("brain.Event:2"));
        QCOMPARE(r.update.files.front().relPath,
                 QStringLiteral("events.out.tfevents.1642111611.DESKTOP-K7GINSN.14276.0.v2"));
        // Graphs in Keras TF1 files; HF Trainer's writer.
        const QString irfan = QStringLiteral("irfanet10-keras2-tf1/logs");
        r = readRun(locationOf(root + u'/' + irfan, irfan), root);
        QCOMPARE(r.update.run.tags.value(QStringLiteral("tensorboard.graph")),
                 QStringLiteral("yes"));
        QCOMPARE(r.update.run.metric(QStringLiteral("acc"))->last, double(0.8713693022727966));
        const QString hf = QStringLiteral("aguleon-hf-trainer/runs/run0");
        r = readRun(locationOf(root + u'/' + hf, hf), root);
        QCOMPARE(r.update.run.tags.value(QStringLiteral("tensorboard.writer")),
                 QStringLiteral("tensorboard.summary.writer.event_file_writer"));
        // No file_version record at all (tensorboardX 1.x): the data still reads.
        const QString old = QStringLiteral("mkamel104-allennlp-tensorboardx-2019/log/train");
        r = readRun(locationOf(root + u'/' + old, old), root);
        QVERIFY(!r.update.run.tags.contains(QStringLiteral("tensorboard.file_version")));
        QCOMPARE(r.update.run.metric(QStringLiteral("accuracy"))->count, 38);
    }

    void lightningHparams() {
        RUNLENS_REQUIRE_FIXTURES("hydra");
        // Lightning's TensorBoardLogger: hparams plugin session data, hp_metric = -1.
        const QString dir = tests::fixturesDir() +
                            QStringLiteral("/hydra/cr21-lightning-multirun/multiruns/"
                                           "2024-10-21_00-01-42/0/logs/tensorboard_logs/version_0");
        const ReadResult r = readRun(locationOf(dir, QStringLiteral("v0")), dir);
        QVERIFY2(r.problems.isEmpty(), qPrintable(tests::dumpProblems(r.problems)));
        const core::Run &run = r.update.run;
        QCOMPARE(run.config.size(), 13);
        QCOMPARE(run.config.value(QStringLiteral("num_classes")), QVariant(11.0));
        QCOMPARE(run.config.value(QStringLiteral("min_lr")), QVariant(1e-06));
        QCOMPARE(run.config.value(QStringLiteral("base_model")),
                 QVariant(QStringLiteral("test_vit.r160_in1k")));
        QCOMPARE(run.status, core::RunStatus::Finished);
        QCOMPARE(run.metric(QStringLiteral("hp_metric"))->count, 2);
        QCOMPARE(run.metric(QStringLiteral("hp_metric"))->last, -1.0);
        QCOMPARE(run.metric(QStringLiteral("val/loss"))->last, double(2.111447811126709));
        QCOMPARE(run.metric(QStringLiteral("epoch"))->count, 21);
        QVERIFY(!run.metric(QStringLiteral("_hparams_/session_start_info")));
    }

    void runsPerFolderAndFileOrder() {
        QTemporaryDir tmp;
        const QString root = tmp.path();
        // Keras layout: train/ and validation/ are two runs; a profile folder holds no run.
        QVERIFY(writeFile(root + QStringLiteral("/fit/train/events.out.tfevents.20.h.1.v2"),
                          bytes(tf2ScalarRecord(20.0, 0, "epoch_loss", 1.0f))));
        QVERIFY(writeFile(root + QStringLiteral("/fit/validation/events.out.tfevents.21.h.2.v2"),
                          bytes(tf2ScalarRecord(21.0, 0, "epoch_loss", 2.0f))));
        QVERIFY(writeFile(root + QStringLiteral("/fit/train/plugins/profile/"
                                                "events.out.tfevents.22.h.profile-empty"),
                          QByteArray()));
        QVERIFY(writeFile(root + QStringLiteral("/fit/train/notes.txt"), "x"));
        // Files ordered by the timestamp in the name (999 before 1000), not lexically.
        QVERIFY(writeFile(root + QStringLiteral("/multi/events.out.tfevents.1000.b"),
                          bytes(tf1ScalarRecord(1000.0, 5, "x", 5.0f))));
        QVERIFY(writeFile(root + QStringLiteral("/multi/events.out.tfevents.999.a"),
                          bytes(tf1ScalarRecord(999.0, 1, "x", 1.0f))));
        QVERIFY(writeFile(root + QStringLiteral("/multi/events.out.tfevents.1000.a"),
                          bytes(tf1ScalarRecord(1000.5, 3, "x", 3.0f))));
        const std::vector<RunLocation> runs = scan(root);
        QCOMPARE(runs.size(), size_t(3));
        QCOMPARE(runs[0].relPath, QStringLiteral("fit/train"));
        QCOMPARE(runs[1].relPath, QStringLiteral("fit/validation"));
        QCOMPARE(runs[2].relPath, QStringLiteral("multi"));
        core::Problems problems;
        const std::vector<RunFile> files = importer().runFiles(runs[2].absPath, problems);
        QCOMPARE(files.size(), size_t(3));
        QCOMPARE(files[0].relPath, QStringLiteral("events.out.tfevents.999.a"));
        QCOMPARE(files[1].relPath, QStringLiteral("events.out.tfevents.1000.a"));
        QCOMPARE(files[2].relPath, QStringLiteral("events.out.tfevents.1000.b"));
        const ReadResult r = readRun(runs[2], root);
        QCOMPARE(r.update.run.startMs, 999000LL);
        QCOMPARE(r.update.run.endMs, 1000000LL);
        QCOMPARE(r.update.series.size(), size_t(1));
        const core::MetricPoints &pts = r.update.series[0].points;
        QCOMPARE(pts.size(), size_t(3));
        QCOMPARE(pts[0].step, 1);
        QCOMPARE(pts[1].step, 3);
        QCOMPARE(pts[2].step, 5);
        // The profile-empty file is not part of the train run.
        QCOMPARE(importer().runFiles(runs[0].absPath, problems).size(), size_t(1));
        QVERIFY(problems.isEmpty());
    }

    void singleFileOpened() {
        QTemporaryDir tmp;
        const QString file = tmp.path() + QStringLiteral("/events.out.tfevents.5.host");
        QVERIFY(writeFile(file, bytes(tf1ScalarRecord(5.0, 0, "x", 1.0f))));
        const std::vector<RunLocation> runs = scan(file);
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs[0].absPath, file);
        const ReadResult r = readRun(runs[0], file);
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        QCOMPARE(r.update.run.metric(QStringLiteral("x"))->count, 1);
    }

    void growingFileReadsOnlyNewBytes() {
        QTemporaryDir tmp;
        const QString dir = tmp.path() + QStringLiteral("/run");
        const QString path = dir + QStringLiteral("/events.out.tfevents.100.host.1.v2");
        std::string all = record(fileVersionEvent(100.0));
        for (int i = 0; i < 10; ++i)
            all += tf2ScalarRecord(100.0 + i, i, "loss", float(i));
        std::string image;
        putLen(image, 1, "img");
        putLen(image, 4, "png");
        all += record(valueEvent(110.0, 10, image));
        const std::string next = tf2ScalarRecord(111.0, 11, "loss", 11.0f);
        // The writer is half-way through the next record.
        QVERIFY(writeFile(path, bytes(all + next.substr(0, next.size() / 2))));
        const RunLocation loc = locationOf(dir, QStringLiteral("run"));
        ReadResult first = readRun(loc, tmp.path());
        QVERIFY(first.problems.isEmpty()); // a cut record is no problem
        QCOMPARE(first.update.files.size(), size_t(1));
        QCOMPARE(first.update.files[0].offset, qint64(all.size()));
        QCOMPARE(first.update.files[0].units, 12);
        QCOMPARE(first.update.run.metric(QStringLiteral("loss"))->count, 10);
        QCOMPARE(first.update.run.tags.value(QStringLiteral("tensorboard.image.img")),
                 QStringLiteral("1"));

        // The writer finishes that record and writes more, with another image.
        std::string more = next.substr(next.size() / 2);
        for (int i = 12; i < 20; ++i)
            more += tf2ScalarRecord(100.0 + i, i, "loss", float(i));
        more += record(valueEvent(120.0, 20, image));
        more += tf1ScalarRecord(121.0, 21, "acc", 0.5f);
        QVERIFY(appendFile(path, bytes(more)));
        const store::PreviousRun prev = previousOf(first.update);
        const ReadResult second = readRun(loc, tmp.path(), &prev);
        QVERIFY(second.problems.isEmpty());
        QCOMPARE(second.outcome, ReadResult::Outcome::Updated);
        QCOMPARE(second.bytesRead, qint64(next.size() + more.size() - next.size() / 2));
        QCOMPARE(second.update.series.size(), size_t(2));
        for (const auto &s : second.update.series)
            QVERIFY2(s.append, qPrintable(s.key));
        const auto &loss = second.update.series[0];
        QCOMPARE(loss.key, QStringLiteral("loss"));
        QCOMPARE(loss.points.size(), size_t(9)); // steps 11..19
        QCOMPARE(loss.points.front().step, 11);
        const core::Run &run = second.update.run;
        QCOMPARE(run.metric(QStringLiteral("loss"))->count, 19);
        QCOMPARE(run.metric(QStringLiteral("loss"))->last, 19.0);
        QCOMPARE(run.tags.value(QStringLiteral("tensorboard.image.img")), QStringLiteral("2"));
        QCOMPARE(run.startMs, 100000LL);
        QCOMPARE(run.endMs, 121000LL);
        QCOMPARE(second.update.files[0].units, 12 + 11);

        // Nothing new: unchanged, nothing read.
        const store::PreviousRun prev2 = previousOf(second.update);
        const ReadResult third = readRun(loc, tmp.path(), &prev2);
        QCOMPARE(third.outcome, ReadResult::Outcome::Unchanged);
        QCOMPARE(third.bytesRead, 0);
    }

    void countsSumOverFiles() {
        QTemporaryDir tmp;
        std::string image;
        putLen(image, 1, "img");
        putLen(image, 4, "png");
        const std::string two =
            record(valueEvent(1.0, 0, image)) + record(valueEvent(2.0, 1, image));
        QVERIFY(writeFile(tmp.path() + QStringLiteral("/events.out.tfevents.1.a"), bytes(two)));
        QVERIFY(writeFile(tmp.path() + QStringLiteral("/events.out.tfevents.2.a"), bytes(two)));
        const ReadResult r = readRun(locationOf(tmp.path(), QString()), tmp.path());
        QCOMPARE(r.update.run.tags.value(QStringLiteral("tensorboard.image.img")),
                 QStringLiteral("4"));
    }

    void damagedFileReportsAndImportsTheRest() {
        QTemporaryDir tmp;
        const QString path = tmp.path() + QStringLiteral("/events.out.tfevents.1.h");
        std::string file;
        for (int i = 0; i < 20; ++i)
            file += tf1ScalarRecord(1.0 + i, i, "loss", float(i));
        const std::vector<qint64> offsets = recordOffsets(file);
        file[size_t(offsets[5] + 14)] ^= 0x10; // data checksum of record 5
        file[size_t(offsets[12] + 1)] ^= 0x10; // length of record 12
        QVERIFY(writeFile(path, bytes(file)));
        const ReadResult r = readRun(locationOf(tmp.path(), QString()), tmp.path());
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        QCOMPARE(r.problems.size(), 2);
        QCOMPARE(r.problems[0].path, path);
        QCOMPARE(r.problems[0].where, QStringLiteral("byte %1").arg(offsets[5]));
        QCOMPARE(r.problems[1].where, QStringLiteral("byte %1").arg(offsets[12]));
        QCOMPARE(r.update.run.metric(QStringLiteral("loss"))->count, 18);
        QCOMPARE(r.update.run.metric(QStringLiteral("loss"))->last, 19.0);
    }

    void emptyFile() {
        QTemporaryDir tmp;
        QVERIFY(writeFile(tmp.path() + QStringLiteral("/events.out.tfevents.1.h"), QByteArray()));
        const ReadResult r = readRun(locationOf(tmp.path(), QString()), tmp.path());
        QCOMPARE(r.outcome, ReadResult::Outcome::Updated);
        QVERIFY(r.problems.isEmpty());
        QVERIFY(r.update.run.metrics.empty());
        QCOMPARE(r.update.files.size(), size_t(1));
        QCOMPARE(r.update.files[0].offset, 0);
    }

    void hugeFile() {
        // ~50 MB of TF2 scalars in one file: bigger than a read chunk, so also the chunking.
        QTemporaryDir tmp;
        const QString path = tmp.path() + QStringLiteral("/events.out.tfevents.7.h.1.v2");
        const char *tags[] = {"train/loss", "train/accuracy", "val/loss", "lr"};
        std::string blob;
        blob.reserve(52 << 20);
        blob += record(fileVersionEvent(1.0e9));
        qint64 steps = 0;
        while (blob.size() < (50u << 20)) {
            for (const char *tag : tags)
                blob += tf2ScalarRecord(1.0e9 + double(steps), steps, tag, float(steps % 1000));
            ++steps;
        }
        QVERIFY(writeFile(path, bytes(blob)));
        QElapsedTimer timer;
        timer.start();
        const ReadResult r = readRun(locationOf(tmp.path(), QString()), tmp.path());
        const qint64 ms = timer.elapsed();
        qInfo("read %.1f MB in %lld ms", double(blob.size()) / 1e6, ms);
        QVERIFY(r.problems.isEmpty());
        // The record cut at a chunk's end is read again with the next chunk.
        QVERIFY(r.bytesRead >= qint64(blob.size()) && r.bytesRead < qint64(blob.size()) + 1024);
        QCOMPARE(r.update.files[0].offset, qint64(blob.size()));
        QCOMPARE(r.update.files[0].units, 1 + steps * 4);
        QCOMPARE(r.update.run.metrics.size(), size_t(4));
        QCOMPARE(r.update.run.metric(QStringLiteral("lr"))->count, steps);
        QCOMPARE(r.update.run.metric(QStringLiteral("lr"))->last, double((steps - 1) % 1000));
        QVERIFY2(ms < 10000, "50 MB should take well under a few seconds");
    }

    void demoWriterRoundTrip() {
        QTemporaryDir tmp;
        demo::DemoOptions options;
        options.runs = 8;
        options.steps = 40;
        options.nowMs = 1700000000000;
        QString error;
        QVERIFY2(demo::writeDemoTensorboard(tmp.path(), options, &error), qPrintable(error));
        QVERIFY(!demo::writeDemoTensorboard(tmp.path(), options, &error)); // never overwrites
        const QString root = tmp.path() + QStringLiteral("/tensorboard");
        const std::vector<demo::DemoRun> runs = demo::demoRuns(options);
        const std::vector<RunLocation> found = scan(root);
        QCOMPARE(found.size(), size_t(8 + 2)); // runs 3 and 7 are Keras: train/ + validation/
        for (size_t i = 0; i < runs.size(); ++i) {
            const demo::DemoRun &dr = runs[i];
            const QString rel =
                QString::fromStdString(dr.experiment + '/' + dr.name + '_' + dr.id.substr(0, 6));
            const bool keras = i % 4 == 3;
            const QString trainRel = keras ? rel + QStringLiteral("/train") : rel;
            const auto it = std::find_if(found.begin(), found.end(), [&](const RunLocation &l) {
                return l.relPath == trainRel;
            });
            QVERIFY2(it != found.end(), qPrintable(trainRel));
            const ReadResult r = readRun(*it, root);
            QVERIFY2(r.problems.isEmpty(), qPrintable(tests::dumpProblems(r.problems)));
            const core::Run &run = r.update.run;
            QCOMPARE(run.config.size(), qsizetype(dr.params.size()));
            for (const demo::DemoParam &p : dr.params) {
                const QVariant v = run.config.value(QString::fromStdString(p.name));
                if (p.kind == demo::DemoParam::Kind::Text)
                    QCOMPARE(v.toString(), QString::fromStdString(p.text));
                else
                    QCOMPARE(v.toDouble(), p.number);
            }
            QCOMPARE(run.startMs, dr.startMs);
            if (dr.status == 3)
                QCOMPARE(run.status, core::RunStatus::Finished);
            for (size_t m = 0; m < dr.metricNames.size(); ++m) {
                QString key = QString::fromStdString(dr.metricNames[m]);
                if (keras) {
                    if (key.startsWith(u"val/"))
                        continue; // in validation/
                    key = QStringLiteral("epoch_") +
                          (key.startsWith(u"train/") ? key.mid(6) : key).replace(u'/', u'_');
                }
                const core::MetricSummary *s = run.metric(key);
                QVERIFY2(s, qPrintable(key));
                QCOMPARE(s->count, qint64(dr.values[m].size()));
                const double last = double(float(dr.values[m].back()));
                if (std::isnan(last))
                    QVERIFY(std::isnan(s->last));
                else
                    QCOMPARE(s->last, last);
            }
        }
    }

    void fullImportThroughTheCache() {
        RUNLENS_REQUIRE_FIXTURES("tensorboard");
        QTemporaryDir tmp;
        const QString cache = tmp.path() + QStringLiteral("/cache.sqlite");
        const QString root =
            tests::fixturesDir() + QStringLiteral("/tensorboard/huangyuan3h-keras-tf2");
        const ImportSummary s = tests::importInto(cache, {root});
        QVERIFY2(s.ok(), qPrintable(s.fatalError));
        QVERIFY2(s.problems.isEmpty(), qPrintable(tests::dumpProblems(s.problems)));
        const core::Runs runs = tests::loadSorted(cache, root);
        QCOMPARE(runs.size(), size_t(2));
        QCOMPARE(runs[0].path, QStringLiteral("logs/fit/20220213-124139/train"));
        QCOMPARE(runs[0].format, QStringLiteral("tensorboard"));
        QCOMPARE(runs[0].metric(QStringLiteral("epoch_loss"))->count, 40);
        QCOMPARE(runs[0].tags.value(QStringLiteral("tensorboard.histogram.dense/kernel_0")),
                 QStringLiteral("40"));
        QVERIFY(std::isnan(runs[1].metric(QStringLiteral("epoch_loss"))->last));
        // Again: nothing changed, nothing read.
        const ImportSummary again = tests::importInto(cache, {root});
        QCOMPARE(again.unchanged, 2);
        QCOMPARE(again.bytesRead, 0);
    }
};

QTEST_GUILESS_MAIN(TestTensorboardImporter)
#include "tst_tensorboardimporter.moc"
