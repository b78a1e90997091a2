// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtableview.h"

#include "items/columnlistmodel.h"
#include "items/roles.h"
#include "runheaderview.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QFileInfo>
#include <QItemSelection>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QSet>
#include <memory>

namespace runlens::widgets {

namespace {

constexpr int sampleRows = 200;
constexpr int minColumnWidth = 56;
constexpr int maxColumnWidth = 340;

QString tsvCell(QString text) {
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return text;
}

} // namespace

RunTableView::RunTableView(QWidget *parent)
    : QTableView(parent)
    , m_openUrl([](const QUrl &url) { QDesktopServices::openUrl(url); }) {
    setHorizontalHeader(new RunHeaderView(this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setShowGrid(false);
    setCornerButtonEnabled(false);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setEditTriggers(QAbstractItemView::NoEditTriggers);

    // Fixed, uniform row heights: the view never measures rows, which keeps 100k rows fast.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    verticalHeader()->setMinimumSectionSize(fontMetrics().height() + 2);
    verticalHeader()->hide();

    setSortingEnabled(true);
    connect(horizontalHeader(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint &pos) {
                const std::unique_ptr<QMenu> menu(
                    createHeaderMenu(horizontalHeader()->logicalIndexAt(pos)));
                menu->exec(horizontalHeader()->mapToGlobal(pos));
            });
}

RunTableView::~RunTableView() = default;

void RunTableView::setModel(QAbstractItemModel *model) {
    if (this->model())
        disconnect(this->model(), nullptr, this, nullptr);
    QTableView::setModel(model);
    if (!model)
        return;
    connect(model, &QAbstractItemModel::modelReset, this, &RunTableView::applyHiddenColumns);
    connect(model, &QAbstractItemModel::columnsInserted, this, &RunTableView::applyHiddenColumns);
    connect(model, &QAbstractItemModel::layoutChanged, this, [this] { viewport()->update(); });
    applyHiddenColumns();
}

void RunTableView::setColumnList(items::ColumnListModel *columns) {
    if (m_columns)
        disconnect(m_columns, nullptr, this, nullptr);
    m_columns = columns;
    if (m_columns) {
        connect(m_columns, &items::ColumnListModel::visibilityChanged, this,
                [this](const QString &field, bool visible) { setFieldHidden(field, !visible); });
    }
    applyHiddenColumns();
}

void RunTableView::setUrlOpener(std::function<void(const QUrl &)> opener) {
    m_openUrl = std::move(opener);
}

void RunTableView::setPlaceholderText(const QString &text) {
    m_placeholder = text;
    viewport()->update();
}

int RunTableView::columnOfField(const QString &field) const {
    if (!model())
        return -1;
    const int n = model()->columnCount();
    for (int c = 0; c < n; ++c) {
        if (fieldOfColumn(c) == field)
            return c;
    }
    return -1;
}

QString RunTableView::fieldOfColumn(int column) const {
    if (!model() || column < 0)
        return {};
    return model()->headerData(column, Qt::Horizontal, items::FieldRole).toString();
}

void RunTableView::setMetricsFirst(bool on) {
    m_metricsFirst = on;
    arrangeSections();
}

void RunTableView::arrangeSections() {
    if (!model())
        return;
    QHeaderView *header = horizontalHeader();
    const int n = model()->columnCount();
    QList<int> order;
    order.reserve(n);
    const QStringList groups =
        m_metricsFirst ? QStringList{QStringLiteral("attributes"), QStringLiteral("metrics"),
                                     QStringLiteral("params"), QStringLiteral("tags")}
                       : QStringList{QStringLiteral("attributes"), QStringLiteral("params"),
                                     QStringLiteral("metrics"), QStringLiteral("tags")};
    QList<QList<int>> byGroup(groups.size() + 1);
    for (int c = 0; c < n; ++c) {
        const qsizetype g = groups.indexOf(
            model()->headerData(c, Qt::Horizontal, items::ColumnGroupRole).toString());
        byGroup[g < 0 ? groups.size() : g].append(c);
    }
    for (const QList<int> &group : std::as_const(byGroup))
        order += group;
    for (int visual = 0; visual < order.size(); ++visual) {
        const int from = header->visualIndex(order.at(visual));
        if (from != visual)
            header->moveSection(from, visual);
    }
}

void RunTableView::applyHiddenColumns() {
    if (!model())
        return;
    arrangeSections();
    const int n = model()->columnCount();
    for (int c = 0; c < n; ++c)
        setColumnHidden(c, m_columns && m_columns->isHidden(fieldOfColumn(c)));
}

void RunTableView::setFieldHidden(const QString &field, bool hidden) {
    const int c = columnOfField(field);
    if (c < 0)
        return;
    const bool wasHidden = isColumnHidden(c);
    setColumnHidden(c, hidden);
    // A column shown for the first time since the model was filled has the default width.
    if (wasHidden && !hidden && columnWidth(c) <= 0)
        setColumnWidth(c, horizontalHeader()->defaultSectionSize());
}

QList<qint64> RunTableView::selectedRunIds() const {
    QList<qint64> ids;
    if (!selectionModel())
        return ids;
    const QModelIndexList rows = selectionModel()->selectedRows();
    ids.reserve(rows.size());
    for (const QModelIndex &index : rows)
        ids.append(index.data(items::RunIdRole).toLongLong());
    return ids;
}

void RunTableView::sortByField(const QString &field, Qt::SortOrder order) {
    const int c = columnOfField(field);
    if (c >= 0)
        sortByColumn(c, order);
}

RunTableView::State RunTableView::saveState() const {
    State state;
    if (!model())
        return state;
    const int sortSection = horizontalHeader()->sortIndicatorSection();
    if (sortSection >= 0 && sortSection < model()->columnCount()) {
        state.sortField = fieldOfColumn(sortSection);
        state.sortOrder = horizontalHeader()->sortIndicatorOrder();
    }
    state.selectedIds = selectedRunIds();
    state.currentId = currentIndex().data(items::RunIdRole).toLongLong();
    const int n = model()->columnCount();
    for (int c = 0; c < n; ++c) {
        if (!isColumnHidden(c) && columnWidth(c) > 0)
            state.widths.insert(fieldOfColumn(c), columnWidth(c));
    }
    return state;
}

void RunTableView::restoreState(const State &state) {
    if (!model())
        return;
    if (!state.sortField.isEmpty())
        sortByField(state.sortField, state.sortOrder);

    const int n = model()->columnCount();
    bool anyNew = false;
    for (int c = 0; c < n; ++c) {
        const auto it = state.widths.constFind(fieldOfColumn(c));
        if (it != state.widths.cend())
            setColumnWidth(c, *it);
        else
            anyNew = true;
    }
    if (anyNew) {
        // Fit only the columns that are new since the state was saved.
        const QHash<QString, int> keep = state.widths;
        fitColumnWidths();
        for (int c = 0; c < n; ++c) {
            const auto it = keep.constFind(fieldOfColumn(c));
            if (it != keep.cend())
                setColumnWidth(c, *it);
        }
    }

    if (!selectionModel() || (state.selectedIds.isEmpty() && state.currentId == 0))
        return;
    const QSet<qint64> wanted(state.selectedIds.cbegin(), state.selectedIds.cend());
    QItemSelection selection;
    QModelIndex current;
    const int rows = model()->rowCount();
    const int lastColumn = n - 1;
    for (int r = 0; r < rows; ++r) {
        const QModelIndex index = model()->index(r, 0);
        const qint64 id = index.data(items::RunIdRole).toLongLong();
        if (wanted.contains(id))
            selection.select(index, model()->index(r, lastColumn));
        if (id == state.currentId)
            current = index;
    }
    if (current.isValid())
        selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void RunTableView::fitColumnWidths() {
    if (!model())
        return;
    const int columns = model()->columnCount();
    const int rows = qMin(model()->rowCount(), columns > 100 ? sampleRows / 2 : sampleRows);
    const QFontMetrics cellMetrics(font());
    const QFontMetrics headerMetrics(horizontalHeader()->font());
    // Room for the cell margins and, in the header, the sort arrow.
    const int cellPadding =
        2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 14;
    const int headerPadding = cellPadding + 18;
    for (int c = 0; c < columns; ++c) {
        int width = headerMetrics.horizontalAdvance(
                        model()->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString()) +
                    headerPadding;
        for (int r = 0; r < rows; ++r) {
            const QString text = model()->index(r, c).data(Qt::DisplayRole).toString();
            width = qMax(width, cellMetrics.horizontalAdvance(text) + cellPadding);
            if (width >= maxColumnWidth)
                break;
        }
        setColumnWidth(c, qBound(minColumnWidth, width, maxColumnWidth));
    }
}

QString RunTableView::cellText(int row, const QString &field) const {
    const int c = columnOfField(field);
    if (c < 0)
        return {};
    return model()->index(row, c).data(Qt::DisplayRole).toString();
}

QString RunTableView::selectionAsTsv() const {
    if (!model() || !selectionModel())
        return {};
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    if (rows.isEmpty())
        return {};
    QList<int> columns;
    const QHeaderView *header = horizontalHeader();
    for (int v = 0; v < header->count(); ++v) {
        const int c = header->logicalIndex(v);
        if (!isColumnHidden(c))
            columns.append(c);
    }
    QStringList lines;
    QStringList cells;
    for (int c : std::as_const(columns)) {
        QString name = fieldOfColumn(c);
        if (name.isEmpty())
            name = model()->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        cells.append(tsvCell(name));
    }
    lines.append(cells.join(QLatin1Char('\t')));
    for (const QModelIndex &row : std::as_const(rows)) {
        cells.clear();
        for (int c : std::as_const(columns))
            cells.append(tsvCell(model()->index(row.row(), c).data(Qt::DisplayRole).toString()));
        lines.append(cells.join(QLatin1Char('\t')));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void RunTableView::copySelection() {
    const QString text = selectionAsTsv();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void RunTableView::keyPressEvent(QKeyEvent *event) {
    if (event == QKeySequence::Copy) {
        copySelection();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void RunTableView::contextMenuEvent(QContextMenuEvent *event) {
    const QModelIndex index = indexAt(viewport()->mapFromGlobal(event->globalPos()));
    if (!index.isValid())
        return;
    const std::unique_ptr<QMenu> menu(createRowMenu(index));
    if (menu)
        menu->exec(event->globalPos());
}

QMenu *RunTableView::createRowMenu(const QModelIndex &index) {
    if (!index.isValid() || !selectionModel())
        return nullptr;
    if (!selectionModel()->isRowSelected(index.row(), index.parent())) {
        selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                     QItemSelectionModel::Rows);
    }
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });

    auto collect = [rows](const std::function<QString(int)> &text) {
        QStringList values;
        for (const QModelIndex &row : rows)
            values.append(text(row.row()));
        QApplication::clipboard()->setText(values.join(QLatin1Char('\n')));
    };
    auto runId = [this](int row) {
        QString id = cellText(row, QStringLiteral("attributes.run_id"));
        if (id.isEmpty()) {
            const QString key = model()->index(row, 0).data(items::RunKeyRole).toString();
            id = key.section(QLatin1Char(':'), 1);
        }
        return id;
    };
    auto name = [this](int row) {
        return cellText(row, QStringLiteral("attributes.name"));
    };
    auto path = [this](int row) {
        return model()->index(row, 0).data(items::RunPathRole).toString();
    };

    auto *menu = new QMenu(this);
    QAction *copyId = menu->addAction(tr("Copy Run ID"), this, [=] { collect(runId); });
    copyId->setObjectName(QStringLiteral("copyRunId"));
    menu->addAction(tr("Copy Name"), this, [=] { collect(name); })
        ->setObjectName(QStringLiteral("copyName"));
    menu->addAction(tr("Copy Path"), this, [=] { collect(path); })
        ->setObjectName(QStringLiteral("copyPath"));
    menu->addSeparator();
    const QString dir = path(index.row());
    QAction *open = menu->addAction(tr("Open Folder"), this, [this, dir] {
        if (m_openUrl)
            m_openUrl(QUrl::fromLocalFile(dir));
    });
    open->setObjectName(QStringLiteral("openFolder"));
    open->setEnabled(!dir.isEmpty());
    menu->addSeparator();
    menu->addAction(tr("Copy Rows as TSV"), QKeySequence::Copy, this, &RunTableView::copySelection)
        ->setObjectName(QStringLiteral("copyTsv"));
    return menu;
}

QMenu *RunTableView::createHeaderMenu(int section) {
    auto *menu = new QMenu(this);
    if (model() && section >= 0 && section < model()->columnCount()) {
        const QString field = fieldOfColumn(section);
        const QString title = model()->headerData(section, Qt::Horizontal).toString();
        QAction *hide = menu->addAction(tr("Hide Column “%1”").arg(title), this, [this, field] {
            if (m_columns) {
                for (int r = 0; r < m_columns->rowCount(); ++r) {
                    const QModelIndex i = m_columns->index(r);
                    if (i.data(Qt::DisplayRole).toString() == field) {
                        m_columns->setData(i, Qt::Unchecked, Qt::CheckStateRole);
                        return;
                    }
                }
            }
            setFieldHidden(field, true);
        });
        hide->setObjectName(QStringLiteral("hideColumn"));
        hide->setEnabled(!field.isEmpty());
        menu->addAction(tr("Sort Ascending"), this,
                        [this, section] { sortByColumn(section, Qt::AscendingOrder); });
        menu->addAction(tr("Sort Descending"), this,
                        [this, section] { sortByColumn(section, Qt::DescendingOrder); });
        menu->addSeparator();
    }
    menu->addAction(tr("Fit Column Widths"), this, &RunTableView::fitColumnWidths);
    menu->addAction(tr("Choose Columns…"), this, &RunTableView::chooseColumnsRequested)
        ->setObjectName(QStringLiteral("chooseColumns"));
    return menu;
}

void RunTableView::paintEvent(QPaintEvent *event) {
    QTableView::paintEvent(event);
    if (m_placeholder.isEmpty() || (model() && model()->rowCount() > 0))
        return;
    QPainter painter(viewport());
    QColor color = palette().color(QPalette::PlaceholderText);
    painter.setPen(color);
    QFont font = painter.font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    painter.setFont(font);
    painter.drawText(viewport()->rect().adjusted(24, 24, -24, -24),
                     Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
}

} // namespace runlens::widgets
