// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include <QApplication>
#include <QIcon>
#include <QLoggingCategory>
#include <memory>

using runlens::app::Cli;

int main(int argc, char **argv) {
    // Progress chatter of the models is for developers: QT_LOGGING_RULES (which wins over
    // these rules) turns it back on, e.g. QT_LOGGING_RULES="runlens.*.info=true".
    QLoggingCategory::setFilterRules(QStringLiteral("runlens.*.info=false\nrunlens.*.debug=false"));

    QStringList args;
    args.reserve(argc);
    for (int i = 0; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));

    const QString command = Cli::subcommand(args);
    const bool window = command.isEmpty() && !Cli::wantsHelpOrVersion(args);
    // Commands that render need a QApplication, offscreen when there is no display.
    const bool renders =
        command == QLatin1String("screenshot") || command == QLatin1String("chart");
    if (renders)
        Cli::preferOffscreenPlatform();

    // The headless subcommands need no display: a QCoreApplication is enough for them.
    std::unique_ptr<QCoreApplication> app;
    if (window || renders)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RunLens"));
    QCoreApplication::setApplicationName(QStringLiteral("RunLens"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RUNLENS_VERSION));
    if (qobject_cast<QApplication *>(app.get())) {
        QApplication::setDesktopFileName(QStringLiteral("io.github.runlens.RunLens"));
        QApplication::setWindowIcon(QIcon(QStringLiteral(":/runlens/runlens.svg")));
    }
    Cli::installTranslators(app.get());

    const QStringList rest = Cli::subcommandArgs(args, command);
    if (command == QLatin1String("import"))
        return Cli::runImport(rest);
    if (command == QLatin1String("runs"))
        return Cli::runRuns(rest);
    if (command == QLatin1String("screenshot"))
        return Cli::runScreenshot(rest);
    if (command == QLatin1String("demo"))
        return Cli::runDemo(rest);
    if (command == QLatin1String("chart"))
        return Cli::runChart(rest);
    if (command == QLatin1String("metrics"))
        return Cli::runMetrics(rest);
    return Cli::runWindow(rest);
}
