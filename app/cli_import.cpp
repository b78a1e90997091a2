// SPDX-License-Identifier: GPL-3.0-or-later
// `runlens import` and `runlens demo`.
#include "cli.h"

#include "demo/demofolder.h"
#include "sources/importjob.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>
#include <QThread>
#include <atomic>
#include <cstdio>
#include <unistd.h>

namespace runlens::app {

namespace {

QString problemLine(const core::Problem &p) {
    return p.where.isEmpty() ? QStringLiteral("%1: %2").arg(p.path, p.message)
                             : QStringLiteral("%1:%2: %3").arg(p.path, p.where, p.message);
}

bool parseCount(const QCommandLineParser &parser, const QString &name, int min, int *value,
                QString *error) {
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok || v < min) {
        *error = Cli::tr("--%1 wants a whole number of at least %2, not “%3”")
                     .arg(name)
                     .arg(min)
                     .arg(parser.value(name));
        return false;
    }
    *value = v;
    return true;
}

} // namespace

int Cli::runImport(const QStringList &args) {
    const QString command = QStringLiteral("import");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Import runs from results folders into the cache and print what was read."));
    addCacheOption(parser);
    parser.addOption({QStringLiteral("json"), tr("Print the summary as one JSON object.")});
    parser.addPositionalArgument(QStringLiteral("source"), tr("Results folders to import."),
                                 tr("source..."));
    if (const int code = parse(parser, args, command); code >= 0)
        return code;

    const QStringList sourceArgs = parser.positionalArguments();
    if (sourceArgs.isEmpty())
        return fail(command, tr("Name at least one results folder to import."), Usage);
    QStringList sourceList;
    for (const QString &s : sourceArgs) {
        if (!QFileInfo::exists(s))
            return fail(command, tr("No such file or folder: %1").arg(s));
        sourceList.append(sources::ImportJob::normalizeSource(s));
    }

    sources::ImportOptions options;
    options.cachePath = cachePath(parser);
    options.sources = sourceList;
    options.threads = qBound(1, QThread::idealThreadCount(), 8);
    sources::ImportJob job(options);
    const std::atomic_bool cancel{false};
    const bool interactive = isatty(fileno(stderr)) != 0 && !parser.isSet(QStringLiteral("json"));
    const sources::ImportSummary summary =
        job.run(cancel, [interactive](const sources::ImportProgress &p) {
            if (!interactive)
                return;
            err() << QStringLiteral("\r%1 / %2 runs").arg(p.runsDone).arg(p.runsTotal);
            err().flush();
        });
    if (interactive)
        err() << QStringLiteral("\r\x1b[K");
    if (!summary.ok())
        return fail(command, summary.fatalError);

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray problems;
        for (const core::Problem &p : summary.problems) {
            problems.append(QJsonObject{{QStringLiteral("path"), p.path},
                                        {QStringLiteral("where"), p.where},
                                        {QStringLiteral("message"), p.message}});
        }
        const QJsonObject o{{QStringLiteral("runs"), summary.runs},
                            {QStringLiteral("series"), summary.series},
                            {QStringLiteral("points"), summary.points},
                            {QStringLiteral("unchanged"), summary.unchanged},
                            {QStringLiteral("removed"), summary.removed},
                            {QStringLiteral("bytes_read"), summary.bytesRead},
                            {QStringLiteral("problems"), problems}};
        out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
        out().flush();
        return Ok;
    }

    // Group separators regardless of the user's locale, so scripts see one format.
    const QLocale en(QLocale::English, QLocale::UnitedStates);
    QString line =
        tr("Imported %1 runs (%2 changed, %3 unchanged), %4 series, %5 points")
            .arg(en.toString(summary.runs), en.toString(summary.runs - summary.unchanged),
                 en.toString(summary.unchanged), en.toString(summary.series),
                 en.toString(summary.points));
    if (summary.removed > 0)
        line += tr(", %1 removed").arg(en.toString(summary.removed));
    if (summary.problems.isEmpty())
        line += tr("; no problems.");
    else
        line += tr("; %1 problems:").arg(en.toString(qint64(summary.problems.size())));
    out() << line << '\n';
    for (const core::Problem &p : summary.problems)
        out() << problemLine(p) << '\n';
    out().flush();
    return Ok;
}

int Cli::runDemo(const QStringList &args) {
    const QString command = QStringLiteral("demo");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Write a synthetic results folder with realistic learning curves, mixing every format "
           "RunLens reads (an MLflow store in DIR/mlruns, TensorBoard event files, CSV logs, …)."));
    const demo::DemoOptions defaults;
    parser.addOption(
        {QStringLiteral("runs"), tr("Number of runs (default %1).").arg(defaults.runs), tr("n")});
    parser.addOption({QStringLiteral("metrics"),
                      tr("Metric keys per run (default %1).").arg(defaults.metrics), tr("n")});
    parser.addOption({QStringLiteral("steps"),
                      tr("Points per metric (default %1).").arg(defaults.steps), tr("n")});
    parser.addOption({QStringLiteral("params"),
                      tr("Params per run (default %1).").arg(defaults.params), tr("n")});
    parser.addOption(
        {QStringLiteral("seed"), tr("Random seed (default %1).").arg(defaults.seed), tr("n")});
    QStringList formatIds;
    for (const demo::DemoFormat &f : demo::demoFormats())
        formatIds.append(f.id);
    parser.addOption({QStringLiteral("formats"),
                      tr("Comma-separated formats to write (default: all of %1). Other formats "
                         "than mlflow get a sixth of --runs each, unless written alone.")
                          .arg(formatIds.join(QStringLiteral(", "))),
                      tr("list")});
    parser.addPositionalArgument(QStringLiteral("dir"), tr("The folder to write into."), tr("dir"));
    if (const int code = parse(parser, args, command); code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1)
        return fail(command, tr("Name exactly one folder to write the demo store into."), Usage);

    demo::DemoOptions options;
    QString error;
    int seed = int(defaults.seed);
    if (!parseCount(parser, QStringLiteral("runs"), 1, &options.runs, &error) ||
        !parseCount(parser, QStringLiteral("metrics"), 1, &options.metrics, &error) ||
        !parseCount(parser, QStringLiteral("steps"), 1, &options.steps, &error) ||
        !parseCount(parser, QStringLiteral("params"), 0, &options.params, &error) ||
        !parseCount(parser, QStringLiteral("seed"), 0, &seed, &error))
        return fail(command, error, Usage);
    options.seed = quint64(seed);

    QStringList formats;
    for (const QString &f : parser.value(QStringLiteral("formats")).split(u',', Qt::SkipEmptyParts))
        formats.append(f.trimmed());
    const QString dir = QFileInfo(parser.positionalArguments().constFirst()).absoluteFilePath();
    if (!demo::writeDemoFolder(dir, options, formats, &error))
        return fail(command, error);
    out() << tr("Wrote a demo results folder to %1 (%2): %3 runs, %4 metrics × %5 steps, %6 "
                "params (seed %7).")
                 .arg(QDir::toNativeSeparators(dir), formats.isEmpty()
                                                         ? formatIds.join(QStringLiteral(", "))
                                                         : formats.join(QStringLiteral(", ")))
                 .arg(options.runs)
                 .arg(options.metrics)
                 .arg(options.steps)
                 .arg(options.params)
                 .arg(options.seed)
          << '\n';
    out().flush();
    return Ok;
}

} // namespace runlens::app
