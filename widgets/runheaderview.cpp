// SPDX-License-Identifier: GPL-3.0-or-later
#include "runheaderview.h"

#include "items/roles.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace runlens::widgets {

RunHeaderView::RunHeaderView(QWidget *parent)
    : QHeaderView(Qt::Horizontal, parent) {
    setSectionsClickable(true);
    setSectionsMovable(true);
    setHighlightSections(false);
    setSortIndicatorShown(true);
    setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setMinimumSectionSize(40);
}

RunHeaderView::~RunHeaderView() = default;

QColor RunHeaderView::groupColor(const QString &group) {
    // Mid-lightness hues read on light and dark palettes alike.
    if (group == QLatin1String("params"))
        return QColor::fromHsl(210, 160, 120);
    if (group == QLatin1String("metrics"))
        return QColor::fromHsl(28, 200, 120);
    if (group == QLatin1String("tags"))
        return QColor::fromHsl(140, 110, 105);
    return {};
}

void RunHeaderView::paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const {
    QHeaderView::paintSection(painter, rect, logicalIndex);
    if (!model())
        return;
    const QColor color = groupColor(
        model()->headerData(logicalIndex, orientation(), items::ColumnGroupRole).toString());
    if (!color.isValid())
        return;
    painter->save();
    // The base implementation leaves an empty clip behind on some styles.
    painter->setClipRect(rect, Qt::ReplaceClip);
    QColor tint = color;
    tint.setAlpha(28);
    painter->fillRect(rect, tint);
    const int h = qMax(3, rect.height() / 8);
    painter->fillRect(QRect(rect.left(), rect.top(), rect.width(), h), color);
    painter->restore();
}

bool RunHeaderView::viewportEvent(QEvent *event) {
    if (event->type() == QEvent::ToolTip && model()) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int section = logicalIndexAt(help->pos());
        if (section >= 0) {
            QString tip = model()->headerData(section, orientation(), Qt::ToolTipRole).toString();
            if (tip.isEmpty())
                tip = model()->headerData(section, orientation(), items::FieldRole).toString();
            if (!tip.isEmpty()) {
                QToolTip::showText(help->globalPos(), tip, this);
                return true;
            }
        }
    }
    return QHeaderView::viewportEvent(event);
}

} // namespace runlens::widgets
