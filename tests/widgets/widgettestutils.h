// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/run.h"

#include <QApplication>
#include <QTest>

namespace runlens::tests {

/// A few hand-made runs with params and metrics of different magnitudes.
inline core::Runs sampleRuns() {
    core::Runs runs;
    const struct {
        const char *uid;
        const char *name;
        double lr;
        qint64 batch;
        double loss;
        bool deleted;
    } rows[] = {
        {"aaa111", "alpha", 0.1, 16, 2.5, false},
        {"bbb222", "beta", 0.001, 128, 0.25, false},
        {"ccc333", "gamma", 0.01, 32, 10.0, false},
        {"ddd444", "delta", 0.0001, 512, 0.05, false},
    };
    qint64 id = 1;
    for (const auto &r : rows) {
        core::Run run;
        run.id = id++;
        run.format = QStringLiteral("mlflow");
        run.uid = QString::fromLatin1(r.uid);
        run.key = core::Run::makeKey(run.format, run.uid);
        run.name = QString::fromLatin1(r.name);
        run.experiment = QStringLiteral("exp");
        run.sourceRoot = QStringLiteral("/data/mlruns");
        run.path = QStringLiteral("1/") + run.uid;
        run.status = core::RunStatus::Finished;
        run.startMs = 1700000000000 + run.id * 1000;
        run.endMs = run.startMs + 60000;
        run.deleted = r.deleted;
        run.config.set(QStringLiteral("lr"), r.lr);
        run.config.set(QStringLiteral("batch_size"), r.batch);
        run.config.set(QStringLiteral("optimizer"), QStringLiteral("adam"));
        run.metricRef(QStringLiteral("loss")).add(core::MetricPoint{1, 0, r.loss});
        run.metricRef(QStringLiteral("lr")).add(core::MetricPoint{1, 0, r.lr});
        runs.push_back(run);
    }
    return runs;
}

} // namespace runlens::tests

/// QTEST_MAIN for widget suites: headless (offscreen) and at 96 DPI unless told otherwise.
#define RUNLENS_WIDGET_TEST_MAIN(TestObject)                                                       \
    int main(int argc, char **argv) {                                                              \
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))                                        \
            qputenv("QT_QPA_PLATFORM", "offscreen");                                               \
        if (qEnvironmentVariableIsEmpty("QT_SCALE_FACTOR"))                                        \
            qputenv("QT_SCALE_FACTOR", "1");                                                       \
        QApplication::setAttribute(Qt::AA_Use96Dpi, true);                                         \
        QApplication app(argc, argv);                                                              \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }
