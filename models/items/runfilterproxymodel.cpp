// SPDX-License-Identifier: GPL-3.0-or-later
#include "runfilterproxymodel.h"

#include "core/naturalcompare.h"
#include "runtablemodel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>

namespace runlens::items {

namespace {

// Ranks at the top of the range mark values that stay at the bottom in both sort orders.
constexpr quint32 kNaNRank = std::numeric_limits<quint32>::max() - 1;
constexpr quint32 kMissingRank = std::numeric_limits<quint32>::max();

/// One text key in a sort: the eight code units after the prefix all keys share, packed into
/// two integers, and where the whole key is.
struct KeyItem {
    quint64 high = 0;
    quint64 low = 0;
    quint32 key = 0;
    quint32 rest = 0; ///< code units after the shared prefix
};

} // namespace

/// Buffers of a sort, kept between sorts: fresh pages for a few megabytes of buffers cost more
/// than the sort itself on a virtual machine (every first touch is a page fault).
struct RunFilterProxyModel::SortScratch {
    std::vector<std::pair<double, int>> numbers;
    std::vector<int> textRows;    ///< source row of each text key
    std::u16string keyText;       ///< natural sort keys back to back
    std::vector<size_t> keyStart; ///< key i is keyText[keyStart[i], keyStart[i + 1])
    std::vector<KeyItem> items;
    std::vector<quint64> rowKeys;

    [[nodiscard]] std::u16string_view key(size_t i) const {
        return std::u16string_view(keyText).substr(keyStart[i], keyStart[i + 1] - keyStart[i]);
    }

    // Orders the keys into items. Keys often share a long prefix ("run-0…"), so the common
    // prefix is skipped and the next eight code units are compared as two integers on
    // contiguous memory; only equal prefixes walk the rest of the two strings.
    [[nodiscard]] bool sameKey(const KeyItem &a, const KeyItem &b) const {
        if (a.high != b.high || a.low != b.low || a.rest != b.rest)
            return false;
        return a.rest <= 8 || key(a.key) == key(b.key);
    }

    void orderKeys() {
        const size_t n = keyStart.size() - 1;
        items.resize(n);
        if (n == 0)
            return;
        const std::u16string_view first = key(0);
        size_t common = first.size();
        for (size_t i = 1; i < n && common > 0; ++i) {
            const std::u16string_view k = key(i);
            const size_t limit = std::min(common, k.size());
            size_t j = 0;
            while (j < limit && k[j] == first[j])
                ++j;
            common = j;
        }
        for (size_t i = 0; i < n; ++i) {
            const std::u16string_view k = key(i);
            quint64 parts[2] = {0, 0};
            for (size_t j = 0; j < 8; ++j) {
                const size_t at = common + j;
                parts[j / 4] = (parts[j / 4] << 16) | (at < k.size() ? k[at] : 0);
            }
            items[i] = {parts[0], parts[1], quint32(i), quint32(k.size() - common)};
        }
        std::sort(items.begin(), items.end(), [this, common](const KeyItem &a, const KeyItem &b) {
            if (a.high != b.high)
                return a.high < b.high;
            if (a.low != b.low)
                return a.low < b.low;
            // Both keys end within the packed units (a column of a few repeated values):
            // the shorter one is a prefix of the other, or they are equal.
            if (a.rest <= 8 && b.rest <= 8)
                return a.rest < b.rest;
            return key(a.key).substr(common) < key(b.key).substr(common);
        });
    }
};

RunFilterProxyModel::RunFilterProxyModel(QObject *parent)
    : QAbstractProxyModel(parent)
    , m_scratch(std::make_unique<SortScratch>()) {
}

RunFilterProxyModel::~RunFilterProxyModel() = default;

void RunFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel) {
    Q_ASSERT(!sourceModel || qobject_cast<RunTableModel *>(sourceModel));
    beginResetModel();
    if (m_table)
        disconnect(m_table, nullptr, this, nullptr);
    QAbstractProxyModel::setSourceModel(sourceModel);
    m_table = qobject_cast<RunTableModel *>(sourceModel);
    if (m_table) {
        // The table only ever resets; any other structural change is handled as a reset too.
        using M = QAbstractItemModel;
        const auto begin = [this] {
            beginSourceChange();
        };
        const auto end = [this] {
            endSourceChange();
        };
        connect(m_table, &M::modelAboutToBeReset, this, begin);
        connect(m_table, &M::modelReset, this, end);
        connect(m_table, &M::layoutAboutToBeChanged, this, begin);
        connect(m_table, &M::layoutChanged, this, end);
        connect(m_table, &M::rowsAboutToBeInserted, this, begin);
        connect(m_table, &M::rowsInserted, this, end);
        connect(m_table, &M::rowsAboutToBeRemoved, this, begin);
        connect(m_table, &M::rowsRemoved, this, end);
        connect(m_table, &M::rowsAboutToBeMoved, this, begin);
        connect(m_table, &M::rowsMoved, this, end);
        connect(m_table, &M::columnsAboutToBeInserted, this, begin);
        connect(m_table, &M::columnsInserted, this, end);
        connect(m_table, &M::columnsAboutToBeRemoved, this, begin);
        connect(m_table, &M::columnsRemoved, this, end);
        connect(m_table, &M::columnsAboutToBeMoved, this, begin);
        connect(m_table, &M::columnsMoved, this, end);
        connect(m_table, &M::dataChanged, this, &RunFilterProxyModel::sourceDataChanged);
        connect(m_table, &QObject::destroyed, this, [this] {
            beginResetModel();
            m_table = nullptr;
            rebuild();
            endResetModel();
        });
        connect(m_table, &M::headerDataChanged, this,
                [this](Qt::Orientation orientation, int first, int last) {
                    if (orientation == Qt::Horizontal)
                        Q_EMIT headerDataChanged(orientation, first, last);
                    else if (!m_rows.empty())
                        Q_EMIT headerDataChanged(orientation, 0, int(m_rows.size()) - 1);
                });
    }
    rebuild();
    endResetModel();
}

void RunFilterProxyModel::beginSourceChange() {
    if (m_resetting)
        return;
    m_resetting = true;
    beginResetModel();
}

void RunFilterProxyModel::endSourceChange() {
    if (!m_resetting)
        return;
    rebuild();
    m_resetting = false;
    endResetModel();
}

void RunFilterProxyModel::sourceDataChanged() {
    if (m_resetting || !m_table)
        return;
    // Values may have changed under the filter and the sort: redo both, keeping the selection.
    m_rankColumn = -1;
    computeAccepted();
    computeOrder();
    applyRows(visibleRows());
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
}

void RunFilterProxyModel::rebuild() {
    m_rankColumn = -1;
    m_rank.clear();
    *m_scratch = SortScratch(); // sized for the old runs
    if (m_table && m_sortColumn >= m_table->columnCount())
        m_sortColumn = -1;
    computeAccepted();
    computeOrder();
    m_rows = visibleRows();
    m_proxyRow.assign(m_accepted.size(), -1);
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_proxyRow[size_t(m_rows[i])] = int(i);
}

void RunFilterProxyModel::computeAccepted() {
    if (!m_table) {
        m_accepted.clear();
        return;
    }
    const core::Runs &runs = m_table->runs();
    m_filter.matchAll(runs, m_filter.hasWords() ? &m_table->textIndex() : nullptr, &m_accepted);
    if (!m_showDeleted) {
        for (size_t i = 0; i < runs.size(); ++i) {
            if (runs[i].deleted)
                m_accepted[i] = 0;
        }
    }
}

void RunFilterProxyModel::computeRank(int column) {
    m_rankColumn = column;
    const int rows = m_table->rowCount();
    m_rank.assign(size_t(rows), kMissingRank);

    SortScratch &sc = *m_scratch;
    sc.numbers.clear();
    sc.textRows.clear();
    sc.keyText.clear();
    sc.keyStart.assign(1, 0);
    for (int row = 0; row < rows; ++row) {
        const QVariant v = m_table->sortValue(row, column);
        if (!v.isValid())
            continue;
        if (core::isNumber(v) || v.typeId() == QMetaType::Bool) {
            const double d = v.toDouble();
            if (std::isnan(d))
                m_rank[size_t(row)] = kNaNRank;
            else
                sc.numbers.emplace_back(d, row);
            continue;
        }
        // No de-duplication: hashing 100,000 names costs more than sorting their keys, and
        // the sort below puts equal keys next to each other anyway.
        if (v.typeId() == QMetaType::QString)
            core::appendNaturalSortKey(*static_cast<const QString *>(v.constData()), &sc.keyText);
        else
            core::appendNaturalSortKey(v.toString(), &sc.keyText);
        sc.keyStart.push_back(sc.keyText.size());
        sc.textRows.push_back(row);
    }

    // Numbers first, each distinct value one rank.
    auto &numbers = sc.numbers;
    std::sort(numbers.begin(), numbers.end());
    quint32 next = 0;
    for (size_t i = 0; i < numbers.size(); ++i) {
        if (i > 0 && numbers[i].first != numbers[i - 1].first)
            ++next;
        m_rank[size_t(numbers[i].second)] = next;
    }
    if (!numbers.empty())
        ++next;

    // Then text in natural order; texts that differ only in case share a rank.
    sc.orderKeys();
    for (size_t i = 0; i < sc.items.size(); ++i) {
        const KeyItem &a = sc.items[i];
        if (i > 0 && !sc.sameKey(sc.items[i - 1], a))
            ++next;
        m_rank[size_t(sc.textRows[a.key])] = next;
    }
}

void RunFilterProxyModel::computeOrder() {
    const size_t n = m_accepted.size();
    m_order.resize(n);
    if (m_sortColumn < 0 || n == 0) {
        std::iota(m_order.begin(), m_order.end(), 0);
        return;
    }
    if (m_rankColumn != m_sortColumn || m_rank.size() != n)
        computeRank(m_sortColumn);
    // One integer per row: rank in the high half, source row in the low half, so equal values
    // keep load order in both directions. Descending flips the ranks below the pinned ones.
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    std::vector<quint64> &keys = m_scratch->rowKeys;
    keys.resize(n);
    for (size_t row = 0; row < n; ++row) {
        quint32 rank = m_rank[row];
        if (descending && rank < kNaNRank)
            rank = kNaNRank - 1 - rank;
        keys[row] = (quint64(rank) << 32) | quint64(row);
    }
    std::sort(keys.begin(), keys.end());
    for (size_t i = 0; i < n; ++i)
        m_order[i] = int(keys[i] & 0xFFFFFFFFu);
}

std::vector<int> RunFilterProxyModel::visibleRows() {
    // The previous rows' buffer is reused: its pages are already mapped.
    std::vector<int> rows = std::move(m_spareRows);
    rows.clear();
    rows.reserve(m_order.size());
    for (const int row : m_order) {
        if (m_accepted[size_t(row)])
            rows.push_back(row);
    }
    return rows;
}

void RunFilterProxyModel::applyRows(std::vector<int> rows) {
    if (rows == m_rows) {
        m_spareRows = std::move(rows);
        return;
    }
    // Listeners (the selection model, views) save their persistent indexes in this signal, so
    // it goes out while the model still answers with the old rows.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    std::vector<int> oldRows;
    oldRows.swap(m_rows);
    m_rows = std::move(rows);
    std::fill(m_proxyRow.begin(), m_proxyRow.end(), -1);
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_proxyRow[size_t(m_rows[i])] = int(i);
    for (const QModelIndex &index : from) {
        const int proxyRow = m_proxyRow[size_t(oldRows[size_t(index.row())])];
        to.append(proxyRow < 0 ? QModelIndex() : createIndex(proxyRow, index.column()));
    }
    m_spareRows = std::move(oldRows);
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void RunFilterProxyModel::setRunFilter(const core::RunFilter &filter) {
    m_filter = filter;
    if (!m_table)
        return;
    computeAccepted();
    applyRows(visibleRows()); // the sorted order stays: no re-sort per keystroke
}

void RunFilterProxyModel::setShowDeleted(bool show) {
    if (m_showDeleted == show)
        return;
    m_showDeleted = show;
    if (!m_table)
        return;
    computeAccepted();
    applyRows(visibleRows());
}

void RunFilterProxyModel::sort(int column, Qt::SortOrder order) {
    if (column < -1 || (m_table && column >= m_table->columnCount()))
        column = -1;
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_table)
        return;
    computeOrder();
    applyRows(visibleRows());
}

QModelIndex RunFilterProxyModel::index(int row, int column, const QModelIndex &parent) const {
    if (parent.isValid() || row < 0 || column < 0 || row >= int(m_rows.size()) ||
        column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex RunFilterProxyModel::parent(const QModelIndex &) const {
    return {};
}

QModelIndex RunFilterProxyModel::sibling(int row, int column, const QModelIndex &idx) const {
    return idx.isValid() ? index(row, column) : QModelIndex();
}

int RunFilterProxyModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunFilterProxyModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() || !m_table ? 0 : m_table->columnCount();
}

bool RunFilterProxyModel::hasChildren(const QModelIndex &parent) const {
    return !parent.isValid() && !m_rows.empty() && columnCount() > 0;
}

QModelIndex RunFilterProxyModel::mapToSource(const QModelIndex &proxyIndex) const {
    if (!proxyIndex.isValid() || !m_table)
        return {};
    Q_ASSERT(proxyIndex.model() == this);
    return m_table->index(m_rows[size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex RunFilterProxyModel::mapFromSource(const QModelIndex &sourceIndex) const {
    if (!sourceIndex.isValid() || !m_table)
        return {};
    Q_ASSERT(sourceIndex.model() == m_table);
    const int row = m_proxyRow[size_t(sourceIndex.row())];
    return row < 0 ? QModelIndex() : createIndex(row, sourceIndex.column());
}

size_t RunFilterProxyModel::memoryBytes() const {
    return m_order.capacity() * sizeof(int) + m_accepted.capacity() +
           (m_rows.capacity() + m_spareRows.capacity()) * sizeof(int) +
           m_proxyRow.capacity() * sizeof(int) + m_rank.capacity() * sizeof(quint32) +
           m_scratch->numbers.capacity() * sizeof(std::pair<double, int>) +
           m_scratch->textRows.capacity() * sizeof(int) +
           m_scratch->keyText.capacity() * sizeof(char16_t) +
           m_scratch->keyStart.capacity() * sizeof(size_t) +
           m_scratch->items.capacity() * sizeof(KeyItem) +
           m_scratch->rowKeys.capacity() * sizeof(quint64);
}

} // namespace runlens::items
