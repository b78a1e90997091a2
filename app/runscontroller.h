// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/problem.h"
#include "core/run.h"
#include "sources/importjob.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace runlens::items {
class ColumnListModel;
class RunFilterProxyModel;
class RunTableModel;
} // namespace runlens::items

namespace runlens::sources {
class ImportWorker;
}

namespace runlens::app {

/// Owns the run models of the window and keeps them filled without blocking the GUI thread:
/// opening sources first shows what the cache already holds (loaded on the thread pool with a
/// Cache of its own), then imports the sources in the background and swaps the re-read runs in.
/// Results of a load that a newer open() overtook are dropped.
class RunsController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsController)

public:
    explicit RunsController(const QString &cachePath, QObject *parent = nullptr);
    ~RunsController() override;

    [[nodiscard]] items::RunTableModel *tableModel() const { return m_table; }
    [[nodiscard]] items::RunFilterProxyModel *proxyModel() const { return m_proxy; }
    [[nodiscard]] items::ColumnListModel *columnModel() const { return m_columns; }
    [[nodiscard]] QString cachePath() const { return m_cachePath; }
    [[nodiscard]] QStringList sources() const { return m_sources; }
    [[nodiscard]] const core::Problems &problems() const { return m_problems; }
    [[nodiscard]] bool isImporting() const;
    [[nodiscard]] bool isLoading() const { return m_loading; }
    [[nodiscard]] bool hasLoaded() const { return m_loadedOnce; }

    /// Shows the cached runs of sources at once, then (when import) re-imports them.
    void open(const QStringList &sources, bool import = true);
    /// Imports the current sources again and reloads.
    void refresh();
    void cancelImport();

    /// Runs still being written (core::Run::looksLive), counted at the last load.
    [[nodiscard]] int liveRuns() const { return m_liveRuns; }
    /// While on and some run is live, refreshes every interval (only the new bytes are read).
    void setAutoRefresh(bool on);
    [[nodiscard]] bool autoRefresh() const { return m_autoRefresh; }
    void setAutoRefreshInterval(int ms);
    [[nodiscard]] int autoRefreshInterval() const;

Q_SIGNALS:
    void sourcesChanged(const QStringList &sources);
    /// Around every swap of the runs, so views can keep sort, selection and widths.
    void aboutToReplaceRuns();
    void runsReplaced();
    void loadFinished();
    void importStarted();
    void importProgress(const runlens::sources::ImportProgress &progress);
    void importFinished(const runlens::sources::ImportSummary &summary);
    void problemsChanged(const runlens::core::Problems &problems);
    void liveRunsChanged(int count);
    void errorOccurred(const QString &message);

private:
    struct LoadResult;
    void startLoad(bool thenImport);
    void applyLoad(LoadResult result, bool thenImport);
    void startImport();

    QString m_cachePath;
    QStringList m_sources;
    items::RunTableModel *m_table;
    items::RunFilterProxyModel *m_proxy;
    items::ColumnListModel *m_columns;
    sources::ImportWorker *m_worker;
    core::Problems m_problems;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_reloadPending = false;
    bool m_loadedOnce = false;
    QElapsedTimer m_sinceLoad;
    QTimer *m_autoTimer;
    bool m_autoRefresh = false;
    int m_liveRuns = 0;
    void updateLiveRuns();
};

} // namespace runlens::app
