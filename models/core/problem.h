// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace runlens::core {

/// Something wrong with the input that did not stop the import: which file, where in it
/// ("line 12", "byte 4096", or empty for the whole file) and what was wrong.
struct Problem {
    QString path;    ///< absolute path of the file or folder
    QString where;   ///< "line N", "byte N", or empty
    QString message; ///< what was wrong, in words a user understands

    friend bool operator==(const Problem &, const Problem &) = default;
};

using Problems = QList<Problem>;

} // namespace runlens::core

Q_DECLARE_METATYPE(runlens::core::Problem)
