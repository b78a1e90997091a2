// SPDX-License-Identifier: GPL-3.0-or-later
// Run table at scale: 100,000 synthetic runs with 20 params and 20 metrics each. Times setRuns,
// sorting a numeric and a text column, and filter keystrokes, and reports peak memory.
//   bench_table [runs]

#include "core/runfilter.h"
#include "items/roles.h"
#include "items/runfilterproxymodel.h"
#include "items/runtablemodel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QRandomGenerator>
#include <algorithm>
#include <cstdio>

using namespace runlens;

namespace {

core::Runs makeRuns(int count) {
    QRandomGenerator rng(42);
    const QStringList optimizers{QStringLiteral("adam"), QStringLiteral("sgd"),
                                 QStringLiteral("adamw"), QStringLiteral("rmsprop")};
    const QStringList models{QStringLiteral("resnet18"), QStringLiteral("resnet50"),
                             QStringLiteral("vit_b_16"), QStringLiteral("convnext_tiny")};
    // Keys are shared between runs, as an importer interning its keys would give them.
    QStringList paramKeys{QStringLiteral("lr"),           QStringLiteral("batch_size"),
                          QStringLiteral("optimizer"),    QStringLiteral("model"),
                          QStringLiteral("weight_decay"), QStringLiteral("seed")};
    for (int i = int(paramKeys.size()); i < 20; ++i)
        paramKeys.append(QStringLiteral("extra_%1").arg(i));
    QStringList metricKeys;
    for (int i = 0; i < 20; ++i)
        metricKeys.append(QStringLiteral("metric_%1").arg(i, 2, 10, QChar(u'0')));
    metricKeys[0] = QStringLiteral("val_loss");
    std::sort(metricKeys.begin(), metricKeys.end());

    core::Runs runs(size_t(count), core::Run{});
    for (int r = 0; r < count; ++r) {
        core::Run &run = runs[size_t(r)];
        run.id = r + 1;
        run.uid = QStringLiteral("%1").arg(rng.generate64(), 16, 16, QChar(u'0'));
        run.format = QStringLiteral("mlflow");
        run.key = core::Run::makeKey(run.format, run.uid);
        run.name = QStringLiteral("run-%1").arg(rng.bounded(1000000));
        run.experiment = QStringLiteral("exp-%1").arg(r % 37);
        run.status = r % 23 == 0 ? core::RunStatus::Failed : core::RunStatus::Finished;
        run.deleted = r % 101 == 0;
        run.startMs = 1700000000000LL + r * 60000LL;
        run.endMs = run.startMs + rng.bounded(7200000);
        run.config.set(paramKeys[0], std::pow(10.0, -1 - 4 * rng.generateDouble()));
        run.config.set(paramKeys[1], qint64(16 << rng.bounded(5)));
        run.config.set(paramKeys[2], optimizers[rng.bounded(4)]);
        run.config.set(paramKeys[3], models[rng.bounded(4)]);
        run.config.set(paramKeys[4], rng.generateDouble() * 1e-3);
        run.config.set(paramKeys[5], qint64(rng.bounded(100000)));
        for (int i = 6; i < 20; ++i) {
            if (i % 2)
                run.config.set(paramKeys[i], rng.generateDouble());
            else
                run.config.set(paramKeys[i], QStringLiteral("v%1").arg(rng.bounded(50)));
        }
        run.metrics.reserve(20);
        for (const QString &k : std::as_const(metricKeys)) {
            core::MetricSummary s;
            s.count = 100;
            s.lastStep = 99;
            s.last = rng.generateDouble();
            s.min = s.last / 2;
            s.max = s.last * 2;
            run.metrics.push_back({k, s});
        }
    }
    return runs;
}

long peakRssKb() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

} // namespace

int main(int argc, char **argv) {
    QGuiApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, atoi(argv[1])) : 100000;

    QElapsedTimer t;
    t.start();
    core::Runs runs = makeRuns(count);
    const double makeMs = double(t.elapsed());

    items::RunTableModel table;
    items::RunFilterProxyModel proxy;
    proxy.setSourceModel(&table);
    t.restart();
    table.setRuns(std::move(runs));
    const double setRunsMs = double(t.nsecsElapsed()) / 1e6;

    const int metricColumn = table.columnOf(core::RunField::metric(QStringLiteral("val_loss")));
    const int textColumn = table.columnOf(core::RunField::attr(core::RunField::Attribute::Name));
    const int paramTextColumn = table.columnOf(core::RunField::param(QStringLiteral("optimizer")));
    Qt::SortOrder order = Qt::AscendingOrder;
    const auto flip = [&order] {
        order = order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
        return order;
    };
    // Each timed sort starts from another column so that it cannot reuse a sort cache.
    std::vector<double> sortNumeric;
    std::vector<double> sortText;
    std::vector<double> sortParamText;
    for (int i = 0; i < 5; ++i) {
        proxy.sort(textColumn);
        t.restart();
        proxy.sort(metricColumn, flip());
        sortNumeric.push_back(double(t.nsecsElapsed()) / 1e6);
        proxy.sort(metricColumn);
        t.restart();
        proxy.sort(textColumn, flip());
        sortText.push_back(double(t.nsecsElapsed()) / 1e6);
        proxy.sort(metricColumn);
        t.restart();
        proxy.sort(paramTextColumn, flip());
        sortParamText.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };

    // Typing a filter, debounced per keystroke, on a table sorted by val_loss.
    proxy.sort(metricColumn, Qt::AscendingOrder);
    const QStringList typed{QStringLiteral("params.lr < 0.0"),
                            QStringLiteral("params.lr < 0.01"),
                            QStringLiteral("params.lr < 0.001"),
                            QStringLiteral("params.lr < 0.01"),
                            QStringLiteral("params.lr < 0.01 and metrics.val_loss < 0.5"),
                            QStringLiteral("params.lr < 0.01 and metrics.val_loss < 0.")};
    std::vector<double> keystrokes;
    for (int round = 0; round < 3; ++round) {
        for (const QString &text : typed) {
            const core::RunFilter filter = core::RunFilter::parse(text);
            t.restart();
            proxy.setRunFilter(filter);
            (void)proxy.rowCount(); // the proxy may filter lazily
            keystrokes.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        proxy.setRunFilter({});
    }
    std::vector<double> words;
    for (const QString &text : {QStringLiteral("ada"), QStringLiteral("adam"),
                                QStringLiteral("adam res"), QStringLiteral("adam resnet5")}) {
        const core::RunFilter filter = core::RunFilter::parse(text);
        t.restart();
        proxy.setRunFilter(filter);
        (void)proxy.rowCount();
        words.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const int shown = proxy.rowCount();
    proxy.setRunFilter({});
    t.restart();
    proxy.setRunFilter({});
    (void)proxy.rowCount();
    const double clearMs = double(t.nsecsElapsed()) / 1e6;

    std::printf("bench_table: %d runs, %d columns, %d rows shown by the last word filter\n", count,
                table.columnCount(), shown);
    std::printf("  %-44s %10.1f ms\n", "generate runs (not the model)", makeMs);
    std::printf("  %-44s %10.1f ms\n", "setRuns", setRunsMs);
    std::printf("  %-44s %10.1f ms\n", "sort metrics.val_loss (median of 5)", median(sortNumeric));
    std::printf("  %-44s %10.1f ms\n", "sort attributes.name (median of 5)", median(sortText));
    std::printf("  %-44s %10.1f ms\n", "sort params.optimizer (median of 5)",
                median(sortParamText));
    std::printf("  %-44s %10.1f ms\n", "filter keystroke, expression (median)", median(keystrokes));
    std::printf("  %-44s %10.1f ms\n", "filter keystroke, expression (max)",
                *std::max_element(keystrokes.begin(), keystrokes.end()));
    std::printf("  %-44s %10.1f ms\n", "filter keystroke, plain words (median)", median(words));
    std::printf("  %-44s %10.1f ms\n", "clear the filter", clearMs);
    std::printf("  %-44s %10.1f MB\n", "peak RSS (VmHWM)", double(peakRssKb()) / 1024.0);
    return 0;
}
