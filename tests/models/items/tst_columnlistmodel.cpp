// SPDX-License-Identifier: GPL-3.0-or-later
#include "items/columnlistmodel.h"
#include "items/roles.h"
#include "items/runtablemodel.h"
#include "itemstestdata.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace runlens;

class TestColumnListModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void followsTable() {
        items::ColumnListModel list;
        QAbstractItemModelTester tester(&list,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        items::RunTableModel table;
        list.setTableModel(&table);
        QCOMPARE(list.rowCount(), 8);
        table.setRuns(tests::itemRuns());
        QCOMPARE(list.rowCount(), table.columnCount());
        QCOMPARE(list.index(0).data().toString(), QStringLiteral("attributes.name"));
        QCOMPARE(list.index(0).data(items::ColumnGroupRole).toString(),
                 QStringLiteral("attributes"));
        QCOMPARE(list.index(0).data(Qt::ToolTipRole).toString(), QStringLiteral("Name"));
        const int steps = table.columnOf(core::RunField::param(QStringLiteral("steps")));
        QCOMPARE(list.index(steps).data().toString(), QStringLiteral("params.steps"));
        QCOMPARE(list.index(steps).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(list.flags(list.index(steps)) & Qt::ItemIsUserCheckable);
    }

    void hideAndRemember() {
        items::ColumnListModel list;
        QAbstractItemModelTester tester(&list,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        items::RunTableModel table;
        list.setTableModel(&table);
        table.setRuns(tests::itemRuns());
        QSignalSpy spy(&list, &items::ColumnListModel::visibilityChanged);
        const int steps = table.columnOf(core::RunField::param(QStringLiteral("steps")));
        QVERIFY(list.setData(list.index(steps), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("params.steps"));
        QCOMPARE(spy.at(0).at(1).toBool(), false);
        QVERIFY(list.isHidden(QStringLiteral("params.steps")));
        QCOMPARE(list.index(steps).data(items::VisibleRole).toBool(), false);

        // Reload without the column, then with it: still hidden.
        table.setRuns({});
        QCOMPARE(list.hiddenFields(), QStringList({u"params.steps"_qs}));
        table.setRuns(tests::itemRuns());
        QCOMPARE(list.index(steps).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

        list.setAllVisible(false);
        QCOMPARE(list.hiddenFields().size(), table.columnCount());
        list.setAllVisible(true);
        QVERIFY(list.hiddenFields().isEmpty());
        list.setHiddenFields({u"params.steps"_qs, u"params.gone"_qs});
        QVERIFY(list.isHidden(QStringLiteral("params.gone")));
        QCOMPARE(list.index(steps).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    }

    void followsColumnInserts() {
        items::ColumnListModel list;
        QAbstractItemModelTester tester(&list,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QStandardItemModel table(0, 2);
        table.setHorizontalHeaderItem(0, new QStandardItem());
        table.horizontalHeaderItem(0)->setData(u"params.a"_qs, items::FieldRole);
        list.setTableModel(&table);
        QCOMPARE(list.rowCount(), 2);
        QSignalSpy inserted(&list, &QAbstractItemModel::rowsInserted);
        table.insertColumn(1);
        QCOMPARE(list.rowCount(), 3);
        QVERIFY(inserted.count() >= 1);
        QCOMPARE(list.index(0).data().toString(), QStringLiteral("params.a"));
        table.removeColumn(0);
        QCOMPARE(list.rowCount(), 2);
        list.setTableModel(nullptr);
        QCOMPARE(list.rowCount(), 0);
    }
};

QTEST_MAIN(TestColumnListModel)
#include "tst_columnlistmodel.moc"
