// SPDX-License-Identifier: GPL-3.0-or-later
#include "rungroups.h"

#include "core/runfield.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <cmath>

namespace runlens::analysis {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::analysis::RunGroups)
};

QString valueText(const QVariant &v) {
    if (!v.isValid())
        return QStringLiteral("—");
    if (v.typeId() == QMetaType::Double)
        return QString::number(v.toDouble(), 'g', 6);
    return v.toString();
}

// The short name of a field in a label: "lr" for "params.lr".
QString shortName(const QString &field) {
    const qsizetype dot = field.indexOf(u'.');
    return dot < 0 ? field : field.mid(dot + 1);
}

} // namespace

std::vector<RunGroup> groupRuns(const std::vector<const core::Run *> &runs, const GroupSpec &spec) {
    // The fields that make a run's group, in a stable order.
    QStringList fields = spec.fields;
    if (spec.allParams) {
        for (const core::Run *run : runs) {
            for (const core::ConfigTree::Entry &e : run->config.entries()) {
                const QString field = QStringLiteral("params.") + e.key;
                if (!spec.exceptParams.contains(e.key) && !fields.contains(field))
                    fields.push_back(field);
            }
        }
    }
    std::vector<core::RunField> parsed;
    for (const QString &f : fields)
        parsed.push_back(core::RunField::parse(f));

    std::vector<QStringList> values(runs.size());
    for (size_t i = 0; i < runs.size(); ++i) {
        for (const core::RunField &f : parsed)
            values[i].push_back(valueText(f.isValid() ? f.value(*runs[i]) : QVariant()));
    }
    // Only the fields whose value differs between runs name a group.
    std::vector<bool> differs(parsed.size(), false);
    for (size_t f = 0; f < parsed.size(); ++f) {
        for (size_t i = 1; i < runs.size() && !differs[f]; ++i)
            differs[f] = values[i][qsizetype(f)] != values[0][qsizetype(f)];
    }

    std::vector<RunGroup> groups;
    QHash<QStringList, int> index;
    for (size_t i = 0; i < runs.size(); ++i) {
        const auto it = index.constFind(values[i]);
        if (it != index.constEnd()) {
            groups[size_t(*it)].members.push_back(int(i));
            continue;
        }
        RunGroup g;
        QStringList parts;
        for (size_t f = 0; f < parsed.size(); ++f) {
            if (differs[f])
                parts.push_back(shortName(fields[qsizetype(f)]) + u'=' + values[i][qsizetype(f)]);
        }
        g.label = parts.isEmpty() ? Tr::tr("all runs") : parts.join(QStringLiteral(", "));
        g.members.push_back(int(i));
        index.insert(values[i], int(groups.size()));
        groups.push_back(std::move(g));
    }
    return groups;
}

bool lowerIsBetter(const QString &metric) {
    static const QRegularExpression lower(
        QStringLiteral("loss|err|perplexity|ppl|mse|mae|rmse|wer|cer|nll|bpd|fid|regret|"
                       "distance|time|latency"),
        QRegularExpression::CaseInsensitiveOption);
    return lower.match(metric).hasMatch();
}

std::vector<double> runValues(const std::vector<const core::Run *> &runs, const QString &metric,
                              CompareWhat what) {
    const bool lower = lowerIsBetter(metric);
    std::vector<double> out;
    for (const core::Run *run : runs) {
        const core::MetricSummary *s = run->metric(metric);
        if (!s)
            continue;
        const double v = what == CompareWhat::Final ? s->last : (lower ? s->min : s->max);
        if (std::isfinite(v))
            out.push_back(v);
    }
    return out;
}

} // namespace runlens::analysis
