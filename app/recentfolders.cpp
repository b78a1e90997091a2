// SPDX-License-Identifier: GPL-3.0-or-later
#include "recentfolders.h"

#include <QDir>
#include <QMenu>
#include <QSettings>

namespace runlens::app {

namespace {
const QString settingsKey = QStringLiteral("recentFolders");
}

RecentFolders::RecentFolders(QMenu *menu, bool useSettings, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
    , m_useSettings(useSettings) {
    if (m_useSettings)
        m_folders = QSettings().value(settingsKey).toStringList().mid(0, maxEntries);
    rebuildMenu();
}

RecentFolders::~RecentFolders() = default;

void RecentFolders::add(const QString &folder) {
    m_folders.removeAll(folder);
    m_folders.prepend(folder);
    while (m_folders.size() > maxEntries)
        m_folders.removeLast();
    save();
    rebuildMenu();
}

void RecentFolders::clear() {
    m_folders.clear();
    save();
    rebuildMenu();
}

void RecentFolders::save() const {
    if (m_useSettings)
        QSettings().setValue(settingsKey, m_folders);
}

void RecentFolders::rebuildMenu() {
    m_menu->clear();
    int n = 0;
    for (const QString &folder : std::as_const(m_folders)) {
        ++n;
        // &1 … &9, then 1&0: keyboard accelerators for the entries.
        const QString number = n < 10 ? QStringLiteral("&%1").arg(n) : QStringLiteral("1&0");
        QString label = QDir::toNativeSeparators(folder);
        label.replace(QLatin1Char('&'), QStringLiteral("&&"));
        QAction *action = m_menu->addAction(QStringLiteral("%1  %2").arg(number, label));
        action->setToolTip(folder);
        connect(action, &QAction::triggered, this,
                [this, folder] { Q_EMIT openRequested(folder); });
    }
    if (!m_folders.isEmpty())
        m_menu->addSeparator();
    QAction *clearAction = m_menu->addAction(tr("Clear Menu"), this, &RecentFolders::clear);
    clearAction->setEnabled(!m_folders.isEmpty());
    m_menu->setEnabled(true);
}

} // namespace runlens::app
