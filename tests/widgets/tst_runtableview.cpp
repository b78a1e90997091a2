// SPDX-License-Identifier: GPL-3.0-or-later
#include "items/columnlistmodel.h"
#include "items/roles.h"
#include "items/runfilterproxymodel.h"
#include "items/runtablemodel.h"
#include "widgets/runheaderview.h"
#include "widgets/runtableview.h"
#include "widgets/widgettestutils.h"

#include <QClipboard>
#include <QHeaderView>
#include <QMenu>
#include <QSignalSpy>

using namespace runlens;

class TestRunTableView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_table = std::make_unique<items::RunTableModel>();
        m_proxy = std::make_unique<items::RunFilterProxyModel>();
        m_proxy->setSourceModel(m_table.get());
        m_columns = std::make_unique<items::ColumnListModel>();
        m_columns->setTableModel(m_table.get());
        m_view = std::make_unique<widgets::RunTableView>();
        m_view->setModel(m_proxy.get());
        m_view->setColumnList(m_columns.get());
        m_view->resize(900, 400);
        m_view->show();
        m_table->setRuns(tests::sampleRuns());
        QApplication::clipboard()->clear();
    }
    void cleanup() {
        m_view.reset();
        m_columns.reset();
        m_proxy.reset();
        m_table.reset();
    }

    void setup() {
        QCOMPARE(m_view->selectionBehavior(), QAbstractItemView::SelectRows);
        QCOMPARE(m_view->selectionMode(), QAbstractItemView::ExtendedSelection);
        QVERIFY(m_view->isSortingEnabled());
        QCOMPARE(m_view->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
        QCOMPARE(m_view->fieldOfColumn(0), QStringLiteral("attributes.name"));
    }

    void copyRunIdFromTheContextMenu() {
        const int row = rowOfName(QStringLiteral("gamma"));
        const std::unique_ptr<QMenu> menu(m_view->createRowMenu(m_proxy->index(row, 0)));
        QVERIFY(menu);
        auto *copyId = menu->findChild<QAction *>(QStringLiteral("copyRunId"));
        QVERIFY(copyId);
        copyId->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("ccc333"));

        menu->findChild<QAction *>(QStringLiteral("copyName"))->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("gamma"));
        menu->findChild<QAction *>(QStringLiteral("copyPath"))->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("/data/mlruns/1/ccc333"));
    }

    void contextMenuCopiesEverySelectedRow() {
        m_view->sortByField(QStringLiteral("attributes.name"), Qt::AscendingOrder);
        m_view->selectRow(0); // alpha
        m_view->selectionModel()->select(m_proxy->index(1, 0),
                                         QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const std::unique_ptr<QMenu> menu(m_view->createRowMenu(m_proxy->index(1, 0)));
        menu->findChild<QAction *>(QStringLiteral("copyRunId"))->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("aaa111\nbbb222"));
    }

    void openFolderUsesTheRunPath() {
        QUrl opened;
        m_view->setUrlOpener([&opened](const QUrl &url) { opened = url; });
        const std::unique_ptr<QMenu> menu(
            m_view->createRowMenu(m_proxy->index(rowOfName(QStringLiteral("beta")), 0)));
        menu->findChild<QAction *>(QStringLiteral("openFolder"))->trigger();
        QCOMPARE(opened, QUrl::fromLocalFile(QStringLiteral("/data/mlruns/1/bbb222")));
    }

    void ctrlCCopiesTsv() {
        m_view->sortByField(QStringLiteral("params.batch_size"), Qt::AscendingOrder);
        m_view->selectRow(0);
        m_view->selectionModel()->select(m_proxy->index(1, 0),
                                         QItemSelectionModel::Select | QItemSelectionModel::Rows);
        m_view->setFocus();
        QTest::keyClick(m_view.get(), Qt::Key_C, Qt::ControlModifier);
        const QString text = QApplication::clipboard()->text();
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3); // header + 2 rows
        const QStringList header = lines.at(0).split(QLatin1Char('\t'));
        QVERIFY(header.contains(QStringLiteral("params.batch_size")));
        const qsizetype nameCol = header.indexOf(QStringLiteral("attributes.name"));
        QVERIFY(nameCol >= 0);
        // Sorted numerically by batch size: alpha (16), gamma (32).
        QCOMPARE(lines.at(1).split(QLatin1Char('\t')).at(nameCol), QStringLiteral("alpha"));
        QCOMPARE(lines.at(2).split(QLatin1Char('\t')).at(nameCol), QStringLiteral("gamma"));
        QCOMPARE(lines.at(1).split(QLatin1Char('\t')).size(), header.size());
    }

    void headerMenuHidesAColumn() {
        const int column = m_view->columnOfField(QStringLiteral("params.optimizer"));
        QVERIFY(column >= 0);
        const std::unique_ptr<QMenu> menu(m_view->createHeaderMenu(column));
        menu->findChild<QAction *>(QStringLiteral("hideColumn"))->trigger();
        QVERIFY(m_view->isColumnHidden(column));
        QVERIFY(m_columns->isHidden(QStringLiteral("params.optimizer")));
        QSignalSpy spy(m_view.get(), &widgets::RunTableView::chooseColumnsRequested);
        menu->findChild<QAction *>(QStringLiteral("chooseColumns"))->trigger();
        QCOMPARE(spy.count(), 1);
    }

    void stateSurvivesASwap() {
        m_view->sortByField(QStringLiteral("metrics.loss"), Qt::DescendingOrder);
        m_view->selectRow(rowOfName(QStringLiteral("beta")));
        const int lossColumn = m_view->columnOfField(QStringLiteral("metrics.loss"));
        m_view->setColumnWidth(lossColumn, 123);
        const auto state = m_view->saveState();
        QCOMPARE(state.sortField, QStringLiteral("metrics.loss"));

        core::Runs runs = tests::sampleRuns();
        runs[0].config.set(QStringLiteral("new_param"), 1); // a new column shifts the others
        m_table->setRuns(runs);
        m_view->restoreState(state);
        const int newLoss = m_view->columnOfField(QStringLiteral("metrics.loss"));
        QCOMPARE(m_view->horizontalHeader()->sortIndicatorSection(), newLoss);
        QCOMPARE(m_view->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(m_view->columnWidth(newLoss), 123);
        QCOMPARE(m_view->selectedRunIds(), QList<qint64>{2});
        // Descending numeric: gamma (10), alpha (2.5), beta (0.25), delta (0.05).
        QCOMPARE(m_proxy->index(0, 0).data().toString(), QStringLiteral("gamma"));
        QCOMPARE(m_proxy->index(3, 0).data().toString(), QStringLiteral("delta"));
    }

    void headerMarksGroups() {
        QHeaderView *header = m_view->horizontalHeader();
        const int param = m_view->columnOfField(QStringLiteral("params.lr"));
        const int name = m_view->columnOfField(QStringLiteral("attributes.run_id"));
        m_view->scrollTo(m_proxy->index(0, param));
        QVERIFY(header->sectionViewportPosition(name) >= 0);
        const QImage image = header->grab().toImage();
        const QColor stripe(image.pixel(header->sectionViewportPosition(param) + 8, 1));
        const QColor plain(image.pixel(header->sectionViewportPosition(name) + 8, 1));
        const QColor expected = widgets::RunHeaderView::groupColor(QStringLiteral("params"));
        QVERIFY2(qAbs(stripe.hue() - expected.hue()) < 12 && stripe.saturation() > 80,
                 qPrintable(stripe.name()));
        QVERIFY2(plain.saturation() < 40, qPrintable(plain.name()));
    }

    void fitsWidthsToContent() {
        m_view->fitColumnWidths();
        const int name = m_view->columnOfField(QStringLiteral("attributes.name"));
        QVERIFY(m_view->columnWidth(name) >=
                m_view->fontMetrics().horizontalAdvance(QStringLiteral("gamma")));
        QVERIFY(m_view->columnWidth(name) <= 340);
    }

private:
    int rowOfName(const QString &name) const {
        for (int r = 0; r < m_proxy->rowCount(); ++r) {
            if (m_proxy->index(r, 0).data().toString() == name)
                return r;
        }
        return -1;
    }

    std::unique_ptr<items::RunTableModel> m_table;
    std::unique_ptr<items::RunFilterProxyModel> m_proxy;
    std::unique_ptr<items::ColumnListModel> m_columns;
    std::unique_ptr<widgets::RunTableView> m_view;
};

RUNLENS_WIDGET_TEST_MAIN(TestRunTableView)
#include "tst_runtableview.moc"
