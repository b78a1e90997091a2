// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/problem.h"

#include <QDockWidget>
#include <QUrl>
#include <functional>

class QStandardItemModel;
class QTableView;

namespace runlens::widgets {

/// The Import Problems dock: one row per problem (file, where, message) with the count in the
/// title ("Import Problems (3)"). Ctrl+C copies the selected rows; double-click opens the
/// folder of the file.
class ImportProblemsDock final : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportProblemsDock)

public:
    explicit ImportProblemsDock(QWidget *parent = nullptr);
    ~ImportProblemsDock() override;

    void setProblems(const core::Problems &problems);
    [[nodiscard]] const core::Problems &problems() const { return m_problems; }
    [[nodiscard]] QTableView *tableView() const { return m_view; }
    /// The selected problems as "path:where: message" lines (what Ctrl+C copies).
    [[nodiscard]] QString selectionAsText() const;
    void copySelection();
    /// How a folder is opened (tests replace QDesktopServices::openUrl).
    void setUrlOpener(std::function<void(const QUrl &)> opener);

Q_SIGNALS:
    void countChanged(int count);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void openFolderOf(int row);
    void updateTitle();

    QTableView *m_view;
    QStandardItemModel *m_model;
    core::Problems m_problems;
    std::function<void(const QUrl &)> m_openUrl;
};

} // namespace runlens::widgets
