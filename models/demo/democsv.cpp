// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/democsv.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace runlens::demo {

namespace {

bool fail(QString *error, const QString &message) {
    if (error)
        *error = message;
    return false;
}

/// Creates target; false when it cannot, or when it holds something already.
bool prepare(const QString &target, QString *error) {
    const QDir d(target);
    if (d.exists() && !d.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return fail(error, QStringLiteral("%1 exists and is not empty").arg(target));
    if (!QDir().mkpath(target))
        return fail(error, QStringLiteral("Cannot create %1").arg(target));
    return true;
}

bool writeBytes(const QString &path, const std::string &bytes, QString *error) {
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(error, QStringLiteral("Cannot create %1").arg(QFileInfo(path).absolutePath()));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        f.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        return fail(error, QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    return true;
}

void number(std::string &out, double v) {
    const QByteArray repr = pythonFloatRepr(v);
    out.append(repr.constData(), size_t(repr.size()));
}

/// The params as PyYAML / OmegaConf dump them: one "name: value" line each, sorted.
std::string yamlParams(const DemoRun &run) {
    std::vector<const DemoParam *> params;
    for (const DemoParam &p : run.params)
        params.push_back(&p);
    std::sort(params.begin(), params.end(),
              [](const DemoParam *a, const DemoParam *b) { return a->name < b->name; });
    std::string out;
    for (const DemoParam *p : params) {
        out += p->name;
        out += ": ";
        switch (p->kind) {
        case DemoParam::Kind::Text: {
            std::string quoted = "'";
            for (char c : p->text)
                quoted += c == '\'' ? std::string("''") : std::string(1, c);
            out += quoted + '\'';
            break;
        }
        case DemoParam::Kind::Bool:
            out += p->number != 0 ? "true" : "false";
            break;
        default:
            out += p->text;
        }
        out += '\n';
    }
    return out;
}

/// Unique folder / file names from run names.
class Names {
public:
    QString take(const std::string &name) {
        QString n = QString::fromStdString(name);
        for (int i = 2; m_used.contains(n); ++i)
            n = QString::fromStdString(name) + u'-' + QString::number(i);
        m_used.insert(n);
        return n;
    }

private:
    QSet<QString> m_used;
};

size_t stepsOf(const DemoRun &run) {
    return run.values.empty() ? 0 : run.values.front().size();
}

bool forEachRun(const DemoOptions &o, const std::function<bool(const DemoRun &)> &write) {
    const DemoSweep sweep(o);
    for (int i = 0; i < sweep.size(); ++i) {
        if (!write(sweep.run(i)))
            return false;
    }
    return true;
}

} // namespace

bool writeDemoLightning(const QString &dir, const DemoOptions &o, QString *error) {
    const QString root = dir + QStringLiteral("/lightning_logs");
    if (!prepare(root, error))
        return false;
    int version = 0;
    return forEachRun(o, [&](const DemoRun &run) {
        const QString folder = root + QStringLiteral("/version_%1").arg(version++);
        if (!writeBytes(folder + QStringLiteral("/hparams.yaml"), yamlParams(run), error))
            return false;
        // The header is the sorted union of every key, step included.
        std::vector<std::string> columns = run.metricNames;
        const bool hasEpoch = std::find(columns.begin(), columns.end(), "epoch") != columns.end();
        if (!hasEpoch)
            columns.push_back("epoch");
        columns.push_back("step");
        std::sort(columns.begin(), columns.end());
        std::vector<int> metricOf(columns.size(), -1); // column → metric index
        for (size_t c = 0; c < columns.size(); ++c) {
            const auto it = std::find(run.metricNames.begin(), run.metricNames.end(), columns[c]);
            if (it != run.metricNames.end())
                metricOf[c] = int(it - run.metricNames.begin());
        }
        const size_t steps = stepsOf(run);
        const size_t perEpoch = std::max<size_t>(1, steps / 10);
        std::string out;
        out.reserve(steps * columns.size() * 24);
        for (size_t c = 0; c < columns.size(); ++c) {
            out += c ? "," : "";
            out += columns[c];
        }
        out += "\r\n";
        // Train values on one row, validation values on another sharing the step.
        auto row = [&](size_t i, bool validation) {
            bool any = false;
            std::string line;
            for (size_t c = 0; c < columns.size(); ++c) {
                if (c)
                    line += ',';
                if (columns[c] == "step") {
                    line += std::to_string(i);
                } else if (columns[c] == "epoch") {
                    if (metricOf[c] >= 0)
                        number(line, run.values[size_t(metricOf[c])][i]);
                    else
                        line += std::to_string(i / perEpoch);
                } else if (metricOf[c] >= 0 && columns[c].starts_with("val") == validation) {
                    number(line, run.values[size_t(metricOf[c])][i]);
                    any = true;
                }
            }
            if (any)
                out += line + "\r\n";
        };
        for (size_t i = 0; i < steps; ++i) {
            row(i, false);
            row(i, true);
        }
        return writeBytes(folder + QStringLiteral("/metrics.csv"), out, error);
    });
}

bool writeDemoKeras(const QString &dir, const DemoOptions &o, QString *error) {
    const QString root = dir + QStringLiteral("/keras");
    if (!prepare(root, error))
        return false;
    Names names;
    return forEachRun(o, [&](const DemoRun &run) {
        // Keras names: loss, val_loss, val_accuracy, lr, ...
        std::vector<std::pair<std::string, int>> columns;
        for (size_t m = 0; m < run.metricNames.size(); ++m) {
            std::string n = run.metricNames[m];
            if (n == "epoch")
                continue;
            if (n.starts_with("train/"))
                n = n.substr(6);
            else if (n.starts_with("val/"))
                n = "val_" + n.substr(4);
            std::replace(n.begin(), n.end(), '/', '_');
            columns.emplace_back(n, int(m));
        }
        std::sort(columns.begin(), columns.end());
        std::string out = "epoch";
        for (const auto &c : columns)
            out += ',' + c.first;
        out += "\r\n";
        for (size_t i = 0; i < stepsOf(run); ++i) {
            out += std::to_string(i);
            for (const auto &c : columns) {
                out += ',';
                number(out, run.values[size_t(c.second)][i]);
            }
            out += "\r\n";
        }
        const QString path = root + u'/' + QString::fromStdString(run.experiment) + u'/' +
                             names.take(run.name) + QStringLiteral(".log");
        return writeBytes(path, out, error);
    });
}

bool writeDemoCsvLogs(const QString &dir, const DemoOptions &o, QString *error) {
    const QString root = dir + QStringLiteral("/csv_logs");
    if (!prepare(root, error))
        return false;
    Names names;
    int index = 0;
    return forEachRun(o, [&](const DemoRun &run) {
        const QString folder =
            root + u'/' + QString::fromStdString(run.experiment) + u'/' + names.take(run.name);
        const size_t steps = stepsOf(run);
        std::string out;
        out.reserve(steps * (run.metricNames.size() + 2) * 20);
        const bool jsonl = index++ % 4 == 3;
        if (jsonl) {
            for (size_t i = 0; i < steps; ++i) {
                out += "{\"step\": " + std::to_string(i) + ", \"timestamp\": ";
                number(out, double(run.timesMs[i]) / 1000.0);
                for (size_t m = 0; m < run.metricNames.size(); ++m) {
                    out += ", \"" + run.metricNames[m] + "\": ";
                    const double v = run.values[m][i];
                    if (std::isnan(v))
                        out += "NaN";
                    else if (std::isinf(v))
                        out += v > 0 ? "Infinity" : "-Infinity";
                    else
                        number(out, v);
                }
                out += "}\n";
            }
            return writeBytes(folder + QStringLiteral("/metrics.jsonl"), out, error);
        }
        out += "step,timestamp";
        for (const std::string &n : run.metricNames)
            out += ',' + n;
        out += '\n';
        for (size_t i = 0; i < steps; ++i) {
            out += std::to_string(i);
            out += ',';
            number(out, double(run.timesMs[i]) / 1000.0);
            for (size_t m = 0; m < run.metricNames.size(); ++m) {
                out += ',';
                number(out, run.values[m][i]);
            }
            out += '\n';
        }
        return writeBytes(folder + QStringLiteral("/metrics.csv"), out, error);
    });
}

bool writeDemoUltralytics(const QString &dir, const DemoOptions &o, QString *error) {
    const QString root = dir + QStringLiteral("/ultralytics/runs/detect");
    if (!prepare(root, error))
        return false;
    Names names;
    return forEachRun(o, [&](const DemoRun &run) {
        const QString name = names.take(run.name);
        const QString folder = root + u'/' + name;
        const std::string args = "task: detect\nmode: train\nmodel: yolov8n.pt\ndata: coco8.yaml\n"
                                 "name: " +
                                 name.toStdString() + "\n" + yamlParams(run);
        if (!writeBytes(folder + QStringLiteral("/args.yaml"), args, error))
            return false;
        std::string out = "epoch,time";
        std::vector<size_t> metrics;
        for (size_t m = 0; m < run.metricNames.size(); ++m) {
            if (run.metricNames[m] == "epoch")
                continue;
            metrics.push_back(m);
            out += ',' + run.metricNames[m];
        }
        out += '\n';
        for (size_t i = 0; i < stepsOf(run); ++i) {
            out += std::to_string(i + 1);
            out += ',';
            number(out, std::round(double(run.timesMs[i] - run.startMs) / 10.0) / 100.0);
            for (size_t m : metrics) {
                out += ',';
                number(out, run.values[m][i]);
            }
            out += '\n';
        }
        return writeBytes(folder + QStringLiteral("/results.csv"), out, error);
    });
}

} // namespace runlens::demo
