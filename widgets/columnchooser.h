// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;
class QTreeView;

namespace runlens::items {
class ColumnListModel;
}

namespace runlens::widgets {

/// Picks the visible columns of the run table: a search box over every column (hundreds of
/// params are common), checkboxes grouped under Attributes / Params / Metrics / Tags, and Show
/// all / Hide all acting on the columns the search matches. Changes apply live through the
/// ColumnListModel, which the table view follows.
class ColumnChooser final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnChooser)

public:
    explicit ColumnChooser(items::ColumnListModel *columns, QWidget *parent = nullptr);
    ~ColumnChooser() override;

    [[nodiscard]] QLineEdit *searchEdit() const { return m_search; }
    [[nodiscard]] QTreeView *treeView() const { return m_tree; }
    /// The fields the search currently matches, in display order.
    [[nodiscard]] QStringList matchingFields() const;
    /// Shows or hides the columns that the search matches (all columns when it is empty).
    void setMatchingVisible(bool visible);

private:
    void rebuild();
    void syncChecks(int first, int last);
    void onItemChanged(QStandardItem *item);
    void updateSummary();

    items::ColumnListModel *m_columns;
    QLineEdit *m_search;
    QTreeView *m_tree;
    QLabel *m_summary;
    QStandardItemModel *m_items;
    QSortFilterProxyModel *m_filter;
    std::vector<QStandardItem *> m_leafByRow; ///< ColumnListModel row -> tree item
    bool m_syncing = false;
};

} // namespace runlens::widgets
