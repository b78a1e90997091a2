// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/metric.h"
#include "core/run.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace runlens::core;

class TestMetricSummary final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runLooksLive() {
        const qint64 now = 1'700'000'000'000;
        Run run;
        QVERIFY(!run.looksLive(now)); // nothing known
        run.status = RunStatus::Running;
        QVERIFY(run.looksLive(now));
        run.deleted = true;
        QVERIFY(!run.looksLive(now));
        run.deleted = false;
        run.status = RunStatus::Finished;
        run.metricRef(QStringLiteral("loss")).add(MetricPoint{1, now - 1000, 0.5});
        QVERIFY(!run.looksLive(now)); // finished, however recent
        // A format without a status: live while points keep coming.
        run.status = RunStatus::Unknown;
        QVERIFY(run.looksLive(now));
        QVERIFY(!run.looksLive(now + Run::liveWindowMs + 1000));
    }

    void empty() {
        const MetricSummary s;
        QCOMPARE(s.count, 0);
        QVERIFY(std::isnan(s.last));
        QVERIFY(std::isnan(s.min));
    }

    void basic() {
        MetricSummary s;
        s.add(MetricPoints{{0, 10, 3.0}, {1, 20, 1.0}, {2, 30, 2.0}});
        QCOMPARE(s.count, 3);
        QCOMPARE(s.firstStep, 0);
        QCOMPARE(s.lastStep, 2);
        QCOMPARE(s.last, 2.0);
        QCOMPARE(s.lastTimeMs, 30);
        QCOMPARE(s.min, 1.0);
        QCOMPARE(s.minStep, 1);
        QCOMPARE(s.max, 3.0);
        QCOMPARE(s.maxStep, 0);
        QCOMPARE(s.nanCount, 0);
    }

    void nanAndInf() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        MetricSummary s;
        s.add(MetricPoints{{0, 0, nan}, {1, 0, 0.5}, {2, 0, inf}, {3, 0, -inf}, {4, 0, nan}});
        QCOMPARE(s.count, 5);
        QCOMPARE(s.nanCount, 4);
        QCOMPARE(s.min, 0.5);
        QCOMPARE(s.max, 0.5);
        QVERIFY(std::isnan(s.last)); // the latest point is NaN, and the table must say so
        MetricSummary onlyNaN;
        onlyNaN.add({0, 0, nan});
        QVERIFY(std::isnan(onlyNaN.min));
        QVERIFY(std::isnan(onlyNaN.max));
        QCOMPARE(onlyNaN.nanCount, 1);
    }

    void unsortedSteps() {
        MetricSummary s;
        s.add(MetricPoints{{5, 0, 5.0}, {1, 0, 1.0}, {9, 0, 9.0}, {3, 0, 3.0}});
        QCOMPARE(s.firstStep, 1);
        QCOMPARE(s.lastStep, 9);
        QCOMPARE(s.last, 9.0);
        QCOMPARE(s.min, 1.0);
        QCOMPARE(s.minStep, 1);
        QCOMPARE(s.maxStep, 9);
    }

    void duplicateSteps() {
        MetricSummary s;
        // Same step: the later time wins; same step and time: the later added wins.
        s.add(MetricPoints{{3, 100, 1.0}, {3, 200, 2.0}, {3, 150, 7.0}});
        QCOMPARE(s.last, 2.0);
        QCOMPARE(s.lastTimeMs, 200);
        s.add({3, 200, 4.0});
        QCOMPARE(s.last, 4.0);
        QCOMPARE(s.count, 4);
        QCOMPARE(s.max, 7.0);
    }

    void incrementalEqualsBatch() {
        const MetricPoints pts{{0, 1, 0.3}, {2, 2, 0.1}, {1, 3, 0.2}};
        MetricSummary a;
        a.add(pts);
        MetricSummary b;
        for (const MetricPoint &p : pts)
            b.add(p);
        QCOMPARE(a, b);
    }
};

QTEST_GUILESS_MAIN(TestMetricSummary)
#include "tst_metricsummary.moc"
