// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/smoothing.h"

#include <QElapsedTimer>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace runlens::analysis;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

bool near(double a, double b, double tolerance = 1e-12) {
    return std::abs(a - b) <= tolerance;
}

Curve curveOf(const std::vector<double> &ys) {
    Curve c;
    for (size_t i = 0; i < ys.size(); ++i)
        c.push(double(i), ys[i]);
    return c;
}

bool sameY(const Curve &a, const std::vector<double> &ys) {
    if (a.y.size() != ys.size())
        return false;
    for (size_t i = 0; i < ys.size(); ++i) {
        if (std::isnan(ys[i]) != std::isnan(a.y[i]))
            return false;
        if (!std::isnan(ys[i]) && !near(a.y[i], ys[i]))
            return false;
    }
    return true;
}

} // namespace

class TestSmoothing final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emaByHand() {
        // w = 0.6, values 1, 2, 3:
        //   last = 0.4·1 = 0.4;            debias 1 - 0.6   = 0.4   → 1
        //   last = 0.24 + 0.8 = 1.04;      debias 1 - 0.36  = 0.64  → 1.625
        //   last = 0.624 + 1.2 = 1.824;    debias 1 - 0.216 = 0.784 → 2.3265306122...
        Ema ema(0.6);
        QVERIFY(near(ema.add(1), 1));
        QVERIFY(near(ema.add(2), 1.625));
        QVERIFY(near(ema.add(3), 1.824 / 0.784));
        QCOMPARE(ema.count(), 3);
    }

    void emaDebiasedFirstValue() {
        for (double w : {0.0, 0.3, 0.9, 0.999}) {
            Ema ema(w);
            QVERIFY(near(ema.add(-7.25), -7.25, 1e-9));
        }
    }

    void emaNonFinitePassesThrough() {
        Ema ema(0.6);
        QVERIFY(near(ema.add(1), 1));
        QVERIFY(std::isnan(ema.add(NaN)));
        QCOMPARE(ema.add(std::numeric_limits<double>::infinity()),
                 std::numeric_limits<double>::infinity());
        QCOMPARE(ema.count(), 1);
        QVERIFY(near(ema.add(2), 1.625));
        QVERIFY(near(ema.add(3), 1.824 / 0.784));

        const Curve smoothed = emaSmooth(curveOf({1, NaN, 2, 3}), 0.6);
        QVERIFY(sameY(smoothed, {1, NaN, 1.625, 1.824 / 0.784}));
        QCOMPARE(smoothed.x, (std::vector<double>{0, 1, 2, 3}));
    }

    void emaWeightZeroAndClamp() {
        const Curve in = curveOf({3, -1, NaN, 8});
        QVERIFY(sameY(emaSmooth(in, 0), {3, -1, NaN, 8}));
        Ema zero(0);
        QCOMPARE(zero.add(5), 5.0);
        QCOMPARE(zero.add(-2), -2.0);
        QCOMPARE(Ema(1.5).weight(), 0.999);
        QCOMPARE(Ema(-1).weight(), 0.0);
    }

    void addMeanEqualsAdd() {
        Ema a(0.7), b(0.7);
        for (double v : {2.0, -1.0, 4.5}) {
            QVERIFY(near(a.add(v), b.addMean(v, 1)));
        }
        // A bucket of k points with mean m folds in like k points of value m.
        for (qint64 k : {1, 2, 5, 40}) {
            const double viaMean = b.addMean(1.5, k);
            double viaAdd = 0;
            for (qint64 i = 0; i < k; ++i)
                viaAdd = a.add(1.5);
            QVERIFY2(near(viaMean, viaAdd, 1e-12), qPrintable(QString::number(k)));
            QCOMPARE(a.count(), b.count());
        }
        // A first bucket is debiased to its mean.
        Ema c(0.9);
        QVERIFY(near(c.addMean(6, 10), 6, 1e-12));
        QVERIFY(std::isnan(c.addMean(NaN, 3)));
        QCOMPARE(c.count(), 10);
    }

    void medianByHand() {
        // window 3 over 5 1 4 2 8: [5 1] [5 1 4] [1 4 2] [4 2 8] [2 8] → 3 4 2 4 5
        const Curve in = curveOf({5, 1, 4, 2, 8});
        QVERIFY(sameY(runningMedian(in, 3), {3, 4, 2, 4, 5}));
        // An even window is widened by one.
        QVERIFY(sameY(runningMedian(in, 2), {3, 4, 2, 4, 5}));
        // window 5: [5 1 4] [5 1 4 2] [all] [1 4 2 8] [4 2 8] → 4 3 4 3 4
        QVERIFY(sameY(runningMedian(in, 5), {4, 3, 4, 3, 4}));
        QVERIFY(sameY(runningMedian(in, 1), {5, 1, 4, 2, 8}));
        QVERIFY(sameY(runningMedian(in, -3), {5, 1, 4, 2, 8}));
        QVERIFY(runningMedian(Curve{}, 5).empty());
    }

    void medianSkipsGaps() {
        // The same finite sequence with gaps: gaps stay, and are not counted in windows.
        const Curve in = curveOf({5, NaN, 1, 4, NaN, 2, 8});
        const Curve out = runningMedian(in, 3);
        QVERIFY(sameY(out, {3, NaN, 4, 2, NaN, 4, 5}));
        QCOMPARE(out.x, in.x);
    }

    void medianMatchesBruteForce() {
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> dist(-1, 1);
        std::vector<double> ys(2000);
        for (double &y : ys)
            y = std::round(dist(rng) * 20); // ties on purpose
        const int window = 9;
        const Curve out = runningMedian(curveOf(ys), window);
        for (size_t j = 0; j < ys.size(); ++j) {
            const size_t from = j >= 4 ? j - 4 : 0;
            const size_t to = std::min(ys.size(), j + 5);
            std::vector<double> w(ys.begin() + ptrdiff_t(from), ys.begin() + ptrdiff_t(to));
            std::sort(w.begin(), w.end());
            const size_t k = w.size();
            const double expected = k % 2 ? w[k / 2] : 0.5 * (w[k / 2 - 1] + w[k / 2]);
            QCOMPARE(out.y[j], expected);
        }
    }

    void medianIsFast() {
        std::mt19937 rng(1);
        std::normal_distribution<double> dist;
        Curve in;
        in.x.resize(1'000'000);
        in.y.resize(1'000'000);
        for (size_t i = 0; i < in.x.size(); ++i) {
            in.x[i] = double(i);
            in.y[i] = dist(rng);
        }
        qint64 ms = std::numeric_limits<qint64>::max();
        for (int round = 0; round < 3; ++round) {
            QElapsedTimer timer;
            timer.start();
            const Curve out = runningMedian(in, 101);
            ms = std::min(ms, timer.elapsed());
            QCOMPARE(out.size(), in.size());
        }
        qInfo("runningMedian of 1M points, window 101: %lld ms (best of 3)", ms);
        QVERIFY2(ms < 1000, "far slower than the ~200 ms budget");
    }
};

QTEST_GUILESS_MAIN(TestSmoothing)
#include "tst_smoothing.moc"
