// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/decimate.h"

#include <QElapsedTimer>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace runlens::analysis;
using runlens::core::MetricPoint;
using runlens::core::MetricPoints;
using runlens::core::PointBucket;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();

Curve curve(std::vector<double> xs, std::vector<double> ys) {
    Curve c;
    c.x = std::move(xs);
    c.y = std::move(ys);
    return c;
}

/// Equal, NaN matching NaN; a readable dump otherwise.
bool same(const Curve &a, const Curve &b) {
    const auto eq = [](double p, double q) {
        return p == q || (std::isnan(p) && std::isnan(q));
    };
    return a.x.size() == b.x.size() && a.y.size() == b.y.size() &&
           std::equal(a.x.begin(), a.x.end(), b.x.begin(), eq) &&
           std::equal(a.y.begin(), a.y.end(), b.y.begin(), eq);
}

QByteArray dump(const Curve &c) {
    QByteArray out;
    for (size_t i = 0; i < c.size(); ++i)
        out += '(' + QByteArray::number(c.x[i]) + ", " + QByteArray::number(c.y[i]) + ") ";
    return out;
}

#define COMPARE_CURVES(actual, expected)                                                           \
    do {                                                                                           \
        const Curve a_ = (actual);                                                                 \
        const Curve e_ = (expected);                                                               \
        QVERIFY2(same(a_, e_), "got " + dump(a_) + "\nwant " + dump(e_));                          \
    } while (false)

qsizetype gaps(const Curve &c) {
    return std::count_if(c.y.begin(), c.y.end(), [](double y) { return std::isnan(y); });
}

} // namespace

class TestDecimate final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyAndSingle() {
        QVERIFY(decimate(Curve{}, 0, 1, 100).empty());
        COMPARE_CURVES(decimate(curve({3}, {7}), 0, 10, 100), curve({3}, {7}));
        // Alone outside the range it is a neighbour, kept as is.
        COMPARE_CURVES(decimate(curve({30}, {7}), 0, 10, 100), curve({30}, {7}));
        // columns < 1 counts as one column.
        COMPARE_CURVES(decimate(curve({3}, {7}), 0, 10, 0), curve({3}, {7}));
    }

    void fewPointsStayAsTheyAre() {
        Curve in;
        for (int i = 0; i < 10; ++i)
            in.push(i, i * i % 7);
        COMPARE_CURVES(decimate(in, 0, 9, 10), in);
    }

    void minMaxOrder() {
        // Rising column (first 1 < last 3): min first, at the first and last x.
        COMPARE_CURVES(decimate(curve({0, 1, 2, 3}, {1, 5, -2, 3}), 0, 3, 1),
                       curve({0, 3}, {-2, 5}));
        // Falling column (first 3 > last 1): max first.
        COMPARE_CURVES(decimate(curve({0, 1, 2, 3}, {3, 5, -2, 1}), 0, 3, 1),
                       curve({0, 3}, {5, -2}));
        // Two points per column stay as they are.
        COMPARE_CURVES(decimate(curve({0, 1, 2, 3}, {3, 5, -2, 1}), 0, 3, 2),
                       curve({0, 1, 2, 3}, {3, 5, -2, 1}));
    }

    void nonFiniteBecomeOneGap() {
        const Curve out =
            decimate(curve({0, 1, 2, 3, 4, 5, 6}, {1, 2, NaN, Inf, -Inf, 3, 4}), 0, 6, 1);
        COMPARE_CURVES(out, curve({0, 1, 2, 5, 6}, {1, 2, NaN, 3, 4}));
        // Leading non-finite values draw nothing; a trailing run is one gap.
        COMPARE_CURVES(decimate(curve({0, 1, 2, 3}, {NaN, Inf, 1, NaN}), 0, 3, 10),
                       curve({2, 3}, {1, NaN}));
        // An infinite neighbour is a gap, never an infinity.
        COMPARE_CURVES(decimate(curve({-1, 0, 1}, {Inf, 1, 2}), 0, 1, 10),
                       curve({-1, 0, 1}, {NaN, 1, 2}));
    }

    void duplicateX() {
        // x = 0 three times in column 0 (first 1 < last 2: min first), x = 1 in column 1.
        COMPARE_CURVES(decimate(curve({0, 0, 0, 1}, {1, 3, 2, 0}), 0, 1, 2),
                       curve({0, 0, 1}, {1, 3, 0}));
        // All at one x, and a zero-width range.
        COMPARE_CURVES(decimate(curve({5, 5, 5, 5}, {4, 1, 9, 2}), 5, 5, 100),
                       curve({5, 5}, {9, 1}));
    }

    void neighboursOutsideRange() {
        Curve in;
        for (int i = 0; i < 100; ++i)
            in.push(i, 100 - i);
        const Curve out = decimate(in, 10.5, 20.5, 100);
        Curve expected;
        for (int i = 10; i <= 21; ++i)
            expected.push(i, 100 - i);
        COMPARE_CURVES(out, expected);
        // Swapped bounds mean the same range.
        COMPARE_CURVES(decimate(in, 20.5, 10.5, 100), expected);
        // A range with no point inside: just the two neighbours.
        COMPARE_CURVES(decimate(in, 10.2, 10.8, 100), curve({10, 11}, {90, 89}));
    }

    void columnBound() {
        std::mt19937 rng(3);
        std::normal_distribution<double> dist;
        Curve in;
        double x = 0;
        for (int i = 0; i < 200'000; ++i) {
            x += std::abs(dist(rng));
            in.push(x, i % 997 == 0 ? NaN : dist(rng));
        }
        for (int columns : {1, 7, 100, 1600}) {
            const double lo = x * 0.25, hi = x * 0.75;
            const Curve out = decimate(in, lo, hi, columns);
            // Each column draws at most 2 points per stretch between gaps: a gap in a column
            // can add up to 3 points (itself and the second stretch's min and max).
            QVERIFY2(qsizetype(out.size()) <= 2 * columns + 2 + 3 * gaps(out),
                     qPrintable(QString::number(out.size())));
            QVERIFY(std::is_sorted(out.x.begin(), out.x.end()));
            QVERIFY(out.x.front() < lo && out.x.back() > hi);
        }
        // Without gaps the bound is exact: ≤ 2 per column plus two neighbours.
        for (double &y : in.y) {
            if (std::isnan(y))
                y = 0;
        }
        for (int columns : {1, 7, 100, 1600})
            QVERIFY(qsizetype(decimate(in, x * 0.25, x * 0.75, columns).size()) <= 2 * columns + 2);
    }

    void spikeInTenMillion() {
        const size_t count = 10'000'000;
        const size_t spikeAt = 7'654'321;
        Curve in;
        in.x.resize(count);
        in.y.resize(count);
        for (size_t i = 0; i < count; ++i) {
            in.x[i] = double(i) * 0.5;
            in.y[i] = std::sin(double(i) * 1e-3);
        }
        in.y[spikeAt] = 1000;
        const Curve out = decimate(in, 0, in.x.back(), 1600);
        QVERIFY(out.size() <= 2 * 1600 + 2);
        const auto top = std::max_element(out.y.begin(), out.y.end());
        QCOMPARE(*top, 1000.0);
        // Drawn at its column's first or last x: within one column width of the true x.
        const double columnWidth = in.x.back() / 1600;
        QVERIFY(std::abs(out.x[size_t(top - out.y.begin())] - double(spikeAt) * 0.5) <=
                columnWidth);
    }

    void millionPointsFast() {
        Curve in;
        in.x.resize(1'000'000);
        in.y.resize(1'000'000);
        for (size_t i = 0; i < in.x.size(); ++i) {
            in.x[i] = double(i);
            in.y[i] = std::cos(double(i) * 0.01) * double(i % 13);
        }
        qint64 best = std::numeric_limits<qint64>::max();
        for (int round = 0; round < 5; ++round) {
            QElapsedTimer timer;
            timer.start();
            const Curve out = decimate(in, 0, 999'999, 1600);
            best = std::min(best, timer.nsecsElapsed());
            QVERIFY(out.size() <= 3202);
        }
        qInfo("decimate 1M points into 1600 columns: %.2f ms (best of 5)", double(best) / 1e6);
        QVERIFY2(best < 20'000'000, "far over the 5 ms budget");
    }

    void bucketsOfSinglePointsMatchPoints() {
        std::mt19937 rng(5);
        std::normal_distribution<double> dist;
        MetricPoints points;
        qint64 step = 0;
        for (int i = 0; i < 5000; ++i) {
            step += 1 + qint64(std::abs(dist(rng)) * 3); // uneven, some columns empty
            const double v = i % 211 == 0 ? NaN : (i % 307 == 0 ? Inf : dist(rng));
            points.push_back(MetricPoint{step, 1'700'000'000'000 + step * 10, v});
        }
        const auto buckets = runlens::core::bucketize(points.data(), points.size(), 1);
        for (const XMap &map : {XMap{}, XMap{runlens::core::XKind::Time, 1.7e12, 1e-3}}) {
            const Curve asPoints = toCurve(points, map);
            const double last = asPoints.x.back();
            for (const auto &[lo, hi, columns] :
                 {std::tuple{0.0, last, 100}, std::tuple{last * 0.2, last * 0.6, 333},
                  std::tuple{last * 0.5, last * 0.51, 5}, std::tuple{0.0, last, 100'000}}) {
                COMPARE_CURVES(decimate(buckets, map, lo, hi, columns),
                               decimate(asPoints, lo, hi, columns));
            }
        }
    }

    void coarseBuckets() {
        // Buckets of 10 points over steps 0..99, one column each 50 steps: each column merges
        // five buckets, drawn as its min and max at its first and last step.
        MetricPoints points;
        for (qint64 s = 0; s < 100; ++s)
            points.push_back(MetricPoint{s, 0, s == 37 ? 500.0 : double(s)});
        const auto buckets = runlens::core::bucketize(points.data(), points.size(), 10);
        COMPARE_CURVES(decimate(buckets, XMap{}, 0, 99, 2),
                       curve({0, 49, 50, 99}, {0, 500, 50, 99}));
        // An all-NaN bucket is a gap; neighbour buckets give their nearest value.
        PointBucket gap;
        gap.add(MetricPoint{100, 0, NaN});
        runlens::core::PointBuckets withGap = buckets;
        withGap.push_back(gap);
        PointBucket after;
        after.add(MetricPoint{101, 0, 1});
        after.add(MetricPoint{102, 0, 2});
        withGap.push_back(after);
        COMPARE_CURVES(decimate(withGap, XMap{}, 15, 100.5, 1),
                       curve({9, 10, 99, 100, 101}, {9, 10, 500, NaN, 1}));
    }

    void toCurveSortsStably() {
        const MetricPoints points{{3, 0, 1}, {1, 0, Inf}, {3, 0, 2}, {2, 0, 4}};
        COMPARE_CURVES(toCurve(points, XMap{}), curve({1, 2, 3, 3}, {NaN, 4, 1, 2}));
        const MetricPoints timed{{0, 5000, 1}, {1, 7000, 2}};
        COMPARE_CURVES(toCurve(timed, XMap{runlens::core::XKind::Time, 5000, 1e-3}),
                       curve({0, 2}, {1, 2}));
    }

    void meanCurveOfBuckets() {
        MetricPoints points{{0, 0, 1}, {2, 0, 3}, {4, 0, NaN}, {6, 0, NaN}};
        const auto buckets = runlens::core::bucketize(points.data(), points.size(), 2);
        COMPARE_CURVES(meanCurve(buckets, XMap{}), curve({1, 5}, {2, NaN}));
    }

    void joinOnStepPairsValues() {
        const MetricPoints y{{4, 0, 40}, {1, 0, 10}, {2, 0, 20}, {3, 0, Inf}};
        // Step 1 twice: the later one (11) wins; step 4's x is NaN, step 2 has none.
        const MetricPoints x{{3, 0, 0.5}, {1, 0, 7}, {1, 0, 11}, {4, 0, NaN}};
        COMPARE_CURVES(joinOnStep(y, x), curve({0.5, 11}, {NaN, 10}));
    }
};

QTEST_GUILESS_MAIN(TestDecimate)
#include "tst_decimate.moc"
