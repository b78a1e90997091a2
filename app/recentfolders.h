// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace runlens::app {

/// File > Open Recent: the last ten opened folders, kept in QSettings (when enabled).
class RecentFolders final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentFolders)

public:
    static constexpr int maxEntries = 10;

    RecentFolders(QMenu *menu, bool useSettings, QObject *parent = nullptr);
    ~RecentFolders() override;

    void add(const QString &folder);
    void clear();
    [[nodiscard]] QStringList folders() const { return m_folders; }

Q_SIGNALS:
    void openRequested(const QString &folder);

private:
    void rebuildMenu();
    void save() const;

    QMenu *m_menu;
    bool m_useSettings;
    QStringList m_folders;
};

} // namespace runlens::app
