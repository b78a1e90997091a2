// SPDX-License-Identifier: GPL-3.0-or-later
#include "runfilterproxymodel.h"

#include "core/naturalcompare.h"
#include "roles.h"
#include "runtablemodel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace runlens::items {

namespace {

// Ranks at the top of the range mark values that stay at the bottom in both sort orders.
constexpr quint32 kNaNRank = std::numeric_limits<quint32>::max() - 1;
constexpr quint32 kMissingRank = std::numeric_limits<quint32>::max();

} // namespace

/// One sort column's values reduced to a rank per source row (equal values share a rank), so
/// that lessThan() compares two integers instead of two QVariants. Built once per sort.
struct RunFilterProxyModel::SortCache {
    bool valid = false;
    int column = -1;
    std::vector<quint32> rank;

    void build(const QAbstractItemModel *model, int sortColumn) {
        column = sortColumn;
        valid = true;
        const int rows = model->rowCount();
        rank.assign(size_t(rows), kMissingRank);

        std::vector<std::pair<double, int>> numbers;
        std::vector<int> textRows;
        std::vector<QString> texts;
        QHash<QString, int> distinct; // most text columns repeat a few values
        numbers.reserve(size_t(rows));
        for (int row = 0; row < rows; ++row) {
            const QVariant v = model->index(row, sortColumn).data(SortRole);
            switch (v.typeId()) {
            case QMetaType::UnknownType:
                break;
            case QMetaType::Double:
            case QMetaType::Float:
            case QMetaType::Int:
            case QMetaType::LongLong:
            case QMetaType::UInt:
            case QMetaType::ULongLong:
            case QMetaType::Bool: {
                const double d = v.toDouble();
                if (std::isnan(d))
                    rank[size_t(row)] = kNaNRank;
                else
                    numbers.emplace_back(d, row);
                break;
            }
            default: {
                QString s = v.toString();
                auto it = distinct.constFind(s);
                if (it == distinct.cend()) {
                    it = distinct.insert(s, int(texts.size()));
                    texts.push_back(std::move(s));
                }
                textRows.push_back(row);
                // The distinct index, replaced by its rank below.
                rank[size_t(row)] = quint32(*it);
            }
            }
        }

        // Numbers first, each distinct value one rank.
        std::sort(numbers.begin(), numbers.end());
        quint32 next = 0;
        for (size_t i = 0; i < numbers.size(); ++i) {
            if (i > 0 && numbers[i].first != numbers[i - 1].first)
                ++next;
            rank[size_t(numbers[i].second)] = next;
        }
        if (!numbers.empty())
            ++next;

        // Then text in natural order; texts that differ only in case share a rank.
        std::vector<std::u16string> keys(texts.size());
        for (size_t i = 0; i < texts.size(); ++i)
            core::appendNaturalSortKey(texts[i], &keys[i]);
        std::vector<int> order(texts.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&keys](int a, int b) { return keys[size_t(a)] < keys[size_t(b)]; });
        std::vector<quint32> textRank(texts.size());
        for (size_t i = 0; i < order.size(); ++i) {
            if (i > 0 && keys[size_t(order[i - 1])] != keys[size_t(order[i])])
                ++next;
            textRank[size_t(order[i])] = next;
        }
        for (const int row : textRows)
            rank[size_t(row)] = textRank[rank[size_t(row)]];
    }
};

RunFilterProxyModel::RunFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_sortCache(std::make_unique<SortCache>()) {
    setSortRole(SortRole);
}

RunFilterProxyModel::~RunFilterProxyModel() = default;

void RunFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel) {
    Q_ASSERT(!sourceModel || qobject_cast<RunTableModel *>(sourceModel));
    if (QAbstractItemModel *old = QSortFilterProxyModel::sourceModel())
        disconnect(old, nullptr, this, nullptr);
    m_sortCache->valid = false;
    // Connected before the base class connects its own handlers, so the cache is marked stale
    // before those handlers re-sort.
    if (sourceModel) {
        const auto stale = [this] {
            m_sortCache->valid = false;
        };
        connect(sourceModel, &QAbstractItemModel::modelAboutToBeReset, this, stale);
        connect(sourceModel, &QAbstractItemModel::dataChanged, this, stale);
        connect(sourceModel, &QAbstractItemModel::layoutAboutToBeChanged, this, stale);
        connect(sourceModel, &QAbstractItemModel::rowsAboutToBeInserted, this, stale);
        connect(sourceModel, &QAbstractItemModel::rowsAboutToBeRemoved, this, stale);
        connect(sourceModel, &QAbstractItemModel::rowsAboutToBeMoved, this, stale);
        connect(sourceModel, &QAbstractItemModel::columnsAboutToBeInserted, this, stale);
        connect(sourceModel, &QAbstractItemModel::columnsAboutToBeRemoved, this, stale);
    }
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void RunFilterProxyModel::setRunFilter(const core::RunFilter &filter) {
    m_filter = filter;
    // A full rebuild (filter every row, then one sort on cached ranks) is far cheaper than the
    // base class's incremental path, which inserts each newly accepted row at its sorted place.
    invalidate();
}

void RunFilterProxyModel::setShowDeleted(bool show) {
    if (m_showDeleted == show)
        return;
    m_showDeleted = show;
    invalidateFilter();
}

void RunFilterProxyModel::sort(int column, Qt::SortOrder order) {
    // The proxy never hides columns, so proxy and source columns are the same.
    if (sourceModel() && column >= 0 && (!m_sortCache->valid || m_sortCache->column != column))
        m_sortCache->build(sourceModel(), column);
    QSortFilterProxyModel::sort(column, order);
}

bool RunFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
    if (sourceParent.isValid())
        return false;
    const auto *table = static_cast<const RunTableModel *>(sourceModel());
    const core::Run &run = table->run(sourceRow);
    if (run.deleted && !m_showDeleted)
        return false;
    return m_filter.matches(run);
}

bool RunFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const {
    SortCache &cache = *m_sortCache;
    if (!cache.valid || cache.column != left.column())
        cache.build(sourceModel(), left.column());
    const quint32 a = cache.rank[size_t(left.row())];
    const quint32 b = cache.rank[size_t(right.row())];
    // NaN and missing values stay last in both orders: the base class sorts descending by
    // asking lessThan(right, left), so pinned values must then compare the other way round.
    const bool descending = sortOrder() == Qt::DescendingOrder;
    if (a != b)
        return (a >= kNaNRank || b >= kNaNRank) && descending ? a > b : a < b;
    // Ties keep load order in both directions, whatever the previous sort left behind (the
    // base class re-sorts the current proxy order, so its stability alone would not do).
    return descending ? left.row() > right.row() : left.row() < right.row();
}

} // namespace runlens::items
