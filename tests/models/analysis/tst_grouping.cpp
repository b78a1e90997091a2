// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/grouping.h"
#include "analysis/statistics.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace runlens::analysis;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

bool near(double a, double b, double tolerance = 1e-9) {
    return std::abs(a - b) <= tolerance;
}

Curve line(std::vector<double> xs, std::vector<double> ys) {
    Curve c;
    c.x = std::move(xs);
    c.y = std::move(ys);
    return c;
}

} // namespace

class TestGrouping final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void twoLines() {
        // A: y = x, B: y = x + 2, both over [0, 10]. Five bins over [0, 10]: centres 1 3 5 7 9.
        // At each centre c: values c and c + 2, mean c + 1, sample sd sqrt((1 + 1) / 1) = √2,
        // min c, max c + 2; Ci95: t(0.975, 1) · √2 / √2 = 12.7062.
        const Curve a = line({0, 10}, {0, 10});
        const Curve b = line({0, 5, 10}, {2, 7, 12});
        const std::vector<const Curve *> runs{&a, &b};

        const GroupCurve sd = aggregate(runs, 0, 10, 5, Band::StdDev);
        QCOMPARE(sd.mean.x, (std::vector<double>{1, 3, 5, 7, 9}));
        QCOMPARE(sd.n, (std::vector<int>{2, 2, 2, 2, 2}));
        for (size_t i = 0; i < 5; ++i) {
            const double c = sd.mean.x[i];
            QVERIFY(near(sd.mean.y[i], c + 1));
            QVERIFY(near(sd.lower[i], c + 1 - std::sqrt(2.0)));
            QVERIFY(near(sd.upper[i], c + 1 + std::sqrt(2.0)));
        }

        const GroupCurve mm = aggregate(runs, 0, 10, 5, Band::MinMax);
        for (size_t i = 0; i < 5; ++i) {
            QVERIFY(near(mm.lower[i], mm.mean.x[i]));
            QVERIFY(near(mm.upper[i], mm.mean.x[i] + 2));
        }

        const GroupCurve ci = aggregate(runs, 0, 10, 5, Band::Ci95);
        for (size_t i = 0; i < 5; ++i) {
            QVERIFY(near(ci.upper[i] - ci.mean.y[i], 12.7062, 1e-4));
            QVERIFY(near(ci.mean.y[i] - ci.lower[i], 12.7062, 1e-4));
        }

        const GroupCurve none = aggregate(runs, 0, 10, 5, Band::None);
        QCOMPARE(none.lower, none.mean.y);
        QCOMPARE(none.upper, none.mean.y);
    }

    void ci95UsesT() {
        // Three runs 0, 3, 6 (constant): mean 3, s = 3, t(0.975, 2) = 4.3027,
        // half width 4.3027 · 3 / √3 = 7.4525.
        const Curve a = line({0, 1}, {0, 0});
        const Curve b = line({0, 1}, {3, 3});
        const Curve c = line({0, 1}, {6, 6});
        const GroupCurve g = aggregate({&a, &b, &c}, 0, 1, 1, Band::Ci95);
        QCOMPARE(g.n, (std::vector<int>{3}));
        QVERIFY(near(g.mean.y[0], 3));
        const double half = studentTQuantile(0.975, 2) * 3 / std::sqrt(3.0);
        QVERIFY(near(half, 7.4525, 1e-4));
        QVERIFY(near(g.upper[0], 3 + half));
        QVERIFY(near(g.lower[0], 3 - half));
    }

    void differentExtents() {
        // A over [0, 10], B only over [4, 6]: at centres 1 3 5 7 9 only 5 has both.
        const Curve a = line({0, 10}, {0, 10});
        const Curve b = line({4, 6}, {20, 20});
        const GroupCurve g = aggregate({&a, &b}, 0, 10, 5, Band::StdDev);
        QCOMPARE(g.n, (std::vector<int>{1, 1, 2, 1, 1}));
        QVERIFY(near(g.mean.y[0], 1));
        QCOMPARE(g.lower[0], g.mean.y[0]); // one run: no spread
        QCOMPARE(g.upper[0], g.mean.y[0]);
        QVERIFY(near(g.mean.y[2], 12.5)); // (5 + 20) / 2
        QVERIFY(near(g.upper[2] - g.mean.y[2], std::sqrt(2 * 7.5 * 7.5)));

        // Beyond every run: gaps with n = 0. Centres 1 3 ... 19 over [0, 20].
        const GroupCurve wide = aggregate({&a, &b}, 0, 20, 10, Band::MinMax);
        QCOMPARE(wide.n, (std::vector<int>{1, 1, 2, 1, 1, 0, 0, 0, 0, 0}));
        QVERIFY(std::isnan(wide.mean.y[7]));
        QVERIFY(std::isnan(wide.lower[7]));
        QVERIFY(std::isnan(wide.upper[7]));
        QVERIFY(near(wide.lower[2], 5));
        QVERIFY(near(wide.upper[2], 20));
    }

    void interpolatesOverGaps() {
        // The NaN at x = 5 is skipped: 5 lies between (0, 0) and (10, 10).
        const Curve a = line({0, 5, 10}, {0, NaN, 10});
        const GroupCurve g = aggregate({&a}, 4, 6, 1, Band::None);
        QCOMPARE(g.n, (std::vector<int>{1}));
        QVERIFY(near(g.mean.y[0], 5));
        // A point exactly at a centre is taken as is.
        const Curve b = line({0, 5, 10}, {0, 7, 10});
        QVERIFY(near(aggregate({&b}, 4, 6, 1, Band::None).mean.y[0], 7));
    }

    void empty() {
        const GroupCurve g = aggregate({}, 0, 1, 3, Band::Ci95);
        QCOMPARE(g.n, (std::vector<int>{0, 0, 0}));
        QVERIFY(std::isnan(g.mean.y[1]));
        const Curve nothing;
        QCOMPARE(aggregate({&nothing}, 0, 1, 2, Band::StdDev).n, (std::vector<int>{0, 0}));
    }
};

QTEST_GUILESS_MAIN(TestGrouping)
#include "tst_grouping.moc"
