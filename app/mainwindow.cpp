// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "aboutdialog.h"
#include "chartcontroller.h"
#include "items/columnlistmodel.h"
#include "items/roles.h"
#include "items/runfilterproxymodel.h"
#include "items/runtablemodel.h"
#include "recentfolders.h"
#include "runscontroller.h"
#include "store/cache.h"
#include "widgets/chartpanel.h"
#include "widgets/columnchooser.h"
#include "widgets/filterbar.h"
#include "widgets/importpanel.h"
#include "widgets/importproblemsdock.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>

namespace runlens::app {

namespace {

/// Columns a first-time user rarely needs; shown again from the column chooser. The format
/// stays: a folder mixing tools is the point of RunLens.
const QStringList defaultHiddenFields{QStringLiteral("attributes.path"),
                                      QStringLiteral("attributes.run_id")};

QStringList localFolders(const QMimeData *mime) {
    QStringList folders;
    if (!mime || !mime->hasUrls())
        return folders;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo::exists(url.toLocalFile()))
            folders.append(url.toLocalFile());
    }
    return folders;
}

QString displayPath(const QString &path) {
    const QString home = QDir::homePath();
    QString shown = path;
    if (shown == home || shown.startsWith(home + QLatin1Char('/')))
        shown = QLatin1Char('~') + shown.mid(home.size());
    return QDir::toNativeSeparators(shown);
}

} // namespace

MainWindow::MainWindow(const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_controller(new RunsController(
          options.cachePath.isEmpty() ? store::Cache::defaultPath() : options.cachePath, this))
    , m_view(new widgets::RunTableView(this))
    , m_filter(new widgets::FilterBar(this))
    , m_importPanel(new widgets::ImportPanel(this))
    , m_problemsDock(new widgets::ImportProblemsDock(this))
    , m_statusLabel(new QLabel(this))
    , m_problemsButton(new QToolButton(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setWindowIcon(QIcon(QStringLiteral(":/runlens/runlens.svg")));

    m_view->setModel(m_controller->proxyModel());
    m_view->setColumnList(m_controller->columnModel());
    setCentralWidget(m_view);

    // The charts dock below the table by default; users move it where they like.
    m_chartPanel = new widgets::ChartPanel(this);
    m_chartDock = new QDockWidget(tr("Charts"), this);
    m_chartDock->setObjectName(QStringLiteral("chartsDock"));
    m_chartDock->setWidget(m_chartPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_chartDock);
    m_charts = new ChartController(m_controller, m_view, m_chartPanel, this);

    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);
    m_problemsDock->hide();

    m_statusLabel->setObjectName(QStringLiteral("runCountLabel"));
    m_problemsButton->setAutoRaise(true);
    m_problemsButton->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_problemsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_problemsButton->hide();
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_importPanel);
    statusBar()->addPermanentWidget(m_problemsButton);
    connect(m_problemsButton, &QToolButton::clicked, this, [this] {
        m_problemsDock->show();
        m_problemsDock->raise();
    });

    createActions();
    createMenus();
    connectController();
    restoreSettings();
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow() {
    // The controller and its models are children destroyed after this object has stopped being
    // a MainWindow; their last signals (a proxy's reset when its source goes) must not reach
    // this object's slots then.
    for (const QObject *sender : {static_cast<const QObject *>(m_controller),
                                  static_cast<const QObject *>(m_controller->tableModel()),
                                  static_cast<const QObject *>(m_controller->proxyModel()),
                                  static_cast<const QObject *>(m_controller->columnModel())})
        disconnect(sender, nullptr, this, nullptr);
}

void MainWindow::createActions() {
    m_open = new QAction(QIcon::fromTheme(QStringLiteral("document-open"),
                                          style()->standardIcon(QStyle::SP_DirOpenIcon)),
                         tr("&Open Folder…"), this);
    m_open->setShortcut(QKeySequence::Open);
    m_open->setToolTip(tr("Open a results folder (Ctrl+O)"));
    connect(m_open, &QAction::triggered, this, &MainWindow::openFolderDialog);

    m_refresh = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh"),
                                             style()->standardIcon(QStyle::SP_BrowserReload)),
                            tr("&Refresh"), this);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(tr("Read changed files again (F5)"));
    connect(m_refresh, &QAction::triggered, m_controller, &RunsController::refresh);

    m_autoRefresh = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-start"),
                                                 style()->standardIcon(QStyle::SP_MediaPlay)),
                                tr("&Auto-Refresh Live Runs"), this);
    m_autoRefresh->setCheckable(true);
    m_autoRefresh->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_autoRefresh->setToolTip(tr("While runs are still being written, read their new data every "
                                 "few seconds (Shift+F5)"));
    connect(m_autoRefresh, &QAction::toggled, m_controller, &RunsController::setAutoRefresh);

    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    m_showDeleted = new QAction(tr("Show &Deleted Runs"), this);
    m_showDeleted->setCheckable(true);
    connect(m_showDeleted, &QAction::toggled, this, [this](bool on) {
        m_controller->proxyModel()->setShowDeleted(on);
        updateStatus();
    });

    m_chooseColumns = new QAction(tr("&Choose Columns…"), this);
    m_chooseColumns->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_chooseColumns, &QAction::triggered, this, &MainWindow::showColumnChooser);
    connect(m_view, &widgets::RunTableView::chooseColumnsRequested, this,
            &MainWindow::showColumnChooser);

    m_focusFilter = new QAction(tr("&Focus Filter"), this);
    m_focusFilter->setShortcuts({QKeySequence::Find, QKeySequence(Qt::CTRL | Qt::Key_L)});
    connect(m_focusFilter, &QAction::triggered, m_filter, &widgets::FilterBar::focusFilter);

    m_about = new QAction(tr("&About RunLens"), this);
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, [this] { showAboutDialog(this); });
    m_aboutQt = new QAction(tr("About &Qt"), this);
    m_aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_open);
    QMenu *recent = file->addMenu(tr("Open &Recent"));
    m_recent = new RecentFolders(recent, m_options.useSettings, this);
    connect(m_recent, &RecentFolders::openRequested, this,
            [this](const QString &folder) { openSources({folder}); });
    file->addAction(m_refresh);
    file->addAction(m_autoRefresh);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_showDeleted);
    view->addAction(m_chooseColumns);
    QAction *problems = m_problemsDock->toggleViewAction();
    problems->setText(tr("Import &Problems"));
    view->addAction(problems);
    QAction *charts = m_chartDock->toggleViewAction();
    charts->setText(tr("&Charts"));
    charts->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    view->addAction(charts);
    view->addSeparator();
    view->addAction(m_focusFilter);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_about);
    help->addAction(m_aboutQt);

    QToolBar *tools = addToolBar(tr("Main Toolbar"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addAction(m_open);
    tools->addAction(m_refresh);
    tools->addAction(m_autoRefresh);
    tools->addSeparator();
    m_filter->setMinimumWidth(360);
    tools->addWidget(m_filter);
}

void MainWindow::connectController() {
    RunsController *c = m_controller;
    connect(m_filter, &widgets::FilterBar::filterChanged, this,
            [this](const core::RunFilter &filter) {
                m_controller->proxyModel()->setRunFilter(filter);
                updateStatus();
            });
    connect(c, &RunsController::sourcesChanged, this, &MainWindow::updateTitle);
    connect(c, &RunsController::aboutToReplaceRuns, this, [this] {
        m_hadRuns = m_controller->tableModel()->rowCount() > 0 || m_hadRuns;
        m_viewState = m_view->saveState();
    });
    connect(c, &RunsController::runsReplaced, this, &MainWindow::onRunsReplaced);
    connect(c, &RunsController::liveRunsChanged, this, &MainWindow::updateStatus);
    connect(c, &RunsController::loadFinished, this, &MainWindow::updateStatus);
    connect(c, &RunsController::importStarted, m_importPanel, &widgets::ImportPanel::start);
    connect(c, &RunsController::importStarted, this, &MainWindow::updateStatus);
    connect(c, &RunsController::importProgress, m_importPanel, &widgets::ImportPanel::setProgress);
    connect(m_importPanel, &widgets::ImportPanel::cancelRequested, c,
            &RunsController::cancelImport);
    connect(
        c, &RunsController::importFinished, this, [this](const sources::ImportSummary &summary) {
            m_importPanel->finish();
            if (summary.ok()) {
                statusBar()->showMessage(summary.cancelled ? tr("Import cancelled")
                                                           : tr("Imported %n run(s), %1 unchanged",
                                                                "", int(summary.runs))
                                                                 .arg(summary.unchanged),
                                         5000);
            }
            updateStatus();
        });
    connect(c, &RunsController::problemsChanged, this, [this](const core::Problems &problems) {
        m_problemsDock->setProblems(problems);
        // Spelled out rather than "%n problem(s)": English has no numerus translation file.
        m_problemsButton->setText(problems.size() == 1 ? tr("1 problem")
                                                       : tr("%1 problems").arg(problems.size()));
        m_problemsButton->setToolTip(tr("Show the Import Problems panel"));
        m_problemsButton->setVisible(!problems.isEmpty());
    });
    connect(c, &RunsController::errorOccurred, this, [this](const QString &message) {
        statusBar()->showMessage(message, 15000);
        auto *box =
            new QMessageBox(QMessageBox::Warning, tr("RunLens"), message, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });

    QAbstractItemModel *proxy = c->proxyModel();
    connect(proxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateStatus);
    connect(proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateStatus);
    connect(proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateStatus);
    connect(proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateStatus);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateStatus);
}

void MainWindow::openSources(const QStringList &sources, bool import) {
    if (sources.isEmpty())
        return;
    m_controller->open(sources, import);
    for (const QString &s : m_controller->sources())
        m_recent->add(s);
}

void MainWindow::openFolderDialog() {
    const QStringList current = m_controller->sources();
    const QString start = current.isEmpty() ? QDir::homePath() : current.constFirst();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Results Folder"), start);
    if (!dir.isEmpty())
        openSources({dir});
}

widgets::ColumnChooser *MainWindow::columnChooser() {
    if (!m_chooser)
        m_chooser = new widgets::ColumnChooser(m_controller->columnModel(), this);
    return m_chooser;
}

void MainWindow::showColumnChooser() {
    widgets::ColumnChooser *chooser = columnChooser();
    chooser->show();
    chooser->raise();
    chooser->activateWindow();
    chooser->searchEdit()->setFocus();
}

void MainWindow::onRunsReplaced() {
    if (m_hadRuns) {
        m_view->restoreState(m_viewState);
    } else if (m_controller->tableModel()->rowCount() > 0) {
        // First fill: fit the columns to what is there and show the newest runs first.
        m_view->fitColumnWidths();
        m_view->sortByField(QStringLiteral("attributes.start_time"), Qt::DescendingOrder);
        m_hadRuns = true;
    }
    QStringList fields;
    const auto *table = m_controller->tableModel();
    for (int c = 0; c < table->columnCount(); ++c)
        fields.append(table->headerData(c, Qt::Horizontal, items::FieldRole).toString());
    m_filter->setFields(fields);
    updateStatus();
}

QString MainWindow::statusText() const {
    return m_statusLabel->text();
}

void MainWindow::updateStatus() {
    const QLocale locale;
    const int total = m_controller->tableModel()->rowCount();
    const int shown = m_controller->proxyModel()->rowCount();
    const qsizetype selected =
        m_view->selectionModel() ? m_view->selectionModel()->selectedRows().size() : 0;
    QString status =
        tr("%1 runs · %2 shown · %3 selected")
            .arg(locale.toString(total), locale.toString(shown), locale.toString(selected));
    const int live = m_controller->liveRuns();
    if (live > 0)
        status += u' ' + tr("· %n live", nullptr, live);
    m_statusLabel->setText(status);
    QString placeholder;
    if (m_controller->sources().isEmpty())
        placeholder = tr("Open a results folder (Ctrl+O) or drop it here");
    else if (total == 0 && (m_controller->isLoading() || m_controller->isImporting()))
        placeholder = tr("Reading runs…");
    else if (total == 0)
        placeholder = tr("No runs found in %1")
                          .arg(displayPath(m_controller->sources().join(QStringLiteral(", "))));
    else if (shown == 0)
        placeholder = tr("No runs match the filter");
    m_view->setPlaceholderText(placeholder);
    m_refresh->setEnabled(!m_controller->sources().isEmpty());
    m_autoRefresh->setEnabled(live > 0 || m_autoRefresh->isChecked());
}

void MainWindow::updateTitle() {
    const QStringList sources = m_controller->sources();
    if (sources.isEmpty()) {
        setWindowTitle(tr("RunLens"));
        return;
    }
    QStringList shown;
    for (const QString &s : sources)
        shown.append(displayPath(s));
    setWindowTitle(tr("%1 — RunLens").arg(shown.join(QStringLiteral(", "))));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event) {
    if (!localFolders(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event) {
    const QStringList folders = localFolders(event->mimeData());
    if (folders.isEmpty())
        return;
    event->acceptProposedAction();
    openSources(folders);
}

void MainWindow::restoreSettings() {
    items::ColumnListModel *columns = m_controller->columnModel();
    if (!m_options.useSettings) {
        columns->setHiddenFields(defaultHiddenFields);
        m_showDeleted->setChecked(m_options.forceShowDeleted);
        resize(1200, 760);
        resizeDocks({m_chartDock}, {420}, Qt::Vertical);
        return;
    }
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1200, 760);
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray()))
        resizeDocks({m_chartDock}, {420}, Qt::Vertical);
    // The dashboard a user keeps: metrics, axes, smoothing, grouping.
    analysis::ChartSpec spec;
    spec.xAxis = analysis::XAxis(settings.value(QStringLiteral("charts/xAxis"), 0).toInt());
    spec.xMetric = settings.value(QStringLiteral("charts/xMetric")).toString();
    spec.smoothing =
        analysis::Smoothing(settings.value(QStringLiteral("charts/smoothing")).toInt());
    spec.emaWeight = settings.value(QStringLiteral("charts/emaWeight"), 0.6).toDouble();
    spec.medianWindow = settings.value(QStringLiteral("charts/medianWindow"), 21).toInt();
    spec.band = analysis::Band(
        settings.value(QStringLiteral("charts/band"), int(analysis::Band::StdDev)).toInt());
    m_chartPanel->setSpec(spec);
    m_chartPanel->setLogY(settings.value(QStringLiteral("charts/logY")).toBool());
    m_chartPanel->setRunLimit(settings.value(QStringLiteral("charts/limit"), 50).toInt());
    m_chartPanel->setGroupBy(settings.value(QStringLiteral("charts/groupBy")).toString());
    m_chartPanel->setSelectedMetrics(
        settings.value(QStringLiteral("charts/metrics")).toStringList());
    columns->setHiddenFields(
        settings.value(QStringLiteral("table/hiddenColumns"), defaultHiddenFields).toStringList());
    m_showDeleted->setChecked(m_options.forceShowDeleted ||
                              settings.value(QStringLiteral("view/showDeleted")).toBool());
    m_filter->setHistory(settings.value(QStringLiteral("filter/history")).toStringList());
    m_autoRefresh->setChecked(settings.value(QStringLiteral("refresh/auto")).toBool());
    m_controller->setAutoRefreshInterval(
        settings.value(QStringLiteral("refresh/intervalMs"), 5000).toInt());
}

void MainWindow::saveSettings() const {
    if (!m_options.useSettings)
        return;
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("table/hiddenColumns"),
                      m_controller->columnModel()->hiddenFields());
    if (!m_options.forceShowDeleted)
        settings.setValue(QStringLiteral("view/showDeleted"), m_showDeleted->isChecked());
    settings.setValue(QStringLiteral("filter/history"), m_filter->history());
    settings.setValue(QStringLiteral("refresh/auto"), m_autoRefresh->isChecked());
    const analysis::ChartSpec spec = m_chartPanel->spec();
    settings.setValue(QStringLiteral("charts/xAxis"), int(spec.xAxis));
    settings.setValue(QStringLiteral("charts/xMetric"), spec.xMetric);
    settings.setValue(QStringLiteral("charts/smoothing"), int(spec.smoothing));
    settings.setValue(QStringLiteral("charts/emaWeight"), spec.emaWeight);
    settings.setValue(QStringLiteral("charts/medianWindow"), spec.medianWindow);
    settings.setValue(QStringLiteral("charts/band"), int(spec.band));
    settings.setValue(QStringLiteral("charts/logY"), m_chartPanel->logY());
    settings.setValue(QStringLiteral("charts/limit"), m_chartPanel->runLimit());
    const analysis::GroupSpec group = m_chartPanel->groupSpec();
    settings.setValue(QStringLiteral("charts/groupBy"),
                      group.allParams ? QStringLiteral("*") : group.fields.value(0));
    settings.setValue(QStringLiteral("charts/metrics"), m_chartPanel->selectedMetrics());
}

void MainWindow::closeEvent(QCloseEvent *event) {
    saveSettings();
    m_controller->cancelImport();
    QMainWindow::closeEvent(event);
}

} // namespace runlens::app
