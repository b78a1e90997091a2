// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "run.h"

#include <QString>
#include <memory>

namespace runlens::core {

/// The run filter language, MLflow's search syntax plus plain words:
///   params.lr < 0.01 and metrics.val_loss < 0.3
///   (attributes.status = 'FAILED' or tags.team ILIKE '%vision%') and params.optimizer != 'sgd'
///   resnet adam          -- plain words: each must occur in the name, experiment, a param key or
///                           value, or a tag value (case-insensitive)
/// Comparisons: = != < <= > >= LIKE ILIKE (with % and _ wildcards); AND/OR in any case with AND
/// binding tighter; parentheses. Values: numbers, 'single' or "double" quoted strings, true/false.
/// Identifiers with spaces or odd characters go in backticks: params.`Training Batch size` = 16.
/// A number compares numerically with a numeric value, text compares as text. A run without the
/// field does not match a comparison (except !=).
class RunFilter {
public:
    RunFilter();
    ~RunFilter();
    RunFilter(const RunFilter &);
    RunFilter &operator=(const RunFilter &);
    RunFilter(RunFilter &&) noexcept;
    RunFilter &operator=(RunFilter &&) noexcept;

    /// Parses text. On error the filter is invalid, matches everything, and error()/errorOffset()
    /// say what was wrong and where (0-based character offset into text).
    static RunFilter parse(const QString &text);

    [[nodiscard]] bool isEmpty() const; ///< blank text: matches every run
    [[nodiscard]] bool isValid() const;
    [[nodiscard]] QString error() const; ///< translated, e.g. "Expected a value after '<'"
    [[nodiscard]] qsizetype errorOffset() const;
    [[nodiscard]] QString text() const;

    [[nodiscard]] bool matches(const Run &run) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace runlens::core
