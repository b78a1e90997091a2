// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sources/importjob.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace runlens::widgets {

/// Import progress for the status bar: "Importing 12 / 40 runs · 3.1 MB", a progress bar (busy
/// while the scan is still counting runs) and a Cancel button. Hidden while nothing imports.
class ImportPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportPanel)

public:
    explicit ImportPanel(QWidget *parent = nullptr);
    ~ImportPanel() override;

    [[nodiscard]] QProgressBar *progressBar() const { return m_bar; }
    [[nodiscard]] QLabel *label() const { return m_label; }
    [[nodiscard]] QToolButton *cancelButton() const { return m_cancel; }

    /// The label text for a progress report (also used by the CLI-independent tests).
    [[nodiscard]] static QString describe(const sources::ImportProgress &progress);

public Q_SLOTS:
    void start();
    void setProgress(const runlens::sources::ImportProgress &progress);
    void finish();

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
};

} // namespace runlens::widgets
