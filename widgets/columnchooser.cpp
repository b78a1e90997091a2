// SPDX-License-Identifier: GPL-3.0-or-later
#include "columnchooser.h"

#include "items/columnlistmodel.h"
#include "items/roles.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace runlens::widgets {

namespace {

constexpr int sourceRowRole = Qt::UserRole + 100;
constexpr int fieldRole = Qt::UserRole + 101;

const QStringList &groupOrder() {
    static const QStringList order{QStringLiteral("attributes"), QStringLiteral("params"),
                                   QStringLiteral("metrics"), QStringLiteral("tags")};
    return order;
}

QString groupTitle(const QString &group) {
    if (group == QLatin1String("attributes"))
        return ColumnChooser::tr("Attributes");
    if (group == QLatin1String("params"))
        return ColumnChooser::tr("Params");
    if (group == QLatin1String("metrics"))
        return ColumnChooser::tr("Metrics");
    if (group == QLatin1String("tags"))
        return ColumnChooser::tr("Tags");
    return group;
}

} // namespace

ColumnChooser::ColumnChooser(items::ColumnListModel *columns, QWidget *parent)
    : QDialog(parent)
    , m_columns(columns)
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeView(this))
    , m_summary(new QLabel(this))
    , m_items(new QStandardItemModel(this))
    , m_filter(new QSortFilterProxyModel(this)) {
    setWindowTitle(tr("Choose Columns"));
    setObjectName(QStringLiteral("columnChooser"));

    m_search->setPlaceholderText(tr("Search columns…"));
    m_search->setClearButtonEnabled(true);

    m_filter->setSourceModel(m_items);
    m_filter->setFilterRole(fieldRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setRecursiveFilteringEnabled(true);
    m_tree->setModel(m_filter);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);

    auto *showAll = new QPushButton(tr("Show All"), this);
    showAll->setObjectName(QStringLiteral("showAll"));
    showAll->setToolTip(tr("Show every column the search matches"));
    auto *hideAll = new QPushButton(tr("Hide All"), this);
    hideAll->setObjectName(QStringLiteral("hideAll"));
    hideAll->setToolTip(tr("Hide every column the search matches"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);

    auto *row = new QHBoxLayout;
    row->addWidget(showAll);
    row->addWidget(hideAll);
    row->addStretch();
    row->addWidget(m_summary);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);
    layout->addLayout(row);
    layout->addWidget(buttons);
    resize(380, 520);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(showAll, &QPushButton::clicked, this, [this] { setMatchingVisible(true); });
    connect(hideAll, &QPushButton::clicked, this, [this] { setMatchingVisible(false); });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text.trimmed());
        m_tree->expandAll();
    });
    connect(m_items, &QStandardItemModel::itemChanged, this, &ColumnChooser::onItemChanged);

    connect(m_columns, &QAbstractItemModel::modelReset, this, &ColumnChooser::rebuild);
    connect(m_columns, &QAbstractItemModel::rowsInserted, this, &ColumnChooser::rebuild);
    connect(m_columns, &QAbstractItemModel::rowsRemoved, this, &ColumnChooser::rebuild);
    connect(m_columns, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &first, const QModelIndex &last) {
                syncChecks(first.row(), last.row());
            });
    rebuild();
}

ColumnChooser::~ColumnChooser() = default;

void ColumnChooser::rebuild() {
    m_syncing = true;
    m_items->clear();
    m_leafByRow.assign(size_t(m_columns->rowCount()), nullptr);
    QHash<QString, QStandardItem *> groups;
    auto groupItem = [&](const QString &group) {
        QStandardItem *&item = groups[group];
        if (!item) {
            item = new QStandardItem(groupTitle(group));
            item->setFlags(Qt::ItemIsEnabled);
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
        return item;
    };
    for (int r = 0; r < m_columns->rowCount(); ++r) {
        const QModelIndex index = m_columns->index(r);
        const QString field = index.data(Qt::DisplayRole).toString();
        const QString group = index.data(items::ColumnGroupRole).toString();
        const qsizetype dot = field.indexOf(QLatin1Char('.'));
        auto *leaf = new QStandardItem(dot >= 0 ? field.mid(dot + 1) : field);
        leaf->setData(r, sourceRowRole);
        leaf->setData(field, fieldRole);
        leaf->setToolTip(field);
        leaf->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        leaf->setCheckState(index.data(Qt::CheckStateRole).value<Qt::CheckState>());
        groupItem(group)->appendRow(leaf);
        m_leafByRow[size_t(r)] = leaf;
    }
    QStringList order = groupOrder();
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        if (!order.contains(it.key()))
            order.append(it.key());
    }
    for (const QString &group : std::as_const(order)) {
        if (QStandardItem *item = groups.value(group)) {
            item->setText(QStringLiteral("%1 (%2)").arg(groupTitle(group)).arg(item->rowCount()));
            m_items->appendRow(item);
        }
    }
    m_syncing = false;
    m_tree->expandAll();
    updateSummary();
}

void ColumnChooser::syncChecks(int first, int last) {
    m_syncing = true;
    for (int r = qMax(0, first); r <= last && r < int(m_leafByRow.size()); ++r) {
        QStandardItem *leaf = m_leafByRow[size_t(r)];
        if (leaf) {
            leaf->setCheckState(
                m_columns->index(r).data(Qt::CheckStateRole).value<Qt::CheckState>());
        }
    }
    m_syncing = false;
    updateSummary();
}

void ColumnChooser::onItemChanged(QStandardItem *item) {
    if (m_syncing || !item->data(sourceRowRole).isValid())
        return;
    const int row = item->data(sourceRowRole).toInt();
    const QModelIndex index = m_columns->index(row);
    if (index.data(Qt::CheckStateRole).value<Qt::CheckState>() != item->checkState())
        m_columns->setData(index, item->checkState(), Qt::CheckStateRole);
}

QStringList ColumnChooser::matchingFields() const {
    QStringList fields;
    for (int g = 0; g < m_filter->rowCount(); ++g) {
        const QModelIndex group = m_filter->index(g, 0);
        for (int c = 0; c < m_filter->rowCount(group); ++c)
            fields.append(m_filter->index(c, 0, group).data(fieldRole).toString());
    }
    return fields;
}

void ColumnChooser::setMatchingVisible(bool visible) {
    if (m_search->text().trimmed().isEmpty()) {
        m_columns->setAllVisible(visible);
        return;
    }
    QList<int> rows;
    for (int g = 0; g < m_filter->rowCount(); ++g) {
        const QModelIndex group = m_filter->index(g, 0);
        for (int c = 0; c < m_filter->rowCount(group); ++c)
            rows.append(m_filter->index(c, 0, group).data(sourceRowRole).toInt());
    }
    for (int r : std::as_const(rows))
        m_columns->setData(m_columns->index(r), visible ? Qt::Checked : Qt::Unchecked,
                           Qt::CheckStateRole);
}

void ColumnChooser::updateSummary() {
    int shown = 0;
    for (int r = 0; r < m_columns->rowCount(); ++r) {
        if (m_columns->index(r).data(Qt::CheckStateRole).value<Qt::CheckState>() == Qt::Checked)
            ++shown;
    }
    m_summary->setText(tr("%1 of %2 shown").arg(shown).arg(m_columns->rowCount()));
}

} // namespace runlens::widgets
