// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartcontroller.h"

#include "analysis/chartloader.h"
#include "analysis/statistics.h"
#include "core/naturalcompare.h"
#include "items/roles.h"
#include "items/runfilterproxymodel.h"
#include "items/runtablemodel.h"
#include "runscontroller.h"
#include "widgets/chartpanel.h"
#include "widgets/metricoverlayplot.h"
#include "widgets/runtableview.h"

#include <QCoreApplication>
#include <QItemSelectionModel>
#include <QLocale>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace runlens::app {

namespace {

// The metric a new dashboard starts with: a validation loss if there is one, else any loss.
QString defaultMetric(const QStringList &keys) {
    for (const QString &want : {QStringLiteral("val"), QStringLiteral("")}) {
        for (const QString &k : keys) {
            if (k.contains(QLatin1String("loss"), Qt::CaseInsensitive) &&
                k.contains(want, Qt::CaseInsensitive))
                return k;
        }
    }
    return keys.isEmpty() ? QString() : keys.front();
}

// "812", "64,000", "1.2 M", "100 M": a point count at a glance.
QString compactCount(qint64 n) {
    const QLocale locale;
    if (n < 1000000)
        return locale.toString(n);
    const double m = double(n) / 1e6;
    return ChartController::tr("%1 M").arg(locale.toString(m, 'f', m < 10 ? 1 : 0));
}

QString formatNumber(double v) {
    return QLocale().toString(v, 'g', 4);
}

} // namespace

ChartController::ChartController(RunsController *runs, widgets::RunTableView *table,
                                 widgets::ChartPanel *panel, QObject *parent)
    : QObject(parent)
    , m_runs(runs)
    , m_table(table)
    , m_panel(panel)
    , m_loader(new analysis::ChartLoader(runs->cachePath(), this)) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(30);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        const QStringList due = std::exchange(m_due, {});
        for (const QString &m : due)
            request(m);
    });
    m_selectionDebounce.setSingleShot(true);
    m_selectionDebounce.setInterval(60);
    connect(&m_selectionDebounce, &QTimer::timeout, this, [this] {
        updateShownRuns();
        requestAll();
    });

    connect(m_loader, &analysis::ChartLoader::loaded, this, &ChartController::onLoaded);
    // New points of live runs, or new runs: the charts re-read what they show. The proxy's
    // reset that comes with the swap starts the same timer, so one swap is one reload.
    connect(m_runs, &RunsController::runsReplaced, &m_selectionDebounce,
            qOverload<>(&QTimer::start));
    connect(m_runs->proxyModel(), &QAbstractItemModel::layoutChanged, &m_selectionDebounce,
            qOverload<>(&QTimer::start));
    connect(m_runs->proxyModel(), &QAbstractItemModel::modelReset, &m_selectionDebounce,
            qOverload<>(&QTimer::start));
    connect(m_runs->proxyModel(), &QAbstractItemModel::rowsInserted, &m_selectionDebounce,
            qOverload<>(&QTimer::start));
    connect(m_runs->proxyModel(), &QAbstractItemModel::rowsRemoved, &m_selectionDebounce,
            qOverload<>(&QTimer::start));
    if (m_table->selectionModel()) {
        connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged,
                &m_selectionDebounce, qOverload<>(&QTimer::start));
    }

    connect(m_panel, &widgets::ChartPanel::metricsChanged, this, [this] { requestAll(); });
    connect(m_panel, &widgets::ChartPanel::specChanged, this, [this] {
        const analysis::ChartSpec spec = m_panel->spec();
        for (widgets::MetricOverlayPlot *p : m_panel->plots()) {
            p->setXAxis(spec.xAxis, spec.xMetric);
            p->resetView();
        }
        requestAll();
    });
    connect(m_panel, &widgets::ChartPanel::groupingChanged, this, [this] {
        updateGroups();
        requestAll();
    });
    connect(m_panel, &widgets::ChartPanel::runLimitChanged, &m_selectionDebounce,
            qOverload<>(&QTimer::start));
    connect(m_panel, &widgets::ChartPanel::comparisonChanged, this,
            &ChartController::updateComparison);
    connect(m_panel, &widgets::ChartPanel::viewChanged, this,
            [this](const QString &metric, double, double, int) { scheduleRequest(metric); });
    connect(m_panel, &widgets::ChartPanel::viewReset, this,
            [this](const QString &metric) { scheduleRequest(metric); });
    connect(m_panel, &widgets::ChartPanel::runClicked, this, &ChartController::onRunClicked);
    updateShownRuns();
}

ChartController::~ChartController() = default;

void ChartController::updateShownRuns() {
    const items::RunFilterProxyModel *proxy = m_runs->proxyModel();
    const core::Runs &all = m_runs->tableModel()->runs();
    QHash<qint64, int> index;
    for (size_t i = 0; i < all.size(); ++i)
        index.insert(all[i].id, int(i));

    const QList<qint64> selected = m_table->selectedRunIds();
    QList<qint64> ids;
    m_highlight = 0;
    if (selected.size() >= 2) {
        ids = selected;
    } else {
        // No multi-selection: the first filtered runs in table order, the selected one marked.
        if (selected.size() == 1)
            m_highlight = selected.front();
        const int limit = m_panel->runLimit();
        for (int row = 0; row < proxy->rowCount() && ids.size() < limit; ++row)
            ids << proxy->index(row, 0).data(items::RunIdRole).toLongLong();
        if (m_highlight != 0 && !ids.contains(m_highlight))
            ids << m_highlight;
    }
    m_shown.clear();
    for (qint64 id : ids) {
        const auto it = index.constFind(id);
        if (it != index.constEnd())
            m_shown.push_back(all[size_t(*it)]);
    }

    // The picker offers every metric of the shown runs; grouping offers the fields that vary.
    QSet<QString> keys;
    QHash<QString, QSet<QString>> values;
    for (const core::Run &run : m_shown) {
        for (const core::MetricInfo &m : run.metrics)
            keys.insert(m.key);
        for (const core::ConfigTree::Entry &e : run.config.entries())
            values[QStringLiteral("params.") + e.key].insert(e.value.toString());
        for (auto it = run.tags.cbegin(); it != run.tags.cend(); ++it)
            values[QStringLiteral("tags.") + it.key()].insert(it.value());
    }
    QStringList metricKeys(keys.begin(), keys.end());
    std::sort(metricKeys.begin(), metricKeys.end(),
              [](const QString &a, const QString &b) { return core::naturalCompare(a, b) < 0; });
    QStringList fields;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        // Worth grouping by: more than one value, fewer values than runs.
        if (it.value().size() > 1 && it.value().size() < qsizetype(m_shown.size()))
            fields << it.key();
    }
    std::sort(fields.begin(), fields.end(),
              [](const QString &a, const QString &b) { return core::naturalCompare(a, b) < 0; });
    m_panel->setAvailableMetrics(metricKeys);
    m_panel->setGroupFields(fields);
    if (m_panel->selectedMetrics().isEmpty() && !metricKeys.isEmpty()) {
        const QSignalBlocker block(m_panel);
        m_panel->setSelectedMetrics({defaultMetric(metricKeys)});
    }
    m_panel->setStatus(
        selected.size() >= 2
            ? tr("Charting the %n selected run(s).", nullptr, int(m_shown.size()))
            : tr("Charting %n filtered run(s); select two or more rows to chart just those.",
                 nullptr, int(m_shown.size())));
    updateGroups();
}

void ChartController::updateGroups() {
    m_groups.clear();
    m_groupOf.clear();
    const analysis::GroupSpec spec = m_panel->groupSpec();
    if (!spec.isEmpty()) {
        std::vector<const core::Run *> runs;
        for (const core::Run &r : m_shown)
            runs.push_back(&r);
        m_groups = analysis::groupRuns(runs, spec);
        for (size_t g = 0; g < m_groups.size(); ++g) {
            for (int member : m_groups[g].members)
                m_groupOf.insert(m_shown[size_t(member)].id, int(g));
        }
    }
    QStringList labels;
    for (const analysis::RunGroup &g : m_groups)
        labels << g.label;
    m_panel->setComparisonGroups(labels);
    updateComparison();
}

void ChartController::requestAll() {
    for (widgets::MetricOverlayPlot *p : m_panel->plots()) {
        p->setXAxis(m_panel->spec().xAxis, m_panel->spec().xMetric);
        request(p->metric());
    }
    syncHighlight();
}

void ChartController::scheduleRequest(const QString &metric) {
    if (!m_due.contains(metric))
        m_due << metric;
    m_debounce.start();
}

void ChartController::request(const QString &metric) {
    widgets::MetricOverlayPlot *plot = m_panel->plot(metric);
    if (!plot)
        return;
    analysis::ChartRequest rq;
    rq.generation = ++m_generation[metric];
    rq.metric = metric;
    rq.spec = m_panel->spec();
    rq.groupCount = int(m_groups.size());
    for (const core::Run &run : m_shown) {
        if (!run.metric(metric))
            continue;
        rq.runs.push_back({run.id, run.startMs, m_groupOf.value(run.id, -1)});
    }
    rq.fullRange = plot->isAutoRange();
    const int columns = plot->plotColumns();
    if (rq.fullRange) {
        rq.columns = columns;
    } else {
        // Half a view of margin each side, so a pan shows curves at once while the next load
        // refines them.
        const auto [lo, hi] = plot->xRange();
        const double w = hi - lo;
        rq.lo = lo - 0.5 * w;
        rq.hi = hi + 0.5 * w;
        rq.columns = columns * 2;
    }
    m_loader->request(rq);
}

void ChartController::onLoaded(const analysis::ChartData &data) {
    widgets::MetricOverlayPlot *plot = m_panel->plot(data.metric);
    if (!plot || data.generation < m_applied.value(data.metric) || !(data.spec == m_panel->spec()))
        return;
    m_applied[data.metric] = data.generation;
    QHash<qint64, const core::Run *> byId;
    for (const core::Run &r : m_shown)
        byId.insert(r.id, &r);

    plot->setChart(
        data, [&byId](qint64 id) { return byId.value(id); }, m_groups, m_groupOf);
    qint64 total = 0;
    qint64 drawn = 0;
    for (const analysis::ChartSeries &s : data.series) {
        total += s.total;
        drawn += qint64(s.raw.size());
    }
    const QLocale locale;
    QString subtitle = tr("%n run(s) · %1 points · %2 drawn", nullptr, int(data.series.size()))
                           .arg(compactCount(total), locale.toString(drawn));
    if (!data.error.isEmpty())
        subtitle += QStringLiteral(" · ") + data.error;
    plot->setSubtitle(subtitle);
    plot->setHighlightedRun(m_highlight);
}

void ChartController::syncHighlight() {
    for (widgets::MetricOverlayPlot *p : m_panel->plots())
        p->setHighlightedRun(m_highlight);
}

void ChartController::onRunClicked(qint64 runId) {
    // Make the run the table's current row; with fewer than two rows selected that selects it
    // (and the charts keep every filtered run, with this one highlighted).
    const items::RunFilterProxyModel *proxy = m_runs->proxyModel();
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const QModelIndex idx = proxy->index(row, 0);
        if (idx.data(items::RunIdRole).toLongLong() != runId)
            continue;
        const bool multi = m_table->selectedRunIds().size() >= 2;
        m_table->selectionModel()->setCurrentIndex(
            idx, multi ? QItemSelectionModel::NoUpdate
                       : QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(idx);
        break;
    }
    m_highlight = runId;
    syncHighlight();
}

void ChartController::updateComparison() {
    const int a = m_panel->compareA();
    const int b = m_panel->compareB();
    const QString metric = m_panel->compareMetric();
    if (m_groups.size() < 2 || a < 0 || b < 0 || size_t(a) >= m_groups.size() ||
        size_t(b) >= m_groups.size() || metric.isEmpty()) {
        m_panel->setComparisonText(QString());
        return;
    }
    if (a == b) {
        m_panel->setComparisonText(tr("Choose two different groups."));
        return;
    }
    const auto members = [this](int g) {
        std::vector<const core::Run *> runs;
        for (int m : m_groups[size_t(g)].members)
            runs.push_back(&m_shown[size_t(m)]);
        return runs;
    };
    const analysis::CompareWhat what = m_panel->compareWhat();
    const std::vector<double> va = analysis::runValues(members(a), metric, what);
    const std::vector<double> vb = analysis::runValues(members(b), metric, what);
    const analysis::WelchResult w = analysis::welch(va, vb);
    if (!w.valid) {
        m_panel->setComparisonText(
            tr("Needs at least two runs with a value in each group (have %1 and %2).")
                .arg(va.size())
                .arg(vb.size()));
        return;
    }
    const bool lower = analysis::lowerIsBetter(metric);
    const bool significant = w.p < 0.05;
    const bool bBetter = lower ? w.diff < 0 : w.diff > 0;
    const QString verdict = !significant ? tr("no significant difference")
                                         : (bBetter ? tr("B is better") : tr("A is better"));
    m_panel->setComparisonText(
        tr("B − A = <b>%1</b> (95 % CI %2 … %3), p = <b>%4</b> · Welch t = %5, df = %6 · "
           "n = %7 vs %8 · <i>%9</i>")
            .arg(formatNumber(w.diff), formatNumber(w.ciLow), formatNumber(w.ciHigh),
                 w.p < 1e-4 ? QStringLiteral("< 0.0001") : QLocale().toString(w.p, 'g', 2),
                 formatNumber(w.t), QLocale().toString(w.df, 'f', 1))
            .arg(w.nA)
            .arg(w.nB)
            .arg(verdict));
}

void ChartController::waitForCharts() {
    if (m_selectionDebounce.isActive()) {
        m_selectionDebounce.stop();
        updateShownRuns();
        requestAll();
    }
    if (m_debounce.isActive()) {
        m_debounce.stop();
        const QStringList due = std::exchange(m_due, {});
        for (const QString &m : due)
            request(m);
    }
    m_loader->waitForIdle();
    QCoreApplication::sendPostedEvents();
}

} // namespace runlens::app
