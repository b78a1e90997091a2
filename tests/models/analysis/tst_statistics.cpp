// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/statistics.h"

#include <QTest>
#include <cmath>
#include <limits>
#include <numbers>

using namespace runlens::analysis;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

bool near(double a, double b, double tolerance) {
    return std::abs(a - b) <= tolerance;
}

/// Closed forms of the t CDF for small df, independent of the incomplete beta function.
double cdfDf1(double t) {
    return 0.5 + std::atan(t) / std::numbers::pi;
}
double cdfDf2(double t) {
    return 0.5 + t / (2 * std::sqrt(2 + t * t));
}
double cdfDf3(double t) {
    const double u = t / std::sqrt(3.0);
    return 0.5 + (u / (1 + u * u) + std::atan(u)) / std::numbers::pi;
}
double normalCdf(double z) {
    return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

} // namespace

class TestStatistics final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tCdfKnownValues() {
        QVERIFY(near(studentTCdf(1, 1), 0.75, 1e-12));
        QVERIFY(near(studentTCdf(0, 7), 0.5, 0));
        // Tables: t(0.975, 10) = 2.228.
        QVERIFY(near(studentTCdf(2.228, 10), 0.975, 1e-4));
        QVERIFY(near(studentTCdf(-2.228, 10), 0.025, 1e-4));
        for (double t : {-30.0, -3.0, -0.5, 0.1, 1.0, 2.5, 12.706, 1e4}) {
            QVERIFY2(near(studentTCdf(t, 1), cdfDf1(t), 1e-10), qPrintable(QString::number(t)));
            QVERIFY2(near(studentTCdf(t, 2), cdfDf2(t), 1e-10), qPrintable(QString::number(t)));
            QVERIFY2(near(studentTCdf(t, 3), cdfDf3(t), 1e-10), qPrintable(QString::number(t)));
        }
    }

    void tCdfLargeDfIsNormal() {
        for (double t : {-3.0, -1.96, -0.3, 0.7, 1.96, 4.0}) {
            QVERIFY2(near(studentTCdf(t, 1e7), normalCdf(t), 1e-6), qPrintable(QString::number(t)));
        }
        QVERIFY(near(studentTCdf(1.959964, 1e9), 0.975, 1e-6));
    }

    void tCdfEdges() {
        QCOMPARE(studentTCdf(std::numeric_limits<double>::infinity(), 3), 1.0);
        QCOMPARE(studentTCdf(-std::numeric_limits<double>::infinity(), 3), 0.0);
        QVERIFY(std::isnan(studentTCdf(NaN, 3)));
        QVERIFY(std::isnan(studentTCdf(1, 0)));
        // Symmetry at a fractional df, as Welch's are.
        QVERIFY(near(studentTCdf(1.3, 4.7) + studentTCdf(-1.3, 4.7), 1, 1e-14));
    }

    void quantileInvertsCdf() {
        // df = 1: t = tan(pi (p - 1/2)); t(0.975, 1) = 12.7062.
        QVERIFY(near(studentTQuantile(0.975, 1), std::tan(std::numbers::pi * 0.475), 1e-8));
        QVERIFY(near(studentTQuantile(0.975, 1), 12.7062, 1e-4));
        // df = 2: t = (2p - 1) sqrt(2 / (1 - (2p - 1)^2)); p = 0.975 gives 4.3027.
        QVERIFY(near(studentTQuantile(0.975, 2), 0.95 * std::sqrt(2 / (1 - 0.95 * 0.95)), 1e-8));
        QVERIFY(near(studentTQuantile(0.975, 10), 2.228, 1e-3));
        for (double df : {1.0, 2.5, 10.0, 30.0, 1000.0}) {
            for (double p : {0.001, 0.1, 0.5, 0.6, 0.9, 0.975, 0.999}) {
                const double t = studentTQuantile(p, df);
                QVERIFY2(near(studentTCdf(t, df), p, 1e-10),
                         qPrintable(QStringLiteral("df %1 p %2").arg(df).arg(p)));
            }
        }
        QVERIFY(std::isnan(studentTQuantile(0, 3)));
        QVERIFY(std::isnan(studentTQuantile(1, 3)));
    }

    void welchByHand() {
        // a = {1, 2, 3, 4}: mean 2.5, s² = (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3.
        // b = {2, 4, 6}:    mean 4,   s² = (4 + 0 + 4) / 2 = 4.
        // va = (5/3)/4 = 5/12, vb = 4/3, se = sqrt(1.75) = 1.3228757; diff = 1.5;
        // t = 1.5 / 1.3228757 = 1.1338934;
        // df = 1.75² / ((5/12)²/3 + (4/3)²/2) = 3.0625 / 0.9467593 = 3.2347188.
        // p: Simpson integration (200,000 panels) of the t density in Python's math module gave
        // 0.333824; t(0.975, 3.2347) the same way (bisection) 3.0557, so the CI is
        // 1.5 ± 3.0557 · 1.3228757 = [-2.5423, 5.5423].
        const WelchResult r = welch({1, 2, 3, 4}, {2, 4, 6, NaN});
        QVERIFY(r.valid);
        QCOMPARE(r.nA, 4);
        QCOMPARE(r.nB, 3);
        QVERIFY(near(r.meanA, 2.5, 1e-12));
        QVERIFY(near(r.meanB, 4, 1e-12));
        QVERIFY(near(r.sdA, std::sqrt(5.0 / 3), 1e-12));
        QVERIFY(near(r.sdB, 2, 1e-12));
        QVERIFY(near(r.diff, 1.5, 1e-12));
        QVERIFY(near(r.t, 1.1338934190, 1e-9));
        QVERIFY(near(r.df, 3.2347188264, 1e-9));
        QVERIFY(near(r.p, 0.333824, 1e-5));
        // Bracketed by the closed form at df = 3 and the normal limit (p falls as df grows).
        QVERIFY(r.p < 2 * (1 - cdfDf3(r.t)));
        QVERIFY(r.p > 2 * (1 - normalCdf(r.t)));
        QVERIFY(near(r.ciLow, -2.54233, 1e-4));
        QVERIFY(near(r.ciHigh, 5.54233, 1e-4));
        // Swapping the sides flips the difference, not the p-value.
        const WelchResult s = welch({2, 4, 6}, {1, 2, 3, 4});
        QVERIFY(near(s.diff, -1.5, 1e-12));
        QVERIFY(near(s.p, r.p, 1e-14));
        QVERIFY(near(s.ciLow, -r.ciHigh, 1e-9));
    }

    void welchDegenerate() {
        const WelchResult tooFew = welch({1}, {1, 2, 3});
        QVERIFY(!tooFew.valid);
        QCOMPARE(tooFew.nA, 1);
        QVERIFY(std::isnan(tooFew.p));
        QVERIFY(std::isnan(tooFew.diff));
        QVERIFY(!welch({1, NaN, std::numeric_limits<double>::infinity()}, {1, 2}).valid);

        const WelchResult differ = welch({1, 1, 1}, {2, 2});
        QVERIFY(differ.valid);
        QCOMPARE(differ.p, 0.0);
        QCOMPARE(differ.diff, 1.0);
        const WelchResult same = welch({3, 3}, {3, 3, 3});
        QVERIFY(same.valid);
        QCOMPARE(same.p, 1.0);
    }

    void robustRangeIgnoresOutlier() {
        std::vector<double> ys;
        for (int i = 0; i < 999; ++i)
            ys.push_back(i);
        ys.push_back(1e12);
        // 1000 values; q = 0.01: positions round(0.01·999) = 10 and round(0.99·999) = 989,
        // i.e. values 10 and 989; 5 % of 979 = 48.95 on each side.
        const auto r = robustRange({&ys}, 0.01, false);
        QVERIFY(r);
        QVERIFY(near(r->first, 10 - 48.95, 1e-9));
        QVERIFY(near(r->second, 989 + 48.95, 1e-9));
        // A short series keeps its ends: round(0.01·2) = 0, round(0.99·2) = 2.
        const std::vector<double> three{1, 3, 2};
        QCOMPARE(*robustRange({&three}, 0.01, false), std::pair(0.9, 3.1));
        // q = 0: the full range.
        const auto full = robustRange({&ys}, 0, false);
        QVERIFY(full);
        QVERIFY(near(full->first, -0.05 * 1e12, 1e-3));
        QVERIFY(near(full->second, 1.05 * 1e12, 1e-3));
    }

    void robustRangeLogScale() {
        const std::vector<double> a{-1, 0, 1, NaN};
        const std::vector<double> b{100, std::numeric_limits<double>::infinity()};
        // Positive finite values 1 and 100; factor (100/1)^0.05 = 10^0.1.
        const auto r = robustRange({&a, &b}, 0, true);
        QVERIFY(r);
        QVERIFY(near(r->first, std::pow(10, -0.1), 1e-12));
        QVERIFY(near(r->second, 100 * std::pow(10, 0.1), 1e-10));
        const std::vector<double> nonPositive{-5, 0};
        QVERIFY(!robustRange({&nonPositive}, 0, true));
        QVERIFY(robustRange({&nonPositive}, 0, false));
    }

    void robustRangeDegenerate() {
        QVERIFY(!robustRange({}, 0.01, false));
        const std::vector<double> empty;
        QVERIFY(!robustRange({&empty, nullptr}, 0.01, false));
        const std::vector<double> flat{3, 3, 3};
        QCOMPARE(*robustRange({&flat}, 0.01, false), std::pair(2.0, 4.0));
        QCOMPARE(*robustRange({&flat}, 0.01, true), std::pair(1.5, 6.0));
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
