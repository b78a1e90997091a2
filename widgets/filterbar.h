// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runfilter.h"

#include <QStringList>
#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;
class QTimer;

namespace runlens::widgets {

/// The filter box over the run table: a line edit that applies its expression ~150 ms after the
/// last key stroke, completes field names (params.*, metrics.*, ...) at the word under the
/// cursor, walks the history of applied filters with Up/Down, clears on Escape, and shows a
/// parse error with its position in a warning-coloured line under the box.
class FilterBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    explicit FilterBar(QWidget *parent = nullptr);
    ~FilterBar() override;

    static constexpr int debounceMs = 150;

    [[nodiscard]] QString text() const;
    /// Sets the text and applies it at once (no debounce).
    void setText(const QString &text);
    /// The fields offered for completion ("params.lr", "metrics.loss", ...).
    void setFields(const QStringList &fields);
    [[nodiscard]] QStringList fields() const { return m_fields; }
    void setHistory(const QStringList &history);
    [[nodiscard]] QStringList history() const { return m_history; }

    [[nodiscard]] const core::RunFilter &filter() const { return m_filter; }
    [[nodiscard]] QLineEdit *lineEdit() const { return m_edit; }
    [[nodiscard]] QLabel *errorLabel() const { return m_error; }
    [[nodiscard]] QCompleter *completer() const { return m_completer; }

public Q_SLOTS:
    void focusFilter();
    void clear();
    void applyNow();

Q_SIGNALS:
    /// Emitted once the text settled, with the parsed filter (an invalid one matches every run).
    void filterChanged(const runlens::core::RunFilter &filter);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateCompletionPrefix();
    void insertCompletion(const QString &completion);
    void showError(const core::RunFilter &filter);
    void updateErrorColor();
    void remember(const QString &text);
    [[nodiscard]] std::pair<qsizetype, qsizetype> wordAtCursor() const;

    QLineEdit *m_edit = nullptr;
    QLabel *m_error = nullptr;
    QTimer *m_debounce = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_fieldModel = nullptr;
    QStringList m_fields;
    QStringList m_history;
    int m_historyPos = -1;
    core::RunFilter m_filter;
    QString m_appliedText;
    bool m_applied = false;
};

} // namespace runlens::widgets
