// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/filescodec.h"
#include "store/recordcodec.h"

#include <QTest>
#include <cmath>
#include <cstring>
#include <limits>

using namespace runlens;
using store::FilesCodec;
using store::FileState;
using store::RecordCodec;
using store::RecordDecoder;

class TestRecordCodec : public QObject {
    Q_OBJECT

private slots:
    void configTypes() {
        core::ConfigTree config;
        config.set(QStringLiteral("int"), qint64(-1234567890123));
        config.set(QStringLiteral("int.max"), std::numeric_limits<qint64>::max());
        config.set(QStringLiteral("int32"), 7);
        config.set(QStringLiteral("uint64"), std::numeric_limits<quint64>::max());
        config.set(QStringLiteral("double"), 1e-5);
        config.set(QStringLiteral("inf"), std::numeric_limits<double>::infinity());
        config.set(QStringLiteral("-inf"), -std::numeric_limits<double>::infinity());
        config.set(QStringLiteral("true"), true);
        config.set(QStringLiteral("false"), false);
        config.set(QStringLiteral("null"), QVariant());
        config.set(QStringLiteral("text"), QStringLiteral("adam"));
        config.set(QStringLiteral("empty"), QString());
        config.set(QStringLiteral("ключ.名前"), QStringLiteral("значение 値 🙂"));
        config.set(QStringLiteral("list"), QStringList{QStringLiteral("a"), QStringLiteral("b")});
        config.set(QStringLiteral("big"), QString(300 * 1024, u'x'));

        RecordDecoder dec;
        core::ConfigTree back;
        QVERIFY(dec.decodeConfig(RecordCodec::encodeConfig(config), &back));
        QCOMPARE(back, config);
        for (qsizetype i = 0; i < config.size(); ++i) {
            // == would accept int 7 for qint64 7; the type must survive too.
            QCOMPARE(back.entries()[size_t(i)].value.metaType(),
                     config.entries()[size_t(i)].value.metaType());
            QCOMPARE(back.entries()[size_t(i)].key, config.entries()[size_t(i)].key);
        }
    }

    void nanBitExact() {
        core::ConfigTree config;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        config.set(QStringLiteral("nan"), nan);
        RecordDecoder dec;
        core::ConfigTree back;
        QVERIFY(dec.decodeConfig(RecordCodec::encodeConfig(config), &back));
        const double got = back.value(QStringLiteral("nan")).toDouble();
        QVERIFY(std::memcmp(&got, &nan, 8) == 0);
        QCOMPARE(back.value(QStringLiteral("nan")).typeId(), QMetaType::Double);
    }

    void tags() {
        QMap<QString, QString> tags{{QStringLiteral("mlflow.user"), QStringLiteral("ana")},
                                    {QStringLiteral("ß"), QString()},
                                    {QStringLiteral("note"), QString(100, u'n')}};
        RecordDecoder dec;
        QMap<QString, QString> back{{QStringLiteral("stale"), QStringLiteral("x")}};
        QVERIFY(dec.decodeTags(RecordCodec::encodeTags(tags), &back));
        QCOMPARE(back, tags);
    }

    void summaries() {
        std::vector<core::MetricInfo> metrics(3);
        metrics[0].key = QStringLiteral("acc");
        metrics[0].summary.add({{0, 10, 0.5}, {5, 20, 0.7}, {3, 30, std::nan("")}});
        metrics[1].key = QStringLiteral("empty"); // default summary: NaN last/min/max
        metrics[2].key = QStringLiteral("huge");
        metrics[2].summary.add({std::numeric_limits<qint64>::min(), -1, 1});
        metrics[2].summary.add({std::numeric_limits<qint64>::max(), 1, -1});

        RecordDecoder dec;
        std::vector<core::MetricInfo> back;
        QVERIFY(dec.decodeSummaries(RecordCodec::encodeSummaries(metrics), &back));
        QCOMPARE(back.size(), metrics.size());
        // Byte comparison: the default summary's NaNs defeat operator==.
        for (size_t i = 0; i < metrics.size(); ++i) {
            QCOMPARE(back[i].key, metrics[i].key);
            QVERIFY(std::memcmp(&back[i].summary, &metrics[i].summary,
                                sizeof(core::MetricSummary)) == 0);
        }
        QCOMPARE(back[0], metrics[0]);
        QCOMPARE(back[2], metrics[2]);
    }

    // 100,000 runs with the same keys must share one QString per key.
    void keysAreShared() {
        core::ConfigTree config;
        config.set(QStringLiteral("lr"), 0.1);
        config.set(QStringLiteral("optimizer"), QStringLiteral("adam"));
        const QByteArray blob = RecordCodec::encodeConfig(config);
        core::ConfigTree otherOrder;
        otherOrder.set(QStringLiteral("optimizer"), QStringLiteral("sgd"));
        otherOrder.set(QStringLiteral("lr"), 0.2);

        RecordDecoder dec;
        core::ConfigTree a, b, c;
        QVERIFY(dec.decodeConfig(blob, &a));
        QVERIFY(dec.decodeConfig(blob, &b));
        QVERIFY(dec.decodeConfig(RecordCodec::encodeConfig(otherOrder), &c));
        QCOMPARE(a.entries()[0].key.constData(), b.entries()[0].key.constData());
        QCOMPARE(a.entries()[0].key.constData(), c.entries()[1].key.constData());
        QCOMPARE(a.entries()[1].value.toString().constData(),
                 b.entries()[1].value.toString().constData());
        QCOMPARE(a.entries()[0].key, QStringLiteral("lr"));
        QCOMPARE(c.entries()[1].value.toDouble(), 0.2);
    }

    void malformed() {
        core::ConfigTree config;
        config.set(QStringLiteral("a"), QStringLiteral("text value"));
        config.set(QStringLiteral("b"), 2.5);
        const QByteArray good = RecordCodec::encodeConfig(config);
        RecordDecoder dec;
        for (qsizetype cut = 1; cut < good.size(); ++cut) {
            core::ConfigTree out;
            QVERIFY2(!dec.decodeConfig(good.left(cut), &out), QByteArray::number(cut));
        }
        core::ConfigTree out;
        QVERIFY(!dec.decodeConfig(good + "x", &out)); // trailing garbage
        QByteArray badVersion = good;
        badVersion[0] = char(42);
        QVERIFY(!dec.decodeConfig(badVersion, &out));

        std::vector<core::MetricInfo> metrics(1);
        metrics[0].key = QStringLiteral("loss");
        const QByteArray summaries = RecordCodec::encodeSummaries(metrics);
        std::vector<core::MetricInfo> back;
        QVERIFY(!dec.decodeSummaries(summaries.left(summaries.size() - 1), &back));
    }

    void filesRoundTrip() {
        const std::vector<FileState> files = {
            {QStringLiteral("metrics/train/loss"), 1234, 1700000000123456789, 42, 1200, 77},
            {QStringLiteral("meta.yaml"), 321, 1700000000000000000,
             std::numeric_limits<quint64>::max(), 321},
            {QStringLiteral("metrics/train/acc"), 0, -5, 0, 0},
            {QStringLiteral("params/résumé-α"), 7, std::numeric_limits<qint64>::max(), 1, 9},
            {QStringLiteral("metrics/train/accuracy"), std::numeric_limits<qint64>::max(),
             std::numeric_limits<qint64>::min(), std::numeric_limits<quint64>::max() - 1, 0},
            {QString(5000, u'x'), 1, 2, 3, 1}, // beyond the decoder's stack buffer
            {QString(5000, u'x') + u'y', 1, 2, 3, 1},
        };
        const QByteArray blob = FilesCodec::encode(files);
        store::FileStates back;
        QVERIFY(FilesCodec::decode(blob, &back));
        QCOMPARE(back.size(), qsizetype(files.size()));
        for (const FileState &f : files)
            QCOMPARE(back.value(f.relPath), f);

        RecordDecoder dec;
        store::FileStates interned;
        QVERIFY(FilesCodec::decode(blob, &interned, &dec));
        QCOMPARE(interned, back);
        QVERIFY(FilesCodec::decode(blob, &interned, &dec)); // hints hit the second time
        QCOMPARE(interned, back);

        // Unsorted input with a repeated path: sorted, the last one kept.
        const store::FileStates set({{QStringLiteral("b"), 1, 1, 1, 1},
                                     {QStringLiteral("a"), 2, 2, 2, 2},
                                     {QStringLiteral("b"), 3, 3, 3, 3}});
        QCOMPARE(set.size(), 2);
        QCOMPARE(set.begin()->relPath, QStringLiteral("a"));
        QCOMPARE(set.value(u"b").size, 3);
        QVERIFY(!set.find(u"c"));
        QCOMPARE(set.value(u"c"), FileState{});

        QVERIFY(FilesCodec::decode(FilesCodec::encode({}), &back));
        QVERIFY(back.isEmpty());
        QVERIFY(FilesCodec::decode(QByteArrayView(), &back));
        QVERIFY(back.isEmpty());
    }

    void filesVersion1StillDecodes() {
        // A version 1 blob (before FileState::units): one entry "a", size 9, mtime 5, inode 3,
        // offset 9, written by hand as the old encoder did.
        const QByteArray v1("\x01\x01\x00\x01"
                            "a\x12\x0a\x06\x00",
                            9);
        store::FileStates out;
        QVERIFY(FilesCodec::decode(v1, &out));
        QCOMPARE(out.size(), 1);
        QCOMPARE(out.value(u"a"), (FileState{QStringLiteral("a"), 9, 5, 3, 9, 0}));
    }

    void filesCompact() {
        // A typical MLflow run: shared prefixes and equal size/offset keep it small.
        std::vector<FileState> files;
        for (int i = 0; i < 40; ++i)
            files.push_back({QStringLiteral("metrics/metric_%1").arg(i), 4000 + i,
                             1700000000000000000 + i * 1000, quint64(900000 + i), 4000 + i});
        QVERIFY(FilesCodec::encode(files).size() < 40 * 20);
    }

    void filesDamaged() {
        const std::vector<FileState> files = {{QStringLiteral("a/b"), 1, 2, 3, 1},
                                              {QStringLiteral("a/c"), 4, 5, 6, 4}};
        const QByteArray good = FilesCodec::encode(files);
        store::FileStates out;
        QVERIFY(FilesCodec::decode(good, &out));
        for (qsizetype n = 1; n < good.size(); ++n)
            QVERIFY(!FilesCodec::decode(good.left(n), &out));
        QVERIFY(!FilesCodec::decode(good + "x", &out));
        QByteArray badVersion = good;
        badVersion[0] = char(42);
        QVERIFY(!FilesCodec::decode(badVersion, &out));
        QByteArray hugeCount = good;
        hugeCount[1] = char(0x7f);
        QVERIFY(!FilesCodec::decode(hugeCount, &out));
        QByteArray badPrefix = good;
        badPrefix[2] = char(9); // the first path shares 9 bytes with nothing
        QVERIFY(!FilesCodec::decode(badPrefix, &out));
    }
};

QTEST_GUILESS_MAIN(TestRecordCodec)
#include "tst_recordcodec.moc"
