// SPDX-License-Identifier: GPL-3.0-or-later
#include "items/roles.h"
#include "items/runfilterproxymodel.h"
#include "items/runtablemodel.h"
#include "itemstestdata.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using namespace runlens;

class TestRunFilterProxyModel final : public QObject {
    Q_OBJECT

private:
    static QList<qint64> ids(const QAbstractItemModel &m) {
        QList<qint64> out;
        for (int r = 0; r < m.rowCount(); ++r)
            out << m.index(r, 0).data(items::RunIdRole).toLongLong();
        return out;
    }

    static QList<qint64> selectedIds(const QItemSelectionModel &selection) {
        QList<qint64> out;
        const QModelIndexList rows = selection.selectedRows();
        for (const QModelIndex &index : rows)
            out << index.data(items::RunIdRole).toLongLong();
        std::sort(out.begin(), out.end());
        return out;
    }

    static int proxyRowOf(const QAbstractItemModel &m, qint64 id) {
        return int(ids(m).indexOf(id));
    }

    static void selectIds(QItemSelectionModel *selection, const QList<qint64> &wanted) {
        const QAbstractItemModel &m = *selection->model();
        for (const qint64 id : wanted)
            selection->select(m.index(proxyRowOf(m, id), 0),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }

private Q_SLOTS:
    // Sort contract: numbers numerically, then text (natural, case-insensitive); NaN and
    // missing values stay last in both orders (NaN before missing); equal values keep load order.
    void sortNumbers() {
        items::RunTableModel table;
        items::RunFilterProxyModel proxy;
        QAbstractItemModelTester t1(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(&table);
        proxy.setShowDeleted(true);
        table.setRuns(tests::itemRuns());
        const int steps = table.columnOf(core::RunField::param(QStringLiteral("steps")));
        proxy.sort(steps, Qt::AscendingOrder);
        // 9 < 10 (ids 3, 5 in load order) < 100, missing last
        QCOMPARE(ids(proxy), QList<qint64>({2, 3, 5, 1, 4}));
        proxy.sort(steps, Qt::DescendingOrder);
        QCOMPARE(ids(proxy), QList<qint64>({1, 3, 5, 2, 4}));

        const int loss = table.columnOf(core::RunField::metric(QStringLiteral("loss")));
        proxy.sort(loss, Qt::AscendingOrder);
        QCOMPARE(ids(proxy), QList<qint64>({2, 1, 4, 3, 5})); // NaN (3), then missing (5)
        proxy.sort(loss, Qt::DescendingOrder);
        QCOMPARE(ids(proxy), QList<qint64>({4, 1, 2, 3, 5}));
    }

    void sortText() {
        items::RunTableModel table;
        items::RunFilterProxyModel proxy;
        QAbstractItemModelTester t1(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(&table);
        proxy.setShowDeleted(true);
        table.setRuns(tests::itemRuns());
        proxy.sort(0, Qt::AscendingOrder); // run-1 run-2 run-9 run-10 Run-100
        QCOMPARE(ids(proxy), QList<qint64>({5, 4, 2, 1, 3}));
        proxy.sort(0, Qt::DescendingOrder);
        QCOMPARE(ids(proxy), QList<qint64>({3, 1, 2, 4, 5}));
        // Stable: equal optimizer values keep load order in both directions.
        const int opt = table.columnOf(core::RunField::param(QStringLiteral("optimizer")));
        proxy.sort(opt, Qt::AscendingOrder);
        QCOMPARE(ids(proxy), QList<qint64>({1, 3, 5, 2, 4}));
        proxy.sort(opt, Qt::DescendingOrder);
        QCOMPARE(ids(proxy), QList<qint64>({2, 4, 1, 3, 5}));
    }

    void resortAfterReload() {
        items::RunTableModel table;
        items::RunFilterProxyModel proxy;
        QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(&table);
        proxy.setShowDeleted(true);
        table.setRuns(tests::itemRuns());
        const int steps = table.columnOf(core::RunField::param(QStringLiteral("steps")));
        proxy.sort(steps, Qt::AscendingOrder);
        core::Runs reversed = tests::itemRuns();
        std::reverse(reversed.begin(), reversed.end());
        table.setRuns(reversed); // the sort cache must not survive the reset
        QCOMPARE(ids(proxy), QList<qint64>({2, 5, 3, 1, 4}));
    }

    void filterAndDeleted() {
        items::RunTableModel table;
        items::RunFilterProxyModel proxy;
        QAbstractItemModelTester t1(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(&table);
        table.setRuns(tests::itemRuns());
        QVERIFY(!proxy.showDeleted());
        QCOMPARE(proxy.rowCount(), 4); // deleted run 5 hidden by default
        proxy.setShowDeleted(true);
        QCOMPARE(proxy.rowCount(), 5);
        proxy.setRunFilter(core::RunFilter::parse(QStringLiteral("params.steps >= 10")));
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setShowDeleted(false);
        QCOMPARE(proxy.rowCount(), 2);
        const int steps = table.columnOf(core::RunField::param(QStringLiteral("steps")));
        proxy.sort(steps, Qt::DescendingOrder);
        QCOMPARE(ids(proxy), QList<qint64>({1, 3}));
        proxy.setRunFilter(core::RunFilter::parse(QStringLiteral("sgd")));
        QCOMPARE(ids(proxy), QList<qint64>({2, 4}));
        QCOMPARE(proxy.runFilter().text(), QStringLiteral("sgd"));
        // An invalid filter hides nothing.
        proxy.setRunFilter(core::RunFilter::parse(QStringLiteral("params.steps <")));
        QCOMPARE(proxy.rowCount(), 4);
        proxy.setRunFilter({});
        QCOMPARE(proxy.rowCount(), 4);
    }

    // The view's selection and current index follow their runs through a sort.
    void selectionSurvivesSort() {
        items::RunTableModel table;
        items::RunFilterProxyModel proxy;
        QAbstractItemModelTester t(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(&table);
        proxy.setShowDeleted(true);
        table.setRuns(tests::itemRuns());
        QItemSelectionModel selection(&proxy);
        selectIds(&selection, {2, 4});
        selection.setCurrentIndex(proxy.index(proxyRowOf(proxy, 3), 1),
                                  QItemSelectionModel::NoUpdate);
        QSignalSpy layout(&proxy, &QAbstractItemModel::layoutChanged);
        const int steps = table.columnOf(core::RunField::param(QStringLiteral("steps")));
        proxy.sort(steps, Qt::DescendingOrder);
        QCOMPARE(layout.count(), 1);
        QCOMPARE(ids(proxy), QList<qint64>({1, 3, 5, 2, 4}));
        QCOMPARE(selectedIds(selection), QList<qint64>({2, 4}));
        QCOMPARE(selection.currentIndex().data(items::RunIdRole).toLongLong(), 3);
        QCOMPARE(selection.currentIndex().column(), 1);
        proxy.sort(0, Qt::AscendingOrder);
        QCOMPARE(selectedIds(selection), QList<qint64>({2, 4}));
        QCOMPARE(selection.currentIndex().data(items::RunIdRole).toLongLong(), 3);
        // Sorting again the same way changes nothing and says nothing.
        proxy.sort(0, Qt::AscendingOrder);
        QCOMPARE(layout.count(), 2);
    }

    // Filtering keeps the sort and the selection of rows that stay visible; hidden rows leave
    // the selection, and do not come back into it when they reappear.
    void filterKeepsSortAndSelection() {
        items::RunTableModel table;
        items::RunFilterProxyModel proxy;
        QAbstractItemModelTester t(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(&table);
        proxy.setShowDeleted(true);
        table.setRuns(tests::itemRuns());
        const int steps = table.columnOf(core::RunField::param(QStringLiteral("steps")));
        proxy.sort(steps, Qt::DescendingOrder);
        QItemSelectionModel selection(&proxy);
        selectIds(&selection, {1, 2, 5});
        selection.setCurrentIndex(proxy.index(proxyRowOf(proxy, 5), 0),
                                  QItemSelectionModel::NoUpdate);

        proxy.setRunFilter(core::RunFilter::parse(QStringLiteral("adam")));
        QCOMPARE(ids(proxy), QList<qint64>({1, 3, 5})); // still sorted by steps, descending
        QCOMPARE(selectedIds(selection), QList<qint64>({1, 5}));
        QCOMPARE(selection.currentIndex().data(items::RunIdRole).toLongLong(), 5);

        proxy.setRunFilter(core::RunFilter::parse(QStringLiteral("params.steps < 50")));
        QCOMPARE(ids(proxy), QList<qint64>({3, 5, 2}));
        QCOMPARE(selectedIds(selection), QList<qint64>({5}));

        proxy.setRunFilter({});
        QCOMPARE(ids(proxy), QList<qint64>({1, 3, 5, 2, 4}));
        QCOMPARE(selectedIds(selection), QList<qint64>({5}));
        QCOMPARE(selection.currentIndex().data(items::RunIdRole).toLongLong(), 5);
    }

    // The deleted toggle is a filter like any other: sort and selection stay.
    void deletedToggleKeepsSort() {
        items::RunTableModel table;
        items::RunFilterProxyModel proxy;
        QAbstractItemModelTester t(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(&table);
        table.setRuns(tests::itemRuns());
        proxy.sort(0, Qt::AscendingOrder);
        QCOMPARE(ids(proxy), QList<qint64>({4, 2, 1, 3}));
        QItemSelectionModel selection(&proxy);
        selectIds(&selection, {1});
        proxy.setShowDeleted(true);
        QCOMPARE(ids(proxy), QList<qint64>({5, 4, 2, 1, 3}));
        QCOMPARE(selectedIds(selection), QList<qint64>({1}));
        proxy.setShowDeleted(false);
        QCOMPARE(ids(proxy), QList<qint64>({4, 2, 1, 3}));
        QCOMPARE(selectedIds(selection), QList<qint64>({1}));
    }

    // Ties keep load order whatever was sorted before, and column -1 restores load order.
    void stableOrder() {
        items::RunTableModel table;
        items::RunFilterProxyModel proxy;
        QAbstractItemModelTester t(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(&table);
        proxy.setShowDeleted(true);
        table.setRuns(tests::itemRuns());
        const int opt = table.columnOf(core::RunField::param(QStringLiteral("optimizer")));
        for (const int before : {0, 1, opt}) {
            proxy.sort(before, Qt::DescendingOrder);
            proxy.sort(opt, Qt::AscendingOrder);
            QCOMPARE(ids(proxy), QList<qint64>({1, 3, 5, 2, 4}));
        }
        proxy.sort(-1);
        QCOMPARE(proxy.sortColumn(), -1);
        QCOMPARE(ids(proxy), QList<qint64>({1, 2, 3, 4, 5}));
    }

    // mapToSource and mapFromSource are inverse for visible rows; hidden rows map to nothing.
    void mapping() {
        items::RunTableModel table;
        items::RunFilterProxyModel proxy;
        QAbstractItemModelTester t(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(&table);
        table.setRuns(tests::itemRuns());
        proxy.sort(0, Qt::DescendingOrder);
        for (int r = 0; r < proxy.rowCount(); ++r) {
            const QModelIndex p = proxy.index(r, 2);
            const QModelIndex s = proxy.mapToSource(p);
            QCOMPARE(s.column(), 2);
            QCOMPARE(s.data(items::RunIdRole), p.data(items::RunIdRole));
            QCOMPARE(proxy.mapFromSource(s), p);
        }
        const QModelIndex deleted = table.index(table.rowOfRunId(5), 0);
        QVERIFY(!proxy.mapFromSource(deleted).isValid());
        QVERIFY(!proxy.mapToSource(QModelIndex()).isValid());
        QVERIFY(!proxy.index(proxy.rowCount(), 0).isValid());
        QVERIFY(proxy.hasChildren());
        proxy.setRunFilter(core::RunFilter::parse(QStringLiteral("nothing-matches-this")));
        QCOMPARE(proxy.rowCount(), 0);
        QVERIFY(!proxy.hasChildren());
    }

    // A reload resets the proxy, keeping sort column, order and filter.
    void reloadKeepsSortAndFilter() {
        items::RunTableModel table;
        items::RunFilterProxyModel proxy;
        QAbstractItemModelTester t(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(&table);
        table.setRuns(tests::itemRuns());
        proxy.setRunFilter(core::RunFilter::parse(QStringLiteral("run")));
        proxy.sort(0, Qt::DescendingOrder);
        QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
        core::Runs more = tests::itemRuns();
        core::Run extra = more.front();
        extra.id = 6;
        extra.name = QStringLiteral("run-50");
        more.push_back(extra);
        table.setRuns(more);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(proxy.sortColumn(), 0);
        QCOMPARE(proxy.sortOrder(), Qt::DescendingOrder);
        QCOMPARE(ids(proxy), QList<qint64>({3, 6, 1, 2, 4}));
        table.setRuns({});
        QCOMPARE(proxy.rowCount(), 0);
    }
};

QTEST_MAIN(TestRunFilterProxyModel)
#include "tst_runfilterproxymodel.moc"
