// SPDX-License-Identifier: GPL-3.0-or-later
#include "items/columnlistmodel.h"
#include "items/runtablemodel.h"
#include "widgets/columnchooser.h"
#include "widgets/runtableview.h"
#include "widgets/widgettestutils.h"

#include <QAbstractItemModel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>

using namespace runlens;

namespace {

/// The tree index (through the chooser's filter) of a field's checkbox.
QModelIndex leafOf(QTreeView *tree, const QString &field) {
    QAbstractItemModel *m = tree->model();
    for (int g = 0; g < m->rowCount(); ++g) {
        const QModelIndex group = m->index(g, 0);
        for (int c = 0; c < m->rowCount(group); ++c) {
            const QModelIndex leaf = m->index(c, 0, group);
            if (leaf.data(Qt::ToolTipRole).toString() == field)
                return leaf;
        }
    }
    return {};
}

} // namespace

class TestColumnChooser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_table = std::make_unique<items::RunTableModel>();
        m_table->setRuns(tests::sampleRuns());
        m_columns = std::make_unique<items::ColumnListModel>();
        m_columns->setTableModel(m_table.get());
        m_view = std::make_unique<widgets::RunTableView>();
        m_view->setModel(m_table.get());
        m_view->setColumnList(m_columns.get());
    }
    void cleanup() {
        m_view.reset();
        m_columns.reset();
        m_table.reset();
    }

    void groupsEveryColumn() {
        widgets::ColumnChooser chooser(m_columns.get());
        QTreeView *tree = chooser.treeView();
        QStringList groups;
        for (int g = 0; g < tree->model()->rowCount(); ++g)
            groups.append(tree->model()->index(g, 0).data().toString());
        QCOMPARE(groups.size(), 3); // attributes, params, metrics (no tags in the sample)
        QVERIFY(groups.at(0).startsWith(QStringLiteral("Attributes")));
        QVERIFY(groups.at(1).startsWith(QStringLiteral("Params (3)")));
        QVERIFY(groups.at(2).startsWith(QStringLiteral("Metrics (2)")));
        QCOMPARE(chooser.matchingFields().size(), m_table->columnCount());
    }

    void searchFiltersTheList() {
        widgets::ColumnChooser chooser(m_columns.get());
        chooser.show();
        QTest::keyClicks(chooser.searchEdit(), QStringLiteral("lr"));
        const QStringList fields = chooser.matchingFields();
        QCOMPARE(fields, (QStringList{QStringLiteral("params.lr"), QStringLiteral("metrics.lr")}));
        chooser.searchEdit()->clear();
        QCOMPARE(chooser.matchingFields().size(), m_table->columnCount());
    }

    void uncheckingHidesTheColumn() {
        widgets::ColumnChooser chooser(m_columns.get());
        chooser.show();
        const int column = m_table->columnOf(core::RunField::param(QStringLiteral("batch_size")));
        QVERIFY(column >= 0);
        QVERIFY(!m_view->isColumnHidden(column));
        const QModelIndex leaf = leafOf(chooser.treeView(), QStringLiteral("params.batch_size"));
        QVERIFY(leaf.isValid());
        QCOMPARE(leaf.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
        QVERIFY(chooser.treeView()->model()->setData(leaf, Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(m_view->isColumnHidden(column));
        QVERIFY(m_columns->isHidden(QStringLiteral("params.batch_size")));
        // And back.
        QVERIFY(chooser.treeView()->model()->setData(leaf, Qt::Checked, Qt::CheckStateRole));
        QVERIFY(!m_view->isColumnHidden(column));
    }

    void hideAllActsOnMatchesOnly() {
        widgets::ColumnChooser chooser(m_columns.get());
        chooser.show();
        QTest::keyClicks(chooser.searchEdit(), QStringLiteral("metrics."));
        auto *hideAll = chooser.findChild<QPushButton *>(QStringLiteral("hideAll"));
        QVERIFY(hideAll);
        hideAll->click();
        const int loss = m_table->columnOf(core::RunField::metric(QStringLiteral("loss")));
        const int lr = m_table->columnOf(core::RunField::param(QStringLiteral("lr")));
        QVERIFY(m_view->isColumnHidden(loss));
        QVERIFY(!m_view->isColumnHidden(lr));
        // The tree follows the model: the leaf shows unchecked.
        QCOMPARE(leafOf(chooser.treeView(), QStringLiteral("metrics.loss"))
                     .data(Qt::CheckStateRole)
                     .value<Qt::CheckState>(),
                 Qt::Unchecked);
        chooser.findChild<QPushButton *>(QStringLiteral("showAll"))->click();
        QVERIFY(!m_view->isColumnHidden(loss));
    }

    void hiddenColumnsSurviveAReset() {
        m_columns->setHiddenFields({QStringLiteral("params.optimizer")});
        m_table->setRuns(tests::sampleRuns());
        const int c = m_table->columnOf(core::RunField::param(QStringLiteral("optimizer")));
        QVERIFY(m_view->isColumnHidden(c));
    }

private:
    std::unique_ptr<items::RunTableModel> m_table;
    std::unique_ptr<items::ColumnListModel> m_columns;
    std::unique_ptr<widgets::RunTableView> m_view;
};

RUNLENS_WIDGET_TEST_MAIN(TestColumnChooser)
#include "tst_columnchooser.moc"
