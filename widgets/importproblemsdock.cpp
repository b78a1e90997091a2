// SPDX-License-Identifier: GPL-3.0-or-later
#include "importproblemsdock.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeyEvent>
#include <QStandardItemModel>
#include <QTableView>

namespace runlens::widgets {

ImportProblemsDock::ImportProblemsDock(QWidget *parent)
    : QDockWidget(parent)
    , m_view(new QTableView(this))
    , m_model(new QStandardItemModel(0, 3, this))
    , m_openUrl([](const QUrl &url) { QDesktopServices::openUrl(url); }) {
    setObjectName(QStringLiteral("importProblemsDock"));
    m_model->setHorizontalHeaderLabels({tr("File"), tr("Where"), tr("Message")});
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->setColumnWidth(0, 380);
    m_view->setColumnWidth(1, 90);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->installEventFilter(this);
    setWidget(m_view);

    auto *copy = new QAction(tr("Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ImportProblemsDock::copySelection);
    m_view->addAction(copy);
    auto *open = new QAction(tr("Open Containing Folder"), m_view);
    connect(open, &QAction::triggered, this, [this] {
        const QModelIndex index = m_view->currentIndex();
        if (index.isValid())
            openFolderOf(index.row());
    });
    m_view->addAction(open);
    connect(m_view, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { openFolderOf(index.row()); });
    updateTitle();
}

ImportProblemsDock::~ImportProblemsDock() = default;

void ImportProblemsDock::setUrlOpener(std::function<void(const QUrl &)> opener) {
    m_openUrl = std::move(opener);
}

void ImportProblemsDock::setProblems(const core::Problems &problems) {
    m_problems = problems;
    m_model->removeRows(0, m_model->rowCount());
    for (const core::Problem &p : problems) {
        auto *file = new QStandardItem(QDir::toNativeSeparators(p.path));
        file->setToolTip(QDir::toNativeSeparators(p.path));
        auto *where = new QStandardItem(p.where);
        auto *message = new QStandardItem(p.message);
        message->setToolTip(p.message);
        m_model->appendRow({file, where, message});
    }
    updateTitle();
    Q_EMIT countChanged(int(problems.size()));
}

void ImportProblemsDock::updateTitle() {
    setWindowTitle(m_problems.isEmpty() ? tr("Import Problems")
                                        : tr("Import Problems (%1)").arg(m_problems.size()));
}

QString ImportProblemsDock::selectionAsText() const {
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    for (const QModelIndex &index : std::as_const(rows)) {
        const core::Problem &p = m_problems.at(index.row());
        lines.append(p.where.isEmpty()
                         ? QStringLiteral("%1: %2").arg(p.path, p.message)
                         : QStringLiteral("%1:%2: %3").arg(p.path, p.where, p.message));
    }
    return lines.isEmpty() ? QString() : lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void ImportProblemsDock::copySelection() {
    const QString text = selectionAsText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void ImportProblemsDock::openFolderOf(int row) {
    if (row < 0 || row >= m_problems.size() || !m_openUrl)
        return;
    const QFileInfo info(m_problems.at(row).path);
    const QString dir = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    m_openUrl(QUrl::fromLocalFile(dir));
}

bool ImportProblemsDock::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        // Ahead of QTableView's own Ctrl+C, which copies only the current cell.
        if (key == QKeySequence::Copy) {
            copySelection();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            openFolderOf(m_view->currentIndex().row());
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

} // namespace runlens::widgets
