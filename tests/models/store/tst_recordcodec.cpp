// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/recordcodec.h"

#include <QTest>
#include <cmath>
#include <cstring>
#include <limits>

using namespace runlens;
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
};

QTEST_GUILESS_MAIN(TestRecordCodec)
#include "tst_recordcodec.moc"
