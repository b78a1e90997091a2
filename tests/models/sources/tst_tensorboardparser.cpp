// SPDX-License-Identifier: GPL-3.0-or-later
// The TensorBoard byte parser: framing, checksums, Event decoding, hostile bytes.

#include "sources/tensorboardparser.h"
#include "tst_tensorboard_encode.h"

#include <QRandomGenerator>
#include <QTest>
#include <cmath>

using namespace runlens;
using namespace runlens::sources;
using namespace runlens::tests::tb;

namespace {

std::string fromHex(const char *hex) {
    std::string out;
    int nibble = -1;
    for (const char *p = hex; *p; ++p) {
        int v;
        if (*p >= '0' && *p <= '9')
            v = *p - '0';
        else if (*p >= 'A' && *p <= 'F')
            v = *p - 'A' + 10;
        else if (*p >= 'a' && *p <= 'f')
            v = *p - 'a' + 10;
        else
            continue;
        if (nibble < 0) {
            nibble = v;
        } else {
            out += char(nibble << 4 | v);
            nibble = -1;
        }
    }
    return out;
}

FileContribution parse(std::string_view bytes, bool moreFollows = false, qint64 offset = 0) {
    FileInput in;
    in.absPath = QStringLiteral("/x/events.out.tfevents.1.host");
    in.bytes = bytes;
    in.offset = offset;
    in.moreFollows = moreFollows;
    FileContribution out;
    tensorboard::parseEvents(in, out);
    return out;
}

const FileContribution::Series *series(const FileContribution &c, const QString &key) {
    const auto it = c.seriesIndex.constFind(key);
    return it == c.seriesIndex.cend() ? nullptr : &c.series[size_t(*it)];
}

/// The scalar value a single tensor event of this dtype gives.
double tensorScalarOf(int dtype, const std::function<void(std::string &)> &fill,
                      std::string_view plugin = "scalars", bool withMetadata = true) {
    const std::string file =
        record(valueEvent(1.5, 1, tensorValue("t", dtype, fill, plugin, withMetadata)));
    const FileContribution c = parse(file);
    const auto *s = series(c, QStringLiteral("t"));
    if (!s || s->points.size() != 1)
        return -12345.0;
    return s->points[0].value;
}

std::string bytesOf(const void *p, size_t n) {
    return std::string(static_cast<const char *>(p), n);
}

} // namespace

class TestTensorboardParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void checksumsFromFormatsDoc() {
        QCOMPARE(crc32cBitwise("123456789"), 0xE3069283u);
        QCOMPARE(tensorboard::maskedCrc(fromHex("1A 11") + "CRC test, one two"), 0x5794D08Au);
        QCOMPARE(tensorboard::maskedCrc("123456789"), maskedCrcBitwise("123456789"));
    }

    void firstRecordFromFormatsDoc() {
        const std::string file =
            fromHex("18 00 00 00 00 00 00 00 A3 7F 4B 22 09 00 00 20 40 FC 54 D9 41 1A 0D 62 72 "
                    "61 69 6E 2E 45 76 65 6E 74 3A 32 2B 35 31 10");
        const FileContribution c = parse(file);
        QVERIFY(c.problems.isEmpty());
        QCOMPARE(c.consumed, qint64(file.size()));
        QCOMPARE(c.units, 1);
        QCOMPARE(c.tags.value(QStringLiteral("tensorboard.file_version")),
                 QStringLiteral("brain.Event:2"));
        QCOMPARE(c.startMs, 1700000000500LL);
        QCOMPARE(c.endMs, 1700000000500LL);
        QVERIFY(c.series.empty());
    }

    void simpleValueFromFormatsDoc() {
        const std::string payload = fromHex("09 00 00 40 40 FC 54 D9 41 10 03 2A 0D 0A 0B 0A 04 "
                                            "6C 6F 73 73 15 00 00 00 3F");
        const FileContribution c = parse(record(payload));
        QVERIFY(c.problems.isEmpty());
        const auto *s = series(c, QStringLiteral("loss"));
        QVERIFY(s);
        QCOMPARE(s->points.size(), size_t(1));
        QCOMPARE(s->points[0].step, 3);
        QCOMPARE(s->points[0].value, 0.5);
        QCOMPARE(s->points[0].timeMs, 1700000001000LL);
    }

    void tensorDtypes() {
        // FLOAT in tensor_content (TF2) and in float_val (others).
        QCOMPARE(tensorScalarOf(1, [](std::string &t) { putLen(t, 4, floatContent(0.25f)); }),
                 0.25);
        QCOMPARE(tensorScalarOf(1, [](std::string &t) { putLen(t, 5, floatContent(-3.5f)); }),
                 -3.5);
        QCOMPARE(tensorScalarOf(1, [](std::string &t) { putFloat(t, 5, 7.0f); }), 7.0);
        // DOUBLE.
        const double d = 0.1;
        QCOMPARE(tensorScalarOf(2, [&](std::string &t) { putLen(t, 4, bytesOf(&d, 8)); }), 0.1);
        QCOMPARE(tensorScalarOf(2, [&](std::string &t) { putDouble(t, 6, 1e300); }), 1e300);
        // HALF: 0x3C00 = 1.0, 0xC500 = -5.0; content and half_val.
        const quint16 h = 0xC500;
        QCOMPARE(tensorScalarOf(19, [&](std::string &t) { putLen(t, 4, bytesOf(&h, 2)); }), -5.0);
        QCOMPARE(tensorScalarOf(19, [](std::string &t) { putVarintField(t, 13, 0x3C00); }), 1.0);
        // BFLOAT16 0x3FC0 = 1.5.
        QCOMPARE(tensorScalarOf(14, [](std::string &t) { putVarintField(t, 13, 0x3FC0); }), 1.5);
        // INT32 (negative, sign-extended varint), INT64, UINT8, INT8, BOOL.
        QCOMPARE(tensorScalarOf(3, [](std::string &t) { putVarintField(t, 7, quint64(-42)); }),
                 -42.0);
        const qint64 big = 1LL << 40;
        QCOMPARE(tensorScalarOf(9, [&](std::string &t) { putLen(t, 4, bytesOf(&big, 8)); }),
                 double(big));
        QCOMPARE(tensorScalarOf(9, [](std::string &t) { putVarintField(t, 10, quint64(-7)); }),
                 -7.0);
        QCOMPARE(tensorScalarOf(4, [](std::string &t) { putLen(t, 4, std::string(1, '\xff')); }),
                 255.0);
        QCOMPARE(tensorScalarOf(6, [](std::string &t) { putLen(t, 4, std::string(1, '\xff')); }),
                 -1.0);
        QCOMPARE(tensorScalarOf(10, [](std::string &t) { putVarintField(t, 11, 1); }), 1.0);
        QCOMPARE(tensorScalarOf(22, [](std::string &t) { putVarintField(t, 16, 4000000000u); }),
                 4e9);
        // data_class scalar without the plugin name, and no metadata at all.
        QCOMPARE(tensorScalarOf(
                     1, [](std::string &t) { putLen(t, 4, floatContent(2.0f)); }, "", true),
                 2.0);
        QCOMPARE(tensorScalarOf(
                     1, [](std::string &t) { putLen(t, 4, floatContent(4.0f)); }, "", false),
                 4.0);
    }

    void halfConversion() {
        QCOMPARE(tensorboard::halfToDouble(0x3C00), 1.0);
        QCOMPARE(tensorboard::halfToDouble(0xC000), -2.0);
        QCOMPARE(tensorboard::halfToDouble(0x7BFF), 65504.0);
        QCOMPARE(tensorboard::halfToDouble(0x0001), std::ldexp(1.0, -24));
        QVERIFY(std::isinf(tensorboard::halfToDouble(0x7C00)));
        QVERIFY(std::isnan(tensorboard::halfToDouble(0x7E00)));
        QCOMPARE(tensorboard::bfloat16ToDouble(0xBF80), -1.0);
    }

    void negativeStepsAndUnicodeTags() {
        std::string file = record(fileVersionEvent(1600000000.0));
        file += tf1ScalarRecord(1600000001.0, -5, "лосс/θ 🚀", 1.0f);
        file += tf2ScalarRecord(1600000002.0, -1, "лосс/θ 🚀", 2.0f);
        file += tf1ScalarRecord(1600000003.0, std::numeric_limits<qint64>::min(), "min", 3.0f);
        const FileContribution c = parse(file);
        QVERIFY(c.problems.isEmpty());
        const auto *s = series(c, QStringLiteral("лосс/θ 🚀"));
        QVERIFY(s);
        QCOMPARE(s->points.size(), size_t(2));
        QCOMPARE(s->points[0].step, -5);
        QCOMPARE(s->points[1].step, -1);
        QCOMPARE(s->points[1].value, 2.0);
        QCOMPARE(series(c, QStringLiteral("min"))->points[0].step,
                 std::numeric_limits<qint64>::min());
        QCOMPARE(c.units, 4);
    }

    void nodeNameWhenTagEmpty() {
        std::string value;
        putLen(value, 7, "legacy_node");
        putFloat(value, 2, 9.0f);
        const FileContribution c = parse(record(valueEvent(1.0, 2, value)));
        QVERIFY(series(c, QStringLiteral("legacy_node")));
    }

    void nonScalarsAreCounted() {
        std::string file;
        for (int i = 0; i < 3; ++i) {
            std::string image;
            putLen(image, 1, "input");
            std::string img;
            putVarintField(img, 1, 2);
            putLen(img, 4, "\x89PNG");
            putLen(image, 4, img);
            file += record(valueEvent(10.0 + i, i, image));

            std::string histo;
            putLen(histo, 1, "weights");
            std::string h;
            putDouble(h, 1, -1.0);
            putDouble(h, 2, 1.0);
            putLen(histo, 5, h);
            file += record(valueEvent(10.0 + i, i, histo));
        }
        std::string audio;
        putLen(audio, 1, "speech");
        putLen(audio, 6, "x");
        file += record(valueEvent(20.0, 0, audio));
        // A text tensor (plugin text), a TF2 image tensor whose metadata comes only with the
        // first value, a [2,3] double histogram tensor, a pr_curve and an unknown string tensor.
        auto stringTensor = [](std::string &t) {
            putLen(t, 8, "hello");
        };
        file += record(valueEvent(21.0, 0, tensorValue("notes", 7, stringTensor, "text")));
        file += record(valueEvent(22.0, 0, tensorValue("pics", 7, stringTensor, "images")));
        file += record(valueEvent(23.0, 1, tensorValue("pics", 7, stringTensor, "", false)));
        std::string shaped;
        putVarintField(shaped, 1, 2);
        {
            std::string shape, dim;
            putVarintField(dim, 1, 2);
            putLen(shape, 2, dim);
            dim.clear();
            putVarintField(dim, 1, 3);
            putLen(shape, 2, dim);
            putLen(shaped, 2, shape);
            putLen(shaped, 4, std::string(48, '\0'));
        }
        std::string hv;
        putLen(hv, 1, "dense/kernel");
        putLen(hv, 9, metadata("histograms"));
        putLen(hv, 8, shaped);
        file += record(valueEvent(24.0, 0, hv));
        std::string pr;
        putLen(pr, 1, "pr");
        putLen(pr, 9, metadata("pr_curves"));
        putLen(pr, 8, shaped);
        file += record(valueEvent(25.0, 0, pr));
        file += record(valueEvent(26.0, 0, tensorValue("blob", 7, stringTensor, "", false)));

        const FileContribution c = parse(file);
        QVERIFY(c.problems.isEmpty());
        QVERIFY(c.series.empty());
        const QMap<QString, qint64> expected{
            {QStringLiteral("tensorboard.image.input"), 3},
            {QStringLiteral("tensorboard.histogram.weights"), 3},
            {QStringLiteral("tensorboard.audio.speech"), 1},
            {QStringLiteral("tensorboard.text.notes"), 1},
            {QStringLiteral("tensorboard.image.pics"), 2},
            {QStringLiteral("tensorboard.histogram.dense/kernel"), 1},
            {QStringLiteral("tensorboard.pr_curves.pr"), 1},
            {QStringLiteral("tensorboard.tensor.blob"), 1},
        };
        QCOMPARE(c.counts, expected);
    }

    void hparamsSession() {
        // SessionStartInfo: hparams {lr: 0.001, optimizer: "adam", amsgrad: true,
        // layers: [64, 32], sched: {gamma: 0.5}}; then SessionEndInfo status 2 (failure).
        auto number = [](double v) {
            std::string s;
            putDouble(s, 2, v);
            return s;
        };
        auto text = [](std::string_view v) {
            std::string s;
            putLen(s, 3, v);
            return s;
        };
        auto entry = [](std::string_view k, std::string_view v) {
            std::string e;
            putLen(e, 1, k);
            putLen(e, 2, v);
            return e;
        };
        std::string start;
        putLen(start, 1, entry("lr", number(0.001)));
        putLen(start, 1, entry("optimizer", text("adam")));
        {
            std::string b;
            putVarintField(b, 4, 1);
            putLen(start, 1, entry("amsgrad", b));
            std::string list, listValue;
            putLen(list, 1, number(64));
            putLen(list, 1, number(32));
            putLen(listValue, 6, list);
            putLen(start, 1, entry("layers", listValue));
            std::string structure, structValue;
            putLen(structure, 1, entry("gamma", number(0.5)));
            putLen(structValue, 5, structure);
            putLen(start, 1, entry("sched", structValue));
        }
        std::string pluginData;
        putLen(pluginData, 3, start);
        std::string value;
        putLen(value, 1, "_hparams_/session_start_info");
        putLen(value, 9, metadata("hparams", pluginData));
        std::string file = record(valueEvent(5.0, 0, value));
        // tensorboardX-style: the Value carries no data, only metadata.
        std::string end;
        putVarintField(end, 1, 2);
        std::string endData;
        putLen(endData, 4, end);
        std::string endValue;
        putLen(endValue, 1, "_hparams_/session_end_info");
        putLen(endValue, 9, metadata("hparams", endData));
        file += record(valueEvent(6.0, 0, endValue));
        file += tf1ScalarRecord(6.0, 0, "hp_metric", -1.0f);

        const FileContribution c = parse(file);
        QVERIFY(c.problems.isEmpty());
        QCOMPARE(c.config.value(QStringLiteral("lr")), QVariant(0.001));
        QCOMPARE(c.config.value(QStringLiteral("optimizer")), QVariant(QStringLiteral("adam")));
        QCOMPARE(c.config.value(QStringLiteral("amsgrad")), QVariant(true));
        QCOMPARE(c.config.value(QStringLiteral("layers[1]")).toDouble(), 32.0);
        QCOMPARE(c.config.value(QStringLiteral("sched.gamma")).toDouble(), 0.5);
        QCOMPARE(c.status, core::RunStatus::Failed);
        QCOMPARE(c.series.size(), size_t(1)); // hp_metric only; no hparams series
        QVERIFY(c.counts.isEmpty());
    }

    void truncatedAtEveryByte() {
        std::string file = record(fileVersionEvent(100.0));
        for (int i = 0; i < 5; ++i)
            file += tf2ScalarRecord(100.0 + i, i, "loss", float(i));
        const std::vector<qint64> offsets = recordOffsets(file);
        QCOMPARE(offsets.size(), size_t(6));
        for (size_t cut = 0; cut <= file.size(); ++cut) {
            const FileContribution c = parse(std::string_view(file).substr(0, cut));
            QVERIFY2(c.problems.isEmpty(), qPrintable(QString::number(cut)));
            // The last record that ends at or before cut.
            qint64 expected = 0;
            qint64 records = 0;
            for (size_t r = 0; r < offsets.size(); ++r) {
                const qint64 end = r + 1 < offsets.size() ? offsets[r + 1] : qint64(file.size());
                if (end <= qint64(cut)) {
                    expected = end;
                    records = qint64(r) + 1;
                }
            }
            QCOMPARE(c.consumed, expected);
            QCOMPARE(c.units, records);
            const auto *s = series(c, QStringLiteral("loss"));
            QCOMPARE(s ? qint64(s->points.size()) : 0, std::max<qint64>(records - 1, 0));
        }
    }

    void chunksResumeWhereConsumedStops() {
        std::string file = record(fileVersionEvent(100.0));
        for (int i = 0; i < 200; ++i)
            file += (i % 2 ? tf1ScalarRecord(100.0 + i, i, "a", float(i))
                           : tf2ScalarRecord(100.0 + i, i, "b", float(i)));
        // Feed arbitrary chunk sizes the way the reader does: each chunk starts at consumed.
        for (size_t chunk : {13, 50, 97, 1000}) {
            FileContribution out;
            qint64 pos = 0;
            qint64 units = 0;
            while (pos < qint64(file.size())) {
                const size_t len = std::min(chunk, file.size() - size_t(pos));
                FileInput in;
                in.bytes = std::string_view(file).substr(size_t(pos), len);
                in.offset = pos;
                in.moreFollows = size_t(pos) + len < file.size();
                out.consumed = -1;
                tensorboard::parseEvents(in, out);
                units += out.units;
                if (out.consumed == 0) {
                    chunk *= 2;
                    continue;
                }
                pos += out.consumed;
            }
            QVERIFY(out.problems.isEmpty());
            QCOMPARE(units, 201);
            QCOMPARE(series(out, QStringLiteral("a"))->points.size(), size_t(100));
            QCOMPARE(series(out, QStringLiteral("b"))->points.back().value, 198.0);
            QCOMPARE(out.startMs, 100000LL);
        }
    }

    void badDataChecksumIsReportedAndSkipped() {
        std::string file;
        for (int i = 0; i < 10; ++i)
            file += tf1ScalarRecord(50.0 + i, i, "loss", float(i));
        const std::vector<qint64> offsets = recordOffsets(file);
        file[size_t(offsets[4] + 20)] ^= 0x01; // inside record 4's payload
        const FileContribution c = parse(file);
        QCOMPARE(c.problems.size(), 1);
        QCOMPARE(c.problems[0].where, QStringLiteral("byte %1").arg(offsets[4]));
        QVERIFY(c.problems[0].message.contains(QStringLiteral("data checksum")));
        const auto *s = series(c, QStringLiteral("loss"));
        QCOMPARE(s->points.size(), size_t(9));
        QCOMPARE(s->points[4].step, 5);
        QCOMPARE(c.consumed, qint64(file.size()));
    }

    void badLengthChecksumResynchronises() {
        std::string file;
        for (int i = 0; i < 10; ++i)
            file += tf1ScalarRecord(50.0 + i, i, "loss", float(i));
        const std::vector<qint64> offsets = recordOffsets(file);
        file[size_t(offsets[3] + 2)] ^= 0x40; // record 3's length
        const FileContribution c = parse(file, false, 1000);
        QCOMPARE(c.problems.size(), 1);
        QCOMPARE(c.problems[0].where, QStringLiteral("byte %1").arg(1000 + offsets[3]));
        QVERIFY(c.problems[0].message.contains(QStringLiteral("length checksum")));
        const auto *s = series(c, QStringLiteral("loss"));
        QCOMPARE(s->points.size(), size_t(9)); // record 3 lost, 4..9 found again
        QCOMPARE(s->points.back().step, 9);
        QCOMPARE(c.consumed, qint64(file.size()));
    }

    void garbageBetweenRecords() {
        std::string file = tf1ScalarRecord(1.0, 0, "x", 1.0f);
        const qint64 garbageAt = qint64(file.size());
        QRandomGenerator rng(7);
        for (int i = 0; i < 5000; ++i)
            file += char(rng.generate());
        file += tf1ScalarRecord(2.0, 1, "x", 2.0f);
        file += tf1ScalarRecord(3.0, 2, "x", 3.0f);
        const FileContribution c = parse(file);
        QCOMPARE(c.problems.size(), 1);
        QCOMPARE(c.problems[0].where, QStringLiteral("byte %1").arg(garbageAt));
        QCOMPARE(series(c, QStringLiteral("x"))->points.size(), size_t(3));
        QCOMPARE(c.consumed, qint64(file.size()));
    }

    void garbageAtTheEnd() {
        std::string file = tf1ScalarRecord(1.0, 0, "x", 1.0f);
        const size_t good = file.size();
        file += std::string(100, '\x5a');
        const FileContribution c = parse(file);
        QCOMPARE(c.problems.size(), 1);
        QCOMPARE(c.problems[0].where, QStringLiteral("byte %1").arg(good));
        // Positions that could still begin a record once more bytes arrive are kept.
        QCOMPARE(c.consumed, qint64(file.size() - 11));
        QCOMPARE(series(c, QStringLiteral("x"))->points.size(), size_t(1));
    }

    void absurdLengthWithValidChecksum() {
        std::string header(8, '\0');
        const quint64 n = quint64(1) << 40;
        std::memcpy(header.data(), &n, 8);
        const quint32 lc = maskedCrcBitwise(header);
        header.append(reinterpret_cast<const char *>(&lc), 4);
        const std::string file = header + tf1ScalarRecord(1.0, 0, "x", 1.0f);
        const FileContribution c = parse(file);
        QCOMPARE(c.problems.size(), 1);
        QCOMPARE(c.problems[0].where, QStringLiteral("byte 0"));
        QVERIFY(c.problems[0].message.contains(QStringLiteral("implausible length")));
        QCOMPARE(series(c, QStringLiteral("x"))->points.size(), size_t(1));
    }

    void malformedEventIsReported() {
        std::string bad;
        putKey(bad, 5, 2);
        putVarint(bad, 100); // a summary longer than the event
        bad += "abc";
        const std::string file = record(bad) + tf1ScalarRecord(1.0, 0, "x", 1.0f);
        const FileContribution c = parse(file);
        QCOMPARE(c.problems.size(), 1);
        QCOMPARE(c.problems[0].where, QStringLiteral("byte 0"));
        QCOMPARE(series(c, QStringLiteral("x"))->points.size(), size_t(1));
    }

    void emptyInput() {
        const FileContribution c = parse({});
        QCOMPARE(c.consumed, 0);
        QCOMPARE(c.units, 0);
        QVERIFY(c.problems.isEmpty());
        QVERIFY(c.series.empty());
    }

    void graphAndWriterTags() {
        std::string e = eventHead(1.0, 0);
        putLen(e, 4, std::string(100, 'g'));
        std::string meta = eventHead(1.0, 0), writer;
        putLen(writer, 1, "tensorboard.summary.writer.event_file_writer");
        putLen(meta, 10, writer);
        const FileContribution c = parse(record(e) + record(meta));
        QCOMPARE(c.tags.value(QStringLiteral("tensorboard.graph")), QStringLiteral("yes"));
        QCOMPARE(c.tags.value(QStringLiteral("tensorboard.writer")),
                 QStringLiteral("tensorboard.summary.writer.event_file_writer"));
    }

    void startOnlyFromTheFileStart() {
        const std::string file = tf1ScalarRecord(10.0, 0, "x", 1.0f);
        FileInput in;
        in.bytes = file;
        in.offset = 4096; // a resumed read
        FileContribution out;
        tensorboard::parseEvents(in, out, true);
        QCOMPARE(out.startMs, 0);
        QCOMPARE(out.endMs, 10000LL);
        FileContribution later;
        in.offset = 0;
        tensorboard::parseEvents(in, later, false);
        QCOMPARE(later.startMs, 0);
    }

    void timestampsInNames() {
        QCOMPARE(tensorboard::timestampInName(
                     u"events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2"),
                 1644728510);
        QCOMPARE(tensorboard::timestampInName(u"events.out.tfevents.1555358061.kamel.com"),
                 1555358061);
        QCOMPARE(tensorboard::timestampInName(u"my.tfevents"), -1);
    }
};

QTEST_GUILESS_MAIN(TestTensorboardParser)
#include "tst_tensorboardparser.moc"
