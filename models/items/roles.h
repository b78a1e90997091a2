// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

namespace runlens::items {

/// Item data roles of every RunLens model, in one place.
enum Role {
    SortRole = Qt::UserRole + 1, ///< raw typed value (double, qint64, QString, bool) for sorting
    RunIdRole,                   ///< qint64 cache row id of the row's run
    RunKeyRole,                  ///< QString stable run key
    RunPathRole,                 ///< QString absolute folder of the run
    FieldRole,                   ///< header: QString field reference ("params.lr")
    ColumnGroupRole,             ///< header: "attributes", "params", "metrics" or "tags"
    VisibleRole,                 ///< ColumnListModel: bool, whether the column is shown
};

} // namespace runlens::items
