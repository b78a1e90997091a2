// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/seriescodec.h"

#include <QTest>
#include <cmath>
#include <cstring>
#include <limits>

using runlens::core::MetricPoint;
using runlens::core::MetricPoints;
using runlens::store::SeriesCodec;

namespace {

// operator== on doubles says NaN != NaN; the codec promises the very bits back.
bool bitEqual(const MetricPoints &a, const MetricPoints &b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].step != b[i].step || a[i].timeMs != b[i].timeMs ||
            std::memcmp(&a[i].value, &b[i].value, sizeof(double)) != 0)
            return false;
    }
    return true;
}

MetricPoints roundTrip(const MetricPoints &in) {
    MetricPoints out;
    if (!SeriesCodec::decode(SeriesCodec::encode(in), &out))
        return {{-1, -1, -1}};
    return out;
}

double nanWithPayload(quint64 payload) {
    quint64 bits = 0x7ff8000000000000ULL | payload;
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
}

} // namespace

class TestSeriesCodec : public QObject {
    Q_OBJECT

private slots:
    void roundTrip_data() {
        constexpr qint64 lo = std::numeric_limits<qint64>::min();
        constexpr qint64 hi = std::numeric_limits<qint64>::max();
        constexpr double inf = std::numeric_limits<double>::infinity();
        QTest::addColumn<MetricPoints>("points");
        QTest::newRow("empty") << MetricPoints{};
        QTest::newRow("one") << MetricPoints{{0, 0, 1.5}};
        QTest::newRow("typical") << MetricPoints{
            {0, 1700000000000, 0.9}, {1, 1700000000120, 0.7}, {2, 1700000000245, 0.5}};
        QTest::newRow("nan-inf") << MetricPoints{
            {1, 5, std::nan("")}, {2, 6, inf},
            {3, 7, -inf},         {4, 8, nanWithPayload(0x1234)},
            {5, 9, -0.0},         {6, 10, std::numeric_limits<double>::denorm_min()}};
        QTest::newRow("negative-steps") << MetricPoints{{-5, -100, 1}, {-10, -200, 2}, {3, 0, 3}};
        QTest::newRow("huge-steps")
            << MetricPoints{{hi, hi, 1}, {lo, lo, 2}, {hi, 0, 3}, {0, lo, 4}};
        QTest::newRow("unsorted") << MetricPoints{{10, 3, 1}, {2, 1, 2}, {7, 9, 3}, {7, 9, 4}};
        QTest::newRow("times-zero") << MetricPoints{{0, 0, 1}, {1, 0, 2}, {2, 0, 3}};
        MetricPoints big;
        for (qint64 i = 0; i < 100000; ++i)
            big.push_back({i * 10, 1700000000000 + i * 37, std::sin(double(i))});
        QTest::newRow("100k") << big;
    }
    void roundTrip() {
        QFETCH(MetricPoints, points);
        const MetricPoints back = ::roundTrip(points);
        QVERIFY(bitEqual(back, points));
        QCOMPARE(SeriesCodec::count(SeriesCodec::encode(points)), qint64(points.size()));
    }

    void emptyIsZeroBytes() { QVERIFY(SeriesCodec::encode({}).isEmpty()); }

    void compact() {
        MetricPoints points;
        for (qint64 i = 0; i < 1000; ++i)
            points.push_back({i, 1700000000000 + i * 100, 0.5});
        const QByteArray blob = SeriesCodec::encode(points);
        // 8 value bytes + 1 step byte + 2 time bytes per point, plus a small header.
        QVERIFY2(blob.size() <= 1000 * 11 + 32, QByteArray::number(blob.size()));
        QVERIFY(blob.size() >= 1000 * 8);
    }

    // Appending is concatenating chunks: the decoder reads them in order.
    void concatenatedChunks() {
        const MetricPoints a{{0, 0, 1}, {1, 0, 2}};
        const MetricPoints b{{2, 100, std::nan("")}, {3, 200, 4}};
        const MetricPoints c{{-1, 5, 5}};
        const QByteArray blob = SeriesCodec::encode(a) + SeriesCodec::encode({}) +
                                SeriesCodec::encode(b) + SeriesCodec::encode(c);
        MetricPoints out;
        QVERIFY(SeriesCodec::decode(blob, &out));
        MetricPoints all = a;
        all.insert(all.end(), b.begin(), b.end());
        all.insert(all.end(), c.begin(), c.end());
        QVERIFY(bitEqual(out, all));
        QCOMPARE(SeriesCodec::count(blob), qint64(5));
    }

    void decodeAppendsToOutput() {
        MetricPoints out{{42, 0, 1}};
        QVERIFY(SeriesCodec::decode(SeriesCodec::encode({{1, 2, 3}}), &out));
        QCOMPARE(out.size(), size_t(2));
        QCOMPARE(out.front().step, qint64(42));
    }

    // Damaged blobs are refused without reading out of bounds (run under ASan to see that).
    void malformed() {
        MetricPoints points;
        for (qint64 i = 0; i < 50; ++i)
            points.push_back({i, i * 3, double(i)});
        const QByteArray good = SeriesCodec::encode(points);
        for (qsizetype cut = 1; cut < good.size(); ++cut) {
            MetricPoints out;
            QVERIFY2(!SeriesCodec::decode(good.left(cut), &out), QByteArray::number(cut));
            QCOMPARE(SeriesCodec::count(good.left(cut)), qint64(-1));
        }
        QByteArray wrongVersion = good;
        wrongVersion[0] = char(99);
        MetricPoints out;
        QVERIFY(!SeriesCodec::decode(wrongVersion, &out));
        // A count claiming billions of points must not allocate them.
        QByteArray hugeCount;
        hugeCount.append(char(1)).append(char(1)).append("\xff\xff\xff\xff\x0f", 5).append(char(1));
        QVERIFY(!SeriesCodec::decode(hugeCount, &out));
        QCOMPARE(SeriesCodec::count(hugeCount), qint64(-1));
    }
};

QTEST_GUILESS_MAIN(TestSeriesCodec)
#include "tst_seriescodec.moc"
