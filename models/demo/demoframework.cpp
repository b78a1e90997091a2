// SPDX-License-Identifier: GPL-3.0-or-later
#include "demoframework.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string>

namespace runlens::demo {

namespace {

/// Writes files below one root, remembering the first error.
class Writer {
public:
    explicit Writer(QString *error)
        : m_error(error) {}

    /// Creates dir/<sub>; refuses one that holds anything already.
    bool open(const QString &dir, const QString &sub) {
        m_root = QDir::cleanPath(QDir(dir).absoluteFilePath(sub));
        if (QFileInfo(m_root).isDir() &&
            !QDir(m_root)
                 .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                 .isEmpty())
            return fail(QStringLiteral("%1 is not empty; choose an empty folder.")
                            .arg(QDir::toNativeSeparators(m_root)));
        if (!QDir().mkpath(m_root))
            return fail(QStringLiteral("Cannot create the folder %1.")
                            .arg(QDir::toNativeSeparators(m_root)));
        return true;
    }

    bool write(const QString &rel, const std::string &content) {
        const QString path = m_root + u'/' + rel;
        if (!QDir().mkpath(path.section(u'/', 0, -2)))
            return fail(QStringLiteral("Cannot create the folder %1.")
                            .arg(QDir::toNativeSeparators(path.section(u'/', 0, -2))));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            f.write(content.data(), qint64(content.size())) != qint64(content.size()))
            return fail(QStringLiteral("Cannot write %1: %2")
                            .arg(QDir::toNativeSeparators(path), f.errorString()));
        return true;
    }

    bool fail(const QString &message) {
        if (m_error)
            *m_error = message;
        return false;
    }

    /// A folder name for a run, unique within the root.
    QString unique(const std::string &name, const std::string &id) {
        QString n = QString::fromStdString(name);
        if (!m_used.insert(n).second) {
            n += u'-' + QString::fromStdString(id.substr(0, 8));
            m_used.insert(n);
        }
        return n;
    }

private:
    QString m_root;
    QString *m_error;
    std::set<QString> m_used;
};

/// A float as Python's json module writes it (bare NaN / Infinity).
std::string jsonFloat(double v) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "Infinity" : "-Infinity";
    return pythonFloatRepr(v).toStdString();
}

std::string jsonString(const std::string &s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

/// A param as JSON (typed) and as YAML.
std::string jsonParam(const DemoParam &p) {
    switch (p.kind) {
    case DemoParam::Kind::Float:
        return jsonFloat(p.number);
    case DemoParam::Kind::Int:
        return std::to_string(qint64(p.number));
    case DemoParam::Kind::Bool:
        return p.number != 0 ? "true" : "false";
    case DemoParam::Kind::Text:
        break;
    }
    return jsonString(p.text);
}

std::string yamlParam(const DemoParam &p) {
    if (p.kind == DemoParam::Kind::Bool)
        return p.number != 0 ? "true" : "false";
    if (p.kind == DemoParam::Kind::Float && p.text.find_first_of(".en") == std::string::npos)
        return p.text + ".0";
    return p.text;
}

/// Steps the run logged (failed and running runs stop early).
size_t stepsOf(const DemoRun &run) {
    size_t n = run.timesMs.size();
    for (const auto &v : run.values)
        n = std::min(n, v.size());
    return n;
}

/// "H:MM:SS.ffffff", as Python prints a timedelta.
std::string duration(qint64 ms) {
    ms = std::max<qint64>(ms, 0);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld.%06lld", (long long)(ms / 3600000),
                  (long long)(ms / 60000 % 60), (long long)(ms / 1000 % 60),
                  (long long)(ms % 1000 * 1000));
    return buf;
}

bool isFinished(const DemoRun &run) {
    return run.status == 3;
}

// --- DVCLive ----------------------------------------------------------------------------------

bool writeDvcliveRun(Writer &w, const QString &runDir, const DemoRun &run) {
    const size_t steps = stepsOf(run);
    std::string params;
    for (const DemoParam &p : run.params)
        params += p.name + ": " + yamlParam(p) + '\n';
    // The DVC project around it: the pipeline's params.yaml, a dvc.yaml naming the outputs.
    if (!w.write(runDir + QStringLiteral("/params.yaml"), params) ||
        !w.write(
            runDir + QStringLiteral("/dvc.yaml"),
            "stages:\n  train:\n    cmd: python " + run.script.substr(run.script.rfind('/') + 1) +
                "\n    params:\n    - params.yaml:\n    metrics:\n    - dvclive/metrics.json:\n"
                "        cache: false\n    plots:\n    - dvclive/plots:\n        cache: false\n"))
        return false;
    const QString live = runDir + QStringLiteral("/dvclive");
    if (!w.write(live + QStringLiteral("/params.yaml"), params))
        return false;
    // metrics.json: nested by '/', 4-space indent, non-finite values as strings.
    struct Node {
        std::map<std::string, Node> children;
        std::string value;
    };
    Node root;
    for (size_t m = 0; m < run.metricNames.size(); ++m) {
        const std::string &name = run.metricNames[m];
        std::string tsv = "step\t" + name.substr(name.rfind('/') + 1) + '\n';
        for (size_t i = 0; i < steps; ++i)
            tsv +=
                std::to_string(i) + '\t' + pythonFloatRepr(run.values[m][i]).toStdString() + '\n';
        if (!w.write(live + QStringLiteral("/plots/metrics/") + QString::fromStdString(name) +
                         QStringLiteral(".tsv"),
                     tsv))
            return false;
        if (steps == 0)
            continue;
        Node *node = &root;
        size_t start = 0;
        for (size_t slash = name.find('/'); slash != std::string::npos;
             start = slash + 1, slash = name.find('/', start))
            node = &node->children[name.substr(start, slash - start)];
        const double v = run.values[m][steps - 1];
        node->children[name.substr(start)].value =
            std::isfinite(v) ? pythonFloatRepr(v).toStdString()
                             : '"' + pythonFloatRepr(v).toStdString() + '"';
    }
    std::string json;
    std::function<void(const Node &, int)> writeNode = [&](const Node &n, int indent) {
        json += "{\n";
        size_t i = 0;
        for (const auto &[key, child] : n.children) {
            json += std::string(size_t(indent + 4), ' ') + jsonString(key) + ": ";
            if (child.children.empty())
                json += child.value;
            else
                writeNode(child, indent + 4);
            json += ++i < n.children.size() ? ",\n" : "\n";
        }
        json += std::string(size_t(indent), ' ') + '}';
    };
    if (steps > 0)
        root.children["step"].value = std::to_string(steps - 1);
    writeNode(root, 0);
    return w.write(live + QStringLiteral("/metrics.json"), json);
}

// --- Hugging Face Trainer ---------------------------------------------------------------------

/// "train/loss" → "loss", "val/accuracy" → "eval_accuracy", "lr" → "learning_rate".
std::string hfKey(const std::string &name) {
    std::string key = name;
    if (key.starts_with("train/"))
        key = key.substr(6);
    else if (key.starts_with("val/"))
        key = "eval_" + key.substr(4);
    else if (key == "lr")
        key = "learning_rate";
    for (char &c : key) {
        if (c == '/')
            c = '_';
    }
    return key;
}

bool writeHfRun(Writer &w, const QString &runDir, const DemoRun &run) {
    const size_t steps = stepsOf(run);
    std::vector<std::string> entries;
    auto entry = [&](size_t i, bool eval) {
        std::string e = "    {\n      \"epoch\": " +
                        jsonFloat(double(i + 1) / double(std::max<size_t>(steps, 1)) * 3.0);
        for (size_t m = 0; m < run.metricNames.size(); ++m) {
            const bool isEval = run.metricNames[m].starts_with("val/");
            if (isEval != eval || run.metricNames[m] == "epoch")
                continue;
            e += ",\n      " + jsonString(hfKey(run.metricNames[m])) + ": " +
                 jsonFloat(run.values[m][i]);
        }
        return e + ",\n      \"step\": " + std::to_string(i + 1) + "\n    }";
    };
    const size_t saveEvery = std::max<size_t>(1, steps / 4);
    std::string trialParams = "{";
    for (size_t p = 0; p < run.params.size(); ++p)
        trialParams +=
            (p ? ", " : "") + jsonString(run.params[p].name) + ": " + jsonParam(run.params[p]);
    trialParams += '}';
    const qint64 runtimeMs = (run.endMs > 0         ? run.endMs
                              : run.timesMs.empty() ? run.startMs
                                                    : run.timesMs.back()) -
                             run.startMs;
    auto state = [&](size_t upTo, bool final) {
        std::string history;
        for (size_t i = 0; i < upTo; ++i) {
            history += (i ? ",\n" : "") + entry(i, false) + ",\n" + entry(i, true);
        }
        if (final) {
            history += ",\n    {\n      \"epoch\": 3.0,\n      \"step\": " + std::to_string(upTo) +
                       ",\n      \"total_flos\": 1.2e+16,\n      \"train_loss\": " +
                       jsonFloat(run.values.empty() || upTo == 0 ? 0.0 : run.values[0][upTo - 1]) +
                       ",\n      \"train_runtime\": " + jsonFloat(double(runtimeMs) / 1000.0) +
                       "\n    }";
        }
        return "{\n  \"best_global_step\": null,\n  \"best_metric\": null,\n"
               "  \"best_model_checkpoint\": null,\n  \"epoch\": " +
               jsonFloat(double(upTo) / double(std::max<size_t>(steps, 1)) * 3.0) +
               ",\n  \"eval_steps\": 1,\n  \"global_step\": " + std::to_string(upTo) +
               ",\n  \"is_hyper_param_search\": true,\n  \"log_history\": [\n" + history +
               "\n  ],\n  \"logging_steps\": 1,\n  \"max_steps\": " + std::to_string(steps) +
               ",\n  \"num_train_epochs\": 3,\n  \"save_steps\": " + std::to_string(saveEvery) +
               ",\n  \"stateful_callbacks\": {\n    \"TrainerControl\": {\n      \"args\": {\n"
               "        \"should_training_stop\": " +
               (final ? "true" : "false") +
               "\n      }\n    }\n  },\n  \"train_batch_size\": 32,\n  \"trial_name\": " +
               jsonString(run.name) + ",\n  \"trial_params\": " + trialParams + "\n}\n";
    };
    const bool finished = isFinished(run);
    for (size_t s = saveEvery; s <= steps; s += saveEvery) {
        if (!w.write(runDir + QStringLiteral("/checkpoint-%1/trainer_state.json").arg(s),
                     state(s, false)))
            return false;
    }
    // trainer.save_state() after training: the whole history, with the final summary entry.
    if (finished && !w.write(runDir + QStringLiteral("/trainer_state.json"), state(steps, true)))
        return false;
    if (!w.write(runDir + QStringLiteral("/config.json"),
                 "{\n  \"architectures\": [\"DemoForSequenceClassification\"],\n"
                 "  \"hidden_size\": 256,\n  \"model_type\": \"demo\",\n"
                 "  \"num_hidden_layers\": 4\n}\n"))
        return false;
    if (finished && steps > 0) {
        std::string results = "{\n    \"epoch\": 3.0";
        for (size_t m = 0; m < run.metricNames.size(); ++m) {
            if (run.metricNames[m].starts_with("val/"))
                results += ",\n    " + jsonString(hfKey(run.metricNames[m])) + ": " +
                           jsonFloat(run.values[m][steps - 1]);
        }
        results += ",\n    \"train_runtime\": " + jsonFloat(double(runtimeMs) / 1000.0) + "\n}";
        if (!w.write(runDir + QStringLiteral("/all_results.json"), results))
            return false;
    }
    return true;
}

// --- AllenNLP ---------------------------------------------------------------------------------

std::string allennlpKey(const std::string &name) {
    std::string key = name;
    if (key.starts_with("train/"))
        key = "training_" + key.substr(6);
    else if (key.starts_with("val/"))
        key = "validation_" + key.substr(4);
    else
        key = "training_" + key;
    for (char &c : key) {
        if (c == '/')
            c = '_';
    }
    return key;
}

bool writeAllennlpRun(Writer &w, const QString &runDir, const DemoRun &run) {
    const size_t steps = stepsOf(run);
    std::string config = "{\n    \"trainer\": {\n        \"num_epochs\": " + std::to_string(steps) +
                         ",\n        \"optimizer\": {";
    std::string model = "    \"model\": {";
    size_t nOpt = 0, nModel = 0;
    for (const DemoParam &p : run.params) {
        const bool opt = p.name == "lr" || p.name == "optimizer" || p.name == "weight_decay";
        std::string &target = opt ? config : model;
        size_t &n = opt ? nOpt : nModel;
        target += std::string(n++ ? "," : "") + "\n" + (opt ? "            " : "        ") +
                  jsonString(p.name == "optimizer" ? "type" : p.name) + ": " + jsonParam(p);
    }
    config += "\n        }\n    },\n" + model + "\n    }\n}\n";
    if (!w.write(runDir + QStringLiteral("/config.json"), config))
        return false;
    qsizetype best = -1;
    double bestLoss = 0;
    size_t valLoss = run.metricNames.size();
    for (size_t m = 0; m < run.metricNames.size(); ++m) {
        if (run.metricNames[m] == "val/loss")
            valLoss = m;
    }
    std::string text;
    for (size_t i = 0; i < steps; ++i) {
        if (valLoss < run.metricNames.size() && std::isfinite(run.values[valLoss][i]) &&
            (best < 0 || run.values[valLoss][i] < bestLoss)) {
            best = qsizetype(i);
            bestLoss = run.values[valLoss][i];
        }
        text = "{\n  \"best_epoch\": " + std::to_string(std::max<qsizetype>(best, 0)) +
               ",\n  \"training_duration\": \"" + duration(run.timesMs[i] - run.startMs) +
               "\",\n  \"training_start_epoch\": 0,\n"
               "  \"training_epochs\": " +
               std::to_string(i) + ",\n  \"epoch\": " + std::to_string(i);
        for (size_t m = 0; m < run.metricNames.size(); ++m) {
            if (run.metricNames[m] == "epoch")
                continue;
            text += ",\n  " + jsonString(allennlpKey(run.metricNames[m])) + ": " +
                    jsonFloat(run.values[m][i]);
        }
        if (best >= 0) {
            for (size_t m = 0; m < run.metricNames.size(); ++m) {
                if (run.metricNames[m].starts_with("val/"))
                    text += ",\n  \"best_" + allennlpKey(run.metricNames[m]) +
                            "\": " + jsonFloat(run.values[m][size_t(best)]);
            }
        }
        text += "\n}";
        if (!w.write(runDir + QStringLiteral("/metrics_epoch_%1.json").arg(i), text))
            return false;
    }
    if (isFinished(run) && steps > 0 && !w.write(runDir + QStringLiteral("/metrics.json"), text))
        return false;
    return true;
}

template <typename WriteRun>
bool writeAll(const QString &dir, const QString &sub, const DemoOptions &options, QString *error,
              bool byExperiment, WriteRun writeRun) {
    Writer w(error);
    if (!w.open(dir, sub))
        return false;
    const DemoSweep sweep(options);
    for (int i = 0; i < sweep.size(); ++i) {
        const DemoRun run = sweep.run(i);
        if (run.deleted)
            continue; // these tools have no deletion
        QString runDir =
            w.unique(byExperiment ? run.experiment + '/' + run.name : run.name, run.id);
        if (!writeRun(w, runDir, run))
            return false;
    }
    return true;
}

} // namespace

bool writeDemoDvclive(const QString &dir, const DemoOptions &options, QString *error) {
    return writeAll(dir, QStringLiteral("dvclive"), options, error, true, writeDvcliveRun);
}

bool writeDemoHfTrainer(const QString &dir, const DemoOptions &options, QString *error) {
    return writeAll(dir, QStringLiteral("hf-trainer"), options, error, false, writeHfRun);
}

bool writeDemoAllennlp(const QString &dir, const DemoOptions &options, QString *error) {
    return writeAll(dir, QStringLiteral("allennlp"), options, error, false, writeAllennlpRun);
}

} // namespace runlens::demo
