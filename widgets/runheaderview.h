// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHeaderView>

namespace runlens::widgets {

/// The run table's column header: a thin coloured stripe over each section marks its group
/// (params, metrics, tags) so that "lr" the param and "lr" the metric are told apart at a glance,
/// and the tooltip names the full field ("params.lr").
class RunHeaderView final : public QHeaderView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunHeaderView)

public:
    explicit RunHeaderView(QWidget *parent = nullptr);
    ~RunHeaderView() override;

    /// The stripe colour of a column group ("params", "metrics", "tags"); invalid for attributes.
    [[nodiscard]] static QColor groupColor(const QString &group);

protected:
    void paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const override;
    bool viewportEvent(QEvent *event) override;
};

} // namespace runlens::widgets
