// SPDX-License-Identifier: GPL-3.0-or-later
#include "items/roles.h"
#include "items/runfilterproxymodel.h"
#include "items/runtablemodel.h"
#include "itemstestdata.h"

#include <QAbstractItemModelTester>
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
};

QTEST_MAIN(TestRunFilterProxyModel)
#include "tst_runfilterproxymodel.moc"
