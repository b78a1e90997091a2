// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/runtableview.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QDockWidget;
class QLabel;
class QToolButton;

namespace runlens::widgets {
class ChartPanel;
class ColumnChooser;
class FilterBar;
class ImportPanel;
class ImportProblemsDock;
} // namespace runlens::widgets

namespace runlens::app {

class ChartController;
class RecentFolders;
class RunsController;

/// The RunLens window: the run table with its filter bar, the column chooser, import progress
/// in the status bar and the Import Problems dock. It composes; loading and importing live in
/// RunsController.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    struct Options {
        QString cachePath;             ///< the SQLite cache; Cache::defaultPath() when empty
        bool useSettings = true;       ///< read and write QSettings (geometry, recent, columns)
        bool forceShowDeleted = false; ///< --all: show deleted runs whatever the settings say
    };

    explicit MainWindow(const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Shows the cached runs of sources at once, then imports them in the background (unless
    /// import is false: the screenshot command imported already).
    void openSources(const QStringList &sources, bool import = true);

    [[nodiscard]] RunsController *controller() const { return m_controller; }
    [[nodiscard]] widgets::RunTableView *tableView() const { return m_view; }
    [[nodiscard]] widgets::FilterBar *filterBar() const { return m_filter; }
    [[nodiscard]] widgets::ImportPanel *importPanel() const { return m_importPanel; }
    [[nodiscard]] widgets::ImportProblemsDock *problemsDock() const { return m_problemsDock; }
    [[nodiscard]] widgets::ChartPanel *chartPanel() const { return m_chartPanel; }
    [[nodiscard]] QDockWidget *chartDock() const { return m_chartDock; }
    [[nodiscard]] ChartController *chartController() const { return m_charts; }
    [[nodiscard]] widgets::ColumnChooser *columnChooser(); ///< created on first use
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QAction *showDeletedAction() const { return m_showDeleted; }
    [[nodiscard]] QAction *autoRefreshAction() const { return m_autoRefresh; }

public Q_SLOTS:
    void openFolderDialog();
    void showColumnChooser();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void connectController();
    void updateStatus();
    void updateTitle();
    void onRunsReplaced();
    void restoreSettings();
    void saveSettings() const;

    Options m_options;
    RunsController *m_controller;
    widgets::RunTableView *m_view;
    widgets::FilterBar *m_filter;
    widgets::ImportPanel *m_importPanel;
    widgets::ImportProblemsDock *m_problemsDock;
    widgets::ChartPanel *m_chartPanel = nullptr;
    QDockWidget *m_chartDock = nullptr;
    ChartController *m_charts = nullptr;
    QPointer<widgets::ColumnChooser> m_chooser;
    RecentFolders *m_recent = nullptr;
    QLabel *m_statusLabel;
    QToolButton *m_problemsButton;

    QAction *m_open = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_autoRefresh = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_showDeleted = nullptr;
    QAction *m_chooseColumns = nullptr;
    QAction *m_focusFilter = nullptr;
    QAction *m_about = nullptr;
    QAction *m_aboutQt = nullptr;

    widgets::RunTableView::State m_viewState;
    bool m_hadRuns = false;
};

} // namespace runlens::app
