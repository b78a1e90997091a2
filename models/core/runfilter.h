// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "run.h"

#include <QString>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace runlens::core {

/// What plain-word filters search, prepared once for a whole set of runs: per run the
/// case-folded text (one byte per ASCII character) of its name, experiment, id, text param values
/// and tag values in one contiguous buffer, and its param keys as an id of a shared key set (runs
/// of one source almost always have the same keys, so the keys are searched once per set, not once
/// per run). Build it once per set of runs and pass it to RunFilter::matchAll() with the same runs.
class RunTextIndex {
public:
    RunTextIndex() = default;
    explicit RunTextIndex(const Runs &runs);

    [[nodiscard]] size_t size() const { return m_keySetOf.size(); } ///< runs indexed
    [[nodiscard]] size_t memoryBytes() const; ///< heap bytes held, for benchmarks

private:
    friend class RunFilter;
    [[nodiscard]] std::string_view text(size_t row) const {
        return std::string_view(m_text).substr(m_offsets[row], m_offsets[row + 1] - m_offsets[row]);
    }

    std::string m_text;                          // per run, fields folded by appendFoldedBytes()
    std::vector<size_t> m_offsets;               // size() + 1 entries into m_text
    std::vector<QString> m_keys;                 // distinct param keys
    std::vector<std::vector<quint32>> m_keySets; // distinct key lists, as indexes into m_keys
    std::vector<quint32> m_keySetOf;             // per run: index into m_keySets
};

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
    /// True when the filter has plain words, which matchAll() can answer from a RunTextIndex.
    [[nodiscard]] bool hasWords() const;
    /// (*out)[i] = matches(runs[i]) for every run. index, when given, must be built from the
    /// same runs; plain words then search its folded text instead of every field of every run.
    void matchAll(const Runs &runs, const RunTextIndex *index, std::vector<char> *out) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace runlens::core
