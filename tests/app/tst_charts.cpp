// SPDX-License-Identifier: GPL-3.0-or-later
// The chart dock in the real window, offscreen: which runs it charts (selection or filtered),
// changing metrics, grouping with the comparison row, zoom reloading its range, a curve click
// selecting its run, and a live run's curve extending after a refresh.
#include "analysis/chartloader.h"
#include "chartcontroller.h"
#include "demo/demogenerator.h"
#include "items/roles.h"
#include "items/runfilterproxymodel.h"
#include "items/runtablemodel.h"
#include "mainwindow.h"
#include "runscontroller.h"
#include "widgets/chartpanel.h"
#include "widgets/metricoverlayplot.h"

#include <QDir>
#include <QFile>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <qcustomplot.h>

using namespace runlens;

namespace {

constexpr int timeoutMs = 30000;

} // namespace

class TestCharts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        demo::DemoOptions options;
        options.runs = 12;
        options.metrics = 4;
        options.steps = 200;
        options.seed = 21;
        QString error;
        QVERIFY2(demo::writeDemoStore(m_dir.filePath(QStringLiteral("demo")), options, &error),
                 qPrintable(error));
    }

    void init() {
        app::MainWindow::Options options;
        options.cachePath = m_dir.filePath(QStringLiteral("cache-%1.sqlite").arg(++m_caches));
        options.useSettings = false;
        m_window = std::make_unique<app::MainWindow>(options);
        m_window->resize(1200, 800);
        m_window->show();
    }
    void cleanup() { m_window.reset(); }

    void chartsFilteredRunsThenTheSelection() {
        open(m_dir.filePath(QStringLiteral("demo/mlruns")));
        widgets::ChartPanel *panel = m_window->chartPanel();
        app::ChartController *charts = m_window->chartController();
        charts->waitForCharts();
        // A metric is chosen for a new dashboard, and every filtered run with it is drawn.
        QCOMPARE(panel->selectedMetrics().size(), 1);
        widgets::MetricOverlayPlot *plot = panel->plots().front();
        const int filtered = m_window->controller()->proxyModel()->rowCount();
        QCOMPARE(int(charts->shownRuns().size()), filtered);
        int withMetric = 0;
        for (const core::Run &r : charts->shownRuns())
            withMetric += r.metric(plot->metric()) ? 1 : 0;
        QCOMPARE(plot->visibleCurveCount(), withMetric);

        // Select three rows: just those are charted.
        QItemSelectionModel *sel = m_window->tableView()->selectionModel();
        QAbstractItemModel *model = m_window->tableView()->model();
        for (int row = 0; row < 3; ++row)
            sel->select(model->index(row, 0),
                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        charts->waitForCharts();
        QCOMPARE(int(charts->shownRuns().size()), 3);
        QVERIFY(plot->visibleCurveCount() <= 3 && plot->visibleCurveCount() >= 1);

        // Two metrics: two linked charts.
        const QStringList keys = panel->availableMetrics();
        QVERIFY(keys.size() >= 2);
        panel->setSelectedMetrics({keys[0], keys[1]});
        charts->waitForCharts();
        QCOMPARE(int(panel->plots().size()), 2);
        QCOMPARE(panel->plots()[1]->metric(), keys[1]);
        QVERIFY(panel->plots()[1]->visibleCurveCount() >= 1);
    }

    void zoomLoadsTheRangeAndResetLoadsAll() {
        open(m_dir.filePath(QStringLiteral("demo/mlruns")));
        app::ChartController *charts = m_window->chartController();
        charts->waitForCharts();
        widgets::MetricOverlayPlot *plot = m_window->chartPanel()->plots().front();
        const auto full = plot->xRange();
        QVERIFY(full.second > full.first);

        QSignalSpy loaded(charts->loader(), &analysis::ChartLoader::loaded);
        QCustomPlot *qcp = plot->customPlot();
        const QPoint centre = qcp->axisRect()->rect().center();
        for (int i = 0; i < 6; ++i) {
            QWheelEvent wheel(QPointF(centre), QPointF(qcp->mapToGlobal(centre)), QPoint(),
                              QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                              false);
            QApplication::sendEvent(qcp, &wheel);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), timeoutMs);
        charts->waitForCharts();
        const auto zoomed = plot->xRange();
        QVERIFY(zoomed.second - zoomed.first < 0.6 * (full.second - full.first));
        const analysis::ChartData data = loaded.last().at(0).value<analysis::ChartData>();
        QVERIFY(!data.fullRange);
        QVERIFY(data.lo < zoomed.first && data.hi > zoomed.second); // with margins

        // A double-click resets: everything again.
        QTest::mouseDClick(qcp, Qt::LeftButton, Qt::NoModifier, centre);
        charts->waitForCharts();
        QVERIFY(plot->isAutoRange());
        QCOMPARE(plot->xRange(), full);
    }

    void groupsAndCompares() {
        open(m_dir.filePath(QStringLiteral("demo/mlruns")));
        widgets::ChartPanel *panel = m_window->chartPanel();
        app::ChartController *charts = m_window->chartController();
        charts->waitForCharts();
        panel->setGroupBy(QStringLiteral("params.optimizer"));
        charts->waitForCharts();
        QVERIFY(charts->groups().size() >= 2);
        int members = 0;
        for (const analysis::RunGroup &g : charts->groups()) {
            QVERIFY(g.label.startsWith(QStringLiteral("optimizer=")));
            members += int(g.members.size());
        }
        QCOMPARE(members, int(charts->shownRuns().size()));
        widgets::MetricOverlayPlot *plot = panel->plots().front();
        QCOMPARE(plot->customPlot()->legend->itemCount(), int(charts->groups().size()));
        // The comparison row: a difference with its interval and Welch's p-value, or why not.
        QTRY_VERIFY(!panel->comparisonText().isEmpty());
        const QString text = panel->comparisonText();
        QVERIFY2(text.contains(QStringLiteral("p = ")) ||
                     text.contains(QStringLiteral("at least two runs")),
                 qPrintable(text));
    }

    void aLiveRunsCurveExtends() {
        const QString folder = m_dir.filePath(QStringLiteral("live/run1"));
        QVERIFY(QDir().mkpath(folder));
        QFile csv(folder + QStringLiteral("/metrics.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("step,loss\n");
        for (int i = 0; i < 50; ++i)
            csv.write(QByteArray::number(i) + ',' + QByteArray::number(1.0 / (i + 1)) + '\n');
        csv.close();
        open(m_dir.filePath(QStringLiteral("live")), 1);
        app::ChartController *charts = m_window->chartController();
        widgets::ChartPanel *panel = m_window->chartPanel();
        panel->setSelectedMetrics({QStringLiteral("loss")});
        charts->waitForCharts();
        widgets::MetricOverlayPlot *plot = panel->plots().front();
        const qint64 id = charts->shownRuns().front().id;
        QCOMPARE(plot->plottedPoints(id), 50);
        QCOMPARE(plot->xRange().second, 49.0);

        QVERIFY(csv.open(QIODevice::Append));
        for (int i = 50; i < 80; ++i)
            csv.write(QByteArray::number(i) + ',' + QByteArray::number(1.0 / (i + 1)) + '\n');
        csv.close();
        QSignalSpy replaced(m_window->controller(), &app::RunsController::runsReplaced);
        m_window->controller()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!replaced.isEmpty(), timeoutMs);
        charts->waitForCharts();
        QTRY_COMPARE_WITH_TIMEOUT(plot->plottedPoints(id), 80, timeoutMs);
        QCOMPARE(plot->xRange().second, 79.0); // the automatic range follows the growth
    }

private:
    void open(const QString &source, int expectAtLeast = 1) {
        m_window->openSources({source});
        app::RunsController *c = m_window->controller();
        QTRY_VERIFY_WITH_TIMEOUT(c->hasLoaded() && !c->isImporting() && !c->isLoading() &&
                                     c->tableModel()->rowCount() >= expectAtLeast,
                                 timeoutMs);
        m_window->chartController()->waitForCharts();
    }

    QTemporaryDir m_dir;
    int m_caches = 0;
    std::unique_ptr<app::MainWindow> m_window;
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
