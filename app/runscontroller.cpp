// SPDX-License-Identifier: GPL-3.0-or-later
#include "runscontroller.h"

#include "items/columnlistmodel.h"
#include "items/runfilterproxymodel.h"
#include "items/runtablemodel.h"
#include "sources/importworker.h"
#include "store/cache.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPointer>
#include <QThread>
#include <QtConcurrent>

namespace runlens::app {

namespace {
/// While a first import fills an empty table, re-read the cache this often to show progress.
constexpr qint64 interimReloadMs = 2000;
} // namespace

struct RunsController::LoadResult {
    core::Runs runs;
    core::Problems problems;
    QString error;
};

RunsController::RunsController(const QString &cachePath, QObject *parent)
    : QObject(parent)
    , m_cachePath(cachePath)
    , m_table(new items::RunTableModel(this))
    , m_proxy(new items::RunFilterProxyModel(this))
    , m_columns(new items::ColumnListModel(this))
    , m_worker(new sources::ImportWorker(this))
    , m_autoTimer(new QTimer(this)) {
    m_proxy->setSourceModel(m_table);
    m_autoTimer->setInterval(5000);
    connect(m_autoTimer, &QTimer::timeout, this, [this] {
        if (m_autoRefresh && m_liveRuns > 0 && !m_worker->isRunning() && !m_loading)
            refresh();
    });
    m_columns->setTableModel(m_table);

    connect(m_worker, &sources::ImportWorker::started, this, &RunsController::importStarted);
    connect(m_worker, &sources::ImportWorker::progress, this,
            [this](const sources::ImportProgress &progress) {
                Q_EMIT importProgress(progress);
                if (!m_loading && progress.runsDone > m_table->rowCount() &&
                    m_sinceLoad.isValid() && m_sinceLoad.elapsed() > interimReloadMs) {
                    startLoad(false);
                }
            });
    connect(m_worker, &sources::ImportWorker::finished, this,
            [this](const sources::ImportSummary &summary) {
                if (!summary.ok())
                    Q_EMIT errorOccurred(summary.fatalError);
                Q_EMIT importFinished(summary);
                if (m_loading)
                    m_reloadPending = true; // reload once the running load is in
                else
                    startLoad(false);
            });
}

RunsController::~RunsController() = default;

bool RunsController::isImporting() const {
    return m_worker->isRunning();
}

void RunsController::open(const QStringList &sources, bool import) {
    QStringList cleaned;
    for (const QString &s : sources) {
        const QString n = sources::ImportJob::normalizeSource(s);
        if (!n.isEmpty() && !cleaned.contains(n))
            cleaned.append(n);
    }
    if (m_worker->isRunning())
        m_worker->cancel();
    m_sources = cleaned;
    m_problems.clear();
    ++m_generation;
    Q_EMIT sourcesChanged(m_sources);
    startLoad(import);
}

void RunsController::refresh() {
    if (m_sources.isEmpty())
        return;
    startImport();
}

void RunsController::cancelImport() {
    m_worker->cancel();
}

void RunsController::setAutoRefresh(bool on) {
    m_autoRefresh = on;
    if (on)
        m_autoTimer->start();
    else
        m_autoTimer->stop();
}

void RunsController::setAutoRefreshInterval(int ms) {
    m_autoTimer->setInterval(std::max(200, ms));
}

int RunsController::autoRefreshInterval() const {
    return m_autoTimer->interval();
}

void RunsController::updateLiveRuns() {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int live = 0;
    for (const core::Run &run : m_table->runs())
        live += run.looksLive(now) ? 1 : 0;
    if (live == m_liveRuns)
        return;
    m_liveRuns = live;
    Q_EMIT liveRunsChanged(live);
}

void RunsController::startImport() {
    sources::ImportOptions options;
    options.cachePath = m_cachePath;
    options.sources = m_sources;
    options.threads = qBound(1, QThread::idealThreadCount() - 1, 4);
    m_sinceLoad.restart();
    m_worker->start(options);
}

void RunsController::startLoad(bool thenImport) {
    m_loading = true;
    m_reloadPending = false;
    m_sinceLoad.restart();
    const quint64 generation = m_generation;
    const QString cachePath = m_cachePath;
    const QStringList sourceList = m_sources;

    // A Cache is one connection for one thread: the load opens its own.
    auto *watcher = new QFutureWatcher<LoadResult>(this);
    connect(watcher, &QFutureWatcher<LoadResult>::finished, this,
            [this, watcher, generation, thenImport] {
                watcher->deleteLater();
                if (generation != m_generation) {
                    return; // a newer open() took over; its own load is on its way
                }
                m_loading = false;
                // takeResult() moves the runs out: 100,000 runs are ~400 MB, never copied.
                applyLoad(watcher->future().takeResult(), thenImport);
            });
    watcher->setFuture(QtConcurrent::run([cachePath, sourceList] {
        LoadResult result;
        if (sourceList.isEmpty())
            return result;
        QDir().mkpath(QFileInfo(cachePath).absolutePath());
        QString error;
        const std::unique_ptr<store::Cache> cache = store::Cache::open(cachePath, &error);
        if (!cache) {
            result.error = error;
            return result;
        }
        for (const QString &source : sourceList) {
            core::Runs runs = cache->loadRuns(source, true);
            if (result.runs.empty())
                result.runs = std::move(runs);
            else
                std::move(runs.begin(), runs.end(), std::back_inserter(result.runs));
            result.problems += cache->problems(source);
        }
        return result;
    }));
}

void RunsController::applyLoad(LoadResult result, bool thenImport) {
    if (!result.error.isEmpty()) {
        Q_EMIT errorOccurred(result.error);
    } else {
        Q_EMIT aboutToReplaceRuns();
        m_table->setRuns(std::move(result.runs));
        Q_EMIT runsReplaced();
        m_problems = result.problems;
        Q_EMIT problemsChanged(m_problems);
        updateLiveRuns();
    }
    m_loadedOnce = true;
    Q_EMIT loadFinished();
    if (thenImport && result.error.isEmpty() && !m_sources.isEmpty())
        startImport();
    else if (m_reloadPending)
        startLoad(false);
}

} // namespace runlens::app
