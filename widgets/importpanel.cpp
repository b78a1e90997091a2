// SPDX-License-Identifier: GPL-3.0-or-later
#include "importpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace runlens::widgets {

ImportPanel::ImportPanel(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this)) {
    setObjectName(QStringLiteral("importPanel"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);

    m_bar->setTextVisible(false);
    m_bar->setMaximumHeight(m_label->sizeHint().height());
    m_bar->setFixedWidth(140);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the import; what was read so far stays in the cache"));
    m_cancel->setAutoRaise(true);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_label->setText(tr("Cancelling…"));
        Q_EMIT cancelRequested();
    });
    hide();
}

ImportPanel::~ImportPanel() = default;

QString ImportPanel::describe(const sources::ImportProgress &progress) {
    const QLocale locale;
    const QString mb = locale.toString(double(progress.bytesRead) / (1024.0 * 1024.0), 'f', 1);
    if (progress.scanning && progress.runsTotal == 0)
        return tr("Scanning for runs…");
    return tr("Importing %1 / %2 runs · %3 MB")
        .arg(locale.toString(progress.runsDone), locale.toString(progress.runsTotal), mb);
}

void ImportPanel::start() {
    m_cancel->setEnabled(true);
    m_bar->setRange(0, 0); // busy until the first report
    m_label->setText(tr("Scanning for runs…"));
    show();
}

void ImportPanel::setProgress(const sources::ImportProgress &progress) {
    if (!isVisible())
        start();
    if (progress.scanning || progress.runsTotal <= 0) {
        m_bar->setRange(0, 0);
    } else {
        // QProgressBar takes ints; thousands of runs fit, but scale for safety.
        const int total = int(qMin<qint64>(progress.runsTotal, 1'000'000'000));
        m_bar->setRange(0, total);
        m_bar->setValue(int(qMin<qint64>(progress.runsDone, total)));
    }
    if (m_cancel->isEnabled())
        m_label->setText(describe(progress));
    m_label->setToolTip(progress.current);
}

void ImportPanel::finish() {
    hide();
    m_bar->reset();
}

} // namespace runlens::widgets
