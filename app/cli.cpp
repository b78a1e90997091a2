// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "mainwindow.h"
#include "store/cache.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>
#include <cstdio>

namespace runlens::app {

namespace {

const QStringList &subcommands() {
    static const QStringList names{QStringLiteral("import"),     QStringLiteral("runs"),
                                   QStringLiteral("screenshot"), QStringLiteral("demo"),
                                   QStringLiteral("chart"),      QStringLiteral("metrics")};
    return names;
}

/// Index of the subcommand word in args, or -1.
qsizetype subcommandIndex(const QStringList &args) {
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--cache")) {
            ++i; // skip its value
            continue;
        }
        if (a == QLatin1String("--"))
            return -1;
        if (a.startsWith(QLatin1Char('-')))
            continue;
        return subcommands().contains(a) ? i : -1;
    }
    return -1;
}

} // namespace

QString Cli::subcommand(const QStringList &args) {
    const qsizetype i = subcommandIndex(args);
    return i < 0 ? QString() : args.at(i);
}

QStringList Cli::subcommandArgs(const QStringList &args, const QString &subcommand) {
    QStringList rest = args;
    const qsizetype i = subcommandIndex(args);
    if (i > 0 && args.at(i) == subcommand)
        rest.removeAt(i);
    return rest;
}

bool Cli::wantsHelpOrVersion(const QStringList &args) {
    for (const QString &a : args) {
        if (a == QLatin1String("--help") || a == QLatin1String("-h") ||
            a == QLatin1String("--help-all") || a == QLatin1String("--version") ||
            a == QLatin1String("-v"))
            return true;
    }
    return false;
}

void Cli::preferOffscreenPlatform() {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

void Cli::installTranslators(QCoreApplication *app) {
    // qt_add_translations embeds runlens_<lang>.qm under the /i18n resource prefix.
    // Without a translation for the locale (the C locale of scripts and CI, say), English: its
    // file holds the plural forms ("1 run", "2 runs").
    auto *own = new QTranslator(app);
    if (own->load(QLocale(), QStringLiteral("runlens"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")) ||
        own->load(QStringLiteral(":/i18n/runlens_en.qm")))
        QCoreApplication::installTranslator(own);
    else
        delete own;
    auto *qt = new QTranslator(app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
}

QTextStream &Cli::out() {
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &Cli::err() {
    static QTextStream stream(stderr);
    return stream;
}

int Cli::fail(const QString &command, const QString &message, int code) {
    err() << QStringLiteral("runlens%1: ")
                 .arg(command.isEmpty() ? QString() : QLatin1Char(' ') + command)
          << message << Qt::endl;
    return code;
}

void Cli::addCacheOption(QCommandLineParser &parser) {
    parser.addOption({QStringLiteral("cache"),
                      tr("The SQLite cache to use (default: $RUNLENS_CACHE, else %1).")
                          .arg(QDir::toNativeSeparators(store::Cache::defaultPath())),
                      tr("file")});
}

QString Cli::cachePath(const QCommandLineParser &parser) {
    const QString option = parser.value(QStringLiteral("cache"));
    const QString path = option.isEmpty() ? store::Cache::defaultPath() : option;
    return path == QLatin1String(":memory:") ? path : QFileInfo(path).absoluteFilePath();
}

int Cli::parse(QCommandLineParser &parser, const QStringList &args, const QString &command) {
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(args))
        return fail(command,
                    parser.errorText() + QLatin1Char('\n') +
                        tr("Try “runlens %1 --help”.").arg(command).trimmed(),
                    Usage);
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // The usage line names the binary; put the subcommand after it.
        if (!command.isEmpty()) {
            const QString binary = QFileInfo(args.value(0)).fileName();
            text.replace(binary + QLatin1String(" [options]"),
                         binary + QLatin1Char(' ') + command + QLatin1String(" [options]"));
        }
        out() << text;
        out().flush();
        return Ok;
    }
    return -1;
}

int Cli::runWindow(const QStringList &args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Compare machine-learning experiment runs.\n\n"
           "Subcommands (each with --help): import, runs, screenshot, demo, chart, metrics."));
    parser.addVersionOption();
    addCacheOption(parser);
    parser.addOption({QStringLiteral("all"), tr("Show deleted runs too.")});
    parser.addPositionalArgument(QStringLiteral("source"),
                                 tr("Results folders to open (an MLflow mlruns folder, ...)."),
                                 tr("[source...]"));
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(args))
        return fail({}, parser.errorText(), Usage);
    if (parser.isSet(help)) {
        out() << parser.helpText();
        return Ok;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out() << QStringLiteral("runlens %1\n").arg(QStringLiteral(RUNLENS_VERSION));
        return Ok;
    }
    QStringList sources;
    for (const QString &s : parser.positionalArguments()) {
        if (!QFileInfo::exists(s))
            return fail({}, tr("No such file or folder: %1").arg(s));
        sources.append(s);
    }
    MainWindow::Options options;
    options.cachePath = cachePath(parser);
    options.forceShowDeleted = parser.isSet(QStringLiteral("all"));
    MainWindow window(options);
    window.show();
    if (!sources.isEmpty())
        window.openSources(sources);
    return QApplication::exec();
}

} // namespace runlens::app
