// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QSet>
#include <QString>
#include <QStringList>

namespace runlens::items {

/// The columns of a table model as a checkable list for the column chooser: DisplayRole the
/// field ("params.lr"), CheckStateRole whether it is shown, ColumnGroupRole its group. Follows
/// the table model's header; remembers hidden fields by name so they stay hidden across reloads.
class ColumnListModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnListModel)

public:
    explicit ColumnListModel(QObject *parent = nullptr);

    /// Follows table's columns (header FieldRole/ColumnGroupRole), including resets.
    void setTableModel(QAbstractItemModel *table);
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;

    [[nodiscard]] bool isHidden(const QString &field) const { return m_hidden.contains(field); }
    void setHiddenFields(const QStringList &fields);
    [[nodiscard]] QStringList hiddenFields() const;
    void setAllVisible(bool visible); ///< for "Show all" / "Hide all"

Q_SIGNALS:
    void visibilityChanged(const QString &field, bool visible);

private:
    void reload();

    QAbstractItemModel *m_table = nullptr;
    QStringList m_fields;
    QStringList m_groups;
    QSet<QString> m_hidden;
};

} // namespace runlens::items
