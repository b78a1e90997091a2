// SPDX-License-Identifier: GPL-3.0-or-later
#include "frameworkparser.h"

#include "treeparse.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <charconv>
#include <cmath>

namespace runlens::sources::framework {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::FrameworkLogs)
};

/// A JSON/YAML value as a metric value: numbers and number-like strings ("nan", "inf", "0.5");
/// booleans and other text are not metrics.
std::optional<double> numberOf(const QVariant &v) {
    switch (v.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
    case QMetaType::UInt:
    case QMetaType::Double:
    case QMetaType::Float:
        return v.toDouble();
    case QMetaType::QString:
        return treeparse::parseNumber(v.toString().toStdString());
    default:
        return std::nullopt;
    }
}

/// An integral step from a JSON value (the Trainer writes ints; tolerate 100.0).
std::optional<qint64> stepOf(const QVariant &v) {
    const auto d = numberOf(v);
    if (!d || !std::isfinite(*d) || std::abs(*d) > 9.0e18)
        return std::nullopt;
    return qint64(std::llround(*d));
}

bool parseJsonRoot(std::string_view bytes, FileContribution &out, QVariantMap &root) {
    treeparse::ParseError error;
    const QVariant tree = treeparse::parseJson(bytes, &error);
    if (error.failed()) {
        out.problem(error.where(), Tr::tr("Not valid JSON: %1").arg(error.message));
        out.retryLater = true;
        return false;
    }
    if (tree.typeId() != QMetaType::QVariantMap) {
        out.problem({}, Tr::tr("Expected a JSON object"));
        return false;
    }
    root = tree.toMap();
    return true;
}

void addNestedPoints(const QVariantMap &map, const QString &prefix, qint64 step,
                     const std::function<bool(const QString &)> &hasHistory, FileContribution &out,
                     int depth) {
    if (depth > 64)
        return;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (depth == 0 && it.key() == u"step")
            continue;
        const QString key = prefix + it.key();
        if (it.value().typeId() == QMetaType::QVariantMap) {
            addNestedPoints(it.value().toMap(), key + u'/', step, hasHistory, out, depth + 1);
            continue;
        }
        const auto value = numberOf(it.value());
        if (!value || (hasHistory && hasHistory(key)))
            continue;
        out.addPoint(key, core::MetricPoint{step, 0, *value});
    }
}

std::string_view chopCr(std::string_view line) {
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    return line;
}

/// Splits a TSV line at tabs into fields (views into line).
void splitTabs(std::string_view line, std::vector<std::string_view> &fields) {
    fields.clear();
    size_t start = 0;
    for (;;) {
        const size_t tab = line.find('\t', start);
        if (tab == std::string_view::npos) {
            fields.push_back(line.substr(start));
            return;
        }
        fields.push_back(line.substr(start, tab - start));
        start = tab + 1;
    }
}

std::optional<qint64> parseInteger(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    qint64 i = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
    if (ec == std::errc() && p == text.data() + text.size())
        return i;
    // "3.0" from a float step
    const auto d = treeparse::parseNumber(text);
    if (d && std::isfinite(*d) && std::abs(*d) < 9.0e18)
        return qint64(std::llround(*d));
    return std::nullopt;
}

} // namespace

// --- DVCLive ----------------------------------------------------------------------------------

void parseDvcliveTsv(const FileInput &input, const QString &key, FileContribution &out) {
    const std::string_view bytes = input.bytes;
    size_t pos = 0;
    qint64 lineNo = input.units; // complete lines (header included) before bytes
    std::string_view header;
    if (input.offset == 0) {
        const size_t nl = bytes.find('\n');
        if (nl == std::string_view::npos) {
            out.consumed = 0; // not even the header yet
            return;
        }
        header = chopCr(bytes.substr(0, nl));
        pos = nl + 1;
        ++lineNo;
    } else {
        const size_t nl = input.head.find('\n');
        header = chopCr(input.head.substr(0, nl));
    }
    std::vector<std::string_view> fields;
    splitTabs(header, fields);
    qsizetype stepColumn = -1;
    qsizetype timeColumn = -1;
    qsizetype valueColumn = -1;
    for (qsizetype i = 0; i < qsizetype(fields.size()); ++i) {
        if (fields[size_t(i)] == "step")
            stepColumn = i;
        else if (fields[size_t(i)] == "timestamp")
            timeColumn = i;
        else
            valueColumn = i; // the name column: the last one that is neither
    }
    if (valueColumn < 0 && stepColumn >= 0 && fields.size() == 1) {
        // A metric whose name ends in "step" ("train/step"): DVCLive's row dict lost the step
        // to the value, so the one column is the value and the step is the row index.
        valueColumn = stepColumn;
        stepColumn = -1;
    }
    if (valueColumn < 0) {
        if (input.offset == 0)
            out.problem(QStringLiteral("line 1"),
                        Tr::tr("The header has no value column: %1")
                            .arg(QString::fromUtf8(header.data(), qsizetype(header.size()))));
        out.consumed = qint64(bytes.size());
        out.units = 0;
        return;
    }
    const size_t needed = size_t(std::max({stepColumn, timeColumn, valueColumn})) + 1;
    qint64 units = input.offset == 0 ? 1 : 0;
    while (pos < bytes.size()) {
        if (input.cancel && (lineNo & 0xffff) == 0 && input.cancel->load(std::memory_order_relaxed))
            break;
        const size_t nl = bytes.find('\n', pos);
        if (nl == std::string_view::npos)
            break; // partial line: resume here
        const std::string_view line = chopCr(bytes.substr(pos, nl - pos));
        pos = nl + 1;
        ++lineNo;
        ++units;
        if (line.empty())
            continue;
        splitTabs(line, fields);
        if (fields.size() < needed) {
            out.problem(QStringLiteral("line %1").arg(lineNo),
                        Tr::tr("Expected %1 tab-separated columns, found %2")
                            .arg(needed)
                            .arg(fields.size()));
            continue;
        }
        const auto value = treeparse::parseNumber(fields[size_t(valueColumn)]);
        if (!value)
            continue; // DVCLive also logs plain strings: not a number to plot
        core::MetricPoint p;
        p.value = *value;
        if (stepColumn >= 0) {
            const auto step = parseInteger(fields[size_t(stepColumn)]);
            if (!step) {
                out.problem(QStringLiteral("line %1").arg(lineNo),
                            Tr::tr("The step is not a number"));
                continue;
            }
            p.step = *step;
        } else {
            p.step = lineNo - 2; // 0-based row index below the header
        }
        if (timeColumn >= 0)
            p.timeMs = parseInteger(fields[size_t(timeColumn)]).value_or(0);
        out.addPoint(key, p);
    }
    out.consumed = qint64(pos);
    out.units = units;
}

void parseDvcliveSummary(std::string_view bytes,
                         const std::function<bool(const QString &key)> &hasHistory,
                         FileContribution &out) {
    QVariantMap root;
    if (!parseJsonRoot(bytes, out, root))
        return;
    const qint64 step = stepOf(root.value(QStringLiteral("step"))).value_or(0);
    addNestedPoints(root, {}, step, hasHistory, out, 0);
}

void parseYamlConfig(std::string_view bytes, FileContribution &out, const QString &prefix) {
    treeparse::ParseError error;
    const QVariant tree = treeparse::parseYaml(bytes, &error);
    if (error.failed()) {
        out.problem(error.where(), Tr::tr("Not valid YAML: %1").arg(error.message));
        out.retryLater = true;
        return;
    }
    if (tree.isValid())
        out.config.insertTree(tree, prefix);
}

void parseJsonConfig(std::string_view bytes, FileContribution &out, const QString &prefix) {
    QVariantMap root;
    if (parseJsonRoot(bytes, out, root))
        out.config.insertTree(root, prefix);
}

// --- Hugging Face Trainer ---------------------------------------------------------------------

void parseHfTrainerState(std::string_view bytes, FileContribution &out) {
    QVariantMap root;
    if (!parseJsonRoot(bytes, out, root))
        return;
    const QVariantList history = root.value(QStringLiteral("log_history")).toList();
    bool finished = false;
    qint64 index = 0;
    for (const QVariant &item : history) {
        const QVariantMap entry = item.toMap();
        const qint64 step = stepOf(entry.value(QStringLiteral("step"))).value_or(index);
        ++index;
        for (auto it = entry.cbegin(); it != entry.cend(); ++it) {
            if (it.key() == u"step")
                continue;
            if (it.key() == u"train_runtime")
                finished = true;
            if (const auto value = numberOf(it.value()))
                out.addPoint(it.key(), core::MetricPoint{step, 0, *value});
        }
    }
    const auto globalStep = stepOf(root.value(QStringLiteral("global_step")));
    if (const auto best = numberOf(root.value(QStringLiteral("best_metric")))) {
        const qint64 at =
            stepOf(root.value(QStringLiteral("best_global_step"))).value_or(globalStep.value_or(0));
        out.addPoint(QStringLiteral("best_metric"), core::MetricPoint{at, 0, *best});
    }
    static const char *const setup[] = {"max_steps",     "num_train_epochs", "train_batch_size",
                                        "logging_steps", "eval_steps",       "save_steps"};
    for (const char *name : setup) {
        const QString key = QString::fromLatin1(name);
        const QVariant v = root.value(key);
        if (v.isValid())
            out.config.set(key, v);
    }
    const QVariant trial = root.value(QStringLiteral("trial_params"));
    if (trial.typeId() == QMetaType::QVariantMap)
        out.config.insertTree(trial);
    const QString bestCheckpoint = root.value(QStringLiteral("best_model_checkpoint")).toString();
    if (!bestCheckpoint.isEmpty())
        out.tags.insert(QStringLiteral("best_model_checkpoint"), bestCheckpoint);
    const QVariant trialName = root.value(QStringLiteral("trial_name"));
    if (trialName.typeId() == QMetaType::QString && !trialName.toString().isEmpty()) {
        out.tags.insert(QStringLiteral("trial_name"), trialName.toString());
        out.name = trialName.toString();
    }
    const QVariantMap control = root.value(QStringLiteral("stateful_callbacks"))
                                    .toMap()
                                    .value(QStringLiteral("TrainerControl"))
                                    .toMap()
                                    .value(QStringLiteral("args"))
                                    .toMap();
    if (control.value(QStringLiteral("should_training_stop")).toBool())
        finished = true;
    if (finished)
        out.status = core::RunStatus::Finished;
}

void parseHfResults(std::string_view bytes, qint64 step, FileContribution &out) {
    QVariantMap root;
    if (!parseJsonRoot(bytes, out, root))
        return;
    for (auto it = root.cbegin(); it != root.cend(); ++it) {
        if (const auto value = numberOf(it.value()))
            out.addPoint(it.key(), core::MetricPoint{step, 0, *value});
    }
}

std::optional<qint64> hfGlobalStep(std::string_view head) {
    constexpr std::string_view key = "\"global_step\"";
    const size_t at = head.find(key);
    if (at == std::string_view::npos)
        return std::nullopt;
    size_t pos = at + key.size();
    while (pos < head.size() && (head[pos] == ' ' || head[pos] == ':' || head[pos] == '\t' ||
                                 head[pos] == '\n' || head[pos] == '\r'))
        ++pos;
    qint64 step = 0;
    const auto [p, ec] = std::from_chars(head.data() + pos, head.data() + head.size(), step);
    if (ec != std::errc() || p == head.data() + pos)
        return std::nullopt;
    return step;
}

std::optional<qint64> hfCheckpointStep(QStringView folderName) {
    if (!folderName.startsWith(u"checkpoint-"))
        return std::nullopt;
    bool ok = false;
    const qint64 n = folderName.mid(11).toLongLong(&ok);
    return ok && n >= 0 ? std::optional<qint64>(n) : std::nullopt;
}

// --- AllenNLP ---------------------------------------------------------------------------------

std::optional<qint64> allennlpEpochOfFile(QStringView fileName) {
    if (!fileName.startsWith(u"metrics_epoch_") || !fileName.endsWith(u".json"))
        return std::nullopt;
    const QStringView digits = fileName.mid(14, fileName.size() - 14 - 5);
    bool ok = false;
    const qint64 n = digits.toLongLong(&ok);
    return ok && n >= 0 && !digits.startsWith(u'+') ? std::optional<qint64>(n) : std::nullopt;
}

std::optional<double> parseDurationSeconds(QStringView text) {
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*(?:(-?\d+) days?, )?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d*)?)\s*$)"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const double days = m.capturedView(1).isEmpty() ? 0 : m.capturedView(1).toDouble();
    return days * 86400.0 + m.capturedView(2).toDouble() * 3600.0 +
           m.capturedView(3).toDouble() * 60.0 + m.capturedView(4).toDouble();
}

void parseAllennlpMetrics(std::string_view bytes, qint64 epoch, FileContribution &out,
                          const std::function<bool(const QString &key, qint64 step)> &skip) {
    QVariantMap root;
    if (!parseJsonRoot(bytes, out, root))
        return;
    qint64 step = epoch;
    if (step < 0)
        step = stepOf(root.value(QStringLiteral("epoch"))).value_or(0);
    for (auto it = root.cbegin(); it != root.cend(); ++it) {
        const QString &key = it.key();
        if (key == u"epoch" || key == u"training_start_epoch")
            continue;
        std::optional<double> value;
        if (key.endsWith(u"_duration") && it.value().typeId() == QMetaType::QString)
            value = parseDurationSeconds(it.value().toString());
        else
            value = numberOf(it.value());
        if (!value || (skip && skip(key, step)))
            continue;
        out.addPoint(key, core::MetricPoint{step, 0, *value});
    }
}

QStringList jsonKeys(std::string_view bytes) {
    treeparse::ParseError error;
    return treeparse::parseJson(bytes, &error).toMap().keys();
}

} // namespace runlens::sources::framework
