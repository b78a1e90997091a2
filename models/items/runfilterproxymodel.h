// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runfilter.h"

#include <QAbstractProxyModel>
#include <memory>
#include <vector>

namespace runlens::items {

class RunTableModel;

/// Filters RunTableModel rows with a RunFilter and the deleted-runs toggle, and sorts on
/// SortRole: numbers numerically before text (natural order, case-insensitive), NaN and missing
/// values last in both orders, ties in load order. Built for 100,000 rows: the visible rows are
/// a plain vector of source rows; a sort orders every source row once on precomputed integer
/// ranks, and a filter change runs the filter once per run and keeps the sorted order, so no
/// keystroke re-sorts. Both are layout changes that keep persistent indexes (selection, current
/// index) on rows that stay visible.
class RunFilterProxyModel final : public QAbstractProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunFilterProxyModel)

public:
    explicit RunFilterProxyModel(QObject *parent = nullptr);
    ~RunFilterProxyModel() override;

    void setSourceModel(QAbstractItemModel *sourceModel) override; ///< must be a RunTableModel

    void setRunFilter(const core::RunFilter &filter);
    [[nodiscard]] const core::RunFilter &runFilter() const { return m_filter; }
    void setShowDeleted(bool show);
    [[nodiscard]] bool showDeleted() const { return m_showDeleted; }

    /// column -1 restores load order. Kept across source resets, like QSortFilterProxyModel.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    [[nodiscard]] int sortColumn() const { return m_sortColumn; }
    [[nodiscard]] Qt::SortOrder sortOrder() const { return m_sortOrder; }

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    [[nodiscard]] QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

    /// Heap bytes of the proxy's own tables (rows, order, ranks, sort buffers), for benchmarks.
    [[nodiscard]] size_t memoryBytes() const;

private:
    void beginSourceChange();
    void endSourceChange();
    void sourceDataChanged();
    void rebuild();
    void computeAccepted();
    void computeOrder();
    void computeRank(int column);
    [[nodiscard]] std::vector<int> visibleRows();
    void applyRows(std::vector<int> rows);

    RunTableModel *m_table = nullptr;
    core::RunFilter m_filter;
    bool m_showDeleted = false;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    bool m_resetting = false;

    std::vector<int> m_order;     ///< every source row, in sort order
    std::vector<char> m_accepted; ///< per source row: passes the filter and deleted toggle
    std::vector<int> m_rows;      ///< proxy row -> source row
    std::vector<int> m_proxyRow;  ///< source row -> proxy row, -1 when hidden
    std::vector<int> m_spareRows; ///< the previous m_rows, reused as the next one's buffer
    std::vector<quint32> m_rank;  ///< per source row: rank in m_rankColumn, cached per column
    int m_rankColumn = -1;
    struct SortScratch;
    std::unique_ptr<SortScratch> m_scratch;
};

} // namespace runlens::items
