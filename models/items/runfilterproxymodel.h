// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runfilter.h"

#include <QSortFilterProxyModel>

namespace runlens::items {

class RunTableModel;

/// Filters RunTableModel rows with a RunFilter and the deleted-runs toggle, and sorts
/// numerically on SortRole (missing values last, stable). Built to sort and filter 100,000
/// rows within the frame budget: sort keys are extracted once per sort, not per comparison.
class RunFilterProxyModel final : public QSortFilterProxyModel {
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

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    core::RunFilter m_filter;
    bool m_showDeleted = false;
    struct SortCache;
    std::unique_ptr<SortCache> m_sortCache;
};

} // namespace runlens::items
