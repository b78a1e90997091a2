// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QTableView>
#include <QUrl>
#include <functional>

namespace runlens::items {
class ColumnListModel;
}

class QMenu;

namespace runlens::widgets {

/// The run table: whole-row extended selection, fixed row heights, numeric sorting on header
/// click, a header menu to hide columns, a row menu to copy ids/names/paths, Ctrl+C as TSV.
/// Works on any model that carries the roles of items/roles.h (a RunFilterProxyModel normally).
class RunTableView final : public QTableView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunTableView)

public:
    explicit RunTableView(QWidget *parent = nullptr);
    ~RunTableView() override;

    void setModel(QAbstractItemModel *model) override;
    /// Columns hidden in columns are hidden here, live and across model resets.
    void setColumnList(items::ColumnListModel *columns);

    /// What survives swapping the runs under the view: sort field, selection and current run by
    /// cache id, column widths by field.
    struct State {
        QString sortField;
        Qt::SortOrder sortOrder = Qt::AscendingOrder;
        QList<qint64> selectedIds;
        qint64 currentId = 0;
        QHash<QString, int> widths;
    };
    [[nodiscard]] State saveState() const;
    void restoreState(const State &state);

    [[nodiscard]] int columnOfField(const QString &field) const; ///< -1 when absent
    [[nodiscard]] QString fieldOfColumn(int column) const;
    [[nodiscard]] QList<qint64> selectedRunIds() const;
    void sortByField(const QString &field, Qt::SortOrder order);
    /// Sets widths from the header text and the first rows (never all of 100k rows).
    void fitColumnWidths();

    /// The selected rows as tab-separated text with a header line (what Ctrl+C copies).
    [[nodiscard]] QString selectionAsTsv() const;
    void copySelection();
    /// How "Open Folder" opens a folder (tests replace QDesktopServices::openUrl).
    void setUrlOpener(std::function<void(const QUrl &)> opener);

    /// The row context menu for index (selecting its row first when it is not selected) and the
    /// header menu for a section; the caller owns and shows them.
    [[nodiscard]] QMenu *createRowMenu(const QModelIndex &index);
    [[nodiscard]] QMenu *createHeaderMenu(int section);

    /// Shows metric columns right after the attributes, before the params (default on): with a
    /// hundred params the results would otherwise start off-screen.
    void setMetricsFirst(bool on);

    /// The text drawn in the empty table ("Open a results folder ...").
    void setPlaceholderText(const QString &text);

Q_SIGNALS:
    void chooseColumnsRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void applyHiddenColumns();
    void arrangeSections();
    void setFieldHidden(const QString &field, bool hidden);
    [[nodiscard]] QString cellText(int row, const QString &field) const;

    items::ColumnListModel *m_columns = nullptr;
    std::function<void(const QUrl &)> m_openUrl;
    QString m_placeholder;
    bool m_metricsFirst = true;
};

} // namespace runlens::widgets
