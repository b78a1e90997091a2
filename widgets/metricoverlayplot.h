// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/chartdata.h"
#include "analysis/rungroups.h"
#include "core/run.h"

#include <QColor>
#include <QHash>
#include <QSet>
#include <QWidget>
#include <functional>
#include <optional>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPLayerable;
class QCPTextElement;
class QMouseEvent;
class QTimer;

namespace runlens::widgets {

/// One run's curve as the plot draws it.
struct PlotRun {
    qint64 runId = 0;
    QString name;
    QColor color;
    analysis::Curve raw;
    analysis::Curve smooth; ///< drawn over a faint raw curve when not empty
};

/// One group's mean and band.
struct PlotGroup {
    QString label;
    int runs = 0;
    QColor color;
    analysis::GroupCurve curve;
};

/// Many runs' curves of one metric on one chart (QCustomPlot behind this API): legend with
/// click-to-highlight and double-click-to-hide, wheel zoom on x, drag to pan, Shift/Ctrl-drag
/// rubber-band zoom, double-click to reset, a hover crosshair listing every visible run's value
/// at the nearest x, click on a curve to pick its run. It draws what it is given: the data
/// arrive already decimated, and it asks for more with viewChanged().
class MetricOverlayPlot final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricOverlayPlot)

public:
    explicit MetricOverlayPlot(QWidget *parent = nullptr);
    ~MetricOverlayPlot() override;

    void setMetric(const QString &metric);
    [[nodiscard]] QString metric() const { return m_metric; }
    /// The x quantity, for the axis label and ticks; xMetric names it for XAxis::Metric.
    void setXAxis(analysis::XAxis axis, const QString &xMetric = {});
    void setLogY(bool on);
    [[nodiscard]] bool logY() const { return m_logY; }
    /// Auto-range y from the 0.5 % to the 99.5 % quantile of what is visible, ignoring outliers.
    void setRobustRange(bool on);
    [[nodiscard]] bool robustRange() const { return m_robust; }
    /// Draws individual runs faintly under group means (true) or not at all.
    void setShowGroupMembers(bool on);

    /// Replaces the curves. The view stays where the user put it; while it is on automatic
    /// (never zoomed, or reset), it fits the new data.
    void setRuns(std::vector<PlotRun> runs);
    /// Group means and bands; empty: not grouped.
    void setGroups(std::vector<PlotGroup> groups);
    /// A loaded chart (analysis::loadChart) with its x axis, runs and groups: each run named
    /// and in its own colour, or in its group's colour when grouped (groupOf: run id → index
    /// into groups). Series of runs runOf does not know are left out.
    void setChart(const analysis::ChartData &data,
                  const std::function<const core::Run *(qint64)> &runOf,
                  const std::vector<analysis::RunGroup> &groups = {},
                  const QHash<qint64, int> &groupOf = {});
    /// A line of text under the title (what is loading, how many points).
    void setSubtitle(const QString &text);

    void setHighlightedRun(qint64 runId); ///< 0: none
    [[nodiscard]] qint64 highlightedRun() const { return m_highlighted; }
    void setRunHidden(qint64 runId, bool hidden);
    [[nodiscard]] bool isRunHidden(qint64 runId) const { return m_hidden.contains(runId); }
    [[nodiscard]] QSet<qint64> hiddenRuns() const { return m_hidden; }

    /// The visible x range.
    [[nodiscard]] std::pair<double, double> xRange() const;
    /// Whether x follows the data (not zoomed or panned by the user).
    [[nodiscard]] bool isAutoRange() const { return m_autoX; }
    /// Sets the x range as a linked chart's (no viewChanged back).
    void setXRange(double lo, double hi);
    [[nodiscard]] std::pair<double, double> yRange() const;
    /// Back to automatic ranges (double-click does this).
    void resetView();
    /// Pixel columns of the plotting area (what a load should decimate to).
    [[nodiscard]] int plotColumns() const;

    /// Shows the crosshair at x (a linked chart's hover), without the value list; NaN hides it.
    void setCrosshairX(double x);
    /// The hover text last shown ("" when none): one "name: value" line per run, sorted by value.
    [[nodiscard]] QString hoverText() const { return m_hoverText; }
    /// The run under the mouse at the last hover, or 0.
    [[nodiscard]] qint64 hoveredRun() const { return m_hovered; }

    /// Curves drawn now (runs not hidden, with at least one point; groups count once), and the
    /// points handed to QCustomPlot for one run's raw curve.
    [[nodiscard]] int visibleCurveCount() const;
    [[nodiscard]] qsizetype plottedPoints(qint64 runId) const;

    /// Renders to a file by its suffix: .png (scale for high-DPI output), .pdf or .svg (vector).
    /// size empty: the widget's size. False with *error when the file cannot be written.
    bool exportTo(const QString &path, QSize size = {}, double scale = 1.0,
                  QString *error = nullptr);
    [[nodiscard]] QImage toImage(QSize size = {}, double scale = 1.0);
    void copyToClipboard();
    /// Redraws now (benchmarks and tests); normally replots are queued.
    void replotNow();
    [[nodiscard]] QCustomPlot *customPlot() const { return m_plot; }

Q_SIGNALS:
    /// The user zoomed or panned (or the plot was resized): [lo, hi] at columns pixel columns.
    void viewChanged(double lo, double hi, int columns);
    /// The view went back to automatic: load everything again.
    void viewReset();
    void runClicked(qint64 runId);
    void highlightChanged(qint64 runId);
    void crosshairMoved(double x); ///< NaN when the mouse left
    void hiddenRunsChanged();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct RunGraphs {
        PlotRun run;
        QCPGraph *raw = nullptr;
        QCPGraph *smooth = nullptr;
    };
    void rebuildGraphs();
    void applyStyles();
    void applyTheme();
    void fitAxes();
    void fitY();
    void updateXAxisTicker();
    void onMouseMove(QMouseEvent *event);
    void onMousePress(QMouseEvent *event);
    void onMouseRelease(QMouseEvent *event);
    void onDoubleClick(QMouseEvent *event);
    void onUserRangeChange();
    void hideHover();
    void updateLegend();
    [[nodiscard]] int legendRowsThatFit() const;
    /// While the user pans or zooms, curves are drawn cheaply; 180 ms after the last step the
    /// full-quality frame follows.
    void setInteracting(bool on);
    [[nodiscard]] const analysis::Curve &shownCurve(const RunGraphs &g) const;
    [[nodiscard]] qint64 runOfGraph(const QCPGraph *graph) const;

    QCustomPlot *m_plot;
    QCPTextElement *m_title;
    QCPTextElement *m_subtitle;
    QCPItemStraightLine *m_crosshair;
    QCPItemText *m_tooltip;
    QCPLayerable *m_batch; ///< draws the dense aliased curves in one image (see the .cpp)
    QString m_metric;
    analysis::XAxis m_xAxis = analysis::XAxis::Step;
    QString m_xMetric;
    bool m_logY = false;
    bool m_robust = false;
    bool m_showMembers = true;
    std::vector<RunGraphs> m_runs;
    std::vector<PlotGroup> m_groups;
    std::vector<QCPGraph *> m_groupGraphs;
    QSet<qint64> m_hidden;
    qint64 m_highlighted = 0;
    qint64 m_hovered = 0;
    QString m_hoverText;
    bool m_autoX = true;
    bool m_autoY = true;
    bool m_settingRange = false;
    bool m_interacting = false;
    int m_legendRows = -1;
    QTimer *m_settle = nullptr;
    QPoint m_pressPos;
    bool m_dragged = false;
};

} // namespace runlens::widgets
