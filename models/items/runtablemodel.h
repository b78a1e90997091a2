// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run.h"
#include "core/runfield.h"
#include "core/runfilter.h"

#include <QAbstractTableModel>
#include <QHash>
#include <future>
#include <memory>
#include <vector>

namespace runlens::items {

/// All loaded runs as a table. Columns: the fixed attributes (Name, Experiment, Status, Start,
/// Duration, Format, Path, Run ID), then one per param key and one per metric key (its last
/// value), each group sorted by key. DisplayRole is formatted text, SortRole the raw value,
/// ToolTipRole the full text; metric cells' tooltips show count, min, max and NaN count.
class RunTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunTableModel)

public:
    explicit RunTableModel(QObject *parent = nullptr);
    ~RunTableModel() override;

    /// Replaces every run (a model reset).
    void setRuns(core::Runs runs);
    [[nodiscard]] const core::Runs &runs() const { return m_runs; }
    [[nodiscard]] const core::Run &run(int row) const { return m_runs.at(size_t(row)); }

    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    [[nodiscard]] const core::RunField &field(int column) const {
        return m_columns.at(size_t(column));
    }
    [[nodiscard]] int columnOf(const core::RunField &field) const; ///< -1 when absent
    [[nodiscard]] int rowOfRunId(qint64 id) const;                 ///< -1 when absent
    /// The SortRole value without an index or a virtual call, for proxies that sort all rows.
    [[nodiscard]] QVariant sortValue(int row, int column) const;
    /// Heap bytes of the model's own tables (not the runs, not the text index), for benchmarks.
    [[nodiscard]] size_t memoryBytes() const;
    /// The runs' folded text for plain-word filters. Built on a background thread after each
    /// setRuns(), so that the first word typed does not pay for it; waits when not yet built.
    [[nodiscard]] const core::RunTextIndex &textIndex() const;

private:
    [[nodiscard]] const QVariant *paramAt(int row, int column) const;
    [[nodiscard]] const core::MetricSummary *metricAt(int row, int column) const;
    [[nodiscard]] QString displayText(int row, int column) const;
    [[nodiscard]] QString toolTip(int row, int column) const;

    core::Runs m_runs;
    std::vector<core::RunField> m_columns;
    int m_paramCount = 0;
    [[nodiscard]] qsizetype cellIndex(int row, int column) const;

    /// Column-major, one entry per (param or metric column, row): where that key sits in the
    /// run's config entries or metrics, kAbsent when absent, kFar when at kFar or beyond (found
    /// by key then). Spares data() a search per cell; 16 bits keep it at 8 MB for 100,000 runs
    /// with 40 keys.
    std::vector<quint16> m_cellIndex;
    QHash<qint64, int> m_rowOfId;
    // The job only reads m_runs; setRuns() and the destructor wait for it before changing them.
    void waitForTextIndex() const;
    mutable std::future<std::unique_ptr<core::RunTextIndex>> m_textIndexJob;
    mutable std::unique_ptr<core::RunTextIndex> m_textIndex;
};

} // namespace runlens::items
