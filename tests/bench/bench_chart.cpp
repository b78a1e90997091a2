// SPDX-License-Identifier: GPL-3.0-or-later
// The metric overlay chart at scale: N runs × M points (default 100 × 1,000,000, the demo
// sweep's learning curves) in a cache file, drawn by MetricOverlayPlot at 1600×900 offscreen.
//
//   first draw:  loadChart (full range, 1600 columns) + setRuns + replot, cold and warm
//   pan / zoom:  replot after moving the x range (the data already loaded), median
//   refine:      loadChart of a zoomed range (what follows a pan or zoom, off the GUI thread)
//   deep zoom:   loadChart of a range of ~1,500 raw points per run
//   memory:      RSS above the empty app after all that
//   naive:       the same runs' raw points handed to QCustomPlot directly, replot median
//
// bench_chart --help for the options; the cache is reused when it holds the asked-for data.
#include "analysis/chartdata.h"
#include "core/run.h"
#include "demo/demogenerator.h"
#include "store/cache.h"
#include "widgets/metricoverlayplot.h"
#include "widgets/runcolors.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <qcustomplot.h>
#include <unistd.h>

using namespace runlens;

namespace {

double rssMb() {
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts[1].toDouble() * double(sysconf(_SC_PAGESIZE)) / 1048576.0 : 0;
}

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double ms(const QElapsedTimer &t) {
    return double(t.nsecsElapsed()) / 1e6;
}

const QString metricKey = QStringLiteral("train/loss");

bool fillCache(store::Cache &cache, int runs, int points) {
    demo::DemoOptions options;
    options.runs = runs;
    options.steps = points;
    options.metrics = 1;
    options.params = 4;
    options.seed = 7;
    demo::DemoSweep sweep(options);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < sweep.size(); ++i) {
        const demo::DemoRun d = sweep.run(i);
        store::RunUpdate u;
        core::Run &run = u.run;
        run.sourceRoot = QStringLiteral("/bench/chart");
        run.path = QString::fromStdString(d.id);
        run.format = QStringLiteral("demo");
        run.uid = QString::fromStdString(d.id);
        run.key = core::Run::makeKey(run.format, run.uid);
        run.name = QString::fromStdString(d.name);
        run.startMs = d.startMs;
        run.endMs = d.endMs;
        run.status = core::RunStatus::Finished;
        for (const demo::DemoParam &p : d.params)
            run.config.set(QString::fromStdString(p.name), QString::fromStdString(p.text));
        store::RunUpdate::Series s;
        s.key = metricKey;
        const std::vector<double> &values = d.values.front();
        s.points.reserve(values.size());
        for (size_t k = 0; k < values.size(); ++k)
            s.points.push_back({qint64(k), d.timesMs[k], values[k]});
        run.metricRef(metricKey).add(s.points);
        u.series.push_back(std::move(s));
        QString error;
        if (cache.writeRun(u, &error) == 0) {
            std::fprintf(stderr, "write failed: %s\n", qPrintable(error));
            return false;
        }
        if (i % 10 == 9)
            std::fprintf(stderr, "  wrote %d/%d runs (%.1f s)\n", i + 1, sweep.size(),
                         ms(timer) / 1000);
    }
    return true;
}

analysis::ChartRequest requestFor(const core::Runs &runs, int columns) {
    analysis::ChartRequest rq;
    rq.metric = metricKey;
    rq.columns = columns;
    for (const core::Run &r : runs)
        rq.runs.push_back({r.id, r.startMs, -1});
    return rq;
}

} // namespace

int main(int argc, char **argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Chart benchmark (see the source header)."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("cache"), QStringLiteral("cache file"), QStringLiteral("file"),
                      QStringLiteral("build/bench-chart.sqlite")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("runs"), QStringLiteral("n"),
                      QStringLiteral("100")});
    parser.addOption({QStringLiteral("points"), QStringLiteral("points per run"),
                      QStringLiteral("n"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("rounds"), QStringLiteral("rounds per figure"),
                      QStringLiteral("n"), QStringLiteral("9")});
    parser.addOption({QStringLiteral("naive-runs"),
                      QStringLiteral("runs fed raw to QCustomPlot for the comparison (0: skip)"),
                      QStringLiteral("n"), QStringLiteral("100")});
    parser.process(app);
    const QString path = parser.value(QStringLiteral("cache"));
    const int runs = parser.value(QStringLiteral("runs")).toInt();
    const int points = parser.value(QStringLiteral("points")).toInt();
    const int rounds = std::max(1, parser.value(QStringLiteral("rounds")).toInt());
    const int naiveRuns = parser.value(QStringLiteral("naive-runs")).toInt();

    widgets::MetricOverlayPlot plot;
    plot.resize(1600, 900);
    plot.setMetric(metricKey);
    plot.show();
    QCoreApplication::processEvents();
    plot.replotNow();
    const double emptyRss = rssMb();

    QString error;
    std::unique_ptr<store::Cache> cache = store::Cache::open(path, &error);
    if (!cache) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    // The sweep's failed and killed runs stop early, so the point count is not runs × points:
    // a stamp beside the cache says what it was written for.
    QFile stamp(path + QStringLiteral(".params"));
    const QByteArray want = QByteArray::number(runs) + ' ' + QByteArray::number(points);
    const bool reuse =
        stamp.open(QIODevice::ReadOnly) && stamp.readAll() == want && cache->counts().runs == runs;
    stamp.close();
    if (!reuse) {
        cache.reset();
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        cache = store::Cache::open(path, &error);
        std::fprintf(stderr, "writing %d runs x %d points to %s\n", runs, points, qPrintable(path));
        QElapsedTimer t;
        t.start();
        if (!cache || !fillCache(*cache, runs, points))
            return 1;
        if (stamp.open(QIODevice::WriteOnly))
            stamp.write(want);
        stamp.close();
        std::printf("write: %.1f s (%.1f M points/s); file %.0f MB\n", ms(t) / 1000,
                    double(runs) * points / (ms(t) / 1000) / 1e6,
                    double(QFileInfo(path).size()) / 1048576.0);
    }
    const core::Runs all = cache->loadRuns();
    QHash<qint64, const core::Run *> byId;
    for (const core::Run &r : all)
        byId.insert(r.id, &r);
    const auto runOf = [&byId](qint64 id) {
        return byId.value(id);
    };
    // The app's loader reads with two connections (two threads).
    std::unique_ptr<store::Cache> second = qEnvironmentVariableIsSet("BENCH_ONE_CONNECTION")
                                               ? nullptr
                                               : store::Cache::open(path, &error);
    const int columns = plot.plotColumns();
    std::printf("%d runs x %d points, plot %dx%d (%d columns)\n", int(all.size()), points,
                plot.width(), plot.height(), columns);

    // First full draw.
    std::vector<double> first, firstLoad;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        const analysis::ChartData data =
            analysis::loadChart(*cache, requestFor(all, columns), second.get());
        firstLoad.push_back(ms(t));
        plot.setChart(data, runOf);
        plot.replotNow();
        first.push_back(ms(t));
        if (r == 0)
            std::printf("first draw, cold-ish round: %.1f ms (load %.1f ms)\n", first[0],
                        firstLoad[0]);
    }
    std::printf("first draw (load + draw): median %.1f ms (load alone %.1f ms)\n", median(first),
                median(firstLoad));

    // Pan and zoom: replots of loaded data, as while the mouse moves.
    const auto [lo0, hi0] = plot.xRange();
    {
        // Zoomed to 20 % with the margins the app loads, then panned in 2 % steps.
        const double w = (hi0 - lo0) * 0.2;
        double lo = lo0 + (hi0 - lo0) * 0.4;
        analysis::ChartRequest rq = requestFor(all, columns * 2);
        rq.fullRange = false;
        rq.lo = lo - 0.5 * w;
        rq.hi = lo + 1.5 * w;
        QElapsedTimer t;
        t.start();
        const analysis::ChartData data = analysis::loadChart(*cache, rq, second.get());
        const double refine = ms(t);
        plot.setXRange(lo, lo + w);
        plot.setChart(data, runOf);
        plot.replotNow();
        // Real interaction: a mouse drag (30 steps of 16 px) and wheel steps, each event with
        // the replot it queues, as the event loop runs them.
        QCustomPlot *qcp = plot.customPlot();
        const QPoint centre = qcp->axisRect()->rect().center();
        QMouseEvent press(QEvent::MouseButtonPress, QPointF(centre), QPointF(centre),
                          Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(qcp, &press);
        QCoreApplication::processEvents();
        std::vector<double> pans, panEvent;
        for (int i = 1; i <= 30; ++i) {
            const QPointF at(centre.x() - 16 * i, centre.y());
            QElapsedTimer p;
            p.start();
            QMouseEvent move(QEvent::MouseMove, at, at, Qt::NoButton, Qt::LeftButton,
                             Qt::NoModifier);
            QApplication::sendEvent(qcp, &move);
            panEvent.push_back(ms(p));
            QCoreApplication::processEvents();
            pans.push_back(ms(p));
        }
        QMouseEvent release(QEvent::MouseButtonRelease, QPointF(centre.x() - 480, centre.y()),
                            QPointF(centre), Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(qcp, &release);
        QCoreApplication::processEvents();
        std::vector<double> zooms;
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer z;
            z.start();
            const QPointF at(centre);
            QWheelEvent wheel(at, at, QPoint(), QPoint(0, i < 5 ? 120 : -120), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(qcp, &wheel);
            QCoreApplication::processEvents();
            zooms.push_back(ms(z));
        }
        std::printf("pan redraw: median %.2f ms (the move event alone %.2f ms), max %.2f ms; "
                    "zoom redraw: median %.2f ms\n",
                    median(pans), median(panEvent), *std::max_element(pans.begin(), pans.end()),
                    median(zooms));
        // Where the time goes: replot alone (no range change), and without antialiasing.
        plot.toImage().save(QStringLiteral("build/bench-chart-pan.png"));
        plot.grab().save(QStringLiteral("build/bench-chart-pan-grab.png"));
        if (qEnvironmentVariableIsSet("BENCH_DUMP")) {
            const int px = qEnvironmentVariableIntValue("BENCH_DUMP");
            const QCPGraph *g = qcp->graph(0);
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
                const double p = qcp->xAxis->coordToPixel(it->key);
                if (std::abs(p - px) < 3)
                    std::printf("  key %.2f px %.3f value %.4f\n", it->key, p, it->value);
            }
        }
        QThread::msleep(250); // the settle timer: back to full quality
        QCoreApplication::processEvents();
        std::vector<double> bare, noAa;
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer b;
            b.start();
            plot.replotNow();
            bare.push_back(ms(b));
        }
        plot.customPlot()->setNotAntialiasedElements(QCP::aeAll);
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer b;
            b.start();
            plot.replotNow();
            noAa.push_back(ms(b));
        }
        plot.customPlot()->layer(QStringLiteral("hover"))->setMode(QCPLayer::lmLogical);
        plot.customPlot()->replot();
        std::vector<double> oneBuffer;
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer b;
            b.start();
            plot.replotNow();
            oneBuffer.push_back(ms(b));
        }
        std::printf("  one paint buffer, no AA: %.2f ms\n", median(oneBuffer));
        plot.customPlot()->layer(QStringLiteral("hover"))->setMode(QCPLayer::lmBuffered);
        plot.customPlot()->setNotAntialiasedElements(QCP::aeNone);
        for (int g = 0; g < plot.customPlot()->graphCount(); ++g)
            plot.customPlot()->graph(g)->setVisible(false);
        std::vector<double> empty;
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer b;
            b.start();
            plot.replotNow();
            empty.push_back(ms(b));
        }
        for (int g = 0; g < plot.customPlot()->graphCount(); ++g)
            plot.customPlot()->graph(g)->setVisible(true);
        std::printf("  replot with every curve hidden (axes, grid, legend, buffers): %.2f ms\n",
                    median(empty));
        std::printf("  replot alone: median %.2f ms; without antialiasing %.2f ms\n", median(bare),
                    median(noAa));
        std::printf("refine load of a 20 %% view (+margins, %d columns): %.1f ms, %lld points\n",
                    columns * 2, refine, (long long)data.pointsRead);
    }

    // Deep zoom: about 1,500 raw points of each run visible.
    {
        std::vector<double> deep;
        qint64 read = 0;
        bool exact = true;
        for (int r = 0; r < rounds; ++r) {
            analysis::ChartRequest rq = requestFor(all, columns);
            rq.fullRange = false;
            rq.lo = points * 0.5 + r * 1000;
            rq.hi = rq.lo + 1500;
            QElapsedTimer t;
            t.start();
            const analysis::ChartData data = analysis::loadChart(*cache, rq, second.get());
            deep.push_back(ms(t));
            read = data.pointsRead;
            for (const analysis::ChartSeries &s : data.series)
                exact = exact && s.exact;
        }
        std::printf("deep zoom (1,500 points per run): median %.1f ms, %lld values read, %s\n",
                    median(deep), (long long)read, exact ? "exact raw points" : "NOT exact");
    }
    std::printf("memory above the empty app: %.0f MB (empty app %.0f MB)\n", rssMb() - emptyRss,
                emptyRss);

    if (naiveRuns > 0) {
        // The naive way: every raw point to QCustomPlot.
        QCustomPlot naive;
        naive.resize(1600, 900);
        naive.show();
        QElapsedTimer t;
        t.start();
        const int n = std::min(naiveRuns, int(all.size()));
        for (int i = 0; i < n; ++i) {
            const core::MetricPoints pts = cache->loadSeries(all[size_t(i)].id, metricKey);
            QVector<QCPGraphData> data;
            data.reserve(qsizetype(pts.size()));
            for (const core::MetricPoint &p : pts)
                data.append(QCPGraphData(double(p.step), p.value));
            QCPGraph *g = naive.addGraph();
            g->setPen(QPen(widgets::runColor(all[size_t(i)].key)));
            g->data()->set(data, true);
        }
        naive.rescaleAxes();
        const double load = ms(t);
        t.restart();
        naive.replot(QCustomPlot::rpImmediateRefresh);
        const double firstDraw = ms(t);
        std::vector<double> pans;
        const QCPRange r0 = naive.xAxis->range();
        const double w = r0.size() * 0.2;
        double lo = r0.lower + r0.size() * 0.4;
        for (int i = 0; i < std::max(5, rounds); ++i) {
            lo += w * 0.02;
            QElapsedTimer p;
            p.start();
            naive.xAxis->setRange(lo, lo + w);
            naive.replot(QCustomPlot::rpImmediateRefresh);
            pans.push_back(ms(p));
        }
        std::printf("naive QCustomPlot, %d runs of raw points: load %.0f ms, first draw %.0f ms, "
                    "pan redraw median %.1f ms, memory now %.0f MB above the empty app\n",
                    n, load, firstDraw, median(pans), rssMb() - emptyRss);
    }
    return 0;
}
