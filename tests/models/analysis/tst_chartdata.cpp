// SPDX-License-Identifier: GPL-3.0-or-later
// loadChart against a real cache: the EMA of a zoomed view carries the state from the left of
// the range, the spike survives decimation through the pyramid, groups, time axes.
#include "analysis/chartdata.h"
#include "analysis/smoothing.h"
#include "store/cache.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace runlens;

namespace {

qint64 writeRun(store::Cache &cache, const QString &name, const core::MetricPoints &points,
                const QString &key = QStringLiteral("loss")) {
    store::RunUpdate u;
    u.run.sourceRoot = QStringLiteral("/t");
    u.run.path = name;
    u.run.format = QStringLiteral("test");
    u.run.uid = name;
    u.run.key = core::Run::makeKey(u.run.format, name);
    u.run.name = name;
    u.run.metricRef(key).add(points);
    u.series.push_back({key, false, points});
    return cache.writeRun(u);
}

core::MetricPoints noisy(int n, quint32 seed, qint64 startMs = 1'700'000'000'000) {
    core::MetricPoints pts;
    quint32 s = seed;
    for (int i = 0; i < n; ++i) {
        s = s * 1664525u + 1013904223u;
        const double noise = double(s >> 8) / double(1u << 24) - 0.5;
        pts.push_back({i, startMs + i * 100, 1.0 + 0.5 * std::sin(i * 0.001) + 0.2 * noise});
    }
    return pts;
}

} // namespace

class TestChartData : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void zoomedEmaMatchesTheWholeSeries() {
        auto cache = store::Cache::open(QStringLiteral(":memory:"));
        const core::MetricPoints pts = noisy(100000, 7);
        const qint64 id = writeRun(*cache, QStringLiteral("a"), pts);
        analysis::Curve all;
        for (const core::MetricPoint &p : pts)
            all.push(double(p.step), p.value);
        const analysis::Curve whole = analysis::emaSmooth(all, 0.6);

        analysis::ChartRequest rq;
        rq.metric = QStringLiteral("loss");
        rq.runs.push_back({id, 0, -1});
        rq.spec.smoothing = analysis::Smoothing::Ema;
        rq.spec.emaWeight = 0.6;
        rq.fullRange = false;
        rq.lo = 40000;
        rq.hi = 40800;
        rq.columns = 1600;
        const analysis::ChartData data = analysis::loadChart(*cache, rq);
        QCOMPARE(int(data.series.size()), 1);
        const analysis::ChartSeries &s = data.series.front();
        QVERIFY(s.exact);
        QCOMPARE(s.total, 100000);
        // Every raw point of the range is there, plus a neighbour on each side.
        QCOMPARE(int(s.raw.size()), 803);
        // After a few dozen points the carried-in state no longer matters (0.6^50 ≈ 1e-11).
        for (size_t i = 0; i < s.smooth.size(); ++i) {
            const double x = s.smooth.x[i];
            if (x < 40050 || x > 40800)
                continue;
            QVERIFY2(std::abs(s.smooth.y[i] - whole.y[size_t(x)]) < 1e-9,
                     qPrintable(QStringLiteral("x %1: %2 vs %3")
                                    .arg(x)
                                    .arg(s.smooth.y[i])
                                    .arg(whole.y[size_t(x)])));
        }
    }

    void fullRangeEmaOnBucketsFollowsTheCurve() {
        auto cache = store::Cache::open(QStringLiteral(":memory:"));
        const core::MetricPoints pts = noisy(200000, 3);
        const qint64 id = writeRun(*cache, QStringLiteral("b"), pts);
        analysis::Curve all;
        for (const core::MetricPoint &p : pts)
            all.push(double(p.step), p.value);
        const analysis::Curve whole = analysis::emaSmooth(all, 0.99);
        analysis::ChartRequest rq;
        rq.metric = QStringLiteral("loss");
        rq.runs.push_back({id, 0, -1});
        rq.spec.smoothing = analysis::Smoothing::Ema;
        rq.spec.emaWeight = 0.99;
        rq.columns = 800;
        const analysis::ChartData data = analysis::loadChart(*cache, rq);
        const analysis::ChartSeries &s = data.series.front();
        QVERIFY(!s.exact);
        QVERIFY(s.raw.size() <= 2 * 800 + 2);
        QVERIFY(data.pointsRead < 10000); // buckets, not 200,000 points
        // Smoothed at bucket resolution: within the noise's smoothed size of the exact EMA.
        for (size_t i = 0; i < s.smooth.size(); i += 37) {
            const size_t at = size_t(std::clamp(s.smooth.x[i], 0.0, 199999.0));
            QVERIFY2(std::abs(s.smooth.y[i] - whole.y[at]) < 0.03,
                     qPrintable(QString::number(s.smooth.x[i])));
        }
    }

    void theSpikeSurvives() {
        auto cache = store::Cache::open(QStringLiteral(":memory:"));
        core::MetricPoints pts = noisy(1'000'000, 5);
        pts[612345].value = 1e9;
        const qint64 id = writeRun(*cache, QStringLiteral("c"), pts);
        analysis::ChartRequest rq;
        rq.metric = QStringLiteral("loss");
        rq.runs.push_back({id, 0, -1});
        rq.columns = 1600;
        const analysis::ChartData data = analysis::loadChart(*cache, rq);
        const analysis::Curve &c = data.series.front().raw;
        const auto top = std::max_element(c.y.begin(), c.y.end());
        QCOMPARE(*top, 1e9);
        QVERIFY(std::abs(c.x[size_t(top - c.y.begin())] - 612345) < 1e6 / 1600 * 2);
        QVERIFY(c.size() <= 2 * 1600 + 2);
    }

    void aSecondConnectionGivesTheSameChart() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
        auto cache = store::Cache::open(path);
        analysis::ChartRequest rq;
        rq.metric = QStringLiteral("loss");
        rq.columns = 500;
        rq.spec.smoothing = analysis::Smoothing::Ema;
        for (int r = 0; r < 11; ++r) {
            const qint64 id = writeRun(*cache, QStringLiteral("r%1").arg(r), noisy(30000, r));
            rq.runs.push_back({id, 0, -1});
        }
        auto second = store::Cache::open(path);
        const analysis::ChartData one = analysis::loadChart(*cache, rq);
        const analysis::ChartData two = analysis::loadChart(*cache, rq, second.get());
        QCOMPARE(two.series.size(), one.series.size());
        QCOMPARE(two.pointsRead, one.pointsRead);
        for (size_t i = 0; i < one.series.size(); ++i) {
            QCOMPARE(two.series[i].runId, one.series[i].runId);
            QCOMPARE(two.series[i].raw.y, one.series[i].raw.y);
            QCOMPARE(two.series[i].smooth.y, one.series[i].smooth.y);
        }
    }

    void relativeTimeAndGroups() {
        auto cache = store::Cache::open(QStringLiteral(":memory:"));
        const qint64 a = writeRun(*cache, QStringLiteral("a"), noisy(1000, 1, 1'000'000));
        const qint64 b = writeRun(*cache, QStringLiteral("b"), noisy(1000, 2, 5'000'000));
        analysis::ChartRequest rq;
        rq.metric = QStringLiteral("loss");
        rq.spec.xAxis = analysis::XAxis::RelativeTime;
        rq.runs = {{a, 1'000'000, 0}, {b, 0, 0}}; // b's start: its first point
        rq.groupCount = 1;
        rq.columns = 400;
        const analysis::ChartData data = analysis::loadChart(*cache, rq);
        QCOMPARE(int(data.series.size()), 2);
        for (const analysis::ChartSeries &s : data.series) {
            QCOMPARE(s.xFirst, 0.0);
            QCOMPARE(s.xLast, 99.9); // 999 × 100 ms
        }
        QCOMPARE(int(data.groups.size()), 1);
        QCOMPARE(data.groups.front().runs, 2);
        QVERIFY(!data.groups.front().curve.mean.empty());
        QCOMPARE(data.groups.front().curve.n.front(), 2);

        rq.metric = QStringLiteral("missing");
        QVERIFY(analysis::loadChart(*cache, rq).series.empty());
    }
};

QTEST_GUILESS_MAIN(TestChartData)
#include "tst_chartdata.moc"
