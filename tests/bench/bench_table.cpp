// SPDX-License-Identifier: GPL-3.0-or-later
// Run table at scale: 100,000 synthetic runs with 20 params and 20 metrics each. Times setRuns,
// sorting a numeric and a text column, and filter keystrokes, and reports memory: the runs
// alone, what the model and the proxy add, and the peak. Times are wall and thread CPU
// milliseconds; on a loaded machine the CPU figure is the steadier one.
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
#include <ctime>
#include <memory>

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

long statusKb(const char *field) {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray name(field);
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(name))
            return line.mid(name.size()).trimmed().split(' ').first().toLong();
    }
    return -1;
}

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

/// Wall and CPU milliseconds of one call.
struct Sample {
    double wall = 0;
    double cpu = 0;
};

template <typename F> Sample measure(F &&f) {
    QElapsedTimer t;
    const double cpu0 = threadCpuMs();
    t.start();
    f();
    return {double(t.nsecsElapsed()) / 1e6, threadCpuMs() - cpu0};
}

Sample median(std::vector<Sample> v) {
    std::sort(v.begin(), v.end(), [](Sample a, Sample b) { return a.wall < b.wall; });
    Sample m = v[v.size() / 2];
    std::sort(v.begin(), v.end(), [](Sample a, Sample b) { return a.cpu < b.cpu; });
    m.cpu = v[v.size() / 2].cpu;
    return m;
}

Sample maximum(const std::vector<Sample> &v) {
    Sample m;
    for (const Sample s : v) {
        m.wall = std::max(m.wall, s.wall);
        m.cpu = std::max(m.cpu, s.cpu);
    }
    return m;
}

void print(const char *what, Sample s) {
    std::printf("  %-46s %9.1f ms wall %9.1f ms CPU\n", what, s.wall, s.cpu);
}

void printMb(const char *what, double mb) {
    std::printf("  %-46s %9.1f MB\n", what, mb);
}

} // namespace

int main(int argc, char **argv) {
    QGuiApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, atoi(argv[1])) : 100000;

    const long baseRss = statusKb("VmRSS:");
    core::Runs runs;
    const Sample make = measure([&] { runs = makeRuns(count); });
    const long runsRss = statusKb("VmRSS:");

    items::RunTableModel table;
    items::RunFilterProxyModel proxy;
    proxy.setSourceModel(&table);
    const Sample setRuns = measure([&] { table.setRuns(std::move(runs)); });
    const long modelRss = statusKb("VmRSS:");

    const int metricColumn = table.columnOf(core::RunField::metric(QStringLiteral("val_loss")));
    const int textColumn = table.columnOf(core::RunField::attr(core::RunField::Attribute::Name));
    const int paramTextColumn = table.columnOf(core::RunField::param(QStringLiteral("optimizer")));
    Qt::SortOrder order = Qt::AscendingOrder;
    const auto flip = [&order] {
        order = order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
        return order;
    };
    // Each timed sort starts from another column so that it cannot reuse cached sort keys.
    std::vector<Sample> sortNumeric;
    std::vector<Sample> sortText;
    std::vector<Sample> sortParamText;
    std::vector<Sample> sortFlip;
    for (int i = 0; i < 5; ++i) {
        proxy.sort(textColumn);
        sortNumeric.push_back(measure([&] { proxy.sort(metricColumn, flip()); }));
        proxy.sort(metricColumn);
        sortText.push_back(measure([&] { proxy.sort(textColumn, flip()); }));
        sortFlip.push_back(measure([&] { proxy.sort(textColumn, flip()); }));
        proxy.sort(metricColumn);
        sortParamText.push_back(measure([&] { proxy.sort(paramTextColumn, flip()); }));
    }

    // Typing a filter, debounced per keystroke, on a table sorted by val_loss.
    proxy.sort(metricColumn, Qt::AscendingOrder);
    const QStringList typed{QStringLiteral("params.lr < 0.0"),
                            QStringLiteral("params.lr < 0.01"),
                            QStringLiteral("params.lr < 0.001"),
                            QStringLiteral("params.lr < 0.01"),
                            QStringLiteral("params.lr < 0.01 and metrics.val_loss < 0.5"),
                            QStringLiteral("params.lr < 0.01 and metrics.val_loss < 0.")};
    std::vector<Sample> keystrokes;
    for (int round = 0; round < 3; ++round) {
        for (const QString &text : typed) {
            const core::RunFilter filter = core::RunFilter::parse(text);
            keystrokes.push_back(measure([&] {
                proxy.setRunFilter(filter);
                (void)proxy.rowCount(); // a proxy may filter lazily
            }));
        }
        proxy.setRunFilter({});
    }
    // The first plain word may wait for the model's text index (built once per setRuns).
    std::vector<Sample> words;
    Sample firstWord;
    for (int round = 0; round < 3; ++round) {
        for (const QString &text : {QStringLiteral("ada"), QStringLiteral("adam"),
                                    QStringLiteral("adam res"), QStringLiteral("adam resnet5")}) {
            const core::RunFilter filter = core::RunFilter::parse(text);
            const Sample s = measure([&] {
                proxy.setRunFilter(filter);
                (void)proxy.rowCount();
            });
            if (round == 0 && words.empty() && firstWord.wall == 0)
                firstWord = s;
            else
                words.push_back(s);
        }
    }
    const int shown = proxy.rowCount();

    const Sample clear = measure([&] {
        proxy.setRunFilter({});
        (void)proxy.rowCount();
    });
    const long endRss = statusKb("VmRSS:");
    const long peakRss = statusKb("VmHWM:");
    // What the model builds on its background thread after setRuns, timed here on its own
    // (after the memory readings, which this second copy would inflate).
    std::unique_ptr<core::RunTextIndex> index;
    const Sample indexBuild =
        measure([&] { index = std::make_unique<core::RunTextIndex>(table.runs()); });

    std::printf("bench_table: %d runs, %d columns, %d rows shown by the last word filter\n", count,
                table.columnCount(), shown);
    print("generate runs (not the model)", make);
    print("setRuns", setRuns);
    print("sort metrics.val_loss (median of 5)", median(sortNumeric));
    print("sort attributes.name (median of 5)", median(sortText));
    print("sort attributes.name, flip order (median of 5)", median(sortFlip));
    print("sort params.optimizer (median of 5)", median(sortParamText));
    print("filter keystroke, expression (median of 18)", median(keystrokes));
    print("filter keystroke, expression (max)", maximum(keystrokes));
    print("text index build (background, after setRuns)", indexBuild);
    print("filter keystroke, plain words, first", firstWord);
    print("filter keystroke, plain words (median of 11)", median(words));
    print("filter keystroke, plain words (max)", maximum(words));
    print("clear the filter", clear);
    printMb("RSS before the runs", double(baseRss) / 1024.0);
    printMb("RSS with the runs alone", double(runsRss) / 1024.0);
    printMb("RSS after setRuns (runs moved into the model)", double(modelRss) / 1024.0);
    printMb("RSS at the end", double(endRss) / 1024.0);
    printMb("model's own tables (RunTableModel)", double(table.memoryBytes()) / 1048576.0);
    printMb("text index (RunTextIndex)", double(table.textIndex().memoryBytes()) / 1048576.0);
    printMb("proxy's own tables and sort buffers", double(proxy.memoryBytes()) / 1048576.0);
    printMb("peak RSS (VmHWM)", double(peakRss) / 1024.0);
    return 0;
}
