// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demogenerator.h"
#include "items/columnlistmodel.h"
#include "items/roles.h"
#include "items/runfilterproxymodel.h"
#include "items/runtablemodel.h"
#include "mainwindow.h"
#include "runscontroller.h"
#include "widgets/columnchooser.h"
#include "widgets/filterbar.h"
#include "widgets/widgettestutils.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>

using namespace runlens;

namespace {

constexpr int loadTimeoutMs = 30000;

bool writeStore(const QString &dir, int runs, quint64 seed) {
    demo::DemoOptions options;
    options.runs = runs;
    options.metrics = 4;
    options.steps = 20;
    options.params = 5;
    options.seed = seed;
    QString error;
    const bool ok = demo::writeDemoStore(dir, options, &error);
    if (!ok)
        qWarning() << error;
    return ok;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeStore(m_dir.filePath(QStringLiteral("a")), 14, 5));
        QVERIFY(writeStore(m_dir.filePath(QStringLiteral("b")), 6, 9));
    }

    void init() {
        MainWindow::Options options;
        options.cachePath = m_dir.filePath(QStringLiteral("cache-%1.sqlite").arg(++m_caches));
        options.useSettings = false;
        m_window = std::make_unique<app::MainWindow>(options);
        m_window->resize(1200, 700);
        m_window->show();
    }
    void cleanup() { m_window.reset(); }

    void emptyState() {
        QCOMPARE(m_window->statusText(), QStringLiteral("0 runs · 0 shown · 0 selected"));
        QCOMPARE(m_window->windowTitle(), QStringLiteral("RunLens"));
    }

    void opensSortsAndFilters() {
        const QString store = m_dir.filePath(QStringLiteral("a/mlruns"));
        m_window->openSources({store});
        waitUntilImported(14);
        auto *proxy = m_window->controller()->proxyModel();
        const auto &runs = m_window->controller()->tableModel()->runs();
        const int active = int(std::count_if(runs.cbegin(), runs.cend(),
                                             [](const core::Run &r) { return !r.deleted; }));
        QVERIFY(active < 14); // the demo store has a deleted run, hidden by default
        QCOMPARE(proxy->rowCount(), active);
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("mlruns")));
        // The demo's newest run is still RUNNING.
        QCOMPARE(m_window->statusText(),
                 QStringLiteral("14 runs · %1 shown · 0 selected · 1 live").arg(active));

        // Click the batch_size header: numeric order (16 < 128), not text order ("128" < "16").
        widgets::RunTableView *view = m_window->tableView();
        const int column = view->columnOfField(QStringLiteral("params.batch_size"));
        QVERIFY(column >= 0);
        view->scrollTo(proxy->index(0, column));
        QHeaderView *header = view->horizontalHeader();
        const QPoint center(header->sectionViewportPosition(column) +
                                header->sectionSize(column) / 2,
                            header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, center);
        QCOMPARE(header->sortIndicatorSection(), column);
        const Qt::SortOrder first = header->sortIndicatorOrder();
        QVERIFY(isSortedNumerically(column, first));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, center);
        QVERIFY(header->sortIndicatorOrder() != first);
        QVERIFY(isSortedNumerically(column, header->sortIndicatorOrder()));

        // Type a filter; after the debounce only the matching runs remain.
        int expected = 0;
        for (const core::Run &r : runs)
            expected += !r.deleted && r.config.value(QStringLiteral("batch_size")).toInt() >= 128;
        QVERIFY(expected > 0 && expected < active);
        QTest::keyClicks(m_window->filterBar()->lineEdit(),
                         QStringLiteral("params.batch_size >= 128"));
        QTRY_COMPARE(proxy->rowCount(), expected);
        QCOMPARE(m_window->statusText(),
                 QStringLiteral("14 runs · %1 shown · 0 selected · 1 live").arg(expected));

        view->selectRow(0);
        QCOMPARE(m_window->statusText(),
                 QStringLiteral("14 runs · %1 shown · 1 selected · 1 live").arg(expected));

        // Show deleted runs.
        m_window->filterBar()->clear();
        m_window->showDeletedAction()->trigger();
        QCOMPARE(proxy->rowCount(), 14);
    }

    void hideColumnViaChooser() {
        m_window->openSources({m_dir.filePath(QStringLiteral("a/mlruns"))});
        waitUntilImported(14);
        widgets::RunTableView *view = m_window->tableView();
        const int column = view->columnOfField(QStringLiteral("params.optimizer"));
        QVERIFY(column >= 0);
        QVERIFY(!view->isColumnHidden(column));
        m_window->showColumnChooser();
        widgets::ColumnChooser *chooser = m_window->columnChooser();
        QVERIFY(chooser->isVisible());
        QTest::keyClicks(chooser->searchEdit(), QStringLiteral("optim"));
        QCOMPARE(chooser->matchingFields(), QStringList{QStringLiteral("params.optimizer")});
        QAbstractItemModel *tree = chooser->treeView()->model();
        const QModelIndex leaf = tree->index(0, 0, tree->index(0, 0));
        QVERIFY(tree->setData(leaf, Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(view->isColumnHidden(column));
    }

    void keepsSelectionAcrossReload() {
        m_window->openSources({m_dir.filePath(QStringLiteral("a/mlruns"))});
        waitUntilImported(14);
        widgets::RunTableView *view = m_window->tableView();
        view->sortByField(QStringLiteral("attributes.name"), Qt::AscendingOrder);
        view->selectRow(2);
        const QList<qint64> selected = view->selectedRunIds();
        QCOMPARE(selected.size(), 1);
        QSignalSpy replaced(m_window->controller(), &app::RunsController::runsReplaced);
        m_window->controller()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(replaced.count() >= 1 && !m_window->controller()->isImporting() &&
                                     !m_window->controller()->isLoading(),
                                 loadTimeoutMs);
        QCOMPARE(view->selectedRunIds(), selected);
        QCOMPARE(view->fieldOfColumn(view->horizontalHeader()->sortIndicatorSection()),
                 QStringLiteral("attributes.name"));
    }

    void dropAFolder() {
        const QString store = m_dir.filePath(QStringLiteral("b/mlruns"));
        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(store)});
        const QPoint pos(200, 200);
        QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(m_window->controller()->sources(), QStringList{QDir::cleanPath(store)});
        waitUntilImported(6);
        delete mime;

        // Something that is not a local file is refused.
        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QDragEnterEvent refused(pos, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        refused.setAccepted(false);
        QApplication::sendEvent(m_window.get(), &refused);
        QVERIFY(!refused.isAccepted());
    }

    void reopenShowsCachedRunsAtOnce() {
        // A second window on the same cache shows the runs before any import finished.
        const QString store = m_dir.filePath(QStringLiteral("a/mlruns"));
        m_window->openSources({store});
        waitUntilImported(14);
        MainWindow::Options options;
        options.cachePath = m_window->controller()->cachePath();
        options.useSettings = false;
        app::MainWindow second(options);
        second.show();
        QSignalSpy loaded(second.controller(), &app::RunsController::loadFinished);
        second.openSources({store});
        QTRY_VERIFY(loaded.count() >= 1);
        QCOMPARE(second.controller()->tableModel()->rowCount(), 14);
    }

    void autoRefreshFollowsALiveRun() {
        // The demo's newest run is RUNNING: the window offers auto-refresh, which then picks up
        // what the run logs next without the user pressing F5.
        const QString dir = m_dir.filePath(QStringLiteral("live"));
        QVERIFY(writeStore(dir, 6, 11));
        m_window->openSources({dir + QStringLiteral("/mlruns")});
        waitUntilImported(6);
        app::RunsController *c = m_window->controller();
        QCOMPARE(c->liveRuns(), 1);
        QVERIFY(m_window->statusText().endsWith(QStringLiteral("· 1 live")));
        QAction *autoRefresh = m_window->autoRefreshAction();
        QVERIFY(autoRefresh->isEnabled());
        QVERIFY(!autoRefresh->isChecked());

        auto liveRun = [c]() -> const core::Run * {
            for (const core::Run &r : c->tableModel()->runs()) {
                if (r.status == core::RunStatus::Running)
                    return &r;
            }
            return nullptr;
        };
        QVERIFY(liveRun());
        const qint64 before = liveRun()->metric(QStringLiteral("train/loss"))->count;
        const qint64 lastStep = liveRun()->metric(QStringLiteral("train/loss"))->lastStep;
        QFile loss(liveRun()->absolutePath() + QStringLiteral("/metrics/train/loss"));
        QVERIFY(loss.open(QIODevice::Append));
        loss.write(QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + " 0.125 " +
                   QByteArray::number(lastStep + 1) + '\n');
        loss.close();

        c->setAutoRefreshInterval(200);
        autoRefresh->trigger();
        QVERIFY(c->autoRefresh());
        QTRY_VERIFY_WITH_TIMEOUT(
            liveRun() && liveRun()->metric(QStringLiteral("train/loss"))->count == before + 1,
            loadTimeoutMs);
        QCOMPARE(liveRun()->metric(QStringLiteral("train/loss"))->last, 0.125);
        autoRefresh->trigger();
        QVERIFY(!c->autoRefresh());
    }

private:
    using MainWindow = app::MainWindow;

    void waitUntilImported(int runs) {
        app::RunsController *c = m_window->controller();
        QTRY_VERIFY_WITH_TIMEOUT(c->hasLoaded() && !c->isImporting() && !c->isLoading() &&
                                     c->tableModel()->rowCount() == runs,
                                 loadTimeoutMs);
    }

    bool isSortedNumerically(int column, Qt::SortOrder order) const {
        auto *proxy = m_window->controller()->proxyModel();
        bool sawDifferentLength = false;
        for (int r = 1; r < proxy->rowCount(); ++r) {
            const QString a = proxy->index(r - 1, column).data().toString();
            const QString b = proxy->index(r, column).data().toString();
            bool okA = false;
            bool okB = false;
            const double x = a.toDouble(&okA);
            const double y = b.toDouble(&okB);
            if (!okA || !okB)
                return false;
            if (order == Qt::AscendingOrder ? x > y : x < y)
                return false;
            sawDifferentLength |= a.size() != b.size();
        }
        return sawDifferentLength; // else the test would not tell numbers from text
    }

    QTemporaryDir m_dir;
    int m_caches = 0;
    std::unique_ptr<app::MainWindow> m_window;
};

RUNLENS_WIDGET_TEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
