// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

namespace runlens::widgets {

/// A run's colour in every view: derived from its stable key, so it does not change when runs
/// are added, filtered or re-imported. (The annotations store will let a user override it.)
[[nodiscard]] QColor runColor(const QString &runKey);
/// The i-th colour of the palette (groups take theirs in order).
[[nodiscard]] QColor paletteColor(int i);

} // namespace runlens::widgets
