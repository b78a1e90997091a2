// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/metric.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runlens::sources {
struct FileInput;
struct FileContribution;
} // namespace runlens::sources

/// The CSV / TSV / JSON Lines metric-log tokenizer shared by the Lightning, Keras, Ultralytics
/// and generic log importers. Pure: bytes in, cells and points out, no I/O.
namespace runlens::sources::csv {

/// One record split into cells. The views point into the parsed bytes or into unescaped (for
/// quoted cells with "" escapes), so a Record is reused row after row without allocating.
struct Record {
    std::vector<std::string_view> cells;
    std::string unescaped;
    int lines = 0; ///< physical lines the record spans (quoted cells may hold newlines)
};

/// Splits the record starting at pos: RFC 4180 quoting ("" inside quotes is one quote, quoted
/// cells may hold delimiters and newlines), LF, CRLF and CRCRLF line ends. Returns the position
/// after the record's line end, or npos when bytes end before it (an incomplete line).
size_t splitRecord(std::string_view bytes, size_t pos, char delimiter, Record &out);

/// The delimiter of a header line: the most frequent of , ; and tab outside quotes (',' when
/// none occurs).
char detectDelimiter(std::string_view headerLine);

/// The first line of bytes without its line end, or nullopt when no line end is there yet.
std::optional<std::string_view> firstLine(std::string_view bytes);

/// A cell trimmed of spaces and tabs (Ultralytics pads every cell).
std::string_view trimmed(std::string_view cell);

/// True for cells meaning "no value": empty, NA, N/A, null, None (any case).
bool isMissing(std::string_view trimmedCell);

/// A cell as a number: from_chars on the fast path, treeparse::parseNumber for nan / inf /
/// +x spellings.
std::optional<double> parseCell(std::string_view trimmedCell);

/// How a metric CSV maps to series.
struct CsvSpec {
    /// Column names that hold the step, first match wins ("step", "epoch").
    QStringList stepColumns;
    /// Step columns that are also recorded as a metric of their own (Lightning's "epoch").
    QStringList stepColumnsAlsoMetric;
    /// Columns that hold wall time (seconds or ms since the epoch); not metrics.
    QStringList timeColumns;
    /// Rows whose first non-blank line count differs from the header right after a resume
    /// offset mean the file was rewritten meanwhile (Lightning adds a column): ask for a
    /// full re-read instead of reporting a ragged row.
    bool detectRewrite = true;
};

/// Parses a metric CSV (header line + rows) into out: one series per column except the step
/// and time columns; empty / NA cells are skipped; steps come from the step column or are the
/// 0-based data row number (continuing at input.units on resume). Consumes complete lines only.
/// Ragged rows and non-numeric cells are reported with their line and skipped.
void parseMetricCsv(const FileInput &input, FileContribution &out, const CsvSpec &spec);

/// The header of a metric CSV, from its first bytes: trimmed column names, or empty when there
/// is no complete first line.
QStringList csvHeader(std::string_view firstBytes, char *delimiter = nullptr);

/// True when the row after the header (if any) has at least one numeric cell and the header
/// itself is not numbers: cheap confirmation that a file is a metric log, not a data set.
bool looksLikeMetricCsv(std::string_view firstBytes);

/// Parses JSON Lines: every line one object; numeric fields (nested objects flattened with
/// '/') become metrics; step from step / global_step / iteration / epoch, else the line
/// number; wall time from time / timestamp / _timestamp. A line that is not a JSON object is
/// reported and skipped. Consumes complete lines only.
void parseMetricJsonl(const FileInput &input, FileContribution &out);

/// Wall time in ms from a time cell: seconds since the epoch (as Python's time.time()), or ms
/// when the value is too large for seconds. 0 for values that are no plausible date.
qint64 wallTimeMs(double value);

} // namespace runlens::sources::csv
