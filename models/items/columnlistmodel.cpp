// SPDX-License-Identifier: GPL-3.0-or-later
#include "columnlistmodel.h"

#include "roles.h"

#include <algorithm>

namespace runlens::items {

ColumnListModel::ColumnListModel(QObject *parent)
    : QAbstractListModel(parent) {
}

void ColumnListModel::setTableModel(QAbstractItemModel *table) {
    if (m_table == table)
        return;
    if (m_table)
        disconnect(m_table, nullptr, this, nullptr);
    m_table = table;
    if (m_table) {
        connect(m_table, &QAbstractItemModel::modelReset, this, &ColumnListModel::reload);
        connect(m_table, &QAbstractItemModel::layoutChanged, this, &ColumnListModel::reload);
        connect(m_table, &QAbstractItemModel::columnsMoved, this, &ColumnListModel::reload);
        connect(m_table, &QAbstractItemModel::headerDataChanged, this,
                [this](Qt::Orientation orientation, int, int) {
                    if (orientation == Qt::Horizontal)
                        reload();
                });
        // Inserts and removals are passed on as such so that a view keeps its selection.
        connect(m_table, &QAbstractItemModel::columnsInserted, this,
                [this](const QModelIndex &parent, int first, int last) {
                    if (parent.isValid())
                        return;
                    beginInsertRows({}, first, last);
                    for (int c = first; c <= last; ++c) {
                        m_fields.insert(
                            c, m_table->headerData(c, Qt::Horizontal, FieldRole).toString());
                        m_groups.insert(
                            c, m_table->headerData(c, Qt::Horizontal, ColumnGroupRole).toString());
                    }
                    endInsertRows();
                });
        connect(m_table, &QAbstractItemModel::columnsRemoved, this,
                [this](const QModelIndex &parent, int first, int last) {
                    if (parent.isValid())
                        return;
                    beginRemoveRows({}, first, last);
                    m_fields.remove(first, last - first + 1);
                    m_groups.remove(first, last - first + 1);
                    endRemoveRows();
                });
        connect(m_table, &QObject::destroyed, this, [this] {
            m_table = nullptr;
            reload();
        });
    }
    reload();
}

void ColumnListModel::reload() {
    beginResetModel();
    m_fields.clear();
    m_groups.clear();
    const int columns = m_table ? m_table->columnCount() : 0;
    for (int c = 0; c < columns; ++c) {
        m_fields.append(m_table->headerData(c, Qt::Horizontal, FieldRole).toString());
        m_groups.append(m_table->headerData(c, Qt::Horizontal, ColumnGroupRole).toString());
    }
    endResetModel();
}

int ColumnListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_fields.size());
}

QVariant ColumnListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &field = m_fields.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case FieldRole:
        return field;
    case Qt::ToolTipRole:
        // The table's own title ("Name", or the bare key) tells what the column shows.
        return m_table && index.row() < m_table->columnCount()
                   ? m_table->headerData(index.row(), Qt::Horizontal, Qt::DisplayRole)
                   : QVariant();
    case Qt::CheckStateRole:
        return m_hidden.contains(field) ? Qt::Unchecked : Qt::Checked;
    case VisibleRole:
        return !m_hidden.contains(field);
    case ColumnGroupRole:
        return m_groups.at(index.row());
    default:
        return {};
    }
}

bool ColumnListModel::setData(const QModelIndex &index, const QVariant &value, int role) {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    bool visible = false;
    if (role == Qt::CheckStateRole)
        visible = value.toInt() == Qt::Checked;
    else if (role == VisibleRole)
        visible = value.toBool();
    else
        return false;
    const QString &field = m_fields.at(index.row());
    if (visible == !m_hidden.contains(field))
        return true;
    if (visible)
        m_hidden.remove(field);
    else
        m_hidden.insert(field);
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole, VisibleRole});
    Q_EMIT visibilityChanged(field, visible);
    return true;
}

Qt::ItemFlags ColumnListModel::flags(const QModelIndex &index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable |
           Qt::ItemNeverHasChildren;
}

void ColumnListModel::setHiddenFields(const QStringList &fields) {
    const QSet<QString> hidden(fields.cbegin(), fields.cend());
    if (hidden == m_hidden)
        return;
    const QSet<QString> old = std::exchange(m_hidden, hidden);
    if (!m_fields.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_fields.size()) - 1),
                           {Qt::CheckStateRole, VisibleRole});
    for (const QString &field : std::as_const(m_fields)) {
        const bool wasHidden = old.contains(field);
        if (wasHidden != m_hidden.contains(field))
            Q_EMIT visibilityChanged(field, wasHidden);
    }
}

QStringList ColumnListModel::hiddenFields() const {
    QStringList list(m_hidden.cbegin(), m_hidden.cend());
    list.sort();
    return list;
}

void ColumnListModel::setAllVisible(bool visible) {
    // Fields hidden earlier but absent from this table stay remembered as they were.
    QSet<QString> hidden = m_hidden;
    for (const QString &field : std::as_const(m_fields)) {
        if (visible)
            hidden.remove(field);
        else
            hidden.insert(field);
    }
    setHiddenFields(QStringList(hidden.cbegin(), hidden.cend()));
}

} // namespace runlens::items
