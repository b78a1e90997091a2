// SPDX-License-Identifier: GPL-3.0-or-later
// `runlens chart`: metric charts of cached runs written to PNG, PDF or SVG; `runlens metrics`:
// a run's raw points as CSV or JSON.
#include "cli.h"

#include "analysis/chartdata.h"
#include "analysis/rungroups.h"
#include "core/runfilter.h"
#include "store/cache.h"
#include "widgets/metricoverlayplot.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QTextStream>
#include <cmath>
#include <memory>
#include <qcustomplot.h>

namespace runlens::app {

namespace {

/// The runs a SELECTOR names: "all", "filter:EXPR", or a comma-separated list of run ids, uids
/// or names (each must match). Deleted runs only when named.
std::vector<const core::Run *> selectRuns(const core::Runs &runs, const QString &selector,
                                          QString *error) {
    std::vector<const core::Run *> out;
    if (selector == QLatin1String("all")) {
        for (const core::Run &r : runs) {
            if (!r.deleted)
                out.push_back(&r);
        }
        return out;
    }
    if (selector.startsWith(QLatin1String("filter:"))) {
        const QString expression = selector.mid(7);
        const core::RunFilter filter = core::RunFilter::parse(expression);
        if (!filter.isValid()) {
            *error = Cli::tr("Invalid filter “%1”: %2 at character %3.")
                         .arg(expression, filter.error())
                         .arg(filter.errorOffset() + 1);
            return {};
        }
        for (const core::Run &r : runs) {
            if (!r.deleted && filter.matches(r))
                out.push_back(&r);
        }
        return out;
    }
    for (const QString &part : selector.split(u',', Qt::SkipEmptyParts)) {
        const QString want = part.trimmed();
        bool isId = false;
        const qint64 id = want.toLongLong(&isId);
        const core::Run *found = nullptr;
        for (const core::Run &r : runs) {
            if ((isId && r.id == id) || r.uid == want || r.name == want || r.key == want) {
                found = &r;
                break;
            }
        }
        if (!found) {
            *error = Cli::tr("No cached run has the id, uid or name “%1”.").arg(want);
            return {};
        }
        out.push_back(found);
    }
    return out;
}

QString runLabel(const core::Run &run) {
    return run.name.isEmpty() ? run.uid : run.name;
}

// Draws each chart into its cell of a painter's device (PDF or SVG: vector output).
void paintGrid(QPainter *device, const std::vector<widgets::MetricOverlayPlot *> &plots, QSize cell,
               int columns) {
    for (size_t i = 0; i < plots.size(); ++i) {
        device->save();
        device->translate(double(int(i) % columns * cell.width()),
                          double(int(i) / columns * cell.height()));
        auto *qcp = static_cast<QCPPainter *>(device);
        plots[i]->customPlot()->toPainter(qcp, cell.width(), cell.height());
        device->restore();
    }
}

} // namespace

int Cli::runChart(const QStringList &args) {
    const QString command = QStringLiteral("chart");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Write charts of cached runs' metrics to a PNG, PDF or SVG file."));
    addCacheOption(parser);
    parser.addOption({QStringLiteral("runs"),
                      tr("Which runs: all, filter:EXPR, or a comma-separated list of run ids, "
                         "uids or names."),
                      tr("selector"), QStringLiteral("all")});
    parser.addOption(
        {QStringLiteral("metric"), tr("A metric to chart (repeat for a grid)."), tr("key")});
    parser.addOption({QStringLiteral("x"),
                      tr("The x axis: step, time, relative, or metric:KEY (default step)."),
                      tr("axis"), QStringLiteral("step")});
    parser.addOption({QStringLiteral("smooth"),
                      tr("Exponential smoothing weight, 0 to 0.999 (as in TensorBoard)."),
                      tr("weight")});
    parser.addOption({QStringLiteral("group-by"),
                      tr("Group runs by a field (params.lr, tags.model; * for all params but "
                         "seeds) and draw group means with ±std bands."),
                      tr("field")});
    parser.addOption({QStringLiteral("band"), tr("The group band: std, ci95, minmax or none."),
                      tr("band"), QStringLiteral("std")});
    parser.addOption({QStringLiteral("log-y"), tr("Logarithmic y axis.")});
    parser.addOption({QStringLiteral("size"), tr("Size of one chart (default 1000x600)."),
                      tr("WxH"), QStringLiteral("1000x600")});
    parser.addOption({QStringLiteral("dpi"), tr("Resolution of a PNG (default 96)."), tr("n"),
                      QStringLiteral("96")});
    parser.addOption(
        {QStringLiteral("title"), tr("The chart title (default: the metric)."), tr("text")});
    parser.addOption(
        {QStringLiteral("out"), tr("The file to write: .png, .pdf or .svg."), tr("file")});
    if (const int code = parse(parser, args, command); code >= 0)
        return code;

    const QString outPath = parser.value(QStringLiteral("out"));
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (outPath.isEmpty())
        return fail(command, tr("--out FILE.png|.pdf|.svg is required."), Usage);
    if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf") &&
        suffix != QLatin1String("svg"))
        return fail(command, tr("“%1”: the output must end in .png, .pdf or .svg.").arg(outPath),
                    Usage);
    const QStringList metrics = parser.values(QStringLiteral("metric"));
    if (metrics.isEmpty())
        return fail(command, tr("Name at least one --metric KEY."), Usage);
    static const QRegularExpression sizePattern(QStringLiteral("^(\\d{2,5})[xX](\\d{2,5})$"));
    const QRegularExpressionMatch sizeMatch =
        sizePattern.match(parser.value(QStringLiteral("size")));
    if (!sizeMatch.hasMatch())
        return fail(command,
                    tr("--size wants WIDTHxHEIGHT, e.g. 1000x600, not “%1”.")
                        .arg(parser.value(QStringLiteral("size"))),
                    Usage);
    const QSize cell(sizeMatch.captured(1).toInt(), sizeMatch.captured(2).toInt());
    bool dpiOk = false;
    const int dpi = parser.value(QStringLiteral("dpi")).toInt(&dpiOk);
    if (!dpiOk || dpi < 24 || dpi > 1200)
        return fail(command, tr("--dpi wants a number from 24 to 1200."), Usage);

    analysis::ChartSpec spec;
    const QString x = parser.value(QStringLiteral("x"));
    if (x == QLatin1String("step"))
        spec.xAxis = analysis::XAxis::Step;
    else if (x == QLatin1String("time"))
        spec.xAxis = analysis::XAxis::WallTime;
    else if (x == QLatin1String("relative"))
        spec.xAxis = analysis::XAxis::RelativeTime;
    else if (x.startsWith(QLatin1String("metric:")) && x.size() > 7) {
        spec.xAxis = analysis::XAxis::Metric;
        spec.xMetric = x.mid(7);
    } else
        return fail(command, tr("--x wants step, time, relative or metric:KEY, not “%1”.").arg(x),
                    Usage);
    if (parser.isSet(QStringLiteral("smooth"))) {
        bool ok = false;
        const double w = parser.value(QStringLiteral("smooth")).toDouble(&ok);
        if (!ok || w < 0 || w > 0.999)
            return fail(command, tr("--smooth wants a weight from 0 to 0.999."), Usage);
        spec.smoothing = w > 0 ? analysis::Smoothing::Ema : analysis::Smoothing::None;
        spec.emaWeight = w;
    }
    const QString band = parser.value(QStringLiteral("band"));
    if (band == QLatin1String("std"))
        spec.band = analysis::Band::StdDev;
    else if (band == QLatin1String("ci95"))
        spec.band = analysis::Band::Ci95;
    else if (band == QLatin1String("minmax"))
        spec.band = analysis::Band::MinMax;
    else if (band == QLatin1String("none"))
        spec.band = analysis::Band::None;
    else
        return fail(command, tr("--band wants std, ci95, minmax or none."), Usage);

    QString error;
    std::unique_ptr<store::Cache> cache = store::Cache::open(cachePath(parser), &error);
    if (!cache)
        return fail(command, error);
    const core::Runs runs = cache->loadRuns();
    const std::vector<const core::Run *> chosen =
        selectRuns(runs, parser.value(QStringLiteral("runs")), &error);
    if (!error.isEmpty())
        return fail(command, error);
    if (chosen.empty())
        return fail(command, tr("No run matches “%1”.").arg(parser.value(QStringLiteral("runs"))));

    std::vector<analysis::RunGroup> groups;
    QHash<qint64, int> groupOf;
    if (parser.isSet(QStringLiteral("group-by"))) {
        analysis::GroupSpec gs;
        QString field = parser.value(QStringLiteral("group-by"));
        if (field == QLatin1String("*")) {
            gs.allParams = true;
            gs.exceptParams << QStringLiteral("seed") << QStringLiteral("random_seed");
        } else {
            if (!field.contains(u'.'))
                field.prepend(QStringLiteral("params."));
            gs.fields << field;
        }
        groups = analysis::groupRuns(chosen, gs);
        for (size_t g = 0; g < groups.size(); ++g) {
            for (int m : groups[g].members)
                groupOf.insert(chosen[size_t(m)]->id, int(g));
        }
    }

    // One chart per metric, laid out as the dashboard does.
    const int n = int(metrics.size());
    const int columns = n == 1 ? 1 : (n <= 4 ? 2 : 3);
    const int rows = (n + columns - 1) / columns;
    std::vector<std::unique_ptr<widgets::MetricOverlayPlot>> owned;
    std::vector<widgets::MetricOverlayPlot *> plots;
    const QString title = parser.value(QStringLiteral("title"));
    for (const QString &metric : metrics) {
        auto plot = std::make_unique<widgets::MetricOverlayPlot>();
        plot->resize(cell);
        plot->setMetric(metric);
        plot->setXAxis(spec.xAxis, spec.xMetric);
        plot->setLogY(parser.isSet(QStringLiteral("log-y")));
        analysis::ChartRequest rq;
        rq.metric = metric;
        rq.spec = spec;
        rq.groupCount = int(groups.size());
        rq.columns = cell.width();
        for (const core::Run *run : chosen) {
            if (run->metric(metric))
                rq.runs.push_back({run->id, run->startMs, groupOf.value(run->id, -1)});
        }
        if (rq.runs.empty())
            return fail(command, tr("None of the %n chosen run(s) has the metric “%1”.", nullptr,
                                    int(chosen.size()))
                                     .arg(metric));
        const analysis::ChartData data = analysis::loadChart(*cache, rq);
        if (!data.error.isEmpty())
            err() << command << ": " << data.error << '\n';
        plot->setChart(
            data,
            [&chosen](qint64 id) -> const core::Run * {
                const auto it = std::find_if(chosen.begin(), chosen.end(),
                                             [id](const core::Run *r) { return r->id == id; });
                return it == chosen.end() ? nullptr : *it;
            },
            groups, groupOf);
        if (!title.isEmpty())
            plot->setMetric(n == 1 ? title : title + QStringLiteral(" — ") + metric);
        plot->setSubtitle(tr("%n run(s)", nullptr, int(data.series.size())));
        plot->replotNow();
        plots.push_back(plot.get());
        owned.push_back(std::move(plot));
    }

    bool ok = false;
    const QSize total(cell.width() * columns, cell.height() * rows);
    if (plots.size() == 1) {
        ok = plots.front()->exportTo(outPath, cell, dpi / 96.0, &error);
    } else if (suffix == QLatin1String("png")) {
        const double scale = dpi / 96.0;
        QImage image(total * scale, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        for (size_t i = 0; i < plots.size(); ++i) {
            const QImage one = plots[i]->toImage(cell, scale);
            painter.drawImage(QPointF(double(int(i) % columns * cell.width()),
                                      double(int(i) / columns * cell.height())) *
                                  scale,
                              one);
        }
        painter.end();
        image.setDotsPerMeterX(int(std::lround(dpi / 0.0254)));
        image.setDotsPerMeterY(int(std::lround(dpi / 0.0254)));
        ok = image.save(outPath, "PNG");
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(outPath);
        svg.setSize(total);
        svg.setViewBox(QRect(QPoint(0, 0), total));
        svg.setTitle(title.isEmpty() ? metrics.join(QStringLiteral(", ")) : title);
        QCPPainter painter;
        if (painter.begin(&svg)) {
            paintGrid(&painter, plots, cell, columns);
            ok = painter.end();
        }
    } else {
        QPdfWriter pdf(outPath);
        pdf.setCreator(QStringLiteral("RunLens"));
        pdf.setTitle(title.isEmpty() ? metrics.join(QStringLiteral(", ")) : title);
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(total), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QCPPainter painter;
        if (painter.begin(&pdf)) {
            // Points to pixels at 96 dpi: the page is as many points as the grid has pixels.
            painter.scale(pdf.width() / double(total.width()),
                          pdf.height() / double(total.height()));
            paintGrid(&painter, plots, cell, columns);
            ok = painter.end();
        }
    }
    if (!ok)
        return fail(command, error.isEmpty() ? tr("Cannot write %1.").arg(outPath) : error);
    out() << tr("Wrote %1: %n chart(s) of %2 run(s).", nullptr, int(plots.size()))
                 .arg(outPath)
                 .arg(chosen.size())
          << '\n';
    out().flush();
    return Ok;
}

int Cli::runMetrics(const QStringList &args) {
    const QString command = QStringLiteral("metrics");
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Print the raw points of a cached run's metrics."));
    addCacheOption(parser);
    parser.addOption({QStringLiteral("metric"),
                      tr("Only this metric (repeatable; default: every metric)."), tr("key")});
    parser.addOption({QStringLiteral("format"), tr("csv (default) or json."), tr("format"),
                      QStringLiteral("csv")});
    parser.addPositionalArgument(QStringLiteral("run"), tr("A run id, uid or name."), tr("RUN"));
    if (const int code = parse(parser, args, command); code >= 0)
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return fail(command, tr("Name exactly one RUN (its id, uid or name)."), Usage);
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("csv") && format != QLatin1String("json"))
        return fail(command, tr("Unknown format “%1”: use csv or json.").arg(format), Usage);

    QString error;
    std::unique_ptr<store::Cache> cache = store::Cache::open(cachePath(parser), &error);
    if (!cache)
        return fail(command, error);
    const core::Runs runs = cache->loadRuns();
    const std::vector<const core::Run *> chosen = selectRuns(runs, positional.front(), &error);
    if (!error.isEmpty())
        return fail(command, error);
    if (chosen.size() != 1)
        return fail(command,
                    tr("“%1” names %2 runs; name one.").arg(positional.front()).arg(chosen.size()));
    const core::Run &run = *chosen.front();
    QStringList keys = parser.values(QStringLiteral("metric"));
    if (keys.isEmpty()) {
        for (const core::MetricInfo &m : run.metrics)
            keys << m.key;
    }
    for (const QString &k : keys) {
        if (!run.metric(k))
            return fail(command, tr("Run “%1” has no metric “%2”.").arg(runLabel(run), k));
    }

    const auto number = [](double v) {
        if (std::isnan(v))
            return QStringLiteral("NaN");
        if (std::isinf(v))
            return v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
        return QString::number(v, 'g', QLocale::FloatingPointShortest);
    };
    QTextStream &o = out();
    if (format == QLatin1String("csv")) {
        o << "metric,step,time_ms,value\n";
        for (const QString &k : keys) {
            QString quoted = k;
            if (quoted.contains(u',') || quoted.contains(u'"') || quoted.contains(u'\n'))
                quoted = u'"' + quoted.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
            for (const core::MetricPoint &p : cache->loadSeries(run.id, k))
                o << quoted << ',' << p.step << ',' << p.timeMs << ',' << number(p.value) << '\n';
        }
    } else {
        QJsonObject metrics;
        for (const QString &k : keys) {
            QJsonArray points;
            for (const core::MetricPoint &p : cache->loadSeries(run.id, k)) {
                const QJsonValue value =
                    std::isfinite(p.value) ? QJsonValue(p.value) : QJsonValue(number(p.value));
                points.append(QJsonObject{{QStringLiteral("step"), p.step},
                                          {QStringLiteral("time_ms"), p.timeMs},
                                          {QStringLiteral("value"), value}});
            }
            metrics.insert(k, points);
        }
        const QJsonObject doc{{QStringLiteral("id"), run.id},
                              {QStringLiteral("uid"), run.uid},
                              {QStringLiteral("name"), run.name},
                              {QStringLiteral("metrics"), metrics}};
        o << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    }
    o.flush();
    if (!cache->lastError().isEmpty())
        return fail(command, cache->lastError());
    return Ok;
}

} // namespace runlens::app
