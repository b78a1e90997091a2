// SPDX-License-Identifier: GPL-3.0-or-later
// `runlens runs`: the cached runs as an aligned table, RFC-4180 CSV or JSON.
#include "cli.h"

#include "core/runfield.h"
#include "core/runfilter.h"
#include "sources/importjob.h"
#include "store/cache.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <memory>

namespace runlens::app {

namespace {

QJsonValue jsonNumber(double v) {
    if (std::isfinite(v))
        return v;
    if (std::isnan(v))
        return QStringLiteral("NaN");
    return v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
}

QJsonValue jsonTime(qint64 ms) {
    return ms > 0 ? QJsonValue(ms) : QJsonValue(QJsonValue::Null);
}

QJsonObject runToJson(const core::Run &run) {
    QJsonObject tags;
    for (auto it = run.tags.cbegin(); it != run.tags.cend(); ++it)
        tags.insert(it.key(), it.value());
    QJsonObject metrics;
    for (const core::MetricInfo &m : run.metrics) {
        const core::MetricSummary &s = m.summary;
        metrics.insert(m.key, QJsonObject{{QStringLiteral("count"), s.count},
                                          {QStringLiteral("first_step"), s.firstStep},
                                          {QStringLiteral("last_step"), s.lastStep},
                                          {QStringLiteral("last"), jsonNumber(s.last)},
                                          {QStringLiteral("min"), jsonNumber(s.min)},
                                          {QStringLiteral("max"), jsonNumber(s.max)},
                                          {QStringLiteral("nan_count"), s.nanCount}});
    }
    return QJsonObject{{QStringLiteral("id"), run.id},
                       {QStringLiteral("uid"), run.uid},
                       {QStringLiteral("name"), run.name},
                       {QStringLiteral("format"), run.format},
                       {QStringLiteral("experiment"), run.experiment},
                       {QStringLiteral("status"), core::statusName(run.status)},
                       {QStringLiteral("deleted"), run.deleted},
                       {QStringLiteral("start_time"), jsonTime(run.startMs)},
                       {QStringLiteral("end_time"), jsonTime(run.endMs)},
                       {QStringLiteral("source"), run.sourceRoot},
                       {QStringLiteral("path"), run.path},
                       {QStringLiteral("params"), run.config.toJson()},
                       {QStringLiteral("tags"), tags},
                       {QStringLiteral("metrics"), metrics}};
}

QString formatNumber(double v) {
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QString valueText(const QVariant &v) {
    if (!v.isValid())
        return {};
    if (v.typeId() == QMetaType::Double)
        return formatNumber(v.toDouble());
    if (v.typeId() == QMetaType::Bool)
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return v.toString();
}

QString isoTime(qint64 ms) {
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs)
                  : QString();
}

QString csvField(const QString &text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void writeCsv(QTextStream &out, const core::Runs &runs) {
    QStringList paramKeys;
    QStringList metricKeys;
    for (const core::Run &run : runs) {
        for (const auto &e : run.config.entries())
            paramKeys.append(e.key);
        for (const core::MetricInfo &m : run.metrics)
            metricKeys.append(m.key);
    }
    paramKeys.removeDuplicates();
    metricKeys.removeDuplicates();
    std::sort(paramKeys.begin(), paramKeys.end());
    std::sort(metricKeys.begin(), metricKeys.end());

    QStringList header{
        QStringLiteral("id"),         QStringLiteral("uid"),      QStringLiteral("name"),
        QStringLiteral("experiment"), QStringLiteral("status"),   QStringLiteral("deleted"),
        QStringLiteral("start_time"), QStringLiteral("end_time"), QStringLiteral("format"),
        QStringLiteral("source"),     QStringLiteral("path")};
    for (const QString &k : std::as_const(paramKeys))
        header.append(QStringLiteral("params.") + k);
    for (const QString &k : std::as_const(metricKeys))
        header.append(QStringLiteral("metrics.") + k);
    const QString crlf = QStringLiteral("\r\n");
    QStringList cells;
    for (const QString &h : std::as_const(header))
        cells.append(csvField(h));
    out << cells.join(QLatin1Char(',')) << crlf;
    for (const core::Run &run : runs) {
        cells = {QString::number(run.id),
                 run.uid,
                 run.name,
                 run.experiment,
                 core::statusName(run.status),
                 run.deleted ? QStringLiteral("true") : QStringLiteral("false"),
                 isoTime(run.startMs),
                 isoTime(run.endMs),
                 run.format,
                 run.sourceRoot,
                 run.path};
        for (const QString &k : std::as_const(paramKeys))
            cells.append(valueText(run.config.value(k)));
        for (const QString &k : std::as_const(metricKeys)) {
            const core::MetricSummary *s = run.metric(k);
            cells.append(s ? formatNumber(s->last) : QString());
        }
        for (QString &c : cells)
            c = csvField(c);
        out << cells.join(QLatin1Char(',')) << crlf;
    }
}

void writeTable(QTextStream &out, const core::Runs &runs) {
    // The metrics most runs have, up to four, make the table's right-hand columns.
    QMap<QString, int> metricRuns;
    for (const core::Run &run : runs) {
        for (const core::MetricInfo &m : run.metrics)
            ++metricRuns[m.key];
    }
    QStringList metricKeys = metricRuns.keys();
    // Among the metrics most runs have, validation losses and accuracies come first.
    auto score = [](const QString &key) {
        const QString k = key.toLower();
        return (k.contains(QLatin1String("val")) ? 2 : 0) +
               (k.contains(QLatin1String("loss")) || k.contains(QLatin1String("acc")) ? 1 : 0);
    };
    std::stable_sort(metricKeys.begin(), metricKeys.end(), [&](const QString &a, const QString &b) {
        if (metricRuns.value(a) != metricRuns.value(b))
            return metricRuns.value(a) > metricRuns.value(b);
        return score(a) > score(b);
    });
    metricKeys = metricKeys.mid(0, 4);

    QList<QStringList> rows;
    QStringList header{Cli::tr("NAME"), Cli::tr("EXPERIMENT"), Cli::tr("STATUS"), Cli::tr("START"),
                       Cli::tr("DURATION")};
    for (const QString &k : std::as_const(metricKeys))
        header.append(k);
    rows.append(header);
    for (const core::Run &run : runs) {
        const qint64 d = run.durationMs();
        QString duration;
        if (d >= 0) {
            const qint64 s = d / 1000;
            duration = s >= 3600 ? QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2,
                                                                              10, QLatin1Char('0'))
                       : s >= 60 ? QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10,
                                                                            QLatin1Char('0'))
                                 : QStringLiteral("%1s").arg(s);
        }
        QStringList row{run.name.isEmpty() ? run.uid : run.name, run.experiment,
                        core::statusName(run.status) +
                            (run.deleted ? Cli::tr(" (deleted)") : QString()),
                        run.startMs > 0 ? QDateTime::fromMSecsSinceEpoch(run.startMs)
                                              .toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                        : QString(),
                        duration};
        for (const QString &k : std::as_const(metricKeys)) {
            const core::MetricSummary *s = run.metric(k);
            row.append(s ? QString::number(s->last, 'g', 6) : QString());
        }
        rows.append(row);
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = qMax(widths[c], row.at(c).size());
    }
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c) {
            const bool numeric = c >= 5;
            const QString cell =
                numeric ? row.at(c).rightJustified(widths[c]) : row.at(c).leftJustified(widths[c]);
            line += cell + QStringLiteral("  ");
        }
        out << line.trimmed() << '\n';
    }
}

} // namespace

int Cli::runRuns(const QStringList &args) {
    const QString command = QStringLiteral("runs");
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List the runs in the cache."));
    addCacheOption(parser);
    parser.addOption({QStringLiteral("filter"),
                      tr("Only runs matching the expression, e.g. "
                         "\"params.lr < 0.01 and metrics.val_loss < 0.3\"."),
                      tr("expr")});
    parser.addOption({QStringLiteral("sort"),
                      tr("Sort by a field: params.KEY, metrics.KEY, tags.KEY or an attribute "
                         "(name, start_time, ...). Default: newest first."),
                      tr("key")});
    parser.addOption({QStringLiteral("desc"), tr("Sort in descending order.")});
    parser.addOption({QStringLiteral("all"), tr("Include deleted runs.")});
    parser.addOption({QStringLiteral("format"), tr("Output format: table, csv or json."),
                      tr("format"), QStringLiteral("table")});
    parser.addOption(
        {QStringLiteral("source"), tr("Only runs imported from this folder."), tr("path")});
    if (const int code = parse(parser, args, command); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return fail(command,
                    tr("Unexpected argument “%1”; run “runlens import” to read folders.")
                        .arg(parser.positionalArguments().constFirst()),
                    Usage);

    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("table") && format != QLatin1String("csv") &&
        format != QLatin1String("json"))
        return fail(command, tr("Unknown format “%1”: use table, csv or json.").arg(format), Usage);

    const QString expression = parser.value(QStringLiteral("filter"));
    const core::RunFilter filter = core::RunFilter::parse(expression);
    if (!filter.isValid()) {
        const qsizetype offset = filter.errorOffset();
        return fail(command,
                    tr("Invalid filter: %1 at character %2\n  %3\n  %4^")
                        .arg(filter.error())
                        .arg(offset + 1)
                        .arg(expression, QString(offset, QLatin1Char(' '))),
                    Usage);
    }
    const bool descending = parser.isSet(QStringLiteral("desc"));
    core::RunField sortField = core::RunField::attr(core::RunField::Attribute::StartTime);
    bool sortDescending = true;
    if (parser.isSet(QStringLiteral("sort"))) {
        sortField = core::RunField::parse(parser.value(QStringLiteral("sort")));
        sortDescending = descending;
        if (!sortField.isValid())
            return fail(command,
                        tr("Unknown sort key “%1”: use params.KEY, metrics.KEY, tags.KEY or an "
                           "attribute such as name or start_time.")
                            .arg(parser.value(QStringLiteral("sort"))),
                        Usage);
    }

    QString error;
    const std::unique_ptr<store::Cache> cache = store::Cache::open(cachePath(parser), &error);
    if (!cache)
        return fail(command, error);
    const QString source =
        parser.isSet(QStringLiteral("source"))
            ? sources::ImportJob::normalizeSource(parser.value(QStringLiteral("source")))
            : QString();
    const bool all = parser.isSet(QStringLiteral("all"));
    core::Runs loaded = cache->loadRuns(source, all);
    core::Runs runs;
    runs.reserve(loaded.size());
    for (core::Run &run : loaded) {
        if ((all || !run.deleted) && filter.matches(run))
            runs.push_back(std::move(run));
    }

    // Keys once per run, not per comparison; missing values stay last in either direction.
    std::vector<std::pair<QVariant, size_t>> keys;
    keys.reserve(runs.size());
    for (size_t i = 0; i < runs.size(); ++i)
        keys.emplace_back(sortField.value(runs[i]), i);
    std::stable_sort(keys.begin(), keys.end(), [sortDescending](const auto &a, const auto &b) {
        const bool am = !a.first.isValid();
        const bool bm = !b.first.isValid();
        if (am || bm)
            return !am && bm;
        const int c = core::compareFieldValues(a.first, b.first);
        return sortDescending ? c > 0 : c < 0;
    });
    core::Runs sorted;
    sorted.reserve(runs.size());
    for (const auto &k : keys)
        sorted.push_back(std::move(runs[k.second]));

    QTextStream &o = out();
    if (format == QLatin1String("json")) {
        QJsonArray array;
        for (const core::Run &run : sorted)
            array.append(runToJson(run));
        o << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    } else if (format == QLatin1String("csv")) {
        writeCsv(o, sorted);
    } else {
        writeTable(o, sorted);
    }
    o.flush();
    return Ok;
}

} // namespace runlens::app
