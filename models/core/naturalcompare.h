// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>
#include <string>

namespace runlens::core {

/// Case-insensitive "natural" order: digit runs compare by numeric value ("run-9" < "run-10"),
/// other characters by their case-folded code unit. Used wherever run values are sorted; much
/// faster than QCollator because it neither allocates nor consults the locale.
/// Returns <0, 0, >0.
int naturalCompare(QStringView a, QStringView b) noexcept;

/// Appends a key whose plain code-unit order equals naturalCompare() order, for sorting many
/// values: building keys once and comparing them is several times faster than naturalCompare()
/// in every comparison.
void appendNaturalSortKey(QStringView text, std::u16string *key);

/// Folds case one code unit at a time, the same way naturalCompare() and containsFolded() do.
QString foldCase(QStringView text);
/// Appends text folded as foldCase() does, each UTF-16 code unit encoded on its own in one to
/// three bytes (UTF-8 for the Basic Multilingual Plane). The code is prefix-free and
/// self-synchronising, so a byte substring search on two such encodings gives the same answer as
/// a code-unit search on the folded texts, in half the memory for ASCII text.
void appendFoldedBytes(QStringView text, std::string *out);

/// Case-insensitive substring test without allocation; needle must already be folded with
/// foldCase(). Faster than QStringView::contains(..., Qt::CaseInsensitive) for the
/// short keys and values runs hold.
bool containsFolded(QStringView haystack, QStringView foldedNeedle) noexcept;

} // namespace runlens::core
