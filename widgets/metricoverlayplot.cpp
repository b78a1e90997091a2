// SPDX-License-Identifier: GPL-3.0-or-later
#include "metricoverlayplot.h"

#include "analysis/statistics.h"
#include "runcolors.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QMouseEvent>
#include <QSvgGenerator>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace runlens::widgets {

namespace {

constexpr int legendLimit = 20;     // legend entries at most
constexpr int hoverLines = 16;      // runs listed in the hover box
constexpr int hoverPickPixels = 12; // a curve this close to the mouse is "under" it
const QString overlayLayer = QStringLiteral("hover"); // QCustomPlot has an "overlay" already

class SpanBatch;

/// A run's curve. Dense data (at least one point per pixel column, which decimated data always
/// is when zoomed out), drawn aliased and 1 pixel wide, is one vertical span per pixel column
/// from the column's lowest to its highest value, joined to the previous column's last value:
/// exactly the polyline's pixels. Such curves are not stroked by QPainter one by one: the
/// SpanBatch writes all of them into one image and draws that once, many times faster for a
/// hundred curves. Antialiased, wide or sparse curves, and vector or scaled output (exports),
/// are drawn by QCPGraph as usual.
class SpanGraph final : public QCPGraph {
public:
    SpanGraph(QCPAxis *key, QCPAxis *value)
        : QCPGraph(key, value) {}

    /// Whether the batch draws this curve on this painter.
    [[nodiscard]] bool batchable(const QCPPainter *painter) const {
        const QCPAxis *kx = keyAxis();
        if (!kx || !valueAxis() || !realVisibility() || mDataContainer->isEmpty() ||
            antialiased() || mPen.widthF() > 1.0 || mPen.style() != Qt::SolidLine ||
            mBrush.style() != Qt::NoBrush || kx->orientation() != Qt::Horizontal ||
            painter->modes().testFlag(QCPPainter::pmVectorized) ||
            painter->transform().type() > QTransform::TxTranslate || !painter->device() ||
            painter->device()->devicePixelRatioF() != 1.0)
            return false;
        const QCPRange range = kx->range();
        const auto begin = mDataContainer->findBegin(range.lower, true);
        const auto end = mDataContainer->findEnd(range.upper, true);
        return end - begin >= kx->axisRect()->width();
    }

    /// Calls span(x, yLow, yHigh) for every pixel column and line(x0, y0, x1, y1) for every
    /// sparse stretch, in widget pixels.
    template <typename Span, typename Line> void spans(Span span, Line line) const {
        const QCPAxis *kx = keyAxis();
        const QCPAxis *vy = valueAxis();
        const QCPRange range = kx->range();
        const auto begin = mDataContainer->findBegin(range.lower, true);
        const auto end = mDataContainer->findEnd(range.upper, true);
        const bool logY = vy->scaleType() == QCPAxis::stLogarithmic;
        // Linear axes map by a*v + b: two calls instead of one per point.
        const double kb = kx->coordToPixel(0.0);
        const double ka = kx->coordToPixel(1.0) - kb;
        const bool linearX = kx->scaleType() == QCPAxis::stLinear;
        const double vb = vy->coordToPixel(0.0);
        const double va = vy->coordToPixel(1.0) - vb;
        int col = 0, lo = 0, hi = 0, last = 0;
        bool open = false; // a column is being collected
        // A single pixel column without points between two with points is rounding (columns
        // of data a little wider than pixels): it gets both neighbours' extent, so a dense
        // curve's envelope has no hole.
        int bridge = std::numeric_limits<int>::min();
        int bridgeLo = 0, bridgeHi = 0;
        const auto close = [&] {
            span(col, lo, hi);
            if (bridge == col - 1)
                span(bridge, std::min(bridgeLo, lo), std::max(bridgeHi, hi));
            bridge = std::numeric_limits<int>::min();
        };
        for (auto it = begin; it != end; ++it) {
            const double v = it->value;
            if (!std::isfinite(v) || (logY && v <= 0)) {
                if (open)
                    close();
                open = false; // a gap: the next point starts afresh
                continue;
            }
            const double px = linearX ? ka * it->key + kb : kx->coordToPixel(it->key);
            const double py = logY ? vy->coordToPixel(v) : va * v + vb;
            const int x = int(std::floor(std::clamp(px, -1e6, 1e6)));
            const int y = int(std::clamp(py, -1e6, 1e6));
            if (open && x == col) {
                lo = std::min(lo, y);
                hi = std::max(hi, y);
                last = y;
                continue;
            }
            if (open)
                close();
            if (open && x == col + 2) {
                bridge = col + 1;
                bridgeLo = lo;
                bridgeHi = hi;
                lo = std::min(last, y);
                hi = std::max(last, y);
            } else if (open && x > col + 2) {
                line(col, last, x, y); // a sparse stretch: a plain segment
                lo = hi = y;
            } else if (open) {
                lo = std::min(last, y); // joined to the previous column's last value
                hi = std::max(last, y);
            } else {
                lo = hi = y;
            }
            col = x;
            last = y;
            open = true;
        }
        if (open)
            close();
    }

    SpanBatch *batch = nullptr;

protected:
    void draw(QCPPainter *painter) override;
};

/// Draws every batchable SpanGraph of the plot into one image (see SpanGraph). It sits on a
/// layer of its own right above the curves' layer.
class SpanBatch final : public QCPLayerable {
public:
    explicit SpanBatch(QCustomPlot *plot)
        : QCPLayerable(plot) {}
    std::vector<SpanGraph *> graphs;

    double selectTest(const QPointF &, bool, QVariant * = nullptr) const override { return -1; }

protected:
    void applyDefaultAntialiasingHint(QCPPainter *) const override {}
    void draw(QCPPainter *painter) override {
        const QRect rect = mParentPlot->axisRect()->rect();
        if (rect.isEmpty())
            return;
        if (m_image.size() != rect.size())
            m_image = QImage(rect.size(), QImage::Format_ARGB32_Premultiplied);
        m_image.fill(Qt::transparent);
        const int w = m_image.width();
        const int h = m_image.height();
        auto *bits = reinterpret_cast<QRgb *>(m_image.bits());
        const qsizetype stride = m_image.bytesPerLine() / 4;
        bool any = false;
        for (const SpanGraph *g : graphs) {
            if (!g->batchable(painter))
                continue;
            any = true;
            const QRgb src = qPremultiply(g->pen().color().rgba());
            const uint alpha = qAlpha(src);
            const auto plot = [&](int x, int y) {
                QRgb &d = bits[y * stride + x];
                if (alpha == 255) {
                    d = src;
                    return;
                }
                const uint inv = 255 - alpha;
                d = qRgba(qRed(src) + qRed(d) * inv / 255, qGreen(src) + qGreen(d) * inv / 255,
                          qBlue(src) + qBlue(d) * inv / 255, alpha + qAlpha(d) * inv / 255);
            };
            const int left = rect.left();
            const int top = rect.top();
            g->spans(
                [&](int x, int y0, int y1) {
                    x -= left;
                    if (x < 0 || x >= w)
                        return;
                    y0 = std::max(0, y0 - top);
                    y1 = std::min(h - 1, y1 - top);
                    for (int y = y0; y <= y1; ++y)
                        plot(x, y);
                },
                [&](int x0, int y0, int x1, int y1) {
                    // Plain DDA for the rare sparse stretch, one pixel per column.
                    x0 -= left;
                    x1 -= left;
                    y0 -= top;
                    y1 -= top;
                    for (int x = std::max(x0, 0); x <= std::min(x1, w - 1); ++x) {
                        const int y =
                            y0 +
                            int(std::lround(double(y1 - y0) * (x - x0) / std::max(1, x1 - x0)));
                        if (y >= 0 && y < h)
                            plot(x, y);
                    }
                });
        }
        if (any)
            painter->drawImage(rect.topLeft(), m_image);
    }

private:
    QImage m_image;
};

void SpanGraph::draw(QCPPainter *painter) {
    if (batch && batchable(painter))
        return; // the batch draws it
    QCPGraph::draw(painter);
}

void setGraphData(QCPGraph *graph, const analysis::Curve &curve, bool logY) {
    QVector<QCPGraphData> data;
    data.reserve(qsizetype(curve.size()));
    for (size_t i = 0; i < curve.size(); ++i) {
        double y = curve.y[i];
        if (logY && !(y > 0))
            y = std::nan(""); // no place on a log axis: a gap
        data.append(QCPGraphData(curve.x[i], y));
    }
    graph->data()->set(data, true);
}

QString formatValue(double v) {
    if (std::isnan(v))
        return QStringLiteral("NaN");
    return QLocale().toString(v, 'g', 6);
}

} // namespace

MetricOverlayPlot::MetricOverlayPlot(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumSize(240, 180);

    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->setSelectionRectMode(QCP::srmNone);

    // Title and subtitle above the axis rect, the legend to its right (never over the curves).
    m_plot->plotLayout()->insertRow(0);
    m_title = new QCPTextElement(m_plot, QString(), QFont(font().family(), 11, QFont::DemiBold));
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_plot->plotLayout()->insertRow(1);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    m_subtitle = new QCPTextElement(m_plot, QString(), small);
    m_plot->plotLayout()->addElement(1, 0, m_subtitle);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(small);
    m_plot->legend->setIconSize(QSize(18, 8));
    m_plot->legend->setRowSpacing(0);
    // The legend at the top of a column of its own, right of the axis rect (an empty element
    // below it takes the rest of the height, so entries do not spread out).
    auto *side = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(2, 1, side);
    side->addElement(0, 0, m_plot->legend);
    side->addElement(1, 0, new QCPLayoutElement(m_plot));
    side->setRowStretchFactor(0, 0.001);
    side->setRowStretchFactor(1, 1);
    side->setMargins(QMargins(0, 0, 0, 0));
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    m_plot->legend->setSelectableParts(QCPLegend::spNone);

    // Hover items live on a buffered layer of their own: moving the mouse replots only them.
    m_plot->addLayer(overlayLayer, nullptr, QCustomPlot::limAbove);
    // Above the curves' layer ("main"): the batch-drawn curves, the group means, the highlighted
    // run.
    m_plot->addLayer(QStringLiteral("runs"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limAbove);
    m_plot->addLayer(QStringLiteral("groups"), m_plot->layer(QStringLiteral("runs")),
                     QCustomPlot::limAbove);
    m_plot->addLayer(QStringLiteral("top"), m_plot->layer(QStringLiteral("groups")),
                     QCustomPlot::limAbove);
    auto *batch = new SpanBatch(m_plot);
    batch->setLayer(QStringLiteral("runs"));
    m_batch = batch;
    m_plot->layer(overlayLayer)->setMode(QCPLayer::lmBuffered);
    m_crosshair = new QCPItemStraightLine(m_plot);
    m_crosshair->setLayer(overlayLayer);
    m_crosshair->setVisible(false);
    m_crosshair->setSelectable(false);
    m_tooltip = new QCPItemText(m_plot);
    m_tooltip->setLayer(overlayLayer);
    m_tooltip->setVisible(false);
    m_tooltip->setSelectable(false);
    m_tooltip->setClipToAxisRect(false);
    m_tooltip->position->setType(QCPItemPosition::ptAbsolute);
    m_tooltip->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_tooltip->setTextAlignment(Qt::AlignLeft);
    m_tooltip->setPadding(QMargins(7, 5, 7, 5));
    m_tooltip->setFont(small);

    connect(m_plot, &QCustomPlot::mouseMove, this, &MetricOverlayPlot::onMouseMove);
    connect(m_plot, &QCustomPlot::mousePress, this, &MetricOverlayPlot::onMousePress);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &MetricOverlayPlot::onMouseRelease);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, &MetricOverlayPlot::onDoubleClick);
    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            &MetricOverlayPlot::onUserRangeChange);
    // A legend entry's run (0 for a group mean).
    const auto runOfItem = [this](QCPAbstractLegendItem *item) -> qint64 {
        auto *pi = qobject_cast<QCPPlottableLegendItem *>(item);
        return pi ? runOfGraph(qobject_cast<QCPGraph *>(pi->plottable())) : 0;
    };
    connect(m_plot, &QCustomPlot::legendClick, this,
            [this, runOfItem](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *) {
                if (const qint64 id = runOfItem(item))
                    setHighlightedRun(m_highlighted == id ? 0 : id);
            });
    connect(m_plot, &QCustomPlot::legendDoubleClick, this,
            [this, runOfItem](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *) {
                if (const qint64 id = runOfItem(item))
                    setRunHidden(id, !m_hidden.contains(id));
            });
    m_settle = new QTimer(this);
    m_settle->setSingleShot(true);
    m_settle->setInterval(180);
    connect(m_settle, &QTimer::timeout, this, [this] { setInteracting(false); });
    m_plot->installEventFilter(this);
    applyTheme();
    updateXAxisTicker();
}

MetricOverlayPlot::~MetricOverlayPlot() = default;

void MetricOverlayPlot::setMetric(const QString &metric) {
    m_metric = metric;
    m_title->setText(metric);
    m_plot->yAxis->setLabel(QString());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MetricOverlayPlot::setXAxis(analysis::XAxis axis, const QString &xMetric) {
    m_xAxis = axis;
    m_xMetric = xMetric;
    updateXAxisTicker();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MetricOverlayPlot::updateXAxisTicker() {
    QCPAxis *x = m_plot->xAxis;
    switch (m_xAxis) {
    case analysis::XAxis::Step:
        x->setTicker(QSharedPointer<QCPAxisTicker>::create());
        x->setLabel(tr("Step"));
        break;
    case analysis::XAxis::WallTime: {
        auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
        ticker->setDateTimeFormat(QStringLiteral("MMM d\nhh:mm"));
        ticker->setDateTimeSpec(Qt::LocalTime);
        x->setTicker(ticker);
        x->setLabel(tr("Wall time"));
        break;
    }
    case analysis::XAxis::RelativeTime: {
        auto ticker = QSharedPointer<QCPAxisTickerTime>::create();
        ticker->setTimeFormat(QStringLiteral("%h:%m:%s"));
        x->setTicker(ticker);
        x->setLabel(tr("Time since start (h:m:s)"));
        break;
    }
    case analysis::XAxis::Metric:
        x->setTicker(QSharedPointer<QCPAxisTicker>::create());
        x->setLabel(m_xMetric);
        break;
    }
}

void MetricOverlayPlot::setLogY(bool on) {
    if (m_logY == on)
        return;
    m_logY = on;
    QCPAxis *y = m_plot->yAxis;
    if (on) {
        y->setScaleType(QCPAxis::stLogarithmic);
        y->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    } else {
        y->setScaleType(QCPAxis::stLinear);
        y->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    rebuildGraphs();
    m_autoY = true;
    fitY();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MetricOverlayPlot::setRobustRange(bool on) {
    m_robust = on;
    m_autoY = true;
    fitY();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MetricOverlayPlot::setShowGroupMembers(bool on) {
    m_showMembers = on;
    applyStyles();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MetricOverlayPlot::setRuns(std::vector<PlotRun> runs) {
    // The same runs in the same order with the same curves: keep the graphs, swap the data.
    bool sameShape = runs.size() == m_runs.size();
    for (size_t i = 0; sameShape && i < runs.size(); ++i) {
        sameShape = runs[i].runId == m_runs[i].run.runId &&
                    runs[i].smooth.empty() == (m_runs[i].smooth == nullptr) &&
                    runs[i].color == m_runs[i].run.color;
    }
    if (sameShape) {
        for (size_t i = 0; i < runs.size(); ++i) {
            m_runs[i].run = std::move(runs[i]);
            setGraphData(m_runs[i].raw, m_runs[i].run.raw, m_logY);
            if (m_runs[i].smooth)
                setGraphData(m_runs[i].smooth, m_runs[i].run.smooth, m_logY);
        }
    } else {
        m_runs.clear();
        for (PlotRun &r : runs)
            m_runs.push_back({std::move(r), nullptr, nullptr});
        rebuildGraphs();
    }
    fitAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MetricOverlayPlot::setGroups(std::vector<PlotGroup> groups) {
    m_groups = std::move(groups);
    rebuildGraphs();
    fitAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MetricOverlayPlot::setChart(const analysis::ChartData &data,
                                 const std::function<const core::Run *(qint64)> &runOf,
                                 const std::vector<analysis::RunGroup> &groups,
                                 const QHash<qint64, int> &groupOf) {
    std::vector<PlotRun> runs;
    for (const analysis::ChartSeries &s : data.series) {
        const core::Run *run = runOf(s.runId);
        if (!run)
            continue;
        const QColor color =
            groups.empty() ? runColor(run->key) : paletteColor(groupOf.value(s.runId));
        runs.push_back(
            {s.runId, run->name.isEmpty() ? run->uid : run->name, color, s.raw, s.smooth});
    }
    std::vector<PlotGroup> plotGroups;
    for (const analysis::ChartGroup &g : data.groups) {
        if (g.group >= 0 && size_t(g.group) < groups.size())
            plotGroups.push_back(
                {groups[size_t(g.group)].label, g.runs, paletteColor(g.group), g.curve});
    }
    setXAxis(data.spec.xAxis, data.spec.xMetric);
    setGroups(std::move(plotGroups));
    setRuns(std::move(runs));
}

void MetricOverlayPlot::setSubtitle(const QString &text) {
    m_subtitle->setText(text);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MetricOverlayPlot::rebuildGraphs() {
    hideHover();
    m_plot->clearGraphs();
    m_groupGraphs.clear();
    auto *batch = static_cast<SpanBatch *>(m_batch);
    batch->graphs.clear();
    // Legend entries are chosen afterwards, by updateLegend().
    const auto curve = [&](const analysis::Curve &data, const QString &name) {
        auto *graph = new SpanGraph(m_plot->xAxis, m_plot->yAxis);
        graph->batch = batch;
        batch->graphs.push_back(graph);
        graph->setName(name);
        setGraphData(graph, data, m_logY);
        return graph;
    };
    for (RunGraphs &g : m_runs) {
        g.raw = curve(g.run.raw, g.run.name);
        g.smooth = g.run.smooth.empty() ? nullptr : curve(g.run.smooth, g.run.name);
    }
    for (const PlotGroup &group : m_groups) {
        QCPGraph *lower = m_plot->addGraph();
        QCPGraph *upper = m_plot->addGraph();
        QCPGraph *mean = m_plot->addGraph();
        analysis::Curve lo{group.curve.mean.x, group.curve.lower};
        analysis::Curve hi{group.curve.mean.x, group.curve.upper};
        setGraphData(lower, lo, m_logY);
        setGraphData(upper, hi, m_logY);
        setGraphData(mean, group.curve.mean, m_logY);
        lower->setPen(Qt::NoPen);
        upper->setPen(Qt::NoPen);
        QColor fill = group.color;
        fill.setAlpha(56);
        upper->setBrush(fill);
        upper->setChannelFillGraph(lower);
        mean->setName(tr("%1 (%n run(s))", nullptr, group.runs).arg(group.label));
        QPen pen(group.color, 2.4);
        mean->setPen(pen);
        for (QCPGraph *gg : {lower, upper, mean})
            gg->setLayer(QStringLiteral("groups"));
        m_groupGraphs.push_back(mean);
    }
    m_legendRows = -1;
    updateLegend();
    applyStyles();
}

int MetricOverlayPlot::legendRowsThatFit() const {
    const int row = QFontMetrics(m_plot->legend->font()).height() + 1;
    return std::clamp((height() - 110) / std::max(1, row), 0, legendLimit);
}

void MetricOverlayPlot::updateLegend() {
    // As many entries as fit beside the axis rect (small multiples get short legends): the
    // group means when grouped, else the runs in order.
    const int rows = legendRowsThatFit();
    if (rows == m_legendRows)
        return;
    m_legendRows = rows;
    m_plot->legend->clearItems();
    int named = 0;
    if (!m_groups.empty()) {
        for (QCPGraph *mean : m_groupGraphs) {
            if (named++ < rows)
                mean->addToLegend();
        }
    } else {
        for (const RunGraphs &g : m_runs) {
            if (!g.run.raw.empty() && named++ < rows)
                (g.smooth ? g.smooth : g.raw)->addToLegend();
        }
    }
    m_plot->legend->setVisible(m_plot->legend->itemCount() > 0);
}

void MetricOverlayPlot::applyStyles() {
    const bool grouped = !m_groups.empty();
    // Wide or antialiased lines cost QPainter several times a 1-pixel aliased line: many curves,
    // and every curve while the user pans or zooms, are drawn the cheap way; the full-quality
    // frame follows when the interaction pauses (and exports are always full quality).
    const bool many = m_runs.size() > 12;
    const bool cheap = many || m_interacting;
    for (RunGraphs &g : m_runs) {
        const bool hidden = m_hidden.contains(g.run.runId);
        const bool hi = m_highlighted != 0 && g.run.runId == m_highlighted;
        const bool dimmed = m_highlighted != 0 && !hi;
        QColor c = g.run.color;
        double width = hi ? 2.6 : (cheap ? 1.0 : 1.4);
        if (m_interacting)
            width = 1.0;
        if (grouped) {
            c.setAlpha(m_showMembers ? 60 : 0);
            width = hi ? 2.0 : 1.0;
        } else if (dimmed) {
            c.setAlpha(70);
        }
        QColor rawColor = c;
        if (g.smooth)
            rawColor.setAlpha(std::min(c.alpha(), 64)); // the raw curve faint under the smooth one
        g.raw->setPen(QPen(rawColor, g.smooth ? 1.0 : width));
        g.raw->setVisible(!hidden && (!grouped || m_showMembers));
        g.raw->setAntialiased(!cheap);
        if (g.smooth) {
            g.smooth->setPen(QPen(c, m_interacting ? 1.0 : width + 0.4));
            g.smooth->setVisible(!hidden && !grouped);
            g.smooth->setAntialiased(!cheap);
        }
        // The legend shows hidden runs greyed, the highlighted run bold.
        if (QCPAbstractLegendItem *item =
                m_plot->legend->itemWithPlottable(g.smooth ? g.smooth : g.raw)) {
            item->setTextColor(hidden ? palette().color(QPalette::Disabled, QPalette::WindowText)
                                      : palette().color(QPalette::WindowText));
            QFont f = m_plot->legend->font();
            f.setBold(hi);
            item->setFont(f);
        }
        // The highlighted run is drawn last, over the others and the group means.
        const QString layer = hi ? QStringLiteral("top") : QStringLiteral("main");
        if (g.raw->layer()->name() != layer)
            g.raw->setLayer(layer);
        if (g.smooth && g.smooth->layer()->name() != layer)
            g.smooth->setLayer(layer);
    }
}

void MetricOverlayPlot::applyTheme() {
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::WindowText);
    const bool dark = base.lightness() < 128;
    QColor grid = text;
    grid.setAlpha(dark ? 40 : 30);
    QColor axis = text;
    axis.setAlpha(160);
    m_plot->setBackground(base);
    for (QCPAxis *a : {m_plot->xAxis, m_plot->yAxis}) {
        a->setBasePen(QPen(axis, 1));
        a->setTickPen(QPen(axis, 1));
        a->setSubTickPen(QPen(axis, 1));
        a->setTickLabelColor(text);
        a->setLabelColor(text);
        a->grid()->setPen(QPen(grid, 1, Qt::SolidLine));
        a->grid()->setZeroLinePen(Qt::NoPen);
    }
    m_title->setTextColor(text);
    QColor sub = text;
    sub.setAlpha(150);
    m_subtitle->setTextColor(sub);
    m_plot->legend->setBrush(base);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setTextColor(text);
    QColor crosshair = text;
    crosshair.setAlpha(110);
    m_crosshair->setPen(QPen(crosshair, 1, Qt::DashLine));
    QColor box = pal.color(QPalette::ToolTipBase);
    box.setAlpha(235);
    m_tooltip->setBrush(box);
    m_tooltip->setColor(pal.color(QPalette::ToolTipText));
    m_tooltip->setPen(QPen(axis, 1));
    applyStyles();
}

void MetricOverlayPlot::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange) {
        applyTheme();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    QWidget::changeEvent(event);
}

const analysis::Curve &MetricOverlayPlot::shownCurve(const RunGraphs &g) const {
    return g.run.smooth.empty() ? g.run.raw : g.run.smooth;
}

qint64 MetricOverlayPlot::runOfGraph(const QCPGraph *graph) const {
    if (!graph)
        return 0;
    for (const RunGraphs &g : m_runs) {
        if (g.raw == graph || g.smooth == graph)
            return g.run.runId;
    }
    return 0;
}

void MetricOverlayPlot::fitAxes() {
    if (m_autoX) {
        double lo = std::numeric_limits<double>::infinity();
        double hi = -lo;
        for (const RunGraphs &g : m_runs) {
            if (m_hidden.contains(g.run.runId) || g.run.raw.empty())
                continue;
            lo = std::min(lo, g.run.raw.x.front());
            hi = std::max(hi, g.run.raw.x.back());
        }
        if (std::isfinite(lo)) {
            if (hi <= lo)
                hi = lo + 1;
            m_settingRange = true;
            m_plot->xAxis->setRange(lo, hi);
            m_settingRange = false;
        }
    }
    fitY();
}

void MetricOverlayPlot::fitY() {
    if (!m_autoY)
        return;
    const QCPRange xr = m_plot->xAxis->range();
    // The visible stretch of every curve: runs (unless groups hide them) and group bands.
    struct Span {
        const double *y;
        size_t n;
    };
    std::vector<Span> spans;
    size_t total = 0;
    const auto visible = [&](const analysis::Curve &c, const std::vector<double> &ys) {
        const auto begin = std::lower_bound(c.x.begin(), c.x.end(), xr.lower);
        const auto end = std::upper_bound(begin, c.x.end(), xr.upper);
        const size_t b = size_t(begin - c.x.begin());
        const size_t n = size_t(end - begin);
        if (n > 0 && ys.size() >= b + n) {
            spans.push_back({ys.data() + b, n});
            total += n;
        }
    };
    if (m_groups.empty() || m_showMembers) {
        for (const RunGraphs &g : m_runs) {
            if (!m_hidden.contains(g.run.runId))
                visible(g.run.raw, g.run.raw.y);
        }
    }
    for (const PlotGroup &group : m_groups) {
        visible(group.curve.mean, group.curve.mean.y);
        visible(group.curve.mean, group.curve.lower);
        visible(group.curve.mean, group.curve.upper);
    }
    // Exact extremes (every spike shows) in one pass; for the outlier-proof range, quantiles of
    // an even sample of at most ~60,000 values, which costs the same at any zoom.
    std::vector<double> values;
    if (m_robust) {
        const size_t stride = std::max<size_t>(1, total / 60000);
        values.reserve(total / stride + spans.size());
        for (const Span &sp : spans) {
            for (size_t i = 0; i < sp.n; i += stride)
                values.push_back(sp.y[i]);
        }
    } else {
        double lo = std::numeric_limits<double>::infinity();
        double hi = -lo;
        for (const Span &sp : spans) {
            for (size_t i = 0; i < sp.n; ++i) {
                const double v = sp.y[i];
                if (!std::isfinite(v) || (m_logY && v <= 0))
                    continue;
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
        if (lo <= hi)
            values = {lo, hi};
    }
    const auto range = analysis::robustRange({&values}, m_robust ? 0.005 : 0.0, m_logY);
    if (range)
        m_plot->yAxis->setRange(range->first, range->second);
}

std::pair<double, double> MetricOverlayPlot::xRange() const {
    const QCPRange r = m_plot->xAxis->range();
    return {r.lower, r.upper};
}

std::pair<double, double> MetricOverlayPlot::yRange() const {
    const QCPRange r = m_plot->yAxis->range();
    return {r.lower, r.upper};
}

void MetricOverlayPlot::setXRange(double lo, double hi) {
    m_settingRange = true;
    m_autoX = false;
    m_plot->xAxis->setRange(lo, hi);
    m_settingRange = false;
    fitY();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MetricOverlayPlot::resetView() {
    m_autoX = true;
    m_autoY = true;
    fitAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT viewReset();
}

int MetricOverlayPlot::plotColumns() const {
    const int w = m_plot->axisRect()->width();
    return std::max(64, w > 0 ? w : width());
}

void MetricOverlayPlot::setInteracting(bool on) {
    if (on)
        m_settle->start();
    if (m_interacting == on)
        return;
    m_interacting = on;
    applyStyles();
    if (!on)
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MetricOverlayPlot::onUserRangeChange() {
    if (m_settingRange)
        return;
    setInteracting(true);
    m_autoX = false;
    fitY();
    const QCPRange r = m_plot->xAxis->range();
    Q_EMIT viewChanged(r.lower, r.upper, plotColumns());
}

void MetricOverlayPlot::resizeEvent(QResizeEvent *event) {
    QWidget::resizeEvent(event);
    if (legendRowsThatFit() != m_legendRows) {
        updateLegend();
        applyStyles();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    const QCPRange r = m_plot->xAxis->range();
    Q_EMIT viewChanged(r.lower, r.upper, plotColumns());
}

bool MetricOverlayPlot::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_plot && event->type() == QEvent::MouseButtonPress) {
        // Before QCustomPlot sees the press: Shift- or Ctrl-drag draws a zoom rectangle, a
        // plain drag pans.
        const auto *press = static_cast<QMouseEvent *>(event);
        const bool rect = press->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier);
        m_plot->setSelectionRectMode(rect ? QCP::srmZoom : QCP::srmNone);
    }
    if (watched == m_plot && event->type() == QEvent::Leave) {
        hideHover();
        Q_EMIT crosshairMoved(std::nan(""));
    }
    return QWidget::eventFilter(watched, event);
}

void MetricOverlayPlot::onMousePress(QMouseEvent *event) {
    m_pressPos = event->pos();
    m_dragged = false;
    hideHover();
}

void MetricOverlayPlot::onMouseRelease(QMouseEvent *event) {
    // The mode stays until the next press sets it: QCustomPlot ends the rectangle (and zooms)
    // after this signal, and switching to srmNone now would cancel it.
    const bool wasRect = m_plot->selectionRectMode() == QCP::srmZoom;
    if (m_dragged) {
        if (wasRect)
            m_autoY = false;
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    if (m_plot->legend->visible() && m_plot->legend->selectTest(event->pos(), false) >= 0)
        return;
    onMouseMove(event); // finds the curve under the mouse
    if (m_hovered != 0)
        Q_EMIT runClicked(m_hovered);
}

void MetricOverlayPlot::onDoubleClick(QMouseEvent *event) {
    if (m_plot->legend->visible() && m_plot->legend->selectTest(event->pos(), false) >= 0)
        return; // hides a run (legendDoubleClick)
    resetView();
}

void MetricOverlayPlot::hideHover() {
    const bool was = m_crosshair->visible() || m_tooltip->visible();
    m_crosshair->setVisible(false);
    m_tooltip->setVisible(false);
    if (was)
        m_plot->layer(overlayLayer)->replot();
}

void MetricOverlayPlot::setCrosshairX(double x) {
    if (std::isnan(x)) {
        hideHover();
        return;
    }
    const QCPRange yr = m_plot->yAxis->range();
    m_crosshair->point1->setCoords(x, yr.lower);
    m_crosshair->point2->setCoords(x, yr.upper);
    m_crosshair->setVisible(true);
    m_tooltip->setVisible(false);
    m_plot->layer(overlayLayer)->replot();
}

void MetricOverlayPlot::onMouseMove(QMouseEvent *event) {
    if (event->buttons() != Qt::NoButton) {
        if ((event->pos() - m_pressPos).manhattanLength() > 3)
            m_dragged = true;
        return;
    }
    const QRect area = m_plot->axisRect()->rect();
    if (!area.contains(event->pos())) {
        hideHover();
        m_hoverText.clear();
        Q_EMIT crosshairMoved(std::nan(""));
        return;
    }
    const double x = m_plot->xAxis->pixelToCoord(event->pos().x());

    // The value of every visible curve at the point nearest to x.
    struct Row {
        QString name;
        double value;
        QColor color;
        qint64 runId;
    };
    std::vector<Row> rows;
    qint64 under = 0;
    double underDistance = hoverPickPixels;
    double nearestX = x;
    double nearestDx = std::numeric_limits<double>::infinity();
    const auto valueAt = [&](const analysis::Curve &c, double *atX) -> double {
        if (c.empty())
            return std::nan("");
        auto it = std::lower_bound(c.x.begin(), c.x.end(), x);
        size_t i = size_t(it - c.x.begin());
        if (i == c.size() || (i > 0 && x - c.x[i - 1] < c.x[i] - x))
            --i;
        // Too far from any point of this curve (outside its extent): no value.
        const double px = std::abs(m_plot->xAxis->coordToPixel(c.x[i]) - event->pos().x());
        if (px > 40)
            return std::nan("");
        *atX = c.x[i];
        return c.y[i];
    };
    const auto consider = [&](const QString &name, const analysis::Curve &c, const QColor &color,
                              qint64 runId) {
        double atX = x;
        const double v = valueAt(c, &atX);
        if (!std::isfinite(v) || (m_logY && v <= 0))
            return;
        rows.push_back({name, v, color, runId});
        if (std::abs(atX - x) < nearestDx) {
            nearestDx = std::abs(atX - x);
            nearestX = atX;
        }
        const double d = std::abs(m_plot->yAxis->coordToPixel(v) - event->pos().y());
        if (runId != 0 && d < underDistance) {
            underDistance = d;
            under = runId;
        }
    };
    if (m_groups.empty()) {
        for (const RunGraphs &g : m_runs) {
            if (!m_hidden.contains(g.run.runId))
                consider(g.run.name, shownCurve(g), g.run.color, g.run.runId);
        }
    } else {
        for (const PlotGroup &group : m_groups)
            consider(tr("%1 (mean of %n)", nullptr, group.runs).arg(group.label), group.curve.mean,
                     group.color, 0);
        if (m_showMembers) {
            for (const RunGraphs &g : m_runs) {
                if (m_hidden.contains(g.run.runId))
                    continue;
                double atX = x;
                const double v = valueAt(g.run.raw, &atX);
                if (!std::isfinite(v))
                    continue;
                const double d = std::abs(m_plot->yAxis->coordToPixel(v) - event->pos().y());
                if (d < underDistance) {
                    underDistance = d;
                    under = g.run.runId;
                }
            }
        }
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row &a, const Row &b) { return a.value > b.value; });

    QString xText;
    switch (m_xAxis) {
    case analysis::XAxis::Step:
        xText = tr("step %1").arg(QLocale().toString(qint64(std::llround(nearestX))));
        break;
    case analysis::XAxis::WallTime:
        xText = QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(nearestX * 1000)),
                                   QLocale::ShortFormat);
        break;
    case analysis::XAxis::RelativeTime: {
        const qint64 s = qint64(std::llround(nearestX));
        xText = tr("%1:%2:%3 since start")
                    .arg(s / 3600)
                    .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                    .arg(s % 60, 2, 10, QLatin1Char('0'));
        break;
    }
    case analysis::XAxis::Metric:
        xText = QStringLiteral("%1 = %2").arg(m_xMetric, formatValue(nearestX));
        break;
    }
    QStringList lines{xText};
    int shown = 0;
    for (const Row &r : rows) {
        if (shown == hoverLines) {
            lines << tr("… %n more", nullptr, int(rows.size()) - shown);
            break;
        }
        const QString mark =
            r.runId != 0 && r.runId == under ? QStringLiteral("▶ ") : QStringLiteral("   ");
        lines << mark + r.name + QStringLiteral(":  ") + formatValue(r.value);
        ++shown;
    }
    m_hoverText = rows.empty() ? QString() : lines.join(u'\n');

    const QCPRange yr = m_plot->yAxis->range();
    m_crosshair->point1->setCoords(nearestX, yr.lower);
    m_crosshair->point2->setCoords(nearestX, yr.upper);
    m_crosshair->setVisible(true);
    m_tooltip->setText(m_hoverText);
    m_tooltip->setVisible(!m_hoverText.isEmpty());
    if (!m_hoverText.isEmpty()) {
        // Beside the cursor, flipped to stay inside the plot.
        const QFontMetrics fm(m_tooltip->font());
        const QSize box =
            fm.boundingRect(QRect(0, 0, 2000, 2000), Qt::AlignLeft, m_hoverText).size() +
            QSize(16, 12);
        QPoint at = event->pos() + QPoint(16, 12);
        if (at.x() + box.width() > m_plot->width())
            at.setX(event->pos().x() - 16 - box.width());
        if (at.y() + box.height() > m_plot->height())
            at.setY(std::max(0, m_plot->height() - box.height()));
        m_tooltip->position->setCoords(at.x(), at.y());
    }
    if (under != m_hovered) {
        m_hovered = under;
        setHighlightedRun(under);
    }
    m_plot->layer(overlayLayer)->replot();
    Q_EMIT crosshairMoved(nearestX);
}

void MetricOverlayPlot::setHighlightedRun(qint64 runId) {
    if (m_highlighted == runId)
        return;
    m_highlighted = runId;
    applyStyles();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT highlightChanged(runId);
}

void MetricOverlayPlot::setRunHidden(qint64 runId, bool hidden) {
    if (hidden == m_hidden.contains(runId))
        return;
    if (hidden)
        m_hidden.insert(runId);
    else
        m_hidden.remove(runId);
    applyStyles();
    fitY();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT hiddenRunsChanged();
}

int MetricOverlayPlot::visibleCurveCount() const {
    int n = 0;
    if (m_groups.empty() || m_showMembers) {
        for (const RunGraphs &g : m_runs)
            n += (!m_hidden.contains(g.run.runId) && !g.run.raw.empty()) ? 1 : 0;
    }
    for (const PlotGroup &group : m_groups)
        n += group.curve.mean.empty() ? 0 : 1;
    return n;
}

qsizetype MetricOverlayPlot::plottedPoints(qint64 runId) const {
    for (const RunGraphs &g : m_runs) {
        if (g.run.runId == runId)
            return g.raw->data()->size();
    }
    return 0;
}

void MetricOverlayPlot::replotNow() {
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

QImage MetricOverlayPlot::toImage(QSize size, double scale) {
    if (size.isEmpty())
        size = m_plot->size();
    hideHover();
    setInteracting(false);
    m_settle->stop();
    return m_plot->toPixmap(size.width(), size.height(), scale).toImage();
}

void MetricOverlayPlot::copyToClipboard() {
    QApplication::clipboard()->setImage(toImage({}, devicePixelRatioF()));
}

bool MetricOverlayPlot::exportTo(const QString &path, QSize size, double scale, QString *error) {
    if (size.isEmpty())
        size = m_plot->size();
    hideHover();
    setInteracting(false);
    m_settle->stop();
    // Publication output: every curve antialiased, whatever the interactive setting.
    const QCP::AntialiasedElements before = m_plot->antialiasedElements();
    m_plot->setAntialiasedElements(QCP::aeAll);
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = m_plot->savePng(path, size.width(), size.height(), scale, -1,
                             int(std::lround(96 * scale)));
    } else if (suffix == QLatin1String("pdf")) {
        ok = m_plot->savePdf(path, size.width(), size.height(), QCP::epNoCosmetic,
                             QStringLiteral("RunLens"), m_metric);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(m_metric);
        svg.setDescription(tr("Chart made with RunLens"));
        QCPPainter painter;
        if (painter.begin(&svg)) {
            m_plot->toPainter(&painter, size.width(), size.height());
            ok = painter.end();
        }
    } else {
        if (error)
            *error =
                tr("“%1”: unknown chart format “%2”; use .png, .pdf or .svg.").arg(path, suffix);
        m_plot->setAntialiasedElements(before);
        return false;
    }
    m_plot->setAntialiasedElements(before);
    if (!ok && error)
        *error = tr("The chart could not be written to “%1”.").arg(path);
    return ok;
}

} // namespace runlens::widgets
