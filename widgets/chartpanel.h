// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/chartdata.h"
#include "analysis/rungroups.h"

#include <QWidget>
#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QScrollArea;
class QSlider;
class QSpinBox;
class QToolButton;

namespace runlens::widgets {

class MetricOverlayPlot;

/// The chart dashboard: one chart per chosen metric (small multiples with linked x range and
/// crosshair), the controls shared by all of them (metric picker with search, x axis, log y,
/// outlier-proof ranges, smoothing, grouping with bands, the run limit, export), and the
/// comparison of two groups. It shows and asks; loading is the app's business.
class ChartPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartPanel)

public:
    explicit ChartPanel(QWidget *parent = nullptr);
    ~ChartPanel() override;

    /// Metric keys of the shown runs (for the picker and the x axis choice).
    void setAvailableMetrics(const QStringList &keys);
    [[nodiscard]] QStringList availableMetrics() const { return m_available; }
    /// Charts these metrics (those not available are kept for when they are).
    void setSelectedMetrics(const QStringList &keys);
    [[nodiscard]] QStringList selectedMetrics() const { return m_selected; }
    /// Fields offered for grouping ("params.lr", "tags.model").
    void setGroupFields(const QStringList &fields);

    [[nodiscard]] analysis::ChartSpec spec() const;
    void setSpec(const analysis::ChartSpec &spec);
    [[nodiscard]] analysis::GroupSpec groupSpec() const;
    /// Groups by this field ("params.optimizer"), or "*" for every param but seeds; "" none.
    void setGroupBy(const QString &field);
    [[nodiscard]] bool logY() const;
    void setLogY(bool on);
    [[nodiscard]] int runLimit() const;
    void setRunLimit(int limit);

    [[nodiscard]] MetricOverlayPlot *plot(const QString &metric) const;
    [[nodiscard]] std::vector<MetricOverlayPlot *> plots() const;
    /// A line under the controls: which runs are shown and why.
    void setStatus(const QString &text);

    /// The comparison panel: the groups to choose from and the result text (rich text).
    void setComparisonGroups(const QStringList &labels);
    [[nodiscard]] int compareA() const;
    [[nodiscard]] int compareB() const;
    [[nodiscard]] analysis::CompareWhat compareWhat() const;
    [[nodiscard]] QString compareMetric() const;
    void setComparisonText(const QString &html);
    [[nodiscard]] QString comparisonText() const;

    /// Writes the charts to one file (.png, .pdf, .svg): the first chart, or all of them in
    /// a grid for PNG. False with *error on failure.
    bool exportCharts(const QString &path, QString *error = nullptr);

public Q_SLOTS:
    void showMetricPicker();
    void copyChart();
    void saveChartAs();

Q_SIGNALS:
    void metricsChanged(const QStringList &metrics);
    void specChanged();
    void groupingChanged();
    void runLimitChanged(int limit);
    void comparisonChanged();
    /// A chart's view changed (the panel already linked the other charts' x ranges).
    void viewChanged(const QString &metric, double lo, double hi, int columns);
    void viewReset(const QString &metric);
    void runClicked(qint64 runId);

private:
    void rebuildPlots();
    void updateXAxisChoices();
    void updateSmoothingControls();
    MetricOverlayPlot *makePlot(const QString &metric);

    QStringList m_available;
    QStringList m_selected;
    QStringList m_groupFields;
    QToolButton *m_metricsButton;
    QComboBox *m_xAxis;
    QToolButton *m_logY;
    QToolButton *m_robust;
    QComboBox *m_smoothing;
    QSlider *m_smoothWeight;
    QLabel *m_smoothLabel;
    QComboBox *m_groupBy;
    QComboBox *m_band;
    QSpinBox *m_limit;
    QToolButton *m_export;
    QLabel *m_status;
    QScrollArea *m_scroll;
    QWidget *m_gridHost;
    QGridLayout *m_grid;
    QLabel *m_empty;
    std::vector<MetricOverlayPlot *> m_plots;
    QWidget *m_compare;
    QComboBox *m_compareA;
    QComboBox *m_compareB;
    QComboBox *m_compareWhat;
    QComboBox *m_compareMetric;
    QLabel *m_compareText;
    bool m_linking = false;
};

} // namespace runlens::widgets
