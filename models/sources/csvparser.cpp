// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvparser.h"

#include "filerun.h"
#include "treeparse.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QVariantMap>
#include <charconv>
#include <cmath>
#include <cstring>

namespace runlens::sources::csv {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::CsvParser)
};

QString lineWhere(qint64 line) {
    return QStringLiteral("line %1").arg(line);
}

QString fromBytes(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

std::string_view withoutBom(std::string_view bytes) {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF")
        bytes.remove_prefix(3);
    return bytes;
}

/// Length of the blank line (only \r before \n) at pos, 0 when the line is not blank or not
/// complete.
size_t blankLineLength(std::string_view bytes, size_t pos) {
    size_t i = pos;
    while (i < bytes.size() && bytes[i] == '\r')
        ++i;
    return i < bytes.size() && bytes[i] == '\n' ? i + 1 - pos : 0;
}

/// The series index of key in out, created on first use.
qsizetype seriesFor(FileContribution &out, const QString &key) {
    auto it = out.seriesIndex.constFind(key);
    if (it == out.seriesIndex.cend()) {
        it = out.seriesIndex.insert(key, qsizetype(out.series.size()));
        out.series.push_back(FileContribution::Series{key, {}});
    }
    return *it;
}

qint64 stepOf(double v) {
    if (!std::isfinite(v) || std::fabs(v) > 9.0e18)
        return 0;
    return qint64(std::llround(v));
}

bool cancelled(const FileInput &input) {
    return input.cancel && input.cancel->load(std::memory_order_relaxed);
}

} // namespace

size_t splitRecord(std::string_view bytes, size_t pos, char delimiter, Record &out) {
    out.cells.clear();
    out.unescaped.clear();
    out.lines = 1;
    const char *const begin = bytes.data();
    const char *const end = begin + bytes.size();
    const char *p = begin + pos;
    // Cells unescaped into out.unescaped: (cell index, offset, length); patched in at the end
    // because appending may move the buffer.
    struct Escaped {
        size_t cell, offset, length;
    };
    std::vector<Escaped> escaped;
    for (;;) {
        if (p >= end)
            return std::string_view::npos;
        if (*p == '"') {
            ++p;
            const char *const start = p;
            bool hasEscapes = false;
            size_t escOffset = 0;
            const char *close = nullptr;
            for (;;) {
                const auto *q = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
                if (!q || q + 1 >= end)
                    return std::string_view::npos; // no closing quote yet (or it may be "")
                if (q[1] == '"') {
                    if (!hasEscapes) {
                        hasEscapes = true;
                        escOffset = out.unescaped.size();
                        out.unescaped.append(start, size_t(q + 1 - start));
                    } else {
                        out.unescaped.append(p, size_t(q + 1 - p));
                    }
                    p = q + 2;
                    continue;
                }
                if (hasEscapes)
                    out.unescaped.append(p, size_t(q - p));
                close = q;
                break;
            }
            for (const char *c = start; c < close; ++c)
                out.lines += *c == '\n' ? 1 : 0;
            if (hasEscapes) {
                escaped.push_back({out.cells.size(), escOffset, out.unescaped.size() - escOffset});
                out.cells.emplace_back();
            } else {
                out.cells.emplace_back(start, size_t(close - start));
            }
            p = close + 1;
            // Anything between the closing quote and the delimiter is not valid CSV: ignore it.
            while (p < end && *p != delimiter && *p != '\n')
                ++p;
            if (p >= end)
                return std::string_view::npos;
        } else {
            const char *const start = p;
            while (p < end && *p != delimiter && *p != '\n')
                ++p;
            if (p >= end)
                return std::string_view::npos;
            const char *e = p;
            if (*p == '\n') {
                while (e > start && e[-1] == '\r')
                    --e;
            }
            out.cells.emplace_back(start, size_t(e - start));
        }
        if (*p == '\n') {
            ++p;
            break;
        }
        ++p; // the delimiter
    }
    for (const Escaped &e : escaped)
        out.cells[e.cell] = std::string_view(out.unescaped).substr(e.offset, e.length);
    return size_t(p - begin);
}

char detectDelimiter(std::string_view headerLine) {
    int comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (char c : headerLine) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted) {
            comma += c == ',';
            semicolon += c == ';';
            tab += c == '\t';
        }
    }
    if (tab > comma && tab >= semicolon)
        return '\t';
    if (semicolon > comma)
        return ';';
    return ',';
}

std::optional<std::string_view> firstLine(std::string_view bytes) {
    const size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos)
        return std::nullopt;
    std::string_view line = bytes.substr(0, nl);
    while (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    return line;
}

std::string_view trimmed(std::string_view cell) {
    while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t'))
        cell.remove_prefix(1);
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t' || cell.back() == '\r'))
        cell.remove_suffix(1);
    return cell;
}

bool isMissing(std::string_view c) {
    if (c.empty())
        return true;
    if (c.size() > 4)
        return false;
    auto lower = [](std::string_view s, std::string_view word) {
        if (s.size() != word.size())
            return false;
        for (size_t i = 0; i < s.size(); ++i) {
            char ch = s[i];
            if (ch >= 'A' && ch <= 'Z')
                ch = char(ch - 'A' + 'a');
            if (ch != word[i])
                return false;
        }
        return true;
    };
    return lower(c, "na") || lower(c, "n/a") || lower(c, "null") || lower(c, "none");
}

std::optional<double> parseCell(std::string_view c) {
    double v = 0;
    const auto [ptr, ec] = std::from_chars(c.data(), c.data() + c.size(), v);
    if (ec == std::errc() && ptr == c.data() + c.size())
        return v;
    return treeparse::parseNumber(c);
}

qint64 wallTimeMs(double value) {
    if (!std::isfinite(value) || value <= 0)
        return 0;
    if (value > 1e11 && value < 1e14)
        return qint64(std::llround(value)); // already ms
    if (value > 1e8 && value < 1e11)
        return qint64(std::llround(value * 1000.0));
    return 0;
}

QStringList csvHeader(std::string_view firstBytes, char *delimiter) {
    firstBytes = withoutBom(firstBytes);
    const auto line = firstLine(firstBytes);
    if (!line)
        return {};
    const char delim = detectDelimiter(*line);
    if (delimiter)
        *delimiter = delim;
    Record rec;
    if (splitRecord(firstBytes, 0, delim, rec) == std::string_view::npos)
        return {};
    QStringList names;
    for (std::string_view c : rec.cells)
        names << fromBytes(trimmed(c));
    return names;
}

bool looksLikeMetricCsv(std::string_view firstBytes) {
    firstBytes = withoutBom(firstBytes);
    const auto line = firstLine(firstBytes);
    if (!line || trimmed(*line).empty())
        return false;
    const char delim = detectDelimiter(*line);
    Record rec;
    const size_t next = splitRecord(firstBytes, 0, delim, rec);
    if (next == std::string_view::npos)
        return false;
    bool nonNumeric = false;
    for (std::string_view c : rec.cells)
        nonNumeric = nonNumeric || (!trimmed(c).empty() && !parseCell(trimmed(c)));
    if (!nonNumeric)
        return false; // no header: a data file
    const size_t header = rec.cells.size();
    if (splitRecord(firstBytes, next, delim, rec) == std::string_view::npos)
        return true; // only the header so far: a log that has just started
    if (rec.cells.size() != header)
        return false;
    for (std::string_view c : rec.cells) {
        if (parseCell(trimmed(c)))
            return true;
    }
    return false;
}

void parseMetricCsv(const FileInput &input, FileContribution &out, const CsvSpec &spec) {
    out.consumed = 0;
    out.units = 0;
    const std::string_view bytes = input.bytes;
    Record rec;

    // 1. The header: from the bytes on a first read, else from the file's first bytes.
    size_t pos = 0;
    qint64 line = 1; // of the next line of bytes
    std::string_view headerBytes = input.offset == 0 ? bytes : input.head;
    char delim = ',';
    {
        const std::string_view noBom = withoutBom(headerBytes);
        const size_t bom = headerBytes.size() - noBom.size();
        size_t at = bom;
        while (size_t blank = blankLineLength(headerBytes, at)) {
            at += blank;
            ++line;
        }
        const auto first = firstLine(headerBytes.substr(at));
        if (!first)
            return; // no complete header yet
        delim = detectDelimiter(*first);
        const size_t next = splitRecord(headerBytes, at, delim, rec);
        if (next == std::string_view::npos)
            return;
        if (input.offset == 0) {
            pos = next;
            line += rec.lines;
        } else {
            line = 2 + input.units; // assumes one line per row and no blank lines
        }
    }
    const size_t columns = rec.cells.size();

    enum class Role : quint8 { Metric, Step, Time };
    struct Column {
        QString key;
        Role role = Role::Metric;
        bool alsoMetric = false;
        qsizetype series = -1;
        bool reportedBad = false;
    };
    std::vector<Column> cols(columns);
    for (size_t i = 0; i < columns; ++i)
        cols[i].key = fromBytes(trimmed(rec.cells[i]));
    qsizetype stepCol = -1;
    for (const QString &name : spec.stepColumns) {
        for (size_t i = 0; i < columns && stepCol < 0; ++i) {
            if (cols[i].key == name)
                stepCol = qsizetype(i);
        }
        if (stepCol >= 0)
            break;
    }
    if (stepCol >= 0) {
        cols[size_t(stepCol)].role = Role::Step;
        cols[size_t(stepCol)].alsoMetric =
            spec.stepColumnsAlsoMetric.contains(cols[size_t(stepCol)].key);
    }
    qsizetype timeCol = -1;
    for (size_t i = 0; i < columns && timeCol < 0; ++i) {
        if (qsizetype(i) != stepCol && spec.timeColumns.contains(cols[i].key)) {
            timeCol = qsizetype(i);
            cols[i].role = Role::Time;
        }
    }

    // 2. The rows.
    qint64 row = input.units;
    bool firstRow = true;
    auto addValue = [&](Column &c, qint64 step, qint64 timeMs, double v) {
        if (c.series < 0)
            c.series = seriesFor(out, c.key);
        out.series[size_t(c.series)].points.push_back(core::MetricPoint{step, timeMs, v});
    };
    // Resumed in the middle of a line: the file was rewritten in place (Lightning adds a
    // column by rewriting the whole file). Read it whole next time.
    auto rewritten = [&] {
        out.series.clear();
        out.seriesIndex.clear();
        out.retryLater = true;
        out.consumed = 0;
        out.units = 0;
    };
    if (input.offset > 0 && spec.detectRewrite && qint64(input.head.size()) >= input.offset &&
        input.head[size_t(input.offset - 1)] != '\n') {
        rewritten();
        return;
    }
    // Where the head does not reach, an odd first line suggests a rewrite too, but only on a
    // resume (nothing parsed yet): a later chunk of the same read starts at a line start, and
    // an odd line there is a ragged row to report.
    const bool suspectRewrite =
        input.offset > 0 && spec.detectRewrite && out.series.empty() && out.problems.isEmpty();
    while (pos < bytes.size()) {
        if ((row & 0xffff) == 0 && cancelled(input))
            break;
        if (const size_t blank = blankLineLength(bytes, pos)) {
            if (firstRow && suspectRewrite) {
                rewritten();
                return;
            }
            pos += blank;
            ++line;
            continue;
        }
        const size_t next = splitRecord(bytes, pos, delim, rec);
        if (next == std::string_view::npos)
            break; // an incomplete line: resume here
        if (rec.cells.size() != columns) {
            if (firstRow && suspectRewrite) {
                rewritten();
                return;
            }
            out.problem(lineWhere(line), Tr::tr("Expected %1 fields, found %2; row skipped")
                                             .arg(columns)
                                             .arg(rec.cells.size()));
        } else {
            qint64 step = row; // the 0-based data row
            qint64 timeMs = 0;
            if (stepCol >= 0) {
                const std::string_view c = trimmed(rec.cells[size_t(stepCol)]);
                if (!isMissing(c)) {
                    if (const auto v = parseCell(c)) {
                        step = stepOf(*v);
                        if (cols[size_t(stepCol)].alsoMetric)
                            addValue(cols[size_t(stepCol)], step, 0, *v);
                    }
                }
            }
            if (timeCol >= 0) {
                const std::string_view c = trimmed(rec.cells[size_t(timeCol)]);
                if (const auto v = isMissing(c) ? std::nullopt : parseCell(c)) {
                    timeMs = wallTimeMs(*v);
                    if (timeMs == 0) // elapsed seconds, not a date: keep it as a metric
                        addValue(cols[size_t(timeCol)], step, 0, *v);
                }
            }
            for (size_t i = 0; i < columns; ++i) {
                Column &col = cols[i];
                if (col.role != Role::Metric)
                    continue;
                const std::string_view c = trimmed(rec.cells[i]);
                if (isMissing(c))
                    continue;
                if (const auto v = parseCell(c)) {
                    addValue(col, step, timeMs, *v);
                } else if (!col.reportedBad) {
                    col.reportedBad = true;
                    out.problem(lineWhere(line),
                                Tr::tr("Column \"%1\": \"%2\" is not a number; such cells are "
                                       "skipped")
                                    .arg(col.key, fromBytes(c.substr(0, 40))));
                }
            }
        }
        firstRow = false;
        ++row;
        line += rec.lines;
        pos = next;
    }
    out.consumed = qint64(pos);
    out.units = row - input.units;
}

void parseMetricJsonl(const FileInput &input, FileContribution &out) {
    out.consumed = 0;
    out.units = 0;
    const std::string_view bytes = input.bytes;
    static const QStringList stepKeys{QStringLiteral("step"), QStringLiteral("global_step"),
                                      QStringLiteral("_step"), QStringLiteral("iteration"),
                                      QStringLiteral("epoch")};
    static const QStringList timeKeys{QStringLiteral("time"), QStringLiteral("timestamp"),
                                      QStringLiteral("_timestamp")};
    size_t pos = 0;
    qint64 row = input.units;
    qint64 line = input.offset == 0 ? 1 : 1 + input.units;
    if (input.offset == 0) {
        const std::string_view noBom = withoutBom(bytes);
        pos = bytes.size() - noBom.size();
    }
    std::vector<std::pair<QString, double>> values;
    while (pos < bytes.size()) {
        if ((row & 0x3fff) == 0 && cancelled(input))
            break;
        const size_t nl = bytes.find('\n', pos);
        if (nl == std::string_view::npos)
            break;
        const std::string_view text = trimmed(bytes.substr(pos, nl - pos));
        pos = nl + 1;
        const qint64 here = line++;
        if (text.empty())
            continue;
        const qint64 index = row++;
        treeparse::ParseError error;
        const QVariant doc = treeparse::parseJson(text, &error);
        if (error.failed()) {
            out.problem(lineWhere(here),
                        Tr::tr("Not valid JSON (%1); line skipped").arg(error.message));
            continue;
        }
        if (doc.typeId() != QMetaType::QVariantMap) {
            out.problem(lineWhere(here), Tr::tr("Not a JSON object; line skipped"));
            continue;
        }
        const QVariantMap map = doc.toMap();
        qint64 step = index;
        QString stepKey;
        for (const QString &k : stepKeys) {
            const auto it = map.constFind(k);
            if (it != map.cend() &&
                (it->typeId() == QMetaType::LongLong || it->typeId() == QMetaType::Double)) {
                step = stepOf(it->toDouble());
                stepKey = k;
                break;
            }
        }
        qint64 timeMs = 0;
        QString timeKey;
        for (const QString &k : timeKeys) {
            const auto it = map.constFind(k);
            if (it == map.cend())
                continue;
            if (it->typeId() == QMetaType::QString) {
                const QDateTime dt = QDateTime::fromString(it->toString(), Qt::ISODateWithMs);
                timeMs = dt.isValid() ? dt.toMSecsSinceEpoch() : 0;
            } else if (it->typeId() == QMetaType::LongLong || it->typeId() == QMetaType::Double) {
                timeMs = wallTimeMs(it->toDouble());
            }
            if (timeMs != 0) {
                timeKey = k;
                break;
            }
        }
        values.clear();
        // Flatten nested objects with '/'.
        std::vector<std::pair<QString, const QVariantMap *>> stack{{QString(), &map}};
        std::vector<QVariantMap> nestedStore;
        nestedStore.reserve(16);
        while (!stack.empty()) {
            const auto [prefix, m] = stack.back();
            stack.pop_back();
            for (auto it = m->cbegin(); it != m->cend(); ++it) {
                const QString key = prefix + it.key();
                if (prefix.isEmpty() && (key == stepKey || key == timeKey))
                    continue;
                const int type = it->typeId();
                if (type == QMetaType::LongLong || type == QMetaType::Double ||
                    type == QMetaType::Int) {
                    values.emplace_back(key, it->toDouble());
                } else if (type == QMetaType::QVariantMap && nestedStore.size() < 16) {
                    nestedStore.push_back(it->toMap());
                    stack.emplace_back(key + u'/', &nestedStore.back());
                }
            }
        }
        for (const auto &[key, v] : values)
            out.series[size_t(seriesFor(out, key))].points.push_back({step, timeMs, v});
    }
    out.consumed = qint64(pos);
    out.units = row - input.units;
}

} // namespace runlens::sources::csv
