// SPDX-License-Identifier: GPL-3.0-or-later
// `runlens screenshot`: the real window, rendered offscreen to a PNG.
#include "cli.h"

#include "chartcontroller.h"
#include "core/runfield.h"
#include "mainwindow.h"
#include "runscontroller.h"
#include "sources/importjob.h"
#include "widgets/chartpanel.h"
#include "widgets/filterbar.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QEventLoop>
#include <QFileInfo>
#include <QPixmap>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>
#include <atomic>

namespace runlens::app {

namespace {

/// Runs the event loop until done() or the timeout; false on timeout.
template <typename Sender, typename Signal>
bool waitFor(const Sender *sender, Signal signal, int timeoutMs) {
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&loop] { loop.exit(1); });
    QObject::connect(sender, signal, &loop, [&loop] { loop.exit(0); });
    timer.start(timeoutMs);
    return loop.exec() == 0;
}

void settle(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int Cli::runScreenshot(const QStringList &args) {
    const QString command = QStringLiteral("screenshot");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Import the sources, show them in the window offscreen and save it as a PNG."));
    addCacheOption(parser);
    parser.addOption({QStringLiteral("out"), tr("The PNG file to write."), tr("file")});
    parser.addOption({QStringLiteral("view"),
                      tr("What to show: table, or overlay (the charts below the table)."),
                      tr("view"), QStringLiteral("table")});
    parser.addOption(
        {QStringLiteral("metric"), tr("overlay: a metric to chart (repeatable)."), tr("key")});
    parser.addOption({QStringLiteral("x"), tr("overlay: x axis: step, time or relative."),
                      tr("axis"), QStringLiteral("step")});
    parser.addOption(
        {QStringLiteral("smooth"), tr("overlay: EMA smoothing weight (0–0.999)."), tr("weight")});
    parser.addOption({QStringLiteral("group-by"),
                      tr("overlay: group runs by a field (params.lr; * for all params but "
                         "seeds)."),
                      tr("field")});
    parser.addOption({QStringLiteral("log-y"), tr("overlay: logarithmic y axis.")});
    parser.addOption({QStringLiteral("select"),
                      tr("overlay: select the first N rows (charts just those)."), tr("n")});
    parser.addOption({QStringLiteral("size"), tr("Window size (default 1400x800)."), tr("WxH"),
                      QStringLiteral("1400x800")});
    parser.addOption({QStringLiteral("filter"), tr("A filter expression to apply."), tr("expr")});
    parser.addOption({QStringLiteral("sort"), tr("Sort by this field."), tr("key")});
    parser.addOption({QStringLiteral("desc"), tr("Sort in descending order.")});
    parser.addOption({QStringLiteral("all"), tr("Show deleted runs too.")});
    parser.addPositionalArgument(QStringLiteral("source"), tr("Results folders to show."),
                                 tr("[source...]"));
    if (const int code = parse(parser, args, command); code >= 0)
        return code;

    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty())
        return fail(command, tr("--out FILE.png is required."), Usage);
    const QString view = parser.value(QStringLiteral("view"));
    if (view != QLatin1String("table") && view != QLatin1String("overlay"))
        return fail(command, tr("Unknown view “%1”: use table or overlay.").arg(view), Usage);
    const bool overlay = view == QLatin1String("overlay");
    static const QRegularExpression sizePattern(QStringLiteral("^(\\d{2,5})[xX](\\d{2,5})$"));
    const QRegularExpressionMatch size = sizePattern.match(parser.value(QStringLiteral("size")));
    if (!size.hasMatch())
        return fail(command,
                    tr("--size wants WIDTHxHEIGHT, e.g. 1400x800, not “%1”.")
                        .arg(parser.value(QStringLiteral("size"))),
                    Usage);
    const QSize windowSize(size.captured(1).toInt(), size.captured(2).toInt());
    QString sortField;
    if (parser.isSet(QStringLiteral("sort"))) {
        const core::RunField field = core::RunField::parse(parser.value(QStringLiteral("sort")));
        if (!field.isValid())
            return fail(command,
                        tr("Unknown sort key “%1”.").arg(parser.value(QStringLiteral("sort"))),
                        Usage);
        sortField = field.toString();
    }

    QStringList sourceList;
    for (const QString &s : parser.positionalArguments()) {
        if (!QFileInfo::exists(s))
            return fail(command, tr("No such file or folder: %1").arg(s));
        sourceList.append(sources::ImportJob::normalizeSource(s));
    }
    const QString cache = cachePath(parser);
    if (!sourceList.isEmpty()) {
        sources::ImportOptions options;
        options.cachePath = cache;
        options.sources = sourceList;
        options.threads = qBound(1, QThread::idealThreadCount(), 8);
        const std::atomic_bool cancel{false};
        const sources::ImportSummary summary = sources::ImportJob(options).run(cancel);
        if (!summary.ok())
            return fail(command, summary.fatalError);
    }

    MainWindow::Options options;
    options.cachePath = cache;
    options.useSettings = false;
    options.forceShowDeleted = parser.isSet(QStringLiteral("all"));
    MainWindow window(options);
    window.resize(windowSize);
    window.show();
    if (!sourceList.isEmpty()) {
        window.openSources(sourceList, false);
        if (!waitFor(window.controller(), &RunsController::loadFinished, 60000))
            return fail(command, tr("The runs did not load within a minute."));
    }
    if (parser.isSet(QStringLiteral("filter")))
        window.filterBar()->setText(parser.value(QStringLiteral("filter")));
    if (!sortField.isEmpty())
        window.tableView()->sortByField(sortField, parser.isSet(QStringLiteral("desc"))
                                                       ? Qt::DescendingOrder
                                                       : Qt::AscendingOrder);
    if (overlay) {
        widgets::ChartPanel *panel = window.chartPanel();
        analysis::ChartSpec spec = panel->spec();
        const QString x = parser.value(QStringLiteral("x"));
        spec.xAxis = x == QLatin1String("time")       ? analysis::XAxis::WallTime
                     : x == QLatin1String("relative") ? analysis::XAxis::RelativeTime
                                                      : analysis::XAxis::Step;
        if (parser.isSet(QStringLiteral("smooth"))) {
            spec.smoothing = analysis::Smoothing::Ema;
            spec.emaWeight = qBound(0.0, parser.value(QStringLiteral("smooth")).toDouble(), 0.999);
        }
        panel->setSpec(spec);
        panel->setLogY(parser.isSet(QStringLiteral("log-y")));
        if (parser.isSet(QStringLiteral("group-by"))) {
            QString field = parser.value(QStringLiteral("group-by"));
            if (field != QLatin1String("*") && !field.contains(u'.'))
                field.prepend(QStringLiteral("params."));
            panel->setGroupBy(field);
        }
        if (parser.isSet(QStringLiteral("select"))) {
            const int n = parser.value(QStringLiteral("select")).toInt();
            QAbstractItemModel *model = window.tableView()->model();
            for (int row = 0; row < std::min(n, model->rowCount()); ++row)
                window.tableView()->selectionModel()->select(
                    model->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        const QStringList metrics = parser.values(QStringLiteral("metric"));
        if (!metrics.isEmpty())
            panel->setSelectedMetrics(metrics);
        // The charts get most of the window.
        window.resizeDocks({window.chartDock()}, {windowSize.height() * 2 / 3}, Qt::Vertical);
        settle(50);
        window.chartController()->waitForCharts();
        settle(50);
        window.chartController()->waitForCharts();
    }
    settle(150); // layouts, the status bar and the first paint

    const QPixmap pixmap = window.grab();
    if (!pixmap.save(outPath, "PNG"))
        return fail(command, tr("Cannot write %1.").arg(outPath));
    out() << tr("Wrote %1 (%2×%3).").arg(outPath).arg(pixmap.width()).arg(pixmap.height()) << '\n';
    out().flush();
    return Ok;
}

} // namespace runlens::app
