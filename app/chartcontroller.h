// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/chartdata.h"
#include "analysis/rungroups.h"
#include "core/run.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace runlens::analysis {
class ChartLoader;
}
namespace runlens::widgets {
class ChartPanel;
class RunTableView;
} // namespace runlens::widgets

namespace runlens::app {

class RunsController;

/// Feeds the chart panel: which runs to chart (the selected rows when two or more are selected,
/// else the first N filtered runs with the selected one highlighted), their metric keys and
/// group fields, loading every chart through an analysis::ChartLoader off the GUI thread (a
/// chart's zoom or pan asks for its new range at its resolution, debounced), groups and the
/// two-group comparison. After every reload of the runs (an import, auto-refresh of a live run)
/// the charts re-read their current view, so a growing run's curve extends.
class ChartController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartController)

public:
    ChartController(RunsController *runs, widgets::RunTableView *table, widgets::ChartPanel *panel,
                    QObject *parent = nullptr);
    ~ChartController() override;

    /// The runs charted now.
    [[nodiscard]] const core::Runs &shownRuns() const { return m_shown; }
    [[nodiscard]] const std::vector<analysis::RunGroup> &groups() const { return m_groups; }
    /// Blocks until every requested chart is loaded and applied (tests, screenshots).
    void waitForCharts();
    [[nodiscard]] analysis::ChartLoader *loader() const { return m_loader; }

private:
    void updateShownRuns();
    void updateGroups();
    void requestAll();
    void request(const QString &metric);
    void scheduleRequest(const QString &metric);
    void onLoaded(const analysis::ChartData &data);
    void updateComparison();
    void onRunClicked(qint64 runId);
    void syncHighlight();

    RunsController *m_runs;
    widgets::RunTableView *m_table;
    widgets::ChartPanel *m_panel;
    analysis::ChartLoader *m_loader;
    core::Runs m_shown;
    qint64 m_highlight = 0; ///< the table's single selected run, highlighted on the charts
    std::vector<analysis::RunGroup> m_groups;
    QHash<qint64, int> m_groupOf;
    QHash<QString, quint64> m_generation;
    QHash<QString, quint64> m_applied;
    QStringList m_due; ///< metrics whose view changed, loaded when the debounce timer fires
    QTimer m_debounce;
    QTimer m_selectionDebounce;
};

} // namespace runlens::app
