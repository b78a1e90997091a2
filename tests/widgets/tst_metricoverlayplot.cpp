// SPDX-License-Identifier: GPL-3.0-or-later
// MetricOverlayPlot driven offscreen with QTest events: what it plots, legend clicks, zoom,
// reset, hover, clicks on curves, log scale and export.
#include "widgets/metricoverlayplot.h"

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <qcustomplot.h>

using namespace runlens;
using widgets::MetricOverlayPlot;
using widgets::PlotRun;

namespace {

// Three runs with flat values 1, 2 and 3 (plus a little slope), 100 points each.
std::vector<PlotRun> threeRuns() {
    std::vector<PlotRun> runs;
    const QColor colors[] = {QColor(0x2f6fd1), QColor(0xe0672b), QColor(0x2a9d55)};
    for (int r = 0; r < 3; ++r) {
        PlotRun run;
        run.runId = 10 + r;
        run.name = QStringLiteral("run-%1").arg(r + 1);
        run.color = colors[r];
        for (int i = 0; i < 100; ++i)
            run.raw.push(i, (r + 1) + 0.001 * i);
        runs.push_back(std::move(run));
    }
    return runs;
}

QPoint pixelOf(const MetricOverlayPlot &plot, double x, double y) {
    QCustomPlot *qcp = plot.customPlot();
    return QPoint(int(std::lround(qcp->xAxis->coordToPixel(x))),
                  int(std::lround(qcp->yAxis->coordToPixel(y))));
}

// The first pixel column inside the axis rect with no dark pixel (black curves on white), or -1.
int firstColumnWithoutInk(MetricOverlayPlot &plot) {
    plot.replotNow();
    const QImage image = plot.toImage();
    const QRect area = plot.customPlot()->axisRect()->rect().adjusted(1, 1, -1, -1);
    for (int x = area.left(); x <= area.right(); ++x) {
        bool ink = false;
        for (int y = area.top(); y <= area.bottom() && !ink; ++y)
            ink = qGray(image.pixel(x, y)) < 80;
        if (!ink)
            return x;
    }
    return -1;
}

void sendWheel(QWidget *w, QPoint pos, int delta) {
    QWheelEvent wheel(QPointF(pos), QPointF(w->mapToGlobal(pos)), QPoint(), QPoint(0, delta),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &wheel);
}

} // namespace

class TestMetricOverlayPlot : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_plot = std::make_unique<MetricOverlayPlot>();
        m_plot->resize(900, 560);
        m_plot->setMetric(QStringLiteral("val/loss"));
        m_plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_plot.get()));
        m_plot->setRuns(threeRuns());
        m_plot->replotNow();
    }
    void cleanup() { m_plot.reset(); }

    void plotsEveryRun() {
        QCOMPARE(m_plot->visibleCurveCount(), 3);
        QCOMPARE(m_plot->plottedPoints(10), 100);
        QCOMPARE(m_plot->customPlot()->graphCount(), 3);
        QCOMPARE(m_plot->customPlot()->legend->itemCount(), 3);
        // Automatic range: all of x, and y around 1..3.1.
        QCOMPARE(m_plot->xRange().first, 0.0);
        QCOMPARE(m_plot->xRange().second, 99.0);
        QVERIFY(m_plot->yRange().first < 1.0 && m_plot->yRange().first > 0.8);
        QVERIFY(m_plot->yRange().second > 3.099 && m_plot->yRange().second < 3.3);
        QVERIFY(m_plot->isAutoRange());
    }

    void legendClickHighlightsAndDoubleClickHides() {
        QCustomPlot *qcp = m_plot->customPlot();
        QCPAbstractLegendItem *second = qcp->legend->item(1);
        const QPoint at = second->outerRect().center();
        QSignalSpy highlight(m_plot.get(), &MetricOverlayPlot::highlightChanged);
        QTest::mouseClick(qcp, Qt::LeftButton, Qt::NoModifier, at);
        QCOMPARE(m_plot->highlightedRun(), 11);
        QCOMPARE(highlight.count(), 1);
        QTest::mouseDClick(qcp, Qt::LeftButton, Qt::NoModifier, at);
        QVERIFY(m_plot->isRunHidden(11));
        QCOMPARE(m_plot->visibleCurveCount(), 2);
        // Hiding does not reset the view (a double-click elsewhere would).
        QVERIFY(m_plot->isAutoRange());
    }

    void wheelZoomsXAndAsksForData() {
        QSignalSpy view(m_plot.get(), &MetricOverlayPlot::viewChanged);
        const QPoint centre = pixelOf(*m_plot, 50, 2);
        sendWheel(m_plot->customPlot(), centre, 120);
        QVERIFY(view.count() >= 1);
        const auto [lo, hi] = m_plot->xRange();
        QVERIFY2(hi - lo < 99.0 * 0.95, qPrintable(QStringLiteral("%1..%2").arg(lo).arg(hi)));
        QVERIFY(lo > 0 && hi < 99);
        QVERIFY(!m_plot->isAutoRange());
        const QList<QVariant> last = view.last();
        QCOMPARE(last.at(0).toDouble(), lo);
        QCOMPARE(last.at(1).toDouble(), hi);
        QCOMPARE(last.at(2).toInt(), m_plot->plotColumns());

        // A double-click on the plot resets to the automatic range.
        QSignalSpy reset(m_plot.get(), &MetricOverlayPlot::viewReset);
        QTest::mouseDClick(m_plot->customPlot(), Qt::LeftButton, Qt::NoModifier, centre);
        QCOMPARE(reset.count(), 1);
        QVERIFY(m_plot->isAutoRange());
        QCOMPARE(m_plot->xRange().second, 99.0);
    }

    void dragPansAndRubberBandZooms() {
        QCustomPlot *qcp = m_plot->customPlot();
        const QPoint from = pixelOf(*m_plot, 40, 2);
        const QPoint to = pixelOf(*m_plot, 60, 2);
        QTest::mousePress(qcp, Qt::LeftButton, Qt::NoModifier, to);
        QMouseEvent move(QEvent::MouseMove, QPointF(from), QPointF(qcp->mapToGlobal(from)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(qcp, &move);
        QTest::mouseRelease(qcp, Qt::LeftButton, Qt::NoModifier, from);
        // Dragging left by 20 steps shows 20 steps further right.
        QVERIFY2(std::abs(m_plot->xRange().first - 20) < 1.0,
                 qPrintable(QString::number(m_plot->xRange().first)));

        m_plot->resetView();
        const QPoint a = pixelOf(*m_plot, 20, 2.5);
        const QPoint b = pixelOf(*m_plot, 30, 1.5);
        QTest::mousePress(qcp, Qt::LeftButton, Qt::ShiftModifier, a);
        QMouseEvent rect(QEvent::MouseMove, QPointF(b), QPointF(qcp->mapToGlobal(b)), Qt::NoButton,
                         Qt::LeftButton, Qt::ShiftModifier);
        QApplication::sendEvent(qcp, &rect);
        QTest::mouseRelease(qcp, Qt::LeftButton, Qt::ShiftModifier, b);
        QVERIFY(std::abs(m_plot->xRange().first - 20) < 0.5);
        QVERIFY(std::abs(m_plot->xRange().second - 30) < 0.5);
        QVERIFY(std::abs(m_plot->yRange().first - 1.5) < 0.05);
        QVERIFY(std::abs(m_plot->yRange().second - 2.5) < 0.05);
    }

    void hoverListsValuesAndPicksTheRunUnderTheMouse() {
        QCustomPlot *qcp = m_plot->customPlot();
        const QPoint onRun2 = pixelOf(*m_plot, 50, 2.05);
        QSignalSpy crosshair(m_plot.get(), &MetricOverlayPlot::crosshairMoved);
        QTest::mouseMove(qcp, onRun2);
        QTRY_VERIFY(!m_plot->hoverText().isEmpty());
        const QStringList lines = m_plot->hoverText().split(u'\n');
        QCOMPARE(lines.size(), 4); // the x, then one line per run
        QVERIFY(lines[0].contains(QStringLiteral("step 50")));
        // Sorted by value, largest first; the run under the mouse is marked.
        QVERIFY(lines[1].contains(QStringLiteral("run-3")));
        QVERIFY(lines[2].contains(QStringLiteral("run-2")));
        QVERIFY(lines[2].startsWith(QStringLiteral("▶")));
        QVERIFY(lines[3].contains(QStringLiteral("run-1")));
        QVERIFY(lines[2].contains(QLocale().toString(2.05, 'g', 6)));
        QCOMPARE(m_plot->hoveredRun(), 11);
        QCOMPARE(m_plot->highlightedRun(), 11);
        QVERIFY(crosshair.count() >= 1);
        QCOMPARE(crosshair.last().at(0).toDouble(), 50.0);

        QSignalSpy clicked(m_plot.get(), &MetricOverlayPlot::runClicked);
        QTest::mouseClick(qcp, Qt::LeftButton, Qt::NoModifier, onRun2);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toLongLong(), 11);

        // Far from every curve: nothing is under the mouse.
        QTest::mouseMove(qcp, pixelOf(*m_plot, 50, 2.5));
        QTRY_COMPARE(m_plot->hoveredRun(), 0);
    }

    void smoothedCurvesDrawOverFaintRaw() {
        std::vector<PlotRun> runs = threeRuns();
        for (PlotRun &r : runs)
            r.smooth = r.raw;
        m_plot->setRuns(std::move(runs));
        QCOMPARE(m_plot->customPlot()->graphCount(), 6);
        QCOMPARE(m_plot->customPlot()->legend->itemCount(), 3);
        const QCPGraph *raw = m_plot->customPlot()->graph(0);
        const QCPGraph *smooth = m_plot->customPlot()->graph(1);
        QVERIFY(raw->pen().color().alpha() < 100);
        QCOMPARE(smooth->pen().color().alpha(), 255);
    }

    void groupsDrawMeansWithBands() {
        widgets::PlotGroup g;
        g.label = QStringLiteral("lr=0.1");
        g.runs = 3;
        g.color = Qt::red;
        for (int i = 0; i < 10; ++i) {
            g.curve.mean.push(i, 2);
            g.curve.lower.push_back(1);
            g.curve.upper.push_back(3);
            g.curve.n.push_back(3);
        }
        m_plot->setGroups({g});
        QCOMPARE(m_plot->customPlot()->legend->itemCount(), 1);
        QVERIFY(m_plot->customPlot()->legend->item(0)->property("text").isNull());
        auto *item = qobject_cast<QCPPlottableLegendItem *>(m_plot->customPlot()->legend->item(0));
        QVERIFY(item);
        // (Plural forms come from the translation, not loaded here.)
        QVERIFY(item->plottable()->name().startsWith(QStringLiteral("lr=0.1 (3 run")));
        QCOMPARE(m_plot->visibleCurveCount(), 4); // three faint members and the mean
        m_plot->setShowGroupMembers(false);
        QCOMPARE(m_plot->visibleCurveCount(), 1);
    }

    void logScaleDropsNonPositiveValues() {
        std::vector<PlotRun> runs = threeRuns();
        runs[0].raw.y[0] = 0;
        runs[0].raw.y[1] = -5;
        m_plot->setRuns(std::move(runs));
        m_plot->setLogY(true);
        QVERIFY(m_plot->yRange().first > 0);
        QVERIFY(std::isnan(m_plot->customPlot()->graph(0)->data()->at(1)->value));
        m_plot->replotNow();
    }

    void nanValuesAreGaps() {
        std::vector<PlotRun> runs = threeRuns();
        runs[0].raw.y[50] = std::nan("");
        m_plot->setRuns(std::move(runs));
        QVERIFY(std::isnan(m_plot->customPlot()->graph(0)->data()->at(50)->value));
        m_plot->replotNow();
    }

    void denseCurvesFillEveryPixelColumn() {
        // Many runs draw through the span batch: every pixel column of a dense curve gets ink,
        // at any zoom (a column without points between two with points included).
        std::vector<PlotRun> runs;
        for (int r = 0; r < 14; ++r) {
            PlotRun run;
            run.runId = 100 + r;
            run.name = QStringLiteral("dense-%1").arg(r);
            run.color = Qt::black;
            for (int i = 0; i < 6194; ++i)
                run.raw.push(400000 + i * (400000.0 / 6194), 1 + 0.2 * std::sin(i * 0.05));
            runs.push_back(std::move(run));
        }
        m_plot->setRuns(std::move(runs));
        for (const auto &[lo, hi] : {std::pair{500000.0, 700000.0}, std::pair{400000.0, 800000.0},
                                     std::pair{551234.5, 612345.6}}) {
            m_plot->setXRange(lo, hi);
            const int empty = firstColumnWithoutInk(*m_plot);
            QVERIFY2(empty < 0,
                     qPrintable(QStringLiteral("column %1 of %2..%3").arg(empty).arg(lo).arg(hi)));
        }
    }

    void decimatedColumnsFillEveryPixelColumn() {
        // Decimated data: a min and a max per data column, data columns about one pixel wide
        // (slightly more, exactly, slightly less), so some pixel columns get none.
        m_plot->replotNow();
        const int width = m_plot->customPlot()->axisRect()->width();
        for (const double ratio : {0.997, 1.0, 1.003}) {
            std::vector<PlotRun> runs;
            const double cw = 1000.0 / width * ratio;
            for (int r = 0; r < 14; ++r) {
                PlotRun run;
                run.runId = 200 + r;
                run.name = QStringLiteral("cols-%1").arg(r);
                run.color = Qt::black;
                for (int k = -10; k < width + 10; ++k) {
                    run.raw.push(k * cw, 1 + 0.1 * (k % 7));
                    run.raw.push(k * cw + cw * 0.98, 1.5 + 0.1 * (k % 5));
                }
                runs.push_back(std::move(run));
            }
            m_plot->setRuns(std::move(runs));
            m_plot->setXRange(0, 1000);
            const int empty = firstColumnWithoutInk(*m_plot);
            QVERIFY2(empty < 0,
                     qPrintable(QStringLiteral("column %1, ratio %2").arg(empty).arg(ratio)));
        }
    }

    void exportsPngPdfAndSvg() {
        QTemporaryDir dir;
        QString error;
        const QString png = dir.filePath(QStringLiteral("chart.png"));
        QVERIFY2(m_plot->exportTo(png, QSize(800, 500), 2.0, &error), qPrintable(error));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1600, 1000));

        const QString pdf = dir.filePath(QStringLiteral("chart.pdf"));
        QVERIFY2(m_plot->exportTo(pdf, QSize(800, 500), 1.0, &error), qPrintable(error));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5).startsWith("%PDF-"));

        const QString svg = dir.filePath(QStringLiteral("chart.svg"));
        QVERIFY2(m_plot->exportTo(svg, QSize(800, 500), 1.0, &error), qPrintable(error));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray text = svgFile.readAll();
        QVERIFY(text.contains("<svg"));
        // One stroked curve per run, in the run's colour.
        for (const char *color : {"#2f6fd1", "#e0672b", "#2a9d55"})
            QVERIFY2(text.contains(QByteArray("stroke=\"") + color), color);

        QVERIFY(!m_plot->exportTo(dir.filePath(QStringLiteral("chart.bmpx")), {}, 1.0, &error));
        QVERIFY(error.contains(QStringLiteral("bmpx")));
    }

private:
    std::unique_ptr<MetricOverlayPlot> m_plot;
};

QTEST_MAIN(TestMetricOverlayPlot)
#include "tst_metricoverlayplot.moc"
