// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterbar.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStringListModel>
#include <QTimer>
#include <QVBoxLayout>

namespace runlens::widgets {

namespace {

constexpr int maxHistory = 30;

bool isFieldChar(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_') ||
           c == QLatin1Char('-') || c == QLatin1Char('/') || c == QLatin1Char('`');
}

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_debounce(new QTimer(this))
    , m_completer(new QCompleter(this))
    , m_fieldModel(new QStringListModel(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_error);

    m_edit->setObjectName(QStringLiteral("filterEdit"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setPlaceholderText(
        tr("Filter: params.lr < 0.01 and metrics.val_loss < 0.3  — or plain words"));
    m_edit->setToolTip(
        tr("Filter runs with comparisons (= != < <= > >= LIKE ILIKE) on params.*, metrics.*, "
           "tags.* and attributes.*, joined by AND / OR, or type plain words.\n"
           "Ctrl+F focuses the filter, Escape clears it, Up/Down walk the history."));
    m_edit->installEventFilter(this);

    m_error->setObjectName(QStringLiteral("filterError"));
    m_error->setWordWrap(false);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    updateErrorColor();

    m_completer->setModel(m_fieldModel);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_completer->setWidget(m_edit);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &FilterBar::insertCompletion);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(debounceMs);
    connect(m_debounce, &QTimer::timeout, this, &FilterBar::applyNow);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        m_historyPos = -1;
        m_debounce->start();
        updateCompletionPrefix();
    });
    // The clear button and setText() change the text without an edit.
    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            applyNow();
    });
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        if (m_completer->popup()->isVisible())
            return;
        applyNow();
        remember(m_edit->text());
    });
}

FilterBar::~FilterBar() = default;

QString FilterBar::text() const {
    return m_edit->text();
}

void FilterBar::setText(const QString &text) {
    m_edit->setText(text);
    applyNow();
}

void FilterBar::setFields(const QStringList &fields) {
    m_fields = fields;
    m_fieldModel->setStringList(fields);
}

void FilterBar::setHistory(const QStringList &history) {
    m_history = history.mid(0, maxHistory);
    m_historyPos = -1;
}

void FilterBar::focusFilter() {
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FilterBar::clear() {
    m_completer->popup()->hide();
    m_edit->clear();
    applyNow();
}

void FilterBar::applyNow() {
    m_debounce->stop();
    const QString text = m_edit->text();
    if (m_applied && text == m_appliedText)
        return;
    m_applied = true;
    m_appliedText = text;
    m_filter = core::RunFilter::parse(text);
    showError(m_filter);
    Q_EMIT filterChanged(m_filter);
}

void FilterBar::showError(const core::RunFilter &filter) {
    if (filter.isValid() || filter.isEmpty()) {
        m_error->hide();
        m_error->clear();
        return;
    }
    const qsizetype offset = qBound(qsizetype(0), filter.errorOffset(), filter.text().size());
    // The text up to the error, then a marker, then the rest, so the bad spot is visible
    // without moving the cursor the user is typing with.
    const QString before = filter.text().left(offset).toHtmlEscaped();
    const QString after = filter.text().mid(offset).toHtmlEscaped();
    m_error->setText(tr("⚠ %1 (at character %2): <tt>%3<u><b>▸</b></u>%4</tt>")
                         .arg(filter.error().toHtmlEscaped())
                         .arg(offset + 1)
                         .arg(before, after));
    m_error->setToolTip(filter.error());
    m_error->show();
}

void FilterBar::updateErrorColor() {
    // A warning red that stays readable on dark palettes too.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QColor color = dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1c, 0x1c);
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, color);
    m_error->setPalette(p);
}

void FilterBar::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange)
        updateErrorColor();
    QWidget::changeEvent(event);
}

void FilterBar::remember(const QString &text) {
    const QString t = text.trimmed();
    if (t.isEmpty())
        return;
    m_history.removeAll(t);
    m_history.prepend(t);
    while (m_history.size() > maxHistory)
        m_history.removeLast();
    m_historyPos = -1;
}

std::pair<qsizetype, qsizetype> FilterBar::wordAtCursor() const {
    const QString text = m_edit->text();
    qsizetype start = m_edit->cursorPosition();
    while (start > 0 && isFieldChar(text.at(start - 1)))
        --start;
    return {start, m_edit->cursorPosition()};
}

void FilterBar::updateCompletionPrefix() {
    const auto [start, end] = wordAtCursor();
    const QString word = m_edit->text().mid(start, end - start);
    if (word.size() < 2 || m_fields.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(word);
    if (m_completer->completionCount() == 0 ||
        (m_completer->completionCount() == 1 && m_completer->currentCompletion() == word)) {
        m_completer->popup()->hide();
        return;
    }
    QRect rect = m_edit->inputMethodQuery(Qt::ImCursorRectangle).toRect();
    rect.setWidth(qMax(320, m_completer->popup()->sizeHintForColumn(0) + 24));
    m_completer->complete(rect);
}

void FilterBar::insertCompletion(const QString &completion) {
    const auto [start, end] = wordAtCursor();
    QString text = m_edit->text();
    text.replace(start, end - start, completion + QLatin1Char(' '));
    m_edit->setText(text);
    m_edit->setCursorPosition(int(start + completion.size() + 1));
    m_debounce->start();
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool popup = m_completer->popup()->isVisible();
        if (key->key() == Qt::Key_Escape && !popup) {
            clear();
            return true;
        }
        if (!popup && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down) &&
            !m_history.isEmpty()) {
            const int step = key->key() == Qt::Key_Up ? 1 : -1;
            m_historyPos = qBound(-1, m_historyPos + step, int(m_history.size()) - 1);
            m_edit->setText(m_historyPos < 0 ? QString() : m_history.at(m_historyPos));
            applyNow();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace runlens::widgets
