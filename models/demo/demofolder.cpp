// SPDX-License-Identifier: GPL-3.0-or-later
#include "demofolder.h"

#include "demodatabases.h"

#include <QCoreApplication>
#include <algorithm>

namespace runlens::demo {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::demo::DemoFolder)
};

} // namespace

const std::vector<DemoFormat> &demoFormats() {
    static const std::vector<DemoFormat> formats{
        {QStringLiteral("mlflow"), Tr::tr("MLflow file store"), &writeDemoStore},
        {QStringLiteral("mlflow-db"), Tr::tr("MLflow SQLite store"), &writeDemoMlflowDb},
        {QStringLiteral("optuna"), Tr::tr("Optuna studies"), &writeDemoOptuna},
        {QStringLiteral("kedro"), Tr::tr("Kedro experiment tracking"), &writeDemoKedro},
    };
    return formats;
}

bool writeDemoFolder(const QString &dir, const DemoOptions &options, const QStringList &formats,
                     QString *error) {
    for (const QString &id : formats) {
        const auto &all = demoFormats();
        if (std::none_of(all.begin(), all.end(), [&](const DemoFormat &f) { return f.id == id; })) {
            if (error)
                *error = Tr::tr("Unknown demo format “%1”.").arg(id);
            return false;
        }
    }
    quint64 salt = 0;
    for (const DemoFormat &format : demoFormats()) {
        ++salt;
        if (!formats.isEmpty() && !formats.contains(format.id))
            continue;
        DemoOptions o = options;
        if (format.id != u"mlflow") {
            // A whole-folder demo: a small sweep per format. Asked for one format alone, the
            // caller's sizes stand (benchmarks make big folders this way).
            if (formats.size() != 1)
                o.runs = std::max(4, options.runs / 6);
            o.seed = options.seed * 1000003u + salt;
        }
        if (!format.write(dir, o, error))
            return false;
    }
    return true;
}

} // namespace runlens::demo
