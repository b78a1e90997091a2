// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QCommandLineParser;
class QTextStream;

namespace runlens::app {

/// The command line of the one runlens binary:
///   runlens [--cache FILE] [--all] [SOURCE...]        the window
///   runlens import SOURCE... [--cache FILE] [--json]  import into the cache, print a summary
///   runlens runs [--filter EXPR] [--sort KEY] ...     list cached runs as table, CSV or JSON
///   runlens screenshot --out FILE.png [...]           render the window offscreen to a PNG
///   runlens demo DIR [--runs N] ...                   write a synthetic MLflow store
///   runlens chart --metric KEY --out FILE [...]       charts of cached runs to PNG/PDF/SVG
///   runlens metrics RUN [--metric KEY] [--format F]   a run's raw points as CSV or JSON
/// Exit codes: 0 success, 1 failure, 2 usage error.
class Cli {
    Q_DECLARE_TR_FUNCTIONS(Cli)

public:
    enum ExitCode { Ok = 0, Failure = 1, Usage = 2 };

    /// The subcommand argv names ("import", "runs", ...) or an empty string for the window.
    /// Global options (--cache FILE, --all) may come before it.
    static QString subcommand(const QStringList &args);
    /// args without the subcommand word, ready for that subcommand's parser.
    static QStringList subcommandArgs(const QStringList &args, const QString &subcommand);
    /// True when args only ask for --help or --version (no display needed).
    static bool wantsHelpOrVersion(const QStringList &args);
    /// Selects the offscreen platform for commands that render without a display.
    static void preferOffscreenPlatform();
    /// Loads runlens_<locale>.qm from :/i18n and Qt's own qtbase translation.
    static void installTranslators(QCoreApplication *app);

    static int runWindow(const QStringList &args);
    static int runImport(const QStringList &args);
    static int runRuns(const QStringList &args);
    static int runScreenshot(const QStringList &args);
    static int runDemo(const QStringList &args);
    static int runChart(const QStringList &args);
    static int runMetrics(const QStringList &args);

    // Shared by the subcommands.
    static QTextStream &out();
    static QTextStream &err();
    /// Parses args; on --help prints the help and returns Ok, on an error prints it and returns
    /// Usage; returns -1 to go on.
    static int parse(QCommandLineParser &parser, const QStringList &args, const QString &command);
    /// The --cache option every subcommand knows.
    static void addCacheOption(QCommandLineParser &parser);
    /// --cache value, else $RUNLENS_CACHE, else the user cache folder.
    static QString cachePath(const QCommandLineParser &parser);
    /// "runlens import: message" on stderr; returns code.
    static int fail(const QString &command, const QString &message, int code = Failure);
};

} // namespace runlens::app
